"""The light stemmer of validation: folded words reduced to matching keys.

Arabic light stemming strips one proclitic cluster (و ف ب ك ل, ال and combinations such
as وال بال لل وب) and then one common suffix (ها هم ان ات ون ين ية ة ي and the alef of
tanween); English strips one ending (ies es s ing ed ly e y). A stem keeps at least
three letters (two after ال). Stems are matching keys only: output text never changes.

The stemmer is written as two regex passes over words joined by spaces, prefixes first
and then suffixes over the reversed string (:func:`stem_words`, the reference), and
written out for one word (:func:`stem_word`, what validation runs: no regex call for
the few words a check stems at a time). Words of three letters or more (two digits or
more) are looked at; a stem left shorter is kept. The prefix pass alone (:data:`PREFIX`,
:func:`cluster_end`) strips the proclitics of words for the lookups of
:mod:`cleanup.rules.validate.terms`. The function words (:data:`STOP_WORDS`) and their
stems (:data:`STOP`) live here too: they are never content terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Final

from cleanup.fold import fold

_TOKEN: Final = re.compile(r"\w+")
LONGEST_CLUSTER: Final = 4
"""Letters of the longest proclitic cluster PREFIX strips (وبال, فلال)."""
# Prefix and suffix patterns run over words joined by single spaces, so they anchor on a
# literal space rather than on a word boundary tried at every position.
# The clusters, longest first: [وف]?[بكل]?ال and [وف]?لل leave two letters or more,
# [وف][بكل] and one of و ف ب ك ل leave three, and one or two of them may precede digits.
# The pattern is factored by first letter so that most words fail at their first letter.
_CLUSTERS: Final = (
    r"(?:[وف](?:[بك]?ال(?=\w\w)|لا?ل(?=\w\w)|[بكل](?=\w\w\w)|(?=\w\w\w)"
    r"|[بكل]?(?=\d))|[بك](?:ال(?=\w\w)|(?=\w\w\w)|(?=\d))|ل(?:ا?ل(?=\w\w)|(?=\w\w\w)|(?=\d))"
    r"|ال(?=\w\w))"
)
PREFIX: Final = re.compile(" " + _CLUSTERS)
"""A proclitic cluster after a space: ``PREFIX.sub(" ", " " + " ".join(words))`` strips
the clusters of words joined by spaces."""
_CLUSTER: Final = re.compile(_CLUSTERS)
"""The proclitic cluster at the start of a word, matched in place (in a longer text)."""


def word_char(char: str) -> bool:
    """``\\w`` for one character (the same answer for every code point)."""
    return char.isalnum() or char == "_"


def _word_chars(text: str, start: int, count: int) -> bool:
    """Whether ``count`` word characters follow ``start`` (``(?=\\w{count})``): each
    code point compared, as a slice would be a new string; characters other than
    Arabic and ASCII letters and digits are asked :func:`word_char`."""
    end = start + count
    if end > len(text):
        return False
    for at in range(start, end):
        code = ord(text[at])
        if not (0x620 <= code <= 0x64A or 0x61 <= code <= 0x7A or 0x41 <= code <= 0x5A
                or 0x30 <= code <= 0x39 or word_char(text[at])):
            return False
    return True


def _digit(text: str, at: int) -> bool:
    """``(?=\\d)`` at ``at``."""
    return at < len(text) and text[at].isdecimal()


# Code points of the letters clusters and suffixes are made of: compared as numbers, as a
# one-letter slice of Arabic text would be a new string each time.
_WAW: Final = 0x648  # و
_FEH: Final = 0x641  # ف
_BEH: Final = 0x628  # ب
_KAF: Final = 0x643  # ك
_LAM: Final = 0x644  # ل
_ALEF: Final = 0x627  # ا
_HEH: Final = 0x647  # ه
_YEH: Final = 0x64A  # ي
_MEEM: Final = 0x645  # م
_NOON: Final = 0x646  # ن
_TEH: Final = 0x62A  # ت
_D: Final = 0x64  # d
_E: Final = 0x65  # e
_G: Final = 0x67  # g
_L: Final = 0x6C  # l
_S: Final = 0x73  # s
_Y: Final = 0x79  # y


def _code(text: str, at: int) -> int:
    """The code point at ``at`` (not negative), or -1 past the end of ``text``."""
    return ord(text[at]) if at < len(text) else -1


def opens_cluster(code: int) -> bool:
    """Whether a proclitic cluster may start with this letter (و ف ب ك ل, or the ا of
    ال)."""
    return code in (_WAW, _FEH, _BEH, _KAF, _LAM, _ALEF)


def cluster_end(text: str, start: int) -> int:
    """Where the proclitic cluster that opens ``text[start:]`` ends (``start`` for none):
    the end of ``_CLUSTER.match(text, start)``, without a regex call (each allocates its
    matching state). Alternatives are tried in the pattern's order (a test checks it)."""
    first, second = _code(text, start), _code(text, start + 1)
    if first in (_WAW, _FEH):
        third = _code(text, start + 2)
        if second in (_BEH, _KAF) and third == _ALEF and _code(
                text, start + 3) == _LAM and _word_chars(text, start + 4, 2):
            return start + 4  # وبال, فكال
        if second == _ALEF and third == _LAM and _word_chars(text, start + 3, 2):
            return start + 3  # وال
        if second == _LAM and third == _ALEF and _code(
                text, start + 3) == _LAM and _word_chars(text, start + 4, 2):
            return start + 4  # ولال
        if second == _LAM and third == _LAM and _word_chars(text, start + 3, 2):
            return start + 3  # ولل
        one_more = second in (_BEH, _KAF, _LAM)
        if one_more and _word_chars(text, start + 2, 3):
            return start + 2  # وب, فل
        if _word_chars(text, start + 1, 3):
            return start + 1
        if one_more and _digit(text, start + 2):
            return start + 2
        return start + 1 if _digit(text, start + 1) else start
    if first in (_BEH, _KAF):
        if second == _ALEF and _code(text, start + 2) == _LAM and _word_chars(
                text, start + 3, 2):
            return start + 3  # بال, كال
        return start + 1 if _word_chars(text, start + 1, 3) or _digit(text, start + 1) else start
    if first == _LAM:
        if second == _ALEF and _code(text, start + 2) == _LAM and _word_chars(
                text, start + 3, 2):
            return start + 3  # لال
        if second == _LAM and _word_chars(text, start + 2, 2):
            return start + 2  # لل
        return start + 1 if _word_chars(text, start + 1, 3) or _digit(text, start + 1) else start
    if first == _ALEF and second == _LAM and _word_chars(text, start + 2, 2):
        return start + 2  # ال
    return start


