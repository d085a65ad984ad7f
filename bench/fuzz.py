#!/usr/bin/env python3
"""Fuzz the ingest path: no input file may crash `claimtrack.ingest.ingest` or damage the database.

    .venv/bin/python bench/fuzz.py                      # 10,000 inputs, writes bench/results/fuzz.md
    .venv/bin/python bench/fuzz.py --inputs 300 --seed 7 --out -

Inputs, half and half:

  hypothesis  texts drawn by hypothesis strategies: any Unicode (control characters, right-to-
              left scripts, surrogate-free astral characters), news-like sentences built from
              figures, currencies, quote marks (balanced or not) and speaker phrases, HTML
              wrappers (broken, script-only, nested), each encoded as UTF-8, UTF-8 with BOM,
              UTF-16 LE/BE with BOM, Windows-1252 or Latin-1 (unencodable characters replaced),
              or run through a mojibake round trip (UTF-8 read as Windows-1252).
  mutation    the real documents in seeds/ and bench/gold/*/dev/*.txt with 1-6 random byte-level
              edits: bit flips, inserted NUL / 0xA3 / 0xFF / BOMs / quote marks / `<script>` /
              control characters, truncations (also mid-character), duplicated or deleted
              ranges, re-encoding, wrapping in HTML; saved as .txt, .md, .html or an unknown
              extension.

They go through `ingest()` in batches (in process, one temporary database, jobs=1) from a
folder whose file names repeat across batches, so changed files are `replaced`, identical
ones `unchanged`, and copies (a few per batch) `alias`. A crash is any exception out of
`ingest()` (a file that cannot be read is a counted skip, not a crash); the batch is then
re-run file by file to name the input, which is saved under bench/out/fuzz-crashes/. After
every batch: `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, documents whose stored
claims or figures differ from their n_claims / n_figures, and claims whose text is not
exactly `documents.text[char_start:char_end]`.
"""

from __future__ import annotations

import argparse
import codecs
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

SEED_FILES = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("bench/gold/*/dev/*.txt")])
CRASH_DIR = BENCH / "out" / "fuzz-crashes"  # bench/out/ is gitignored

# ---------------------------------------------------------------------------------------
# Inputs.

INSERTS = [b"\x00", b"\xa3", b"\xff", b"\xfe", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
           b'"', b"'", "“".encode(), "”".encode(), "’".encode(), b"\x93", b"\x94", b"\x92",
           b"<script>alert(1)</script>", b"<p>", b"</div>", b"<!--", b"\x1b[2J", b"\x07", b"\r",
           b"\n\n", b"\t", b"\xc3", b"\xe2\x80", "\u202e".encode(), "\u200b".encode(),
           "£".encode(), "€".encode(), b"$", b"%", b"...", b"NEAR(", b"';--"]
SUFFIXES = [".txt"] * 6 + [".md", ".html", ".htm", ".text", ".dat"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "cp1252", "latin-1", "mojibake"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="surrogatepass")
    if encoding == "mojibake":
        return text.encode("utf-8", errors="replace").decode("cp1252", errors="ignore").encode("utf-8")
    return text.encode(encoding, errors="replace")


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        pos = rng.randrange(len(buf) + 1) if buf else 0
        if op == 0 and buf:  # bit flips
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op in (1, 2):  # insertions
            buf[pos:pos] = rng.choice(INSERTS) * rng.choice([1, 1, 1, 3, 50])
        elif op == 3 and buf:  # truncation, often mid-character
            buf = buf[:rng.randrange(len(buf))]
        elif op == 4 and buf:  # duplicate a range
            a = rng.randrange(len(buf))
            b = min(len(buf), a + rng.randint(1, 4000))
            buf[b:b] = buf[a:b] * rng.randint(1, 3)
        elif op == 5 and buf:  # delete a range
            a = rng.randrange(len(buf))
            del buf[a:a + rng.randint(1, 500)]
        elif op == 6:  # re-encode the whole text
            text = bytes(buf).decode("utf-8", errors="replace")
            buf = bytearray(encode(text, rng.choice(ENCODINGS)))
        elif op == 7:  # wrap in (often broken) HTML
            head = rng.choice([b"<html><body><article><p>", b"<div><p>", b"<html><head><title>x", b"<p>"])
            tail = rng.choice([b"</p></article></body></html>", b"", b"</table></html", b"<script>var a='"])
            buf = bytearray(head + bytes(buf) + tail)
        elif op == 8:  # overwrite a range with random bytes
            n = rng.randint(1, 64)
            buf[pos:pos + n] = bytes(rng.randrange(256) for _ in range(n))
    return bytes(buf)


