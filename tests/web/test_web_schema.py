"""The OpenAPI schema exercised by schemathesis: every operation, at most 20 generated
requests each, responses checked against the schema (status codes, shapes, types).

The Python API is used (not the pytest plugin's lazy fixture, which pytest 9 broke):
operations are listed from the router, so collection needs no database.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from claimledger.web import api

schemathesis = pytest.importorskip("schemathesis")

OPERATIONS = sorted((m, r.path) for r in api.router.routes for m in r.methods)


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.mark.parametrize("method,path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_the_schema(api_schema, method, path):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate()

    check()


def test_every_api_route_is_exercised(client):
    served = {(m.upper(), p) for p, ops in client.get("/api/openapi.json").json()["paths"].items()
              for m in ops}
    assert served == set(OPERATIONS)
