"""The web app (issue 5): JSON API and pages over the same queries.

    from claimledger.web import create_app
    app = create_app("claimledger.db")

FastAPI loads on first use of ``create_app``: ``web.cli`` (the serve command) imports
this package without it.
"""
from .._lazy import lazy_names

__all__ = ["create_app"]

__getattr__ = lazy_names(__name__, {"create_app": ".app"}, globals())
