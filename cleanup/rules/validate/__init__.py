"""Validation family (V): do the headline, summary and body belong together?

Report-only checks run last, on the article after repairs and removals; only two fixes
are made, both obviously safe: the headline repeated as the body's first line (V107) and,
when the option ``drop_repeated_lead`` is on, a first paragraph repeating the summary
(V108). Over-cleaning is reported by the engine's guard as E001 (error).

Each rule's ``propose`` returns its proposals (most often ``()``) rather than yielding
them: compiled, making and running a generator for each rule and field cost about two
points of the speed ratio (``bench/VALIDATE.md``, eighth session). Their modules'
constants are ``Final`` for the same reason: compiled, a plain module global is looked up
in the module's dict at each use, a final one is read directly.
"""

from __future__ import annotations

from cleanup.rules.base import Rule
from cleanup.rules.validate.duplicates import (
    DuplicateParagraphRule,
    HeadlineRepeatRule,
    SummaryRepeatRule,
)
from cleanup.rules.validate.fields import HeadlineShapeRule, MissingFieldRule, SummaryLongerRule
from cleanup.rules.validate.numbers import NumberMismatchRule
from cleanup.rules.validate.script import LanguageMismatchRule
from cleanup.rules.validate.support import HeadlineSupportRule, SummarySupportRule
from cleanup.rules.validate.topic import OffTopicParagraphRule
from cleanup.rules.validate.truncation import TruncatedBodyRule

VALIDATION_RULES: list[Rule] = [
    MissingFieldRule(), HeadlineShapeRule(), SummaryLongerRule(), HeadlineSupportRule(),
    SummarySupportRule(), NumberMismatchRule(), HeadlineRepeatRule(), SummaryRepeatRule(),
    DuplicateParagraphRule(), LanguageMismatchRule(), TruncatedBodyRule(),
    OffTopicParagraphRule(),
]
"""Validation rules in run order (earlier rules win overlapping removals)."""

__all__ = ["VALIDATION_RULES"]
