"""Shared test helpers: reading the bundled fixtures."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def seed_article() -> dict[str, str]:
    """The seed article from fixtures/seed-khabarayn.txt as headline/summary/body."""
    lines = (FIXTURES / "seed-khabarayn.txt").read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    return {"headline": lines[0], "summary": lines[1], "body": "\n".join(lines[3:])}
