"""Small inline SVG charts drawn on the server: no chart library, nothing fetched.

    figures_over_time(series)   each source's figure for one category, by the date said
    ranges_over_time(points)    each event's range of figures for one category (log scale)
"""
from __future__ import annotations

import math
from datetime import date
from html import escape

from markupsafe import Markup

W, H, PAD = 640, 220, 44
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


def figures_over_time(series: dict[str, list[list]]) -> Markup:
    """``series``: source -> [[iso date, value, span], ...]; one line per source."""
    points = [(date.fromisoformat(d), v) for rows in series.values() for d, v, _ in rows if v is not None]
    if not points:
        return Markup('<p class="muted">No dated figures to draw.</p>')
    x = _time_axis([d for d, _ in points])
    top = max(v for _, v in points) or 1
    y = lambda v: H - PAD - (H - 2 * PAD) * v / top  # noqa: E731
    parts = [_frame(x, f"0 – {top:,}")]
    for n, (source, rows) in enumerate(sorted(series.items())):
        colour = PALETTE[n % len(PALETTE)]
        xy = sorted((x(date.fromisoformat(d)), y(v), span) for d, v, span in rows if v is not None)
        if len(xy) > 1:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                         + " ".join(f"{a:.1f},{b:.1f}" for a, b, _ in xy) + '"/>')
        for a, b, span in xy:
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="4" fill="{colour}">'
                         f"<title>{escape(source)}: {escape(str(span))}</title></circle>")
        parts.append(f'<text x="{PAD + 4}" y="{14 + 14 * n}" fill="{colour}" font-size="12">'
                     f"{escape(source)}</text>")
    return _svg(parts)


def ranges_over_time(points: list[dict]) -> Markup:
    """``points``: [{date, low, high, event, where}]; a bar from low to high per event."""
    if not points:
        return Markup('<p class="muted">No dated figures.</p>')
    x = _time_axis([date.fromisoformat(p["date"]) for p in points])
    values = [v for p in points for v in (p["low"], p["high"]) if v]
    top = math.log10(max(values or [1]) * 1.2 + 1)
    y = lambda v: H - PAD - (H - 2 * PAD) * math.log10((v or 0) + 1) / top  # noqa: E731
    parts = [_frame(x, f"1 – {max(values or [1]):,} (log)")]
    for p in points:
        low, high = p["low"] if p["low"] is not None else p["high"], p["high"] or p["low"]
        cx, y1, y2 = x(date.fromisoformat(p["date"])), y(low), y(high)
        label = f"{p['where']} {p['date']}: {low if low is not None else '?'}–{high or '?'}"
        parts.append(f'<a href="/events/{escape(p["event"])}"><title>{escape(label)}</title>'
                     f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y1:.1f}" y2="{min(y2, y1 - 2):.1f}" '
                     f'stroke="#d62728" stroke-width="5" stroke-linecap="round"/></a>')
    return _svg(parts)


def _time_axis(days: list[date]):
    lo, hi = min(days).toordinal(), max(days).toordinal()
    if lo == hi:
        lo, hi = lo - 15, hi + 15
    scale = lambda d: PAD + (W - 2 * PAD) * (d.toordinal() - lo) / (hi - lo)  # noqa: E731
    scale.labels = (date.fromordinal(lo).isoformat(), date.fromordinal(hi).isoformat())
    return scale


def _frame(x, y_label: str) -> str:
    first, last = x.labels
    return (f'<line x1="{PAD}" x2="{W - PAD}" y1="{H - PAD}" y2="{H - PAD}" stroke="#999"/>'
            f'<line x1="{PAD}" x2="{PAD}" y1="{PAD}" y2="{H - PAD}" stroke="#999"/>'
            f'<text x="{PAD}" y="{H - PAD + 16}" font-size="11">{first}</text>'
            f'<text x="{W - PAD}" y="{H - PAD + 16}" font-size="11" text-anchor="end">{last}</text>'
            f'<text x="4" y="{PAD - 8}" font-size="11" fill="#555">{escape(y_label)}</text>')


def _svg(parts: list[str]) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')
