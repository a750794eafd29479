"""Throughput of the Persian path against spaCy's blank ``fa`` tokenizer, in one run.

    python benchmarks/persian.py [--repeat 200] [--rounds 3] [--json]

What is measured, in ONE process, over the bundled Persian samples (data/samples/fa,
read with ``claimledger.ingest.read_paths``), each text repeated ``--repeat`` times as
its own article (the set is small; repeats make the clock meaningful):

* **claimledger**: ``claimledger.extract.fa.extract(articles)``: normalisation,
  sentences, quantities, categories, sources, times and places, to Claim records
  (no store).
* **spaCy baseline**: ``spacy.blank("fa")`` (spaCy's own Persian language class, no
  model) over the same texts with ``nlp.pipe(texts)``, consuming every Doc: the cost
  of only tokenising them.

Words are whitespace-split words (``len(text.split())``), the same figure for both.
The ratio is claimledger / spaCy. Both sides run once untimed first (word lists,
regexes and spaCy's tables are built before any clock); the garbage collector runs
before each timed phase; rounds alternate the order and the best round of each side
is the headline. The machine is shared: compare the ratio.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimledger.extract.fa import extract  # noqa: E402
from claimledger.ingest import read_paths  # noqa: E402
from claimledger.model import Article  # noqa: E402


def articles(repeat: int) -> list[Article]:
    base = [a for a in read_paths([str(ROOT / "data" / "samples" / "fa")]) if isinstance(a, Article)]
    return [replace(a, id=f"{a.id}#{i}", language="fa") for i in range(repeat) for a in base]


def timed(fn) -> float:
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import spacy
    nlp = spacy.blank("fa")
    arts = articles(args.repeat)
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    ours = lambda: extract(arts)  # noqa: E731
    theirs = lambda: [len(d) for d in nlp.pipe(texts)]  # noqa: E731
    extract(arts[:8]), theirs()  # warm up both
    best = {"claimledger": float("inf"), "spacy_blank_fa": float("inf")}
    for r in range(args.rounds):
        order = [("claimledger", ours), ("spacy_blank_fa", theirs)]
        for name, fn in (order if r % 2 else reversed(order)):
            best[name] = min(best[name], timed(fn))
    claims = sum(len(v) for v in extract(arts[:8]).values())
    out = {"articles": len(arts), "words": words, "claims_per_copy_of_the_set": claims,
           **{f"{k}_seconds": round(v, 3) for k, v in best.items()},
           **{f"{k}_words_per_second": round(words / v) for k, v in best.items()},
           "ratio": round(best["spacy_blank_fa"] / best["claimledger"], 2)}
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:36} {v}")


if __name__ == "__main__":
    main()
