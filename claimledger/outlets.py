"""Outlet metadata: who publishes at a domain (name, country, affiliation).

The shipped table is ``claimledger/data/outlets.tsv`` (domain, name, country,
affiliation; tab-separated, ``#`` comments); users add their own with
``claimledger outlets add`` (stored in the database, winning over the shipped
rows). An article's outlet is found by its URL's domain, else by its ``outlet``
field read as a domain or a name.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ClaimledgerError
from .model import Article, Outlet

__all__ = ["domain_of", "shipped_outlets", "read_outlet_file", "OutletTable", "label",
           "article_labels"]


def domain_of(url: str | None) -> str | None:
    """``https://www.Reuters.com/x`` -> ``reuters.com``; None for no URL or no host."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def parse_rows(lines: Iterable[str], origin: str) -> Iterator[Outlet]:
    """Outlets of a TSV: domain, name, then optionally country and affiliation."""
    for number, row in enumerate(csv.reader(lines, delimiter="\t"), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if len(row) < 2 or not row[1].strip():
            raise ClaimledgerError(f"{origin}:{number}: an outlet needs a domain and a name, "
                                   "separated by a tab (then country, affiliation)")
        domain, name, country, affiliation = [c.strip() or None for c in row[:4]] + [None] * (4 - len(row[:4]))
        yield Outlet(domain_of(domain) or domain.lower(), name, country and country.upper(), affiliation)


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
    try:
        table = OutletTable(store.outlets())
    except NotImplementedError:  # a backend without the outlet table: shipped rows only
        table = OutletTable()
    labels = {}
    for article_id in set(article_ids):
        article = store.article(article_id)
        outlet = table.find(article) if article else None
        if outlet:
            labels[article_id] = label(outlet)
    return labels
