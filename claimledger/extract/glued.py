"""Tokens the tokenizer leaves whole where a copied page glued words together, cut
before parsing: a box label run into its figure ("Arrested14,000+", "Death(s)12–15"),
a reference mark on a word ("41[3]", "protesters)[2]", "killed.[12]") and a tilde on a
figure ("~2,000"). Without the cut the figure is no number token and is lost.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .labels import alternation, label_data


@cache
def _glued_pattern() -> re.Pattern:
    words = [w for ws in label_data()["labels"].values() for w in ws if " " not in w]
    return re.compile(rf"(?:{alternation(words)})(?:\(s\))?(?=\d)", re.I)


_MARK = re.compile(r"(?<=\S)\[(?:\d{1,3}|[a-z]{1,2}|citation needed|note \d{1,3}|nb \d{1,3})\]", re.I)
_BEFORE_MARK = ".,;:)+"
_ABOUT = "~≈"


def split_glued(doc) -> None:
    """Cut the glued tokens of a Doc in place (see the module's docstring)."""
    text = doc.text
    glued = _glued_pattern()
    cuts = {t.idx + m.end() for t in doc if t.text[:1].isalpha() and not t.text.isalpha()
            and (m := glued.match(t.text))}
    cuts |= {t.idx + 1 for t in doc if t.text[:1] in _ABOUT and t.text[1:2].isdigit()}  # "~2,000"
    if "[" in text:
        for m in _MARK.finditer(text):
            at = m.start()
            cuts.add(at)
            while at > 0 and text[at - 1] in _BEFORE_MARK:
                at -= 1
                cuts.add(at)
    by_token: dict[int, list[int]] = {}
    starts = [t.idx for t in doc] if cuts else []
    for cut in cuts:
        tok = _token_across(doc, starts, cut)
        if tok is not None:
            by_token.setdefault(tok.i, []).append(cut - tok.idx)
    if not by_token:
        return
    with doc.retokenize() as retokenizer:
        for i, offsets in by_token.items():
            tok = doc[i]
            bounds = [0, *sorted(set(offsets)), len(tok.text)]
            orths = [tok.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(tok, orths, heads=[(tok, len(orths) - 1)] * len(orths))


def _token_across(doc, starts: list[int], cut: int):
    """The token that holds char ``cut`` inside it (not at its edge), if any."""
    k = bisect_right(starts, cut) - 1
    if k < 0:
        return None
    tok = doc[k]
    return tok if tok.idx < cut < tok.idx + len(tok.text) else None
