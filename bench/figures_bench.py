#!/usr/bin/env python3
"""Figures benchmark: claimtrack against quantulum3 on the figures gold set.

    .venv/bin/python bench/figures_bench.py [--split dev|test|...|test12|both|held-out|all] [--repeat N]

(after `bash bench/setup_peer.sh` once). Both tools read the same sentences: each gold
document is split with claimtrack's own segmenter, and each tool is given those spans.

* claimtrack: `document_context` + `find_figures` + `measures.qualify` per sentence, in
  this process (speaker attribution is not run: it is not figure extraction).
* quantulum3: `quantulum3.parser.parse(sentence)` in a subprocess run with
  bench/.venv-peer/bin/python (this same file, in its `--peer-worker` mode); its
  quantities are mapped to the gold conventions afterwards, outside the timed region.

Only the extraction calls are timed, with `time.perf_counter`, each tool in one process,
both pinned to the same core, BLAS/OpenMP threads set to 1. Each tool first makes one
untimed pass over all sentences (imports, lazy vocabulary and model loading; its predictions
are the ones scored), then `--repeat` timed passes, interleaved with the other tool's so
that both see the same machine load; the fastest pass gives sentences/s (the least disturbed
by whatever else the machine runs; the median is reported beside it). Both prediction files (bench/out/figures/) are scored with
shared/tools/score.py --json; the table is printed and written to bench/results/figures.md.

See bench/README-figures-bench.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
# The gold splits, by name; each is bench/gold/SET/SPLIT/*.txt with SET/SPLIT-gold.jsonl.
LAST_SET = 24  # figures2 ... figures24 follow the first set, figures
SPLITS = {"dev": "figures/dev", "test": "figures/test",
          **{f"{kind}{n}": f"figures{n}/{kind}{n}" for n in range(2, LAST_SET + 1) for kind in ("dev", "test")}}
GROUPS = {"both": ("dev", "test"), "held-out": tuple(split for split in SPLITS if split.startswith("test")),
          "all": tuple(SPLITS)}
PEER_PYTHON = ROOT / "bench" / ".venv-peer" / "bin" / "python"
OUT = ROOT / "bench" / "out" / "figures"
RESULTS = ROOT / "bench" / "results" / "figures.md"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score.py"

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def one_core() -> int | None:
    """Pin this process (and the children it starts) to one core; BLAS to one thread."""
    for var in THREAD_VARS:
        os.environ[var] = "1"
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = sorted(os.sched_getaffinity(0))
    core = cores[0]
    os.sched_setaffinity(0, {core})
    return core


# ---------------------------------------------------------------------------------------
# The peer: runs under bench/.venv-peer/bin/python. Imports nothing from claimtrack.

_RANGE = re.compile(r"\d[^\d\s]{0,3}\s*(?:[-–—]|\bto\b|\band\b)\s*\D{0,3}\d", re.I)
_NEXT_WORD = re.compile(r"[\s\u00a0-]+([A-Za-z]+)")
_PERCENT_NAMES = {"percentage", "per cent", "percent"}


def _peer_unit(quantity, units) -> str | None:
    """quantulum3's unit in the gold conventions (see README-figures-bench.md)."""
    unit = quantity.unit
    name = unit.name
    if name in _PERCENT_NAMES or name.startswith(("per cent ", "percentage ")):  # "per cent per ampere-turn"
        return "percent"
    if unit.entity.name == "currency":
        return getattr(unit, "currency_code", None) or name
    if name == "dimensionless":
        return None

    def iso(base: str) -> str | None:
        u = units.names.get(base)
        if u is not None and u.entity.name == "currency":
            return getattr(u, "currency_code", None)
        return None

    positive = [d for d in unit.dimensions if d["power"] > 0]
    if positive:
        # A compound unit led by a currency ("$100bn" read as dollar·bit·newton,
        # "7.23 yuan per dollar"): the leading currency.
        code = iso(positive[0]["base"])
        if code:
            return code
        # A rate ("1.4 million barrels per day"): the gold counts the numerator.
        if len(positive) == 1 and len(unit.dimensions) > 1:
            return positive[0]["base"]
    return name


