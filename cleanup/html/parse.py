"""Safe parsing: limits checked before parsing, no entities, no silently truncated trees.

Untrusted HTML goes through three checks before BeautifulSoup (over lxml) sees it: the
byte size, the number of start tags (which bounds the parser's time and memory) and
binary or entity-declaring input. After parsing, the text in the tree is compared with
the text in the source, so a parser that dropped the tail of a document (lxml's resource
limits do that on deep nesting) is an error instead of a partial result.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.builder import ParserRejectedMarkup
from bs4.dammit import EntitySubstitution
from bs4.element import NavigableString
from bs4.formatter import HTMLFormatter

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ELEMENTS = 200_000

_PAGE = re.compile(r"<(?:!doctype|html|head|body)[\s>/]", re.IGNORECASE)
_ENTITY_DECL = re.compile(r"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_START_TAG = re.compile(r"<[A-Za-z]")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
# For the completeness check: comments and tags out, then letters and digits counted.
_MARKUP = re.compile(r"<!--.*?-->|<[A-Za-z/!?][^>]*>", re.DOTALL)
_NOT_WORD = re.compile(r"[\W_]+")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG: these labels mean windows-1252; a declared UTF-16 in a byte stream means UTF-8.
_LEGACY = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
           "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-16": "utf-8"}


# BeautifulSoup shortens white space between tags to one character except inside these
# (the document's root included, so indentation is kept everywhere); attributes stay text.
_KEEP_SPACE = frozenset({"[document]", "html", "pre", "textarea"})


class HtmlError(ValueError):
    """The HTML cannot be cleaned: too large, not HTML text, or cut short by the parser."""


@dataclass(frozen=True)
class Limits:
    """Bounds on untrusted input, checked before parsing."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input in bytes (UTF-8 size for text input)."""
    max_elements: int = DEFAULT_MAX_ELEMENTS
    """Most start tags; each costs the parser time and about a kilobyte of memory."""

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_elements"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")


def decode(raw: str | bytes, limits: Limits) -> str:
    """Check ``raw`` against ``limits`` and return it as text (bytes are decoded)."""
    if not isinstance(raw, str | bytes):
        raise TypeError(f"html must be str or bytes, not {type(raw).__name__}")
    size = len(raw)
    if isinstance(raw, str) and size <= limits.max_bytes:
        try:
            size = len(raw.encode("utf-8"))
        except UnicodeEncodeError:
            raise HtmlError("not valid Unicode text (lone surrogates)") from None
    if size > limits.max_bytes:
        raise HtmlError(f"the HTML is {size:,} bytes, more than the limit of "
                        f"{limits.max_bytes:,} bytes")
    text = raw if isinstance(raw, str) else _decode_bytes(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:1_000_000]
    odd = len(_BINARY.findall(sample))
    if "\x00" in sample or odd > 0.05 * len(sample) + 4:
        raise HtmlError("binary data, not HTML text (control characters or undecodable bytes)")
    if _ENTITY_DECL.search(text):
        raise HtmlError("the HTML declares entities (<!ENTITY> or a DOCTYPE internal "
                        "subset); entities are never resolved, so such input is refused")
    if text.count("<") > limits.max_elements:
        tags = _START_TAG.subn("", text)[1]
        if tags > limits.max_elements:
            raise HtmlError(f"the HTML has {tags:,} tags, more than the limit of "
                            f"{limits.max_elements:,}")
    return text


def _decode_bytes(raw: bytes) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, "replace")
    declared = _declared_encoding(raw[:4096])
    if declared and declared != "utf-8":
        return raw.decode(declared, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if declared:
            return raw.decode("utf-8", "replace")
        return raw.decode("cp1252", "replace")


def _declared_encoding(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _LEGACY.get(name, name)


def as_is(text: str) -> bool:
    """True when ``text`` can be the output unchanged: it declares no charset but UTF-8
    (output is text, written as UTF-8; a changed tree is written with charset=utf-8)."""
    return _declared_encoding(text[:4096].encode("utf-8", "replace")) in (None, "utf-8")


def is_page(text: str) -> bool:
    """True for a whole page (doctype, html, head or body tag), False for a fragment."""
    return _PAGE.search(text) is not None


def parse(text: str) -> BeautifulSoup:
    """Parse checked text with BeautifulSoup over lxml; raise if the tree lost text."""
    try:
        soup = BeautifulSoup(text, "lxml", multi_valued_attributes=None,
                             preserve_whitespace_tags=_KEEP_SPACE)
    except ParserRejectedMarkup as exc:
        raise HtmlError(f"the parser rejected the HTML: {exc}") from None
    check_complete(text, soup)
    return soup


def check_complete(text: str, soup: BeautifulSoup) -> None:
    """Raise :class:`HtmlError` when the tree holds clearly less text than the source.

    Letters and digits are counted on both sides: in the source with tags and comments
    taken out (entities decoded), in the tree over every string node. A parser that gave
    up part way (lxml's depth and size limits) leaves the tree short; the tolerance only
    absorbs counting differences, never a lost paragraph.
    """
    source = _word_chars(html.unescape(_MARKUP.sub(" ", text)))
    tree = _word_chars("".join([node for node in soup.descendants
                                if isinstance(node, NavigableString)]))
    if tree < source - 16 - source // 200:
        raise HtmlError(f"the parser kept only {tree:,} of {source:,} letters and digits "
                        f"of the HTML (a resource limit cut it short); refusing a "
                        f"truncated result")


def _word_chars(text: str) -> int:
    return len(_NOT_WORD.sub("", text))


_BOOLEAN = frozenset({
    "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default",
    "defer", "disabled", "formnovalidate", "hidden", "inert", "ismap", "itemscope", "loop",
    "multiple", "muted", "nomodule", "novalidate", "open", "playsinline", "readonly",
    "required", "reversed", "selected",
})


class _KeepOrder(HTMLFormatter):
    """HTML output with attributes in source order; boolean ones bare, ``alt=""`` kept."""

    def attributes(self, tag: Tag) -> Iterable[tuple[str, Any]]:
        return [(k, None if v == "" and k in _BOOLEAN else v) for k, v in tag.attrs.items()]


FORMATTER = _KeepOrder(entity_substitution=EntitySubstitution.substitute_xml,
                       void_element_close_prefix="", empty_attributes_are_booleans=False)
"""How cleaned trees are written: minimal escaping, ``<br>`` not ``<br/>``."""


def serialize(soup: BeautifulSoup, page: bool) -> str:
    """The tree as HTML text; a fragment comes back without the html/head/body lxml added."""
    if page:
        return soup.decode(formatter=FORMATTER)
    parts: list[str] = []
    for node in soup.contents:
        if isinstance(node, Tag) and node.name == "html":
            for section in node.contents:
                if isinstance(section, Tag) and section.name in ("head", "body"):
                    parts.extend(_decode(child) for child in section.contents)
                else:
                    parts.append(_decode(section))
        else:
            parts.append(_decode(node))
    return "".join(parts)


def _decode(node: object) -> str:
    if isinstance(node, Tag):
        return node.decode(formatter=FORMATTER)
    assert isinstance(node, NavigableString)
    return node.output_ready(FORMATTER)
