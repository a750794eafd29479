"""Beyond one process: ingest on a Dask cluster, claims out as partitioned Parquet.

    from claimledger.scale import Cluster, connect, ingest_paths
    with connect(Cluster(workers=2)) as client:
        report = ingest_paths(["corpus.jsonl"], store, client)

Needs the ``scale`` extra (dask.distributed, pyarrow); see docs/scale.md.
"""
from __future__ import annotations

from .cluster import Cluster, connect
from .ingest import ingest_articles, ingest_paths
from .parquet import write_claims

__all__ = ["Cluster", "connect", "ingest_paths", "ingest_articles", "write_claims"]
