"""No page grows with the ledger: the map asks for what is in view, the timeline counts
per period. A ledger of thousands of events (towns all over the world, dates over more
than a century) is written through the Store API; every map and timeline page and API
answer stays under a fixed size, and the map gives exactly what lies inside the box
(the ledger: ``world_ledger`` in conftest.py)."""
from __future__ import annotations

import warnings

import pytest

from claimledger.export.events import coordinates

MOST_BYTES = 300_000


@pytest.fixture(scope="module")
def big(world_ledger):
    db, events = world_ledger
    assert len(events) == 4000  # the map and the timeline of before drew each: 0.73 and 0.74 MB
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette on httpx: a deprecation
        from fastapi.testclient import TestClient
    from claimledger.web import create_app
    with TestClient(create_app(db)) as client:
        yield client, events


def _get(client, url: str):
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    assert len(r.content) < MOST_BYTES, (url, len(r.content))
    return r


def test_no_map_or_timeline_answer_grows_with_the_ledger(big):
    client, _ = big
    urls = ["/map", "/map?offset=100", "/timeline", "/timeline?by=week", "/timeline?by=month",
            "/api/timeline", "/api/timeline?by=week", "/api/map/unplaced?limit=500",
            "/api/map/events?bbox=-180,-90,180,90&limit=500", "/map/events?bbox=-180,-90,180,90",
            "/timeline/2019", "/timeline/2019-03", "/api/timeline/2019?limit=500"]
    urls += [f"/api/map?bbox=-180,-90,180,90&zoom={z}" for z in (0, 2, 5, 10, 18, 24)]
    urls += [f"/api/map?bbox=-720,-90,720,90&zoom={z}" for z in (0, 24)] + ["/api/map"]
    for url in urls:
        _get(client, url)
    world = _get(client, "/api/map?zoom=18").json()
    assert world["clustered"] and sum(f["properties"]["count"] for f in world["features"]) == world["total"]


def test_the_timeline_gives_way_to_coarser_periods(big):
    client, _ = big
    found = _get(client, "/api/timeline?by=week").json()
    assert found["asked"] == "week" and found["by"] == "year"  # 10 years of weeks, and of months
    assert found["left_out"] > 0  # and more than a century of years: the latest are kept
    kept = {p["period"] for rows in found["categories"].values() for p in rows}
    assert len(kept) == 100 and max(kept) == "2024"
    assert "Too many weeks to draw: shown by year." in _get(client, "/timeline?by=week").text
    one = found["categories"]["killed"][-2]
    listed = _get(client, f"/api/timeline/{one['period']}?category=killed&limit=500").json()
    assert listed["total"] == one["events"] and len(listed["items"]) == min(500, one["events"])
    assert all(one["low"] <= e["ranges"]["killed"][0] <= e["ranges"]["killed"][1] <= one["high"]
               for e in listed["items"])


def _inside(lat: float, lon: float, west: float, south: float, east: float, north: float) -> bool:
    across = lon >= west or lon <= east if west > east else west <= lon <= east
    return south <= lat <= north and across


@pytest.mark.parametrize("box", [(40, 25, 65, 45), (-10, 35, 30, 60), (170, -50, 190, 0),
                                 (-130, 20, -60, 55), (0, 0, 0.5, 0.5)])
def test_the_map_gives_what_lies_in_the_box_and_only_that(big, box):
    client, events = big
    west, south, east, north = box
    east_wrapped = east - 360 if east > 180 else east
    want = {}
    for e in events:
        lat, lon, _ = coordinates(e)
        if lat != "" and _inside(lat, lon, west, south, east_wrapped, north):
            want[e.id] = (lat, lon)
    bbox = ",".join(map(str, box))
    found = _get(client, f"/api/map?bbox={bbox}&zoom=4").json()
    assert found["total"] == len(want)
    for f in found["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert _inside(lat, lon, west - 1e-5, south - 1e-5, east_wrapped + 1e-5, north + 1e-5), f
    if not found["clustered"]:
        assert {f["properties"]["id"] for f in found["features"]} == set(want)
    listed = _get(client, f"/api/map/events?bbox={bbox}&limit=500").json()
    assert listed["total"] == len(want)
    assert {e["id"] for e in listed["items"]} <= set(want)


def test_bad_boxes_and_periods_say_what_to_write(big):
    client, _ = big
    for url, words in [("/api/map?bbox=1,2,3", "bbox: String should match pattern"),
                       ("/api/timeline/2024-13", "period: String should match pattern"),
                       ("/map/events?bbox=nan,0,1,1", "is not four numbers: west,south,east,north"),
                       ("/timeline/twenty", "is not a week (2024-W10), a month (2024-03) or a year")]:
        r = client.get(url)
        assert r.status_code in (400, 422) and words in r.text, (url, r.text[:200])


@pytest.fixture(scope="module")
def fullest(tmp_path_factory):
    """1,024 events, one in each cell of a 32 x 32 grid over a 180-degree box, and every
    category in each of 100 months: the most a map view or the timeline draws."""
    from datetime import date

    from claimledger.model import CATEGORIES, Article, Claim, Event, Place, When
    from claimledger.store import open_store
    db = str(tmp_path_factory.mktemp("fullest") / "fullest.db")
    claims, events, step = [], [], 180 / 32
    for n in range(1024):
        month = date(2016 + (n // 8) % 100 // 12, (n // 8) % 100 % 12 + 1, 28)
        claims.append(Claim("a", CATEGORIES[n % 8], 1_234_567, 1_234, 9_876_543, "about", "x",
                            n, n + 1, "x", 0))
        events.append(Event(f"ev-{n:06d}-with-a-long-id", "protest_excessive_force", When(month, month),
                            Place("A town with a rather long name, province", "IR"), claims=(claims[-1],)))
    with open_store(db) as store:
        store.put_articles([(Article("a", "x" * 1024), claims)])
        store.replace_events(events)
        store._many("UPDATE events SET lat = ?, lon = ?, geo_precision = 1 WHERE id = ?",
                    [(-90 + step * (n // 32 + 0.5), -90 + step * (n % 32 + 0.5), e.id)
                     for n, e in enumerate(events)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from claimledger.web import create_app
    with TestClient(create_app(db)) as client:
        yield client


def test_the_fullest_map_view_and_timeline_stay_under_the_bound(fullest):
    found = _get(fullest, "/api/map?bbox=-90,-90,90,90&zoom=18").json()
    assert found["clustered"] and len(found["features"]) == 1024  # a cell each
    timeline = _get(fullest, "/api/timeline").json()  # one day a month: 100 weeks
    assert timeline["by"] == "week" and len(timeline["categories"]) == 8
    assert all(len(rows) == 100 for rows in timeline["categories"].values())
    assert _get(fullest, "/timeline").text.count('<a href="/timeline/') == 800  # a bar each
