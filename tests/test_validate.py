"""Validation rules (family V): the seed, folding and stemming, options, idempotence."""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Cleaner, Config
from cleanup.fold import fold
from cleanup.rules.validate import VALIDATION_RULES
from cleanup.rules.validate.common import COMMON_STEMS
from cleanup.rules.validate.settings import OptionError
from cleanup.rules.validate.stemmer import _CLUSTER as _CLUSTER_PATTERN
from cleanup.rules.validate.stemmer import (
    STOP,
    cluster_end,
    stem,
    stem_word,
    stem_words,
    tokens,
)
from cleanup.rules.validate.terms import KeyStarts, WordStarts, terms_of
from tests.helpers import seed_article


def validating(options: Mapping[str, Any] | None = None) -> Cleaner:
    """The default cleaner (validation runs by default) with these options."""
    return Cleaner(Config(options=dict(options or {})))


BRIDGE = {
    "headline": "افتتاح جسر جديد فوق نهر النيل",
    "summary": "افتتحت الحكومة المصرية جسرا جديدا فوق نهر النيل في القاهرة.",
    "body": ("افتتحت الحكومة المصرية جسرا جديدا فوق نهر النيل في القاهرة.\n"
             "وقال وزير النقل إن الجسر سيخفف الزحام في وسط العاصمة."),
}
SWAPPED = {**BRIDGE, "headline": "ريال مدريد يفوز على برشلونة بثلاثية في الكلاسيكو"}


def codes(result: Any, code: str) -> list[Any]:
    return [f for f in result.findings if f.code == code]


# --- the seed --------------------------------------------------------------------------


def test_seed_headline_alliance_is_named() -> None:
    result = validating().clean(seed_article())
    found = codes(result, "V104")
    assert len(found) == 1
    assert found[0].field == "headline"
    assert found[0].severity in ("info", "warning", "error")
    assert "«تحالف»" in found[0].message
    assert found[0].text == seed_article()["headline"]


def test_seed_has_no_other_validation_finding() -> None:
    result = validating().clean(seed_article())
    assert {f.code for f in result.findings if f.code.startswith("V")} == {"V104"}


# --- folding and stemming --------------------------------------------------------------

# Words made of proclitic clusters and a few letters, so that clusters and stems collide.
_CLUSTER = st.sampled_from(["", "و", "ف", "ب", "ك", "ل", "ال", "لل", "وب", "وال", "بال",
                            "فلل", "وبال", "فلال", "1"])
_LETTERS = st.text(st.sampled_from("والبكفمني1a"), min_size=1, max_size=4)
_WORD = st.builds(str.__add__, _CLUSTER, _LETTERS)
_TEXT = st.lists(st.tuples(_WORD, st.sampled_from([" ", "، ", ".\n", "-"])), max_size=8)


@settings(max_examples=1000, deadline=None)
@given(_TEXT, _LETTERS)
def test_key_lookup_answers_as_word_lookup(parts: list[tuple[str, str]], stem_: str) -> None:
    key = fold("".join(w + sep for w, sep in parts))
    words = WordStarts(frozenset(tokens(key)))
    assert KeyStarts(key).starts(stem_) == words.starts(stem_)
    forms = [stem_, "و" + stem_, stem_[1:] or stem_, "ب" + stem_[::-1]]
    assert KeyStarts(key).starts_any(forms) == words.starts_any(forms)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_cluster_end_is_the_cluster_pattern(parts: list[tuple[str, str]]) -> None:
    key = fold("".join(w + sep for w, sep in parts))
    for start in range(len(key) + 1):
        match = _CLUSTER_PATTERN.match(key, start)
        assert cluster_end(key, start) == (match.end() if match else start)


# Words with every suffix the stemmer knows, some too short to lose it.
_ENDINGS = st.sampled_from(["", "ها", "ا", "هم", "ان", "ون", "ين", "ات", "يه", "ه", "ي",
                            "ies", "es", "ss", "s", "ing", "ed", "ly", "y", "e"])
_STEM_WORD = st.builds(lambda cluster, core, end: cluster + core + end, _CLUSTER,
                       st.text(st.sampled_from("وهايلسeisyldg1٣_"), max_size=4), _ENDINGS)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_STEM_WORD.filter(bool), min_size=1, max_size=6))  # (all word characters)
