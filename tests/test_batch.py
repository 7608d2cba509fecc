"""`cleanup batch`: every record ends in the output or the rejects, with the right reason."""

from __future__ import annotations

import base64
import gzip
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, seed_article

from cleanup import Cleaner, Config, Finding
from cleanup.cli import main

MB = 1 << 20


def jsonl(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def article(i: int, **extra: Any) -> dict[str, Any]:
    seed = seed_article()
    return {"id": i, "title": seed["headline"], "summary": seed["summary"],
            "body": f"{seed['body']}\nفقرة رقم {i}.", **extra}


def line(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """The per-record summary of findings: count per code, sorted by code."""
    return dict(sorted(Counter(f.code for f in findings).items()))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def batch(*args: str) -> int:
    return main(["batch", *args, "--no-config", "--workers", "1"])


@pytest.fixture
def messy(tmp_path: Path) -> tuple[Path, list[bytes]]:
    """A feed with good records among broken lines, garbage, missing fields, 20 MB."""
    huge = line({"title": "huge", "body": "كلمة " * (4 * MB)})
    assert len(huge) > 20 * MB
    lines = [
        line(article(1, author="A", tags=["x", "y"], meta={"n": 1})),   # 1 ok
        b'{"title": "broken", "body": "no end',                          # 2 invalid-json
        bytes(b for b in range(256) if b not in b"\r\n") * 4,              # 3 not-utf8
        line(article(2)),                                                # 4 ok
        b"",                                                             # 5 blank
        b'["an", "array"]',                                              # 6 not-an-object
        line({"author": "nobody", "date": "2024-01-01"}),                # 7 bad-article
        line({"title": 42, "body": "text"}),                             # 8 bad-article
        huge,                                                            # 9 too-large
        line({"title": "Only a title"}),                                 # 10 ok: missing fields
        line(article(3)) + b"\r",                                        # 11 ok (CRLF)
    ]
    return jsonl(tmp_path / "feed.jsonl", lines), lines


def test_messy_feed_counts_reasons_and_raw_records(messy: tuple[Path, list[bytes]],
                                                   tmp_path: Path) -> None:
    feed, lines = messy
    out, report = tmp_path / "clean.jsonl", tmp_path / "report.json"
    assert batch(str(feed), "-o", str(out), "--report", str(report), "--quiet") == 0

    cleaned = read_jsonl(out)
    assert [r.get("id") for r in cleaned] == [1, 2, None, 3]  # input order
    rejects = read_jsonl(tmp_path / "clean.rejects.jsonl")
    assert [(r["line"], r["reason"]) for r in rejects] == [
        (2, "invalid-json"), (3, "not-utf8"), (6, "not-an-object"), (7, "bad-article"),
        (8, "bad-article"), (9, "too-large")]
    assert all(r["file"] == str(feed) for r in rejects)
    assert "field 'title' must be text" in rejects[4]["message"]
    # the raw record comes back byte for byte (base64 when it is not text)
    assert rejects[0]["raw"].encode() == lines[1]
    assert base64.b64decode(rejects[1]["raw_base64"]) == lines[2]
    assert rejects[3]["raw"].encode() == lines[6]
    # the 20 MB record: never held whole; its head, size and offset find it in the file
    big = rejects[5]
    assert big["raw_truncated"] is True and big["bytes"] == len(lines[8])
    assert len(big["raw"].encode()) <= 4096
    with open(feed, "rb") as handle:
        handle.seek(big["offset"])
        assert handle.read(len(big["raw"].encode())) == big["raw"].encode()

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is True
    assert data["records"] == {"in": 10, "out": 4, "rejected": 6, "changed": 3}
    assert data["rejected"] == {"bad-article": 2, "invalid-json": 1, "not-utf8": 1,
                                "not-an-object": 1, "too-large": 1}
    assert data["blank_lines"] == 1


def test_output_keeps_other_fields_and_reports_per_record(tmp_path: Path) -> None:
    records = [article(1, author="A", tags=["x"], nested={"k": [1, 2]}),
               {"headline": "Plain", "summary": "", "body": "Nothing to do here.",
                "site": "example.com"}]
    feed = jsonl(tmp_path / "in.jsonl", [line(r) for r in records])
    out, findings = tmp_path / "out.jsonl", tmp_path / "findings.jsonl"
    assert batch(str(feed), "-o", str(out), "--findings", str(findings), "-q") == 0

    first, second = read_jsonl(out)
    want = Cleaner(Config()).clean(records[0])
    assert list(first) == [*records[0], "cleanup"]  # keys and their order kept
    assert {k: first[k] for k in ("id", "author", "tags", "nested")} == {
        "id": 1, "author": "A", "tags": ["x"], "nested": {"k": [1, 2]}}  # untouched
    assert (first["title"], first["summary"], first["body"]) == (
        want.article.headline, want.article.summary, want.article.body)
    assert first["cleanup"]["changed"] is True
    assert first["cleanup"]["findings"] == counts(want.findings)
    plain = Cleaner(Config()).clean(records[1])
    assert not plain.changed
    assert second == {**records[1],
                      "cleanup": {"changed": False, "findings": counts(plain.findings)}}

    lines = read_jsonl(findings)
    assert len(lines) == len(want.findings) + len(plain.findings)
    firsts = lines[: len(want.findings)]
    assert all((x["file"], x["line"], x["id"]) == (str(feed), 1, 1) for x in firsts)
    assert [x["code"] for x in firsts] == [f.code for f in want.findings]
    assert firsts[0]["text"] == want.findings[0].text


def test_compressed_inputs_give_the_same_output(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    raw = b"".join(line(article(i)) + b"\n" for i in range(5))
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(raw)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
    outputs = []
    for name in ("a.jsonl", "b.jsonl.gz", "c.jsonl.zst"):
        out = tmp_path / f"{name}.out.jsonl"
        assert batch(str(tmp_path / name), "-o", str(out), "-q") == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0].splitlines()) == 5


def test_truncated_gzip_rejects_the_rest_and_goes_on(tmp_path: Path) -> None:
    noise = random.Random(0)
    raw = b"".join(line(article(i, noise=noise.randbytes(3000).hex())) + b"\n"
                   for i in range(50))
    packed = gzip.compress(raw)
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(packed[: len(packed) // 2])
    good = jsonl(tmp_path / "good.jsonl", [line(article(99))])
    out = tmp_path / "out.jsonl"
    assert batch(str(broken), str(good), "-o", str(out), "-q") == 0
    cleaned = read_jsonl(out)
    (reject,) = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert reject["reason"] == "read-error" and "truncated" in reject["message"]
    assert reject["line"] == len(cleaned)  # the line after the last one read
    assert 0 < len(cleaned) - 1 < 50 and cleaned[-1]["id"] == 99


def test_corrupt_gzip_rejects_the_rest_and_goes_on(tmp_path: Path) -> None:
    raw = b"".join(line(article(i)) + b"\n" for i in range(50))
    packed = bytearray(gzip.compress(raw))
    packed[10:14] = b"\xff" * 4  # the first deflate block: reserved type, invalid
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(bytes(packed))
    good = jsonl(tmp_path / "good.jsonl", [line(article(99))])
    out = tmp_path / "out.jsonl"
    assert batch(str(broken), str(good), "-o", str(out), "-q") == 0
    (reject,) = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert reject["reason"] == "read-error" and reject["file"].endswith("broken.jsonl.gz")
    assert [r["id"] for r in read_jsonl(out)] == [99]


def test_folder_of_files(tmp_path: Path) -> None:
    pytest.importorskip("cleanup.html")
    out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    folder = FIXTURES / "batch" / "folder"
    assert batch(str(folder), "-o", str(out), "--report", str(report), "-q",
                 "--ignore", "V") == 0
    cleaned = read_jsonl(out)
    assert [r.get("file", r.get("title")) for r in cleaned] == [
        str(folder / "a.txt"), "Storm hits the coast", str(folder / "c.html"), "First",
        "Second"]
    txt, json_file, html = cleaned[:3]
    assert list(txt) == ["file", "headline", "summary", "body", "cleanup"]
    assert "-----" not in txt["body"] and "تابعونا" not in txt["summary"]
    assert json_file["tags"] == ["weather"] and "Follow us" not in json_file["content"]
    assert "Follow us" not in html["html"] and "Follow us" not in html["body"]
    assert "<p>Residents were told to stay indoors.</p>" in html["html"]
    assert html["cleanup"] == {"changed": True, "findings": {"P101": 1}}
    assert (tmp_path / "out.rejects.jsonl").read_bytes() == b""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["skipped_files"], data["blank_lines"]) == (1, 1)  # notes.md, d.jsonl


def test_html_without_the_html_front_end_is_rejected(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanup.batch import html

    def unavailable(*_: object) -> None:
        raise html.HtmlUnavailable("no module named cleanup.html")

    monkeypatch.setattr(html, "_html_cleaner", unavailable)
    folder = FIXTURES / "batch" / "folder"
    out = tmp_path / "out.jsonl"
    assert batch(str(folder), "-o", str(out), "-q") == 0
    assert len(read_jsonl(out)) == 4
    (reject,) = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert (reject["file"], reject["reason"], reject["message"]) == (
        str(folder / "c.html"), "html-unsupported", "html not supported yet")
    assert reject["raw"] == (folder / "c.html").read_text(encoding="utf-8")


def test_slow_record_is_rejected_on_timeout(tmp_path: Path) -> None:
    slow = {"title": "slow", "body": "\n".join(["فقرة من النص. تابعونا على تويتر"] * 6000)}
    feed = jsonl(tmp_path / "in.jsonl", [line(article(1)), line(slow), line(article(2))])
    out = tmp_path / "out.jsonl"
    assert batch(str(feed), "-o", str(out), "--timeout", "0.05", "-q") == 0
    assert [r["id"] for r in read_jsonl(out)] == [1, 2]
    (reject,) = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert (reject["line"], reject["reason"]) == (2, "timeout")
    assert json.loads(reject["raw"]) == slow


def test_summary_table_on_stderr_and_quiet(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    feed = jsonl(tmp_path / "in.jsonl", [line(article(1, site="khabarayn")), b"{oops"])
    assert batch(str(feed), "-o", str(tmp_path / "out.jsonl")) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert "Batch summary" in err and "%|" not in err  # no progress bar off a terminal
    assert "records in" in err and "rejected: invalid-json" in err
    assert "P102" in err and "khabarayn" in err
    assert "Check: in = out + rejected (2 = 1 + 1)" in err
    assert batch(str(feed), "-o", str(tmp_path / "out.jsonl"), "--quiet") == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("args", "message"), [
    (["missing.jsonl"], "missing.jsonl: no such file"),
    (["{feed}", "-o", "{feed}"], "is also an input"),
    (["{feed}", "--rejects", "{out}"], "is given for two outputs"),
    (["{feed}", "-o", "{tmp}/nowhere/out.jsonl"], "its folder does not exist"),
    (["{tmp}/notes.md"], "cannot tell the format"),
    (["{feed}", "--site", "no-such-site"], "unknown site 'no-such-site'"),
    (["{tmp}/folder", "-o", "{tmp}/folder/out.jsonl"], "is inside an input folder"),
    (["{tmp}/folder"], "no article files in this folder"),
])
def test_input_errors_exit_2_and_write_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    feed = jsonl(tmp_path / "in.jsonl", [line(article(1))])
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.md").write_text("x")
    out = tmp_path / "out.jsonl"
    values = {"feed": str(feed), "out": str(out), "tmp": str(tmp_path)}
    argv = [a.format(**values) for a in args]
    if "-o" not in argv:
        argv += ["-o", str(out)]
    before = sorted(tmp_path.rglob("*"))
    if "inside an input folder" in message:
        (tmp_path / "folder" / "a.json").write_text(json.dumps(article(1)))
        before = sorted(tmp_path.rglob("*"))
    assert batch(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("cleanup: error: ") and message in err and "Traceback" not in err
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(("option", "value"), [("--workers", "0"), ("--timeout", "-1"),
                                               ("--max-size", "ten"), ("--max-size", "0")])
def test_bad_option_values_are_usage_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    feed = jsonl(tmp_path / "in.jsonl", [line(article(1))])
    argv = ["batch", str(feed), "-o", str(tmp_path / "out.jsonl"), option, value]
    assert main(argv) == 2
    assert option in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_count_check_fails_when_a_record_goes_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from cleanup.batch.writer import Writer

    original = Writer.write
    seen: list[int] = []

    def drop_second(self: Writer, outcome: Any) -> None:
        seen.append(1)
        if len(seen) != 2:
            original(self, outcome)

    monkeypatch.setattr(Writer, "write", drop_second)
    feed = jsonl(tmp_path / "in.jsonl", [line(article(i)) for i in range(3)])
    out = tmp_path / "out.jsonl"
    assert batch(str(feed), "-o", str(out), "-q") == 2
    assert "holds 2 lines where 3 were written" in capsys.readouterr().err
    assert not out.exists() and (tmp_path / "out.jsonl.part").exists()


def test_size_cap_is_exact(tmp_path: Path) -> None:
    at_cap = line({"title": "x", "body": "y" * 1000})
    over = line({"title": "x", "body": "y" * 1001})
    feed = jsonl(tmp_path / "in.jsonl", [at_cap, over, at_cap + b"\r"])
    out = tmp_path / "out.jsonl"
    assert batch(str(feed), "-o", str(out), "--max-size", str(len(at_cap)), "-q") == 0
    assert len(read_jsonl(out)) == 2
    (reject,) = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert (reject["line"], reject["reason"], reject["bytes"]) == (2, "too-large", len(over))
    assert reject["offset"] == len(at_cap) + 1 and reject["raw"] == over.decode()


def test_output_lines_keep_every_value_as_read(tmp_path: Path) -> None:
    """Values a fast JSON writer would change or refuse come back as the input had them:
    NaN and infinities, integers over 64 bits, text with a lone surrogate."""
    records = [
        b'{"id": 1, "title": "Plain", "body": "Nothing to do.", "score": NaN, '
        b'"max": Infinity, "min": null}',
        b'{"id": 2, "title": "Plain", "body": "Nothing to do.", "note": "odd \\ud800 text"}',
        b'{"id": 3, "title": "\xd8\xae\xd8\xa8\xd8\xb1", "body": "Nothing to do.", "r": 0.1}',
        b'{"id": 4, "title": "Plain", "body": "Nothing to do.", '
        b'"big": 123456789012345678901234567890}',
    ]
    feed = jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert batch(str(feed), "-o", str(out), "-q", "--ignore", "V") == 0
    first, second, third, fourth = out.read_bytes().splitlines()
    one = json.loads(first)
    assert one["score"] != one["score"] and one["max"] == float("inf")  # NaN, Infinity
    assert one["min"] is None
    assert json.loads(fourth)["big"] == 123456789012345678901234567890
    assert json.loads(second)["note"] == "odd \ud800 text"  # not article text: untouched
    assert third.startswith('{"id":3,"title":"خبر"'.encode())  # compact UTF-8
    assert json.loads(third)["r"] == 0.1
