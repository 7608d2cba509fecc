"""Fixture cases per rule code (fixtures/cases/<CODE>.json): positive and negative."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cleanup import Cleaner, Config
from cleanup.engine import GUARD_CODE
from cleanup.rules.registry import all_rules
from tests.helpers import FIXTURES

CASES_DIR = FIXTURES / "cases"
CASES = [(path.stem, case) for path in sorted(CASES_DIR.glob("*.json"))
         for case in json.loads(path.read_text(encoding="utf-8"))]
CLEANER = Cleaner(Config(ignore=("T", "V")))


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{k['label']}" for c, k in CASES])
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    result = CLEANER.clean(case["article"], site=case.get("site"), lang=case.get("lang"))
    codes = [f.code for f in result.findings if f.code == code]
    expected = [c for c in case["codes"] if c == code]
    assert codes == expected, [(f.code, f.text) for f in result.findings]
    for other in case["codes"]:
        assert other in [f.code for f in result.findings]
    for absent in case.get("absent", []):
        assert absent not in [f.code for f in result.findings]
    for name, text in case.get("expect", {}).items():
        assert getattr(result.article, name) == text
    for name in ("headline", "summary", "body"):
        if name not in case.get("expect", {}) and not case["codes"]:
            assert getattr(result.article, name) == case["article"][name]


def test_every_rule_has_positive_and_negative_cases() -> None:
    by_code: dict[str, list[dict[str, Any]]] = {}
    for code, case in CASES:
        by_code.setdefault(code, []).append(case)
    own = [r.code for r in all_rules() if r.code[0] in "PRBNE"] + [GUARD_CODE]
    for code in own:
        cases = by_code.get(code, [])
        assert any(code in c["codes"] for c in cases), f"{code}: no positive case"
        assert any(code not in c["codes"] for c in cases), f"{code}: no negative case"
