"""Field detection on pages: where the headline, summary and body come from."""

from __future__ import annotations

from cleanup.html import HtmlCleaner

CLEANER = HtmlCleaner()
P1 = "The storm reached the coast at dawn on Monday, officials said."
P2 = "Roads will stay closed for days while crews clear fallen trees, the mayor said."


def page(head: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{body}</body></html>")


def test_article_h1_lead_and_paragraphs() -> None:
    out = CLEANER.clean(page(
        "<title>Storm | Daily Planet</title>",
        '<header><h1 class="logo">Daily Planet</h1></header><article><header><h1>Storm hits '
        f'the coast</h1><p class="standfirst">Thousands without power.</p><p class="byline">'
        f"By Lois Lane</p></header><p>{P1}</p><p>{P2}</p><footer><p>Filed under: weather"
        "</p></footer></article>"))
    assert out.content == "article"
    assert (out.article.headline, out.article.summary, out.article.body) == (
        "Storm hits the coast", "Thousands without power.", f"{P1}\n{P2}")
    assert out.article.lang == "en"


def test_article_body_element_is_the_body_when_marked() -> None:
    out = CLEANER.clean(page("", (
        "<article><h1>Storm hits the coast</h1><div class='caption'>Photo: Jimmy Olsen</div>"
        f"<div itemprop='articleBody'><p>{P1}</p><p>{P2}</p></div>"
        "<div class='author-box'>Lois Lane covers weather.</div></article>")))
    assert out.article.body == f"{P1}\n{P2}"


def test_the_article_with_the_headline_wins_over_teasers() -> None:
    out = CLEANER.clean(page("", (
        f"<article class='teaser'><h2>Other story</h2><p>{P2} {P2} {P2}</p></article>"
        f"<article><h1>Storm hits the coast</h1><p>{P1}</p></article>")))
    assert out.article.headline == "Storm hits the coast"
    assert out.article.body == P1


def test_main_is_the_body_without_an_article() -> None:
    out = CLEANER.clean(page("", (
        "<div class='menu'>Home World Sport</div><main><h1>Storm hits the coast</h1>"
        f"<p>{P1}</p><p>{P2}</p></main><div class='side'>Weather in Paris</div>")))
    assert out.content == "main"
    assert out.article.body == f"{P1}\n{P2}"


def test_meta_fields_when_the_page_has_no_h1_or_lead() -> None:
    out = CLEANER.clean(page(
        '<meta property="og:title" content="أزمة الخليج: محطات رئيسية - BBC News عربي">'
        '<meta name="description" content="ملخص الأزمة في  سطور.">'
        '<link rel="canonical" href="https://www.bbc.com/arabic/middleeast-1">',
        f"<article><p>{P1}</p></article>", lang="ar"))
    assert out.article.headline == "أزمة الخليج: محطات رئيسية"
    assert out.article.summary == "ملخص الأزمة في سطور."
    assert out.article.url == "https://www.bbc.com/arabic/middleeast-1"
    suffix = next(f for f in out.findings if f.code == "B105")
    assert suffix.path == "html > head > meta:nth-of-type(2)"
    assert 'content="أزمة الخليج: محطات رئيسية"' in out.html
    again = CLEANER.clean(out.html)
    assert again.html == out.html
    assert not [f for f in again.findings if f.action != "flag"]


def test_title_element_is_the_last_resort_for_the_headline() -> None:
    out = CLEANER.clean(page("<title>Storm hits the coast</title>",
                             f"<article><p>{P1}</p></article>"))
    assert out.article.headline == "Storm hits the coast"


def test_a_page_without_article_or_main_is_all_body_without_the_extractor() -> None:
    out = CLEANER.clean(page("", (
        f"<nav><a href='/'>Home</a></nav><h1>Storm hits the coast</h1><p>{P1}</p>"
        "<footer><p>© 2025 Daily Planet. All rights reserved.</p></footer>")),
        extract_main=False)
    assert out.content == "body"
    assert out.article.headline == "Storm hits the coast"
    assert out.article.body == P1
    assert "<nav>" not in out.html and "<footer>" not in out.html


def test_a_fragment_is_all_body_even_with_a_heading() -> None:
    out = CLEANER.clean(f"<h1>Storm</h1><p>{P1}</p>")
    assert out.content == "fragment"
    assert out.article.headline == ""
    assert out.article.body == f"Storm\n{P1}"
    assert out.html == f"<h1>Storm</h1><p>{P1}</p>"


def test_a_fragment_keeps_leading_comments_and_style() -> None:
    html = f"<!-- cms:body --><style>p{{margin:0}}</style><p>{P1}</p>\n"
    assert CLEANER.clean(html).html == html


def test_html_json_has_the_fields_findings_and_paths() -> None:
    out = CLEANER.clean(f"<p>{P1}</p><p>Follow us on Twitter for updates.</p>")
    data = out.to_dict()
    assert data["body"] == P1
    assert {"headline", "summary", "body", "findings"} <= set(data)
    (finding,) = [f for f in data["findings"] if f["action"] == "remove"]
    assert finding["code"] == "P101"
    assert finding["path"] == "p:nth-of-type(2)"


def test_a_logo_h1_before_the_headline_is_passed_over() -> None:
    out = CLEANER.clean(page(
        "<title>Storm hits the coast - Daily Planet</title>",
        f"<div id='banner'><h1>Daily Planet</h1></div><h1>Storm hits the coast</h1><p>{P1}</p>"),
        extract_main=False)
    assert out.article.headline == "Storm hits the coast"
    assert out.article.body == f"Daily Planet\n{P1}"
