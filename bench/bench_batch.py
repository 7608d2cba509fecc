"""Batch throughput and memory: `cleanup batch` against plain ftfy, side by side in one run.

    python bench/bench_batch.py [--corpus FILE] [--limit N] [--copies 10] [--skip-copies]
                                [--profile-limit N] [--rounds 2] [--out FILE]

Reads ../shared/corpus/ar-antcorpus-multisource-full.jsonl.gz (31,525 articles). In one
run on one machine it measures:

1. plain ``ftfy.fix_text`` over the title, summary and body of every article (in this
   process, the corpus already in memory: the cost of ftfy alone);
2. ``cleanup batch --workers 1`` and ``--workers 2`` as subprocesses over the gzipped file
   (wall clock, start-up, reading, JSON and writing included), with the peak RSS of the
   whole process tree (sampled) and of its largest process;
3. ``--workers 2`` over ``--copies`` copies of the corpus (the same file named N times);
4. where the time of ``--workers 1`` goes: read + parse, each rule's ``propose``, the rest
   of the engine, output encoding (in process, over ``--profile-limit`` articles).

Contenders 1 and 2 run ``--rounds`` times (default 2) in alternating order (ftfy, w1,
w2, w2, w1, ftfy, ...) and the best time of each is kept, so drift of the machine affects
all of them alike; the medians are printed too. Prints a Markdown report (also written to
``--out``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ftfy
from rule_timing import timed

from cleanup import Cleaner, Config
from cleanup.batch.records import Limits, clean_object, json_line, read_object
from cleanup.batch.sources import Reader, plan_inputs

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "ar-antcorpus-multisource-full.jsonl.gz"
FIELDS = ("title", "summary", "body")


def articles(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def limited_corpus(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The corpus, or its first ``limit`` articles as a new .jsonl.gz."""
    if limit is None:
        return corpus
    path = folder / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for article in articles(corpus, limit):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def time_ftfy(corpus: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    for article in corpus:
        for name in FIELDS:
            ftfy.fix_text(article.get(name) or "")
    return time.perf_counter() - start


def _peak_rss(pid: int) -> int | None:
    """The kernel's high-water mark of a process's resident memory (Linux), in bytes."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _tree(pid: int) -> list[tuple[int, int, float]]:
    """(pid, peak resident bytes, CPU seconds) of a process and its descendants.

    The peak is the kernel's high-water mark where there is one, so a peak between two
    samples is not missed; elsewhere it is the resident size at the sample.
    """
    try:
        import psutil
    except ImportError:
        return []
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return []
    out = []
    for proc in procs:
        try:
            with proc.oneshot():
                times = proc.cpu_times()
                rss = _peak_rss(proc.pid) or proc.memory_info().rss
                out.append((proc.pid, rss, times.user + times.system))
        except psutil.Error:
            continue
    return out


SAMPLE_SECONDS = 0.5
"""How often the process tree is sampled. Seldom: on a machine whose cores the workers
fill, the sampler's own CPU time would be taken from them (at 20 samples a second it was
several percent of a core, which slowed --workers 2 and not --workers 1)."""


def run_batch(inputs: list[Path], workers: int, folder: Path) -> dict[str, Any]:
    """One ``cleanup batch`` subprocess: seconds, records, peak RSS (the sum of its
    processes' peaks, an upper bound, and the largest)."""
    out, report = folder / "out.jsonl", folder / "report.json"
    cmd = [sys.executable, "-m", "cleanup", "batch", *map(str, inputs), "-o", str(out),
           "--report", str(report), "--workers", str(workers), "--no-config", "-q"]
    peak = {"sum": 0, "max": 0}
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)

    def sample() -> None:
        while proc.poll() is None:
            tree = _tree(proc.pid)
            peak["sum"] = max(peak["sum"], sum(rss for _, rss, _ in tree))
            peak["max"] = max([peak["max"], *(rss for _, rss, _ in tree)])
            cpu.update({pid: seconds for pid, _, seconds in tree})
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    sampler.join()
    if code != 0:
        raise SystemExit(f"cleanup batch exited {code}")
    data = json.loads(report.read_text(encoding="utf-8"))
    for name in ("out.jsonl", "out.rejects.jsonl", "report.json"):
        (folder / name).unlink(missing_ok=True)
    return {"seconds": seconds, "records": data["records"]["in"],
            "rejected": data["records"]["rejected"], "rss_sum": peak["sum"],
            "rss_max": peak["max"], "cpu": sum(cpu.values())}


def profile(path: Path, limit: int) -> tuple[int, dict[str, float]]:
    """Where the time of one worker goes, stage by stage, over ``limit`` articles."""
    cleaner = Cleaner(Config())
    rules: dict[str, float] = defaultdict(float)
    cleaner.rules = [timed(rule, rules) for rule in cleaner.rules]
    stages: dict[str, float] = defaultdict(float)
    plan = plan_inputs([str(path)])
    reader = iter(Reader(plan, Limits().max_bytes))
    count = 0
    while count < limit:
        start = time.perf_counter()
        item = next(reader, None)
        if item is None:
            break
        data = read_object(item)
        parsed = time.perf_counter()
        out, result = clean_object(data, cleaner)
        cleaned = time.perf_counter()
        json_line(out)
        for finding in result.findings:
            json_line(finding.to_dict())
        done = time.perf_counter()
        stages["read, decompress, JSON parse"] += parsed - start
        stages["clean (engine + rules)"] += cleaned - parsed
        stages["JSON encode output + findings"] += done - cleaned
        count += 1
    stages["  of which rules' propose"] = sum(rules.values())
    return count, {**stages, **{f"    rule {code}": t for code, t in rules.items()}}


