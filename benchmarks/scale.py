"""Scale-out figures: a local Dask cluster against one process, and a big streamed ingest.

    python benchmarks/scale.py throughput [-n 2000] [--workers 2] [--json]
    python benchmarks/scale.py volume [--articles 100000 | --million] [--workers 0]
                                      [--backends sqlite,postgresql] [--json]

**throughput** (one run, same texts, the first N records of mm-notes.jsonl):

* *one process*: ``pipeline.ingest_articles(articles, store, extractor)`` into a fresh
  SQLite store (read -> extract -> store in batches -> copies -> events);
* *Dask*: ``scale.ingest_articles(articles, store, client)`` with a LocalCluster of
  ``--workers`` single-threaded processes (this process plans and writes, workers
  extract), into another fresh store; the claims stored must be identical;
* *spaCy baseline*: spaCy's full pipeline over the same texts with ``nlp.pipe``,
  ``n_process=1`` and ``n_process=--workers`` (how far spaCy's own multiprocessing goes).

Models are loaded and the cluster started before any clock; ``--warmup`` articles
go through every side first. Words are ``len(text.split())``. Each side reports
its CPU seconds too: this process's (every thread, including a local Dask
scheduler) and each Dask worker's (spaCy's n_process children are not counted).
The headline is Dask / one process (target >= 1.7 with 2 workers on 2 cores);
spaCy's n_process speed-up is the yardstick.

**volume**: ``--articles`` short articles (default 100,000; ``--million`` for
1,000,000) are generated into one JSON Lines file in a temporary folder, each two
or three (``--sentences``) sentences of mm-notes drawn at random (seeded) with its
own id and date;
then ``claimledger ingest FILE --db DB`` runs as a child process (``--workers N``
adds Dask). Reported: wall time, articles per second, and peak memory, sampled
every 0.2 s with psutil: the largest resident set (RSS) of any one process, the
sum of RSS over the process tree, which counts the pages forked copy workers
share with their parent once per process, and the sum of PSS over the tree
(shared pages split between their sharers: what the tree really holds), which
must stay under 2 GiB whatever the size (``under_2gib``).
``--backends sqlite,postgresql`` ingests the same file into both (PostgreSQL in a
fresh schema on ``--postgres``) and compares the claims each exports (sorted JSON
Lines, SHA-256): ``identical_claims``; each backend's digest is printed too, so
two runs (one backend each, e.g. side by side) can be compared. ``--skip-after``
leaves out copies and events after the articles (their cost grows with the
corpus, not the batch; see the report).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, MODEL, count_words, read_records, to_article  # noqa: E402

TARGET = 1.7
MIB = 1024 * 1024


# -- throughput -------------------------------------------------------------

def throughput(args) -> dict:
    import spacy

    from claimledger import pipeline, scale
    from claimledger.extract.claims import Extractor
    from claimledger.nlp import load
    from claimledger.store import open_store

    articles = [to_article(r, i) for i, r in enumerate(read_records(args.corpus, args.records), 1)]
    warm, words = articles[:args.warmup], count_words([a.text for a in articles])
    texts = [a.text for a in articles]
    extractor, baseline = Extractor(load(args.model)), spacy.load(args.model)
    out: dict = {"records": len(articles), "words": words, "workers": args.workers,
                 "batch_size": args.batch_size, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="claimledger-scale-") as tmp:
        def timed(name, run, client=None):
            """Wall time, and CPU seconds of this process (every thread; a local Dask
            scheduler runs here) and of each Dask worker."""
            cpu, workers = _cpu_seconds(), client.run(_cpu_seconds) if client else {}
            start = time.perf_counter()
            result = run()
            seconds = time.perf_counter() - start
            out[name] = {"seconds": round(seconds, 2), "words_per_s": round(words / seconds),
                         "cpu_here": round(_cpu_seconds() - cpu, 2)}
            if client:
                after = client.run(_cpu_seconds)
                out[name]["cpu_workers"] = [round(after[w] - workers[w], 2) for w in sorted(after)]
            return result

        with open_store(Path(tmp, "warm1.db")) as s:
            pipeline.ingest_articles(warm, s, extractor, args.batch_size)
        with open_store(Path(tmp, "one.db")) as s:
            timed("one_process", lambda: pipeline.ingest_articles(articles, s, extractor, args.batch_size))
            one = [c.to_record() for c in s.claims()]
        with scale.connect(scale.Cluster(workers=args.workers, model=args.model)) as client:
            with open_store(Path(tmp, "warm2.db")) as s:
                scale.ingest_articles(warm, s, client, args.batch_size)
            with open_store(Path(tmp, "dask.db")) as s:
                timed("dask", lambda: scale.ingest_articles(articles, s, client, args.batch_size), client)
                dask = [c.to_record() for c in s.claims()]
        list(baseline.pipe(texts[:args.warmup]))
        timed("spacy_1", lambda: sum(len(d) for d in baseline.pipe(texts)))
        timed(f"spacy_{args.workers}", lambda: sum(len(d) for d in baseline.pipe(texts, n_process=args.workers)))
    out["claims"], out["identical_claims"] = len(one), one == dask
    out["dask_speedup"] = round(out["one_process"]["seconds"] / out["dask"]["seconds"], 2)
    out["spacy_speedup"] = round(out["spacy_1"]["seconds"] / out[f"spacy_{args.workers}"]["seconds"], 2)
    out["dask_vs_spacy_n_process"] = round(out[f"spacy_{args.workers}"]["seconds"] / out["dask"]["seconds"], 2)
    out["meets_target"] = out["dask_speedup"] >= TARGET
    return out


def _cpu_seconds() -> float:
    """User + system CPU seconds of the calling process so far."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# -- volume -----------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def generate(corpus: Path, n: int, path: Path, seed: int = 6,
             sentences: tuple[int, ...] = (2, 3)) -> int:
    """``n`` short articles of ``sentences`` (one of them, at random) corpus sentences
    each, written as JSON Lines; bytes written."""
    pool = [s for r in read_records(corpus, 10**9) for s in _SENTENCE.split(r["text"])
            if 30 <= len(s) <= 400]
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            day = f"{1990 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            text = " ".join(rnd.choice(pool) for _ in range(rnd.choice(sentences)))
            f.write(json.dumps({"id": f"gen{i}", "published": day, "text": text}) + "\n")
    return path.stat().st_size


