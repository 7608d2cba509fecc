"""Rules that judge each non-blank line on its own and remove the lines they match."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.scan import LineScan, line_scans
from cleanup.segment import Span

BLOCK_FIELDS = ("summary", "body")
"""Fields made of lines: line rules never touch the headline."""

Verdict = tuple[str, str | None]
"""A line rule's reason to remove a line: the message and the pack source, if any."""


class WholeLineRule(Rule):
    """Base of the rules that remove whole lines judged one by one."""

    fields = BLOCK_FIELDS

    def judge(self, ls: LineScan, ctx: Context) -> Verdict | None:
        """Why this line must go, or None to keep it."""
        raise NotImplementedError

    def candidates(self, text: FieldText, ctx: Context) -> Sequence[tuple[Span, LineScan]]:
        """The lines worth judging (every non-blank line unless a rule knows better)."""
        return line_scans(text, ctx)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        # A list, not a generator: most fields have no candidate line, and a generator
        # costs its creation and a frame run even then.
        out: list[Proposal] = []
        for line, ls in self.candidates(text, ctx):
            verdict = self.judge(ls, ctx)
            if verdict is not None:
                message, source = verdict
                out.append(Proposal(text.name, line.start, line.end, "remove", message,
                                    source=source, whole_lines=True))
        return out
