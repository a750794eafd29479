"""Pages read the store a page at a time: no route asks it for every claim, event,
article or copy, and what another process writes shows on the next request."""
from __future__ import annotations

import warnings
from datetime import date

import pytest

from claimledger.model import Article, Claim, Event, Place, Source, When
from claimledger.store import open_store
from claimledger.store.base import Store

@pytest.fixture
def guarded(monkeypatch):
    """The Store's whole-ledger reads raise; filtered ones (one article's) still answer."""
    claims, copies = Store.claims, Store.copies

    def refuse(*_a, **_k):
        raise AssertionError("a whole-ledger read while serving a page")

    def one_article_claims(self, article=None, category=None, source=None, articles=None):
        if article is None and articles is None:
            refuse()
        return claims(self, article, category, source, articles)

    def one_article_copies(self, article=None):
        if article is None:
            refuse()
        return copies(self, article)
    monkeypatch.setattr(Store, "claims", one_article_claims)
    monkeypatch.setattr(Store, "copies", one_article_copies)
    monkeypatch.setattr(Store, "events", refuse)
    monkeypatch.setattr(Store, "articles", refuse)


def _routes(client) -> list[str]:
    event = client.get("/api/events", params={"limit": 500}).json()["items"]
    article = client.get("/api/articles", params={"limit": 500}).json()["items"]
    busiest = max(event, key=lambda e: e["claims"])["id"]
    copied = client.get("/api/copies", params={"limit": 1}).json()["items"][0]["copy"]["article"]
    routes = ["/", "/events", "/events?country=IR&category=killed&since=2019-01-01&q=protest", "/articles",
              "/articles?q=protesters", "/copies", f"/copies?article={copied}", "/sources", "/sources?q=am",
              f"/events/{busiest}", f"/articles/{article[0]['id']}", f"/articles/{copied}"]
    for api in ("/api/articles", "/api/claims", "/api/events", "/api/copies", "/api/sources"):
        routes += [api, api + "?offset=3&limit=2"]
    return routes + [
        "/api/articles?q=killed", f"/api/articles/{copied}", f"/api/events/{busiest}",
        f"/api/events/{busiest}/trace", f"/api/claims?event={busiest}", f"/api/copies?article={copied}",
        "/api/claims?category=killed&country=ir&source=amnesty&since=2019-01-01&until=2020-12-31&q=killed",
        "/api/events?country=IR&type=protest&category=killed&since=2019-01-01&until=2020-12-31&q=Reuters",
        "/api/sources?q=reu", "/map", "/map/events?bbox=-180,-90,180,90", "/timeline",
        "/timeline?by=week", "/timeline/2019", "/api/map?bbox=-180,-90,180,90&zoom=2",
        "/api/map/events?bbox=40,20,65,45", "/api/map/unplaced", "/api/timeline?by=month",
        "/api/timeline/2019-11"]


def test_no_route_reads_the_whole_ledger(client, guarded):
    routes = _routes(client)
    served = {r.split("?")[0].rsplit("/", 1)[0] for r in routes}
    assert {"/events", "/articles", "/api/events", "/api/articles"} <= served
    for route in routes:
        assert client.get(route).status_code == 200, route


def test_every_page_and_api_route_is_among_those_served(client):
    from claimledger.web import api, pages
    served = {r.split("?")[0] for r in _routes(client)}
    for route in [*pages.router.routes, *api.router.routes]:
        prefix = route.path.split("{")[0]
        assert any(s == route.path or (prefix != route.path and s.startswith(prefix) and len(s) > len(prefix))
                   for s in served), route.path


def test_what_another_process_writes_shows_on_the_next_request(tmp_path):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app
    db = str(tmp_path / "fresh.db")
    app = create_app(db)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = TestClient(app)
    with client:
        assert client.get("/api/claims").json()["total"] == 0
        assert "No events match" in client.get("/events").text
        assert client.get("/api/timeline").json()["categories"] == {}
        day = date(2022, 9, 20)
        text = "Amnesty said 12 people were killed in Zahedan."
        claim = Claim("z1", "killed", 12, 12, 12, "exact", "12", 13, 15, text, 0,
                      when=When(day, day, "Friday"), where=Place("Zahedan", "IR"),
                      sources=(Source("Amnesty", "said"),))
        with open_store(db) as writer:  # as `ingest` would, from another process
            writer.put_article(Article("z1", text, day, "Outlet", title="Zahedan"))
            writer.replace_claims("z1", [claim])
            writer.replace_events([Event("ev-z", "protest", When(day, day, "Friday"),
                                         Place("Zahedan", "IR"), claims=(claim,))])
        claims = client.get("/api/claims").json()
        assert claims["total"] == 1 and claims["items"][0]["event"] == "ev-z"
        events = client.get("/api/events").json()["items"]
        assert [(e["id"], e["claims"], e["ranges"]) for e in events] == [("ev-z", 1, {"killed": [12, 12]})]
        assert "Zahedan" in client.get("/events").text and "Zahedan" in client.get("/articles").text
        assert client.get("/api/sources").json()["items"][0]["name"] == "Amnesty"
        timeline = client.get("/api/timeline").json()["categories"]  # kept until a write
        assert [(p["events"], p["low"], p["high"]) for p in timeline["killed"]] == [(1, 12, 12)]
        with open_store(db) as writer:
            writer.replace_claims("z1", [])
            writer.replace_events([])
        assert client.get("/api/claims").json()["total"] == 0
        assert client.get("/api/events").json()["total"] == 0
        assert client.get("/api/articles").json()["items"][0]["claims"] == 0
        assert client.get("/api/timeline").json()["categories"] == {}


def test_a_bounded_count_says_so_in_json_and_on_the_pager(client, monkeypatch):
    import claimledger.store.listing as listing
    everything = client.get("/api/copies", params={"limit": 500}).json()
    assert everything["exact"] and everything["total"] > 3
    monkeypatch.setattr(listing, "COUNT_AHEAD", 1)
    page = client.get("/api/copies", params={"limit": 2}).json()
    assert (page["total"], page["exact"], page["items"]) == (3, False, everything["items"][:2])
    assert client.get("/api/events", params={"limit": 2}).json()["exact"]  # events are counted
    assert "of 51+" in client.get("/copies").text
