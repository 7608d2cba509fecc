"""A whole batch run: inputs → workers → ordered, checkpointed outputs → summary.

Nothing is lost: every record read ends in the output or in the rejects file, the run
checks that the files on disk hold ``in = out + rejected`` lines before it renames them
into place, and fails (exit 2) if not.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any

from cleanup import __version__
from cleanup.api import Config, UnknownSiteError
from cleanup.batch.records import Limits, cleaner_for
from cleanup.batch.sources import Plan, RawItem, Reader, plan_inputs
from cleanup.batch.summary import Stats, report
from cleanup.batch.workers import Workers
from cleanup.batch.writer import Targets, Writer
from cleanup.formats import InputError, write_atomic

CHECKPOINT_SECONDS = 2.0
PROGRESS_SECONDS = 0.2


@dataclass(frozen=True)
class BatchOptions:
    """How to run: outputs, workers, resume, progress, per-record limits."""

    output: Path
    rejects: Path | None = None
    findings: Path | None = None
    report: Path | None = None
    workers: int = 1
    resume: bool = False
    progress: bool = False
    limits: Limits = field(default_factory=Limits)
    lang: str | None = None
    checkpoint_seconds: float = CHECKPOINT_SECONDS


def default_rejects(output: Path) -> Path:
    """``clean.jsonl`` → ``clean.rejects.jsonl`` (beside the output)."""
    stem = output.name.removesuffix(".jsonl").removesuffix(".ndjson")
    return output.with_name(f"{stem}.rejects.jsonl")


def _targets(options: BatchOptions, plan: Plan) -> Targets:
    targets = Targets(options.output, options.rejects or default_rejects(options.output),
                      options.findings)
    inputs = {Path(p).resolve() for p in plan.paths}
    folders = [Path(p).resolve() for p in plan.folders]
    seen: set[Path] = set()
    for path in targets.named().values():
        real = path.resolve()
        if path.is_dir():
            raise InputError(str(path), "is a directory (give a file name)")
        if not path.parent.is_dir():
            raise InputError(str(path), "its folder does not exist")
        if real in inputs:
            raise InputError(str(path), "is also an input: it would be overwritten")
        if any(real.is_relative_to(folder) for folder in folders):
            raise InputError(str(path), "is inside an input folder: a later run would read "
                                        "it as input")
        if real in seen:
            raise InputError(str(path), "is given for two outputs")
        seen.add(real)
    return targets


def _identity(plan: Plan, config: Config, options: BatchOptions,
              targets: Targets) -> dict[str, Any]:
    """What must not change between an interrupted run and its ``--resume``."""
    return {"cleanup": __version__,
            "inputs": [list(plan.paths), plan.count, plan.total_bytes, plan.digest],
            "config": repr(config), "lang": options.lang,
            "limits": [options.limits.max_bytes, options.limits.timeout],
            "targets": {name: str(path) for name, path in targets.named().items()}}


def _width(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 0


class _Progress:
    """A tqdm bar on standard error, measured in input bytes, with records and rate."""

    def __init__(self, enabled: bool, total: int, initial: int, stream: IO[str]) -> None:
        self.bar: Any = None
        self.done = 0
        self.start = time.monotonic()
        if enabled:
            from tqdm import tqdm  # type: ignore[import-untyped]

            sized = _width(stream) > 0  # a terminal that reports no size: 80 x 24
            self.bar = tqdm(total=total, initial=initial, unit="B", unit_scale=True,
                            unit_divisor=1024, file=stream, dynamic_ncols=sized,
                            ncols=None if sized else 80, nrows=None if sized else 24,
                            bar_format="{percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
                                       "[{elapsed}<{remaining}{postfix}]")

    def update(self, records: int, position: int) -> None:
        if self.bar is None:
            return
        rate = records / max(time.monotonic() - self.start, 1e-9)
        self.bar.set_postfix_str(f"{records:,} records, {rate:,.0f} records/s",
                                 refresh=False)
        self.bar.update(max(position - self.bar.n, 0))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _first_then(reader: Reader) -> tuple[Iterator[RawItem], int]:
    """The reader's items, with the resume skip already done (for an honest ETA)."""
    items = iter(reader)
    first = next(items, None)
    position = reader.bytes_done
    return (items if first is None else chain([first], items)), position


def run_batch(paths: Sequence[str], config: Config, options: BatchOptions,
              stream: IO[str] | None = None) -> dict[str, Any]:
    """Clean every record of ``paths`` into the outputs; return the report dict.

    Raises :class:`InputError` (nothing written) for a missing input, a bad output path
    or a ``--resume`` that does not match, and after the run if the counts do not add up.
    """
    plan = plan_inputs(paths)
    cleaner = cleaner_for(config)  # bad packs or config fail here, before any output
    try:
        cleaner.clean({"body": ""})
    except UnknownSiteError as exc:
        raise InputError("--site", str(exc)) from None
    targets = _targets(options, plan)
    writer = Writer(targets, _identity(plan, config, options, targets), options.resume)
    stats = Stats.from_state(writer.stats) if writer.stats is not None else Stats()
    resumed_at = stats.records_in
    start = time.monotonic()
    reader = Reader(plan, options.limits.max_bytes, skip=writer.items)
    progress: _Progress | None = None
    try:
        if not writer.finished:
            items, position = _first_then(reader)
            progress = _Progress(options.progress, plan.total_bytes, position,
                                 stream or sys.stderr)
            saved = shown = time.monotonic()
            workers = Workers(options.workers, config, options.limits, options.lang)
            for outcome in workers.run(items):
                writer.write(outcome)
                stats.add(outcome)
                now = time.monotonic()
                if now - shown >= PROGRESS_SECONDS:
                    progress.update(stats.records_in - resumed_at, reader.bytes_done)
                    shown = now
                if now - saved >= options.checkpoint_seconds:
                    writer.checkpoint(stats.records_in, stats.to_state())
                    saved = now
            progress.update(stats.records_in - resumed_at, plan.total_bytes)
            writer.verify(stats.records_out, stats.rejected)
        result = report(stats, seconds=time.monotonic() - start,
                        blank_lines=reader.blank_lines, skipped_files=plan.skipped,
                        resumed_at=resumed_at, workers=options.workers,
                        outputs={k: str(v) for k, v in targets.named().items()})
        result["ok"] = result["ok"] and stats.records_in == resumed_at + reader.yielded
        if options.report is not None:
            write_atomic(options.report,
                         json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        if not result["ok"]:
            raise InputError(str(targets.output), "records in != out + rejected: the run is "
                                                  "incomplete (the .part files are kept)")
        writer.finish(stats.records_in, stats.to_state())
    finally:
        if progress is not None:
            progress.close()
        writer.close()
    return result