def mutation_inputs(n: int, rng: random.Random) -> list[tuple[str, bytes, str]]:
    seeds = [p.read_bytes() for p in SEED_FILES]
    out = []
    for _ in range(n):
        data = mutate(rng.choice(seeds), rng)
        out.append((rng.choice(SUFFIXES), data, "mutation"))
    return out


def hypothesis_inputs(n: int, seed: int) -> list[tuple[str, bytes, str]]:
    """`n` inputs drawn by hypothesis (generate phase only, no shrinking, no example database)."""
    from hypothesis import HealthCheck, Phase, given, seed as hseed, settings, strategies as st

    figure = st.builds(
        lambda cur, num, mag, tail: f"{cur}{num}{mag}{tail}",
        st.sampled_from(["", "$", "£", "€", "US$", "Rs ", "¥"]),
        st.one_of(st.integers(0, 10**12).map(str), st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
                  st.integers(0, 999).map(lambda x: f"{x:,}")),
        st.sampled_from(["", "m", "bn", " million", " billion", "%", " per cent", " jobs", "k"]),
        st.sampled_from(["", ".", ",", " ", "–", "-"]))
    word = st.one_of(st.sampled_from(["the", "bank", "said", "council", "will", "spend", "on", "roads", "Ann Lee",
                                      "Mr. Smith", "U.S.", "according to", "told", "Reuters", "up", "from",
                                      "by 2028", "nearly", "about", "jobs", "loan", "CEO", "minister"]),
                     figure, st.text(min_size=1, max_size=12))
    quote = st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", ""])
    sentence = st.builds(lambda q1, ws, q2, end: q1 + " ".join(ws) + q2 + end,
                         quote, st.lists(word, min_size=1, max_size=25), quote,
                         st.sampled_from([".", "!", "?", "…", "", ".\n", "\n\n", ". "]))
    news = st.lists(sentence, min_size=1, max_size=30).map(" ".join)
    any_text = st.text(min_size=0, max_size=3000)
    scripts = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Z", "Cc", "Cf", "S"]),
                      min_size=1, max_size=2000)
    html = st.builds(lambda body, open_, close: f"{open_}{body}{close}", news,
                     st.sampled_from(["<html><body><article><p>", "<div>", "<p>", "<html><head><title>T</title>",
                                      "<script>", "<table><tr><td>"]),
                     st.sampled_from(["</p></article></body></html>", "", "</td>", "<script>x='",
                                      "</html><html>"]))
    text = st.one_of(news, any_text, scripts, html)
    collected: list[tuple[str, bytes, str]] = []

    @hseed(seed)
    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(text, st.sampled_from(ENCODINGS), st.sampled_from(SUFFIXES))
    def draw(t, encoding, suffix):
        if len(collected) < n:
            collected.append((suffix, encode(t, encoding), "hypothesis"))

    while len(collected) < n:  # hypothesis may stop early on a small space; draw again
        before = len(collected)
        draw()
        if len(collected) == before:
            break
        seed += 1
    return collected


# ---------------------------------------------------------------------------------------
# Running.

@dataclass
class Stats:
    tried: Counter = field(default_factory=Counter)  # by generator
    statuses: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    crashes: list[tuple[str, str]] = field(default_factory=list)
    integrity_failures: int = 0
    fk_failures: int = 0
    partial_documents: int = 0
    offset_violations: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def inputs(self) -> int:
        return sum(self.tried.values())


def check_db(db_path: Path) -> tuple[str, int, int, int]:
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        partial = conn.execute(
            "SELECT count(*) FROM documents d WHERE d.n_claims != (SELECT count(*) FROM claims c WHERE c.document_id = d.id)"
            " OR d.n_figures != (SELECT count(*) FROM figures f WHERE f.document_id = d.id)").fetchone()[0]
        offsets = conn.execute(
            "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id"
            " WHERE substr(d.text, c.char_start + 1, c.char_end - c.char_start) != c.text").fetchone()[0]
    finally:
        conn.close()
    return integrity, fk, partial, offsets


def _reason(reason: str) -> str:
    head = reason.split(" (")[0].split(":")[0]
    return head if len(head) < 60 else head[:57] + "..."


