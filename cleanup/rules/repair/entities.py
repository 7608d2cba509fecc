"""HTML entities left in plain text (T103), decoded with ftfy's own decoder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftfy.chardata import HTML_ENTITY_RE
from ftfy.fixes import unescape_html

from cleanup.rules.base import Context
from cleanup.rules.repair.common import RepairRule
from cleanup.rules.repair.edits import Edit, diff_edits

_RUN = re.compile(f"(?:{HTML_ENTITY_RE.pattern})+")
_TAG = re.compile(r"<[A-Za-z!/][^<>\n]*>")


def has_entity(text: str) -> bool:
    """True when ``text`` holds something that looks like an HTML entity."""
    return "&" in text and HTML_ENTITY_RE.search(text) is not None


class DecodedLine:
    """A line as the mojibake repairs read it: HTML entities decoded (not in markup).

    Keeps a map back to the line, so that a repair of the decoded text becomes edits of
    the line (an entity inside a repaired stretch is replaced with it).
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self.text = line
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        if not has_entity(line) or _TAG.search(line):
            return
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        for m in HTML_ENTITY_RE.finditer(line):
            decoded = unescape_html(m.group())
            starts += range(pos, m.start())
            self._ends += range(pos + 1, m.start() + 1)
            starts += [m.start()] * len(decoded)
            self._ends += [m.end()] * len(decoded)
            parts += [line[pos:m.start()], decoded]
            pos = m.end()
        starts += range(pos, len(line))
        self._ends += range(pos + 1, len(line) + 1)
        self.text = "".join(parts) + line[pos:]
        self._starts = starts

    def edits(self, offset: int, repaired: str, message: str) -> Iterator[Edit]:
        """Edits of the line (at ``offset`` in the field) that give ``repaired``."""
        for edit in diff_edits(self.text, repaired, message):
            start, end = edit.start, edit.end
            if self._starts is not None:
                first = self._starts[start] if start < len(self.text) else len(self.line)
                start, end = first, (self._ends[end - 1] if end > start else first)
            yield Edit(offset + start, offset + end, edit.replacement, message)


def in_markup(text: str, pos: int) -> bool:
    """True when the line around ``pos`` holds HTML tags (entities there are markup)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return _TAG.search(text, start, len(text) if end < 0 else end) is not None


class HtmlEntityRule(RepairRule):
    """Decode HTML entities and character references left in plain text."""

    code = "T103"
    trigger = re.compile("&")
    name = "html-entity"
    summary = "Decode HTML entities left in text (&#8220; → “, &amp; → &)."
    what = ("Decodes named entities that end in a semicolon (&amp; &quot; &nbsp; and all of "
            "HTML5, plus ftfy's upper-case forms such as &EACUTE;) and numeric references "
            "(&#8220; &#x201D;) with ftfy's unescape_html. Double escaping (&amp;quot;) is "
            "decoded through. A reference to an impossible character (&#0;) stays, and so do "
            "entities on a line that holds HTML tags, where they are markup.")
    why = ("Entities are markup; in plain text they show as \"&#8220;حافلة&#8221;\" instead "
           "of the quotes and break search and matching.")
    example = "&#8220;حافلة&#8221; AT&amp;T  →  “حافلة” AT&T"
    settles = True

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        """One edit per run of adjacent entities."""
        if not has_entity(text):
            return
        for m in _RUN.finditer(text):
            decoded = unescape_html(m.group())
            if decoded == m.group() or "\ufffd" in decoded or in_markup(text, m.start()):
                continue
            yield Edit(m.start(), m.end(), decoded, "decoded HTML entities")
