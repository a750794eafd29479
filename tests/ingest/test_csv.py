"""CSV exports, and the --map of columns (or JSON keys) to article fields."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


ROWS = ("id,published,text\n"
        "a1,2024-01-05,\"Security forces killed 12 protesters, witnesses said.\"\n"
        "{bad}\n"
        "a3,2024-01-07,\"Police arrested 40 students, a rights group said.\"\n"
        "a4,2024-01-08,Troops killed 9 protesters in Khartoum.\n")


def _lands_but(path, bad_line):
    """Every row lands but the bad one, which is one failure naming its line."""
    found = _read(path)
    failures = [f for f in found if isinstance(f, Failure)]
    assert [f.line for f in failures] == [bad_line], failures
    assert all(f.origin == str(path) for f in failures)
    return failures[0], {a.id: a for a in found if isinstance(a, Article)}


def test_an_unclosed_quote_fails_its_row_and_the_rows_it_ran_into_land(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ROWS.format(bad='a2,2024-01-06,"Ten were injured, medics said.'), encoding="utf-8")
    failure, articles = _lands_but(path, 3)
    assert "not valid CSV" in failure.reason and "quote" in failure.reason
    assert sorted(articles) == ["a1", "a3", "a4"]
    assert articles["a1"].text == "Security forces killed 12 protesters, witnesses said."
    assert articles["a3"].text == "Police arrested 40 students, a rights group said."


def test_an_unclosed_quote_in_the_last_row_fails_it_and_nothing_else(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ROWS.replace("{bad}\n", "") + 'a5,2024-01-09,"Five were held\n', encoding="utf-8")
    failure, articles = _lands_but(path, 5)
    assert "unexpected end of data" in failure.reason
    assert sorted(articles) == ["a1", "a3", "a4"]


def test_an_open_quote_followed_by_quoted_rows_fails_once_and_they_land(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ROWS.format(bad='a2,2024-01-06,"Ten were injured').replace(
        "Khartoum.", 'Khartoum."'), encoding="utf-8")
    failure, articles = _lands_but(path, 3)
    assert sorted(articles) == ["a1", "a3", "a4"]


def test_a_row_with_an_extra_field_fails_and_the_others_land(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ROWS.format(bad="a2,2024-01-06,Ten were injured, medics said."), encoding="utf-8")
    failure, articles = _lands_but(path, 3)
    assert "4 fields where the header has 3" in failure.reason and "double quotes" in failure.reason
    assert sorted(articles) == ["a1", "a3", "a4"]


def test_a_row_with_a_missing_field_fails_and_the_others_land(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ROWS.format(bad="a2,Ten were injured."), encoding="utf-8")
    failure, articles = _lands_but(path, 3)
    assert "2 fields where the header has 3" in failure.reason
    assert sorted(articles) == ["a1", "a3", "a4"]


@pytest.mark.parametrize("body", ["id,text\n", "id,text", "id,text\n\n\n"])
def test_a_header_only_file_says_so(tmp_path, body):
    path = tmp_path / "export.csv"
    path.write_text(body, encoding="utf-8")
    [failure] = _read(path)
    assert failure.line == 1 and "a header row and no article" in failure.reason


def test_ingest_of_a_broken_csv_names_file_and_line_and_stores_the_rest(tmp_path):
    from click.testing import CliRunner

    from claimledger.cli import main
    from claimledger.store import open_store
    path = tmp_path / "export.csv"
    path.write_text(ROWS.format(bad='a2,2024-01-06,"Ten were injured, medics said.'), encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 1
    assert f"failed: {path}:3: not valid CSV" in result.stderr
    with open_store(db) as store:
        assert sorted(a.id for a in store.articles()) == ["a1", "a3", "a4"]
        assert [(f.origin, f.line) for f in store.failures()] == [(str(path), 3)]


def test_a_fixed_file_takes_its_old_failures_off_the_list(tmp_path):
    from click.testing import CliRunner

    from claimledger.cli import main
    from claimledger.store import open_store
    path, db = tmp_path / "export.csv", str(tmp_path / "c.db")
    path.write_text(ROWS.format(bad="a2,2024-01-06,Ten were injured, medics said."), encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(path), "--db", db]).exit_code == 1
    path.write_text(ROWS.format(bad='a2,2024-01-06,"Ten were injured, medics said."'), encoding="utf-8")
    fixed = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert fixed.exit_code == 0, fixed.output
    with open_store(db) as store:
        assert store.failures() == []
        assert sorted(a.id for a in store.articles()) == ["a1", "a2", "a3", "a4"]


_TEXTS = st.text(st.sampled_from('abc ,."'), min_size=1, max_size=30).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXTS, min_size=2, max_size=8), quote_all=st.booleans(), data=st.data())
def test_one_broken_row_among_any_rows_is_one_failure_and_every_other_row_lands(
        tmp_path, texts, quote_all, data):
    """Rows written by csv.writer (commas and quotes in the text), one of them broken
    (its closing quote dropped, or a bare comma added): that row's line is the one
    failure, every other row lands with its exact text."""
    bad = data.draw(st.integers(0, len(texts) - 1))
    how = data.draw(st.sampled_from(["open quote", "extra field"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(["id", "text"])
    lines = []
    for n, text in enumerate(texts):
        row = io.StringIO()
        csv.writer(row, lineterminator="", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
                   ).writerow([f"r{n}", text])
        line = row.getvalue()
        if n == bad:
            line = f'r{n},"{text.replace(chr(34), "")}' if how == "open quote" else f"r{n},x,{line}"
        lines.append(line)
    path = tmp_path / "rows.csv"
    path.write_text(out.getvalue() + "\n".join(lines) + "\n", encoding="utf-8")
    found = _read(path)
    failures = [f for f in found if isinstance(f, Failure)]
    assert [f.line for f in failures] == [bad + 2], (path.read_text(), failures)
    landed = {a.id: a.text for a in found if isinstance(a, Article)}
    assert landed == {f"r{n}": t for n, t in enumerate(texts) if n != bad}
