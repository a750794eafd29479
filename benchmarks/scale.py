"""Scale-out figures: a local Dask cluster against one process, and a big streamed ingest.

    python benchmarks/scale.py throughput [-n 2000] [--workers 2] [--rounds 5] [--json]
    python benchmarks/scale.py volume [--articles 100000 | --million] [--workers 0]
                                      [--backends sqlite,postgresql] [--json]

Needs the ``scale`` extra (``pip install '.[scale]'``: Dask, and psutil for memory).

**throughput** (the same texts, the first N records of mm-notes.jsonl):

* *one process*: ``pipeline.ingest_articles(articles, store, extractor)`` into a fresh
  SQLite store (read -> extract -> store in batches -> copies -> events);
* *Dask*: ``pipeline.ingest_articles(articles, store, OnCluster(client))`` with a LocalCluster of
  ``--workers`` single-threaded processes (this process plans and writes, workers
  extract), into another fresh store; the claims stored must be identical;
* *spaCy baseline*: spaCy's full pipeline over the same texts with ``nlp.pipe``,
  ``n_process=1`` and ``n_process=--workers`` (how far spaCy's own multiprocessing goes).

Each side runs in a fresh Python process (``scale.py side NAME``), so no side
inherits another's threads, caches or spaCy vocabulary. There, the models (spaCy,
the language model) are loaded and the cluster started before the clock, and
``--warmup`` articles go through first. ``--rounds`` rounds of one process against
Dask alternate the order (one process first in round 1); the headline is the
median of the rounds' speed-ups (Dask / one process; target >= 1.7 with 2 workers
on 2 cores), every round is reported, and spaCy's n_process speed-up, run once, is
the yardstick. Words are ``len(text.split())``. Each side reports its CPU seconds
too: its process's (every thread, including a local Dask scheduler) and each Dask
worker's (spaCy's n_process children are not counted), and the CPU time the
virtual machine's host took from the machine meanwhile (``stolen_cpu_s``, from
/proc/stat): a round with much of it is noise.

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
must stay under 2 GB whatever the size (``under_2gb``: 2,000,000,000 bytes;
``under_2gib``: 2,147,483,648). ``phases`` gives the seconds and peak PSS of
each phase: articles (read, extracted, stored with their claims), copies, events.
``--backends sqlite,postgresql`` ingests the same file into both (PostgreSQL in a
fresh schema on ``--postgres``) and compares the claims each exports (sorted JSON
Lines, SHA-256): ``identical_claims``, and likewise the events
(``identical_events``) and the number of copied passages (``identical_copy_counts``);
each backend's digests are printed too, so
two runs (one backend each, e.g. side by side) can be compared. ``--skip-after``
leaves out copies and events after the articles (their cost grows with the
corpus, not the batch; see the report).
"""
from __future__ import annotations

import argparse
import importlib.util
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

SIDES = ("one_process", "dask", "spacy_1", "spacy_n")


def throughput(args) -> dict:
    """``--rounds`` rounds of one process against Dask, each side in a fresh process,
    the order alternating; then spaCy's own baseline once."""
    out: dict = {"records": args.records, "workers": args.workers, "batch_size": args.batch_size,
                 "cpus": os.cpu_count(), "rounds": []}
    digests = set()
    for r in range(args.rounds):
        order = ("one_process", "dask") if r % 2 == 0 else ("dask", "one_process")
        got = {side: _side_in_child(side, args) for side in order}
        digests.update(got[side].pop("claims_sha256") for side in order)
        got["speedup"] = round(got["one_process"]["seconds"] / got["dask"]["seconds"], 2)
        out["rounds"].append(got)
    for side in ("spacy_1", "spacy_n"):
        out[side] = _side_in_child(side, args)
    first = out["rounds"][0]
    out["words"] = first["one_process"]["words"]
    for got in [*out["rounds"], out]:
        for side in SIDES:
            if side in got:
                got[side].pop("words")
    out["claims"] = first["one_process"]["claims"]
    out["identical_claims"] = len(digests) == 1
    speedups = sorted(got["speedup"] for got in out["rounds"])
    out["dask_speedups"] = speedups
    out["dask_speedup"] = _median(speedups)
    dask_median = _median([got["dask"]["seconds"] for got in out["rounds"]])
    out["spacy_speedup"] = round(out["spacy_1"]["seconds"] / out["spacy_n"]["seconds"], 2)
    out["dask_vs_spacy_n_process"] = round(out["spacy_n"]["seconds"] / dask_median, 2)
    out["meets_target"] = out["dask_speedup"] >= TARGET
    return out


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return round(values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2, 2)


