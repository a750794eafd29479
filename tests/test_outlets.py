"""Outlet metadata: the shipped table, users' additions, and the label beside claims."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.errors import ClaimledgerError
from claimledger.model import Article, Outlet
from claimledger.outlets import OutletTable, domain_of, label, read_outlet_file, shipped_outlets


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
    added = runner.invoke(main, ["outlets", "add", "dailyexample.org", "Daily Example",
                                 "--country", "ir", "--affiliation", "opposition outlet", "--db", db])
    assert added.exit_code == 0
    assert "published by Daily Example (opposition outlet, IR)" in runner.invoke(main, ["claims", "--db", db]).stdout
    listed = runner.invoke(main, ["outlets", "list", "--db", db]).stdout.splitlines()
    assert listed[0] == "domain\tname\tcountry\taffiliation\tfrom"
    assert "dailyexample.org\tDaily Example\tIR\topposition outlet\tstored" in listed
    assert "reuters.com\tReuters\tGB\twire agency\tshipped" in listed
    domains = [line.split("\t")[0] for line in listed[1:]]
    assert domains == sorted(set(domains))  # one table, each domain once


@pytest.mark.parametrize("args, words", [
    (["not a domain", "X"], "domain 'not a domain' is not a host name: write one like reuters.com"),
    (["localhost", "X"], "is not a host name"),
    (["example.org", "X", "--country", "United Kingdom"],
     "country 'United Kingdom' is not an ISO 3166-1 alpha-2 code: write GB"),
    (["example.org", "X", "--country", "UK"], "write GB"),
    (["example.org", "X", "--country", "ZZ"], "write two letters"),
    (["example.org", " ", "--country", "FR"], "needs a name"),
])
def test_outlets_add_refuses_junk_in_one_line_and_stores_nothing(tmp_path, args, words):
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["outlets", "add", *args, "--db", db])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert words in line
    assert not (tmp_path / "c.db").exists()


def test_outlets_add_takes_a_url_and_a_lower_case_code(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(main, ["outlets", "add", "https://www.Example.org/news", "Example",
                                "--country", "fr", "--db", db]).stdout == "outlet example.org stored\n"
    from claimledger.store import open_store
    with open_store(db) as store:
        assert store.outlets() == [Outlet("example.org", "Example", "FR")]


def test_outlets_load_reads_a_header_and_its_column_order(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\tdomain\taffiliation\tcountry\nExample\texample.org\texile outlet\tfr\n"
                    "Other\tother.net\t\t\n", encoding="utf-8")
    assert read_outlet_file(path) == [Outlet("example.org", "Example", "FR", "exile outlet"),
                                      Outlet("other.net", "Other")]


def test_what_outlets_list_writes_outlets_load_reads_back(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "c.db")
    path = tmp_path / "all.tsv"
    path.write_text(runner.invoke(main, ["outlets", "list"]).stdout, encoding="utf-8")
    loaded = runner.invoke(main, ["outlets", "load", str(path), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout == f"{len(shipped_outlets())} outlets stored\n"  # none called "domain"


@pytest.mark.parametrize("body, words", [
    ("domain\tname\tcontry\nx.org\tX\tFR\n", "mine.tsv:1: a header needs domain and name columns"),
    ("x.org\tX\tUnited Kingdom\n", "mine.tsv:1: country 'United Kingdom' is not an ISO 3166-1 alpha-2 code"),
    ("ok.org\tOK\nnot a domain\tX\n", "mine.tsv:2: domain 'not a domain' is not a host name"),
])
def test_outlets_load_names_the_bad_line_and_stores_nothing(tmp_path, body, words):
    path, db = tmp_path / "mine.tsv", str(tmp_path / "c.db")
    path.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["outlets", "load", str(path), "--db", db])
    assert result.exit_code == 2 and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_outlets_remove(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "c.db")
    runner.invoke(main, ["outlets", "add", "reuters.com", "Reuters UK", "--db", db])
    runner.invoke(main, ["outlets", "add", "example.org", "Example", "--db", db])
    listed = runner.invoke(main, ["outlets", "list", "--db", db]).stdout
    assert "reuters.com\tReuters UK\t\t\tstored, replaces shipped" in listed
    removed = runner.invoke(main, ["outlets", "remove", "reuters.com", "example.org", "--db", db])
    assert (removed.exit_code, removed.stdout) == (0, "removed reuters.com, example.org\n")
    listed = runner.invoke(main, ["outlets", "list", "--db", db]).stdout
    assert "reuters.com\tReuters\tGB\twire agency\tshipped" in listed and "example.org" not in listed
    again = runner.invoke(main, ["outlets", "remove", "reuters.com", "--db", db])
    assert again.exit_code == 2 and "reuters.com is shipped" in again.stderr
    unknown = runner.invoke(main, ["outlets", "remove", "nowhere.org", "--db", db])
    assert unknown.exit_code == 2 and "nowhere.org is not a stored outlet" in unknown.stderr
