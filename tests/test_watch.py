"""`claimledger watch` against a real HTTP server on 127.0.0.1 serving a feed and its pages."""
from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from webdata import EN, page, rss

from claimledger.cli import main
from claimledger.errors import ClaimledgerError
from claimledger.store import open_store
from claimledger.watch import WatchOptions, parse_every, poll

TEXT_B = "Police arrested 40 students at the university in Tabriz on Monday, a rights group said."


class Site:
    """What the server serves; tests change it between polls."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str]] = {}
        self.feed = ""
        self.etag = '"v1"'
        self.log: list[tuple[str, int]] = []  # (path, status) of every request

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == site.etag:
                        return self._send(304, b"", "application/rss+xml")
                    return self._send(200, site.feed.encode(), "application/rss+xml")
                status, body = site.pages.get(self.path, (404, "not found"))
                return self._send(status, body.encode(), "text/html; charset=utf-8")

            def _send(self, status, body, kind):
                site.log.append((self.path, status))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", site.etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output quiet
                pass
        return Handler


@pytest.fixture
def site():
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())  # a free port
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    site.pages = {"/a.html": (200, page("Twelve killed", EN, "2024-03-01")),
                  "/b.html": (200, page("Students held", TEXT_B, "2024-03-02"))}
    site.feed = rss([{"title": "Twelve killed", "link": f"{site.base}/a.html", "guid": "a",
                      "date": "2024-03-01T08:00:00"},
                     {"title": "Students held", "link": f"{site.base}/b.html", "guid": "b"}])
    yield site
    server.shutdown()
    server.server_close()


def _watch(site, db, *more):
    return CliRunner().invoke(main, ["watch", f"{site.base}/feed.xml", "--once", "--db", db, *more])


def test_watch_once_ingests_each_new_items_page_and_remembers_the_feed(site, tmp_path):
    db = str(tmp_path / "c.db")
    result = _watch(site, db)
    assert result.exit_code == 0, result.output
    assert "feed.xml: 2 new items; articles: 2 new" in result.stdout
    with open_store(db) as store:
        a = store.article("a")
        assert (a.url, a.outlet, a.published) == (f"{site.base}/a.html", "127.0.0.1",
                                                   __import__("datetime").date(2024, 3, 1))
        assert "killed at least 12 protesters" in a.text and a.language == "en"
        assert {c.category for c in store.claims()} >= {"killed", "arrested"}
        assert store.seen_items(f"{site.base}/feed.xml") == {"a", "b"}

    site.log.clear()
    again = _watch(site, db, f"{site.base}/feed.xml ")  # the same feed twice: polled once
    assert again.stdout.count("not modified") == 1
    assert site.log == [("/feed.xml", 304)]  # the stored ETag was sent back


def test_only_new_items_are_fetched_when_the_feed_changes(site, tmp_path):
    db = str(tmp_path / "c.db")
    _watch(site, db)
    site.etag = '"v2"'
    site.pages["/c.html"] = (200, page("More", EN.replace("12", "15"), "2024-03-03"))
    site.feed = site.feed.replace("<item>", f"<item><title>More</title><link>{site.base}/c.html"
                                  "</link><guid>c</guid></item><item>", 1)
    site.log.clear()
    result = _watch(site, db)
    assert "feed.xml: 1 new item; articles: 1 new" in result.stdout
    assert [path for path, _ in site.log] == ["/feed.xml", "/c.html"]


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request, tmp_path):
    """A database of each backend: a SQLite file, or a fresh schema on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "c.db")
        return
    from postgres_server import fresh_schema, server_url
    with fresh_schema(server_url()) as url:
        yield url


