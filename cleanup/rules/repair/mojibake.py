"""Arabic mojibake that ftfy does not repair (T101).

Three mix-ups make most broken Arabic on the web, and ftfy knows none of them:

- UTF-8 read as windows-1256: "العربية" shows as "ط§ظ„ط¹ط±ط¨ظٹط©";
- windows-1256 read as windows-1252 or latin-1: "ÇáÚÑÈíÉ";
- ISO-8859-6 read as latin-1: "ÇäÙÑÈêÉ".

Detection is conservative. The text is cut into pieces (runs of non-ASCII characters:
every byte below 0x80 means the same in all these encodings, so ASCII never moves). A
piece is re-decoded only when every character of it fits the wrong reading, the bytes
decode strictly in the right one, and the result is plausible Arabic: common letters,
diacritics only after a letter, taa marbuta only at the end of a word. A line is
repaired only when its re-decoded pieces hold at least three Arabic letters with one
piece of three letters or more, and, for the single-byte mix-ups, when they outnumber the
Latin words on the line. Correct Arabic is never valid in these readings: it is either
not encodable in them or its bytes are not valid UTF-8 (and a Latin word next to a
piece keeps it out of the single-byte readings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from cleanup.rules.base import Context, unusual_chars
from cleanup.rules.repair.common import RepairRule, token_at
from cleanup.rules.repair.edits import Edit
from cleanup.rules.repair.entities import DecodedLine, has_entity
from cleanup.segment import lines

_HIGH = bytes(range(0x80, 0x100))
_CP1256_HIGH = frozenset(_HIGH.decode("cp1256"))
_CONT = re.escape(bytes(range(0x80, 0xC0)).decode("cp1256"))
# Cheap tests that a text may hold each kind of mojibake at all. Arabic letters in UTF-8
# read as windows-1256 start with ط ظ (ع غ for Persian letters, ï for presentation forms)
# followed by a continuation byte's character, two letters in a row: "ط§ظ„".
_UTF8_AS_1256 = re.compile(f"[طظعغ][{_CONT}][طظعغ][{_CONT}]|ï[{_CONT}][{_CONT}]")
# The first alternative once per letter it may open with: a pattern that opens with a
# literal lets re skip to that letter, several times faster than testing a class at every
# character, so four such scans cost less than one with the class.
_UTF8_AS_1256_BY_LEAD = tuple(re.compile(f"{lead}[{_CONT}][طظعغ][{_CONT}]")
                              for lead in "طظعغ")
_SINGLE_BYTE_AS_LATIN = re.compile("[\xc0-\xff]{2}")
_LATIN_HIGH = re.compile("[\xc0-\xff]")
_PIECE = re.compile(r"[^\x00-\x7f]+")
_WHITE = re.compile(r"\s")
_NOT_WHITE = re.compile(r"[^\x00-\x7f\s]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _latin_bytes() -> dict[str, int]:
    """Each character a byte can become when read as latin-1 or windows-1252."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        char = bytes([b]).decode("cp1252", errors="ignore")
        if char:
            table[char] = b
    return table


_LATIN_BYTES = _latin_bytes()

