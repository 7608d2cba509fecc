"""Validation rules (family V) on the development corpus: thresholds, firing rates, speed.

    python bench/bench_validate.py common     # derive COMMON_STEMS (writes common.py)
    python bench/bench_validate.py headline   # headline support: own vs swapped headline
    python bench/bench_validate.py severity   # V104's levels read against judged cases
    python bench/bench_validate.py summary    # summary support: own vs other body
    python bench/bench_validate.py offtopic   # paragraphs injected from another article
    python bench/bench_validate.py rates      # how often each check fires + review sample
    python bench/bench_validate.py speed      # time added to cleaning, full corpus
    python bench/bench_validate.py speed --records  # the same, per batch record
    python bench/bench_validate.py speed --sample   # the same, 3,500-article sample
    python bench/bench_validate.py instructions  # the same in executed instructions (valgrind)
    python bench/bench_validate.py cachesim   # cache misses validation adds (valgrind)

Reads ../shared/corpus (the tests never do). The common-stem list is derived from the
28,025 articles of the full corpus that are NOT in the 3,500-article development sample,
and every threshold is measured on the sample, so the list is never tuned on what it is
scored on. Pairs and injections are drawn with fixed seeds.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cleanup import Cleaner, Config
from cleanup.batch.records import Limits, process, time_caps
from cleanup.batch.sources import RawItem
from cleanup.model import Article, Finding
from cleanup.rules.base import Context
from cleanup.rules.validate import VALIDATION_RULES
from cleanup.rules.validate.analysis import ArticleView
from cleanup.rules.validate.terms import support, terms_of
from cleanup.rules.validate.topic import topic_scores

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE.parent.parent / "shared" / "corpus"
SAMPLE = CORPUS_DIR / "ar-antcorpus-multisource-3500.jsonl.gz"
FULL = CORPUS_DIR / "ar-antcorpus-multisource-full.jsonl.gz"
COMMON_PY = HERE.parent / "cleanup" / "rules" / "validate" / "common.py"
OUT = HERE / "out"
LABELS = HERE / "annotations" / "validate-v104.jsonl"
FIELDS = ("title", "summary", "body")


def records(path: Path = SAMPLE) -> Iterator[bytes]:
    """Corpus lines in file order, as the batch reader gives them (line end stripped)."""
    with gzip.open(path, "rb") as handle:
        for line in handle:
            yield line.rstrip(b"\r\n")


def articles(path: Path = SAMPLE) -> Iterator[dict[str, Any]]:
    """Corpus articles in file order."""
    return map(json.loads, records(path))


def as_input(article: dict[str, Any]) -> dict[str, str]:
    """What the bench passes to clean: the three text fields and the site name."""
    data = {k: article.get(k) or "" for k in FIELDS}
    data["site"] = article["site"]
    return data


def validating(options: dict[str, Any] | None = None) -> Cleaner:
    """The default cleaner (validation included)."""
    return Cleaner(Config(options=options or {}))


def without_validation() -> Cleaner:
    """The same cleaner without family V (``--ignore V``)."""
    return Cleaner(Config(ignore=("V",)))


class Corpus:
    """The sample, cleaned once without validation (the text validation sees)."""

    def __init__(self) -> None:
        self.raw = list(articles())
        base = without_validation()
        self.ctx_packs = base.ruleset.active(None)
        self.clean: list[Article] = [base.clean(as_input(a)).article for a in self.raw]
        self.by_site: dict[str, list[int]] = collections.defaultdict(list)
        for i, a in enumerate(self.raw):
            self.by_site[a["site"]].append(i)

    def view(self, headline: str, summary: str, body: str) -> ArticleView:
        """The validation analysis of an article made of these fields."""
        article = Article(headline=headline, summary=summary, body=body)
        return ArticleView(Context(packs=self.ctx_packs, article=article, lang="ar"))

    def other(self, i: int, rng: random.Random) -> int:
        """Another article of the same site."""
        pool = self.by_site[self.raw[i]["site"]]
        while True:
            j = rng.choice(pool)
            if j != i:
                return j


# --- common stems -------------------------------------------------------------------------


def cmd_common(args: argparse.Namespace) -> None:
    """Document frequency of stems over the full corpus minus the sample; write the top N."""
    held = {a["id"] for a in articles()}
    df: collections.Counter[str] = collections.Counter()
    n = 0
    for a in articles(FULL):
        if a["id"] in held:
            continue
        n += 1
        df.update(terms_of("\n".join(a.get(k) or "" for k in FIELDS)))
    top = [t for t, _ in df.most_common(args.top)]
    lines = []
    line = "   "
    for term in sorted(top):
        item = f" {term!r},"
        if len(line) + len(item) > 95:
            lines.append(line)
            line = "   "
        line += item
    lines.append(line)
    COMMON_PY.write_text(
        '"""Very common stems of Arabic news: weighed less when scoring support.\n\n'
        f"Generated by `python bench/bench_validate.py common --top {args.top}`: the "
        f"{args.top} stems\nwith the highest document frequency in the {n:,} articles of "
        "the full development\ncorpus outside the 3,500-article sample (on which thresholds "
        'are measured).\n"""\n\nfrom __future__ import annotations\n\n'
        "from typing import Final\n\n"
        "COMMON_STEMS: Final[frozenset[str]] = frozenset({\n" + "\n".join(lines) + "\n})\n",
        encoding="utf-8")
    print(f"{len(top)} stems from {n} articles written to {COMMON_PY}")


