"""One analysis of the article per validation run, shared by every validation rule.

The folded words of each line come from :func:`cleanup.rules.scan.scan`, whose
per-article cache already holds every line the removal stage saw unchanged (and, for a
body the removal stage left as it was, the whole list of its lines), so they are not
computed again. Everything else is computed on first use: most articles never need the
set of the body's words or its folded text. A word is stemmed once for all the articles
a cleaner cleans (:meth:`ArticleView.stems`): news reuses its words. The headline's stems
are searched in the folded body (:class:`KeyStarts`), only until the result is settled;
the body's words are stripped of their proclitics (:class:`WordStarts`, one regex pass)
only when a check makes many lookups (summary sentences, a doubtful paragraph). At the
validate stage ``ctx.article`` is the article after repairs and removals: offsets here are
offsets into the current text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from mypy_extensions import mypyc_attr

from cleanup.fold import fold
from cleanup.lazy import lazy
from cleanup.rules.base import Context
from cleanup.rules.scan import LineScan, Tokenised, scan
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.terms import (
    COMMON_WEIGHT,
    MARGIN,
    STOP,
    STOP_WORDS,
    KeyStarts,
    WordStarts,
    add_stems,
    found,
    score,
    tokens,
)
from cleanup.segment import Span, sentences

_KEY = "validate:view"
_STEMS = "validate:stems"

Words = tuple[str, ...]


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


def long_terms(stems: Iterable[str]) -> list[str]:
    """The stems of three characters or more, in order (shorter ones tie nothing
    together)."""
    return [s for s in stems if len(s) > 2]


def _scans(text: str, ctx: Context) -> list[tuple[int, str, Tokenised]]:
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
    for start, line in _non_blank(text):
        found = ctx.cache.get(("scan", line))
        if not isinstance(found, LineScan):
            found = scan(Span(start, start + len(line), line), ctx)
        out.append((start, line, found.tokens))
    return out


Lines = Sequence[tuple[Span, LineScan]]
"""The non-blank lines of a body (paragraphs) with their scans."""


def _lines(body: str, ctx: Context) -> Lines:
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


def _words(scans: list[tuple[int, str, Tokenised]]) -> Words:
    """The words of a field's lines, in order."""
    if len(scans) == 1:  # a headline or summary: one line, most often
        return scans[0][2].words
    return tuple(w for _, _, t in scans for w in t.words)


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
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
        self.headline_words: Words = _words(self._headline)
        """Folded words of the headline."""
        self.summary_words: Words = _words(_scans(article.summary, ctx))
        """Folded words of the summary."""
        self._lines = _lines(article.body, ctx)
        self.paragraph_words: list[Words] = [scanned.tokens.words for _, scanned in self._lines]
        """The folded words of each paragraph (a non-blank body line)."""
        self.memo: dict[str, object] = {}
        """Scratch space for rule-specific results about this article."""
        self.stemmed: dict[str, str] = _stem_memo(ctx)
        """Words stemmed so far (for this article and the ones cleaned before it with the
        same cleaner), with their stems (see :meth:`stems`)."""
        self._backed: dict[str, bool] = {}

    def line(self, index: int) -> Span:
        """Paragraph ``index`` (where it is in the body, and its text)."""
        return self._lines[index][0]

    @lazy
    def keys(self) -> list[str]:
        """The folded texts of the paragraphs."""
        return [scanned.tokens.folded.key for _, scanned in self._lines]

    @lazy
    def body_words(self) -> set[str]:
        """The distinct folded words of the body (not to be changed)."""
        return set().union(*self.paragraph_words)

    @lazy
    def body_key(self) -> KeyStarts:
        """The folded body, for a few stem lookups (see :class:`KeyStarts`)."""
        return KeyStarts("\n".join(self.keys))

    @lazy
    def body_starts(self) -> WordStarts:
        """The body's words for stem lookups (see :class:`WordStarts`)."""
        return WordStarts(self.body_words)

    @lazy
    def lengths(self) -> list[int]:
        """How many words each paragraph has."""
        return list(map(len, self.paragraph_words))

    @lazy
    def body_length(self) -> int:
        """How many words the body has."""
        return sum(self.lengths)

    @lazy
    def summary_starts(self) -> WordStarts:
        """The summary's words for stem lookups."""
        return WordStarts(frozenset(self.summary_words))

    @lazy
    def summary_lacking(self) -> set[str]:
        """The distinct summary words that no body paragraph has (not to be changed).

        The set of the body's words is not needed: paragraphs are looked at in order
        until none is left, and a summary is most often a copy of the lead.
        """
        lacking = set(self.summary_words)
        for words in self.paragraph_words:
            if not lacking:
                break
            lacking.difference_update(words)
        return lacking

    def stems(self, words: Collection[str]) -> dict[str, str]:
        """A map holding the stems of ``words`` (as :func:`stem_map` gives them): the
        map of every word stemmed so far (a word's stem depends on it alone), so it may
        hold other words too."""
        return add_stems(self.stemmed, words)

    @lazy
    def headline_stems(self) -> dict[str, str]:
        """The stem of each word of the headline but function words (whose stem is "_"),
        in headline order; they join :attr:`stemmed`."""
        words = [w for w in self.headline_words if w not in STOP_WORDS]
        known = self.stems(words)
        return {w: known[w] for w in words}

    @lazy
    def headline_terms(self) -> list[str]:
        """Content terms of the headline, each once, in headline order."""
        return [t for t in dict.fromkeys(self.headline_stems.values())
                if len(t) > 2 and t not in STOP]

    @lazy
    def _pools(self) -> tuple[KeyStarts | WordStarts, ...]:
        """Where a headline term is looked for: the body, and the summary when it has
        words the body lacks."""
        if not self.summary_lacking:
            return (self.body_key,)
        return (self.body_key, self.summary_starts)

    def backs(self, term: str) -> bool:
        """Whether the summary or body backs a headline term: one of their words starts
        with it or a variant of it, once stripped of its proclitics (remembered)."""
        known = self._backed.get(term)
        if known is None:
            known = self._backed[term] = (self.body_key.starts(term)
                                          or found(term, self._pools))
        return known

    def headline_support(self) -> tuple[float, list[str]]:
        """How much of the headline summary and body back (weighted), and the misses."""
        terms = self.headline_terms
        missing = [t for t in terms if not self.backs(t)]
        if not missing:
            return 1.0, []
        return score(terms, missing)

    def headline_backed(self, share: float, first: bool) -> bool:
        """True when the summary and body back at least ``share`` of the headline's
        weighted terms and, if ``first``, its first term; False when that is not so or
        not settled this way.

        Terms are looked up only until that is settled: first whether each starts a
        body word as it is (one search), then the others with their variants. A
        support score from the full lookup is then at least ``share``.
        """
        terms = self.headline_terms
        if first and (not terms or not self.backs(terms[0])):
            return False
        weights = [COMMON_WEIGHT if t in COMMON_STEMS else 1.0 for t in terms]
        need = share * sum(weights) + MARGIN  # sum(weights): weighted(set(terms))
        got = weights[0] if first else 0.0
        doubtful: list[int] = []
        backed = self._backed
        starts = self.body_key.starts
        for i in range(1 if first else 0, len(terms)):
            if got >= need:
                return True
            known = backed.get(terms[i])
            if known is None and starts(terms[i]):
                known = backed[terms[i]] = True
            if known:
                got += weights[i]
            elif known is None:
                doubtful.append(i)
        for i in doubtful:  # not as they are: with their variants
            if got >= need:
                return True
            known = backed[terms[i]] = found(terms[i], self._pools)
            if known:
                got += weights[i]
        return got >= need

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
        words = frozenset(self.summary_words)
        known = self.stems(words)
        stems = {w: known[w] for w in words}
        for start, line in _non_blank(self.summary):
            for s in sentences(Span(start, start + len(line), line)):
                terms = (stems.get(w, "_") for w in tokens(fold(s.text)))
                out.append(Sentence(s.start, s.end, s.text,
                                    frozenset(long_terms(terms)) - STOP))
        return out

    @lazy
    def lead(self) -> int | None:
        """The index of the first body paragraph that is not the headline repeated."""
        for index, words in enumerate(self.paragraph_words):
            if words != self.headline_words or not words:
                return index
        return None


STEM_MEMO_WORDS = 100_000
"""How many words' stems a cleaner keeps (about 20 MB); then it starts a new map (the
full development corpus of 31,525 articles fills 47,000)."""


def _stem_memo(ctx: Context) -> dict[str, str]:
    """The map of words to stems kept across the articles of one cleaner
    (:attr:`Context.memo`), replaced by an empty one when it holds
    :data:`STEM_MEMO_WORDS` words (an article being validated keeps the one it has)."""
    memo = ctx.memo.get(_STEMS)
    if not isinstance(memo, dict) or len(memo) >= STEM_MEMO_WORDS:
        memo = ctx.memo[_STEMS] = {}
    return memo


def view(ctx: Context) -> ArticleView:
    """The analysis of ``ctx.article``, made once per validation run."""
    found: ArticleView | None = ctx.cache.get(_KEY)  # only views are stored under it
    if found is None or found.article is not ctx.article:
        found = ctx.cache[_KEY] = ArticleView(ctx)
    return found
