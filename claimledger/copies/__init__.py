"""Passages shared across articles, near-duplicate articles, and independent voices.

    report = find_copies(store)          # incremental: only articles not indexed yet
    finder = CopyFinder(store)           # the same, keeping the index in memory:
    finder.update()                      #   call after each committed batch
    for copy in store.copies(): ...      # Copy(first=Passage, copy=Passage, text, similarity)
    clusters(store)                      # near-duplicate articles, first-seen member first
    voices(store)                        # claims of one figure counted by first publishers
"""
from __future__ import annotations

from .clusters import Cluster, clusters
from .detect import CopyFinder, CopyReport, Options, find_copies
from .prepared import Prepared, PreparedBatch, prepare
from .voices import ClaimOrigin, Voice, claim_origins, voices

__all__ = ["find_copies", "CopyFinder", "Options", "CopyReport", "prepare", "Prepared", "PreparedBatch", "clusters", "Cluster",
           "claim_origins", "ClaimOrigin", "voices", "Voice"]