# --- headline support ---------------------------------------------------------------------


def curve(own: list[float], swapped: list[float], thresholds: list[float],
          what: str = "headline") -> None:
    """Print false flags on true pairs and recall on swapped pairs per threshold."""
    print(f"| threshold | false flags (own {what}) | recall (swapped {what}) |")
    print("|---|---|---|")
    for th in thresholds:
        ff = sum(s < th for s in own) / len(own)
        rec = sum(s < th for s in swapped) / len(swapped)
        print(f"| {th:.2f} | {ff:.2%} | {rec:.2%} |")


def cmd_headline(args: argparse.Namespace) -> None:
    """Pair every headline with its own article and with another of the same site."""
    corpus = Corpus()
    rng = random.Random(args.seed)
    own: list[float] = []
    swapped: list[float] = []
    pairs: list[tuple[int, int]] = []
    skipped = 0
    for i, a in enumerate(corpus.clean):
        j = corpus.other(i, rng)
        b = corpus.clean[j]
        mine = corpus.view(a.headline, a.summary, a.body)
        theirs = corpus.view(a.headline, b.summary, b.body)
        if not mine.headline_terms or not mine.paragraph_words or not theirs.paragraph_words:
            skipped += 1
            continue
        own.append(mine.headline_support()[0])
        swapped.append(theirs.headline_support()[0])
        pairs.append((i, j))
    print(f"{len(own)} pairs (seed {args.seed}; {skipped} skipped: no headline terms or "
          f"no body)\n")
    curve(own, swapped, [0.1, 0.15, 0.2, 0.25, 0.28, 0.3, 0.31, 0.32, 0.33, 0.34, 0.35, 0.4, 0.5])
    # The same decision through the whole pipeline: clean the swapped articles for real.
    cleaner = validating()
    flagged_own = flagged_swapped = 0
    levels: collections.Counter[str] = collections.Counter()
    for i, j in pairs:
        for which, k in (("own", i), ("swapped", j)):
            data = as_input(corpus.raw[k])
            data["title"] = corpus.raw[i]["title"]
            found = [f for f in cleaner.clean(data).findings
                     if f.code == "V104" and f.severity != "info"]
            if found:
                levels[f"{which} {found[0].severity}"] += 1
                if which == "own":
                    flagged_own += 1
                else:
                    flagged_swapped += 1
    print(f"\nthrough clean() with the defaults: false flags {flagged_own / len(pairs):.2%} "
          f"({flagged_own}/{len(pairs)}), recall {flagged_swapped / len(pairs):.2%} "
          f"({flagged_swapped}/{len(pairs)}); by severity: {dict(sorted(levels.items()))}")


# --- headline support: severity ---------------------------------------------------------


