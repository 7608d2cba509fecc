"""The ``cleanup`` command: a thin adapter from arguments and files to the library.

Every run reads and cleans all its inputs before it writes anything, so an error in any
input (exit 2) leaves every file and the ``-o`` target as they were.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from cleanup import __version__
from cleanup.api import Cleaner, Config, UnknownSiteError
from cleanup.config_file import ConfigError, find_config, load_config, make_config, parse_selectors
from cleanup.formats import (
    FORMATS,
    HTML_SUFFIXES,
    STDIN,
    InputError,
    Source,
    concat,
    read_source,
    render,
    write_atomic,
)
from cleanup.model import Finding, Result
from cleanup.packs import PackError
from cleanup.report import (
    check_summary,
    field_diff,
    finding_line,
    fix_summary,
    rules_markdown,
    rules_table,
)
from cleanup.rules.registry import all_rules, find_rule
from cleanup.rules.validate.settings import OptionError

FAIL_ON = ("remove", "error", "warning", "info")
DEFAULT_MAX_SIZE = 10 << 20
DEFAULT_TIMEOUT = 10.0
DEBUG_ENV = "CLEANUP_DEBUG"


class UsageError(Exception):
    """A request the command cannot carry out (exit 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cleanup`` command."""
    parser = argparse.ArgumentParser(
        prog="cleanup", description="Remove junk from news articles and report every change.")
    parser.add_argument("--version", action="version", version=f"cleanup {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files (.txt, .json, .jsonl) or - for standard input")
    common.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default) or JSON Lines with findings")
    common.add_argument("--diff", action="store_true",
                        help="show a unified diff of each changed field")
    common.add_argument("--input-format", choices=FORMATS,
                        help="read every input in this format (default: by extension)")
    _add_rule_options(common)

    fix = sub.add_parser("fix", parents=[common], help="clean articles and write them out",
                         description="Clean articles: the result goes to standard output, "
                                     "the findings to standard error.")
    out = fix.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="FILE", help="write all results to FILE")
    out.add_argument("--in-place", action="store_true",
                     help="rewrite each changed input file (atomically, same format)")
    fix.set_defaults(run=_fix)

    check = sub.add_parser("check", parents=[common], help="report findings, change nothing",
                           description="Report findings. Exit 0: nothing at or above "
                                       "--fail-on; 1: findings; 2: usage or input error.")
    check.add_argument("--fail-on", choices=FAIL_ON, default="remove",
                       help="remove (default: any removal, replacement or error), "
                            "error, warning or info")
    check.set_defaults(run=_check)

    batch = sub.add_parser(
        "batch", help="clean JSON Lines archives and folders at scale",
        description="Clean many articles: streamed, in worker processes, input order kept, "
                    "every record in the output or the rejects file, resumable.")
    batch.add_argument("paths", nargs="+", metavar="INPUT",
                       help=".jsonl, .jsonl.gz or .jsonl.zst files, or folders of .json, "
                            ".txt and .html files")
    batch.add_argument("-o", "--output", required=True, metavar="FILE",
                       help="the cleaned records (JSON Lines, input order)")
    batch.add_argument("--rejects", metavar="FILE",
                       help="records that could not be cleaned, with the reason "
                            "(default: OUTPUT with .rejects.jsonl)")
    batch.add_argument("--findings", metavar="FILE", help="also write one line per finding")
    batch.add_argument("--report", metavar="FILE", help="write the summary as JSON")
    batch.add_argument("--workers", type=int, metavar="N",
                       help="worker processes (default: the number of CPUs)")
    batch.add_argument("--resume", action="store_true",
                       help="continue an interrupted run of the same command")
    batch.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bar and no summary table")
    batch.add_argument("--max-size", type=_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                       help="reject records larger than this (bytes, or 512K, 10M; "
                            "default 10M)")
    batch.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help="reject a record whose cleaning takes longer (default 10; "
                            "0: no limit)")
    batch.add_argument("--checkpoint-every", type=float, default=2.0, metavar="SECONDS",
                       help="how often progress is made durable for --resume (default 2)")
    _add_rule_options(batch)
    batch.set_defaults(run=_batch)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "markdown"), default="text",
                       help="an aligned table (default) or a Markdown table")
    rules.set_defaults(run=_rules)

    explain = sub.add_parser("explain", help="show the documentation of one rule")
    explain.add_argument("code", metavar="CODE", help="a rule code or name, such as P102")
    explain.set_defaults(run=_explain)
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose how to clean (shared by fix, check and batch)."""
    parser.add_argument("--select", action="append", metavar="CODES",
                        help="only these rule codes, prefixes or names (comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="CODES",
                        help="skip these rule codes, prefixes or names (comma-separated)")
    parser.add_argument("--site", metavar="NAME", help="the site pack to use for every article")
    parser.add_argument("--lang", metavar="LANG", help="the articles' language (e.g. ar, en)")
    parser.add_argument("--rules", action="append", metavar="DIR",
                        help="a folder of extra rule packs (repeatable)")
    parser.add_argument("--guard-share", type=float, metavar="SHARE",
                        help="largest share of the body removals may take (default 0.5)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="FILE", help="read settings from this file")
    where.add_argument("--no-config", action="store_true", help="read no config file")


def _size(text: str) -> int:
    """``10M``, ``512K``, ``2G`` or a number of bytes."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    value = text.strip().upper().removesuffix("B")
    scale = units.get(value[-1:], 1)
    try:
        size = int(float(value[:-1] if scale > 1 else value) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use bytes, 512K, 10M)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"the size must be positive, not {text!r}")
    return size


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 findings, 2 error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _check_usage(parser, args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    try:
        status: int = args.run(args)
        return status
    except (UsageError, InputError, ConfigError, PackError) as exc:
        _emit(sys.stderr, f"cleanup: error: {exc}\n")
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        _emit(sys.stderr, f"cleanup: error: {_internal(exc)}\n")
    return 2


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.command == "batch":
        if args.workers is not None and args.workers < 1:
            parser.error("--workers must be at least 1")
        if args.timeout < 0:
            parser.error("--timeout must be 0 (no limit) or more")
        if args.checkpoint_every <= 0:
            parser.error("--checkpoint-every must be more than 0")
        return
    if args.command not in ("fix", "check"):
        return
    if args.paths.count(STDIN) > 1:
        parser.error("standard input (-) can be read only once")
    if args.diff and args.format == "json":
        parser.error("--diff works with --format text only")
    if args.command == "fix":
        if args.diff and (args.output or args.in_place):
            parser.error("--diff writes no files: drop -o/--in-place")
        if args.in_place and STDIN in args.paths:
            parser.error("--in-place cannot rewrite standard input")


def _internal(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for a traceback)"


def _config(args: argparse.Namespace) -> Config:
    """The config file's settings with the command line's on top."""
    if args.no_config:
        base = Config()
    else:
        path = Path(args.config) if args.config else find_config(Path.cwd())
        base = load_config(path) if path else Config()
    values: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if getattr(args, key) is not None:
            values[key] = parse_selectors(getattr(args, key), f"--{key}")
    if args.rules is not None:
        values["rule_dirs"] = tuple(args.rules)
    if args.site is not None:
        values["site"] = args.site
    if args.guard_share is not None:
        values["guard_share"] = args.guard_share
    return make_config(values, "command line", base)


def _load(args: argparse.Namespace) -> list[tuple[Source, list[Result]]]:
    """Read every input, then clean every article (nothing is written yet)."""
    cleaner = Cleaner(_config(args))
    stdin = getattr(sys.stdin, "buffer", None)
    sources = [read_source(path, args.input_format, stdin) for path in args.paths]
    done = []
    for source in sources:
        results = []
        for record in source.records:
            try:
                results.append(cleaner.clean(record.article, lang=args.lang))
            except UnknownSiteError as exc:
                raise InputError(record.path, str(exc), record.line) from None
            except OptionError as exc:
                raise ConfigError(f"{exc} (check the options of the config file)") from None
            except Exception as exc:
                if os.environ.get(DEBUG_ENV) == "1":
                    raise
                raise InputError(record.path, _internal(exc), record.line) from None
        done.append((source, results))
    return done


def _html_paths(args: argparse.Namespace) -> list[str] | None:
    """The inputs when they are HTML files (all or none of them may be)."""
    html = [p for p in args.paths if Path(p).suffix.lower() in HTML_SUFFIXES]
    if not html:
        return None
    if len(html) != len(args.paths):
        raise UsageError("HTML files cannot be mixed with other inputs in one command")
    if args.diff:
        raise UsageError("--diff is not available for HTML files")
    return html


def _fix_html(args: argparse.Namespace, paths: list[str]) -> int:
    from cleanup import html_cli  # BeautifulSoup only for HTML inputs

    done = html_cli.clean_html_files(paths, Cleaner(_config(args)), args.lang)
    payload = html_cli.json_lines(done) if args.format == "json" else ""
    if args.in_place:
        for item in done:
            if item.result.changed:
                write_atomic(item.path, item.result.html)
        _emit(sys.stdout, payload)
    else:
        text = payload or "".join(d.result.html for d in done)
        if args.output:
            _write(args.output, text)
        else:
            _emit(sys.stdout, text)
    if args.format == "text":
        located = html_cli.findings(done)
        lines = [finding_line(where, f) + html_cli.element(f) for where, f in located]
        lines.append(fix_summary(len(done), sum(d.result.changed for d in done),
                                 [f for _, f in located]))
        _emit(sys.stderr, "".join(line + "\n" for line in lines))
    return 0


def _check_html(args: argparse.Namespace, paths: list[str]) -> int:
    from cleanup import html_cli  # BeautifulSoup only for HTML inputs

    done = html_cli.clean_html_files(paths, Cleaner(_config(args)), args.lang)
    located = html_cli.findings(done)
    found = [f for _, f in located]
    failing = sum(fails(f, args.fail_on) for f in found)
    if args.format == "json":
        _emit(sys.stdout, html_cli.json_lines(done))
    else:
        lines = [finding_line(where, f) + html_cli.element(f) for where, f in located]
        lines.append(check_summary(len(done), found, failing, args.fail_on))
        _emit(sys.stdout, "".join(line + "\n" for line in lines))
    return 1 if failing else 0


def _fix(args: argparse.Namespace) -> int:
    html = _html_paths(args)
    if html is not None:
        return _fix_html(args, html)
    done = _load(args)
    payload = _json_lines(done) if args.format == "json" else ""
    if args.diff:
        _emit(sys.stdout, _diffs(done))
    elif args.in_place:
        for source, results in done:
            if any(r.changed for r in results):
                _write(source.path, render(source, [r.article for r in results], in_place=True))
        _emit(sys.stdout, payload)
    else:
        text = payload or concat([render(s, [r.article for r in rs]) for s, rs in done])
        if args.output:
            _write(args.output, text)
        else:
            _emit(sys.stdout, text)
    if args.format == "text":
        findings = [f for _, rs in done for r in rs for f in r.findings]
        changed = sum(r.changed for _, rs in done for r in rs)
        lines = [finding_line(where, f) for where, f in _located(done)]
        lines.append(fix_summary(_count(done), changed, findings))
        _emit(sys.stderr, "".join(line + "\n" for line in lines))
    return 0


def _check(args: argparse.Namespace) -> int:
    html = _html_paths(args)
    if html is not None:
        return _check_html(args, html)
    done = _load(args)
    findings = [f for _, rs in done for r in rs for f in r.findings]
    failing = sum(fails(f, args.fail_on) for f in findings)
    if args.format == "json":
        _emit(sys.stdout, _json_lines(done))
    else:
        out: list[str] = []
        for source, results in done:
            for record, result in zip(source.records, results, strict=True):
                out.extend(finding_line(record.where, f) + "\n" for f in result.findings)
                if args.diff:
                    out.append(field_diff(record.where, result.original, result.article))
        out.append(check_summary(_count(done), findings, failing, args.fail_on) + "\n")
        _emit(sys.stdout, "".join(out))
    return 1 if failing else 0


def fails(finding: Finding, level: str) -> bool:
    """True when ``finding`` is at or above the ``--fail-on`` level."""
    if level == "info":
        return True
    if level == "warning":
        return finding.severity in ("warning", "error")
    if level == "error":
        return finding.severity == "error"
    return finding.action in ("remove", "replace") or finding.severity == "error"


def _cpus() -> int:
    """CPUs this process may run on (all of them where that cannot be asked)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _batch(args: argparse.Namespace) -> int:
    from cleanup.batch import BatchOptions, Limits, run_batch
    from cleanup.batch.summary import render

    def path(value: str | None) -> Path | None:
        return Path(value) if value is not None else None

    options = BatchOptions(
        output=Path(args.output), rejects=path(args.rejects), findings=path(args.findings),
        report=path(args.report), workers=args.workers or _cpus(),
        resume=args.resume, progress=not args.quiet and sys.stderr.isatty(),
        limits=Limits(args.max_size, args.timeout or None, finding_lines=bool(args.findings)),
        lang=args.lang,
        checkpoint_seconds=args.checkpoint_every)
    try:
        result = run_batch(args.paths, _config(args), options)
    except KeyboardInterrupt:
        _emit(sys.stderr, "cleanup: interrupted: run the same command with --resume to "
                          "continue\n")
        return 130
    if not args.quiet:
        _emit(sys.stderr, render(result))
    return 0


def _rules(args: argparse.Namespace) -> int:
    render_table = rules_markdown if args.format == "markdown" else rules_table
    _emit(sys.stdout, render_table(all_rules()))
    return 0


def _explain(args: argparse.Namespace) -> int:
    rule = find_rule(args.code, all_rules())
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r} (cleanup rules lists them all)")
    _emit(sys.stdout, rule.doc())
    return 0


def _located(done: Sequence[tuple[Source, list[Result]]]) -> list[tuple[str, Finding]]:
    return [(record.where, f) for source, results in done
            for record, result in zip(source.records, results, strict=True)
            for f in result.findings]


def _count(done: Sequence[tuple[Source, list[Result]]]) -> int:
    return sum(len(results) for _, results in done)


def _json_lines(done: Sequence[tuple[Source, list[Result]]]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                   for _, results in done for r in results)


def _diffs(done: Sequence[tuple[Source, list[Result]]]) -> str:
    return "".join(field_diff(record.where, result.original, result.article)
                   for source, results in done
                   for record, result in zip(source.records, results, strict=True))


def _write(path: str, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None


def _emit(stream: IO[str], text: str) -> None:
    """Write UTF-8 whatever the locale, and byte for byte (no newline translation)."""
    if not text:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
