"""Lists, boxes and tables (shared/spec/claims.md, "Conventions for hard cases"):
label-and-figure lines, "N+" and ranges, sayers in parentheses after a figure,
"as of" dates, a box's "Date" line, and lines kept apart as sentences."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract import segment
from claimledger.model import Article

PUBLISHED = date(2023, 6, 1)


def claims_of(extractor, text: str, published: date = PUBLISHED):
    return extractor.extract([Article("box", text, published)])["box"]


def table(claims):
    return sorted((c.category, c.low, c.high, c.qualifier) for c in claims)


def sources(claims, low):
    found = [c for c in claims if c.low == low]
    assert len(found) == 1, [(c.span, c.category) for c in claims]
    return [s.name for s in found[0].sources]


# --- a label and its figures --------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Fatalities: 57 (49 demonstrators and 8 soldiers)",
     [("killed", 8, 8, "exact"), ("killed", 49, 49, "exact"), ("killed", 57, 57, "exact")]),
    ("| Injured | 1,250 |", [("injured", 1250, 1250, "exact")]),
    ("detained\t610", [("arrested", 610, 610, "exact")]),
    ("• Missing: 23", [("disappeared", 23, 23, "exact")]),
    ("Number of demonstrators: 75,000", [("participants", 75000, 75000, "exact")]),
    ("Protest sites: 140", [("protest_sites", 140, 140, "exact")]),
    ("Sentenced 19", [("sentenced", 19, 19, "exact")]),
])
def test_a_label_gives_its_category(extractor, line, expected):
    assert table(claims_of(extractor, "Unrest in Valdoria\n" + line + "\n")) == expected


def test_several_cells_on_one_line_each_keep_their_label(extractor):
    line = "casualties / dead 7–9 / wounded 210+ / detentions 980"
    assert table(claims_of(extractor, line)) == [
        ("arrested", 980, 980, "exact"), ("injured", 210, None, "at_least"), ("killed", 7, 9, "vague")]


def test_a_figure_s_own_words_beat_the_label(extractor):
    assert table(claims_of(extractor, "Casualties: 14 killed, 95 injured")) == [
        ("injured", 95, 95, "exact"), ("killed", 14, 14, "exact")]


def test_labels_do_not_count_places_times_or_references(extractor):
    text = ("Arrests | 730 in 12 provinces [4]\n"
            "Deaths: 5 over 3 days\n"
            "Location | Valdoria\n")
    assert table(claims_of(extractor, text)) == [("arrested", 730, 730, "exact"), ("killed", 5, 5, "exact")]


def test_label_words_inside_prose_are_no_labels(extractor):
    # "dead" is no label here: the 3 are the reporters, not the dead
    text = "Reporters who counted the dead said 3 colleagues were beaten."
    assert all(c.category != "killed" for c in claims_of(extractor, text))


# --- "N+" and ranges ----------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Injuries: 480+", ("injured", 480, None, "at_least")),
    ("Killed 12–15", ("killed", 12, 15, "vague")),
    ("killed 12-15", ("killed", 12, 15, "vague")),
    ("Arrested: 1,200—1,500", ("arrested", 1200, 1500, "vague")),
    ("between march and may, 300 to 400 people were detained", ("arrested", 300, 400, "vague")),
    ("At least 20-25 protesters were shot dead.", ("killed", 20, None, "at_least")),
    ("organisers said 1-2 million people marched", ("participants", 1_000_000, 2_000_000, "vague")),
    ("Participants: 12–15 thousand", ("participants", 12_000, 15_000, "vague")),
    ("two to three thousand workers went on strike", ("participants", 2000, 3000, "vague")),
])
def test_plus_and_ranges(extractor, line, expected):
    assert table(claims_of(extractor, line)) == [expected]


def test_changes_and_year_spans_are_no_ranges(extractor):
    text = "The toll rose from 30 to 41 during the 2019–2020 unrest."
    assert (30, 41) not in [(c.low, c.high) for c in claims_of(extractor, text)]
    assert all(c.low != 2019 for c in claims_of(extractor, "Deaths in 2019–2020: 17"))


# --- sayers in parentheses ----------------------------------------------------------------

def test_a_sayer_in_parentheses_is_the_source(extractor):
    text = ("Security forces shot dead 310 people (per the interior ministry)\n"
            "Detained: 9,500 (Valdorian Detainee Watch, as of March 2, 2023)\n"
            "Deaths 64 (source: Medical Association of Valdoria)\n")
    claims = claims_of(extractor, text)
    assert sources(claims, 310) == ["interior ministry"]
    assert sources(claims, 9500) == ["Valdorian Detainee Watch"]
    assert sources(claims, 64) == ["Medical Association of Valdoria"]


def test_what_a_sayer_said_is_not_part_of_its_name(extractor):
    claims = claims_of(extractor, "Deaths: 88 (Valdorian Rights Watch estimate), 41 (government figures)")
    assert sources(claims, 88) == ["Valdorian Rights Watch"] and sources(claims, 41) == ["government"]


def test_rival_figures_in_one_line_keep_their_own_sayers(extractor):
    claims = claims_of(extractor, "Turnout: 45,000 (organisers), 12,000 (police)")
    assert table(claims) == [("participants", 12000, 12000, "exact"), ("participants", 45000, 45000, "exact")]
    assert sources(claims, 45000) == ["organisers"] and sources(claims, 12000) == ["police"]


def test_a_breakdown_shares_the_sayer_after_it(extractor):
    claims = claims_of(extractor, "Deaths: 30 (26 civilians and 4 policemen) (Health Ministry)")
    assert {c.low: [s.name for s in c.sources] for c in claims} == {
        30: ["Health Ministry"], 26: ["Health Ministry"], 4: ["Health Ministry"]}


def test_parentheses_that_name_no_sayer(extractor):
    text = ("At least 40 people were injured outside the Ministry of Interior (MOI) on Friday.\n"
            "Deaths: 12 (police)\n"
            "arrested 85 (mostly students)\n"
            "Killed: 9 (Northern Province)\n")
    assert all(c.sources == () for c in claims_of(extractor, text))


# --- time: "as of" and the box's Date line ------------------------------------------------

def test_as_of_ends_the_time_and_the_box_date_starts_it(extractor):
    text = ("Valdorian protests\n"
            "Date\t4 January 2023 – 20 March 2023\n"
            "Location\tValdoria\n"
            "Injuries\t700+\n"
            "Arrested\t2,000 (Detainee Watch, as of March 2, 2023)\n")
    claims = claims_of(extractor, text)
    injured = next(c for c in claims if c.category == "injured")
    arrested = next(c for c in claims if c.category == "arrested")
    assert (injured.when.start, injured.when.end) == (date(2023, 1, 4), date(2023, 3, 20))
    assert (arrested.when.start, arrested.when.end) == (date(2023, 1, 4), date(2023, 3, 2))


def test_an_ongoing_box_leaves_the_end_open(extractor):
    text = "| Date | 9 February 2023 – present |\n| Deaths | 33 |\n"
    (claim,) = claims_of(extractor, text)
    assert claim.when.start == date(2023, 2, 9) and claim.when.end in (None, PUBLISHED)


# --- lines are sentences ------------------------------------------------------------------

def test_a_line_without_a_full_stop_is_its_own_sentence():
    for text in ("Killed 12\nInjured 40", "killed 12\r\ninjured 40", "Killed 12\rInjured 40",
                 "Killed 12\u2028Injured 40"):
        assert [s.text for s in segment.split(text)] == [text[:9], text[-10:]], text


def test_each_line_keeps_its_own_claims(extractor):
    text = "Crackdown in Valdoria: a tally\n- 41 killed\n* Arrested: 2,300+\n• injured: 300 to 400\n"
    claims = claims_of(extractor, text)
    assert table(claims) == [("arrested", 2300, None, "at_least"), ("injured", 300, 400, "vague"),
                             ("killed", 41, 41, "exact")]
    assert sorted(c.sentence for c in claims) == ["* Arrested: 2,300+", "- 41 killed", "• injured: 300 to 400"]


def test_a_cell_that_runs_on_over_lines_keeps_its_label(extractor):
    text = ("Casualties\n"
            "Killed\t900 (per Reuters)[c]\n"
            "212+ (per Valdorian Rights Watch)\n"
            "180 (government figure)[d]\n"
            "Arrested\t4,000\n")
    claims = claims_of(extractor, text)
    assert table(claims) == [("arrested", 4000, 4000, "exact"), ("killed", 180, 180, "exact"),
                             ("killed", 212, None, "at_least"), ("killed", 900, 900, "exact")]
    assert sources(claims, 900) == ["Reuters"] and sources(claims, 212) == ["Valdorian Rights Watch"]


def test_a_figure_line_after_prose_takes_no_label(extractor):
    text = "Deaths: 41\nThe march was peaceful.\n300 (local officials)\n"
    assert table(claims_of(extractor, text)) == [("killed", 41, 41, "exact")]


def test_security_forces_in_a_labelled_cell(extractor):
    claims = claims_of(extractor, "wounded: 2,100+ demonstrators, 650+ security forces")
    assert table(claims) == [("injured", 650, None, "at_least"), ("injured", 2100, None, "at_least")]


# --- report tables ------------------------------------------------------------------------

def test_a_table_header_names_what_its_columns_count(extractor):
    text = ("Table 2: violations by region\n"
            "| Region | Killed | Injured | Detained |\n"
            "|---|---|---|---|\n"
            "| Coast | 14 | 220 | 1,310 |\n"
            "| Highlands | 3 | 41+ | 96 |\n")
    assert table(claims_of(extractor, text)) == [
        ("arrested", 96, 96, "exact"), ("arrested", 1310, 1310, "exact"),
        ("injured", 41, None, "at_least"), ("injured", 220, 220, "exact"),
        ("killed", 3, 3, "exact"), ("killed", 14, 14, "exact")]


def test_tab_separated_table_and_its_unlabelled_columns(extractor):
    text = ("district\tyear\tdeaths\tarrests\n"
            "north\t2021\t7\t130\n"
            "south\t2022\t2\t45\n")
    assert table(claims_of(extractor, text)) == [
        ("arrested", 45, 45, "exact"), ("arrested", 130, 130, "exact"),
        ("killed", 2, 2, "exact"), ("killed", 7, 7, "exact")]


def test_a_table_without_a_counting_header_gives_nothing(extractor):
    text = "| Round | Score |\n|---|---|\n| 1 | 12 |\n| 2 | 15 |\n"
    assert claims_of(extractor, text) == []


def test_numbered_list_marks_are_no_sentence_ends():
    sentences = [s.text for s in segment.split("Tally:\n1. Killed: 9\n2. detained — 230\n")]
    assert sentences == ["Tally:", "1. Killed: 9", "2. detained — 230"]


# --- rival figures in one line ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Organisers said 40,000 rallied in the square; police put it at 9,000.",
     {40000: ("participants", ["Organisers"]), 9000: ("participants", ["police"])}),
    ("the dockers union said 18 strikers were detained, but the governor put the number at 6",
     {18: ("arrested", ["dockers union"]), 6: ("arrested", ["governor"])}),
    ("Officials estimated the crowd at 3,500; the organisers said 12,000.",
     {3500: ("participants", ["Officials"]), 12000: ("participants", ["organisers"])}),
    ("Medics say 23 people died in the clashes; the interior ministry puts the toll at 9.",
     {23: ("killed", ["Medics"]), 9: ("killed", ["interior ministry"])}),
])
def test_rival_figures_are_separate_claims_with_their_own_sayers(extractor, text, expected):
    claims = claims_of(extractor, text)
    assert {c.low: (c.category, [s.name for s in c.sources]) for c in claims} == expected


@pytest.mark.parametrize("text, expected", [
    # a bare figure with its own "according to", set against the one before it
    ("Around 20,000 protesters marched on Saturday (according to the police, or more than 25,000 "
     "according to the organizers).",
     {20000: ("participants", ["police"]), 25001: ("participants", ["organizers"])}),
    ("About 5,000 people joined the rally, according to police, and 15,000 according to organizers.",
     {5000: ("participants", ["police"]), 15000: ("participants", ["organizers"])}),
    ("The rally drew 2,000 people according to police, versus 10,000 according to the organisers.",
     {2000: ("participants", ["police"]), 10000: ("participants", ["organisers"])}),
    ("At least 12 people were killed, or 20 according to Amnesty International.",
     {12: ("killed", []), 20: ("killed", ["Amnesty International"])}),
    ("Police arrested 120 people, and 300 according to the lawyers' union.",
     {120: ("arrested", []), 300: ("arrested", ["lawyers' union"])}),
])
def test_a_rival_figure_with_its_own_according_to(extractor, text, expected):
    claims = claims_of(extractor, text)
    assert {c.low: (c.category, [s.name for s in c.sources]) for c in claims} == expected


def test_an_according_to_after_a_lone_figure_stays_its_sayer(extractor):
    # nothing set against it: "according to" is the figure's own sayer, chain and all
    claims = claims_of(extractor, "At least 9 people were killed in the capital, according to medics.")
    assert [(c.low, [s.name for s in c.sources]) for c in claims] == [(9, ["medics"])]
    assert claims_of(extractor, "The vote passed 120 to 80 according to the parliament's website.") == []


def test_a_bare_said_figure_with_nothing_before_it_is_no_claim(extractor):
    assert claims_of(extractor, "The spokesman said 12 and then left the room.") == []


# --- boxes copied without their cell breaks, reference marks ------------------------------

def test_a_label_run_into_its_figure(extractor):
    text = "Date4 April 2022 – 9 May 2022\nKilled63\nArrested2,150+[7]\nDeath(s)20–24\nLocationValdoria\n"
    assert table(claims_of(extractor, text)) == [
        ("arrested", 2150, None, "at_least"), ("killed", 20, 24, "vague"), ("killed", 63, 63, "exact")]


def test_a_label_alone_on_its_line_then_its_figures(extractor):
    text = ("Casualties\n"
            "Death(s)\n"
            "• 17 people (a soldier and 16 protesters)[5]\n"
            "Injuries\n"
            "650+\n"
            "Methods\n"
            "Strikes, 3 marches a week\n")
    # the breakdown's 16 is a part of the total: a claim of its own
    assert table(claims_of(extractor, text)) == [
        ("injured", 650, None, "at_least"), ("killed", 16, 16, "exact"), ("killed", 17, 17, "exact")]


def test_reference_marks_glued_to_words_do_not_hide_figures(extractor):
    text = "Security forces killed 41[3] protesters in the capital, and 300 more were injured.[4]"
    assert table(claims_of(extractor, text)) == [("injured", 300, 300, "exact"), ("killed", 41, 41, "exact")]


# --- readers keep rows and items apart ----------------------------------------------------

PAGE = """<html><head><title>Valdorian protests</title></head><body><article>
<h1>Valdorian protests</h1>
<p>The Valdorian protests were a wave of demonstrations against a rise in bread prices that
spread from the capital to the provinces in the spring, and were met with force.</p>
<table><tr><th>Deaths</th><td>27</td></tr><tr><th>Arrested</th><td>1,900+</td></tr></table>
<p>Rights groups kept their own tally of the crackdown, given below as each group reported it
to the press in the weeks after the protests ended in the capital.</p>
<ul><li>Injured: 350</li><li>Missing: 12</li></ul>
</article></body></html>"""


def test_html_rows_and_items_are_lines_of_their_own(extractor):
    from claimledger.ingest.html import parse_html
    article = parse_html(PAGE, "page", "page.html", date(2024, 1, 1))
    lines = [line.strip(" |-") for line in article.text.splitlines()]
    assert "Injured: 350" in lines and "Missing: 12" in lines
    assert any(line.startswith("Deaths") and line.endswith("27") for line in lines)
    assert table(extractor.extract([article])["page"]) == [
        ("arrested", 1900, None, "at_least"), ("disappeared", 12, 12, "exact"),
        ("injured", 350, 350, "exact"), ("killed", 27, 27, "exact")]


def test_feed_html_keeps_cells_rows_and_items_apart(extractor):
    from claimledger.ingest.feed import html_text
    text = html_text("<p>Tally.</p><table><tr><th>Deaths</th><td>41</td></tr></table>"
                     "<dl><dt>Injured</dt><dd>300</dd></dl><ul><li>9 missing</li><li>40 detained</li></ul>")
    assert "Deaths41" not in text and "9 missing40" not in text
    assert table(claims_of(extractor, text)) == [
        ("arrested", 40, 40, "exact"), ("disappeared", 9, 9, "exact"),
        ("injured", 300, 300, "exact"), ("killed", 41, 41, "exact")]


# --- labels that name who, the box's reach, the list's intro --------------------------------

def test_a_label_that_names_who_was_counted(extractor):
    text = "Toll\nProtesters killed: 388\nsecurity forces killed – 19\nJournalists detained | 27\n"
    assert table(claims_of(extractor, text)) == [
        ("arrested", 27, 27, "exact"), ("killed", 19, 19, "exact"), ("killed", 388, 388, "exact")]


def test_prose_that_starts_like_a_label_is_prose(extractor):
    text = ("Security forces killed about 1,500 people, the agency said, citing four officials.\n"
            "Police detained 400 persons, among them 28 reporters.\n")
    found = {(c.category, c.low) for c in claims_of(extractor, text)}
    assert {("arrested", 400), ("killed", 1500)} <= found
    assert not any(low in (4, 28) and category != "arrested" for category, low in found)


def test_the_box_date_reaches_only_the_box(extractor):
    text = ("Valdorian uprising\n"
            "Date\t1 October 2019 – 2021\n"
            "Number\n"
            "120,000+ (peak)\n"
            "Deaths\t510+\n"
            "The uprising began in the capital and spread to the south within days of the first march.\n"
            "The monitor published this tally as of 30 November 2019:\n"
            "Wounded: 8,000\n"
            "Missing: 61\n")
    when = {c.category: (c.when.start, c.when.end) for c in claims_of(extractor, text)}
    assert when["participants"] == when["killed"] == (date(2019, 10, 1), date(2021, 12, 31))
    # "as of" ends the count; it starts where the wave (the box) starts
    assert when["injured"] == when["disappeared"] == (date(2019, 10, 1), date(2019, 11, 30))


def test_a_sayer_of_a_contrasted_clause_is_not_the_figure_s(extractor):
    text = ("the ministry said it had detained two foreign reporters, while riot police "
            "dispersed several hundred protesters outside the court.")
    crowd = next(c for c in claims_of(extractor, text) if c.category == "participants")
    assert crowd.sources == ()


def test_a_sayer_closing_the_whole_line_covers_every_clause(extractor):
    text = "all nine detainees were freed on monday, but the curfew stayed in place, a police source said."
    (claim,) = claims_of(extractor, text)
    assert [s.name for s in claim.sources] == ["police source"]


def test_as_of_a_day_without_its_year(extractor):
    claims = claims_of(extractor, "9,500 arrested (Valdorian Detainee Watch, as of 2 March)\n"
                                  "protesters who march on sunday: 300\n")
    arrested = next(c for c in claims if c.category == "arrested")
    assert [s.name for s in arrested.sources] == ["Valdorian Detainee Watch"]
    assert (arrested.when.start, arrested.when.end) == (None, date(2023, 3, 2))


@pytest.mark.parametrize("line, expected", [
    ("Injuries: ~2,000", ("injured", 2000, 2000, "about")),
    ("Detained: c. 3,400", ("arrested", 3400, 3400, "about")),
    ("arrests: approx. 700", ("arrested", 700, 700, "about")),
    ("Participants: Tens of thousands", ("participants", 20000, 99999, "vague")),
    ("Arrests: Hundreds", ("arrested", 200, 999, "vague")),
    ("Killed: twelve", ("killed", 12, 12, "exact")),
])
def test_box_figures_in_words_and_with_signs(extractor, line, expected):
    assert table(claims_of(extractor, line)) == [expected]


def test_column_headers_that_name_who_or_qualify(extractor):
    text = ("year\tprotesters killed\tjournalists detained\tdeaths (confirmed)\n"
            "2020\t31\t12\t40\n")
    assert table(claims_of(extractor, text)) == [
        ("arrested", 12, 12, "exact"), ("killed", 31, 31, "exact"), ("killed", 40, 40, "exact")]


def test_a_box_flattened_into_one_line(extractor):
    text = "Casualties Death(s) 12–15 Injuries 300+ Arrests 1,200 (Monitor Group)"
    claims = claims_of(extractor, text)
    assert table(claims) == [("arrested", 1200, 1200, "exact"), ("injured", 300, None, "at_least"),
                             ("killed", 12, 15, "vague")]
    assert sources(claims, 1200) == ["Monitor Group"]


def test_a_bulleted_tally_with_dates_and_sayers_in_any_order(extractor):
    text = ("Protests erupted on 4 January 2023 across the country.\n"
            "Key figures:\n"
            "• Detained: 1,450 (as of 1 March 2023, per the Valdorian Detainee Watch)\n"
            "• Injured: 2,600 (Porta, according to the Red Crescent)\n")
    claims = claims_of(extractor, text)
    assert sources(claims, 1450) == ["Valdorian Detainee Watch"]
    assert sources(claims, 2600) == ["Red Crescent"]
    injured = next(c for c in claims if c.category == "injured")
    assert injured.when.end != date(2023, 3, 1)  # the item above's "as of" is not this item's


def test_a_list_whose_intro_names_what_it_counts(extractor):
    text = ("Deaths by region:\n"
            "- Porta: 17\n"
            "- Valde Coast – 9 (Detainee Watch)\n"
            "Arrests per district\n"
            "North\t610\n"
            "South\t95\n")
    claims = claims_of(extractor, text)
    assert table(claims) == [("arrested", 95, 95, "exact"), ("arrested", 610, 610, "exact"),
                             ("killed", 9, 9, "exact"), ("killed", 17, 17, "exact")]
    assert sources(claims, 9) == ["Detainee Watch"]


def test_keyed_lines_under_prose_are_no_list(extractor):
    text = "The rally was the largest in years.\n- Score: 3\nMarch: 12\n"
    assert claims_of(extractor, text) == []


def test_reference_marks_after_a_full_stop_end_the_sentence(extractor):
    text = ("Valdorian Rights Watch said 304 people were killed.[3] Police arrested 7,000 people "
            "in the following week.[4][5] In the U.S. [6] embassy statement, 12 were hurt.")
    assert [s.text for s in segment.split(text)] == [
        "Valdorian Rights Watch said 304 people were killed.",
        "Police arrested 7,000 people in the following week.",
        "In the U.S. [6] embassy statement, 12 were hurt."]
    claims = claims_of(extractor, text)
    assert sources(claims, 304) == ["Valdorian Rights Watch"] and sources(claims, 7000) == []


def test_rival_sayers_inline_on_a_label_line(extractor):
    claims = claims_of(extractor, "Turnout: 52,000 according to organisers, 9,000 according to police")
    assert sources(claims, 52000) == ["organisers"] and sources(claims, 9000) == ["police"]
    assert {c.category for c in claims} == {"participants"}
