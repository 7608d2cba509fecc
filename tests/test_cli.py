"""The command line, run in-process: fix, check, rules, explain, and writing files."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleanup.cli import main
from cleanup.rules.registry import all_rules, find_rule

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-khabarayn.txt"
CLI = ROOT / "fixtures" / "cli"
PROMO = " تابعوا التفاصيل على خَبَرَيْن."
SEE_ALSO = "شاهد ايضاً:"
RELATED = "أخبار ذات صلة"


def seed_parts() -> tuple[str, str, list[str]]:
    """Headline, summary and body lines of the seed, read as the .txt layout says."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[2] == "" and lines[-1] == "", "seed: blank line 3 and a final newline"
    return lines[0], lines[1], lines[3:-1]


def expected_seed() -> dict[str, str]:
    """The seed as it must come out of cleaning."""
    headline, summary, body = seed_parts()
    assert summary.endswith(PROMO)
    cut = body.index(RELATED)
    assert [line for line in body[cut + 1:] if line] and all(
        line == "" for line in body[cut + 1::2]), "three headlines, blank lines between"
    assert len([line for line in body[cut + 1:] if line]) == 3
    kept = [line for line in body[:cut] if not line.startswith(SEE_ALSO)]
    assert len(kept) == cut - 1
    return {"headline": headline, "summary": summary.removesuffix(PROMO),
            "body": "\n".join(kept)}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(cli(*args) if args[0] in ("fix", "check") else list(args))
    out, err = capsys.readouterr()
    return code, out, err


def cli(*args: str) -> list[str]:
    """Arguments for ``main`` with no config file (tests must not see the repo's)."""
    return [args[0], "--no-config", *args[1:]]


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- fix -------------------------------------------------------------------------------

@pytest.mark.parametrize("site", [[], ["--site", "khabarayn"]], ids=["no-site", "site"])
def test_fix_seed_json(capsys: pytest.CaptureFixture[str], site: list[str]) -> None:
    code = main(cli("fix", str(SEED), "--format", "json", *site))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 1, "one article, one JSON line"
    data = json.loads(lines[0])
    expected = expected_seed()
    assert {k: data[k] for k in expected} == expected
    headline, summary, body_lines = seed_parts()
    original = {"headline": headline, "summary": summary, "body": "\n".join(body_lines)}
    removals = [f for f in data["findings"] if f["action"] == "remove"]
    assert {(f["code"], f["field"]) for f in removals} == {
        ("P102", "summary"), ("R102", "body"), ("R101", "body")}
    for f in data["findings"]:
        assert original[f["field"]][f["start"]:f["end"]] == f["text"], f
    removed = sorted(f["text"].strip() for f in removals)
    related = [line for line in body_lines[body_lines.index(RELATED):] if line]
    see_also = [line for line in body_lines if line.startswith(SEE_ALSO)]
    assert removed == sorted([PROMO.strip(), *see_also, *related])


def test_fix_seed_text_prints_article_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fix", str(SEED))
    assert code == 0
    e = expected_seed()
    assert out == f"{e['headline']}\n{e['summary']}\n\n{e['body']}\n"
    assert f"{SEED}:summary:" in err and "P102 promo-sentence" in err and PROMO in err
    assert err.count(f"{SEED}:body:") == 5
    assert f"{SEED}:headline:" in err and "V104 headline-unsupported [flag/info]" in err
    assert "«تحالف»" in err
    assert err.splitlines()[-1] == ("Cleaned 1 article, 1 changed: 7 findings "
                                    "(6 remove, 1 flag).")


def test_fix_keeps_a_missing_final_newline(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes().rstrip(b"\n"))
    code, out, _ = run(capsys, "fix", str(path))
    assert code == 0 and not out.endswith("\n") and out.endswith(expected_seed()["body"])


