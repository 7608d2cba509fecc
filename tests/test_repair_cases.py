"""The repair fixture cases: fixtures/repair/*.json (one file per rule, plus negatives).

Each case gives an input body, the expected body and the codes of the repair findings it
must produce (none for a negative case). Known failures run as strict xfail: when one
starts passing, move it to its rule's file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanup.rules.repair import REPAIR_RULES
from tests.repair_helpers import REPAIR_FIXTURES, repair

RULE_FILES = sorted(REPAIR_FIXTURES.glob("T1*.json"))
NEGATIVE = REPAIR_FIXTURES / "negative.json"
KNOWN_FAILURES = REPAIR_FIXTURES / "known-failures.json"


def _cases(path: Path) -> list[Any]:
    return [pytest.param(case, id=f"{path.stem}: {case['label']}")
            for case in json.loads(path.read_text(encoding="utf-8"))]


def _check(case: dict[str, Any]) -> None:
    article, findings = repair({"body": case["input"]}, case.get("lang"), case.get("options"))
    assert article.body == case["expected"]
    assert sorted({f.code for f in findings}) == sorted(case["codes"])
    for finding in findings:
        assert finding.action == "replace"
        assert case["input"][finding.start:finding.end] == finding.text
        assert finding.replacement is not None and finding.message
    again, more = repair({"body": article.body}, case.get("lang"), case.get("options"))
    assert again.body == article.body, "repairing the output again changed it"
    assert more == []


@pytest.mark.parametrize("case", [c for path in RULE_FILES for c in _cases(path)])
def test_rule_case(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("case", _cases(NEGATIVE))
def test_negative_case_is_left_alone(case: dict[str, Any]) -> None:
    assert case["expected"] == case["input"] and case["codes"] == []
    _check(case)


@pytest.mark.parametrize("case", _cases(KNOWN_FAILURES))
@pytest.mark.xfail(strict=True, reason="known failure, see the case's comment")
def test_known_failure(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("rule", REPAIR_RULES, ids=lambda r: r.code)
def test_every_rule_has_positive_and_negative_cases(rule: Any) -> None:
    path = REPAIR_FIXTURES / f"{rule.code}-{rule.name}.json"
    cases = json.loads(path.read_text(encoding="utf-8"))
    assert [c for c in cases if rule.code in c["codes"]], "no positive case"
    assert [c for c in cases if not c["codes"]], "no negative case"
