"""An article's text as HTML with its claims' numbers, source mentions and copied
passages marked, from the offsets the store keeps (no re-parsing).

The text is cut at every start and end; each piece is wrapped in the marks that
cover it, so overlapping marks never produce broken HTML.
"""
from __future__ import annotations

from html import escape

from markupsafe import Markup


def highlight(text: str, claims: list[dict], copies: list[dict], article_id: str) -> Markup:
    """``claims`` and ``copies`` are the records of ``queries.article``."""
    marks: list[tuple[int, int, str, int]] = []  # (start, end, kind, index)
    for i, c in enumerate(claims):
        marks.append((c["start"], c["end"], "num", i))
        for start, end in c["source_spans"]:
            if end is not None and start < end:
                marks.append((start, end, "src", i))
    for i, cp in enumerate(copies):
        if cp["copy"]["article"] == article_id:
            marks.append((cp["copy"]["start"], cp["copy"]["end"], "copied", i))
        if cp["first"]["article"] == article_id:
            marks.append((cp["first"]["start"], cp["first"]["end"], "original", i))
    marks = [(max(0, s), min(len(text), e), k, i) for s, e, k, i in marks if s < e]
    cuts = sorted({0, len(text), *(s for s, *_ in marks), *(e for _, e, *_ in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        out.append(_piece(text[a:b], a, covering, claims, copies))
    return Markup("".join(out))


def _piece(chunk: str, at: int, covering: list, claims: list[dict], copies: list[dict]) -> str:
    html = escape(chunk, quote=False)
    nums = sorted({i for s, e, k, i in covering if k == "num"})
    srcs = sorted({i for s, e, k, i in covering if k == "src"})
    if nums:
        anchor = f' id="claim-{at}"' if claims[nums[0]]["start"] == at else ""
        html = f'<mark class="num" data-claim="{nums[0]}" tabindex="0"{anchor}>{html}</mark>'
    elif srcs:
        html = f'<mark class="src" data-claims="{" ".join(map(str, srcs))}">{html}</mark>'
    for s, e, kind, i in covering:
        if kind == "copied":
            first = copies[i]["first"]
            link = ""
            if s == at:  # the passage starts here: say where it was first seen
                href = f"/articles/{escape(first['article'])}#p-{first['start']}-{first['end']}"
                link = (f'<a class="first-seen" href="{href}" title="first seen in '
                        f'{escape(first["article"])}">first seen in {escape(first["article"])}</a>')
            html = f'{link}<span class="copied">{html}</span>'
        elif kind == "original":
            anchor = f' id="p-{s}-{e}"' if s == at else ""
            html = f'<span class="original"{anchor}>{html}</span>'
    return html
