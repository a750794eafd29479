"""What is counted (issue 16, part 2): which numbers become claims, and of which
category. Sentences are our own, in the wordings of wire notes and report prose,
cased and lower-cased; negatives say what must not become a claim."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.model import Article


def found(extractor, text: str) -> list[tuple[str, str]]:
    """(category, span) of every claim extracted from one sentence."""
    art = Article(id="t", text=text, published=date(2024, 5, 2))
    return [(c.category, c.span) for c in extractor.extract([art])["t"]]


def categories_of(extractor, text: str) -> dict[str, str]:
    return {span: cat for cat, span in found(extractor, text)}


# -- tolls as nouns: the number is the value of a tally --------------------------------

@pytest.mark.parametrize("text, category, span", [
    ("Human Rights Watch said the death toll was at least 34.", "killed", "at least 34"),
    ("the death toll stood at 17 on tuesday, a hospital official said.", "killed", "17"),
    ("The toll has climbed to 58, according to the opposition.", "killed", "58"),
    ("the number of detainees has reached 2,400, the lawyers' union said.", "arrested", "2,400"),
    ("The number of arrested students rose to nearly 300 by Sunday.", "arrested", "nearly 300"),
    ("officials said the number of people injured had risen to 412.", "injured", "412"),
    ("The interior ministry put the number of arrests at 950.", "arrested", "950"),
    ("casualties stood at 73 after the second night of clashes.", "killed", "73"),
    ("Medics put the toll at 26.", "killed", "26"),
])
def test_a_toll_as_a_noun_gives_its_value_as_a_claim(extractor, text, category, span):
    assert (category, span) in found(extractor, text)


@pytest.mark.parametrize("text, spans", [
    ("The number of protesters killed by the police increased from 44 to 61.", ("44", "61")),
    ("the monitor reported a rise in deaths in custody from 9 to 15.", ("9", "15")),
    ("The group counted 120 deaths, up from 85 a month before.", ("120",)),
])
def test_both_ends_of_a_change_in_a_toll_are_claims(extractor, text, spans):
    cats = categories_of(extractor, text)
    for span in spans:
        assert cats.get(span) == "killed", cats


@pytest.mark.parametrize("text", [
    "The number of schools closed rose to 40.",
    "the total reached 300 million dollars.",
    "The figure was 12 percent, the ministry said.",
])
def test_a_tally_of_things_that_are_not_people_is_no_claim(extractor, text):
    assert found(extractor, text) == []


# -- lists of counted groups and parts of totals --------------------------------------

@pytest.mark.parametrize("text, category, spans", [
    ("The dead included nine students, three nurses and a shopkeeper's two sons.",
     "killed", ("nine", "three", "two")),
    ("those detained included 14 lawyers and 6 journalists, the group said.", "arrested", ("14", "6")),
    ("The wounded include 22 children and 5 elderly women.", "injured", ("22", "5")),
])
def test_a_list_of_groups_takes_the_category_of_what_governs_it(extractor, text, category, spans):
    cats = categories_of(extractor, text)
    assert all(cats.get(s) == category for s in spans), cats


@pytest.mark.parametrize("text, total, part, category", [
    ("Police detained 260 people, including 31 reporters.", "260", "31", "arrested"),
    ("the number of people detained reached 700, including 45 minors.", "700", "45", "arrested"),
    ("Security forces arrested activists across the country, including more than 90 students.",
     None, "more than 90", "arrested"),
])
def test_a_part_of_a_total_after_including_is_a_claim_of_the_same_category(extractor, text, total, part, category):
    cats = categories_of(extractor, text)
    assert cats.get(part) == category, cats
    if total:
        assert cats.get(total) == category, cats


# -- each number takes the category of its own verb ------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Police arrested 80 students, and a court sentenced 12 of the organisers.",
     {"80": "arrested"}),
    ("security forces detained more than 40 people and a judge convicted at least 9.",
     {"more than 40": "arrested", "at least 9": "sentenced"}),
    ("Troops killed 7 demonstrators, while riot police arrested 65 others.",
     {"7": "killed", "65": "arrested"}),
])
def test_coordinated_clauses_keep_their_own_verbs(extractor, text, expected):
    cats = categories_of(extractor, text)
    for span, cat in expected.items():
        assert cats.get(span) == cat, cats


def test_shot_and_killed_share_one_object(extractor):
    assert categories_of(extractor, "Soldiers shot and killed 11 villagers.") == {"11": "killed"}


@pytest.mark.parametrize("text, span", [
    ("Rights groups said 23 people were killed, up from the 15 reported killed on Friday.", "15"),
    ("at least 30 miners were feared dead after the police raid on the camp.", "at least 30"),
])
def test_reported_killed_and_feared_dead_are_killed(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "killed"


# -- sayers are not crowds; "one of" names someone ------------------------------------

@pytest.mark.parametrize("text", [
    "Three students told the Guardian that the police had fired on them.",
    "\"we will come back tomorrow,\" one protester said.",
    "two marchers and a nurse said troops opened fire on the square.",
    "According to four demonstrators, the rally was peaceful.",
])
def test_a_count_of_sayers_is_no_claim(extractor, text):
    assert found(extractor, text) == []


def test_a_victim_count_before_its_sayers_is_kept(extractor):
    text = "troops opened fire on the march, killing at least 6 people, residents and activists said."
    assert ("killed", "at least 6") in found(extractor, text)


@pytest.mark.parametrize("text", [
    "She was one of the organisers of the protest.",
    "the rally was held in kazan, one of the largest cities in the region.",
    "He became one of dozens of protesters to have been detained this week.",
])
def test_one_of_a_group_is_no_count(extractor, text):
    assert all(span.lower() != "one" for _, span in found(extractor, text))


@pytest.mark.parametrize("text", [
    "A roadside bomb exploded near the police post, killing 9 and wounding 30.",
    "the gunmen attacked a wedding with a suicide vest, killing 23.",
])
def test_a_bomb_kills_it_does_not_cause_deaths_by_disease(extractor, text):
    cats = [c for c, _ in found(extractor, text)]
    assert "killed" in cats and "died" not in cats


def test_death_of_disease_is_still_died(extractor):
    assert ("died", "12") in found(extractor, "In the camp, 12 detainees died of cholera.")


# -- parts of totals; attempts are not victims -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Medics said 60 were injured, 22 of them by rubber bullets.", {"60": "injured", "22": "injured"}),
    ("police detained 85 people on saturday, 19 of whom were minors.", {"85": "arrested", "19": "arrested"}),
    ("The army shot dead 31 villagers, 8 of them children.", {"31": "killed", "8": "killed"}),
])
def test_a_part_of_a_total_takes_the_total_category(extractor, text, expected):
    cats = categories_of(extractor, text)
    for span, cat in expected.items():
        assert cats.get(span) == cat, cats


@pytest.mark.parametrize("text, absent", [
    ("The monitor recorded 40 attempted murders of journalists.", "40"),
    ("police said they foiled 12 planned attacks on protesters.", "12"),
])
def test_attempts_are_not_victims(extractor, text, absent):
    assert absent not in categories_of(extractor, text)


def test_a_part_of_attempted_killings_that_were_carried_out_is_killed(extractor):
    cats = categories_of(extractor, "The commission listed 50 attempted assassinations of activists, 21 of which succeeded.")
    assert "50" not in cats and cats.get("21") == "killed", cats


# -- verbs and idioms of report prose --------------------------------------------------

@pytest.mark.parametrize("text, category, span", [
    ("At least 17 people lost their lives when troops opened fire on the march.", "killed", "At least 17"),
    ("nine lives were lost in the crackdown on sunday.", "killed", "nine"),
    ("The commission said 33 demonstrators were still missing a month later.", "disappeared", "33"),
    ("hundreds of those detained during the strike remain in prison.", "arrested", "hundreds"),
    ("the crowds, which have numbered in the tens of thousands, returned on friday.", "participants",
     "in the tens of thousands"),
    ("thousands are still camped outside the parliament building.", "participants", "thousands"),
])
def test_report_prose_verbs(extractor, text, category, span):
    assert categories_of(extractor, text).get(span) == category


# -- crowds: headlines, participles, weapons used on crowds ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("7 Dead as Thousands March in Khartoum", {"7": "killed", "Thousands": "participants"}),
    ("Hundreds Rally in Yerevan as Police Detain 30 Protesters", {"Hundreds": "participants", "30": "arrested"}),
    ("Opposition Leader: 1,200 Detained in Weekend Protests", {"1,200": "arrested"}),
])
def test_title_cased_headlines(extractor, text, expected):
    assert categories_of(extractor, text) == expected


@pytest.mark.parametrize("text, span", [
    ("Riot police fired rubber bullets to disperse hundreds of Georgians marching on parliament.", "hundreds"),
    ("troops chased about 600 workers and students with tear gas near the port.", "about 600"),
    ("police used water cannon on some 2,000 people outside the court.", "some 2,000"),
])
def test_people_met_with_crowd_weapons_are_participants(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "participants"


@pytest.mark.parametrize("text, span", [
    ("Witnesses said police fired tear gas in several neighbourhoods of the capital.", "several"),
    ("security forces used live ammunition in at least five towns, residents said.", "at least five"),
])
def test_places_where_crowds_were_met_with_force_are_protest_sites(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "protest_sites"


@pytest.mark.parametrize("text", [
    "workers gathered near several of the factories on tuesday to support the strike.",
    "The company said 20 state-owned factories had closed during the strike.",
    "the ministry opened 14 new schools in the region last year.",
])
def test_counted_things_that_are_not_people_are_no_claim(extractor, text):
    assert all(cat not in ("participants", "killed", "arrested") for cat, _ in found(extractor, text))


def test_a_single_person_is_no_crowd(extractor):
    assert found(extractor, "1 angry over the verdict, students marched to the court on monday.") == []


def test_a_month_after_a_vague_number_is_no_date(extractor):
    assert ("participants", "Thousands") in found(extractor, "Thousands March Against the Coup")
    assert ("arrested", "40") in found(extractor, "on 12 march 40 people were arrested in the capital.")


def test_fined_is_sentenced(extractor):
    assert categories_of(extractor, "A court fined 14 protesters for taking part in the march.").get("14") == "sentenced"


# -- changes, crowds measured, partitives ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Officials reported 40 arrests on Monday, down from 65 a day earlier.", {"40": "arrested", "65": "arrested"}),
    ("the monitor counted 210 deaths, up from 180 a week before.", {"210": "killed", "180": "killed"}),
    ("Police said 33 protesters were wounded, up from 20 on Friday.", {"33": "injured", "20": "injured"}),
])
def test_up_from_and_down_from_count_the_same_thing(extractor, text, expected):
    cats = categories_of(extractor, text)
    for span, cat in expected.items():
        assert cats.get(span) == cat, cats


@pytest.mark.parametrize("text, span", [
    ("The crowd was estimated at 12,000 by organisers.", "12,000"),
    ("the crowd swelled to more than 40,000 by nightfall.", "more than 40,000"),
    ("Police put the size of the crowd at 7,500.", "7,500"),
])
def test_the_size_of_a_crowd_is_participants(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "participants"


def test_a_toll_from_a_disaster_is_died(extractor):
    assert categories_of(extractor, "The death toll from the floods rose to 130.").get("130") == "died"


@pytest.mark.parametrize("text, span, category", [
    ("She is one of 14 journalists to be detained this month.", "14", "arrested"),
    ("the student was one of at least nine protesters to have been shot dead in the city.", "at least nine", "killed"),
])
def test_one_of_n_to_have_been_is_a_claim_about_the_n(extractor, text, span, category):
    cats = categories_of(extractor, text)
    assert cats.get(span) == category and "one" not in {s.lower() for s in cats}, cats


# -- crowds named by who they are; not crowds ------------------------------------------

@pytest.mark.parametrize("text, span", [
    ("thousands of hungarians marched through the capital against the new labour law.", "thousands"),
    ("several hundred followers of the jailed preacher took to the streets of the port city.", "several hundred"),
    ("about 300 nuns from the convent marched to the district office.", "about 300"),
    ("a further 2,000 pupils took part in an after school rally.", "2,000"),
    ("some 800 loyalists of the former governor blocked the highway, witnesses said.", "some 800"),
    ("Thousands of Croats rallied in Zagreb, police said.", "Thousands"),
    ("hundreds of shopkeepers shouted slogans outside the tax office.", "hundreds"),
    ("they came from every province, marching in the hundreds behind their banners.", "in the hundreds"),
    ("thousands of villagers gathered and chanted slogans in front of the mine.", "thousands"),
])
def test_a_crowd_is_named_by_who_it_is(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "participants"


@pytest.mark.parametrize("text", [
    "four mortar shells struck an army post east of the city on sunday.",
    "it is a country of 4 million people that has seen few street protests.",
    "the camp is home to more than 80,000 refugees, and protests are frequent.",
    "1 protesters set tyres on fire in the old city.",
    "one man shouted at the police during the march.",
])
def test_not_a_crowd(extractor, text):
    assert all(cat != "participants" for cat, _ in found(extractor, text))


def test_an_active_verb_with_an_object_is_no_participle(extractor):
    text = "hundreds of local farmers held a protest in front of the governor s office."
    assert categories_of(extractor, text) == {"hundreds": "participants"}


@pytest.mark.parametrize("text, category", [
    ("police killed 6 protesters with live fire on the bridge.", "killed"),
    ("an earthquake killed 250 people in the province.", "died"),
    ("12 inmates died in a fire that swept through the prison.", "died"),
])
def test_violence_and_other_causes_of_death(extractor, text, category):
    assert category in [c for c, _ in found(extractor, text)]


@pytest.mark.parametrize("text", [
    "7 after the verdict was read, students gathered outside the court.",
    "the 6 april movement marches through the capital on friday.",
    "about 900 riot police blocked the bridge to stop the march.",
])
def test_item_numbers_names_and_police_are_no_crowd(extractor, text):
    cats = categories_of(extractor, text)
    assert all(span not in cats for span in ("7", "6", "about 900")), cats


def test_a_civilian_death_typed_in_the_singular_still_counts(extractor):
    assert ("killed", "about 100") in found(extractor, "the crackdown caused about 100 civilian death, the group said.")


@pytest.mark.parametrize("text", [
    "two unions staged a general strike on thursday.",
    "people aged eight to 70 marched through the old town.",
    "the court fined the opposition leader 2,500 for organising the rally.",
    "officials described rallies like the one held on friday as illegal.",
    "several politicians addressed the crowd outside parliament.",
    "3,000 police were deployed for the rally in the capital.",
])
def test_bodies_ages_sums_and_police_are_no_crowd(extractor, text):
    assert all(cat not in ("participants", "sentenced", "arrested") for cat, _ in found(extractor, text))


@pytest.mark.parametrize("text, span", [
    ("thousands of hungarian policemen defied the ban and marched on parliament.", "thousands"),
    ("on sunday 400 students blocked the main road into the city.", "400"),
    ("thousands continue protests in the capital.", "thousands"),
    ("police estimated the number taking part at about 15,000.", "about 15,000"),
    ("rumours spread that at least one student had been beaten, and hundreds marched.", "hundreds"),
])
def test_more_crowds(extractor, text, span):
    assert categories_of(extractor, text).get(span) == "participants"


def test_bringing_the_total_to_carries_the_category(extractor):
    text = "two more protesters were killed on sunday, bringing the total to at least 19."
    assert categories_of(extractor, text).get("at least 19") == "killed"


# -- coordinated places are kept together ----------------------------------------------

@pytest.mark.parametrize("text, name, country", [
    ("Police detained 35 protesters in Brest and Gomel on Sunday.", "Brest and Gomel", "BY"),
    ("hundreds rallied in minsk, brest and gomel on saturday.", "Minsk, Brest and Gomel", "BY"),
    ("At least 12 people were killed in Mashhad and Isfahan.", "Mashhad and Isfahan", "IR"),
])
def test_coordinated_places_are_both_kept(extractor, text, name, country):
    art = Article(id="t", text=text, published=date(2024, 5, 2))
    claims = extractor.extract([art])["t"]
    assert claims and (claims[0].where.name, claims[0].where.country) == (name, country)


def test_a_lone_ambiguous_name_still_needs_its_country(extractor):
    art = Article(id="t", text="Police detained 35 protesters in Brest on Sunday.", published=date(2024, 5, 2))
    claims = extractor.extract([art])["t"]
    assert claims and (claims[0].where is None or claims[0].where.name != "Brest")


# -- report prose ------------------------------------------------------------------------

@pytest.mark.parametrize("text, category, span", [
    ("The rights group recorded 87 executions during the year.", "killed", "87"),
    ("the commission documented 31 extrajudicial killings by the army.", "killed", "31"),
    ("Authorities hanged at least 6 men convicted of rioting.", "killed", "at least 6"),
    ("The NGO reported 64 cases of enforced disappearance in the province.", "disappeared", "64"),
    ("at least 25 people remain unaccounted for after the raid.", "disappeared", "at least 25"),
    ("there were 11 deaths in custody during the year.", "killed", "11"),
])
def test_report_prose_counts(extractor, text, category, span):
    assert categories_of(extractor, text).get(span) == category


def test_cases_of_nothing_counted_are_no_claim(extractor):
    assert found(extractor, "The court heard 12 cases against the protest organisers.") == []


# -- one number, coordinated victim nouns ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("there were reports of dozens of arrests and injuries in the capital.", {("arrested", "dozens"), ("injured", "dozens")}),
    ("The clashes caused 45 deaths and injuries, the ministry said.", {("killed", "45"), ("injured", "45")}),
])
def test_one_number_before_coordinated_victim_nouns_counts_each(extractor, text, expected):
    assert expected <= set(found(extractor, text))


def test_an_event_noun_says_its_own_category(extractor):
    cats = categories_of(extractor, "The toll rose to 52 deaths and 300 injuries.")
    assert cats == {"52": "killed", "300": "injured"}


def test_coordinated_people_give_one_claim(extractor):
    assert found(extractor, "police detained 14 students and teachers on monday.") == [("arrested", "14")]


def test_a_list_member_hung_on_a_verb_keeps_the_list_category(extractor):
    text = ("Authorities continued to hold opposition figures without charge, including more than 200 "
            "students, at least 40 members of the Green Party, and at least 9 members of the Farmers Union.")
    cats = categories_of(extractor, text)
    assert cats.get("at least 9") == "arrested" and cats.get("at least 40") == "arrested", cats


@pytest.mark.parametrize("text", [
    "State television said four teenagers who joined the protests were being tried for sedition.",
    "prosecutors charged 12 demonstrators with rioting after the march.",
])
def test_people_in_court_are_no_crowd(extractor, text):
    assert all(cat != "participants" for cat, _ in found(extractor, text))


def test_a_number_inside_a_name_is_no_count(extractor):
    text = "Police detained 40 students and two leaders of the 77 Charter Movement after the march."
    cats = categories_of(extractor, text)
    assert "77" not in cats and cats.get("40") == "arrested", cats


def test_police_charging_a_crowd_is_no_prosecution(extractor):
    assert categories_of(extractor, "riot police charged several hundred protesters outside the camp.") \
        == {"several hundred": "participants"}


@pytest.mark.parametrize("text, expected", [
    ("the riots left two dead and 38 hurt, officials said.", {"two": "killed", "38": "injured"}),
    ("soldiers shot four villagers dead and wounded nine others.", {"four": "killed", "nine": "injured"}),
])
def test_dead_and_hurt_after_left_and_shot(extractor, text, expected):
    cats = categories_of(extractor, text)
    for span, cat in expected.items():
        assert cats.get(span) == cat, cats


def test_a_coordinated_noun_with_its_own_amount_is_not_counted_twice(extractor):
    assert found(extractor, "there were several serious injuries and many arrests in the town.") == [("injured", "several")]


@pytest.mark.parametrize("text, category, span", [
    ("At least 150 persons remained in detention at the end of the year.", "arrested", "At least 150"),
    ("the group said 9 activists were still in custody.", "arrested", "9"),
    ("Rights groups said 23 persons were subjected to enforced disappearance.", "disappeared", "23"),
    ("about 200 inmates rioted in the prison on sunday.", "participants", "about 200"),
])
def test_held_in_custody_and_subjected_to(extractor, text, category, span):
    assert categories_of(extractor, text).get(span) == category


@pytest.mark.parametrize("text, category, span", [
    ("At least 4 reporters were among those detained on monday.", "arrested", "At least 4"),
    ("two nurses were among the dead, the hospital said.", "killed", "two"),
    ("officials said 31 people died in the crush at the gate.", "died", "31"),
])
def test_among_those_and_a_crush(extractor, text, category, span):
    assert categories_of(extractor, text).get(span) == category


@pytest.mark.parametrize("text, span", [
    ("Lawyers said 9 prisoners were beaten to death in the jail.", "9"),
    ("Police beat 3 protesters to death on Friday, witnesses said.", "3"),
    ("Security forces shot 5 protesters dead in the capital.", "5"),
    ("Two demonstrators were stabbed to death near the square.", "Two"),
])
def test_a_harm_done_to_death_is_a_killing(extractor, text, span):
    # "beat", "shoot" alone count the injured; "to death", "dead" make them the killed
    assert found(extractor, text) == [("killed", span)]


def test_a_sentence_to_death_is_no_killing(extractor):
    assert found(extractor, "A court sentenced 4 students to death on Monday.") == [("sentenced", "4")]
    assert found(extractor, "A court sentenced the leader to death and 5 others to prison terms.") == [
        ("sentenced", "5")]


def test_a_death_that_is_no_harm_done_to_the_counted(extractor):
    text = "He was jailed after he responded to the president's death by painting 26 slogans on a wall."
    assert found(extractor, text) == []


def test_a_harm_without_death_stays_an_injury(extractor):
    assert found(extractor, "Five people were beaten by police and 2 were hospitalised.") == [
        ("injured", "Five"), ("injured", "2")]
