"""HTML pages through trafilatura: main text, title, date, URL."""
from __future__ import annotations

from datetime import date

from claimledger.ingest import read_paths
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Crackdown in Iran</title>
<meta name="date" content="2020-11-05">
<link rel="canonical" href="https://news.example.org/iran-crackdown">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<p>At least 1500 people were killed in the uprising, Reuters reported on Monday, citing three
officials of the interior ministry.</p>
<p>Amnesty International said thousands of protesters were arrested across 100 cities.</p>
</article>
<footer>Copyright 2020 Example News. All rights reserved.</footer>
</body></html>
"""


def test_article_page(tmp_path):
    path = tmp_path / "iran-crackdown.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_paths([path], today=TODAY)
    assert isinstance(article, Article)
    assert article.id == "iran-crackdown" and article.origin == str(path)
    assert article.title == "Crackdown in Iran"
    assert article.published == date(2020, 11, 5)
    assert article.url == "https://news.example.org/iran-crackdown"
    assert "At least 1500 people were killed" in article.text
    assert "thousands of protesters" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_htm_with_a_legacy_encoding(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.replace("utf-8", "iso-8859-1")
                     .replace("Monday", "Montag in Köln").encode("iso-8859-1"))
    [article] = read_paths([path], today=TODAY)
    assert "Köln" in article.text


def test_page_without_article_text(tmp_path):
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>Nothing here</title></head><body></body></html>",
                    encoding="utf-8")
    [failure] = read_paths([path], today=TODAY)
    assert isinstance(failure, Failure) and failure.origin == str(path)
    assert failure.reason.startswith("no article text found in the HTML")


def test_empty_html_file(tmp_path):
    path = tmp_path / "zero.html"
    path.write_bytes(b"")
    [failure] = read_paths([path], today=TODAY)
    assert "empty file" in failure.reason
