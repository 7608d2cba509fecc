"""Duplicate checks: the summary or headline repeated in the body, repeated paragraphs.

Texts are compared as their sequences of folded words, so white space, punctuation,
diacritics and letter variants do not hide a repeat. The two fixes never empty the body
and never fire twice: a line is only removed when no other body line repeats the same
words, so after the removal nothing is left to match.
"""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import number, severity, switch
from cleanup.rules.validate.words import Words


def _others(paragraphs: list[Words], among: Iterable[int], index: int,
            words: Words) -> tuple[bool, bool]:
    """(a paragraph ``among`` the given ones but ``index`` has other words, one repeats
    ``words``)."""
    other_text = repeat = False
    for i in among:
        if i == index:
            continue
        if paragraphs[i] == words:
            repeat = True
        else:
            other_text = True
    return other_text, repeat


class HeadlineRepeatRule(Rule):
    """V107: the headline repeated as the first line of the body."""

    code = "V107"
    name = "headline-repeated-in-body"
    family = "validation"
    summary = "Remove the headline when it is repeated as the body's first line."
    what = ("Removes the first body line when its words are the headline's (folded; white "
            "space and punctuation ignored). When the body has no other line, or repeats "
            "the headline further down too, the line is only flagged.")
    why = "Extractors often take the page's title element into the body; it is not prose."
    example = "headline: تحالف الصين\nbody: تحالف الصين\\nتعهدت الصين …\n→ first line removed"
    action = "remove"
    severity = "info"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        paragraphs = v.paragraph_words
        if not paragraphs or text.text != v.body or not v.headline_words:
            return ()
        if paragraphs[0] != v.headline_words:
            return ()
        first = v.line(0)
        other_text, repeat = _others(paragraphs, range(len(paragraphs)), 0, v.headline_words)
        level = severity(ctx, self.code, self.name, self.severity)
        if other_text and not repeat:
            return (Proposal(text.name, first.start, first.end, "remove",
                             "the headline repeated as the first line of the body",
                             severity=level, whole_lines=True),)
        reason = "the body repeats it again" if repeat else "the body has no other line"
        return (Proposal(text.name, first.start, first.end, "flag",
                         f"the headline repeated as the first line of the body "
                         f"(not removed: {reason})", severity=level),)


class SummaryRepeatRule(Rule):
    """V108: the summary repeated word for word as the body's first paragraph."""

    code = "V108"
    name = "summary-repeats-lead"
    family = "validation"
    summary = "Note a body whose first paragraph is the summary word for word."
    what = ("Reports, at info level, a first body paragraph (after a repeated headline) "
            "identical to the summary. With the option `drop_repeated_lead` (default off) "
            "the paragraph is removed, unless it is the body's only text or occurs twice.")
    why = ("Many sites print the summary as the article's lead (43% of the development "
           "corpus word for word, 20% more as a cut-off copy of its start), so this is "
           "normal and only noted; a publisher that shows summary and body together can "
           "drop the repeat.")
    example = "summary: تعهدت الصين …\nbody: تعهدت الصين …\\nوأجرى … → noted (info)"
    action = "flag"
    severity = "info"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        index = v.lead
        if index is None or text.text != v.body:
            return ()
        paragraphs = v.paragraph_words
        if not v.summary_words or paragraphs[index] != v.summary_words:
            return ()
        lead = v.line(index)
        level = severity(ctx, self.code, self.name, self.severity)
        if switch(ctx, "drop_repeated_lead", False):
            rest = [i for i, words in enumerate(paragraphs) if words != v.headline_words]
            other_text, repeat = _others(paragraphs, rest, index, v.summary_words)
            if other_text and not repeat:
                return (Proposal(text.name, lead.start, lead.end, "remove",
                                 "the first body paragraph repeats the summary word for word",
                                 severity=level, whole_lines=True),)
        return (Proposal(text.name, lead.start, lead.end, "flag",
                         "the first body paragraph repeats the summary word for word",
                         severity=level),)


class DuplicateParagraphRule(Rule):
    """V109: a body paragraph that repeats an earlier one."""

    code = "V109"
    name = "duplicate-paragraph"
    family = "validation"
    summary = "Flag a body paragraph that repeats an earlier paragraph."
    what = ("Flags every later copy of a body paragraph of at least "
            "`duplicate_min_words` words (default 6), compared word by word (folded; white "
            "space and punctuation ignored). Nothing is removed.")
    why = ("Repeated paragraphs come from pages that print a block twice (mobile and "
           "desktop layouts) or from careless merges; which copy to keep is an editor's call.")
    example = "body: أ …\\nب …\\nأ … → third line flagged (repeats line 1)"
    action = "flag"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if text.text != v.body:
            return ()
        min_words = number(ctx, "duplicate_min_words", 6)
        sizes = [n for n in v.lengths if n >= min_words]
        if len(set(sizes)) == len(sizes):
            return ()  # copies have as many words as their original: none here
        texts = [words for words in v.paragraph_words if len(words) >= min_words]
        if len(set(texts)) == len(texts):
            return ()  # no two the same
        first_seen: dict[tuple[str, ...], int] = {}
        found: list[Proposal] = []
        for index, words in enumerate(v.paragraph_words):
            if len(words) < min_words:
                continue
            earlier = first_seen.setdefault(words, index)
            if earlier != index:
                piece = v.line(index)
                found.append(Proposal(
                    text.name, piece.start, piece.end, "flag",
                    f"paragraph {index + 1} repeats paragraph {earlier + 1}",
                    severity=severity(ctx, self.code, self.name, self.severity)))
        return found
