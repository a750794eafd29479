"""Text files: the date header, the body kept exactly, and what fails."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.ingest import read_paths
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)
BODY = "Last November, at least 1500 people were killed.\n\nReuters said so.\n"


def read_one(path):
    [item] = read_paths([path], today=TODAY)
    return item


@pytest.mark.parametrize("content", [
    " date 2020-11-05 " + BODY,       # the samples' form: body on the same line
    "date 2020-11-05 " + BODY,        # leading space optional
    "date 2020-11-05\n" + BODY,       # body on the next line
    " date 2020-11-05 \n\n" + BODY,   # after a blank line
    "date 2020-11-05\r\n\r\n" + BODY,  # Windows line ends
])
def test_header_variants(tmp_path, content):
    path = tmp_path / "002_abc.txt"
    path.write_bytes(content.encode("utf-8"))
    assert read_one(path) == Article(id="002_abc", text=BODY, published=date(2020, 11, 5),
                                     origin=str(path))


def test_no_header_keeps_the_whole_file(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("  Dozens were arrested.\n", encoding="utf-8")
    article = read_one(path)
    assert article.text == "  Dozens were arrested.\n" and article.published is None


def test_body_is_exact_so_offsets_point_into_it(tmp_path):
    body = "Over 190 cities  saw\tprotests;\r\n“thousands” were held.  \n\n"
    path = tmp_path / "a.txt"
    path.write_bytes((" date 2020-11-05 " + body).encode("utf-8"))
    article = read_one(path)
    assert article.text == body
    assert article.text[article.text.index("190"):][:3] == "190"


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff")])
def test_byte_order_marks(tmp_path, encoding, bom):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + (" date 2020-11-05 " + BODY).encode(encoding))
    article = read_one(path)
    assert article.text == BODY and article.published == date(2020, 11, 5)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_one(path) == Failure(
        str(path), "empty file: nothing to ingest; remove it or add the article text")


def test_header_without_body(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text(" date 2020-11-05 \n", encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure) and "no article text" in failure.reason


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    failure = read_one(path)
    assert isinstance(failure, Failure) and "binary" in failure.reason


def test_invalid_utf8_names_byte_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(" date 2020-11-05 first line\nsecond caf\xe9 line\n".encode("latin-1"))
    failure = read_one(path)
    assert isinstance(failure, Failure) and failure.line == 2
    assert "byte 38" in failure.reason and "re-save it as UTF-8" in failure.reason


@pytest.mark.parametrize("header, line", [("date 2020-13-45 text", 1),
                                          ("\n\n date 2020-02-30\ntext", 3),
                                          ("date 2020-1-5 text", 1)])
def test_invalid_date_names_the_line(tmp_path, header, line):
    path = tmp_path / "bad.txt"
    path.write_text(header, encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure) and failure.line == line
    assert "invalid date" in failure.reason and "YYYY-MM-DD" in failure.reason


def test_future_date_beyond_tomorrow_fails(tmp_path):
    tomorrow, later = tmp_path / "tomorrow.txt", tmp_path / "later.txt"
    tomorrow.write_text("date 2024-06-02 text", encoding="utf-8")
    later.write_text("date 2024-06-03 text", encoding="utf-8")
    assert read_one(tomorrow).published == date(2024, 6, 2)
    failure = read_one(later)
    assert isinstance(failure, Failure) and "in the future" in failure.reason


def test_a_word_date_is_not_a_header(tmp_path):
    path = tmp_path / "dates.txt"
    path.write_text("Date palms burned as thousands protested.", encoding="utf-8")
    assert read_one(path).text == "Date palms burned as thousands protested."
