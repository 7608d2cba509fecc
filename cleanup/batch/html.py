"""``.html`` files in batch: the HTML front end (:mod:`cleanup.html`) behind one hook.

:func:`html_record` turns an HTML file into an output record: ``file``, the article
fields found in the page, the cleaned ``html`` and the per-record summary. When the HTML
front end cannot be imported, every ``.html`` file is rejected as ``html-unsupported``.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from cleanup.api import Cleaner
from cleanup.batch.sources import RawItem
from cleanup.model import Finding


class HtmlUnavailable(Exception):
    """The HTML front end is not installed in this build."""


@lru_cache(maxsize=4)
def _html_cleaner(cleaner: Cleaner, max_bytes: int) -> Any:
    try:
        from cleanup.html import HtmlCleaner, Limits
    except ImportError as exc:
        raise HtmlUnavailable(str(exc)) from None
    return HtmlCleaner(cleaner=cleaner, limits=Limits(max_bytes=max_bytes))


def html_error() -> type[Exception]:
    """The exception the HTML front end raises for a document it cannot clean."""
    try:
        from cleanup.html import HtmlError
    except ImportError:
        return HtmlUnavailable
    return HtmlError


def html_record(item: RawItem, cleaner: Cleaner, max_bytes: int, summary_key: str,
                lang: str | None = None) -> tuple[dict[str, Any], tuple[Finding, ...]]:
    """The output record of an HTML file and its findings.

    Raises :class:`HtmlUnavailable` without the HTML front end, and its ``HtmlError``
    for a document it cannot clean.
    """
    done = _html_cleaner(cleaner, max_bytes).clean(item.data, lang=lang)
    counts = Counter(f.code for f in done.findings)
    out: dict[str, Any] = {"file": item.path, **done.article.to_dict(), "html": done.html}
    out[summary_key] = {"changed": bool(done.changed),
                        "findings": {code: counts[code] for code in sorted(counts)}}
    return out, tuple(done.findings)
