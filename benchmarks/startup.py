"""Start-up time of the command line: whole processes, against `python -c pass`.

    python benchmarks/startup.py [--runs 5] [--json]

Each measure is the median wall time of ``--runs`` fresh processes of this checkout's
code (``python -m claimledger``, PYTHONPATH set to it): ``--help``, and ``claims``
on a database of the bundled samples (ingested once, in a temporary folder, and not
timed). ``python -c pass`` in the same run is the floor no command goes under.
Target (issue 18): ``--help`` under 0.3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_time(args: list[str], runs: int, cwd: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args()
    cli = [sys.executable, "-m", "claimledger"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "samples.db")
        subprocess.run([*cli, "ingest", str(ROOT / "data" / "samples"), "--db", db], cwd=tmp, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
        figures = {"python -c pass": median_time([sys.executable, "-c", "pass"], opts.runs, tmp),
                   "claimledger --help": median_time([*cli, "--help"], opts.runs, tmp),
                   "claimledger claims": median_time([*cli, "claims", "--db", db], opts.runs, tmp)}
    if opts.json:
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
        return
    for name, seconds in figures.items():
        print(f"{name:<20} {seconds:.3f} s")


if __name__ == "__main__":
    main()
