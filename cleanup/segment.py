"""Split field text into lines and sentences, keeping offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mypy_extensions import mypyc_attr

from cleanup.fold import Folded, fold, fold_even
from cleanup.lazy import lazy

# A sentence ends at . ! ? ؟ … (runs allowed, closing quotes/brackets may follow) before
# white space. Decimal points ("2.4") and dotted abbreviations glued to the next word
# ("U.S.A") have no space after them, so they never split.
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s)")
_TERMINAL = ".!?؟…:;؛"


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
@dataclass(frozen=True, init=False)
class Span:
    """A piece of a field: ``text`` is ``field[start:end]``."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        # A frozen dataclass's own __init__ stores each field with object.__setattr__,
        # twice as slow as filling the instance dict; a span is made for every line.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text

    @lazy
    def folded(self) -> Folded:
        """The folded key of this piece, for matching."""
        return Folded.of(self.text)

    @lazy
    def blank(self) -> bool:
        """True when the piece is empty or white space only."""
        return not self.text.strip()


def lines(text: str) -> list[Span]:
    """Lines of ``text`` (split on "\\n", without it), with offsets."""
    out: list[Span] = []
    pos = 0
    for part in text.split("\n"):
        out.append(Span(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def prefold(text: str, spans: Sequence[Span]) -> None:
    """Give ``spans``, the lines of ``text`` (:func:`lines`), their folded keys from one
    fold of ``text`` instead of one fold per line."""
    key = fold_even(text)
    if key is not None:  # slices of the key are the keys of the slices
        for span in spans:
            if "folded" not in span.__dict__:
                span.__dict__["folded"] = Folded(span.text, key[span.start:span.end])
        return
    keys = fold(text).split("\n")  # folding never makes or drops a line break
    if len(keys) != len(spans):  # not the lines of text: each span folds itself
        return
    for span, line_key in zip(spans, keys, strict=True):
        if "folded" not in span.__dict__:
            span.__dict__["folded"] = Folded(span.text, line_key)


# A full stop after these does not end a sentence: initials ("Michael W. Smith") and
# common English abbreviations ("Mr.", "U.S.").
_NOT_AN_END = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof|No|vs|"
    r"etc|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N)\.$"
)


def sentences(line: Span) -> list[Span]:
    """Sentences of a line, each without its leading white space, offsets in the field."""
    out: list[Span] = []
    text = line.text
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() == "." and _NOT_AN_END.search(text, max(0, match.start() - 6),
                                                         match.end()):
            continue
        _append(out, line.start, text, pos, match.end())
        pos = match.end()
    _append(out, line.start, text, pos, len(text))
    return out


def _append(out: list[Span], base: int, text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    piece = stripped.rstrip()
    if piece:
        out.append(Span(base + start, base + start + len(piece), piece))


def word_count(text: str) -> int:
    """Number of white-space separated words."""
    return len(text.split())


def ends_with_terminal(text: str) -> bool:
    """True when the text ends like a sentence (full stop, question mark, colon...)."""
    stripped = text.rstrip().rstrip("\"'”’»)]")
    return bool(stripped) and stripped[-1] in _TERMINAL
