"""Tatweel (kashida) inside words (T111)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleanup.rules.base import Context
from cleanup.rules.repair.common import TATWEEL, RepairRule, letter_after, letter_before
from cleanup.rules.repair.edits import Edit

# Not "ـ+": a pattern that opens with a literal (not a repeat) lets re skip to it.
_RUN = re.compile(f"{TATWEEL}{TATWEEL}*")


class TatweelRule(RepairRule):
    """Remove kashida stretching inside words; keep the tatweel that separates a prefix."""

    code = "T111"
    trigger = _RUN
    name = "tatweel"
    summary = "Remove tatweel (kashida) between two letters; shorten a run after a prefix."
    what = ("Removes U+0640 ARABIC TATWEEL between two Arabic letters (diacritics in between "
            "are kept), and shortens a run of tatweel at the end of a word to one. A single "
            "tatweel after a letter and before a digit, a quote, a Latin word or a space "
            "stays: it is how Arabic separates a one-letter prefix (بـ\"ذا فويس\", الـ24). "
            "A tatweel standing alone between spaces stays too: it is used as a dash "
            "(سايكس ـ بيكو).")
    why = ("Kashida is a justification device of print layout; typed into running text it "
           "splits words for search and matching and looks wrong in any other column width.")
    example = "الجــودة العالميــة  →  الجودة العالمية"

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """Edits for stretched words and over-long prefix separators."""
        if TATWEEL not in text:
            return
        for m in _RUN.finditer(text):
            start, end = m.span()
            if not letter_before(text, start):
                continue
            if letter_after(text, end):
                yield Edit(start, end, "", "removed tatweel (kashida) inside a word")
            elif end - start > 1:
                yield Edit(start + 1, end, "", "shortened a run of tatweel to one")
