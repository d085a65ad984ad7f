#!/usr/bin/env python3
"""Ingest throughput: claimtrack ingest (--jobs 1, --jobs 2) against the floor.

    .venv/bin/python bench/ingest_bench.py --docs 2000
    .venv/bin/python bench/ingest_bench.py --docs 10000 --extract

Generates (or reuses) a corpus of N documents with bench/gen_corpus.py, then runs, each
under /usr/bin/time -v with a fresh database:

  floor        bench/floor.py DIR DB: read, one regex sentence split, executemany, 1 process
  extract      claimtrack extract DIR -o /dev/null: the pipeline alone, no database (--extract)
  ingest -j N  claimtrack ingest DIR --db DB --jobs N --quiet

and prints a markdown table (runner, docs, sentences, seconds, sentences/s, peak RSS, time
relative to the floor), also written to bench/results/ingest.md (--out to change). Corpora and
databases live in bench/out/perf/ (gitignored; --work to change).

Peak RSS is GNU time's "Maximum resident set size": the largest single process. For
--jobs 2 the workers are separate processes, so the table also gives the peak of the sum over
the process tree, sampled every 0.2 s.

Before/after in one run: `--baseline DIR` also runs each `ingest` with the claimtrack package
found in DIR (PYTHONPATH=DIR, e.g. a `git worktree add /tmp/base HEAD~3`), alternating with
the current code so both see the same load. `--repeat N` runs every runner N times and
reports medians (seconds, CPU seconds) and the largest peak RSS: the machine is shared, so
one run can be off by 2x.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402
from _perf import (BENCH, DEFAULT_WORK, Run, claimtrack_cmd, count, git_state, machine, now, remove_db,  # noqa: E402
                   table, timed, write_section)

HEADERS = ["runner", "docs", "sentences", "seconds", "sentences/s", "peak RSS MB (largest process)",
           "peak RSS MB (process tree)", "× floor time", "CPU s (user+sys)", "sentences per CPU s",
           "load avg at start"]


def _row(runner: str, docs: int, sentences: int | None, run, floor_seconds: float) -> list:
    cpu = run.cpu_seconds
    return [runner, docs, sentences, run.seconds, sentences / run.seconds if sentences else None, run.peak_rss_mb,
            run.tree_rss_mb, run.seconds / floor_seconds, cpu, sentences / cpu if sentences and cpu else None,
            run.load_before]


def _state(before: str) -> str:
    after = _code_state()
    return after if after == before else f"claimtrack changed during the run: {before} → {after}"


def _checkout_state(folder: Path) -> str:
    """`claimtrack at abc1234` for a checkout (a git worktree) holding the claimtrack package."""
    git = ["git", "-C", str(folder)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", "claimtrack"], capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        head, dirty = "", ""
    return f"claimtrack at {head or 'unknown commit'}" + (" (with uncommitted changes)" if dirty else "") + f" in {folder}"


def _code_state() -> str:
    """Which claimtrack the runs use: this repository's, or one that PYTHONPATH puts first."""
    for entry in filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep)):
        if (Path(entry) / "claimtrack" / "__init__.py").exists():
            return _checkout_state(Path(entry))
    return git_state()


