"""The read commands' fast path (no typer), `--source` through the source_keys table, and
the table renderer."""

import json
import sqlite3
import subprocess
import sys

import pytest

from claimtrack import cli as cli_module
from claimtrack.migrations import MIGRATIONS

from .conftest import ROOT


def _fast(capsys, *argv):
    """Run argv through the fast path; (exit code, stdout), or None if it defers to typer."""
    code = cli_module._run_fast([str(a) for a in argv])
    out = capsys.readouterr().out
    return None if code is None else (code, out)


# ---------------------------------------------------------------------------------------
# --source: still a case-, accent- and filler-word-insensitive substring of any name.

def test_source_matches_any_part_of_any_name(seeded):
    names = lambda rows: {(r["speaker"], r["speaker_org"]) for r in rows}  # noqa: E731
    whole = seeded.json("list", "--source", "Baloch National Movement")
    assert whole and names(whole) == {("Baloch National Movement", None)}
    assert names(seeded.json("list", "--source", "aloch nation")) == names(whole)  # inside words
    assert names(seeded.json("list", "--source", "BNM")) >= names(whole)  # an alias
    embassy = seeded.json("list", "--source", "embassy")  # an organisation, for its people too
    assert ("Natalie Baker", "U.S. Embassy Islamabad") in names(embassy)
    assert seeded.json("list", "--source", "narrator") == seeded.json("list", "--source", "NARRATOR")
    assert seeded.json("list", "--source", "zzz-nobody") == []


def test_source_finds_speakers_ingested_later(seeded, tmp_path):
    doc = tmp_path / "later.txt"
    doc.write_text("“Output rose 7% this year,” said Ann Lee, chief executive of Lee Mining.\n", encoding="utf-8")
    assert seeded.json("list", "--source", "ann lee") == []
    assert seeded("ingest", str(doc)).exit_code == 0
    rows = seeded.json("list", "--source", "ann lee")
    assert [r["speaker"] for r in rows] == ["Ann Lee"]
    assert seeded.json("sources", "--source", "lee mining")


def _downgrade_to_m005(db):
    """What a database written before m006 looks like."""
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER claims_source_key_ai")
        conn.execute("DROP TRIGGER claims_source_key_au")
        conn.execute("DROP INDEX claims_source_key")
        conn.execute("DROP TABLE source_keys")
        conn.execute("DELETE FROM _claimtrack_migrations WHERE name = 'm006_source_keys'")


def test_an_older_database_is_upgraded_once_by_a_read(seeded):
    before = seeded.json("list", "--source", "embassy")
    _downgrade_to_m005(seeded.db)
    assert seeded.json("list", "--source", "embassy") == before
    assert seeded.json("list", "--source", "embassy") == before
    with sqlite3.connect(seeded.db) as conn:
        assert conn.execute("SELECT count(*) FROM _claimtrack_migrations WHERE name = 'm006_source_keys'"
                            ).fetchone()[0] == 1
        keys = {k for (k,) in conn.execute("SELECT key FROM source_keys")}
        assert keys == {k for (k,) in conn.execute("SELECT DISTINCT source_key FROM claims")}
        plan = " ".join(r[3] for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE source_key IN (SELECT key FROM source_keys"
            " WHERE key LIKE '%embassy%')"))
        assert "claims_source_key" in plan  # the claims come from the index, not a scan
    # m007 (the bulk full-text fill) is independent of m006, so the downgrade above stays a
    # faithful older database; a later migration touching source keys must revisit it.
    assert MIGRATIONS[-1].__name__ == "m007_claims_fts_bulk"


# ---------------------------------------------------------------------------------------
# The fast path gives what typer gives.

@pytest.mark.parametrize("args", [
    ["list", "--source", "embassy", "--limit", "3"],
    ["list", "--source=embassy", "--format", "json"],
    ["list", "-s", "EMBASSY", "-f", "csv", "--order", "-id"],
    ["list", "--search", "financing", "--has-figures", "--format", "jsonl"],
    ["list", "--no-figures", "--limit", "4", "--offset", "2", "--format", "tsv"],
    ["list", "--measure", "financing"],
    ["list", "--unit", "USD", "--min", "2e9", "--kind", "statement", "--unreviewed", "--format", "json"],
    ["show", "16"],
    ["show", "16", "--context", "0", "--format", "json"],
    ["list", "--order", "nonsense"],
    ["show", "99999"],
])
def test_fast_path_prints_what_typer_prints(seeded, capsys, monkeypatch, args):
    monkeypatch.setenv("COLUMNS", "120")
    typer_result = seeded(*args)
    fast = _fast(capsys, *args, "--db", seeded.db)
    assert fast is not None, args
    code, out = fast
    assert code == typer_result.exit_code
    assert out == typer_result.stdout


