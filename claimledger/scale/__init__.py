"""Beyond one process: ingest on a Dask cluster (claims out as Parquet: export/parquet.py).

    from claimledger import ingest_paths
    from claimledger.scale import Cluster, OnCluster, connect
    with connect(Cluster(workers=2)) as client:
        report = ingest_paths(["corpus.jsonl"], store, OnCluster(client))

Needs the ``scale`` extra (dask.distributed, pyarrow); see docs/scale.md. Each name
loads its module on first use.
"""
from __future__ import annotations

from .._lazy import lazy_names

__all__ = ["Cluster", "OnCluster", "connect"]

_LAZY = {"Cluster": ".cluster", "connect": ".cluster", "OnCluster": ".ingest"}

__getattr__ = lazy_names(__name__, _LAZY, globals())
