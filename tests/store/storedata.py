"""Small records for the store tests (a module, not conftest, so tests can import it)."""
from __future__ import annotations

from datetime import date

from claimledger.model import Article, Claim, Place, Source, When


def make_article(id: str = "a1", text: str = "At least 1500 people were killed, Reuters said.",
                 **fields) -> Article:
    fields.setdefault("published", date(2020, 11, 5))
    return Article(id=id, text=text, **fields)


def make_claim(article: str = "a1", start: int = 0, **fields) -> Claim:
    values = dict(category="killed", value=1500, low=1500, high=None, qualifier="at_least",
                  span="at least 1500", end=start + 13, sentence_start=0,
                  sentence="At least 1500 people were killed.")
    values.update(fields)
    return Claim(article=article, start=start, **values)


FULL_CLAIM = make_claim(
    start=3, unit="people", subject="protesters",
    when=When(date(2019, 11, 15), None, "the uprising which began on 15 November 2019"),
    where=Place("Iran", "IR", None),
    sources=(Source("People's Mojahedin Organization of Iran", "reported", date(2019, 12, 15),
                    "Mujahedin-e Khalq", 20, 37),
             Source("Reuters", "confirmed")),
)
