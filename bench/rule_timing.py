"""Rules rewrapped for the benchmarks: the same attributes, another ``propose``.

The engine, compiled, takes only subclasses of :class:`Rule`, so a wrapper is a new
subclass carrying the wrapped rule's class attributes (code, stage, fields, trigger, ...).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from cleanup.rules.base import Context, FieldText, Proposal, Rule

ATTRIBUTES = ("code", "name", "family", "summary", "what", "why", "example", "action",
              "severity", "stage", "fields", "trigger")
"""The class attributes of :class:`Rule` that the engine and the docs read."""


def like(rule: Rule, propose: Callable[..., Iterable[Proposal]]) -> Rule:
    """A rule with the class attributes of ``rule`` and ``propose`` for its method."""
    attributes: dict[str, Any] = {name: getattr(rule, name) for name in ATTRIBUTES}
    made: type[Rule] = type(type(rule).__name__, (Rule,), {**attributes, "propose": propose})
    return made()


def timed(rule: Rule, spent: MutableMapping[str, float]) -> Rule:
    """``rule`` with the seconds its ``propose`` takes added to ``spent[rule.code]``
    (which must exist or default to 0.0)."""

    def propose(self: Rule, text: FieldText, ctx: Context) -> list[Proposal]:
        start = time.perf_counter()
        out = list(rule.propose(text, ctx))
        spent[rule.code] += time.perf_counter() - start
        return out

    return like(rule, propose)
