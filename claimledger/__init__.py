"""claimledger: news articles in, a sourced record of claims out.

    from claimledger import Extractor, open_store, ingest_paths
"""
from .extract.claims import Extractor
from .model import Article, Claim, Failure, Place, Source, When
from .pipeline import IngestReport, ingest_articles, ingest_paths
from .store import Store, open_store

__all__ = ["Article", "Claim", "Extractor", "Failure", "IngestReport", "Place", "Source", "Store",
           "When", "ingest_articles", "ingest_paths", "open_store"]
__version__ = "0.1.0"