def cmd_severity(args: argparse.Namespace) -> None:
    """V104's levels on the full corpus, read against the judged cases in LABELS."""
    labels = {row["id"]: row["right"] for row in map(
        json.loads, LABELS.read_text(encoding="utf-8").splitlines())}
    sample = {a["id"] for a in articles()}
    base = without_validation()
    packs = base.ruleset.active(None)
    rows: list[tuple[str, float, int]] = []
    total = 0
    for a in articles(FULL):
        total += 1
        art = base.clean(as_input(a)).article
        v = ArticleView(Context(packs=packs, article=art, lang="ar"))
        if v.headline_terms and v.paragraph_words:
            score = v.headline_support()[0]
            if score < args.threshold:
                rows.append((a["id"], score, v.body_length))
    print(f"{total} articles; headline support < {args.threshold}: {len(rows)}; judged: "
          f"every case below {args.error} and the sample's others\n")
    print("| support | body | articles | share | judged | right | precision |")
    print("|---|---|---|---|---|---|---|")
    edges = (0.0, args.error, args.split, args.threshold)
    for low, high in itertools.pairwise(edges):
        for short in (True, False):
            band = [r for r in rows if low <= r[1] < high and (r[2] < args.words) == short
                    and (low == 0.0 or r[0] in sample)]
            judged = [labels[r[0]] for r in band if r[0] in labels]
            where = "" if low == 0.0 else " (sample)"
            print(f"| {low:g}–{high:g}{where} | {'<' if short else '≥'} {args.words} words "
                  f"| {len(band)} | {len(band) / (total if low == 0.0 else len(sample)):.2%} "
                  f"| {len(judged)} | {sum(judged)} "
                  f"| {sum(judged) / len(judged) if judged else float('nan'):.2f} |")
    print(f"\nsupport < {args.error} by body length (full corpus):")
    for words in (20, 30, 40, 60, 100, 10**9):
        verdicts: list[bool | None] = [labels.get(r[0]) for r in rows
                                       if r[1] < args.error and r[2] < words]
        print(f"  < {words} words: {len(verdicts)} articles, {verdicts.count(True)} right, "
              f"{verdicts.count(False)} wrong, {verdicts.count(None)} not judged")


# --- summary support ----------------------------------------------------------------------


def cmd_summary(args: argparse.Namespace) -> None:
    """Score every summary sentence against its own body and another body of the site."""
    corpus = Corpus()
    rng = random.Random(args.seed)
    own: list[float] = []
    other: list[float] = []
    own_paraphrased: list[float] = []
    for i, a in enumerate(corpus.clean):
        b = corpus.clean[corpus.other(i, rng)]
        mine = corpus.view(a.headline, a.summary, a.body)
        theirs = corpus.view(a.headline, a.summary, b.body)
        if not mine.paragraph_words or not theirs.paragraph_words:
            continue
        copied = mine.body_words.issuperset(mine.summary_words)
        for s_own, s_other in zip(mine.summary_sentences, theirs.summary_sentences,
                                  strict=True):
            if len(s_own.terms) < args.min_terms:
                continue
            score = 1.0 if copied else support(sorted(s_own.terms), (mine.body_starts,))[0]
            own.append(score)
            if not copied:
                own_paraphrased.append(score)
            other.append(support(sorted(s_other.terms), (theirs.body_starts,))[0])
    print(f"{len(own)} summary sentences of {args.min_terms}+ terms "
          f"({len(own_paraphrased)} from summaries whose words are not all in the body)\n")
    curve(own, other, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5], "body")
    print("\nfalse flags among summaries whose words are not all in the body:")
    for th in (0.2, 0.25, 0.3, 0.35, 0.4):
        print(f"  {th:.2f}: {sum(s < th for s in own_paraphrased) / len(own_paraphrased):.2%}")


# --- off-topic paragraphs -----------------------------------------------------------------


