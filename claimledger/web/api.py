"""The JSON API under /api: the queries of ``queries.py`` as JSON, paginated.

Every error is ``{"error": {"code", "message"}}`` (see ``errors.py``); uploads
need the ``token`` setting and ``Authorization: Bearer TOKEN``.
"""
from __future__ import annotations

import hashlib
import hmac
import threading
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from pydantic import BaseModel, Field

from ..model import CATEGORIES, Article
from . import geo, periods, queries
from .errors import ApiError, ErrorOut
from .ledger import Ledger

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (422, "Invalid parameters"))}

router = APIRouter(prefix="/api", responses=ERRORS)


class PageOut(BaseModel):
    total: int = Field(description="How many the whole list holds; when `exact` is false, at least "
                                   "this many (a count of claims or copies stops 2,000 past the "
                                   "page asked)")
    limit: int
    offset: int
    items: list[dict[str, Any]]
    exact: bool = Field(True, description="Whether `total` is the exact count")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article's body, as published")
    title: str | None = None
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD)")
    id: str | None = Field(None, min_length=1, max_length=200,
                           description="Default: web- and a hash of the text")
    outlet: str | None = None
    url: str | None = None


class SaidOut(BaseModel):
    name: str
    date: str | None
    article: str


class MentionOut(BaseModel):
    article: str
    published: str | None
    said: str | None = Field(description="The chain's last dated link, else the publication date")
    span: str
    start: int
    end: int
    qualifier: str
    sources: list[str] = Field(description="The chain's names, first sayer first; [] = the article itself")
    chain: list[dict[str, Any]]
    attributed: bool
    copied: bool = Field(description="The mention stands in a passage first seen in another article")
    copied_from: dict[str, Any] | None
    flags: list[Literal["unattributed_repeat", "sayer_changed"]]
    repeats: dict[str, Any] | None = Field(description="For an unattributed repeat: the earliest "
                                           "attributed mention it repeats")


class GenealogyOut(BaseModel):
    category: str
    value: int | None
    low: int | None
    high: int | None
    first_said: SaidOut | None
    mentions: list[MentionOut]
    unattributed_repeats: list[str] = Field(description="Articles stating it unattributed after the credit")
    unattributed_repeat_mentions: int
    sayer_changed: bool


class IngestOut(BaseModel):
    id: str
    status: Literal["new", "changed", "unchanged"]
    claims: int


async def ledger(request: Request) -> AsyncIterator[Ledger]:
    """The request's store, lent from the app's pool for the request (``ledger.Stores``);
    ``app.create_app`` puts its own in place (the writing store for POST)."""
    async with request.app.state.ledger.lease() as led:
        yield led


def page(limit: int = Query(50, ge=1, le=queries.MAX_LIMIT),
         offset: int = Query(0, ge=0, le=10_000_000)) -> dict:
    return {"limit": limit, "offset": offset}


def _out(p: queries.Page, item=lambda x: x) -> PageOut:
    return PageOut(total=p.total, limit=p.limit, offset=p.offset, items=[item(x) for x in p.items],
                   exact=p.exact)


