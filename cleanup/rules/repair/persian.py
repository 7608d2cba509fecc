"""Persian letters (T109) and digits (T110) typed into Arabic-language text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleanup.rules.base import Context
from cleanup.rules.repair.common import (
    RepairRule,
    is_arabic_letter,
    is_arabic_mark,
    letter_after,
)
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.mojibake import in_mojibake_word

FARSI_YEH = "\u06cc"
KEHEH = "\u06a9"
HEH_DOACHASHMEE = "\u06be"
_LETTERS = re.compile(f"[{FARSI_YEH}{KEHEH}{HEH_DOACHASHMEE}]")
_DIGITS = re.compile("[\u06f0-\u06f9]+")
_TO_ARABIC_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")
# Letters only Persian or Urdu use (and the ZWNJ of Persian spelling): a word with one of
# them is a Persian or Urdu word quoted in Arabic text and is left as it is.
_NOT_ARABIC = frozenset("پچژگٹڈڑںےۓ\u200c")


def is_arabic(ctx: Context) -> bool:
    """True when the article is in Arabic (not Persian, not Urdu, not undecided)."""
    return ctx.lang == "ar"


def _word_bounds(text: str, pos: int) -> tuple[int, int]:
    """The Arabic-script word (letters, marks, ZWNJ) around ``pos``."""
    start, end = pos, pos + 1
    while start > 0 and _in_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_word(text[end]):
        end += 1
    return start, end


def _in_word(char: str) -> bool:
    return char == "\u200c" or is_arabic_letter(char) or is_arabic_mark(char)


def _arabic_letter(text: str, pos: int) -> str:
    """The Arabic letter for the Persian letter at ``pos``.

    FARSI YEH has dots only where it joins the next letter: there it becomes ي; at the
    end of a word it is drawn without dots and becomes ى, as the writer saw it.
    """
    char = text[pos]
    if char == KEHEH:
        return "ك"
    if char == HEH_DOACHASHMEE:
        return "ه"
    return "ي" if letter_after(text, pos + 1) else "ى"


class PersianLetterRule(RepairRule):
    """In Arabic text, turn Persian yeh, keheh and heh doachashmee into Arabic letters."""

    code = "T109"
    trigger = _LETTERS
    name = "persian-letter"
    summary = "In Arabic text, replace Persian ی, ک and ھ with the Arabic letters."
    what = ("Only when the article's language is Arabic: U+06A9 KEHEH becomes ك, U+06BE HEH "
            "DOACHASHMEE becomes ه, and U+06CC FARSI YEH becomes ي where it joins the next "
            "letter and ى at the end of a word (the undotted shape the writer saw). Words "
            "with letters only Persian or Urdu use (پ چ ژ گ ٹ ڈ ڑ ں ے) or with a ZWNJ are "
            "quoted Persian or Urdu and stay. Persian and Urdu articles are never touched.")
    why = ("Text typed on Persian or Urdu keyboards looks right but uses other code points: "
           "search for السعودية misses السعودیة, and some fonts draw the letters "
           "differently.")
    example = "الأسر غير السعودیة: سوف یتأثر الاستھلاک  →  الأسر غير السعودية: سوف يتأثر الاستهلاك"

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per Persian letter in an Arabic word."""
        if not is_arabic(ctx) or not _LETTERS.search(text):
            return
        for m in _LETTERS.finditer(text):
            start, end = _word_bounds(text, m.start())
            if _NOT_ARABIC.intersection(text[start:end]) or in_mojibake_word(text, m.start()):
                continue
            letter = _arabic_letter(text, m.start())
            yield Edit(m.start(), m.end(), letter,
                       f"Persian letter U+{ord(m.group()):04X} in Arabic text → {letter}")


class PersianDigitRule(RepairRule):
    """In Arabic text, turn Persian digits into Arabic-Indic digits."""

    code = "T110"
    trigger = _DIGITS
    name = "persian-digit"
    summary = "In Arabic text, replace Persian digits (۴۵۶) with Arabic-Indic digits (٤٥٦)."
    what = ("Only when the article's language is Arabic: the Extended Arabic-Indic digits "
            "U+06F0-U+06F9 become the Arabic-Indic digits U+0660-U+0669. Persian and Urdu "
            "articles keep their digits.")
    why = ("Persian 4, 5 and 6 have other shapes than the Arabic ones, so a number typed on "
           "a Persian keyboard reads oddly to Arabic readers and does not match in search.")
    example = "عام ۱۴۴۵ هـ  →  عام ١٤٤٥ هـ"

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of Persian digits."""
        if not is_arabic(ctx) or not _DIGITS.search(text):
            return
        for m in _DIGITS.finditer(text):
            yield Edit(m.start(), m.end(), m.group().translate(_TO_ARABIC_DIGITS),
                       "Persian digits in Arabic text → Arabic-Indic digits")
