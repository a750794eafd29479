"""categorize: what a number counts (category, unit, subject), or None for no claim."""
from __future__ import annotations

import pytest

from claimledger.extract.categories import Counted, categorize
from claimledger.extract.quantities import find_quantities, is_count


def claims(parse, text):
    """(span, Counted) for every quantity that is a count and a claim."""
    span = parse(text)
    out = []
    for q in find_quantities(span):
        if is_count(q, span) and (c := categorize(q, span)) is not None:
            out.append((q.span, c))
    return out


def one(parse, text) -> Counted:
    found = claims(parse, text)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize("text, category, subject", [
    ("At least 30 people were arrested on Monday.", "arrested", "people"),
    ("Security forces detained dozens of students.", "arrested", "students"),
    ("Troops massacred 80 villagers.", "killed", "villagers"),
    ("Gunmen wounded 14 civilians.", "injured", "civilians"),
    ("A court sentenced 6 activists to prison.", "sentenced", "activists"),
    ("Four journalists disappeared after the raid.", "disappeared", "journalists"),
    ("Thousands of people rallied in the capital.", "participants", "people"),
    ("About 500 protesters gathered outside parliament.", "participants", "protesters"),
])
def test_category_and_subject(parse, text, category, subject):
    assert one(parse, text) == Counted(category, "people", subject)


def test_shot_dead_is_killed(parse):
    assert one(parse, "Police shot dead 12 protesters.").category == "killed"


def test_death_toll_is_killed(parse):
    c = one(parse, "The death toll rose to 25.")
    assert (c.category, c.unit) == ("killed", "people")


def test_names_of_slain_are_killed_and_named(parse):
    assert one(parse, "Activists released the names of 40 slain demonstrators.") == \
        Counted("killed", "people", "named demonstrators")


@pytest.mark.parametrize("text, value_span, unit", [
    ("Protests spread to over 50 cities.", "over 50", "cities"),
    ("Protests erupted in 14 provinces.", "14", "provinces"),
])
def test_places_in_a_protest_sentence_are_protest_sites(parse, text, value_span, unit):
    found = claims(parse, text)
    assert [(s, c.category, c.unit) for s, c in found] == [(value_span, "protest_sites", unit)]


def test_protests_held_in_provinces_are_protest_sites(parse):
    found = claims(parse, "Demonstrations were held in 14 provinces.")
    assert [(c.category, c.unit) for _, c in found] == [("protest_sites", "provinces")]


def test_places_outside_a_protest_sentence_are_no_claim(parse):
    assert claims(parse, "The company opened offices in 12 cities.") == []


def test_death_by_disease_is_died_with_the_cause_as_subject(parse):
    c = one(parse, "More than 200 people have died of cholera.")
    assert c.category == "died"
    assert "cholera" in c.subject


def test_killed_and_injured_in_one_sentence_are_two_claims(parse):
    found = claims(parse, "Eleven people were killed and more than 160 injured.")
    assert [(s, c.category) for s, c in found] == [("Eleven", "killed"), ("more than 160", "injured")]


@pytest.mark.parametrize("text, category", [
    ("police arrested 45 students on monday.", "arrested"),
    ("security forces detained dozens of students.", "arrested"),
    ("thousands of people rallied in the capital.", "participants"),
    ("eleven people were killed and more than 160 injured.", "killed"),
    ("protests spread to over 50 cities.", "protest_sites"),
])
def test_lower_cased_text_gets_the_same_category(parse, text, category):
    found = claims(parse, text)
    assert found and found[0][1].category == category


@pytest.mark.parametrize("text", [
    "Tens of thousands of people rallied in the capital.",
    "Hundreds of thousands of protesters marched in the capital.",
])
def test_tens_of_thousands_of_protesters_are_participants(parse, text):
    assert one(parse, text).category == "participants"


@pytest.mark.parametrize("text", [
    "The building has five floors.",
    "The figure was confirmed by three sources.",
    "The march lasted five days.",
    "Police officers said 20 officers were on duty.",
])
def test_non_claims(parse, text):
    assert claims(parse, text) == []


def test_age_limit_is_no_claim(parse):
    span = parse("Children under 18 were arrested.")
    qs = [q for q in find_quantities(span) if q.span.endswith("18")]
    assert qs, "the 18 should be found as a quantity"
    assert all(categorize(q, span) is None for q in qs)


def test_age_range_gives_no_claim(parse):
    assert claims(parse, "Children between 15 and 18 were arrested.") == []
