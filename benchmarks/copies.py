"""Copy detection: precision and recall of planted copies, time and peak memory to index.

    python benchmarks/copies.py                  # 10,000 and 100,000 articles
    python benchmarks/copies.py --sizes 10000    # one size
    python benchmarks/copies.py --workers 0      # no worker processes

The corpus: the reports of ../shared/bench/mm-notes.jsonl, less those that already
share a passage with another (found by a first run, so every copy reported later is
either planted or a false positive), in date order, padded with synthetic articles
(words drawn from the corpus's own word frequencies) up to the size asked. Into 5%
of the articles a passage of one to three sentences of an earlier article is copied,
at a sentence boundary, with one small edit (punctuation and quotes changed, a word
dropped, a word added, a hashtag tag appended, or none).

Precision: reported copies that are planted ones (right pair, right order, covering
at least half of the planted span). Recall: planted copies reported. Each size runs
in its own process so its peak memory (max RSS) is its own; the baseline, in the same
process, is the time to store the same articles (put_article). find_copies runs with
its default worker processes (one per core on a run this large): peak_rss_mb is this
process's, workers_rss_mb the largest worker's (pages shared with this process at
the fork count in both), cpu_s the CPU time of both. The machine is shared: times are
noisy, compare the ratios (or cpu_s).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimledger.copies import find_copies  # noqa: E402
from claimledger.copies.shingle import sentence_spans  # noqa: E402
from claimledger.model import Article  # noqa: E402
from claimledger.store import open_store  # noqa: E402

NOTES = ROOT.parent / "shared" / "bench" / "mm-notes.jsonl"
SHARE_COPIED = 0.05


def load_notes() -> list[Article]:
    out = []
    with open(NOTES, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("text", "").strip():
                out.append(Article(id=r["id"], text=r["text"], outlet=r.get("outlet"),
                                   published=date.fromisoformat(r["published"]) if r.get("published") else None))
    out.sort(key=lambda a: (a.published or date.max, a.id))
    return out


def clean(articles: list[Article], folder: Path) -> list[Article]:
    """The articles that share no passage with another one."""
    with open_store(folder / "clean.db") as store, store.transaction():
        for a in articles:
            store.put_article(a)
    with open_store(folder / "clean.db") as store:
        find_copies(store)
        copied = {p for c in store.copies() for p in (c.first.article, c.copy.article)}
    return [a for a in articles if a.id not in copied]


def synthetic(base: list[Article], n: int, rng: random.Random) -> list[Article]:
    words = [w for a in base for w in a.text.split()]
    lengths = [len(a.text.split()) for a in base]
    out = []
    for k in range(n):
        total, sentences = rng.choice(lengths), []
        while total > 0:
            size = min(total, rng.randint(8, 30))
            sentences.append(" ".join(rng.choices(words, k=size)).rstrip(".") + ".")
            total -= size
        out.append(Article(id=f"syn{k:06d}", text=" ".join(sentences), published=date(2021, 1, 1)))
    return out


def edit(passage: str, rng: random.Random) -> str:
    words = passage.split(" ")
    kind = rng.choice(["punct", "drop", "add", "tag", "none"])
    if kind == "punct":
        return re.sub(r"[,;]", "", passage).replace("'", "’").replace(" s ", "’s ")
    if kind == "drop" and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif kind == "add":
        words.insert(rng.randrange(1, len(words)), rng.choice(["reportedly", "also", "again", "now"]))
    elif kind == "tag":
        words.append("#breaking")
    return " ".join(words)


def plant(articles: list[Article], rng: random.Random):
    """Copy passages of earlier articles into 5% of them; returns (articles, planted)."""
    articles = list(articles)
    real = [i for i, a in enumerate(articles) if not a.id.startswith("syn")]
    targets = rng.sample(range(1, len(articles)), int(len(articles) * SHARE_COPIED))
    used: set[int] = set(targets)
    planted = []
    for t in targets:
        for _ in range(50):
            s = rng.choice(real)
            if s < t and s not in used:
                break
        else:
            continue
        src = articles[s]
        sents = [x for x in sentence_spans(src.text)]
        k = rng.randrange(len(sents))
        start, end = sents[k][0], sents[min(len(sents), k + rng.randint(1, 3)) - 1][1]
        if end - start < 40:
            continue
        used.add(s)
        passage = edit(src.text[start:end], rng)
        tgt = articles[t]
        cuts = [0] + [e for _, e in sentence_spans(tgt.text)]
        at = rng.choice(cuts)
        prefix = tgt.text[:at] + (" " if at else "")
        text = prefix + passage + ("" if at == len(tgt.text) else " ") + tgt.text[at:].lstrip()
        articles[t] = Article(id=tgt.id, text=text, published=tgt.published, outlet=tgt.outlet)
        planted.append((src.id, start, end, tgt.id, len(prefix), len(prefix) + len(passage)))
    return articles, planted


def score(store, planted) -> tuple[float, float, int]:
    found = list(store.copies())
    want = {(p[0], p[3]): p for p in planted}
    hits = set()
    for c in found:
        p = want.get((c.first.article, c.copy.article))
        if p and _overlap(c.copy.start, c.copy.end, p[4], p[5]) >= 0.5 * (p[5] - p[4]):
            hits.add((p[0], p[3]))
    true_reports = sum(1 for c in found if (c.first.article, c.copy.article) in hits)
    precision = true_reports / len(found) if found else 1.0
    return precision, len(hits) / len(planted), len(found)


def _overlap(s1, e1, s2, e2) -> int:
    return max(0, min(e1, e2) - max(s1, s2))


def run_size(size: int, folder: Path, workers: int | None = None, seed: int = 7) -> dict:
    rng = random.Random(seed)
    base = json.loads((folder / "clean_ids.json").read_text())
    notes = {a.id: a for a in load_notes()}
    real = [notes[i] for i in base][:size]
    articles = real + synthetic(real, size - len(real), rng) if size > len(real) else real
    articles, planted = plant(articles, rng)
    db = folder / f"bench{size}.db"
    t0 = time.perf_counter()
    with open_store(db) as store, store.transaction():
        for a in articles:
            store.put_article(a)
    stored = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    with open_store(db) as store:
        report = find_copies(store, workers=workers)
        indexed = time.perf_counter() - t0
        cpu = _cpu(resource.RUSAGE_SELF) - cpu0 + _cpu(resource.RUSAGE_CHILDREN)
        precision, recall, reported = score(store, planted)
    return {"articles": size, "planted": len(planted), "reported": reported,
            "precision": round(precision, 4), "recall": round(recall, 4),
            "store_s": round(stored, 1), "index_s": round(indexed, 1),
            "index_vs_store": round(indexed / stored, 1), "indexed": report.indexed,
            "cpu_s": round(cpu, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "workers_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--workers", type=int, help="worker processes of find_copies (default: its own choice)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, Path(args.folder), args.workers)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        kept = clean(load_notes(), folder)
        (folder / "clean_ids.json").write_text(json.dumps([a.id for a in kept]))
        print(f"mm-notes: {len(kept)} reports share no passage ({time.perf_counter() - t0:.0f} s)")
        rows = []
        for size in map(int, args.sizes.split(",")):
            more = [] if args.workers is None else ["--workers", str(args.workers)]
            out = subprocess.run([sys.executable, __file__, "--one", str(size), "--folder", tmp, *more],
                                 check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]))
        if len(rows) > 1:
            a, b = rows[0], rows[-1]
            n = b["articles"] / a["articles"]
            print(f"{n:.0f}x the articles: {b['index_s'] / a['index_s']:.1f}x the time, "
                  f"{b['peak_rss_mb'] / a['peak_rss_mb']:.1f}x the peak memory")


if __name__ == "__main__":
    main()
