"""Issue 8's part of the Store contract: languages, outlets, feed state, seen items."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from storedata import make_article

from claimledger.model import Failure, Outlet
from claimledger.model import FeedItem, FeedState
from claimledger.store.base import content_hash


def test_language_round_trips_and_is_part_of_the_hash(store):
    article = replace(make_article("a1"), language="fr")
    assert store.put_article(article) == "new"
    assert store.article("a1") == article
    assert store.put_article(replace(article, language="en")) == "changed"
    assert content_hash(replace(article, language=None)) != content_hash(article)


def test_an_unknown_language_leaves_the_hash_as_before_languages(store):
    article = make_article("a2")
    assert article.language is None
    store.put_article(article)
    assert store.article("a2").language is None


def test_outlets_are_added_and_replaced_by_domain(store):
    store.add_outlets([Outlet("irna.ir", "IRNA", "IR", "state media"), Outlet("x.org", "X")])
    store.add_outlets([Outlet("x.org", "X News", "FR", "opposition outlet")])
    assert store.outlets() == [Outlet("irna.ir", "IRNA", "IR", "state media"),
                               Outlet("x.org", "X News", "FR", "opposition outlet")]


def test_feed_state_and_seen_items(store):
    url = "http://127.0.0.1/feed.xml"
    assert store.feed_state(url) is None and store.seen_items(url) == set()
    store.put_feed_state(FeedState(url, '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT"))
    store.put_feed_state(FeedState(url, '"v2"', None))
    assert store.feed_state(url) == FeedState(url, '"v2"', None)
    store.mark_seen(url, [("guid-1", "a1"), ("guid-2", None)])
    store.mark_seen(url, [("guid-1", "a1")])  # again: harmless
    assert store.seen_items(url) == {"guid-1", "guid-2"}
    assert store.seen_items("http://other/feed") == set()


def test_feed_items_keep_their_own_state_apart_from_the_feed(store):
    url = "http://127.0.0.1/feed.xml"
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    seen = FeedItem(url, "guid-1", "http://127.0.0.1/1.html", "One", date(2024, 3, 1), "own text")
    store.put_items([seen, FeedItem(url, "guid-2", "http://127.0.0.1/2.html")])
    assert store.open_items(url) == [seen, FeedItem(url, "guid-2", "http://127.0.0.1/2.html")]
    assert store.seen_items(url) == {"guid-1", "guid-2"}  # known, whatever their state

    pending = replace(seen, state="pending", attempts=1, next_try=when, reason="HTTP 500")
    store.put_items([pending, FeedItem(url, "guid-2", state="stored", article="a2")])
    assert store.open_items(url) == [pending]
    assert store.open_items(url)[0].next_try == when  # an aware time, back as it went in
    store.put_items([replace(pending, state="failed", attempts=5)])
    assert store.open_items(url) == [] and store.open_items("http://other/feed") == []


def test_a_feed_failure_is_cleared_apart_from_its_items_failures(store):
    url = "http://127.0.0.1/feed.xml"
    store.add_failure(Failure(url, "cannot fetch the feed"))
    store.add_failure(Failure(url, "item 3 has neither an id nor a link", 3))
    store.clear_feed_failure(url)
    assert store.failures() == [Failure(url, "item 3 has neither an id nor a link", 3)]


def test_outlets_are_removed_by_domain(store):
    store.add_outlets([Outlet("irna.ir", "IRNA", "IR"), Outlet("x.org", "X")])
    assert store.remove_outlets(["x.org", "nowhere.org"]) == 1
    assert store.outlets() == [Outlet("irna.ir", "IRNA", "IR")]
    assert store.remove_outlets(["x.org"]) == 0
