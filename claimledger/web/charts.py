"""Small inline SVG charts drawn on the server: no chart library, nothing fetched.

    figures_over_time(series)   each source's figure for one category, by the date said
    periods(category, rows)     per week, month or year: its range of figures and its events
    genealogy(record)           one figure's mentions: sayers as lanes, relays as arrows
"""
from __future__ import annotations

import math
from datetime import date
from html import escape

from markupsafe import Markup

from ..words import plural

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


def periods(category: str, rows: list[dict]) -> Markup:
    """``rows``: a category's periods of ``periods.overview``. Per period a bar from its
    lowest to its highest figure (log scale) above a column of its events counted, as
    wide as the period; each links to the period's events."""
    if not rows:
        return Markup('<p class="muted">No dated events.</p>')
    x = _time_axis([date.fromisoformat(p[k]) for p in rows for k in ("first", "last")])
    values = [v for p in rows for v in (p["low"], p["high"]) if v]
    top = math.log10(max(values or [1]) * 1.2 + 1)
    y = lambda v: H - PAD - (H - 2 * PAD) * math.log10(v + 1) / top  # noqa: E731
    most = max(p["events"] for p in rows)
    parts = [_frame(x, f"1 – {max(values or [1]):,} (log); below, events")]
    for p in rows:
        x1, x2 = x(date.fromisoformat(p["first"])), x(date.fromisoformat(p["last"])) + 1
        mid, wide = (x1 + x2) / 2, max(x2 - x1 - 1, 2)
        low, high = p["low"] if p["low"] is not None else p["high"], p["high"] or p["low"]
        span = "no figure" if low is None else f"{low:,}" if low == high else f"{low:,}–{high:,}"
        tall = 16 * p["events"] / most
        part = (f'<a href="/timeline/{p["period"]}?category={escape(category)}"><title>{p["period"]}: '
                f'{plural(p["events"], "event")}, {span}</title><rect x="{x1:.1f}" y="{H - PAD + 38 - tall:.1f}" '
                f'width="{wide:.1f}" height="{tall:.1f}" fill="#999"/>')
        if low is not None:
            part += (f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{y(low):.1f}" y2="{min(y(high), y(low) - 2):.1f}" '
                     f'stroke="#d62728" stroke-width="{min(max(wide, 3), 12):.0f}"/>')
        parts.append(part + "</a>")
    return _svg(parts)


LANE, OWN = 30, "(stated on the article's own authority)"


def genealogy(g: dict) -> Markup:
    """``g``: a genealogy record of ``trace.py``. Each name of a chain is a lane; a mention
    is a dot in its first sayer's lane, an arrow to each relay's lane; a mention with no
    sayer sits in the bottom lane, marked with a red cross when it repeats a credited figure."""
    days = [date.fromisoformat(d) for m in g["mentions"]
            for d in [m["said"], m["published"], *(s["date"] for s in m["chain"])] if d]
    if not days:
        return Markup('<p class="muted">No dated mentions to draw.</p>')
    x = _time_axis(days)
    lanes = list(dict.fromkeys(s["name"] for m in g["mentions"] for s in m["chain"]))
    lanes.append(OWN)
    height = PAD + LANE * len(lanes) + 24
    y = {name: PAD + LANE * i + LANE / 2 for i, name in enumerate(lanes)}
    arrow = escape(f"relay-{g['category']}-{g['value']}-{g['low']}-{g['high']}")  # one id per chart
    parts = [f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
             'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']
    for name in lanes:
        parts.append(f'<line x1="{PAD}" x2="{W - PAD}" y1="{y[name]:.1f}" y2="{y[name]:.1f}" stroke="#ddd"/>'
                     f'<text x="{PAD}" y="{y[name] - 6:.1f}" font-size="10" fill="#555">{escape(name)}</text>')
    first, last = x.labels
    parts.append(f'<text x="{PAD}" y="{height - 6}" font-size="11">{first}</text>'
                 f'<text x="{W - PAD}" y="{height - 6}" font-size="11" text-anchor="end">{last}</text>')
    for m in g["mentions"]:
        parts.extend(_mention(m, x, y, arrow))
    return Markup(f'<svg class="chart genealogy" viewBox="0 0 {W} {height}" role="img" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


def _mention(m: dict, x, y: dict, arrow: str) -> list[str]:
    when = m["said"] or m["published"]
    label = escape(f"{m['article']}: {m['span']} ({' → '.join(m['sources']) or 'no sayer'})"
                   + (", copied" if m["copied"] else "") + "".join(f", {f}" for f in m["flags"]))
    if not m["chain"]:
        if not when:
            return []
        cx, cy = x(date.fromisoformat(when)), y[OWN]
        if "unattributed_repeat" in m["flags"]:
            return [f'<g class="unattributed-repeat"><title>{label}</title>'
                    f'<path d="M{cx - 5:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy + 5:.1f} M{cx - 5:.1f},{cy + 5:.1f} '
                    f'L{cx + 5:.1f},{cy - 5:.1f}" stroke="#d62728" stroke-width="3"/></g>']
        return [f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#999"><title>{label}</title></circle>']
    points = []
    for s in m["chain"]:
        day = s["date"] or when
        if day:
            points.append((x(date.fromisoformat(day)), y[s["name"]]))
    out = []
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        out.append(f'<line class="relay" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke="#555" stroke-width="1.5" marker-end="url(#{arrow})"/>')
    fill = "#ff7f0e" if "sayer_changed" in m["flags"] else "#1f77b4"
    ring = ' stroke="#000" stroke-width="2"' if m["copied"] else ""  # a copy of an earlier passage
    for cx, cy in points[:1]:
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}"{ring}>'
                   f'<title>{label}</title></circle>')
    return out


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
