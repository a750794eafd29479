"""An event's type follows from the words of its claims' sentences (and the sentence
before), never from the categories alone; the deciding words are kept as evidence.
Sentences here are made up for the tests."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.events import build_events
from claimledger.events.evidence import claim_kind, clause, neighbour
from claimledger.events.typology import acled, compatible, event_type
from claimledger.model import Claim, Place, When


def told(sentence: str, span: str, category: str, value: int = 0, article: str = "a",
         at: int = 0, day: str = "2021-05-04", place=("Kenya", "KE")) -> Claim:
    """A claim of ``span`` (its first occurrence) in ``sentence``, which starts at ``at``."""
    start = at + sentence.index(span)
    when = When(date.fromisoformat(day), date.fromisoformat(day), "on Tuesday")
    return Claim(article, category, value, value, value, "exact", span, start, start + len(span),
                 sentence + " on Tuesday", at, when=when, where=Place(*place))


@pytest.mark.parametrize("sentence, span, category, expected", [
    ("More than 3,000 people have died of the virus since March as protesters demanded help",
     "More than 3,000", "died", "other"),
    ("Rights groups counted 150 executions during the year", "150", "killed", "other"),
    ("Gunmen raided a village market and killed 23 people", "23", "killed", "violence_against_civilians"),
    ("Insurgents attacked a checkpoint, killing 9 police officers", "9", "killed", "armed_clash"),
    ("Rebels ambushed a convoy on the highway, killing 7 soldiers", "7", "killed", "armed_clash"),
    ("Heavy fighting between the army and separatists left 20 dead", "20", "killed", "armed_clash"),
    ("Unknown men attacked a church in the east and killed 5 worshippers", "5", "killed",
     "violence_against_civilians"),
    ("Police attacked the sit-in and 5 protesters were killed", "5", "killed", "protest_excessive_force"),
    ("Police launched a fresh attack on the campus, arresting 9 students", "9", "arrested", "arrests"),
    ("Armed men attacked the sit-in and killed 11 protesters", "11", "killed", "protest_excessive_force"),
    ("At least 40 activists have disappeared since the vote", "At least 40", "disappeared",
     "violence_against_civilians"),
    ("Police detained 200 opposition members in night raids across the country", "200", "arrested",
     "arrests"),
    ("A judge sentenced 12 students who joined the rallies to prison", "12", "sentenced", "arrests"),
    ("Police fired tear gas at 500 demonstrators outside parliament", "500", "participants",
     "protest_intervention"),
    ("Soldiers opened fire on the march and killed 7 people", "7", "killed", "protest_excessive_force"),
    ("Rioters torched cars as 2,000 people marched through the port", "2,000", "participants", "riot"),
    ("Two men died in custody after the crackdown on the sit-in", "Two", "died",
     "violence_against_civilians"),
    ("Supporters of two rival parties fought in a brawl that left 6 people injured", "6", "injured",
     "riot"),
    ("5 people were killed", "5", "killed", "violence_against_civilians"),
    ("Nine people were hurt and dozens treated for tear gas during the disturbances", "Nine", "injured",
     "protest_intervention"),
    ("Soldiers killed 6 farmers in March 2020", "6", "killed", "violence_against_civilians"),
    ("Since March, 6 people were killed in the north", "6", "killed", "violence_against_civilians"),
    ("The March drew 6,000 people to the square", "6,000", "participants", "protest_peaceful"),
    ("Police arrested 30 people protesting the coronavirus lockdown", "30", "arrested",
     "protest_intervention"),
    ("Security forces summarily executed 12 villagers", "12", "killed", "violence_against_civilians"),
    ("Rights groups documented 20 extrajudicial executions by the police", "20", "killed",
     "violence_against_civilians"),
    ("The authorities continued to detain 700 people who had joined the marches, without charge",
     "700", "arrested", "arrests"),
    ("Police detained 700 people who had joined the marches", "700", "arrested", "protest_intervention"),
    ("Three detainees died in the central prison after the rallies", "Three", "died",
     "violence_against_civilians"),
    ("Protesters killed 2 police officers and burned a militia base", "2", "killed", "riot"),
    ("4 people died on Tuesday", "4", "died", "other"),
])
def test_the_words_decide_the_type(sentence, span, category, expected):
    assert event_type([told(sentence, span, category)]) == expected


def test_a_claim_without_words_takes_the_protest_of_the_sentence_before():
    text = "Thousands of nurses marched on the ministry. Police detained 120 of them."
    second = text.index("Police")
    held = told(text[second:], "120", "arrested", 120, at=second)
    assert neighbour(text, second) == "Thousands of nurses marched on the ministry."
    assert claim_kind(held, neighbour(text, second)).group == "protest"
    events = build_events([held], {"a": text}.get)
    assert events[0].type == "protest_intervention"
    assert events[0].evidence == ("marched", "arrested")  # the neighbour's word, the category
    assert build_events([held])[0].type == "arrests"  # without the text: no protest told


def test_the_sentence_before_tells_an_attack_only_to_a_toll():
    text = "Militants attacked a police station on Saturday. A court sentenced 2 protesters to death."
    second = text.index("A court")
    sentence = told(text[second:], "2", "sentenced", 2, at=second)
    assert claim_kind(sentence, neighbour(text, second)).group == "arrests"
    text = "Militants attacked a police station on Saturday. Officials said 3 officers died."
    second = text.index("Officials")
    toll = told(text[second:], "3", "died", 3, at=second)
    assert claim_kind(toll, neighbour(text, second)).group == "conflict"


def test_each_clause_tells_its_own_happening():
    sentence = "Troops shot 12 marchers, while 30 students remain missing"
    shot, missing = told(sentence, "12", "killed", 12), told(sentence, "30", "participants", 30)
    assert clause(missing).strip() == "30 students remain missing on Tuesday"
    events = build_events([shot, missing])
    assert sorted(e.type for e in events) == ["protest_excessive_force", "violence_against_civilians"]


def test_one_day_and_country_do_not_merge_different_happenings():
    a = told("Gunmen killed 14 villagers in an ambush", "14", "killed", 14, article="a")
    b = told("Police used tear gas on 3,000 protesters in the capital", "3,000", "participants", 3000,
             article="b")
    c = told("1,000 people rallied in the capital against the budget", "1,000", "participants", 1000,
             article="c")
    events = build_events([a, b, c])
    assert len(events) == 2
    assert {e.type for e in events} == {"violence_against_civilians", "protest_intervention"}
    assert not compatible("violence_against_civilians", "protest_excessive_force")


def test_an_attack_and_deaths_in_custody_told_together_are_two_events():
    text = ("On May 2, gunmen shot 5 members of a family in their home. "
            "At least 15 detainees died in custody after torture.")
    second = text.index("At least")
    shot = told(text[:second].strip(), "5", "killed", 5)
    custody = told(text[second:], "At least 15", "died", 15, at=second)
    events = build_events([shot, custody], {"a": text}.get)
    assert len(events) == 2 and {e.type for e in events} == {"violence_against_civilians"}


def test_deaths_in_custody_and_an_attack_of_one_day_in_two_articles_stay_apart():
    custody = told("On May 2, 5 detainees died in custody in the capital", "5", "died", 5, article="a")
    attack = told("On May 2, gunmen killed 12 villagers in the east", "12", "killed", 12, article="b")
    assert len(build_events([custody, attack])) == 2


def test_an_execution_told_as_a_sentence_is_other():
    assert event_type([told("The state executed 12 persons convicted of smuggling", "12", "sentenced")]) == "other"


def test_words_choose_acleds_sub_type():
    assert acled("violence_against_civilians", ["disappeared"]) == (
        "Violence against civilians", "Abduction/forced disappearance")
    assert acled("violence_against_civilians", ["gunmen"]) == ("Violence against civilians", "Attack")
    assert acled("riot", ["brawl"]) == ("Riots", "Mob violence")
    assert acled("armed_clash") == ("Battles", "Armed clash")
    assert acled("other") == ("Strategic developments", "Other")


def test_riot_police_is_no_riot():
    claim = told("Riot police watched as 300 people marched peacefully", "300", "participants")
    assert event_type([claim]) == "protest_peaceful"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from claimledger.store import open_store
    if request.param == "sqlite":
        with open_store(tmp_path / "ledger.db") as opened:
            yield opened
        return
    from postgres_server import fresh_schema, server_url
    with fresh_schema(server_url()) as url, open_store(url) as opened:
        yield opened


def test_both_stores_keep_the_evidence(store):
    from claimledger.events import rebuild
    from claimledger.model import Article
    text = "Thousands of nurses marched on the ministry. Police detained 120 of them."
    store.put_article(Article("a", text, date(2021, 5, 4)))
    second = text.index("Police")
    store.replace_claims("a", [told(text[second:], "120", "arrested", 120, at=second)])
    assert rebuild(store) == 1
    (event,) = store.events()
    assert event.type == "protest_intervention"
    assert event.evidence == ("marched", "arrested")


def test_a_towns_toll_beside_the_nations_is_its_part_unless_it_counts_the_same():
    def at(article, span, value, sentence, place, start, end, low=None, high=None):
        c = told(sentence, span, "killed", value, article=article, place=place)
        when = When(date.fromisoformat(start), date.fromisoformat(end), "since Friday")
        return Claim(c.article, c.category, value, low if low is not None else value, high, "at_least",
                     span, c.start, c.end, c.sentence, 0, when=when, where=c.where)
    nation = at("a", "at least 60", 60, "Marches across the country have left at least 60 dead since Friday",
                ("Chad", "TD"), "2022-10-20", "2022-10-23", 60)
    town = at("a", "At least 4", 4, "At least 4 marchers were killed in Moundou on Sunday",
              ("Moundou", "TD"), "2022-10-23", "2022-10-23", 4)
    events = build_events([nation, town])
    (wave,) = [e for e in events if e.parent is None]
    (part,) = [e for e in events if e.parent == wave.id]
    assert part.where.name == "Moundou"
    alike = at("a", "62", 62, "Rights groups counted 62 marchers killed in Moundou on Sunday",
               ("Moundou", "TD"), "2022-10-23", "2022-10-23", 62, 62)
    assert len(build_events([nation, alike])) == 1  # 60 nationwide, 62 in the town: one happening
