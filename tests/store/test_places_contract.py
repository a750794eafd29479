"""Events by point and by day (store/places.py), on SQLite and PostgreSQL alike."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from storedata import make_article, make_claim

from claimledger.events.figures import Context, figures
from claimledger.model import Event, Place, When
from claimledger.store.places import Box, period_days, period_of

TOWNS = {"Tehran": "IR", "Mashhad": "IR", "Baghdad": "IQ", "Suva": "FJ", "Apia": "WS", "Iran": "IR"}


def _ledger(store) -> list[Event]:
    """Two articles of three claims each; one event a town (and Iran, by country only)."""
    store.put_article(make_article("a1", "x" * 200, published=date(2024, 3, 4)))
    store.put_article(make_article("a2", "x" * 200, published=date(2024, 3, 11)))
    claims = {
        "a1": [make_claim("a1", 0), make_claim("a1", 20, category="arrested", value=None, low=30, high=50,
                                                    qualifier="range", span="30-50"),
               make_claim("a1", 40, value=20, low=None, high=20, qualifier="up_to", span="up to 20")],
        "a2": [make_claim("a2", 0, value=7, low=7, high=7, qualifier="exact", span="7"),
               make_claim("a2", 20, category="injured", value=12, low=12, high=12, qualifier="exact"),
               make_claim("a2", 40, value=9, low=9, high=9, qualifier="exact", span="9")],
    }
    for article, found in claims.items():
        store.replace_claims(article, found)
    events = []
    days = [date(2024, 3, 4), date(2024, 3, 10), date(2024, 3, 11), date(2024, 4, 2), None, date(2023, 12, 31)]
    by_claim = [claims["a1"][:2], [claims["a1"][2]], [claims["a2"][0]], [claims["a2"][1]], [], [claims["a2"][2]]]
    for n, ((town, country), day, mine) in enumerate(zip(TOWNS.items(), days, by_claim)):
        events.append(Event(f"ev-{n}", "protest_peaceful", When(day, day), Place(town, country),
                            claims=tuple(mine)))
    store.replace_events(events)
    return events


def test_events_carry_their_point_and_day(store):
    _ledger(store)
    rows = {r["id"]: r for r in store._run("SELECT id, lat, lon, geo_precision, day, month FROM events")}
    assert rows["ev-0"]["geo_precision"] == 1 and rows["ev-0"]["lat"] == pytest.approx(35.69, abs=0.05)
    assert rows["ev-5"]["geo_precision"] == 3 and rows["ev-5"]["lat"] is None  # Iran: a country
    assert rows["ev-0"]["day"] == date(2024, 3, 4).toordinal() and rows["ev-0"]["month"] == 2024 * 12 + 2
    assert rows["ev-4"]["day"] is None  # undated


def test_a_box_holds_only_the_events_inside_it(store):
    _ledger(store)
    iran_iraq = Box(40, 30, 62, 40)
    assert [e.id for e in store.events_in_box(iran_iraq, 10)] == ["ev-0", "ev-1", "ev-2"]
    assert store.count_in_box(iran_iraq) == 3
    assert [e.id for e in store.events_in_box(iran_iraq, 2, offset=1)] == ["ev-1", "ev-2"]
    pacific = Box(170, -20, -170, -10)  # across the antimeridian: Suva and Apia
    assert [e.id for e in store.events_in_box(pacific, 10)] == ["ev-3", "ev-4"]
    assert store.events_in_box(Box(0, -10, 10, 10), 10) == []
    tehran = store.events_in_box(Box(51, 35, 52, 36), 10)[0]
    assert (tehran.where.name, tehran.claims, tehran.when.start) == ("Tehran", 2, date(2024, 3, 4))


def test_cells_count_the_events_of_a_box(store):
    _ledger(store)
    world = Box(-180, -90, 180, 90)
    coarse = store.cells_in_box(world, 60)  # Iran and Iraq share a cell, the Pacific two
    assert sum(c.count for c in coarse) == store.count_in_box(world) == 5
    big = max(coarse, key=lambda c: c.count)
    assert big.count == 3 and big.south < 34 < 36 < big.north and big.west < 45 < 59 < big.east
    fine = store.cells_in_box(world, 1)
    assert sorted(c.count for c in fine) == [1, 1, 1, 1, 1]
    alone = next(c for c in fine if c.id == "ev-2")
    assert alone.where == "Baghdad" and alone.lat == pytest.approx(33.34, abs=0.01)


def test_events_known_by_country_only_are_listed(store):
    _ledger(store)
    total, page = store.unplaced_events(10)
    assert total == 1 and [(e.id, e.where.name, e.claims) for e in page] == [("ev-5", "Iran", 1)]
    assert store.unplaced_events(10, offset=1) == (1, [])


def test_periods_count_events_and_their_range_of_figures(store):
    events = _ledger(store)
    months = {(date(p.period // 12, p.period % 12 + 1, 1), p.category): (p.events, p.low, p.high)
              for p in store.periods("month")}
    assert months == {(date(2023, 12, 1), "killed"): (1, 9, 9),
                      (date(2024, 3, 1), "killed"): (3, 7, 1500),  # up to 20: low unknown
                      (date(2024, 3, 1), "arrested"): (1, 30, 50),
                      (date(2024, 4, 1), "injured"): (1, 12, 12)}
    weeks = {period_days("week", p.period)[0]: p.events for p in store.periods("week") if p.category == "killed"}
    assert weeks == {date(2023, 12, 25): 1, date(2024, 3, 4): 2, date(2024, 3, 11): 1}  # Mondays
    assert {p.period for p in store.periods("year")} == {2023, 2024}
    assert store.period_counts() == {"week": 4, "month": 3, "year": 2}
    # the same ranges as the event page's figures, computed in Python
    ctx = Context()
    ranges = store.figure_ranges([e.id for e in events])
    for e in events:
        assert ranges.get(e.id, {}) == {s.category: [s.low, s.high] for s in figures(e, ctx)}


def test_the_events_of_some_days(store):
    _ledger(store)
    march = period_days("month", period_of("month", date(2024, 3, 20)))
    assert march == (date(2024, 3, 1), date(2024, 3, 31))
    total, page = store.events_between(*march, None, 10)
    assert total == 3 and [e.id for e in page] == ["ev-0", "ev-1", "ev-2"]
    assert store.events_between(*march, "arrested", 10)[1][0].id == "ev-0"
    assert store.events_between(*march, "killed", 1, offset=1) == (3, store.events_between(*march, None, 1, 1)[1])
    assert store.events_between(date(2025, 1, 1), date(2025, 1, 31), None, 10) == (0, [])


def test_events_written_before_the_columns_are_filled(store):
    _ledger(store)
    store._run("UPDATE events SET lat = NULL, lon = NULL, geo_precision = NULL, day = NULL, month = NULL")
    assert store.count_in_box(Box(-180, -90, 180, 90)) == 0
    assert store.fill_places() == 6
    assert store.count_in_box(Box(-180, -90, 180, 90)) == 5
    assert [e.id for e in store.events_between(date(2024, 4, 1), date(2024, 4, 30), None, 5)[1]] == ["ev-3"]
    assert store.fill_places() == 0


@pytest.mark.parametrize("grain", ["week", "month", "year"])
def test_a_period_holds_its_days(grain):
    for day in (date(2024, 2, 29), date(2023, 12, 31), date(2024, 1, 1), date(1999, 7, 15)):
        first, last = period_days(grain, period_of(grain, day))
        assert first <= day <= last
        assert period_of(grain, first) == period_of(grain, last) == period_of(grain, day)
        assert period_of(grain, first - timedelta(days=1)) != period_of(grain, day)
        assert period_of(grain, last + timedelta(days=1)) != period_of(grain, day)
