"""Source aliases: one order in code, (alias, canonical) as the store keeps them, whichever
way users write them (`aliases add CANONICAL ALIAS...`, alias files of canonical<TAB>alias
lines, the shipped tables); the extractor renames sayers by them in this process and on
Dask workers alike."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.extract import store_alias_file
from claimledger.extract.fa import lexicon
from claimledger.extract.names import Names, read_alias_file, shipped_aliases
from claimledger.store import open_store

KRN = "Kurdistan Rights Network"
PMOI = "People's Mojahedin Organization of Iran"


def test_aliases_add_takes_the_canonical_name_first_and_stores_the_alias_first(tmp_path):
    db = str(tmp_path / "c.db")
    added = CliRunner().invoke(main, ["aliases", "add", KRN, "KRN", "Kurdistan HRN", "--db", db])
    assert added.exit_code == 0, added.output
    with open_store(db) as store:
        assert store.aliases() == {"KRN": KRN, "Kurdistan HRN": KRN}
    listed = CliRunner().invoke(main, ["aliases", "list", "--db", db]).stdout.splitlines()
    assert f"MEK\t{PMOI}" in listed
    assert listed[-2:] == [f"KRN\t{KRN}\t(database)", f"Kurdistan HRN\t{KRN}\t(database)"]


def test_an_alias_file_is_read_canonical_first_and_stored_alias_first(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text(f"# canonical<TAB>alias\n{KRN}\tKRN\n", encoding="utf-8")
    assert read_alias_file(path) == [("KRN", KRN)]
    with open_store(tmp_path / "c.db") as store:
        store_alias_file({"aliases": str(path)}, store)
        assert store.aliases() == {"KRN": KRN}
        assert Names.with_aliases(store.aliases().items()).canonical("KRN") == KRN


def test_the_shipped_tables_give_pairs_alias_first():
    assert ("MEK", PMOI) in shipped_aliases()
    assert ("هرانا", "Human Rights Activists News Agency") in shipped_aliases()
    assert ("هرانا", "Human Rights Activists News Agency") in lexicon.aliases()


@pytest.mark.parametrize("workers", [None, "1"])
def test_stored_aliases_rename_sayers_in_process_and_on_workers(tmp_path, workers):
    if workers:
        pytest.importorskip("dask.distributed", reason="the scale extra is not installed")
    db = str(tmp_path / "c.db")
    assert CliRunner().invoke(main, ["aliases", "add", KRN, "KRN", "--db", db]).exit_code == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(" date 2021-03-05\nKRN said 12 protesters were killed.\n",
                                           encoding="utf-8")
    args = ["ingest", str(tmp_path / "in"), "--db", db] + (["--workers", workers] if workers else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    claims = json.loads(CliRunner().invoke(main, ["claims", "--format", "json", "--db", db]).stdout)
    assert [[s["name"] for s in c["sources"]] for c in claims] == [[KRN]]
