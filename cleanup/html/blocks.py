"""Block extraction: the text of block elements as lines, each mapped back to text nodes.

A line is a run of inline content inside one block element (its *owner*), ended by a
block boundary or a ``<br>``. Its text is normalised the way a browser shows it (runs of
HTML white space become one space, none at the ends) and every piece of it remembers the
text node and position it came from, so an edit of the line can be made in the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag
from bs4.element import NavigableString, PageElement

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
    "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
"""Elements that start and end a line."""

SKIP_TAGS = frozenset({
    "audio", "canvas", "datalist", "embed", "head", "iframe", "map", "math", "noscript",
    "object", "script", "select", "style", "svg", "template", "textarea", "title", "video",
})
"""Elements whose text is never article text."""

MEDIA_TAGS = frozenset({
    "area", "audio", "canvas", "embed", "iframe", "img", "input", "map", "math", "object",
    "picture", "select", "source", "svg", "textarea", "track", "video",
})
"""Elements that are content without text: a block holding one is not empty."""

_SPACE_CHARS = " \t\n\r\f"
_HTML_SPACE = "[ \t\n\r\f]"
_SPACES = re.compile(f"{_HTML_SPACE}+")
_ODD_SPACE = re.compile(r"[\t\n\r\f]|  ")
_RUNS = re.compile(f"{_HTML_SPACE}+|[^ \t\n\r\f]+")
# A line of only (Unicode) spaces and invisible marks, like <p>&nbsp;</p>, is no paragraph.
_BLANK = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*")


@dataclass(slots=True)
class Atom:
    """``line.text[start:end]`` is the normalised text node ``node`` from ``skip`` on."""

    start: int
    end: int
    node: NavigableString
    skip: int


@dataclass(slots=True, eq=False)
class Line:
    """One line of text, its owner block and the ``<br>`` elements around it."""

    owner: Tag
    text: str = ""
    atoms: list[Atom] = field(default_factory=list)
    brs_before: list[Tag] = field(default_factory=list)
    brs_after: list[Tag] = field(default_factory=list)


def normalise(text: str) -> str:
    """``text`` with runs of HTML white space as one space (ends kept)."""
    return _SPACES.sub(" ", text) if _ODD_SPACE.search(text) else text


class _Collector:
    """Builds lines from text nodes, boundaries and ``<br>`` elements in document order."""

    def __init__(self, single: bool) -> None:
        self.single = single
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.size = 0
        self.atoms: list[Atom] = []
        self.owner: Tag | None = None
        self.pending: list[Tag] = []
        self.last: Line | None = None

    def text(self, node: NavigableString, owner: Tag) -> None:
        norm = normalise(node)
        skip = 1 if norm.startswith(" ") and (not self.parts or self.parts[-1].endswith(" ")) \
            else 0
        piece = norm[skip:]
        if not piece:
            return
        if self.owner is None:
            self.owner = owner
        self.atoms.append(Atom(self.size, self.size + len(piece), node, skip))
        self.parts.append(piece)
        self.size += len(piece)

    def boundary(self) -> None:
        if self.single:
            self._space()
            return
        self.end()
        self.pending = []
        self.last = None

    def br(self, tag: Tag) -> None:
        if self.single:
            self._space()
            return
        self.end()
        self.pending.append(tag)
        if self.last is not None:
            self.last.brs_after.append(tag)

    def _space(self) -> None:
        if self.parts and not self.parts[-1].endswith(" "):
            self.parts.append(" ")
            self.size += 1

    def end(self) -> None:
        """Close the current line (dropped when it holds no text)."""
        if self.atoms:
            text = "".join(self.parts)
            stripped = text.rstrip(" ")
            atoms = self.atoms
            for atom in atoms:
                atom.end = min(atom.end, len(stripped))
            atoms = [a for a in atoms if a.end > a.start]
            if self.owner is not None and not _BLANK.fullmatch(stripped):
                line = Line(self.owner, stripped, atoms, brs_before=self.pending)
                self.lines.append(line)
                self.last = line
                self.pending = []
        self.parts, self.size, self.atoms, self.owner = [], 0, [], None


def collect(root: Tag, exclude: frozenset[int] = frozenset(), *,
            single: bool = False) -> list[Line]:
    """The lines of ``root`` in document order, skipping elements whose ``id()`` is in
    ``exclude``; with ``single`` everything is one line (boundaries become spaces)."""
    out = _Collector(single)
    owners: list[Tag] = [root]
    stack: list[tuple[PageElement, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            out.boundary()
            owners.pop()
            continue
        if isinstance(node, Tag):
            if node is not root:
                block = node.name in BLOCK_TAGS
                if id(node) in exclude or node.name in SKIP_TAGS:
                    if block:
                        out.boundary()
                    continue
                if node.name == "br":
                    out.br(node)
                    continue
                if block:
                    out.boundary()
                    owners.append(node)
                    stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents))
        elif type(node) is NavigableString:
            out.text(node, owners[-1])
    out.end()
    return out.lines


def raw_span(atom: Atom, start: int, end: int) -> tuple[int, int]:
    """Positions in ``atom.node`` of the line span [start, end) inside the atom.

    A space of the line may stand for a run of white space in the node: the whole run is
    inside the span then. An empty span (an insertion point) gives an empty range.
    """
    raw = str(atom.node)
    first = atom.skip + start - atom.start
    stop = atom.skip + end - atom.start
    if not _ODD_SPACE.search(raw):
        return first, max(first, stop)
    if stop <= first:
        at = _locate(raw, first)[0]
        return at, at
    return _locate(raw, first)[0], _locate(raw, stop - 1)[1]


def _locate(raw: str, index: int) -> tuple[int, int]:
    """Where normalised character ``index`` of ``raw`` is in ``raw``."""
    pos = 0
    for match in _RUNS.finditer(raw):
        space = raw[match.start()] in _SPACE_CHARS
        width = 1 if space else match.end() - match.start()
        if index < pos + width:
            if space:
                return match.start(), match.end()
            at = match.start() + index - pos
            return at, at + 1
        pos += width
    return len(raw), len(raw)


def has_text(tag: Tag) -> bool:
    """True when ``tag`` holds any non-white-space text outside skipped elements."""
    return any(type(s) is NavigableString and s.strip(_SPACE_CHARS)
               for s in tag.descendants)


def is_empty(tag: Tag) -> bool:
    """True when ``tag`` holds neither text nor media (images, embeds, forms)."""
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in MEDIA_TAGS:
                return False
        elif type(node) is NavigableString and node.strip(_SPACE_CHARS):
            return False
    return True
