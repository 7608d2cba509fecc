"""Data model: articles, findings and results (immutable, JSON-friendly)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Action = Literal["remove", "replace", "flag"]
Severity = Literal["error", "warning", "info"]

FIELDS: tuple[str, ...] = ("headline", "summary", "body")
"""The three text fields every article has, in the order they are cleaned."""

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "title"),
    "summary": ("summary", "description", "lead"),
    "body": ("body", "text", "content"),
}
"""Input keys accepted for each field; the first one present in a dict is used."""

META_FIELDS: tuple[str, ...] = ("id", "url", "site", "lang")


class ArticleError(ValueError):
    """An article dict cannot be read (wrong type or a field that is not text)."""


@dataclass(frozen=True)
class Article:
    """A news article: headline, summary and body text plus optional metadata.

    The body holds paragraphs separated by ``"\\n"``. ``extra`` carries any other keys of
    the input dict untouched, and ``keys`` remembers which input key each field came from
    (``title`` rather than ``headline``, say) so that output uses the same names.
    """

    headline: str = ""
    summary: str = ""
    body: str = ""
    id: str | None = None
    url: str | None = None
    site: str | None = None
    lang: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Read an article from a dict using any of the accepted key aliases."""
        if not isinstance(data, Mapping):
            raise ArticleError(f"an article must be a JSON object, not {type(data).__name__}")
        texts: dict[str, str] = {}
        keys: dict[str, str] = {}
        used: set[str] = set()
        for name, aliases in FIELD_ALIASES.items():
            for key in aliases:
                if key in data:
                    value = data[key]
                    if value is None:
                        value = ""
                    if not isinstance(value, str):
                        raise ArticleError(
                            f"field {key!r} must be text, not {type(value).__name__}"
                        )
                    texts[name] = value
                    keys[name] = key
                    used.add(key)
                    break
        if not keys:
            raise ArticleError("no article field found (expected headline/title, "
                               "summary/description/lead or body/text/content)")
        meta: dict[str, str | None] = {}
        for name in META_FIELDS:
            value = data.get(name)
            if value is not None and not isinstance(value, str | int):
                raise ArticleError(f"field {name!r} must be text, not {type(value).__name__}")
            meta[name] = None if value is None else str(value)
            if name in data:
                used.add(name)
        extra = {k: v for k, v in data.items() if k not in used}
        return cls(
            headline=texts.get("headline", ""), summary=texts.get("summary", ""),
            body=texts.get("body", ""), id=meta["id"], url=meta["url"], site=meta["site"],
            lang=meta["lang"], extra=extra, keys=keys,
        )

    def get(self, name: str, default: Any = None) -> Any:
        """Return a field by name (``headline``, ``summary``, ``body``, metadata or extra)."""
        if name in FIELDS or name in META_FIELDS:
            return getattr(self, name)
        return self.extra.get(name, default)

    def with_fields(self, **changes: str) -> Article:
        """Return a copy with some text fields replaced."""
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"not text fields: {', '.join(sorted(unknown))}")
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        """Plain dict using the input's key names; extra keys come through untouched."""
        out: dict[str, Any] = {}
        for name in META_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        for name in FIELDS:
            key = self.keys.get(name)
            if key is not None or not self.keys:
                out[key or name] = getattr(self, name)
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Finding:
    """One change or doubt, reported with the rule that raised it.

    ``start``/``end`` are offsets into the ORIGINAL text of ``field``; ``text`` is the
    original text there. ``source`` names the rule pack file and entry id when the rule
    matched a pack entry.
    """

    code: str
    name: str
    field: str
    action: Action
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    replacement: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "code": self.code,
            "name": self.name,
            "field": self.field,
            "action": self.action,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "replacement": self.replacement,
            "message": self.message,
            "source": self.source,
        }


@dataclass(frozen=True)
class Result:
    """What cleaning produced: the cleaned article, the findings, and the input."""

    article: Article
    findings: tuple[Finding, ...]
    original: Article

    @property
    def changed(self) -> bool:
        """True when any text field differs from the input."""
        return any(getattr(self.article, f) != getattr(self.original, f) for f in FIELDS)

    def to_dict(self) -> dict[str, Any]:
        """The cleaned article as a dict (input key names) plus a ``findings`` list."""
        out = self.article.to_dict()
        out["findings"] = [f.to_dict() for f in self.findings]
        return out
