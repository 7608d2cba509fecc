"""`cleanup batch` survives kill -9 (--resume gives the same bytes), workers keep order."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import seed_article

from cleanup import Config
from cleanup.batch.records import Limits, Outcome, process_chunk
from cleanup.batch.sources import RawItem
from cleanup.batch.workers import Workers
from cleanup.cli import main

ROOT = Path(__file__).resolve().parent.parent


def corpus(path: Path, count: int) -> Path:
    """``count`` seed-like articles with junk to clean, a few broken lines among them."""
    seed = seed_article()
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            if i % 500 == 7:
                out.write("{not json at all\n")
                continue
            body = f"{seed['body']}\nفقرة رقم {i} من الخبر."
            out.write(json.dumps({"id": i, "title": seed["headline"], "summary":
                                  seed["summary"], "body": body}, ensure_ascii=False) + "\n")
    return path


def command(feed: Path, out: Path, *extra: str, quiet: bool = True) -> list[str]:
    return [sys.executable, "-m", "cleanup", "batch", str(feed), "-o", str(out),
            "--findings", str(out.with_suffix(".findings")), "--no-config",
            *(["-q"] if quiet else []), *extra]


def outputs(out: Path) -> list[bytes]:
    return [p.read_bytes() for p in (out, out.with_name(out.stem + ".rejects.jsonl"),
                                     out.with_suffix(".findings"))]


RECORDS = 2000


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    """A feed and the outputs of one uninterrupted in-process run over it."""
    folder = tmp_path_factory.mktemp("reference")
    feed = corpus(folder / "feed.jsonl", RECORDS)
    out = folder / "reference.jsonl"
    assert main(["batch", str(feed), "-o", str(out), "--findings",
                 str(out.with_suffix(".findings")), "--no-config", "-q",
                 "--workers", "1"]) == 0
    return feed, outputs(out)


@pytest.mark.parametrize(("workers", "stop"), [("1", signal.SIGKILL), ("2", signal.SIGKILL),
                                               ("2", signal.SIGINT)])
def test_kill_9_then_resume_gives_identical_bytes(
        tmp_path: Path, reference: tuple[Path, list[bytes]], workers: str,
        stop: signal.Signals) -> None:
    feed, expected = reference
    out = tmp_path / "out.jsonl"
    run = command(feed, out, "--workers", workers, "--checkpoint-every", "0.2")
    proc = subprocess.Popen(run, cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE,
                            text=True)
    checkpoint, part = tmp_path / "out.jsonl.checkpoint", tmp_path / "out.jsonl.part"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if checkpoint.exists() and json.loads(checkpoint.read_text(encoding="utf-8"))["items"]:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed: make it longer"
    os.killpg(proc.pid, stop)  # the whole process group, as a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    if stop == signal.SIGINT:  # Ctrl-C: a clean stop that says how to go on
        assert proc.returncode == 130
        assert err == ("cleanup: interrupted: run the same command with --resume to "
                       "continue\n")
    state = json.loads(checkpoint.read_text(encoding="utf-8"))
    assert 0 < state["items"] < RECORDS and not out.exists()
    assert part.stat().st_size >= state["offsets"]["output"]
    with open(part, "ab") as torn:  # a record half written after the checkpoint
        torn.write(b'{"id": 12345, "title": "half a rec')

    resumed = subprocess.run(command(feed, out, "--workers", workers, "--resume",
                                     "--report", str(tmp_path / "report.json")),
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert outputs(out) == expected
    assert not checkpoint.exists() and not part.exists()
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["resumed_at"] == state["items"]
    assert report["records"]["in"] == RECORDS and report["rejected"] == {"invalid-json": 4}


def test_crash_while_renaming_then_resume(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        reference: tuple[Path, list[bytes]]) -> None:
    feed, expected = reference
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(feed), "-o", str(out), "--findings", str(out.with_suffix(".findings")),
            "--no-config", "-q", "--workers", "1"]
    replace = os.replace

    def fail_on_output(src: Any, dst: Any) -> None:
        if Path(dst) == out:
            raise OSError("disk gone")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_output)
    assert main(argv) == 2
    assert not out.exists() and (tmp_path / "out.jsonl.checkpoint").exists()
    monkeypatch.setattr(os, "replace", replace)
    assert main([*argv, "--resume"]) == 0
    assert outputs(out) == expected
    assert not (tmp_path / "out.jsonl.checkpoint").exists()


def test_resume_refuses_a_different_run(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    feed = corpus(tmp_path / "feed.jsonl", 20)
    out = tmp_path / "out.jsonl"
    checkpoint = {"version": 1, "identity": {"other": "run"}, "items": 3, "offsets": {},
                  "stats": {}, "finished": False}
    (tmp_path / "out.jsonl.checkpoint").write_text(json.dumps(checkpoint))
    assert main(["batch", str(feed), "-o", str(out), "--no-config", "-q", "--resume",
                 "--workers", "1"]) == 2
    assert "differ from the interrupted run" in capsys.readouterr().err
    assert not out.exists()
    # without --resume the run starts over
    assert main(["batch", str(feed), "-o", str(out), "--no-config", "-q",
                 "--workers", "1"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 19
    # --resume with no checkpoint left (the run finished) also starts from the beginning
    first = out.read_bytes()
    out.unlink()
    assert main(["batch", str(feed), "-o", str(out), "--no-config", "-q", "--resume",
                 "--workers", "1"]) == 0
    assert out.read_bytes() == first


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    feed = corpus(tmp_path / "feed.jsonl", 300)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, workers in ((one, "1"), (two, "2")):
        assert main(["batch", str(feed), "-o", str(out), "--findings",
                     str(out.with_suffix(".findings")), "--no-config", "-q",
                     "--workers", workers]) == 0
    assert outputs(one) == outputs(two)
    ids = [json.loads(x)["id"] for x in one.read_text(encoding="utf-8").splitlines()]
    assert ids == [i for i in range(300) if i != 7]


def crash_on_marker(items: Sequence[RawItem], config: Config, limits: Limits,
                    lang: str | None = None) -> list[Outcome]:
    """A chunk function whose process dies on the record with "CRASH" in it."""
    if any(b"CRASH" in item.data for item in items):
        os._exit(1)
    return process_chunk(items, config, limits, lang)


def test_a_record_that_kills_its_worker_is_rejected_and_the_rest_go_on() -> None:
    items = [RawItem("feed.jsonl", n, "jsonl",
                     json.dumps({"id": n, "body": "CRASH" if n == 70 else f"Text {n}."})
                     .encode(), 0) for n in range(1, 201)]
    items = [RawItem(i.path, i.line, i.kind, i.data, len(i.data)) for i in items]
    workers = Workers(2, Config(), Limits(), chunk_fn=crash_on_marker)
    outcomes = list(workers.run(items))
    assert len(outcomes) == 200
    reasons = [(n, o.reason) for n, o in enumerate(outcomes, 1) if o.output is None]
    assert reasons == [(70, "worker-crashed")]
    ids = [json.loads(o.output)["id"] for o in outcomes if o.output is not None]
    assert ids == [n for n in range(1, 201) if n != 70]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    feed = corpus(tmp_path / "feed.jsonl", 200)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(command(feed, tmp_path / "out.jsonl", "--workers", "1",
                                    quiet=False),
                            cwd=ROOT, stderr=follower, stdout=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "100%|" in text and "200 records" in text and "records/s" in text
    assert "Batch summary" in text
