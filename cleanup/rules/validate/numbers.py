"""Number check: numbers in the headline or summary that the body never states."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from mypy_extensions import mypyc_attr

from cleanup.fold import fold
from cleanup.lazy import lazy
from cleanup.model import Severity
from cleanup.rules.base import Context, FieldText, Proposal, Rule
from cleanup.rules.validate.analysis import view
from cleanup.rules.validate.settings import severity

_DIGIT: Final = "0-9\u0660-\u0669\u06f0-\u06f9"
# A number: digit groups joined by separators (, . Arabic ٫ ٬), an optional percent sign.
# Digits glued to a word ("فرانس24") are part of a name; one glued letter is a proclitic
# ("ب4"). (The look-behinds come after the first digit so that the search skips
# non-digits fast.)
NUMBER: Final = re.compile(
    rf"[{_DIGIT}](?<![{_DIGIT}.,\u066b\u066c].)(?<![^\W\d_][^\W\d_\u0640].)[{_DIGIT}]*"
    rf"(?:[.,\u066b\u066c][{_DIGIT}]+)*(?:\s?[%\u066a])?"
)
_NUMBER_CHARS: Final = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹.,\u066b\u066c")
_TO_ASCII: Final = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")
_THOUSANDS: Final = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_THOUSANDS: Final = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_DECIMAL: Final = re.compile(r"(\d+)\.(\d+)")

# Small numbers a body may write as words (folded spellings, Arabic and English).
_WORDS: Final[dict[str, str]] = {
    "1": "واحد واحده one", "2": "اثنان اثنين اثنتان اثنتين two", "3": "ثلاث ثلاثه three",
    "4": "اربع اربعه four", "5": "خمس خمسه five", "6": "ست سته six",
    "7": "سبع سبعه seven", "8": "ثمان ثماني ثمانيه eight", "9": "تسع تسعه nine",
    "10": "عشر عشره ten", "11": "eleven", "12": "twelve", "20": "عشرين عشرون twenty",
    "30": "ثلاثين ثلاثون thirty", "40": "اربعين اربعون forty",
    "50": "خمسين خمسون fifty", "60": "ستين ستون sixty", "70": "سبعين سبعون seventy",
    "80": "ثمانين ثمانون eighty", "90": "تسعين تسعون ninety",
    "100": "مئه مائه hundred", "1000": "الف thousand",
}
_WORD_PATTERNS: Final = {
    value: re.compile(rf"(?<!\w)(?:[وفبل]?ال|[وفبل])?(?:{'|'.join(spellings.split())})(?!\w)")
    for value, spellings in _WORDS.items()
}


# Scale words after a number ("4 آلاف", "2.4 مليون", "50 billion"), folded.
_SCALES: Final = re.compile(
    r"\s*(الف|الاف|مليون|ملايين|مليار|مليارات|thousand|million|billion)(?!\w)")
_SCALE_VALUES: Final = {"الف": 1e3, "الاف": 1e3, "thousand": 1e3, "مليون": 1e6, "ملايين": 1e6,
                        "million": 1e6, "مليار": 1e9, "مليارات": 1e9, "billion": 1e9}
_ROUNDING: Final = 0.05
"""A rounded figure ("4 آلاف") also states a precise one up to 5% below it (3,850)."""


def _scale(text: str, end: int) -> tuple[float, int]:
    """The scale word right after a number ending at ``end`` (1 when there is none) and
    where it ends."""
    piece = text[end:end + 12]
    folded = fold(piece)
    match = _SCALES.match(folded)
    if match is None or len(folded) != len(piece):
        return 1.0, end
    return _SCALE_VALUES[match.group(1)], end + match.end()


def _is_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and "1900" <= value <= "2100"


def _amount(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def canonical(number: str) -> str:
    """A number's value as a plain string: "1,200" "1200" "١٢٠٠" → "1200"; "2.50%" → "2.5"."""
    if number.isdigit() and number.isascii():
        return number.lstrip("0") or "0"
    text = number.translate(_TO_ASCII).rstrip("% ")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DOT_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    match = _DECIMAL.fullmatch(text)
    if match:
        whole, fraction = match.group(1).lstrip("0") or "0", match.group(2).rstrip("0")
        return f"{whole}.{fraction}" if fraction else whole
    if text.isdigit():
        return text.lstrip("0") or "0"
    return text


