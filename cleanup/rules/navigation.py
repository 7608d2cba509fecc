"""Navigation family (N) and whole-line boilerplate from packs (N and B codes)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cleanup.packs import Entry
from cleanup.phrases import PhraseIndex
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.line_rule import BLOCK_FIELDS, Verdict, WholeLineRule
from cleanup.rules.scan import (
    LineScan,
    covered,
    line_patterns,
    lines_with_hits,
    pattern_lines,
)
from cleanup.segment import Span

_SEPARATOR_LINE = re.compile(r"[-_=*~•·.#+─━–—‒―⁃∙◦▪■□●○◆◇★☆\s]*")
# A rule of five or more dashes, underscores or equals signs ending a line of text.
_TRAILING_RULE = re.compile(r"(?<=[^\s\-_=])\s+(?:[-_=]\s?){5,}\s*$")
_FILLERS = frozenset({"و", "and", "or", "او"})


class SeparatorLineRule(Rule):
    """N101: a line of dashes, stars or dots."""

    code = "N101"
    name = "separator-line"
    family = "navigation"
    summary = "Remove a line made only of separator characters ('-----', '***', '• • •')."
    what = ("Removes a line of three or more dashes, underscores, stars, dots, bullets or "
            "similar, and a rule of five or more dashes glued to the end of a paragraph.")
    why = "Separator lines are layout residue of the page; in clean text they carry nothing."
    example = "--------------------\n→ (line removed)"
    fields = BLOCK_FIELDS

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        for line in text.lines:
            marks = line.text.strip()
            if _SEPARATOR_LINE.fullmatch(marks) and len(marks.replace(" ", "")) >= 3:
                yield Proposal(text.name, line.start, line.end, "remove", "separator line",
                               whole_lines=True)
                continue
            if marks[-1:] not in ("-", "_", "="):  # where a trailing rule must end
                continue
            tail = _TRAILING_RULE.search(line.text)
            if tail is not None:
                yield Proposal(text.name, line.start + tail.start(), line.start + tail.end(),
                               "remove", "separator glued to the end of a paragraph")


class ShareWidgetRule(WholeLineRule):
    """N105: share-button text such as 'شارك الخبر: فيسبوك إكس واتساب'."""

    code = "N105"
    name = "share-widget"
    family = "navigation"
    summary = "Remove share-button text: a share word followed only by platform names."
    what = ("Removes a line that opens with a share phrase from the packs ('شارك الخبر', "
            "'Share this') and then lists only social platforms or share words.")
    why = "Share widgets are page furniture captured with the text by scrapers."
    example = "شارك الخبر: فيسبوك إكس واتساب\n→ (line removed)"

    def candidates(self, text: FieldText, ctx: Context) -> Sequence[tuple[Span, LineScan]]:
        return lines_with_hits(text, ctx)

    def judge(self, ls: LineScan, ctx: Context) -> Verdict | None:
        entry = _share_entry(ls)
        if entry is None:
            return None
        return entry.message or f"share widget ({entry.id})", entry.source


def _share_entry(ls: LineScan) -> Entry | None:
    words = ls.tokens.words
    for hit in ls.hits_of("share"):
        if hit.start != 0:
            continue
        entry = hit.payload
        rest = words[hit.length:]
        if not rest:
            return entry  # a bare "Share this" button label
        index = PhraseIndex.build((r, "platform") for r in entry.rest + entry.phrases)
        if covered(rest, index, _FILLERS) > 0:
            return entry
    return None


class LineEntryRule(WholeLineRule):
    """Whole-line boilerplate matched by ``[[line]]`` pack entries of one code."""

    summary_noun = "boilerplate line"

    def candidates(self, text: FieldText, ctx: Context) -> Sequence[tuple[Span, LineScan]]:
        with_hits = lines_with_hits(text, ctx)
        if self.code not in ctx.packs.line_pattern_codes:
            return with_hits  # without a pattern, only a phrase can match
        matched = [pair for pair in pattern_lines(text, ctx) if self._pattern_entry(pair[1], ctx)]
        if not matched or not with_hits:
            return matched or with_hits
        lines = {line.start: (line, ls) for line, ls in (*with_hits, *matched)}
        return [lines[start] for start in sorted(lines)]

    def judge(self, ls: LineScan, ctx: Context) -> Verdict | None:
        entry = _line_entry(ls, self.code) if ls.hits else None
        if entry is None and self.code in ctx.packs.line_pattern_codes:
            entry = self._pattern_entry(ls, ctx)
        if entry is None:
            return None
        return entry.message or f"{self.summary_noun} ({entry.id})", entry.source

    def _pattern_entry(self, ls: LineScan, ctx: Context) -> Entry | None:
        """The first ``[[line]]`` pattern entry of this rule's code that matches the line."""
        for entry in line_patterns(ls, ctx):
            if entry.kind == "line" and entry.code == self.code:
                return entry
        return None


