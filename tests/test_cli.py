"""The commands a user runs, against a temporary database."""

import csv
import io
import json
import sqlite3

import pytest

from .conftest import SEEDS


def test_version_and_help_examples(cli):
    result = cli("--version", db=False)
    assert result.exit_code == 0 and result.stdout.startswith("claimtrack ")
    for command in (["ingest"], ["extract"], ["list"], ["show"], ["sources"], ["docs"], ["export"],
                    ["check", "figures"], ["import"], ["report"], ["browse"]):
        result = cli(*command, "--help", db=False)
        assert result.exit_code == 0
        assert "Example" in result.stdout, command


def test_ingest_summary_and_idempotence(cli):
    first = cli("ingest", str(SEEDS), "--jobs", "1")
    assert first.exit_code == 0, first.output
    assert "2 documents (2 added): 33 sentences, 16 figures" in first.stdout
    again = cli("ingest", str(SEEDS), "--jobs", "1")
    assert "2 documents (2 unchanged)" in again.stdout
    with sqlite3.connect(cli.db) as conn:
        assert conn.execute("select count(*) from claims").fetchone()[0] == 33
        assert conn.execute("select count(*) from figures").fetchone()[0] == 16


def test_parallel_ingest_stores_the_same(cli, tmp_path):
    result = cli("ingest", str(SEEDS), "--jobs", "2")
    assert result.exit_code == 0, result.output
    rows = cli.json("list", "--order", "doc,index")
    assert len(rows) == 33 and rows[0]["sentence"] == 0


