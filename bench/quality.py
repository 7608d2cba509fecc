"""Quality of the removal rules on the development corpus (reads ../shared/corpus).

    python bench/quality.py report    # per-site / per-rule counts + a review sample
    python bench/quality.py sample    # draw the lines to annotate (decisions hidden)
    python bench/quality.py score     # precision / recall on bench/annotations/*.jsonl

The annotated set in bench/annotations/ is the regression check: `score --check` exits 1
when precision or recall falls below the floors written in bench/annotations/floors.json.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleanup import Cleaner, Config, Finding

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "ar-antcorpus-multisource-3500.jsonl.gz"
OUT = HERE / "out"
ANNOTATIONS = HERE / "annotations"
HELD_OUT = "skynews"
"""The development site kept out of tuning: no phrase was written after reading it."""


def articles(path: Path = CORPUS) -> Iterator[dict[str, Any]]:
    """The corpus articles, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def removed_lines(article: dict[str, Any], findings: tuple[Finding, ...]) -> dict[str, Any]:
    """Which body lines were removed whole, and which sentences were cut, by which rule."""
    body = article["body"]
    starts = [0]
    for i, char in enumerate(body):
        if char == "\n":
            starts.append(i + 1)
    lines: dict[int, str] = {}
    flagged: dict[int, str] = {}
    sentences: list[tuple[str, str]] = []
    for f in findings:
        whole = (f.field == "body" and f.start in starts and body[f.start:f.end] == f.text
                 and (f.end == len(body) or body[f.end] == "\n"))
        if f.action == "flag":
            if whole and f.severity != "info":
                flagged[starts.index(f.start)] = f.code
        elif f.action == "remove":
            if whole:
                lines[starts.index(f.start)] = f.code
            else:
                sentences.append((f.field, f.code))
    return {"lines": lines, "sentences": sentences, "flagged": flagged}


def cleaner_for(generic: bool) -> Cleaner:
    """The cleaner under test (removal rules only: repairs are measured elsewhere)."""
    return Cleaner(Config(select=("P", "R", "B", "N", "E")))


def run(article: dict[str, Any], cleaner: Cleaner, generic: bool) -> tuple[Finding, ...]:
    """Clean one corpus article; ``generic`` hides its site so no site pack applies."""
    data = {k: article[k] for k in ("title", "summary", "body")}
    if not generic:
        data["site"] = article["site"]
    return cleaner.clean(data).findings


def report(args: argparse.Namespace) -> None:
    """Per-site and per-rule counts of removed lines and sentences, and a review sample."""
    cleaner = cleaner_for(args.generic)
    per_site: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    per_rule: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sample: list[str] = []
    rng = random.Random(7)
    for article in articles():
        site = article["site"]
        body_lines = article["body"].split("\n")
        per_site[site]["articles"] += 1
        per_site[site]["lines"] += sum(1 for ln in body_lines if ln.strip())
        found = removed_lines(article, run(article, cleaner, args.generic))
        for i, code in found["lines"].items():
            per_site[site]["removed_lines"] += 1
            per_rule[code][site] += 1
            if rng.random() < 0.15:
                around = body_lines[max(0, i - 1):i + 2]
                sample.append(f"- **{site} {code}** `{body_lines[i]}`\n  - context: "
                              + " ⏎ ".join(a[:80] for a in around))
        for _, code in found["sentences"]:
            per_site[site]["removed_sentences"] += 1
            per_rule[code][site] += 1
    OUT.mkdir(exist_ok=True)
    sites = sorted(per_site)
    print("| site | articles | body lines | lines removed | sentences removed |")
    print("|---|---|---|---|---|")
    for site in sites:
        c = per_site[site]
        mark = " (held out)" if site == HELD_OUT else ""
        print(f"| {site}{mark} | {c['articles']} | {c['lines']} | {c['removed_lines']} "
              f"| {c['removed_sentences']} |")
    print()
    print("| rule | " + " | ".join(sites) + " | total |")
    print("|---" * (len(sites) + 2) + "|")
    for code in sorted(per_rule):
        counts = per_rule[code]
        print(f"| {code} | " + " | ".join(str(counts[s]) for s in sites)
              + f" | {sum(counts.values())} |")
    (OUT / "removed-sample.md").write_text("\n".join(sample) + "\n", encoding="utf-8")
    print(f"\nreview sample: {OUT / 'removed-sample.md'} ({len(sample)} lines)")


