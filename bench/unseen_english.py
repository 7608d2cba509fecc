"""Removal rules on English sites nobody wrote a pack for (newspaper3k test texts).

    python bench/unseen_english.py [--extract DIR]

The texts are newspaper's extracted bodies of ~150 pages from ~86 English sites (2014-15).
Prints every removed or flagged line for reading, and counts of lines that still look like
junk by a deliberately broad keyword net (for finding misses; not a verdict).
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
import tempfile
from pathlib import Path

from cleanup import Cleaner, Config

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / \
    "en-newspaper3k-testdata.tar.gz"
NET = re.compile(r"newsletter|follow us|sign up|subscribe|related|read more|click here|"
                 r"all rights reserved|©|share this|advertisement", re.I)


def main() -> int:
    """Clean every text file and print what went, what was flagged and what the net caught."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--extract", default=None)
    args = parser.parse_args()
    folder = Path(args.extract or tempfile.mkdtemp())
    if not (folder / "tests").exists():
        with tarfile.open(CORPUS) as tar:
            tar.extractall(folder, filter="data")
    cleaner = Cleaner(Config(select=("P", "R", "B", "N", "E")))
    files = sorted((folder / "tests" / "data" / "text").glob("*.txt"))
    lines = removed = flagged = 0
    net_kept: list[str] = []
    for path in files:
        body = path.read_text(encoding="utf-8", errors="replace").strip()
        result = cleaner.clean({"headline": "", "summary": "", "body": body}, lang="en")
        lines += sum(1 for ln in body.split("\n") if ln.strip())
        for f in result.findings:
            if f.action == "remove":
                removed += 1
                print(f"REMOVED {path.stem} {f.code}: {f.text[:120]!r}")
            elif f.severity != "info":
                flagged += 1
                print(f"FLAGGED {path.stem} {f.code}: {f.text[:120]!r}")
        net_kept += [f"{path.stem}: {ln[:120]}" for ln in result.article.body.split("\n")
                     if NET.search(ln) and len(ln.split()) < 25]
    print(f"\n{len(files)} texts, {lines} non-blank lines, {removed} removals, {flagged} flags")
    print(f"{len(net_kept)} short kept lines caught by the keyword net:")
    for line in net_kept:
        print("  NET", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
