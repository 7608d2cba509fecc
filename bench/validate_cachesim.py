"""What validation adds to each article in simulated caches (valgrind's cachegrind).

    python bench/validate_cachesim.py [--limit 600] [--every 52]

This machine has no hardware performance counters, so cachegrind simulates caches set
like its own: 32 KB first-level instruction and data caches, a 1 MB second level. The
same articles (one in ``--every`` of the full corpus, ``bench_validate.py clean``) are
cleaned with and without family V, and the totals subtracted: executed instructions,
first-level instruction misses, second-level instruction and data misses, per article.
Start-up (imports, reading the corpus) is the same in both runs and cancels out.
Numbers: VALIDATE.md, "Eighth session". Needs valgrind; reads ../shared/corpus.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHES = ("--I1=32768,8,64", "--D1=32768,8,64", "--LL=1048576,16,64")
"""Size, associativity and line size of each simulated cache (this machine's)."""
EVENTS = {
    "instructions": r"I\s+refs:\s+([\d,]+)",
    "first-level instruction misses": r"I1\s+misses:\s+([\d,]+)",
    "second-level instruction misses": r"LLi\s+misses:\s+([\d,]+)",
    "second-level data misses": r"LLd\s+misses:\s+([\d,]+)",
}
"""Each event reported, and where cachegrind's summary gives its total."""


def simulate(limit: int, every: int, ignore: str) -> dict[str, int]:
    """The totals of one cleaning run under cachegrind (``ignore``: rule codes left out)."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=yes", *CACHES,
           "--cachegrind-out-file=/dev/null", sys.executable, str(HERE / "bench_validate.py"),
           "clean", "--limit", str(limit), "--every", str(every), "--ignore", ignore]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    totals = {}
    for name, pattern in EVENTS.items():
        found = re.search(pattern, done.stderr)
        if found is None:
            raise SystemExit(f"valgrind's summary has no {name}")
        totals[name] = int(found.group(1).replace(",", ""))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="articles cleaned")
    parser.add_argument("--every", type=int, default=52, help="one article in this many")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("validate_cachesim: valgrind is not installed")
    without = simulate(args.limit, args.every, "V")
    with_v = simulate(args.limit, args.every, "")
    print(f"{args.limit} articles (one in {args.every}): validation adds, per article")
    for name in EVENTS:
        print(f"  {name}: {(with_v[name] - without[name]) / args.limit:,.0f}")


if __name__ == "__main__":
    main()
