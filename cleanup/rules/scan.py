"""Shared line analysis for the removal rules: tokens, pack hits, brand names, shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mypy_extensions import mypyc_attr

from cleanup.fold import Folded
from cleanup.lazy import lazy
from cleanup.packs import Entry
from cleanup.phrases import Hit, PhraseIndex
from cleanup.rules.base import Context, FieldText
from cleanup.segment import Span, ends_with_terminal, prefold, word_count

_TOKEN = re.compile(r"\w+")
_SPLIT_WORDS = 32
"""Words a word-limit test splits at least: one split answers every pack's limit."""
# Characters that may stand between a see-also prefix and its headline.
SEPARATORS = ":：|/\\-–—.…»>›«<‹،,(["


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
class Tokenised:
    """Folded tokens of a piece of text; their key offsets are found only when asked for."""

    def __init__(self, folded: Folded) -> None:
        self.folded = folded
        self.words: tuple[str, ...] = tuple(_TOKEN.findall(folded.key))

    @lazy
    def offsets(self) -> tuple[tuple[int, int], ...]:
        """Key span of each token."""
        return tuple(m.span() for m in _TOKEN.finditer(self.folded.key))

    def original_end(self, token: int) -> int:
        """Offset in the original piece just past token number ``token - 1``."""
        if token == 0:
            return 0
        return self.folded.to_original(*self.offsets[token - 1])[1]


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
@dataclass(frozen=True, init=False)
class LineScan:
    """A line with its tokens and the pack entries whose phrases occur in it."""

    line: Span
    tokens: Tokenised
    hits: tuple[Hit[Entry], ...]

    def __init__(self, line: Span, tokens: Tokenised, hits: tuple[Hit[Entry], ...]) -> None:
        # Faster than the frozen dataclass's own __init__ (see cleanup.segment.Span).
        fields = self.__dict__
        fields["line"] = line
        fields["tokens"] = tokens
        fields["hits"] = hits

    def hits_of(self, kind: str) -> list[Hit[Entry]]:
        """Hits of entries of one kind."""
        if not self.hits:  # most lines
            return []
        return [h for h in self.hits if h.payload.kind == kind]

    @lazy
    def words(self) -> int:
        """White-space separated words of the line."""
        return word_count(self.line.text)

    def words_at_most(self, limit: int) -> bool:
        """``self.words <= limit``, without splitting a long line past ``limit`` words."""
        known = self.__dict__
        if "words" in known:
            return bool(known["words"] <= limit)
        if limit <= known.get("_more_than", -1):
            return False
        bound = max(limit, _SPLIT_WORDS)
        parts = len(self.line.text.split(None, bound))
        if parts <= bound:  # the whole line was split: that is its word count
            known["words"] = parts
            return parts <= limit
        known["_more_than"] = bound
        return False


def scan(line: Span, ctx: Context) -> LineScan:
    """Scan a line once per article; rules share the result through ctx.cache.

    The key is the line's text, so a line that later stages see unchanged is not scanned
    again (only ``line.text`` of the stored span may be relied on, not its offsets).
    """
    key = ("scan", line.text)
    found = ctx.cache.get(key)
    if found is None:
        toks = Tokenised(line.folded)
        index = ctx.packs.index
        hits = tuple(index.find(toks.words)) if index else ()
        found = LineScan(line, toks, hits)
        ctx.cache[key] = found
    assert isinstance(found, LineScan)
    return found


def line_scans(text: FieldText, ctx: Context) -> tuple[tuple[Span, LineScan], ...]:
    """Each non-blank line of a field with its scan, shared by the rules of a stage."""
    key = ("scans", text.text)
    found = ctx.cache.get(key)
    if found is None:
        prefold(text.text, text.lines)
        found = ctx.cache[key] = tuple((line, scan(line, ctx)) for line in text.lines
                                       if not line.blank)
    assert isinstance(found, tuple)
    return found


def lines_with_hits(text: FieldText, ctx: Context) -> tuple[tuple[Span, LineScan], ...]:
    """The lines of ``line_scans`` where some pack phrase occurs (few: most lines have none)."""
    key = ("hit-lines", text.text)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = tuple(pair for pair in line_scans(text, ctx) if pair[1].hits)
    assert isinstance(found, tuple)
    return found


def line_patterns(ls: LineScan, ctx: Context) -> tuple[Entry, ...]:
    """The pattern entries (any kind) that match the line's folded key, within their word
    limits, in pack order: :func:`pattern_matches` and the word limit, for every entry at
    once."""
    key = ("patterns", ls.line.text)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _matching_patterns(ls, ctx)
    assert isinstance(found, tuple)
    return found


def _matching_patterns(ls: LineScan, ctx: Context) -> tuple[Entry, ...]:
    # The patterns first, the word limits then: a line seldom matches, and counting its
    # words costs more than trying every pattern on it.
    matched = ctx.packs.pattern_set.matching(ls.line.folded.key.strip())
    if not matched:
        return ()
    return tuple(e for e in matched if e.at == "line" or ls.words_at_most(e.max_words))


def pattern_lines(text: FieldText, ctx: Context) -> tuple[tuple[Span, LineScan], ...]:
    """The lines of ``line_scans`` that some pack pattern matches (few, like
    :func:`lines_with_hits`)."""
    key = ("pattern-lines", text.text)
    found = ctx.cache.get(key)
    if found is None:
        found = ()
        if ctx.packs.pattern_set:
            found = tuple(pair for pair in line_scans(text, ctx)
                          if line_patterns(pair[1], ctx))
        ctx.cache[key] = found
    assert isinstance(found, tuple)
    return found


def pattern_matches(piece: Span, entry: Entry) -> bool:
    """Whether ``entry``'s pattern matches the folded ``piece`` as its ``at`` says (the
    word limit is the caller's to check)."""
    pattern = entry.pattern
    assert pattern is not None
    key = piece.folded.key.strip()
    found = (pattern.fullmatch(key) if entry.at == "line" else
             pattern.match(key) if entry.at == "start" else pattern.search(key))
    return found is not None


def headline_like(text: str, max_words: int = 20) -> bool:
    """A short single line without a sentence ending: how a linked headline looks.

    Question marks are allowed: many headlines are questions.
    """
    stripped = text.strip()
    if not stripped or word_count(stripped) > max_words or len(stripped) > 180:
        return False
    if stripped[-1] in "?؟":
        return True
    return not ends_with_terminal(stripped)


def brand_index(ctx: Context) -> PhraseIndex[str]:
    """The site's brand names plus the name in the article's URL, indexed for matching."""
    key = ("brands",)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = ctx.packs.brand_index(ctx.article.url)
    assert isinstance(found, PhraseIndex)
    return found


def covered(words: tuple[str, ...], index: PhraseIndex[str], fillers: frozenset[str]) -> int:
    """How many tokens the index's phrases cover when every other token is a filler.

    Returns -1 when some token is neither covered nor a filler.
    """
    i = 0
    count = 0
    while i < len(words):
        hits = index.at(words, i)
        if hits:
            count += hits[0].length
            i += hits[0].length
        elif words[i] in fillers:
            i += 1
        else:
            return -1
    return count