def _median_run(runs: list[Run]) -> Run:
    """One Run standing for several: median seconds and CPU seconds, largest peak RSS."""
    if len(runs) == 1:
        return runs[0]
    cpus = [r.cpu_seconds for r in runs if r.cpu_seconds is not None]
    rss = [r.peak_rss_mb for r in runs if r.peak_rss_mb is not None]
    tree = [r.tree_rss_mb for r in runs if r.tree_rss_mb is not None]
    return Run(statistics.median(r.seconds for r in runs), max(rss) if rss else None, max(tree) if tree else None,
               runs[-1].returncode, runs[-1].stdout, runs[-1].stderr, statistics.median(r.load_before for r in runs),
               statistics.median(cpus) if cpus else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="corpus size in documents (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to run (default 1,2)")
    ap.add_argument("--extract", action="store_true", help="also time `claimtrack extract` (no database)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where corpora and databases go")
    ap.add_argument("--out", type=Path, default=BENCH / "results" / "ingest.md", help="markdown table to write")
    ap.add_argument("--keep-db", action="store_true", help="keep the databases (default: delete after counting)")
    ap.add_argument("--baseline", type=Path, help="also run ingest with the claimtrack in this checkout (PYTHONPATH)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per runner; the table gives medians (default 1)")
    args = ap.parse_args(argv)
    if args.baseline and not (args.baseline / "claimtrack" / "__init__.py").exists():
        ap.error(f"--baseline {args.baseline}: no claimtrack package there")
    repeat = max(1, args.repeat)

    state_before = _code_state()
    started = now()
    corpus = args.work / f"corpus-{args.docs}-s{args.seed}"
    print(f"corpus: {corpus}", file=sys.stderr)
    manifest = gen_corpus.ensure(args.docs, corpus, args.seed)
    mb = manifest["bytes"] / 1e6
    rows: list[list] = []
    extract_rows: list[list] = []
    ingest_rows: list[list] = []
    floor_seconds = None

    def publish(final: bool) -> str:
        """Write the table so far (a long run that is stopped still leaves its finished rows)."""
        md = table(HEADERS, rows + extract_rows + ingest_rows)
        header = (f"### Ingest, {manifest['docs']:,} documents ({mb:.1f} MB, seed {manifest['seed']})\n\n"
                  f"{started}; {machine()}; {_state(state_before)}.\n\n")
        if args.baseline:
            header += f"Baseline: {_checkout_state(args.baseline.resolve())}.\n\n"
        notes = ("\n\nsentences/s counts what each runner stored: the floor's regex split and claimtrack's segmenter "
                 "differ slightly. × floor time = seconds / floor seconds. Load average is the 1-minute value when "
                 "the run started (other jobs share the machine); on a loaded machine CPU seconds and sentences per "
                 "CPU second are steadier than wall time.\n")
        if repeat > 1:
            notes += (f"\nEach runner ran {repeat} times (interleaved with the baseline when there is one): seconds, "
                      "CPU seconds and load average are medians, peak RSS the largest.\n")
        if not final:
            notes += "\n(run still in progress when this was written: the runners not listed had not finished)\n"
        text = header + md + notes
        write_section(args.out, f"ingest-{manifest['docs']}", text, "Ingest benchmark results")
        return text

    floor_db = args.work / f"floor-{args.docs}.db"
    floor_runs = []
    for _ in range(repeat):
        remove_db(floor_db)
        floor_runs.append(timed([sys.executable, str(BENCH / "floor.py"), str(corpus), str(floor_db)], sample_tree=True))
    run = _median_run(floor_runs)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    floor_seconds = run.seconds
    rows.append(_row("floor (regex split + executemany, 1 process)", result["docs"], result["sentences"], run,
                     floor_seconds))
    print(f"floor: {run.seconds:.2f}s", file=sys.stderr)
    if not args.keep_db:
        remove_db(floor_db)

    publish(False)
    claims_seen = None
    variants: list[tuple[str, dict | None]] = [("", None)]
    if args.baseline:
        base_env = dict(os.environ, PYTHONPATH=str(args.baseline.resolve()))
        variants.insert(0, (f", baseline ({_checkout_state(args.baseline.resolve()).split(' in ')[0]})", base_env))
    for jobs in [int(j) for j in args.jobs.split(",") if j.strip()]:
        runs: dict[str, list[Run]] = {label: [] for label, _ in variants}
        counts: dict[str, tuple[int, int, int]] = {}
        for _ in range(repeat):
            for label, env in variants:  # interleaved, so baseline and current share the load
                db = args.work / f"ingest-{args.docs}-j{jobs}{'-baseline' if env else ''}.db"
                remove_db(db)
                runs[label].append(timed([*claimtrack_cmd(), "ingest", str(corpus), "--db", str(db), "--jobs",
                                          str(jobs), "--quiet"], sample_tree=True, env=env))
                counts[label] = (count(db, "SELECT count(*) FROM documents"), count(db, "SELECT count(*) FROM claims"),
                                 count(db, "SELECT count(*) FROM figures"))
                print(f"ingest --jobs {jobs}{label}: {runs[label][-1].seconds:.2f}s, cpu {runs[label][-1].cpu_seconds}, "
                      f"{counts[label][1]} claims, {counts[label][2]} figures", file=sys.stderr)
                if not args.keep_db:
                    remove_db(db)
        for label, _ in variants:
            docs, claims, figures = counts[label]
            if not label:
                claims_seen = claims
            ingest_rows.append(_row(f"claimtrack ingest --jobs {jobs}{label}", docs, claims, _median_run(runs[label]),
                                    floor_seconds))
        publish(False)

    if args.extract:
        run = _median_run([timed([*claimtrack_cmd(), "extract", str(corpus), "-o", "/dev/null"], sample_tree=True)
                           for _ in range(repeat)])
        extract_rows.append(_row("claimtrack extract -o /dev/null (no DB, 1 process)", manifest["docs"], claims_seen,
                                 run, floor_seconds))
        print(f"extract: {run.seconds:.2f}s", file=sys.stderr)
    print(publish(True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
