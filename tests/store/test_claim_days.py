"""The days a claim is about (``claims.day_first``..``day_last``): its own time, else
its article's date; stored with the claim, filled in by migration 0015 for claims
stored before it, and what the claims list's date filters read."""
from __future__ import annotations

from datetime import date

import pytest
from storedata import make_article, make_claim

from claimledger.model import When
from claimledger.store.listing import ClaimFilter
from claimledger.store.schema import migrations

NOV5 = date(2020, 11, 5)


def _ledger(store) -> None:
    store.put_articles([
        (make_article("a1"), [
            make_claim("a1", 0),  # no time of its own: the article's day
            make_claim("a1", 20, when=When(date(2019, 11, 15), None, "from 15 November 2019")),
            make_claim("a1", 40, when=When(None, date(2019, 12, 1), "until 1 December 2019")),
            make_claim("a1", 60, when=When(date(2018, 1, 1), date(2018, 12, 31), "in 2018")),
            make_claim("a1", 80, when=When(None, None, "recently")),  # a time with no days
        ]),
        (make_article("a2", published=None), [make_claim("a2", 0)]),  # no day at all
    ])


def _days(store) -> list[tuple]:
    d = store.dialect
    return [(r["start_char"], d.day(r["day_first"]), d.day(r["day_last"]))
            for r in store._run("SELECT start_char, day_first, day_last FROM claims "
                                "ORDER BY article_id, start_char").fetchall()]


EXPECTED = [(0, NOV5, NOV5), (20, date(2019, 11, 15), date(2019, 11, 15)),
            (40, date(2019, 12, 1), date(2019, 12, 1)), (60, date(2018, 1, 1), date(2018, 12, 31)),
            (80, NOV5, NOV5), (0, None, None)]


def test_a_claim_is_stored_with_its_days(store):
    _ledger(store)
    assert _days(store) == EXPECTED


def test_a_changed_article_date_moves_its_claims_days(store):
    _ledger(store)
    store.put_articles([(make_article("a1", published=date(2021, 3, 1)), [make_claim("a1", 0)])])
    assert _days(store)[0] == (0, date(2021, 3, 1), date(2021, 3, 1))


def test_the_migration_fills_in_the_days_of_claims_stored_before_it(store):
    _ledger(store)
    store._run("UPDATE claims SET day_first = NULL, day_last = NULL")
    sql = next(m.sql for m in migrations(store.dialect.name) if m.name == "0015_claim_days")
    [fill] = [s for s in sql.split(";") if s.strip().startswith("UPDATE")]
    store._run(fill)
    assert _days(store) == EXPECTED


@pytest.mark.parametrize("since, until, starts", [
    (date(2019, 12, 1), None, [0, 40, 80]),
    (None, date(2019, 11, 30), [20, 60]),
    (date(2018, 6, 1), date(2018, 6, 30), [60]),  # inside a claim's span of days
    (date(2020, 11, 5), date(2020, 11, 5), [0, 80]),
])
def test_date_filters_read_the_stored_days(store, since, until, starts):
    _ledger(store)
    found = store.claim_page(ClaimFilter(since=since, until=until), 50, 0)
    assert [c.start for c, _ in found.items] == starts and found.total == len(starts)
