"""Saved RSS/Atom feeds: each item is an article from its own content or summary."""
from __future__ import annotations

from datetime import date

from webdata import EN, atom, rss

from claimledger.ingest import read_paths
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)


def _read(path):
    return list(read_paths([path], today=TODAY))


def test_rss_items_become_articles_from_their_summary(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(rss([
        {"title": "Twelve killed", "link": "https://www.bbc.co.uk/news/1", "guid": "bbc-1",
         "date": "2024-02-02T09:00:00", "summary": f"<p>{EN}</p><p>More to follow.</p>"},
        {"title": "Second", "link": "https://www.bbc.co.uk/news/2", "summary": "Plain text summary."},
    ]), encoding="utf-8")
    first, second = _read(path)
    assert first == Article(id="bbc-1", text=f"{EN}\n\nMore to follow.", published=date(2024, 2, 2),
                            outlet="bbc.co.uk", url="https://www.bbc.co.uk/news/1",
                            title="Twelve killed", origin=f"{path}#1")
    assert second.id == "https://www.bbc.co.uk/news/2"  # no guid: the link identifies it
    assert second.text == "Plain text summary." and second.published is None


def test_full_content_wins_over_a_short_summary(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(rss([{"title": "T", "link": "https://apnews.com/x", "summary": "Short.",
                          "content": f"<p>{EN}</p>"}]), encoding="utf-8")
    [article] = _read(path)
    assert article.text == EN and article.outlet == "apnews.com"


def test_atom_entries(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(atom([{"id": "urn:x:1", "title": "T", "link": "https://irna.ir/n/1",
                           "date": "2024-03-03", "content": f"<p>{EN}</p>"}]), encoding="utf-8")
    [article] = _read(path)
    assert (article.id, article.published, article.outlet) == ("urn:x:1", date(2024, 3, 3), "irna.ir")


def test_an_item_without_text_is_a_failure_naming_it_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(rss([{"title": "Empty", "link": "https://bbc.com/e"},
                         {"title": "Full", "link": "https://bbc.com/f", "summary": EN}]), encoding="utf-8")
    failure, article = _read(path)
    assert isinstance(failure, Failure) and failure.line == 1
    assert "item 1 (https://bbc.com/e): no content or summary" in failure.reason
    assert "claimledger watch" in failure.reason
    assert isinstance(article, Article)


def test_a_future_date_is_a_failure(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(rss([{"title": "T", "link": "https://bbc.com/f", "summary": EN,
                          "date": "2030-01-01T00:00:00"}]), encoding="utf-8")
    [failure] = _read(path)
    assert "in the future" in failure.reason


def test_xml_that_is_not_a_feed_is_one_failure(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>',
                    encoding="utf-8")
    [failure] = _read(path)
    assert isinstance(failure, Failure) and "not an RSS or Atom feed" in failure.reason
