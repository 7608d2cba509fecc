"""Bad input: one clear line naming the file (and line), exit 2, no traceback, no writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cleanup.api
from cleanup.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-khabarayn.txt"
CLI = ROOT / "fixtures" / "cli"


def assert_one_error_line(err: str, starts: str, *contains: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    assert err.startswith(f"cleanup: error: {starts}"), err
    for text in contains:
        assert text in err, err


@pytest.mark.parametrize(("name", "where", "message"), [
    ("bad.json", "bad.json:4: ", "invalid JSON"),
    ("broken-line3.jsonl", "broken-line3.jsonl:3: ", "invalid JSON"),
    ("wrong-type.json", "wrong-type.json: ", "field 'body' must be text"),
    ("wrong-type.jsonl", "wrong-type.jsonl:2: ", "field 'headline' must be text"),
    ("not-utf8.txt", "not-utf8.txt:2: ", "not UTF-8"),
    ("empty.txt", "empty.txt: ", "empty file"),
    ("bad-layout.txt", "bad-layout.txt:3: ", "line 3 must be blank"),
])
@pytest.mark.parametrize("command", ["fix", "check"])
def test_bad_input_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str,
                        where: str, message: str, command: str) -> None:
    bad, good = tmp_path / name, tmp_path / "seed.txt"
    shutil.copy(CLI / name, bad)
    shutil.copy(SEED, good)
    extra = ["--in-place"] if command == "fix" else []
    code = main([command, "--no-config", str(good), str(bad), *extra])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert_one_error_line(err, f"{tmp_path}/{where}", message)
    assert bad.read_bytes() == (CLI / name).read_bytes()
    assert good.read_bytes() == SEED.read_bytes(), "no input is written when any fails"


def test_output_target_untouched_on_error(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("previous output\n", encoding="utf-8")
    code = main(["fix", "--no-config", str(SEED), str(CLI / "broken-line3.jsonl"),
                 "-o", str(target)])
    assert code == 2
    assert target.read_text(encoding="utf-8") == "previous output\n"
    assert_one_error_line(capsys.readouterr().err, str(CLI / "broken-line3.jsonl:3: "))


def test_directory_as_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", "--no-config", str(tmp_path)]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{tmp_path}: ", "is a directory")


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", "--no-config", str(tmp_path / "gone.txt")]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{tmp_path / 'gone.txt'}: ", "no such file")


def test_unknown_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    shutil.copy(SEED, path)
    assert main(["check", "--no-config", str(path)]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{path}: ", "--input-format")
    assert main(["check", "--no-config", "--input-format", "txt", str(path)]) == 1


def test_malformed_rule_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--no-config", "--rules", str(CLI / "bad-pack"), str(SEED)])
    assert code == 2
    assert_one_error_line(capsys.readouterr().err, str(CLI / "bad-pack" / "broken.toml"),
                          "'buy-now'", "no_match")


def test_missing_rule_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", "--no-config", "--rules", str(tmp_path / "nope"), str(SEED)]) == 2
    assert_one_error_line(capsys.readouterr().err, str(tmp_path / "nope"), "not found")


def test_unknown_site(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "--site", "nowhere", str(SEED)]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{SEED}: ", "unknown site 'nowhere'",
                          "khabarayn")


@pytest.mark.parametrize(("text", "message"), [
    ("select = [\n", "invalid TOML"),
    ("selct = ['P']\n", "unknown key 'selct'"),
    ("select = 3\n", "select must be a string or a list of strings"),
    ("ignore = ['Q1']\n", "unknown rule code, prefix or name 'Q1'"),
    ("guard_share = 2\n", "guard_share must be in (0, 1]"),
])
def test_bad_config(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str,
                    message: str) -> None:
    config = tmp_path / "cleanup.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{config}", message)


def test_bad_guard_share_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "--guard-share", "0", str(SEED)]) == 2
    assert_one_error_line(capsys.readouterr().err, "command line: ", "guard_share")


def test_unexpected_error_is_one_line(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(cleanup.api.Cleaner, "clean", broken)
    monkeypatch.delenv("CLEANUP_DEBUG", raising=False)
    assert main(["check", "--no-config", str(SEED)]) == 2
    assert_one_error_line(capsys.readouterr().err, f"{SEED}: ",
                          "internal error: RuntimeError: rule exploded", "CLEANUP_DEBUG=1")
    monkeypatch.setenv("CLEANUP_DEBUG", "1")
    with pytest.raises(RuntimeError, match="rule exploded"):
        main(["check", "--no-config", str(SEED)])
