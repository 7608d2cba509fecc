"""Negative fixtures: real prose that only looks like junk must come out unchanged.

Every case in ``fixtures/negative/articles.json`` is genuine article text full of words
that resemble promotional lines, related-news blocks, see-also links, branding or
navigation residue. Cleaning must leave headline, summary and body byte-identical and
must not propose any removal (first principle: do no harm).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanup import clean

FIXTURE = Path(__file__).parent.parent / "fixtures" / "negative" / "articles.json"
FIELDS = ("headline", "summary", "body")
KEYS = {"label", "comment", "lang", "headline", "summary", "body"}


def _load() -> list[dict[str, Any]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        data = json.load(handle)
    assert isinstance(data, list), f"{FIXTURE} must hold a JSON array"
    return data


CASES = _load()


def _describe(findings: list[Any]) -> str:
    return "\n".join(
        f"  {f.code} [{f.action}] in {getattr(f, 'field', '?')}: {f.text!r}" for f in findings
    )


def test_fixture_set_is_large_and_bilingual() -> None:
    assert len(CASES) >= 40, f"expected at least 40 negative cases, found {len(CASES)}"
    langs = {case["lang"] for case in CASES}
    assert {"ar", "en"} <= langs, f"both Arabic and English cases are needed, found {langs}"
    assert langs <= {"ar", "en"}, f"unexpected languages: {langs - {'ar', 'en'}}"
    labels = [case["label"] for case in CASES]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    assert not duplicates, f"duplicate labels: {duplicates}"


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_case_is_well_formed(case: dict[str, Any]) -> None:
    assert set(case) == KEYS, f"keys differ from {sorted(KEYS)}: {sorted(case)}"
    for name in ("label", "comment", "headline", "body"):
        assert isinstance(case[name], str) and case[name].strip(), f"{name} must be text"
    assert isinstance(case["summary"], str), "summary must be text (may be empty)"


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_real_prose_is_left_untouched(case: dict[str, Any]) -> None:
    article = {name: case[name] for name in FIELDS}
    result = clean(article, lang=case["lang"])

    removals = [f for f in result.findings if f.action == "remove"]
    assert not removals, (
        f"{case['label']}: real content proposed for removal ({case['comment']})\n"
        + _describe(removals)
    )

    edits = [f for f in result.findings if f.action != "flag"]
    for name in FIELDS:
        assert getattr(result.article, name) == case[name], (
            f"{case['label']}: {name} changed\n"
            f"  before: {case[name]!r}\n"
            f"  after:  {getattr(result.article, name)!r}\n" + _describe(edits)
        )
