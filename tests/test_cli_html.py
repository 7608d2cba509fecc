"""`cleanup fix|check page.html`: cleaned HTML out, findings like any other article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleanup.cli import main
from tests.helpers import FIXTURES, seed_article

PAGE = FIXTURES / "html" / "khabarayn-paragraphs.html"
SEED = seed_article()
PROMO = " تابعوا التفاصيل على خَبَرَيْن."


def test_fix_writes_cleaned_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(PAGE)]) == 0
    out, err = capsys.readouterr()
    assert "شاهد ايضاً" not in out and "أخبار ذات صلة" not in out
    assert "وبيونغ يانغ على خلاف مع واشنطن منذ عقود" in out
    assert "P102 promo-sentence" in err and "R102 see-also-line" in err


def test_fix_json_gives_the_fields_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(PAGE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["headline"] == SEED["headline"]
    assert data["summary"] == SEED["summary"][: -len(PROMO)]
    assert "شاهد ايضاً" not in data["body"]
    assert {f["code"] for f in data["findings"]} >= {"P102", "R102", "R101"}


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(PAGE)]) == 1
    clean = tmp_path / "clean.html"
    clean.write_text("<html><head><title>افتتاح جسر جديد</title></head><body><article>"
                     "<h1>افتتاح جسر جديد</h1><p>افتتحت الحكومة جسرا جديدا فوق النيل في "
                     "القاهرة.</p></article></body></html>", encoding="utf-8")
    assert main(["check", str(clean)]) == 0  # the page has no summary: a warning (V101)
    assert main(["check", str(clean), "--fail-on", "warning"]) == 1
    assert main(["check", str(clean), "--fail-on", "warning", "--ignore", "V"]) == 0


def test_in_place_rewrites_only_changed_pages(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(PAGE, page)
    assert main(["fix", str(page), "--in-place"]) == 0
    assert "شاهد ايضاً" not in page.read_text(encoding="utf-8")
    before = page.read_bytes()
    assert main(["fix", str(page), "--in-place"]) == 0
    assert page.read_bytes() == before


def test_bad_html_is_one_line_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e;</p>')
    assert main(["fix", str(bad), "--in-place"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cleanup: error: {bad}:") and err.count("\n") == 1
    assert "Traceback" not in err


def test_html_cannot_mix_with_text_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(PAGE), str(FIXTURES / "seed-khabarayn.txt")]) == 2
    assert "cannot be mixed" in capsys.readouterr().err


def test_json_to_output_file_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["fix", str(PAGE), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["headline"] == SEED["headline"]