@router.get("/articles", response_model=PageOut, summary="Stored articles, newest ingest last")
def list_articles(q: str | None = Query(None, description="Full-text search over title and text"),
                  pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    return _out(queries.articles(led, q, **pg))


@router.get("/articles/{article_id}", summary="One article: text, claims with offsets, copied passages")
def get_article(article_id: str, led: Ledger = Depends(ledger)) -> dict[str, Any]:
    return queries.article(led, article_id)


@router.get("/claims", response_model=PageOut, summary="Claims, filtered")
def list_claims(category: Category | None = None,
                country: str | None = Query(None, description="ISO 3166-1 alpha-2, e.g. IR"),
                source: str | None = Query(None, description="Part of a name in the chain; aliases count"),
                since: dt.date | None = Query(None, description="Claims about a time ending on or after"),
                until: dt.date | None = Query(None, description="Claims about a time starting on or before"),
                event: str | None = Query(None, description="Only the claims of this event"),
                q: str | None = Query(None, description="Words that must all be in the sentence"),
                pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    f = queries.ClaimFilter(category, country, source, since, until, event, q)
    return _out(queries.claims(led, f, **pg))


@router.get("/events", response_model=PageOut, summary="Events, filtered")
def list_events(country: str | None = None, type: str | None = None,
                category: Category | None = None, since: dt.date | None = None,
                until: dt.date | None = None,
                q: str | None = Query(None, description="Full-text search over the events' articles "
                                                        "(the events of the latest 1,000 articles found)"),
                pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    f = queries.EventFilter(country, type, category, since, until, q)
    return _out(queries.events(led, f, **pg))


@router.get("/events/{event_id}", summary="One event with every figure side by side")
def get_event(event_id: str, led: Ledger = Depends(ledger)) -> dict[str, Any]:
    return queries.event(led, event_id)


@router.get("/events/{event_id}/trace", response_model=list[GenealogyOut],
            summary="Where each figure of an event came from: first sayer, relays, copies, "
                    "unattributed repeats")
def get_event_trace(event_id: str, category: Category | None = None, led: Ledger = Depends(ledger)):
    return queries.event_trace(led, event_id, category)


@router.get("/map", summary="The events with a point inside a box, as GeoJSON: each event "
            f"when {geo.POINTS} or fewer are inside, else one feature per grid cell with its count")
def get_map(bbox: str = Query("-180,-90,180,90", description=geo.ABOUT, pattern=f"^{geo.BOX.pattern}$"),
            zoom: int | None = Query(None, ge=0, le=24, description="The map's zoom: cells of about "
                                     f"{geo.CELL_PX} pixels"),
            led: Ledger = Depends(ledger)) -> dict[str, Any]:
    return geo.in_view(led, geo.parse_box(bbox), zoom)


@router.get("/map/events", response_model=PageOut, summary="The events with a point inside a box")
def list_map_events(bbox: str = Query(..., description=geo.ABOUT, pattern=f"^{geo.BOX.pattern}$"),
                    pg: dict = Depends(page),
                    led: Ledger = Depends(ledger)):
    return _out(geo.in_area(led, geo.parse_box(bbox), **pg), lambda e: e.to_record())


@router.get("/map/unplaced", response_model=PageOut,
            summary="The events known only by country or province (no point), by country")
def list_unplaced(pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    return _out(geo.unplaced(led, **pg), lambda e: e.to_record())


@router.get("/timeline", summary="Per category, each period's dated events counted and their "
            "lowest and highest figure")
def get_timeline(by: Literal["week", "month", "year"] | None = Query(
                     None, description=f"Default: the finest with {periods.MOST_PERIODS} periods at "
                     "most; a grain with more gives way to a coarser one"),
                 led: Ledger = Depends(ledger)) -> dict[str, Any]:
    return periods.overview(led, by)


@router.get("/timeline/{period}", response_model=PageOut,
            summary="The events of a week (2024-W10), month (2024-03) or year (2024), with "
                    "their ranges of figures")
def list_period_events(period: str = Path(description=periods.ABOUT, pattern=f"^{periods.PERIOD.pattern}$"),
                       category: Category | None = None, pg: dict = Depends(page),
                       led: Ledger = Depends(ledger)):
    return _out(periods.period_events(led, periods.parse_period(period), category, **pg))


@router.get("/copies", response_model=PageOut, summary="Copied passages, both sides")
def list_copies(article: str | None = None, pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    return _out(queries.copies(led, article, **pg))


@router.get("/sources", response_model=PageOut, summary="Names in claims' chains, most named first")
def list_sources(q: str | None = None, pg: dict = Depends(page), led: Ledger = Depends(ledger)):
    return _out(queries.sources(led, q, **pg))


def require_token(request: Request, authorization: str | None = Header(None)) -> None:
    """403 unless the token setting is set and ``Authorization: Bearer`` gives it."""
    token = request.app.state.token
    if not token:
        raise ApiError(403, "read_only", "this server is read-only: set the token setting "
                       "(CLAIMLEDGER_TOKEN) to allow uploads")
    given = (authorization or "").removeprefix("Bearer ").strip()
    # constant time; hashing first keeps even the token's length from showing in the timing
    if not hmac.compare_digest(hashlib.sha256(given.encode()).digest(),
                               hashlib.sha256(token.encode()).digest()):
        raise ApiError(403, "forbidden", "missing or wrong token: send Authorization: Bearer TOKEN")


_ingest_lock = threading.Lock()


@router.post("/articles", status_code=201, response_model=IngestOut, dependencies=[Depends(require_token)],
             responses={403: {"model": ErrorOut, "description": "No token, or a wrong one"}},
             summary="Upload an article; its claims are extracted and stored")
def post_article(body: ArticleIn, request: Request, led: Ledger = Depends(ledger)):
    from ..pipeline import ingest_articles
    article_id = body.id or "web-" + hashlib.sha256(body.text.encode()).hexdigest()[:12]
    article = Article(article_id, body.text, body.date, body.outlet, body.url, body.title, origin="web")
    with _ingest_lock:  # one extractor, one writer at a time
        report = ingest_articles([article], led.store, request.app.state.extractor(led.store))
    status = "new" if report.new else "changed" if report.changed else "unchanged"
    return IngestOut(id=article_id, status=status, claims=report.claims)