def cmd_offtopic(args: argparse.Namespace) -> None:
    """Inject a paragraph of another article (another site) and see which scores flag it."""
    corpus = Corpus()
    rng = random.Random(args.seed)
    # A cross-site item is another story's lead: by default the first paragraph of another
    # article is injected (--any-paragraph: any paragraph of 15+ words).
    donors = [(i, line) for i, a in enumerate(corpus.clean)
              for n, line in enumerate(x for x in a.body.split("\n") if x.strip())
              if len(line.split()) >= 15 and (n == 0 or args.any_paragraph)]
    injected: list[float] = []
    real: list[float] = []
    real_articles: list[float] = []
    for i, a in enumerate(corpus.clean):
        body = [line for line in a.body.split("\n") if line.strip()]
        if len(body) < 3:
            continue
        v = corpus.view(a.headline, a.summary, a.body)
        scores = [s for s in topic_scores(v, args.min_terms) if s is not None]
        real.extend(scores)
        real_articles.append(min(scores, default=1.0))
        while True:
            j, line = rng.choice(donors)
            if corpus.raw[j]["site"] != corpus.raw[i]["site"] or args.same_site:
                break
        at = rng.randrange(len(body) + 1)
        mixed = "\n".join([*body[:at], line, *body[at:]])
        score = topic_scores(corpus.view(a.headline, a.summary, mixed), args.min_terms)[at]
        injected.append(1.0 if score is None else score)  # too short to judge: not flagged
    kind = "any paragraph" if args.any_paragraph else "the lead"
    print(f"{len(real_articles)} articles of 3+ paragraphs, {len(real)} scored paragraphs; "
          f"{kind} (15+ words) of an article from {'the same' if args.same_site else 'another'}"
          f" site injected into each\n")
    print("| threshold | recall (injected) | false flags (paragraphs) | articles with a false "
          "flag |")
    print("|---|---|---|---|")
    for th in (0.05, 0.08, 0.1, 0.12, 0.15, 0.2):
        print(f"| {th:.2f} | {sum(s < th for s in injected) / len(injected):.2%} "
              f"| {sum(s < th for s in real) / len(real):.2%} "
              f"| {sum(s < th for s in real_articles) / len(real_articles):.2%} |")


# --- firing rates ---------------------------------------------------------------------------


def describe(article: dict[str, Any], finding: Finding) -> str:
    """A review entry: the finding and enough of the article to judge it."""
    text = finding.text if len(finding.text) < 320 else (
        f"{finding.text[:150]} … {finding.text[-150:]}")
    return (f"### {finding.code} {finding.name} [{finding.severity}] — {article['id']}\n\n"
            f"- message: {finding.message}\n- text: «{text}»\n"
            f"- headline: {article['title']}\n- summary: {(article['summary'] or '')[:300]}\n"
            f"- body start: {article['body'][:300]}\n"
            f"- body end: {article['body'][-200:]}\n")


def cmd_rates(args: argparse.Namespace) -> None:
    """Fraction of articles each check fires on, by severity, and a sample to read."""
    cleaner = validating()
    corpus = list(articles(FULL if args.full else SAMPLE))
    per_code: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    found: dict[str, list[tuple[dict[str, Any], Finding]]] = collections.defaultdict(list)
    totals: collections.Counter[str] = collections.Counter()
    for article in corpus:
        findings = [f for f in cleaner.clean(as_input(article)).findings if f.code[0] == "V"]
        totals["any"] += bool(findings)
        totals["non-V108"] += any(f.code != "V108" for f in findings)
        totals["warning or error"] += any(f.severity != "info" for f in findings)
        totals["error or removal (fails check by default)"] += any(
            f.severity == "error" or f.action != "flag" for f in findings)
        for code in {f.code for f in findings}:
            per_code[code]["articles"] += 1
        for f in findings:
            per_code[f.code][f.severity] += 1
            found[f.code].append((article, f))
    names = {r.code: r.name for r in VALIDATION_RULES}
    print(f"{len(corpus)} articles\n")
    print("| rule | articles flagged | share | error | warning | info |")
    print("|---|---|---|---|---|---|")
    for rule in VALIDATION_RULES:
        c = per_code.get(rule.code, collections.Counter())
        print(f"| {rule.code} {names[rule.code]} | {c['articles']} "
              f"| {c['articles'] / len(corpus):.1%} | {c['error']} | {c['warning']} "
              f"| {c['info']} |")
    print("\narticles with " + ", ".join(
        f"{what} finding: {n / len(corpus):.2%}" for what, n in totals.items()))
    rng = random.Random(args.seed)
    OUT.mkdir(exist_ok=True)
    parts = []
    for rule in VALIDATION_RULES:
        cases = [(a, f) for a, f in found.get(rule.code, []) if f.severity != "info"
                 or rule.code in args.info]
        for article, finding in rng.sample(cases, min(args.per_rule, len(cases))):
            parts.append(describe(article, finding))
    path = OUT / "validate-sample.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    print(f"\nreview sample: {path} ({len(parts)} findings)")


# --- speed ----------------------------------------------------------------------------------


