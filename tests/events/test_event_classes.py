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
    # people who took part in protests, counted as defendants: a court's doing, not a crowd
    ("Prosecutors said 14 students who joined the marches had been charged with rioting",
     "14", "participants", "arrests"),
    ("Rights groups named 20 protesters at risk of execution after the unrest", "20",
     "participants", "arrests"),
    ("Thousands rallied outside the court where 12 activists were being tried", "Thousands",
     "participants", "protest_peaceful"),
    # the hurt of both sides of a protest, no one killed: a fight, a violent demonstration
    ("Dozens of protesters and police officers alike were injured at the rally on Tuesday",
     "Dozens", "injured", "riot"),
    ("Scores were hurt on both sides as the march reached the square on Tuesday", "Scores",
     "injured", "riot"),
    ("Dozens of protesters were injured when police charged the march on Tuesday", "Dozens",
     "injured", "protest_intervention"),
    # "X came after Y": X is another happening than the Y the claim counts
    ("Yesterday's clashes came after a cleric inspired 5,000 people to march on Friday", "5,000",
     "participants", "protest_peaceful"),
    ("Police fired tear gas after 5,000 people marched on Friday", "5,000", "participants",
     "protest_intervention"),
    # organizers detained: an arrest of the people who organize, not a crowd met with force
    ("Police said 6 organizers of the transport strike had been detained at their homes "
     "as workers rallied", "6", "arrested", "arrests"),
    ("Police detained 300 marchers as workers rallied on Tuesday", "300", "arrested",
     "protest_intervention"),
    ("Authorities arrested 25 people accused of organizing the protests", "25", "arrested", "arrests"),
    # a crowd recalling a happening: the happening recalled does not type the crowd
    ("On Sunday 20,000 marchers commemorated the anniversary of the army crackdown", "20,000",
     "participants", "protest_peaceful"),
    # fights between rival groups: mob violence, a riot
    ("Clashes between rival supporters left 4 people injured on Tuesday", "4", "injured", "riot"),
    # blades are lethal weapons: protesters stabbed suffer excessive force
    ("Masked men stabbed 2 protesters at the sit-in on Tuesday", "2", "injured",
     "protest_excessive_force"),
])
def test_the_words_of_a_class_decide_the_type(sentence, span, category, expected):
    assert event_type([told(sentence, span, category)]) == expected


def _second_sentence_claim(text: str, span: str, category: str, day, when_text: str) -> list:
    second = text.index(". ") + 2
    return build_events([told(text[second:], span, category, 3, at=second, day=day,
                              when_text=when_text)], {"a": text}.get)


@pytest.mark.parametrize("year, expected", [
    ("2021", "violence_against_civilians"), ("2019", "protest_excessive_force")])
def test_protests_of_an_earlier_year_before_do_not_type_a_later_toll(year, expected):
    """The sentence before tells of protests in 2019: deaths in 2021 are not of them."""
    text = (f"After the disputed 2019 vote, the police violently broke up the marches. "
            f"Three people died of police abuse in {year}.")
    events = _second_sentence_claim(text, "Three", "killed", (f"{year}-01-01", f"{year}-12-31"),
                                    f"in {year}")
    assert [e.type for e in events] == [expected]


def test_a_count_that_looks_like_a_year_is_no_year():
    """"About 2000 people marched" names no year: the toll after it is the march's."""
    text = "About 2000 people marched through the city. Three people died in 2021."
    events = _second_sentence_claim(text, "Three", "killed", ("2021-01-01", "2021-12-31"), "in 2021")
    assert [e.type for e in events] == ["protest_excessive_force"]


def test_a_year_recalled_beside_the_storys_own_day_keeps_the_protest():
    """"On March 3 ... the anniversary of the 2019 crackdown": the story's own day."""
    text = ("On March 3, students gathered to mark the anniversary of the 2019 crackdown. "
            "Police detained 40 of them.")
    events = _second_sentence_claim(text, "40", "arrested", "2021-03-03", "March 3")
    assert [e.type for e in events] == ["protest_intervention"]


def test_sentences_and_defendants_of_a_protest_are_arrests_together():
    text = ("A court sentenced 4 protesters to prison on Tuesday. Another 9 who took part in "
            "the protests were being tried on charges of sedition.")
    second = text.index("Another")
    claims = [told(text[:second - 1], "4", "sentenced", 4),
              told(text[second:], "9", "participants", 9, at=second)]
    assert [e.type for e in build_events(claims, {"a": text}.get)] == ["arrests"]


