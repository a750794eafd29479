"""The web's paged queries (store/listing.py) on both backends: on random small ledgers,
each page is the slice of the whole list filtered in Python, as the web app did before
it asked the store for pages; and events carry the summary their figures give."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.events.figures import figures
from claimledger.events.rebuild import context
from claimledger.events.resolve import claim_key
from claimledger.model import Article, Claim, Copy, Event, Passage, Place, Source, When
from claimledger.store import base
from claimledger.store.listing import ClaimFilter, EventFilter

CATEGORIES = ("killed", "injured", "arrested")
COUNTRIES = ("IR", "IQ", None)
WORDS = ("Police", "fired", "on", "crowds", "Reuters", "said", "protesters", "died")
NAMES = ("Amnesty International", "Reuters", "the ministry", "REUTERS staff")
TYPES = ("protest", "protest_excessive_force")
DAY0 = date(2020, 1, 1)

dates = st.integers(0, 40).map(lambda n: DAY0 + timedelta(days=n))
days = st.one_of(st.none(), dates, dates)  # dated two times out of three
small = dict(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@st.composite
def ledgers(draw):
    """Articles with claims, events over some of the claims (each claim in one event at
    most), copies between articles, and an alias."""
    articles, claims = [], []
    for a in range(draw(st.integers(1, 5))):
        sentences = [" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
                     for _ in range(draw(st.integers(0, 4)))]
        text = " ".join(s + "." for s in sentences) or "Nothing."
        article = Article(f"a{a}", text, draw(days), draw(st.sampled_from(("Outlet", None))),
                          title=f"Article {a}")
        articles.append(article)
        start = 0
        for s in sentences:
            start_day, end_day = draw(days), draw(days)
            if start_day and end_day and draw(st.booleans()):  # mostly in order, not always
                start_day, end_day = min(start_day, end_day), max(start_day, end_day)
            when = draw(st.one_of(st.none(), st.just(When(start_day, end_day, "then"))))
            country = draw(st.sampled_from(COUNTRIES))
            names = draw(st.lists(st.sampled_from(NAMES), max_size=2))
            value = draw(st.integers(1, 9))
            claims.append(Claim(article.id, draw(st.sampled_from(CATEGORIES)), value, value, value, "exact",
                                str(value), start, start + 1, s + ".", start, when=when,
                                where=Place("Somewhere", country) if country or draw(st.booleans()) else None,
                                sources=tuple(Source(n, "said", draw(days)) for n in names)))
            start += len(s) + 2
    events, free = [], list(claims)
    for e in range(draw(st.integers(0, 4))):
        taken = draw(st.lists(st.sampled_from(free), unique_by=claim_key, max_size=4)) if free else []
        free = [c for c in free if c not in taken]
        parent = draw(st.sampled_from([None] + [x.id for x in events]))
        events.append(Event(f"ev-{e}", draw(st.sampled_from(TYPES)), When(draw(days), draw(days), ""),
                            Place("Somewhere", draw(st.sampled_from(COUNTRIES))), parent,
                            claims=tuple(sorted(taken, key=lambda c: (c.article, c.start)))))
    copies = []
    if len(articles) > 1:
        for _ in range(draw(st.integers(0, 3))):
            first, second = draw(st.lists(st.sampled_from(articles), min_size=2, max_size=2, unique=True))
            n = min(len(first.text), len(second.text), 8)
            copies.append(Copy(Passage(first.id, 0, n), Passage(second.id, 0, n), first.text[:n], 0.9))
    return articles, claims, events, copies


def _store(store, ledger, copies_last: bool = False) -> None:
    """The ledger in the store; ``copies_last``: copies found after the events were built
    (whose voices they change), as ``pipeline.finish`` then summarizes them again."""
    articles, claims, events, copies = ledger
    # emptied by hand, as no command does: the source counts with them
    for table in ("event_claims", "events", "copies", "articles", "aliases", "source_counts", "source_changes"):
        store._run(f"DELETE FROM {table}")
    for a in articles:
        store.put_article(a)
        store.replace_claims(a.id, [c for c in claims if c.article == a.id])

    def found_copies():
        for a in articles:
            store.replace_copies(a.id, [c for c in copies if c.copy.article == a.id])
    if not copies_last:
        found_copies()
    store.add_aliases([("AI", "Amnesty International")])
    store.replace_events(events)
    if copies_last:
        found_copies()
        store.summarize_events()


SOME_DAYS = (DAY0 + timedelta(days=10), DAY0 + timedelta(days=25))
PAGES = ((50, 0), (2, 0), (2, 1), (3, 4))


def _filters(cls, **choices) -> list:
    """The filter with nothing set, each field alone with each of its values, and each
    pair of fields with their first values."""
    out = [cls()] + [cls(**{n: v}) for n, vs in choices.items() for v in vs]
    names = sorted(choices)
    return out + [cls(**{n: choices[n][0], m: choices[m][-1]}) for i, n in enumerate(names)
                  for m in names[i + 1:]]


CLAIM_FILTERS = _filters(ClaimFilter, category=CATEGORIES, country=("ir", "IQ"), source=("reuters", "ai"),
                         since=SOME_DAYS, until=SOME_DAYS, event=("ev-0", "ev-1"),
                         q=("police", "SAID crowds"))
EVENT_FILTERS = _filters(EventFilter, country=("ir", "IQ"), type=TYPES, category=CATEGORIES,
                         since=SOME_DAYS, until=SOME_DAYS, q=("police", "crowds Reuters", "zzz"))


def _overlaps(start, end, since, until) -> bool:
    """The web app's date test before the store did it (web/queries.py)."""
    if since and (end or start) and (end or start) < since:
        return False
    if until and (start or end) and (start or end) > until:
        return False
    return not ((since or until) and not (start or end))


