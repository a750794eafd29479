"""The Persian (fa) path: normalisation, numbers, categories, sources, times, places,
aliases, and a Persian and an English article meeting in one event. Every sentence
here was written for these tests (none comes from the samples)."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.extract.fa import article_claims
from claimledger.extract.fa.normalise import normalise, squash
from claimledger.extract.fa.quantities import find_quantities, number_value
from claimledger.extract.fa.when import find_times
from claimledger.model import Article
from claimledger.pipeline import ingest_articles
from claimledger.store import open_store

DAY = date(2022, 10, 20)  # a Thursday: 28 Mehr 1401


def claims(text: str, published: date = DAY):
    return article_claims(Article("t", text, published=published, language="fa"))


def one(text: str, published: date = DAY):
    found = claims(text, published)
    assert len(found) == 1, [(c.category, c.span) for c in found]
    return found[0]


# normalisation keeps every offset

def test_normalising_keeps_length_and_unifies_letters_digits_and_joiners():
    raw = "دست‌كم ۴۵ معترض در ﻿يك روز؛ ١٢٬٥٠٠ نفر"
    text = normalise(raw)
    assert len(text) == len(raw)
    assert "ك" not in text and "ي" not in text and "12,500" in text and "\u200c" not in text
    assert squash("عفو بین‌الملل") == squash("عفو بين الملل") == squash("عفو بینالملل")


# numbers

@pytest.mark.parametrize("words, value", [
    ("هزار و پانصد", 1500), ("بیست و پنج هزار", 25000), ("۲۰ هزار", 20000), ("۱۴٬۰۰۰", 14000),
    ("یکصد", 100), ("دو میلیون و سیصد هزار", 2_300_000), ("٣٥", 35)])
def test_number_words_and_digits(words, value):
    assert number_value(normalise(words)) == value


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("دست‌کم ۳۷ نفر", 37, None, "at_least"), ("حداقل ۹ نفر", 9, None, "at_least"),
    ("بیش از ۲۰۰ نفر", 201, None, "more_than"), ("حدود ۶۰ نفر", 60, 60, "about"),
    ("نزدیک به ۸۰۰ نفر", 800, 800, "about"), ("تقریباً ۷۰ نفر", 70, 70, "about"), ("کمتر از ۳۰ نفر", None, 29, "less_than"),
    ("ده‌ها نفر", 24, 99, "vague"), ("دهها نفر", 24, 99, "vague"), ("صدها نفر", 200, 999, "vague"),
    ("هزاران نفر", 2000, 9999, "vague"), ("ده‌ها هزار نفر", 20000, 99999, "vague"),
    ("بین ۴۰ تا ۶۰ نفر", 40, 60, "vague"), ("۱۸٬۵۰۰+ نفر", 18500, None, "at_least")])
def test_qualifiers_and_vague_words(text, low, high, qualifier):
    t = normalise(text)
    (q,) = find_quantities(t, 0, len(t))
    assert (q.low, q.high, q.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text", [
    "دختری ۱۵ ساله در این روز کشته شد.",  # an age
    "اعتراضات شش روز ادامه داشت و دو هفته بعد کشته‌ها دفن شدند.",  # durations
    "قیمت نان سه برابر شد و ۲۰ درصد کارگران اخراج شدند.",  # a multiple, a share
    "دادگاه ۵۰۰ میلیون تومان جریمه تعیین کرد.",  # money
    "قیمت دلار به ۳۸ هزار تومان رسید.",  # a price
    "معترضان به ۳ بازداشتگاه در حومه شهر منتقل شدند.",  # a count of prisons
    "برای این معترضان ۱۲ پرونده تشکیل شد.",  # a count of cases
    "در ۱۲ آبان ۱۴۰۱ معترضان در خیابان‌ها بودند.",  # a date
    "در تاریخ ۱۴۰۱/۰۸/۰۳ معترضان بازداشت‌شده به دادگاه رفتند.",  # a date in figures
    "هیچ کس در این تجمع کشته نشد.",  # a zero statement
    "۸۰ نفر از بازداشت‌شدگان با قید وثیقه آزاد شدند.",  # released
    "در این هفته ۲۱۴ تجمع در سراسر کشور برگزار شد.",  # gatherings
    "شماری از معترضان زخمی شدند.",  # «a number of» is no number
    "یک خانواده پنج نفری در این شهر زندگی می‌کند.",  # a family's size
    "روز سه شنبه معترضان دوباره به خیابان آمدند و پلیس کسی را بازداشت نکرد.",  # «سه» of a weekday
])
def test_dates_ages_money_and_the_like_are_not_claims(text):
    assert claims(text) == []


# categories

@pytest.mark.parametrize("text, category, value", [
    ("در درگیری‌های دیشب ۹ نفر کشته شدند.", "killed", 9),
    ("دست‌کم ۲۷ معترض در این شهر جان باختند.", "killed", 27),
    ("ماموران ۴ نفر را به ضرب گلوله کشتند.", "killed", 4),
    ("۱۴ نفر در تیراندازی ماموران زخمی شدند.", "injured", 14),
    ("پلیس از دستگیری ۶۵ نفر خبر داد.", "arrested", 65),
    ("شمار بازداشت‌شدگان به ۳۱۰ نفر رسید.", "arrested", 310),
    ("دادگاه ۳ معترض را به اعدام محکوم کرد.", "sentenced", 3),
    ("در این تصادف ۶ نفر جان باختند.", "died", 6),  # an accident: died, not killed
    ("خانواده‌ها می‌گویند ۶ فعال دانشجویی ناپدید شده‌اند.", "disappeared", 6),
    ("حدود ۲ هزار نفر در میدان شهر تجمع کردند.", "participants", 2000),
    ("بیش از ۳۰۰ تظاهرکننده به خیابان آمدند.", "participants", 300),
    ("در تجمع ۵۰ هزار نفری روز جمعه شعار دادند.", "participants", 50000),
    ("حد اقل ۱۲ مظاهره‌چی در کابل بازداشت شده اند.", "arrested", 12),  # Dari
    ("در این شهر ۶۰ زن مظاهره کردند.", "participants", 60),
    ("در این درگیری دو مامور انتظامی به شهادت رسیدند.", "killed", 2),
    ("اعتراضات به بیش از ۴۰ شهر کشیده شد.", "protest_sites", 40),
])
def test_categories_from_nouns_and_verbs(text, category, value):
    c = one(text)
    assert (c.category, c.value) == (category, value)


def test_one_victim_counts_but_not_her_age():
    c = one("یک دختر ۱۶ ساله در این روز کشته شد.")
    assert (c.category, c.value, c.subject) == ("killed", 1, "girls")


def test_each_figure_keeps_its_own_verb_and_parts_take_their_whole():
    found = claims("در این روز ۵۰۰ نفر راهپیمایی کردند و ۳۰ نفر بازداشت شدند که ۷ نفر از آنها دانشجو هستند.")
    assert [(c.category, c.value) for c in found] == [("participants", 500), ("arrested", 30), ("arrested", 7)]
    found = claims("یک مرد و سه زن در این تیراندازی جان باختند.")  # coordinated, one verb
    assert [(c.category, c.value) for c in found] == [("killed", 1), ("killed", 3)]
    found = claims("پنج نفر کشته و یازده نفر زخمی شدند.")
    assert [(c.category, c.value) for c in found] == [("killed", 5), ("injured", 11)]


def test_a_harm_that_a_protest_answers_is_not_the_figures_fate():
    c = one("حدود ۴۰۰ معلم در اعتراض به بازداشت همکارانشان در برابر مجلس تجمع کردند.")
    assert (c.category, c.value) == ("participants", 400)
    c = one("در پی کشته شدن یک جوان، صدها نفر در شهر راهپیمایی کردند.")
    assert (c.category, c.low) == ("participants", 200)


def test_a_toll_that_passed_a_figure_is_more_than_it():
    c = one("شمار بازداشت‌شدگان از ۲ هزار نفر گذشت.")
    assert (c.category, c.value, c.low, c.qualifier) == ("arrested", 2000, 2001, "more_than")


def test_a_part_named_with_its_whole_leaves_the_whole_its_verb():
    found = claims("یک نهاد حقوق بشری گفت بیش از ۳۰۰ نفر از جمله ۴۱ کودک در این ماه کشته شده‌اند.")
    assert [(c.category, c.value, c.subject) for c in found] == [("killed", 300, "people"), ("killed", 41, "children")]


def test_a_list_of_parts_takes_the_whole_and_a_figure_its_sentence():
    found = claims("تا کنون ۳۱۰ نفر کشته شده‌اند که شامل ۲۵۰ معترض، ۵۰ مأمور، یک قاضی و هشت رهگذر است.")
    assert [(c.category, c.value) for c in found] == [
        ("killed", 310), ("killed", 250), ("killed", 50), ("killed", 1), ("killed", 8)]
    c = one("این نهاد شمار بازداشت‌شدگان را در ۲۰ استان کشور، ۹٬۵۰۰ نفر اعلام کرد.")
    assert (c.category, c.value) == ("arrested", 9500)


def test_a_fact_box_line_takes_its_heading():
    found = claims("جان‌باختگان\nدست‌کم ۳۵ نفر\nبازداشت‌شدگان\n۲٬۴۰۰+")
    assert [(c.category, c.low, c.qualifier) for c in found] == [("killed", 35, "at_least"), ("arrested", 2400, "at_least")]


def test_a_fact_box_heading_covers_its_value_lines_and_the_box_date_their_time():
    box = ("تاریخ۳ مهر ۱۳۹۹ – ۱۰ آبان ۱۳۹۹\nتلفات\nکشته‌ها\n۵۵ نفر (به گفته گروه‌های مخالف)\n"
           "۱۲ نفر (به گفته مقام‌های رسمی)\nزخمی‌ها\nنامعلوم\n\nمتن مقاله از اینجا آغاز می‌شود.")
    found = claims(box, date(2021, 1, 1))
    assert [(c.category, c.value, c.sources[0].name) for c in found] == [
        ("killed", 55, "گروه‌های مخالف"), ("killed", 12, "مقام‌های رسمی")]
    assert all((c.when.start, c.when.end) == (date(2020, 9, 24), date(2020, 10, 31)) for c in found)


def test_a_label_and_a_colon_before_the_figure():
    found = claims("کشته‌ها: ۱۲ نفر\nبازداشت‌شدگان: بیش از ۲۰۰ نفر\nتعداد معترضان: حدود ۵ هزار نفر")
    assert [(c.category, c.value, c.sources) for c in found] == [
        ("killed", 12, ()), ("arrested", 200, ()), ("participants", 5000, ())]


def test_a_known_name_in_parentheses_after_a_figure_says_it():
    c = one("کشته‌ها: بیش از ۳۰۰ نفر (هرانا، تا ۱۰ آبان)")
    assert (c.category, c.low, c.sources[0].name) == ("killed", 301, "Human Rights Activists News Agency")


def test_a_list_after_an_introducing_sentence_and_a_blank_line():
    text = "شهرهایی که بازداشت معترضان در آنها گزارش شده به شرح زیر است:\n\nسنندج ۴۱ نفر، سقز ۲۲ نفر، بانه ۹ نفر"
    assert [(c.category, c.value, c.where.name) for c in claims(text)] == [
        ("arrested", 41, "Sanandaj"), ("arrested", 22, "Saqqez"), ("arrested", 9, "Baneh")]
    text = "کشته‌شدگان به تفکیک استان به شرح زیر است:\nسیستان و بلوچستان ۱۱۲ نفر، کهگیلویه و بویراحمد ۱۸ نفر"
    assert [c.where.admin1 for c in claims(text)] == ["Sistan and Baluchestan", "Kohgiluyeh and Boyer-Ahmad"]


def test_a_list_by_city_under_its_heading():
    found = claims("شمار زخمی‌ها به تفکیک شهر\nرشت: ۳۱ نفر\nساری: ۱۴ نفر\nگرگان: ۶ نفر")
    assert [(c.category, c.value, c.where.name, c.sources) for c in found] == [
        ("injured", 31, "Rasht", ()), ("injured", 14, "Sari", ()), ("injured", 6, "Gorgan", ())]


# sources

def test_formulaic_attributions_and_chains():
    c = one("به گزارش خبرگزاری ایلنا، ۱۲ کارگر معترض در اهواز بازداشت شدند.")
    assert [s.name for s in c.sources] == ["Iranian Labour News Agency"]
    c = one("به گزارش رادیو فردا به نقل از هەنگاو، ۱۵ نفر در سقز زخمی شدند.")
    assert [s.name for s in c.sources] == ["Hengaw Organization for Human Rights", "Radio Farda"]
    c = one("خبرگزاری حکومتی ایرنا گزارش داد که ۷۰ نفر در شیراز دستگیر شدند.")
    assert c.sources[0].name == "Islamic Republic News Agency"
    assert one("سخنگوی وزارت کشور گفت ۵۱ نفر زخمی شدند.").sources[0].name == "سخنگوی وزارت کشور"
    c = one("نمایندگان معترضان گفت‌وگو با فرماندار را رد کردند و ۸ نفر بازداشت شدند.")
    assert c.sources == ()  # «گفت‌وگو» is a conversation, not «گفت»
    c = one("به گزارش ایسنا دادستان قزوین گفت ۱۷ نفر بازداشت شده‌اند.")
    assert [s.name for s in c.sources] == ["دادستان قزوین", "Iranian Students' News Agency"]
    c = one("رادیو فردا: سازمان حقوق بشر ایران گزارش داده که ۷۵ نفر کشته شده‌اند.")
    assert [s.name for s in c.sources] == ["Iran Human Rights", "Radio Farda"]
    c = one("خبرگزاری فرانسه به نقل از عفو بین‌الملل نوشت: «بر اساس گزارش منابع محلی ۵۲ نفر کشته شده‌اند.»")
    assert [s.name for s in c.sources] == ["Amnesty International", "Agence France-Presse"]
    c = one("به گزارش کانون دفاع از حقوق کارگران، ۱۸ کارگر بازداشت شدند.")
    assert c.sources[0].name == "کانون دفاع از حقوق کارگران"
    c = one("به گزارش خبرگزاری ایلنا، فرماندار شهر: دیشب ۲۴ نفر بازداشت شدند.")
    assert [s.name for s in c.sources] == ["فرماندار شهر", "Iranian Labour News Agency"]
    assert c.when.start == date(2022, 10, 19)
    c = one("عفو بین‌الملل و دیده‌بان حقوق بشر اعلام کردند که ۳۳ نفر کشته شده‌اند.")
    assert [s.name for s in c.sources] == ["Amnesty International", "Human Rights Watch"]
    c = one("پلیس و دادستان شهر گفت ۱۱ نفر بازداشت شدند.")  # a singular verb: one sayer
    assert len(c.sources) == 1
    # «X به رادیو فردا گفت»: the outlet a sayer told is mostly the one publishing, no link of the chain
    c = one("شاهدان عینی به رادیو فردا گفتند که ۶ نفر بازداشت شدند.")
    assert [s.name for s in c.sources] == ["شاهدان عینی"]
    c = one("پیشتر سازمان دیده‌بان حقوق بشر اعلام کرده بود که ۴۰ نفر ناپدید شده‌اند.")
    assert c.sources[0].name == "Human Rights Watch"
    c = one("روز دوشنبه ۱۸ مهر دادستان شیراز اعلام کرد ۲۹ نفر بازداشت شده‌اند.")
    assert c.sources[0].name == "دادستان شیراز"
    c = one("فرماندار شهر در گفتگو با ایسنا تصریح کرد ۳۳ نفر دستگیر شده‌اند.")
    assert c.sources[0].name == "فرماندار شهر"
    c = one("دادستان اراک به نقل از رئیس پلیس شهر گفت ۴۲ نفر دستگیر شده‌اند.")
    assert [s.name for s in c.sources] == ["رئیس پلیس شهر", "دادستان اراک"]
    c = one("نماینده مردم سنندج، علی رضایی، روز دوشنبه از بازداشت ۱۹ نفر خبر داد.")
    assert c.sources[0].name == "نماینده مردم سنندج، علی رضایی"


def test_a_sayer_closing_the_sentence_covers_its_figures_but_not_figures_before_its_clause():
    c = one("حدود ۲۰۰ نفر در این شهر بازداشت شدند، سازمان عفو بين‌الملل اعلام كرد.")
    assert [s.name for s in c.sources] == ["Amnesty International"]
    first, second = claims("در حالی که ۳ نفر زخمی شده بودند، برخی مقام‌های محلی از کشته شدن ۲ نفر خبر دادند.")
    assert first.sources == () and second.sources[0].name == "برخی مقام‌های محلی"


def test_an_attribution_in_the_middle_covers_its_own_clause():
    first, second = claims("ماموران ۱۲ نفر را بازداشت کردند و به گفته شاهدان، ۳ نفر زخمی شدند.")
    assert first.sources == () and second.sources[0].name == "شاهدان"
    c = one("حدود ۹۰۰ نفر بازداشت شدند، آسوشیتدپرس به نقل از یک مقام قضایی گزارش داد.")
    assert [s.name for s in c.sources] == ["یک مقام قضایی", "Associated Press"]
    c = one("۱۶ نفر در این شهر کشته شدند، به گفته منابع محلی.")
    assert c.sources[0].name == "منابع محلی"


def test_bare_reports_give_no_source_and_pointers_back_keep_the_last_sayer():
    assert one("گزارش‌ها از بازداشت ده‌ها نفر در رشت حکایت دارد.").sources == ()
    assert one("به گفته شاهدان عینی، ۴ نفر زخمی شدند.").sources[0].name == "شاهدان عینی"
    assert one("فیلم‌های ارسالی از حضور هزاران معترض در خیابان‌ها خبر می‌دهد.").sources == ()
    later = claims("سازمان حقوق بشر ایران اعلام کرد ۸۰ نفر کشته شده‌اند.\n\nاین سازمان افزود ۱۴ نفر از آنها کودک بوده‌اند.")[1]
    assert later.sources[0].name == "Iran Human Rights" and "(from context)" in later.sources[0].verb
    part = claims("یک گروه حقوق بشری گزارش داد که ۲۱۰ نفر کشته شده‌اند؛ بنا به همین گزارش ۳۰ نفر از این قربانیان زن بودند.")[1]
    assert (part.category, part.value, part.sources[0].name) == ("killed", 30, "یک گروه حقوق بشری")
    so = claims("عفو بین‌الملل گزارشی تازه منتشر کرد.\n\nبر این اساس دست‌کم ۲۰۴ نفر کشته شده‌اند.")[0]
    assert so.sources[0].name == "Amnesty International" and "(from context)" in so.sources[0].verb
    pointed = claims("کارکنان یک بیمارستان به خبرنگاران گفتند ۹ نفر کشته شدند.\n\nبه گفته همین منابع، ۳۰ نفر زخمی شده‌اند.")[1]
    assert pointed.sources[0].name == "کارکنان یک بیمارستان" and "(from context)" in pointed.sources[0].verb
    listed = claims("کمیته پیگیری وضعیت بازداشت‌شدگان اعلام کرد:\n• ۴۵ نفر بازداشت شده‌اند\n• ۶ نفر ناپدید شده‌اند")
    assert [(c.category, c.sources[0].name) for c in listed] == [
        ("arrested", "کمیته پیگیری وضعیت بازداشت‌شدگان"), ("disappeared", "کمیته پیگیری وضعیت بازداشت‌شدگان")]
    apart = claims("وزارت کشور اعلام کرد ۹ نفر زخمی شدند.\n\nشمار شهرهای معترض به ۳۰ شهر رسید.")[1]
    assert apart.sources == ()


# times

def test_solar_hijri_dates_months_weekdays_and_ranges():
    def when(text, published=DAY):
        t = normalise(text)
        (m,) = find_times(t, published)
        return m.when.start, m.when.end
    assert when("۱۵ مهر ۱۴۰۱") == (date(2022, 10, 7), date(2022, 10, 7))
    assert when("آبان ۹۸") == (date(2019, 10, 23), date(2019, 11, 21))
    assert when("هفته آخر آبان ۹۸") == (date(2019, 11, 15), date(2019, 11, 21))
    assert when("اواخر شهریور") == (date(2022, 9, 13), date(2022, 9, 22))  # 21-31 Shahrivar
    assert when("دوم قوس") == (date(2021, 11, 23), date(2021, 11, 23))  # Dari Azar; 1401's is after publication
    assert when("از ۳ مهر تا ۱۲ مهر") == (date(2022, 9, 25), date(2022, 10, 4))
    assert when("روز سه‌شنبه") == (date(2022, 10, 18), date(2022, 10, 18))
    assert when("تا پایان ۲۰ مهر")[1] == date(2022, 10, 12)
    assert when("۱۴۰۱/۰۷/۰۸") == (date(2022, 9, 30), date(2022, 9, 30))
    assert when("نوامبر ۲۰۱۹") == (date(2019, 11, 1), date(2019, 11, 30))
    assert when("سه روز پیش") == (date(2022, 10, 17), date(2022, 10, 17))
    assert when("دو هفته قبل") == (date(2022, 10, 6), date(2022, 10, 12))
    assert when("دسامبر ۲۰۲۱") == (date(2021, 12, 1), date(2021, 12, 31))
    assert when("از ۱۰ مهر تا کنون") == (date(2022, 10, 2), DAY)
    assert when("از ۱۰ مهر") == (date(2022, 10, 2), DAY)  # since
    # a weekday beside a date picks the year the date falls on it
    assert when("جمعه ۲۴ آبان", date(2020, 11, 14)) == (date(2019, 11, 15), date(2019, 11, 15))


def test_the_day_a_sayer_spoke_is_its_date_and_ends_the_claims_time():
    c = one("سازمان عفو بین‌الملل روز دوشنبه اعلام کرد که شمار جان‌باختگان به ۸۲ نفر رسیده است.")
    assert c.sources[0].date == date(2022, 10, 17)
    assert (c.when.start, c.when.end) == (None, date(2022, 10, 17))


def test_a_claim_takes_its_sentences_time_else_before_publication():
    c = one("در روز ۸ مهر دست‌کم ۹۰ نفر در زاهدان کشته شدند.")
    assert (c.when.start, c.when.end) == (date(2022, 9, 30), date(2022, 9, 30))
    c = one("۹۰ نفر در زاهدان کشته شدند.")
    assert (c.when.start, c.when.end) == (None, DAY)


# places

def test_places_map_to_english_names_and_provinces_to_admin1():
    assert one("۲۵ نفر در مهاباد بازداشت شدند.").where.name == "Mahabad"
    c = one("در شهرهای استان کردستان ۴۰ نفر بازداشت شدند.")
    assert (c.where.name, c.where.country, c.where.admin1) == ("Kurdistan province", "IR", "Kurdistan")
    assert one("در کابل ۳ معترض زخمی شدند.").where.country == "AF"
    assert one("آمریکا کشته شدن ۲۰ معترض در ایران را محکوم کرد.").where.country == "IR"
    assert one("در سیستان و بلوچستان ۱۱ نفر بازداشت شدند.").where.admin1 == "Sistan and Baluchestan"
    # an outlet's name is no place: Voice of America is not the United States
    c = one("گزارش‌های ارسالی به صدای آمریکا از زخمی شدن ۶ نفر در ایران حکایت دارد.")
    assert c.where.country == "IR"


def test_a_persian_sayer_is_found_by_its_english_name(tmp_path, extractor):
    from claimledger.extract.names import shipped_aliases
    assert ("عفو بین‌الملل", "Amnesty International") in shipped_aliases()
    text = "به گفته عفو بين الملل، دست‌کم ۵۸ نفر در اعتراضات کشته شده‌اند."
    with open_store(tmp_path / "l.db") as store:
        ingest_articles([Article("fa-1", text, published=DAY, language="fa")], store, extractor, after=False)
        assert [c.value for c in store.claims(source="Amnesty International")] == [58]


def test_the_users_aliases_rename_persian_sayers_too():
    from claimledger.extract.names import Names
    names = Names.with_aliases([("دادستان تهران", "Tehran prosecutor")])
    text = "دادستان تهران اعلام کرد ۱۴ نفر بازداشت شدند."
    (c,) = article_claims(Article("t", text, published=DAY, language="fa"), names)
    assert c.sources[0].name == "Tehran prosecutor"
    assert one(text).sources[0].name == "دادستان تهران"


def test_a_short_persian_text_of_unknown_language_takes_the_persian_path(extractor):
    found = extractor.extract([Article("short", "۱۲ نفر کشته شدند", published=DAY)])["short"]
    assert [(c.category, c.value) for c in found] == [("killed", 12)]


# one happening told in two languages

EN = ("Security forces killed at least 17 protesters in Zahedan on Friday, March 10, "
      "Amnesty International said. The crackdown followed Friday prayers in the city.")
FA = ("سازمان عفو بین‌الملل اعلام کرد که نیروهای امنیتی روز جمعه ۱۹ اسفند ۱۴۰۱ در زاهدان "
      "دست‌کم ۱۷ معترض را کشتند.")


def test_an_english_and_a_persian_article_meet_in_one_event(tmp_path, extractor):
    articles = [Article("en-zahedan", EN, published=date(2023, 3, 11), language="en"),
                Article("fa-zahedan", FA, published=date(2023, 3, 11), language="fa")]
    with open_store(tmp_path / "l.db") as store:
        ingest_articles(articles, store, extractor)
        (persian,) = [c for c in store.claims() if c.article == "fa-zahedan"]
        assert (persian.category, persian.low, persian.sources[0].name) == ("killed", 17, "Amnesty International")
        events = [e for e in store.events() if any(c.article == "fa-zahedan" for c in e.claims)]
        assert len(events) == 1
        figures = {(c.article, c.category, c.low) for c in events[0].claims}
        assert {("en-zahedan", "killed", 17), ("fa-zahedan", "killed", 17)} <= figures
        # one sayer in two scripts is one source: one row of the figure, both articles behind it
        from claimledger.events.figures import figures as side_by_side
        from claimledger.events.rebuild import context
        (killed,) = [f for f in side_by_side(events[0], context(store)) if f.category == "killed"]
        (row,) = [r for r in killed.figures if r.low == 17]
        assert row.chain == ("Amnesty International",)
        assert {c.article for c in row.claims} == {"en-zahedan", "fa-zahedan"}


# no text breaks the path, and every offset points into the stored text

def test_any_text_gives_claims_whose_spans_stand_at_their_offsets():
    import random
    rnd = random.Random(20)
    pieces = ("دست‌كم", "۱۲", "٣٥", "نفر", "كشته", "زخمی", "بازداشت", "و", "،", "شدند", ".", "\n", "هزار",
              "به گزارش", "هرانا", "اعلام کرد", "که", "۲۵ آبان", "۱۴۰۱/۰۷/۰۸", "٬", "+", "(", "تا", "از", "دی")
    for _ in range(300):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        for published in (DAY, None):
            for c in claims(text, published):
                assert text[c.start:c.end] == c.span
                assert text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
