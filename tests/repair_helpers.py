"""The one place the repair tests call the library: ``cleanup`` with only the T rules."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cleanup import Cleaner, Config
from cleanup.model import Article, Finding

REPAIR_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "repair"
_CLEANERS: dict[tuple[tuple[str, object], ...], Cleaner] = {}


def repair(article: Article | Mapping[str, str] | str, lang: str | None = None,
           options: Mapping[str, object] | None = None) -> tuple[Article, list[Finding]]:
    """Run only the repair rules through the public API; ``lang`` None means detect it."""
    if isinstance(article, str):
        article = Article(body=article)
    key = tuple(sorted((options or {}).items()))
    if key not in _CLEANERS:
        _CLEANERS[key] = Cleaner(Config(select=("T",), options=dict(options or {})))
    result = _CLEANERS[key].clean(article, lang=lang)
    return result.article, list(result.findings)


def repair_text(text: str, lang: str | None = None, **options: Any) -> str:
    """The repaired text of a body."""
    return repair(text, lang, options)[0].body
