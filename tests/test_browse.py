"""Browsing in Datasette: the metadata, the canned queries, and a real server on loopback."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from claimtrack.browse import QUERIES, BrowseError, database_name, datasette_metadata, serve
from claimtrack.ingest import ingest
from claimtrack.store import open_db

from .conftest import SEEDS

RIVAL = """Reko Diq financing disputed

ISLAMABAD: Finance minister Ahmed Khan said the EXIM Bank would provide $1.5 billion in financing for the Reko Diq project. The report claimed a total development cost of $9 billion for Reko Diq.
"""


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    """Two databases: the seeds alone, and the seeds with a document that contradicts them."""
    root = tmp_path_factory.mktemp("browse")
    (root / "rival").mkdir()
    (root / "rival" / "rival.txt").write_text(RIVAL, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMTRACK_DATA", str(root / "no-user-data"))
        for name, paths in (("seeds", [str(SEEDS)]), ("story", [str(SEEDS), str(root / "rival")])):
            db = open_db(root / f"{name}.db")
            ingest(db, paths, jobs=1)
            db.conn.close()
    return root / "seeds.db", root / "story.db"


def _rows(path: Path, sql: str, **params) -> list[dict]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_metadata_names_tables_columns_facets_and_queries(dbs):
    seeds, _ = dbs
    meta = datasette_metadata(seeds)
    db = meta["databases"][database_name(seeds)]
    assert database_name(seeds) == "seeds"
    for table in ("documents", "claims", "figures", "dates", "document_paths"):
        assert db["tables"][table]["description"]
        assert db["tables"][table]["columns"]
    assert db["tables"]["claims"]["facets"] == ["speaker", "speaker_org", "kind"]
    assert {"measure", "unit", "kind", "approx", "status"} <= set(db["tables"]["figures"]["facets"])
    assert db["tables"]["claims"]["fts_table"] == "claims_fts"
    assert db["tables"]["_claimtrack_migrations"]["hidden"] is True
    assert {"figures_by_measure", "conflicts"} <= set(db["queries"])
    # Every documented column exists (the schema and the descriptions stay in step).
    for table, entry in db["tables"].items():
        if "columns" in entry:
            have = {r["name"] for r in _rows(seeds, f'SELECT name FROM pragma_table_info("{table}")')}
            assert set(entry["columns"]) <= have, table
    json.dumps(meta)  # serialisable as a metadata.json


def test_conflicts_query_finds_disagreeing_groups_only(dbs):
    seeds, story = dbs
    assert _rows(seeds, QUERIES["conflicts"]["sql"]) == []  # the seeds agree (check figures: no conflict)
    rows = _rows(story, QUERIES["conflicts"]["sql"])
    assert [r["measure"] for r in rows] == ["development_cost"]
    row = rows[0]
    assert (row["lowest"], row["highest"], row["sources"], row["spread_percent"]) == (7e9, 9e9, 2, 28.6)
    assert "around $7 billion" in row["as_written"] and "$9 billion" in row["as_written"]
    by_measure = _rows(seeds, QUERIES["figures_by_measure"]["sql"], measure="financing")
    assert len(by_measure) == 4 and {r["measure"] for r in by_measure} == {"financing"}
    assert len(_rows(seeds, QUERIES["figures_by_measure"]["sql"], measure="")) == 16


def test_serve_explains_a_missing_datasette(dbs, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    with pytest.raises(BrowseError, match=r"pip install 'claimtrack\[browse\]'"):
        serve(dbs[0], port=1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_database(dbs, tmp_path):
    try:
        import datasette  # noqa: F401
    except ImportError:
        pytest.fail("Datasette is not installed: pip install -e '.[browse]' (this test serves a real database)")
    _, story = dbs
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from claimtrack.browse import serve; serve(sys.argv[1], int(sys.argv[2]))",
         str(story), str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 12
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("Datasette did not start:\n" + (tmp_path / "serve.log").read_text())
                time.sleep(0.2)
        name = database_name(story)
        claims = _get(f"{base}/{name}/claims.json?_shape=array&_size=max")
        assert len(claims) == _rows(story, "SELECT count(*) AS n FROM claims")[0]["n"] > 33
        assert any(c["speaker"] == "Natalie Baker" and c["speaker_org"] == "U.S. Embassy Islamabad" for c in claims)
        found = _get(f"{base}/{name}/claims.json?_shape=array&_search=EXIM")
        assert found and all("exim" in c["text"].lower() for c in found)
        conflicts = _get(f"{base}/{name}/conflicts.json?_shape=array")
        assert [r["measure"] for r in conflicts] == ["development_cost"]
        financing = _get(f"{base}/{name}/figures_by_measure.json?_shape=array&measure=financing")
        assert len(financing) == 5 and {r["measure"] for r in financing} == {"financing"}  # 4 seeds + 1 rival
        facets = _get(f"{base}/{name}/figures.json?_extra=facet_results")["facet_results"]
        facets = facets.get("results", facets)  # Datasette 1.0 nests them
        assert {"measure", "unit", "kind"} <= set(facets)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
