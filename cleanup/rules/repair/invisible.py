"""Invisible characters: zero-width marks (T107) and bidi controls (T108)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleanup.rules.base import Context
from cleanup.rules.repair.common import (
    BIDI_CONTROLS,
    RepairRule,
    codepoints,
    is_arabic_letter,
    is_arabic_mark,
    keep_bidi,
)
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.mojibake import in_mojibake_word

ZWNJ = "\u200c"
ZWJ = "\u200d"
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060-\u2064\u206a-\u206f\ufeff\u00ad]+")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]+")


def _joiner_script(char: str) -> bool:
    """True for a character of a script or symbol set that uses joiners on purpose.

    Emoji sequences, Indic conjuncts and the like: anything that is not white space,
    Latin, general punctuation or the Arabic script.
    """
    code = ord(char) if char else 0
    return (code >= 0x0250 and not char.isspace()
            and not 0x0600 <= code <= 0x08FF and not 0x2000 <= code <= 0x206F
            and not 0xFB50 <= code <= 0xFEFF)


def _kept(run: str, before: str, after: str) -> str:
    """What stays of a run of zero-width characters between ``before`` and ``after``."""
    if ZWNJ in run:
        arabic = ((is_arabic_letter(before) or is_arabic_mark(before))
                  and is_arabic_letter(after))
        if arabic or (_joiner_script(before) and _joiner_script(after)):
            return ZWNJ
    if ZWJ in run and _joiner_script(before) and _joiner_script(after):
        return ZWJ
    return ""


class ZeroWidthRule(RepairRule):
    """Remove zero-width spaces, BOMs, soft hyphens and stray joiners."""

    code = "T107"
    trigger = _ZERO_WIDTH
    name = "zero-width"
    summary = "Remove zero-width spaces, byte-order marks, soft hyphens and stray joiners."
    what = ("Removes U+200B ZERO WIDTH SPACE, U+FEFF (BOM), U+00AD SOFT HYPHEN, U+2060 "
            "WORD JOINER, the invisible math operators U+2061-U+2064 and the deprecated "
            "format characters U+206A-U+206F. A ZERO WIDTH NON-JOINER stays between two "
            "Arabic-script letters (Persian spelling: می<U+200C>شود) and inside other scripts; a "
            "ZERO WIDTH JOINER stays between emoji or letters of scripts that use it "
            "(emoji sequences, Indic conjuncts). Next to a space, a Latin letter or "
            "punctuation both do nothing and are removed.")
    why = ("Copy-paste and CMS editors leave these marks behind. They are invisible in "
           "print but break search, word counts and matching, and a soft hyphen can "
           "surface as a visible hyphen on some renderers.")
    example = "الإمارات<U+200B> العربية  →  الإمارات العربية"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of zero-width characters that does not all stay."""
        for m in _ZERO_WIDTH.finditer(text):
            start, end = m.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            kept = _kept(m.group(), before, after)
            if kept != m.group() and not in_mojibake_word(text, start):
                yield Edit(start, end, kept,
                           f"removed invisible character(s) {codepoints(m.group())}")


class BidiControlRule(RepairRule):
    """Remove bidi controls from plain text (unless the option ``keep_bidi`` is set)."""

    code = "T108"
    trigger = _BIDI
    name = "bidi-control"
    summary = "Remove bidi marks, embeddings, overrides and isolates from plain text."
    what = ("Removes U+200E LRM, U+200F RLM, U+061C ARABIC LETTER MARK, the embeddings and "
            "overrides U+202A-U+202E and the isolates U+2066-U+2069. Set the option "
            "``keep_bidi`` to keep them (text that is rendered without markup around it).")
    why = ("Editors insert bidi controls around numbers and Latin words in Arabic text; in "
           "plain text for publication the page's own direction does this job, and stray "
           "controls break search and can reorder text unpredictably (an unclosed "
           "override flips everything after it).")
    example = "تم الانتهاء من 80<U+200E>% من العمل  →  تم الانتهاء من 80% من العمل"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of bidi controls."""
        if keep_bidi(ctx):
            return
        for m in _BIDI.finditer(text):
            yield Edit(m.start(), m.end(), "",
                       f"removed bidi control(s) {codepoints(m.group())}")
