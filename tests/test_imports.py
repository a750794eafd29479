"""Issue 18: every module of the package imports alone, each in a fresh interpreter (no
import cycle; the library never needs the CLI imported first)."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import claimledger

ROOT = Path(claimledger.__file__).resolve().parents[1]


def package_modules() -> list[str]:
    """Every module and package of claimledger, by dotted name (``__main__`` runs the CLI
    when imported: it is left out)."""
    names = []
    for path in sorted((ROOT / "claimledger").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        if name != "claimledger.__main__":
            names.append(name)
    return names


def _import_alone(name: str) -> tuple[str, int, str]:
    done = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    last = done.stderr.strip().splitlines()[-1:]
    return name, done.returncode, last[0] if last else ""


def test_every_module_imports_alone_in_a_fresh_interpreter():
    names = package_modules()
    assert "claimledger.cli" in names and "claimledger.copies.cli" in names
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        failed = {name: why for name, code, why in pool.map(_import_alone, names) if code}
    assert not failed, failed


def _imported(path: Path) -> set[str]:
    """The claimledger modules a file imports anywhere (functions included), by dotted name."""
    import ast
    path = path.resolve()
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


def test_nothing_imports_the_cli_back():
    """Command modules import the library and cli_common; only __main__ imports cli.py."""
    importers = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "claimledger").rglob("*.py"))
                 if path.name != "__main__.py" and "claimledger.cli" in _imported(path)]
    assert not importers


# --- start-up: reading commands load no heavy library -------------------------------------

HEAVY = ("spacy", "thinc", "fastapi", "starlette", "uvicorn", "dask", "distributed", "numpy",
         "datasketch", "scipy", "pyarrow")
LIGHT_COMMANDS = (["--help"], ["claims"], ["claims", "--format", "json"], ["failures"],
                  ["aliases", "list"], ["outlets", "list"], ["events"], ["events", "--format", "csv"],
                  ["event", "--help"], ["export", "claims"], ["export", "claims", "--format", "csv"],
                  ["export", "events"], ["export", "events", "--format", "geojson"], ["articles"])
_RUN = """
import sys
from click.testing import CliRunner
from claimledger.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
assert result.exit_code == 0, result.output
print(" ".join(sorted({{m.partition(".")[0] for m in sys.modules}} & set({heavy!r}))))
"""


def _loaded_after(code: str, *args: str) -> tuple[str, ...]:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return tuple(done.stdout.split())


def test_importing_the_package_and_opening_a_store_load_no_heavy_library():
    code = (f"import sys\nfrom claimledger import open_store\n"
            f"print(' '.join(sorted({{m.partition('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    assert _loaded_after(code) == ()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """A small database with claims and events, built in this process (spaCy is loaded here)."""
    from click.testing import CliRunner

    from claimledger.cli import main
    folder = tmp_path_factory.mktemp("startup")
    (folder / "a.txt").write_text(" date 2021-03-05\nPolice arrested 300 people in Tehran on Tuesday. "
                                  "Security forces killed 12 protesters, witnesses said.\n", encoding="utf-8")
    db = str(folder / "ledger.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_reading_commands_load_neither_spacy_nor_fastapi_nor_dask(ledger):
    """Each command runs through CliRunner in a fresh interpreter; what it loaded is read
    from sys.modules afterwards."""
    code = _RUN.format(heavy=HEAVY)
    runs = [[*args, "--db", ledger] if args[-1] != "--help" else args for args in LIGHT_COMMANDS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        loaded = dict(zip((" ".join(a) for a in LIGHT_COMMANDS), pool.map(lambda a: _loaded_after(code, *a), runs)))
    assert loaded == {name: () for name in loaded}


def test_the_parquet_export_loads_pyarrow_but_not_dask_nor_spacy(ledger, tmp_path):
    pytest.importorskip("pyarrow")
    loaded = _loaded_after(_RUN.format(heavy=HEAVY), "export", "claims", "--format", "parquet",
                           "-o", str(tmp_path / "parquet"), "--db", ledger)
    assert set(loaded) <= {"numpy", "pyarrow"}
