#!/usr/bin/env python3
"""Query latency on a large database: claimtrack's read commands against the same SQL run by
the sqlite-utils CLI.

    .venv/bin/python bench/query_bench.py --claims 1000000
    .venv/bin/python bench/query_bench.py --claims 1000000 --build ingest   # slower, see below

Building the database (reused when it exists with the same size, seed and build):

  --build multiply (default)  generate --base-docs documents (default 2,000, ~48,000 claims),
      `claimtrack ingest --jobs 2` them once, then copy every row K times with
      INSERT ... SELECT into the claimtrack tables until there are ~N claims. Copies keep the
      schema valid: new ids (offset by K x the base's largest id), paths and names under
      copyK/, a fresh unique sha256 per copy (a hash of the original hash and K, so it no
      longer is the hash of the file's bytes), topics suffixed with ~K so each copy is a story
      set of its own for `check figures`, figures and dates pointing at the copied claims,
      and the full-text index filled by claimtrack's own triggers. Text is repeated K times,
      so a word's hit count grows with K.
  --build ingest  generate enough documents for ~N claims and `claimtrack ingest --jobs 2`
      them: every claim is distinct, but it takes as long as the ingest benchmark says.

Then, each command run --reps times after one warm-up run, stdout to /dev/null:

  list --source X --limit 50   (X: the most frequent named speaker)
  list --search WORD           (WORD: a term on ~0.1% of claims, picked from the FTS index)
  list --search profit --limit 50
  show ID                      (a claim in the middle of the table that states figures)
  --version
against `sqlite-utils query DB "<the SQL claimtrack runs>"`, with the figures each claim states
joined in as claimtrack does (a second query there, a correlated subquery here), plus the
same SQL timed in-process with Python's sqlite3 (no process start, no output). Both CLIs run
with a bytecode cache kept under --work. Also `check figures --format json` (wall time, peak
RSS) against sqlite-utils reading the rows check figures reads; --skip-check keeps that row
from the section's previous run instead. A reused database is first upgraded to the current
schema (untimed). Table printed and written to bench/results/queries.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402
from _perf import (BENCH, DEFAULT_WORK, claimtrack_cmd, count, git_state, machine, median, now,  # noqa: E402
                   remove_db, table, timed, venv_bin, wall, write_section)

CLAIMS_PER_DOC = 23.6  # measured on gen_corpus output (seed 0); only used to size corpora

CLAIM_COLUMNS = (
    "claims.id AS id, documents.name AS doc, claims.sentence_index AS sentence, claims.kind AS kind,"
    " claims.speaker AS speaker, claims.speaker_org AS speaker_org, claims.n_figures AS n_figures,"
    " claims.text AS text, claims.char_start AS start, claims.char_end AS end, documents.path AS path,"
    " (SELECT rating FROM reviews WHERE reviews.claim_id = claims.id ORDER BY reviews.id DESC LIMIT 1) AS review"
)
# --source: the folded substring is matched against the distinct keys, the claims found
# through the claims_source_key index (claimtrack.store._SOURCE_MATCH).
SOURCE_MATCH = " WHERE claims.source_key IN (SELECT key FROM source_keys WHERE key LIKE :p ESCAPE '\\')"
FIGURES_SUBQUERY = ("(SELECT group_concat(surface || ' = ' || value || ' ' || coalesce(unit, ''), '; ')"
                    " FROM figures WHERE figures.claim_id = claims.id) AS figures")
ORDER = " ORDER BY documents.name, claims.sentence_index"


# ---------------------------------------------------------------------------------------
# Building the database.

def _ingest(corpus: Path, db: Path, jobs: int = 2) -> float:
    run = timed([*claimtrack_cmd(), "ingest", str(corpus), "--db", str(db), "--jobs", str(jobs), "--quiet"])
    return run.seconds


def _multiply(db: Path, target: int) -> tuple[int, float]:
    """Copy the base rows until ~target claims; returns (copies made, seconds)."""
    start = time.perf_counter()
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.create_function("copy_sha", 2, lambda sha, k: hashlib.sha256(f"{sha}:{k}".encode()).hexdigest(),
                         deterministic=True)
    base_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    if not base_claims:
        raise SystemExit("the base database has no claims")
    copies = max(1, round(target / base_claims))
    D, C, F, T = (conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
                  for t in ("documents", "claims", "figures", "dates"))
    conn.execute("PRAGMA cache_size = -262144")
    for k in range(1, copies):
        prefix = f"copy{k}/"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO documents (id, sha256, name, path, media_type, encoding, text, n_claims, n_figures, topics,"
            " ingested_at) SELECT id + :k * :D, copy_sha(sha256, :k), :p || name, :p || path, media_type, encoding,"
            " text, n_claims, n_figures,"
            " (SELECT json_group_array(value || ' ~' || :k) FROM json_each(coalesce(d.topics, '[]'))), ingested_at"
            " FROM documents AS d WHERE id <= :D", {"k": k, "D": D, "p": prefix})
        conn.execute(
            "INSERT INTO document_paths (path, document_id, seen_at) SELECT :p || path, document_id + :k * :D, seen_at"
            " FROM document_paths WHERE document_id <= :D", {"k": k, "D": D, "p": prefix})
        conn.execute(
            "INSERT INTO claims (id, document_id, sentence_index, char_start, char_end, text, kind, speaker, speaker_org,"
            " speaker_aliases, source_key, n_figures) SELECT id + :k * :C, document_id + :k * :D, sentence_index,"
            " char_start, char_end, text, kind, speaker, speaker_org, speaker_aliases, source_key, n_figures"
            " FROM claims WHERE id <= :C", {"k": k, "C": C, "D": D})
        conn.execute(
            "INSERT INTO figures (id, claim_id, document_id, surface, char_start, char_end, value, low, high, unit,"
            " unit_text, kind, measure, approx, role, place, holder, period, status, subject)"
            " SELECT id + :k * :F, claim_id + :k * :C, document_id + :k * :D, surface, char_start, char_end, value,"
            " low, high, unit, unit_text, kind, measure, approx, role, place, holder, period, status, subject"
            " FROM figures WHERE id <= :F", {"k": k, "F": F, "C": C, "D": D})
        conn.execute(
            "INSERT INTO dates (id, claim_id, document_id, surface, char_start, char_end, value)"
            " SELECT id + :k * :T, claim_id + :k * :C, document_id + :k * :D, surface, char_start, char_end, value"
            " FROM dates WHERE id <= :T", {"k": k, "T": T, "C": C, "D": D})
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # No ANALYZE: claimtrack never runs it, so the planner sees what a real database gives it.
    conn.close()
    return copies, time.perf_counter() - start


def build(args) -> dict:
    db = args.work / f"query-{args.claims}-{args.build}-s{args.seed}.db"
    meta_path = Path(str(db) + ".json")
    if db.exists() and meta_path.exists() and not args.rebuild:
        meta = json.loads(meta_path.read_text())
        print(f"reusing {db}", file=sys.stderr)
        return meta
    remove_db(db)
    meta_path.unlink(missing_ok=True)
    meta: dict = {"db": str(db), "build": args.build, "seed": args.seed}
    if args.build == "multiply":
        base_docs = min(args.base_docs, max(2, math.ceil(args.claims / CLAIMS_PER_DOC)))
        corpus = args.work / f"corpus-{base_docs}-s{args.seed}"
        gen_corpus.ensure(base_docs, corpus, args.seed)
        meta["ingest_seconds"] = _ingest(corpus, db)
        meta["base_docs"] = base_docs
        meta["base_claims"] = count(db, "SELECT count(*) FROM claims")
        meta["copies"], meta["multiply_seconds"] = _multiply(db, args.claims)
    else:
        docs = max(2, math.ceil(args.claims / CLAIMS_PER_DOC))
        corpus = args.work / f"corpus-{docs}-s{args.seed}"
        gen_corpus.ensure(docs, corpus, args.seed)
        meta["ingest_seconds"] = _ingest(corpus, db)
        meta["base_docs"] = docs
    for t in ("documents", "claims", "figures", "dates"):
        meta[t] = count(db, f"SELECT count(*) FROM {t}")
    meta["db_mb"] = db.stat().st_size / 1e6
    meta_path.write_text(json.dumps(meta, indent=1) + "\n")
    return meta


# ---------------------------------------------------------------------------------------
# Picking arguments that exist in this database.

def pick(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    n_claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    speaker = conn.execute(
        "SELECT speaker FROM claims WHERE speaker GLOB '[A-Z]* [A-Z]*'"
        " GROUP BY speaker ORDER BY count(*) DESC LIMIT 1").fetchone()
    source = (speaker[0] if speaker else "narrator").lower()
    conn.execute("CREATE VIRTUAL TABLE temp.claims_vocab USING fts5vocab(main, claims_fts, row)")
    target = max(20, n_claims // 1000)
    word = conn.execute(
        "SELECT term FROM temp.claims_vocab WHERE length(term) >= 5 AND term GLOB '[a-z]*' AND term NOT GLOB '*[^a-z]*'"
        " ORDER BY abs(doc - ?), term LIMIT 1", [target]).fetchone()[0]
    claim_id = conn.execute(
        "SELECT id FROM claims WHERE n_figures > 0 AND id >= (SELECT max(id) / 2 FROM claims) ORDER BY id LIMIT 1"
    ).fetchone()[0]
    conn.close()
    return {"source": source, "word": word, "claim_id": claim_id}


def _like(text: str) -> str:
    """The LIKE pattern claimtrack's --source makes: folded (case, accents, filler words) and escaped."""
    from claimtrack.speakers import fold

    text = fold(text)
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def cases(picked: dict, db: Path) -> list[dict]:
    """Each case: label, claimtrack argv, equivalent SQL and its parameters."""
    src, word, cid = picked["source"], picked["word"], picked["claim_id"]
    list_sql = f"SELECT {CLAIM_COLUMNS}, {FIGURES_SUBQUERY} FROM claims JOIN documents ON documents.id = claims.document_id"
    return [
        {"label": f"list --source '{src}' --limit 50", "argv": ["list", "--source", src, "--limit", "50"],
         "sql": list_sql + SOURCE_MATCH + ORDER + " LIMIT 50",
         "params": {"p": _like(src)}},
        {"label": f"list --source '{src}' --limit 50 --format json",
         "argv": ["list", "--source", src, "--limit", "50", "--format", "json"],
         "sql": list_sql + SOURCE_MATCH + ORDER + " LIMIT 50",
         "params": {"p": _like(src)}},
        {"label": f"list --search {word}", "argv": ["list", "--search", word],
         "sql": list_sql + " WHERE claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)" + ORDER,
         "params": {"q": _fts(word)}},
        {"label": f"list --search {word} --format json", "argv": ["list", "--search", word, "--format", "json"],
         "sql": list_sql + " WHERE claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)" + ORDER,
         "params": {"q": _fts(word)}},
        {"label": "list --search profit --limit 50", "argv": ["list", "--search", "profit", "--limit", "50"],
         "sql": list_sql + " WHERE claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)" + ORDER
                + " LIMIT 50",
         "params": {"q": _fts("profit")}},
        {"label": f"show {cid}", "argv": ["show", str(cid)],
         "sql": f"SELECT {CLAIM_COLUMNS}, claims.document_id, claims.speaker_aliases, documents.sha256,"
                " documents.encoding, documents.ingested_at,"
                " (SELECT json_group_array(json_object('surface', surface, 'value', value, 'unit', unit, 'measure',"
                " measure)) FROM figures WHERE claim_id = claims.id) AS figures,"
                " (SELECT json_group_array(json_object('surface', surface, 'value', value)) FROM dates"
                " WHERE claim_id = claims.id) AS dates,"
                " (SELECT json_group_array(path) FROM document_paths WHERE document_id = claims.document_id) AS paths,"
                " (SELECT json_group_array(json_object('id', n.id, 'text', n.text)) FROM claims AS n"
                " WHERE n.document_id = claims.document_id AND n.sentence_index BETWEEN claims.sentence_index - 2"
                " AND claims.sentence_index + 2) AS context"
                " FROM claims JOIN documents ON documents.id = claims.document_id WHERE claims.id = :id",
         "params": {"id": str(cid)}},
    ]