# Suffixes reversed (ها هم ان ون ين ات ية ة ي ا; ies es s ing ed ly e y), matched after a
# space in the reversed string, longer ones first; three letters must remain.
_SUFFIX_REVERSED: Final = re.compile(
    r" (?:اه?|مه|ن[اوي]|تا|هي?|ي|s(?:ei?|(?!s))|gni|de|yl?|e)(?=\w\w\w)"
)

PROCLITICS: Final = "وفبكل"
"""One-letter Arabic proclitics; a stem may differ from another by one of them."""


def stem_words(words: Sequence[str]) -> list[str]:
    """Stems of folded words (``\\w+`` tokens), in the same order."""
    return _stem_joined(" " + " ".join(words)).split()


def _stem_joined(joined: str) -> str:
    """Stem every word of a string of words each preceded by one space."""
    joined = PREFIX.sub(" ", joined)
    return _SUFFIX_REVERSED.sub(" ", " " + joined[::-1])[::-1]


def stem_word(word: str) -> str:
    """The stem of one folded word (a ``\\w+`` token), as :func:`stem_words` gives it:
    the same two passes written out for one word, with no regex call (a test checks
    that both agree). The suffix alternatives are told apart by the word's last letter."""
    if opens_cluster(_code(word, 0)):
        end = cluster_end(word, 0)
        if end:
            word = word[end:]
    size = len(word)
    if size < 4:  # every suffix leaves three letters or more
        return word
    last, before = ord(word[size - 1]), ord(word[size - 2])
    if last == _ALEF:  # ها, ا
        return word[:-2] if size >= 5 and before == _HEH else word[:-1]
    if last == _HEH:  # يه (ية folded), ه
        return word[:-2] if size >= 5 and before == _YEH else word[:-1]
    if last in (_YEH, _E):
        return word[:-1]
    if last == _Y:  # ly, y
        return word[:-2] if size >= 5 and before == _L else word[:-1]
    if last == _S:  # ies, es, s (not after another s)
        if size >= 6 and word.endswith("ies"):
            return word[:-3]
        if size >= 5 and before == _E:
            return word[:-2]
        return word if before == _S else word[:-1]
    if size < 5:  # the others are two letters, or three
        return word
    if (last == _MEEM and before == _HEH) or (
            last == _NOON and before in (_ALEF, _WAW, _YEH)) or (
            last == _TEH and before == _ALEF) or (last == _D and before == _E):
        return word[:-2]  # هم; ان ون ين; ات; ed
    if last == _G and size >= 6 and word.endswith("ing"):
        return word[:-3]
    return word


