"""Claims out: the spec's JSON Lines, CSV, and readable lines."""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from ..model import Claim

CSV_COLUMNS = ("article", "category", "value", "low", "high", "qualifier", "span", "unit", "subject",
               "when_start", "when_end", "when_text", "where_name", "country", "admin1", "sources",
               "sentence", "start", "end")


def write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    """One spec record per line (shared/spec/claims.md); returns the count."""
    n = 0
    for c in claims:
        out.write(json.dumps(c.to_record(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(claims: Iterable[Claim], out: IO[str]) -> int:
    records = [dict(c.to_record(), start=c.start, end=c.end) for c in claims]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def write_csv(claims: Iterable[Claim], out: IO[str]) -> int:
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    n = 0
    for c in claims:
        w.writerow([c.article, c.category, c.value, c.low, c.high, c.qualifier, c.span, c.unit, c.subject,
                    c.when and c.when.start, c.when and c.when.end, c.when and c.when.text,
                    c.where and c.where.name, c.where and c.where.country, c.where and c.where.admin1,
                    chain(c), c.sentence, c.start, c.end])
        n += 1
    return n


def chain(c: Claim) -> str:
    """ "PMOI (announced 2019-12-15) → Reuters (confirmed 2019-12-23)"."""
    links = []
    for s in c.sources:
        said = " ".join(x for x in (s.verb, s.date.isoformat() if s.date else "") if x)
        links.append(f"{s.name} ({said})" if said else s.name)
    return " → ".join(links) or "(the article itself)"


def describe(c: Claim) -> str:
    """One readable line: "killed 1,500 protesters — Iran, Nov 2019 — PMOI (announced ...) → Reuters"."""
    place = c.where.name if c.where else "place unknown"
    return f"{c.category} {c.span} {c.subject} — {place}, {when_text(c)} — {chain(c)}"


def when_text(c: Claim) -> str:
    w = c.when
    if not w or (w.start is None and w.end is None):
        return "time unknown"
    if w.start and w.end:
        if w.start == w.end:
            return w.start.isoformat()
        if w.start.day == 1 and w.start.month == w.end.month and w.start.year == w.end.year:
            return w.start.strftime("%b %Y")
        return f"{w.start.isoformat()}..{w.end.isoformat()}"
    return f"from {w.start.isoformat()}" if w.start else f"by {w.end.isoformat()}"
