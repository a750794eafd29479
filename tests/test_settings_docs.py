"""Every setting is declared once (settings.py) and has its row in the README's table."""
from __future__ import annotations

import re
from pathlib import Path

from claimledger.settings import SETTINGS

README = Path(__file__).parents[1] / "README.md"


def test_every_setting_has_its_readme_row():
    rows = dict(re.findall(r"^\| `(\w+)` \| `(CLAIMLEDGER_\w+)` \|", README.read_text("utf-8"), re.M))
    assert rows == {s.name: f"CLAIMLEDGER_{s.name.upper()}" for s in SETTINGS}
