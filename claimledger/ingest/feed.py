"""RSS and Atom feeds saved to a file (.rss, .atom, .xml): each item is an article.

The text is the item's content, or else its summary (HTML turned into text); no
page is fetched (``claimledger watch`` does that). The article id is the item's
id (its guid, else its link), the outlet the link's domain.
"""
from __future__ import annotations

import re
from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from ..model import Article, Failure
from ..outlets import domain_of
from .text import parse_date, sniff

NOT_A_FEED = ("not an RSS or Atom feed ({why}): save the feed's XML itself, "
              "or give the file another extension")
_ITEM_TAG = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>/]")
_CLOSED = re.compile(rb"</(?:\w+:)?(?:rss|feed|RDF)>\s*$")
_BLOCK = re.compile(r"(?i)</?(p|div|br|li|dt|dd|h[1-6]|blockquote|tr)\b[^>]*>")
_CELL_END = re.compile(r"(?i)</t[dh]\s*>")  # "Deaths</td><td>41": keep the cells apart


def read_feed(path: Path, today: date | None = None) -> Iterator[Article | Failure]:
    """Every item of one saved feed: an Article, or a Failure naming the item."""
    origin = str(path)
    data = path.read_bytes()
    problem = sniff(data, origin)
    if problem:
        yield problem
        return
    parsed = parse_feed(data, origin)
    if isinstance(parsed, Failure):
        yield parsed
        return
    broken = xml_problem(parsed)
    for number, entry in enumerate(parsed.entries, 1):
        found = entry_article(entry, number, origin, today or date.today())
        yield blame_xml(found, broken, number) if isinstance(found, Failure) else found
    lost = lost_items(parsed, data, broken, origin)
    if lost:
        yield lost


def parse_feed(data: bytes, origin: str):
    """feedparser's result, or a Failure when the data holds no feed at all."""
    import feedparser  # only when there is a feed to read

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        why = str(parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element")
        return Failure(origin, NOT_A_FEED.format(why=why.splitlines()[0]))
    return parsed


def xml_problem(parsed) -> tuple[str, int | None] | None:
    """The XML parser's own complaint about a feed that is not well-formed, and its
    line: ("the feed is not well-formed XML at line 2, column 44 (mismatched tag)", 2).
    None when the XML is whole (feedparser's notes on encodings are no complaint)."""
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if error is None or not hasattr(error, "getLineNumber"):
        return None
    line, column = error.getLineNumber(), error.getColumnNumber()
    why = getattr(error, "getMessage", lambda: str(error))()
    return f"the feed is not well-formed XML at line {line}, column {column} ({why})", line


def blame_xml(failure: Failure, broken: tuple[str, int | None] | None, number: int) -> Failure:
    """An item's failure in a broken feed: the XML's complaint is the reason, not a
    missing field the break caused."""
    if broken is None:
        return failure
    return Failure(failure.origin, f"item {number} is cut or garbled: {broken[0]}; "
                   "fix the feed file or save it again", number)


def lost_items(parsed, data: bytes, broken: tuple[str, int | None] | None,
               origin: str) -> Failure | None:
    """One failure for a feed whose XML breaks where items may be lost: it ends early
    (cut short), or it holds more item tags than the parser gave back."""
    if broken is None:
        return None
    tags = len(_ITEM_TAG.findall(data))
    cut = not _CLOSED.search(data)
    if not cut and tags <= len(parsed.entries):
        return None  # the parser read around the flaw and every item is there
    what = ("the file ends before the feed's closing tags (cut short?)" if cut else
            f"{tags - len(parsed.entries)} of {tags} items could not be read")
    return Failure(origin, f"{broken[0]}: {what}; the items before the break were read; "
                   "save the whole feed again", broken[1])


def item_id(entry) -> str | None:
    """What identifies an item across polls: its guid/id, else its link."""
    return entry.get("id") or entry.get("link") or None


def entry_date(entry) -> date | None:
    """The item's publication (else update) date, in UTC."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(timegm(stamp), UTC).date() if stamp else None


def entry_article(entry, number: int, origin: str, today: date) -> Article | Failure:
    """One item to an Article from its own content or summary."""
    text = entry_text(entry)
    where = f"item {number}" + (f" ({entry.get('link')})" if entry.get("link") else "")
    if not text:
        return Failure(origin, f"{where}: no content or summary in the feed item; "
                       "use `claimledger watch` to fetch its page", number)
    published = entry_date(entry)
    if published is not None:
        published = parse_date(published.isoformat(), origin, number, today)
        if isinstance(published, Failure):
            return Failure(origin, f"{where}: {published.reason}", number)
    link = entry.get("link") or None
    return Article(id=item_id(entry) or f"{Path(origin).stem}:{number}", text=text,
                   published=published, outlet=domain_of(link), url=link,
                   title=entry.get("title") or None, origin=f"{origin}#{number}")


def entry_text(entry) -> str:
    """The longest of the item's content and summary, as plain text."""
    parts = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        parts.append((entry["summary"], detail.get("type") or "text/html"))
    texts = [html_text(value) if "html" in kind else value.strip() for value, kind in parts]
    return max(texts, key=len, default="")


def html_text(fragment: str) -> str:
    """An HTML fragment as text: blocks become paragraphs, entities are decoded."""
    import lxml.html  # trafilatura's own parser, so always installed with it

    if not fragment.strip():
        return ""
    marked = _BLOCK.sub("\n\n", _CELL_END.sub(" | ", fragment))
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # noqa: BLE001 -- lxml raises several kinds on junk; keep the raw text
        text = marked
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
