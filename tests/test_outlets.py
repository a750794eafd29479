"""Outlet metadata: the shipped table, users' additions, and the label beside claims."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.errors import ClaimledgerError
from claimledger.model import Article, Outlet
from claimledger.outlets import OutletTable, domain_of, label, read_outlet_file


@pytest.mark.parametrize("url, domain", [
    ("https://www.Reuters.com/world/x?id=1", "reuters.com"), ("irna.ir", "irna.ir"),
    ("http://127.0.0.1:8000/feed", "127.0.0.1"), (None, None), ("", None)])
def test_domain_of(url, domain):
    assert domain_of(url) == domain


def test_found_by_url_subdomain_domain_or_name():
    table = OutletTable()
    assert table.find(Article("a", "t", url="https://en.irna.ir/news/1")).name == "IRNA"
    assert table.find(Article("a", "t", outlet="reuters.com")).affiliation == "wire agency"
    assert table.find(Article("a", "t", outlet="Reuters")).country == "GB"
    assert table.find(Article("a", "t", outlet="Unknown Daily")) is None


def test_stored_outlets_win_over_shipped_ones():
    table = OutletTable([Outlet("reuters.com", "Reuters", "GB", "news agency")])
    assert label(table.find(Article("a", "t", url="https://reuters.com/x"))) == "Reuters (news agency, GB)"


def test_an_outlet_file_with_a_bad_line_names_it(tmp_path):
    path = tmp_path / "outlets.tsv"
    path.write_text("# comment\nexample.org\tExample\tFR\topposition outlet\nbroken.org\n",
                    encoding="utf-8")
    with pytest.raises(ClaimledgerError, match=r"outlets.tsv:3: an outlet needs a domain and a name"):
        read_outlet_file(path)


def test_claims_show_the_outlet_beside_the_source(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "c.db")
    (tmp_path / "a.jsonl").write_text(
        '{"id": "a", "url": "https://en.irna.ir/n/1", "published": "2024-01-05", '
        '"text": "Security forces killed at least 12 protesters in Mashhad, police said."}\n'
        '{"id": "b", "outlet": "Daily Example", "published": "2024-01-05", '
        '"text": "Security forces killed at least 14 protesters in Mashhad, police said."}\n',
        encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(tmp_path / "a.jsonl"), "--db", db]).exit_code == 0
    shown = runner.invoke(main, ["claims", "--db", db]).stdout
    assert "published by IRNA (state wire agency, IR)" in shown
    assert "published by" not in shown.split("\nb\n")[1]  # unknown outlet: nothing added
    added = runner.invoke(main, ["outlets", "add", "Daily Example", "Daily Example",
                                 "--country", "ir", "--affiliation", "opposition outlet", "--db", db])
    assert added.exit_code == 0
    assert "published by Daily Example (opposition outlet, IR)" in runner.invoke(main, ["claims", "--db", db]).stdout
    listed = runner.invoke(main, ["outlets", "list", "--db", db]).stdout
    assert "daily example\tDaily Example\tIR\topposition outlet\t(database)" in listed
    assert "reuters.com\tReuters\tGB\twire agency" in listed
