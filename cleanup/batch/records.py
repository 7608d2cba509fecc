"""One record in, one outcome out: parse it, clean it under a time cap, or reject it.

This is the pure part of batch cleaning (no file I/O): the CLI's workers, the Dask helper
and a Spark ``mapPartitions`` all call it, so they produce the same bytes. A cleaned
record keeps every input key in its order and value; only the text fields that cleaning
changed are replaced, and a ``"cleanup"`` key is added with the per-record summary
(``{"changed": bool, "findings": {code: count}}``). A record that cannot be cleaned becomes
a reject entry: its file, line, a reason code, a message and the raw record.
"""

from __future__ import annotations

import base64
import json
import math
import signal
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from types import FrameType
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import orjson

from cleanup.api import Cleaner, Config, UnknownSiteError
from cleanup.batch.html import HtmlUnavailable, html_error, html_record
from cleanup.batch.sources import RawItem
from cleanup.formats import InputError, parse
from cleanup.model import FIELDS, ArticleError, Finding, Result

SUMMARY_KEY = "cleanup"
"""The key added to every cleaned record: ``{"changed": ..., "findings": {code: n}}``."""

NO_SITE = "(none)"
"""The site of a record with no ``site`` field and no URL (in per-site counts)."""

REASONS: dict[str, str] = {
    "invalid-json": "the line or file is not valid JSON",
    "not-utf8": "the bytes are not UTF-8 text (binary garbage)",
    "not-an-object": "valid JSON, but not an article object",
    "bad-article": "no headline/summary/body field, or a field of the wrong type",
    "empty": "an empty .txt or .json file",
    "too-large": "over the size cap (--max-size); only its first 4 KiB are kept",
    "timeout": "cleaning took longer than the time cap (--timeout)",
    "html-unsupported": "an .html file, and this build has no HTML front end",
    "bad-html": "an .html file the HTML front end cannot clean (binary, too many tags, …)",
    "read-error": "the input could not be read from here on (truncated or corrupt file)",
    "worker-crashed": "the worker process cleaning it died",
    "error": "an unexpected error while cleaning (a bug: please report it)",
}
"""Every reject reason code and what it means."""

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-record caps: size in bytes, time in seconds (``None``: no time cap); and
    whether each record's findings are encoded as lines (only a findings file needs
    them)."""

    max_bytes: int = 10 * MiB
    timeout: float | None = 10.0
    finding_lines: bool = True


class Rejected(Exception):
    """A record that goes to the rejects file, with a reason code from :data:`REASONS`."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


class RecordTimeout(Exception):
    """Raised inside a record's cleaning when its time cap runs out."""


class Outcome(NamedTuple):
    """What became of one record: an output line or a reject line, and its counts (a
    named tuple, to send back from worker processes cheaply: see :class:`RawItem`)."""

    output: bytes | None
    reject: bytes | None
    findings: bytes
    site: str
    codes: tuple[str, ...]
    changed: bool
    reason: str | None = None


def _expire(signum: int, frame: FrameType | None) -> None:
    raise RecordTimeout


@contextmanager
def time_caps() -> Iterator[bool]:
    """Install the SIGALRM handler of :func:`time_cap` once for many records (in a
    process's main thread; elsewhere nothing); give whether it is installed, to pass
    as ``armed`` to :func:`process`."""
    if threading.current_thread() is not threading.main_thread():
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        yield True
    finally:
        signal.signal(signal.SIGALRM, previous)


class _Timer:
    """The timer of :func:`time_cap` alone, for a block run where its handler is
    installed: two system calls. ``time_cap``, a generator that first asks which handler
    is installed, cost 18 µs a record in a batch run of the corpus; this costs under 1."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def time_cap(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RecordTimeout` in the block after ``seconds`` (SIGALRM).

    Only in a process's main thread (signals go there); elsewhere, as in Dask's worker
    threads, the block runs without a time cap. Inside :func:`time_caps` only the timer
    is set; otherwise the handler is installed for the block.
    """
    if not seconds:
        yield
        return
    with ExitStack() as stack:
        if signal.getsignal(signal.SIGALRM) is not _expire and not stack.enter_context(
                time_caps()):  # not the main thread: no handler, no cap
            yield
            return
        with _Timer(seconds):
            yield


@lru_cache(maxsize=4)
def _cached(key: str, config: Config) -> Cleaner:
    del key  # part of the cache key: ``Config`` equality ignores ``options``
    return Cleaner(config)


def cleaner_for(config: Config | None) -> Cleaner:
    """One :class:`Cleaner` per config and process (packs are loaded once)."""
    config = config or Config()
    return _cached(repr(config), config)


def site_of(data: Mapping[str, Any]) -> str:
    """The record's site for counts: its ``site`` field, else its URL's host."""
    site = data.get("site")
    if isinstance(site, str) and site.strip():
        return site.strip()
    url = data.get("url")
    if isinstance(url, str):
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    return NO_SITE


