"""Related-news family (R): "related news" blocks and inline see-also lines."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.packs import Entry
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.scan import SEPARATORS, LineScan, headline_like, scan
from cleanup.segment import Span, ends_with_terminal

BLOCK_FIELDS = ("summary", "body")


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
        lines = text.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            entry = None if line.blank else related_header(scan(line, ctx))
            if entry is None:
                i += 1
                continue
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


class SeeAlsoRule(Rule):
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
    fields = BLOCK_FIELDS

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        for line in text.lines:
            if line.blank:
                continue
            entry = see_also(scan(line, ctx))
            if entry is not None:
                yield Proposal(text.name, line.start, line.end, "remove",
                               entry.message or f"see-also line ({entry.id})",
                               source=entry.source, whole_lines=True)
