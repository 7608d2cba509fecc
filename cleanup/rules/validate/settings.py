"""Reading validation thresholds and severities from the user's options.

Every threshold is a key of ``Config.options`` (see each rule's docs); severities are
overridden per rule with ``options["severity"] = {"V104": "error", "off-topic-paragraph":
"info"}`` (code or name). A value of the wrong type is an error, not silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from cleanup.model import Severity
from cleanup.rules.base import Context

SEVERITIES: Final[tuple[Severity, ...]] = ("info", "warning", "error")


class OptionError(ValueError):
    """A validation option has a value of the wrong type or out of range."""


def number(ctx: Context, key: str, default: float) -> float:
    """A numeric option (int or float, not bool) or its default."""
    if key not in ctx.options:
        return default
    value = ctx.options[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise OptionError(f"option {key!r} must be a number, not {value!r}")
    return float(value)


def switch(ctx: Context, key: str, default: bool) -> bool:
    """A true/false option or its default."""
    if key not in ctx.options:
        return default
    value = ctx.options[key]
    if not isinstance(value, bool):
        raise OptionError(f"option {key!r} must be true or false, not {value!r}")
    return value


def choice(ctx: Context, key: str, allowed: tuple[str, ...]) -> str:
    """A text option that must be one of ``allowed`` (the first is the default)."""
    if key not in ctx.options:
        return allowed[0]
    value = ctx.options[key]
    if value not in allowed:
        raise OptionError(f"option {key!r} must be one of {', '.join(allowed)}, "
                          f"not {value!r}")
    return str(value)


def severity(ctx: Context, code: str, name: str, default: Severity) -> Severity:
    """The severity the user set for a rule (by code or name), else ``default``."""
    if "severity" not in ctx.options:
        return default
    table = ctx.options["severity"]
    if not isinstance(table, Mapping):
        raise OptionError("option 'severity' must map rule codes or names to a severity")
    value = table.get(code, table.get(name, default))
    for level in SEVERITIES:
        if value == level:
            return level
    raise OptionError(f"severity of {code} must be one of {', '.join(SEVERITIES)}, "
                      f"not {value!r}")
