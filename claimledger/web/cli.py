"""`claimledger serve`: the web app on a local port."""
from __future__ import annotations

import click

from .. import settings as settings_mod
from ..cli_common import DB_HELP, open_db


@click.command("serve")
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db, host, port):
    """Explore the ledger in a browser: events, map, timeline, articles with their
    claims highlighted, copies; and the JSON API under /api (schema at /api/openapi.json).

    Read-only unless the token setting (CLAIMLEDGER_TOKEN) is set: then
    POST /api/articles with `Authorization: Bearer TOKEN` ingests an article. The
    map draws tiles from the tiles setting (CLAIMLEDGER_TILES, a {z}/{x}/{y} URL) if given.
    Request bodies over max_request_mb get 413; other origins get no CORS access unless
    cors_origins (CLAIMLEDGER_CORS_ORIGINS, comma-separated) lists them.
    """
    import uvicorn

    from .app import create_app
    conf = settings_mod.settings({"db": db})
    open_db(conf["db"]).close()  # refuse to serve a database that does not exist
    app = create_app(conf["db"], token=conf["token"], tiles=conf["tiles"], settings=conf)
    click.echo(f"claimledger: serving {conf['db']} on http://{host}:{port}/ "
               f"({'uploads allowed with the token' if conf['token'] else 'read-only'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