def test_an_arrest_in_another_town_does_not_join_the_protest_of_the_capital():
    text = ("Students gathered outside the university in Nairobi on Tuesday and police detained "
            "30 of them. Officers searched their bags. Two reporters were detained in Nairobi "
            "and one in Mombasa.")
    second = text.index("Two")
    claims = [told(text[:text.index("Officers") - 1], "30", "arrested", 30, place=("Nairobi", "KE")),
              told(text[second:], "Two", "arrested", 2, at=second, place=("Nairobi", "KE")),
              told(text[second:], "one", "arrested", 1, at=second, place=("Mombasa", "KE"))]
    events = build_events(claims, {"a": text}.get)
    assert sorted((e.where.name, e.type, len(e.claims)) for e in events) == [
        ("Mombasa", "arrests", 1), ("Nairobi", "protest_intervention", 2)]
    # a protest told country-wide covers every town's arrests
    wide = [told(text[:text.index("Officers") - 1], "30", "arrested", 30), claims[2]]
    assert {e.type for e in build_events(wide, {"a": text}.get)} == {"protest_intervention"}


def test_a_towns_toll_without_a_date_of_its_own_is_of_the_day_its_story_tells():
    """"At least two have been killed in Kisumu", told among Wednesday's news, is
    Wednesday's: the same town's Wednesday in another article is the same happening."""
    day = "2021-05-05"
    a = ("Several protesters were killed across Kenya on Wednesday. Reuters says at least two "
         "people have been killed in Kisumu. Four died in Mombasa on Wednesday.")
    b = "In Kisumu, police chased 1,000 students with tear gas on Wednesday."
    s2, s3 = a.index("Reuters"), a.index("Four")
    claims = [told(a[:s2 - 1], "Several", "killed", None, day=day, when_text="on Wednesday"),
              told(a[s2:s3 - 1], "at least two", "killed", 2, at=s2, day=(None, day),
                   when_text="(up to publication)", place=("Kisumu", "KE")),
              told(a[s3:], "Four", "killed", 4, at=s3, day=day, when_text="on Wednesday",
                   place=("Mombasa", "KE")),
              told(b, "1,000", "participants", 1000, article="b", day=day,
                   when_text="on Wednesday", place=("Kisumu", "KE"))]
    events = build_events(claims, {"a": a, "b": b}.get)
    kisumu = [e for e in events if e.where.name == "Kisumu"]
    assert len(kisumu) == 1 and len(kisumu[0].claims) == 2
    assert kisumu[0].type == "protest_excessive_force"


def test_a_day_earlier_is_another_happening_than_the_storys_day():
    """"A day earlier, police dispersed a sit-in. One youth was shot.": Sunday's, not
    Monday's, though the claim stands right after Monday's and a day apart."""
    text = ("Police fired tear gas at protesters in several towns on Monday. A day earlier, "
            "police dispersed a sit-in in a village. One youth was shot.")
    s3 = text.index("One")
    claims = [told(text[:text.index("A day") - 1], "several", "protest_sites", None,
                   day="2021-05-03", when_text="on Monday"),
              told(text[s3:], "One", "injured", 1, at=s3, day="2021-05-02",
                   when_text="A day earlier")]
    events = build_events(claims, {"a": text}.get)
    assert sorted((str(e.when.start), len(e.claims)) for e in events) == [
        ("2021-05-02", 1), ("2021-05-03", 1)]


@pytest.mark.parametrize("before, expected", [
    ("Police fired tear gas and rubber bullets to disperse the marchers.", "protest_intervention"),
    ("On May 3, police fired tear gas to disperse a march.", "protest_peaceful"),  # another day
    ("The marchers sang and waved flags.", "protest_peaceful"),
])
def test_the_sentence_before_tells_how_a_protest_was_met(before, expected):
    text = before + " Crowds of 3,000 gathered in several towns on Tuesday."
    second = len(before) + 1
    claim = told(text[second:], "3,000", "participants", 3000, at=second)
    assert [e.type for e in build_events([claim], {"a": text}.get)] == [expected]


@pytest.mark.parametrize("year, events", [("2019", 1), ("2021", 2)])
def test_a_wave_that_began_in_a_year_holds_that_years_toll(year, events):
    """"Protests that began in 2019" (no end told) and "591 protesters were killed from
    October 2019", in one report: one wave; a toll two years on is not its own."""
    text = (f"Large protests began in 2019 in several provinces. In October {year}, 591 "
            f"protesters were killed.")
    second = text.index("In October")
    claims = [told(text[:second - 1], "several", "protest_sites", None, day=("2019-01-01", None),
                   when_text="began in 2019"),
              told(text[second:], "591", "killed", 591, at=second,
                   day=(f"{year}-10-01", f"{year}-10-31"), when_text=f"In October {year}")]
    found = build_events(claims, {"a": text}.get)
    assert len(found) == events
    assert found[0].type == "protest_excessive_force" or events == 2


def test_the_days_of_one_sit_in_are_one_protest_but_not_its_march_or_its_break_up():
    sentences = [
        ("Thousands have camped at the gates of the ministry since Monday.", "Thousands",
         "participants", "2021-05-03"),
        ("On Thursday, 20,000 people gathered for the largest march yet.", "20,000", "participants",
         "2021-05-06"),
        ("A week on, thousands are still camped out at the gates.", "thousands", "participants",
         "2021-05-10"),
        ("On May 20 soldiers stormed the sit-in and opened fire, killing 12.", "12", "killed",
         "2021-05-20"),
    ]
    text, claims = "", []
    for sentence, span, category, day in sentences:
        at = len(text)
        text += sentence + " "
        claims.append(told(sentence, span, category, 1, at=at, day=day, when_text=sentence.split()[1],
                           place=("Nairobi", "KE")))
    events = build_events(claims, {"a": text}.get)
    held = sorted(sorted(c.span for c in e.claims) for e in events)
    assert held == [["12"], ["20,000"], ["Thousands", "thousands"]]


