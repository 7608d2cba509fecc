"""The seed as a news page in four shapes, and as a CMS body: exactly the junk goes.

Each page (fixtures/html/khabarayn-*.html) has a site header with a nav, a share bar
"شارك الخبر: فيسبوك إكس واتساب", a "الأكثر قراءة" sidebar and a copyright footer; the
related block is an <aside> inside the <article>, an <aside> after it, plain <p>
paragraphs in the body, or <p><a> links in the body.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from cleanup.html import HtmlCleaner, HtmlFinding, clean_html
from tests.helpers import FIXTURES, seed_article

SEED = seed_article()
PROMO = " تابعوا التفاصيل على خَبَرَيْن."
BODY_LINES = SEED["body"].split("\n")
RELATED_HEADER = "أخبار ذات صلة"
SEE_ALSO = next(line for line in BODY_LINES if line.startswith("شاهد ايضاً:"))
RELATED = [line for line in BODY_LINES[BODY_LINES.index(RELATED_HEADER) + 1:] if line]
KEPT = [line for line in BODY_LINES[: BODY_LINES.index(RELATED_HEADER)] if line != SEE_ALSO]
JUNK = [PROMO.strip(), SEE_ALSO, RELATED_HEADER, *RELATED, "شارك الخبر", "الأكثر قراءة",
        "ريال مدريد يتوج", "جميع الحقوق محفوظة", "الرئيسية", "اقتصاد"]
SHAPES = ["aside-inside", "aside-after", "paragraphs", "links"]
CLEANER = HtmlCleaner()


def page(shape: str) -> str:
    return (FIXTURES / "html" / f"khabarayn-{shape}.html").read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    """The text a reader sees in the page's body, white space collapsed."""
    soup = BeautifulSoup(html, "lxml")
    return " ".join((soup.body or soup).get_text().split())


def kept_paragraphs(html: str) -> list[str]:
    """The source markup of every body <p> whose text is a kept seed paragraph."""
    found = re.findall(r"<p>.*?</p>", html)
    out = [p for p in found if re.sub(r"<[^>]+>", "", p) in KEPT]
    assert len(out) == len(KEPT)
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("site", [None, "khabarayn"])
def test_page_fields_are_the_seed_without_its_junk(shape: str, site: str | None) -> None:
    out = CLEANER.clean(page(shape), site=site)
    assert out.page and out.content == "article"
    assert out.article.headline == SEED["headline"]
    assert out.article.summary == SEED["summary"][: -len(PROMO)]
    assert out.article.body == "\n".join(KEPT)


@pytest.mark.parametrize("shape", SHAPES)
def test_page_html_keeps_no_junk_and_every_kept_paragraph_verbatim(shape: str) -> None:
    source = page(shape)
    out = CLEANER.clean(source)
    shown = visible_text(out.html)
    for junk in JUNK:
        assert junk in visible_text(source)
        assert junk not in shown, f"{junk!r} left in the HTML"
    for paragraph in kept_paragraphs(source):
        assert paragraph in out.html, f"markup changed: {paragraph[:80]}"
    # the rest of the page is as it was: head, attributes, image, embed, tags
    for kept in ['<html lang="ar" dir="rtl">', '<article class="story" id="story-1042">',
                 '<h1 class="story-title">', '<div class="byline">خبرين - <time datetime=',
                 '<img src="/media/2025/09/wang-choe.jpg" alt="وانغ يي وتشوي سون هوي في بكين" '
                 'width="960" height="540">',
                 '<iframe src="https://www.youtube-nocookie.com/embed/k3Yx0Q"',
                 'allowfullscreen></iframe>', '<a class="tag" href="/tag/china">الصين</a>',
                 '<meta property="og:title"', '<link rel="canonical"']:
        assert kept in out.html


