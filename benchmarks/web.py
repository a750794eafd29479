"""Latency of the web app at 100k claims: the event page and the claims API.

    python benchmarks/web.py [--claims 100000] [--requests 300] [--json]

A temporary SQLite database is filled through the Store interface only
(``put_article``, ``replace_claims``, ``replace_events``): ``--claims`` claims over
articles of 20 claims each (categories, countries, sources and dates varied), and
events of 50 claims each. Requests go in-process to the ASGI app through httpx
(Starlette's TestClient), so the figures are the app's own time (routing, query,
JSON or template), without a network.

Measured, each over ``--requests`` requests after one warm-up request:

* ``event page``: GET /events/{id}, a random event each time (HTML, figures side by
  side, the chart per category);
* ``claims API``: GET /api/claims?limit=50&offset=random (a page of all claims);
* ``claims API filtered``: GET /api/claims?category=killed&country=IR&since=...

The first request reads the snapshot of claims and events (``web/ledger.py``); its
time is reported as ``snapshot_read_s``, and it is paid again only after the data
change. Target: p95 < 200 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimledger.model import CATEGORIES, Article, Claim, Event, Place, Source, When  # noqa: E402
from claimledger.store import open_store  # noqa: E402

PER_ARTICLE, PER_EVENT = 20, 50
COUNTRIES = (("IR", "Tehran"), ("IQ", "Baghdad"), ("SD", "Khartoum"), ("BY", "Minsk"), ("MM", "Yangon"))
SOURCES = ("Amnesty International", "Reuters", "Human Rights Watch", "the interior ministry",
           "People's Mojahedin Organization of Iran", "Iran Human Rights")


def fill(db: str, n_claims: int, seed: int = 5) -> list[str]:
    """Articles, claims and events through the Store interface; returns the event ids."""
    rng = random.Random(seed)
    claims: list[Claim] = []
    with open_store(db) as store, store.transaction():
        for a in range(n_claims // PER_ARTICLE):
            country, town = COUNTRIES[a % len(COUNTRIES)]
            published = date(2019, 1, 1) + timedelta(days=a % 1500)
            sentences, mine = [], []
            for i in range(PER_ARTICLE):
                value = rng.choice((3, 12, 40, 150, 1500))
                sentence = f"{rng.choice(SOURCES)} said {value} people were killed in {town}."
                start = sum(len(s) + 1 for s in sentences)
                sentences.append(sentence)
                at = sentence.index(str(value))
                source = rng.choice(SOURCES)
                mine.append(Claim(f"a{a:06d}", CATEGORIES[i % 5], value, value, value, "exact",
                                  str(value), start + at, start + at + len(str(value)), sentence, start,
                                  when=When(published - timedelta(days=3), published, "last week"),
                                  where=Place(town, country),
                                  sources=(Source(source, "said", published, source, start,
                                                  start + len(source)),)))
            store.put_article(Article(f"a{a:06d}", " ".join(sentences), published, "Outlet", None,
                                      f"Article {a}"))
            store.replace_claims(f"a{a:06d}", mine)
            claims.extend(mine)
        events = []
        for e in range(0, len(claims), PER_EVENT):
            part = claims[e:e + PER_EVENT]
            first = part[0]
            events.append(Event(f"ev-{e:07d}", "protest_excessive_force",
                                When(first.when.start, first.when.end, ""), first.where,
                                claims=tuple(part)))
        store.replace_events(events)
    return [e.id for e in events]


def measure(client, urls: list[str]) -> dict:
    client.get(urls[0])  # warm-up
    times = []
    for url in urls:
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1), "max_ms": round(times[-1], 1),
            "requests": len(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from claimledger.web import create_app

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t = time.perf_counter()
        event_ids = fill(db, args.claims)
        fill_s = time.perf_counter() - t
        with TestClient(create_app(db)) as client:
            t = time.perf_counter()
            client.get("/api/claims?limit=1")
            snapshot_s = time.perf_counter() - t
            n = args.requests
            result = {
                "claims": args.claims, "events": len(event_ids), "fill_s": round(fill_s, 1),
                "snapshot_read_s": round(snapshot_s, 2),
                "event page": measure(client, [f"/events/{rng.choice(event_ids)}" for _ in range(n)]),
                "claims API": measure(client, [f"/api/claims?limit=50&offset={rng.randrange(args.claims - 50)}"
                                               for _ in range(n)]),
                "claims API filtered": measure(client, [
                    f"/api/claims?category=killed&country=IR&since=2020-0{rng.randrange(1, 9)}-01&limit=50"
                    for _ in range(n)]),
            }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['claims']} claims, {result['events']} events (filled in {result['fill_s']} s; "
          f"snapshot read on the first request: {result['snapshot_read_s']} s)")
    for name in ("event page", "claims API", "claims API filtered"):
        m = result[name]
        verdict = "ok" if m["p95_ms"] < 200 else "OVER the 200 ms target"
        print(f"  {name:<20} p50 {m['p50_ms']:>6} ms   p95 {m['p95_ms']:>6} ms   max {m['max_ms']:>6} ms  ({verdict})")


if __name__ == "__main__":
    main()
