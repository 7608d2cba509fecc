"""The words of an article's fields, taken from the line scans the removal stage shared.

:func:`cleanup.rules.scan.scan` keeps each line's folded words in the per-article cache;
a line the removal stage saw unchanged (most lines) is looked up there rather than
scanned again, and a body it left as it was has its whole list of lines there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleanup.rules.base import Context
from cleanup.rules.scan import LineScan, Tokenised, scan
from cleanup.segment import Span

Words = tuple[str, ...]


def non_blank(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a text with their offsets."""
    if "\n" not in text:  # a headline or a summary: one line, most often
        return [(0, text)] if text.strip() else []
    out: list[tuple[int, str]] = []
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            out.append((pos, part))
        pos += len(part) + 1
    return out


def long_terms(stems: Iterable[str]) -> list[str]:
    """The stems of three characters or more, in order (shorter ones tie nothing
    together)."""
    return [s for s in stems if len(s) > 2]


def field_scans(text: str, ctx: Context) -> list[tuple[int, str, Tokenised]]:
    """Non-blank lines with their tokens, taken from the shared line scans (looked up
    directly first: a line unchanged since the removal stage is the common case).

    A one-line text found in the scans is taken whole, blank or not: a blank line has no
    words, so that changes nothing.
    """
    if "\n" not in text:  # a headline or a summary, most often
        found = ctx.cache.get(("scan", text))
        if isinstance(found, LineScan):
            return [(0, text, found.tokens)]
    out: list[tuple[int, str, Tokenised]] = []
    for start, line in non_blank(text):
        found = ctx.cache.get(("scan", line))
        if not isinstance(found, LineScan):
            found = scan(Span(start, start + len(line), line), ctx)
        out.append((start, line, found.tokens))
    return out


Lines = Sequence[tuple[Span, LineScan]]
"""The non-blank lines of a body (paragraphs) with their scans."""


def body_lines(body: str, ctx: Context) -> Lines:
    """The non-blank lines of the body with their scans.

    A body the removal stage left as it was has them in the cache
    (:func:`cleanup.rules.scan.line_scans`); otherwise each line is looked up (most are
    unchanged) or scanned.
    """
    kept = ctx.cache.get(("scans", body))
    if isinstance(kept, tuple):
        return kept
    cache = ctx.cache
    out: list[tuple[Span, LineScan]] = []
    pos = 0
    for line in body.split("\n"):
        if line.strip():
            span = Span(pos, pos + len(line), line)
            scanned = cache.get(("scan", line))
            if not isinstance(scanned, LineScan):
                scanned = scan(span, ctx)
            out.append((span, scanned))
        pos += len(line) + 1
    return out


def field_words(scans: list[tuple[int, str, Tokenised]]) -> Words:
    """The words of a field's lines, in order."""
    if len(scans) == 1:  # a headline or summary: one line, most often
        return scans[0][2].words
    return tuple(w for _, _, t in scans for w in t.words)
