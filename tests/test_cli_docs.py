"""The README documents every command and option, and carries the current rule table."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cleanup.cli import build_parser, main

README = Path(__file__).resolve().parent.parent / "README.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options() -> list[tuple[str, str]]:
    found = [("cleanup", o) for a in build_parser()._actions for o in a.option_strings]
    for name, sub in subcommands().items():
        found += [(name, o) for a in sub._actions for o in a.option_strings]
    return sorted({(name, o) for name, o in found if o not in ("-h", "--help")})


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_subcommand_documented(name: str) -> None:
    assert f"cleanup {name}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "option"), options())
def test_option_documented(command: str, option: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), (
        f"{option} of `cleanup {command}` is not in README.md")


def test_readme_rules_table_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "markdown"]) == 0
    table = capsys.readouterr().out
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", text, re.S)
    assert found, "README.md needs <!-- rules:start --> and <!-- rules:end --> markers"
    assert found.group(1).strip() == table.strip(), (
        "README rule table is stale: paste `cleanup rules --format markdown` between the markers")