def _sql_in_process(db: Path, sql: str, params: dict, reps: int) -> tuple[float, int]:
    times, n = [], 0
    for i in range(reps + 1):
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        start = time.perf_counter()
        n = sum(1 for _ in conn.execute(sql, params))  # every row fetched, none kept
        elapsed = time.perf_counter() - start
        conn.close()
        if i:
            times.append(elapsed)
    return median(times), n


def _s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:,.1f}"


HEADERS = ["command", "rows", "claimtrack s (median)", "sqlite-utils s (median)", "claimtrack / sqlite-utils",
           "SQL alone in-process s", "load avg at start"]


def _state(before: str) -> str:
    after = git_state()
    return after if after == before else f"claimtrack changed during the run: {before} → {after}"


def _check_figures(db: Path, ct: list[str], su: str, reps: int, rows: list) -> float | None:
    """check figures: wall time and peak RSS, against reading the same rows with sqlite-utils.
    Appends the table row; returns the peak RSS in MB of the largest process and of the tree."""
    from claimtrack.check import _ROWS_SQL

    check_runs = [timed([*ct, "check", "figures", "--format", "json", "--fail-on", "never", "--db", str(db)],
                        stdout=subprocess.DEVNULL, sample_tree=True) for _ in range(reps)]
    check_s = median([r.seconds for r in check_runs])
    rows_sql = _ROWS_SQL.format(extra="", fx_case="")
    floor = timed([su, "query", str(db), rows_sql], stdout=subprocess.DEVNULL)
    sql_s, n = _sql_in_process(db, rows_sql, {}, 1)
    rows.append(["`claimtrack check figures --format json`", n, _s(check_s), _s(floor.seconds),
                 check_s / floor.seconds, _s(sql_s), check_runs[0].load_before])
    return (max(r.peak_rss_mb or 0 for r in check_runs) or None, max(r.tree_rss_mb or 0 for r in check_runs) or None)


