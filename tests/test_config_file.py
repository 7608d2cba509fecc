"""Config files: discovery by walking up, reading the keys, and the command line on top."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleanup import Config
from cleanup.cli import main
from cleanup.config_file import ConfigError, find_config, load_config, parse_selectors

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "fixtures" / "cli"
ENGLISH = CLI / "english.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture project ([tool.cleanup] ignore R, a house pack)."""
    root = tmp_path / "project"
    shutil.copytree(CLI / "project", root)
    return root


def sources(capsys: pytest.CaptureFixture[str], *args: str) -> set[str]:
    code = main(["check", str(ENGLISH), "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return {f["source"] for f in json.loads(out)["findings"]}


def test_find_walks_up_from_a_subfolder(project: Path) -> None:
    deeper = project / "articles" / "2025"
    deeper.mkdir(parents=True)
    assert find_config(deeper) == project / "pyproject.toml"


def test_cleanup_toml_comes_first_in_a_folder(project: Path) -> None:
    (project / "cleanup.toml").write_text("select = ['P']\n", encoding="utf-8")
    assert find_config(project) == project / "cleanup.toml"


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "cleanup.toml").write_text("site = 'bbc'\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(inner) == tmp_path / "cleanup.toml"


def test_load_pyproject(project: Path) -> None:
    config = load_config(project / "pyproject.toml")
    assert config == Config(ignore=("R",), rule_dirs=(str(project / "packs"),))


def test_load_cleanup_toml_top_level_keys(tmp_path: Path) -> None:
    path = tmp_path / "cleanup.toml"
    path.write_text("select = 'P,R101'\nignore = ['promo-inside-paragraph']\n"
                    "rules = ['packs', '/abs/packs']\nguard_share = 0.4\nsite = 'khabarayn'\n",
                    encoding="utf-8")
    assert load_config(path) == Config(select=("P", "R101"), ignore=("P103",),
                                       rule_dirs=(str(tmp_path / "packs"), "/abs/packs"),
                                       guard_share=0.4, site="khabarayn")


def test_named_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.cleanup\] table"):
        load_config(path)


@pytest.mark.parametrize(("text", "message"), [
    ("site = 3\n", "site must be a string"),
    ("guard_share = true\n", "guard_share must be a number"),
    ("rules = [1]\n", "rules must be a string or a list of strings"),
])
def test_wrong_types(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cleanup.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_parse_selectors() -> None:
    assert parse_selectors(["p1, r101", "related-block", ""], "x") == ("P1", "R101", "R101")
    with pytest.raises(ConfigError, match="x: unknown rule code, prefix or name 'P9'"):
        parse_selectors(["P9"], "x")


def test_cli_discovers_config_from_the_current_folder(
        capsys: pytest.CaptureFixture[str], project: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    deeper = project / "articles"
    deeper.mkdir()
    monkeypatch.chdir(deeper)
    # The config ignores R and adds the house pack, whose podcast-plug entry matches.
    assert sources(capsys) == {"rules/en.toml#follow-us",
                               f"{project / 'packs' / 'house.toml'}#podcast-plug"}


def test_command_line_overrides_config(capsys: pytest.CaptureFixture[str], project: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert sources(capsys, "--ignore", "P") == {"rules/en.toml#see-also-marked"}
    # --rules replaces the config's folders; the config's ignore = ["R"] still holds.
    (project / "no-packs").mkdir()
    assert sources(capsys, "--rules", "no-packs") == {"rules/en.toml#follow-us"}


def test_no_config_and_explicit_config(capsys: pytest.CaptureFixture[str], project: Path,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(project)
    assert sources(capsys, "--no-config") == {"rules/en.toml#follow-us",
                                              "rules/en.toml#see-also-marked"}
    other = tmp_path / "other.toml"
    other.write_text("select = ['R']\n", encoding="utf-8")
    assert sources(capsys, "--config", str(other)) == {"rules/en.toml#see-also-marked"}


SEED = ROOT / "fixtures" / "seed-khabarayn.txt"


def _check_seed(capsys: pytest.CaptureFixture[str], config: Path) -> tuple[int, str, str]:
    code = main(["check", str(SEED), "--format", "json", "--config", str(config)])
    out, err = capsys.readouterr()
    return code, out, err


def test_options_table_sets_rule_options(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    config = tmp_path / "cleanup.toml"
    config.write_text('[options]\nseverity = { V104 = "warning" }\n', encoding="utf-8")
    assert load_config(config).options == {"severity": {"V104": "warning"}}
    code, out, _ = _check_seed(capsys, config)
    assert code == 1
    v104 = [f for f in json.loads(out)["findings"] if f["code"] == "V104"]
    assert [f["severity"] for f in v104] == ["warning"]  # info without the config


def test_options_must_be_a_table(tmp_path: Path) -> None:
    config = tmp_path / "cleanup.toml"
    config.write_text('options = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="options must be a table of rule options"):
        load_config(config)


def test_a_bad_option_value_is_a_one_line_error(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    config = tmp_path / "cleanup.toml"
    config.write_text('[options]\nseverity = { V104 = "loud" }\n', encoding="utf-8")
    code, out, err = _check_seed(capsys, config)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "severity of V104 must be one of info, warning, error" in err
