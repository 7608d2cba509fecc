"""Guess an article's language from its script: enough to pick language-specific repairs.

Arabic, Persian and Urdu share a script, and an Arabic article typed on a Persian or Urdu
keyboard is full of ی, ک and ھ, so those letters alone would call it Persian or Urdu.
What only Arabic has in quantity is the article ال at the start of words and the taa
marbuta ة: when they are frequent the text is Arabic whatever keyboard typed it. Then
letters only Urdu uses (ٹ ڈ ڑ ں ے) point to Urdu, and letters only Persian uses (پ چ ژ گ),
or ی/ک outnumbering ي/ك, to Persian.
"""

from __future__ import annotations

import re

SAMPLE = 3000
"""Characters looked at: the start of headline, summary and body is enough."""

_NOT_ARABIC_SCRIPT = re.compile(
    r"[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
)
_NOT_LATIN = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
_URDU = re.compile(r"[ٹڈڑںےۓ]")
_PERSIAN = re.compile(r"[پچژگ]")
# Word starts with the Arabic article (with a prefixed conjunction or preposition).
_ARTICLE = (" ال", " وال", " بال", " فال", " كال", " لل", "\nال", '"ال', "«ال")
_ARABIC_ONLY = (" ال", "ة", *_ARTICLE[1:])
"""What only Arabic has in quantity: the article and the taa marbuta."""


_RARER_ARABIC = re.compile(r"[\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_RARER_HIGH_BYTES = (0x07, 0x08, 0xFB, 0xFC, 0xFD, 0xFE)


def _count_script(sample: str, others: re.Pattern[str]) -> int:
    """Number of characters of ``sample`` that ``others`` (their complement) does not match."""
    return len(others.sub("", sample))


def _count_arabic(sample: str) -> int:
    """Arabic-script characters of ``sample``: ``_count_script(sample, _NOT_ARABIC_SCRIPT)``.

    Counted on the UTF-16 high bytes (0x06 is the main Arabic block), which takes no
    Python step per character; the rarer blocks are counted with a regex when present.
    """
    high = sample.encode("utf-16-be", "surrogatepass")[0::2]
    count = high.count(0x06)
    if any(b in high for b in _RARER_HIGH_BYTES):
        count += len(_RARER_ARABIC.findall(sample))
    return count


def detect_lang(text: str) -> str | None:
    """Return "ar", "fa", "ur", "en" (any Latin-script text) or None when undecided."""
    sample = text[:SAMPLE]
    arabic = _count_arabic(sample)
    # Latin letters can outnumber Arabic ones only when Arabic ones are under half.
    latin = _count_script(sample, _NOT_LATIN) if arabic * 2 <= len(sample) else 0
    if arabic == 0 and latin == 0:
        return None
    if latin > arabic:
        return "en"
    arabic_only = 0
    for marker in _ARABIC_ONLY:  # most frequent first: Arabic text stops early
        arabic_only += sample.count(marker)
        if arabic_only * 25 >= arabic:
            return "ar"
    urdu = len(_URDU.findall(sample))
    if urdu >= 3 and urdu * 50 >= arabic:
        return "ur"
    persian = len(_PERSIAN.findall(sample))
    persian_forms = sample.count("ی") + sample.count("ک")
    arabic_forms = sample.count("ي") + sample.count("ك")
    if (persian >= 3 and persian * 40 >= arabic) or persian_forms > arabic_forms:
        return "fa"
    return "ar"
