"""Properties of the repairs, tested on generated text (hypothesis)."""

from __future__ import annotations

import re

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec the generator uses
from ftfy.badness import is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.lang import _NOT_ARABIC_SCRIPT, _count_arabic, _count_script
from cleanup.model import Article
from cleanup.rules.base import PLAIN_CHARS, Context, unusual_chars
from cleanup.rules.registry import all_rules
from cleanup.rules.repair.common import EXOTIC_SPACES, SPACE_CHARS, SPACES, RepairRule
from cleanup.rules.repair.ftfy_fix import FTFY_CONFIG, MAY_BE_BAD, FtfyMojibakeRule
from cleanup.rules.repair.mojibake import ArabicMojibakeRule
from cleanup.rules.repair.spacing import _PUNCT, SpaceRule, _spacing
from tests.repair_helpers import repair

LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)]
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩")
PUNCTUATION = [*"،؛؟.,:;!?«»\"()…-", "..", "...", "؟!"]

arabic_letter = st.sampled_from(LETTERS)
# A word: letters, each with at most one diacritic (shadda may add a second), as written.
arabic_word = st.lists(
    st.tuples(arabic_letter, st.sampled_from(["", "", "", *TASHKEEL, "ّ" + TASHKEEL[3]])),
    min_size=2, max_size=9,
).map(lambda pairs: "".join(letter + mark for letter, mark in pairs))
number = st.lists(st.sampled_from(DIGITS), min_size=1, max_size=5).map("".join)
plausible_token = st.one_of(
    arabic_word, arabic_word, arabic_word, number,
    st.tuples(arabic_word, st.sampled_from(PUNCTUATION)).map("".join),
    st.tuples(st.sampled_from("«\"("), arabic_word, st.sampled_from("»\")")).map("".join),
)
plausible_arabic = st.lists(
    st.lists(plausible_token, min_size=1, max_size=15).map(" ".join), min_size=1, max_size=4,
).map("\n".join)


def _context(text: str, lang: str = "ar") -> Context:
    return Context(packs=None, article=Article(body=text), lang=lang)  # type: ignore[arg-type]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(plausible_arabic)
def test_mojibake_repairs_never_touch_plausible_arabic(text: str) -> None:
    ctx = _context(text)
    assert list(ArabicMojibakeRule().find(text, ctx)) == []
    assert list(FtfyMojibakeRule().find(text, ctx)) == []


# Pieces of messy scraped text: everything the repairs act on, mixed with clean text.
def _mojibake(word: str, encoding: str, reading: str) -> str:
    return word.encode(encoding).decode(reading)


MOJIBAKE_KINDS = [("utf-8", "cp1256"), ("cp1256", "latin-1"), ("iso8859_6", "latin-1"),
                  ("utf-8", "latin-1"), ("utf-8", "sloppy-windows-1252")]


def _messy_piece(mojibake: tuple[str, str]) -> st.SearchStrategy[str]:
    return st.one_of(
        arabic_word, arabic_word, number,
        st.sampled_from(["Hello", "BBC", "café", "naïve", "AT&T"]),
        st.sampled_from([" https://x.com/a:b ", " a@b.co "]),  # addresses stand alone
        st.sampled_from(PUNCTUATION),
        st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\t", "\u2009", "\n", "\n\n"]),
        st.sampled_from(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad",
                         "\u202b", "\u202c", "\u2066", "\u2069"]),
        st.sampled_from(["ـ", "ــ", "ﻷ", "ﻣ", "ﺔ", "ﮐ", "ﹰ", "ﷺ"]),
        st.sampled_from(["ی", "ک", "ھ", "۱۴", "پ", "گ"]),
        st.sampled_from(["&amp;", "&nbsp;", "&#8203;", "&#1600;", "&quot;", "&#x200F;", "&lt;"]),
        st.sampled_from(["\x02", "\r", "\r\n", "\x0b", "\x92", "\x98", "\x81", "\x1b[1m"]),
        st.sampled_from(["👨\u200d👩", "✔"]),
        # Mojibake comes in whole words between spaces, one kind per text (a text is broken
        # by one wrong setting).
        arabic_word.map(lambda w: f" {_mojibake(w, *mojibake)} "),
    )


messy_text = st.sampled_from(MOJIBAKE_KINDS).flatmap(
    lambda kind: st.lists(_messy_piece(kind), min_size=1, max_size=30).map("".join))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_text, st.sampled_from(["ar", "fa", "en", None]), st.booleans())
def test_repair_is_idempotent(text: str, lang: str | None, keep_bidi: bool) -> None:
    options = {"keep_bidi": keep_bidi}
    once, _ = repair({"body": text}, lang or "und", options)
    twice, findings = repair({"body": once.body}, lang or "und", options)
    assert twice.body == once.body
    assert findings == []


