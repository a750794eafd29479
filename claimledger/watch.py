"""Watch RSS/Atom feeds: poll, fetch each item's page, ingest it, remember where it stands.

    report = poll("https://example.org/feed.xml", store, extractor)

A feed is fetched with its last ETag/Last-Modified (an unchanged feed costs one
304). Each item keeps its own state in the store, apart from the feed's validators
(``store.base.FeedItem``): a new item is written down as *seen* in the transaction
that stores the feed's new ETag, so an interrupted poll leaves it to the next one;
an item whose page fails is *pending* and tried again on later polls (even when the
feed answers 304, even after it has left the feed) once its wait is over, each wait
``growth`` times the one before, until its page lands (*stored*) or ``tries`` are
spent (*failed*: a recorded failure naming its URL). A failure is recorded once per
origin and cleared when the input lands.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import ClaimledgerError
from .extract.claims import Extractor
from .ingest.feed import (blame_xml, entry_date, entry_text, item_id, lost_items, parse_feed,
                          xml_problem)
from .ingest.html import parse_html
from .model import Article, Failure
from .outlets import domain_of
from .pipeline import IngestReport, ingest_articles
from .model import FeedItem, FeedState
from .store.base import Store
from .words import plural

TIMEOUT = 20.0  # seconds for one request
MAX_BYTES = 20 * 2**20  # a page larger than this is not an article
USER_AGENT = "claimledger (+https://pypi.org/project/claimledger/)"
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class WatchOptions:
    """How patient `watch` is. With the defaults a failing page is tried 6 times over
    about 5.7 hours (waits of 1, 4, 16, 64 and 256 minutes, each until the next poll)."""
    timeout: float = TIMEOUT  # seconds for one request
    tries: int = 6  # attempts at an item's page before it is given up
    backoff: float = 60.0  # seconds before the first retry
    growth: float = 4.0  # each later wait is this many times the one before
    batch_size: int = 64
    clock: Callable[[], datetime] = _utc_now  # aware UTC time; tests set it

    def wait(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed try."""
        return timedelta(seconds=self.backoff * self.growth ** (attempts - 1))


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
    retried: int = 0  # items that had failed before, tried again
    not_modified: bool = False
    feed_failed: bool = False  # the feed could not be fetched or read whole
    ingest: IngestReport = field(default_factory=IngestReport)

    @property
    def failures(self) -> list[Failure]:
        return self.ingest.failures

    def summary(self) -> str:
        parts = ["not modified" if self.not_modified else "feed not read"
                 if self.feed_failed and not self.items else plural(self.items, "new item")]
        if self.retried:
            parts.append(f"{plural(self.retried, 'item')} tried again")
        if self.not_modified and not self.retried and not self.failures:
            return f"{self.feed}: not modified"
        return f"{self.feed}: {', '.join(parts)}; {self.ingest.summary()}"


def parse_every(text: str, flag: str = "--every") -> float:
    """ "15m" -> 900.0 seconds; s, m, h, d, or a bare number of seconds."""
    found = _EVERY.match(text or "")
    if not found or float(found.group(1)) <= 0:
        raise ClaimledgerError(f"{flag} {text!r}: write a positive duration like 30s, 15m, 2h or 1d")
    return float(found.group(1)) * _UNIT[found.group(2).lower()]