def _keep_check_row(out: Path, key: str, rows: list) -> str:
    """--skip-check: carry the check figures row of this section's previous run over, labelled
    with the time of the run that measured it (kept when it is carried again)."""
    import re

    previous = out.read_text() if out.exists() else ""
    section = re.search(rf"<!-- {re.escape(key)} -->\n(.*?)<!-- /{re.escape(key)} -->", previous, re.S)
    body = section.group(1) if section else ""
    line = next((ln for ln in body.splitlines() if ln.startswith("| `claimtrack check figures")), None)
    if line is None:
        return "check figures was not timed in this run (--skip-check)."
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if "(run of " not in cells[0]:
        stamp = re.search(r"^(\d{4}-\d\d-\d\d \d\d:\d\d UTC)", body, re.M)
        cells[0] += f" (run of {stamp.group(1) if stamp else 'an earlier date'}, not re-timed)"
    rows.append(cells)
    return "check figures was not re-timed (--skip-check): its row is copied from the earlier run it names."


def _upgrade(db: Path) -> list[str]:
    """Bring a reused database to this claimtrack's schema before timing anything, so no
    timed run (and no sqlite-utils query on a table a new migration adds) meets a migration."""
    from claimtrack.migrations import applied, MIGRATIONS
    from claimtrack.store import open_reader

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    missing = [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in applied(conn)]
    conn.close()
    if missing:
        open_reader(db).close()
    return missing


