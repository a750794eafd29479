"""The web app (issue 5): JSON API and pages over the same queries.

    from claimledger.web import create_app
    app = create_app("claimledger.db")
"""
from .app import create_app

__all__ = ["create_app"]