def test_a_failed_page_is_fetched_again_while_the_feed_answers_304(site, ledger):
    db = ledger
    site.pages["/b.html"] = (500, "oops")
    result = _watch(site, db, "--backoff", "1s")
    assert result.exit_code == 1  # cron can tell
    assert f"failed: {site.base}/b.html: cannot fetch the item's page (HTTP 500" in result.stderr
    assert "try 1 of 6" in result.stderr
    assert "2 new items; articles: 1 new" in result.stdout
    with open_store(db) as store:
        assert store.article("a") is not None and store.article("b") is None
        assert [f.origin for f in store.failures()] == [f"{site.base}/b.html"]

    site.pages["/b.html"] = (200, page("Students held", TEXT_B, "2024-03-02"))
    time.sleep(1.1)  # the first wait (--backoff 1s) is over; the feed is unchanged
    site.log.clear()
    again = _watch(site, db, "--backoff", "1s")
    assert again.exit_code == 0, again.output
    assert site.log == [("/feed.xml", 304), ("/b.html", 200)]
    assert "not modified, 1 item tried again; articles: 1 new" in again.stdout
    with open_store(db) as store:
        assert "40 students" in store.article("b").text
        assert {c.article for c in store.claims(category="arrested")} == {"b"}
        assert store.failures() == []  # the page landed: its failure is gone
        assert store.open_items(f"{site.base}/feed.xml") == []

    site.log.clear()
    assert "not modified" in _watch(site, db).stdout and site.log == [("/feed.xml", 304)]


class Clock:
    """The time `poll` sees, moved by the test."""

    def __init__(self):
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self):
        return self.now

    def wait(self, seconds):
        self.now += timedelta(seconds=seconds)


def test_retries_wait_longer_each_time_then_give_up_naming_the_url(site, tmp_path, extractor):
    clock, url = Clock(), f"{site.base}/feed.xml"
    options = WatchOptions(tries=3, backoff=60, growth=4, clock=clock)
    site.pages["/b.html"] = (500, "oops")
    with open_store(tmp_path / "c.db") as store:
        def tried_b() -> bool:
            site.log.clear()
            poll(url, store, extractor, options)
            return ("/b.html", 500) in site.log

        assert tried_b()  # try 1; the next after 60 s
        clock.wait(59)
        assert not tried_b()
        clock.wait(2)
        assert tried_b()  # try 2; the next after 240 s
        clock.wait(230)
        assert not tried_b()
        clock.wait(20)
        report = poll(url, store, extractor, options)
        [failure] = report.failures
        assert failure.origin == f"{site.base}/b.html"
        assert "given up after 3 tries" in failure.reason and "claimledger ingest" in failure.reason
        clock.wait(86400 * 30)
        assert not tried_b()  # given up: never fetched again
        assert store.failures() == [failure]  # one line for the item, the last attempt's
        assert store.article("a") is not None  # the other item was never held back


def test_an_item_that_left_the_feed_is_still_retried(site, tmp_path, extractor):
    clock, url = Clock(), f"{site.base}/feed.xml"
    options = WatchOptions(clock=clock)
    site.pages["/b.html"] = (500, "oops")
    with open_store(tmp_path / "c.db") as store:
        poll(url, store, extractor, options)
        site.etag = '"v2"'  # a new feed without item b
        site.feed = rss([{"title": "Twelve killed", "link": f"{site.base}/a.html", "guid": "a"}])
        site.pages["/b.html"] = (200, page("Students held", TEXT_B, "2024-03-02"))
        clock.wait(61)
        report = poll(url, store, extractor, options)
        assert (report.items, report.retried, report.failures) == (0, 1, [])
        assert store.article("b").url == f"{site.base}/b.html"
        assert store.article("b").title == "Students held"


def test_an_item_written_down_but_not_fetched_is_fetched_after_a_restart(site, tmp_path, extractor):
    """A poll stopped between storing the feed's ETag and fetching the pages (Ctrl-C,
    a kill) leaves its items 'seen': the next poll fetches them though the feed is 304."""
    url = f"{site.base}/feed.xml"
    with open_store(tmp_path / "c.db") as store:
        from claimledger.watch import _look_at_feed, PollReport
        _look_at_feed(url, store, PollReport(url), WatchOptions())  # then "killed"
        assert {i.state for i in store.open_items(url)} == {"seen"}
        site.log.clear()
        report = poll(url, store, extractor)
        assert report.not_modified and site.log[0] == ("/feed.xml", 304)
        assert store.article("a") is not None and store.article("b") is not None