def _peer_figures(sentence: dict, quantities, units) -> tuple[list[dict], list[dict]]:
    """Figures with the strict unit mapping, and a copy with the generous noun mapping."""
    strict, generous = [], []
    text = sentence["text"]
    for q in quantities:
        s, e = q.span
        fig = {"surface": q.surface, "start": sentence["start"] + s, "end": sentence["start"] + e,
               "value": q.value, "unit": _peer_unit(q, units), "quantulum_unit": q.unit.name,
               "quantulum_entity": q.unit.entity.name}
        if q.uncertainty and _RANGE.search(q.surface):
            # quantulum3 gives a range as its mean +/- half-width: give back both ends.
            fig["low"], fig["high"] = q.value - q.uncertainty, q.value + q.uncertainty
        strict.append(fig)
        loose = dict(fig)
        if loose["unit"] is None and q.unit.name == "dimensionless":
            m = _NEXT_WORD.match(text, e)
            if m:
                loose["unit"] = m.group(1).lower()
        generous.append(loose)
    return strict, generous


def peer_worker(inp: Path, out_strict: Path, out_generous: Path) -> None:
    """Load, make the untimed warm-up pass, write predictions, then time one pass per
    `pass` line read on stdin (so the harness can interleave the two tools' passes)."""
    import warnings
    warnings.simplefilter("ignore")
    one_core()
    sentences = json.loads(inp.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    from importlib.metadata import version

    from quantulum3 import classifier, load, parser
    import_s = time.perf_counter() - t0

    errors: dict[int, str] = {}

    def one_pass() -> tuple[float, list]:
        total, results = 0.0, []
        for i, s in enumerate(sentences):
            t = time.perf_counter()
            try:
                qs = parser.parse(s["text"])
            except Exception as exc:  # a crash costs its time and its figures
                qs = []
                errors[i] = f"{type(exc).__name__}: {exc}"
            total += time.perf_counter() - t
            results.append(qs)
        return total, results

    warm_s, results = one_pass()

    units = load.units("en_US")
    with out_strict.open("w", encoding="utf-8") as fs, out_generous.open("w", encoding="utf-8") as fg:
        for s, qs in zip(sentences, results):
            strict, generous = _peer_figures(s, qs, units)
            base = {"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"],
                    "speaker": None, "speaker_org": None}
            fs.write(json.dumps({**base, "figures": strict}, ensure_ascii=False) + "\n")
            fg.write(json.dumps({**base, "figures": generous}, ensure_ascii=False) + "\n")
    print(json.dumps({
        "import_s": import_s, "warmup_pass_s": warm_s,
        "errors": [{"sentence": sentences[i]["text"], "error": e} for i, e in errors.items()],
        "classifier_loaded": classifier.classifier().loaded,
        "versions": {p: version(p) for p in ("quantulum3", "scikit-learn")},
    }), flush=True)
    for line in sys.stdin:
        if line.strip() != "pass":
            break
        print(json.dumps({"seconds": one_pass()[0]}), flush=True)


# ---------------------------------------------------------------------------------------
# The harness: runs under the project's venv.

def gold_sentences(split: str, vocab) -> tuple[list[dict], dict[str, str]]:
    from claimtrack.segment import segment
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((GOLD / SPLITS[split]).glob("*.txt"))}
    sentences = [{"doc": name, "start": seg.start, "end": seg.end, "text": text[seg.start:seg.end]}
                 for name, text in texts.items() for seg in segment(text, vocab)]
    return sentences, texts


class Claimtrack:
    """claimtrack's figure extraction over the sentences, document by document."""

    def __init__(self, sentences: list[dict], texts: dict[str, str], vocab):
        from claimtrack.figures import carry_from_previous, document_context, find_figures
        from claimtrack.measures import qualify
        self._calls = (document_context, find_figures, qualify, carry_from_previous)
        self.texts, self.vocab = texts, vocab
        self.by_doc: dict[str, list[dict]] = {}
        for s in sentences:
            self.by_doc.setdefault(s["doc"], []).append(s)

    def one_pass(self) -> tuple[float, list]:
        document_context, find_figures, qualify, carry_from_previous = self._calls
        vocab = self.vocab
        total, results = 0.0, []
        for doc, sents in self.by_doc.items():
            text = self.texts[doc]
            t = time.perf_counter()
            ctx = document_context(text, vocab)
            found, previous = [], []
            for s in sents:  # (as claimtrack's pipeline runs them: qualified, then the carry from the sentence before)
                figures, dates = find_figures(text, s["start"], s["end"], vocab, ctx)
                if figures:
                    figures = carry_from_previous(text, s["start"], qualify(text, s["start"], s["end"], figures, dates, vocab),
                                                  previous)
                previous = figures
                found.append(figures)
            total += time.perf_counter() - t
            results.extend(zip(sents, found))
        return total, results

    def warm_up(self, out: Path) -> float:
        """The untimed first pass; its predictions are the ones scored."""
        seconds, results = self.one_pass()
        with out.open("w", encoding="utf-8") as fh:
            for s, figures in results:
                fh.write(json.dumps({**s, "speaker": None, "speaker_org": None,
                                     "figures": [f.model_dump(exclude_none=True) for f in figures]},
                                    ensure_ascii=False) + "\n")
        return seconds


