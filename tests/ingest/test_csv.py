"""CSV exports, and the --map of columns (or JSON keys) to article fields."""
from __future__ import annotations

import json
from datetime import date

import pytest

from claimledger.errors import ClaimledgerError
from claimledger.ingest import FieldMap, read_paths
from claimledger.model import Article, Failure

TODAY = date(2024, 6, 1)


def _read(path, spec=None):
    return list(read_paths([path], today=TODAY, fields=FieldMap.parse(spec)))


def test_columns_named_like_the_fields_need_no_map(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id,published,outlet,title,text\n'
                    'a1,2024-01-05,Reuters,Title,"Twelve were killed, police said."\n', encoding="utf-8")
    [article] = _read(path)
    assert article == Article(id="a1", text="Twelve were killed, police said.",
                              published=date(2024, 1, 5), outlet="Reuters", title="Title",
                              origin=f"{path}:2")


def test_map_names_other_columns_and_extra_columns_are_ignored(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('body,date,source,lang\n"Line one.\nLine two.",2024-01-05,IRNA,en\n'
                    "Second body,,AP,en\n", encoding="utf-8")
    first, second = _read(path, "text=body,published=date,outlet=source")
    assert (first.text, first.published, first.outlet, first.id) == (
        "Line one.\nLine two.", date(2024, 1, 5), "IRNA", "export:2")
    assert second.id == "export:4"  # ids default to file:line; row 1 spans lines 2-3


def test_a_missing_text_column_is_one_failure_naming_the_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("body,date\nx,2024-01-01\n", encoding="utf-8")
    [failure] = _read(path)
    assert failure.line == 1
    assert "no column 'text'" in failure.reason and "body, date" in failure.reason
    assert "--map text=COLUMN" in failure.reason


def test_bad_rows_name_their_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,body,date\n1,,2024-01-01\n2,Fine text.,2024-13-45\n3,Good.,2024-01-02\n"
                    "3,Again.,2024-01-02\n", encoding="utf-8")
    found = _read(path, "text=body,published=date")
    assert [type(x).__name__ for x in found] == ["Failure", "Failure", "Article", "Failure"]
    assert found[0].line == 2 and 'no "body"' in found[0].reason
    assert found[1].line == 3 and '"date": invalid date' in found[1].reason
    assert found[3].line == 5 and "duplicate id '3'" in found[3].reason


def test_a_csv_in_latin_1_is_a_failure_saying_to_resave(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("text\nCaf\xe9 protest\n".encode("latin-1"))
    [failure] = _read(path)
    assert isinstance(failure, Failure) and "UTF-8" in failure.reason


def test_the_same_map_works_for_json_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"body": "Ten were arrested.", "date": "2024-01-05", "source": "AP"})
                    + "\n" + json.dumps({"text": "no body"}) + "\n", encoding="utf-8")
    article, failure = _read(path, "text=body,published=date,outlet=source")
    assert (article.text, article.published, article.outlet) == ("Ten were arrested.", date(2024, 1, 5), "AP")
    assert failure.line == 2 and 'no "body"' in failure.reason


@pytest.mark.parametrize("spec, words", [
    ("txt=body", "unknown article field 'txt'"),
    ("text", "is not FIELD=COLUMN"),
    ("text=", "is not FIELD=COLUMN"),
])
def test_a_bad_map_is_a_one_line_error(spec, words):
    with pytest.raises(ClaimledgerError, match=words):
        FieldMap.parse(spec)
