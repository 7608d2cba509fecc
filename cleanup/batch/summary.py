"""Counts of a batch run and their two renderings: a table for people, a JSON report.

Counts are bounded whatever the input size: one entry per rule, per reject reason, and per
site up to :data:`MAX_SITES` (later sites are counted together as ``(other sites)``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleanup.batch.records import Outcome
from cleanup.rules.registry import all_rules

MAX_SITES = 1000
OTHER_SITES = "(other sites)"
SITE_ROWS = 20
"""Sites shown in the table (the report has them all)."""

_SITE_COLUMNS = ("in", "out", "rejected", "changed", "findings")


@dataclass
class Stats:
    """Records in, out, rejected and changed; findings per rule; counts per site."""

    records_in: int = 0
    records_out: int = 0
    rejected: int = 0
    changed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    """Findings per rule code."""
    records: Counter[str] = field(default_factory=Counter)
    """Records with at least one finding, per rule code."""
    sites: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        """Count one record's outcome."""
        self.records_in += 1
        site = self._site(outcome.site)
        site["in"] += 1
        if outcome.output is None:
            self.rejected += 1
            self.reasons[outcome.reason or "error"] += 1
            site["rejected"] += 1
            return
        self.records_out += 1
        site["out"] += 1
        if outcome.changed:
            self.changed += 1
            site["changed"] += 1
        if outcome.codes:
            self.findings.update(outcome.codes)
            self.records.update(set(outcome.codes))
            site["findings"] += len(outcome.codes)

    def _site(self, name: str) -> Counter[str]:
        if name not in self.sites and len(self.sites) >= MAX_SITES:
            name = OTHER_SITES
        return self.sites.setdefault(name, Counter())

    def to_state(self) -> dict[str, Any]:
        """Plain data for the checkpoint."""
        return {"in": self.records_in, "out": self.records_out, "rejected": self.rejected,
                "changed": self.changed, "reasons": dict(self.reasons),
                "findings": dict(self.findings), "records": dict(self.records),
                "sites": {name: dict(c) for name, c in self.sites.items()}}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Stats:
        """The counts saved by :meth:`to_state`."""
        return cls(state["in"], state["out"], state["rejected"], state["changed"],
                   Counter(state["reasons"]), Counter(state["findings"]),
                   Counter(state["records"]),
                   {name: Counter(c) for name, c in state["sites"].items()})


def report(stats: Stats, *, seconds: float, blank_lines: int, skipped_files: int,
           resumed_at: int, workers: int, outputs: dict[str, str]) -> dict[str, Any]:
    """The ``--report`` JSON: the same numbers as the table, and all the sites."""
    names = {rule.code: rule.name for rule in all_rules()}
    done_now = stats.records_in - resumed_at
    return {
        "ok": stats.records_in == stats.records_out + stats.rejected,
        "records": {"in": stats.records_in, "out": stats.records_out,
                    "rejected": stats.rejected, "changed": stats.changed},
        "rejected": dict(stats.reasons.most_common()),
        "rules": [{"code": code, "name": names.get(code, ""), "findings": n,
                   "records": stats.records[code]} for code, n in sorted(stats.findings.items())],
        "sites": [{"site": name, **{k: counts[k] for k in _SITE_COLUMNS}}
                  for name, counts in sorted(stats.sites.items(),
                                             key=lambda kv: (-kv[1]["in"], kv[0]))],
        "blank_lines": blank_lines,
        "skipped_files": skipped_files,
        "resumed_at": resumed_at,
        "workers": workers,
        "seconds": round(seconds, 3),
        "records_per_second": round(done_now / seconds, 1) if seconds > 0 else None,
        "outputs": outputs,
    }


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], right: int = 1) -> list[str]:
    """Aligned columns; the columns from ``right`` on are numbers (right-aligned)."""
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]

    def line(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i >= right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  " + "  ".join(cells).rstrip()

    return [line(head), *(line(r) for r in rows)]


def render(data: dict[str, Any]) -> str:
    """The end-of-run summary table of ``cleanup batch`` (from :func:`report`'s dict)."""
    rec = data["records"]
    out = ["", "Batch summary"]
    rows = [("records in", f"{rec['in']:,}"), ("cleaned (out)", f"{rec['out']:,}"),
            ("  changed", f"{rec['changed']:,}"), ("rejected", f"{rec['rejected']:,}")]
    rows += [(f"  rejected: {reason}", f"{n:,}") for reason, n in data["rejected"].items()]
    if data["blank_lines"]:
        rows.append(("blank lines (skipped)", f"{data['blank_lines']:,}"))
    if data["skipped_files"]:
        rows.append(("other files (skipped)", f"{data['skipped_files']:,}"))
    rate = data["records_per_second"]
    resumed = f", resumed at record {data['resumed_at']:,}" if data["resumed_at"] else ""
    rows.append(("time", f"{data['seconds']:.1f} s ({data['workers']} worker"
                         f"{'s' if data['workers'] != 1 else ''}{resumed})"))
    rows.append(("rate", f"{rate:,.0f} records/s" if rate is not None else "-"))
    out += _table(("", ""), rows)[1:]
    if data["rules"]:
        out += ["", "Findings per rule"]
        out += _table(("code", "name", "findings", "records"),
                      [(r["code"], r["name"], f"{r['findings']:,}", f"{r['records']:,}")
                       for r in data["rules"]], right=2)
    if data["sites"]:
        sites = data["sites"]
        more = len(sites) - SITE_ROWS
        out += ["", "Per site" + (f" (top {SITE_ROWS} of {len(sites)}; all in --report)"
                                  if more > 0 else "")]
        out += _table(("site", *_SITE_COLUMNS),
                      [(s["site"], *(f"{s[k]:,}" for k in _SITE_COLUMNS))
                       for s in sites[:SITE_ROWS]])
    check = "in = out + rejected" if data["ok"] else "FAILED: in != out + rejected"
    sign = "=" if data["ok"] else "!="
    out += ["", f"Check: {check} ({rec['in']:,} {sign} {rec['out']:,} + {rec['rejected']:,})"]
    return "\n".join(out) + "\n"
