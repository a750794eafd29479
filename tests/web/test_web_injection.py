"""SQL only with parameters, checked from outside: injection strings through every
filter of every API endpoint (listed from the served OpenAPI schema) and every page
(listed from the routes' declared parameters), over real HTTP to uvicorn.

For each parameter: no answer is a 5xx; API errors keep the one shape; the database is
unchanged (tables, their SQL and row counts); and a payload after a word found nowhere
(``qqzxv' OR 1=1 --``), or a LIKE wildcard between letters (``e%e``), gives exactly
what the plain non-matching filter ``qqzxv`` gives: were the value spliced into SQL, the
quote would end the string and ``OR 1=1`` match every row; were it a LIKE pattern,
``e%e`` would match most texts.
"""
from __future__ import annotations

import re
import sqlite3
from urllib.parse import quote

import httpx
import pytest

from claimledger.web import api, pages

CONTROL = "qqzxv"  # a word in no article, source, id or country
INJECTIONS = ["' OR 1=1 --", "' OR '1'='1", '"; DROP TABLE claims; --', "') OR ('1'='1",
              "1; DELETE FROM articles", "' UNION SELECT id, text FROM articles --", "\x00",
              "\x00' OR 1=1 --", '" OR "" = "', " NEAR(a b) OR * ^", "\\'; --"]
WILDCARDS = ["e%e", "e_e", "e*e"]
ODD = ["%", "_", "*", "'", '"', ";", "--", "\x00", "\\", "A" * 4000, "9" * 5000, "抗议" * 500,
       "Ünïcødé 抗议 🚩 ²³ ٣", "²", "٣", "\u202e\ud7ff\ufeff", "-1", "NaN", " "]


def _names(dependant, kind: str) -> list[str]:
    """A route's parameters of one kind, its dependencies' included (``page``'s limit, offset)."""
    return [p.alias for p in getattr(dependant, kind)] + [
        n for sub in dependant.dependencies for n in _names(sub, kind)]


def _route_params(router) -> dict[str, tuple[list[str], list[str]]]:
    return {r.path: (_names(r.dependant, "query_params"), _names(r.dependant, "path_params"))
            for r in router.routes if "GET" in r.methods}


def _schema_params(schema: dict) -> dict[str, tuple[list[str], list[str]]]:
    out = {}
    for path, ops in schema["paths"].items():
        if "get" in ops:
            params = ops["get"].get("parameters", [])
            out[path] = ([p["name"] for p in params if p["in"] == "query"],
                         [p["name"] for p in params if p["in"] == "path"])
    return out


def _cases(params: dict) -> list[tuple[str, str, str]]:
    """(path, "query"|"path", name) for every parameter of every GET route."""
    return [(path, kind, name) for path, (query, in_path) in sorted(params.items())
            for kind, names in (("query", query), ("path", in_path)) for name in names]


# The API's cases come from the schema the server serves (checked below to be the
# routes' parameters, so the same listing covers the pages and new filters join both).
API_CASES = _cases(_route_params(api.router))
PAGE_CASES = _cases(_route_params(pages.router))


def test_api_parameters_are_those_of_the_served_schema(client):
    schema = _schema_params(client.get("/api/openapi.json").json())
    assert schema == _route_params(api.router)
    assert sum(len(q) for q, _ in schema.values()) >= 25  # every filter, limit and offset


def _db_state(db: str) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                              "ORDER BY name").fetchall()
        return {name: (sql, conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name, sql in tables}


def _get(http: httpx.Client, path: str, kind: str, name: str, value: str) -> httpx.Response:
    if kind == "path":
        return http.get(path.replace("{" + name + "}", quote(value, safe="")))
    return http.get(path, params={name: value})


def _outcome(r: httpx.Response, is_api: bool):
    """What must match the control: the JSON itself, an error's code, or a page's shape."""
    if is_api:
        body = r.json()
        return r.status_code, body["error"]["code"] if r.status_code >= 400 else body
    rows = len(re.findall(r"<tr[ >]", r.text)), len(re.findall(r"<li[ >]", r.text))
    return r.status_code, rows


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


@pytest.mark.parametrize("path,kind,name", API_CASES + PAGE_CASES,
                         ids=[f"{p} {n}" for p, _, n in API_CASES + PAGE_CASES])
def test_injection_strings_are_plain_values(http, sample_db, path, kind, name):
    is_api = path.startswith("/api")
    before = _db_state(sample_db)
    control = _get(http, path, kind, name, CONTROL)
    assert control.status_code < 500, control.text
    expected = _outcome(control, is_api)
    if is_api and control.status_code == 200:  # the control matches nothing, so it is a fair baseline
        assert control.json()["items"] == [], f"{CONTROL!r} matched something"
    for value in [CONTROL + p for p in INJECTIONS] + WILDCARDS + ODD:
        r = _get(http, path, kind, name, value)
        assert r.status_code < 500, (value[:40], r.text[:300])
        if is_api and r.status_code >= 400:
            assert set(r.json()) == {"error"} and set(r.json()["error"]) == {"code", "message"}
        if value.startswith(CONTROL) or value in WILDCARDS:
            assert _outcome(r, is_api) == expected, f"{name}={value!r} differs from {name}={CONTROL!r}"
    assert _db_state(sample_db) == before