def stem_map(words: AbstractSet[str]) -> dict[str, str]:
    """Distinct folded words mapped to their stems; function words map to "_" (in STOP).

    Words of one or two letters keep their own stem: callers that want content terms
    only leave them out (they are not stemmed, so they stay that short).
    """
    return add_stems({}, words)


def add_stems(known: dict[str, str], words: Iterable[str]) -> dict[str, str]:
    """Add the stem of each word ``known`` lacks, as :func:`stem_map` gives it (a word's
    stem depends on that word alone), and return ``known``."""
    for word in words:
        if word not in known:
            known[word] = "_" if word in STOP_WORDS else stem_word(word)
    return known


def stem(word: str) -> str:
    """The stem of one word (any case, folded or not; its first token's, if it folds to
    more than one)."""
    found = _TOKEN.search(fold(word))
    return stem_word(found.group()) if found else ""


def tokens(key: str) -> list[str]:
    """Every word token of a folded text, in order."""
    return _TOKEN.findall(key)


_STOP_WORDS: Final = """
في من الى إلى على علي عن مع ان أن إن انه أنه إنه انها أنها إنها لا لم لن ما ماذا هل قد كما
كان كانت يكون تكون كانوا يكن هذا هذه ذلك تلك هؤلاء هنا هناك الذي التي الذين اللذين اللتين
اللواتي اللاتي بعد قبل خلال بين منذ حتى حيث عند عندما بينما لكن لكنه ولكن غير او أو ام أم
اي أي كل بعض جميع أيضا ايضا فقط نحو حول ضد دون عبر تحت فوق وسط امام أمام لدى لدي مثل
لديه لديها لديهم لدينا آل هو هي هم هما نحن انا أنا انت أنت له لها لهم به بها بهم فيه فيها
فيهم منه منها منهم عليه عليها عليهم اليه إليه اليها إليها الا إلا إذا اذا إذ اذ ثم بل كي
لكي لأن لان لما مما بما عما فيما وفي ومن وعلى وعن ومع وان وأن وإن وقد وكان وكانت وهو وهي
وهم ولا ولم وهذا وهذه وذلك والتي والذي وقال وقالت قال قالت يقول تقول أضاف اضاف وأضاف واضاف
أضافت وأضافت أكد وأكد اكد وأوضح وفقا وفق بحسب حسب بشأن بشان بسبب إطار اطار ضمن عدة عدد
أكثر اكثر أقل اقل كثير يمكن تم يتم اليوم أمس امس غدا الآن الان العام عام عاما الماضي
الماضية المقبل الحالي الجاري يوم الشهر السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة
صباح مساء فيديو بالفيديو بالصور صور شاهد عاجل ريبورتاج تقرير انفوغرافيك مباشر تعرف
كيف لماذا متى أين هكذا إليكم اليكم حصري حصريا
the and but for from with are was were been being its this that these those she they
you his her their our your not will would can could has have had does did said says say
also after before over into about than then there which who whom what when where while how
all any some more most other new one two out video watch photos breaking across against
among around because between during under until upon within without near since through
toward towards via off per each both either many much such very just only even still yet
may might must should shall get got make made take took
"""
STOP_WORDS: Final[frozenset[str]] = frozenset(fold(w) for w in _STOP_WORDS.split())
"""Folded function words, reporting verbs, date words and headline labels."""
STOP: Final[frozenset[str]] = frozenset(stem(w) for w in STOP_WORDS) | {"", "_"}
"""Their stems (and "_", the stem :func:`stem_map` gives them): never content terms."""
