"""One analysis of the article per validation run, shared by every validation rule.

The folded words of each line come from the removal stage's line scans
(:mod:`cleanup.rules.validate.words`), so they are not computed again. Everything else
is computed on first use: most articles never need the set of the body's words or its
folded text. A word is stemmed once per article (:meth:`ArticleView.stems`), word by
word with no regex call: that is cheaper than looking the word up in a map kept across
articles, whose entries have left the processor's caches by then. The headline's stems
are searched in the folded body (:class:`KeyStarts`), only until the result is settled;
the body's words are stripped of their proclitics (:class:`WordStarts`, one regex pass)
only when a check makes many lookups (summary sentences, a doubtful paragraph). At the
validate stage ``ctx.article`` is the article after repairs and removals: offsets here are
offsets into the current text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final, NamedTuple

from cleanup.fold import fold
from cleanup.rules.base import Context
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.stemmer import STOP, STOP_WORDS, add_stems, tokens
from cleanup.rules.validate.terms import (
    COMMON_WEIGHT,
    MARGIN,
    KeyStarts,
    WordStarts,
    found,
    score,
)
from cleanup.rules.validate.words import (
    Words,
    body_lines,
    field_scans,
    field_words,
    long_terms,
    non_blank,
)
from cleanup.segment import Span, sentences

_KEY: Final = "validate:view"


class Sentence(NamedTuple):
    """A sentence of the summary: where it is and its content terms."""

    start: int
    end: int
    text: str
    terms: frozenset[str]


class ArticleView:
    """The current article's fields with their words and terms (terms computed lazily,
    each on first use: most articles never need the set of the body's words).

    It keeps no reference to the context, so that the per-article cache holding it is
    freed as soon as the article is done. (A plain class with a slot per value rather than
    cached properties: compiled, its attributes and methods are then reached directly.)
    """

    def __init__(self, ctx: Context) -> None:
        article = ctx.article
        self.article = article
        self.headline = article.headline
        self.summary = article.summary
        self.body = article.body
        self._headline = field_scans(article.headline, ctx)
        self.headline_words: Words = field_words(self._headline)
        """Folded words of the headline."""
        self.summary_words: Words = field_words(field_scans(article.summary, ctx))
        """Folded words of the summary."""
        self._lines = body_lines(article.body, ctx)
        self.paragraph_words: list[Words] = [scanned.tokens.words for _, scanned in self._lines]
        """The folded words of each paragraph (a non-blank body line)."""
        self.memo: dict[str, object] = {}
        """Scratch space for rule-specific results about this article."""
        self.stemmed: dict[str, str] = {}
        """Words of this article stemmed so far, with their stems (see :meth:`stems`)."""
        self._backed: dict[str, bool] = {}
        # Computed on first use (None, or -2 for the lead: not yet).
        self._keys: list[str] | None = None
        self._body_words: set[str] | None = None
        self._body_key: KeyStarts | None = None
        self._body_starts: WordStarts | None = None
        self._lengths: list[int] | None = None
        self._summary_starts: WordStarts | None = None
        self._summary_lacking: set[str] | None = None
        self._headline_stems: dict[str, str] | None = None
        self._headline_terms: list[str] | None = None
        self._pools: tuple[KeyStarts | WordStarts, ...] | None = None
        self._summary_sentences: list[Sentence] | None = None
        self._lead = -2

    def line(self, index: int) -> Span:
        """Paragraph ``index`` (where it is in the body, and its text)."""
        return self._lines[index][0]

    @property
    def keys(self) -> list[str]:
        """The folded texts of the paragraphs."""
        if self._keys is None:
            self._keys = [scanned.tokens.folded.key for _, scanned in self._lines]
        return self._keys

    @property
    def body_words(self) -> set[str]:
        """The distinct folded words of the body (not to be changed)."""
        if self._body_words is None:
            self._body_words = set().union(*self.paragraph_words)
        return self._body_words

    @property
    def body_key(self) -> KeyStarts:
        """The folded body, for a few stem lookups (see :class:`KeyStarts`)."""
        if self._body_key is None:
            self._body_key = KeyStarts("\n".join(self.keys))
        return self._body_key

    @property
    def body_starts(self) -> WordStarts:
        """The body's words for stem lookups (see :class:`WordStarts`)."""
        if self._body_starts is None:
            self._body_starts = WordStarts(self.body_words)
        return self._body_starts

    @property
    def lengths(self) -> list[int]:
        """How many words each paragraph has."""
        if self._lengths is None:
            self._lengths = list(map(len, self.paragraph_words))
        return self._lengths

    @property
    def body_length(self) -> int:
        """How many words the body has."""
        return sum(self.lengths)

    @property
    def summary_starts(self) -> WordStarts:
        """The summary's words for stem lookups."""
        if self._summary_starts is None:
            self._summary_starts = WordStarts(frozenset(self.summary_words))
        return self._summary_starts

    @property
    def summary_lacking(self) -> set[str]:
        """The distinct summary words that no body paragraph has (not to be changed).

        The set of the body's words is not needed: paragraphs are looked at in order
        until none is left, and a summary is most often a copy of the lead.
        """
        if self._summary_lacking is None:
            lacking = set(self.summary_words)
            for words in self.paragraph_words:
                if not lacking:
                    break
                lacking.difference_update(words)
            self._summary_lacking = lacking
        return self._summary_lacking

    def stems(self, words: Collection[str]) -> dict[str, str]:
        """A map holding the stems of ``words`` (as :func:`stem_map` gives them): the
        map of every word of the article stemmed so far, so it may hold other words
        too."""
        return add_stems(self.stemmed, words)

    @property
    def headline_stems(self) -> dict[str, str]:
        """The stem of each word of the headline but function words (whose stem is "_"),
        in headline order; they join :attr:`stemmed`."""
        if self._headline_stems is None:
            words = [w for w in self.headline_words if w not in STOP_WORDS]
            known = self.stems(words)
            self._headline_stems = {w: known[w] for w in words}
        return self._headline_stems

    @property
    def headline_terms(self) -> list[str]:
        """Content terms of the headline, each once, in headline order."""
        if self._headline_terms is None:
            self._headline_terms = [t for t in dict.fromkeys(self.headline_stems.values())
                                    if len(t) > 2 and t not in STOP]
        return self._headline_terms

    def pools(self) -> tuple[KeyStarts | WordStarts, ...]:
        """Where a headline term is looked for: the body, and the summary when it has
        words the body lacks."""
        if self._pools is None:
            self._pools = ((self.body_key,) if not self.summary_lacking
                           else (self.body_key, self.summary_starts))
        return self._pools

    def backs(self, term: str) -> bool:
        """Whether the summary or body backs a headline term: one of their words starts
        with it or a variant of it, once stripped of its proclitics (remembered)."""
        known = self._backed.get(term)
        if known is None:
            known = self._backed[term] = (self.body_key.starts(term)
                                          or found(term, self.pools()))
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
            known = backed[terms[i]] = found(terms[i], self.pools())
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

    @property
    def summary_sentences(self) -> list[Sentence]:
        """Sentences of the summary with their content terms."""
        if self._summary_sentences is None:
            out: list[Sentence] = []
            words = frozenset(self.summary_words)
            known = self.stems(words)
            stems = {w: known[w] for w in words}
            for start, line in non_blank(self.summary):
                for s in sentences(Span(start, start + len(line), line)):
                    terms = (stems.get(w, "_") for w in tokens(fold(s.text)))
                    out.append(Sentence(s.start, s.end, s.text,
                                        frozenset(long_terms(terms)) - STOP))
            self._summary_sentences = out
        return self._summary_sentences

    @property
    def lead(self) -> int | None:
        """The index of the first body paragraph that is not the headline repeated."""
        if self._lead == -2:
            self._lead = next((index for index, words in enumerate(self.paragraph_words)
                               if words != self.headline_words or not words), -1)
        return None if self._lead < 0 else self._lead


def view(ctx: Context) -> ArticleView:
    """The analysis of ``ctx.article``, made once per validation run."""
    found: ArticleView | None = ctx.cache.get(_KEY)  # only views are stored under it
    if found is None or found.article is not ctx.article:
        found = ctx.cache[_KEY] = ArticleView(ctx)
    return found
