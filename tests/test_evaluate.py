"""claimledger.evaluate.score agrees with the vendored reference scorer on perturbed gold."""
from __future__ import annotations

import copy
import importlib.util
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.evaluate import load_gold, numbers_agree, score

GOLDEN = Path(__file__).parent / "golden"
SETS = ["seeds", "mm", "gv"]


def _reference():
    spec = importlib.util.spec_from_file_location("reference_score", GOLDEN / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REF = _reference()


def gold_set(name):
    return load_gold(GOLDEN / "gold" / name)


def both(gold, pred, aliases):
    """(ours, reference) figures, and the miss/extra counts of each."""
    ours = score(copy.deepcopy(gold), copy.deepcopy(pred), aliases)
    ref = REF.score(copy.deepcopy(gold), copy.deepcopy(pred), REF.Names(aliases))
    ref_fig = {k: v for k, v in ref.items() if not k.startswith("_")}
    return (ours.figures, len(ours.misses), len(ours.extras)), (ref_fig, len(ref["_misses"]), len(ref["_extras"]))


def assert_agree(gold, pred, aliases):
    (ours, om, oe), (ref, rm, re_) = both(gold, pred, aliases)
    assert set(ours) == set(ref)
    for k in ref:
        assert ours[k] == pytest.approx(ref[k]) if isinstance(ref[k], float) else ours[k] == ref[k], k
    assert (om, oe) == (rm, re_)
    return ours


# --- perturbations -----------------------------------------------------------------

def drop(rows, rng, share=0.3):
    return [r for r in rows if rng.random() > share]


def change_values(rows, rng, share=0.3):
    out = copy.deepcopy(rows)
    for r in out:
        if rng.random() < share:
            if r.get("value") is not None:
                r["value"] += rng.choice([1, 7, 100])
                r["low"] = r["high"] = r["value"]
            else:
                r["low"], r["high"] = 10**8, 10**9
    return out


def rename_sources(rows, rng, aliases, share=0.4):
    """Some sources renamed to unknown names, some to an alias of the same canonical name."""
    alts = {a: canon for canon, al in aliases.items() for a in (canon, *al)}
    out = copy.deepcopy(rows)
    for r in out:
        for s in r.get("sources") or []:
            if rng.random() < share:
                choices = [a for a, c in alts.items() if c == alts.get(s["name"])]
                s["name"] = rng.choice(choices) if choices and rng.random() < 0.5 else "Some Other Outlet"
    return out


def other_changes(rows, rng):
    """Categories swapped, sources dropped, when/where changed, extra and malformed claims."""
    out = copy.deepcopy(rows)
    for r in out:
        x = rng.random()
        if x < 0.1:
            r["category"] = "injured" if r["category"] != "injured" else "arrested"
        elif x < 0.2:
            r["sources"] = []
        elif x < 0.3:
            r["when"] = {"start": "1999-01-01", "end": "1999-01-02", "text": ""}
        elif x < 0.4:
            r["where"] = {"name": "X", "country": "ZZ", "admin1": None}
        elif x < 0.45:
            r["qualifier"] = "about"
    extra = copy.deepcopy(rng.choice(rows))
    extra["value"], extra["low"], extra["high"] = 123457, 123457, 123457
    out.append(extra)
    bad = copy.deepcopy(rng.choice(rows))
    bad["category"] = "not_a_category"
    out.append(bad)
    out.append({**copy.deepcopy(rows[0]), "article": "not_in_gold"})
    return out


@pytest.mark.parametrize("name", SETS)
def test_gold_against_itself_is_perfect(name):
    gold, aliases = gold_set(name)
    fig = assert_agree(gold, gold, aliases)
    assert fig["claim_f1"] == 1.0 and fig["sourced_f1"] == 1.0 and fig["source_accuracy"] == 1.0


@pytest.mark.parametrize("name", SETS)
def test_empty_prediction(name):
    gold, aliases = gold_set(name)
    fig = assert_agree(gold, [], aliases)
    assert fig["matched"] == 0 and fig["claim_f1"] == 0.0


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("seed", range(5))
def test_dropped_claims(name, seed):
    gold, aliases = gold_set(name)
    pred = drop(gold, random.Random(seed))
    fig = assert_agree(gold, pred, aliases)
    assert fig["claim_precision"] == 1.0


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("seed", range(5))
def test_changed_values(name, seed):
    gold, aliases = gold_set(name)
    assert_agree(gold, change_values(gold, random.Random(seed)), aliases)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("seed", range(5))
def test_renamed_sources(name, seed):
    gold, aliases = gold_set(name)
    pred = rename_sources(gold, random.Random(seed), aliases)
    fig = assert_agree(gold, pred, aliases)
    assert fig["claim_f1"] == 1.0  # names never affect matching


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("seed", range(5))
def test_everything_at_once(name, seed):
    gold, aliases = gold_set(name)
    rng = random.Random(seed)
    pred = other_changes(rename_sources(change_values(drop(gold, rng, 0.2), rng, 0.2), rng, aliases), rng)
    rng.shuffle(pred)
    fig = assert_agree(gold, pred, aliases)
    assert fig["malformed"] == 1
    assert fig["claim_precision"] < 1.0  # the extra claim never matches


@pytest.mark.parametrize("name", SETS)
def test_without_aliases(name):
    gold, aliases = gold_set(name)
    pred = rename_sources(gold, random.Random(1), aliases)
    assert_agree(gold, pred, {})


def test_renaming_to_an_alias_keeps_the_source_right():
    gold, aliases = gold_set("seeds")
    canon, alts = next((c, a) for c, a in aliases.items()
                       if a and any(s["name"] == c for g in gold for s in g.get("sources") or []))
    pred = copy.deepcopy(gold)
    for p in pred:
        for s in p.get("sources") or []:
            if s["name"] == canon:
                s["name"] = alts[0]
    fig = assert_agree(gold, pred, aliases)
    assert fig["source_accuracy"] == 1.0


def test_optional_gold_costs_nothing():
    gold, aliases = gold_set("seeds")
    gold = copy.deepcopy(gold)
    required_before = sum(1 for g in gold if not g.get("optional"))
    assert not gold[0].get("optional")
    gold[0]["optional"] = True
    without = [g for g in gold if not g.get("optional")]
    fig_hit = assert_agree(gold, gold, aliases)
    fig_miss = assert_agree(gold, without, aliases)
    assert fig_hit["claim_f1"] == fig_miss["claim_f1"] == 1.0
    assert fig_hit["gold"] == fig_miss["gold"] == required_before - 1


# --- numbers_agree against the reference, property -----------------------------------

BOUND = st.one_of(st.none(), st.integers(0, 50))


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"value": BOUND, "low": BOUND, "high": BOUND}),
       st.fixed_dictionaries({"value": BOUND, "low": BOUND, "high": BOUND}))
