"""Text repair rules (family T): mojibake, Arabic typography, invisible characters."""

from __future__ import annotations

from cleanup.rules.base import Rule

REPAIR_RULES: list[Rule] = []
"""Repair rules in the order they run."""
