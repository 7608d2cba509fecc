"""Related-news family (R): "related news" blocks and inline see-also lines."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cleanup.fold import fold
from cleanup.packs import Entry
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.line_rule import BLOCK_FIELDS, Verdict, WholeLineRule
from cleanup.rules.scan import (
    SEPARATORS,
    LineScan,
    headline_like,
    lines_with_hits,
)
from cleanup.segment import Span, ends_with_terminal


def related_header(ls: LineScan) -> Entry | None:
    """The related-news entry this line is a header for, if it is one."""
    words = ls.tokens.words
    text = ls.line.text.strip()
    if not words or (ends_with_terminal(text) and not text.endswith(":")):
        return None
    for hit in ls.hits_of("related"):
        entry = hit.payload
        if entry.at == "line" and hit.start == 0 and hit.length == len(words):
            return entry
        if entry.at == "start" and hit.start == 0 and len(words) <= entry.max_words:
            return entry
    return None


def see_also(ls: LineScan) -> Entry | None:
    """The see-also entry whose prefix opens this line and is followed by a headline."""
    for hit in ls.hits_of("see_also"):
        if hit.start != 0 or hit.length >= len(ls.tokens.words):
            continue
        entry = hit.payload
        cut = ls.tokens.original_end(hit.length)
        rest = ls.line.text[cut:]
        stripped = rest.lstrip()
        if entry.separator:
            if not stripped or stripped[0] not in SEPARATORS:
                continue
            stripped = stripped.lstrip(SEPARATORS + " ")
        if stripped and headline_like(stripped, max_words=30):
            return entry
    return None


class RelatedBlockRule(Rule):
    """R101: a related-news header and the headline lines under it."""

    code = "R101"
    name = "related-block"
    family = "related"
    summary = "Remove a related-news header and the headline-like lines that follow it."
    what = ("Finds a header line such as 'أخبار ذات صلة', 'اقرأ أيضاً:', 'Related' or 'More "
            "from …' and removes it with the short lines without a sentence ending that follow "
            "(blank lines between them included), up to the next real paragraph.")
    why = ("Related blocks list other stories' headlines; left in the body they read as part "
           "of the article and break its story.")
    example = ("…الشؤون الدولية.\nأخبار ذات صلة\n\nجنازة كارتر تجسد القصة الأمريكية\n"
               "→ …الشؤون الدولية.")
    fields = BLOCK_FIELDS

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        headers = [(line, entry) for line, ls in lines_with_hits(text, ctx)
                   if (entry := related_header(ls)) is not None]
        if not headers:  # most fields
            return
        lines = text.lines
        index = {line.start: i for i, line in enumerate(lines)}
        i = 0
        for line, entry in headers:
            if index[line.start] < i:  # already taken as a headline under a header above
                continue
            i = index[line.start]
            yield Proposal(text.name, line.start, line.end, "remove",
                           entry.message or f"related-news header ({entry.id})",
                           source=entry.source, whole_lines=True)
            items, i = _headlines_after(lines, i + 1)
            for item in items:
                yield Proposal(text.name, item.start, item.end, "remove",
                               f"headline under a related-news header ({entry.id})",
                               source=entry.source, whole_lines=True)


def _headlines_after(lines: tuple[Span, ...], i: int) -> tuple[list[Span], int]:
    """Headline-like lines from ``i`` on, and the index just past the last of them."""
    out: list[Span] = []
    end = i
    while i < len(lines):
        line = lines[i]
        if not line.blank:
            if not headline_like(line.text):
                break
            out.append(line)
            end = i + 1
        i += 1
    return out, end


class SeeAlsoRule(WholeLineRule):
    """R102: an inline see-also line pointing at another story."""

    code = "R102"
    name = "see-also-line"
    family = "related"
    summary = "Remove an inline see-also line ('شاهد ايضاً: …', 'READ MORE: …')."
    what = ("Removes a line that opens with a see-also prefix ('شاهد أيضاً', 'إقرأ أيضا', "
            "'للمزيد', 'قد يهمك', 'READ MORE') followed by a separator and a headline.")
    why = ("These lines link to another story, often on another site; they are not part of "
           "the article's text.")
    example = "شاهد ايضاً: من المتوقع أن يفقد 2.4 مليون شخص قسائم الطعام\n→ (line removed)"

    def candidates(self, text: FieldText, ctx: Context) -> Sequence[tuple[Span, LineScan]]:
        return lines_with_hits(text, ctx)  # a see-also line opens with a pack phrase

    def judge(self, ls: LineScan, ctx: Context) -> Verdict | None:
        entry = see_also(ls)
        if entry is None:
            return None
        return entry.message or f"see-also line ({entry.id})", entry.source


class TrailingLeadsRule(Rule):
    """R103: a run of other stories' opening paragraphs at the end of the body (flag)."""

    code = "R103"
    name = "trailing-story-leads"
    family = "related"
    summary = "Flag a run of other stories' lead paragraphs at the end of the body (not removed)."
    what = ("Reports two or more paragraphs at the end of the body that each open like a new "
            "news story (a verb first, then the day of the week set off by commas: "
            "'أعلن الجيش، الثلاثاء، …'), after the article's own paragraphs. Scrapers capture "
            "such 'more stories' widgets without a header.")
    why = ("They are other articles' leads, but a news roundup can look the same, so an editor "
           "decides: flagged, never removed.")
    example = ("…آخر فقرة من الخبر.\nأعلنت الوزارة، الثلاثاء، …\nرحبت مملكة البحرين، الثلاثاء، …\n"
               "→ (the last two paragraphs flagged)")
    action = "flag"
    severity = "warning"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        weekdays = ctx.packs.weekdays
        if not weekdays:
            return
        kept = [ln for ln in text.lines if not ln.blank]
        run: list[Span] = []
        strong = 0
        for line in reversed(kept[1:]):
            if _lead_like(line, weekdays):
                strong += 1
            elif line.text.lstrip()[:1] in _CONTINUATION or len(line.text.split()) < 8:
                break
            run.append(line)
        while run and not _lead_like(run[-1], weekdays):
            run.pop()  # the run starts at its first real lead
        if strong < 2 or len(run) >= len(kept) - 1:
            return
        for line in reversed(run):
            yield Proposal(text.name, line.start, line.end, "flag",
                           f"reads like another story's opening paragraph ({len(run)} such "
                           "paragraphs end the body): check it belongs to this article")


def _lead_like(line: Span, weekdays: frozenset[str]) -> bool:
    """A paragraph that opens a news story: verb first, weekday between commas early on."""
    words = line.text.split()
    if len(words) < 8 or words[0][0] in _CONTINUATION:
        return False
    head = " ".join(words[:16])
    for match in _COMMA_WORD.finditer(head):
        if fold(match.group(1)) in weekdays or fold(match.group(1).split()[-1]) in weekdays:
            return True
    return False


# A paragraph opening with these carries on the story before it ("و…", "ف…", a quote).
_CONTINUATION = frozenset("وف\"'«(“")
_COMMA_WORD = re.compile(r"[،,]\s*((?:مساء |صباح |فجر |ليل )?\w+)\s*[،,]")
