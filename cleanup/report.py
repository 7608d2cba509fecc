"""Text rendering for people: finding lines, summaries, field diffs and the rules table."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence

from cleanup.model import FIELDS, Article, Finding
from cleanup.rules.base import Rule

SNIPPET = 160
"""Longest finding text shown in full on a report line; longer text keeps its two ends."""


def snippet(text: str, limit: int = SNIPPET) -> str:
    """``text`` on one line (line breaks shown as ``\\n``), shortened in the middle."""
    flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(flat) <= limit:
        return flat
    half = (limit - 3) // 2
    return f"{flat[:half]} … {flat[-half:]}"


def finding_line(where: str, finding: Finding) -> str:
    """``PATH:FIELD:START-END: CODE name [action/severity] message «text»``."""
    f = finding
    line = (f"{where}:{f.field}:{f.start}-{f.end}: {f.code} {f.name} "
            f"[{f.action}/{f.severity}] {f.message} «{snippet(f.text)}»")
    if f.replacement is not None:
        line += f" → «{snippet(f.replacement)}»"
    return line


def count_findings(findings: Iterable[Finding]) -> str:
    """``"6 findings (5 remove, 1 flag)"`` or ``"no findings"``."""
    actions = Counter(f.action for f in findings)
    total = sum(actions.values())
    if not total:
        return "no findings"
    parts = ", ".join(f"{actions[a]} {a}" for a in ("remove", "replace", "flag") if actions[a])
    return f"{total} finding{'s' if total != 1 else ''} ({parts})"


def _articles(n: int) -> str:
    return f"{n} article{'s' if n != 1 else ''}"


def check_summary(articles: int, findings: Sequence[Finding], failing: int,
                  fail_on: str) -> str:
    """The last line of ``cleanup check``."""
    line = f"Checked {_articles(articles)}: {count_findings(findings)}"
    if findings:
        line += f", {failing} at or above --fail-on={fail_on}"
    return line + "."


def fix_summary(articles: int, changed: int, findings: Sequence[Finding]) -> str:
    """The last line of the report of ``cleanup fix``."""
    return f"Cleaned {_articles(articles)}, {changed} changed: {count_findings(findings)}."


def field_diff(where: str, original: Article, cleaned: Article) -> str:
    """A unified diff of each field that changed (empty when nothing did)."""
    out: list[str] = []
    for name in FIELDS:
        before, after = getattr(original, name), getattr(cleaned, name)
        if before != after:
            out.extend(difflib.unified_diff(
                before.split("\n") if before else [], after.split("\n") if after else [],
                fromfile=f"{where}:{name}", tofile=f"{where}:{name} (cleaned)", lineterm=""))
    return "".join(line + "\n" for line in out)


COLUMNS = ("Code", "Name", "Action", "Severity", "Summary")


def _rows(rules: Iterable[Rule]) -> list[tuple[str, ...]]:
    ordered = sorted(rules, key=lambda r: r.code)
    return [(r.code, r.name, r.action, r.severity, r.summary) for r in ordered]


def rules_table(rules: Iterable[Rule]) -> str:
    """Every rule, sorted by code, in aligned columns."""
    rows = [tuple(c.upper() for c in COLUMNS), *_rows(rules)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
        + "\n" for row in rows)


def rules_markdown(rules: Iterable[Rule]) -> str:
    """Every rule, sorted by code, as a Markdown table (the README's rule table)."""
    def cells(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |\n"

    head = cells(COLUMNS) + "|" + "|".join("---" for _ in COLUMNS) + "|\n"
    return head + "".join(cells(row) for row in _rows(rules))
