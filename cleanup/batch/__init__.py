"""Batch cleaning at scale: JSON Lines archives and folders in, streamed, checkpointed.

``cleanup batch`` (see :func:`run_batch`) reads ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``
and folders of ``.json``/``.txt``/``.html`` files, cleans records in worker processes
keeping input order, and writes the cleaned records, the rejects (with reason, file, line
and raw record) and optionally one line per finding, atomically and resumably.
:func:`clean_partition` is the same cleaning as a pure function for Dask or Spark.
"""

from cleanup.batch.dask import clean_bag, clean_partition
from cleanup.batch.records import REASONS, SUMMARY_KEY, Limits
from cleanup.batch.run import BatchOptions, default_rejects, run_batch

__all__ = [
    "REASONS",
    "SUMMARY_KEY",
    "BatchOptions",
    "Limits",
    "clean_bag",
    "clean_partition",
    "default_rejects",
    "run_batch",
]