def test_stem_word_is_the_regex_stemmer(words: list[str]) -> None:
    """Word by word, as validation stems, the same stems as in one regex pass."""
    assert [stem_word(w) for w in words] == stem_words(words)


@pytest.mark.parametrize(("word", "expected"), [
    ("الصين", "صين"), ("الصينية", "صين"), ("والصين", "صين"), ("بالصين", "صين"),
    ("كوريا", "وري"), ("وكوريا", "وري"), ("لمواجهة", "مواجه"), ("مواجهات", "مواجه"),
    ("الأمريكية", "امريك"), ("أمريكا", "امريك"), ("للحكومة", "حكوم"), ("رسوماً", "رسوم"),
    ("بـ4", "4"), ("تحالف", "تحالف"), ("studies", "stud"), ("study", "stud"),
    ("talking", "talk"), ("approves", "approv"), ("approved", "approv"), ("presses", "press"),
])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_leave_function_words_out() -> None:
    assert terms_of("قال إن الحكومة في القاهرة من أجل ذلك") == {"حكوم", "قاهر", "اجل"}
    assert terms_of("He said that the plan was for the city") == {"plan", "cit"}


def test_common_stems_are_content_stems() -> None:
    assert len(COMMON_STEMS) == 300
    assert not COMMON_STEMS & STOP
    assert all(len(s) > 2 for s in COMMON_STEMS)


def test_one_cleaner_finds_what_fresh_cleaners_find() -> None:
    """What a cleaner computed for one article (stems, terms found) does not carry over:
    the bridge's headline is backed by its own body, not by a football report's."""
    deaths = {**BRIDGE, "headline": "مقتل 12 شخصا في حادث على جسر النيل"}
    football = {"headline": BRIDGE["headline"],
                "summary": "فاز ريال مدريد على برشلونة بثلاثة أهداف في الكلاسيكو.",
                "body": "فاز ريال مدريد على برشلونة بثلاثة أهداف مقابل هدف مساء السبت.\n"
                        "وسجل المهاجم الفرنسي هدفين في الشوط الثاني من المباراة."}
    english = {"headline": "Council approves new bridge over the river",
               "summary": "The city council approved a new bridge.",
               "body": "The city council approved a new bridge over the river on Monday.\n"
                       "Work starts next year, the mayor said."}
    batch = [BRIDGE, football, SWAPPED, seed_article(), deaths, english, BRIDGE]

    def found(result: Any) -> list[tuple[str, int, int, str]]:
        return [(f.code, f.start, f.end, f.message) for f in result.findings]

    fresh = [found(validating().clean(a)) for a in batch]
    one = validating()
    assert [found(one.clean(a)) for a in batch] == fresh
    assert [found(one.clean(a)) for a in reversed(batch)] == fresh[::-1]
    assert [code for code, *_ in fresh[1]].count("V104") == 1  # the football body


# --- the rules' documentation ----------------------------------------------------------


def test_rules_are_documented_and_numbered() -> None:
    rule_codes = [rule.code for rule in VALIDATION_RULES]
    assert rule_codes == [f"V{101 + i}" for i in range(len(rule_codes))]
    for rule in VALIDATION_RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), rule.name
        assert rule.family == "validation" and rule.stage == "validate"
        assert rule.summary and rule.what and rule.why and rule.example
        assert rule.action == ("remove" if rule.code == "V107" else "flag"), rule.code


def test_over_cleaning_surfaces_as_the_guard_error() -> None:
    missing = next(rule for rule in VALIDATION_RULES if rule.code == "V101")
    assert "E001" in missing.what
    body = "عنوان خبر آخر تماما\nتابعونا على تويتر وفيسبوك وإنستغرام\n--------------------"
    result = validating().clean({"headline": "عنوان", "summary": "", "body": body})
    assert [f.severity for f in codes(result, "E001")] == ["error"]


# --- options ---------------------------------------------------------------------------


def test_headline_threshold_is_an_option() -> None:
    assert codes(validating().clean(SWAPPED), "V104")
    assert not codes(validating({"headline_support_threshold": 0}).clean(SWAPPED), "V104")