def run(n_inputs: int = 10_000, batch: int = 200, seed: int = 1, workdir: Path | None = None,
        progress: bool = False, save_crashes: bool = True) -> Stats:
    import os

    os.environ.setdefault("CLAIMTRACK_DATA", "/nonexistent-claimtrack-data")  # package vocabulary only
    from claimtrack.ingest import ingest
    from claimtrack.store import open_db

    rng = random.Random(seed)
    n_hyp = n_inputs // 2
    inputs = hypothesis_inputs(n_hyp, seed) + mutation_inputs(n_inputs - n_hyp, rng)
    rng.shuffle(inputs)
    own = workdir is None
    work = Path(tempfile.mkdtemp(prefix="claimtrack-fuzz-")) if own else Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "fuzz.db"
    docs = work / "docs"
    db = open_db(db_path)
    stats = Stats()
    start = time.perf_counter()
    try:
        for b in range(0, len(inputs), batch):
            chunk = inputs[b:b + batch]
            shutil.rmtree(docs, ignore_errors=True)
            docs.mkdir()
            files = []
            for i, (suffix, data, source) in enumerate(chunk):
                path = docs / f"f{i:04d}{suffix}"
                if path.exists():  # same name, other suffix list entry: keep both
                    path = docs / f"f{i:04d}b{suffix}"
                path.write_bytes(data)
                files.append((path, data, source))
                stats.tried[source] += 1
            for path, data, _ in files[:3]:  # a few copies: same content, second path
                (docs / f"copy-{path.name}").write_bytes(data)
            try:
                summary = ingest(db, [str(docs)], jobs=1)
                stats.statuses.update(summary.statuses)
                stats.skipped.update(_reason(r) for _, r in summary.skipped)
            except Exception:
                # Name the culprit(s): one file at a time.
                for path, data, _ in files:
                    try:
                        summary = ingest(db, [str(path)], jobs=1)
                        stats.statuses.update(summary.statuses)
                        stats.skipped.update(_reason(r) for _, r in summary.skipped)
                    except Exception as exc:
                        stats.crashes.append((path.name, f"{type(exc).__name__}: {exc}"[:200]))
                        if save_crashes:
                            CRASH_DIR.mkdir(parents=True, exist_ok=True)
                            (CRASH_DIR / f"seed{seed}-batch{stats.batches}-{path.name}").write_bytes(data)
                            (CRASH_DIR / f"seed{seed}-batch{stats.batches}-{path.name}.traceback").write_text(
                                traceback.format_exc())
            integrity, fk, partial, offsets = check_db(db_path)
            stats.integrity_failures += integrity != "ok"
            stats.fk_failures += fk
            stats.partial_documents += partial
            stats.offset_violations += offsets
            stats.batches += 1
            if progress:
                print(f"  batch {stats.batches}: {stats.inputs} inputs, {len(stats.crashes)} crashes, "
                      f"integrity {integrity}", file=sys.stderr)
    finally:
        db.conn.close()
        stats.seconds = time.perf_counter() - start
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return stats


def report(stats: Stats, seed: int, batch: int) -> str:
    lines = [
        "# Fuzz: ingest never crashes, the database stays whole",
        "",
        f"`.venv/bin/python bench/fuzz.py --inputs {stats.inputs} --batch {batch} --seed {seed}`"
        f" — {stats.seconds:.0f} s, {stats.inputs / max(stats.seconds, 1e-9):.0f} inputs/s, {stats.batches} batches.",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| inputs tried | {stats.inputs} |",
        *(f"| — {source} | {n} |" for source, n in sorted(stats.tried.items())),
        f"| crashes (exceptions out of ingest) | {len(stats.crashes)} |",
        f"| batches with integrity_check not ok | {stats.integrity_failures} |",
        f"| foreign-key violations | {stats.fk_failures} |",
        f"| partial documents (stored claims/figures ≠ n_claims/n_figures), summed over batches | {stats.partial_documents} |",
        f"| claims whose text ≠ document text at their offsets, summed over batches | {stats.offset_violations} |",
        *(f"| stored: {status} | {n} |" for status, n in sorted(stats.statuses.items())),
        f"| counted skips | {sum(stats.skipped.values())} |",
        "",
        "Counted skips by reason (each input is a file; skips are expected for binary and empty inputs):",
        "",
        "| reason | files |",
        "| --- | ---: |",
        *(f"| {reason} | {n} |" for reason, n in stats.skipped.most_common()),
    ]
    if stats.crashes:
        lines += ["", "Crashes (inputs saved in bench/out/fuzz-crashes/):", "", "| file | exception |", "| --- | --- |",
                  *(f"| {name} | {msg.replace('|', '/')} |" for name, msg in stats.crashes[:50])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(BENCH / "results" / "fuzz.md"), help="markdown report ('-': stdout only)")
    args = parser.parse_args(argv)
    stats = run(args.inputs, args.batch, args.seed, progress=True)
    text = report(stats, args.seed, args.batch)
    print(text)
    if args.out != "-":
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    bad = len(stats.crashes) + stats.integrity_failures + stats.fk_failures + stats.partial_documents + stats.offset_violations
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
