import pytest

from claimledger.extract.where import PlaceMention, gazetteer, main_place, normalise
from claimledger.model import Place


def places(text: str) -> list[tuple[str, str, str | None, str]]:
    found = gazetteer().find_places(text)
    for m in found:
        assert isinstance(m, PlaceMention) and m.start < m.end
    return [(text[m.start:m.end], m.place.country, m.place.name, m.kind) for m in found]


def countries(text: str) -> set[str]:
    return {country for _, country, _, _ in places(text)}


def test_normalise_folds_case_and_accents():
    assert normalise("Kāzerūn") == "kazerun"
    assert normalise("Bandar-e Māhshahr") == "bandar e mahshahr"
    assert normalise("U.S.") == "u s"


@pytest.mark.parametrize("text, country", [
    ("Protests spread across Iran.", "IR"), ("protests spread across iran.", "IR"),
    ("Officials in the US said", "US"), ("Britain condemned it.", "GB"),
    ("Egypt's army", "EG"), ("the Iranian regime", "IR"), ("sudanese doctors", "SD"),
    ("Iraqi police", "IQ"), ("Thai troops", "TH"), ("an Egyptian activist", "EG"),
    ("the U.S. State Department", "US"),
])
def test_countries_short_forms_and_demonyms(text, country):
    assert country in countries(text)


@pytest.mark.parametrize("name, country", [
    ("Behbahan", "IR"), ("Mahshahr", "IR"), ("Qadaref", "SD"), ("Gedaref", "SD"),
    ("Gadaref", "SD"), ("Nasiriyah", "IQ"), ("Kazerun", "IR"), ("Dorud", "IR"),
    ("Mahabad", "IR"), ("Karaj", "IR"), ("Mashhad", "IR"), ("Atbara", "SD"),
    ("Khartoum", "SD"), ("Frankfurt", "DE"), ("Nouakchott", "MR"), ("Bangkok", "TH"),
    ("Tehran", "IR"), ("Baghdad", "IQ"), ("Basra", "IQ"), ("Cairo", "EG"), ("Moscow", "RU"),
])
def test_cities_with_their_country_named(name, country):
    for text in (f"Protests in {name}, the news agency said.",
                 f"protests in {name.lower()} ... across the country"):
        assert country in countries(text + " " + _country_word(country)), text


def _country_word(cc: str) -> str:
    return {"IR": "Iran", "SD": "Sudan", "IQ": "Iraq", "DE": "Germany", "MR": "Mauritania",
            "TH": "Thailand", "EG": "Egypt", "RU": "Russia"}[cc]


def test_big_cities_need_no_country():
    assert places("Thousands marched in Tehran and Cairo.") == [
        ("Tehran", "IR", "Tehran", "city"), ("Cairo", "EG", "Cairo", "city")]


def test_accents_in_the_text():
    assert ("Kāzerūn", "IR", "Kazerun", "city") in places("Clashes in Kāzerūn, Iran.")


def test_city_has_admin1_and_province_is_found():
    mashhad = [m for m in gazetteer().find_places("Mashhad, Iran") if m.kind == "city"][0]
    assert mashhad.place == Place("Mashhad", "IR", "Razavi Khorasan")
    assert ("Tamil Nadu", "IN", "Tamil Nadu", "admin1") in places("villagers in Tamil Nadu, India")


@pytest.mark.parametrize("text", [
    "police fired tear gas and protesters were reading a statement on a nice day",
    "the march was split by police; same as the university and mobile phones",
    "Police fired tear gas. Reading the statement, he said the march was nice.",
    "they were shot and the rest of the area was hit; media economy spring day",
])
def test_common_words_are_not_places(text):
    assert places(text) == []


def test_common_word_place_on_strong_evidence():
    found = places("Tourists left France after the attack in Nice on Thursday.")
    assert ("Nice", "FR", "Nice", "city") in found
    assert ("nice", "FR") not in {(t, c) for t, c, _, _ in places("a nice day in france")}


def test_small_city_only_with_its_country():
    assert countries("a rally in Sardasht") == set()
    assert "IR" in countries("a rally in Sardasht, in western Iran")


def test_same_name_prefers_the_mentioned_country():
    assert places("Moscow residents said")[0][1] == "RU"
    assert places("Hyderabad")[0][1] == "IN"  # the most populous
    assert ("Hyderabad", "PK") in {(t, c) for t, c, _, _ in places("Hyderabad, Pakistan")}


def test_longest_match_first_and_whole_words():
    assert places("Saudi Arabia") == [("Saudi Arabia", "SA", "Saudi Arabia", "country")]
    assert places("Irani" + "anism Tehranis") == []


def test_us_pronoun_is_not_a_country():
    assert countries("give us the names") == set()
    assert countries("The US said") == {"US"}


def test_main_place_is_the_dominant_city_of_the_main_country():
    g = gazetteer()
    khartoum = g.find_places("Sudan: protesters in Khartoum. More in Khartoum and Atbara, "
                             "Khartoum again.")
    assert main_place(khartoum) == Place("Khartoum", "SD", "Khartoum")
    iran = g.find_places("Iran: protests in Tehran, Mashhad and Iran's Shiraz. Iranian police.")
    assert main_place(iran) == Place("Iran", "IR", None)
    assert main_place([]) is None


def test_never_crashes_on_odd_text():
    for text in ("", "...", "ß ﬁ İstanbul 東京 \n\n Tehran-", "a" * 1000):
        gazetteer().find_places(text)
