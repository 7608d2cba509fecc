"""Throughput of cleaning against plain ftfy.fix_text, side by side in one run.

    python bench/throughput.py [--limit N] [--cli]

Reads ../shared/corpus/ar-antcorpus-multisource-full.jsonl.gz (31,525 articles). Each
contender runs over the same title, summary and body fields in the same process, one after
the other, twice in alternating order (ftfy, cleanup, cleanup, ftfy) so drift of the
machine affects both; the best of the two timings of each is reported. With --cli the
`cleanup fix` command is also timed as a subprocess over the same articles as JSONL.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ftfy

from cleanup import Cleaner

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "ar-antcorpus-multisource-full.jsonl.gz"
FIELDS = ("title", "summary", "body")


def load(limit: int | None) -> list[dict[str, Any]]:
    """The corpus articles (only the three text fields and the site)."""
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            out.append({k: data.get(k) or "" for k in (*FIELDS, "site")})
            if limit and len(out) >= limit:
                break
    return out


def timed(fn: Callable[[dict[str, Any]], object], corpus: list[dict[str, Any]]) -> float:
    """Seconds to run ``fn`` over every article."""
    start = time.perf_counter()
    for article in corpus:
        fn(article)
    return time.perf_counter() - start


def main() -> int:
    """Run the comparison and print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cli", action="store_true")
    args = parser.parse_args()
    corpus = load(args.limit)
    chars = sum(len(a[f]) for a in corpus for f in FIELDS)
    cleaner = Cleaner()

    def with_ftfy(article: dict[str, Any]) -> None:
        for name in FIELDS:
            ftfy.fix_text(article[name])

    def with_cleanup(article: dict[str, Any]) -> None:
        cleaner.clean(article)

    times: dict[str, list[float]] = {"ftfy.fix_text": [], "cleanup (library)": []}
    for name, fn in (("ftfy.fix_text", with_ftfy), ("cleanup (library)", with_cleanup),
                     ("cleanup (library)", with_cleanup), ("ftfy.fix_text", with_ftfy)):
        times[name].append(timed(fn, corpus))
    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                for article in corpus:
                    out.write(json.dumps(article, ensure_ascii=False) + "\n")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cleanup", "fix", str(path), "--format",
                            "json", "-o", str(Path(tmp) / "out.jsonl")], check=False)
            times["cleanup fix (CLI, incl. start-up and I/O)"] = [time.perf_counter() - start]
    base = min(times["ftfy.fix_text"])
    print(f"{len(corpus)} articles, {chars / 1e6:.1f} M characters, single process\n")
    print("| contender | seconds | articles/s | ratio to ftfy.fix_text |")
    print("|---|---|---|---|")
    for name, runs in times.items():
        best = min(runs)
        print(f"| {name} | {best:.1f} | {len(corpus) / best:.0f} | {base / best:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
