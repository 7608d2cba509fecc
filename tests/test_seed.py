"""The canonical example: exactly the junk goes, everything else stays byte for byte."""

from __future__ import annotations

import pytest

from cleanup import clean
from tests.helpers import seed_article

SEED = seed_article()
PROMO = " تابعوا التفاصيل على خَبَرَيْن."
BODY_LINES = SEED["body"].split("\n")
SEE_ALSO = next(line for line in BODY_LINES if line.startswith("شاهد ايضاً:"))
RELATED_HEADER = "أخبار ذات صلة"
RELATED = BODY_LINES[BODY_LINES.index(RELATED_HEADER):]
RELATED_HEADLINES = [line for line in RELATED[1:] if line]


@pytest.mark.parametrize("site", [None, "khabarayn"])
def test_seed_loses_exactly_the_junk(site: str | None) -> None:
    result = clean(SEED, site=site)
    out = result.article

    assert out.headline == SEED["headline"]
    assert SEED["summary"].endswith(PROMO)
    assert out.summary == SEED["summary"][: -len(PROMO)]
    kept = [line for line in BODY_LINES[: BODY_LINES.index(RELATED_HEADER)] if line != SEE_ALSO]
    assert out.body == "\n".join(kept)
    assert len(RELATED_HEADLINES) == 3


@pytest.mark.parametrize("site", [None, "khabarayn"])
def test_seed_removals_are_findings_pointing_at_the_original(site: str | None) -> None:
    result = clean(SEED, site=site)
    removals = [f for f in result.findings if f.action == "remove"]
    removed = {(f.field, f.text) for f in removals}

    assert removed == {("summary", PROMO), ("body", SEE_ALSO), ("body", RELATED_HEADER)} | {
        ("body", h) for h in RELATED_HEADLINES}
    for finding in removals:
        assert SEED[finding.field][finding.start:finding.end] == finding.text
        assert finding.code[0] in "PRBN" and finding.code[1:].isdigit()
        assert finding.message and finding.source
    codes = {f.text: f.code for f in removals}
    assert codes[PROMO] == "P102"
    assert codes[SEE_ALSO] == "R102"
    assert codes[RELATED_HEADER] == "R101"


def test_seed_is_idempotent() -> None:
    once = clean(SEED).article
    again = clean(once)
    assert again.article == once
    assert not [f for f in again.findings if f.action != "flag"]


def test_site_pack_is_named_as_the_source_with_site() -> None:
    result = clean(SEED, site="khabarayn")
    promo = next(f for f in result.findings if f.field == "summary")
    assert promo.source == "rules/sites/khabarayn.toml#details-on-khabarayn"


def test_result_converts_to_plain_dicts() -> None:
    result = clean({"title": SEED["headline"], "description": SEED["summary"],
                    "content": SEED["body"], "author": "x"})
    data = result.to_dict()
    assert set(data) == {"title", "description", "content", "author", "findings"}
    assert data["author"] == "x"
    assert result.article.get("headline") == SEED["headline"]
    assert all(set(f) >= {"code", "name", "field", "action", "severity", "start", "end", "text",
                          "replacement", "message", "source"} for f in data["findings"])
    assert result.changed
