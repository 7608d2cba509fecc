"""Edits on a string: what a repair rule finds, and how edits combine and apply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; ``message`` says why."""

    start: int
    end: int
    replacement: str
    message: str

    @property
    def key(self) -> tuple[int, int, str]:
        """The edit without its message: what it does to the text."""
        return (self.start, self.end, self.replacement)


def select(edits: Iterable[Edit]) -> list[Edit]:
    """Non-overlapping edits, earlier ones winning, sorted by position (like the engine)."""
    kept: list[Edit] = []
    for e in edits:
        if any(e.start < k.end and k.start < e.end for k in kept):
            continue
        if e.start == e.end and any(k.start <= e.start < k.end for k in kept):
            continue
        kept.append(e)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def diff_edits(old: str, new: str, message: str) -> list[Edit]:
    """The edits turning ``old`` into ``new``: one per changed stretch of text.

    Changes separated only by unchanged spaces, digits and punctuation make one edit (a
    broken line is one change); an unchanged word between them splits them.
    """
    if old == new:
        return []
    groups: list[list[int]] = []  # [old start, old end, new start, new end]
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if groups and not any(c.isalpha() for c in old[groups[-1][1]:i1]):
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return [Edit(i1, i2, new[j1:j2], message) for i1, i2, j1, j2 in groups]
