"""Where the time validation adds to cleaning goes: its rules' work, or cleaning slowed.

    python bench/validate_breakdown.py [--every 5] [--block 64]

Cleans one corpus article in ``--every`` with three cleaners, in blocks of articles that
rotate which cleaner goes first (``bench_validate.timed_blocks``, as ``speed`` times two):

- ``without V``: family V left out (the baseline of ``speed``);
- ``empty V``: each validation rule replaced by one with the same code and fields that
  proposes nothing (what the engine spends calling validation rules);
- ``with V``: the default cleaner.

Every rule of all three is wrapped in the same timer, so the time of ``clean()`` splits
into the cleaning rules, the validation rules (each, by code) and the rest (the engine,
the API, the timers). Validation's work is what its rules take beyond an empty rule;
what is added beyond that and the engine's calls is cleaning slowed: its code and data
read again after validation (cache misses, which this machine has no counters to show).
The timers make every figure larger than without them; ``speed`` gives the ratio to
report. The split is a difference of differences: fewer articles make it noisy (with one
in 20, the engine's calls once read -3 µs).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from bench_validate import FULL, as_input, positive, records, timed_blocks
from rule_timing import like, timed

from cleanup import Cleaner
from cleanup.rules.base import Context, FieldText, Proposal, Rule

CLEANERS = ("without V", "empty V", "with V")


class Timings:
    """Seconds spent in each rule's ``propose``, by code."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)

    def of(self, validation: bool) -> float:
        """Seconds spent in the validation rules, or in the others."""
        return sum(s for code, s in self.spent.items() if code.startswith("V") == validation)


def empty(rule: Rule) -> Rule:
    """A rule with the code, stage and fields of ``rule`` that proposes nothing."""

    def propose(self: Rule, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        return ()

    return like(rule, propose)


def main() -> None:
    """Print the split, in µs an article."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=positive, default=5, help="one article in EVERY")
    parser.add_argument("--block", type=positive, default=64,
                        help="articles a cleaner runs in a row")
    args = parser.parse_args()
    work: list[dict[str, Any]] = [as_input(json.loads(line))
                                  for n, line in enumerate(records(FULL)) if n % args.every == 0]
    default = Cleaner().rules
    rules = {"without V": [r for r in default if not r.code.startswith("V")],
             "empty V": [empty(r) if r.code.startswith("V") else r for r in default],
             "with V": default}
    timings = {name: Timings() for name in CLEANERS}
    cleaners = {name: Cleaner() for name in CLEANERS}
    for name, cleaner in cleaners.items():
        cleaner.rules = [timed(r, timings[name].spent) for r in rules[name]]
    for article in work[:200]:  # first touches out of the way
        for cleaner in cleaners.values():
            cleaner.clean(article)
    for kept in timings.values():
        kept.spent.clear()

    def run(cleaner: Cleaner, block: list[Any]) -> None:
        for article in block:
            cleaner.clean(article)

    total = timed_blocks(cleaners, work, args.block, run)
    per = 1e6 / len(work)
    print(f"{len(work)} articles (one in {args.every}), blocks of {args.block}, "
          f"µs an article (timers included)")
    print(f"{'':32}" + "".join(f"{name:>11}" for name in CLEANERS))
    rows: dict[str, list[float]] = {"clean() in all": [total[n] * per for n in CLEANERS]}
    rows["cleaning rules"] = [timings[n].of(False) * per for n in CLEANERS]
    rows["validation rules"] = [timings[n].of(True) * per for n in CLEANERS]
    rows["the rest (engine, API, timers)"] = [
        a - b - c for a, b, c in zip(*rows.values(), strict=True)]
    for label, values in rows.items():
        print(f"{label:32}" + "".join(f"{v:11.1f}" for v in values))
    base, calls, full = rows["clean() in all"]
    work_done = rows["validation rules"][2] - rows["validation rules"][1]
    print(f"added: {full - base:.1f} = the engine calling validation rules "
          f"{calls - base:.1f} + their work {work_done:.1f} + cleaning slowed "
          f"{full - calls - work_done:.1f}; ratio with the timers {full / base:.3f}")
    spent = timings["with V"].spent
    print("validation rules, each: " + ", ".join(
        f"{code} {s * per:.1f}" for code, s in sorted(spent.items(), key=lambda cs: -cs[1])
        if code.startswith("V")))


if __name__ == "__main__":
    main()
