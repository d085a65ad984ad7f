#!/usr/bin/env python3
"""Physical-units benchmark: value and unit F1 on the units gold set, beside the figures set.

    .venv/bin/python bench/units_bench.py [--split dev|test|both] [--package DIR] [--show-errors]

Runs `claimtrack extract` (speakers included, as a user would) over

* bench/gold/units/{dev,test}: physical quantities in sport, tech, motoring, energy, mining,
  weather and climate news, with ordinary figures and traps around them
  (bench/gold/README-units.md);
* bench/gold/figures/{dev,test}: the money/percent-heavy figures set, to show the unit work
  costs nothing there (bench/gold/README-figures.md);

and scores each with the shared scorer (../shared/tools/score.py, `--json`). Besides the
scores over all figures it prints two subsets, scored the same way on filtered copies of
gold and prediction:

* units set, physical only: gold figures whose unit is a canonical physical unit of
  claimtrack/data/quantities.toml, predicted figures of kind `quantity`;
* figures set, money and percent only: gold figures in ISO currency codes, `percent` or
  `percentage points`, predicted figures of kind `money` or `percent`.

`--package DIR` runs the claimtrack package found in DIR instead of this checkout (a copy of
an older version, for before/after numbers). Predictions go to bench/out/units/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
OUT = ROOT / "bench" / "out" / "units"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score.py"

_RUN = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
        "from claimtrack.cli import app; sys.argv[0] = 'claimtrack'; app()")


def extract(folder: Path, out: Path, package: Path) -> None:
    """`claimtrack extract FOLDER --format jsonl` with the package in `package`."""
    env = dict(os.environ, CLAIMTRACK_DATA=str(ROOT / "bench" / "no-user-data"))
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-c", _RUN, str(package), "extract", str(folder), "--format", "jsonl"],
                       stdout=fh, check=True, env=env, cwd=ROOT)


def score(scorer: Path, gold: Path, pred: Path, show_errors: bool = False) -> dict:
    args = [sys.executable, str(scorer), str(gold), str(pred), "--json"]
    if show_errors:
        args.append("--show-errors")
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    if show_errors and result.stderr:
        print(result.stderr, file=sys.stderr)
    return json.loads(result.stdout)


def physical_units() -> frozenset[str]:
    sys.path.insert(0, str(ROOT))
    from claimtrack import quantities
    from claimtrack.vocab import load_vocab

    return quantities.canonical_names(load_vocab(ROOT / "bench" / "no-user-data"))


_ISO = re.compile(r"[A-Z]{3}")


def _money_or_percent(unit: str | None) -> bool:
    return bool(unit) and (bool(_ISO.fullmatch(unit)) or unit in ("percent", "percentage points"))


def subset(gold: Path, pred: Path, keep_gold, keep_pred, folder: Path) -> tuple[Path, Path]:
    """Filtered copies: the same sentences, only the figures of one family."""
    g_out, p_out = folder / f"gold-{gold.stem}.jsonl", folder / f"pred-{pred.stem}.jsonl"
    with g_out.open("w", encoding="utf-8") as fh:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                g["figures"] = [f for f in g["figures"] if keep_gold(f)]
                fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    with p_out.open("w", encoding="utf-8") as fh:
        for line in pred.read_text(encoding="utf-8").splitlines():
            if line.strip():
                p = json.loads(line)
                p["figures"] = [f for f in p.get("figures") or [] if keep_pred(f)]
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return g_out, p_out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--package", type=Path, default=ROOT, help="folder holding the claimtrack package to run")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--show-errors", action="store_true", help="print the scorer's errors for the units set")
    args = ap.parse_args(argv)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    OUT.mkdir(parents=True, exist_ok=True)
    physical = physical_units()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for gold_set in ("units", "figures"):
            for split in splits:
                gold = GOLD / gold_set / f"{split}-gold.jsonl"
                pred = OUT / f"{gold_set}-{split}.jsonl"
                extract(GOLD / gold_set / split, pred, args.package.resolve())
                everything = score(args.scorer, gold, pred, args.show_errors and gold_set == "units")
                if gold_set == "units":
                    g, p = subset(gold, pred, lambda f: f.get("unit") in physical,
                                  lambda f: f.get("kind") == "quantity", tmp)
                    family = "physical"
                else:
                    g, p = subset(gold, pred, lambda f: _money_or_percent(f.get("unit")),
                                  lambda f: f.get("kind") in ("money", "percent"), tmp)
                    family = "money+percent"
                part = score(args.scorer, g, p)
                rows.append((gold_set, split, everything, family, part))
    print("| set | split | gold figures | value F1 | unit F1 | measure acc | subset | subset gold | subset value F1 | subset unit F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for gold_set, split, a, family, b in rows:
        print(f"| {gold_set} | {split} | {a['gold_figures']} | {a['value_f1']:.4f} | {a['unit_f1']:.4f} | "
              f"{a['measure_acc'] if a['measure_acc'] is not None else '-'} | {family} | {b['gold_figures']} | "
              f"{b['value_f1']:.4f} | {b['unit_f1']:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
