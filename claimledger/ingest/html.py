"""Saved HTML pages: trafilatura finds the main text, title, date and URL (offline)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .text import parse_date, sniff

NO_TEXT = ("no article text found in the HTML: save the article page itself, "
           "or paste its text into a .txt file with a date header")

_SHORT = 2000  # characters: a longer text is no menu (and the check costs a parse)
_CHROME = ("a", "nav", "header", "footer", "menu", "button", "option", "label")
_WORD = re.compile(r"\w+")

# htmldate's extensive search guesses from any date in the page text; a wrong
# publication date would shift every relative time, so only trust page metadata.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def read_html(path: Path, today: date | None = None) -> Iterator[Article | Failure]:
    """One HTML file: an Article, or a Failure when no main text is found."""
    origin = str(path)
    data = path.read_bytes()
    problem = sniff(data, origin)
    yield problem or parse_html(data, path.stem, origin, today or date.today())


def parse_html(data: bytes | str, article_id: str, origin: str,
               today: date) -> Article | Failure:
    """Extract one page; trafilatura sniffs the encoding of bytes itself."""
    import trafilatura  # slow to import: only pay for it when there is HTML to read

    params = dict(_DATE_PARAMS, max_date=today.isoformat())
    try:
        document = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=params)
    # a third-party parser can fail in many ways; one bad page must not stop a batch
    except Exception as error:  # noqa: BLE001
        return Failure(origin, f"{NO_TEXT} (trafilatura: {error})")
    found = _as_dict(document)
    text = found.get("text")
    if not text or not text.strip():
        return Failure(origin, NO_TEXT)
    if len(text) < _SHORT and _only_navigation(data, text):
        return Failure(origin, NO_TEXT.replace(" in the HTML", " in the HTML, only its "
                                               f"navigation ({text.strip()[:60]!r})"))
    published = parse_date(found["date"], origin, None, today) if found.get("date") else None
    if isinstance(published, Failure):
        return published
    return Article(id=article_id, text=text, published=published,
                   outlet=found.get("sitename") or None, url=found.get("url") or None,
                   title=found.get("title") or None, origin=origin)


def _only_navigation(data: bytes | str, text: str) -> bool:
    """Whether every word of ``text`` stands in the page's links, menus, header or footer:
    trafilatura falls back to those when a page has no article ("Home ")."""
    import lxml.html  # trafilatura's own parser, so always installed with it

    try:
        root = lxml.html.fromstring(data)
    except Exception:  # noqa: BLE001 -- lxml raises several kinds on junk; keep the text
        return False
    chrome = " ".join(e.text_content() for e in root.iter(*_CHROME))
    return set(_WORD.findall(text.casefold())) <= set(_WORD.findall(chrome.casefold()))


def _as_dict(document: object) -> dict:
    """trafilatura 2 returns a Document, 1.x a dict (pyproject allows both)."""
    if document is None:
        return {}
    return document if isinstance(document, dict) else document.as_dict()
