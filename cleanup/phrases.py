"""Literal phrases matched on folded word tokens, with an index for many phrases at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from mypy_extensions import mypyc_attr

from cleanup.fold import tokens

T = TypeVar("T")

Tokens = tuple[str, ...]


def phrase_tokens(phrase: str) -> Tokens:
    """The folded tokens a literal phrase is matched as."""
    return tuple(tokens(phrase))


@mypyc_attr(native_class=False)  # (compiled: generic dataclasses stay Python classes)
@dataclass(frozen=True)
class Hit(Generic[T]):
    """A phrase found at token ``start`` spanning ``length`` tokens."""

    start: int
    length: int
    payload: T

    @property
    def end(self) -> int:
        """Token index just past the match."""
        return self.start + self.length


@mypyc_attr(native_class=False)  # (compiled: generic dataclasses stay Python classes)
@dataclass
class PhraseIndex(Generic[T]):
    """Many token phrases indexed by their first token; built once, then read-only."""

    _by_first: dict[str, list[tuple[Tokens, T]]] = field(default_factory=dict)
    _whole: dict[Tokens, list[T]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[tuple[Tokens, T]]) -> PhraseIndex[T]:
        """Index (tokens, payload) pairs; longer phrases are tried first."""
        index: PhraseIndex[T] = cls()
        for toks, payload in items:
            if not toks:
                continue
            index._by_first.setdefault(toks[0], []).append((toks, payload))
            index._whole.setdefault(toks, []).append(payload)
        for entries in index._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        return index

    def items(self) -> list[tuple[Tokens, T]]:
        """Every indexed (tokens, payload) pair."""
        return [item for entries in self._by_first.values() for item in entries]

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def at(self, toks: Sequence[str], i: int) -> list[Hit[T]]:
        """Phrases that start at token ``i``, longest first."""
        out: list[Hit[T]] = []
        for phrase, payload in self._by_first.get(toks[i], ()) if i < len(toks) else ():
            n = len(phrase)
            if tuple(toks[i:i + n]) == phrase:
                out.append(Hit(i, n, payload))
        return out

    def find(self, toks: Sequence[str]) -> list[Hit[T]]:
        """Every phrase occurrence in ``toks`` (overlapping ones included)."""
        by_first = self._by_first
        if by_first.keys().isdisjoint(toks):  # most lines: no phrase can start here
            return []
        starts: list[int] = []  # where a phrase may start, found by C-level searches
        for tok in by_first.keys() & set(toks):
            i = -1
            for _ in range(toks.count(tok)):
                i = toks.index(tok, i + 1)
                starts.append(i)
        starts.sort()
        out: list[Hit[T]] = []
        for i in starts:
            out.extend(self.at(toks, i))
        return out

    def whole(self, toks: Sequence[str]) -> list[T]:
        """Payloads of phrases equal to the whole token sequence."""
        return self._whole.get(tuple(toks), [])
