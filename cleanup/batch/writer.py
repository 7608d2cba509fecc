"""Batch outputs: written in order to ``.part`` files, checkpointed, renamed at the end.

Every few seconds the parts are flushed and fsync'd, then a small checkpoint (records
done, the byte size of each part, the counts so far) replaces the previous one
atomically. ``--resume`` truncates each part to its checkpointed size and goes on from the
checkpointed record, so the final files are byte for byte those of an uninterrupted run.
At the end each part is fsync'd and renamed over its target, and the checkpoint removed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.batch.records import Outcome
from cleanup.formats import InputError, write_atomic

VERSION = 1
BUFFER = 1 << 20


class ResumeError(InputError):
    """``--resume`` cannot continue from the files it finds."""


@dataclass(frozen=True)
class Targets:
    """Where the cleaned records, the rejects and (optionally) the findings go."""

    output: Path
    rejects: Path
    findings: Path | None = None

    def named(self) -> dict[str, Path]:
        """The target files by role, in the order they are renamed (output last)."""
        found = {"findings": self.findings, "rejects": self.rejects, "output": self.output}
        return {name: path for name, path in found.items() if path is not None}

    @property
    def checkpoint(self) -> Path:
        """The checkpoint file beside the output."""
        return self.output.with_name(self.output.name + ".checkpoint")


def part_of(path: Path) -> Path:
    """The in-progress file of a target (renamed to ``path`` at the end)."""
    return path.with_name(path.name + ".part")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def count_lines(path: Path) -> int:
    """Newlines in a file, read in blocks (memory stays flat)."""
    total = 0
    with open(path, "rb") as handle:
        while block := handle.read(BUFFER):
            total += block.count(b"\n")
    return total


class Writer:
    """The parts of a run and its checkpoint; ``resume`` picks up a previous run's."""

    def __init__(self, targets: Targets, identity: dict[str, Any], resume: bool) -> None:
        self.targets, self.identity = targets, identity
        self.items = 0
        self.stats: dict[str, Any] | None = None
        self.finished = False
        self._files: dict[str, BinaryIO] = {}
        state = self._load() if resume else None
        if state is None:
            targets.checkpoint.unlink(missing_ok=True)
        else:
            self.items, self.stats = int(state["items"]), state["stats"]
            self.finished = bool(state.get("finished"))
        if self.finished:
            return
        offsets: dict[str, int] = state["offsets"] if state else {}
        for name, path in targets.named().items():
            part = part_of(path)
            if name in offsets:
                handle = open(part, "r+b", buffering=BUFFER)  # noqa: SIM115
                handle.truncate(offsets[name])
                handle.seek(offsets[name])
            else:
                handle = open(part, "wb", buffering=BUFFER)  # noqa: SIM115
            self._files[name] = handle

    @property
    def resumed(self) -> bool:
        """True when this run continues a previous one."""
        return self.stats is not None

    def _load(self) -> dict[str, Any] | None:
        path = self.targets.checkpoint
        if not path.exists():
            return None
        try:
            state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResumeError(str(path), f"unreadable checkpoint ({exc}); run without "
                                         f"--resume to start over") from None
        if state.get("version") != VERSION or state.get("identity") != self.identity:
            raise ResumeError(str(path), "the inputs, options or outputs differ from the "
                                         "interrupted run; run without --resume to start over")
        if state.get("finished"):
            return state
        for name, path in self.targets.named().items():
            part, size = part_of(path), state["offsets"].get(name)
            if size is None or not part.exists() or part.stat().st_size < size:
                raise ResumeError(str(part), "missing or shorter than its checkpoint; run "
                                             "without --resume to start over")
        return state

    def write(self, outcome: Outcome) -> None:
        """Append one record's lines to the parts."""
        if outcome.output is not None:
            self._files["output"].write(outcome.output)
        if outcome.reject is not None:
            self._files["rejects"].write(outcome.reject)
        if outcome.findings and "findings" in self._files:
            self._files["findings"].write(outcome.findings)

    def checkpoint(self, items: int, stats: dict[str, Any], *, finished: bool = False) -> None:
        """Make the parts durable, then record that ``items`` records are done."""
        offsets = {}
        for name, handle in self._files.items():
            handle.flush()
            os.fsync(handle.fileno())
            offsets[name] = handle.tell()
        state = {"version": VERSION, "identity": self.identity, "items": items,
                 "offsets": offsets, "stats": stats, "finished": finished}
        write_atomic(self.targets.checkpoint, json.dumps(state, ensure_ascii=False))

    def verify(self, out: int, rejected: int) -> None:
        """Check the parts hold ``out`` and ``rejected`` lines (before renaming)."""
        for name, want in (("output", out), ("rejects", rejected)):
            self._files[name].flush()
            found = count_lines(part_of(self.targets.named()[name]))
            if found != want:
                raise InputError(str(self.targets.named()[name]),
                                 f"holds {found} lines where {want} were written: the run "
                                 f"is incomplete (the .part files are kept)")

    def finish(self, items: int, stats: dict[str, Any]) -> None:
        """Checkpoint as finished, rename every part over its target, drop the checkpoint."""
        if not self.finished:
            self.checkpoint(items, stats, finished=True)
            self.close()
        for path in self.targets.named().values():
            part = part_of(path)
            if part.exists():
                os.replace(part, path)
                _fsync_dir(path)
        self.targets.checkpoint.unlink(missing_ok=True)

    def close(self) -> None:
        """Close the parts (they and the checkpoint stay for ``--resume``)."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()
