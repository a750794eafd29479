"""Freshness: how long new articles take to show on a running server, and what an upload costs.

    python benchmarks/freshness.py --db LEDGER [INPUT] [--articles 1000] [--skip 0]
                                   [--posts 3] [--timeout 900] [--json]

``LEDGER`` is an existing ledger (a SQLite file or a postgresql:// URL; e.g. one kept
by ``benchmarks/web.py --db``); it is changed: the new articles stay in it. ``INPUT``
is anything ``claimledger ingest`` reads (default data/samples; e.g. ../shared/bench/
mm-notes.jsonl): ``--articles`` of its articles from the ``--skip``-th on (again from
the start when it has fewer) are given fresh ids (``fresh-RUN-N``) and written to one
JSON Lines file, so every run adds new articles.

With ``claimledger serve`` running on the ledger (a child process, the token set),
``claimledger ingest FILE --db LEDGER`` runs as another, and meanwhile every second 25
of the new articles (every 40th and the last) are asked for over HTTP: an article is
*visible* when /api/articles/ID answers, and its *events* are when one of its claims
names an event whose page /events/EVENT answers. Reported: ``ingest_s`` (the command's
wall time), when the first and the last sampled article became visible and when the
last one's events did (``events_visible_s``, seconds from the start of the ingest; the
target is within 60 s of it ending), how many of the sampled articles with claims
got events, and the events total (/api/events) before and after. Then ``--posts``
articles more (from INPUT, after the slice) go one by one through
``POST /api/articles`` with the token: ``post_s`` lists each one's seconds (the first
loads the spaCy model in the server). Each stage gives up after ``--timeout`` seconds
(the ingest is stopped then; what became visible is reported all the same).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from itertools import cycle, islice
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from served import ROOT, serving  # noqa: E402

from claimledger.ingest import read_paths  # noqa: E402
from claimledger.model import Article  # noqa: E402

SAMPLE_EVERY = 40


def fresh_articles(source: str, skip: int, n: int, run: str) -> list[Article]:
    """``n`` articles of ``source`` from the ``skip``-th, cycling, each with a new id."""
    found = [a for a in read_paths([source]) if isinstance(a, Article)]
    if not found:
        sys.exit(f"no articles in {source}")
    picked = islice(cycle(found[skip % len(found):] + found[:skip % len(found)]), n)
    return [Article(f"fresh-{run}-{i:05d}", a.text, a.published, a.outlet, a.url, a.title)
            for i, a in enumerate(picked)]


def write_jsonl(articles: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                                  "url": a.url, "published": a.published and a.published.isoformat()})
                      + "\n")


def ingest(file: Path, db: str, timeout: float) -> dict:
    """`claimledger ingest FILE --db DB` as a child process, stopped after ``timeout`` s."""
    with tempfile.TemporaryFile("w+") as said:
        process = subprocess.Popen([sys.executable, "-m", "claimledger", "ingest", str(file), "--db", db],
                                   cwd=ROOT, stdout=said, stderr=subprocess.STDOUT, text=True)
        try:
            exit_code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            exit_code = f"stopped after {timeout:.0f} s"
        said.seek(0)
        return {"ingest_exit": exit_code, "ingest_said": said.read().strip().splitlines()[-2:]}


class Watch:
    """Polls the sampled articles until each shows with its events, or time runs out."""

    def __init__(self, base: str, ids: list[str], started: float):
        self.base, self.started = base, started
        self.seen: dict[str, float] = {}  # article -> seconds when /api/articles/ID answered
        self.with_events: dict[str, float] = {}  # article -> seconds when an event page answered
        self.without_claims: set[str] = set()
        self.todo = list(ids)
        self.errors: list[str] = []  # answers that were not what was expected

    def run(self, stop: threading.Event) -> None:
        with httpx.Client(base_url=self.base, timeout=600) as c:
            while self.todo and not stop.is_set():
                for article in list(self.todo):
                    try:
                        self._check(c, article)
                    except (httpx.HTTPError, ValueError, KeyError) as error:
                        self.errors.append(f"{article}: {error!r}"[:200])  # asked again next round
                stop.wait(1.0)

    def _check(self, c: httpx.Client, article: str) -> None:
        r = c.get(f"/api/articles/{article}")
        if r.status_code != 200:
            return
        now = time.perf_counter() - self.started
        self.seen.setdefault(article, now)
        claims = r.json()["claims"]
        if not claims:
            self.without_claims.add(article)
            self.todo.remove(article)
            return
        for event in {claim["event"] for claim in claims if claim.get("event")}:
            if c.get(f"/events/{event}").status_code == 200:
                self.with_events[article] = time.perf_counter() - self.started
                self.todo.remove(article)
                return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", default=str(ROOT / "data" / "samples"))
    ap.add_argument("--db", required=True, help="the ledger (changed: the new articles stay)")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--posts", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900, help="seconds to wait, each stage")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not Path(args.input).exists():
        ap.error(f"no file or folder {args.input}")
    run = uuid.uuid4().hex[:6]
    articles = fresh_articles(args.input, args.skip, args.articles + args.posts, run)
    batch, posts = articles[:args.articles], articles[args.articles:]
    sampled = list(dict.fromkeys([a.id for a in batch[SAMPLE_EVERY - 1::SAMPLE_EVERY]] + [batch[-1].id]))
    token = uuid.uuid4().hex
    out: dict = {"ledger": args.db, "input": args.input, "articles": len(batch), "sampled": len(sampled)}
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731  progress, as it goes
    with tempfile.TemporaryDirectory() as tmp, serving(args.db, args.workers, token=token) as server:
        file = Path(tmp) / "fresh.jsonl"
        write_jsonl(batch, file)
        start = server.wait_first_page(args.timeout)
        if start is None:
            sys.exit(f"the server gave no page within {args.timeout:.0f} s")
        out["start_s"] = round(start, 2)
        with httpx.Client(base_url=server.base, timeout=args.timeout) as c:
            out["events_before"] = c.get("/api/events", params={"limit": 1}).json()["total"]
            started = time.perf_counter()
            watch, stop = Watch(server.base, sampled, started), threading.Event()
            poller = threading.Thread(target=watch.run, args=(stop,), daemon=True)
            poller.start()
            out.update(ingest(file, args.db, args.timeout))
            out["ingest_s"] = round(time.perf_counter() - started, 1)
            say(f"ingest: {out['ingest_s']} s, {out['ingest_exit']}")
            poller.join(args.timeout)
            stop.set()
            poller.join(5)
            got = lambda d: round(max(d.values()), 1) if d else None  # noqa: E731
            out.update(
                first_visible_s=round(min(watch.seen.values()), 1) if watch.seen else None,
                last_visible_s=got(watch.seen),
                events_visible_s=got(watch.with_events),
                sampled_with_claims=len(sampled) - len(watch.without_claims),
                sampled_with_events=len(watch.with_events),
                unsettled=watch.todo, poll_errors=len(watch.errors), first_poll_errors=watch.errors[:3],
                events_after=c.get("/api/events", params={"limit": 1}).json()["total"])
            say(json.dumps(out))
            out["post_s"] = []
            for a in posts:
                t = time.perf_counter()
                try:
                    r = c.post("/api/articles", headers={"Authorization": f"Bearer {token}"},
                               json={"id": a.id, "text": a.text, "title": a.title,
                                     "date": a.published and a.published.isoformat()})
                    out["post_s"].append(round(time.perf_counter() - t, 2) if r.status_code == 201
                                         else f"{r.status_code} {r.text[:100]}")
                except httpx.TimeoutException:
                    out["post_s"].append(f"timed out after {args.timeout:.0f} s")
                say(f"POST /api/articles: {out['post_s'][-1]}")
        out["server"] = server.rss_mb()
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['articles']} new articles into {out['ledger']}: ingest {out['ingest_s']} s "
          f"(exit {out['ingest_exit']}); sampled {out['sampled']}: first visible after "
          f"{out['first_visible_s']} s, last after {out['last_visible_s']} s, their events after "
          f"{out['events_visible_s']} s ({out['sampled_with_events']} of {out['sampled_with_claims']} "
          f"with claims); events {out['events_before']} -> {out['events_after']}")
    print(f"POST /api/articles: {out['post_s']} s  (server {out['server']})")


if __name__ == "__main__":
    main()
