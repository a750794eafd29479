"""Passages shared across articles, near-duplicate articles, and independent voices.

    report = find_copies(store)          # incremental: only articles not indexed yet
    finder = CopyFinder(store)           # the same, keeping the index in memory:
    finder.update()                      #   call after each committed batch
    for copy in store.copies(): ...      # Copy(first=Passage, copy=Passage, text, similarity)
    clusters(store)                      # near-duplicate articles, first-seen member first
    voices(store)                        # claims of one figure counted by first publishers

Finding copies (numpy, MinHash) loads on first use of its names, so reading clusters
and voices, or importing ``copies.cli``, stays light.
"""
from __future__ import annotations

from .._lazy import lazy_names

from .clusters import Cluster, clusters
from .voices import ClaimOrigin, Voice, claim_origins, voices

__all__ = ["find_copies", "CopyFinder", "Options", "CopyReport", "prepare", "Prepared", "PreparedBatch", "clusters", "Cluster",
           "claim_origins", "ClaimOrigin", "voices", "Voice"]

_LAZY = {"find_copies": ".detect", "CopyFinder": ".detect", "Options": ".detect", "CopyReport": ".detect",
         "prepare": ".prepared", "Prepared": ".prepared", "PreparedBatch": ".prepared"}

__getattr__ = lazy_names(__name__, _LAZY, globals())
