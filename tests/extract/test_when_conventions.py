"""The `when` conventions of the spec's "Conventions for hard cases": times anchored by
the document, relative days, "as of", named waves, and which of several times dates
the counted happening. Sentences written for these tests, not taken from any sample."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract.when import declared_year, find_times
from claimledger.model import Article

D = date.fromisoformat


def claims_of(extractor, text: str, published: str):
    return extractor.extract([Article("t", text, D(published))])["t"]


def when_of(claims, value):
    found = [c for c in claims if c.value == value]
    assert len(found) == 1, [(c.span, c.value) for c in claims]
    w = found[0].when
    return (w.start and w.start.isoformat(), w.end and w.end.isoformat())


# --- a document that declares the period it covers ----------------------------

@pytest.mark.parametrize("text, published, year", [
    ("Freedonia — 2016 Human Rights Report\n\nSection 1.", "2017-03-03", 2016),
    ("ANNUAL REPORT 2023\nThe year under review saw unrest.", "2024-02-01", 2023),
    ("Country Reports on Human Rights Practices for 2020: Ruritania\n\nText.", "2021-03-30", 2020),
    ("Amnesty International Report 2022/23: The State of Rights\n", "2023-03-28", 2022),
    ("freedonia: annual review of 2014\n\nin the year under review ...", "2015-05-01", 2014),
    ("Our watchdog's report. In the year under review, 12 were held.", "2015-05-01", 2014),
])
def test_a_declared_period_is_found(text, published, year):
    assert declared_year(text, D(published)) == year


@pytest.mark.parametrize("text", [
    # a long line of news that happens to hold a year and a report word is no title
    "police said on monday that the annual rally of 2009 drew crowds, and a report by the "
    "ministry of health put the number of injured at 40 after clashes that lasted until late "
    "at night in the capital, witnesses said.",
    "Police Disperse Rallies With Tear Gas\n\nAuthorities moved against 200 protesters.",
    "Report: 300 killed in 2018 crackdown\n\nIn January police fired on crowds.",
])
def test_news_declares_no_period(text):
    assert declared_year(text, D("2019-06-01")) is None


def test_report_months_and_during_the_year_lie_in_the_declared_year(extractor):
    text = ("Freedonia — 2016 Human Rights Report\n\n"
            "On January 4, police detained 31 students in the capital. "
            "In August, security forces killed 9 protesters. "
            "During the year at least 120 activists were imprisoned. "
            "Monitors counted 17 deaths in custody in the first six months of the year.")
    claims = claims_of(extractor, text, "2017-03-03")
    assert when_of(claims, 31) == ("2016-01-04", "2016-01-04")
    assert when_of(claims, 9) == ("2016-08-01", "2016-08-31")
    assert when_of(claims, 120) == ("2016-01-01", "2016-12-31")
    assert when_of(claims, 17) == ("2016-01-01", "2016-06-30")


def test_lower_cased_report_ranges_lie_in_the_declared_year(extractor):
    text = ("ruritania 2012 annual report\n\n"
            "from march 2 to may 30, police arrested 450 people at rallies. "
            "security forces killed 14 protesters between october and november.")
    claims = claims_of(extractor, text, "2013-04-20")
    assert when_of(claims, 450) == ("2012-03-02", "2012-05-30")
    assert when_of(claims, 14) == ("2012-10-01", "2012-11-30")


def test_a_report_about_the_year_it_is_published_in_reads_as_news():
    # "World Report 2023" published in January 2023: "In August" is last August
    [m] = find_times("In August", D("2023-01-12"), declared_year("World Report 2023\n", D("2023-01-12")))
    assert (m.when.start, m.when.end) == (D("2022-08-01"), D("2022-08-31"))


def test_bare_months_in_news_are_the_latest_not_after_publication(extractor):
    claims = claims_of(extractor, "In November, police arrested 60 people in the city.", "2021-03-05")
    assert when_of(claims, 60) == ("2020-11-01", "2020-11-30")
    claims = claims_of(extractor, "in february police arrested 61 people.", "2021-03-05")
    assert when_of(claims, 61) == ("2021-02-01", "2021-02-28")


@pytest.mark.parametrize("phrase, expected", [
    ("in the first nine months of the year", ("2018-01-01", "2018-09-30")),
    ("during the first half of the year", ("2018-01-01", "2018-06-30")),
    ("in the last three months of the year", ("2018-10-01", "2018-12-31")),
    ("the second half of last year", ("2017-07-01", "2017-12-31")),
])
def test_parts_of_the_year(phrase, expected):
    [m] = find_times(phrase, D("2018-12-20"))
    assert (m.when.start.isoformat(), m.when.end.isoformat()) == expected


# --- a sentence without a time continues the happening told before it -----------

def test_continuation_takes_the_scene_opened_last_not_a_later_aside(extractor):
    text = ("Unrest spread to the coast.\n"
            "On March 3, riot police broke up a march in the port city. Officers detained "
            "210 people, and a court fined 15 of them on March 5. "
            "Police also detained 40 students at a stadium.")
    claims = claims_of(extractor, text, "2021-04-01")
    assert when_of(claims, 40) == ("2021-03-03", "2021-03-03")


def test_continuation_moves_on_with_a_new_scene(extractor):
    text = ("student protests grew.\n"
            "on june 2 students rallied outside the ministry. "
            "on june 9 thousands marched again in the capital. "
            "police detained 75 students.")
    claims = claims_of(extractor, text, "2021-07-01")
    assert when_of(claims, 75) == ("2021-06-09", "2021-06-09")


def test_continuation_skips_the_date_of_a_report(extractor):
    text = ("The army has been accused of abuses.\n"
            "Troops opened fire on a sit-in on October 28. In a November 30 report, "
            "the watchdog said the army had fired live rounds. "
            "At least 22 protesters were shot dead at the sit-in.")
    claims = claims_of(extractor, text, "2021-01-10")
    assert when_of(claims, 22) == ("2020-10-28", "2020-10-28")


def test_continuation_skips_a_sentence_opening_date_of_saying(extractor):
    text = ("Roads were cleared by force.\n"
            "Protesters blocked roads across the province in early May. On June 1, the "
            "ombudsman said the governor ordered the roads cleared. "
            "Police wounded 64 people while clearing them.")
    claims = claims_of(extractor, text, "2021-07-01")
    assert when_of(claims, 64) == ("2021-05-01", "2021-05-10")


def test_the_date_of_a_statement_is_the_sayers_not_the_claims(extractor):
    text = "On May 12, the labour ministry said 90 people had been arrested during strikes in March."
    claims = claims_of(extractor, text, "2021-05-20")
    assert when_of(claims, 90) == ("2021-03-01", "2021-03-31")
    assert [s.date for s in claims[0].sources] == [date(2021, 5, 12)]


def test_a_period_after_the_number_dates_the_count_not_the_saying(extractor):
    text = "the monitor recorded 310 arrests in the first half of the year, it said."
    claims = claims_of(extractor, text, "2021-09-01")
    assert when_of(claims, 310) == ("2021-01-01", "2021-06-30")


# --- each number its own year -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Rights groups counted at least 12 deaths in 2018 and 30 deaths in 2019.",
     {12: "2018", 30: "2019"}),
    ("in 2016 the police arrested 500 people and in 2017 they arrested 800.",
     {500: "2016", 800: "2017"}),
    ("Officials said 7 journalists were jailed in 2014 and 11 in 2015.",
     {7: "2014", 11: "2015"}),
])
def test_years_bound_to_their_own_numbers(extractor, text, expected):
    claims = claims_of(extractor, text, "2020-02-01")
    for value, year in expected.items():
        assert when_of(claims, value)[0][:4] == year


def test_one_time_for_two_numbers_is_shared(extractor):
    claims = claims_of(extractor, "Police killed 4 protesters and injured 35 on Tuesday.", "2021-03-05")
    assert when_of(claims, 4) == when_of(claims, 35) == ("2021-03-02", "2021-03-02")


def test_a_qualified_count_after_a_month_is_no_day_of_it(extractor):
    claims = claims_of(extractor, "As of May at least 40 detainees remained in custody.", "2021-07-01")
    assert [c.value for c in claims] == [40]


# --- relative days count from the last explicit day before them -------------------

@pytest.mark.parametrize("text, phrase, expected", [
    ("Clashes erupted on 14 November 2020. The next day police fired on a crowd.", "The next day", "2020-11-15"),
    ("on april 2 students walked out. two days later troops moved in.", "two days later", "2021-04-04"),
    ("Rallies were banned on Friday, May 7. A day earlier, organisers had met.", "A day earlier", "2021-05-06"),
    ("The curfew took effect on 20 June; the day before, 5 people were shot.", "the day before", "2021-06-19"),
    ("Troops entered the town on 3 February and later that day opened fire.", "later that day", "2021-02-03"),
    ("on july 1 marchers gathered. a week later, they returned.", "a week later", "2021-07-08"),
])
def test_relative_days_count_from_the_last_date(text, phrase, expected):
    [m] = [m for m in find_times(text, D("2021-08-30")) if m.when.text == phrase]
    assert (m.kind, m.when.start.isoformat(), m.when.end.isoformat()) == ("shift", expected, expected)


@pytest.mark.parametrize("text", [
    "Turnout fell two days before the vote.",   # counts from the vote, which has no date
    "police spent several days in the area.",
])
def test_no_relative_day_without_its_own_end(text):
    assert [m for m in find_times(text, D("2021-08-30")) if m.kind == "shift"] == []


def test_without_an_earlier_date_a_relative_day_counts_from_publication():
    [m] = find_times("The day before, police detained activists.", D("2021-08-30"))
    assert m.when.start == D("2021-08-29")


def test_a_relative_day_dates_a_continuation(extractor):
    text = ("Unrest spread to the north.\n"
            "Police broke up a sit-in on Sunday, 9 May. A day earlier, they detained 14 students. "
            "Seven more were arrested the next day.")
    claims = claims_of(extractor, text, "2021-05-20")
    assert when_of(claims, 14) == ("2021-05-08", "2021-05-08")
    assert when_of(claims, 7) == ("2021-05-10", "2021-05-10")


@pytest.mark.parametrize("text, expected", [
    ("on monday, june 3rd", "2019-06-03"),          # read in 2020: June 3 was a Monday in 2019
    ("Saturday, 30 November", "2019-11-30"),
    ("on friday night, january 8", "2021-01-08"),   # the next year, when the calendar says so
])
def test_a_weekday_picks_the_year_of_a_yearless_date(text, expected):
    [m] = find_times(text, D("2020-11-05"))
    assert m.when.start.isoformat() == expected


# --- weekdays of roundups, compilations and live blogs -----------------------------

def test_a_weekday_in_a_dated_item_is_that_items_weekday():
    text = ("Weekly roundup\n"
            "December 12, 2019 — Marches continued. On Sunday, riot police charged.\n"
            "December 19, 2019 — Students struck on Tuesday.")
    found = {m.when.text: m.when.start for m in find_times(text, D("2019-12-27"))}
    assert found["On Sunday"] == D("2019-12-08")
    assert found["on Tuesday"] == D("2019-12-17")


def test_a_weekday_after_a_date_later_than_publication_reads_from_that_date():
    # a compilation filed under its first article's date
    text = "troops stormed the camp on monday, june 3rd. on wednesday, doctors counted the dead."
    found = {m.when.text: m.when.start for m in find_times(text, D("2019-04-12"))}
    assert found["on wednesday"] == D("2019-05-29")   # the Wednesday not after June 3
    assert found["monday, june 3rd"] == D("2019-06-03")


def test_a_weekday_after_an_older_date_in_news_reads_from_publication():
    text = "The crackdown began on 3 June. On Friday, 40 more people were arrested."
    found = {m.when.text: m.when.start for m in find_times(text, D("2019-06-09"))}
    assert found["On Friday"] == D("2019-06-07")


def test_live_blog_items_take_their_own_day(extractor):
    text = ("Live: protests across the country\n"
            "Monday, 7 March 2022\n"
            "Police say 45 people were detained in the capital.\n"
            "Tuesday, 8 March 2022\n"
            "Medics reported 3 deaths in the north.\n"
            "Organisers said 1,200 marchers gathered again overnight.")
    claims = claims_of(extractor, text, "2022-03-09")
    assert when_of(claims, 45) == ("2022-03-07", "2022-03-07")
    assert when_of(claims, 3) == ("2022-03-08", "2022-03-08")
    assert when_of(claims, 1200) == ("2022-03-07", "2022-03-08")  # the night before the item's day


# --- of several times, the one that dates the counted happening ---------------------

@pytest.mark.parametrize("text, published, expected", [
    ("On Tuesday police detained 85 people at rallies against Sunday's disputed election.",
     "2021-06-10", ("2021-06-08", "2021-06-08")),
    ("riot police arrested 120 students yesterday after the june 2 vote.",
     "2021-06-10", ("2021-06-09", "2021-06-09")),
    ("After Monday's election, 40 people were arrested in the capital on Wednesday.",
     "2021-06-12", ("2021-06-09", "2021-06-09")),
    ("Troops wounded 33 protesters on 4 July, ahead of the 9 July referendum.",
     "2021-07-20", ("2021-07-04", "2021-07-04")),
])
def test_the_date_of_another_happening_does_not_date_the_count(extractor, text, published, expected):
    claims = claims_of(extractor, text, published)
    assert when_of(claims, [c.value for c in claims][0]) == expected


def test_a_date_that_names_the_happening_itself_dates_it(extractor):
    claims = claims_of(extractor, "Soldiers killed 57 people in the May 14 crackdown.", "2021-06-10")
    assert when_of(claims, 57) == ("2021-05-14", "2021-05-14")


def test_a_dated_report_without_a_known_sayer_is_not_the_counts_time(extractor):
    text = ("Protests swept the country in March.\n"
            "A 12 April statement listed 76 deaths in the protests.")
    claims = claims_of(extractor, text, "2021-06-10")
    assert when_of(claims, 76) != ("2021-04-12", "2021-04-12")


# --- "as of" and "by the end of" end the count there ---------------------------------

@pytest.mark.parametrize("text, expected", [
    ("As of 2 March, 9,500 people had been arrested.", (None, "2021-03-02")),
    ("by the end of june at least 310 protesters had been detained.", (None, "2021-06-30")),
    ("The death toll stood at 41 as of September, medics said.", (None, "2020-09-30")),
])
def test_as_of_ends_the_count_with_an_open_start(extractor, text, expected):
    claims = claims_of(extractor, text, "2021-07-15")
    assert when_of(claims, [c.value for c in claims][0]) == expected


def test_as_of_starts_with_the_wave_the_article_gave(extractor):
    text = ("The uprising began on 17 October 2019.\n"
            "As of 10 January, the health ministry said 52 people had died in the unrest.")
    claims = claims_of(extractor, text, "2020-01-20")
    assert when_of(claims, 52) == ("2019-10-17", "2020-01-10")


def test_as_of_bounds_a_period_in_the_same_sentence(extractor):
    text = ("Ruritania — 2018 Human Rights Report\n\n"
            "As of November 2, monitors reported 140 executions during the year.")
    claims = claims_of(extractor, text, "2019-03-13")
    assert when_of(claims, 140) == ("2018-01-01", "2018-11-02")


# --- a history written long after: year-less dates take the year of their story -----

def test_encyclopedia_dates_take_the_year_of_the_scene_before_them(extractor):
    text = ("Protests\n"
            "In November 2019 a general strike paralysed the capital, and police killed "
            "12 people on 3 November.\n"
            "On 10 January, security forces arrested 300 strikers.")
    claims = claims_of(extractor, text, "2023-05-01")
    assert when_of(claims, 12) == ("2019-11-03", "2019-11-03")
    assert when_of(claims, 300) == ("2020-01-10", "2020-01-10")


def test_lower_cased_history_dates_follow_their_scene():
    text = "on 17 october 2018 students occupied the campus. by march the movement had spread."
    found = {m.when.text: m.when for m in find_times(text, D("2024-02-01"))}
    assert found["by march"].end == D("2019-03-31")


def test_news_background_year_does_not_move_todays_dates():
    text = ("Police fired tear gas on Monday, June 3, a year after the June 2018 crackdown. "
            "In March 2017 the movement was born. On June 5 more marches followed.")
    found = {m.when.text: m.when.start for m in find_times(text, D("2019-06-10"))}
    assert found["Monday, June 3"] == D("2019-06-03")
    assert found["June 5"] == D("2019-06-05")   # news (a weekday): not moved to 2017


# --- a named wave takes the interval the article gave it ------------------------------

def test_a_named_wave_takes_the_start_the_article_gave_it(extractor):
    text = ("The protests began on 17 October after a rise in metro fares.\n"
            "On 2 December the president reshuffled his cabinet.\n"
            "Prosecutors say 26 people were killed during the protests.")
    claims = claims_of(extractor, text, "2019-12-20")
    assert when_of(claims, 26) == ("2019-10-17", None)


def test_lower_cased_named_wave_in_a_later_paragraph(extractor):
    text = ("demonstrations against the fuel price rise erupted on 3 may.\n"
            "on 20 may the government blamed foreign agents.\n"
            "medics said 14 people were wounded in the demonstrations.")
    claims = claims_of(extractor, text, "2021-06-01")
    assert when_of(claims, 14) == ("2021-05-03", None)


def test_a_wave_dated_by_its_own_words_is_not_the_older_wave(extractor):
    text = ("Protests first erupted in December over the price of bread.\n"
            "On Sunday, crowds filled the streets again.\n"
            "Officials said 7 people died in the day's demonstrations.")
    claims = claims_of(extractor, text, "2019-06-30")
    assert when_of(claims, 7) == ("2019-06-30", "2019-06-30")


def test_a_future_date_in_news_is_no_item_of_a_compilation():
    text = ("A magistrate set a hearing for June 21. Police arrested 40 activists last week "
            "and 12 more on Tuesday.")
    found = {m.when.text: m.when for m in find_times(text, D("2021-05-23"))}
    assert found["last week"].end == D("2021-05-23")
    assert found["on Tuesday"].start == D("2021-05-18")


def test_relative_phrases_do_not_bind_to_counts_like_years(extractor):
    claims = claims_of(extractor, "five people were killed overnight and 30 were hurt, "
                                  "the police said today.", "2021-06-01")
    assert when_of(claims, 30) != ("2021-06-01", "2021-06-01")


def test_a_period_declared_in_the_title_field(extractor):
    article = Article("t", "In September security forces detained 230 students.", D("2016-10-20"),
                      title="Freedonia: Annual Report 2015")
    [c] = extractor.extract([article])["t"]
    assert (c.when.start, c.when.end) == (D("2015-09-01"), D("2015-09-30"))


@pytest.mark.parametrize("text, expected", [
    ("The march, held every year since 1919, drew 5,000 people on Sunday.", ("2021-06-06", "2021-06-06")),
    ("In a tradition kept since 1919, 5,000 people marched on Sunday.", ("2021-06-06", "2021-06-06")),
    ("in the oldest rally since 1952, about 800 farmers marched in march.", ("2021-03-01", "2021-03-31")),
    ("Since 2001 the union has struck often; on 3 May 1,200 workers walked out.", ("2021-05-03", "2021-05-03")),
])
def test_a_history_since_yields_to_the_happenings_own_time(extractor, text, expected):
    claims = claims_of(extractor, text, "2021-06-07")
    assert when_of(claims, [c.value for c in claims][0]) == expected


def test_a_count_since_a_year_keeps_it(extractor):
    claims = claims_of(extractor, "At least 420 people have died in custody since 2009.", "2021-06-07")
    assert when_of(claims, 420) == ("2009-01-01", "2021-06-07")


def test_a_compilation_sentence_takes_its_articles_day(extractor):
    # one paragraph of notes filed under the first article's date
    text = ("crowds celebrated in the capital yesterday. "
            "troops stormed the sit in on monday, june 3rd, killing dozens. "
            "in a statement, doctors said 118 people had been wounded.")
    claims = claims_of(extractor, text, "2019-04-12")
    assert when_of(claims, 118) == ("2019-06-03", "2019-06-03")


# --- "the first since June 3, when ...": the when clause tells a happening ----------

@pytest.mark.parametrize("text, published, value, expected", [
    ("Crowds marched on Friday.\nFriday's rally was the largest since 14 May, when troops "
     "fired on a march. Medics say 23 people died.", "2021-06-12", 23, ("2021-05-14", "2021-05-14")),
    ("students marched again on tuesday.\ntuesday s march was the first since march 2 when "
     "police cleared the square. at least 9 students were wounded.", "2021-04-01", 9,
     ("2021-03-02", "2021-03-02")),
])
def test_a_when_clause_after_a_comparison_tells_the_happening_that_follows(
        extractor, text, published, value, expected):
    claims = claims_of(extractor, text, published)
    assert when_of(claims, value) == expected


def test_a_comparison_without_a_when_clause_stays_a_yardstick(extractor):
    text = ("Crowds marched on Friday.\nFriday's rally was the largest since 14 May. "
            "Organisers say 4,000 people took part.")
    claims = claims_of(extractor, text, "2021-06-12")
    assert when_of(claims, 4000) == ("2021-06-11", "2021-06-11")


# --- fact boxes and histories: year ranges ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the 2019–2020 Freedonian protests", ("2019-01-01", "2020-12-31")),
    ("in 2011-12 students marched", ("2011-01-01", "2012-12-31")),
])
def test_year_ranges_and_open_intervals(text, expected):
    [m] = find_times(text, D("2023-11-05"))
    assert (m.when.start.isoformat(), m.when.end.isoformat()) == expected


@pytest.mark.parametrize("text", ["2011-12-05", "killed 1,988-1,995", "from 2019 to 1990"])
def test_no_year_range_in_dates_counts_or_backward_spans(text):
    assert [m for m in find_times(text, D("2023-11-05")) if m.when.text.count("-") == 1
            and m.kind == "year"] == []


def test_fact_box_figures_take_the_boxs_period(extractor):
    text = ("Freedonian protests\n"
            "Date\t17 October 2019 – 10 March 2020\n"
            "Location\tFreedonia\n"
            "Deaths\t41\n"
            "Arrested\t2,300+\n\n"
            "The protests were a series of demonstrations against the government.")
    claims = claims_of(extractor, text, "2023-05-01")
    assert when_of(claims, 41) == ("2019-10-17", "2020-03-10")


def test_during_the_year_opening_a_report_out_early_next_year_declares_it(extractor):
    text = ("Section 1. Respect for the Integrity of the Person\n\n"
            "During the year there were reports of unlawful killings.\n\n"
            "In January police shot dead 6 protesters in the north.")
    claims = claims_of(extractor, text, "2021-03-30")
    assert when_of(claims, 6) == ("2020-01-01", "2020-01-31")


@pytest.mark.parametrize("published", ["2021-07-30", "2021-11-02"])
def test_during_the_year_in_news_later_in_the_year_declares_nothing(published):
    assert declared_year("During the year the movement grew.", D(published)) is None


def test_a_background_year_far_back_does_not_set_the_year_of_a_later_section():
    text = ("The president took office in March 2018.\n\n"
            "Security forces answered with force.\n\n"
            "Officers used tear gas on crowds.\n\n"
            "Three soldiers were arrested; investigations were underway as of November.")
    [m] = [m for m in find_times(text, D("2020-03-11")) if m.up_to]
    assert m.when.end == D("2019-11-30")


@pytest.mark.parametrize("text, expected", [
    ("On 12 March troops fired on a march. Later that month, police detained 40 students.",
     ("2021-03-01", "2021-03-31")),
    ("in november 2019 the strike spread. in the same month police detained 75 strikers.",
     ("2019-11-01", "2019-11-30")),
    ("Protests began on 30 January. Earlier that month, police detained 18 activists.",
     ("2021-01-01", "2021-01-31")),
])
def test_that_month_is_the_month_last_named(extractor, text, expected):
    claims = claims_of(extractor, text, "2021-06-05")
    assert when_of(claims, [c.value for c in claims][0]) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("From January 1 to June 30, monitors recorded 410 deaths, up from 380 during the same "
     "period in 2018.", "2019-08-01", ("2018-01-01", "2018-06-30")),
    ("in the first half of the year police held 300 people, against 120 in the same period "
     "last year.", "2021-08-01", ("2020-01-01", "2020-06-30")),
    ("Between March and May the group counted 95 deaths, compared with the corresponding "
     "period of 2016.", "2017-07-01", ("2016-03-01", "2016-05-31")),
])
def test_the_same_period_of_another_year_repeats_the_last_period(text, published, expected):
    [m] = [m for m in find_times(text, D(published)) if m.kind == "same_period"]
    assert (m.when.start.isoformat(), m.when.end.isoformat()) == expected


@pytest.mark.parametrize("text, expected", [
    ("Between March and May the group counted 95 deaths.", ("2017-03-01", "2017-05-31")),
    ("from november to february police held 300 people.", ("2016-11-01", "2017-02-28")),
    ("between 5 may and 7 june", ("2017-05-05", "2017-06-07")),
    ("from October to December 2015", ("2015-10-01", "2015-12-31")),
])
def test_month_ranges(text, expected):
    [m] = find_times(text, D("2017-07-01"))
    assert (m.when.start.isoformat(), m.when.end.isoformat()) == expected


def test_may_after_and_is_still_no_month():
    assert find_times("police fired and may have killed two.", D("2017-07-01")) == []


def test_a_when_clause_after_since_a_year_tells_that_year(extractor):
    text = ("Crowds marched on Sunday.\nIt was the largest rally since 1995, when police "
            "arrested 61 students.")
    claims = claims_of(extractor, text, "2016-06-20")
    assert when_of(claims, 61) == ("1995-01-01", "1995-12-31")


# --- the lead's unseen-note regressions, as classes ------------------------------------

@pytest.mark.parametrize("text, published, value, expected", [
    ("police said on tuesday that at least 3 people died in the violence, the worst since "
     "the party began demanding power late last year.", "2007-01-24", 3, ("2007-01-23", "2007-01-23")),
    ("On Sunday 18 districts saw gatherings, the first unrest since the city was convulsed "
     "by violence a week earlier.", "2019-10-14", 18, ("2019-10-13", "2019-10-13")),
    ("about 200,000 people rallied on monday, the biggest crowd since a papal mass in 1997.",
     "2005-02-15", 200000, ("2005-02-14", "2005-02-14")),
])
def test_a_yardstick_clause_does_not_date_the_count(extractor, text, published, value, expected):
    claims = claims_of(extractor, text, published)
    assert when_of(claims, value) == expected


def test_a_count_inside_the_yardstick_keeps_its_time(extractor):
    text = ("Crowds marched on Monday.\nIt was the largest unrest since protests in 75 cities "
            "in December and January.")
    claims = claims_of(extractor, text, "2018-06-26")
    assert when_of(claims, 75) == ("2017-12-01", "2018-01-31")


def test_a_weekday_compound_after_after_dates_the_count(extractor):
    claims = claims_of(extractor, "about 50 youths marched after friday prayers in the port.",
                       "2011-07-10")
    assert when_of(claims, 50) == ("2011-07-08", "2011-07-08")


@pytest.mark.parametrize("text, phrase, expected", [
    ("police fired on saturday.\n; 3 dozens were wounded in clashes the previous evening, "
     "prompting calls for calm on sunday afternoon.", "the previous evening", "2015-08-15"),
    ("the strike began on 3 may. the day before, unions met.", "the day before", "2015-05-02"),
    ("thousands marched on monday after police opened fire the day before.", "the day before",
     "2015-08-16"),
])
def test_a_relative_day_counts_from_its_own_sentences_day(text, phrase, expected):
    [m] = [m for m in find_times(text, D("2015-08-19")) if m.when.text == phrase]
    assert m.when.start == D(expected)


@pytest.mark.parametrize("text", ["To date, 15,000 people have joined the protests.",
                                  "so far 3,000 people have protested in the town."])
def test_to_date_counts_up_to_publication(extractor, text):
    claims = claims_of(extractor, "Protests began in June.\n" + text, "2011-05-26")
    assert when_of(claims, [c.value for c in claims][0]) == (None, "2011-05-26")


def test_a_count_in_an_earlier_dated_happening_takes_its_year(extractor):
    text = ("it was the biggest protest on the island since it reverted to home rule in 1972, "
            "eclipsing a 1995 rally in which 85,000 protested.")
    claims = claims_of(extractor, text, "2007-09-30")
    assert when_of(claims, 85000) == ("1995-01-01", "1995-12-31")


# --- after merging: comparisons of periods, context that names another happening ------

@pytest.mark.parametrize("text, expected", [
    ("From January 1 to June 30, the mission reported an overall increase in civilian deaths "
     "over the same period for 2016, from 210 to 340.", {210: "2016-01-01", 340: "2017-01-01"}),
    ("In the first half of the year the group recorded more arrests than in the same period "
     "last year.\nArrests rose from 400 to 650.", {400: "2016-01-01", 650: "2017-01-01"}),
    ("between march and may police detained 90 people, up from 40 in the same period of 2016.",
     {90: "2017-03-01", 40: "2016-03-01"}),
])
def test_from_a_to_b_across_two_periods(extractor, text, expected):
    claims = claims_of(extractor, text, "2017-08-01")
    for value, start in expected.items():
        assert when_of(claims, value)[0] == start


@pytest.mark.parametrize("text", [
    "Protesters rallied against the 25 October military takeover.\nWitnesses said police "
    "fired tear gas at protesters in 12 places.",
    "crowds marched in the capital after monday s disputed vote.\nmedics said 9 people "
    "were hurt.",
    "Students marched ahead of the 20 November referendum.\nPolice detained 31 of them.",
])
def test_a_context_time_of_another_happening_is_passed_over(extractor, text):
    claims = claims_of(extractor, "Police cracked down on Wednesday.\n" + text, "2021-11-17")
    assert claims[-1].when.start == D("2021-11-17")


@pytest.mark.parametrize("text, published, value, expected", [
    ("the country has been tense since march 17, when police killed five protesters.",
     "2002-11-16", 5, ("2002-03-17", "2002-03-17")),
    ("The square has been closed since 4 June, when troops shot dead 23 students.",
     "2002-11-16", 23, ("2002-06-04", "2002-06-04")),
    # a count since a start keeps the interval up to publication
    ("At least 40 people have been killed since February 1, when the army seized power.",
     "2021-03-03", 40, ("2021-02-01", "2021-03-03")),
])
def test_a_count_in_a_when_clause_takes_its_time(extractor, text, published, value, expected):
    claims = claims_of(extractor, text, published)
    assert when_of(claims, value) == expected


# --- a month said in the sentence, a relative day after a month --------------------------

@pytest.mark.parametrize("text, value, expected", [
    ("Ruritania — 2021 Human Rights Report\n\nProtests continued during the year. In March "
     "the interior ministry announced that 14 police officers were injured.", 14,
     ("2021-03-01", "2021-03-31")),
    ("Ruritania — 2021 Human Rights Report\n\nArrests rose during the year. in june the "
     "prosecutor said 60 activists had been charged.", 60, ("2021-06-01", "2021-06-30")),
    ("Ruritania — 2021 Human Rights Report\n\nUnrest spread during the year. In October, "
     "a monitoring group reported that 9 protesters had been shot.", 9, ("2021-10-01", "2021-10-31")),
])
def test_a_month_of_saying_narrows_the_reports_year(extractor, text, value, expected):
    claims = claims_of(extractor, text, "2022-04-12")
    assert when_of(claims, value) == expected


@pytest.mark.parametrize("text, published, phrase, expected", [
    ("In March police wounded 14 officers. Two of them died the following day.", "2022-04-12",
     "the following day", ("2022-03-01", "2022-03-31")),
    ("in september 2019 troops fired on crowds. the next day hospitals were full.", "2021-01-01",
     "the next day", ("2019-09-01", "2019-09-30")),
    ("The following day, police detained dozens more.", "2022-04-12", "The following day",
     (None, None)),
])
def test_a_relative_day_after_a_month_stays_in_it_and_never_passes_publication(
        text, published, phrase, expected):
    [m] = [m for m in find_times(text, D(published)) if m.when.text == phrase]
    w = m.when
    assert (w.start and w.start.isoformat(), w.end and w.end.isoformat()) == expected
