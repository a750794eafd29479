"""Load on a real server: concurrent clients against `claimledger serve` on 127.0.0.1.

    python benchmarks/load.py [--clients 200] [--seconds 30] [--connections N] [--db DB] [--json]

The script ingests data/samples into a temporary database with the real CLI (unless
``--db`` names one already built), starts ``python -m claimledger serve`` on a free port
of 127.0.0.1 as a child process, and waits for it. Then ``--clients`` asyncio tasks share
one httpx client (at most ``--connections`` connections, default one per client) and
loop until ``--seconds`` have passed, each request a seeded random pick from a mix of
API endpoints (lists, filters, full-text search, one event, one article), pages (events,
an event, an article, map, timeline, sources) and a static file, after one warm-up
request of each kind (the snapshot and the city table load once). Every request is timed
from the task's side, so waiting for a pooled connection counts.

Reported: requests, requests per second, errors (status >= 400, timeouts, broken
connections; by kind), p50/p95/p99/max latency overall and p95 per kind of request.
Target: 0 errors. Bounds: at most 1,000 clients and 600 seconds; traffic goes only to
the server this script started; the server is stopped at the end, whatever happens.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_")}  # read-only, defaults
    return subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--db", str(db),
                             "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {server.stderr.read().strip()[-500:]}")
        try:
            if httpx.get(base + "/api/articles?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not answer within {timeout:.0f} s")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), to tell whose CPU ran out."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def request_mix(base: str) -> list[tuple[str, str]]:
    """(kind, path) pairs; ids taken from the API so every request finds something."""
    with httpx.Client(base_url=base, timeout=120) as c:
        events = c.get("/api/events", params={"limit": 500}).json()["items"]  # reads the snapshot
        articles = c.get("/api/articles", params={"limit": 500}).json()["items"]
    event = max(events, key=lambda e: e["claims"])["id"]
    article = max(articles, key=lambda a: a["claims"])["id"]
    return [("api claims", "/api/claims?limit=50"),
            ("api claims filtered", "/api/claims?category=killed&country=IR&since=2019-01-01"),
            ("api claims by source", "/api/claims?source=amnesty"),
            ("api events", "/api/events"), ("api events search", "/api/events?q=protesters"),
            ("api event", f"/api/events/{event}"), ("api article", f"/api/articles/{article}"),
            ("api sources", "/api/sources"), ("api copies", "/api/copies"),
            ("page events", "/events"), ("page event", f"/events/{event}"),
            ("page article", f"/articles/{article}"), ("page map", "/map"),
            ("page timeline", "/timeline"), ("page sources", "/sources"),
            ("static", "/static/app.css")]


async def load(base: str, mix: list[tuple[str, str]], clients: int, connections: int,
               seconds: float, seed: int = 7) -> tuple[dict, dict, Counter]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    deadline = time.monotonic() + seconds

    async def client(c: httpx.AsyncClient, rng: random.Random) -> None:
        while time.monotonic() < deadline:
            kind, path = rng.choice(mix)
            started = time.perf_counter()
            try:
                r = await c.get(path)
                if r.status_code >= 400:
                    errors[f"{r.status_code} {kind}"] += 1
            except httpx.HTTPError as e:
                errors[f"{type(e).__name__} {kind}"] += 1
            latencies[kind].append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as c:
        started = time.perf_counter()
        await asyncio.gather(*(client(c, random.Random(seed + i)) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, {"elapsed_s": elapsed}, errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1] if len(values) > 1 else values[0]


def report(latencies: dict, meta: dict, errors: Counter, args) -> dict:
    every = [x for xs in latencies.values() for x in xs]
    ms = lambda x: round(x * 1000, 1)  # noqa: E731
    return {"clients": args.clients, "connections": args.connections or args.clients,
            "seconds": round(meta["elapsed_s"], 1), "requests": len(every),
            "requests_per_s": round(len(every) / meta["elapsed_s"], 1),
            "errors": sum(errors.values()), "errors_by_kind": dict(errors),
            "p50_ms": ms(percentile(every, 50)), "p95_ms": ms(percentile(every, 95)),
            "p99_ms": ms(percentile(every, 99)), "max_ms": ms(max(every)),
            "p95_ms_by_kind": {k: ms(percentile(v, 95)) for k, v in sorted(latencies.items())},
            "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
            "server_cpu_s": meta["server_cpu_s"] and round(meta["server_cpu_s"], 1),
            "client_cpu_s": round(meta["client_cpu_s"], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=0, help="pool size (default: one per client)")
    parser.add_argument("--db", help="an existing database to serve (default: data/samples, ingested here)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (1 <= args.clients <= MAX_CLIENTS and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"--clients must be 1..{MAX_CLIENTS} and --seconds 0..{MAX_SECONDS}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "samples.db"
        built = None if args.db else build(db)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_ready(base, server)
            mix = request_mix(base)
            with httpx.Client(base_url=base, timeout=120) as c:  # one of each first: lazy loads
                for _, path in mix:
                    c.get(path)
            server_cpu, own_cpu = cpu_seconds(server.pid), time.process_time()
            latencies, meta, errors = asyncio.run(
                load(base, mix, args.clients, args.connections or args.clients, args.seconds))
            after = cpu_seconds(server.pid)
            meta["server_cpu_s"] = after - server_cpu if after is not None and server_cpu is not None else None
            meta["client_cpu_s"] = time.process_time() - own_cpu
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    out = dict(report(latencies, meta, errors, args), ingest_s=built and round(built, 1))
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['clients']} clients, {out['connections']} connections, {out['seconds']} s: "
          f"{out['requests']} requests ({out['requests_per_s']}/s), {out['errors']} errors "
          f"{out['errors_by_kind'] or ''}")
    print(f"latency p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms, "
          f"max {out['max_ms']} ms  ({out['cpus']} CPUs, load {out['load_avg_1m']}; CPU seconds: "
          f"server {out['server_cpu_s']}, this script {out['client_cpu_s']})")
    for kind, p95 in out["p95_ms_by_kind"].items():
        print(f"  p95 {p95:8.1f} ms  {kind}")


if __name__ == "__main__":
    main()