def test_changed_file_replaces_its_claims_and_copies_are_recorded_once(cli, tmp_path):
    doc = tmp_path / "story.txt"
    doc.write_text("The bank lent $5m to the farm, Ann Lee said.\n", encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("ingest", str(doc), str(copy))
    assert "1 added" in result.stdout and "1 alias" in result.stdout
    doc.write_text("The bank lent $7m to the farm, Ann Lee said.\n", encoding="utf-8")
    result = cli("ingest", str(doc))
    assert "1 added" in result.stdout or "1 replaced" in result.stdout
    docs = cli.json("docs")
    assert len(docs) == 2  # the copy keeps the old content, the changed file has the new
    values = sorted(r["value"] for r in cli.json("export"))
    assert values == [5e6, 7e6]


def test_bad_paths_name_the_file_and_fail(cli, tmp_path):
    result = cli("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.output
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary")
    result = cli("ingest", str(pdf), "--include", "*.pdf")
    assert result.exit_code == 1 and "scan.pdf" in result.output and "PDF" in result.output


def test_list_filters_combine(seeded):
    embassy = seeded.json("list", "--source", "embassy")
    assert embassy and all("Embassy" in (r["speaker"] or "") + (r["speaker_org"] or "") for r in embassy)
    assert any(r["speaker"] == "Natalie Baker" for r in embassy)  # its chargé d'affaires
    assert seeded.json("list", "--source", "EMBASSY") == embassy
    financing = seeded.json("list", "--measure", "financing")
    assert len(financing) == 4
    big = seeded.json("list", "--unit", "USD", "--min", "2e9")
    assert {r["text"][:20] for r in big} == {r["text"][:20] for r in seeded.json("list", "--min", "2e9", "--unit", "usd")}
    assert all("billion" in r["figures"] for r in big) and len(big) == 3
    both = seeded.json("list", "--source", "embassy", "--measure", "financing")
    assert len(both) == 1
    headings = seeded.json("list", "--kind", "heading")
    assert len(headings) == 3
    with_figs = seeded.json("list", "--has-figures")
    assert len(with_figs) == 10
    assert len(seeded.json("list", "--no-figures")) == 33 - 10
    page = seeded.json("list", "--order", "-id", "--limit", "5", "--offset", "2")
    assert [r["id"] for r in page] == sorted([r["id"] for r in page], reverse=True) and len(page) == 5


def test_search_is_full_text(seeded):
    rows = seeded.json("list", "--search", "genocide")
    assert rows and all("genocide" in r["text"].lower() for r in rows)
    stemmed = seeded.json("list", "--search", "imports")
    assert any("import" in r["text"] for r in stemmed)


@pytest.mark.parametrize("args", [
    ["--source", "'; DROP TABLE claims; --"],
    ["--search", 'genocide" OR ("'],
    ["--search", "NEAR( AND"],
    ["--doc", "%_%"],
    ["--source", "50%"],
])
def test_hostile_filters_are_data_not_sql(seeded, args):
    result = seeded("list", *args, "--format", "json")
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    with sqlite3.connect(seeded.db) as conn:
        assert conn.execute("select count(*) from claims").fetchone()[0] == 33


def test_unknown_order_column_is_a_usage_error(seeded):
    result = seeded("list", "--order", "text; drop table claims")
    assert result.exit_code == 2
    assert "unknown column" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl"])
def test_every_output_format(seeded, fmt):
    result = seeded("list", "--measure", "financing", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "jsonl":
        assert len([json.loads(line) for line in result.stdout.splitlines()]) == 4
    elif fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) == 4 and rows[0]["speaker"]
    elif fmt == "table":
        assert "$1.25 billion" in result.stdout


def test_show_highlights_figures_with_context_and_provenance(seeded):
    claim = seeded.json("list", "--measure", "equipment_imports")[0]
    result = seeded("show", str(claim["id"]))
    assert result.exit_code == 0
    assert "up to $2 billion" in result.stdout
    assert "context" in result.stdout and "provenance" in result.stdout
    assert "001_f592f48e9e1e5f37.txt" in result.stdout and "sha256" in result.stdout
    data = seeded.json("show", str(claim["id"]))
    assert data["figures"][0]["value"] == 2e9
    assert [n["sentence"] for n in data["context"]] == [0, 1, 2, 3]  # sentence 1, two either side
    missing = seeded("show", "99999")
    assert missing.exit_code == 2 and "no claim with id 99999" in missing.output


def test_sources_counts(seeded):
    rows = {r["speaker"]: r for r in seeded.json("sources")}
    assert rows["Baloch National Movement"]["claims"] == 14
    assert rows["Baloch National Movement"]["figures"] == 4
    assert "BNM" in rows["Baloch National Movement"]["aliases"]
    assert rows["Natalie Baker"]["speaker_org"] == "U.S. Embassy Islamabad"
    assert "narrator" in rows


def test_export_csv_one_row_per_figure_and_formula_safe(seeded, tmp_path):
    out = tmp_path / "claims.csv"
    result = seeded("export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    with_figures = [r for r in rows if r["figure_id"]]
    assert len(with_figures) == 16
    assert len(rows) == 16 + (33 - 10)
    assert {r["doc"] for r in rows} == {f"{SEEDS}/000_1b6d41cef46bae6a.txt", f"{SEEDS}/001_f592f48e9e1e5f37.txt"}
    dash_line = [r for r in rows if r["text"].startswith("'—") or r["text"].startswith("—")]
    assert dash_line  # the em dash is not a formula character and stays as it is
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)


def test_export_neutralises_formulas(cli, tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_text("=HYPERLINK(\"http://x\") cost $5m.\n-2% said @someone.\n", encoding="utf-8")
    cli("ingest", str(doc))
    result = cli("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["text"].startswith("'=HYPERLINK")
    assert rows[0]["value"] == "5000000.0"  # numbers untouched


def test_extract_jsonl_contract(cli):
    result = cli("extract", str(SEEDS / "001_f592f48e9e1e5f37.txt"), db=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(lines[0]) == {"doc", "index", "start", "end", "text", "kind", "speaker", "speaker_org", "figures", "dates"}
    fig = lines[0]["figures"][0]
    assert {"surface", "start", "end", "value", "unit", "measure", "approx"} <= set(fig)


def test_database_errors_are_one_line(cli, tmp_path):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    result = cli("list", "--db", str(not_db), db=False)
    assert result.exit_code == 2 and "not a claimtrack database" in result.output
    missing = cli("list", "--db", str(tmp_path / "none.db"), db=False)
    assert missing.exit_code == 2 and "run `claimtrack ingest" in missing.output
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table t (x)")
    result = cli("ingest", str(SEEDS), "--db", str(other), db=False)
    assert result.exit_code == 2 and "not a claimtrack one" in result.output
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("select name from sqlite_master where type='table'")] == ["t"]


@pytest.mark.parametrize("command", [["list"], ["check", "figures"], ["export", "--format", "csv"], ["docs"]])
def test_reading_a_database_whose_first_ingest_was_interrupted(cli, tmp_path, command):
    """A kill between creating the file and writing the schema leaves an SQLite file with no
    tables: nothing was stored, so it reads as an empty claimtrack database."""
    db = tmp_path / "interrupted.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    result = cli(*command, "--db", str(db), db=False)
    assert result.exit_code == 0, result.output
    assert "no such table" not in result.output
    assert cli("ingest", str(SEEDS), "--db", str(db), db=False).exit_code == 0


def test_newer_schema_is_refused(seeded):
    with sqlite3.connect(seeded.db) as conn:
        conn.execute("insert into _claimtrack_migrations values ('m999_from_the_future', 'x')")
    result = seeded("list")
    assert result.exit_code == 2 and "newer claimtrack" in result.output


def test_env_var_selects_the_database(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMTRACK_DB", str(tmp_path / "env.db"))
    result = cli("ingest", str(SEEDS), db=False)
    assert result.exit_code == 0 and (tmp_path / "env.db").exists()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_bad_search_writes_nothing_before_its_error(seeded, fmt):
    result = seeded("export", "--format", fmt, "--search", "AND")
    assert result.exit_code == 2
    assert result.stdout == ""  # no stray "[" or header for a pipeline to choke on
