"""Validation rules on small cases: fixtures/validate/*.json, positive and negative,
Arabic and English.

A case gives an article, optional options, the findings it must produce ("expect": code
and any of field, severity, action, a substring of the message and of the flagged
text) and the codes it must not ("expect_not"); "expect_body" is the body after
cleaning, "expect_body_unchanged" says validation must not touch it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanup import Finding
from tests.helpers import FIXTURES
from tests.test_validate import validating

CASE_DIR = FIXTURES / "validate"
KEYS = {"label", "comment", "article", "expect", "expect_not", "options", "expect_body",
        "expect_body_unchanged"}


def _load() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, case) for path in sorted(CASE_DIR.glob("*.json"))
            for case in json.loads(path.read_text(encoding="utf-8"))]


CASES = _load()
IDS = [f"{path.stem}:{case['label']}" for path, case in CASES]


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.code} {f.field} [{f.action}/{f.severity}] {f.message} «{f.text}»"
                     for f in findings)


def _matches(finding: Finding, want: dict[str, str]) -> bool:
    return (finding.code == want["code"]
            and all(getattr(finding, key) == want[key] for key in ("field", "severity", "action")
                    if key in want)
            and want.get("message", "") in finding.message
            and want.get("text", "") in finding.text)


def test_cases_are_well_formed_and_bilingual() -> None:
    labels = [case["label"] for _, case in CASES]
    assert len(labels) == len(set(labels)), "duplicate labels"
    for path, case in CASES:
        assert set(case) <= KEYS, f"{path.name}: unknown keys {set(case) - KEYS}"
        assert case["comment"] and case["article"], case["label"]
        assert case.get("expect") or case.get("expect_not"), f"{case['label']} checks nothing"
    for path in sorted(CASE_DIR.glob("*.json")):
        prefixes = {case["label"].split("-")[0] for p, case in CASES if p == path}
        assert "ar" in prefixes, f"{path.name}: no Arabic case"
    assert {case["label"].split("-")[0] for _, case in CASES} >= {"ar", "en"}


@pytest.mark.parametrize(("path", "case"), CASES, ids=IDS)
def test_case(path: Path, case: dict[str, Any]) -> None:
    article = case["article"]
    result = validating(case.get("options")).clean(article)
    found = [f for f in result.findings if f.code.startswith("V")]
    for want in case.get("expect", []):
        assert any(_matches(f, want) for f in found), (
            f"{case['label']}: expected {want}\n  ({case['comment']})\ngot:\n{_describe(found)}")
    unwanted = [f for f in found if f.code in case.get("expect_not", [])]
    assert not unwanted, f"{case['label']}: unexpected\n{_describe(unwanted)}"
    if "expect_body" in case:
        assert result.article.body == case["expect_body"]
    if case.get("expect_body_unchanged"):
        assert result.article.body == article["body"]
    for finding in found:  # offsets point into the input text
        assert article.get(finding.field, "")[finding.start:finding.end] == finding.text
