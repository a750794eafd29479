"""The spec's "Who says it" conventions (shared/spec/claims.md, "Conventions for hard
cases"), each on sentences written for these tests, cased and lower-cased as wire notes
write them. Every test names the first sayers of a claim; negatives name nobody."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract.attribution import acronyms
from claimledger.model import Article


def claims(extractor, text):
    return extractor.extract([Article("t", text, date(2022, 5, 10))])["t"]


def sayers(extractor, text, value=None):
    """The chain of names of the claim of ``value`` (of the only claim without one)."""
    found = claims(extractor, text)
    if value is not None:
        found = [c for c in found if c.value == value]
    assert len(found) == 1, [(c.span, c.category, c.sources) for c in found]
    return [s.name.lower() for s in found[0].sources]


def check(extractor, text, expected, value=None):
    assert sayers(extractor, text, value) == [e.lower() for e in expected]


@pytest.mark.parametrize("text, expected", [
    ("Security forces shot dead 14 people in the northern city on Saturday, the state broadcaster said.",
     ["state broadcaster"]),
    ("at least 60 students were detained on the campus, according to university staff.", ["university staff"]),
    ("police arrested 230 people across the capital, the lawyers' union said on monday.", ["lawyers' union"]),
    ("The deaths of 17 demonstrators were confirmed by a surgeon at the central hospital.",
     ["surgeon at the central hospital"]),
    ("at least 40 arrests were reported by the regional prosecutor's office.", ["regional prosecutor's office"]),
])
def test_sayer_after_the_clause_or_as_the_passive_agent(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("A Reuters photographer saw at least 12 bodies in the street.", ["Reuters"]),
    ("The BBC has seen footage showing at least six dead protesters.", ["British Broadcasting Corporation"]),
    ("an afp reporter saw dozens of wounded people at the hospital.", ["Agence France-Presse"]),
])
def test_perception_is_the_outlets_claim(extractor, text, expected):
    check(extractor, text, expected)


def test_a_time_that_saw_arrests_is_no_sayer(extractor):
    assert sayers(extractor, "The weekend saw 300 arrests across the country.") == []


@pytest.mark.parametrize("text, expected", [
    ("Medics told Reuters that 25 people had been killed.", ["Medics", "Reuters"]),
    ("A hospital official confirmed to the Associated Press that 30 protesters were wounded.",
     ["hospital official", "Associated Press"]),
    ("the interior ministry said 500 people had been arrested, reuters reported.", ["interior ministry", "Reuters"]),
    ("According to Al Jazeera, the health ministry reported 19 deaths.", ["health ministry", "Al Jazeera"]),
    ("the state news agency irna, quoting a provincial official, said 18 people were killed.",
     ["provincial official", "state news agency irna"]),
    ("Tasnim, citing a police source, said 70 people were detained.", ["police source", "Tasnim News Agency"]),
])
def test_told_confirmed_to_quoting_citing_give_the_first_sayer_first(extractor, text, expected):
    check(extractor, text, expected)


def test_told_reporters_relays_nothing(extractor):
    check(extractor, "troops killed nine villagers near the border, a local official told reporters.",
          ["local official"])


@pytest.mark.parametrize("text, expected", [
    ("The teachers' union and doctors said 31 protesters were injured.", ["teachers' union", "doctors"]),
    ("Amnesty International and Human Rights Watch say at least 100 people have died.",
     ["Amnesty International", "Human Rights Watch"]),
    ("the bar association and local journalists said 42 people were arrested.",
     ["bar association", "local journalists"]),
    ("Rights groups such as Civil Rights Defenders and PEN International said 300 activists were detained.",
     ["Civil Rights Defenders", "PEN International"]),
    ("rights groups such as civil rights defenders and pen international said 300 activists were detained.",
     ["civil rights defenders", "pen international"]),
    ("rights groups said 300 activists were detained.", ["rights groups"]),
])
def test_co_sayers_and_named_examples_in_text_order(extractor, text, expected):
    check(extractor, text, expected)


def test_a_ministry_of_two_things_is_one_sayer(extractor):
    check(extractor, "The Ministry of Labour and Social Affairs said 45 workers were detained.",
          ["Ministry of Labour and Social Affairs"])


@pytest.mark.parametrize("text, expected", [
    ("A monitoring group that counts arrests, Freedom Watch Belarus, said 1,200 people were held.",
     ["Freedom Watch Belarus"]),
    ("a monitoring group that counts arrests, freedom watch belarus, said 1,200 people were held.",
     ["freedom watch belarus"]),
    ("The CPJ, a press freedom group based in New York, reported that 16 journalists were detained.", ["CPJ"]),
    ("the cpj, a press freedom group based in new york, reported that 16 journalists were detained.", ["cpj"]),
    ("The region's governor, Pedro Alvarez, said 12 police officers were injured.", ["Pedro Alvarez"]),
    ("Police killed 23 protesters on Friday, the rights group Freedom Now said.", ["Freedom Now"]),
])
def test_a_name_beats_its_description(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("The Union for Civil Liberties (UCL) condemned the crackdown. The UCL said 85 people were arrested.",
     ["Union for Civil Liberties"]),
    ("the national human rights commission (nhrc) opened an inquiry. the nhrc said 23 people were killed.",
     ["national human rights commission"]),
    ("The Committee to Protect Dissidents (CPD) was founded in 2001.\n"
     "Police detained 140 students on Monday, the CPD said.", ["Committee to Protect Dissidents"]),
])
def test_an_acronym_the_article_defined_is_its_full_name(extractor, text, expected):
    check(extractor, text, expected)


def test_acronyms_are_spelt_by_initials_only():
    found = acronyms("The Assistance Mission for Peace in Kivu (AMPK) and the police (pictured) met; "
                     "the democratic youth league (dyl) marched.")
    assert found == {"ampk": "Assistance Mission for Peace in Kivu", "dyl": "democratic youth league"}


def test_a_list_of_named_ngos_is_several_sayers(extractor):
    check(extractor, "Local NGOs Justice Now (JN), Free Voices (FV) and Open Door reported 150 arrests.",
          ["Justice Now", "Free Voices", "Open Door"])


@pytest.mark.parametrize("text, value, expected", [
    ("The Health Ministry released new figures on Sunday. It said 45 people had been killed.", 45,
     ["Health Ministry"]),
    ("The Kenya Human Rights Commission said 12 protesters were shot dead. The commission said a further "
     "40 were injured.", 40, ["Kenya Human Rights Commission"]),
    ("the kenya human rights commission said 12 protesters were shot dead. the commission said a further "
     "40 were injured.", 40, ["kenya human rights commission"]),
    ("Lawyer Maria Costa said 20 of her clients had been detained. She said another 15 were missing.", 15,
     ["Lawyer Maria Costa"]),
    ("Amnesty International said 30 people were killed, and Ana Ruiz said 12 were hurt. She said 50 more were detained.",
     50, ["Ana Ruiz"]),
])
def test_pronouns_and_descriptions_are_the_nearest_fitting_sayer_named_before(extractor, text, value, expected):
    check(extractor, text, expected, value)


@pytest.mark.parametrize("text", [
    "they said 30 people were arrested.",
    "He told reporters that 50 people had been detained.",
    "The group said 40 protesters were arrested.",
    "the ministry said 16 people had died in the clashes.",
])
def test_a_pronoun_or_description_with_nobody_named_before_is_left_out(extractor, text):
    assert sayers(extractor, text) == []


def test_a_described_sayer_named_in_the_next_sentence_is_the_name(extractor):
    check(extractor, "A police spokesman said 60 people were arrested. The spokesman, Ivan Petrov, said all "
                     "would be charged.", ["Ivan Petrov"])


def test_a_described_sayer_named_nowhere_keeps_its_description(extractor):
    check(extractor, "A police spokesman said 60 people were arrested. Protests went on.", ["police spokesman"])


@pytest.mark.parametrize("text", [
    "Reports say 20 people were arrested in the city.",
    "At least 11 protesters were reportedly killed.",
    "It was reported that 300 people were detained.",
    "Based on witness accounts, 14 people were killed in the raid.",
    "according to reports, 90 people were detained overnight.",
])
def test_bare_reports_and_evidence_name_nobody(extractor, text):
    assert sayers(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("state media reported that 40 rioters had been arrested.", ["state media"]),
    ("local media said 12 people were injured.", ["local media"]),
    ("Human Rights Watch said, based on interviews with survivors, that 35 people were killed.",
     ["Human Rights Watch"]),
    ("According to the annual report OHCHR released in March, police killed 16 people.",
     ["Office of the United Nations High Commissioner for Human Rights"]),
    ("According to the BBC report, which was sourced to three police officers, 50 people were arrested.",
     ["three police officers", "British Broadcasting Corporation"]),
])
def test_characterised_reports_and_their_authors_are_sayers(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, value, expected", [
    ("Medics said 40 people had died. Nine of those deaths occurred in the capital.", 9, ["Medics"]),
    ("the lawyers' union said 52 people were killed on sunday. eleven of the dead were students.", 11,
     ["lawyers' union"]),
    ("Doctors said 31 people were killed on Sunday. Eleven of the dead were children.", 11, ["Doctors"]),
])
def test_a_sentence_continuing_the_count_keeps_its_sayer(extractor, text, value, expected):
    check(extractor, text, expected, value)


def test_a_new_count_is_no_continuation(extractor):
    assert sayers(extractor, "Officials said 10 people were killed. Police arrested 200 people the next day.",
                  200) == []


@pytest.mark.parametrize("text, expected", [
    ("Opposition Leader: 500 People Detained In Weekend Raids\n\nPolice raided homes across the city.",
     ["Opposition Leader"]),
    ("Rights Group: 40 Protesters Killed In Crackdown\n\nThe crackdown went on.", ["Rights Group"]),
    ("doctors' union: 40 protesters killed in crackdown\n\nthe crackdown went on.", ["doctors' union"]),
])
def test_a_sayer_colon_claim_headline_is_the_sayers(extractor, text, expected):
    check(extractor, text, expected)


def test_a_place_colon_headline_names_nobody(extractor):
    assert sayers(extractor, "Kenya: 40 Protesters Killed In Crackdown\n\nThe crackdown went on.") == []


@pytest.mark.parametrize("text, value, expected", [
    ("The Interior Ministry said 12 people were killed, while the opposition Popular Front reported that 40 "
     "had died.", 40, ["Popular Front"]),
    ("The Interior Ministry said 12 people were killed, while the opposition Popular Front reported that 40 "
     "had died.", 12, ["Interior Ministry"]),
    ("police said 5,000 people marched, while organisers said 40,000 took part.", 40000, ["organisers"]),
    ("Radio Free Now reported 82 people were killed while the CDR, a local group that documents abuses, "
     "reported that 90 protesters were killed.", 90, ["CDR"]),
    ("Radio Free Now reported 82 people were killed while the CDR, a local group that documents abuses, "
     "reported that 90 protesters were killed.", 82, ["Radio Free Now"]),
])
def test_rival_sayers_each_keep_their_own_figure(extractor, text, value, expected):
    check(extractor, text, expected, value)


@pytest.mark.parametrize("text, expected", [
    ("riot police fired on the crowd near the bridge, killing at least 7 people, medics and local residents said.",
     ["medics", "local residents"]),
    ("Reuters says at least 14 people have been killed, quoting witnesses and hospital sources.",
     ["witnesses", "hospital sources", "Reuters"]),
    ("As of May 3, NGOs Freedom House Ukraine (FHU), Citizens Watch (CW), and the Kharkiv Legal Clinic "
     "reported close to 90 detentions.", ["Freedom House Ukraine", "Citizens Watch", "Kharkiv Legal Clinic"]),
])
def test_co_sayers_after_the_clause_quoted_or_listed_each_once(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("From January 1 to June 30, the monitoring mission reported 412 civilian deaths.", ["monitoring mission"]),
    ("During a raid troops shot dead up to 60 villagers who had fled into the forest, after police had cleared "
     "the road, according to local journalists.", ["local journalists"]),
    ("Officials have boasted about mass arrests this month, while soldiers have been shooting several young "
     "men in the streets.", []),
    ("On May 2, the rebel army claimed responsibility for an attack on a checkpoint, killing 9 soldiers.", []),
    ("The clashes claimed the lives of 31 protesters.", []),
])
def test_a_sayer_governs_only_what_it_reports(extractor, text, expected):
    check(extractor, text, expected)


def test_a_continuation_after_a_sayer_without_a_figure_keeps_that_sayer(extractor):
    check(extractor, "The Belarus Helsinki Committee said more deaths had been recorded since Monday. "
                     "Three of those deaths were in the capital.", ["Belarus Helsinki Committee"], 3)


def test_a_back_reference_inside_the_sentence_is_no_continuation(extractor):
    text = ("Doctors said 31 people were killed on Sunday.\n"
            "Several people were reportedly injured, among them two local reporters.")
    injured = [c.sources for c in claims(extractor, text) if c.category == "injured"]
    assert injured and all(chain == () for chain in injured)


@pytest.mark.parametrize("text, expected", [
    ("four people died when troops opened fire, security and medical officials said.",
     ["security officials", "medical officials"]),
    ("at least 9 people were killed, according to iraqi health and human rights officials.",
     ["iraqi health officials", "human rights officials"]),
    ("Police detained 35 people, police and witnesses said.", ["police", "witnesses"]),
])
def test_coordinated_modifiers_share_their_head(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("at least 20 people were detained, eye witnesses told the paper.", ["eye witnesses", "paper"]),
    ("a bbc persian correspondent saw police beat at least 15 students.", ["bbc persian"]),
    ("the sky news arabia correspondent in beirut has reported that 8 people were wounded.", ["sky news arabia"]),
    ("an interfax news agency report from the border post said some 400 truckers blocked the road.",
     ["interfax news agency"]),
    ("according to reports received from rights activists in the north, over 2,000 people rallied.",
     ["rights activists in the north"]),
    ("according to a statement from the police in the port city, 19 people were injured.",
     ["police in the port city"]),
])
def test_lower_cased_outlets_and_reports_name_their_author_not_a_place(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text", [
    "the border province witnessed marches by about 4,000 people on sunday.",
    "Belgrade witnessed protests by 3,000 people.",
])
def test_a_place_that_witnessed_protests_is_no_sayer(extractor, text):
    assert sayers(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("the agency quoted a regional police chief as saying 300 people had been detained.",
     ["regional police chief"]),
    ("the city police released a much lower estimate, saying 9,000 people had marched.", ["city police"]),
    ("a retired general said as he watched some 2,000 people march past the palace.", ["retired general"]),
    ("the national teachers federation condemned the raid, in which it said 40 of its members were arrested.",
     ["national teachers federation"]),
    ("around 30 people have been arrested, amir rahimi, head of security at the province s office, told "
     "the news agency ilna.", ["amir rahimi", "news agency ilna"]),
])
def test_quoted_as_saying_participles_pronouns_and_conj_sayers(extractor, text, expected):
    assert sayers(extractor, text)[:len(expected)] == expected


def test_a_definite_count_noun_is_no_continuation(extractor):
    text = ("police said 12 people were arrested on monday. the arrests came after the detention of "
            "dozens of activists last week.")
    found = {c.value: [s.name for s in c.sources] for c in claims(extractor, text)}
    assert found[12] == ["police"] and found.get(None, []) == []


@pytest.mark.parametrize("text, expected", [
    ("an emergency council session on march 3 said that more than 500 were detained.",
     ["emergency council session on march 3"]),
    ("thousands of teachers blocked the main road to the port, union leader maria lopez said by phone.",
     ["union leader maria lopez"]),
    ("at least 8 people were hurt in freedom square, the heart of the protest movement, police and medics said.",
     ["police", "medics"]),
])
def test_postposed_sayers_past_dates_appositions_and_phrases_of_their_own(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("three residents told the BBC that 40 people were hurt.", ["three residents", "British Broadcasting Corporation"]),
    ("two doctors said 15 people were killed in the raid.", ["two doctors"]),
])
def test_a_count_of_sayers_that_opens_its_report_is_the_sayer(extractor, text, expected):
    found = [c for c in claims(extractor, text) if c.value in (15, 40)]
    assert [s.name for s in found[0].sources] == expected


def test_a_counted_phrase_of_the_figures_own_clause_is_no_sayer(extractor):
    found = claims(extractor, "at least two protesters were killed, and 30 were hurt, the ministry of health said.")
    assert found and all(not s.name[0].isdigit() and "protesters" not in s.name for c in found for s in c.sources)


@pytest.mark.parametrize("text, expected", [
    ("about 90 people have gathered outside the town hall, the spokesman of the regional police, "
     "askar beisenov, has told the news agency akipress.", ["askar beisenov", "news agency akipress"]),
    ("security forces killed 12 people in the town, the HRDC, a monitoring group that counts deaths, said.",
     ["HRDC"]),
    ("riot police detained 44 people in the square, they said on monday.", ["riot police"]),
])
def test_a_postposed_sayer_behind_an_apposition_or_a_pronoun(extractor, text, expected):
    assert sayers(extractor, text)[:len(expected)] == [e.lower() for e in expected]


@pytest.mark.parametrize("text", [
    "1 amnesty international, the rights group, said that 32 detainees were held in solitary confinement.",
    "more than 100 activists staged, as they put it, an open air conference near the city hall.",
])
def test_excerpt_numbers_and_asides_are_no_sayers(extractor, text):
    for c in claims(extractor, text):
        assert all(not s.name[0].isdigit() and not s.name.startswith("as ") for s in c.sources)


@pytest.mark.parametrize("text, expected", [
    ("police fired on some 3,000 demonstrators in the capital, said the interior ministry.", ["interior ministry"]),
    ("night protests spread to seven districts of the city, reports al wasat daily.", ["al wasat daily"]),
    ("one witness said 20 people were detained in the raid.", ["one witness"]),
])
def test_an_inverted_or_single_sayer(extractor, text, expected):
    check(extractor, text, expected)


def test_a_day_after_the_verb_is_no_sayer(extractor):
    assert "tuesday" not in sayers(extractor, "Troops killed 12 people near the border, reported Tuesday.")


@pytest.mark.parametrize("text, value, expected", [
    ("The Monitoring Mission said police killed 412 civilians in the first half of the year. The total number "
     "of deaths included 130 children killed in the capital.", 130, ["Monitoring Mission"]),
    ("the human rights commission said 300 people were arrested. the number of arrests included 40 minors "
     "detained in the north.", 40, ["human rights commission"]),
])
def test_the_number_of_the_count_continues_it(extractor, text, value, expected):
    check(extractor, text, expected, value)


def test_a_time_clause_inside_the_report_is_reported(extractor):
    check(extractor, "local sources in the valley have reported clashes with police after 3 people were killed.",
          ["local sources in the valley"])


@pytest.mark.parametrize("text, expected", [
    ("According to official figures, 45 people were killed in the clashes.", ["official figures"]),
    ("according to chinese news reports, 2,000 residents protested.", ["chinese news reports"]),
    ("according to local reports, 18 people were seriously injured.", ["local reports"]),
    ("according to unconfirmed reports, 12 people were killed.", []),
    ("According to the annual report, police killed 16 people.", []),
])
def test_a_report_characterised_by_who_gave_it_is_a_sayer_a_vague_one_is_not(extractor, text, expected):
    check(extractor, text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Interior Minister Ali Rahimi visited the scene on Monday. He told reporters that 20 people had been killed.",
     ["Ali Rahimi"]),
    ("The visit was led by spokeswoman Jane Okoro. She later said 14 people had been arrested.", ["Jane Okoro"]),
])
def test_a_pronoun_refers_to_a_person_named_with_a_title(extractor, text, expected):
    check(extractor, text, expected)


def test_its_spokesman_speaks_for_the_organisation_named_before(extractor):
    check(extractor, "The Kenya Red Cross said it had treated dozens of people on Monday. Its spokesman said 40 "
                     "people were injured.", ["Kenya Red Cross"], 40)
    assert sayers(extractor, "its spokesman said 40 people were injured.") == []


def test_a_headline_sayer_named_in_the_lead_takes_the_name(extractor):
    text = ("Opposition Lawmaker: 500 People Detained In Weekend Raids\n\nAn opposition lawmaker says about 500 "
            "people have been detained.\n\nCapital lawmaker Ana Ruiz gave the figure on Tuesday.")
    assert [[s.name for s in c.sources] for c in claims(extractor, text)] == [["Ana Ruiz"], ["Ana Ruiz"]]


def test_a_described_sayer_named_by_title_in_the_next_sentence(extractor):
    check(extractor, "A police spokesman said 60 people were arrested. Spokesman Ivan Petrov added that all "
                     "would be charged.", ["Ivan Petrov"])


@pytest.mark.parametrize("text, expected", [
    ("the union said 18 strikers were detained at the gates.", ["union"]),
    ("The commission said 25 people were injured.", ["commission"]),
])
def test_a_description_that_names_a_known_body_keeps_it_when_nothing_is_named(extractor, text, expected):
    check(extractor, text, expected)


def test_a_quote_introduced_by_a_pronoun_is_the_sayer_named_before(extractor):
    text = "Interior Minister Ali Rahimi visited the town.\nHe said: “Troops killed 40 people in the city.”"
    assert sayers(extractor, text) == ["ali rahimi"]
    assert sayers(extractor, "He said: “Troops killed 40 people in the city.”") == []


@pytest.mark.parametrize("text, expected", [
    ("(CDR) said 40 people were killed.", ["CDR"]),
    ("Reuters, citing figures from the health ministry, said 33 people were killed.", ["health ministry", "Reuters"]),
])
def test_bracketed_and_cited_sayers_are_clean(extractor, text, expected):
    check(extractor, text, expected)
