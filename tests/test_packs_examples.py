"""Every pack entry's examples: ``match`` lines are removed by that entry, ``no_match`` stay."""

from __future__ import annotations

import pytest

from cleanup import Cleaner, Config
from cleanup.packs import Entry, Pack, load_ruleset

RULESET = load_ruleset()
CLEANER = Cleaner(ruleset=RULESET)
NO_VALIDATION = Cleaner(Config(ignore=("V",)), ruleset=RULESET)
"""For checks of one field: validation would compare it with the filler."""
FILLER = {
    "ar": ("قال المسؤول إن الاجتماع استمر ساعتين وناقش ملفات عدة. وأضاف أن الطرفين اتفقا على "
           "مواصلة المحادثات الشهر المقبل في العاصمة، وأن لجنة مشتركة ستتابع تنفيذ ما اتفق عليه "
           "خلال الأسابيع المقبلة."),
    "en": ("The official said the meeting lasted two hours and covered several files. Both "
           "sides agreed to continue the talks next month in the capital, and a joint "
           "committee will follow up on what was agreed over the coming weeks."),
}


def _cases(kind: str) -> list[tuple[Pack, Entry, str]]:
    return [(pack, entry, ex) for pack in RULESET.packs for entry in pack.entries
            if entry.kind != "selector"  # HTML snippets: tests/test_html_selectors.py
            for ex in (entry.match if kind == "match" else entry.no_match)]


def _ids(cases: list[tuple[Pack, Entry, str]]) -> list[str]:
    return [f"{entry.source}:{i}" for i, (_, entry, _) in enumerate(cases)]


def _clean(pack: Pack, example: str):  # type: ignore[no-untyped-def]
    filler = FILLER.get(pack.lang or "ar", FILLER["ar"])
    body = f"{filler}\n{example}"
    return body, CLEANER.clean({"headline": "", "summary": "", "body": body},
                               site=pack.site, lang=pack.lang)


MATCH = _cases("match")
NO_MATCH = _cases("no_match")


@pytest.mark.parametrize(("pack", "entry", "example"), MATCH, ids=_ids(MATCH))
def test_match_example_is_removed_by_its_entry(pack: Pack, entry: Entry, example: str) -> None:
    body, result = _clean(pack, example)
    start = body.index(example)
    removals = [f for f in result.findings if f.action == "remove" and f.field == "body"
                and f.start < start + len(example) and start < f.end]
    assert removals, f"{example!r} was not removed"
    assert entry.source in {f.source for f in removals}, (
        f"{example!r} removed by {[f.source for f in removals]}, not by {entry.source}")
    assert example not in result.article.body


@pytest.mark.parametrize(("pack", "entry", "example"), NO_MATCH, ids=_ids(NO_MATCH))
def test_no_match_example_is_kept(pack: Pack, entry: Entry, example: str) -> None:
    body, result = _clean(pack, example)
    assert result.article.body == body
    assert not [f for f in result.findings if f.action == "remove"]


SITE_PACKS = [p for p in RULESET.site_packs]


@pytest.mark.parametrize("pack", SITE_PACKS, ids=[p.id for p in SITE_PACKS])
def test_site_headline_suffix_examples(pack: Pack) -> None:
    assert pack.headline_match, f"{pack.path}: no headline_match example"
    for headline in pack.headline_match:
        result = NO_VALIDATION.clean(
            {"headline": headline, "summary": "", "body": FILLER["ar"]}, site=pack.site)
        codes = [f.code for f in result.findings if f.field == "headline"]
        assert codes == ["B105"], f"{headline!r}: {codes}"
        assert len(result.article.headline) < len(headline)
        assert headline.startswith(result.article.headline)


@pytest.mark.parametrize("pack", SITE_PACKS, ids=[p.id for p in SITE_PACKS])
def test_site_brand_line_examples(pack: Pack) -> None:
    assert pack.brand_line_match, f"{pack.path}: no brand_line_match example"
    for line in pack.brand_line_match:
        body = f"{FILLER['ar']}\n{line}"
        result = CLEANER.clean({"headline": "", "summary": "", "body": body}, site=pack.site)
        assert result.article.body == FILLER["ar"], f"{line!r} kept"
        assert [f.code for f in result.findings if f.action == "remove"] == ["B101"]


def test_every_entry_has_examples() -> None:
    for pack in RULESET.packs:
        for entry in pack.entries:
            assert entry.match and entry.no_match, entry.source


def test_builtin_packs_cover_the_development_sites() -> None:
    sites = {p.site for p in RULESET.site_packs}
    assert {"khabarayn", "bbc", "cnn", "france24", "alarabiya", "skynews"} <= sites
    assert {p.id for p in RULESET.language_packs} == {"ar", "en"}
