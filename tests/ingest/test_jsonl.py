"""JSON Lines: one article per line; a bad line fails alone."""
from __future__ import annotations

import json
from datetime import date

from claimledger.ingest import read_paths
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)


def write_lines(path, lines):
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def test_good_lines(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [
        {"id": "x1", "url": "https://example.org/1", "outlet": "Example", "published": "2020-11-05",
         "title": "Toll", "text": "At least 1500 were killed."},
        {"id": 7, "published": "2020-11-05T23:30:00-05:00", "text": " Dozens arrested. "},
    ])
    assert list(read_paths([path], today=TODAY)) == [
        Article("x1", "At least 1500 were killed.", date(2020, 11, 5), "Example",
                "https://example.org/1", "Toll", f"{path}:1"),
        Article("7", " Dozens arrested. ", date(2020, 11, 5), origin=f"{path}:2"),
    ]


def test_missing_id_is_stem_and_line(tmp_path):
    path = write_lines(tmp_path / "feed.ndjson", ["", {"text": "Thousands marched."}])
    [article] = read_paths([path], today=TODAY)
    assert article.id == "feed:2" and article.published is None


def test_broken_line_fails_alone(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [
        {"id": "a", "text": "one"}, '{"id": "b", "text": ', {"id": "c", "text": "three"}])
    items = list(read_paths([path], today=TODAY))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    failure = items[1]
    assert failure.origin == str(path) and failure.line == 2
    assert "not valid JSON" in failure.reason and "column" in failure.reason


def test_line_without_text(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [{"id": "a", "title": "no body"},
                                                 {"id": "b", "text": "   "}, [1, 2]])
    failures = list(read_paths([path], today=TODAY))
    assert [f.line for f in failures] == [1, 2, 3]
    assert all(isinstance(f, Failure) for f in failures)
    assert '"text"' in failures[0].reason


def test_bad_and_future_dates(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [{"text": "a", "published": "2020-13-45"},
                                                 {"text": "b", "published": "2030-01-01"}])
    first, second = read_paths([path], today=TODAY)
    assert "invalid date" in first.reason and first.line == 1
    assert "future" in second.reason and second.line == 2


def test_duplicate_ids(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [{"id": "a", "text": "one"},
                                                 {"id": "a", "text": "two"}])
    first, second = read_paths([path], today=TODAY)
    assert first.text == "one" and "duplicate id 'a' (first on line 1)" in second.reason


def test_invalid_utf8_line_fails_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n{"text": "caf\xe9"}\n{"text": "three"}\n')
    items = list(read_paths([path], today=TODAY))
    assert [getattr(i, "text", None) for i in items] == ["one", None, "three"]
    assert items[1].line == 2 and "UTF-8" in items[1].reason


def test_utf16_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes('{"text": "één"}\r\n{"text": "twee"}\r\n'.encode("utf-16"))
    assert [a.text for a in read_paths([path], today=TODAY)] == ["één", "twee"]


def test_empty_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    [failure] = read_paths([path], today=TODAY)
    assert "empty file" in failure.reason
