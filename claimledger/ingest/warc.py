"""Web archives: WARC and WARC.gz files (warcio); every HTML response is an article.

The article id and URL are the record's target URI, the outlet its domain, the
date the page's own publication date, else the capture date (WARC-Date).
Requests, metadata, redirects, errors and non-HTML responses are passed over.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from ..outlets import domain_of
from .html import parse_html
from .text import parse_date

NOT_WARC = ("not a WARC file ({why}): give a .warc or .warc.gz web archive, "
            "or rename the file if it is something else")


def read_warc(path: Path, today: date | None = None) -> Iterator[Article | Failure]:
    """Every HTML page archived in one WARC file: an Article, or a Failure naming it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin, today = str(path), today or date.today()
    number = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if _is_html_page(record):
                    yield _article(record, number, origin, today)
        except ArchiveLoadFailed as error:
            why = str(error).splitlines()[0] if str(error) else "unreadable record"
            yield Failure(origin, NOT_WARC.format(why=why) if number == 0 else
                          f"damaged after record {number} ({why}): the records before it "
                          "were read; re-download or re-save the archive")
        except (OSError, EOFError, ValueError) as error:  # a truncated gzip stream, mostly
            yield Failure(origin, f"damaged after record {number} ({error}): the records "
                          "before it were read; re-download or re-save the archive")


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    kind = (record.http_headers.get_header("Content-Type") or "").lower()
    return status == "200" and ("html" in kind or not kind)


def _article(record, number: int, origin: str, today: date) -> Article | Failure:
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {number} ({url})"
    try:
        payload = record.content_stream().read()
    except Exception as error:  # noqa: BLE001 -- a bad chunked/gzip body spares the rest
        return Failure(origin, f"{where}: cannot decode the response body ({error}); "
                       "the archive may be damaged")
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length says
        return Failure(origin, f"{where}: damaged, the record is cut short (a truncated "
                       "download?); the records before it were read; re-save the archive")
    found = parse_html(payload, url or f"{Path(origin).stem}:{number}", origin, today)
    if isinstance(found, Failure):
        return Failure(origin, f"{where}: {found.reason}")
    published = found.published or _capture_date(record, origin, today)
    if isinstance(published, Failure):
        return Failure(origin, f"{where}: WARC-Date {published.reason}")
    return replace(found, url=url or found.url, outlet=domain_of(url) or found.outlet,
                   published=published, origin=f"{origin}#{number}")


def _capture_date(record, origin: str, today: date) -> date | Failure | None:
    stamp = record.rec_headers.get_header("WARC-Date")
    return parse_date(stamp[:10], origin, None, today) if stamp else None
