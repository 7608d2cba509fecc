"""Guess an article's language from its script: enough to pick language-specific repairs."""

from __future__ import annotations

import re

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters that Arabic does not use: their share tells Persian and Urdu apart from Arabic.
_URDU = re.compile(r"[ٹڈڑںےۓھ]")
_PERSIAN = re.compile(r"[پچژگ]")


def detect_lang(text: str) -> str | None:
    """Return "ar", "fa", "ur", "en" (any Latin-script text) or None when undecided."""
    sample = text[:4000]
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return None
    if latin > arabic:
        return "en"
    urdu = len(_URDU.findall(sample))
    persian = len(_PERSIAN.findall(sample))
    if urdu >= 3 and urdu * 50 >= arabic:
        return "ur"
    if persian >= 3 and persian * 40 >= arabic:
        return "fa"
    return "ar"