def test_fix_json_input_stays_json_with_its_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fix", str(CLI / "english.json"))
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["id", "title", "description", "body", "author"]
    assert "READ MORE" not in data["body"] and "findings" not in data
    assert "R102 see-also-line" in err


def test_fix_site_option_reaches_the_cleaner(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    article = {"headline": "تحالف الصين وكوريا الشمالية | خبرين",
               "body": "تعهدت الصين وكوريا الشمالية بالعمل معًا في الشؤون الدولية."}
    data = json.dumps(article, ensure_ascii=False).encode()
    feed_stdin(monkeypatch, data)
    assert run(capsys, "fix", "-")[1].startswith('{"headline": "تحالف الصين وكوريا الشمالية |')
    feed_stdin(monkeypatch, data)
    code, out, _ = run(capsys, "fix", "-", "--site", "khabarayn")
    assert code == 0 and json.loads(out)["headline"] == "تحالف الصين وكوريا الشمالية"


def test_fix_reads_txt_from_stdin(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, SEED.read_bytes())
    code, out, err = run(capsys, "fix", "-", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["summary"] == expected_seed()["summary"]


def test_fix_reads_jsonl_from_stdin_with_input_format(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    english = json.loads((CLI / "english.json").read_text(encoding="utf-8"))
    lines = [json.dumps(english), json.dumps({"headline": "Plain", "body": "Plain text."})]
    feed_stdin(monkeypatch, ("\n".join(lines) + "\n").encode())
    code, out, err = run(capsys, "fix", "-", "--input-format", "jsonl")
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert "READ MORE" not in first["body"] and second == {"headline": "Plain",
                                                           "body": "Plain text."}
    assert "<stdin>:1:body:" in err


def test_fix_output_file_concatenates_in_input_order(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = run(capsys, "fix", str(SEED), str(CLI / "english.json"), "-o", str(target))
    assert code == 0 and out == ""
    e = expected_seed()
    text = target.read_text(encoding="utf-8")
    article = f"{e['headline']}\n{e['summary']}\n\n{e['body']}\n"
    assert text.startswith(article)
    rest = text[len(article):].splitlines()
    assert len(rest) == 1 and json.loads(rest[0])["title"].startswith("Council approves")


def test_fix_diff_shows_removed_lines_and_writes_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fix", str(SEED), "--diff")
    assert code == 0
    minus = [line for line in out.splitlines() if line.startswith("-")
             and not line.startswith("---")]
    see_also = next(line for line in seed_parts()[2] if line.startswith(SEE_ALSO))
    assert f"-{see_also}" in minus and f"-{RELATED}" in minus
    assert any(PROMO in line for line in minus)
    assert f"--- {SEED}:summary" in out and f"+++ {SEED}:body (cleaned)" in out


# --- --in-place ------------------------------------------------------------------------

def test_in_place_rewrites_changed_files_only(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    seed, clean = tmp_path / "seed.txt", tmp_path / "clean.txt"
    shutil.copy(SEED, seed)
    shutil.copy(CLI / "clean-en.txt", clean)
    seed.chmod(0o640)
    os.utime(clean, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = clean.stat()
    inode = seed.stat().st_ino
    code, out, err = run(capsys, "fix", "--in-place", str(seed), str(clean))
    assert code == 0 and out == ""
    e = expected_seed()
    assert seed.read_text(encoding="utf-8") == f"{e['headline']}\n{e['summary']}\n\n{e['body']}\n"
    assert seed.stat().st_ino != inode, "replaced by a new file, not truncated in place"
    assert stat.S_IMODE(seed.stat().st_mode) == 0o640
    assert clean.read_bytes() == (CLI / "clean-en.txt").read_bytes()
    assert clean.stat().st_mtime_ns == before.st_mtime_ns and clean.stat().st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "seed.txt"]
    assert "Cleaned 2 articles, 1 changed" in err


def test_in_place_keeps_json_and_jsonl_formats(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    single, lines = tmp_path / "a.json", tmp_path / "b.jsonl"
    shutil.copy(CLI / "english.json", single)
    plain = '{"headline": "Plain",   "body": "Plain text."}'
    english = json.loads((CLI / "english.json").read_text(encoding="utf-8"))
    lines.write_text(f"{plain}\n{json.dumps(english)}\n", encoding="utf-8")
    code, out, _ = run(capsys, "fix", "--in-place", str(single), str(lines), "--format", "json")
    assert code == 0
    changes = [[f for f in json.loads(line)["findings"] if f["action"] != "flag"]
               for line in out.splitlines()]
    assert [bool(found) for found in changes] == [True, False, True]
    text = single.read_text(encoding="utf-8")
    assert text.startswith('{\n  "id": "en-1",\n') and text.endswith("}\n")
    data = json.loads(text)
    assert "findings" not in data and "READ MORE" not in data["body"]
    first, second = lines.read_text(encoding="utf-8").split("\n")[:2]
    assert first == plain, "an unchanged JSONL line is kept byte for byte"
    assert "READ MORE" not in json.loads(second)["body"]


def test_in_place_leaves_the_file_when_the_write_fails(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seed = tmp_path / "seed.txt"
    shutil.copy(SEED, seed)

    def refuse(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run(capsys, "fix", "--in-place", str(seed))
    assert code == 2 and err == f"cleanup: error: {seed}: cannot write: No space left on device\n"
    assert seed.read_bytes() == SEED.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["seed.txt"], "temp file removed"


# --- check -----------------------------------------------------------------------------

def test_check_seed_lines_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(SEED))
    assert code == 1 and err == ""
    lines = out.splitlines()
    start = seed_parts()[1].index(PROMO)
    assert lines[0] == (f"{SEED}:summary:{start}-{start + len(PROMO)}: P102 promo-sentence "
                        f"[remove/warning] promotional sentence at the end of a paragraph "
                        f"(follow-us) «{PROMO}»")
    assert len(lines) == 8
    assert lines[-2].startswith(f"{SEED}:headline:0-") and "«تحالف»" in lines[-2]
    assert lines[-1] == ("Checked 1 article: 7 findings (6 remove, 1 flag), 6 at or above "
                         "--fail-on=remove.")


def test_check_clean_article_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(CLI / "clean-en.txt")) == (
        0, "Checked 1 article: no findings.\n", "")


def test_check_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED), str(CLI / "clean-en.txt"), "--format", "json")
    assert code == 1
    seed, clean = (json.loads(line) for line in out.splitlines())
    assert seed["summary"] == expected_seed()["summary"]
    assert [f["action"] for f in seed["findings"]].count("remove") == 6
    assert [f["code"] for f in seed["findings"] if f["action"] == "flag"] == ["V104"]
    assert clean["findings"] == []


@pytest.mark.parametrize(("fail_on", "expected"), [
    ("remove", 1), ("error", 0), ("warning", 1), ("info", 1)])
def test_check_fail_on_removals(capsys: pytest.CaptureFixture[str], fail_on: str,
                                expected: int) -> None:
    assert run(capsys, "check", str(SEED), "--fail-on", fail_on)[0] == expected


@pytest.mark.parametrize(("fail_on", "site", "expected"), [
    ("remove", [], 0), ("info", [], 1), ("warning", [], 0),
    ("remove", ["--site", "khabarayn"], 1), ("error", ["--site", "khabarayn"], 0)])
def test_check_fail_on_flags(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             fail_on: str, site: list[str], expected: int) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"headline": "تحالف الصين وكوريا الشمالية | خبرين",
                                "body": "تعهدت الصين وكوريا الشمالية بالعمل معًا."}),
                    encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--fail-on", fail_on, "--ignore", "V", *site)
    assert code == expected and "B105" in out


def test_check_error_severity_fails_by_default(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = tmp_path / "guard.json"
    path.write_text(json.dumps({"headline": "Hello", "body": "Text.\nFollow us on Telegram "
                                "for more news."}), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--fail-on", "error")
    assert code == 1 and "[flag/error]" in out


@pytest.mark.parametrize(("options", "codes"), [
    (["--select", "R"], {"R101", "R102"}),
    (["--select", "R101", "--select", "p102"], {"R101", "P102"}),
    (["--ignore", "R101,R102,V"], {"P102"}),
    (["--ignore", "promo-sentence", "--ignore", "V"], {"R101", "R102"}),
    (["--select", "R", "--ignore", "R101"], {"R102"}),
    (["--ignore", "V"], {"P102", "R101", "R102"}),
])
def test_select_and_ignore(capsys: pytest.CaptureFixture[str], options: list[str],
                           codes: set[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED), "--format", "json", *options)
    assert code == 1
    assert {f["code"] for f in json.loads(out)["findings"]} == codes


def test_validation_runs_by_default_and_ignore_v_turns_it_off(
        capsys: pytest.CaptureFixture[str]) -> None:
    def codes(*options: str) -> list[str]:
        out = run(capsys, "check", str(SEED), "--format", "json", *options)[1]
        return [f["code"] for f in json.loads(out)["findings"]]

    assert [c for c in codes() if c.startswith("V")] == ["V104"]
    assert not [c for c in codes("--ignore", "V") if c.startswith("V")]
    # Validation alone: the related block stays, so the body ends without a sentence end.
    assert codes("--select", "V") == ["V104", "V111"]
    assert run(capsys, "check", str(SEED), "--select", "V")[0] == 0, "info notes pass"


def test_ignored_rules_change_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fix", str(SEED), "--ignore", "R")
    headline, _, body = seed_parts()
    assert code == 0
    assert out == f"{headline}\n{expected_seed()['summary']}\n\n" + "\n".join(body) + "\n"


def test_unknown_selector_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(SEED), "--select", "P1,X9") == (
        2, "", "cleanup: error: --select: unknown rule code, prefix or name 'X9'\n")


def test_check_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED), "--diff")
    assert code == 1 and f"-{RELATED}\n" in out and out.splitlines()[-1].startswith("Checked")


# --- rules and explain -----------------------------------------------------------------

def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    for rule in all_rules():
        assert rule.name in rows[rule.code] and rule.summary in rows[rule.code]


def test_rules_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "markdown")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "| Code | Name | Action | Severity | Summary |"
    assert len(lines) == len(all_rules()) + 2
    assert {line.split(" | ")[0].lstrip("| ") for line in lines[2:]} == {
        r.code for r in all_rules()}


def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    rule = find_rule("P102", all_rules())
    assert rule is not None
    assert run(capsys, "explain", "P102") == (0, rule.doc(), "")
    assert run(capsys, "explain", "promo-sentence") == (0, rule.doc(), "")


def test_explain_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "Z999")
    assert (code, out) == (2, "")
    assert err == "cleanup: error: unknown rule 'Z999' (cleanup rules lists them all)\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["fix", "--no-config", str(SEED), "--diff", "--in-place"]) == 2
    assert main(["check", "--no-config", str(SEED), "--diff", "--format", "json"]) == 2
    assert main(["fix", "--no-config", "-", "--in-place"]) == 2
    assert main(["--version"]) == 0
    assert "Traceback" not in capsys.readouterr().err


# --- the installed command -------------------------------------------------------------

def test_python_m_cleanup_fix_seed() -> None:
    done = subprocess.run([sys.executable, "-m", "cleanup", "fix", "fixtures/seed-khabarayn.txt"],
                          cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    e = expected_seed()
    assert done.stdout.decode("utf-8") == f"{e['headline']}\n{e['summary']}\n\n{e['body']}\n"
    report = done.stderr.decode("utf-8")
    assert "P102 promo-sentence" in report and PROMO in report and RELATED in report