def _burn(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def parallel_capacity(n: int = 10_000_000) -> float:
    """How many cores this process can have now: two busy loops at once vs one."""
    import multiprocessing

    one = _burn(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start-up out of the timing
        start = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - start
    return 2 * one / two


def mb(value: int) -> str:
    return f"{value / 1e6:.0f}" if value else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--skip-copies", action="store_true")
    parser.add_argument("--profile-limit", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=2,
                        help="runs of each contender, in alternating order (best is kept)")
    args = parser.parse_args()
    lines: list[str] = []
    load = os.getloadavg()[0]
    capacity = [parallel_capacity()]

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = limited_corpus(args.corpus, args.limit, folder)
        count, stages = profile(path, args.profile_limit)
        capacity.append(parallel_capacity())
        corpus = list(articles(path, None))
        chars = sum(len(a.get(f) or "") for a in corpus for f in FIELDS)
        runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        order = ("ftfy", "w1", "w2")
        for name in [n for r in range(args.rounds) for n in (order if r % 2 == 0
                                                               else order[::-1])]:
            if name == "ftfy":
                runs[name].append({"seconds": time_ftfy(corpus), "records": len(corpus)})
            else:
                runs[name].append(run_batch([path], int(name[1]), folder))
            print(f"  {name}: {runs[name][-1]}", file=sys.stderr, flush=True)
        capacity.append(parallel_capacity())
        copies = None
        if not args.skip_copies:
            copies = run_batch([path] * args.copies, 2, folder)
            print(f"  copies: {copies}", file=sys.stderr, flush=True)

    best = {name: min(r["seconds"] for r in rs) for name, rs in runs.items()}
    rate = {name: len(corpus) / s for name, s in best.items()}
    say(f"Corpus: {len(corpus):,} articles, {chars / 1e6:.1f} M characters "
        f"({path.name}); {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at the start {load:.1f}, at the end {os.getloadavg()[0]:.1f} "
        f"(the machine is shared). Cores free to this run (two busy loops at once vs one): "
        f"{', '.join(f'{c:.2f}' for c in capacity)} (start, after the profile, after the "
        f"corpus runs).")
    say()
    say(f"| contender | seconds (best of {args.rounds}) | articles/s | vs ftfy.fix_text | "
        "peak RSS, all processes (MB) | largest process (MB) |")
    say("|---|---|---|---|---|---|")
    say(f"| ftfy.fix_text over title+summary+body (in memory, no I/O) | {best['ftfy']:.1f} | "
        f"{rate['ftfy']:,.0f} | 1.00 | | |")
    for name, label in (("w1", "cleanup batch --workers 1"), ("w2", "cleanup batch --workers 2")):
        peak = max(runs[name], key=lambda r: r["rss_sum"])
        say(f"| {label} (gz in, JSONL out, start-up included) | {best[name]:.1f} | "
            f"{rate[name]:,.0f} | {rate[name] / rate['ftfy']:.2f} | {mb(peak['rss_sum'])} | "
            f"{mb(peak['rss_max'])} |")
    if copies is not None:
        say(f"| cleanup batch --workers 2, {args.copies} copies ({copies['records']:,} "
            f"articles) | {copies['seconds']:.1f} | {copies['records'] / copies['seconds']:,.0f}"
            f" | {copies['records'] / copies['seconds'] / rate['ftfy']:.2f} | "
            f"{mb(copies['rss_sum'])} | {mb(copies['rss_max'])} |")
    say()
    cpu = {name: min(r["cpu"] for r in runs[name]) for name in ("w1", "w2")}
    median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
    say(f"Medians of the {args.rounds} runs: ftfy {median['ftfy']:.1f} s, --workers 1 "
        f"{median['w1']:.1f} s ({median['ftfy'] / median['w1']:.2f}x ftfy), --workers 2 "
        f"{median['w2']:.1f} s ({median['w1'] / median['w2']:.2f}x --workers 1).")
    say()
    say(f"--workers 2 / --workers 1: {rate['w2'] / rate['w1']:.2f}x in wall-clock time. "
        f"CPU time of all their processes (sampled): {cpu['w1']:.0f} s for --workers 1, "
        f"{cpu['w2']:.0f} s for --workers 2. Rejected records: {runs['w1'][0]['rejected']}.")
    say()
    total = sum(v for k, v in stages.items() if not k.startswith(" "))
    say(f"Where the time of one worker goes ({count:,} articles, in process, "
        f"{total / count * 1000:.2f} ms per article):")
    say()
    say("| stage | seconds | share |")
    say("|---|---|---|")
    top = sorted(((k, v) for k, v in stages.items() if k.startswith("    rule ")),
                 key=lambda kv: -kv[1])[:8]
    for key, value in [*((k, v) for k, v in stages.items() if not k.startswith("    ")),
                       *top]:
        label = key.strip() if not key.startswith(" ") else f"… {key.strip()}"
        say(f"| {label} | {value:.2f} | {value / total:.0%} |")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