def _bytecode_env(work: Path) -> dict:
    """Both CLIs run with a bytecode cache, as installed packages do: sqlite-utils' .pyc files
    sit in site-packages, while claimtrack (an editable install) would otherwise be compiled
    from source on every run when PYTHONDONTWRITEBYTECODE is set. The cache goes under
    --work, not into the source tree."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=1_000_000, help="database size in claims (default 1,000,000)")
    ap.add_argument("--build", choices=["multiply", "ingest"], default="multiply")
    ap.add_argument("--base-docs", type=int, default=2000, help="documents ingested before multiplying (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reps", type=int, default=5, help="measured runs per command (after one warm-up)")
    ap.add_argument("--check-reps", type=int, default=1, help="runs of check figures (default 1)")
    ap.add_argument("--skip-check", action="store_true", help="do not time check figures")
    ap.add_argument("--rebuild", action="store_true", help="build the database again even if it exists")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--out", type=Path, default=BENCH / "results" / "queries.md")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    state_before = git_state()
    meta = build(args)
    db = Path(meta["db"])
    upgraded = _upgrade(db)
    picked = pick(db)
    ct, su = claimtrack_cmd(), venv_bin("sqlite-utils")
    env = _bytecode_env(args.work)
    rows = []
    import os

    for case in cases(picked, db):
        load = os.getloadavg()[0]
        ct_times = wall([*ct, *case["argv"], "--db", str(db)], args.reps, env=env)
        su_cmd = [su, "query", str(db), case["sql"]]
        for k, v in case["params"].items():
            su_cmd += ["-p", k, v]
        su_times = wall(su_cmd, args.reps, env=env)
        sql_s, n = _sql_in_process(db, case["sql"], case["params"], args.reps)
        rows.append([f"`claimtrack {case['label']}`", n, _s(median(ct_times)), _s(median(su_times)),
                     median(ct_times) / median(su_times), _s(sql_s), load])
        print(f"{case['label']}: {median(ct_times):.3f}s vs {median(su_times):.3f}s ({n} rows)", file=sys.stderr)

    load = os.getloadavg()[0]
    ct_times = wall([*ct, "--version"], max(args.reps * 2, 3), env=env)
    su_times = wall([su, "--version"], max(args.reps * 2, 3), env=env)
    rows.append(["`claimtrack --version` vs `sqlite-utils --version`", None, _s(median(ct_times)),
                 _s(median(su_times)), median(ct_times) / median(su_times), None, load])

    key = f"queries-{meta['claims']}-{meta['build']}"
    if args.skip_check:
        check_note = _keep_check_row(args.out, key, rows)
    else:
        rss, tree = _check_figures(db, ct, su, args.check_reps, rows)
        check_note = (f"check figures: {args.check_reps} run(s) with its default --jobs (all cores), peak RSS "
                      f"{rss:.0f} MB for the largest process (GNU time), {tree:.0f} MB for the process tree "
                      "(sampled every 0.2 s); for check figures "
                      "the sqlite-utils column reads the rows check figures reads (claimtrack.check._ROWS_SQL) and "
                      "prints them as JSON.")

    md = table(HEADERS, rows)
    how = (f"multiplied: {meta['base_docs']:,} generated documents ingested ({meta['base_claims']:,} claims, "
           f"{meta['ingest_seconds']:.0f} s with --jobs 2), then copied ×{meta['copies']} with INSERT…SELECT "
           f"({meta['multiply_seconds']:.0f} s)") if meta["build"] == "multiply" else (
           f"ingested: {meta['base_docs']:,} generated documents with --jobs 2 in {meta['ingest_seconds']:.0f} s")
    header = (f"### Queries, {meta['claims']:,} claims ({meta['documents']:,} documents, {meta['figures']:,} figures, "
              f"{meta['dates']:,} dates; {meta['db_mb']:.0f} MB)\n\n"
              f"{now()}; {machine()}; {_state(state_before)}.\n\nDatabase {how}."
              + (f" Upgraded to this schema before timing ({', '.join(upgraded)})." if upgraded else "") + "\n\n")
    notes = (
        f"\n\nMedians of {args.reps} runs after one warm-up (page cache warm), stdout to /dev/null, both CLIs with "
        "a bytecode cache (PYTHONPYCACHEPREFIX under --work; PYTHONDONTWRITEBYTECODE unset). The sqlite-utils column "
        "runs the SQL claimtrack runs, with each claim's figures joined in by a correlated subquery. "
        f"{check_note} \"SQL alone\" is that SQL in-process with Python's sqlite3: no interpreter start, no imports, "
        "no output. Load average is the 1-minute value when the command's runs started.\n")
    text = header + md + notes
    print(text)
    write_section(args.out, key, text, "Query benchmark results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
