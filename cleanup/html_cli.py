"""`cleanup fix|check page.html`: the command line's adapter to the HTML front end."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cleanup.api import Cleaner
from cleanup.formats import HTML_SUFFIXES, InputError
from cleanup.html import HtmlCleaner, HtmlError, HtmlResult
from cleanup.model import Finding


@dataclass(frozen=True)
class HtmlDone:
    """One cleaned HTML file."""

    path: str
    result: HtmlResult


def clean_html_files(paths: list[str], cleaner: Cleaner, lang: str | None) -> list[HtmlDone]:
    """Read and clean every HTML file; errors name the file (nothing is written here)."""
    front = HtmlCleaner(cleaner=cleaner)
    done = []
    for path in paths:
        file = Path(path)
        if file.is_dir():
            raise InputError(path, "is a directory (give article files)")
        if not file.exists():
            raise InputError(path, "no such file")
        if file.stat().st_size > front.limits.max_bytes:
            raise InputError(path, f"larger than the {front.limits.max_bytes:,}-byte HTML cap")
        try:
            done.append(HtmlDone(path, front.clean(file.read_bytes(), lang=lang)))
        except HtmlError as exc:
            raise InputError(path, str(exc)) from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return done


def json_lines(done: list[HtmlDone]) -> str:
    """One JSON object per file: the fields found, cleaned, and the findings."""
    return "".join(json.dumps(d.result.to_dict(), ensure_ascii=False) + "\n" for d in done)


def findings(done: list[HtmlDone]) -> list[tuple[str, Finding]]:
    """(file, finding) pairs in file order."""
    return [(d.path, f) for d in done for f in d.result.findings]


def element(finding: Finding) -> str:
    """" at <CSS path>" for a finding tied to an element, else ""."""
    path = getattr(finding, "path", None)
    return f" at {path}" if path else ""


__all__ = ["HTML_SUFFIXES", "HtmlDone", "clean_html_files", "element", "findings",
           "json_lines"]
