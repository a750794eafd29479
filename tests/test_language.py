"""Offline language detection, and what the pipeline does with articles not in English."""
from __future__ import annotations

from webdata import EN, FR

from claimledger.language import detect, is_extractable
from claimledger.model import Article
from claimledger.pipeline import ingest_articles
from claimledger.store import open_store

FA = ("نیروهای امنیتی دست کم دوازده معترض را در مشهد کشتند و شاهدان گفتند که صدها نفر "
      "در میدان اصلی شهر جمع شده بودند تا آزادی دانشجویان بازداشت شده را خواستار شوند.")


def test_languages_are_told_apart():
    assert (detect(EN), detect(FR), detect(FA)) == ("en", "fr", "fa")


def test_too_little_text_is_unknown_and_treated_as_english():
    assert detect("12 killed, police said.") is None
    assert is_extractable(None) and is_extractable("en") and is_extractable("fa") and not is_extractable("fr")


def test_an_english_report_quoting_a_paragraph_of_persian_stays_english():
    assert detect(f"{EN}\n\n{FA}\n\n{EN} {EN}") == "en"


def test_articles_in_other_languages_are_stored_marked_and_not_extracted(tmp_path, extractor):
    with open_store(tmp_path / "c.db") as store:
        report = ingest_articles([Article("en", EN), Article("fr", FR), Article("fa", FA)],
                                 store, extractor)
        assert report.new == 3 and report.not_english == 1
        assert "1 not in English or Persian (stored, not extracted)" in report.summary()
        assert [store.article(i).language for i in ("en", "fr", "fa")] == ["en", "fr", "fa"]
        assert {c.article for c in store.claims()} == {"en", "fa"}  # Persian has its own path
        again = ingest_articles([Article("fr", FR)], store, extractor)
        assert again.unchanged == 1 and again.not_english == 0
