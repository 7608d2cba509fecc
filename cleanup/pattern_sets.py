"""Every pack pattern tried on a line in one RE2 call per anchoring, not one per pattern.

A line rule asks which pattern entries match a line; with a pattern per entry that was one
RE2 call per entry and line, and each call through the ``re2`` module costs about 2 µs
however short the line (it encodes the text and decodes offsets). An ``re2.Set`` holds the
patterns of one anchoring (``match``, ``fullmatch`` or ``search``) and answers for all of
them at once on the line's UTF-8 bytes: the same answers, still in linear time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import re2

_ANCHORINGS: tuple[tuple[str, Any], ...] = (
    ("start", re2.Set.MatchSet),  # pattern.match
    ("line", re2.Set.FullMatchSet),  # pattern.fullmatch
    ("anywhere", re2.Set.SearchSet),  # pattern.search
)


class PatternSet:
    """Pattern entries (anything with ``pattern``, a compiled ``re2`` pattern, and
    ``at``) grouped by anchoring, one ``re2.Set`` per group."""

    def __init__(self, entries: Sequence[Any]) -> None:
        self.entries = tuple(entries)
        groups: list[tuple[Any, tuple[int, ...]]] = []
        for at, make in _ANCHORINGS:
            members = tuple(i for i, e in enumerate(self.entries) if e.at == at)
            if members:
                patterns = make()
                for i in members:
                    patterns.Add(self.entries[i].pattern.pattern)
                patterns.Compile()
                groups.append((patterns, members))
        self._groups = tuple(groups)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def matching(self, key: str) -> tuple[Any, ...]:
        """The entries whose pattern matches ``key`` as their ``at`` says, in order."""
        if not self._groups:
            return ()
        data = key.encode()
        found: list[int] = []
        for patterns, members in self._groups:
            hits = patterns.Match(data)
            if hits:
                found.extend(members[i] for i in hits)
        if not found:
            return ()
        return tuple(self.entries[i] for i in sorted(found))
