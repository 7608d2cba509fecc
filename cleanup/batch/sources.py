"""Batch inputs: JSON Lines (plain, ``.gz``, ``.zst``) and folders of article files.

Inputs are streamed: a JSON Lines file is read one line at a time and a line longer than
the size cap is never held whole (its first bytes, its size and its offset are kept, so
it can be rejected with its provenance). Every item knows its file and line. A read
error (a truncated ``.gz``, a bad ``.zst`` frame, an unreadable file) becomes an ``error``
item at the line where it happened and reading goes on with the next input.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO, Literal, NamedTuple, cast

from isal import igzip, isal_zlib

from cleanup.formats import InputError

Kind = Literal["jsonl", "json", "txt", "html"]
ItemKind = Literal["jsonl", "json", "txt", "html", "error"]
Compression = Literal["gz", "zst"] | None

HEAD = 4096
"""Bytes of an over-size record kept for its reject entry."""

_STREAM_SUFFIXES: dict[str, Compression] = {
    ".jsonl": None, ".ndjson": None, ".jsonl.gz": "gz", ".ndjson.gz": "gz",
    ".jsonl.zst": "zst", ".ndjson.zst": "zst",
}
_FILE_SUFFIXES: dict[str, Kind] = {".json": "json", ".txt": "txt", ".html": "html",
                                   ".htm": "html"}
SUFFIXES = (*_STREAM_SUFFIXES, *_FILE_SUFFIXES)
"""File name endings batch reads (in folders, other files are counted and skipped)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its kind, compression and (for resume checks) size and mtime."""

    path: str
    kind: Kind
    compression: Compression
    size: int
    mtime_ns: int


class RawItem(NamedTuple):
    """One record as read: bytes plus where it came from.

    ``size`` is the record's full length in bytes; when it is over the size cap
    (``too_large``) ``data`` holds only its first :data:`HEAD` bytes. An ``error`` item
    carries ``message``. A named tuple: made for every record and sent to worker
    processes in chunks, it is built and pickled several times faster than a dataclass.
    """

    path: str
    line: int | None
    kind: ItemKind
    data: bytes
    size: int
    offset: int | None = None
    message: str = ""
    too_large: bool = False

    @property
    def truncated(self) -> bool:
        """True when ``data`` is only the head of an over-size record."""
        return self.size > len(self.data)


def _suffix(path: str) -> str:
    name = path.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), "")


def _input_file(path: str) -> InputFile:
    suffix = _suffix(os.path.basename(path))
    st = os.stat(path)
    if suffix in _STREAM_SUFFIXES:
        return InputFile(path, "jsonl", _STREAM_SUFFIXES[suffix], st.st_size, st.st_mtime_ns)
    return InputFile(path, _FILE_SUFFIXES[suffix], None, st.st_size, st.st_mtime_ns)


def _walk(folder: str) -> Iterator[tuple[str, bool]]:
    """``(path, readable)`` of every file under ``folder``, in name order, lazily."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir():
            yield from _walk(entry.path)
        elif entry.is_file():
            yield entry.path, bool(_suffix(entry.name))


@dataclass(frozen=True)
class Plan:
    """The inputs of a run: what was given, and what a first walk over them found.

    Folders are walked again when read (:meth:`files`), so a folder of a million files
    costs no memory per file. ``digest`` fingerprints every file's path, size and mtime.
    """

    paths: tuple[str, ...]
    folders: tuple[str, ...]
    count: int
    total_bytes: int
    skipped: int
    digest: str

    def files(self) -> Iterator[InputFile]:
        """The files to read, in order (folders expanded, other files left out)."""
        for given in self.paths:
            if os.path.isdir(given):
                for path, readable in _walk(given):
                    if readable:
                        yield _input_file(path)
            else:
                yield _input_file(given)


def plan_inputs(paths: Sequence[str]) -> Plan:
    """Check every input and walk the folders once (recursively, in name order).

    A file given by name must have a known ending; in a folder, files with other endings
    are skipped (and counted). A missing path or a folder with no article file is an
    :class:`InputError`.
    """
    count = total = skipped = 0
    digest = hashlib.sha256()
    for given in paths:
        if os.path.isdir(given):
            found = 0
            for path, readable in _walk(given):
                if not readable:
                    skipped += 1
                    continue
                file = _input_file(path)
                found += 1
                total += file.size
                digest.update(f"{file.path}\0{file.size}\0{file.mtime_ns}\n".encode())
            if not found:
                raise InputError(given, "no article files in this folder (looked for "
                                        + ", ".join(SUFFIXES) + ")")
            count += found
        elif os.path.isfile(given):
            if not _suffix(os.path.basename(given)):
                raise InputError(given, "cannot tell the format from the file name (use "
                                        + ", ".join(SUFFIXES) + ", or a folder)")
            file = _input_file(given)
            count += 1
            total += file.size
            digest.update(f"{file.path}\0{file.size}\0{file.mtime_ns}\n".encode())
        elif os.path.exists(given):
            raise InputError(given, "not a regular file")
        else:
            raise InputError(given, "no such file")
    folders = tuple(p for p in paths if os.path.isdir(p))
    return Plan(tuple(paths), folders, count, total, skipped, digest.hexdigest())


