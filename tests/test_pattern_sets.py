"""A PatternSet answers as each entry's own pattern would, one call for all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.fold import fold
from cleanup.packs import compile_pattern, load_ruleset
from cleanup.pattern_sets import PatternSet


@dataclass(frozen=True)
class _Entry:
    at: str
    pattern: Any


def _one_by_one(entries: tuple[Any, ...], key: str) -> tuple[Any, ...]:
    """What trying each entry's pattern on its own gives (the rules' old way)."""
    out = []
    for e in entries:
        p = e.pattern
        ok = p.fullmatch(key) if e.at == "line" else p.match(key) if e.at == "start" \
            else p.search(key)
        if ok:
            out.append(e)
    return tuple(out)


_MIXED = tuple(
    _Entry(at, compile_pattern(pattern, "test"))
    for at, pattern in [
        ("start", r"^[^\p{L}\p{N}]*(?:©|\(c\)|copyright)"),
        ("line", r"(?:اقرأ|اقرا) (?:ايضا|المزيد)"),
        ("anywhere", r"\bsubscribe\b"),
        ("start", r"\(?photo"),
        ("anywhere", r"\d{4}"),
        ("line", r"follow us.*"),
    ]
)


def test_each_anchoring_answers_as_its_patterns_do() -> None:
    found = PatternSet(_MIXED)
    cases = {
        "© 2024 all rights": [0, 4],
        "اقرأ ايضا": [1],
        "اقرأ ايضا هذا": [],
        "please subscribe now": [2],
        "(photo: reuters) 1999": [3, 4],
        "follow us on x": [5],
        "we follow us": [],
        "": [],
    }
    for key, expected in cases.items():
        assert found.matching(key) == tuple(_MIXED[i] for i in expected), key
        assert found.matching(key) == _one_by_one(_MIXED, key), key


def test_an_empty_set_matches_nothing() -> None:
    assert not PatternSet(())
    assert PatternSet(()).matching("© 2024") == ()


def test_the_bundled_patterns_answer_their_examples_as_before() -> None:
    ruleset = load_ruleset()
    for pack in ruleset.packs:
        active = ruleset.active(pack if pack.kind == "site" else None)
        patterns = active.patterns
        assert patterns, "the bundled packs have pattern entries"
        for entry in patterns:
            for example in (*entry.match, *entry.no_match):
                key = fold(example).strip()
                assert active.pattern_set.matching(key) == _one_by_one(patterns, key)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="©()cpoyrightphtsubcre 0123456789اقرأيضالمزدfw", max_size=30))
def test_any_text_gets_the_same_answer(key: str) -> None:
    assert PatternSet(_MIXED).matching(key) == _one_by_one(_MIXED, key)
