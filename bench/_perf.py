"""Helpers shared by bench/ingest_bench.py and bench/query_bench.py: run a command under
/usr/bin/time -v (wall time, peak RSS), sample the RSS of a whole process tree, describe
the machine, and write markdown tables."""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_WORK = BENCH / "out" / "perf"  # bench/out/ is gitignored
TIME = "/usr/bin/time"


def venv_bin(name: str) -> str:
    """A console script next to the running interpreter (the project's venv)."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name}: not found next to {sys.executable} nor on PATH")
    return found


def claimtrack_cmd() -> list[str]:
    return [venv_bin("claimtrack")]


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float | None  # largest single process (GNU time's "Maximum resident set size")
    tree_rss_mb: float | None  # largest sum over the process tree, sampled every 0.2 s
    returncode: int
    stdout: str
    stderr: str
    load_before: float
    cpu_seconds: float | None = None  # user + system, the process and all its children


def _tree_rss_kb(pid: int) -> int:
    """VmRSS of `pid` and all its descendants, from /proc (0 when it has gone)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], *, stdout=subprocess.PIPE, env: dict | None = None, cwd: str | Path | None = None,
          sample_tree: bool = False, check: bool = True) -> Run:
    """Run `cmd` under /usr/bin/time -v when available; wall time is measured here too."""
    use_time = os.path.exists(TIME)
    full = [TIME, "-v", *cmd] if use_time else list(cmd)
    load = os.getloadavg()[0]
    peak_tree = 0
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    stop = threading.Event()

    def sampler():
        nonlocal peak_tree
        delay = 0.02  # sample early too, so short runs get a reading
        while True:
            peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
            if stop.wait(delay):
                break
            delay = min(0.2, delay * 2)

    thread = threading.Thread(target=sampler, daemon=True) if sample_tree else None
    if thread:
        thread.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    if thread:
        thread.join()
    peak = cpu = None
    if use_time:
        user = re.search(r"User time \(seconds\): ([\d.]+)", err)
        system = re.search(r"System time \(seconds\): ([\d.]+)", err)
        if user and system:
            cpu = float(user.group(1)) + float(system.group(1))
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        peak = int(m.group(1)) / 1024 if m else None
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", err)
        if m:  # GNU time's own wall clock: excludes our Popen overhead
            parts = [float(p) for p in m.group(1).split(":")]
            wall = 0.0
            for p in parts:
                wall = wall * 60 + p
            seconds = wall if wall > 0 else seconds
        err = err.split("\tCommand being timed:")[0]
    if check and proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    if sample_tree and use_time:
        peak_tree = max(0, peak_tree - 2048)  # /usr/bin/time itself is ~2 MB of the tree
    return Run(seconds, peak, peak_tree / 1024 if sample_tree and peak_tree else None, proc.returncode, out or "", err,
               load, cpu)


def wall(cmd: list[str], reps: int, *, warmup: int = 1, env: dict | None = None, ok=(0,)) -> list[float]:
    """Wall seconds of `reps` runs (after `warmup` unmeasured ones), stdout discarded."""
    times = []
    for i in range(warmup + reps):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        if i >= warmup:
            times.append(elapsed)
    return times


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def machine() -> str:
    mem_gb = None
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    py = ".".join(map(str, sys.version_info[:3]))
    import sqlite3

    return (f"nproc {os.cpu_count()}, RAM {mem_gb:.1f} GiB" if mem_gb else f"nproc {os.cpu_count()}") + \
        (f", {cpu}" if cpu else "") + f"; Python {py}, SQLite {sqlite3.sqlite_version}; load average {load}"


def git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "claimtrack"],
                               capture_output=True, text=True).stdout.strip()
        return f"claimtrack at {head}" + (" (with uncommitted changes in claimtrack/)" if dirty else "")
    except OSError:
        return "claimtrack (git state unknown)"


def now() -> str:
    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def table(headers: list[str], rows: list[list]) -> str:
    def cell(v):
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.2f}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def count(db: Path, sql: str) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def write_section(path: Path, key: str, text: str, title: str) -> None:
    """Put `text` into `path` as the section named `key`, replacing an earlier run's section of
    the same key and keeping the others (sorted by key's number), under a `title` line."""
    start, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    sections: dict[str, str] = {}
    if path.exists():
        for m in re.finditer(r"<!-- (\S+) -->\n(.*?)<!-- /\1 -->", path.read_text(), re.S):
            sections[m.group(1)] = m.group(2)
    sections[key] = text.rstrip("\n") + "\n"

    def order(k: str):
        digits = re.findall(r"\d+", k)
        return (int(digits[0]) if digits else 0, k)

    body = "\n".join(f"<!-- {k} -->\n{sections[k]}<!-- /{k} -->\n" for k in sorted(sections, key=order))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\nWritten by the scripts in bench/; each section is replaced when its size is "
                    f"run again.\n\n{body}")