def _line_entry(ls: LineScan, code: str) -> Entry | None:
    words = ls.tokens.words
    for hit in ls.hits_of("line"):
        entry = hit.payload
        if entry.code != code:
            continue
        if entry.at == "line" and hit.start == 0 and hit.length == len(words):
            return entry
        if entry.at == "start" and hit.start == 0 and ls.words <= entry.max_words:
            return entry
        if entry.at == "anywhere" and ls.words <= entry.max_words:
            return entry
    return None


class WireEndMarkerRule(LineEntryRule):
    """N102: wire-service end markers."""

    code = "N102"
    name = "wire-end-marker"
    family = "navigation"
    summary = "Remove a wire end marker line ('// انتهى //', '(انتهى)', '-END-')."
    what = "Removes a line that is only an end-of-story marker from a news agency feed."
    why = "End markers tell the wire's subscribers the story is complete; readers never see them."
    example = "// انتهى //\n→ (line removed)"
    summary_noun = "wire end marker"


class MoreLinkRule(LineEntryRule):
    """N103: a bare 'more' link."""

    code = "N103"
    name = "more-link"
    family = "navigation"
    summary = "Remove a bare 'more' link line ('...المزيد', 'Continue reading…')."
    what = "Removes a line that is only a link label for more content."
    why = "Link labels lose their link in text and read as a broken sentence."
    example = "...المزيد\n→ (line removed)"
    summary_noun = "more link"


class PagerRule(LineEntryRule):
    """N104: pager and gallery navigation."""

    code = "N104"
    name = "pager-residue"
    family = "navigation"
    summary = "Remove pager and gallery navigation ('Next Previous', 'السابق التالي')."
    what = "Removes a line made only of previous/next navigation labels."
    why = "Pager labels are page furniture captured with the text."
    example = "Next Previous\n→ (line removed)"
    summary_noun = "pager navigation"


class CopyrightLineRule(LineEntryRule):
    """B102: copyright lines."""

    code = "B102"
    name = "copyright-line"
    family = "branding"
    summary = "Remove a copyright line ('© 2025 خبرين. جميع الحقوق محفوظة')."
    what = "Removes a short line carrying a copyright sign or an 'all rights reserved' notice."
    why = "The page footer's notice belongs to the page, not to the article text."
    example = "© 2025 خبرين. جميع الحقوق محفوظة\n→ (line removed)"
    summary_noun = "copyright line"


class SourceCreditRule(LineEntryRule):
    """B103: 'taken from' credit lines."""

    code = "B103"
    name = "source-credit-line"
    family = "branding"
    summary = "Remove a short source credit line ('*نقلاً عن الأهرام المصرية')."
    what = "Removes a short line that only says which publication the text was taken from."
    why = "Syndication credits are site metadata; keep them in metadata, not in the body."
    example = "*نقلاً عن الرياضية السعودية\n→ (line removed)"
    summary_noun = "source credit line"


class SiteBoilerplateRule(LineEntryRule):
    """B104: a site's fixed disclaimer or boilerplate line."""

    code = "B104"
    name = "site-boilerplate-line"
    family = "branding"
    summary = "Remove a site's fixed boilerplate line (opinion disclaimers and the like)."
    what = "Removes a line that a site pack lists as the site's fixed boilerplate."
    why = "Fixed site lines repeat under every article and are not part of any of them."
    example = "** جميع المقالات المنشورة تمثل رأي كتابها فقط.\n→ (line removed)"
    summary_noun = "site boilerplate line"


class CommentWidgetRule(LineEntryRule):
    """N106: comment-section residue."""

    code = "N106"
    name = "comment-widget"
    family = "navigation"
    summary = "Remove comment-section residue ('comments powered by Disqus', 'أضف تعليقك')."
    what = "Removes a short line that belongs to the page's comment form or comment widget."
    why = "Comment widgets are page furniture; their prompts are not part of the article."
    example = "You must login to comment.\n→ (line removed)"
    summary_noun = "comment widget"
