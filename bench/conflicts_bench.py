#!/usr/bin/env python3
"""False conflicts on a large mixed corpus: how often does `check figures` cry wolf?

    .venv/bin/python bench/conflicts_bench.py [--docs 2000] [--seed 0] [--jobs 2] [--sample 10]

Generates (or reuses) a corpus with bench/gen_corpus.py: many unrelated stories in one
database, each story's facts repeated by every document that covers it, about 15% of
documents contradicting their story on purpose in two facts (recorded by the generator in
OUTDIR/.truth.jsonl). Ingests it, runs `check figures`, and classifies every conflict group
by that truth:

- planted: all its documents belong to one story and one of its sentences is a planted
  contradiction: the conflicts the tool exists to find;
- cross-story: its documents belong to different stories: false by construction;
- unexplained: one story, no planted sentence: false (two different facts grouped as one),
  or a reading error.

Recall: a planted contradiction is findable when another document of its story states the
same fact as the story has it; it is found when a conflict group holds the planted sentence
and a statement from another document.

Prints a table (and writes bench/results/conflicts.md) with conflicts per 1,000 figures,
recall, and samples of the false conflicts and missed contradictions for review.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen_corpus  # noqa: E402  (bench/gen_corpus.py)

from claimtrack.check import check_figures  # noqa: E402
from claimtrack.store import open_db  # noqa: E402


def doc_index(name: str) -> int:
    return int(re.search(r"(\d{6})_", Path(name).name).group(1))


def load_truth(corpus: Path) -> list[dict]:
    lines = (corpus / gen_corpus.TRUTH).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def is_planted(truth: list[dict], doc: str, text: str) -> bool:
    """Whether a claim's sentence is one its document contradicts on purpose (a claim may
    carry a dateline or be cut at another point than the generator's sentence)."""
    claim = _norm(text)
    return any(claim and (claim in _norm(p) or _norm(p) in claim) for p in truth[doc_index(doc)]["planted"].values())


def findable(truth: list[dict]) -> list[tuple[int, str]]:
    """(document, planted sentence) pairs that another document of the story contradicts."""
    faithful: dict[int, set[str]] = defaultdict(set)  # story -> facts some document states as they are
    for t in truth:
        faithful[t["story"]].update(str(k) for k in t["facts"] if str(k) not in t["planted"])
    return [(i, sentence) for i, t in enumerate(truth) for kind, sentence in t["planted"].items()
            if kind in faithful[t["story"]]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)

    corpus = args.out / f"conflicts-{args.docs}-{args.seed}"
    gen_corpus.ensure(args.docs, corpus, args.seed)
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

    truth = load_truth(corpus)
    kinds: Counter[str] = Counter()
    false_ones = []
    found: set[tuple[int, str]] = set()
    for g in report.groups:
        if g.verdict != "conflict":
            continue
        stories = {truth[doc_index(s.doc)]["story"] for s in g.statements}
        planted = [s for s in g.statements if is_planted(truth, s.doc, s.text)]
        if len(stories) > 1:
            kind = "cross-story"
        elif planted:
            kind = "planted"
            docs = {s.doc for s in g.statements}
            for s in planted:
                if len(docs) > 1:
                    i = doc_index(s.doc)
                    found.update((i, p) for p in truth[i]["planted"].values() if _norm(s.text) in _norm(p) or _norm(p) in _norm(s.text))
        else:
            kind = "unexplained"
        kinds[kind] += 1
        if kind != "planted":
            false_ones.append((kind, g))
    targets = findable(truth)
    missed = [(i, p) for i, p in targets if (i, p) not in found]
    recall = len(targets) - len(missed)

    verdicts = Counter(g.verdict for g in report.groups)
    per_1000 = lambda n: 1000 * n / n_figures if n_figures else 0.0  # noqa: E731
    lines = [
        f"### Conflicts on a mixed corpus: {args.docs:,} generated documents (seed {args.seed})",
        "",
        f"`.venv/bin/python bench/conflicts_bench.py --docs {args.docs} --seed {args.seed}`; ingest {ingest_s:.0f} s "
        f"(--jobs {args.jobs}), check figures {check_s:.1f} s.",
        "",
        "| figures | with a measure | groups | corroborated | single-source | conflicts | planted | cross-story (false) "
        "| unexplained | false conflicts per 1,000 figures | planted contradictions found |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {n_figures:,} | {n_measured:,} | {len(report.groups):,} | {verdicts['corroborated']:,} | "
        f"{verdicts['single-source']:,} | {verdicts['conflict']:,} | {kinds['planted']:,} | {kinds['cross-story']:,} | "
        f"{kinds['unexplained']:,} | {per_1000(kinds['cross-story'] + kinds['unexplained']):.2f} | "
        f"{recall:,} / {len(targets):,} ({100 * recall / max(1, len(targets)):.1f}%) |",
        "",
        f"Sample of false conflicts ({min(args.sample, len(false_ones))} of {len(false_ones)}):",
        "",
    ]
    for kind, g in false_ones[:args.sample]:
        lines.append(f"- **{kind}** `{g.key}` {g.label()}:")
        for s in g.statements[:4]:
            lines.append(f"  - {s.surface} — {s.speaker} — {Path(s.doc).name}: “{s.text[:140]}”")
    lines += ["", f"Sample of missed planted contradictions ({min(args.sample, len(missed))} of {len(missed)}):", ""]
    for i, sentence in missed[:args.sample]:
        lines.append(f"- {truth[i]['doc']} (story {truth[i]['story']}): “{sentence[:160]}”")
    text = "\n".join(lines) + "\n"
    print(text)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "conflicts.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
