"""Spacing: around punctuation (T112) and white space itself (T113)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from cleanup.rules.base import Context, unusual_chars
from cleanup.rules.repair.common import (
    ARABIC_LETTERS,
    EXOTIC_SPACES,
    SPACE_CHARS,
    SPACES,
    RepairRule,
    codepoints,
    is_arabic_letter,
    is_arabic_mark,
    token_at,
)
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.mojibake import in_mojibake_word

ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur"})
_ARABIC_PUNCT = "،؛؟"
_PUNCT = "،؛؟!?:;,."
# A space and the punctuation after it (group 1); no look-behind, which is slow in re.
_AFTER_SPACE = re.compile(f"[{SPACES}]([{re.escape(_PUNCT)}])")
# A plain space and the punctuation, space or line break after it: in a text without
# exotic spaces, what T112 looks for and most of what T113 looks for. One scan serves both
# rules, and it opens with a literal, so re skips from one space to the next instead of
# testing a class at every character. (A match "  " hides a match " ," right after it.)
_SPACE_BEFORE_WORK = re.compile(f" [ \n{re.escape(_PUNCT)}]")
_LINE_START_SPACE = re.compile("\n ")
_GLUED = re.compile(f"[،؛؟!:]+(?=[{ARABIC_LETTERS}])")
# True iff _GLUED finds something: one pattern per mark, each opening with its literal.
_GLUED_AFTER = tuple((mark, re.compile(f"{re.escape(mark)}[{ARABIC_LETTERS}]"))
                     for mark in "،؛؟!:")
_OPENERS = "([{«“‘"
_CLOSERS = "\"'»”’)]}"
_URLISH = re.compile(r"://|www\.|\w@\w", re.IGNORECASE)
_EXOTIC = re.compile(f"[{EXOTIC_SPACES}]")


class _Spacing(NamedTuple):
    """Where the spacing rules may have work in a text."""

    marks: tuple[int, ...]
    """Positions of the punctuation after white space (T112)."""
    suspects: tuple[int, ...]
    """Sorted positions in the runs of white space that need work, one or more in each
    (T113): runs with an exotic space or two spaces, and runs at a line's start or end."""


_NO_SPACING = _Spacing((), ())


def _spacing(text: str, ctx: Context) -> _Spacing:
    """Where the spacing rules may have work in ``text`` (one look for both, cached)."""
    key = ("spacing", text)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _find_spacing(text, ctx)
    assert isinstance(found, _Spacing)
    return found


def _find_spacing(text: str, ctx: Context) -> _Spacing:
    """Where the spacing rules may have work in ``text``.

    In a run of plain spaces that needs work, the first space is before a space, or the
    last before a line break, or the run follows one or is at an edge of the text.
    """
    exotic = _EXOTIC.search(unusual_chars(text, ctx)) is not None
    first = _SPACE_BEFORE_WORK.search(text)
    edges = (text[:1] == " " or text[-1:] == " "
             or _LINE_START_SPACE.search(text) is not None)
    if first is None and not exotic and not edges:  # most texts: no more Python work
        return _NO_SPACING
    spaced: list[int] = []
    if first is not None:  # from the first match on: the text is not scanned twice
        spaced = [m.start() for m in _SPACE_BEFORE_WORK.finditer(text, first.start())]
    if exotic or any(text[pos + 1] == " " for pos in spaced):  # "  " hides " ," after it
        marks = [m.start(1) for m in _AFTER_SPACE.finditer(text)]
    else:
        marks = [pos + 1 for pos in spaced if text[pos + 1] in _PUNCT]
    suspects = [pos for pos in spaced if text[pos + 1] in " \n"]
    suspects += [m.end() - 1 for m in _LINE_START_SPACE.finditer(text)]
    if text[:1] == " ":
        suspects.append(0)
    if text[-1:] == " ":
        suspects.append(len(text) - 1)
    if exotic:
        suspects += [m.start() for m in _EXOTIC.finditer(text)]
    return _Spacing(tuple(marks), tuple(sorted(suspects)))


def _may_glue(text: str) -> bool:
    """True when ``_GLUED`` finds something in ``text`` (cheap tests first)."""
    return any(mark in text and glued.search(text) for mark, glued in _GLUED_AFTER)


def _not_prose(text: str, pos: int) -> bool:
    """True when the token around ``pos`` is a URL, an e-mail address or mojibake."""
    return _URLISH.search(token_at(text, pos)) is not None or in_mojibake_word(text, pos)


def _arabic_or_closer(char: str) -> bool:
    return bool(char) and (is_arabic_letter(char) or is_arabic_mark(char) or char in _CLOSERS)


