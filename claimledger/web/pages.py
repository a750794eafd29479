"""The HTML pages: the queries of ``queries.py`` rendered by Jinja templates."""
from __future__ import annotations

import re
from datetime import date
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates

from ..events.typology import table
from ..extract.fa.normalise import looks_persian
from ..model import CATEGORIES
from ..store.places import GRAINS
from . import charts, geo, periods, queries
from .api import ledger
from .errors import ApiError
from .ledger import Ledger
from .render import highlight

PAGE = 50
LIST = 100  # events in the map's and the timeline's lists
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(files("claimledger.web") / "templates")))
templates.env.tests["persian"] = lambda text: looks_persian(text or "")  # a claim's sentence


def _render(request: Request, name: str, **context):
    return templates.TemplateResponse(request, name, context)


def _day(value: str | None, name: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ApiError(400, "bad_request", f"{name} {value!r} is not a date; write YYYY-MM-DD") from None


def _offset(value: str | None) -> int:
    # ASCII digits only: "²".isdigit() is true but int() refuses it; 9 digits at most
    return int(value) if value and re.fullmatch(r"[0-9]{1,9}", value) else 0


@router.get("/")
def home():
    return RedirectResponse("/events")


@router.get("/events")
def events_page(request: Request, country: str | None = None, type: str | None = None,
                category: str | None = None, since: str | None = None, until: str | None = None,
                q: str | None = None, offset: str | None = None, led: Ledger = Depends(ledger)):
    f = queries.EventFilter(country or None, type or None, category or None,
                            _day(since, "since"), _day(until, "until"), q or None)
    found = queries.events(led, f, PAGE, _offset(offset))
    return _render(request, "events.html", page=found, filters=f, rows=found.items,
                   types=sorted(table()["types"]), categories=CATEGORIES,
                   countries=led.store.event_countries())


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str, led: Ledger = Depends(ledger)):
    e = queries.event(led, event_id)
    traced = [g for g in queries.event_trace(led, event_id) if len(g["mentions"]) > 1]
    genealogies: dict[str, list] = {}
    for g in traced:
        genealogies.setdefault(g["category"], []).append((g, charts.genealogy(g)))
    return _render(request, "event.html", e=e, genealogies=genealogies,
                   charts={cat: charts.figures_over_time(series) for cat, series in e["over_time"].items()})


@router.get("/map")
def map_page(request: Request, offset: str | None = None, led: Ledger = Depends(ledger)):
    return _render(request, "map.html", tiles=request.app.state.tiles,
                   unplaced=geo.unplaced(led, LIST, _offset(offset)))


@router.get("/map/events")
def map_events_page(request: Request, bbox: str = "", offset: str | None = None,
                    led: Ledger = Depends(ledger)):
    box = geo.parse_box(bbox)
    return _render(request, "map_events.html", box=box, bbox=bbox,
                   page=geo.in_area(led, box, LIST, _offset(offset)))


@router.get("/timeline")
def timeline_page(request: Request, by: str | None = None, led: Ledger = Depends(ledger)):
    found = periods.overview(led, by if by in GRAINS else None)
    return _render(request, "timeline.html", found=found, grains=GRAINS,
                   charts={cat: charts.periods(cat, rows) for cat, rows in found["categories"].items()})


@router.get("/timeline/{period}")
def period_page(request: Request, period: str, category: str | None = None,
                offset: str | None = None, led: Ledger = Depends(ledger)):
    found = periods.parse_period(period)
    chosen = category if category in CATEGORIES else None
    return _render(request, "timeline_period.html", period=found, category=chosen,
                   page=periods.period_events(led, found, chosen, LIST, _offset(offset)))


@router.get("/articles")
def articles_page(request: Request, q: str | None = None, offset: str | None = None,
                  led: Ledger = Depends(ledger)):
    return _render(request, "articles.html", page=queries.articles(led, q or None, PAGE, _offset(offset)), q=q or "")


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, led: Ledger = Depends(ledger)):
    a = queries.article(led, article_id)
    return _render(request, "article.html", a=a, body=highlight(a["text"], a["claims"], a["copies"], a["id"]))


@router.get("/copies")
def copies_page(request: Request, article: str | None = None, offset: str | None = None,
                led: Ledger = Depends(ledger)):
    return _render(request, "copies.html", page=queries.copies(led, article or None, PAGE, _offset(offset)),
                   article=article or "")


@router.get("/sources")
def sources_page(request: Request, q: str | None = None, offset: str | None = None,
                 led: Ledger = Depends(ledger)):
    return _render(request, "sources.html", page=queries.sources(led, q or None, PAGE, _offset(offset)), q=q or "")
