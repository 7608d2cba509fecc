"""Hostile HTML: a clear error or a complete result, in bounded time, never a truncated one."""

from __future__ import annotations

import os
import random
import time

import pytest
from bs4 import BeautifulSoup

from cleanup.html import HtmlCleaner, HtmlError, Limits, clean_html
from cleanup.html.parse import check_complete

TAIL = "The tail paragraph is the last thing in the document."


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def test_deep_nesting_gives_the_whole_text() -> None:
    depth = 100_000
    html = "<div>" * depth + "<p>Deep inside the nest.</p>" + "</div>" * depth + f"<p>{TAIL}</p>"
    out, seconds = timed(clean_html, html)
    assert out.article.body == f"Deep inside the nest.\n{TAIL}"
    assert out.html.endswith(f"<p>{TAIL}</p>")
    assert seconds < 15


def test_deep_unclosed_nesting_gives_the_whole_text() -> None:
    html = "<span><b>" * 50_000 + "Deep inside the nest." + f"<p>{TAIL}</p>"
    out = clean_html(html)
    assert out.article.body.endswith(TAIL)
    assert "Deep inside the nest." in out.article.body


def test_fifty_megabytes_is_refused_before_parsing() -> None:
    html = b"<p>" + b"a" * (50 * 1024 * 1024) + b"</p>"
    start = time.perf_counter()
    with pytest.raises(HtmlError, match=r"52,428,807 bytes, more than the limit of 10,485,760"):
        clean_html(html)
    assert time.perf_counter() - start < 1


def test_fifty_megabytes_of_text_input_is_refused_too() -> None:
    with pytest.raises(HtmlError, match="more than the limit"):
        clean_html("<p>" + "خبر " * (13 * 1024 * 1024) + "</p>")


def test_the_size_cap_is_configurable() -> None:
    html = f"<p>{TAIL}</p>" * 100
    assert clean_html(html).article.body
    with pytest.raises(HtmlError, match="more than the limit of 1,000 bytes"):
        clean_html(html, max_bytes=1000)
    assert HtmlCleaner(limits=Limits(max_bytes=10_000)).clean(html).article.body
    with pytest.raises(ValueError, match="max_bytes"):
        Limits(max_bytes=0)


def test_too_many_tags_is_refused_before_parsing() -> None:
    html = "<b>x</b>" * 300_000
    start = time.perf_counter()
    with pytest.raises(HtmlError, match="300,000 tags, more than the limit of 200,000"):
        clean_html(html)
    assert time.perf_counter() - start < 2
    assert HtmlCleaner(limits=Limits(max_elements=10)).limits.max_elements == 10
    with pytest.raises(HtmlError, match="tags"):
        HtmlCleaner(limits=Limits(max_elements=10)).clean("<p>a</p>" * 11)


def test_unclosed_tags_give_every_paragraph() -> None:
    html = ("<html><body><article><h1>Storm hits the coast<p>The storm reached the coast "
            "at dawn.<p>Roads were <b>closed <i>for hours<li>Schools shut<li>Power cut"
            "<div>Officials said repairs would take days.")
    out = clean_html(html)
    assert out.article.headline == "Storm hits the coast"
    assert out.article.body.split("\n") == [
        "The storm reached the coast at dawn.", "Roads were closed for hours", "Schools shut",
        "Power cut", "Officials said repairs would take days."]


def test_binary_garbage_is_refused() -> None:
    noise = random.Random(5).randbytes(200_000)
    with pytest.raises(HtmlError, match="binary data"):
        clean_html(noise)
    with pytest.raises(HtmlError, match="binary data"):
        clean_html(b"<p>text</p>\x00\x01\x02" + os.urandom(64))


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(HtmlError, match="not valid Unicode"):
        clean_html("<p>a\ud800b</p>")


@pytest.mark.parametrize("declaration", [
    '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE html PUBLIC "x" "y" [<!ENTITY big "AAAA">]>',
    '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">',
])
def test_entity_declarations_are_refused_and_never_resolved(declaration: str) -> None:
    html = f"{declaration}<html><body><p>&xxe; &big;</p></body></html>"
    with pytest.raises(HtmlError, match="declares entities"):
        clean_html(html)


def test_undeclared_entities_stay_text() -> None:
    html = "<p>Fish &amp; chips for &xxe; two &lt;3.</p><p>Follow us on Twitter</p>"
    out = clean_html(html)
    assert out.article.body == "Fish & chips for &xxe; two <3."
    assert out.html == "<p>Fish &amp; chips for &amp;xxe; two &lt;3.</p>"


def test_a_tree_that_lost_its_tail_is_an_error() -> None:
    text = "<p>" + "Complete sentence number one. " * 50 + "</p>" + f"<p>{TAIL}</p>"
    check_complete(text, BeautifulSoup(text, "lxml"))
    cut = BeautifulSoup(text[: len(text) // 2], "lxml")
    with pytest.raises(HtmlError, match="refusing a truncated result"):
        check_complete(text, cut)


def test_legacy_encodings_are_decoded_from_meta_charset() -> None:
    html = ('<html><head><meta charset="windows-1256"></head><body><article><h1>عنوان الخبر'
            '</h1><p>نص الخبر هنا.</p></article></body></html>').encode("cp1256")
    out = clean_html(html)
    assert out.article.headline == "عنوان الخبر"
    assert out.article.body == "نص الخبر هنا."
    assert '<meta charset="utf-8">' in out.html


def test_undeclared_non_utf8_bytes_fall_back_to_windows_1252() -> None:
    out = clean_html("<p>Caf\u00e9 \u201cquoted\u201d</p>".encode("cp1252"))
    assert out.article.body == "Caf\u00e9 \u201cquoted\u201d"


def test_wrong_input_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        clean_html(["<p>x</p>"])  # type: ignore[arg-type]
