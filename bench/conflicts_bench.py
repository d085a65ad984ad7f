#!/usr/bin/env python3
"""False conflicts on a large mixed corpus: how often does `check figures` cry wolf?

    .venv/bin/python bench/conflicts_bench.py [--docs 2000] [--seed 0] [--jobs 2] [--sample 10]

Generates (or reuses) a corpus with bench/gen_corpus.py: many unrelated stories in one
database, about 15% of documents carrying deliberately contradicting figures. Ingests it,
runs `check figures`, and classifies every conflict group by the generator's own truth:

- planted: all its documents belong to one story and at least one of them contradicts on
  purpose: the conflicts the tool exists to find;
- cross-story: its documents belong to different stories: false by construction;
- unexplained: one story, no contradicting document: false, or a reading error.

Prints a table (and writes bench/results/conflicts.md) with conflicts per 1,000 figures and
a sample of the false ones for review.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen_corpus  # noqa: E402  (bench/gen_corpus.py)

from claimtrack.check import check_figures  # noqa: E402
from claimtrack.store import open_db  # noqa: E402


def story_of(seed: int, i: int) -> tuple[int, bool]:
    """(story, contradicts on purpose) of document i: the generator's first two draws."""
    rng = random.Random(f"claimtrack-bench:{seed}:doc:{i}")
    k = i // gen_corpus.DOCS_PER_STORY if rng.random() < 0.8 else rng.randrange(max(1, i // gen_corpus.DOCS_PER_STORY + 1))
    return k, rng.random() < 0.15


def doc_index(name: str) -> int:
    return int(re.search(r"(\d{6})_", Path(name).name).group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)

    corpus = args.out / f"conflicts-{args.docs}-{args.seed}"
    if not (corpus / gen_corpus.MANIFEST).exists():
        gen_corpus.generate(args.docs, corpus, args.seed)
    db_path = args.out / f"conflicts-{args.docs}-{args.seed}.db"
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/claimtrack"), "ingest", str(corpus), "--db", str(db_path),
                    "--jobs", str(args.jobs), "--quiet"], check=True, stdout=subprocess.DEVNULL)
    ingest_s = time.perf_counter() - started
    db = open_db(db_path, create=False)
    n_figures = db.execute("SELECT count(*) FROM figures").fetchone()[0]
    n_measured = db.execute("SELECT count(*) FROM figures WHERE measure IS NOT NULL").fetchone()[0]
    started = time.perf_counter()
    report = check_figures(db)
    check_s = time.perf_counter() - started

    kinds: Counter[str] = Counter()
    false_ones = []
    for g in report.groups:
        if g.verdict != "conflict":
            continue
        truth = [story_of(args.seed, doc_index(s.doc)) for s in g.statements]
        stories = {k for k, _ in truth}
        if len(stories) > 1:
            kind = "cross-story"
        elif any(c for _, c in truth):
            kind = "planted"
        else:
            kind = "unexplained"
        kinds[kind] += 1
        if kind != "planted":
            false_ones.append((kind, g))

    verdicts = Counter(g.verdict for g in report.groups)
    per_1000 = lambda n: 1000 * n / n_figures if n_figures else 0.0  # noqa: E731
    lines = [
        f"### Conflicts on a mixed corpus: {args.docs:,} generated documents (seed {args.seed})",
        "",
        f"`.venv/bin/python bench/conflicts_bench.py --docs {args.docs} --seed {args.seed}`; ingest {ingest_s:.0f} s "
        f"(--jobs {args.jobs}), check figures {check_s:.1f} s.",
        "",
        "| figures | with a measure | groups | corroborated | single-source | conflicts | planted | cross-story (false) "
        "| unexplained | false conflicts per 1,000 figures |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {n_figures:,} | {n_measured:,} | {len(report.groups):,} | {verdicts['corroborated']:,} | "
        f"{verdicts['single-source']:,} | {verdicts['conflict']:,} | {kinds['planted']:,} | {kinds['cross-story']:,} | "
        f"{kinds['unexplained']:,} | {per_1000(kinds['cross-story'] + kinds['unexplained']):.2f} |",
        "",
        f"Sample of false conflicts ({min(args.sample, len(false_ones))} of {len(false_ones)}):",
        "",
    ]
    for kind, g in false_ones[:args.sample]:
        lines.append(f"- **{kind}** `{g.key}` {g.label()}:")
        for s in g.statements[:4]:
            lines.append(f"  - {s.surface} — {s.speaker} — {Path(s.doc).name}: “{s.text[:140]}”")
    text = "\n".join(lines) + "\n"
    print(text)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "conflicts.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