def _claims(store, f: ClaimFilter) -> list[Claim]:
    published = {a.id: a.published for a in store.articles()}
    rows = list(store.claims())
    if f.source:  # part of a name in the chain, or of a name an alias ties to it
        words = store.source_names(f.source)
        rows = [c for c in rows if any(w in s.name.casefold() for s in c.sources for w in words)]
    if f.event:
        keys = {claim_key(c) for e in store.events() if e.id == f.event for c in e.claims}
        rows = [c for c in rows if claim_key(c) in keys]

    def span(c):
        if c.when and (c.when.start or c.when.end):
            return c.when.start, c.when.end
        return published[c.article], published[c.article]
    words = (f.q or "").casefold().split()
    return [c for c in rows if (not f.category or c.category == f.category)
            and (not f.country or (c.where and c.where.country or "") == f.country.upper())
            and all(w in c.sentence.casefold() for w in words)
            and _overlaps(*span(c), f.since, f.until)]


@settings(**small)
@given(ledger=ledgers())
def test_a_claims_page_is_a_slice_of_the_claims_filtered_in_python(store, ledger):
    _store(store, ledger)
    event_of = {claim_key(c): e.id for e in store.events() for c in e.claims}
    for f in CLAIM_FILTERS:
        expected = _claims(store, f)
        for limit, offset in PAGES:
            found = store.claim_page(f, limit, offset)
            assert (found.total, found.exact) == (len(expected), True), f
            assert found.items == [(c, event_of.get(claim_key(c))) for c in expected[offset:offset + limit]], f


