"""The JSON API: pagination, filters, the one error shape, read-only uploads."""
from __future__ import annotations

import pytest

ERROR_KEYS = {"code", "message"}


def _error(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS  # the one shape, pinned
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", ["/api/articles", "/api/claims", "/api/events", "/api/copies",
                                  "/api/sources"])
def test_lists_are_paginated(client, path):
    everything = client.get(path, params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 0
    second = client.get(path, params={"limit": 2, "offset": 1}).json()
    assert second["total"] == everything["total"] and second["limit"] == 2 and second["offset"] == 1
    assert second["items"] == everything["items"][1:3]


def test_claims_filters_combine(client):
    killed = client.get("/api/claims", params={"category": "killed", "limit": 500}).json()
    assert killed["items"] and all(c["category"] == "killed" for c in killed["items"])
    iran = client.get("/api/claims", params={"category": "killed", "country": "ir", "limit": 500}).json()
    assert 0 < iran["total"] < killed["total"]
    assert all(c["where"]["country"] == "IR" for c in iran["items"])


def test_claims_by_source_match_the_store(client, sample_db):
    from claimledger.store import open_store
    with open_store(sample_db) as store:
        expected = [c.span for c in store.claims(source="mojahedin")]
    found = client.get("/api/claims", params={"source": "Mojahedin", "limit": 500}).json()["items"]
    assert found and [c["span"] for c in found] == expected


def test_claims_by_date_range_text_and_event(client):
    in_2019 = client.get("/api/claims", params={"since": "2019-11-01", "until": "2019-11-30",
                                                "limit": 500}).json()["items"]
    assert in_2019 and all((c["when"]["end"] or c["when"]["start"]) >= "2019-11-01" for c in in_2019)
    words = client.get("/api/claims", params={"q": "REUTERS confirmed"}).json()["items"]
    assert words and all("reuters" in c["sentence"].lower() for c in words)
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    of_event = client.get("/api/claims", params={"event": event["id"]}).json()
    assert of_event["total"] == event["claims"]
    assert all(c["event"] == event["id"] for c in of_event["items"])


def test_one_event_has_figures_side_by_side(client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    busiest = max(events, key=lambda e: e["claims"])
    e = client.get(f"/api/events/{busiest['id']}").json()
    assert e["id"] == busiest["id"] and e["figures"] and len(e["claim_records"]) == busiest["claims"]
    for summary in e["figures"]:
        assert {"category", "range", "figures", "most_conservative", "highest"} <= set(summary)
    assert e["evidence"], "the words that decided the event's type"
    page = client.get(f"/events/{busiest['id']}").text
    assert "Typed from:" in page and f"<q>{e['evidence'][0]}</q>" in page


def test_article_has_text_claims_with_offsets_and_copies(client):
    copied = client.get("/api/copies", params={"limit": 1}).json()["items"][0]
    a = client.get(f"/api/articles/{copied['copy']['article']}").json()
    assert a["copies"] and a["text"]
    for c in a["claims"]:
        assert a["text"][c["start"]:c["end"]] == c["span"]
    assert copied["copy_text"] == a["text"][copied["copy"]["start"]:copied["copy"]["end"]]


def test_events_full_text_search_uses_the_articles(client):
    everything = client.get("/api/events", params={"limit": 500}).json()["total"]
    found = client.get("/api/events", params={"q": "Reuters"}).json()["total"]
    assert 0 < found < everything
    assert client.get("/api/events", params={"q": "zzxqwv"}).json()["total"] == 0


@pytest.mark.parametrize("path,status,code", [
    ("/api/events/ev-nope", 404, "not_found"),
    ("/api/articles/nope", 404, "not_found"),
    ("/api/nowhere", 404, "not_found"),
    ("/api/claims?limit=0", 422, "invalid_request"),
    ("/api/claims?category=eaten", 422, "invalid_request"),
    ("/api/claims?since=yesterday", 422, "invalid_request"),
])
def test_errors_have_one_shape(client, path, status, code):
    _error(client.get(path), status, code)


def test_openapi_schema_is_served(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/claims", "/api/events/{event_id}", "/api/articles"} <= set(schema["paths"])
    assert not any(p.startswith("/events") for p in schema["paths"])  # pages stay out


def test_uploads_are_refused_without_a_token(client):
    _error(client.post("/api/articles", json={"text": "Police arrested 40 people."}), 403, "read_only")


def test_upload_with_the_token_is_ingested(tmp_path, extractor, monkeypatch):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app
    app = create_app(str(tmp_path / "up.db"), token="s3cret")
    app.state.extractor = lambda store: extractor  # the session's pipeline, not a second load
    body = {"text": "Security forces killed at least 12 protesters in Mashhad on Friday, "
                    "witnesses said.", "date": "2022-10-01", "title": "Mashhad"}
    with TestClient(app) as c:
        _error(c.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}),
               403, "forbidden")
        r = c.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        made = r.json()
        assert made["status"] == "new" and made["claims"] >= 1
        claims = c.get("/api/claims", params={"category": "killed"}).json()["items"]
        assert [cl["value"] for cl in claims] == [12] and claims[0]["article"] == made["id"]
        again = c.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"}).json()
        assert again["status"] == "unchanged"


def test_event_trace_gives_each_figure_its_genealogy(client):
    events = client.get("/api/events", params={"category": "killed", "limit": 500}).json()["items"]
    wave = next(e for e in events if {"000_e40b1d751717fdce", "002_64e4dc12b39a7a61"} <= set(e["articles"]))
    found = client.get(f"/api/events/{wave['id']}/trace", params={"category": "killed"}).json()
    assert found and all(g["category"] == "killed" for g in found)
    g = next(g for g in found if g["value"] == 1500)
    assert g["first_said"]["date"] == "2019-12-15" and "Mojahedin" in g["first_said"]["name"]
    assert {"000_e40b1d751717fdce", "002_64e4dc12b39a7a61"} <= set(g["unattributed_repeats"])
    page = client.get(f"/events/{wave['id']}").text
    assert 'class="chart genealogy"' in page and 'class="unattributed-repeat"' in page
    _error(client.get("/api/events/ev-nope/trace"), 404, "not_found")
