"""The server's guarantees over real HTTP to uvicorn on 127.0.0.1: security headers on
every response, no CORS unless origins are listed, read-only without a token, the token
compared in constant time, request bodies capped before they are read, and no file
outside the static folder however the path is spelled (raw requests: http.client sends
the target as written, where httpx and browsers would normalise it)."""
from __future__ import annotations

import http.client
import json
import sqlite3
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.routing import Mount

from claimledger import settings as settings_mod
from claimledger.errors import SettingsError
from claimledger.web import api, create_app, pages
from claimledger.web.guard import content_security_policy

STATIC = Path(str(files("claimledger.web") / "static"))
FIXED = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def _raw(base: str, method: str, target: str, headers: dict | None = None,
         body: bytes | None = None) -> tuple[int, dict, bytes]:
    """One request with the target exactly as given; status, headers (lower-cased), body."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def _assert_secured(headers: dict) -> None:
    for name, value in FIXED.items():
        assert headers.get(name) == value, (name, headers)
    csp = headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "img-src 'self' data:", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe" not in csp and "*" not in csp


def _db_state(db: str) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


# -- headers -----------------------------------------------------------------
@pytest.mark.parametrize("method,target,status", [
    ("GET", "/events", 200), ("GET", "/map", 200), ("GET", "/api/claims?limit=1", 200),
    ("GET", "/api/openapi.json", 200), ("GET", "/static/app.css", 200), ("HEAD", "/static/map.js", 200),
    ("GET", "/", 307), ("GET", "/nowhere", 404), ("GET", "/api/nowhere", 404),
    ("GET", "/static/nothing.css", 404), ("GET", "/api/claims?limit=0", 422),
    ("GET", "/events?since=yesterday", 400), ("DELETE", "/api/claims", 405),
    ("POST", "/api/articles", 403)])
def test_every_response_carries_the_security_headers(server, method, target, status):
    got, headers, _ = _raw(server, method, target, body=b"{}" if method == "POST" else None,
                           headers={"Content-Type": "application/json"} if method == "POST" else None)
    assert got == status
    _assert_secured(headers)


class _BrokenStores:
    def lease(self):
        raise RuntimeError("a bug")

    def close(self):
        pass


def test_a_server_error_carries_them_too(sample_db, serve):
    app = create_app(sample_db)
    app.state.ledger = _BrokenStores()  # Starlette's last-resort handler answers the 500
    with serve(app) as base:
        status, headers, body = _raw(base, "GET", "/api/claims")
    assert status == 500 and json.loads(body)["error"]["code"] == "internal_error"
    _assert_secured(headers)


def test_the_policy_admits_the_tile_server_only_when_set():
    assert content_security_policy(None).count("img-src 'self' data:;") == 1
    csp = content_security_policy("https://tile.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tile.example.org;" in csp and "script-src 'self';" in csp


# -- CORS --------------------------------------------------------------------
PREFLIGHT = {"Origin": "http://elsewhere.example", "Access-Control-Request-Method": "GET"}


def test_no_cross_origin_access_by_default(server):
    status, headers, _ = _raw(server, "GET", "/api/claims?limit=1", {"Origin": "http://elsewhere.example"})
    assert status == 200 and not any(h.startswith("access-control-") for h in headers)
    status, headers, _ = _raw(server, "OPTIONS", "/api/claims", PREFLIGHT)
    assert status == 405 and not any(h.startswith("access-control-") for h in headers)


def test_listed_origins_are_allowed(sample_db, serve):
    conf = settings_mod.settings({"db": sample_db, "cors_origins": "http://allowed.example, https://b.example"})
    with serve(create_app(sample_db, settings=conf)) as base:
        status, headers, _ = _raw(base, "OPTIONS", "/api/claims", dict(PREFLIGHT, Origin="http://allowed.example"))
        assert status == 200 and headers["access-control-allow-origin"] == "http://allowed.example"
        _assert_secured(headers)
        status, headers, _ = _raw(base, "GET", "/api/claims?limit=1", {"Origin": "https://b.example"})
        assert status == 200 and headers["access-control-allow-origin"] == "https://b.example"
        status, headers, _ = _raw(base, "OPTIONS", "/api/claims", PREFLIGHT)
        assert status == 400 and "access-control-allow-origin" not in headers
        status, headers, _ = _raw(base, "GET", "/api/claims?limit=1", {"Origin": "http://elsewhere.example"})
        assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize("value", ["allowed.example", "http://a.example/path", "ftp://a.example"])
def test_an_origin_that_is_no_origin_is_refused(value):
    with pytest.raises(SettingsError, match="cors_origins"):
        settings_mod.settings({"cors_origins": value})


# -- read-only, the token ----------------------------------------------------
def test_read_only_without_a_token_on_every_route(server, sample_db):
    """Every write method on every route: refused (403 or 405), nothing changed."""
    before = _db_state(sample_db)
    paths = [r.path.replace("{event_id}", "x").replace("{article_id}", "x")
             for r in api.router.routes + pages.router.routes] + ["/api/openapi.json", "/static/app.css"]
    assert len(paths) > 15
    with httpx.Client(base_url=server, timeout=10) as http:
        for path in paths:
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                r = http.request(method, path, json={"text": "Police killed 3 people.", "id": "x"},
                                 headers={"Authorization": "Bearer anything"})
                assert r.status_code in (403, 405), (method, path, r.status_code)
    assert _db_state(sample_db) == before


@pytest.mark.parametrize("token", [None, ""])
def test_an_unset_or_empty_token_means_read_only(tmp_path, serve, token):
    with serve(create_app(str(tmp_path / "ro.db"), token=token)) as base:
        status, _, body = _raw(base, "POST", "/api/articles", {"Authorization": "Bearer ",
                                                               "Content-Type": "application/json"},
                               b'{"text": "x"}')
    assert status == 403 and json.loads(body)["error"]["code"] == "read_only"


def test_the_token_is_compared_in_constant_time(tmp_path, monkeypatch, serve):
    calls = []
    real = api.hmac.compare_digest
    monkeypatch.setattr(api.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    with serve(create_app(str(tmp_path / "t.db"), token="s3cret")) as base:
        status, _, body = _raw(base, "POST", "/api/articles", {"Authorization": "Bearer s3cre",
                                                               "Content-Type": "application/json"},
                               b'{"text": "x"}')
    assert status == 403 and json.loads(body)["error"]["code"] == "forbidden"
    assert len(calls) == 1 and all(len(x) == 32 for x in calls[0])  # digests: equal lengths


# -- request size ------------------------------------------------------------
@pytest.fixture(scope="module")
def capped(sample_db, serve):
    """The app with a 10,000-byte cap and no token (so a body under the cap gets 403)."""
    conf = settings_mod.settings({"db": sample_db, "max_request_mb": 0.01})
    with serve(create_app(sample_db, settings=conf)) as base:
        yield base


def _too_large(status: int, body: bytes) -> None:
    assert status == 413
    error = json.loads(body)["error"]
    assert error["code"] == "payload_too_large" and "max_request_mb" in error["message"]


def _body_of(size: int) -> bytes:
    head = b'{"text": "'
    return head + b"a" * (size - len(head) - 2) + b'"}'


def test_a_body_at_the_cap_passes_one_byte_more_does_not(capped):
    status, _, body = _raw(capped, "POST", "/api/articles", {"Content-Type": "application/json"},
                           _body_of(10_000))
    assert status == 403 and json.loads(body)["error"]["code"] == "read_only"  # read, then refused
    status, headers, body = _raw(capped, "POST", "/api/articles", {"Content-Type": "application/json"},
                                 _body_of(10_001))
    _too_large(status, body)
    _assert_secured(headers)


def _open(base: str, headers: dict) -> http.client.HTTPConnection:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    conn.putrequest("POST", "/api/articles")
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    return conn


def test_a_declared_length_over_the_cap_is_refused_before_the_body(capped):
    """10 GB announced, 100 bytes sent: the answer comes at once (a 5 s timeout)."""
    conn = _open(capped, {"Content-Type": "application/json", "Content-Length": str(10**10)})
    try:
        conn.send(b'{"text": "' + b"a" * 90)
        r = conn.getresponse()
        _too_large(r.status, r.read())
    finally:
        conn.close()


def test_a_chunked_body_is_counted_as_it_streams(capped):
    """Chunks past the cap, the body never finished: refused while it is still coming."""
    conn = _open(capped, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    try:
        for chunk in [b'{"text": "'] + [b"a" * 4096] * 3:  # 12,298 bytes, no last chunk
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        r = conn.getresponse()
        _too_large(r.status, r.read())
    finally:
        conn.close()


def test_max_request_mb_must_be_a_positive_number():
    for bad in ("big", "0", "-1"):
        with pytest.raises(SettingsError, match="max_request_mb"):
            settings_mod.settings({"max_request_mb": bad})


# -- files -------------------------------------------------------------------
OUTSIDE = [Path("/etc/passwd"), STATIC.parent / "app.py", STATIC.parent.parent / "settings.py"]
TRAVERSALS = [
    "/static/../../../../../../etc/passwd", "/static/" + "../" * 20 + "etc/passwd",
    "/static/../app.py", "/static/./../app.py", "/static/vendor/../../app.py",
    "/static/vendor/leaflet/../../../../settings.py", "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py", "/static/..%2fapp.py", "/static/..%2F..%2Fsettings.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/%252e%252e%252fapp.py", "/static/..%5capp.py", "/static/..%5C..%5Csettings.py",
    "/static/..\\app.py", "/static/%5c..%5capp.py", "/static/%c0%ae%c0%ae/app.py",
    "/static/..%c0%afapp.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/%5cetc%5cpasswd", "/static/%00../app.py", "/static/....//app.py",
    "/static/..;/app.py", "/static/%2e%2e", "/static/..",
]


@pytest.mark.parametrize("target", ["/static/app.css", "/static/vendor/../app.css",
                                    "/static/vendor/leaflet/%2e%2e/%2e%2e/app.css"])
def test_static_files_are_served(server, target):
    """Dot segments reach the file lookup as sent, so the 404s below are its refusals."""
    status, headers, body = _raw(server, "GET", target)
    assert status == 200 and body == (STATIC / "app.css").read_bytes()


def test_static_is_the_only_file_route(app):
    """A new mount (a folder of files) must come with its own traversal test."""
    routes = list(app.routes) + api.router.routes + pages.router.routes
    assert [r.path for r in routes if isinstance(r, Mount)] == ["/static"]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_file_outside_the_static_folder(server, target):
    status, headers, body = _raw(server, "GET", target)
    assert status == 404, (target, status, body[:200])
    for path in OUTSIDE:
        first = path.read_bytes().splitlines()[0]
        assert first not in body
    _assert_secured(headers)
