"""Throughput of the repair pass next to plain ``ftfy.fix_text`` on the same fields.

    python bench/bench_repair.py                 # the whole development corpus
    python bench/bench_repair.py --limit 3000    # a quick sample

Reads ``../shared/corpus/ar-antcorpus-multisource-full.jsonl.gz`` (title, summary, body
per line). Articles are loaded first and not timed. Then, in the same run:

- ftfy: ``ftfy.fix_text`` (default configuration) on title, summary and body;
- repair: what ``cleanup`` does for the repair stage of an article: detect the language
  (as the API does when none is given) and run the engine with the repair rules only.

Prints both timings, their ratio, how many fields each changed, and the repair findings
by rule code.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.engine import run  # noqa: E402
from cleanup.lang import detect_lang  # noqa: E402
from cleanup.model import FIELDS, Article  # noqa: E402
from cleanup.rules.base import Context  # noqa: E402
from cleanup.rules.repair import REPAIR_RULES  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "ar-antcorpus-multisource-full.jsonl.gz"


def load(path: Path, limit: int | None) -> list[Article]:
    """The first ``limit`` articles of a gzipped JSON-lines corpus."""
    articles: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(articles) >= limit:
                break
            articles.append(Article.from_dict(json.loads(line)))
    return articles


def bench_ftfy(articles: list[Article]) -> tuple[float, int]:
    """Seconds for ftfy.fix_text on every field, and how many fields it changed."""
    changed = 0
    start = time.perf_counter()
    for article in articles:
        for name in FIELDS:
            text = getattr(article, name)
            changed += ftfy.fix_text(text) != text
    return time.perf_counter() - start, changed


def bench_repair(articles: list[Article]) -> tuple[float, int, Counter[str]]:
    """Seconds for the repair pass, fields it changed, and its findings by code."""
    codes: Counter[str] = Counter()
    changed = 0
    start = time.perf_counter()
    for article in articles:
        lang = detect_lang("\n".join(getattr(article, name) for name in FIELDS))

        def make_context(current: Article, lang: str | None = lang) -> Context:
            return Context(packs=None, article=current, lang=lang)  # type: ignore[arg-type]

        cleaned, findings = run(article, REPAIR_RULES, make_context)
        codes.update(f.code for f in findings)
        changed += sum(getattr(cleaned, n) != getattr(article, n) for n in FIELDS)
    return time.perf_counter() - start, changed, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()

    articles = load(args.corpus, args.limit)
    chars = sum(len(getattr(a, n)) for a in articles for n in FIELDS)
    fields = len(articles) * len(FIELDS)
    ftfy_s, ftfy_changed = bench_ftfy(articles)
    repair_s, repair_changed, codes = bench_repair(articles)

    print(f"corpus: {args.corpus.name}, {len(articles)} articles, {fields} fields, "
          f"{chars / 1e6:.1f} M characters")
    print("| pass | seconds | articles/s | M chars/s | fields changed |")
    print("|---|---:|---:|---:|---:|")
    for label, seconds, changed in (("ftfy.fix_text (defaults)", ftfy_s, ftfy_changed),
                                    ("cleanup repair pass", repair_s, repair_changed)):
        print(f"| {label} | {seconds:.2f} | {len(articles) / seconds:,.0f} | "
              f"{chars / 1e6 / seconds:.2f} | {changed} |")
    print(f"\nrepair pass is {ftfy_s / repair_s:.2f}x as fast as ftfy.fix_text alone")
    print("\n| code | findings |\n|---|---:|")
    for code, count in sorted(codes.items()):
        print(f"| {code} | {count} |")


if __name__ == "__main__":
    main()