def _side_in_child(side: str, args) -> dict:
    """One side timed in a fresh Python process (no thread, cache or vocabulary left by
    another side), its figures read back as JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--json", "--corpus", str(args.corpus), "side", side,
           "-n", str(args.records), "--workers", str(args.workers), "--batch-size",
           str(args.batch_size), "--warmup", str(args.warmup), "--model", args.model]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {side} side failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def side(args) -> dict:
    """One side of ``throughput``, in this process: models loaded and ``--warmup``
    articles through it before the clock; wall time, CPU seconds of this process
    (every thread: a local Dask scheduler runs here) and of each Dask worker, the
    machine's stolen CPU time (a virtual machine's host running others: the figures
    of a side that lost much are noisy), and the stored claims' digest."""
    import hashlib

    from claimledger import pipeline
    from claimledger.language import load_model
    from claimledger.store import open_store

    articles = [to_article(r, i) for i, r in enumerate(read_records(args.corpus, args.records), 1)]
    warm, texts = articles[:args.warmup], [a.text for a in articles]
    out: dict = {"words": count_words(texts)}
    load_model()  # the language model, as every side's: before the clock

    def timed(run, client=None) -> None:
        cpu, stolen = _cpu_seconds(), _stolen()
        workers = client.run(_cpu_seconds) if client else {}
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        out.update(seconds=round(seconds, 2), words_per_s=round(out["words"] / seconds),
                   cpu_here=round(_cpu_seconds() - cpu, 2))
        if client:
            after = client.run(_cpu_seconds)
            out["cpu_workers"] = [round(after[w] - workers[w], 2) for w in sorted(after)]
        if stolen is not None:
            out["stolen_cpu_s"] = round(_stolen() - stolen, 2)

    def digest(store) -> None:
        records = [c.to_record() for c in store.claims()]
        out["claims"] = len(records)
        out["claims_sha256"] = hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()

    with tempfile.TemporaryDirectory(prefix="claimledger-scale-") as tmp:
        if args.side == "one_process":
            from claimledger.extract.claims import Extractor
            from claimledger.nlp import load
            extractor = Extractor(load(args.model))
            with open_store(Path(tmp, "warm.db")) as s:
                pipeline.ingest_articles(warm, s, extractor, args.batch_size)
            with open_store(Path(tmp, "one.db")) as s:
                timed(lambda: pipeline.ingest_articles(articles, s, extractor, args.batch_size))
                digest(s)
        elif args.side == "dask":
            from claimledger import scale
            with scale.connect(scale.Cluster(workers=args.workers, model=args.model)) as client:
                with open_store(Path(tmp, "warm.db")) as s:
                    pipeline.ingest_articles(warm, s, scale.OnCluster(client), args.batch_size)
                with open_store(Path(tmp, "dask.db")) as s:
                    timed(lambda: pipeline.ingest_articles(articles, s, scale.OnCluster(client),
                                                           args.batch_size), client)
                    digest(s)
        else:
            import spacy
            nlp = spacy.load(args.model)
            n = 1 if args.side == "spacy_1" else args.workers
            list(nlp.pipe(texts[:args.warmup]))
            timed(lambda: sum(len(d) for d in nlp.pipe(texts, n_process=n)))
    return out


def _cpu_seconds() -> float:
    """User + system CPU seconds of the calling process so far."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _stolen() -> float | None:
    """Seconds of CPU the machine's host took from it so far (Linux: /proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


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
        self.samples: list[tuple[float, int]] = []  # (time.time(), PSS of the tree)

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
                self.samples.append((time.time(), pss))
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
                got = out[backend] = _ingest(data, db, n, args)
                digests[backend] = (got["claims_sha256"], got["events_sha256"],
                                    got["summary"].split("; copied passages found: ")[-1].split(";")[0])
        if len(digests) > 1:
            out["identical_claims"] = len({d[0] for d in digests.values()}) == 1
            out["identical_events"] = len({d[1] for d in digests.values()}) == 1
            out["identical_copy_counts"] = len({d[2] for d in digests.values()}) == 1
        return out