@mypyc_attr(native_class=False)  # (compiled: it keeps a __dict__ for lazy values)
class _BodyNumbers:
    """The values the body states, found once per article (it keeps the body's text, not
    the view that keeps it: no reference cycle)."""

    def __init__(self, body: str, key: str) -> None:
        self.body = body
        self.key = key
        """The folded body: its paragraphs' keys, one a line (blank lines, which hold no
        word, left out), as the view has them; number words are found in it as in
        ``fold(body)``."""

    @lazy
    def values(self) -> frozenset[str]:
        return frozenset(canonical(m.group()) for m in NUMBER.finditer(self.body))

    def verbatim(self, number: str) -> bool:
        """The body writes exactly this number (not as part of a longer one)."""
        body = self.body
        at = body.find(number)
        while at >= 0:
            end = at + len(number)
            if (at == 0 or body[at - 1] not in _NUMBER_CHARS) and (
                    end == len(body) or not body[end].isdigit()):
                return True
            at = body.find(number, at + 1)
        return False

    @lazy
    def amounts(self) -> list[float]:
        """The body's numbers as amounts, scale words applied ("4,425" and "4 آلاف")."""
        out: list[float] = []
        body = self.body
        for m in NUMBER.finditer(body):
            amount = _amount(canonical(m.group()))
            if amount is not None:
                out.append(amount * _scale(body, m.end())[0])
        return out

    def states(self, number: str, value: str, scale: float) -> bool:
        """The body states this number: verbatim, with other digits or separators, in
        words, or (with a scale word such as "ألف") rounded from a precise figure."""
        if self.verbatim(number.rstrip("%\u066a ")) or value in self.values:
            return True
        pattern = _WORD_PATTERNS.get(value)
        if pattern is not None and pattern.search(self.key) is not None:
            return True
        amount = _amount(value)
        if _is_year(value) and not any(map(_is_year, self.values)):
            return True  # a year in a name ("كأس العالم 2018") when the body gives no years
        if scale == 1 or amount is None:
            return False
        # "4 آلاف" states 4,000 to 4,999 (or about 4,000, rounded up within 5%).
        unit = 10.0 ** -len(value.partition(".")[2])
        low, high = amount * scale, (amount + unit) * scale
        return any(low * (1 - _ROUNDING) <= a < high for a in self.amounts)


class NumberMismatchRule(Rule):
    """V106: a number in the headline or summary that the body does not state."""

    code = "V106"
    name = "number-not-in-body"
    family = "validation"
    summary = "Flag numbers in the headline or summary that the body never states."
    what = ("Reads numbers written with Western, Arabic-Indic or Persian digits, with "
            "thousands or decimal separators (, . ٬ ٫) and percent signs (% ٪), compares "
            "their values with every number in the body and flags those the body lacks. "
            "Small numbers and tens the body spells out in words ('ستة', 'six') count as "
            "stated, and so does a figure with a scale word ('4 آلاف') when the body "
            "gives a precise one it rounds ('4425'). Digits glued to a word ('فرانس24') are "
            "a name. A year is only missing from a body that gives other years, and then "
            "reported at info level ('كأس العالم 2018' names an event as often as it "
            "dates a fact).")
    why = ("A figure that differs between headline or summary and body is an error in one "
           "of them; readers trust the headline's figure.")
    example = "headline: ارتفاع الأسعار 12% / body: ارتفعت الأسعار 21% → «12%» flagged"
    action = "flag"
    stage = "validate"
    fields = ("headline", "summary")

    def propose(self, text: FieldText, ctx: Context) -> Iterable[Proposal]:
        body_text = ctx.article.body
        if not body_text or body_text.isspace():  # (no copy, as strip() may make)
            return ()
        v = view(ctx)
        if text.text == getattr(v, text.name) and "".join(
                v.headline_words if text.name == "headline" else v.summary_words).isalpha():
            return ()  # no digit: folding keeps digits (as 0-9), and they are word characters
        body = v.memo.get("numbers")
        if not isinstance(body, _BodyNumbers):
            body = v.memo["numbers"] = _BodyNumbers(v.body, v.body_key.key)
        seen: set[str] = set()
        out: list[Proposal] = []
        for match in NUMBER.finditer(text.text):
            number = match.group()
            if body.verbatim(number.rstrip("%\u066a ")):
                continue  # the common case, settled without parsing
            value = canonical(number)
            scale, end = _scale(text.text, match.end())
            if value in seen or body.states(number, value, scale):
                continue
            seen.add(value)
            said = text.text[match.start():end]
            # A year is as often a name's ("كأس العالم 2018") as a fact's: info only.
            level: Severity = "info" if _is_year(value) else "warning"
            out.append(Proposal(text.name, match.start(), end, "flag",
                                f"the {text.name} says {said!r} but the body never states "
                                f"that number",
                                severity=severity(ctx, self.code, self.name, level)))
        return out
