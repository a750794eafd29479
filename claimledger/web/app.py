"""The web app: one FastAPI object with the JSON API (/api), the pages and the static files.

    app = create_app("claimledger.db")           # read-only
    app = create_app(db, token="s3cret")         # POST /api/articles allowed with the token
    uvicorn --factory claimledger.web.app:from_settings   # settings from the environment

Pages and API reads go through read-only connections (``open_store(read_only=True)``);
only POST /api/articles gets a writing one. Every response carries security headers
and request bodies are capped (``guard.py``);
browsers on other origins get no access unless the ``cors_origins`` setting lists them.
"""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from .. import settings as settings_mod
from ..store import open_store
from . import api, errors, pages
from .guard import Guard, security_headers
from .ledger import Ledger, Stores


class LedgerApp(FastAPI):
    """FastAPI with ``guard.Guard`` outside everything, Starlette's error handler included."""

    def build_middleware_stack(self):
        return Guard(super().build_middleware_stack(), self.state.max_request_bytes,
                     security_headers(self.state.tiles))


def create_app(db: str, *, token: str | None = None, tiles: str | None = None,
               settings: dict | None = None) -> FastAPI:
    """``tiles`` is a tile URL template ({z}/{x}/{y}); without it the map draws on a plain background."""
    conf = settings or settings_mod.settings({"db": db})
    with open_store(db) as store:  # create and migrate once, here, not in every thread
        store.fill_places()  # events stored before they had a point and a day
        store.summarize_events()  # events stored before their summaries were (a migrated ledger)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.ledger.close()
        app.state.writer.close()

    app = LedgerApp(title="claimledger", version="1", lifespan=lifespan,
                  description="Claims (who said how many were killed, injured, arrested...), "
                              "the events they describe, copied passages and sources.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.ledger = Stores(lambda: open_store(db, read_only=True))
    # one writing store (opened on the first upload): SQLite has one writer at a time anyway
    app.state.writer = Stores(lambda: open_store(db, migrate=False), size=1)
    app.dependency_overrides[api.ledger] = _ledger_for
    app.state.token = token or None
    app.state.tiles = tiles or None
    app.state.extractor = _extractor_loader(conf)
    app.state.max_request_bytes = int(conf["max_request_mb"] * 1_000_000)
    if conf["cors_origins"]:
        app.add_middleware(CORSMiddleware, allow_origins=list(conf["cors_origins"]),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(str(files("claimledger.web") / "static"))),
              name="static")
    return app


def from_settings() -> FastAPI:
    """The app as the settings in force say (config file < CLAIMLEDGER_* environment):
    the factory each of ``serve --workers N``'s processes calls."""
    conf = settings_mod.settings()
    return create_app(conf["db"], token=conf["token"], tiles=conf["tiles"], settings=conf)


async def _ledger_for(request: Request) -> AsyncIterator[Ledger]:
    """Every route's ``api.ledger``: a read-only store lent for the request, but for the
    one route that writes (POST /api/articles), which gets the writing one."""
    state = request.app.state
    async with (state.writer if request.method == "POST" else state.ledger).lease() as ledger:
        yield ledger


def _extractor_loader(conf: dict):
    """The spaCy extractor, loaded on the first upload (a read-only server never needs it)."""
    lock, made = threading.Lock(), []

    def get(store):
        with lock:
            if not made:
                from ..extract import build_extractor
                made.append(build_extractor(conf, store))
            return made[0]
    return get
