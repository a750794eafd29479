"""Scoring stored claims against gold claims, by the rules of shared/spec/claims.md.

A predicted claim matches a gold claim of the same article and category when their
numbers agree (equal exact values, else overlapping intervals); pairs are taken
best first (sentence word overlap, plus a bonus for the same span), each claim
once. Optional gold claims cost nothing. Source names compare through the gold
folder's alias table.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import InputError
from .model import CATEGORIES

INF = float("inf")


def load_gold(folder: Path) -> tuple[list[dict], dict[str, list[str]]]:
    """Gold claims and aliases from a folder (claims.jsonl, aliases.json) or a file."""
    path = folder / "claims.jsonl" if folder.is_dir() else folder
    if not path.is_file():
        raise InputError(str(path), "no gold claims here; give a folder with claims.jsonl")
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(str(path), f"not JSON ({e.msg}); fix the line", n) from None
    alias_file = path.parent / "aliases.json"
    aliases = json.loads(alias_file.read_text("utf-8")) if alias_file.is_file() else {}
    return rows, aliases


def _norm(name: str) -> str:
    s = name.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w@' ]+", " ", s)
    s = re.sub(r"^(the|iranian opposition) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


class GoldNames:
    """Canonical source names through the gold alias table, aliases found inside longer names too."""

    def __init__(self, aliases: dict[str, list[str]]):
        self.table = {_norm(a): _norm(canon) for canon, alts in aliases.items() for a in (canon, *alts)}
        self.longest_first = sorted(self.table, key=len, reverse=True)

    def canon(self, name: str | None) -> str:
        n = _norm(name or "")
        if n in self.table:
            return self.table[n]
        for alias in self.longest_first:
            if re.search(rf"(?<![\w@]){re.escape(alias)}(?![\w])", n):
                return self.table[alias]
        return n


def _interval(c: dict) -> tuple[float, float]:
    lo, hi = c.get("low"), c.get("high")
    return (-INF if lo is None else lo, INF if hi is None else hi)


def numbers_agree(g: dict, p: dict) -> bool:
    if g.get("value") is not None and p.get("value") is not None:
        return g["value"] == p["value"]
    (a, b), (c, d) = _interval(g), _interval(p)
    if (g.get("value") is None) != (p.get("value") is None) and (a, b) == (-INF, INF):
        return False
    return a <= d and c <= b


def _words(s: str | None) -> set[str]:
    return set(re.findall(r"\w+", (s or "").lower()))


def _closeness(g: dict, p: dict) -> float:
    a, b = _words(g.get("sentence")), _words(p.get("sentence"))
    overlap = len(a & b) / len(a | b) if a | b else 0.0
    return overlap + (0.5 if (g.get("span") or "").lower() == (p.get("span") or "").lower() else 0.0)


def pair_up(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Matched pairs, unmatched gold, unmatched predictions (one article and category)."""
    ranked = sorted(((_closeness(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                     if numbers_agree(g, p)), reverse=True)
    gi, pj, pairs = set(), set(), []
    for _, i, j in ranked:
        if i not in gi and j not in pj:
            gi.add(i)
            pj.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs, [g for i, g in enumerate(gold) if i not in gi], [p for j, p in enumerate(pred) if j not in pj]


def _when_ok(g: dict | None, p: dict | None) -> bool | None:
    if not g or (g.get("start") is None and g.get("end") is None):
        return None
    if not p or (p.get("start") is None and p.get("end") is None):
        return False
    return (g.get("start") or "0000") <= (p.get("end") or "9999") and (p.get("start") or "0000") <= (g.get("end") or "9999")


@dataclass
class Score:
    figures: dict
    misses: list  # (why, gold, predicted or None)
    extras: list


def score(gold: list[dict], pred: list[dict], aliases: dict[str, list[str]]) -> Score:
    names = GoldNames(aliases)
    scored = {g["article"] for g in gold}
    pred = [p for p in pred if p.get("article") in scored]
    groups: dict[tuple, tuple[list, list]] = {}
    for g in gold:
        groups.setdefault((g["article"], g["category"]), ([], []))[0].append(g)
    for p in pred:
        groups.setdefault((p["article"], p.get("category")), ([], []))[1].append(p)
    tally = {"tp": 0, "sourced": 0, "gold": 0, "pred": 0}
    checks: dict[str, list[bool]] = {k: [] for k in ("source", "chain", "when", "where", "qualifier")}
    misses, extras = [], []
    for gs, ps in groups.values():
        pairs, missed, extra = pair_up(gs, ps)
        optional_hits = sum(1 for g, _ in pairs if g.get("optional"))
        for g, p in pairs:
            if not g.get("optional"):
                _check(g, p, names, checks, tally, misses)
        misses += [("missed", g, None) for g in missed if not g.get("optional")]
        extras += extra
        tally["gold"] += sum(1 for g in gs if not g.get("optional"))
        tally["pred"] += len(ps) - optional_hits
    figures = _figures(len(scored), tally, checks)
    figures["malformed"] = sum(1 for p in pred if p.get("category") not in CATEGORIES)
    return Score(figures, misses, extras)


def _check(g: dict, p: dict, names: GoldNames, checks: dict, tally: dict, misses: list) -> None:
    gc = [names.canon(s.get("name")) for s in g.get("sources") or [] if isinstance(s, dict)]
    pc = [names.canon(s.get("name")) for s in p.get("sources") or [] if isinstance(s, dict)]
    tally["tp"] += 1
    first_ok = gc[:1] == pc[:1]
    tally["sourced"] += first_ok
    checks["source"].append(first_ok)
    checks["chain"].append(gc == pc)
    checks["qualifier"].append(g.get("qualifier") == p.get("qualifier"))
    w = _when_ok(g.get("when"), p.get("when"))
    if w is not None:
        checks["when"].append(w)
    country = (g.get("where") or {}).get("country")
    if country:
        checks["where"].append(country == (p.get("where") or {}).get("country"))
    if not first_ok:
        misses.append(("wrong source", g, p))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _figures(articles: int, t: dict, checks: dict) -> dict:
    p, r, f = _prf(t["tp"], t["pred"], t["gold"])
    sp, sr, sf = _prf(t["sourced"], t["pred"], t["gold"])
    acc = {f"{k}_accuracy": (sum(v) / len(v) if v else None) for k, v in checks.items()}
    return {"articles": articles, "gold": t["gold"], "predicted": t["pred"], "matched": t["tp"],
            "claim_precision": p, "claim_recall": r, "claim_f1": f,
            "sourced_precision": sp, "sourced_recall": sr, "sourced_f1": sf, **acc}


def gold_sets(root: Path) -> list[Path]:
    """The gold sets under ``root``: each sub-folder holding a claims.jsonl, by name."""
    if not root.is_dir():
        raise InputError(str(root), "not a folder; give the folder that holds one sub-folder per gold set")
    found = sorted(p.parent for p in root.glob("*/claims.jsonl"))
    if not found:
        raise InputError(str(root), "no gold sets here (sub-folders with claims.jsonl); "
                                    "give e.g. ../shared/eval/gold")
    return found


def score_sets(root: Path, predicted: Callable[[set[str]], list[dict]]) -> dict[str, Score]:
    """Each gold set under ``root`` scored against ``predicted(article ids)``, by set name."""
    out = {}
    for folder in gold_sets(root):
        gold, aliases = load_gold(folder)
        out[folder.name] = score(gold, predicted({g["article"] for g in gold}), aliases)
    return out


ROW = ("claim_f1", "sourced_f1", "chain_accuracy", "when_accuracy", "where_accuracy")


def format_rows(results: dict[str, Score]) -> str:
    """One row per set: claim F1, sourced-claim F1, chain, when, where (and the counts)."""
    def fmt(v):
        return "-" if v is None else f"{v:.3f}"
    head = f"{'set':12} {'claim F1':>8} {'sourced F1':>10} {'chain':>6} {'when':>6} {'where':>6} {'gold':>5} {'predicted':>9}"
    lines = [head]
    for name, r in results.items():
        f = r.figures
        cells = [fmt(f[k]) for k in ROW]
        lines.append(f"{name:12} {cells[0]:>8} {cells[1]:>10} {cells[2]:>6} {cells[3]:>6} {cells[4]:>6} "
                     f"{f['gold']:>5} {f['predicted']:>9}")
    return "\n".join(lines)


def format_table(figures: dict) -> str:
    def fmt(v):
        return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))
    return "\n".join(f"{k:20} {fmt(v)}" for k, v in figures.items())
