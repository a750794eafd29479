"""Watch RSS/Atom feeds: poll, fetch each new item's page, ingest it, remember it.

    report = poll("https://example.org/feed.xml", store, extractor)

A feed is fetched with its last ETag/Last-Modified (an unchanged feed costs one
304); an item is remembered by its id once its article is stored, so a page that
could not be fetched is tried again on the next poll. Everything is written in
transactions: stopping (Ctrl-C) between or inside polls loses nothing stored.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from .errors import ClaimledgerError
from .extract.claims import Extractor
from .ingest.feed import entry_article, entry_date, item_id, parse_feed
from .ingest.html import parse_html
from .model import Article, Failure
from .outlets import domain_of
from .pipeline import IngestReport, ingest_articles
from .store.base import FeedState, Store

TIMEOUT = 20.0  # seconds for one request
MAX_BYTES = 20 * 2**20  # a page larger than this is not an article
USER_AGENT = "claimledger (+https://pypi.org/project/claimledger/)"
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class Response:
    status: int
    body: bytes
    etag: str | None = None
    modified: str | None = None


@dataclass
class PollReport:
    feed: str
    items: int = 0  # new items in the feed this time
    not_modified: bool = False
    ingest: IngestReport | None = None

    def summary(self) -> str:
        if self.not_modified:
            return f"{self.feed}: not modified"
        return f"{self.feed}: {self.items} new items; {(self.ingest or IngestReport()).summary()}"


def parse_every(text: str) -> float:
    """ "15m" -> 900.0 seconds; s, m, h, d, or a bare number of seconds."""
    found = _EVERY.match(text or "")
    if not found or float(found.group(1)) <= 0:
        raise ClaimledgerError(f"--every {text!r}: write a positive duration like 30s, 15m, 2h or 1d")
    return float(found.group(1)) * _UNIT[found.group(2).lower()]


def fetch(url: str, timeout: float = TIMEOUT, state: FeedState | None = None) -> Response:
    """GET ``url`` (conditionally, given a state); raises OSError with the reason."""
    headers = {"User-Agent": USER_AGENT}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.modified:
        headers["If-Modified-Since"] = state.modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise OSError(f"larger than {MAX_BYTES // 2**20} MiB")
            return Response(answer.status, body, answer.headers.get("ETag"),
                            answer.headers.get("Last-Modified"))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(304, b"")
        raise OSError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise OSError(str(error.reason)) from None
    except ValueError as error:  # urllib's word for a malformed URL
        raise OSError(str(error)) from None


def poll(url: str, store: Store, extractor: Extractor, timeout: float = TIMEOUT,
         batch_size: int = 64) -> PollReport:
    """One look at one feed: its new items become stored articles (with claims)."""
    result = PollReport(url)
    try:
        answer = fetch(url, timeout, store.feed_state(url))
    except OSError as error:
        result.ingest = _failed(store, IngestReport(), Failure(
            url, f"cannot fetch the feed ({error}); check the address — it is tried again next time"))
        return result
    if answer.status == 304:
        result.not_modified = True
        return result
    parsed = parse_feed(answer.body, url)
    if isinstance(parsed, Failure):
        result.ingest = _failed(store, IngestReport(), parsed)
        return result
    articles, items, failures = _new_items(url, parsed.entries, store.seen_items(url), timeout)
    result.items = len(items) + len(failures)
    result.ingest = ingest_articles(articles, store, extractor, batch_size)
    for failure in failures:
        _failed(store, result.ingest, failure)
    store.mark_seen(url, items)  # only now: an interrupted ingest is redone next time
    store.put_feed_state(FeedState(url, answer.etag, answer.modified))
    return result


def _new_items(url: str, entries, seen: set[str], timeout: float):
    articles: list[Article] = []
    items: list[tuple[str, str]] = []
    failures: list[Failure] = []
    for number, entry in enumerate(entries, 1):
        key = item_id(entry)
        if key is None:
            failures.append(Failure(url, f"item {number} has neither an id nor a link: "
                                    "it cannot be told apart from the others", number))
        elif key not in seen:
            found = item_article(entry, number, url, timeout)
            if isinstance(found, Failure):
                failures.append(found)
            else:
                articles.append(found)
                items.append((key, found.id))
    return articles, items, failures


def item_article(entry, number: int, feed_url: str, timeout: float = TIMEOUT,
                 today: date | None = None) -> Article | Failure:
    """The item's page, fetched and extracted; the item's own text if the page has none."""
    today = today or date.today()
    link = entry.get("link")
    own = entry_article(entry, number, feed_url, today)
    if not link:
        return own
    try:
        page = fetch(link, timeout)
    except OSError as error:
        return Failure(link, f"cannot fetch the item's page ({error}); it is tried again "
                       "on the next poll")
    found = parse_html(page.body, item_id(entry) or link, link, today)
    if isinstance(found, Failure):
        return own if isinstance(own, Article) else found
    published = found.published or entry_date(entry)
    if published and published > today:
        published = None
    return replace(found, url=link, outlet=domain_of(link) or found.outlet,
                   title=found.title or entry.get("title") or None, published=published)


def watch(urls: Iterable[str], store: Store, extractor: Extractor, every: float = 900.0,
          once: bool = False, on_poll: Callable[[PollReport], None] | None = None,
          timeout: float = TIMEOUT, sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll every feed, then wait ``every`` seconds, until interrupted (or once)."""
    urls = list(urls)
    while True:
        for url in urls:
            report = poll(url, store, extractor, timeout)
            if on_poll:
                on_poll(report)
        if once:
            return
        sleep(every)


def _failed(store: Store, report: IngestReport, failure: Failure) -> IngestReport:
    store.add_failure(failure)
    report.failures.append(failure)
    return report
