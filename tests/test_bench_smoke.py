"""Smoke runs of the performance benchmarks in bench/ with tiny inputs: each script runs to
the end and writes its table. The real sizes are run by hand (see bench/README.md)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def run(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def test_gen_corpus_is_deterministic_and_news_like(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run(BENCH / "gen_corpus.py", 12, a, "--seed", 7)
    run(BENCH / "gen_corpus.py", 12, b, "--seed", 7)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*.txt"))
    assert len(files_a) == 12
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*.txt"))
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes()
    text = "".join((a / rel).read_text(encoding="utf-8") for rel in files_a)
    for needle in ("%", " said", "“", "according to", "per cent"):
        assert needle in text
    assert any(sym in text for sym in ("$", "£", "€", "Rs ", "₹"))
    manifest = json.loads((a / ".corpus.json").read_text())
    assert manifest["docs"] == 12 and manifest["seed"] == 7
    # Another seed, other stories.
    c = tmp_path / "c"
    run(BENCH / "gen_corpus.py", 12, c, "--seed", 8)
    other = "".join(p.read_text(encoding="utf-8") for p in sorted(c.rglob("*.txt")))
    assert other and other != text


def test_floor_counts_sentences(tmp_path):
    corpus = tmp_path / "corpus"
    run(BENCH / "gen_corpus.py", 5, corpus)
    out = run(BENCH / "floor.py", corpus, tmp_path / "floor.db").stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["docs"] == 5
    assert result["sentences"] >= 5 * 10


def test_ingest_bench_writes_its_table(tmp_path):
    out = tmp_path / "ingest.md"
    run(BENCH / "ingest_bench.py", "--docs", 20, "--work", tmp_path / "work", "--out", out)
    text = out.read_text()
    assert "| runner | docs | sentences | seconds | sentences/s |" in text
    assert "floor" in text
    assert "claimtrack ingest --jobs 1" in text and "claimtrack ingest --jobs 2" in text


def test_query_bench_writes_its_table(tmp_path):
    out = tmp_path / "queries.md"
    run(BENCH / "query_bench.py", "--claims", 2000, "--base-docs", 25, "--reps", 1, "--work", tmp_path / "work",
        "--out", out)
    text = out.read_text()
    assert "| command | rows |" in text
    for needle in ("list --source", "list --search", "show ", "--version", "check figures"):
        assert needle in text