def _open_stream(raw: BinaryIO, compression: Compression) -> IO[bytes]:
    if compression == "gz":
        return cast(IO[bytes], igzip.IGzipFile(fileobj=raw, mode="rb"))  # type: ignore[no-untyped-call]
    if compression == "zst":
        try:
            import zstandard
        except ImportError:
            raise OSError("reading .zst needs the zstandard package "
                          "(pip install 'cleanup[zst]')") from None
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, 1 << 20)
    return raw


# isal's own error for corrupt data (its stub types the class as an instance: the cast).
_READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError, EOFError, zlib.error, cast(type[BaseException], isal_zlib.error))


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "input ends in the middle of a compressed stream (truncated file?)"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"cannot read: {text}"


class Reader:
    """Iterate over the records of a :class:`Plan`, skipping the first ``skip``.

    ``bytes_done`` (on-disk bytes consumed) drives progress; ``yielded`` counts the records
    handed out; ``blank_lines`` counts the blank lines of JSON Lines inputs (not records).
    """

    def __init__(self, plan: Plan, max_bytes: int, skip: int = 0) -> None:
        self.plan, self.max_bytes, self.skip = plan, max_bytes, skip
        self.blank_lines = 0
        self.yielded = 0
        self._finished_bytes = 0
        self._raw: BinaryIO | None = None

    @property
    def bytes_done(self) -> int:
        """On-disk bytes read so far (compressed bytes for compressed inputs)."""
        current = 0
        if self._raw is not None and not self._raw.closed:
            try:
                current = self._raw.tell()
            except (OSError, ValueError):
                current = 0
        return self._finished_bytes + current

    def __iter__(self) -> Iterator[RawItem]:
        for file in self.plan.files():
            items = self._lines(file) if file.kind == "jsonl" else self._whole(file)
            for item in items:
                if self.skip:
                    self.skip -= 1
                    continue
                self.yielded += 1
                yield item
            self._finished_bytes += file.size

    def _whole(self, file: InputFile) -> Iterator[RawItem]:
        if self.skip:
            yield RawItem(file.path, None, file.kind, b"", 0)  # skipped without reading
            return
        try:
            with open(file.path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                data = handle.read(HEAD if size > self.max_bytes else -1)
        except OSError as exc:
            yield RawItem(file.path, None, "error", b"", 0, message=_read_error(exc))
            return
        yield RawItem(file.path, None, file.kind, data, max(size, len(data)),
                      too_large=size > self.max_bytes)

    def _lines(self, file: InputFile) -> Iterator[RawItem]:
        number = offset = 0
        try:
            with open(file.path, "rb", buffering=1 << 20) as raw:
                self._raw = raw
                stream = _open_stream(raw, file.compression)
                limit = self.max_bytes + 2  # room for "\r\n"
                while True:
                    line = stream.readline(limit)
                    if not line:
                        break
                    number += 1
                    start, size = offset, len(line)
                    if len(line) == limit and not line.endswith(b"\n"):
                        head, last = line[:HEAD], line[-2:]
                        while chunk := stream.readline(1 << 20):
                            size += len(chunk)
                            last = (last + chunk)[-2:]
                            if chunk.endswith(b"\n"):
                                break
                        offset += size
                        eol = 2 if last == b"\r\n" else int(last.endswith(b"\n"))
                        yield RawItem(file.path, number, "jsonl", head, size - eol, start,
                                      too_large=True)
                        continue
                    offset += size
                    body = line[:-1] if line.endswith(b"\n") else line
                    body = body[:-1] if body.endswith(b"\r") else body
                    if not body.strip():
                        self.blank_lines += 1
                        continue
                    if len(body) > self.max_bytes:
                        yield RawItem(file.path, number, "jsonl", body[:HEAD], len(body), start,
                                      too_large=True)
                    else:
                        yield RawItem(file.path, number, "jsonl", body, len(body), start)
        except _READ_ERRORS as exc:
            yield RawItem(file.path, number + 1, "error", b"", 0, offset, _read_error(exc))
        finally:
            self._raw = None