def check_feed_url(url: str) -> str:
    """The URL, stripped, when it is an http(s) address; else a one-line error that says
    how to write it."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number
    except ValueError as error:
        raise ClaimledgerError(f"{url!r} is not a valid URL ({error}); write the feed's "
                               "whole address, e.g. https://example.org/feed.xml") from None
    if parts.scheme in ("http", "https") and parts.hostname:
        return text
    if parts.scheme in ("http", "https"):
        raise ClaimledgerError(f"{url!r} has no host name; write the feed's whole address, "
                               "e.g. https://example.org/feed.xml")
    if Path(text).exists():
        raise ClaimledgerError(f"{url!r} is a file, not a URL: read a saved feed with "
                               f"`claimledger ingest {text}`")
    if not parts.netloc:  # "www.example.org/feed.xml", "localhost:8000/feed"
        raise ClaimledgerError(f"{url!r} has no http:// or https:// in front; write "
                               f"https://{text} (or http://)")
    raise ClaimledgerError(f"{url!r}: only http:// and https:// feeds can be watched; "
                           "save other feeds to a file and `claimledger ingest` it")


def fetch(url: str, timeout: float = TIMEOUT, state: FeedState | None = None) -> Response:
    """GET ``url`` (conditionally, given a state); raises OSError with the reason."""
    headers = {"User-Agent": USER_AGENT}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.modified:
        headers["If-Modified-Since"] = state.modified
    try:
        request = urllib.request.Request(ascii_url(url), headers=headers)
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


def ascii_url(url: str) -> str:
    """The URL as HTTP sends it: a host in IDNA (``例え.jp`` -> ``xn--r8jz45g.jp``), the
    rest percent-encoded; raises ValueError for a host IDNA cannot write."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port else "")
    safe = "/%:@!$&'()*+,;=-._~?#["
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe), quote(parts.query, safe),
                       quote(parts.fragment, safe)))


def poll(url: str, store: Store, extractor: Extractor,
         options: WatchOptions = WatchOptions()) -> PollReport:
    """One look at one feed: new items are written down, then every item whose turn
    has come (new, or failed before and waited enough) is fetched and stored."""
    report = PollReport(url)
    _look_at_feed(url, store, report, options)
    now = options.clock()
    due = [i for i in store.open_items(url) if i.next_try is None or i.next_try <= now]
    report.retried = sum(1 for i in due if i.attempts)
    _fetch_items(due, store, extractor, report, options, now)
    return report


def _look_at_feed(url: str, store: Store, report: PollReport, options: WatchOptions) -> None:
    """New items of the feed written down as seen, with the feed's new validators."""
    try:
        answer = fetch(url, options.timeout, store.feed_state(url))
    except OSError as error:
        return _feed_failed(store, report, Failure(
            url, f"cannot fetch the feed ({error}); check the address — it is tried again "
            "next time, and items found before are still retried"))
    if answer.status == 304:
        store.clear_feed_failure(url)
        report.not_modified = True
        return None
    parsed = parse_feed(answer.body, url)
    if isinstance(parsed, Failure):
        return _feed_failed(store, report, parsed)
    broken = xml_problem(parsed)
    known = store.seen_items(url)
    new, failures = [], []
    for number, entry in enumerate(parsed.entries, 1):
        key = item_id(entry)
        if key is None:
            failures.append(blame_xml(Failure(
                url, f"item {number} has neither an id nor a link: it cannot be told apart "
                "from the others; ask the publisher to give items a <guid> or <link>", number),
                broken, number))
        elif key not in known:
            known.add(key)
            new.append(FeedItem(url, key, entry.get("link") or None, entry.get("title") or None,
                                entry_date(entry), entry_text(entry)))
    lost = lost_items(parsed, answer.body, broken, url)
    with store.transaction():
        store.clear_failure(url)  # the feed answered: its old failures give way to today's
        store.put_items(new)
        if broken is None:  # a broken feed is fetched whole again next time
            store.put_feed_state(FeedState(url, answer.etag, answer.modified))
    report.items = len(new)
    for failure in failures:
        _fail(store, report, failure)
    if lost:
        _feed_failed(store, report, lost)
    return None


