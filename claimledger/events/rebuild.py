"""Events (re)built from the stored claims, and what figures need from the store."""
from __future__ import annotations

from ..model import Event
from ..store.base import Store
from .figures import Context
from .resolve import build_events, claim_key


def rebuild(store: Store) -> list[Event]:
    """Gather every stored claim into events and store them (replacing the old ones)."""
    events = build_events(store.claims())
    store.replace_events(events)
    return events


def context(store: Store) -> Context:
    """Article dates and outlets, and each claim's first publisher from the copies module
    (issue 3) when it has found copies; without them, word-for-word sentences stand in."""
    origins = _copy_origins(store)
    return Context.of(store.articles(), voice_of=lambda c: origins.get(claim_key(c)))


def _copy_origins(store: Store) -> dict[str, str]:
    try:
        from ..copies import claim_origins
        return {claim_key(o.claim): o.origin for o in claim_origins(store)
                if o.origin != o.claim.article}
    except (ImportError, NotImplementedError):
        return {}
