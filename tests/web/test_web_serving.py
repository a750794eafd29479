"""Serving for teams: pages read through read-only connections on both backends, the
app factory takes its settings from the environment, and `serve --workers N` runs N
processes answering on one port and keeps idle connections open."""
from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import anyio
import httpx
import pytest
from postgres_server import fresh_schema, server_url

from claimledger.errors import StoreError
from claimledger.model import Article
from claimledger.store import open_store
from claimledger.web.app import create_app, from_settings

ROOT = Path(__file__).parents[2]


def _client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app)


def _ledger(target) -> str:
    with open_store(target) as store:
        store.put_article(Article("a1", "Police arrested 40 people, the ministry said."))
    return str(target)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        yield _ledger(tmp_path / "claims.db")
    else:
        with fresh_schema(server_url()) as url:
            yield _ledger(url)


def test_pages_read_through_a_read_only_store(db):
    app = create_app(db)
    with _client(app) as c:
        assert c.get("/api/articles").json()["total"] == 1
        assert c.get("/events").status_code == 200
    async def write():
        async with app.state.ledger.lease() as led:
            led.store.put_article(Article("a2", "Two were injured."))
    with pytest.raises(StoreError, match="opened read-only"):
        anyio.run(write)
    app.state.ledger.close()


def test_the_factory_reads_its_settings_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_DB", _ledger(tmp_path / "env.db"))
    monkeypatch.setenv("CLAIMLEDGER_TOKEN", "s3cret")
    with _client(from_settings()) as c:
        assert c.get("/api/articles").json()["items"][0]["id"] == "a1"
        r = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer wrong"})
        assert r.json()["error"]["code"] == "forbidden"  # uploads allowed: a token is set


def _children(pid: int) -> list[str]:
    """The command lines of a process's children (Linux /proc)."""
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [Path(f"/proc/{k}/cmdline").read_bytes().decode(errors="replace") for k in kids]


def test_serve_with_workers_answers_from_several_processes(tmp_path):
    db = _ledger(tmp_path / "served.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--db", db, "--port", str(port),
                               "--workers", "2", "--forwarded-allow-ips", "127.0.0.1"],
                              cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=5)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {server.stderr.read()[-500:]}")
                time.sleep(0.2)
        assert r.json()["total"] == 1
        assert sum("spawn_main" in cmd for cmd in _children(server.pid)) == 2
        # an idle connection outlives uvicorn's default 5 s (a proxy reuses it later)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for pause in (0, 6):
            time.sleep(pause)
            conn.request("GET", "/api/articles?limit=1")
            assert conn.getresponse().read()
        conn.close()
    finally:
        server.terminate()
        server.wait(20)
    assert "with 2 workers" in server.stderr.read()
