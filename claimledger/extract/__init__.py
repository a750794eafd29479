"""Extraction: claims from an article's text (English here, Persian under fa/).

    extractor = build_extractor(settings(), store)   # spaCy loaded once, aliases included
    claims = extractor.extract(article)

Nothing heavy is imported here: ``import claimledger.extract.quantities`` (or any
other rule module) does not load spaCy through this file.
"""
from __future__ import annotations

from ..errors import ClaimledgerError

__all__ = ["build_extractor", "store_alias_file"]


def build_extractor(conf: dict, store):
    """The extractor of the settings' ``model`` with the shipped aliases, the stored ones
    and those of the settings' alias file (stored first, so every later run has them)."""
    from ..nlp import load
    from .claims import Extractor
    from .names import Names
    store_alias_file(conf, store)
    nlp = load(conf["model"])
    return Extractor(nlp, Names.with_aliases(store.aliases().items()))


def store_alias_file(conf: dict, store) -> None:
    """The alias file's pairs, stored so every later run has them."""
    from .names import read_alias_file
    if conf.get("aliases"):
        try:
            store.add_aliases(read_alias_file(conf["aliases"]))
        except OSError as e:
            raise ClaimledgerError(f"{conf['aliases']}: cannot read the alias file ({e.strerror})") from None
