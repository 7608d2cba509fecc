"""Content terms for validation, and where a text has them, fast enough for bulk use.

A content term is the stem (:mod:`cleanup.rules.validate.stemmer`) of a word that is not
a function word. A term is looked for at the start of a text's words once their
proclitics are stripped (:class:`WordStarts`, :class:`KeyStarts`), with the variants the
same word may take (:func:`variants`); support scores weigh very common news stems less
(:func:`score`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Final

from cleanup.fold import fold
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.stemmer import (
    LONGEST_CLUSTER,
    PREFIX,
    PROCLITICS,
    STOP,
    cluster_end,
    opens_cluster,
    stem_map,
    tokens,
    word_char,
)

COMMON_WEIGHT: Final = 0.35
"""Weight of a very common news stem (COMMON_STEMS) in support scores; others weigh 1."""
MARGIN: Final = 1e-9
"""Slack for float sums when a partial support score settles a comparison early."""


def terms_of(text: str) -> frozenset[str]:
    """Content terms of raw text."""
    stems = frozenset(stem_map(set(tokens(fold(text)))).values()) - STOP
    return frozenset(s for s in stems if len(s) > 2)


def weighted(terms: AbstractSet[str]) -> float:
    """The summed weight of a set of terms: common news stems count COMMON_WEIGHT."""
    return len(terms) - (1.0 - COMMON_WEIGHT) * len(COMMON_STEMS.intersection(terms))


def variants(term: str) -> tuple[str, ...]:
    """Stems the same word may take: with one Arabic proclitic letter more or less, for a
    verb the other tense ("يعلن" in a headline, "اعلن" in the body), and the verb of a
    few noun patterns ("مقتل", "قتيل": "قتل"; "افتتاح": "افتتح")."""
    if not "\u0600" <= term[0] <= "\u06ff":
        return (term,)
    out = [term, "و" + term, "ف" + term, "ب" + term, "ك" + term, "ل" + term]  # PROCLITICS
    if len(term) >= 4:
        if term[0] in PROCLITICS:
            out.append(term[1:])
        if term[0] in "يتن":  # and the future: سيعلن
            out += [term[1:], "ا" + term[1:], "س" + term]
        elif term[0] == "ا":
            out += ["ي" + term[1:], "ت" + term[1:]]
        elif term[0] == "م":  # a noun of place or verbal noun: مقتل, قتل
            out.append(term[1:])
        if len(term) == 4 and term[2] == "ي":  # قتيل, قتل
            out.append(term[:2] + term[3])
        if len(term) >= 5 and term[-2] == "ا":  # افتتاح, افتتح; ارتفاع, ارتفع
            out.append(term[:-2] + term[-1])
    return tuple(out)


class WordStarts:
    """The words of a text without their proclitic clusters, for one question: does a
    word start with this stem (its suffix, if any, following)?

    That is the stem test made cheap: only the prefix pass runs, over the distinct words,
    and a lookup is one substring search.
    """

    __slots__ = ("_text",)

    def __init__(self, words: Iterable[str], text: str | None = None) -> None:
        self._text = text if text is not None else PREFIX.sub(" ", " " + " ".join(words))

    def __add__(self, other: WordStarts) -> WordStarts:
        """The words of both."""
        return WordStarts((), self._text + other._text)

    def __contains__(self, stem: object) -> bool:
        return isinstance(stem, str) and " " + stem in self._text

    def starts(self, stem: str) -> bool:
        """Whether a word starts with ``stem``."""
        return " " + stem in self._text

    def count(self, stem: str) -> int:
        """How many of the words start with ``stem``."""
        return self._text.count(" " + stem)

    def starts_any(self, stems: Iterable[str]) -> bool:
        """Whether a word starts with one of ``stems``."""
        return any(map(self.starts, stems))


class KeyStarts:
    """The question of :class:`WordStarts`, answered by searching a folded text (words
    and punctuation as :func:`fold` leaves them) where the stem occurs, and
    stripping the proclitics of those words only: cheaper when a text is asked about
    a few stems (a headline's), and the same answers (a test checks it).
    """

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key
        """The folded text."""

    def __contains__(self, stem: object) -> bool:
        return isinstance(stem, str) and self.starts(stem)

    def starts(self, stem: str) -> bool:
        """Whether a word of the text, without its proclitic cluster, starts with ``stem``
        (made of word characters, so that it lies in the word that holds it)."""
        key = self.key
        pos = key.find(stem)
        while pos >= 0:
            before = key[pos - 1] if pos else " "
            if not (before.isalnum() or before == "_"):  # (\w) the word starts at pos
                if not opens_cluster(ord(key[pos])) or key.startswith(
                        stem, cluster_end(key, pos)):
                    return True
            elif before == "ل" and key[pos - 2:pos] == "ال" and len(stem) > 1 and (
                    pos == 2 or not word_char(key[pos - 3])):
                return True  # after the article alone: that is the word's cluster
            elif self._after_cluster(pos, stem):
                return True
            pos = key.find(stem, pos + 1)
        return False

    def _after_cluster(self, pos: int, stem: str) -> bool:
        """Whether ``stem`` at ``pos`` (inside a word) follows the word's cluster."""
        key = self.key
        start = pos - 1  # the start of the word: at most a cluster's length before pos
        low = max(pos - LONGEST_CLUSTER, 0)
        while start > low and word_char(key[start - 1]):
            start -= 1
        return (not start or not word_char(key[start - 1])) and key.startswith(
            stem, cluster_end(key, start))

    def starts_any(self, stems: Iterable[str]) -> bool:
        """Whether a word starts with one of ``stems``; a stem that contains one not in
        the text at all is not looked for."""
        key = self.key
        nowhere: list[str] = []
        for stem in stems:
            for absent in nowhere:
                if absent in stem:
                    break
            else:
                if stem not in key:
                    nowhere.append(stem)
                elif self.starts(stem):
                    return True
        return False


def found(term: str, pools: Sequence[WordStarts | KeyStarts]) -> bool:
    """True when one of the pools holds the term or a variant of it.

    A folded text (:class:`KeyStarts`) that lacks even the core all variants but two
    share (the term, or for an Arabic term of four letters or more the term less its
    first letter) can only hold those two: the others are not made.
    """
    forms: tuple[str, ...] | None = None
    for pool in pools:
        if isinstance(pool, KeyStarts):
            arabic = "\u0600" <= term[0] <= "\u06ff"
            if (term[1:] if arabic and len(term) >= 4 else term) not in pool.key:
                if arabic and pool.starts_any(_unshared(term)):
                    return True
                continue
        if forms is None:
            forms = variants(term)
        if pool.starts_any(forms):
            return True
    return False


def _unshared(term: str) -> list[str]:
    """The variants of an Arabic term that may lack ``term[1:]`` (see :func:`variants`)."""
    out = []
    if len(term) == 4 and term[2] == "ي":
        out.append(term[:2] + term[3])
    if len(term) >= 5 and term[-2] == "ا":
        out.append(term[:-2] + term[-1])
    return out


def support(terms: Iterable[str],
            pools: Sequence[WordStarts | KeyStarts]) -> tuple[float, list[str]]:
    """Weighted share of ``terms`` found in the pools (1.0 for no terms) and the misses,
    in the order given."""
    given = list(terms)
    return score(given, [t for t in given if not found(t, pools)])


def supported(terms: Collection[str], pool: KeyStarts, share: float) -> bool:
    """True when the weighted share of ``terms`` (distinct) that ``pool`` holds is at
    least ``share``, so that :func:`support` scores them ``share`` or more; False when it
    is not, or not settled this way.

    Terms are looked up only until that is settled: first whether each starts a word as
    it is (one search), then the others with their variants.
    """
    weights = [COMMON_WEIGHT if t in COMMON_STEMS else 1.0 for t in terms]
    need = share * sum(weights) + MARGIN
    got = 0.0
    doubtful: list[tuple[str, float]] = []
    for term, weight in zip(terms, weights, strict=True):
        if pool.starts(term):
            got += weight
            if got >= need:
                return True
        else:
            doubtful.append((term, weight))
    for term, weight in doubtful:
        if found(term, (pool,)):
            got += weight
            if got >= need:
                return True
    return False


def score(terms: list[str], missing: list[str]) -> tuple[float, list[str]]:
    """The weighted share of ``terms`` not in ``missing`` (1.0 for no terms), and them."""
    total = weighted(set(terms))
    if not total:
        return 1.0, missing
    return 1.0 - weighted(set(missing)) / total, missing
