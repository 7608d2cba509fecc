"""Every ``[[selector]]`` entry's examples, and the pack schema of selector entries.

A ``match`` snippet, set in an article body after a real paragraph, is removed whole by
that entry (one H101 finding naming it); a ``no_match`` snippet comes out unchanged.
"""

from __future__ import annotations

from typing import Any

import pytest

from cleanup import Config
from cleanup.html import HtmlCleaner
from cleanup.packs import Entry, Pack, PackError, load_ruleset, parse_pack

RULESET = load_ruleset()
CLEANER = HtmlCleaner()
FILLER = ("<p>The official said the meeting lasted two hours and covered several files, "
          "and both sides agreed to continue the talks next month.</p>")


def _page(snippet: str) -> str:
    return (f'<!DOCTYPE html><html><body><main><article><h1>Talks resume</h1>{FILLER}'
            f'<div class="body">{snippet}</div></article></main></body></html>')


def _cases(kind: str) -> list[tuple[Pack, Entry, str]]:
    return [(pack, entry, ex) for pack in RULESET.packs for entry in pack.entries
            if entry.kind == "selector"
            for ex in (entry.match if kind == "match" else entry.no_match)]


MATCH = _cases("match")
NO_MATCH = _cases("no_match")


def _ids(cases: list[tuple[Pack, Entry, str]]) -> list[str]:
    return [f"{entry.source}:{i}" for i, (_, entry, _) in enumerate(cases)]


def _page_for(snippet: str) -> str:
    """A snippet that is an article is the page's article; a site header or footer stands
    beside the article; anything else is inside the article's body."""
    if snippet.startswith("<article"):
        return f"<!DOCTYPE html><html><body>{snippet}</body></html>"
    if snippet.startswith(("<header", "<footer")):
        return (f"<!DOCTYPE html><html><body>{snippet}<article><h1>Talks resume</h1>{FILLER}"
                f"</article></body></html>")
    return _page(snippet)


@pytest.mark.parametrize(("pack", "entry", "snippet"), MATCH, ids=_ids(MATCH))
def test_match_snippet_is_removed_by_its_entry(pack: Pack, entry: Entry, snippet: str) -> None:
    out = CLEANER.clean(_page_for(snippet), site=pack.site)
    containers = [f for f in out.findings if f.code == "H101"]
    assert [f.source for f in containers] == [entry.source], snippet
    assert FILLER in out.html
    assert "Talks resume" in out.html
    tag = snippet[1:].split(" ", 1)[0].split(">", 1)[0]
    assert snippet not in out.html
    assert out.html.count(f"<{tag}") < _page_for(snippet).count(f"<{tag}")


@pytest.mark.parametrize(("pack", "entry", "snippet"), NO_MATCH, ids=_ids(NO_MATCH))
def test_no_match_snippet_is_kept(pack: Pack, entry: Entry, snippet: str) -> None:
    source = _page_for(snippet)
    out = CLEANER.clean(source, site=pack.site)
    assert not [f for f in out.findings if f.action == "remove"], snippet
    assert snippet in out.html


def test_every_selector_entry_has_html_examples() -> None:
    entries = [e for p in RULESET.packs for e in p.entries if e.kind == "selector"]
    assert len(entries) >= 8
    for entry in entries:
        assert entry.css and entry.match and entry.no_match, entry.source
        assert all(ex.lstrip().startswith("<") for ex in (*entry.match, *entry.no_match))


def test_site_selectors_apply_only_to_their_site() -> None:
    snippet = next(e for e in RULESET.find_site("cnn").entries  # type: ignore[union-attr]
                   if e.kind == "selector").match[0]
    assert [f.code for f in CLEANER.clean(_page(snippet), site="cnn").findings
            if f.action == "remove"] == ["H101"]
    kept = CLEANER.clean(_page(snippet), site="bbc")
    assert not [f for f in kept.findings if f.code == "H101"]


def test_ignoring_h101_keeps_every_container() -> None:
    snippet = '<aside class="related"><h2>Elsewhere</h2><p>Another story entirely</p></aside>'
    removed = [f.code for f in CLEANER.clean(_page(snippet)).findings if f.action == "remove"]
    assert removed == ["H101"]
    out = HtmlCleaner(Config(ignore=("H101",))).clean(_page(snippet))
    assert snippet in out.html


def _pack(entry: dict[str, Any]) -> dict[str, Any]:
    base = {"id": "x", "css": [".x"], "match": ['<div class="x">a</div>'],
            "no_match": ['<div class="y">b</div>']}
    return {"pack": {"id": "t", "kind": "language"}, "selector": [base | entry]}


@pytest.mark.parametrize(("entry", "error"), [
    ({"css": []}, "needs css"),
    ({"css": ["div["]}, r"invalid CSS selector 'div\['"),
    ({"css": "p:unknown-thing"}, "invalid CSS selector"),
    ({"phrases": ["related"]}, "takes css, not phrases"),
    ({"scope": "inside"}, "scope must be one of anywhere, outside-article"),
    ({"no_match": []}, "needs at least one match and one no_match example"),
    ({"at": "line"}, "unknown key 'at'"),
])
def test_malformed_selector_entries_are_pack_errors(entry: dict[str, Any], error: str) -> None:
    with pytest.raises(PackError, match=error):
        parse_pack(_pack(entry), "user.toml")


def test_a_valid_selector_entry_loads() -> None:
    pack = parse_pack(_pack({"scope": "outside-article", "message": "box"}), "user.toml")
    (entry,) = pack.entries
    assert (entry.kind, entry.css, entry.scope, entry.message) == (
        "selector", (".x",), "outside-article", "box")
    assert entry.source == "user.toml#x"
