"""The bad inputs too big or too odd to commit, written at test time beside the small
ones of this folder (see tests/reliability/test_bad_inputs.py):

    python tests/data/bad/generate.py OUT_FOLDER

huge.txt       a 100 MB single line (over the article size limit)
huge.jsonl     one 6 MB JSON line (a record over the limit, in a container file)
million.txt    a number of a million digits in a real sentence
deep.html      an article inside 100,000 nested <div>s
loop/          a folder whose link points back at itself, and a link to itself
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HUGE_BYTES = 100_000_000
SENTENCE = "Police arrested 40 protesters in Minsk on Sunday, Viasna said. "


def generate(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "huge.txt").open("w", encoding="utf-8") as f:  # written in pieces, not held
        piece = SENTENCE.replace(". ", "; ") * 1000
        for _ in range(HUGE_BYTES // len(piece)):
            f.write(piece)
    (out / "huge.jsonl").write_text(
        json.dumps({"id": "huge", "text": SENTENCE * 100_000}) + "\n"
        + json.dumps({"id": "small", "text": SENTENCE}) + "\n", encoding="utf-8")
    (out / "million.txt").write_text(
        " date 2021-03-05\nPolice arrested " + "7" * 1_000_000 + " people. " + SENTENCE,
        encoding="utf-8")
    depth = 100_000
    (out / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth
        + "</body></html>", encoding="utf-8")
    loop = out / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "inside.txt").write_text(SENTENCE, encoding="utf-8")
    for name, target in (("again", "."), ("self.txt", "self.txt")):
        if not (loop / name).is_symlink():
            os.symlink(target, loop / name)
    return out


if __name__ == "__main__":
    generate(Path(sys.argv[1]))
