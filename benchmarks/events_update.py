"""Events after a small ingest: built again for the touched countries, against a full rebuild.

    python benchmarks/events_update.py [--claims 100000] [--countries 20] [--new 1] [--json]

A temporary SQLite ledger is filled through the Store API with ``--claims`` claims
(4 an article) told of towns in ``--countries`` countries over four years, and its
events built once from every claim (``events.rebuild.rebuild``, timed: the
baseline). Then ``--new`` articles are written, as an ingest or ``POST
/api/articles`` writes them, and ``events.rebuild.update`` builds again the
countries they touch (timed), which is what ``pipeline.finish`` does after such an
ingest. Both are measured in the same process on the same ledger; the ratio is
update / rebuild. The two results are compared: the events must be the same as a
full rebuild's.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimledger.events.rebuild import rebuild, update  # noqa: E402
from claimledger.model import Article, Claim, Place, When  # noqa: E402
from claimledger.store import open_store  # noqa: E402

PER_ARTICLE = 4
SAID = {"killed": "Security forces shot {n} protesters in {town}",
        "arrested": "Police detained {n} demonstrators in {town}",
        "protesters": "About {n} people marched in {town}"}
COUNTRIES = ("IR", "IQ", "SD", "BY", "MM", "CL", "CO", "LB", "HK", "NG", "KE", "EG", "DZ", "TH",
             "VE", "BO", "EC", "ZW", "ET", "US", "FR", "IN", "PK", "BD", "ID", "PH", "MX", "BR")


def article(i: int, rng: random.Random, countries: tuple[str, ...]) -> tuple[Article, list[Claim]]:
    country = countries[i % len(countries)]
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(4 * 365))
    text, claims = "", []
    for _ in range(PER_ARTICLE):
        category, n = rng.choice(sorted(SAID)), rng.choice((3, 12, 40, 150, 1500))
        town = f"Town{rng.randrange(30)}"
        sentence = SAID[category].format(n=n, town=town) + "."
        start, at = len(text), sentence.index(str(n))
        text += sentence + " "
        when = When(day, day, day.isoformat())
        claims.append(Claim(f"a{i}", category, n, n, n, "exact", str(n), start + at,
                            start + at + len(str(n)), sentence, start, when=when,
                            where=Place(town, country, town)))
    return Article(f"a{i}", text, published=day + timedelta(days=1)), claims


def shape(store) -> list:
    return [(e.id, e.parent, e.type, e.when, e.where, [(c.article, c.start) for c in e.claims])
            for e in store.events()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--countries", type=int, default=20)
    ap.add_argument("--new", type=int, default=1, help="articles written after the first build")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rng = random.Random(7)
    countries = COUNTRIES[:max(1, min(args.countries, len(COUNTRIES)))]
    n = args.claims // PER_ARTICLE
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "events.db") as store:
        for first in range(0, n, 2000):
            store.put_articles([article(i, rng, countries) for i in range(first, min(n, first + 2000))])
        t = time.perf_counter()
        events = rebuild(store)
        rebuild_s = time.perf_counter() - t
        new = [article(n + i, rng, countries) for i in range(args.new)]
        store.put_articles(new)
        t = time.perf_counter()
        built = update(store)
        update_s = time.perf_counter() - t
        after_update = shape(store)
        rebuild(store)
        same = after_update == shape(store)
    result = {"claims": n * PER_ARTICLE, "countries": len(countries), "events": events,
              "new_articles": args.new, "rebuild_s": round(rebuild_s, 2),
              "update_s": round(update_s, 2), "events_built_by_update": built,
              "ratio": round(update_s / rebuild_s, 3), "same_as_rebuild": same}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:24} {value}")
    if not same:
        sys.exit("update stored other events than a full rebuild")


if __name__ == "__main__":
    main()