@pytest.mark.parametrize("opening, parts", [
    ("In one incident in the town of Kisumu, police", 2),  # an instance: the wave and its part
    ("In the town of Kisumu, police", 1),  # the town's story, told country-wide and there
])
def test_one_incident_of_a_countrywide_toll_is_its_part(opening, parts):
    text = (f"Security forces killed 150 protesters across the country on Tuesday. {opening} "
            f"shot 40 protesters on Tuesday.")
    second = text.index(opening)
    claims = [told(text[:second - 1], "150", "killed", 150),
              told(text[second:], "40", "killed", 40, at=second, place=("Kisumu", "KE"))]
    events = build_events(claims, {"a": text}.get)
    assert len(events) == parts
    if parts == 2:
        wave, part = events
        assert (wave.where.name, part.where.name, part.parent) == ("Kenya", "Kisumu", wave.id)


def test_some_of_those_counted_before_are_of_the_same_happening():
    """"Two of those deaths were in the capital's prison", a paragraph on and placed in
    the capital: the deaths told before, not a happening of its own."""
    first = "Rights groups say at least five detainees have died in custody over the past two weeks."
    filler = " The government denies any abuse and says it will investigate the reports." * 12
    last = " Two of those deaths were in the central prison of Nairobi."
    text = first + filler + last
    at = text.index("Two of")
    claims = [told(first, "at least five", "killed", 5, day=("2021-05-01", "2021-05-14"),
                   when_text="over the past two weeks"),
              told(last.strip(), "Two", "killed", 2, at=at, day="2021-05-10", when_text="Monday",
                   place=("Nairobi", "KE"))]
    events = build_events(claims, {"a": text}.get)
    assert [(e.type, len(e.claims)) for e in events] == [("violence_against_civilians", 2)]


@pytest.mark.parametrize("later, verb, events", [
    ("2021-05-10", "have been arrested", 1), ("2021-05-30", "have been arrested", 2),
    ("2021-05-10", "were arrested", 2),  # no time told at all: no tally so far
])
def test_countrywide_tallies_so_far_a_week_apart_count_one_wave(later, verb, events):
    a = "At least 21 people have died in the unrest, and hundreds have been arrested."
    b = f"About 3,700 people {verb} in the anti-government protests."
    claims = [told(a, "At least 21", "killed", 21, day=(None, "2021-05-04"),
                   when_text="(up to publication)"),
              told(b, "About 3,700", "arrested", 3700, article="b", day=(None, later),
                   when_text="(up to publication)")]
    assert len(build_events(claims, {"a": a, "b": b}.get)) == events


def test_arrests_for_the_deaths_told_are_of_the_deaths_happening():
    first = "Five protesters were killed by the police during the unrest in October."
    second = " Three officers were arrested in connection with the deaths, as of November."
    text = first + second
    at = text.index("Three")
    claims = [told(first, "Five", "killed", 5, day=("2021-10-01", "2021-10-31"),
                   when_text="in October"),
              told(second.strip(), "Three", "arrested", 3, at=at, day=(None, "2021-11-30"),
                   when_text="as of November")]
    events = build_events(claims, {"a": text}.get)
    assert [(e.type, len(e.claims)) for e in events] == [("protest_excessive_force", 2)]


@pytest.mark.parametrize("crowd, types", [
    ("20,000 people commemorated the anniversary of the army crackdown in the capital",
     ["protest_peaceful", "violence_against_civilians"]),  # the toll is of the crackdown recalled
    ("20,000 people filled the capital", ["protest_excessive_force"]),
])
def test_a_toll_beside_a_commemoration_is_of_the_happening_recalled(crowd, types):
    first = f"On Sunday {crowd}."
    second = " Soldiers laid siege to the city and 91 people died."
    text = first + second
    claims = [told(first, "20,000", "participants", 20000, day="2021-05-09", when_text="On Sunday"),
              told(second.strip(), "91", "killed", 91, at=text.index("Soldiers"), day="2021-05-09",
                   when_text="(up to publication)")]
    assert sorted(e.type for e in build_events(claims, {"a": text}.get)) == sorted(types)


def test_a_crowd_told_as_peaceful_takes_nothing_from_the_sentence_before():
    text = "Clashes erupted in the north. In the capital, 3,000 people marched peacefully."
    second = text.index("In the")
    claim = told(text[second:], "3,000", "participants", 3000, at=second)
    assert [e.type for e in build_events([claim], {"a": text}.get)] == ["protest_peaceful"]
