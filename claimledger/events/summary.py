"""What an event's pages show of it, worked out once, when events are stored.

``Store.summarize_events`` calls ``summaries`` for a batch of events: their figures
side by side (with voices), ranges, claim count and articles. The context it needs
(article dates and outlets, each claim's first publisher from the copies found) is
read for the batch's articles only, the same as ``rebuild.context`` gives for them.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..copies.voices import first_copied
from ..model import Claim, Copy, Event
from ..store.listing import summary_row
from .figures import Context, figures
from .resolve import claim_key


def summaries(store, events: list[Event]) -> list[tuple]:
    """Each event's stored summary (``listing.summary_row``), in the order given."""
    ctx = context(store, [c for e in events for c in e.claims])
    out = []
    for e in events:
        found = figures(e, ctx)
        out.append(summary_row(e, [s.to_record() for s in found],
                               {s.category: [s.low, s.high] for s in found}))
    return out


def context(store, claims: list[Claim]) -> Context:
    """Dates and outlets of the claims' articles and of the articles their passages were
    first seen in; a claim's voice is that first article when it is another one."""
    articles = {c.article for c in claims}
    into: dict[str, list[Copy]] = defaultdict(list)
    for k in store.copies_into(articles):
        into[k.copy.article].append(k)
    firsts = {k.first.article for ks in into.values() for k in ks}
    facts = store.article_facts(articles | firsts)
    seq = store.ingest_order(firsts)

    def order(article: str) -> tuple[date, int]:  # as copies.voices orders first publishers
        a = facts.get(article)
        return (a.published if a else None) or date.max, seq.get(article, 0)

    origins = {}
    for c in claims:
        found = first_copied(c, into.get(c.article, ()), order)
        if found and found.first.article != c.article:
            origins[claim_key(c)] = found.first.article
    return Context.of(facts.values(), voice_of=lambda c: origins.get(claim_key(c)))
