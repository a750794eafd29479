"""Issue 18: every module of the package imports alone, each in a fresh interpreter (no
import cycle; the library never needs the CLI imported first)."""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
