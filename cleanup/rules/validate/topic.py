"""Topic check: a body paragraph that shares almost nothing with the rest of the article."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from itertools import chain

from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import ArticleView, Piece, long_terms, view
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.settings import number, severity
from cleanup.rules.validate.support import floor2
from cleanup.rules.validate.terms import STOP, STOP_WORDS, WordStarts, fold_fast, stem_map

_CONTINUING_WORDS = """
كما بدوره بدورها يأتي ثم أيضا ايضا لكن إلا غير أما فيما بينما يذكر
also but however meanwhile he she they it this that these those
"""
_PLENTY = 6
"""A paragraph sharing this many words (no function words) with the headline or other
paragraphs is on topic without looking closer (0.2% of paragraphs injected from another
article share that many; 44% of the corpus's own paragraphs do)."""
# Words that open a paragraph continuing the one before ("كما", "بدوره", and any word with
# the conjunction و): such a paragraph belongs to the article whatever its words; an item
# from another story opens like a lead.
_CONTINUING = frozenset(fold_fast(w) for w in _CONTINUING_WORDS.split())
_PLAIN = COMMON_STEMS | STOP
"""Stems shared by too many articles to tie a paragraph to this one."""


def _continues(first: str) -> bool:
    """Whether a paragraph opening with this word continues the one before it: "و" (and)
    opens 72% of the corpus's later paragraphs and 3% of its leads."""
    return first in _CONTINUING or (first[0] == "و" and len(first) > 3)


def _distinctive(stem: str) -> bool:
    return stem not in _PLAIN and len(stem) > 2


def _ties(words: AbstractSet[str]) -> bool:
    """Whether one of these shared words has a distinctive stem (not a common news stem)."""
    return not _PLAIN.issuperset(stem_map(words).values())


def _shared(own: frozenset[str], headline: frozenset[str],
            others: Iterable[Piece]) -> set[str] | None:
    """The words of a paragraph (``own``) that the headline or another paragraph also
    uses, or None when they tie it to the article: a distinctive one, or too many to be
    from another story. ``others`` come nearest first (the paragraphs after, then those
    before); the first of them alone decides most paragraphs.
    """
    common = set(own & headline)
    known: frozenset[str] = frozenset()
    for n, q in enumerate(others):
        common.update(own.intersection(q.words))
        if len(common) >= _PLENTY or (n == 0 and _ties(common)):
            return None
        if n == 0:
            known = frozenset(common)  # none of them distinctive
    if len(common) >= _PLENTY or _ties(common - known):
        return None
    return common


def topic_scores(v: ArticleView, min_terms: float) -> list[float | None]:
    """How much each body paragraph shares with the headline and the other paragraphs.

    A paragraph that shares a distinctive term (not a common news stem) scores 1.0; else
    its score is the share of its terms that the headline or another paragraph also uses.
    None: fewer than ``min_terms`` terms, too little to judge. Words shared as written
    are checked first; only a paragraph that shares no distinctive word that way has its
    stems looked up among the words of the others (:class:`WordStarts`).
    """
    paragraphs = v.paragraphs
    headline = frozenset(v.headline_terms)
    headline_words = frozenset(v.headline_words)
    out: list[float | None] = []
    for i, p in enumerate(paragraphs):
        if len(p.words) < min_terms or _continues(p.words[0]):
            out.append(None)
            continue
        own = frozenset(p.words) - STOP_WORDS
        common = _shared(own, headline_words, chain(
            paragraphs[i + 1:], paragraphs[i - 1::-1] if i else ()))
        if common is None:
            out.append(1.0)
            continue
        terms = long_terms(stem_map(own).values()) - STOP
        if len(terms) < min_terms:
            out.append(None)
            continue
        # A stem is used elsewhere when more body words start with it than words found
        # in this paragraph alone.
        alone = WordStarts(own - common)
        everywhere = v.body_starts
        found = [t for t in terms
                 if t in headline or everywhere.count(t) > alone.count(t)]
        if any(map(_distinctive, found)):
            out.append(1.0)
        else:
            out.append(len(found) / len(terms))
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
        paragraphs = v.paragraphs
        if len(paragraphs) < number(ctx, "offtopic_min_paragraphs", 3) or text.text != v.body:
            return
        threshold = number(ctx, "offtopic_threshold", 0.12)
        scores = topic_scores(v, number(ctx, "offtopic_min_terms", 12))
        for index, (p, score) in enumerate(zip(paragraphs, scores, strict=True)):
            if score is not None and score < threshold:
                yield Proposal(
                    text.name, p.start, p.end, "flag",
                    f"paragraph {index + 1} shares no distinctive word with the headline or "
                    f"the other paragraphs (share of its terms {floor2(score)} < {threshold:g}): "
                    f"from another story?",
                    severity=severity(ctx, self.code, self.name, self.severity))
