"""Loading rule packs: user packs, clear errors for malformed ones, linear-time patterns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanup import Cleaner, Config, PackError, UnknownSiteError, clean
from cleanup.packs import load_pack, parse_pack
from tests.helpers import FIXTURES

PACKS = FIXTURES / "packs"


def test_user_pack_folder_adds_rules() -> None:
    first = ("The council met on Monday to discuss the budget for next year, and members "
             "agreed to publish the draft before the end of the month.")
    body = f"{first}\nListen to our podcast wherever you get your podcasts."
    article = {"headline": "", "summary": "", "body": body}
    assert clean(article).article.body == body
    result = Cleaner(Config(rule_dirs=(str(PACKS / "user"),))).clean(article)
    assert result.article.body == first
    source = f"{PACKS / 'user' / 'newsroom.toml'}#podcast-plug"
    assert [f.source for f in result.findings if f.action == "remove"] == [source]


def test_pack_without_examples_is_an_error_naming_file_and_entry() -> None:
    with pytest.raises(PackError) as err:
        load_pack(PACKS / "bad" / "missing-examples.toml")
    assert "missing-examples.toml" in str(err.value)
    assert "'no-examples'" in str(err.value)
    assert "example" in str(err.value)


def test_backreference_pattern_is_rejected() -> None:
    with pytest.raises(PackError, match=r"backreference\.toml.*'repeated-word'.*invalid pattern"):
        load_pack(PACKS / "bad" / "backreference.toml")


def test_nested_quantifier_runs_in_linear_time() -> None:
    pack = load_pack(PACKS / "bad" / "catastrophic.toml")
    entry = pack.entries[0]
    start = time.perf_counter()
    assert entry.pattern.fullmatch("a" * 50_000 + "b") is None
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(("data", "message"), [
    ({}, "missing [pack]"),
    ({"pack": {"kind": "blog"}}, "kind must be"),
    ({"pack": {"kind": "language"}, "promos": []}, "unknown table [promos]"),
    ({"pack": {"kind": "site"}}, "missing [site]"),
    ({"pack": {"kind": "language"}, "promo": [{"phrases": ["x"]}]}, "missing id"),
    ({"pack": {"kind": "language"}, "promo": [{"id": "a", "phrases": ["x"], "match": ["x"],
                                               "no_match": ["y"], "colour": 1}]},
     "'a': unknown key 'colour'"),
    ({"pack": {"kind": "language"}, "line": [{"id": "a", "phrases": ["x"], "match": ["x"],
                                              "no_match": ["y"], "code": "Z9"}]},
     "code must be one of"),
    ({"pack": {"kind": "language"}, "promo": [{"id": "a", "phrases": ["..."], "match": ["x"],
                                               "no_match": ["y"]}]},
     "no letters or digits"),
    ({"pack": {"kind": "language"}, "promo": [{"id": "a", "phrases": ["x"], "near": ["@nope"],
                                               "match": ["x"], "no_match": ["y"]}]},
     "unknown or circular vocabulary"),
])
def test_malformed_pack_messages(data: dict[str, object], message: str) -> None:
    with pytest.raises(PackError) as err:
        parse_pack(data, "my.toml")
    assert str(err.value).startswith("my.toml: ")
    assert message in str(err.value)


def test_unreadable_pack_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text("[pack\nkind = 1", encoding="utf-8")
    with pytest.raises(PackError, match=r"broken\.toml: cannot read rule pack"):
        load_pack(bad)


def test_missing_rule_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="rule folder not found"):
        Cleaner(Config(rule_dirs=(str(tmp_path / "nope"),)))


def test_unknown_site_is_an_error() -> None:
    with pytest.raises(UnknownSiteError, match=r"unknown site 'nosuchsite'.*khabarayn"):
        clean({"body": "text"}, site="nosuchsite")


def test_site_is_found_from_the_article_url() -> None:
    article = {"headline": "Storm hits coast - Khabarayn", "body": "Text of the story.",
               "url": "https://www.khabarayn.com/news/1"}
    assert clean(article).article.headline == "Storm hits coast"