def _fetch_items(due: list[FeedItem], store: Store, extractor: Extractor, report: PollReport,
                 options: WatchOptions, now: datetime) -> None:
    articles, landed, failed = [], [], []
    for item in due:
        found = item_article(item, options.timeout)
        if isinstance(found, Failure):
            failed.append(_failed_try(item, found, options, now))
        else:
            articles.append(found)
            landed.append(replace(item, state="stored", article=found.id, reason=None,
                                  attempts=item.attempts + 1, next_try=None))
    if articles:  # else no copies or events to look at again: a quiet poll stays cheap
        failures = report.failures
        report.ingest = ingest_articles(articles, store, extractor, options.batch_size)
        report.ingest.failures[:0] = failures
    with store.transaction():
        store.put_items(landed + [item for item, _ in failed])
        for item in landed:
            store.clear_failure(item.link or item.key)
    for _, failure in failed:
        store.clear_failure(failure.origin)  # one line per item, the latest attempt's
        _fail(store, report, failure)


def _failed_try(item: FeedItem, failure: Failure, options: WatchOptions,
                now: datetime) -> tuple[FeedItem, Failure]:
    """The item's next state and the failure to record after one more failed try."""
    tries = item.attempts + 1
    if tries >= options.tries or not item.link:
        why = (f"{failure.reason}; given up after {plural(tries, 'try', 'tries')}: open the "
               "page in a browser, save it and `claimledger ingest` the file")
        return (replace(item, state="failed", attempts=tries, reason=failure.reason,
                        next_try=None), Failure(failure.origin, why))
    after = now + options.wait(tries)
    why = (f"{failure.reason}; try {tries} of {options.tries}, tried again at the first "
           f"poll after {after:%Y-%m-%d %H:%M} UTC")
    return (replace(item, state="pending", attempts=tries, reason=failure.reason,
                    next_try=after), Failure(failure.origin, why))


def item_article(item: FeedItem, timeout: float = TIMEOUT,
                 today: date | None = None) -> Article | Failure:
    """The item's page, fetched and extracted; the item's own text if the page has none."""
    today = today or date.today()
    own = _own_article(item, today)
    if not item.link:
        return own
    try:
        page = fetch(item.link, timeout)
    except OSError as error:
        return Failure(item.link, f"cannot fetch the item's page ({error})")
    found = parse_html(page.body, item.key, item.link, today)
    if isinstance(found, Failure):
        return own if isinstance(own, Article) else Failure(item.link, found.reason)
    published = found.published or item.published
    if published and published > today:
        published = None
    return replace(found, url=item.link, outlet=domain_of(item.link) or found.outlet,
                   title=found.title or item.title, published=published)


def _own_article(item: FeedItem, today: date) -> Article | Failure:
    """The item as the feed gave it: its content or summary."""
    origin = item.link or item.key
    if not item.summary:
        return Failure(origin, "the item has no text of its own in the feed"
                       + ("" if item.link else " and no link to fetch: nothing to ingest"))
    published = item.published if item.published and item.published <= today else None
    return Article(id=item.key, text=item.summary, published=published,
                   outlet=domain_of(item.link), url=item.link, title=item.title, origin=origin)


def watch(urls: Iterable[str], store: Store, extractor: Extractor, every: float = 900.0,
          once: bool = False, on_poll: Callable[[PollReport], None] | None = None,
          options: WatchOptions = WatchOptions(),
          sleep: Callable[[float], None] = time.sleep) -> list[PollReport]:
    """Poll every feed, then wait ``every`` seconds, until interrupted (or once); returns
    the reports of the last round."""
    urls = list(dict.fromkeys(check_feed_url(url) for url in urls))  # each feed once a round
    while True:
        reports = []
        for url in urls:
            reports.append(poll(url, store, extractor, options))
            if on_poll:
                on_poll(reports[-1])
        if once:
            return reports
        sleep(every)


def _feed_failed(store: Store, report: PollReport, failure: Failure) -> None:
    report.feed_failed = True
    store.clear_feed_failure(failure.origin)
    _fail(store, report, failure)


def _fail(store: Store, report: PollReport, failure: Failure) -> None:
    store.add_failure(failure)
    report.failures.append(failure)
