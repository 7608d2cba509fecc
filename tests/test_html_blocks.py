"""Block-level cleaning: what a removal does to the markup around it, and what it keeps."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cleanup import Config
from cleanup.html import clean_html
from cleanup.html.apply import FieldLines, apply, plan
from cleanup.html.blocks import collect
from cleanup.html.parse import FORMATTER
from cleanup.model import Finding

REAL = ("<p>The storm reached the coast at dawn on Monday, and officials said roads would "
        "stay closed for days.</p>")
REAL_TEXT = ("The storm reached the coast at dawn on Monday, and officials said roads would "
             "stay closed for days.")


def after_real(html: str) -> str:
    """The cleaned HTML that follows the first, real paragraph."""
    out = clean_html(REAL + html).html
    assert out.startswith(REAL)
    return out[len(REAL):]


def test_promo_sentence_is_cut_and_the_paragraphs_links_and_emphasis_stay() -> None:
    html = ('<p>Storm hits the <a href="/coast">coast</a>, officials <em>said</em>. Follow us '
            'on <a href="https://twitter.com/x">Twitter</a> for updates.</p>')
    assert after_real(html) == '<p>Storm hits the <a href="/coast">coast</a>, officials ' \
                               '<em>said</em>.</p>'


def test_a_cut_keeps_the_white_space_of_what_stays() -> None:
    html = "<p>Roads   will stay\n   closed for days. Follow us\n  on Twitter.</p>"
    out = clean_html(REAL + html)
    assert out.html.endswith("<p>Roads   will stay\n   closed for days.</p>")
    assert out.article.body.split("\n")[1] == "Roads will stay closed for days."


def test_lines_split_by_br_are_removed_with_their_line_breaks() -> None:
    html = ("<div>The storm reached the coast at dawn on Monday, officials said.<br><br>"
            "READ MORE: Storm leaves thousands without power<br><br>"
            "Roads will stay closed for days, the mayor said.</div>")
    out = clean_html(html)
    assert out.html == ("<div>The storm reached the coast at dawn on Monday, officials said."
                        "<br><br>Roads will stay closed for days, the mayor said.</div>")
    assert out.article.body.count("\n") == 1


def test_a_removed_block_goes_as_an_element_with_its_empty_parents() -> None:
    html = ('\n<h3>Related</h3>\n<ul class="links">\n  <li><a href="/1"><img src="t1.jpg">'
            'Storm leaves thousands without power</a></li>\n  <li><a href="/2">Mayor promises '
            'quick repairs</a></li>\n</ul>\n')
    assert after_real(html) == "\n"


def test_text_directly_in_a_div_is_a_line_of_its_own() -> None:
    html = "<div>Follow us on Twitter<p>Roads will stay closed for days, the mayor said.</p></div>"
    assert after_real(html) == "<div><p>Roads will stay closed for days, the mayor said.</p></div>"


def test_a_junk_line_beside_an_image_leaves_the_image() -> None:
    assert after_real('<p><img src="chart.png" alt=""> Follow us on Twitter</p>') == \
        '<p><img src="chart.png" alt=""></p>'


def test_a_nested_list_keeps_the_item_that_holds_real_text() -> None:
    html = ("<ul><li>Roads will stay closed for days.<ul><li>Follow us on Twitter</li></ul>"
            "</li></ul>")
    assert after_real(html) == "<ul><li>Roads will stay closed for days.</li></ul>"


def test_scripts_styles_and_comments_are_not_text_and_stay() -> None:
    html = ('<p>Real text here. <!-- editor note --> more text.</p><script>var promo = '
            '"Follow us on Twitter";</script><style>.a{content:"Follow us"}</style>')
    out = clean_html(REAL + html)
    assert out.html == REAL + html
    assert out.article.body == f"{REAL_TEXT}\nReal text here. more text."


def test_the_guard_keeps_a_body_that_would_be_emptied() -> None:
    out = clean_html("<p>Follow us on Twitter</p>", config=Config(ignore=("V",)))
    assert out.html == "<p>Follow us on Twitter</p>"
    assert [(f.code, f.action) for f in out.findings] == [("E001", "flag")]


def _field(html: str) -> tuple[BeautifulSoup, FieldLines]:
    soup = BeautifulSoup(html, "lxml", multi_valued_attributes=None)
    assert soup.body is not None
    return soup, FieldLines.of("body", collect(soup.body))


def _finding(action: str, start: int, end: int, replacement: str | None = None) -> Finding:
    return Finding(code="T000", name="test", field="body", action=action,  # type: ignore[arg-type]
                   severity="info", start=start, end=end, text="", message="",
                   replacement=replacement)


def _body(soup: BeautifulSoup) -> str:
    assert soup.body is not None
    return "".join(c.decode(formatter=FORMATTER) if hasattr(c, "decode") else str(c)
                   for c in soup.body.contents)


@pytest.mark.parametrize(("html", "span", "replacement", "expected"), [
    # a replacement inside an inline element stays inside it
    ("<p>Caf<b>e\u0301</b> open</p>", (3, 5), "é", "<p>Caf<b>é</b> open</p>"),
    # one across nodes goes into the first; an element left without text goes
    ("<p>ab<b>cd</b>ef</p>", (1, 5), "X", "<p>aXf</p>"),
    # white space collapsed in the line is one character, the whole run in the node
    ("<p>one\n\n   two</p>", (3, 4), " - ", "<p>one - two</p>"),
    # an insertion (empty span) lands inside the node where it points
    ("<p>ab<i>cd</i></p>", (2, 2), "X", "<p>abX<i>cd</i></p>"),
    # the second line of a block maps after the first line's "\n"
    ("<p>first line</p><p>second <a href='/x'>line</a></p>", (11 + 7, 11 + 11), "LINE",
     '<p>first line</p><p>second <a href="/x">LINE</a></p>'),
])
def test_replacements_are_applied_inside_text_nodes(
        html: str, span: tuple[int, int], replacement: str, expected: str) -> None:
    soup, field = _field(html)
    finding = _finding("replace", *span, replacement)
    apply(plan([field], [finding]), field.lines, frozenset())
    assert _body(soup) == expected


def test_field_text_joins_block_lines_with_newlines() -> None:
    _, field = _field("<div>intro <b>text</b><p>para  one</p>tail<br>after  br</div>")
    assert field.text == "intro text\npara one\ntail\nafter br"
    assert field.starts == [0, 11, 20, 25]


def test_spacer_paragraphs_are_no_lines_and_stay() -> None:
    html = f"{REAL}<p>&nbsp;</p><p>\u200f </p>{REAL}"
    out = clean_html(html)
    assert out.article.body == f"{REAL_TEXT}\n{REAL_TEXT}"
    assert out.html == html


def test_a_document_with_nothing_to_clean_comes_back_byte_for_byte() -> None:
    html = f"<P CLASS='x'>Storm &amp; rain at the caf&eacute;.<BR/>More at noon.</P>\n{REAL}"
    out = clean_html(html)
    assert not out.changed
    assert out.html == html
    changed = clean_html(html + "<p>Follow us on Twitter</p>")
    assert changed.changed
    assert changed.html == (f'<p class="x">Storm &amp; rain at the café.<br>More at noon.</p>\n'
                            f"{REAL}")
