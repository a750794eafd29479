"""Voices (claims counted by first publisher) and the `copies` command's output."""
from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from claimledger.cli import main
from claimledger.copies import claim_origins, find_copies, voices
from claimledger.model import Article, Claim
from claimledger.store import open_store

RELEASE = ("Security forces fired live rounds at demonstrators in the city of Mahshahr, "
           "killing at least 40 people in the marshes outside the town.")


def _claim(article: str, text: str) -> Claim:
    start = text.index("at least 40")
    s = text.index("Security forces")
    return Claim(article=article, category="killed", value=40, low=40, high=None,
                 qualifier="at_least", span="at least 40", start=start, end=start + 11,
                 sentence=RELEASE, sentence_start=s)


def _corpus(path):
    texts = {"wire": ("Wire", date(2019, 11, 20), RELEASE),
             "outlet1": ("Daily One", date(2019, 11, 21), "Reports from the south. " + RELEASE),
             "outlet2": ("Daily Two", date(2019, 11, 22), RELEASE + " Officials denied it."),
             "own": ("Daily Three", date(2019, 11, 22),
                     "Our reporter counted the dead herself: at least 40 people were killed "
                     "near the town, according to her notes from the hospital.")}
    with open_store(path) as store:
        for id, (outlet, day, text) in texts.items():
            store.put_article(Article(id=id, text=text, published=day, outlet=outlet))
            store.replace_claims(id, [_claim(id, text)] if id != "own" else [
                Claim(article=id, category="killed", value=40, low=40, high=None,
                      qualifier="at_least", span="at least 40", start=text.index("at least 40"),
                      end=text.index("at least 40") + 11, sentence=text, sentence_start=0)])
        find_copies(store)


def test_copied_claims_know_their_origin_and_count_as_one_voice(tmp_path):
    _corpus(tmp_path / "v.db")
    with open_store(tmp_path / "v.db") as store:
        origins = {o.claim.article: o for o in claim_origins(store)}
        assert origins["wire"].copied_from is None
        assert origins["outlet1"].copied_from.article == "wire"
        assert origins["outlet2"].copied_from.article == "wire"  # not outlet1: the first seen
        assert origins["own"].copied_from is None
        [voice] = voices(store)
    assert voice.claims == 4
    assert voice.publishers == ("Daily Three", "Wire")  # four claims, two independent voices


def test_copies_json_has_both_spans_text_and_similarity(tmp_path):
    _corpus(tmp_path / "v.db")
    result = CliRunner().invoke(main, ["copies", "--format", "json", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["first"]["article"], r["copy"]["article"]) for r in rows} == {
        ("wire", "outlet1"), ("wire", "outlet2"), ("outlet1", "outlet2")}
    row = next(r for r in rows if r["copy"]["article"] == "outlet1")
    assert row["first"] == {"article": "wire", "start": 0, "end": len(RELEASE)}
    assert row["copy"]["start"] == len("Reports from the south. ")
    assert row["text"] == RELEASE and row["similarity"] == 1.0


def test_copies_table_filters_by_article_and_length(tmp_path):
    _corpus(tmp_path / "v.db")
    db = str(tmp_path / "v.db")
    out = CliRunner().invoke(main, ["copies", "--article", "outlet2", "--db", db]).stdout
    lines = out.splitlines()
    assert len(lines) == 2 and all("-> outlet2[" in line for line in lines)
    none = CliRunner().invoke(main, ["copies", "--min-chars", "1000", "--db", db]).stdout
    assert none == ""


def test_copies_without_a_database_says_to_ingest(tmp_path):
    result = CliRunner().invoke(main, ["copies", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "claimledger ingest" in result.output
