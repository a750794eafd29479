"""WARC and WARC.gz archives the tests write themselves: every HTML response is an article."""
from __future__ import annotations

import gzip
from datetime import date

import pytest

from claimledger.ingest import read_paths
from claimledger.model import Article, Failure

from webdata import EN, FR, page, write_warc

TODAY = date(2024, 6, 1)


def _read(path):
    return list(read_paths([path], today=TODAY))


@pytest.mark.parametrize("compressed", [True, False])
def test_each_html_response_is_an_article_with_url_outlet_and_date(tmp_path, compressed):
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = write_warc(tmp_path / name, [
        {"url": "https://www.reuters.com/world/a", "body": page("Twelve killed", EN, "2024-03-01"),
         "date": "2024-03-05T10:00:00Z"},
        {"url": "https://irna.ir/news/b", "body": page("No date", EN), "date": "2024-03-07T09:00:00Z"},
    ], gzip=compressed)
    first, second = _read(path)
    assert first.id == first.url == "https://www.reuters.com/world/a"
    assert first.outlet == "reuters.com"
    assert first.published == date(2024, 3, 1)  # the page's own date wins
    assert "killed at least 12 protesters" in first.text
    assert second.outlet == "irna.ir"
    assert second.published == date(2024, 3, 7)  # else the capture date
    assert first.origin == f"{path}#1"


def test_images_errors_and_redirects_are_passed_over(tmp_path):
    path = write_warc(tmp_path / "mixed.warc.gz", [
        {"url": "https://bbc.com/logo.png", "body": b"\x89PNG\r\n", "content_type": "image/png"},
        {"url": "https://bbc.com/gone", "body": page("Gone", EN), "status": 404},
        {"url": "https://bbc.com/story", "body": page("Story", EN, "2024-02-02")},
    ])
    found = _read(path)
    assert [a.url for a in found] == ["https://bbc.com/story"]


def test_a_page_without_text_is_a_failure_naming_record_and_url_and_the_rest_goes_on(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [
        {"url": "https://bbc.com/empty", "body": "<html><body></body></html>"},
        {"url": "https://bbc.com/story", "body": page("Story", EN, "2024-02-02")},
    ])
    failure, article = _read(path)
    assert isinstance(failure, Failure) and isinstance(article, Article)
    assert failure.origin == str(path)
    assert "record 1 (https://bbc.com/empty)" in failure.reason and "no article text" in failure.reason


def test_a_file_that_is_not_a_warc_is_one_failure(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n", encoding="utf-8")
    [failure] = _read(path)
    assert isinstance(failure, Failure) and "not a WARC file" in failure.reason


def test_a_truncated_archive_keeps_the_records_before_the_damage(tmp_path):
    whole = write_warc(tmp_path / "whole.warc", [
        {"url": f"https://bbc.com/{n}", "body": page(f"Story {n}", EN, "2024-02-02")} for n in range(3)
    ], gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(gzip.compress(data)[: len(gzip.compress(data)) * 2 // 3])
    found = _read(cut)
    assert isinstance(found[-1], Failure) and "damaged" in found[-1].reason
    assert all(isinstance(a, Article) for a in found[:-1])


def test_french_pages_are_read_too(tmp_path):
    path = write_warc(tmp_path / "fr.warc.gz", [
        {"url": "https://lemonde.fr/x", "body": page("Manifestations", FR, "2024-02-02", lang="fr")}])
    [article] = _read(path)
    assert "manifestants" in article.text and article.language is None  # detected at ingest


def test_a_page_whose_only_text_is_its_navigation_fails_and_the_rest_goes_on(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [
        {"url": "https://bbc.com/menu", "body": '<html><head><title>BBC</title></head><body><nav>'
         '<a href="/">Home</a> <a href="/world">World</a></nav><footer>© BBC</footer></body></html>'},
        {"url": "https://bbc.com/story", "body": page("Story", EN, "2024-02-02")},
    ])
    failure, article = _read(path)
    assert isinstance(failure, Failure) and "record 1 (https://bbc.com/menu)" in failure.reason
    assert "only its navigation ('Home World')" in failure.reason
    assert isinstance(article, Article) and "Home" not in article.text  # a real page still lands
