"""Who says a number: first source and chain, through the Extractor; alias canonicalisation."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract.names import Names
from claimledger.model import Article

PUBLISHED = date(2021, 3, 5)


def extract(extractor, text, published=PUBLISHED):
    return extractor.extract([Article("t1", text, published)])["t1"]


def the_claim(extractor, text):
    found = extract(extractor, text)
    assert len(found) == 1, [(c.span, c.category) for c in found]
    return found[0]


def chain(claim):
    return [(s.name, s.verb) for s in claim.sources]


def test_x_said(extractor):
    c = the_claim(extractor, "Amnesty International said 40 protesters were killed.")
    assert chain(c) == [("Amnesty International", "said")]


def test_according_to_x_before(extractor):
    c = the_claim(extractor, "According to Human Rights Watch, 40 protesters were killed.")
    assert chain(c) == [("Human Rights Watch", "according to")]


def test_according_to_x_after(extractor):
    c = the_claim(extractor, "At least 40 protesters were killed, according to the Kurdistan Rights Network.")
    assert chain(c) == [("Kurdistan Rights Network", "according to")]


def test_reported_that_said_gives_inner_source_first(extractor):
    c = the_claim(extractor, "Reuters reported that the Interior Ministry said 300 people were arrested.")
    assert [s.name for s in c.sources] == ["Interior Ministry", "Reuters"]
    assert [s.verb for s in c.sources] == ["said", "reported"]


def test_toll_announced_by_x_with_its_date_then_relay(extractor):
    c = the_claim(extractor, "The BBC confirmed the toll of 300 that was announced by the PMOI on May 2, 2019.")
    first, last = c.sources
    assert first.name == "People's Mojahedin Organization of Iran"
    assert (first.verb, first.date) == ("announced", date(2019, 5, 2))
    assert last.name == "British Broadcasting Corporation"
    assert last.date is None


def test_postposed_witnesses_said(extractor):
    c = the_claim(extractor, "Security forces killed 15 protesters in the town, witnesses said.")
    assert chain(c) == [("witnesses", "said")]


def test_x_told_reporters_after_the_claim(extractor):
    c = the_claim(extractor, "The police arrested 80 people, the governor told reporters.")
    assert [s.name for s in c.sources] == ["governor"]


def test_plain_statement_has_no_source(extractor):
    c = the_claim(extractor, "Security forces killed 15 protesters in the town.")
    assert c.sources == ()


def test_embedded_post_is_the_accounts_claim(extractor):
    text = ("Crowds gathered again in the main square.\n"
            "Troops fired on the crowd and 20 arrested — Jane Roe (@janeroe_news) March 3, 2021\n"
            "The unrest continued.")
    c = the_claim(extractor, text)
    assert c.value == 20 and c.category == "arrested"
    assert [(s.name, s.verb, s.date) for s in c.sources] == [("@janeroe_news", "tweeted", date(2021, 3, 3))]


def test_colon_quote_is_the_speakers_claim(extractor):
    text = "Crowds gathered in the square.\nAli Rahimi said: “Troops killed 40 people in the city.”"
    c = the_claim(extractor, text)
    assert c.value == 40 and c.category == "killed"
    assert [s.name for s in c.sources] == ["Ali Rahimi"]


def test_colon_quote_at_article_start(extractor):
    c = the_claim(extractor, "Ali Rahimi said: “Troops killed 40 people in the city.”")
    assert [s.name for s in c.sources] == ["Ali Rahimi"]


def test_titled_speaker_of_a_colon_quote_appears_once(extractor):
    text = "Crowds gathered in the square.\nThe spokesman Ali Rahimi said: “Troops killed 40 people in the city.”"
    c = the_claim(extractor, text)
    assert len(c.sources) == 1 and "Ali Rahimi" in c.sources[0].name


@pytest.mark.parametrize("opening, expected", [
    ("The ministry said", []),  # a description with nobody named before it: left out
    ("The interior ministry said", ["interior ministry"]),
    ("This week the union said", ["union"]),  # a described sayer keeps its description
    ("The Interior Ministry said", ["Interior Ministry"]),
])
def test_a_word_that_only_opens_a_colon_quote_is_no_speaker(extractor, opening, expected):
    c = the_claim(extractor, f"Crowds gathered in the square.\n{opening}: 12 people were killed in the clashes.")
    assert [s.name for s in c.sources] == expected


@pytest.mark.parametrize("verb", ["described what happened that night", "recounted", "recalled", "blogged"])
def test_a_paragraph_introduced_by_an_account_verb_is_the_speakers(extractor, verb):
    text = (f"Crowds gathered in the square.\nThe activist Mona Said {verb}:\n"
            "Police charged the camp at dawn. Scores of people were injured.\nThe unrest went on.")
    c = the_claim(extractor, text)
    assert c.category == "injured" and [s.name for s in c.sources] == ["activist Mona Said"]


@pytest.mark.parametrize("crowd", ["Dozens of protesters", "Hundreds of residents", "Thousands of marchers"])
def test_a_crowd_reporting_its_own_injuries_is_no_source(extractor, crowd):
    found = extract(extractor, f"{crowd} reported injuries, with 12 taken to hospital.")
    assert {c.category for c in found} == {"injured"} and any(c.value == 12 for c in found)
    assert [c.sources for c in found] == [()] * len(found)


def test_source_mention_offsets_point_into_the_text(extractor):
    text = "Crowds gathered in the square. Amnesty International said 40 protesters were killed."
    c = the_claim(extractor, text)
    s = c.sources[0]
    assert text[s.start:s.end] == s.mention


def test_alias_is_canonical_in_the_chain(extractor):
    c = the_claim(extractor, "The MEK said 120 protesters were killed.")
    assert [s.name for s in c.sources] == ["People's Mojahedin Organization of Iran"]


# --- Names ---------------------------------------------------------------------------

PMOI = "People's Mojahedin Organization of Iran"


@pytest.mark.parametrize("mention", [
    "MEK", "the MEK", "PMOI / MEK Iran", "PMOI/MEK", "Mujahedin-e Khalq",
    "the People's Mojahedin Organization of Iran (PMOI / MEK Iran)", "mek",
])
def test_shipped_aliases_canonicalise(mention):
    assert Names.with_aliases().canonical(mention) == PMOI


def test_unknown_names_are_cleaned_not_renamed():
    assert Names.with_aliases().canonical("the Kurdistan Rights Network") == "Kurdistan Rights Network"


def test_canonical_name_maps_to_itself():
    assert Names.with_aliases().canonical("Amnesty International") == "Amnesty International"


def test_user_pairs_extend_the_table():
    names = Names.with_aliases([("KRN", "Kurdistan Rights Network")])
    assert names.canonical("KRN") == "Kurdistan Rights Network"
    assert names.canonical("MEK") == PMOI  # shipped pairs still hold


def test_user_pairs_do_not_leak_into_other_tables():
    Names.with_aliases([("KRN", "Kurdistan Rights Network")])
    assert Names.with_aliases().canonical("KRN") == "KRN"


def test_extractor_uses_given_names(nlp):
    from claimledger.extract.claims import Extractor
    ex = Extractor(nlp, names=Names.with_aliases([("KRN", "Kurdistan Rights Network")]))
    c = the_claim(ex, "KRN said 12 protesters were killed.")
    assert [s.name for s in c.sources] == ["Kurdistan Rights Network"]


def test_the_group_is_the_group_named_before(extractor):
    text = ("Security forces killed at least 30 people, according to the Kenya Medical Association. "
            "In a statement, the association said that 200 people had been injured.")
    first, second = extract(extractor, text)
    assert first.sources[0].name == "Kenya Medical Association"
    assert second.sources[0].name == "Kenya Medical Association"
    assert text[second.sources[0].start:second.sources[0].end] == "association"


def test_a_definite_description_with_nobody_named_before_is_left_out(extractor):
    # spec, "Who says it": where none is named, the sayer is left out rather than guessed
    c = the_claim(extractor, "The group said 40 protesters were arrested.")
    assert c.sources == ()


# --- an account given before a colon ---------------------------------------------------------

def _names(claim):
    return [s.name for s in claim.sources]


@pytest.mark.parametrize("text, expected", [
    ("The rights group published a list of the victims: 23 protesters were killed in the first week.",
     ["rights group"]),
    ("Local activists keep a running tally: at least 140 people have been detained since March.",
     ["Local activists"]),
    ("The union offers a timeline of the strike: about 2,000 workers walked out on the first day.", ["union"]),
    ("Observers for the Valdoria Monitor compiled a chronology of the crackdown: 31 people were injured.",
     ["Observers for the Valdoria Monitor"]),
])
def test_a_figure_after_a_colon_is_the_account_its_subject_gives(extractor, text, expected):
    assert _names(the_claim(extractor, text)) == expected


@pytest.mark.parametrize("text", [
    "The weather was hot: 3,000 people marched to the square.",
    "The city has a long history of unrest: in 2019, 15 people were killed there.",
    "Nobody kept a list of the victims; 23 protesters were killed in the first week.",  # no colon
])
def test_a_colon_after_no_account_gives_no_sayer(extractor, text):
    assert _names(the_claim(extractor, text)) == []


def test_a_pronoun_after_an_account_is_the_sayer_named_before(extractor):
    text = ("Radio Valdor [fr], a station in the north, reports that the curfew was extended. "
            "They also keep a timeline of the unrest: more than 14 people have been detained.")
    assert _names(the_claim(extractor, text)) == ["Radio Valdor"]


@pytest.mark.parametrize("mark", ["[fr]", "[3]", "(fr)"])
def test_a_mark_after_a_sayers_name_keeps_it_a_sayer(extractor, mark):
    # a language tag or a reference mark between a name and its verb: the name is still
    # the sayer a later "they" means
    text = (f"The clinic director spoke first. Radio Valdor {mark} reported that roads were closed. "
            "They said 9 people were killed.")
    assert _names(the_claim(extractor, text)) == ["Radio Valdor"]


# --- reports that a sayer calls to be looked into --------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Human Rights Watch urged the authorities to investigate reports that 12 detainees had died in custody.",
     ["Human Rights Watch"]),
    ("The UN human rights office called for an inquiry into reports that 30 protesters were killed in the north.",
     ["UN human rights office"]),
    ("The opposition demanded an investigation into claims that 50 students had been arrested.", ["opposition"]),
    ("The government dismissed reports that 12 detainees had died in custody.", []),  # denies, relays nothing
    ("Police denied claims that 50 students had been arrested.", []),
    # "reports" as a source, not reports that a call is about
    ("A rally on Friday, which according to unconfirmed reports brought together some 12,000 people, "
     "demanded that the government resign.", []),
])
def test_who_calls_for_reports_to_be_looked_into_relays_them(extractor, text, expected):
    assert _names(the_claim(extractor, text)) == expected


# --- one-word names the article titles as people ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The Valdoria Monitor said police had arrested activists. President Novak met the envoy on Monday. "
     "Novak said the talks went well. The group said 40 people were detained.", ["Valdoria Monitor"]),
    ("The rights group Civic Watch reported new arrests. Minister Petrov said the streets were calm. "
     "The organization said 25 people were detained overnight.", ["Civic Watch"]),
    ("Radio Valdor reported that roads were closed. Blogger Kasim reported on his blog that the square "
     "was full. They said 9 people were killed.", ["Radio Valdor"]),
])
def test_a_description_or_they_skips_a_titled_person(extractor, text, expected):
    # "the group", "the organization", "they" mean the nearest organisation; a one-word
    # name the article titles as a person ("President Novak", "blogger Kasim") is none
    assert _names(the_claim(extractor, text)) == expected