class PunctuationSpacingRule(RepairRule):
    """No space before punctuation; a space after Arabic punctuation glued to a word."""

    code = "T112"
    name = "punctuation-spacing"
    summary = "Remove the space before ، ؛ ؟ . , : ; ! and add one after ، ؛ ؟ ! : glued to a word."
    what = ("Removes white space between a word and the punctuation after it (، ؛ ؟ always; "
            ". , : ; ! ? only in Arabic, Persian or Urdu text), and when the punctuation is "
            "glued to the next word (\"قال :إن\"), moves the space after it. Adds a space "
            "after ، ؛ ؟ ! : written between two Arabic words (\"القدم؟تأليف\"). It never "
            "touches ellipses (.. ...), decimals (2.4), times (10:30), thousands (1,000), "
            "URLs, e-mail addresses, a full stop between Arabic letters (العربية.نت is a "
            "domain, د.محمد an abbreviation), a Latin comma between Arabic letters, or "
            "white space at the start of a line.")
    why = ("Arabic and English typography put no space before these marks and one after. "
           "A space before a comma lets it wrap to the start of the next line, and a glued "
           "word is one token to search.")
    example = "مساء الأحد ، فحصد الفيلم  →  مساء الأحد، فحصد الفيلم"

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """Edits for spaces before punctuation and for punctuation glued to a word."""
        latin_too = ctx.lang in ARABIC_SCRIPT_LANGS
        marks = _spacing(text, ctx).marks
        edits = list(self._space_before(text, latin_too, marks)) if marks else []
        if _may_glue(text):
            edits += self._space_after(text)
        yield from sorted(edits)

    def _space_before(self, text: str, latin_too: bool,
                      marks: tuple[int, ...]) -> Iterator[Edit]:
        """Edits for the spaces before the punctuation at ``marks``."""
        for mark_start in marks:
            start = end = mark_start
            while start > 0 and text[start - 1] in SPACE_CHARS:
                start -= 1
            before = text[start - 1] if start else "\n"
            if before == "\n" or before in _OPENERS:
                continue
            stop = end
            while stop < len(text) and text[stop] in _PUNCT:
                stop += 1
            mark = text[end:stop]
            after = text[stop] if stop < len(text) else ""
            spaced_dots = "." in mark and (before in _PUNCT or text[stop:stop + 2] == " .")
            if (spaced_dots or not self._detached(mark, after, latin_too)
                    or _not_prose(text, start - 1)):
                continue
            glued = after.isalpha() or (after in "\"«“(" and text[stop + 1:stop + 2].isalpha())
            if glued and mark[-1] != ".":
                yield Edit(start, stop, mark + " ", f"moved the space before {mark!r} after it")
            else:
                yield Edit(start, end, "", f"removed space before {mark!r}")

    @staticmethod
    def _detached(mark: str, after: str, latin_too: bool) -> bool:
        """True when ``mark`` (after a space) is punctuation that belongs to the word before."""
        if not latin_too and any(c not in _ARABIC_PUNCT for c in mark):
            return False
        if "." in mark:  # a lone full stop ending a sentence; never an ellipsis
            return mark == "." and (not after or after.isspace() or after in _CLOSERS)
        return not (mark[-1] in ":," and after.isdigit())

    def _space_after(self, text: str) -> Iterator[Edit]:
        for m in _GLUED.finditer(text):
            start, end = m.span()
            before = text[start - 1] if start else ""
            mark = m.group()
            arabic_mark = all(c in _ARABIC_PUNCT for c in mark)
            fits = _arabic_or_closer(before) or (arabic_mark and before.isalnum())
            if not fits or _not_prose(text, start):
                continue
            yield Edit(start, end, mark + " ", f"added a space after {mark!r}")


class SpaceRule(RepairRule):
    """Exotic spaces to plain spaces, runs to one, none at line edges."""

    code = "T113"
    name = "space"
    summary = "Make no-break and other exotic spaces plain, collapse runs, trim line edges."
    what = ("Turns U+00A0 NO-BREAK SPACE, TAB, U+2000-U+200A, U+202F, U+205F, U+3000 and "
            "U+1680 into a plain space, collapses a run of spaces into one, and removes "
            "white space at the start and end of each line (a line of white space becomes "
            "empty). Line breaks are not touched.")
    why = ("No-break and typographic spaces come from word processors and web pages; they "
           "block line wrapping in other layouts, break word splitting and matching, and "
           "double spaces look like typos.")
    example = "وكانت<U+00A0> وسائل  إعلام  →  وكانت وسائل إعلام"

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of white space that is not a single plain space inside a line."""
        done = 0
        for pos in _spacing(text, ctx).suspects:
            if pos < done:
                continue
            start, end = pos, pos + 1
            while start > 0 and text[start - 1] in SPACE_CHARS:
                start -= 1
            while end < len(text) and text[end] in SPACE_CHARS:
                end += 1
            done = end
            at_start = start == 0 or text[start - 1] == "\n"
            at_end = end == len(text) or text[end] == "\n"
            if at_start or at_end:
                where = "start" if at_start else "end"
                yield Edit(start, end, "", f"removed white space at the {where} of a line")
                continue
            exotic = "".join(sorted(set(text[start:end]) - {" "}))
            message = (f"{codepoints(exotic)} → space" if exotic
                       else f"{end - start} spaces → one")
            yield Edit(start, end, " ", message)
