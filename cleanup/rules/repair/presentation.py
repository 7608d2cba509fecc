"""Arabic presentation forms (T106): glyph codes from PDFs and old systems, to letters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from cleanup.rules.base import Context
from cleanup.rules.repair.common import TATWEEL, RepairRule
from cleanup.rules.repair.edits import Edit

WORD_LIGATURES = range(0xFDF0, 0xFE00)
"""ﷲ ﷺ ﷻ ﷽ ﷼ and the like: words (honorifics, Allah, the rial sign), kept as written."""


def _base_letters() -> dict[str, str]:
    """Each presentation form that stands for letters, mapped to those letters.

    NFKC gives the letters; the space and tatweel it adds to the isolated and medial
    forms of the diacritics (U+FE70-U+FE7F, U+FC5E-U+FC63) only carry the mark and go.
    """
    table: dict[str, str] = {}
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        for code in block:
            if code in WORD_LIGATURES:
                continue
            char = chr(code)
            letters = unicodedata.normalize("NFKC", char)
            if letters == char:
                continue
            if unicodedata.combining(letters[-1]):  # a diacritic's spacing or medial form
                letters = letters.replace(" ", "").replace(TATWEEL, "")
            table[char] = letters
    return table


BASE_LETTERS = _base_letters()
"""Each presentation form that stands for letters, and those letters."""
_RUN = re.compile("[" + "".join(sorted(BASE_LETTERS)) + "]+")
_ANY = re.compile("[\ufb50-\ufdef\ufe70-\ufefe]")


class PresentationFormRule(RepairRule):
    """Replace Arabic presentation forms with the letters they show."""

    code = "T106"
    trigger = _ANY
    name = "presentation-form"
    summary = "Replace Arabic presentation forms (ﻷ, ﻣ, ﺔ) with the base letters."
    what = ("Maps the Arabic Presentation Forms-A and -B blocks (U+FB50-U+FDFF, "
            "U+FE70-U+FEFE) to the letters they stand for: each positional form to its "
            "letter, lam-alef ligatures to لا/لأ/لإ/لآ, other letter ligatures to their "
            "letters, and the spacing forms of diacritics to the diacritic. Word ligatures "
            "(U+FDF0-U+FDFF: ﷺ, ﷲ, ﷻ, ﷽, the rial sign ﷼) are kept: they are words or "
            "symbols a writer chose, not letter shapes. In Arabic text a Persian letter that "
            "comes out (ﮐ → ک) is then made Arabic like T109 does.")
    why = ("Presentation forms are glyph codes that PDF extraction and legacy systems leave "
           "in text. They look right but are not the letters: search, matching, sorting and "
           "spell checking fail on them, and they cannot reshape when text is re-laid out.")
    example = "ﻷول مرة  →  لأول مرة"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of presentation forms."""
        if not _ANY.search(text):
            return
        for m in _RUN.finditer(text):
            letters = "".join(BASE_LETTERS[c] for c in m.group())
            yield Edit(m.start(), m.end(), letters, "presentation forms → base letters")
