"""E001: the over-cleaning guard, documented like a rule (the engine applies it)."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.rules.base import Context, FieldText, Proposal, Rule

GUARD_CODE = "E001"
GUARD_NAME = "over-cleaning-guard"


class OverCleaningGuard(Rule):
    """E001: refuse removals that would empty a field or take most of the body."""

    code = GUARD_CODE
    name = GUARD_NAME
    family = "engine"
    summary = "Keep a field unchanged when removals would empty it or take most of the body."
    what = ("Before applying the removals of a field, the engine checks that they leave text "
            "behind and, for the body, take at most `guard_share` of its characters (default "
            "0.5). Otherwise none of them is applied and one error lists what would have gone.")
    why = ("An article that is mostly 'junk' is more likely a rule gone wrong, or not an "
           "article at all: an editor must look. Ignore E001 to turn the guard off.")
    example = ("(body of one real paragraph and six junk lines)\n→ body unchanged; E001 error "
               "listing the six lines")
    action = "flag"
    severity = "error"

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        """The guard proposes nothing itself: the engine enforces it."""
        return ()