def _ingest(data: Path, db: str, n: int, args) -> dict:
    """``claimledger ingest`` of the generated file into ``db`` as a child process, watched."""
    cmd = [sys.executable, "-c", _SKIP_AFTER if args.skip_after else _PHASES, "ingest", str(data), "--db", db]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = TreeMemory(child.pid)
    watch.start()
    began = time.time()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - start
    ended = time.time()
    watch.stop.set()
    watch.join()
    if child.returncode != 0:
        raise SystemExit(f"ingest into {db} failed ({child.returncode}): {stderr.strip()[-2000:]}")
    return {"seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
            "peak_rss_one_process_mib": round(watch.one_peak / MIB),
            "peak_rss_tree_mib": round(watch.tree_peak / MIB),
            "peak_pss_tree_mib": round(watch.pss_peak / MIB),
            "under_2gib": watch.pss_peak < 2048 * MIB, "under_2gb": watch.pss_peak < 2e9,
            "summary": stdout.strip(),
            "phases": _phases(stderr, began, ended, watch.samples),
            "claims_sha256": _digest(db, "claims"), "events_sha256": _digest(db, "events")}


def _phases(stderr: str, began: float, ended: float, samples: list[tuple[float, int]]) -> dict:
    """Each phase's seconds and peak PSS of the tree: articles (and claims) from the
    start, then copies and events from when the child said they began."""
    marks = [("articles", began)]
    for line in stderr.splitlines():
        if line.startswith("claimledger-phase "):
            _, name, at = line.split()
            marks.append((name, float(at)))
    out = {}
    for (name, start), end in zip(marks, [m[1] for m in marks[1:]] + [ended]):
        peak = max((pss for t, pss in samples if start <= t <= end), default=0)
        out[name] = {"seconds": round(end - start, 1), "peak_pss_tree_mib": round(peak / MIB)}
    return out


def _digest(db: str, what: str) -> str:
    """SHA-256 of the exported ``what`` (claims: the spec's JSON Lines; events: their
    JSON Lines), lines sorted: two stores that hold the same give the same digest."""
    import hashlib
    export = subprocess.run([sys.executable, "-c", _CLI, "export", what, "--format", "jsonl",
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
# the same CLI, telling (on stderr) when copies and events begin
_PHASES = """
import sys, time
import claimledger.pipeline as p
def told(name, step):
    def run(*args, **kwargs):
        print("claimledger-phase", name, time.time(), file=sys.stderr, flush=True)
        return step(*args, **kwargs)
    return run
p.find_copies, p.rebuild_events = told("copies", p.find_copies), told("events", p.rebuild_events)
""" + _CLI
# the same CLI with ``pipeline.finish`` (copies, events) made a no-op
_SKIP_AFTER = "import claimledger.pipeline as p; p.finish = lambda *args: None; " + _CLI


# -- the run ----------------------------------------------------------------

def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number >= 1")
    return value


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
    one = sub.add_parser("side", help="one side of throughput, in this process (what throughput runs)")
    one.add_argument("side", choices=SIDES)
    for q in (t, one):
        q.add_argument("-n", "--records", type=_positive, default=2000)
        q.add_argument("--workers", type=_positive, default=2)
        q.add_argument("--batch-size", type=_positive, default=64)
        q.add_argument("--warmup", type=int, default=50)
        q.add_argument("--model", default=MODEL)
    t.add_argument("--rounds", type=_positive, default=5,
                   help="rounds of one process against Dask, the order alternating; the median "
                        "speed-up is the headline (default: 5)")
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
    missing = [m for m in ("psutil", "distributed", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        p.error(f"{', '.join(missing)} not installed: pip install '.[scale]' (from the checkout)")
    result = {"throughput": throughput, "side": side, "volume": volume}[args.what](args)
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