def test_error_level_is_an_option() -> None:
    default = codes(validating().clean(SWAPPED), "V104")
    assert [f.severity for f in default] == ["error"]
    assert "the body has only 20 words" in default[0].message
    lenient = codes(validating({"headline_support_error": 0}).clean(SWAPPED), "V104")
    assert [f.severity for f in lenient] == ["warning"]


def test_unsupported_headline_over_a_long_body_is_a_warning() -> None:
    long_body = {**SWAPPED, "body": "\n".join([BRIDGE["body"]] * 2)}  # 40 words
    found = codes(validating().clean(long_body), "V104")
    assert [f.severity for f in found] == ["warning"] and "only" not in found[0].message
    wide = validating({"headline_error_body_words": 1000}).clean(long_body)
    assert [f.severity for f in codes(wide, "V104")] == ["error"]
    narrow = validating({"headline_error_body_words": 20}).clean(SWAPPED)
    assert [f.severity for f in codes(narrow, "V104")] == ["warning"]


def test_validation_runs_by_default_and_can_be_ignored() -> None:
    assert {rule.code for rule in VALIDATION_RULES} <= {r.code for r in Cleaner().rules}
    quiet = Cleaner(Config(ignore=("V",)))
    assert not [r for r in quiet.rules if r.code.startswith("V")]
    assert not [f for f in quiet.clean(SWAPPED).findings if f.code.startswith("V")]


def test_missing_term_naming_is_an_option() -> None:
    seed = seed_article()
    assert not codes(validating({"headline_missing": "off"}).clean(seed), "V104")
    second = {**BRIDGE, "headline": "الجسر الجديد يخفف الزحام في القاهرة بالمجان"}
    assert not codes(validating().clean(second), "V104")
    named = codes(validating({"headline_missing": "any"}).clean(second), "V104")
    assert len(named) == 1 and "«بالمجان»" in named[0].message


def test_severity_override_by_code_or_name() -> None:
    result = validating({"severity": {"V104": "info"}}).clean(SWAPPED)
    assert [f.severity for f in codes(result, "V104")] == ["info"]
    result = validating({"severity": {"summary-repeats-lead": "warning"}}).clean(BRIDGE)
    assert [f.severity for f in codes(result, "V108")] == ["warning"]


@pytest.mark.parametrize("options", [
    {"headline_support_threshold": "high"}, {"headline_support_threshold": True},
    {"drop_repeated_lead": "yes"}, {"severity": {"V104": "fatal"}}, {"severity": "error"},
    {"headline_missing": "all"},
])
def test_bad_options_are_errors(options: dict[str, Any]) -> None:
    with pytest.raises(OptionError):
        validating(options).clean({**SWAPPED, "headline": "U.S. and China agree. Talks go on."})


# --- fixes -------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"drop_repeated_lead": True}])
def test_fixes_are_idempotent(options: dict[str, Any]) -> None:
    article = {**BRIDGE, "body": f"{BRIDGE['headline']}\n{BRIDGE['body']}"}
    cleaner = validating(options)
    once = cleaner.clean(article)
    assert [f.code for f in once.findings if f.action == "remove"] == (
        ["V107", "V108"] if options else ["V107"])
    twice = cleaner.clean(once.article)
    assert twice.article == once.article
    assert not [f for f in twice.findings if f.action != "flag"]


def test_dropping_the_lead_never_empties_the_body() -> None:
    article = {**BRIDGE, "body": BRIDGE["summary"]}
    result = validating({"drop_repeated_lead": True}).clean(article)
    assert result.article.body == BRIDGE["summary"]
    assert [f.action for f in codes(result, "V108")] == ["flag"]


def test_validation_leaves_no_reference_cycles() -> None:
    article = {**BRIDGE, "headline": "مقتل 12 شخصا في حادث على جسر النيل"}  # numbers too

    def cycles(cleaner: Cleaner) -> int:
        gc.collect()
        gc.disable()
        try:
            for _ in range(5):
                cleaner.clean(article)
        finally:
            found = gc.collect()
            gc.enable()
        return found

    assert cycles(validating()) <= cycles(Cleaner())


def test_validation_changes_nothing_else() -> None:
    result = validating().clean(SWAPPED)
    assert not result.changed
    assert all(f.action == "flag" for f in result.findings)
