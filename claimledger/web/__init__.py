"""The web app (issue 5): JSON API and pages over the same queries.

    from claimledger.web import create_app
    app = create_app("claimledger.db")

FastAPI loads on first use of ``create_app``: ``web.cli`` (the serve command) imports
this package without it.
"""
__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
