"""Optional main-text extraction with trafilatura (``pip install 'cleanup[extract]'``).

Used only for pages without an ``<article>`` or ``<main>`` element: trafilatura finds the
main text, and the page's lines that belong to it become the body that the rules clean.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from cleanup.html.blocks import normalise

INSTALL_HINT = "install the extractor with: pip install 'cleanup[extract]'"
_LONG = 40


def available() -> bool:
    """True when trafilatura can be imported."""
    return importlib.util.find_spec("trafilatura") is not None


@dataclass(frozen=True)
class MainText:
    """The main text trafilatura found, for telling which lines of a page belong to it."""

    lines: frozenset[str]
    text: str

    def holds(self, line: str) -> bool:
        """True for a page line that is a line of the main text, or a long part of one."""
        return line in self.lines or (len(line) >= _LONG and line in self.text)


def main_text(html: str) -> MainText:
    """The main text of a page (no network: trafilatura only reads the string given)."""
    trafilatura = importlib.import_module("trafilatura")
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               include_images=False, include_links=False,
                               deduplicate=False, with_metadata=False) or ""
    lines = [normalise(line).strip(" ") for line in text.split("\n")]
    lines = [line for line in lines if line]
    return MainText(frozenset(lines), "\n".join(lines))