# What a repaired piece may hold.
_LETTERS = frozenset(
    [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
    + list("پچژگکیٹڈڑںھہےۀ")
)
_MARKS = frozenset([chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"])
_OTHER_ARABIC = frozenset("ـ،؛؟٪٫٬۔٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_PUNCTUATION = frozenset("«»\u00a0×÷–—‘’‚“”„…•·\u200c\u200d\u200e\u200f")


# How much more often than average each letter occurs in Arabic text (log2 of the ratio of
# its share of letters to 1/36), to tell two plausible readings of the same bytes apart:
# windows-1256 and ISO-8859-6 agree on many letters, and where they differ one reading
# gives frequent letters (ل م ن) and the other rare ones (ظ غ) or Latin.
_LIKELIHOOD = {
    "ا": 2.2, "ل": 2.0, "ي": 1.4, "م": 1.2, "و": 1.1, "ن": 1.1, "ر": 0.8, "ت": 0.7,
    "ب": 0.5, "ه": 0.4, "ع": 0.3, "ة": 0.2, "د": 0.1, "ف": 0.0, "س": 0.0, "أ": -0.1,
    "ك": -0.2, "ق": -0.3, "ح": -0.5, "إ": -0.9, "ج": -1.0, "ش": -1.3, "ى": -1.2,
    "ص": -1.4, "ط": -1.6, "ذ": -1.8, "خ": -1.8, "ز": -1.9, "ض": -2.0, "ث": -2.1,
    "ئ": -2.0, "غ": -2.5, "ء": -2.3, "ظ": -3.2, "آ": -3.0, "ؤ": -3.0,
}


def _is_presentation(char: str) -> bool:
    return "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufefc"


def _arabic_letters(piece: str, latin_ok: bool) -> int | None:
    """Number of Arabic letters in a re-decoded piece, or None when it is not Arabic."""
    letters = 0
    previous = ""
    for char in piece:
        if char in _LETTERS or _is_presentation(char):
            if previous == "ة":
                return None
            letters += 1
        elif char in _MARKS or char == "ـ":
            if not (previous in _LETTERS or previous in _MARKS or previous == "ـ"):
                return None
        elif not (char in _OTHER_ARABIC or char in _PUNCTUATION
                  or (latin_ok and "\u00a0" <= char <= "\u00ff")):
            return None
        previous = char
    return letters


def _letter_like(piece: str) -> bool:
    """True when most of ``piece`` is letters and it is not one character repeated."""
    return 2 * sum(c.isalpha() for c in piece) > len(piece) and len(set(piece)) > 1


def _utf8_read_as_1256(piece: str) -> str | None:
    if not _CP1256_HIGH.issuperset(piece):
        return None
    try:
        return piece.encode("cp1256").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _single_byte_decoder(encoding: str) -> Callable[[str], str | None]:
    def decode(piece: str) -> str | None:
        try:
            return bytes(_LATIN_BYTES[c] for c in piece).decode(encoding)
        except (KeyError, UnicodeDecodeError):
            return None
    return decode


_KINDS: tuple[tuple[str, Callable[[str], str | None], bool], ...] = (
    # (what happened, re-decoder, whether Latin-1 letters may come out)
    ("UTF-8 read as windows-1256", _utf8_read_as_1256, True),
    ("windows-1256 read as windows-1252/latin-1", _single_byte_decoder("cp1256"), False),
    ("ISO-8859-6 read as latin-1", _single_byte_decoder("iso8859_6"), False),
)


def _pieces(line: str, decode: Callable[[str], str | None]) -> Iterator[tuple[int, int]]:
    """Spans of the runs of non-ASCII characters of ``line``.

    A run that does not decode as a whole is split at its white space (a no-break space
    may be a byte of a letter, or a real space next to the mojibake).
    """
    for m in _PIECE.finditer(line):
        if decode(m.group()) is not None or not _WHITE.search(m.group()):
            yield m.span()
            continue
        for part in _NOT_WHITE.finditer(line, m.start(), m.end()):
            yield part.span()


class _Reading(NamedTuple):
    """A line re-read in one kind of mojibake: the result and how Arabic it looks."""

    kind: str
    line: str
    score: float


def _reread(line: str, kind: str, decode: Callable[[str], str | None],
            latin_ok: bool) -> _Reading | None:
    """``line`` with its pieces re-decoded, or None when that is not clearly Arabic."""
    pieces: list[tuple[int, int, str, int, bool]] = []
    for s, e in _pieces(line, decode):
        decoded = decode(line[s:e])
        if decoded is None or decoded == line[s:e]:
            continue
        letters = _arabic_letters(decoded, latin_ok)
        if letters is None:
            continue
        glued = (s > 0 and line[s - 1].isalpha()) or (e < len(line) and line[e].isalpha())
        pieces.append((s, e, decoded, letters, glued))
    # Evidence: pieces not glued to a Latin word, and for the single-byte readings made of
    # Latin letters ("ÇáÚÑÈíÉ"), not of symbols ("×××" is not a word).
    evidence = [p for p in pieces
                if latin_ok or (not p[4] and _letter_like(line[p[0]:p[1]]))]
    counts = [p[3] for p in evidence]
    if sum(counts) < 3 or max(counts, default=0) < 3:
        return None
    if not latin_ok and len(evidence) <= len(_LATIN_WORD.findall(line)):
        return None
    out: list[str] = []
    pos = 0
    for s, e, decoded, _, _ in pieces:
        out += [line[pos:s], decoded]
        pos = e
    score = sum(_LIKELIHOOD.get(c, -1.0) for p in evidence for c in p[2])
    return _Reading(kind, "".join(out) + line[pos:], score)


def repair_arabic_mojibake(line: str) -> tuple[str, list[str]]:
    """``line`` with Arabic mojibake repaired, and what was repaired (empty: nothing)."""
    done: list[str] = []
    for _ in range(2):  # text can be broken twice over
        readings: list[_Reading | None] = []
        if _UTF8_AS_1256.search(line):
            readings.append(_reread(line, *_KINDS[0]))
        if not any(readings) and _SINGLE_BYTE_AS_LATIN.search(line):
            readings += [_reread(line, *kind) for kind in _KINDS[1:]]
        best = max((r for r in readings if r), key=lambda r: r.score, default=None)
        if best is None:
            break
        line = best.line
        done.append(best.kind)
    return line, done


def may_hold_arabic_mojibake(text: str) -> bool:
    """Cheap test: False means ``text`` has no Arabic mojibake this module repairs."""
    return bool(_UTF8_AS_1256.search(text) or _SINGLE_BYTE_AS_LATIN.search(text))


def _has_utf8_as_1256(text: str, unusual: str) -> bool:
    """``_UTF8_AS_1256.search(text)``, faster; ``unusual`` holds ``text``'s unusual chars."""
    if "ï" in unusual:  # "ï" is never plain
        return _UTF8_AS_1256.search(text) is not None
    return any(pattern.search(text) for pattern in _UTF8_AS_1256_BY_LEAD)


def _field_may_hold(text: str, ctx: Context) -> bool:
    """``may_hold_arabic_mojibake(text)``, the unusual characters tested first (cached)."""
    key = ("arabic-mojibake", text)
    found = ctx.cache.get(key)
    if found is None:
        unusual = unusual_chars(text, ctx)  # "\xc0-\xff" are never plain
        found = ctx.cache[key] = _has_utf8_as_1256(text, unusual) or (
            _LATIN_HIGH.search(unusual) is not None
            and _SINGLE_BYTE_AS_LATIN.search(text) is not None)
    assert isinstance(found, bool)
    return found


def in_mojibake_word(text: str, pos: int) -> bool:
    """True when the token around ``pos`` looks like UTF-8 read as windows-1256.

    Such a token was not repaired (too short to be sure), and its ، ؛ ھ and soft hyphens
    are bytes of letters: the other repairs leave it alone rather than make it worse.
    """
    return _UTF8_AS_1256.search(token_at(text, pos)) is not None


class ArabicMojibakeRule(RepairRule):
    """Repair Arabic text decoded with the wrong encoding, where ftfy does not."""

    code = "T101"
    name = "arabic-mojibake"
    summary = "Repair Arabic mojibake ftfy leaves: UTF-8 as windows-1256, 1256 as 1252/8859-6."
    what = ("Re-decodes Arabic text that went through one of three mix-ups ftfy does not "
            "know: UTF-8 read as windows-1256 (\"ط§ظ„ط¹ط±ط¨ظٹط©\"), windows-1256 read as "
            "windows-1252 or latin-1 (\"ÇáÚÑÈíÉ\"), ISO-8859-6 read as latin-1 "
            "(\"ÇäÙÑÈêÉ\"), also behind HTML entities and twice over. A piece of text is "
            "re-decoded only when the bytes decode strictly and the result is plausible "
            "Arabic, and a line only when that holds for at least three letters; correct "
            "Arabic, Persian and Latin text never qualifies. One finding per broken stretch "
            "of a line.")
    why = ("Mojibake makes the article unreadable; it comes from one wrong encoding "
           "setting in a scraper or a database and is fully reversible.")
    example = "ط§ظ„ط¹ط±ط¨ظٹط©  →  العربية"
    severity = "warning"
    settles = True

    def watches(self, line: str, text: str, ctx: Context) -> bool:
        """Lines that may hold mojibake: whether a piece counts depends on the whole line."""
        return _field_may_hold(text, ctx) and may_hold_arabic_mojibake(line)

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per stretch of Arabic mojibake."""
        if not _field_may_hold(text, ctx) and not (
                "&" in unusual_chars(text, ctx) and has_entity(text)):  # "&" is never plain
            return
        for line in lines(text):
            view = DecodedLine(line.text)
            if not may_hold_arabic_mojibake(view.text):
                continue
            repaired, done = repair_arabic_mojibake(view.text)
            if done:
                yield from view.edits(line.start, repaired, "re-decoded: " + ", then ".join(done))