def timed_blocks(cleaners: dict[str, Cleaner], work: list[Any], block: int,
                 run: Callable[[Cleaner, list[Any]], None]) -> dict[str, float]:
    """CPU seconds each cleaner spends in ``run`` over ``work``, taken in blocks of
    ``block`` items: each block is run by every cleaner in turn, the first of them
    rotating from block to block (the first block in the order of ``cleaners``)."""
    names = list(cleaners)
    spent = dict.fromkeys(names, 0.0)
    for n, i in enumerate(range(0, len(work), block)):
        items = work[i:i + block]
        turn = n % len(names)
        for name in names[turn:] + names[:turn]:
            start = time.process_time()
            run(cleaners[name], items)
            spent[name] += time.process_time() - start
    return spent


def cmd_speed(args: argparse.Namespace) -> None:
    """CPU time of cleaning with and without validation, in blocks of ``--block`` articles
    that alternate which cleaner goes first.

    Each cleaner runs a block of articles in a row, as a batch worker runs its one
    cleaner; alternating article by article (``--block 1``, the design of the first six
    sessions) leaves each cleaner's data in the caches less often, which slows the
    baseline and lowers the ratio (``VALIDATE.md``, seventh session). With ``--records``
    each cleaner does all a batch worker does for a record (``process``: parse the JSON
    line, clean, encode the output record and its findings), not ``Cleaner.clean`` alone.
    ``--sample`` times the 3,500-article sample (700 articles a site) instead of the full
    corpus (whose sites are not evenly represented).
    """
    source = SAMPLE if args.sample else FULL
    work: list[Any] = []
    for number, body in enumerate(records(source), 1):
        if args.limit and len(work) >= args.limit:
            break
        work.append(RawItem(str(source), number, "jsonl", body, len(body)) if args.records
                    else as_input(json.loads(body)))
    cleaners = {"full": validating(), "base": without_validation()}
    limits = Limits()
    with time_caps() as armed:  # as a batch worker: its time cap armed once

        def run(cleaner: Cleaner, block: list[Any]) -> None:
            if args.records:
                for item in block:
                    process(item, cleaner, limits, armed=armed)
            else:
                for article in block:
                    cleaner.clean(article)

        spent = timed_blocks(cleaners, work, args.block, run)
    ratio = spent["full"] / spent["base"]
    unit = "records (batch worker)" if args.records else "articles"
    print(f"{len(work)} {unit}, blocks of {args.block}: cleaning {spent['base']:.1f} s "
          f"CPU, with validation {spent['full']:.1f} s: ratio {ratio:.3f} (+{ratio - 1:.1%})")


def cmd_clean(args: argparse.Namespace) -> None:
    """Clean ``--limit`` articles of the full corpus, every ``--every``-th one so that
    every site is in (run under valgrind; the file is in site order)."""
    ignore = tuple(code for code in args.ignore.split(",") if code)
    cleaner = Cleaner(Config(ignore=ignore)) if ignore else validating()
    for n, article in enumerate(articles(FULL)):
        if n >= args.limit * args.every:
            break
        if n % args.every == 0 and not args.read_only:
            cleaner.clean(as_input(article))


_CACHES = ("--I1=32768,8,64", "--D1=32768,8,64", "--LL=1048576,16,64")
"""Size, associativity and line size of each cache cachegrind simulates (this machine's:
it has no hardware performance counters)."""
_EVENTS = {
    "instructions": r"I\s+refs:\s+([\d,]+)",
    "first-level instruction misses": r"I1\s+misses:\s+([\d,]+)",
    "second-level instruction misses": r"LLi\s+misses:\s+([\d,]+)",
    "second-level data misses": r"LLd\s+misses:\s+([\d,]+)",
}
"""The events ``cachesim`` reports, and where cachegrind's summary gives each total."""