class Peer:
    """quantulum3 in its own venv, a subprocess that times one pass per request."""

    def __init__(self, sentences: list[dict], out_strict: Path, out_generous: Path):
        if not PEER_PYTHON.exists():
            sys.exit(f"{PEER_PYTHON} is missing: run `bash bench/setup_peer.sh` first")
        inp = out_strict.with_suffix(".input.json")
        inp.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        self.stderr_path = out_strict.with_suffix(".stderr")
        self._stderr = self.stderr_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [str(PEER_PYTHON), str(Path(__file__).resolve()), "--peer-worker", str(inp), str(out_strict),
             str(out_generous)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True, env=os.environ.copy())
        self.meta = self._read()  # after import, warm-up pass and writing the predictions

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            self._stderr.close()
            sys.exit(f"quantulum3 worker failed ({self.proc.returncode}):\n"
                     + self.stderr_path.read_text(encoding="utf-8")[-3000:])
        return json.loads(line)

    def one_pass(self) -> float:
        self.proc.stdin.write("pass\n")
        self.proc.stdin.flush()
        return self._read()["seconds"]

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()
        self._stderr.close()


def time_both(ct: Claimtrack, peer: Peer, repeat: int) -> tuple[list[float], list[float]]:
    """Timed passes, interleaved (and in alternating order) so that both tools see the same
    machine: whatever else runs on it slows both alike. Only one of them runs at a time."""
    ct_times, peer_times = [], []
    for r in range(repeat):
        if r % 2 == 0:
            ct_times.append(ct.one_pass()[0])
            peer_times.append(peer.one_pass())
        else:
            peer_times.append(peer.one_pass())
            ct_times.append(ct.one_pass()[0])
    return ct_times, peer_times


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def fmt(x, digits=3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=(*SPLITS, *GROUPS), default="both",
                    help="a gold split, or both (dev, test), held-out (test, test2 ... test12) or all")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes per tool (the fastest is reported)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--no-results", action="store_true", help="do not write bench/results/figures.md")
    ap.add_argument("--peer-worker", nargs=3, metavar=("IN", "OUT", "OUT_GENEROUS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    if args.peer_worker:
        peer_worker(*(Path(p) for p in args.peer_worker))
        return 0

    if not args.scorer.exists():
        sys.exit(f"scorer not found: {args.scorer} (use --scorer)")
    core = one_core()
    from importlib.metadata import version

    from claimtrack.vocab import load_vocab
    # The shipped vocabulary only: a developer's ./data overrides must not change results.
    vocab = load_vocab(user_dir=Path("/nonexistent-claimtrack-data"))
    OUT.mkdir(parents=True, exist_ok=True)

    splits = GROUPS.get(args.split, (args.split,))
    rows, notes, peer_meta = [], [], {}
    pooled = [0, 0.0, 0.0]  # sentences, claimtrack's fastest seconds, quantulum3's, over the splits
    for split in splits:
        sentences, texts = gold_sentences(split, vocab)
        gold = GOLD / f"{SPLITS[split]}-gold.jsonl"
        n = len(sentences)

        ct_pred = OUT / f"claimtrack-{split}.jsonl"
        q_pred, qg_pred = OUT / f"quantulum3-{split}.jsonl", OUT / f"quantulum3-nouns-{split}.jsonl"
        ct = Claimtrack(sentences, texts, vocab)
        ct.warm_up(ct_pred)
        peer = Peer(sentences, q_pred, qg_pred)
        try:
            ct_times, peer_times = time_both(ct, peer, args.repeat)
        finally:
            peer.close()
        peer_meta = peer.meta

        ct_s, q_s = min(ct_times), min(peer_times)
        pooled[0] += n
        pooled[1] += ct_s
        pooled[2] += q_s
        medians = (statistics.median(ct_times), statistics.median(peer_times))
        for tool, pred, secs in (("claimtrack", ct_pred, ct_s), ("quantulum3", q_pred, q_s),
                                 ("quantulum3 + next-word nouns¹", qg_pred, q_s)):
            sc = score(args.scorer, gold, pred)
            if sc["sentences_found"] != sc["sentences"]:
                notes.append(f"{tool} {split}: only {sc['sentences_found']}/{sc['sentences']} gold sentences "
                             "matched a segmented sentence")
            rows.append({"tool": tool, "split": split, "sentences": n, "seconds": secs,
                         "rate": n / secs if secs else float("inf"), **sc})
        notes.append(f"{split}: claimtrack {n / ct_s:,.0f} sentences/s vs quantulum3 {n / q_s:,.0f} "
                     f"sentences/s: {q_s / ct_s:.1f}x faster (medians {n / medians[0]:,.0f} vs "
                     f"{n / medians[1]:,.0f} sentences/s)")
        if peer.meta["errors"]:
            notes.append(f"quantulum3 raised on {len(peer.meta['errors'])} {split} sentence(s), scored as no "
                         "figures: " + "; ".join(e["error"] for e in peer.meta["errors"][:3]))

    if len(splits) > 1 and pooled[1] and pooled[2]:
        notes.append(f"all {len(splits)} splits pooled ({pooled[0]:,} sentences): claimtrack "
                     f"{pooled[0] / pooled[1]:,.0f} sentences/s vs quantulum3 {pooled[0] / pooled[2]:,.0f} "
                     f"sentences/s: {pooled[2] / pooled[1]:.1f}x faster")
    header = ("| tool | split | sentences | extraction s | sentences/s | value P | value R | value F1 "
              "| unit P | unit R | unit F1 | measure acc |")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        measure = fmt(r["measure_acc"]) if r["tool"] == "claimtrack" else "–"
        lines.append(f"| {r['tool']} | {r['split']} | {r['sentences']} | {r['seconds']:.3f} | {r['rate']:,.0f} "
                     f"| {fmt(r['value_p'])} | {fmt(r['value_r'])} | {fmt(r['value_f1'])} "
                     f"| {fmt(r['unit_p'])} | {fmt(r['unit_r'])} | {fmt(r['unit_f1'])} | {measure} |")
    table = "\n".join(lines)
    footer = [
        f"- extraction time: fastest of {args.repeat} timed pass(es) per tool, the two tools' passes "
        f"interleaved, after one untimed warm-up pass; each tool in one process, both pinned to core {core}, "
        f"BLAS/OpenMP threads 1; "
        f"quantulum3 import {peer_meta.get('import_s', 0):.2f} s and warm-up pass "
        f"{peer_meta.get('warmup_pass_s', 0):.2f} s not timed.",
        f"- claimtrack {version('claimtrack')} (document_context + find_figures + measures.qualify); "
        f"quantulum3 {peer_meta.get('versions', {}).get('quantulum3')} with its shipped classifier "
        f"(loaded: {peer_meta.get('classifier_loaded')}, scikit-learn "
        f"{peer_meta.get('versions', {}).get('scikit-learn')}); Python {platform.python_version()}.",
        "- ¹ same quantulum3 output, but a dimensionless number takes the next word as its unit "
        "(`6,000 jobs` → jobs): a generous upper bound, not quantulum3's own reading.",
        *[f"- {n}" for n in notes],
    ]
    print(table)
    print()
    print("\n".join(footer))
    if not args.no_results:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            "# Figures benchmark: claimtrack vs quantulum3\n\n"
            f"`.venv/bin/python bench/figures_bench.py --split {args.split} --repeat {args.repeat}` "
            "(see bench/README-figures-bench.md).\n\n" + table + "\n\n" + "\n".join(footer) + "\n",
            encoding="utf-8")
        print(f"\nwritten: {RESULTS.relative_to(ROOT)}; predictions in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
