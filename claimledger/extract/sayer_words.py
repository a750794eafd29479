"""The word lists of attribution, read once from ``claimledger/data/sources.json``."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from types import SimpleNamespace


@cache
def words() -> SimpleNamespace:
    """Each list of sources.json as a frozenset attribute: ``words().perception_verbs``."""
    raw = json.loads(resources.files("claimledger.data").joinpath("sources.json").read_text("utf-8"))
    return SimpleNamespace(**{k: frozenset(v) for k, v in raw.items() if not k.startswith("_")})
