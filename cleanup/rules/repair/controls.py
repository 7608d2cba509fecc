"""Control characters: C0 controls and stray line separators (T104), C1 leftovers (T105)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftfy.chardata import UTF8_DETECTOR_RE
from ftfy.fixes import ANSI_RE

from cleanup.rules.base import Context
from cleanup.rules.repair.common import (
    RepairRule,
    codepoints,
    is_arabic_letter,
    is_arabic_mark,
    token_span,
)
from cleanup.rules.repair.edits import Edit

_CONTROL = re.compile(
    f"{ANSI_RE.pattern}|[\x00-\x08\x0e-\x1f\x7f\ufff9-\ufffc]+|\r\n?|[\x0b\x0c\u2028\u2029]"
)
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufff9-\ufffc]")
_LINE_BREAKS = "\r\x0b\x0c\u2028\u2029"
_C1 = re.compile("[\x80-\x9f]")


def _decode(byte: int, encoding: str) -> str:
    try:
        return bytes([byte]).decode(encoding)
    except UnicodeDecodeError:
        return ""


_CP1252 = {chr(b): _decode(b, "cp1252") for b in range(0x80, 0xA0)}
_CP1256 = {chr(b): _decode(b, "cp1256") for b in range(0x80, 0xA0)}


def _in_utf8_mojibake(text: str, pos: int) -> bool:
    """True when the C1 character at ``pos`` is a byte of UTF-8 mojibake (ftfy's call)."""
    start, end = token_span(text, pos)
    return any(m.start() <= pos < m.end()
               for m in UTF8_DETECTOR_RE.finditer(text[:end], start))


class ControlCharRule(RepairRule):
    """Remove C0 control characters and terminal escapes; make line breaks plain."""

    code = "T104"
    trigger = _ANY_CONTROL
    name = "control-character"
    summary = "Remove C0 control characters and terminal escapes; make line breaks \\n."
    what = ("Removes the C0 controls U+0000-U+0008, U+000E-U+001F and U+007F, ANSI terminal "
            "escapes (ftfy's pattern), and U+FFF9-U+FFFC (interlinear annotation marks, the "
            "object replacement character). A CR before LF is removed; a lone CR, a vertical "
            "tab, a form feed, U+2028 and U+2029 become \\n (Word writes a manual line break "
            "as a vertical tab). LF is the line break and stays; TAB is white space and is "
            "left to T113, which makes it a plain space.")
    why = ("Control characters are invisible or render as boxes, break XML and JSON "
           "consumers, and come only from broken exports and terminals.")
    example = "موجودة. \\x02بعض الأجوبة  →  موجودة. بعض الأجوبة"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of control characters or per odd line break."""
        if not _ANY_CONTROL.search(text):
            return
        for m in _CONTROL.finditer(text):
            found = m.group()
            if found == "\r\n":
                yield Edit(m.start(), m.start() + 1, "", "removed CR before LF")
            elif found in _LINE_BREAKS:
                yield Edit(m.start(), m.end(), "\n",
                           f"line break {codepoints(found)} → \\n")
            else:
                yield Edit(m.start(), m.end(), "",
                           f"removed control character(s) {codepoints(found[:8])}")


class C1ControlRule(RepairRule):
    """Turn C1 control characters into the windows-1252 (or -1256) characters they were."""

    code = "T105"
    trigger = _C1
    name = "c1-control"
    summary = "Turn C1 controls (\\x92) into the characters they stood for (’)."
    what = ("A C1 control U+0080-U+009F in text is a byte of windows-1252 read as latin-1: "
            "it becomes that byte's windows-1252 character (\\x92 → ’, \\x85 → …). Next to an "
            "Arabic letter the byte is read as windows-1256 instead, where some of these "
            "bytes are Persian letters (\\x81 → پ). A byte that is undefined in windows-1252 "
            "and not next to Arabic is removed. A C1 character that is a byte of UTF-8 mojibake "
            "(\"â\\x80\\x99\") is left to T102 (ftfy): fixing it alone would lose the rest.")
    why = ("C1 controls are never used on purpose; they are invisible or render as boxes, "
           "and each one hides an apostrophe, a dash or a letter the reader should see.")
    example = "It\\x92s a \\x93test\\x94  →  It’s a “test”"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per C1 character."""
        if not _C1.search(text):
            return
        for m in _C1.finditer(text):
            pos = m.start()
            if _in_utf8_mojibake(text, pos):
                continue
            before = text[pos - 1] if pos else ""
            after = text[pos + 1] if pos + 1 < len(text) else ""
            arabic = any(is_arabic_letter(c) or is_arabic_mark(c) for c in (before, after) if c)
            char = (_CP1256 if arabic else _CP1252)[m.group()]
            source = "windows-1256" if arabic else "windows-1252"
            message = (f"C1 control {codepoints(m.group())} → {char!r} ({source})" if char
                       else f"removed C1 control {codepoints(m.group())} (no character)")
            yield Edit(pos, pos + 1, char, message)
