"""Project configuration: ``cleanup.toml`` or ``[tool.cleanup]`` in ``pyproject.toml``.

The file is found by walking up from a folder; in each folder ``cleanup.toml`` (keys at
top level) is looked for first, then a ``pyproject.toml`` that has a ``[tool.cleanup]``
table. Keys: ``select``, ``ignore``, ``rules`` (extra rule-pack folders, relative to the
config file), ``guard_share``, ``site`` and ``options`` (a table of rule options, such as
validation thresholds and severities: ``Config.options``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleanup.api import Config
from cleanup.rules.registry import all_rules

KEYS = ("select", "ignore", "rules", "guard_share", "site", "options")


class ConfigError(ValueError):
    """A config file or a rule selector is not valid; the message names where."""


def find_config(start: Path) -> Path | None:
    """The nearest ``cleanup.toml`` or ``pyproject.toml`` with ``[tool.cleanup]``."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "cleanup.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _tool(_read(pyproject)) is not None:
            return pyproject
    return None


def load_config(path: Path) -> Config:
    """Read a config file into a :class:`cleanup.Config`."""
    data = _read(path)
    if path.name == "pyproject.toml":
        table = _tool(data)
        where = f"{path}: [tool.cleanup]"
    else:
        table, where = data, str(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.cleanup] table")
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(KEYS)})")
    values: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key in table:
            values[key] = parse_selectors(_strings(table[key], f"{where}: {key}"),
                                          f"{where}: {key}")
    if "rules" in table:
        values["rule_dirs"] = tuple(str(path.parent / d)
                                    for d in _strings(table["rules"], f"{where}: rules"))
    if "site" in table:
        if not isinstance(table["site"], str):
            raise ConfigError(f"{where}: site must be a string")
        values["site"] = table["site"]
    if "guard_share" in table:
        share = table["guard_share"]
        if isinstance(share, bool) or not isinstance(share, int | float):
            raise ConfigError(f"{where}: guard_share must be a number")
        values["guard_share"] = float(share)
    if "options" in table:
        if not isinstance(table["options"], dict):
            raise ConfigError(f"{where}: options must be a table of rule options")
        values["options"] = dict(table["options"])
    return make_config(values, where)


def make_config(values: Mapping[str, Any], where: str, base: Config | None = None) -> Config:
    """``base`` (default: the defaults) with ``values`` replacing some of its fields."""
    try:
        return replace(base or Config(), **values)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def parse_selectors(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Rule codes or prefixes from comma-separated values; rule names become codes.

    A value that is no rule's name and no prefix of a rule code is an error, so that a
    typo does not silently select nothing.
    """
    rules = all_rules()
    names = {rule.name: rule.code for rule in rules}
    out: list[str] = []
    for value in values:
        for item in (v.strip() for v in value.split(",")):
            if not item:
                continue
            code = names.get(item.lower(), item.upper())
            if not any(rule.code.startswith(code) for rule in rules):
                raise ConfigError(f"{where}: unknown rule code, prefix or name {item!r}")
            out.append(code)
    return tuple(out)


def _tool(data: Mapping[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("cleanup") if isinstance(tool, dict) else None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a string or a list of strings")
    return tuple(value)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
