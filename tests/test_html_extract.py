"""The optional extractor: trafilatura finds the main text of a page without <article>."""

from __future__ import annotations

import pytest

from cleanup.html import HtmlError, clean_html
from cleanup.html import extract as extract_module

PARAGRAPHS = [
    "The storm reached the coast at dawn on Monday, and emergency officials said more than "
    "forty thousand homes had lost power across the county.",
    "Roads will stay closed for days while crews clear fallen trees and repair damaged "
    "bridges, the mayor told reporters at a briefing on Tuesday.",
    "Schools in the three worst-hit towns will remain shut until Thursday, according to a "
    "statement from the district office.",
    "Forecasters expect calmer weather by the weekend, although they warned that rivers "
    "could keep rising after the heavy rain.",
]
JUNK = ["RELATED: Storm leaves thousands without power",
        "Follow us on Twitter and Facebook for the latest updates."]
PAGE = f"""<!DOCTYPE html><html><head><title>Storm hits the coast</title></head><body>
<div class="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
<div class="wrap"><div class="col-left">
<h1>Storm hits the coast</h1>
<div class="txt">
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{JUNK[0]}</p>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
<p>{JUNK[1]}</p>
</div></div>
<div class="col-right"><h3>Popular</h3><ul><li><a href="/a">Council approves new budget</a>
</li><li><a href="/b">Local team wins the cup</a></li></ul></div>
</div>
</body></html>"""


def test_extractor_main_text_then_the_rules() -> None:
    pytest.importorskip("trafilatura")
    out = clean_html(PAGE, extract_main=True)
    assert out.content == "extractor"
    assert out.article.headline == "Storm hits the coast"
    assert out.article.body == "\n".join(PARAGRAPHS)
    assert {f.code for f in out.findings if f.action == "remove"} == {"R102", "P101"}
    for junk in JUNK:
        assert junk not in out.html
    # what the extractor left out is not body, and stays in the page as it was
    assert '<a href="/a">Council approves new budget</a>' in out.html


def test_asking_for_the_extractor_without_trafilatura_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "available", lambda: False)
    with pytest.raises(HtmlError, match=r"pip install 'cleanup\[extract\]'"):
        clean_html(PAGE, extract_main=True)
    assert clean_html(PAGE).content == "body"
