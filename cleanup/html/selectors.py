"""Structural removal: containers that packs name by CSS selector (``[[selector]]``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import soupsieve
from bs4 import Tag
from bs4.element import PageElement

from cleanup.packs import ActivePacks, Entry
from cleanup.rules.html_container import ContainerRule

CONTAINER_RULE = ContainerRule()


@dataclass(frozen=True)
class Match:
    """An element to remove, the entry that named it and the selector that matched."""

    element: Tag
    entry: Entry
    selector: str


@dataclass(frozen=True)
class _Rule:
    order: int
    entry: Entry
    selector: str
    compiled: Any
    value: tuple[str, Any] | None = None
    """For a selector filed under an attribute: its name and the value pattern to pass."""

    def matches(self, tag: Tag) -> bool:
        """Soupsieve's verdict, after a cheap look at the attribute value when there is one."""
        if self.value is not None:
            name, pattern = self.value
            value = tag.get(name)
            if not isinstance(value, str) or not pattern.match(value):
                return False
        return bool(self.compiled.match(tag))


class SelectorIndex:
    """The ``[[selector]]`` entries of some packs, indexed for one pass over a document.

    Each selector is filed under one thing its last compound requires (a class, an id, a
    tag name or an attribute name), so an element is matched with soupsieve only against
    the few selectors that could match it: one walk costs about the same for 2 or 200
    selectors, instead of one soupsieve pass per selector.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._keyed: dict[tuple[str, str], list[_Rule]] = {}
        self._always: list[_Rule] = []
        pairs = [(entry, selector) for entry in entries for selector in entry.css]
        for order, (entry, selector) in enumerate(pairs):
            compiled = soupsieve.compile(selector)
            key = _key(compiled)
            rule = _Rule(order, entry, selector, compiled, _value(compiled, key))
            if key is None:
                self._always.append(rule)
            else:
                self._keyed.setdefault(key, []).append(rule)

    def __bool__(self) -> bool:
        return bool(self._keyed or self._always)

    def match(self, tag: Tag, in_article: bool) -> _Rule | None:
        """The first rule (in pack order) whose selector matches ``tag``."""
        candidates = list(self._always)
        keyed = self._keyed
        for key in _keys_of(tag):
            candidates.extend(keyed.get(key, ()))
        best: _Rule | None = None
        for rule in candidates:
            if best is not None and rule.order > best.order:
                continue
            if in_article and rule.entry.scope == "outside-article":
                continue
            if rule.matches(tag):
                best = rule
        return best


def _key(compiled: Any) -> tuple[str, str] | None:
    """What the selector's last compound requires, when it is one selector."""
    if len(compiled.selectors) != 1:
        return None
    last = compiled.selectors[0]
    if last.classes:
        return ("class", last.classes[0])
    if last.ids:
        return ("id", last.ids[0])
    if last.tag is not None and last.tag.name != "*":
        return ("tag", last.tag.name.lower())
    if last.attributes:
        return ("attr", last.attributes[0].attribute.lower())
    return None


def _value(compiled: Any, key: tuple[str, str] | None) -> tuple[str, Any] | None:
    """The attribute name and value pattern of a selector filed under that attribute."""
    if key is None or key[0] != "attr":
        return None
    attribute = compiled.selectors[0].attributes[0]
    return (key[1], attribute.pattern) if attribute.pattern is not None else None


def _keys_of(tag: Tag) -> list[tuple[str, str]]:
    keys = [("tag", tag.name)]
    for name, value in tag.attrs.items():
        keys.append(("attr", name))
        if name == "class" and isinstance(value, str):
            keys.extend(("class", c) for c in value.split())
        elif name == "id" and isinstance(value, str):
            keys.append(("id", value))
    return keys


def selector_entries(packs: ActivePacks) -> tuple[Entry, ...]:
    """The ``[[selector]]`` entries in force, the site pack's first."""
    return tuple(e for e in packs.entries if e.kind == "selector")


def find(root: Tag, index: SelectorIndex, *, article: Tag | None,
         protect: frozenset[int]) -> list[Match]:
    """Outermost elements under ``root`` that the index's selectors match, in document order.

    Elements whose ``id()`` is in ``protect`` (the article and the fields' elements and
    their ancestors) are never matched; ``outside-article`` entries skip the article.
    """
    if not index:
        return []
    out: list[Match] = []
    stack: list[tuple[PageElement, bool]] = [(c, False) for c in reversed(root.contents)]
    while stack:
        node, in_article = stack.pop()
        if not isinstance(node, Tag):
            continue
        in_article = in_article or node is article
        rule = None if id(node) in protect else index.match(node, in_article)
        if rule is not None:
            out.append(Match(node, rule.entry, rule.selector))
            continue
        stack.extend((child, in_article) for child in reversed(node.contents))
    return out
