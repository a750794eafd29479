"""Load on a real server: concurrent clients against `claimledger serve` on 127.0.0.1.

    python benchmarks/load.py [--clients 200] [--seconds 30] [--workers 2] [--connections N]
                              [--db DB] [--json]

The script ingests data/samples into a temporary database with the real CLI (unless
``--db`` names one already built: a SQLite file or a postgresql:// URL, e.g. a ledger
kept by ``benchmarks/web.py --db``), starts ``python -m claimledger serve --workers N``
on a free port of 127.0.0.1 as a child process, and waits for its first page
(``start_s``). Ids to ask for are picked with a few limit-bounded API calls (the first
50 events and articles, and 50 at a random offset), never a whole-ledger list. Then
``--clients`` asyncio tasks share one aiohttp session (at most ``--connections``
connections, default one per client; aiohttp, whose client costs a fraction of httpx's
CPU, since the load runs on the server's machine) and loop until ``--seconds`` have passed, each
request a seeded random pick from a mix of API endpoints (lists, filters, full-text
search, an event, an article), pages (events, an event, an article, map, timeline,
sources) and a static file, the event or article drawn from those picked, after two
warm-up requests of each kind per worker, sent at once. Every request is timed from the
task's side, so waiting for a pooled connection counts.

Reported: requests, requests per second, errors (status >= 400, timeouts, broken
connections; by kind), p50/p95/p99/max latency overall and per kind of request, the
server's resident memory (all its processes), CPU seconds, what it wrote to stderr and
how many of its processes were replaced meanwhile (uvicorn restarts a worker that
misses its health check). Targets (issue 19, 200
clients, 30 s, 2 workers): >= 200 requests/s and p95 < 1 s, 0 errors. Bounds: at most
1,000 clients and 600 seconds; traffic goes only to the server this script started;
the server is stopped at the end, whatever happens.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import aiohttp
import httpx
from served import ROOT, serving, summary_ms

SAMPLES = ROOT / "data" / "samples"
MAX_CLIENTS, MAX_SECONDS = 1000, 600


def build(db: Path) -> float:
    """data/samples into ``db`` through `claimledger ingest`; the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimledger", "ingest", str(SAMPLES), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode not in (0, 1):  # 1: some inputs failed, the rest landed
        sys.exit(f"ingest failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def pick_ids(base: str, kind: str) -> list[str]:
    """Ids of ``kind`` (events, articles): the first 50 and 50 from a random offset."""
    with httpx.Client(base_url=base, timeout=600) as c:
        first = c.get(f"/api/{kind}", params={"limit": 50}).json()
        offset = random.Random(3).randrange(max(1, first["total"] - 50))
        more = c.get(f"/api/{kind}", params={"limit": 50, "offset": offset}).json()["items"]
    return sorted({x["id"] for x in first["items"] + more})


def request_mix(base: str) -> list[tuple[str, object]]:
    """(kind, path or a function of a Random giving one); every id found by the API."""
    events, articles = pick_ids(base, "events"), pick_ids(base, "articles")
    event = lambda path: lambda rng: path.format(rng.choice(events))  # noqa: E731
    article = lambda path: lambda rng: path.format(rng.choice(articles))  # noqa: E731
    return [("api claims", "/api/claims?limit=50"),
            ("api claims filtered", "/api/claims?category=killed&country=IR&since=2019-01-01"),
            ("api claims by source", "/api/claims?source=amnesty"),
            ("api events", "/api/events"), ("api events search", "/api/events?q=protesters"),
            ("api event", event("/api/events/{}")), ("api article", article("/api/articles/{}")),
            ("api sources", "/api/sources"), ("api copies", "/api/copies"),
            ("page events", "/events"), ("page event", event("/events/{}")),
            ("page article", article("/articles/{}")), ("page map", "/map"),
            ("page timeline", "/timeline"), ("page sources", "/sources"),
            ("static", "/static/app.css")]


def path_of(entry, rng: random.Random) -> str:
    return entry if isinstance(entry, str) else entry(rng)


async def warm_up(base: str, mix: list, workers: int) -> None:
    """Each kind asked twice per worker at once, over as many connections, so that every
    worker (the kernel deals the connections out) has done its lazy loads."""
    n = 2 * workers
    async with aiohttp.ClientSession(base, timeout=aiohttp.ClientTimeout(total=600),
                                     connector=aiohttp.TCPConnector(limit=n * len(mix))) as c:
        async def get(path: str) -> None:
            async with c.get(path) as r:
                await r.read()
        await asyncio.gather(*(get(path_of(entry, random.Random(i))) for _, entry in mix for i in range(n)))


async def load(base: str, mix: list[tuple[str, str]], clients: int, connections: int,
               seconds: float, seed: int = 7) -> tuple[dict, dict, Counter]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    deadline = time.monotonic() + seconds

    async def client(c: aiohttp.ClientSession, rng: random.Random) -> None:
        while time.monotonic() < deadline:
            kind, entry = rng.choice(mix)
            path = path_of(entry, rng)
            started = time.perf_counter()
            try:
                async with c.get(path) as r:
                    await r.read()  # the whole answer, as a browser would take it
                    if r.status >= 400:
                        errors[f"{r.status} {kind}"] += 1
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                errors[f"{type(e).__name__} {kind}"] += 1
            latencies[kind].append(time.perf_counter() - started)

    # aiohttp, not httpx: at 200 clients httpx spent 6.5 ms of CPU a request, twice what
    # the server did, on a machine the two share
    async with aiohttp.ClientSession(base, timeout=aiohttp.ClientTimeout(total=60),
                                     connector=aiohttp.TCPConnector(limit=connections)) as c:
        started = time.perf_counter()
        await asyncio.gather(*(client(c, random.Random(seed + i)) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, {"elapsed_s": elapsed}, errors


def report(latencies: dict, meta: dict, errors: Counter, args) -> dict:
    every = [x for xs in latencies.values() for x in xs]
    return {"clients": args.clients, "connections": args.connections or args.clients,
            "workers": args.workers, "start_s": meta["start_s"],
            "seconds": round(meta["elapsed_s"], 1), "requests": len(every),
            "requests_per_s": round(len(every) / meta["elapsed_s"], 1),
            "errors": sum(errors.values()), "errors_by_kind": dict(errors),
            **summary_ms(every),
            "by_kind": {k: dict(summary_ms(v), requests=len(v)) for k, v in sorted(latencies.items())},
            "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
            "server": meta["server"], "server_log": meta["server_log"],
            "processes_replaced": meta["processes_replaced"], "server_cpu_s": round(meta["server_cpu_s"], 1),
            "client_cpu_s": round(meta["client_cpu_s"], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="serve --workers N")
    parser.add_argument("--connections", type=int, default=0, help="pool size (default: one per client)")
    parser.add_argument("--db", help="an existing database to serve (default: data/samples, ingested here)")
    parser.add_argument("--start-timeout", type=float, default=900,
                        help="seconds to wait for the server's first page")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (1 <= args.clients <= MAX_CLIENTS and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"--clients must be 1..{MAX_CLIENTS} and --seconds 0..{MAX_SECONDS}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "samples.db")
        built = None if args.db else build(Path(db))
        with serving(db, workers=args.workers) as server:
            start = server.wait_first_page(args.start_timeout)
            if start is None:
                sys.exit(f"the server did not answer within {args.start_timeout:.0f} s")
            mix = request_mix(server.base)
            asyncio.run(warm_up(server.base, mix, args.workers))
            server_cpu, own_cpu, pids = server.cpu_s(), time.process_time(), set(server.pids())
            latencies, meta, errors = asyncio.run(
                load(server.base, mix, args.clients, args.connections or args.clients, args.seconds))
            meta.update(start_s=round(start, 2), server_cpu_s=server.cpu_s() - server_cpu,
                        client_cpu_s=time.process_time() - own_cpu, server=server.rss_mb(),
                        server_log=server.log().strip().splitlines()[-20:],
                        processes_replaced=len(pids - set(server.pids())))
    out = dict(report(latencies, meta, errors, args), ingest_s=built and round(built, 1))
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['clients']} clients, {out['connections']} connections, {out['workers']} workers, "
          f"{out['seconds']} s: {out['requests']} requests ({out['requests_per_s']}/s), "
          f"{out['errors']} errors {out['errors_by_kind'] or ''}")
    print(f"latency p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms, "
          f"max {out['max_ms']} ms  (first page after {out['start_s']} s; {out['cpus']} CPUs, load "
          f"{out['load_avg_1m']}; CPU seconds: server {out['server_cpu_s']}, this script "
          f"{out['client_cpu_s']}; server memory {out['server']})")
    if len(out["server_log"]) > 1:  # beyond its "serving ..." line
        print("the server said:\n  " + "\n  ".join(out["server_log"]))
    for kind, m in out["by_kind"].items():
        print(f"  {kind:<22} p50 {m['p50_ms']:8.1f}  p95 {m['p95_ms']:8.1f}  p99 {m['p99_ms']:8.1f} ms"
              f"  ({m['requests']} requests)")


if __name__ == "__main__":
    main()
