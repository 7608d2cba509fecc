"""Mapping findings back to the tree: remove blocks, cut spans, repair text in place.

Findings point into field text that was built from lines (:mod:`cleanup.html.blocks`).
A removal covering a whole line takes the line's text nodes (and the ``<br>`` that
separated it); a removal or replacement covering part of a line edits only the text
nodes under it, so the links and emphasis around what stays are kept. Inline elements
left without text and blocks left without text or media are removed after that.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bs4 import Tag
from bs4.element import NavigableString

from cleanup.html.blocks import BLOCK_TAGS, Line, has_text, is_empty, raw_span
from cleanup.model import Finding

_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
_ROOTS = frozenset({"html", "head", "body", "[document]"})


@dataclass
class FieldLines:
    """The lines a field's text was built from and where each starts in that text."""

    name: str
    lines: list[Line]
    starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, name: str, lines: list[Line]) -> FieldLines:
        """Lines joined by "\\n" (a body); a headline or summary has one line."""
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line.text) + 1
        return cls(name, lines, starts)

    @property
    def text(self) -> str:
        """The field text as given to the text cleaner."""
        return "\n".join(line.text for line in self.lines)

    def line_at(self, pos: int) -> int | None:
        """Index of the line holding offset ``pos`` (its end included)."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 else None


@dataclass
class Edit:
    """What happens to one line: removed whole, or cut at spans (with replacements)."""

    line: Line
    whole: bool = False
    cuts: list[tuple[int, int, str]] = field(default_factory=list)


def plan(fields: Sequence[FieldLines], findings: Iterable[Finding]) -> dict[int, Edit]:
    """Edits per line (keyed by ``id(line)``) for the findings that change text."""
    by_name = {f.name: f for f in fields}
    edits: dict[int, Edit] = {}
    for finding in findings:
        lines = by_name.get(finding.field)
        if lines is None or finding.action not in ("remove", "replace"):
            continue
        first = True
        for line, a, b in spans(lines, finding.start, finding.end):
            edit = edits.setdefault(id(line), Edit(line))
            if finding.action == "remove" and a == 0 and b == len(line.text):
                edit.whole = True
            else:
                replacement = finding.replacement or "" if first else ""
                edit.cuts.append((a, b, replacement if finding.action == "replace" else ""))
            first = False
    return edits


def spans(lines: FieldLines, start: int, end: int) -> list[tuple[Line, int, int]]:
    """The lines a field span touches, each with the span's part in line offsets."""
    out = []
    i = lines.line_at(start)
    while i is not None and i < len(lines.lines):
        line, at = lines.lines[i], lines.starts[i]
        if at > end or (at == end and start < end):
            break
        a, b = max(start, at) - at, min(end, at + len(line.text)) - at
        if a < b or start == end:
            out.append((line, a, b))
        i += 1
    return out


def owner_of(lines: FieldLines, pos: int) -> Tag | None:
    """The element whose text holds field offset ``pos``."""
    i = lines.line_at(pos)
    return lines.lines[i].owner if i is not None and i < len(lines.lines) else None


def apply(edits: dict[int, Edit], all_lines: Sequence[Line], protect: frozenset[int]) -> None:
    """Carry out ``edits`` in the tree; ``protect`` holds ``id()`` of elements never removed."""
    node_cuts: dict[int, tuple[NavigableString, list[tuple[int, int, str]]]] = {}
    touched: list[Tag] = []
    kept_after = _kept_after(edits, all_lines)
    for edit in edits.values():
        line = edit.line
        if edit.whole:
            for atom in line.atoms:
                node_cuts[id(atom.node)] = (atom.node, [(0, len(atom.node), "")])
            for br in line.brs_after if kept_after.get(id(line)) else line.brs_before \
                    + line.brs_after:
                touched.extend(_parent(br))
                br.extract()
            continue
        for a, b, replacement in _disjoint(edit.cuts):
            _cut(line, a, b, replacement, node_cuts)
    for node, cuts in node_cuts.values():
        parent = node.parent
        if parent is None:
            continue
        new = _edited(str(node), cuts)
        if new:
            node.replace_with(NavigableString(new))
        else:
            node.extract()
        touched.append(parent)
    for tag in touched:
        prune(tag, protect)


def _parent(node: Tag) -> list[Tag]:
    return [node.parent] if node.parent is not None else []


def _kept_after(edits: dict[int, Edit], all_lines: Sequence[Line]) -> dict[int, bool]:
    """For each line: does a line that stays come after it in the same block?"""
    out: dict[int, bool] = {}
    seen_kept: set[int] = set()
    for line in reversed(all_lines):
        out[id(line)] = id(line.owner) in seen_kept
        edit = edits.get(id(line))
        if edit is None or not edit.whole:
            seen_kept.add(id(line.owner))
    return out


def _disjoint(cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, replacement in sorted(cuts, key=lambda c: (c[0], c[1])):
        if out and a < out[-1][1]:
            continue
        out.append((a, b, replacement))
    return out


def _cut(line: Line, a: int, b: int, replacement: str,
         node_cuts: dict[int, tuple[NavigableString, list[tuple[int, int, str]]]]) -> None:
    """Record the removal of line span [a, b) (and the insertion of ``replacement``)."""
    pending = replacement
    for atom in line.atoms:
        lo, hi = max(a, atom.start), min(b, atom.end)
        if lo > hi or (lo == hi and (a != b or not atom.start <= a <= atom.end)):
            continue
        start, end = raw_span(atom, lo, hi)
        node_cuts.setdefault(id(atom.node), (atom.node, []))[1].append((start, end, pending))
        pending = ""
        if a == b:
            break


def _edited(text: str, cuts: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, replacement in sorted(cuts, key=lambda c: (c[0], c[1])):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def prune(tag: Tag | None, protect: frozenset[int]) -> None:
    """Remove ``tag`` and then its ancestors while they are left empty.

    An inline element is empty without text (its images went with the text around them);
    a block is empty without text and without media.
    """
    while isinstance(tag, Tag) and tag.name not in _ROOTS and id(tag) not in protect:
        keep = not is_empty(tag) if tag.name in BLOCK_TAGS else has_text(tag)
        if keep:
            return
        parent = tag.parent
        remove(tag)
        tag = parent


def remove(tag: Tag) -> None:
    """Take ``tag`` out of the tree; a block also takes the indentation before it."""
    if tag.name in BLOCK_TAGS:
        before, after = tag.previous_sibling, tag.next_sibling
        if _blank(before) and (after is None or _blank(after)):
            assert before is not None
            before.extract()
    tag.extract()


def _blank(node: object) -> bool:
    return type(node) is NavigableString and not node.strip(" \t\n\r\f")


def css_path(tag: Tag, fragment: bool) -> str:
    """A CSS selector that picks ``tag`` out of the document as it was parsed."""
    parts: list[str] = []
    node: Tag | None = tag
    while node is not None and node.name != "[document]":
        ident = node.get("id")
        if isinstance(ident, str) and _IDENT.fullmatch(ident):
            parts.append(f"{node.name}#{ident}")
            break
        if node.name in _ROOTS:
            if not fragment:
                parts.append(node.name)
        else:
            parts.append(_nth(node))
        node = node.parent
    return " > ".join(reversed(parts)) or tag.name


def _nth(tag: Tag) -> str:
    parent = tag.parent
    if parent is None:
        return tag.name
    index = count = 0
    for sibling in parent.children:
        if isinstance(sibling, Tag) and sibling.name == tag.name:
            count += 1
            if sibling is tag:
                index = count
    return tag.name if count == 1 else f"{tag.name}:nth-of-type({index})"
