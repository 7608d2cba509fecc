"""The repair rules as a set: documentation, configuration, options and language gates."""

from __future__ import annotations

import re

import pytest

from cleanup.lang import detect_lang
from cleanup.model import FIELDS
from cleanup.rules.repair import REPAIR_RULES
from cleanup.rules.repair.common import RepairRule
from cleanup.rules.repair.ftfy_fix import FTFY_CONFIG
from cleanup.rules.repair.presentation import BASE_LETTERS, WORD_LIGATURES
from tests.repair_helpers import repair, repair_text

MOJIBAKE_CODES = {"T101", "T102"}


@pytest.mark.parametrize("rule", REPAIR_RULES, ids=lambda r: r.code)
def test_rule_is_documented_and_declared(rule: RepairRule) -> None:
    assert re.fullmatch(r"T1\d\d", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert (rule.family, rule.stage, rule.action) == ("repair", "repair", "replace")
    assert rule.severity == ("warning" if rule.code in MOJIBAKE_CODES else "info")
    assert rule.fields == FIELDS
    for text in (rule.summary, rule.what, rule.why, rule.example):
        assert text.strip()
    assert "→" in rule.example
    assert rule.doc().startswith(f"## {rule.code} {rule.name}")


def test_codes_and_names_are_unique_and_follow_the_order() -> None:
    codes = [r.code for r in REPAIR_RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert len({r.name for r in REPAIR_RULES}) == len(REPAIR_RULES)


def test_settling_rules_run_before_the_rest() -> None:
    settles = [isinstance(r, RepairRule) and r.settles for r in REPAIR_RULES]
    assert settles == sorted(settles, reverse=True)


def test_ftfy_is_configured_for_publication() -> None:
    assert FTFY_CONFIG.fix_encoding
    assert not FTFY_CONFIG.uncurl_quotes
    assert FTFY_CONFIG.normalization not in ("NFKC", "NFKD")
    assert not FTFY_CONFIG.fix_latin_ligatures and not FTFY_CONFIG.fix_character_width
    what = next(r.what for r in REPAIR_RULES if r.code == "T102")
    for step in ("uncurl_quotes", "normalization", "fix_latin_ligatures",
                 "fix_character_width", "replace_lossy_sequences"):
        assert step in what


def test_ftfy_finding_carries_ftfy_explanation() -> None:
    _, findings = repair("Le CafÃ© de Flore")
    assert [f.code for f in findings] == ["T102"]
    assert findings[0].message == "ftfy: encode latin-1, decode utf-8"
    assert (findings[0].text, findings[0].replacement) == ("Ã©", "é")


def test_curly_quotes_survive_ftfy() -> None:
    broken = "“quoted” and ‘single’".encode().decode("latin-1")
    assert repair_text(broken) == "“quoted” and ‘single’"


def test_keep_bidi_option() -> None:
    text = "تم الانتهاء من 80\u200e% من العمل"
    assert repair_text(text, "ar") == "تم الانتهاء من 80% من العمل"
    assert repair_text(text, "ar", keep_bidi=True) == text


@pytest.mark.parametrize("lang", ["fa", "ur", None])
def test_persian_letters_and_digits_change_only_in_arabic(lang: str | None) -> None:
    text = "السعودیة عام ۱۴۴۵"
    assert repair_text(text, "ar") == "السعودية عام ١٤٤٥"
    assert repair_text(text, lang or "und") == text


def test_all_three_fields_are_repaired_with_offsets_into_each() -> None:
    article = {"headline": "ﻷول مرة", "summary": "وكانت\u00a0 وسائل",
               "body": "سطر\n\u200bسطر ثان"}
    out, findings = repair(article, "ar")
    assert (out.headline, out.summary, out.body) == ("لأول مرة", "وكانت وسائل", "سطر\nسطر ثان")
    assert {f.field for f in findings} == set(FIELDS)
    for f in findings:
        assert article[f.field][f.start:f.end] == f.text


def test_a_change_that_causes_another_repair_says_so() -> None:
    _, findings = repair("كلمة \u200b كلمة", "ar")
    assert len(findings) == 1
    assert findings[0].code == "T107"
    assert (findings[0].text, findings[0].replacement) == (" \u200b ", " ")
    assert "T113" in findings[0].message


def test_presentation_forms_map_to_letters_and_keep_word_ligatures() -> None:
    assert BASE_LETTERS["\ufefb"] == "لا" and BASE_LETTERS["\ufef7"] == "لأ"
    assert not any(chr(c) in BASE_LETTERS for c in WORD_LIGATURES)
    for letters in BASE_LETTERS.values():
        assert letters and not any("\ufb50" <= c <= "\ufeff" for c in letters)
        assert " " not in letters and "\u0640" not in letters


@pytest.mark.parametrize(("text", "lang"), [
    ("قالت وزارة الخارجية إن المحادثات مستمرة وإن الأسر غير السعودية سوف تتأثر.", "ar"),
    ("قالت وزارة الخارجية السعودیة إن الأسر غیر السعودیة سوف یتأثر الاستھلاک لديها.", "ar"),
    ("این یک متن فارسی است که برای آزمایش نوشته شده است و ما می‌خواهیم ببینیم.", "fa"),
    ("یہ ایک اردو متن ہے جو جانچ کے لیے لکھا گیا ہے اور ہم دیکھنا چاہتے ہیں۔", "ur"),
    ("The minister said talks would continue next week.", "en"),
    ("2024 - 10:30", None),
])
def test_detect_lang(text: str, lang: str | None) -> None:
    assert detect_lang(text) == lang
