"""What every repair rule shares: character classes, edits on a string, the rule base class.

A repair rule finds :class:`Edit` s on the plain text of one field (``find``); the base
class turns them into engine proposals. Rules whose change can give another repair new
work (a decoded entity that is a no-break space next to a space, a removed mark that
leaves two spaces) set ``settles`` so that each edit is first grown by the follow-up
repairs it causes (see :mod:`cleanup.rules.repair.settle`): one pass is then enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from cleanup.model import Action, Severity
from cleanup.rules.base import Context, FieldText, Proposal, Rule, Stage
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.settle import settle_all

# Arabic-script letters (Arabic, Persian, Urdu and the presentation forms) and marks.
ARABIC_LETTERS = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc"
    "\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
)
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
# Horizontal white space: the plain space, the tab and the exotic spaces.
EXOTIC_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
SPACES = " " + EXOTIC_SPACES
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"

SPACE_CHARS = frozenset(c for c in map(chr, range(0x3001)) if re.match(f"[{SPACES}]", c))
"""The characters of ``SPACES``, for scanning a run of them."""

_LETTER = re.compile(f"[{ARABIC_LETTERS}]")
_MARK = re.compile(f"[{ARABIC_MARKS}]")


def is_arabic_letter(char: str) -> bool:
    """True for an Arabic-script letter (presentation forms included)."""
    return _LETTER.match(char) is not None


def is_arabic_mark(char: str) -> bool:
    """True for an Arabic diacritic (tashkeel) or Quranic mark."""
    return _MARK.match(char) is not None


def letter_before(text: str, pos: int) -> bool:
    """True when the first character before ``pos`` that is not a mark is a letter."""
    while pos > 0 and is_arabic_mark(text[pos - 1]):
        pos -= 1
    return pos > 0 and is_arabic_letter(text[pos - 1])


def letter_after(text: str, pos: int) -> bool:
    """True when the first character from ``pos`` on that is not a mark is a letter."""
    while pos < len(text) and is_arabic_mark(text[pos]):
        pos += 1
    return pos < len(text) and is_arabic_letter(text[pos])


def token_span(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the white-space delimited token of ``text`` around ``pos``."""
    start = end = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def token_at(text: str, pos: int) -> str:
    """The white-space delimited token of ``text`` around ``pos``."""
    start, end = token_span(text, pos)
    return text[start:end]


def codepoints(text: str) -> str:
    """``U+200B U+200F`` style names of the characters in ``text`` (for messages)."""
    return " ".join(f"U+{ord(c):04X}" for c in text)


def keep_bidi(ctx: Context) -> bool:
    """True when the caller asked to keep bidi controls (option ``keep_bidi``)."""
    return bool(ctx.options.get("keep_bidi", False))


class RepairRule(Rule):
    """A text repair: ``find`` yields edits on a field's text; each becomes a proposal."""

    family: ClassVar[str] = "repair"
    action: ClassVar[Action] = "replace"
    severity: ClassVar[Severity] = "info"
    stage: ClassVar[Stage] = "repair"
    settles: ClassVar[bool] = False
    """True when an edit may give other repairs new work, so it is settled first."""

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """Yield this rule's edits on ``text``, in text order, not overlapping."""
        raise NotImplementedError

    def watches(self, line: str, text: str, ctx: Context) -> bool:
        """True when a change anywhere on ``line`` (a line of ``text``) may change what this
        rule finds there."""
        return False

    def propose(self, text: FieldText, ctx: Context) -> Iterator[Proposal]:
        """Turn ``find``'s edits into replace proposals, settled where needed."""
        edits = list(self.find(text.text, ctx))
        if edits:
            edits = settle_all(text.text, edits, ctx, self.code, self.settles)
        for edit in edits:
            if text.text[edit.start:edit.end] == edit.replacement:
                continue
            yield Proposal(field=text.name, start=edit.start, end=edit.end,
                           action="replace", replacement=edit.replacement,
                           message=edit.message)
