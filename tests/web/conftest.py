"""The web app over a database ingested from data/samples once per session, served
in-process (TestClient) and by uvicorn in a background thread (for the browser)."""
from __future__ import annotations

import socket
import threading
import time
import warnings
from contextlib import contextmanager
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