ftfy_alphabet = st.sampled_from(
    list("abcXYZ .,'\"-1") + LETTERS[:6] + list("«»“”‘’…–—\u00a0\u00ad·´")
    + list("ÃÂØÙ©®°±²³µ¶·¸¹º¼½¾¿ÀÁÈÉÍÑÒÓÚÜßàáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþÿ")
    + list("€‚ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ\x80\x81\x8d\x9d") + list("ВГРСвЂўΒΓΞΟβ│┌═▀√≈")
)


@settings(max_examples=1000)
@given(st.lists(ftfy_alphabet, max_size=12).map("".join))
def test_ftfy_is_skipped_only_where_it_cannot_change_anything(text: str) -> None:
    if not MAY_BE_BAD.search(text):
        assert not is_bad(text)
        assert ftfy.fix_and_explain(text, FTFY_CONFIG).text == text


_GATED = [rule for rule in all_rules() if isinstance(rule, RepairRule) and rule.trigger]
# Characters outside the plain set that the corpus has (tashkeel is plain, these are not).
_UNUSUAL_SAMPLE = "\u0640\u00a0\u200f\u202c\u200b\u200c\u00adیکھ۱۲ﺎﻟ\x07\r\x85\u2028&©é•\t"


def test_triggers_are_unusual_characters() -> None:
    assert {rule.code for rule in _GATED} >= {"T103", "T104", "T106", "T107", "T111"}
    for rule in _GATED:
        assert rule.trigger is not None
        assert not any(rule.trigger.search(c) for c in PLAIN_CHARS), rule.code
    assert unusual_chars("a\u200bb\u0640\u200b" + PLAIN_CHARS, _context("")) == "\u0640\u200b"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(PLAIN_CHARS + _UNUSUAL_SAMPLE), max_size=60),
       st.sampled_from(["ar", "fa", "en", None]))
def test_a_rule_skipped_for_want_of_its_trigger_finds_nothing(text: str,
                                                             lang: str | None) -> None:
    """The gate is exact: a rule skipped on a text would have found nothing in it."""
    ctx = _context(text, lang)  # type: ignore[arg-type]
    for rule in _GATED:
        assert rule.trigger is not None
        if not rule.trigger.search(text):
            assert list(rule.find(text, ctx)) == [], rule.code


@given(st.text(alphabet=st.sampled_from(
    "abc é ابة\u0650\u06cc\u0750\u077f\u08a0\u08ff\ufb50\ufdff\ufe70\ufeff\u0700\u07ff"
    "\u0800\ufb4f\ufeff\uff01\u0600\u06ff\ud800\U0001f600"), max_size=50))
def test_arabic_count_equals_the_regex_count(text: str) -> None:
    assert _count_arabic(text) == _count_script(text, _NOT_ARABIC_SCRIPT)


# White space and punctuation in every arrangement the spacing rules care about.
_SPACING_ALPHABET = st.sampled_from([" ", " ", "  ", "\n", "\u00a0", "\t", "\u2009", "ب",
                                     "كلمة", "word", *"،؛؟!?:;,.«(\"", "2"])
spacing_text = st.lists(_SPACING_ALPHABET, max_size=25).map("".join)
_SUSPECT = re.compile(f"[{EXOTIC_SPACES}]|  |^ | $", re.MULTILINE)


def _runs_needing_work(text: str) -> list[tuple[int, int]]:
    """Reference for T113: every run of white space around an exotic space, two spaces,
    or a line's edge."""
    runs: list[tuple[int, int]] = []
    for m in _SUSPECT.finditer(text):
        if runs and m.start() < runs[-1][1]:
            continue
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in SPACE_CHARS:
            start -= 1
        while end < len(text) and text[end] in SPACE_CHARS:
            end += 1
        runs.append((start, end))
    return runs


@settings(max_examples=1500)
@given(spacing_text)
def test_the_space_rule_fixes_exactly_the_runs_that_need_it(text: str) -> None:
    edits = list(SpaceRule().find(text, _context(text)))
    assert [(e.start, e.end) for e in edits] == _runs_needing_work(text)


@settings(max_examples=1500)
@given(spacing_text, st.sampled_from(["ar", "en"]))
def test_punctuation_spacing_looks_at_every_space_before_punctuation(text: str,
                                                                    lang: str) -> None:
    """T112's shared scan finds what its plain definition, a space of any kind followed by
    punctuation, finds (the shared scan skips most texts without a regex per rule)."""
    reference = [m.start(1) for m in re.finditer(f"[{SPACES}]([{re.escape(_PUNCT)}])", text)]
    assert list(_spacing(text, _context(text, lang)).marks) == reference
