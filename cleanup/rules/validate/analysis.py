"""One analysis of the article per validation run, shared by every validation rule.

The folded words of each line come from :func:`cleanup.rules.scan.scan`, whose
per-article cache already holds every line the removal stage saw unchanged, so they are
not computed again. Headline and summary words are stemmed (few words). The headline's
stems are searched in the folded body (:class:`KeyStarts`); the body's words are
stripped of their proclitics (:class:`WordStarts`, one regex pass) only when a check
makes many lookups (summary sentences, a doubtful paragraph). At the validate stage
``ctx.article`` is the article after repairs and removals: offsets here are offsets into
the current text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from typing import Any, Generic, NamedTuple, TypeVar, overload

from cleanup.rules.base import Context
from cleanup.rules.scan import LineScan, Tokenised, scan
from cleanup.rules.validate.terms import (
    STOP,
    KeyStarts,
    WordStarts,
    fold_fast,
    found,
    score,
    stem_map,
    tokens,
)
from cleanup.segment import Span, sentences

_KEY = "validate:view"
_T = TypeVar("_T")


class lazy(Generic[_T]):
    """A property computed on first use and then stored on the instance: what
    ``functools.cached_property`` does, without its lock (Python 3.11), whose cost shows
    at this many articles."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> lazy[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object, owner: type | None = None) -> lazy[_T] | _T:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value

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
        keys: list[str] = []
        cache = ctx.cache
        pos = 0
        for line in article.body.split("\n"):
            if line.strip():
                found = cache.get(("scan", line))
                if not isinstance(found, LineScan):
                    found = scan(Span(pos, pos + len(line), line), ctx)
                words = found.tokens.words
                keys.append(found.tokens.folded.key)
                self.paragraphs.append(Piece(pos, pos + len(line), line, words))
                seen.update(words)
            pos += len(line) + 1
        self.body_words: set[str] = seen
        """The distinct folded words of the body (not to be changed)."""
        self.body_key = KeyStarts("\n".join(keys))
        """The folded body, for a few stem lookups (see :class:`KeyStarts`)."""
        self.memo: dict[str, object] = {}
        """Scratch space for rule-specific results about this article."""

    @lazy
    def body_starts(self) -> WordStarts:
        """The body's words for stem lookups (see :class:`WordStarts`)."""
        return WordStarts(self.body_words)

    @lazy
    def body_length(self) -> int:
        """How many words the body has."""
        return sum(len(p.words) for p in self.paragraphs)

    @lazy
    def summary_starts(self) -> WordStarts:
        """The summary's words for stem lookups."""
        return WordStarts(frozenset(self.summary_words))

    @lazy
    def headline_stems(self) -> dict[str, str]:
        """The stem of every word of the headline."""
        return stem_map(frozenset(self.headline_words))

    @lazy
    def headline_terms(self) -> list[str]:
        """Content terms of the headline, each once, in headline order."""
        stems = dict.fromkeys(map(self.headline_stems.__getitem__, self.headline_words))
        return [t for t in stems if t not in STOP and len(t) > 2]

    def headline_support(self) -> tuple[float, list[str]]:
        """How much of the headline summary and body back (weighted), and the misses."""
        terms = self.headline_terms
        # A headline word written as such in the body backs its stem; the other terms are
        # searched in the folded body (a few lookups: cheaper than all its words' starts).
        words = self.body_words
        stems = self.headline_stems
        literal = {stems[w] for w in self.headline_words if w in words}
        body = self.body_key
        absent = [t for t in terms if t not in literal and not body.starts(t)]
        if not absent:
            return 1.0, []
        pools = (body,) if words.issuperset(self.summary_words) else (
            body, self.summary_starts)
        return score(terms, [t for t in absent if not found(t, pools)])

    def headline_word(self, term: str) -> str:
        """The headline's first word (as written) whose stem is ``term``."""
        for _, line, toks in self._headline:
            for i, token in enumerate(toks.words):
                if self.headline_stems.get(token) == term:
                    start, end = toks.folded.to_original(*toks.offsets[i])
                    return line[start:end]
        return term

    @lazy
    def summary_sentences(self) -> list[Sentence]:
        """Sentences of the summary with their content terms."""
        out: list[Sentence] = []
        stems = stem_map(frozenset(self.summary_words))
        for start, line in _non_blank(self.summary):
            for s in sentences(Span(start, start + len(line), line)):
                terms = (stems.get(w, "_") for w in tokens(fold_fast(s.text)))
                out.append(Sentence(s.start, s.end, s.text, long_terms(terms) - STOP))
        return out

    @lazy
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
