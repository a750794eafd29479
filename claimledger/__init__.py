"""claimledger: news articles in, a sourced record of claims out.

    from claimledger import Extractor, open_store, ingest_paths

Importing the package is cheap: ``Extractor`` (spaCy) and the pipeline (copies, numpy)
load on first use of their names, so ``from claimledger import open_store`` and the
reading commands start at once.
"""
from __future__ import annotations

from ._lazy import lazy_names

from .model import Article, Claim, Failure, Place, Source, When
from .store import Store, open_store

__all__ = ["Article", "Claim", "Extractor", "Failure", "IngestReport", "Place", "Source", "Store",
           "When", "ingest_articles", "ingest_paths", "open_store"]
__version__ = "0.1.0"

_LAZY = {"Extractor": ".extract.claims", "IngestReport": ".pipeline",
         "ingest_articles": ".pipeline", "ingest_paths": ".pipeline"}

__getattr__ = lazy_names(__name__, _LAZY, globals())


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
