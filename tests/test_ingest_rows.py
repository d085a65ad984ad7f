"""The ingest write path: workers make plain rows (store.document_rows), the parent inserts
them (store.save_rows) with claims_fts filled in bulk (migration m007). What is stored must
be what save_document always stored, and the full-text index must stay exact through
re-ingest, replacement and deletion, and for writers other than claimtrack."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from claimtrack.extract import document_topics, extract_document
from claimtrack.ingest import ingest
from claimtrack.migrations import FTS_DEFERRED_TABLE, transaction
from claimtrack.read import read_document
from claimtrack.store import DocumentRows, delete_documents, document_rows, open_db, save_document
from claimtrack.vocab import default_vocab

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY = (
    "Acme Mining said on Tuesday it would invest $1.25 billion in the Reko project.\n"
    "“We expect 7,500 jobs by 2028,” John Smith, chief executive of Acme Mining, said.\n"
    "The company's profit rose 8% to $11.1bn from $10.9bn, according to the Financial Times.\n"
)
OTHER = (
    "Baker Steel will build a 680-km pipeline carrying 1.2 million barrels a day.\n"
    "The project costs £600m, the ministry said in a statement.\n"
)


def _fts_ok(conn: sqlite3.Connection) -> None:
    """FTS5's own check that claims_fts holds exactly the claims' text (rank=1 compares
    the index with the content table)."""
    conn.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute(f"SELECT count(*) FROM {FTS_DEFERRED_TABLE}").fetchone()[0] == 0


def _search(conn, word: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid", [word])]


def _table(conn, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_rows_are_plain_and_save_rows_stores_what_save_document_stored(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY + OTHER, encoding="utf-8")
    doc = read_document(path)
    claims = extract_document(doc, default_vocab(None))
    topics = document_topics(doc.text)
    rows = document_rows(doc, claims, topics)
    assert isinstance(rows, DocumentRows) and rows.n_claims == len(claims)
    assert rows.n_figures == sum(len(c.figures) for c in claims) > 0
    # Only tuples of str/int/float/None cross the process boundary: no pydantic models.
    plain = (str, int, float, type(None))
    for row in [rows.document, *rows.claims, *rows.figures, *rows.dates]:
        assert all(type(v) in plain for v in row), row
    assert pickle.loads(pickle.dumps(rows)) == rows

    db = open_db(tmp_path / "new.db")
    with transaction(db):
        assert save_document(db, doc, claims, topics) == "added"
    conn = db.conn
    claim_rows = _table(conn, "claims")
    assert [r[2] for r in claim_rows] == [c.index for c in claims]
    figures = _table(conn, "figures")
    by_id = {r[0]: r for r in claim_rows}
    for f in figures:  # each figure points at the claim whose span holds it
        claim = by_id[f[1]]
        assert claim[3] <= f[4] < f[5] <= claim[4]
        assert doc.text[f[4]:f[5]] == f[3]
    n_figures = conn.execute("SELECT n_figures FROM documents").fetchone()[0]
    assert n_figures == len(figures) == rows.n_figures
    _fts_ok(conn)
    assert _search(conn, "pipeline") and _search(conn, "invest")


def test_other_writers_still_fill_the_full_text_index(tmp_path):
    db = open_db(tmp_path / "c.db")
    ingest(db, [str(SEEDS)], jobs=1)
    conn = db.conn
    doc_id = conn.execute("SELECT min(id) FROM documents").fetchone()[0]
    # sqlite-utils, the sqlite3 shell, query_bench's INSERT … SELECT: no flag row, the trigger runs.
    conn.execute("INSERT INTO claims (document_id, sentence_index, char_start, char_end, text, kind)"
                 " VALUES (?, 999, 0, 1, 'a zyzzyva appeared', 'statement')", [doc_id])
    assert len(_search(conn, "zyzzyva")) == 1
    conn.execute("UPDATE claims SET text = 'a quokka appeared' WHERE sentence_index = 999")
    assert _search(conn, "zyzzyva") == [] and len(_search(conn, "quokka")) == 1
    _fts_ok(conn)


def test_reingest_replace_and_delete_keep_the_index_exact(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(STORY, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    assert ingest(db, [str(folder)], jobs=2).statuses == {"added": 2}
    conn = db.conn
    _fts_ok(conn)
    before = [_table(conn, t) for t in ("claims", "figures", "dates")]
    assert ingest(db, [str(folder)], jobs=2).statuses == {"unchanged": 2}
    assert [_table(conn, t) for t in ("claims", "figures", "dates")] == before
    pipeline = _search(conn, "pipeline")
    assert pipeline
    b.write_text(OTHER.replace("pipeline", "railway"), encoding="utf-8")
    assert ingest(db, [str(folder)], jobs=1).statuses == {"replaced": 1, "unchanged": 1}
    _fts_ok(conn)
    assert _search(conn, "pipeline") == [] and _search(conn, "railway")
    with transaction(db):
        delete_documents(db, "b.txt")
    _fts_ok(conn)
    assert _search(conn, "railway") == [] and _search(conn, "invest")


@pytest.mark.parametrize("jobs", [1, 2])
def test_content_replaced_earlier_in_the_same_run_is_extracted(tmp_path, jobs):
    """b.txt's content was stored (as a.txt) when the run began, so its worker skips
    extraction; but a.txt changed and is replaced first, which removes that content. b.txt
    must still be stored with its claims, not as an empty document."""
    folder = tmp_path / "docs"
    folder.mkdir()
    a = folder / "a.txt"
    a.write_text(STORY, encoding="utf-8")
    db = open_db(tmp_path / "c.db")
    ingest(db, [str(folder)], jobs=1)
    n_story = db.conn.execute("SELECT n_claims FROM documents").fetchone()[0]
    a.write_text(OTHER, encoding="utf-8")
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    summary = ingest(db, [str(folder)], jobs=jobs)
    assert summary.statuses == {"replaced": 1, "added": 1}
    rows = db.conn.execute("SELECT path, n_claims, (SELECT count(*) FROM claims WHERE document_id = documents.id)"
                           " FROM documents ORDER BY path").fetchall()
    assert [(Path(p).name, n, m) for p, n, m in rows][1] == ("b.txt", n_story, n_story)
    _fts_ok(db.conn)


def test_default_enum_fields_become_their_values():
    from claimtrack.models import Claim, Document, Figure

    claim = Claim(doc="d", index=0, start=0, end=3, text="abc", figures=[Figure(surface="1", start=0, end=1, value=1)])
    rows = document_rows(Document(path="p", name="n", text="abc", sha256="x"), [claim])
    assert rows.claims[0][4] == "statement" and type(rows.claims[0][4]) is str
    assert rows.figures[0][11] == "exact" and type(rows.figures[0][11]) is str


def test_warming_before_fork_loads_what_workers_would_build():
    from claimtrack import ingest as ingest_module
    from claimtrack.quantities import _pint_registry

    ingest_module._warm_before_fork()
    assert _pint_registry.cache_info().currsize >= 1