@settings(**small)
@given(ledger=ledgers())
def test_an_events_page_is_a_slice_of_the_events_filtered_in_python(store, ledger):
    _store(store, ledger)
    for f in EVENT_FILTERS:
        found_articles = {a for a, _ in store.search(f.q, limit=1000)} if f.q else None
        expected = [replace(e, claims=()) for e in store.events()
                    if (not f.country or (e.where.country or "") == f.country.upper())
                    and (not f.type or e.type == f.type)
                    and (not f.category or any(c.category == f.category for c in e.claims))
                    and (found_articles is None or any(c.article in found_articles for c in e.claims))
                    and _overlaps(e.when.start, e.when.end, f.since, f.until)]
        for limit, offset in PAGES:
            found = store.event_page(f, limit, offset)
            assert found.total == len(expected), f
            assert [r.event for r in found.items] == expected[offset:offset + limit], f


@settings(**small)
@given(ledger=ledgers(), copies_last=st.booleans())
def test_each_event_keeps_the_summary_its_figures_give(store, ledger, copies_last):
    _store(store, ledger, copies_last)
    ctx = context(store)
    for e in store.events():
        row = store.event_row(e.id.removeprefix("ev-"))
        summaries = figures(e, ctx)
        assert row.figures == json.loads(json.dumps([s.to_record() for s in summaries]))
        assert row.ranges == {s.category: [s.low, s.high] for s in summaries}
        assert (row.claims, row.articles) == (len(e.claims), sorted({c.article for c in e.claims}))
        assert store.event_parts(e.id) == [p.id for p in store.events() if p.parent == e.id]
        assert store.events_among([e.id]) == [e]


def _counted_in_python(store) -> list[dict]:
    named, first, articles = Counter(), Counter(), {}
    for c in store.claims():
        for i, s in enumerate(c.sources):
            named[s.name] += 1
            first[s.name] += i == 0
            articles.setdefault(s.name, set()).add(c.article)
    return [{"name": n, "claims": k, "first_source": first[n], "articles": len(articles[n])}
            for n, k in sorted(named.items(), key=lambda nk: (-nk[1], nk[0]))]


@settings(**small)
@given(ledger=ledgers(), q=st.sampled_from((None, "reu", "AMNESTY", "zzz")),
       page=st.sampled_from(PAGES))
def test_a_sources_page_is_a_slice_of_the_names_counted_in_python(store, ledger, q, page):
    _store(store, ledger)
    limit, offset = page
    rows = [r for r in _counted_in_python(store) if not q or q.casefold() in r["name"].casefold()]
    found = store.source_page(q, limit, offset)
    assert (found.total, found.items) == (len(rows), rows[offset:offset + limit])


@settings(**small)
@given(ledger=ledgers(), again=ledgers(), how=st.lists(st.sampled_from(("batch", "one", "article")),
                                                       min_size=1, max_size=3))
def test_source_counts_follow_claims_written_again(store, ledger, again, how):
    # the counts are kept up to date from what each write adds and takes off: articles
    # written again with other claims, in a batch, one at a time, or changed
    _store(store, ledger)
    articles, claims, _, _ = again
    for way in how:
        if way == "batch":
            store.put_articles([(a, [c for c in claims if c.article == a.id]) for a in articles])
        elif way == "one":
            for a in articles[:2]:
                store.put_article(a)
                store.replace_claims(a.id, [c for c in claims if c.article == a.id][:1])
        else:  # a changed text loses its claims
            store.put_article(replace(articles[0], text=articles[0].text + " More."))
        store.count_sources()
        assert store.source_page(None, 500, 0).items == _counted_in_python(store)


