"""The folded matching key: text as rules compare it, with a map back to the original.

Folding ignores what should not decide whether a phrase matches: Arabic diacritics
(tashkeel), tatweel, the hamza/madda forms of alef, alef maqsura versus yaa, taa marbuta
versus haa, Persian yeh and keheh, Arabic presentation forms, letter case, exotic
spaces, and bidi or zero-width marks. Every character of the key comes from exactly one
character of the original, so a match in the key maps back to an exact original span.
The output text is never folded: only the key is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from mypy_extensions import mypyc_attr

# Characters dropped from the key: Arabic diacritics and Quranic marks, tatweel,
# zero-width and bidi controls, soft hyphen, BOM, Arabic letter mark.
_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + ["\u0640", "\u00ad", "\ufeff", "\u061c", "\u180e"]
    + [chr(c) for c in range(0x200b, 0x2010)]
    + [chr(c) for c in range(0x202a, 0x202f)]
    + [chr(c) for c in range(0x2060, 0x2070)]
)

# One-to-one replacements.
_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ے": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "ؤ": "و", "ئ": "ي",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\t": " ",
    "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "ـ": "",
}


def _presentation_forms() -> dict[int, str]:
    """Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) mapped to base letters.

    Ligatures of letters (lam-alef) become their letters; word ligatures such as the
    honorific U+FDFA are left alone (they are words, not letter shapes).
    """
    table: dict[int, str] = {}
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        for code in block:
            char = chr(code)
            base = unicodedata.normalize("NFKC", char)
            base = "".join(c for c in base if not unicodedata.combining(c))
            if base != char and 1 <= len(base) <= 2:
                table[code] = "".join(_LETTERS.get(c, c) for c in base)
    return table


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROPPED}
    table.update(_presentation_forms())
    for src, dst in _LETTERS.items():
        table[ord(src)] = dst or None
    return table


_TABLE = _build_table()
# Characters whose key is not exactly one character: their presence needs an offset map.
_UNEVEN = re.compile(
    "[" + "".join(re.escape(chr(k)) for k, v in _TABLE.items() if v is None or len(v) != 1)
    + "\u0130]"
)
_TOKEN = re.compile(r"\w+")


# fold() as a few str.replace calls for the most frequent letters and one regex pass for
# the rest, drops included: the same result as ``text.translate(_TABLE)`` (a test checks
# it), several times faster on news text, where str.translate looks every character up
# in a dict. A regex pass costs more than the five replace calls together, so there is
# only one; fully vocalised text (a call per diacritic) folds about 2.5 times slower
# than it would with a separate pass that drops diacritics, which news text rarely has.
_FREQUENT = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"))
_OTHERS = {chr(code): value or "" for code, value in _TABLE.items()
           if chr(code) not in "أإآةى"}
_OTHER = re.compile("[" + "".join(re.escape(c) for c in sorted(_OTHERS)) + "]")


def _other(match: re.Match[str]) -> str:
    return _OTHERS[match.group()]


def fold(text: str) -> str:
    """Return the folded key of ``text`` (no offset map)."""
    if text.isascii():
        return text.replace("\t", " ").lower() if "\t" in text else text.lower()
    for char, base in _FREQUENT:
        text = text.replace(char, base)
    return _OTHER.sub(_other, text).lower()


def fold_even(text: str) -> str | None:
    """``fold(text)`` when it maps ``text`` character for character (nothing dropped or
    doubled), so that slices of it are the keys of slices of ``text``; else None."""
    if not text.isascii() and _UNEVEN.search(text):
        return None
    return fold(text)


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
@dataclass(frozen=True, init=False)
class Folded:
    """A folded key with the map from key positions back to ``text`` positions."""

    text: str
    key: str

    def __init__(self, text: str, key: str) -> None:
        # Faster than the frozen dataclass's own __init__ (see cleanup.segment.Span).
        fields = self.__dict__
        fields["text"] = text
        fields["key"] = key

    @classmethod
    def of(cls, text: str) -> Folded:
        """Fold ``text`` and keep it for mapping matches back."""
        return cls(text, fold(text))

    @cached_property
    def _index(self) -> list[int] | None:
        """Original position of each key character, or None when the map is the identity."""
        if self.text.isascii() or not _UNEVEN.search(self.text):
            return None
        index: list[int] = []
        pos = 0
        for match in _UNEVEN.finditer(self.text):  # every other character keys as one
            i = match.start()
            index.extend(range(pos, i))
            index.extend([i] * len(fold(match.group())))
            pos = i + 1
        index.extend(range(pos, len(self.text)))
        if len(index) != len(self.key):  # context-dependent lowercasing; keep spans safe
            raise ValueError("folded key does not map back to the text")
        return index

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the key span [start, end) to the original span it came from.

        A non-empty span's end is extended over dropped characters (diacritics) that
        follow its last character, so that a matched word keeps its own tashkeel.
        """
        index = self._index
        if index is None:
            return start, end
        if start >= len(index):
            return len(self.text), len(self.text)
        o_start = index[start]
        if end <= start:
            return o_start, o_start
        o_end = index[end - 1] + 1
        while o_end < len(self.text) and not fold(self.text[o_end]):
            o_end += 1
        return o_start, o_end

    def tokens(self) -> list[tuple[str, int, int]]:
        """Word tokens of the key as (token, start, end) in key positions."""
        return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.key)]


def tokens(text: str) -> list[str]:
    """Folded word tokens of ``text``: the unit phrases are matched on."""
    return _TOKEN.findall(fold(text))