def test_a_feed_failure_clears_once_the_feed_answers(site, tmp_path):
    db = str(tmp_path / "c.db")
    good, site.feed = site.feed, "<html>not a feed</html>"
    broken = _watch(site, db)
    assert broken.exit_code == 1 and "not an RSS or Atom feed" in broken.stderr
    site.feed = good
    assert _watch(site, db).exit_code == 0
    with open_store(db) as store:
        assert store.failures() == []  # the old feed failure does not stay listed


def test_invalid_xml_from_a_feed_is_named_by_the_parser(site, tmp_path):
    db = str(tmp_path / "c.db")
    site.feed = site.feed[: len(site.feed) * 2 // 3]  # cut short
    result = _watch(site, db)
    assert result.exit_code == 1
    assert "not well-formed XML at line 1" in result.stderr
    assert "neither an id nor a link" not in result.stderr


def test_an_unreachable_feed_is_a_failure_and_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["watch", "http://127.0.0.1:9/feed.xml", "--once",
                                       "--timeout", "2", "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "cannot fetch the feed" in result.stderr
    assert "feed.xml: feed not read; articles: 0 new" in result.stdout


@pytest.mark.parametrize("url, words", [
    ("www.example.org/feed.xml", "no http:// or https:// in front; write https://www.example.org/feed.xml"),
    ("localhost:8000/feed.xml", "no http:// or https:// in front"),
    ("http://[::1/feed", "is not a valid URL"),
    ("http://127.0.0.1:port/feed", "is not a valid URL"),
    ("http:///feed.xml", "has no host name"),
    ("ftp://127.0.0.1/feed.xml", "only http:// and https:// feeds"),
])
def test_a_bad_feed_url_is_a_one_line_error_and_no_database(tmp_path, url, words):
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["watch", url, "--once", "--db", str(db)])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("claimledger: ") and words in line
    assert not db.exists()


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400),
                                           ("90", 90), ("0.5m", 30)])
def test_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-5m", "0", "5w"])
def test_a_bad_every_is_a_one_line_error(text):
    with pytest.raises(ClaimledgerError, match="--every"):
        parse_every(text)


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_stops_cleanly_and_keeps_what_was_stored(site, tmp_path):
    db = str(tmp_path / "c.db")

    def press_ctrl_c_once_the_first_poll_is_stored():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                with sqlite3.connect(db) as conn:  # a second reader: WAL allows it
                    if conn.execute("SELECT count(*) FROM feed_items WHERE state = 'stored'"
                                    ).fetchone()[0] == 2:
                        break
            except sqlite3.Error:
                continue  # not created or not migrated yet
        os.kill(os.getpid(), signal.SIGINT)  # a real SIGINT, as Ctrl-C sends

    presser = threading.Thread(target=press_ctrl_c_once_the_first_poll_is_stored)
    presser.start()
    result = CliRunner().invoke(main, ["watch", f"{site.base}/feed.xml", "--every", "1h", "--db", db])
    presser.join()
    assert result.exit_code == 0, result.output
    assert "2 new items" in result.stdout
    assert "stopped; everything ingested so far is stored" in result.stderr
    with open_store(db) as store:
        assert store.article("a") is not None and store.article("b") is not None


def test_a_url_with_letters_beyond_ascii_is_sent_as_http_writes_it():
    from claimledger.watch import ascii_url
    assert ascii_url("https://例え.jp/ニュース?q=é") == "https://xn--r8jz45g.jp/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9?q=%C3%A9"
    assert ascii_url("http://127.0.0.1:8000/feed.xml") == "http://127.0.0.1:8000/feed.xml"