def _cachegrind(limit: int, every: int, ignore: str, *extra: str,
                caches: bool = False) -> dict[str, int]:
    """Totals of ``clean`` over ``limit`` articles under cachegrind: instructions, and
    with ``caches`` the misses of the simulated caches (:data:`_EVENTS`)."""
    cmd = ["valgrind", "--tool=cachegrind",
           *(("--cache-sim=yes", *_CACHES) if caches else ("--cache-sim=no",)),
           "--cachegrind-out-file=/dev/null", sys.executable, __file__, "clean",
           "--limit", str(limit), "--every", str(every), "--ignore", ignore, *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    events = _EVENTS if caches else {"instructions": _EVENTS["instructions"]}
    totals = {}
    for name, pattern in events.items():
        found = re.search(pattern, done.stderr)
        if found is None:
            raise SystemExit(f"no count of {name} in valgrind's output")
        totals[name] = int(found.group(1).replace(",", ""))
    return totals


def _instructions(limit: int, every: int, ignore: str, *extra: str) -> int:
    """Instructions executed by ``clean`` over ``limit`` articles (cachegrind's I refs)."""
    return _cachegrind(limit, every, ignore, *extra)["instructions"]


def cmd_instructions(args: argparse.Namespace) -> None:
    """Executed instructions, deterministic where CPU time on a shared machine is not:
    cleaning with and without family V, and with each V rule left out in turn."""
    _instructions(0, 1, "")  # once, so that every module's .pyc is written before counting
    empty = _instructions(args.limit, args.every, "", "--read-only")  # start-up, reading
    base = _instructions(args.limit, args.every, "V") - empty
    full = _instructions(args.limit, args.every, "") - empty
    print(f"{args.limit} articles (one in {args.every}): cleaning {base / 1e6:,.0f} M "
          f"instructions, validation {(full - base) / 1e6:,.0f} M more: ratio "
          f"{full / base:.3f}")
    for rule in VALIDATION_RULES:
        without = _instructions(args.limit, args.every, rule.code) - empty
        print(f"  {rule.code} {rule.name}: {(full - without) / 1e6:,.0f} M")


def cmd_cachesim(args: argparse.Namespace) -> None:
    """What validation adds to each article in simulated caches set like this machine's
    (32 KB first level, 1 MB second level): the same articles cleaned with and without
    family V, the totals subtracted (start-up is the same in both and cancels out)."""
    without = _cachegrind(args.limit, args.every, "V", caches=True)
    with_v = _cachegrind(args.limit, args.every, "", caches=True)
    print(f"{args.limit} articles (one in {args.every}): validation adds, per article")
    for name in _EVENTS:
        print(f"  {name}: {(with_v[name] - without[name]) / args.limit:,.0f}")


def positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def main() -> None:
    """Run one of the measurements."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("common")
    p.add_argument("--top", type=int, default=300)
    for name in ("headline", "summary", "offtopic"):
        p = sub.add_parser(name)
        p.add_argument("--seed", type=int, default=7)
        p.add_argument("--min-terms", type=int, default=12 if name == "offtopic" else 4)
        p.add_argument("--same-site", action="store_true")
        p.add_argument("--any-paragraph", action="store_true")
    p = sub.add_parser("severity")
    p.add_argument("--threshold", type=float, default=0.31)
    p.add_argument("--error", type=float, default=0.1)
    p.add_argument("--words", type=int, default=40)
    p.add_argument("--split", type=float, default=0.2, help="a cut in the warning band")
    p = sub.add_parser("rates")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--per-rule", type=int, default=12)
    p.add_argument("--info", nargs="*", default=["V104", "V111"])
    p.add_argument("--full", action="store_true", help="the full corpus, not the sample")
    p = sub.add_parser("speed")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--block", type=positive, default=64,
                   help="articles a cleaner runs in a row")
    p.add_argument("--records", action="store_true",
                   help="time a batch worker's whole work per record, not clean() alone")
    p.add_argument("--sample", action="store_true",
                   help="the 3,500-article sample (700 a site), not the full corpus")
    p = sub.add_parser("instructions")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--every", type=int, default=31)
    p = sub.add_parser("cachesim")
    p.add_argument("--limit", type=int, default=600)
    p.add_argument("--every", type=int, default=52)
    p = sub.add_parser("clean")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--every", type=int, default=31)
    p.add_argument("--ignore", default="")
    p.add_argument("--read-only", action="store_true", help="read the articles, clean none")
    args = parser.parse_args()
    {"common": cmd_common, "headline": cmd_headline, "severity": cmd_severity,
     "summary": cmd_summary,
     "offtopic": cmd_offtopic, "rates": cmd_rates, "speed": cmd_speed,
     "instructions": cmd_instructions, "cachesim": cmd_cachesim,
     "clean": cmd_clean}[args.cmd](args)


if __name__ == "__main__":
    main()
