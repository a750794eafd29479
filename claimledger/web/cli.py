"""`claimledger serve`: the web app on a local port."""
from __future__ import annotations

import os

import click

from .. import settings as settings_mod
from ..cli_common import DB_HELP, open_db

# an idle connection is kept longer than proxies and clients keep theirs (nginx's upstream
# keepalive_timeout: 60 s), so the server never closes one just as it is reused: with
# uvicorn's 5 s, 200 clients on 2 workers saw a few broken connections a run
KEEP_ALIVE_S = 75


@click.command("serve")
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each with its own connections (one or two per CPU core).")
@click.option("--forwarded-allow-ips", metavar="IPS",
              help="Addresses of the reverse proxies whose X-Forwarded-For/-Proto headers are "
                   "trusted, comma-separated, * for any (default: 127.0.0.1, or the "
                   "FORWARDED_ALLOW_IPS environment variable).")
def serve(db, host, port, workers, forwarded_allow_ips):
    """Explore the ledger in a browser: events, map, timeline, articles with their
    claims highlighted, copies; and the JSON API under /api (schema at /api/openapi.json).

    Read-only unless the token setting (CLAIMLEDGER_TOKEN) is set: then
    POST /api/articles with `Authorization: Bearer TOKEN` ingests an article. The
    map draws tiles from the tiles setting (CLAIMLEDGER_TILES, a {z}/{x}/{y} URL) if given.
    Request bodies over max_request_mb get 413; other origins get no CORS access unless
    cors_origins (CLAIMLEDGER_CORS_ORIGINS, comma-separated) lists them.
    Behind a reverse proxy: see docs/serving.md.
    """
    import uvicorn

    conf = settings_mod.settings({"db": db})
    open_db(conf["db"]).close()  # refuse to serve a database that does not exist; migrate it once
    # every worker builds its app from the settings (web.app.from_settings); --db is the
    # one setting given as a flag, so it travels to them in the environment
    os.environ["CLAIMLEDGER_DB"] = conf["db"]
    click.echo(f"claimledger: serving {conf['db']} on http://{host}:{port}/ with {workers} "
               f"worker{'s' * (workers > 1)} "
               f"({'uploads allowed with the token' if conf['token'] else 'read-only'})", err=True)
    uvicorn.run("claimledger.web.app:from_settings", factory=True, workers=workers, host=host,
                port=port, forwarded_allow_ips=forwarded_allow_ips, log_level="warning",
                server_header=False, timeout_keep_alive=KEEP_ALIVE_S)