@pytest.mark.parametrize("shape", SHAPES)
def test_promo_sentence_and_its_link_are_cut_from_the_lead(shape: str) -> None:
    out = CLEANER.clean(page(shape))
    lead = re.search(r'<p class="lead">(.*?)</p>', out.html)
    assert lead is not None
    assert lead.group(1) == SEED["summary"][: -len(PROMO)]
    assert 'href="https://khabarayn.com/"' not in out.html
    # the description metas repeated the lead: they lose the same sentence
    assert out.html.count(f'content="{SEED["summary"][: -len(PROMO)]}"') == 2
    assert PROMO.strip() not in out.html


@pytest.mark.parametrize("shape", SHAPES)
def test_findings_name_the_rule_the_text_and_a_css_path(shape: str) -> None:
    source = page(shape)
    out = CLEANER.clean(source)
    removals = [f for f in out.findings if f.action == "remove"]
    assert all(isinstance(f, HtmlFinding) and f.path for f in removals)
    by_text = {f.text: f for f in removals if f.field == "body"}
    assert by_text[SEE_ALSO].code == "R102"
    promo = [f for f in removals if f.text == PROMO]
    assert {(f.code, f.field) for f in promo} == {("P102", "summary")}
    # the lead, and the description metas that repeat it
    assert sorted(f.path for f in promo if f.path) == [
        "article#story-1042 > header > p", "html > head > meta:nth-of-type(2)",
        "html > head > meta:nth-of-type(4)"]
    soup = BeautifulSoup(source, "lxml", multi_valued_attributes=None)
    for finding in removals:
        assert finding.path is not None
        (element,) = soup.select(finding.path)
        where = element.get("content") if element.name == "meta" else element.get_text()
        assert finding.text.split("\n")[0].strip() in " ".join(str(where).split())
    containers = {f.source.split("#")[1] for f in removals if f.code == "H101" and f.source}
    assert {"page-header", "share-container", "most-read-container",
            "page-footer"} <= containers
    related = [f for f in removals if RELATED[0] in f.text]
    assert len(related) == 1
    if shape.startswith("aside"):
        assert related[0].code == "H101"
        assert related[0].source == "rules/ar.toml#related-container"
    else:
        assert related[0].code == "R101"
        assert {f.text for f in removals if f.code == "R101"} == {RELATED_HEADER, *RELATED}


@pytest.mark.parametrize("shape", SHAPES)
def test_cleaning_the_output_again_changes_nothing(shape: str) -> None:
    once = CLEANER.clean(page(shape))
    again = CLEANER.clean(once.html)
    assert again.html == once.html
    fields = ("headline", "summary", "body")
    assert [again.article.get(f) for f in fields] == [once.article.get(f) for f in fields]
    assert not [f for f in again.findings if f.action != "flag"]


def test_canonical_url_selects_the_site_pack() -> None:
    out = CLEANER.clean(page("paragraphs"))
    assert out.article.url == "https://khabarayn.com/world/2025/09/china-north-korea-hegemony"
    promo = next(f for f in out.findings if f.field == "summary" and f.action == "remove")
    assert promo.source == "rules/sites/khabarayn.toml#details-on-khabarayn"


def test_bytes_and_text_give_the_same_result() -> None:
    source = page("links")
    assert clean_html(source.encode("utf-8")).html == clean_html(source).html


def test_cms_body_fragment_comes_back_as_a_fragment() -> None:
    source = (FIXTURES / "html" / "khabarayn-cms-body.html").read_text(encoding="utf-8")
    out = clean_html(source)
    assert not out.page and out.content == "fragment"
    assert (out.article.headline, out.article.summary) == ("", "")
    assert out.article.body == "\n".join(KEPT)
    assert not re.search(r"<(html|head|body)\b", out.html)
    assert out.html == "".join(p + "\n" for p in kept_paragraphs(source)[:6]) + \
        source.split("\n")[7] + "\n" + "".join(p + "\n" for p in kept_paragraphs(source)[6:])
    paths = {f.text: f.path for f in out.findings if f.action == "remove"}
    assert paths[SEE_ALSO] == "p:nth-of-type(4)"
    assert paths[RELATED_HEADER] == "p:nth-of-type(12)"
