"""Field checks: a field missing or empty, a headline that is no headline, a summary
longer than the body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from cleanup.model import Severity
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import number, severity
from cleanup.segment import word_count

# A sentence end inside a headline: one full stop (not ".." or "...", which Arabic
# headlines use as a dash) after a word of two letters or more ("U.S." is no end).
_INNER_STOP: Final = re.compile(r"(?<=\w\w)(?<!\.)\.(?!\.)[\"'”’»)\]]*\s+(?=\S)")

_DEFAULT_SEVERITY: Final[dict[str, Severity]] = {
    "headline": "error", "summary": "warning", "body": "error"}


class MissingFieldRule(Rule):
    """V101: a headline, summary or body that is missing or empty."""

    code = "V101"
    name = "missing-field"
    family = "validation"
    summary = "Flag a missing or empty headline, summary or body."
    what = ("Reports a field that is absent from the input or holds only white space: an "
            "error for the headline and the body, a warning for the summary. A field that "
            "cleaning would have emptied is not emptied: the engine's over-cleaning guard "
            "keeps it and reports E001 (error), which is how over-cleaning surfaces in "
            "validation.")
    why = "An article without a headline or a body cannot be published or checked."
    example = '{"headline": "…", "summary": "", "body": "…"}\n→ summary is empty (flagged)'
    action = "flag"
    severity = "error"
    stage = "validate"

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        if text.text.strip():
            return ()
        keys = ctx.article.keys
        state = "missing" if keys and text.name not in keys else "empty"
        level = severity(ctx, self.code, self.name, _DEFAULT_SEVERITY[text.name])
        return (Proposal(text.name, 0, len(text.text), "flag",
                         f"the {text.name} is {state}", severity=level),)


class HeadlineShapeRule(Rule):
    """V102: a headline made of several sentences, or far too long for a headline."""

    code = "V102"
    name = "headline-shape"
    family = "validation"
    summary = "Flag a headline of several sentences or far longer than a headline."
    what = ("Reports a headline in which a full stop ends a sentence and more text follows "
            "(a '..' dash or a question mark does not count), or a headline longer than "
            "`headline_max_words` words (default 25) or `headline_max_chars` characters "
            "(default 150; the longest of the 31,525 corpus headlines has 21 words and 124 "
            "characters).")
    why = ("Such a 'headline' is usually the first paragraph or the summary that an "
           "extractor put in the wrong field.")
    example = "وصل الوزير إلى بكين. وأجرى محادثات مع نظيره.\n→ headline of 2 sentences (flagged)"
    action = "flag"
    stage = "validate"
    fields = ("headline",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        headline = text.text.strip()
        if not headline:
            return ()
        start = len(text.text) - len(text.text.lstrip())
        reasons = []
        stops = len(_INNER_STOP.findall(headline)) if "." in headline else 0
        if stops:
            reasons.append(f"{stops + 1} sentences")
        words = word_count(headline)
        max_words = number(ctx, "headline_max_words", 25)
        max_chars = number(ctx, "headline_max_chars", 150)
        if words > max_words:
            reasons.append(f"{words} words (more than {max_words:g})")
        elif len(headline) > max_chars:
            reasons.append(f"{len(headline)} characters (more than {max_chars:g})")
        if not reasons:
            return ()
        return (Proposal(text.name, start, start + len(headline), "flag",
                         f"the headline does not look like a headline: {', '.join(reasons)}",
                         severity=severity(ctx, self.code, self.name, self.severity)),)


class SummaryLongerRule(Rule):
    """V103: a summary with more words than the body."""

    code = "V103"
    name = "summary-longer-than-body"
    family = "validation"
    summary = "Flag a summary that has more words than the body it summarises."
    what = "Reports a summary whose word count is larger than the (non-empty) body's."
    why = ("A summary longer than its body means the body was cut short or the fields were "
           "swapped or mixed up by the extractor.")
    example = "summary: 60 words, body: 12 words → flagged"
    action = "flag"
    stage = "validate"
    fields = ("summary",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if text.text != v.summary:
            return ()
        summary_words = len(v.summary_words)
        body_words = v.body_length
        if not body_words or summary_words <= body_words:
            return ()
        return (Proposal(text.name, 0, len(text.text), "flag",
                         f"the summary ({summary_words} words) is longer than the body "
                         f"({body_words} words)",
                         severity=severity(ctx, self.code, self.name, self.severity)),)
