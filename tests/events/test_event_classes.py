"""Classes of language and of grouping that decide an event's type or its claims (issue 21,
second round): each test tells a class in sentences made up for it, none taken from the
sample sets."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.events import build_events
from claimledger.events.typology import event_type
from claimledger.model import Claim, Place, When


def told(sentence: str, span: str, category: str, value: int | None = 0, article: str = "a",
         at: int = 0, day: str | tuple[str | None, str | None] = "2021-05-04",
         when_text: str = "on Tuesday", place=("Kenya", "KE"), subject: str = "people") -> Claim:
    """A claim of ``span`` (its first occurrence) in ``sentence``, which starts at ``at``."""
    start = at + sentence.index(span)
    lo, hi = (day, day) if isinstance(day, str) else day
    when = When(lo and date.fromisoformat(lo), hi and date.fromisoformat(hi), when_text)
    return Claim(article, category, value, value, value, "exact", span, start, start + len(span),
                 sentence, at, subject=subject, when=when, where=Place(*place))


@pytest.mark.parametrize("sentence, span, category, expected", [
    # protesters who clash with the police: a violent demonstration, in any tense
    ("Thousands gathered at the shrine, then later clashing with police on Tuesday", "Thousands",
     "participants", "riot"),
    ("Hundreds of miners clash with police outside the mine on Tuesday", "Hundreds", "participants",
     "riot"),
    # firearms where no one was hurt: the protest met with force, not excessive force
    ("Troops were firing in the air as 300 students marched on Tuesday", "300", "participants",
     "protest_intervention"),
    ("Police opened fire on 2,000 marchers on Tuesday but no one was hurt", "2,000", "participants",
     "protest_intervention"),
    ("Soldiers fired warning shots at 500 demonstrators on Tuesday", "500", "participants",
     "protest_intervention"),
    # ... and where someone was: excessive force
    ("Soldiers opened fire on the march on Tuesday and wounded 12 people", "12", "injured",
     "protest_excessive_force"),
])
def test_the_words_of_a_class_decide_the_type(sentence, span, category, expected):
    assert event_type([told(sentence, span, category)]) == expected
