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


def _two_items():
    return rss([{"title": "A", "link": "https://bbc.com/a", "guid": "a", "summary": EN},
                {"title": "B", "link": "https://bbc.com/b", "guid": "b", "summary": EN}])


def test_a_truncated_feed_names_the_xml_complaint_not_a_missing_summary(tmp_path):
    whole = _two_items()
    path = tmp_path / "cut.rss"
    path.write_text(whole[: len(whole) * 3 // 4], encoding="utf-8")  # inside item b's text
    article, item, feed = _read(path)
    assert article.id == "a"  # the whole item before the break lands
    assert item.line == 2 and "item 2 is cut or garbled" in item.reason
    assert "not well-formed XML at line 1" in item.reason and "no element found" in item.reason
    assert "no content or summary" not in item.reason
    assert "cut short" in feed.reason and "save the whole feed again" in feed.reason


def test_a_feed_cut_between_items_says_it_ends_early(tmp_path):
    whole = _two_items()
    path = tmp_path / "cut.rss"
    path.write_text(whole[: whole.index("<item>", whole.index("<item>") + 1) + 3], encoding="utf-8")
    article, feed = _read(path)
    assert article.id == "a"
    assert "not well-formed XML" in feed.reason and "cut short" in feed.reason


def test_invalid_xml_is_named_by_the_parser_not_as_an_item_without_id(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text('<rss version="2.0"><channel><item><title>x</titl></item>\n'
                    "<item><link>https://bbc.com/b</link></item></channel></rss>", encoding="utf-8")
    found = _read(path)
    assert all(isinstance(f, Failure) for f in found)
    assert not any("neither an id nor a link" in f.reason for f in found)
    assert "mismatched tag" in found[0].reason and found[0].line == 1
    assert "1 of 2 items could not be read" in found[-1].reason


def test_a_flaw_the_parser_reads_around_loses_nothing_and_fails_nothing(tmp_path):
    path = tmp_path / "amp.rss"
    path.write_text(_two_items().replace("Test feed", "A & B"), encoding="utf-8")  # a bare &
    assert [a.id for a in _read(path)] == ["a", "b"]