def test_numbers_agree_like_the_reference(g, p):
    assert numbers_agree(g, p) == REF.numbers_agree(g, p)


def test_cli_gold_loader_reads_aliases():
    gold, aliases = gold_set("seeds")
    raw = (GOLDEN / "gold" / "seeds" / "aliases.json").read_text("utf-8")
    assert aliases == json.loads(raw)
    assert len(gold) == len(REF.load_jsonl(GOLDEN / "gold" / "seeds" / "claims.jsonl"))


def test_evaluate_all_scores_every_set_under_a_root(tmp_path):
    """`evaluate --all`: one row per gold folder, each scored on its own articles only."""
    from claimledger.evaluate import format_rows, score_sets
    for name in ("alpha", "beta"):
        (tmp_path / name).mkdir()
    a = {"article": "a1", "category": "killed", "value": 5, "low": 5, "high": 5, "sources": []}
    b = {"article": "b1", "category": "arrested", "value": 9, "low": 9, "high": 9, "sources": []}
    (tmp_path / "alpha" / "claims.jsonl").write_text(json.dumps(a) + "\n")
    (tmp_path / "beta" / "claims.jsonl").write_text(json.dumps(b) + "\n")
    (tmp_path / "notes").mkdir()  # a folder without gold is not a set
    stored = [a, dict(b, value=10, low=10, high=10)]
    asked = []

    def predicted(ids):
        asked.append(ids)
        return [c for c in stored if c["article"] in ids]
    results = score_sets(tmp_path, predicted)
    assert list(results) == ["alpha", "beta"] and asked == [{"a1"}, {"b1"}]
    assert results["alpha"].figures["claim_f1"] == 1.0 and results["beta"].figures["claim_f1"] == 0.0
    rows = format_rows(results).splitlines()
    assert rows[1].startswith("alpha") and "1.000" in rows[1] and rows[2].startswith("beta")


def test_evaluate_all_says_when_there_is_no_gold_set(tmp_path):
    from claimledger.errors import InputError
    from claimledger.evaluate import score_sets
    with pytest.raises(InputError, match="no gold sets"):
        score_sets(tmp_path, lambda ids: [])
