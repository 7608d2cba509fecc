"""Clean a stream of records in worker processes, in input order, with bounded memory.

Records go to the workers in chunks; at most a few chunks per worker are in flight and
results are taken oldest first, so order is kept and memory does not grow with the input.
One worker means no extra process at all. A worker that dies (a crash in native code,
the OOM killer) does not lose records: its chunk is redone one record at a time in a
fresh pool, and a record that kills a worker again is rejected as ``worker-crashed``.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from cleanup.api import Config
from cleanup.batch.records import (
    Limits,
    Outcome,
    cleaner_for,
    process,
    process_chunk,
    rejected,
    time_caps,
)
from cleanup.batch.sources import RawItem

ChunkFn = Callable[[Sequence[RawItem], Config, Limits, "str | None"], list[Outcome]]

CHUNK_RECORDS = 64
CHUNK_BYTES = 4 << 20
IN_FLIGHT_PER_WORKER = 2


def chunked(items: Iterable[RawItem], records: int = CHUNK_RECORDS,
            size: int = CHUNK_BYTES) -> Iterator[list[RawItem]]:
    """Consecutive lists of at most ``records`` items and about ``size`` bytes."""
    chunk: list[RawItem] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += len(item.data)
        if len(chunk) >= records or total >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the run cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one: workers fork from a clean process that has
    imported cleanup once (no threads copied, no import per worker); else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cleanup.batch.records"])
    return context


def _discard(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting, and end any worker it left behind.

    When a pool breaks while a worker is being started, CPython can leave that worker
    waiting for work forever (and the interpreter waiting for it at exit).
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in processes:
        worker.join(timeout=0.5)
        if worker.is_alive():
            worker.terminate()


class Workers:
    """Clean records with ``count`` processes (1: in this process), keeping order."""

    def __init__(self, count: int, config: Config, limits: Limits, lang: str | None = None,
                 chunk_fn: ChunkFn = process_chunk) -> None:
        self.count, self.config, self.limits, self.lang = count, config, limits, lang
        self.chunk_fn = chunk_fn
        self.in_flight = IN_FLIGHT_PER_WORKER * count + 2

    def run(self, items: Iterable[RawItem]) -> Iterator[Outcome]:
        """The outcome of every item, in the items' order."""
        if self.count <= 1:
            cleaner = cleaner_for(self.config)
            with time_caps() as armed:
                for item in items:
                    yield process(item, cleaner, self.limits, self.lang, armed=armed)
            return
        pool = self._pool()
        pending: deque[tuple[list[RawItem], Future[list[Outcome]]]] = deque()
        try:
            for chunk in chunked(items):
                pending.append((chunk, self._submit(pool, chunk)))
                while len(pending) >= self.in_flight:
                    outcomes, pool = self._take(pool, pending)
                    yield from outcomes
            while pending:
                outcomes, pool = self._take(pool, pending)
                yield from outcomes
        finally:
            _discard(pool)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.count, _context(), initializer=_ignore_sigint)

    def _submit(self, pool: ProcessPoolExecutor,
                chunk: list[RawItem]) -> Future[list[Outcome]]:
        """The chunk's future; a pool that broke meanwhile gives a failed one."""
        try:
            return pool.submit(self.chunk_fn, chunk, self.config, self.limits, self.lang)
        except BrokenProcessPool as exc:
            failed: Future[list[Outcome]] = Future()
            failed.set_exception(exc)
            return failed

    def _take(self, pool: ProcessPoolExecutor,
              pending: deque[tuple[list[RawItem], Future[list[Outcome]]]],
              ) -> tuple[list[Outcome], ProcessPoolExecutor]:
        chunk, future = pending.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool:
            _discard(pool)
        outcomes, pool = self._isolate(chunk)
        for index, (waiting, _) in enumerate(pending):
            pending[index] = (waiting, self._submit(pool, waiting))
        return outcomes, pool

    def _isolate(self, chunk: list[RawItem]) -> tuple[list[Outcome], ProcessPoolExecutor]:
        """Redo a chunk one record at a time, a fresh pool after each crash."""
        pool = self._pool()
        outcomes = []
        for item in chunk:
            try:
                outcomes.extend(self._submit(pool, [item]).result())
            except BrokenProcessPool:
                outcomes.append(rejected(item, "worker-crashed",
                                         "the worker process died while cleaning it"))
                _discard(pool)
                pool = self._pool()
        return outcomes, pool
