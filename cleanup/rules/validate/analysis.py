"""One analysis of the article per validation run, shared by every validation rule.

The folded words of each line come from :func:`cleanup.rules.scan.scan`, whose
per-article cache already holds every line the removal stage saw unchanged, so they are
not computed again. Headline and summary words are stemmed (few words); the body's
words are looked up as :class:`WordStarts` (one regex pass), and stemmed in full only
when the topic check needs it. At the validate stage ``ctx.article`` is the article
after repairs and removals: offsets here are offsets into the current text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from itertools import compress
from typing import NamedTuple

from cleanup.rules.base import Context
from cleanup.rules.scan import LineScan, Tokenised, scan
from cleanup.rules.validate.terms import (
    STOP,
    WordStarts,
    fold_fast,
    found,
    score,
    stem_map,
    tokens,
)
from cleanup.segment import Span, sentences

_KEY = "validate:view"

Words = tuple[str, ...]


class Piece(NamedTuple):
    """A paragraph (a non-blank body line): where it is and its folded words."""

    start: int
    end: int
    text: str
    words: Words


class Sentence(NamedTuple):
    """A sentence of the summary: where it is and its content terms."""

    start: int
    end: int
    text: str
    terms: frozenset[str]


def _non_blank(text: str) -> list[tuple[int, str]]:
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


def long_terms(stems: Iterable[str]) -> frozenset[str]:
    """The stems of three characters or more (shorter ones tie nothing together)."""
    listed = list(stems)
    return frozenset(compress(listed, map((2).__lt__, map(len, listed))))


def _scans(text: str, ctx: Context) -> list[tuple[int, str, Tokenised]]:
    """Non-blank lines with their tokens, taken from the shared line scans (looked up
    directly first: a line unchanged since the removal stage is the common case)."""
    out: list[tuple[int, str, Tokenised]] = []
    for start, line in _non_blank(text):
        found = ctx.cache.get(("scan", line))
        if not isinstance(found, LineScan):
            found = scan(Span(start, start + len(line), line), ctx)
        out.append((start, line, found.tokens))
    return out


class ArticleView:
    """The current article's fields with their words and terms (terms computed lazily).

    It keeps no reference to the context, so that the per-article cache holding it is
    freed as soon as the article is done.
    """

    def __init__(self, ctx: Context) -> None:
        article = ctx.article
        self.article = article
        self.headline = article.headline
        self.summary = article.summary
        self.body = article.body
        self._headline = _scans(article.headline, ctx)
        self.headline_words: Words = tuple(w for _, _, t in self._headline for w in t.words)
        """Folded words of the headline."""
        self.summary_words: Words = tuple(
            w for _, _, t in _scans(article.summary, ctx) for w in t.words)
        """Folded words of the summary."""
        self.paragraphs: list[Piece] = []
        """The non-blank lines of the body."""
        seen: set[str] = set()
        cache = ctx.cache
        pos = 0
        for line in article.body.split("\n"):
            if line.strip():
                found = cache.get(("scan", line))
                if not isinstance(found, LineScan):
                    found = scan(Span(pos, pos + len(line), line), ctx)
                words = found.tokens.words
                self.paragraphs.append(Piece(pos, pos + len(line), line, words))
                seen.update(words)
            pos += len(line) + 1
        self.body_words: set[str] = seen
        """The distinct folded words of the body (not to be changed)."""
        self.memo: dict[str, object] = {}
        """Scratch space for rule-specific results about this article."""

    @cached_property
    def repeated_words(self) -> set[str]:
        """Body words that the headline or more than one paragraph uses (not to be
        changed)."""
        seen: set[str] = set()
        repeated: set[str] = set()
        for p in self.paragraphs:
            repeated.update(seen.intersection(p.words))
            seen.update(p.words)
        repeated.update(seen.intersection(self.headline_words))
        return repeated

    @cached_property
    def body_starts(self) -> WordStarts:
        """The body's words for stem lookups (see :class:`WordStarts`)."""
        return WordStarts(self.body_words)

    @cached_property
    def summary_starts(self) -> WordStarts:
        """The summary's words for stem lookups."""
        return WordStarts(frozenset(self.summary_words))

    @cached_property
    def headline_stems(self) -> dict[str, str]:
        """The stem of every word of the headline."""
        return stem_map(frozenset(self.headline_words))

    @cached_property
    def headline_terms(self) -> list[str]:
        """Content terms of the headline, each once, in headline order."""
        stems = dict.fromkeys(map(self.headline_stems.__getitem__, self.headline_words))
        return [t for t in stems if t not in STOP and len(t) > 2]

    def headline_support(self) -> tuple[float, list[str]]:
        """How much of the headline summary and body back (weighted), and the misses."""
        terms = self.headline_terms
        body = self.body_starts
        absent = [t for t in terms if t not in body]
        if not absent:
            return 1.0, []
        pool = body if self.body_words.issuperset(self.summary_words) else (
            body + self.summary_starts)
        return score(terms, [t for t in absent if not found(t, (pool,))])

    def headline_word(self, term: str) -> str:
        """The headline's first word (as written) whose stem is ``term``."""
        for _, line, toks in self._headline:
            for i, token in enumerate(toks.words):
                if self.headline_stems.get(token) == term:
                    start, end = toks.folded.to_original(*toks.offsets[i])
                    return line[start:end]
        return term

    @cached_property
    def summary_sentences(self) -> list[Sentence]:
        """Sentences of the summary with their content terms."""
        out: list[Sentence] = []
        stems = stem_map(frozenset(self.summary_words))
        for start, line in _non_blank(self.summary):
            for s in sentences(Span(start, start + len(line), line)):
                terms = (stems.get(w, "_") for w in tokens(fold_fast(s.text)))
                out.append(Sentence(s.start, s.end, s.text, long_terms(terms) - STOP))
        return out

    @cached_property
    def lead(self) -> Piece | None:
        """The first body paragraph that is not the headline repeated."""
        for piece in self.paragraphs:
            if piece.words != self.headline_words or not piece.words:
                return piece
        return None


def view(ctx: Context) -> ArticleView:
    """The analysis of ``ctx.article``, made once per validation run."""
    found = ctx.cache.get(_KEY)
    if not isinstance(found, ArticleView) or found.article is not ctx.article:
        found = ArticleView(ctx)
        ctx.cache[_KEY] = found
    return found
