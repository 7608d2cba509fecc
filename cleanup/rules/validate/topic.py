"""Topic check: a body paragraph that shares almost nothing with the rest of the article."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import filterfalse
from typing import Final

from cleanup.fold import fold
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import ArticleView, view
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.settings import number, severity
from cleanup.rules.validate.stemmer import STOP, STOP_WORDS
from cleanup.rules.validate.support import floor2
from cleanup.rules.validate.terms import KeyStarts
from cleanup.rules.validate.words import Words, long_terms

_CONTINUING_WORDS: Final = """
كما بدوره بدورها يأتي ثم أيضا ايضا لكن إلا غير أما فيما بينما يذكر
also but however meanwhile he she they it this that these those
"""
_PLENTY: Final = 6
"""A paragraph sharing this many words (no function words) with the headline or other
paragraphs is on topic without looking closer (0.2% of paragraphs injected from another
article share that many; 44% of the corpus's own paragraphs do)."""
# Words that open a paragraph continuing the one before ("كما", "بدوره", and any word with
# the conjunction و): such a paragraph belongs to the article whatever its words; an item
# from another story opens like a lead.
_CONTINUING: Final = frozenset(fold(w) for w in _CONTINUING_WORDS.split())
_PLAIN: Final = COMMON_STEMS | STOP
"""Stems shared by too many articles to tie a paragraph to this one."""
_FUNCTION: Final = STOP_WORDS.__contains__
"""Whether a word is a function word (STOP_WORDS)."""


def _continues(first: str) -> bool:
    """Whether a paragraph opening with this word continues the one before it: "و" (and)
    opens 72% of the corpus's later paragraphs and 3% of its leads."""
    return first in _CONTINUING or (first[0] == "و" and len(first) > 3)


def _distinctive(stem: str) -> bool:
    return stem not in _PLAIN and len(stem) > 2


def _ties(v: ArticleView, words: Collection[str], tying: set[str]) -> bool:
    """Whether one of these shared words has a distinctive stem (not a common news stem);
    such words are added to ``tying``."""
    stems = v.stems(words)
    found = [w for w in words if stems[w] not in _PLAIN]
    tying.update(found)
    return bool(found)


def _shared(v: ArticleView, index: int, own: frozenset[str],
            tying: set[str]) -> set[str] | None:
    """The words of paragraph ``index`` (``own``: all of them but function words) that the
    headline or another paragraph also uses; or None when they tie it to the article: a
    distinctive one, or too many to be from another story.

    Which words are shared does not depend on the order the others are looked at in, nor
    does the verdict: the nearest paragraph (the next, or the one before the last) and the
    headline are looked at first, and decide most paragraphs.
    """
    paragraphs = v.paragraph_words
    near = index + 1 if index + 1 < len(paragraphs) else index - 1  # -1: none
    common = set(own.intersection(v.headline_words))
    if near >= 0:
        common.update(own.intersection(paragraphs[near]))
    if len(common) >= _PLENTY or _ties(v, common, tying):
        return None
    plain = frozenset(common)  # none of them distinctive
    add, shared = common.update, own.intersection  # (looked up once, not per paragraph)
    for q in _others(paragraphs, index, near):
        add(shared(q))
        if len(common) >= _PLENTY:
            return None
    if _ties(v, common - plain, tying):
        return None
    return common


def _others(paragraphs: list[Words], index: int, near: int) -> list[Words]:
    """The paragraphs but ``index`` and ``near`` (-1: none), in order."""
    low, high = (index, near) if index < near else (near, index)
    if low < 0:
        return paragraphs[:high] + paragraphs[high + 1:]
    return paragraphs[:low] + paragraphs[low + 1:high] + paragraphs[high + 1:]


def _score(v: ArticleView, index: int, own: frozenset[str], common: set[str],
           min_terms: float, enough: float = 2.0) -> float | None:
    """The share of the terms of paragraph ``index`` (``own``: its words but function
    words) used elsewhere, or None for fewer than ``min_terms`` terms. Once the common
    terms alone make that share ``enough`` or more, it is the share found so far (at
    least ``enough``); else 1.0 when a distinctive term is used elsewhere.

    A term is used elsewhere when the headline has it or a word outside those this
    paragraph alone has starts with it: a word of another paragraph, a shared word or
    one of its function words (:class:`KeyStarts` answers, as :class:`WordStarts` would).
    Common terms are looked up first: a few found settle a share of ``enough``, while a
    distinctive term is seldom found and each miss reads all the other paragraphs. The
    result does not depend on the order the terms are looked at in.
    """
    if len(own) < min_terms:  # each term is the stem of one of them
        return None
    stems = v.stems(own)
    terms = frozenset(long_terms([stems[w] for w in own])) - STOP
    if len(terms) < min_terms:
        return None
    headline = frozenset(v.headline_terms)
    function = STOP_WORDS.intersection(v.paragraph_words[index])
    near = KeyStarts(" ".join(common | function))  # (words are \w+ tokens)
    others = KeyStarts("\n".join(v.keys[:index] + v.keys[index + 1:]))
    plain = terms & COMMON_STEMS  # the others are distinctive (_distinctive)
    found = 0
    need = enough * len(terms)
    for term in plain:
        if term in headline or near.starts(term) or others.starts(term):
            found += 1
            if found >= need:
                return found / len(terms)
    for term in terms - plain:
        if term in headline or near.starts(term) or others.starts(term):
            return 1.0
    return found / len(terms)


def _judged(v: ArticleView, min_terms: float) -> list[int]:
    """The paragraphs to judge: of ``min_terms`` words or more, not continuing the one
    before (:func:`_continues`, inlined: no call per paragraph)."""
    return [i for i, words in enumerate(v.paragraph_words) if len(words) >= min_terms
            and not (words[0] in _CONTINUING or (words[0][0] == "و" and len(words[0]) > 3))]


def _scored(v: ArticleView, judged: list[int], min_terms: float, enough: float = 2.0,
            every: bool = True) -> list[tuple[int, float | None]]:
    """The judged paragraphs that share no distinctive word with the headline or another
    paragraph (the others score 1.0), with their scores, in order (see :func:`_score` for
    ``enough``). Unless ``every``, those of fewer than ``min_terms`` content words are
    left out unseen: they score 1.0 or None (not flagged by a threshold of 1.0 or less).

    ``tying`` holds words known to tie any paragraph that has them: not function words,
    of a distinctive stem, and in the headline or in two paragraphs (so in the headline
    or another paragraph, whichever paragraph has them). The headline's are known at the
    start, the others as they are found shared; a paragraph with none of them is looked
    at closer.
    """
    paragraphs = v.paragraph_words
    tying = {w for w, stem in v.headline_stems.items() if stem not in _PLAIN}
    out: list[tuple[int, float | None]] = []
    for i in judged:
        words = paragraphs[i]
        if tying.isdisjoint(words):
            own = frozenset(filterfalse(_FUNCTION, words))
            if not every and len(own) < min_terms:  # fewer terms (see _score)
                continue
            common = _shared(v, i, own, tying)
            if common is not None:
                out.append((i, _score(v, i, own, common, min_terms, enough)))
    return out


def topic_scores(v: ArticleView, min_terms: float) -> list[float | None]:
    """How much each body paragraph shares with the headline and the other paragraphs.

    A paragraph that shares a distinctive term (not a common news stem) scores 1.0; else
    its score is the share of its terms that the headline or another paragraph also uses.
    None: fewer than ``min_terms`` terms, too little to judge. Words shared as written
    are checked first; only a paragraph that shares no distinctive word that way has its
    stems looked up among the words of the others.
    """
    out: list[float | None] = [None] * len(v.paragraph_words)
    judged = _judged(v, min_terms)
    for i in judged:
        out[i] = 1.0
    for i, score in _scored(v, judged, min_terms):
        out[i] = score
    return out


class OffTopicParagraphRule(Rule):
    """V112: a paragraph unrelated to the headline and the other paragraphs."""

    code = "V112"
    name = "off-topic-paragraph"
    family = "validation"
    summary = "Flag a body paragraph that shares almost nothing with the rest of the article."
    what = ("In a body of at least `offtopic_min_paragraphs` paragraphs (default 3), looks at "
            "each paragraph of at least `offtopic_min_terms` content terms (default 12) that "
            "shares no distinctive term (no very common news stem) with the headline or "
            "another paragraph; when the share of its terms found there is below "
            "`offtopic_threshold` (default 0.12) it is flagged. A paragraph opening with "
            "و or a connective ('كما', 'بدوره') continues the one before and is not judged "
            "(72% of the corpus's later paragraphs open so, 3% of its leads). Never removed.")
    why = ("A paragraph from another story (a cross-site item, a teaser the removal rules do "
           "not know) shares no names or subjects with the article around it.")
    example = ("headline: تحالف الصين وكوريا … / a paragraph about a football transfer in "
               "the middle → flagged")
    action = "flag"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if len(v.paragraph_words) < number(ctx, "offtopic_min_paragraphs", 3) or (
                text.text != v.body):
            return ()
        threshold = number(ctx, "offtopic_threshold", 0.12)
        min_terms = number(ctx, "offtopic_min_terms", 12)
        if threshold > 1.0:  # then even a paragraph scoring 1.0 is flagged
            scored: Iterable[tuple[int, float | None]] = enumerate(topic_scores(v, min_terms))
        else:  # the paragraphs not looked at score 1.0, or None
            scored = _scored(v, _judged(v, min_terms), min_terms, threshold, every=False)
        out: list[Proposal] = []
        for index, score in scored:
            if score is not None and score < threshold:
                p = v.line(index)
                out.append(Proposal(
                    text.name, p.start, p.end, "flag",
                    f"paragraph {index + 1} shares no distinctive word with the headline or "
                    f"the other paragraphs (share of its terms {floor2(score)} < {threshold:g}): "
                    f"from another story?",
                    severity=severity(ctx, self.code, self.name, self.severity)))
        return out
