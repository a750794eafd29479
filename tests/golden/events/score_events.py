"""B-cubed scoring of claim-to-event assignment against events.jsonl (the gold events).

System claims meet gold claims by article, category, span (case-folded) and occurrence.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
GOLD_CLAIMS = HERE.parent / "gold"


def gold_assignment() -> dict[tuple, str]:
    out = {}
    for line in (HERE / "events.jsonl").read_text("utf-8").splitlines():
        e = json.loads(line)
        for c in e["claims"]:
            out[(c["article"], c["category"], c["span"].casefold(), c["n"])] = e["id"]
    return out


def system_assignment(events, articles: set[str]) -> dict[tuple, str]:
    """(article, category, span, n) -> event id, n counted in text order as in the gold."""
    claims = sorted(((c, e.id) for e in events for c in e.claims if c.article in articles),
                    key=lambda ce: (ce[0].article, ce[0].start))
    seen: Counter = Counter()
    out = {}
    for c, event_id in claims:
        key = (c.article, c.category, c.span.casefold())
        out[key + (seen[key],)] = event_id
        seen[key] += 1
    return out


def bcubed(system: dict, gold: dict) -> dict:
    common = [k for k in gold if k in system]
    sys_members, gold_members = defaultdict(set), defaultdict(set)
    for k in common:
        sys_members[system[k]].add(k)
        gold_members[gold[k]].add(k)
    p = r = 0.0
    for k in common:
        both = len(sys_members[system[k]] & gold_members[gold[k]])
        p += both / len(sys_members[system[k]])
        r += both / len(gold_members[gold[k]])
    n = len(common) or 1
    p, r = p / n, r / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "matched": len(common), "gold_claims": len(gold)}


def score(events) -> dict:
    gold = gold_assignment()
    articles = {k[0] for k in gold}
    figures = bcubed(system_assignment(events, articles), gold)
    system_events = {e.id for e in events if any(c.article in articles for c in e.claims)}
    figures["system_events"] = len(system_events)
    figures["gold_events"] = len(set(gold.values()))
    figures["ratio"] = len(system_events) / figures["gold_events"]
    return figures
