"""Article files: read .txt, .json, .jsonl (or stdin) into records and write them back.

No cleaning happens here. The ``.txt`` layout is: line 1 headline, line 2 summary, line 3
blank, then the body (everything after the blank line, without the file's final newline).
A ``.json`` file holds one article object, a ``.jsonl`` file one article object per line.
Every problem is an :class:`InputError` naming the file and, when known, the line.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

from cleanup.model import Article, ArticleError

Format = Literal["txt", "json", "jsonl"]
FORMATS: tuple[Format, ...] = ("txt", "json", "jsonl")
EXTENSIONS: dict[str, Format] = {".txt": "txt", ".json": "json", ".jsonl": "jsonl",
                                 ".ndjson": "jsonl"}
STDIN = "-"
HTML_SUFFIXES = (".html", ".htm")
"""Extensions of the files the HTML front end reads (the text formats read the rest)."""
STDIN_NAME = "<stdin>"


class InputError(ValueError):
    """An input cannot be read; ``str()`` is ``PATH:LINE: message`` (LINE when known)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.line, self.message = path, line, message
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Record:
    """One article read from a file, with where it came from."""

    path: str
    line: int | None
    article: Article
    keys: tuple[str, ...] = ()
    """The input object's keys in order (JSON inputs), so output keeps that order."""

    @property
    def where(self) -> str:
        """``PATH`` or ``PATH:LINE`` for messages."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Source:
    """A whole input: its format, its records and what is needed to write it back."""

    path: str
    format: Format
    text: str
    records: tuple[Record, ...]
    newline: str = "\n"
    final_newline: bool = True
    parts: int = 4
    """Lines of the .txt layout present: 1 headline, 2 + summary, 3 + blank, 4 + body."""
    blank: str = ""
    """Line 3 of a .txt file as read (blank, but it may hold spaces)."""
    bom: bool = False
    """The file started with a UTF-8 byte order mark (kept when rewritten in place)."""


def format_of(path: str) -> Format:
    """The format a file's extension names; stdin and other names need ``--input-format``."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(path, f"cannot tell the format from the extension {suffix or '(none)'!r}"
                               f" (use .txt, .json or .jsonl, or --input-format)")
    return EXTENSIONS[suffix]


def read_source(path: str, fmt: Format | None = None, stdin: BinaryIO | None = None) -> Source:
    """Read one input (``-`` reads ``stdin``: JSON if it starts with "{", else txt)."""
    if path == STDIN:
        if stdin is None:
            raise InputError(STDIN_NAME, "no standard input")
        data = stdin.read()
        name = STDIN_NAME
    else:
        name = path
        file = Path(path)
        if file.is_dir():
            raise InputError(path, "is a directory (give article files)")
        if not file.exists():
            raise InputError(path, "no such file")
        fmt = fmt or format_of(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    text = decode(data, name)
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "txt"
    source = parse(text, name, fmt)
    return replace(source, bom=True) if bom else source


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file; an empty file or bytes that are not UTF-8 are errors."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                               f"{exc.start})", line) from None
    if not text.removeprefix("\ufeff").strip():
        raise InputError(path, "empty file" if path != STDIN_NAME else "empty input")
    return text


def parse(text: str, path: str, fmt: Format) -> Source:
    """Records of a decoded input in format ``fmt``."""
    if fmt == "txt":
        return _parse_txt(text, path)
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            hint = " (several articles? use JSON Lines)" if exc.msg == "Extra data" else ""
            raise InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno}){hint}",
                             exc.lineno) from None
        return Source(path, fmt, text, (_record(data, path, None),))
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})",
                             number) from None
        records.append(_record(data, path, number))
    return Source(path, fmt, text, tuple(records))


def _record(data: Any, path: str, line: int | None) -> Record:
    if not isinstance(data, dict):
        raise InputError(path, f"expected an article object, found a JSON "
                               f"{type(data).__name__}", line)
    try:
        return Record(path, line, Article.from_dict(data), tuple(data))
    except ArticleError as exc:
        raise InputError(path, str(exc), line) from None


def _parse_txt(text: str, path: str) -> Source:
    newline = "\r\n" if text.count("\r\n") == text.count("\n") > 0 else "\n"
    core = text.replace("\r\n", "\n") if newline == "\r\n" else text
    final_newline = core.endswith("\n")
    if final_newline:
        core = core[:-1]
    parts = core.split("\n", 3)
    if len(parts) >= 3 and parts[2].strip():
        raise InputError(path, "line 3 must be blank (the .txt layout is: headline, "
                               "summary, blank line, body)", 3)
    headline, summary, blank, body = [*parts, "", "", ""][:4]
    article = Article.from_dict({"headline": headline, "summary": summary, "body": body})
    record = Record(path, None, article)
    return Source(path, "txt", text, (record,), newline, final_newline, len(parts), blank)


def render(source: Source, articles: Sequence[Article], *, in_place: bool = False) -> str:
    """``source`` written back in its own format with ``articles`` (one per record).

    Parts of a source whose article did not change are written as they were read. A
    ``.json`` file keeps its style in place (indented if it was); in a stream (stdout or
    ``-o``) it is one JSON object on one line, so several inputs make JSON Lines. A byte
    order mark is written back in place only.
    """
    out = _render(source, articles, in_place)
    return "\ufeff" + out if in_place and source.bom else out


def _render(source: Source, articles: Sequence[Article], in_place: bool) -> str:
    if source.format == "txt":
        (article,) = articles
        lines = [article.headline, article.summary, source.blank, article.body][: source.parts]
        out = "\n".join(lines) + ("\n" if source.final_newline else "")
        return out.replace("\n", "\r\n") if source.newline == "\r\n" else out
    if source.format == "json":
        (record,), (article,) = source.records, articles
        if in_place and "\n" in source.text.strip():
            trail = "\n" if source.text.endswith("\n") else ""
            return json.dumps(_ordered(record, article), ensure_ascii=False, indent=2) + trail
        return _line(record, article) + "\n"
    lines = source.text.split("\n")
    for record, article in zip(source.records, articles, strict=True):
        if article != record.article:
            assert record.line is not None
            cr = "\r" if lines[record.line - 1].endswith("\r") else ""
            lines[record.line - 1] = _line(record, article) + cr
    return "\n".join(lines)


def _line(record: Record, article: Article) -> str:
    return json.dumps(_ordered(record, article), ensure_ascii=False)


def _ordered(record: Record, article: Article) -> dict[str, Any]:
    data = article.to_dict()
    first = {key: data[key] for key in record.keys if key in data}
    return first | data


def concat(chunks: Sequence[str]) -> str:
    """Several rendered inputs as one stream: each but the last ends with a newline."""
    return "".join(c if c.endswith("\n") or i == len(chunks) - 1 else c + "\n"
                   for i, c in enumerate(chunks))


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 via a temp file in the same folder, fsync, ``os.replace``.

    An existing file keeps its permission bits (a new one gets the umask's); on any
    error the target is left as it was.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
