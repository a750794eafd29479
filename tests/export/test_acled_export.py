"""`export events --format acled-csv` in ACLED's own columns and conventions, read back
as coders read it (pandas, the csv module); `--format geojson` in the GeoJSON spec's
shape (RFC 7946). The claims are made up for the tests."""
from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date

import pytest

from claimledger.events import build_events
from claimledger.events.acled import ACLED_COLUMNS, COLUMNS, country
from claimledger.events.figures import Context
from claimledger.export.events import write_acled, write_geojson
from claimledger.model import Claim, Place, Source, When

# ACLED's export, column for column (ACLED API / data export tool, 2023-)
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
         "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
         "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
         "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
         "fatalities", "tags", "timestamp"]


def said(article, category, value, sentence, day, place, span=None, start=0):
    span = span or str(value)
    at = sentence.index(span)
    when = When(date.fromisoformat(day), date.fromisoformat(day), day)
    return Claim(article, category, value, value, value, "exact", span, start + at, start + at + len(span),
                 sentence, start, when=when, where=Place(*place),
                 sources=(Source("Rights Watch", "said"),))


@pytest.fixture(scope="module")
def events():
    claims = [
        said("a", "participants", 3000, "Police fired tear gas at 3000 marchers in Nairobi", "2021-05-04",
             ("Nairobi", "KE", "Nairobi")),
        said("a", "killed", 2, "Police shot 2 protesters dead in Nairobi", "2021-05-04",
             ("Nairobi", "KE", "Nairobi"), start=60),
        said("b", "killed", 14, "Gunmen killed 14 villagers in an ambush in the north", "2021-05-10",
             ("Kenya", "KE")),
        said("c", "disappeared", 40, "At least 40 activists disappeared after the vote", "2021-06-01",
             ("Kenya", "KE"), span="At least 40"),
        said("d", "killed", 150, "Rights groups counted 150 executions during the year", "2021-12-31",
             ("Iran", "IR")),
    ]
    return build_events(claims)


@pytest.fixture(scope="module")
def acled_csv(events):
    out = io.StringIO()
    assert write_acled(events, Context(), out, timestamp=1_700_000_000) == len(events)
    return out.getvalue()


def test_columns_are_acleds_in_acleds_order_then_ours():
    assert list(ACLED_COLUMNS) == ACLED
    assert list(COLUMNS) == ACLED + ["parent", "claimledger_type", "claims", "figures", "unattributed_repeats"]


def test_the_csv_module_reads_acleds_columns_and_conventions(acled_csv, events):
    rows = list(csv.DictReader(io.StringIO(acled_csv)))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(events)
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}-ev-[0-9a-f]{10}", r["event_id_cnty"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"]) and r["year"] == r["event_date"][:4]
        assert r["time_precision"] in {"1", "2", "3"} and r["geo_precision"] in {"1", "2", "3"}
        assert r["iso"].isdigit() and r["fatalities"].isdigit() and r["timestamp"] == "1700000000"
        assert r["source_scale"] == ""
    kenya = [r for r in rows if r["iso"] == "404"]
    assert {r["country"] for r in kenya} == {"Kenya"} and {r["region"] for r in kenya} == {"Eastern Africa"}
    by_type = {(r["event_type"], r["sub_event_type"]): r for r in rows}
    force = by_type[("Protests", "Excessive force against protesters")]
    assert force["disorder_type"] == "Political violence; Demonstrations"
    assert (force["actor1"], force["inter1"], force["inter2"], force["interaction"]) == (
        "Protesters (Kenya)", "6", "1", "16")
    assert force["fatalities"] == "2" and force["tags"] == "crowd size=3000"
    assert force["admin1"] == "Nairobi" and force["geo_precision"] == "1" and force["latitude"]
    attack = by_type[("Violence against civilians", "Attack")]
    assert attack["disorder_type"] == "Political violence" and attack["civilian_targeting"] == "Civilians targeted"
    assert attack["actor2"] == "Civilians (Kenya)" and attack["interaction"] == "37"
    assert ("Violence against civilians", "Abduction/forced disappearance") in by_type
    other = by_type[("Strategic developments", "Other")]
    assert other["country"] == "Iran" and other["region"] == "Middle East" and other["iso"] == "364"
    assert other["claimledger_type"] == "other" and "executions" in other["notes"]


def test_pandas_reads_the_columns_with_their_types(acled_csv):
    pandas = pytest.importorskip("pandas", reason="pandas is in the test extra (pip install -e .[test])")
    frame = pandas.read_csv(io.StringIO(acled_csv), keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(COLUMNS)
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "inter1",
                   "interaction"):
        assert pandas.api.types.is_integer_dtype(frame[column]), (column, frame[column].dtype)
    for column in ("latitude", "longitude"):
        assert pandas.api.types.is_float_dtype(frame[column]), column
    dates = pandas.to_datetime(frame["event_date"], format="%Y-%m-%d")
    assert (dates.dt.year == frame["year"]).all()


def test_country_names_codes_and_regions_as_acled_gives_them():
    assert (country("IR").name, country("IR").numeric, country("IR").region) == ("Iran", 364, "Middle East")
    assert (country("MM").name, country("MM").region) == ("Myanmar", "Southeast Asia")
    assert (country("CD").name, country("CD").region) == ("Democratic Republic of Congo", "Middle Africa")
    assert (country("PS").name, country("PS").numeric) == ("Palestine", 275)
    assert country("FR").region == "Europe" and country("BR").region == "South America"
    assert country("US").name == "United States" and country("HT").region == "Caribbean"


def test_admin1_without_its_administrative_wrapping():
    from claimledger.events.acled import admin1
    assert admin1("Mayorality of Baghdad") == "Baghdad" and admin1("Basra Governorate") == "Basra"
    assert admin1("Tehran") == "Tehran" and admin1(None) == ""


def test_geojson_has_the_specs_shape(events):
    out = io.StringIO()
    write_geojson(events, Context(), out, timestamp=1_700_000_000)
    collection = json.loads(out.getvalue())
    assert_geojson_feature_collection(collection)
    points = [f for f in collection["features"] if f["geometry"]]
    assert points and all(f["properties"]["location"] == "Nairobi" for f in points)


def assert_geojson_feature_collection(doc: dict) -> None:
    """RFC 7946, sections 3.1-3.3, for the objects the export writes."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert "geometry" in feature and "properties" in feature
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        if "id" in feature:
            assert isinstance(feature["id"], (str, int, float))
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        position = geometry["coordinates"]
        assert isinstance(position, list) and len(position) in (2, 3)
        assert all(isinstance(x, (int, float)) and math.isfinite(x) for x in position)
        lon, lat = position[:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