def sample(args: argparse.Namespace) -> None:
    """Draw (1) random removed lines and (2) whole random articles, decisions hidden."""
    cleaner = cleaner_for(False)
    rng = random.Random(args.seed)
    corpus = list(articles())
    removed: list[dict[str, Any]] = []
    for article in corpus:
        if article["site"] == HELD_OUT:
            continue
        body_lines = article["body"].split("\n")
        for i in removed_lines(article, run(article, cleaner, False))["lines"]:
            removed.append({"id": article["id"], "site": article["site"], "line": i,
                            "text": body_lines[i],
                            "before": body_lines[i - 1] if i else "",
                            "after": body_lines[i + 1] if i + 1 < len(body_lines) else ""})
    picked = rng.sample(removed, min(args.removed, len(removed)))
    ANNOTATIONS.mkdir(exist_ok=True)
    with open(ANNOTATIONS / "removed-todo.jsonl", "w", encoding="utf-8") as out:
        for row in picked:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    whole: list[dict[str, Any]] = []
    for group, count in (("dev", args.articles), ("held_out", args.held_out)):
        pool = [a for a in corpus if (a["site"] == HELD_OUT) == (group == "held_out")]
        for article in rng.sample(pool, count):
            for i, text in enumerate(article["body"].split("\n")):
                if text.strip():
                    whole.append({"group": group, "id": article["id"], "site": article["site"],
                                  "line": i, "text": text})
    with open(ANNOTATIONS / "articles-todo.jsonl", "w", encoding="utf-8") as out:
        for row in whole:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(picked)} removed lines (of {len(removed)}), {len(whole)} article lines")


def _labels(name: str) -> list[dict[str, Any]]:
    path = ANNOTATIONS / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


class Decisions:
    """What the cleaner decided for each annotated article's body lines (computed once)."""

    def __init__(self, by_id: dict[str, dict[str, Any]], generic: bool) -> None:
        self.by_id = by_id
        self.generic = generic
        self.cleaner = cleaner_for(generic)
        self.cache: dict[str, dict[str, Any]] = {}

    def _found(self, article_id: str) -> dict[str, Any]:
        if article_id not in self.cache:
            article = self.by_id[article_id]
            self.cache[article_id] = removed_lines(article, run(article, self.cleaner,
                                                                self.generic))
        return self.cache[article_id]

    def removed(self, row: dict[str, Any]) -> bool:
        """The annotated line was removed whole."""
        return row["line"] in self._found(row["id"])["lines"]

    def flagged(self, row: dict[str, Any]) -> bool:
        """The annotated line was flagged (warning or error) without being removed."""
        return row["line"] in self._found(row["id"])["flagged"]


def score(args: argparse.Namespace) -> int:
    """Precision and recall against the annotated lines; --check compares with the floors."""
    by_id = {a["id"]: a for a in articles()}
    results: dict[str, Any] = {}
    for generic in (False, True):
        seen = Decisions(by_id, generic)
        tag = "generic only" if generic else "with site packs"
        rows = [r for r in _labels("removed.jsonl") if seen.removed(r)]
        junk = sum(1 for r in rows if r["label"] == "junk")
        results[f"removed-sample precision ({tag})"] = _ratio(junk, len(rows))
        for group in ("dev", "held_out"):
            rows = [r for r in _labels("articles.jsonl") if r["group"] == group]
            tp = sum(1 for r in rows if r["label"] == "junk" and seen.removed(r))
            fp = sum(1 for r in rows if r["label"] == "real" and seen.removed(r))
            fn = sum(1 for r in rows if r["label"] == "junk" and not seen.removed(r))
            noticed = sum(1 for r in rows if r["label"] == "junk"
                          and (seen.removed(r) or seen.flagged(r)))
            results[f"{group} articles precision ({tag})"] = _ratio(tp, tp + fp)
            results[f"{group} articles recall ({tag})"] = _ratio(tp, tp + fn)
            results[f"{group} articles recall incl. flagged ({tag})"] = _ratio(noticed, tp + fn)
            results[f"{group} articles counts ({tag})"] = {
                "lines": len(rows), "junk": tp + fn, "real": len(rows) - tp - fn,
                "removed junk": tp, "removed real": fp, "missed junk": fn,
                "flagged real": sum(1 for r in rows if r["label"] == "real"
                                    and seen.flagged(r))}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.check:
        floors = json.loads((ANNOTATIONS / "floors.json").read_text(encoding="utf-8"))
        low = {k: v for k, v in floors.items() if results.get(k, 0.0) < v}
        if low:
            print(f"below the floors: {low}", file=sys.stderr)
            return 1
    return 0


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def main() -> int:
    """Command line of the quality bench."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report")
    rep.add_argument("--generic", action="store_true", help="no site packs")
    smp = sub.add_parser("sample")
    smp.add_argument("--removed", type=int, default=220)
    smp.add_argument("--articles", type=int, default=30)
    smp.add_argument("--held-out", type=int, default=15)
    smp.add_argument("--seed", type=int, default=2026)
    sco = sub.add_parser("score")
    sco.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.command == "report":
        report(args)
    elif args.command == "sample":
        sample(args)
    else:
        return score(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
