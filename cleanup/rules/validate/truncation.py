"""Truncation check: a body that stops mid-sentence or ends with a teaser."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from cleanup.fold import fold
from cleanup.model import Severity
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import severity

# Teaser endings, folded: "اقرأ المزيد", "تابع المقال الآتي", "read more" ...
_TEASERS: Final = tuple(fold(t) for t in (
    "اقرأ المزيد", "إقرأ المزيد", "تابع المقال الآتي", "تابع المقال", "تابع القراءة",
    "تابع التفاصيل", "للمزيد", "المزيد من التفاصيل", "التفاصيل الكاملة", "continue reading",
    "read more", "read the full story", "read the full article", "full story"))
# Pieces of every teaser, looked for in the raw text before folding it.
_TEASER_HINTS: Final = ("مزيد", "تابع", "التفاصيل", "القراء", "more", "reading", "story", "article")
_TRAILING: Final = " \t.…:;؛،,!?؟-–—>»«\"'”’)(][|/\\"
_TERMINAL: Final = ".!?؟…:;؛"
_MIN_WORDS: Final = 5
"""A last line shorter than this without a sentence end is a caption or byline."""
_CLOSERS: Final = "\"'”’»)]"
# An ellipsis is "…" or three dots ("..", common Arabic punctuation, does not count).
_SPACED_CLOSERS: Final = _CLOSERS + " \t\u00a0"
# Words a sentence cannot end on: a body ending with one stopped mid-sentence.
_DANGLING_WORDS: Final = """
و أو او ثم في من على الى إلى عن مع أن ان إن لأن التي الذي الذين حيث بين بعد قبل خلال عند
حتى وذلك كما لكن بل أي كل هذا هذه ذلك تلك قد لم لن لا ما وفقا وفق بحسب حسب قائلا مضيفا
and or but the a an of to in on
at for from with by that which who as than its their"""
_DANGLING: Final = frozenset(fold(w) for w in _DANGLING_WORDS.split())


def _ending(last: str) -> tuple[str, Severity] | None:
    """Why a body's last paragraph looks cut off, and how sure that is."""
    tail = last[-80:]
    if tail.rstrip(_SPACED_CLOSERS).endswith(("…", "...")):
        return "the body ends with an ellipsis", "warning"
    lowered = tail.lower()
    key = ""
    for hint in _TEASER_HINTS:  # (a loop: str.__contains__ through map() is slow)
        if hint in lowered:
            key = fold(tail).rstrip(_TRAILING)
            break
    if key.endswith(_TEASERS):
        teaser = next(t for t in _TEASERS if key.endswith(t))
        if len(key) == len(teaser) or not key[-len(teaser) - 1].isalnum():
            return f"the body ends with a teaser ({teaser!r})", "warning"
    stripped = last.rstrip().rstrip(_CLOSERS)
    if not stripped or stripped[-1] in _TERMINAL:
        return None
    if last.rstrip()[-1] == ")":
        return None  # a closing credit or dateline such as "(رويترز)"
    if len(last.split(None, _MIN_WORDS)) < _MIN_WORDS:  # (no need to split them all)
        return None  # a caption, byline or credit, not a cut sentence
    if stripped[-1] in "،,-–—":
        return "the body ends on a comma or dash, mid-sentence", "warning"
    words = (key or fold(tail).rstrip(_TRAILING)).split()
    last_word = words[-1].strip(_CLOSERS) if words else ""
    if len(words) > 1 and last_word in _DANGLING:
        return f"the body ends mid-sentence, on {words[-1]!r}", "warning"
    if last_word.startswith("ال") and len(last_word) <= 3:
        return f"the body ends in the middle of a word ({words[-1]!r})", "warning"
    return "the body's last paragraph has no sentence end", "info"


class TruncatedBodyRule(Rule):
    """V111: a body that ends mid-sentence or with a teaser."""

    code = "V111"
    name = "truncated-body"
    family = "validation"
    summary = "Flag a body that ends mid-sentence, with '…' or with a teaser."
    what = ("Looks at the body's last paragraph: an ellipsis, a teaser ending ('اقرأ "
            "المزيد', 'تابع المقال الآتي', 'read more'), a comma or a word no sentence ends "
            "on ('في', 'التي', 'وفقا', 'the') or an article with a letter or two after it "
            "('الس', a word cut short) is a warning; any other ending without a "
            "sentence end is reported at info level. A closing parenthesis (a credit such as "
            "'(رويترز)') counts as an end, and a last line under five words (a caption or "
            "byline) is left alone.")
    why = "Scrapers and feeds cut bodies at a length limit or after the teaser paragraph."
    example = "… وأضاف الوزير أن الحكومة ستبدأ في\n→ body ends mid-sentence (warning)"
    action = "flag"
    stage = "validate"
    fields = ("body",)

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        v = view(ctx)
        if not v.paragraph_words or text.text != v.body:
            return ()
        last = v.line(-1)
        found = _ending(last.text)
        if found is None:
            return ()
        message, level = found
        return (Proposal(text.name, last.start, last.end, "flag", message,
                         severity=severity(ctx, self.code, self.name, level)),)
