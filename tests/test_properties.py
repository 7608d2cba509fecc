"""Properties that hold for any article: idempotence, no text added, exact offsets."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import Cleaner, Config
from cleanup.packs import load_ruleset
from tests.helpers import FIXTURES

RULESET = load_ruleset()
CLEANER = Cleaner(ruleset=RULESET)
REMOVALS_ONLY = Cleaner(Config(select=("P", "R", "B", "N")), ruleset=RULESET)

NEGATIVE = json.loads((FIXTURES / "negative" / "articles.json").read_text(encoding="utf-8"))
REAL_LINES = sorted({line for case in NEGATIVE for line in case["body"].split("\n") if line})
JUNK_LINES = sorted({ex for pack in RULESET.packs for entry in pack.entries
                     for ex in entry.match})
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

real_line = st.sampled_from(REAL_LINES)
any_line = st.one_of(real_line, st.sampled_from(JUNK_LINES), st.just(""))


def _article(lines: list[str], summary: str) -> dict[str, str]:
    return {"headline": "عنوان الخبر", "summary": summary, "body": "\n".join(lines)}


messy_article = st.builds(
    _article,
    st.lists(any_line, min_size=1, max_size=12),
    st.one_of(st.just(""), real_line, st.builds(lambda a, b: f"{a} {b}", real_line,
                                                 st.sampled_from(JUNK_LINES))),
)
clean_article = st.builds(_article, st.lists(real_line, min_size=1, max_size=8), real_line)
headline_in_body = real_line.flatmap(lambda headline: st.builds(
    lambda junk, rest: {"headline": headline, "summary": "",
                        "body": "\n".join([*junk, headline, *rest])},
    st.lists(st.sampled_from(JUNK_LINES), max_size=2),
    st.lists(st.one_of(*[any_line] * 7, st.just(headline)), max_size=8)))
"""Articles whose body repeats the headline, often as its first line once junk before it
is removed (V107 then removes it too)."""


@SETTINGS
@given(messy_article)
def test_cleaning_is_idempotent(article: dict[str, str]) -> None:
    once = CLEANER.clean(article).article
    twice = CLEANER.clean(once)
    assert twice.article == once
    assert [f for f in twice.findings if f.action != "flag"] == []


@SETTINGS
@given(headline_in_body)
def test_cleaning_a_repeated_headline_is_idempotent(article: dict[str, str]) -> None:
    once = CLEANER.clean(article)
    twice = CLEANER.clean(once.article)
    assert twice.article == once.article
    assert [f for f in twice.findings if f.action != "flag"] == []
    for finding in once.findings:
        assert article[finding.field][finding.start:finding.end] == finding.text


@SETTINGS
@given(messy_article)
def test_every_finding_points_at_its_text(article: dict[str, str]) -> None:
    for finding in CLEANER.clean(article).findings:
        assert article[finding.field][finding.start:finding.end] == finding.text
        assert 0 <= finding.start <= finding.end <= len(article[finding.field])


@SETTINGS
@given(messy_article)
def test_removal_rules_add_no_text(article: dict[str, str]) -> None:
    result = REMOVALS_ONLY.clean(article)
    for name in ("headline", "summary", "body"):
        assert _is_subsequence(getattr(result.article, name), article[name])
    for finding in result.findings:
        assert finding.action in ("remove", "flag")


@SETTINGS
@given(clean_article)
def test_junk_free_article_passes_through_unchanged(article: dict[str, str]) -> None:
    result = CLEANER.clean(article)
    assert result.article.to_dict() == article
    assert [f for f in result.findings if f.action != "flag"] == []


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(char in it for char in small)
