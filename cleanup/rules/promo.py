"""Promo family (P): calls to action and self-promotion, removed by line or by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cleanup.packs import Entry
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.scan import (
    Tokenised,
    brand_index,
    line_patterns,
    line_scans,
    lines_with_hits,
    pattern_matches,
    scan,
)
from cleanup.segment import Span, sentences


@dataclass(frozen=True)
class PromoLine:
    """The promo sentences of one line and the entries that marked them."""

    line: Span
    sentences: tuple[Span, ...]
    marks: tuple[Entry | None, ...]

    @property
    def all_promo(self) -> bool:
        """Every sentence of the line is promo."""
        return all(self.marks)

    def trailing(self) -> int:
        """Index of the first sentence of the promo run that ends the line (len if none)."""
        i = len(self.marks)
        while i > 0 and self.marks[i - 1] is not None:
            i -= 1
        return i


def promo_lines(text: FieldText, ctx: Context) -> list[PromoLine]:
    """Lines with at least one promo sentence (shared by P101, P102 and P103)."""
    key = ("promo", text.name, text.text)
    found = ctx.cache.get(key)
    if found is None:
        lines = (line_scans(text, ctx) if "promo" in ctx.packs.pattern_kinds
                 else lines_with_hits(text, ctx))  # without a pattern, only a phrase
        found = [p for ln, _ in lines for p in [_promo_line(ln, ctx)] if p]
        ctx.cache[key] = found
    assert isinstance(found, list)
    return found


def _promo_line(line: Span, ctx: Context) -> PromoLine | None:
    ls = scan(line, ctx)
    candidates = [h.payload for h in ls.hits_of("promo")]
    candidates += [e for e in line_patterns(ls, ctx) if e.kind == "promo"]
    if not candidates:
        return None
    site = ctx.packs.site
    if site is not None:  # the site's own entries explain a match better than generic ones
        candidates.sort(key=lambda e: e.pack != site.path)
    parts = tuple(sentences(line))
    marks = tuple(_marked(s, candidates, ctx) for s in parts)
    if not any(marks):
        return None
    return PromoLine(line, parts, marks)


# Quoted passages: a call to action inside quotation marks is reported speech or evidence.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]')


def _marked(sentence: Span, candidates: list[Entry], ctx: Context) -> Entry | None:
    toks = Tokenised(sentence.folded)
    words = toks.words
    quoted = [m.span() for m in _QUOTED.finditer(sentence.text)]

    def free(i: int) -> bool:
        start = toks.folded.to_original(*toks.offsets[i])[0]
        return not any(a <= start < b for a, b in quoted)

    for entry in candidates:
        if len(sentence.text.split()) > entry.max_words:
            continue
        if entry.pattern is not None:
            if not pattern_matches(sentence, entry):
                continue
        elif not any(free(i) for p in entry.phrases for i in _phrase_at(words, p, entry.at)):
            continue
        if entry.near and not _near(words, entry, ctx):
            continue
        return entry
    return None


def _phrase_at(words: tuple[str, ...], phrase: tuple[str, ...], at: str) -> list[int]:
    """Token positions where ``phrase`` occurs (only 0 when ``at`` is "start")."""
    n = len(phrase)
    if at == "start":
        return [0] if words[:n] == phrase else []
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == phrase]


def _near(words: tuple[str, ...], entry: Entry, ctx: Context) -> bool:
    for phrase in entry.near:
        if phrase == ("@brand",):
            if brand_index(ctx).find(words):
                return True
        elif _phrase_at(words, phrase, "anywhere"):
            return True
    return False


class PromoLineRule(Rule):
    """P101: a line made only of promo sentences."""

    code = "P101"
    name = "promo-line"
    family = "promo"
    summary = "Remove a line that is only a call to action or self-promotion."
    what = ("Removes a whole line when every sentence in it is a call to action (follow us, "
            "subscribe, download our app, click here) found by the promo phrases of the packs.")
    why = ("Promotional lines address the reader of one site; in a republished or archived "
           "article they are noise and often point at a competitor.")
    example = ("يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي\n"
               "→ (line removed)")

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        for promo in promo_lines(text, ctx):
            if promo.all_promo:
                entry = promo.marks[0]
                yield Proposal(text.name, promo.line.start, promo.line.end, "remove",
                               _message("promotional line", entry),
                               source=entry.source if entry else None, whole_lines=True)


class PromoSentenceRule(Rule):
    """P102: promo sentences glued to the end of a real paragraph."""

    code = "P102"
    name = "promo-sentence"
    family = "promo"
    summary = "Cut promo sentences that end a real paragraph; keep the rest byte for byte."
    what = ("When the last sentences of a paragraph are calls to action and the sentences "
            "before them are not, removes only those sentences and the space before them.")
    why = ("Sites glue 'follow the details on <brand>' to the end of summaries and paragraphs; "
           "removing the whole paragraph would lose real content.")
    example = ("…مع واشنطن. تابعوا التفاصيل على خَبَرَيْن.\n→ …مع واشنطن.")

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        for promo in promo_lines(text, ctx):
            first = promo.trailing()
            if promo.all_promo or first == len(promo.marks):
                continue
            entry = promo.marks[first]
            start = promo.sentences[first - 1].end
            yield Proposal(text.name, start, promo.sentences[-1].end, "remove",
                           _message("promotional sentence at the end of a paragraph", entry),
                           source=entry.source if entry else None)


class PromoInsideRule(Rule):
    """P103: a promo sentence inside a paragraph, flagged for an editor."""

    code = "P103"
    name = "promo-inside-paragraph"
    family = "promo"
    summary = "Flag a promo sentence in the middle of a paragraph (not removed)."
    what = ("Reports a call-to-action sentence that has real sentences after it in the same "
            "paragraph. Nothing is removed: cutting text out of the middle needs an editor.")
    why = "When in doubt, flag instead of deleting."
    example = "Follow us on Twitter. The minister said… → (flagged, unchanged)"
    action = "flag"
    severity = "warning"

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        for promo in promo_lines(text, ctx):
            first = promo.trailing()
            for i, entry in enumerate(promo.marks[:first]):
                if entry is not None and not promo.all_promo:
                    s = promo.sentences[i]
                    yield Proposal(text.name, s.start, s.end, "flag",
                                   _message("promotional sentence inside a paragraph", entry),
                                   source=entry.source)


def _message(what: str, entry: Entry | None) -> str:
    if entry is None:
        return what
    return entry.message or f"{what} ({entry.id})"
