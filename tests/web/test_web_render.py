"""Highlighting an article from offsets: overlapping marks stay well nested."""
from __future__ import annotations

from html.parser import HTMLParser

from claimledger.web.render import highlight

TEXT = "Reuters said 12 people were killed & 3 <injured>."


def _claim(start, end, sources=()):
    return {"start": start, "end": end, "source_spans": [list(s) for s in sources]}


class _Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text = [], ""

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag

    def handle_data(self, data):
        self.text += data


def test_numbers_sources_and_copies_nest_and_keep_the_text():
    claims = [_claim(13, 15, [(0, 7)]), _claim(37, 38, [(0, 7)])]
    copies = [{"first": {"article": "a0", "start": 5, "end": 20},
               "copy": {"article": "b1", "start": 8, "end": 40}}]
    html = highlight(TEXT, claims, copies, "b1")
    parser = _Nesting()
    parser.feed(str(html))
    assert parser.stack == []
    assert parser.text.replace("first seen in a0", "") == TEXT  # escaped, then read back
    assert '<mark class="num" data-claim="0" tabindex="0" id="claim-13">12</mark>' in html
    assert '<mark class="src" data-claims="0 1">Reuters</mark>' in html
    assert 'href="/articles/a0#p-5-20"' in html and html.count("first seen in a0</a>") == 1


def test_the_first_side_of_a_copy_is_an_anchor():
    copies = [{"first": {"article": "a0", "start": 0, "end": 7}, "copy": {"article": "b1", "start": 0, "end": 7}}]
    assert '<span class="original" id="p-0-7">Reuters</span>' in highlight(TEXT, [], copies, "a0")
