"""The web app on a big ledger, over real HTTP: time to the first page, latency per route,
memory and page sizes.

    python benchmarks/web.py [--claims 100000] [--backend sqlite|postgresql] [--json]
                             [--postgres URL] [--db PATH_OR_URL] [--requests 100]

**The ledger** is generated, not extracted, so a million claims are stored in minutes:
``--claims`` claims over articles of 20 (five countries and towns, dates over five
years, six sources, eight kinds of people for full-text search), written with
``Store.put_articles`` in batches of 500 articles; two events per article (10 claims
each, the article's place and time, four event types) written in one streamed
``Store.replace_events``; and a copied passage (the first sentence, word for word) in
every tenth article, with ``Store.replace_copies``, then the events those copies touch
summarized again (``Store.summarize_events``), as an ingest that finds copies ends.
The generated articles are marked in the copy index with no band keys
(``Store.put_copy_keys``): their sentences are cut from one template, so an ingest
into the ledger would otherwise find every one a copy of every other; it looks for
copies of its new articles among themselves. On ``--backend postgresql`` it goes
into a scratch database made on ``--postgres`` (default CLAIMLEDGER_TEST_POSTGRES, else
127.0.0.1:5432/test) and dropped at the end. ``--db`` keeps the ledger instead: filled
there when empty, used as it is otherwise (for load.py and freshness.py).

**The server** is ``claimledger serve`` as a child process (``--workers``), without the
CLAIMLEDGER_* environment. Reported:

* ``start_s``: from starting the process to the first answered ``/events`` (null if not
  within ``--start-timeout`` seconds, or if the server grew past ``--max-rss-mb`` first:
  it is stopped then, and nothing else is measured); ``start_peak_rss_mb`` meanwhile;
* per route, after one warm-up request (``first_ms``), ``--requests`` sequential
  requests (fewer if the route has used up ``--route-seconds``), each a random pick:
  ``events list`` (/events at a random offset among the first 10,000), ``event page``
  (/events/ID, of 200 ids from /api/events), ``claims page`` (/api/claims at a random
  offset: the app has no claims HTML page), ``filtered claims``
  (/api/claims?category&country&since), ``article page`` (/articles/ID), ``search``
  (/events?q=WORD); p50/p95/p99/max, and the largest answer in KB;
* ``other pages``: /map, /timeline, /sources, /copies once each, time and KB;
* ``server``: resident memory (VmRSS) at the end and its peak (VmHWM), over the
  server's processes, and the server's CPU seconds.

Targets (issue 19): start_s < 2, every p95 < 100 ms, RSS < 500 MB, no page over 300 KB.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from served import DEFAULT_POSTGRES, scratch_postgres, serving, summary_ms  # noqa: E402

from claimledger.model import (CATEGORIES, Article, Claim, Copy, Event, Passage, Place,  # noqa: E402
                               Source, When)
from claimledger.store import open_store  # noqa: E402

PER_ARTICLE, PER_EVENT, BATCH, COPY_EVERY = 20, 10, 500, 10
COUNTRIES = (("IR", "Tehran"), ("IQ", "Baghdad"), ("SD", "Khartoum"), ("BY", "Minsk"), ("MM", "Yangon"))
SOURCES = ("Amnesty International", "Reuters", "Human Rights Watch", "the interior ministry",
           "People's Mojahedin Organization of Iran", "Iran Human Rights")
PEOPLE = ("students", "workers", "farmers", "teachers", "nurses", "miners", "drivers", "lawyers")
TYPES = ("protest_excessive_force", "arrests", "protest_peaceful", "riot")
TARGETS = {"start_s": 2, "p95_ms": 100, "rss_mb": 500, "page_kb": 300}


def article_id(a: int) -> str:
    return f"a{a:07d}"


def event_id(a: int, half: int) -> str:
    return f"ev-{a:07d}-{half}"


def _sentence(rng: random.Random, town: str, day: date) -> tuple[str, int, str]:
    value, source = rng.choice((3, 12, 40, 150, 1500)), rng.choice(SOURCES)
    return (f"{source} said {value} {rng.choice(PEOPLE)} were killed in {town} on "
            f"{day:%d %B %Y}.", value, source)


def article(a: int, seed: int = 5) -> tuple[Article, list[Claim]]:
    """Article ``a`` with its claims, the same for the same ``a`` (each its own seed);
    every COPY_EVERY-th article opens with the first sentence of the one 5 before."""
    country, town = COUNTRIES[a % len(COUNTRIES)]
    published = date(2019, 1, 1) + timedelta(days=(a * 7) % 1826)
    rng = random.Random(a * 7919 + seed)
    first = a - 5 if a % COPY_EVERY == 5 else a
    lead = random.Random(first * 7919 + seed + 1)
    text, claims = "", []
    for i in range(PER_ARTICLE):
        sentence, value, source = _sentence(lead if i == 0 else rng, town,
                                            published - timedelta(days=2))
        start = len(text)
        at = start + sentence.index(str(value))
        claims.append(Claim(article_id(a), CATEGORIES[i % len(CATEGORIES)], value, value, value,
                            "exact", str(value), at, at + len(str(value)), sentence, start,
                            when=When(published - timedelta(days=2), published - timedelta(days=2),
                                      "on the day"),
                            where=Place(town, country),
                            sources=(Source(source, "said", published, source, start,
                                            start + len(source)),)))
        text += sentence + " "
    return Article(article_id(a), text.strip(), published, "Outlet", None, f"Article {a}"), claims


def events(n_articles: int) -> Iterator[Event]:
    for a in range(n_articles):
        _, claims = article(a)
        for half in range(PER_ARTICLE // PER_EVENT):
            part = claims[half * PER_EVENT:(half + 1) * PER_EVENT]
            yield Event(event_id(a, half), TYPES[(a + half) % len(TYPES)], part[0].when,
                        part[0].where, claims=tuple(part))


def copy_of(a: int) -> Copy:
    """The first sentence of article ``a`` (a % COPY_EVERY == 5), first seen 5 before."""
    lead, _ = article(a)
    end = lead.text.index(". ") + 1
    return Copy(Passage(article_id(a - 5), 0, end), Passage(article_id(a), 0, end), lead.text[:end], 1.0)


def fill(db: str, n_claims: int, say=print) -> dict:
    """The generated ledger into ``db`` (see the module's docstring); seconds per part."""
    n_articles, timings = n_claims // PER_ARTICLE, {}
    with open_store(db) as store:
        started = time.perf_counter()
        for first in range(0, n_articles, BATCH):
            store.put_articles([article(a) for a in range(first, min(first + BATCH, n_articles))])
            if first and first % (BATCH * 20) == 0:
                say(f"  {first * PER_ARTICLE:,} claims stored")
        timings["articles_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store.replace_events(events(n_articles))
        timings["events_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with store.transaction():
            for a in range(5, n_articles, COPY_EVERY):
                store.replace_copies(article_id(a), [copy_of(a)])
            for a in range(n_articles):  # indexed, with no band keys: see the docstring
                store.put_copy_keys(article_id(a), ())
        # copies change the voices of the events they touch: summarized again, as an
        # ingest that finds copies ends (pipeline.finish); else the server's start would
        timings["copies_s"] = time.perf_counter() - started
        started = time.perf_counter()
        store.summarize_events()
        timings["summaries_s"] = time.perf_counter() - started
        store.refresh_statistics()  # as an ingest of this size ends (pipeline.finish)
    return {k: round(v, 1) for k, v in timings.items()}


def generated(store) -> int:
    """How many generated articles the ledger holds (a0000000 on, one after another),
    whatever else was ingested into it since."""
    if store.article(article_id(0)) is None:
        sys.exit("this ledger was not filled by benchmarks/web.py (no article a0000000)")
    low, high = 1, 2
    while store.article(article_id(high - 1)) is not None:
        low, high = high, high * 2
    while low < high:  # the first missing one lies in (low, high]
        mid = (low + high) // 2
        if store.article(article_id(mid)) is None:
            high = mid
        else:
            low = mid + 1
    return low


def event_ids(client: httpx.Client, rng: random.Random) -> list[str]:
    """200 event ids from four pages of /api/events at random offsets (a ledger that had
    articles ingested since its filling has its events gathered anew, with new ids)."""
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    return [e["id"] for _ in range(4) for e in client.get(
        "/api/events", params={"limit": 50, "offset": rng.randrange(max(1, total - 50))}).json()["items"]]


def routes(n_articles: int, events: list[str], rng: random.Random) -> dict[str, callable]:
    """Each route's random path, drawn anew for every request."""
    pages = min(n_articles * PER_ARTICLE // PER_EVENT, 10_000) // 50
    early_claims = min(n_articles * PER_ARTICLE, 10_000)
    return {
        "events list": lambda: f"/events?offset={rng.randrange(pages) * 50}",
        "event page": lambda: f"/events/{rng.choice(events)}",
        "claims page": lambda: f"/api/claims?limit=50&offset={rng.randrange(early_claims)}",
        "filtered claims": lambda: (f"/api/claims?category={rng.choice(CATEGORIES)}&country="
                                    f"{rng.choice(COUNTRIES)[0]}&since=20{rng.randrange(19, 24)}-0"
                                    f"{rng.randrange(1, 10)}-01&limit=50"),
        "article page": lambda: f"/articles/{article_id(rng.randrange(n_articles))}",
        "search": lambda: f"/events?q={rng.choice(PEOPLE)}",
    }


def measure(client: httpx.Client, next_path, requests: int, budget_s: float) -> dict:
    """One warm-up request (``first_ms``: lazy loads), then up to ``requests`` timed."""
    t = time.perf_counter()
    client.get(next_path())
    first_ms = round((time.perf_counter() - t) * 1000, 1)
    times, largest, started = [], 0, time.perf_counter()
    for _ in range(requests):
        path = next_path()
        t = time.perf_counter()
        r = client.get(path)
        times.append(time.perf_counter() - t)
        if r.status_code != 200:
            raise SystemExit(f"{path}: {r.status_code} {r.text[:300]}")
        largest = max(largest, len(r.content))
        if time.perf_counter() - started > budget_s:
            break
    return dict(summary_ms(times), requests=len(times), first_ms=first_ms,
                max_kb=round(largest / 1000, 1))


def run(db: str, args, fill_report: dict) -> dict:
    with open_store(db, read_only=True) as store:
        n_articles, stored = generated(store), store.count_claims()
    out = {"backend": "postgresql" if db.startswith("postgres") else "sqlite",
           "claims": n_articles * PER_ARTICLE, "articles": n_articles,
           "events": n_articles * PER_ARTICLE // PER_EVENT, "claims_stored": stored, "fill": fill_report,
           "workers": args.workers}
    with serving(db, workers=args.workers) as server:
        start = server.wait_first_page(args.start_timeout, args.max_rss_mb)
        out["start_s"] = start and round(start, 2)
        out["start_peak_rss_mb"] = getattr(server, "start_peak_mb", None)
        if start is None:
            out["server"] = server.rss_mb()
            out["note"] = (f"stopped: the server grew past {args.max_rss_mb:.0f} MB "
                           f"{server.stopped_s:.0f} s after its start" if server.too_big else
                           f"no page within {args.start_timeout:.0f} s") + "; nothing else measured"
            return out
        rng = random.Random(1)
        with httpx.Client(base_url=server.base, timeout=args.request_timeout) as client:
            out["routes"] = {name: measure(client, path, args.requests, args.route_seconds)
                             for name, path in routes(n_articles, event_ids(client, rng), rng).items()}
            out["other pages"] = {}
            for path in ("/map", "/timeline", "/sources", "/copies"):
                t = time.perf_counter()
                r = client.get(path)
                out["other pages"][path] = {"status": r.status_code,
                                            "ms": round((time.perf_counter() - t) * 1000),
                                            "kb": round(len(r.content) / 1000, 1)}
        out["server"] = dict(server.rss_mb(), cpu_s=round(server.cpu_s(), 1))
    return out


def report(out: dict) -> None:
    print(f"{out['backend']}: {out['claims']:,} claims, {out['articles']:,} articles, "
          f"{out['events']:,} events; filled {out['fill'] or '(existing ledger)'}")
    print(f"start_s {out['start_s']} (target < {TARGETS['start_s']})   server {out['server']}")
    if "note" in out:
        print(out["note"])
        return
    for name, m in out["routes"].items():
        verdict = "ok" if m["p95_ms"] < TARGETS["p95_ms"] else "OVER"
        print(f"  {name:<16} p50 {m['p50_ms']:>8} ms  p95 {m['p95_ms']:>8} ms  max {m['max_ms']:>8} ms  "
              f"{m['requests']:>4} req  largest {m['max_kb']:>7} KB  ({verdict})")
    for path, m in out["other pages"].items():
        print(f"  {path:<16} {m['ms']:>8} ms  {m['kb']:>7} KB  (status {m['status']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server for the scratch database")
    ap.add_argument("--db", help="keep the ledger here (filled when empty, else used as it is)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--requests", type=int, default=100, help="per route")
    ap.add_argument("--route-seconds", type=float, default=60, help="stop a route's requests after this")
    ap.add_argument("--start-timeout", type=float, default=600)
    ap.add_argument("--request-timeout", type=float, default=300)
    ap.add_argument("--max-rss-mb", type=float, default=6000,
                    help="stop the server if it grows past this before its first page (a shared machine)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.claims < PER_ARTICLE * 10:
        ap.error(f"--claims must be at least {PER_ARTICLE * 10}")
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    with ExitStack() as stack:
        if args.db:
            db = args.db
        elif args.backend == "postgresql":
            db = stack.enter_context(scratch_postgres(args.postgres))
        else:
            db = str(Path(stack.enter_context(tempfile.TemporaryDirectory())) / "web.db")
        with open_store(db) as store:
            empty = store.count_claims() == 0
        fill_report = fill(db, args.claims, say) if empty else None
        out = run(db, args, fill_report)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        report(out)


if __name__ == "__main__":
    main()
