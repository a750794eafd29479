"""The timeline's queries: per category, each period's events counted and their range
of figures; a period's events, a page at a time. Bounded whatever the ledger's size.

    overview(ledger, by)       per category, each week, month or year with events in it
    parse_period("2024-03")    a period named in a URL: a week (2024-W10), month or year
    period_events(ledger, period, category, limit, offset)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..store.places import GRAINS, period_days, period_of
from .errors import ApiError
from .ledger import Ledger
from .queries import Page

MOST_PERIODS = 100  # a grain with more periods than this gives way to a coarser one
ABOUT = "a week (2024-W10), a month (2024-03) or a year (2024), from 1000 to 2099"
PERIOD = re.compile(r"((?:1[0-9]|20)[0-9]{2})(?:-W(0[1-9]|[1-4][0-9]|5[0-3])|-(0[1-9]|1[0-2]))?")


@dataclass(frozen=True)
class Period:
    grain: str  # a key of GRAINS
    key: int

    @property
    def days(self) -> tuple[date, date]:
        return period_days(self.grain, self.key)

    @property
    def label(self) -> str:
        first = self.days[0]
        if self.grain == "week":
            year, week, _ = first.isocalendar()
            return f"{year}-W{week:02d}"
        return first.isoformat()[:7] if self.grain == "month" else str(first.year)


def parse_period(text: str) -> Period:
    """A period's name (``ABOUT``); week 53 of a year with 52 is the next year's first."""
    found = PERIOD.fullmatch(text)
    if not found:
        raise ApiError(400, "bad_request", f"period {text[:40]!r} is not {ABOUT}")
    year, week, month = found.groups()
    if week:
        day = date.fromisocalendar(int(year), 1, 1) + timedelta(weeks=int(week) - 1)
        return Period("week", period_of("week", day))
    if month:
        return Period("month", period_of("month", date(int(year), int(month), 1)))
    return Period("year", int(year))


def grain_for(counts: dict[str, int], asked: str | None) -> str:
    """The grain asked for (the finest, when none is) or the next coarser one whose
    periods number ``MOST_PERIODS`` at most; years when none does."""
    grains = list(GRAINS)
    for grain in grains[grains.index(asked) if asked else 0:]:
        if counts[grain] <= MOST_PERIODS:
            return grain
    return grains[-1]


def overview(ledger: Ledger, by: str | None = None) -> dict:
    """``{"by", "asked", "left_out", "categories": {category: [period, ...]}}``; each
    period is its label, first and last day, events and lowest and highest figure.
    When even years are too many, the latest ``MOST_PERIODS`` are kept."""
    store = ledger.store

    def read() -> tuple[str, list]:
        grain = grain_for(store.period_counts(), by)
        return grain, store.periods(grain)
    # one pass over every dated event's claims (seconds at a million claims): kept
    # until the next write, so the timeline is fresh but not paid on every request
    grain, rows = ledger.while_unchanged(("periods", by), read)
    keys = sorted({r.period for r in rows})
    kept = set(keys[-MOST_PERIODS:])
    categories: dict[str, list[dict]] = {}
    for r in rows:
        if r.period in kept:
            period = Period(grain, r.period)
            first, last = period.days
            categories.setdefault(r.category, []).append(
                {"period": period.label, "first": first.isoformat(), "last": last.isoformat(),
                 "events": r.events, "low": r.low, "high": r.high})
    return {"by": grain, "asked": by, "left_out": len(keys) - len(kept),
            "categories": dict(sorted(categories.items()))}


def period_events(ledger: Ledger, period: Period, category: str | None, limit: int,
                  offset: int) -> Page:
    """A page of the period's events (with a figure of ``category`` when given), each
    with its range of figures per category."""
    store = ledger.store
    total, lines = store.events_between(*period.days, category, limit, offset)
    ranges = store.figure_ranges([e.id for e in lines])
    return Page(total, limit, offset, [dict(e.to_record(), ranges=ranges.get(e.id, {})) for e in lines])