class TreeMemory(threading.Thread):
    """Peak memory of a process and its children, sampled (psutil) until stopped: the
    largest RSS of one process, the sum of RSS over the tree (which counts pages
    that forked children share with their parent once per process), and the sum of
    PSS (each shared page split between its sharers: the tree's real footprint)."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        import psutil
        self.root, self.every, self.stop = psutil.Process(pid), every, threading.Event()
        self.tree_peak = self.one_peak = self.pss_peak = 0

    def run(self) -> None:
        import psutil
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                rss, pss = [], 0
                for p in procs:
                    try:
                        m = p.memory_full_info()
                    except psutil.Error:
                        continue
                    rss.append(m.rss)
                    pss += getattr(m, "pss", m.rss)  # PSS is Linux's; elsewhere RSS
                self.tree_peak = max(self.tree_peak, sum(rss))
                self.one_peak = max(self.one_peak, max(rss, default=0))
                self.pss_peak = max(self.pss_peak, pss)
            except psutil.Error:
                pass
            self.stop.wait(self.every)


def volume(args) -> dict:
    n = 1_000_000 if args.million else args.articles
    with tempfile.TemporaryDirectory(prefix="claimledger-volume-", dir=args.tmp) as tmp:
        data = Path(tmp, "generated.jsonl")
        start = time.perf_counter()
        size = generate(args.corpus, n, data, sentences=args.sentences)
        out: dict = {"articles": n, "sentences": "-".join(map(str, args.sentences)),
                     "input_mib": round(size / MIB, 1),
                     "generate_seconds": round(time.perf_counter() - start, 1),
                     "workers": args.workers, "skip_after": args.skip_after}
        digests = {}
        for backend in args.backends.split(","):
            with _target(backend, Path(tmp), args.postgres) as db:
                out[backend] = _ingest(data, db, n, args)
                digests[backend] = out[backend]["claims_sha256"]
        if len(digests) > 1:
            out["identical_claims"] = len(set(digests.values())) == 1
        return out


def _ingest(data: Path, db: str, n: int, args) -> dict:
    """``claimledger ingest`` of the generated file into ``db`` as a child process, watched."""
    cmd = [sys.executable, "-c", _SKIP_AFTER if args.skip_after else _CLI, "ingest", str(data), "--db", db]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = TreeMemory(child.pid)
    watch.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - start
    watch.stop.set()
    watch.join()
    if child.returncode != 0:
        raise SystemExit(f"ingest into {db} failed ({child.returncode}): {stderr.strip()[-2000:]}")
    return {"seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
            "peak_rss_one_process_mib": round(watch.one_peak / MIB),
            "peak_rss_tree_mib": round(watch.tree_peak / MIB),
            "peak_pss_tree_mib": round(watch.pss_peak / MIB),
            "under_2gib": watch.pss_peak < 2048 * MIB, "summary": stdout.strip(),
            "claims_sha256": _claims_digest(db)}


def _claims_digest(db: str) -> str:
    """SHA-256 of the exported claims (the spec's JSON Lines), lines sorted: two stores
    that hold the same claims give the same digest."""
    import hashlib
    export = subprocess.run([sys.executable, "-c", _CLI, "export", "claims", "--format", "jsonl",
                             "--db", db], capture_output=True, text=True, check=True)
    lines = sorted(export.stdout.splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@contextmanager
def _target(backend: str, tmp: Path, server: str):
    """A fresh, empty store of ``backend``: a SQLite file, or a new schema on ``server``
    (dropped afterwards)."""
    if backend == "sqlite":
        yield str(tmp / "volume.db")
        return
    if backend != "postgresql":
        raise SystemExit(f"unknown backend {backend!r}: use sqlite, postgresql or both")
    import psycopg
    schema = f"claimledger_volume_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in server else "?"
        yield f"{server}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


_CLI = "import sys; from claimledger.cli import main; sys.argv[0] = 'claimledger'; main()"
# the same CLI with ``pipeline.finish`` (copies, events) made a no-op
_SKIP_AFTER = ("import claimledger.pipeline as p, claimledger.scale.ingest as s; "
               "p.finish = s.finish = lambda store, report: None; " + _CLI)


# -- the run ----------------------------------------------------------------

def _counts(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(c) for c in text.split(","))
    except ValueError:
        counts = ()
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give sentence counts >= 1, comma-separated, e.g. 1,2")
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    sub = p.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput", help="Dask cluster against one process and spaCy's n_process")
    t.add_argument("-n", "--records", type=int, default=2000)
    t.add_argument("--workers", type=int, default=2)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--warmup", type=int, default=50)
    t.add_argument("--model", default=MODEL)
    v = sub.add_parser("volume", help="a big generated JSON Lines file, streamed into SQLite")
    v.add_argument("--articles", type=int, default=100_000)
    v.add_argument("--million", action="store_true", help="1,000,000 articles")
    v.add_argument("--workers", type=int, default=0, help="0: one process (default)")
    v.add_argument("--sentences", type=_counts, default=(2, 3), metavar="N,M",
                   help="corpus sentences an article may have, one drawn at random for each "
                        "(default: 2,3)")
    v.add_argument("--skip-after", action="store_true", help="leave out copies and events")
    v.add_argument("--tmp", help="folder for the generated file and database (default: system temp)")
    v.add_argument("--backends", default="sqlite",
                   help="comma-separated: sqlite, postgresql; with both, the exported claims are "
                        "compared (default: sqlite)")
    v.add_argument("--postgres", default=os.environ.get("CLAIMLEDGER_TEST_POSTGRES",
                                                        "postgresql://127.0.0.1:5432/test"),
                   help="server for the postgresql backend; a fresh schema is made there and "
                        "dropped afterwards (default: $CLAIMLEDGER_TEST_POSTGRES or the local test db)")
    args = p.parse_args(argv)
    result = throughput(args) if args.what == "throughput" else volume(args)
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
