"""Events: claims gathered into the happenings they describe, figures side by side.

    events = build_events(store.claims(), texts(store))  # pure: claims (and texts) in, events out
    table = figures(event, context)            # every sourced figure, per category
"""
from .figures import Context, Figure, Summary, figures
from .resolve import build_events, claim_key
from .rebuild import rebuild, texts

__all__ = ["build_events", "claim_key", "figures", "Figure", "Summary", "Context", "rebuild", "texts"]