@settings(**small)
@given(ledger=ledgers(), page=st.sampled_from(PAGES), which=st.integers(0, 5))
def test_articles_and_copies_pages_are_slices_of_the_whole_lists(store, ledger, page, which):
    _store(store, ledger)
    limit, offset = page
    everything = list(store.articles())
    counts = Counter(c.article for c in store.claims())
    found = store.article_page(limit, offset)
    assert found.total == len(everything)
    assert [(a.id, a.title, a.published, n) for a, n in found.items] == [
        (a.id, a.title, a.published, counts[a.id]) for a in everything[offset:offset + limit]]
    for q in ("police", "crowds Reuters", "nothing*", "?!"):
        assert store.search_ids(q, 3) == [a for a, _ in store.search(q, limit=3)]
        found = {a for a, _ in store.search(q, limit=1000)}
        assert store.latest_ids(q, 3) == [a.id for a in reversed(everything) if a.id in found][:3]
    hits = [a.id for a in reversed(everything)]
    assert [a.id for a, _ in store.article_page(limit, offset, hits).items] == hits[offset:offset + limit]
    article = everything[which % len(everything)].id if which < 3 else None
    copies = list(store.copies(article))
    texts = {a.id: a.text for a in everything}
    found = store.copy_page(article, limit, offset)
    assert found.total == len(copies)
    assert [(r.copy, r.copy_text, r.first.id, r.copied_in.id) for r in found.items] == [
        (c, texts[c.copy.article][c.copy.start:c.copy.end], c.first.article, c.copy.article)
        for c in copies[offset:offset + limit]]
    assert store.copy_page(article, None).items == store.copy_page(article, 1000).items


def test_a_filtered_count_stops_past_the_page(store, monkeypatch):
    import claimledger.store.listing as listing
    _store(store, ([Article("a0", "x " * 10, DAY0)], [
        Claim("a0", "killed", 1, 1, 1, "exact", "1", i, i + 1, "x", 0) for i in range(8)], [], []))
    monkeypatch.setattr(listing, "COUNT_AHEAD", 3)
    found = store.claim_page(ClaimFilter(category="killed"), 2, 1)
    assert (found.total, found.exact, len(found.items)) == (6, False, 2)
    assert store.claim_page(ClaimFilter(category="killed"), 2, 4).exact  # 8 < 4 + 2 + 3
    assert (store.claim_page(ClaimFilter(), 2, 0).total, store.article_page(2, 0).total) == (5, 1)


def test_events_stored_before_their_summaries_are_summarized(store):
    claim = Claim("a0", "killed", 3, 3, 3, "exact", "3", 0, 1, "3 died.", 0)
    _store(store, ([Article("a0", "3 died.", DAY0)], [claim],
                   [Event("ev-0", "protest", When(DAY0, None, ""), Place("X", "IR"), claims=(claim,))], []))
    store._run("UPDATE events SET summarized = 0, figures = NULL, ranges = '{}', claim_count = 0")
    assert store.event_row("ev-0").ranges == {}
    assert store.summarize_events() == 1 and store.summarize_events() == 0
    row = store.event_row("ev-0")
    assert row.ranges == {"killed": [3, 3]} and row.claims == 1 and row.figures[0]["category"] == "killed"


@pytest.mark.parametrize("few", [0, 20_000])  # every name common, every name rare
def test_a_source_filter_finds_names_counted_or_written_since(store, monkeypatch, few):
    monkeypatch.setattr(base, "FEW_CLAIMS", few)

    def claim(article, start, *names):
        return Claim(article, "killed", 3, 3, 3, "exact", "3", start, start + 1, "Three died.", start,
                     sources=tuple(Source(n, "said") for n in names))
    store.put_articles([(Article("a1", "Three died. Three died."), [claim("a1", 0, "Reuters"),
                                                                   claim("a1", 13, "Amnesty International")]),
                        (Article("a2", "Three died."), [claim("a2", 0, "the ministry", "REUTERS staff")])])
    store.add_aliases([("AI", "Amnesty International")])
    store.count_sources()  # as events are written
    store.put_articles([(Article("a3", "Three died."), [claim("a3", 0, "Straße Watch")])])  # not counted yet

    def found(source):
        return [(c.article, c.start) for c in store.claims(source=source)]
    assert found("reuters") == [("a1", 0), ("a2", 0)]
    assert found("ai") == found("AMNESTY") == [("a1", 13)]
    assert found("STRASSE") == [("a3", 0)] and found("nobody") == []
    assert store.claim_page(ClaimFilter(source="reuters"), 1, 1).items[0][0].article == "a2"
