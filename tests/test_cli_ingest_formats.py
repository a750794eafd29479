"""`claimledger ingest` of several input formats in one run: CSV (with --map), a saved feed
and a WARC file; the languages count."""
from __future__ import annotations

from click.testing import CliRunner
from webdata import EN, FR, page, rss, write_warc

from claimledger.cli import main


def test_ingest_csv_with_map_feed_and_warc_in_one_run(tmp_path):
    (tmp_path / "export.csv").write_text(
        f'body,date,source\n"{EN}",2024-01-05,reuters.com\n"{FR}",2024-01-05,lemonde.fr\n',
        encoding="utf-8")
    (tmp_path / "saved.rss").write_text(rss([{"title": "T", "link": "https://apnews.com/1",
                                              "summary": EN.replace("12", "13")}]), encoding="utf-8")
    write_warc(tmp_path / "crawl.warc.gz", [{"url": "https://bbc.com/x", "date": "2024-02-02T00:00:00Z",
                                             "body": page("T", EN.replace("12", "14"))}])
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db,
                                       "--map", "text=body,published=date,outlet=source"])
    assert result.exit_code == 0, result.output
    assert "articles: 4 new" in result.stdout
    assert "1 not in English or Persian (stored, not extracted)" in result.stdout
    shown = CliRunner().invoke(main, ["claims", "--db", db]).stdout
    assert "published by Reuters (wire agency, GB)" in shown
    assert "published by Associated Press" in shown and "published by BBC" in shown


def test_a_bad_map_is_a_one_line_error_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "c.db"),
                                       "--map", "body=text"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "claimledger: --map: unknown article field 'body'; the fields are id, url, outlet, "
        "published, title, text"]