def test_fast_path_reads_the_database_from_the_environment(seeded, capsys, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DB", str(seeded.db))
    typer_result = seeded.runner.invoke(cli_module.app, ["show", "99999"])
    assert cli_module._run_fast(["show", "99999"]) == 2
    assert capsys.readouterr().err == typer_result.stderr == f"Error: no claim with id 99999 in {seeded.db}\n"
    code, out = _fast(capsys, "list", "--source", "embassy", "--format", "json")
    assert code == 0 and json.loads(out) == seeded.json("list", "--source", "embassy")


@pytest.mark.parametrize("args", [
    ["list", "--help"], ["show", "-h"], ["list", "--limit", "-1"], ["list", "--limit", "x"], ["list", "-n5"],
    ["list", "--format", "xml"], ["list", "--source"], ["list", "--bogus"], ["show"], ["show", "1", "2"],
    ["show", "abc"], ["list", "--has-figures=yes"], ["list", "--", "x"], ["docs"], ["ingest", "x"],
])
def test_fast_path_leaves_the_rest_to_typer(capsys, args):
    assert _fast(capsys, *args) is None


def test_read_commands_skip_typer_pydantic_and_sqlite_utils(seeded):
    code = ("import sys\n"
            "from claimtrack.cli import app\n"
            f"sys.argv = ['claimtrack', 'list', '--source', 'embassy', '--db', {str(seeded.db)!r}]\n"
            "try:\n    app()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
            "heavy = [m for m in ('typer', 'click', 'pydantic', 'sqlite_utils', 'claimtrack.models', 'claimtrack.read')"
            " if m in sys.modules]\n"
            "print(json.dumps(heavy), file=sys.stderr)\n").replace("import sys\n", "import json, sys\n", 1)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stderr.strip().splitlines()[-1]) == []
    assert "Natalie Baker" in out.stdout


# ---------------------------------------------------------------------------------------
# The table.

def test_table_fits_the_terminal_and_keeps_cell_text(seeded, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    wide = seeded("list", "--measure", "financing").stdout
    assert "[financing]" in wide  # printed as text, not read as markup
    assert "4 claims" in wide.splitlines()[0]
    for columns in ("200", "80", "50"):
        monkeypatch.setenv("COLUMNS", columns)
        lines = seeded("list").stdout.splitlines()
        header = lines[2]
        assert [h.strip() for h in header.strip("┃").split("┃")] == ["id", "doc", "speaker", "figures", "text"]
        assert max(len(line) for line in lines) <= int(columns)
        body = "".join(line.split("│")[5] for line in lines if line.startswith("│"))
        assert "Balochistan" in body


def test_table_wraps_wide_characters_by_their_width():
    cells = [["1", "数字" * 30]]
    widths = cli_module._column_widths(["id", "text"], cells, 60)
    lines = cli_module._row_lines(["id", "text"], cells[0], widths)
    assert {cli_module._cells(line[1]) for line in lines} == {widths[1]}
    assert "".join(line[1].strip() for line in lines) == "数字" * 30


def test_sources_and_docs_tables(seeded, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    assert "5 sources" in seeded("sources").stdout.splitlines()[0] and "@usembislamabad" in seeded("sources").stdout
    docs = seeded("docs").stdout
    assert "2 documents" in docs and docs.count("text/plain") == 2


def test_query_bench_skip_check_carries_the_measured_row_once(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import query_bench

    out = tmp_path / "queries.md"
    row = "| `claimtrack check figures --format json` | 9 | 1.0 | 2.0 | 0.50 | 0.1 | 1.00 |"
    out.write_text(f"<!-- queries-9-multiply -->\n### Queries\n\n2026-01-02 03:04 UTC; x\n\n{row}\n"
                   "<!-- /queries-9-multiply -->\n")
    rows: list = []
    query_bench._keep_check_row(out, "queries-9-multiply", rows)
    assert rows[0][0] == "`claimtrack check figures --format json` (run of 2026-01-02 03:04 UTC, not re-timed)"
    assert rows[0][1:] == ["9", "1.0", "2.0", "0.50", "0.1", "1.00"]
    again = "| " + " | ".join(rows[0]) + " |"
    out.write_text(f"<!-- queries-9-multiply -->\n2026-05-06 07:08 UTC; x\n\n{again}\n<!-- /queries-9-multiply -->\n")
    rows = []
    query_bench._keep_check_row(out, "queries-9-multiply", rows)
    assert rows[0][0].count("(run of 2026-01-02 03:04 UTC") == 1
    assert query_bench._keep_check_row(tmp_path / "none.md", "queries-9-multiply", []).startswith("check figures was not")