def _json_name(value: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def json_line(obj: Any) -> bytes:
    """One compact JSON line in UTF-8; text that is not valid Unicode (lone surrogates)
    is escaped, and NaN and infinities stay as the input wrote them.

    orjson writes it, five times faster than the standard library, except where orjson
    would not write the value back as read: it refuses lone surrogates and integers over
    64 bits, and it would write a non-finite number as null (so a line with a null in it
    is checked for those).
    """
    try:
        line = orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        pass
    else:
        if b"null" not in line or _finite(obj):
            return line
    try:
        return (json.dumps(obj, ensure_ascii=False, separators=_COMPACT) + "\n").encode()
    except UnicodeEncodeError:
        return (json.dumps(obj, separators=_COMPACT) + "\n").encode("ascii")


_COMPACT = (",", ":")
"""orjson's separators, for the lines the standard library writes."""


def _finite(value: Any) -> bool:
    """False when a float in ``value`` (a parsed JSON value) is NaN or infinite."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return True
    for item in value:  # no call for the strings and numbers most records hold
        if isinstance(item, dict | list):
            if not _finite(item):
                return False
        elif isinstance(item, float) and not math.isfinite(item):
            return False
    return True


def read_object(item: RawItem) -> dict[str, Any]:
    """The article dict of a record, or :class:`Rejected`."""
    if item.kind == "error":
        raise Rejected("read-error", item.message)
    if item.too_large:
        raise Rejected("too-large", f"record of {item.size} bytes is over the size cap")
    try:
        text = item.data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise Rejected("not-utf8", f"not UTF-8 text (byte 0x{item.data[exc.start]:02x} at "
                                   f"offset {exc.start})") from None
    if item.kind in ("txt", "json") and not text.strip():
        raise Rejected("empty", "empty file")
    if item.kind == "txt":
        try:
            article = parse(text, item.path, "txt").records[0].article
        except InputError as exc:
            raise Rejected("bad-article", exc.message) from None
        return {"file": item.path, **article.to_dict()}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected("invalid-json", f"invalid JSON: {exc.msg} (line {exc.lineno} column "
                                       f"{exc.colno})") from None
    except RecursionError:
        raise Rejected("invalid-json", "invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise Rejected("not-an-object",
                       f"expected an article object, found a JSON {_json_name(data)}")
    return data


def clean_object(data: dict[str, Any], cleaner: Cleaner,
                 lang: str | None = None) -> tuple[dict[str, Any], Result]:
    """The cleaned record (input keys and order kept, summary added) and the result."""
    try:
        result = cleaner.clean(data, lang=lang)
    except ArticleError as exc:
        raise Rejected("bad-article", str(exc)) from None
    except UnknownSiteError as exc:
        raise Rejected("bad-article", str(exc)) from None
    out = dict(data)
    for name in FIELDS:
        key = result.article.keys.get(name)
        after = getattr(result.article, name)
        if key is not None and after != getattr(result.original, name):
            out[key] = after
    counts = Counter(f.code for f in result.findings)
    out[SUMMARY_KEY] = {"changed": result.changed,
                        "findings": {code: counts[code] for code in sorted(counts)}}
    return out, result


def _raw_fields(item: RawItem) -> dict[str, Any]:
    data = item.data
    for cut in range(4 if item.truncated else 1):  # a head may end inside a character
        try:
            return {"raw": data[: len(data) - cut].decode("utf-8")}
        except UnicodeDecodeError:
            continue
    return {"raw_base64": base64.b64encode(data).decode("ascii")}


def reject_entry(item: RawItem, reason: str, message: str) -> dict[str, Any]:
    """The rejects-file object of a record: where, why, and the raw record."""
    entry: dict[str, Any] = {"file": item.path, "line": item.line, "reason": reason,
                             "message": message, "bytes": item.size}
    if item.too_large and item.offset is not None:
        entry["offset"] = item.offset
    if item.truncated:
        entry["raw_truncated"] = True
    return entry | _raw_fields(item)


def _html(item: RawItem, cleaner: Cleaner, limits: Limits,
          lang: str | None) -> tuple[dict[str, Any], tuple[Finding, ...]]:
    try:
        return html_record(item, cleaner, limits.max_bytes, SUMMARY_KEY, lang)
    except HtmlUnavailable:
        raise Rejected("html-unsupported", "html not supported yet") from None
    except html_error() as exc:
        raise Rejected("bad-html", str(exc)) from None


def process(item: RawItem, cleaner: Cleaner, limits: Limits,
            lang: str | None = None, *, armed: bool = False) -> Outcome:
    """Clean one record into an :class:`Outcome`; never raises for a bad record.

    ``armed``: the caller runs it inside :func:`time_caps`, which installed the handler.
    """
    data: dict[str, Any] | None = None
    try:
        with (_Timer(limits.timeout) if armed and limits.timeout
              else time_cap(limits.timeout)):
            if item.kind == "html" and not item.too_large:
                out, findings = _html(item, cleaner, limits, lang)
                data = out
            else:
                data = read_object(item)
                out, result = clean_object(data, cleaner, lang)
                findings = result.findings
            line = json_line(out)
            lines = b"".join(
                json_line({"file": item.path, "line": item.line, "id": data.get("id"),
                           **f.to_dict()}) for f in findings) if limits.finding_lines else b""
        return Outcome(line, None, lines, site_of(data), tuple(f.code for f in findings),
                       bool(out[SUMMARY_KEY]["changed"]))
    except Rejected as exc:
        reason, message = exc.reason, exc.message
    except RecordTimeout:
        reason, message = "timeout", f"cleaning took longer than {limits.timeout:g} s"
    except RecursionError:
        reason, message = "error", "internal error: RecursionError (record nested too deeply)"
    except Exception as exc:
        reason, message = "error", f"internal error: {type(exc).__name__}: {exc}"
    return rejected(item, reason, message, site_of(data) if data is not None else NO_SITE)


def rejected(item: RawItem, reason: str, message: str, site: str = NO_SITE) -> Outcome:
    """The outcome of a record that goes to the rejects file."""
    return Outcome(None, json_line(reject_entry(item, reason, message)), b"", site, (), False,
                   reason)


def process_chunk(items: Sequence[RawItem], config: Config, limits: Limits,
                  lang: str | None = None) -> list[Outcome]:
    """Outcomes of a chunk of records, in order (what a worker process runs)."""
    cleaner = cleaner_for(config)
    with time_caps() as armed:
        return [process(item, cleaner, limits, lang, armed=armed) for item in items]
