"""Batch cleaning on an engine you already run: Dask here, Spark by the same function.

:func:`clean_partition` is pure: records in, one tagged outcome per record out, in order,
the cleaned record byte for byte what ``cleanup batch`` writes. :func:`clean_bag` maps it
over a ``dask.bag.Bag`` and splits the outcomes into cleaned records and rejects::

    import dask, dask.bag as db
    from cleanup.batch.dask import clean_bag
    cleaned, rejects = clean_bag(db.read_text("crawl/*.jsonl.gz"))
    dask.compute(cleaned.map(json.dumps).to_textfiles("out/*.jsonl"),
                 rejects.map(json.dumps).to_textfiles("rejects/*.jsonl"))

Records may be dicts or JSON text (lines of ``read_text``). The size cap applies to text
records; the time cap only where a record is cleaned in a process's main thread (SIGALRM),
so not in Dask's worker threads.
Needs the ``dask`` extra: ``pip install 'cleanup[dask]'``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cleanup.api import Cleaner, Config
from cleanup.batch.records import (
    Limits,
    Rejected,
    clean_object,
    cleaner_for,
    process,
    reject_entry,
)
from cleanup.batch.sources import HEAD, RawItem

if TYPE_CHECKING:
    from dask.bag import Bag

PARTITION = "<partition>"
"""The ``file`` of a reject entry made here (records in a bag have no file)."""


def _item(record: Any, limits: Limits) -> RawItem:
    """A JSON text record as the CLI would read it from a line."""
    if isinstance(record, str):
        data = record.encode("utf-8", "surrogatepass")
    elif isinstance(record, bytes):
        data = record
    else:
        data = repr(record).encode("utf-8", "backslashreplace")
    data = data.rstrip(b"\r\n")
    size = len(data)
    too_large = size > limits.max_bytes
    return RawItem(PARTITION, None, "jsonl", data[:HEAD] if too_large else data, size,
                   too_large=too_large)


def _outcome(record: Any, cleaner: Cleaner, limits: Limits,
             lang: str | None) -> dict[str, Any]:
    if not isinstance(record, dict):
        done = process(_item(record, limits), cleaner, limits, lang)
        if done.output is not None:
            return {"ok": True, "record": json.loads(done.output)}
        assert done.reject is not None
        return {"ok": False, "reject": json.loads(done.reject)}
    try:
        cleaned, _ = clean_object(record, cleaner, lang)
        return {"ok": True, "record": cleaned}
    except Rejected as exc:
        reason, message = exc.reason, exc.message
    except Exception as exc:
        reason, message = "error", f"internal error: {type(exc).__name__}: {exc}"
    raw = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    item = RawItem(PARTITION, None, "jsonl", raw, len(raw))
    return {"ok": False, "reject": reject_entry(item, reason, message)}


def clean_partition(records: Iterable[Any], config: Config | None = None, *,
                    lang: str | None = None,
                    limits: Limits | None = None) -> list[dict[str, Any]]:
    """One outcome per record, in order: ``{"ok": True, "record": cleaned}`` or
    ``{"ok": False, "reject": entry}`` (the objects ``cleanup batch`` writes to the output
    and to the rejects file). Records are dicts or JSON text. Usable as a Spark
    ``mapPartitions`` function as it is.
    """
    limits = limits or Limits()
    cleaner = cleaner_for(config)
    return [_outcome(record, cleaner, limits, lang) for record in records]


def clean_bag(bag: Bag, config: Config | None = None, *,
              lang: str | None = None) -> tuple[Bag, Bag]:
    """``(cleaned, rejects)``: two bags over one mapping of :func:`clean_partition`.

    Compute them together (``dask.compute(cleaned, rejects)``) so each partition is
    cleaned once.
    """
    outcomes = bag.map_partitions(clean_partition, config, lang=lang)  # type: ignore[no-untyped-call]
    cleaned = outcomes.filter(_is_ok).pluck("record")
    rejects = outcomes.filter(_is_reject).pluck("reject")
    return cleaned, rejects


def _is_ok(outcome: dict[str, Any]) -> bool:
    return bool(outcome["ok"])


def _is_reject(outcome: dict[str, Any]) -> bool:
    return not outcome["ok"]
