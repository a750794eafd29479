"""A generated corpus of small news articles: text files, one JSON Lines file, and a
few bad inputs, so that articles, claims and failures are all exercised."""
from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = ["Tehran", "Khartoum", "Minsk", "Yangon", "Caracas", "Hong Kong", "Lagos", "Santiago"]
SOURCES = ["Amnesty International", "the interior ministry", "Reuters", "witnesses",
           "a local rights group", "hospital officials"]
VERBS = [("killed", "protesters"), ("arrested", "people"), ("injured", "demonstrators"),
         ("detained", "students")]
QUALIFIERS = ["", "at least ", "more than ", "nearly ", "up to "]
TIMES = ["on Monday", "on Tuesday", "yesterday", "last week", "on 3 March", ""]


def sentence(rng: random.Random) -> str:
    verb, who = rng.choice(VERBS)
    n = rng.choice([rng.randint(2, 40), rng.randint(50, 900), rng.randint(1000, 9000)])
    return (f"Security forces {verb} {rng.choice(QUALIFIERS)}{n} {who} in "
            f"{rng.choice(PLACES)} {rng.choice(TIMES)}, {rng.choice(SOURCES)} said.").replace(" ,", ",")


def article(rng: random.Random) -> str:
    lines = [sentence(rng) for _ in range(rng.randint(1, 4))]
    lines.insert(rng.randint(0, len(lines)), "Protests continued for a third day.")
    return " ".join(lines) + "\n"


def make_corpus(folder: Path, files: int = 150, lines: int = 150, seed: int = 7) -> Path:
    """``files`` text files and a JSON Lines file of ``lines`` articles (one line broken),
    plus an empty file: every run over it stores articles, claims and two failures."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        day = 1 + i % 28
        (folder / f"a{i:04d}.txt").write_text(f" date 2021-03-{day:02d}\n{article(rng)}", "utf-8")
    records = [json.dumps({"id": f"j{i:04d}", "published": "2021-04-10", "outlet": "Wire",
                           "text": article(rng)}) for i in range(lines)]
    records[lines // 2] = '{"id": "broken", "text": '  # a broken line in the middle
    (folder / "feed.jsonl").write_text("\n".join(records) + "\n", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    return folder
