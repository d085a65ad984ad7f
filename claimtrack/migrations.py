"""Schema changes: a list of small named functions, each applied once and recorded.

Add a change by appending a new function decorated with `@migration`; never edit one that
has shipped. `_claimtrack_migrations` records what a database has had applied, so a
database touched by a newer claimtrack (with migrations this one does not know) is refused
rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

MIGRATIONS_TABLE = "_claimtrack_migrations"
MIGRATIONS: list[Callable] = []


class NewerSchemaError(Exception):
    pass


@contextmanager
def transaction(db) -> Iterator[None]:
    """All or nothing, DDL included: the connection runs in autocommit mode, so the
    transaction is ours to open. IMMEDIATE takes the write lock up front, which makes a
    second writer wait (busy timeout) instead of failing half-way."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")  # inside the try: a failed COMMIT (disk full) is rolled back too
    except BaseException:
        # SQLite may already have rolled back by itself (disk full, I/O error, corruption);
        # a second ROLLBACK would then raise and hide the error that matters.
        if getattr(db, "conn", db).in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the connection closing rolls back all the same
        raise


def migration(fn: Callable) -> Callable:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_documents_claims_figures(db) -> None:
    db.execute("""
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            media_type TEXT,
            encoding TEXT,
            text TEXT NOT NULL,
            n_claims INTEGER NOT NULL DEFAULT 0,
            n_figures INTEGER NOT NULL DEFAULT 0,
            topics TEXT,
            ingested_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE document_paths (
            path TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seen_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sentence_index INTEGER NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            speaker_org TEXT,
            speaker_aliases TEXT,
            source_key TEXT NOT NULL DEFAULT '',
            n_figures INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            surface TEXT NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            value REAL NOT NULL,
            low REAL,
            high REAL,
            unit TEXT,
            unit_text TEXT,
            kind TEXT,
            measure TEXT,
            approx TEXT,
            role TEXT,
            place TEXT,
            holder TEXT,
            period TEXT,
            status TEXT,
            subject TEXT
        )""")
    db.execute("""
        CREATE TABLE dates (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            surface TEXT NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            value TEXT NOT NULL
        )""")


@migration
def m002_indexes(db) -> None:
    # Each index serves a filter of `list` or the grouping of `check figures`.
    db.execute("CREATE INDEX claims_document ON claims(document_id, sentence_index)")
    db.execute("CREATE INDEX claims_speaker ON claims(speaker)")
    db.execute("CREATE INDEX claims_kind ON claims(kind)")
    db.execute("CREATE INDEX figures_claim ON figures(claim_id)")
    db.execute("CREATE INDEX figures_document ON figures(document_id)")
    db.execute("CREATE INDEX figures_measure ON figures(measure, unit, value)")
    db.execute("CREATE INDEX figures_unit_value ON figures(unit, value)")
    db.execute("CREATE INDEX dates_claim ON dates(claim_id)")
    db.execute("CREATE INDEX document_paths_document ON document_paths(document_id)")


@migration
def m003_claims_fts(db) -> None:
    # The layout sqlite-utils' enable_fts makes (an external-content FTS5 table named
    # claims_fts kept in step by triggers), so `sqlite-utils search` and Datasette find it.
    # Written out because enable_fts runs executescript, which would end our transaction.
    db.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(text, content=[claims], content_rowid=[id], tokenize='porter')")
    db.execute("""CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text); END""")
    db.execute("""CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text); END""")
    db.execute("""CREATE TRIGGER claims_au AFTER UPDATE ON claims BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text); END""")


@migration
def m004_figure_base_units(db) -> None:
    db.execute("ALTER TABLE figures ADD COLUMN base_value REAL")
    db.execute("ALTER TABLE figures ADD COLUMN base_unit TEXT")
    db.execute("CREATE INDEX figures_base ON figures(base_unit, base_value)")


@migration
def m005_reviews(db) -> None:
    # Reviews are history: every verdict is a new row, the latest per target is current.
    # A review is anchored to its sentence's text and document path, not only to a claim id,
    # so it can follow the sentence when the document is re-ingested (claim ids change), and
    # is marked orphaned, never dropped, when the sentence is gone or changed.
    db.execute("""
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL CHECK (target IN ('claim', 'group')),
            claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            group_key TEXT,
            document_path TEXT,
            sentence_text TEXT,
            rating TEXT NOT NULL,
            note TEXT,
            evidence TEXT,
            author TEXT,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'orphaned'))
        )""")
    db.execute("CREATE INDEX reviews_claim ON reviews(claim_id)")
    db.execute("CREATE INDEX reviews_group ON reviews(group_key)")
    db.execute("CREATE INDEX reviews_path ON reviews(document_path, status)")


@migration
def m006_source_keys(db) -> None:
    # `--source` is a substring match, which no index serves on 1M claims. The distinct
    # source keys are few (thousands), so the substring is matched against them and the
    # claims are then found through an index on source_key. The triggers keep the key list
    # complete whoever writes claims; keys whose claims are gone stay behind and match
    # nothing, which is cheaper than counting references on every delete.
    db.execute("CREATE TABLE source_keys (key TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("INSERT INTO source_keys (key) SELECT DISTINCT source_key FROM claims")
    db.execute("CREATE INDEX claims_source_key ON claims(source_key)")
    db.execute("""CREATE TRIGGER claims_source_key_ai AFTER INSERT ON claims BEGIN
        INSERT OR IGNORE INTO source_keys (key) VALUES (new.source_key); END""")
    db.execute("""CREATE TRIGGER claims_source_key_au AFTER UPDATE OF source_key ON claims BEGIN
        INSERT OR IGNORE INTO source_keys (key) VALUES (new.source_key); END""")


FTS_DEFERRED_TABLE = "_claimtrack_fts_deferred"


@migration
def m007_claims_fts_bulk(db) -> None:
    # Filling claims_fts from the row trigger costs ~30 µs per claim (FTS5 flushes its pending
    # terms at every statement a trigger runs in); one INSERT … SELECT per document costs ~7 µs
    # per claim: it made the writer of `ingest` 1.5-2x faster (bench/results/ingest.md). The
    # trigger stays, so every other writer (sqlite-utils, the sqlite3 shell, INSERT … SELECT)
    # keeps the index complete; it only stands aside while this table has a row. store.py
    # inserts that row, the claims, their FTS rows and deletes the row again, all inside one
    # write transaction: no other connection ever sees it, and a crash rolls it back.
    db.execute(f"CREATE TABLE {FTS_DEFERRED_TABLE} (deferred INTEGER PRIMARY KEY)")
    db.execute("DROP TRIGGER claims_ai")
    db.execute(f"""CREATE TRIGGER claims_ai AFTER INSERT ON claims
        WHEN NOT EXISTS (SELECT 1 FROM {FTS_DEFERRED_TABLE}) BEGIN
        INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text); END""")

def applied(db) -> set[str]:
    """Works on a plain sqlite3 connection as well as a sqlite_utils Database: read
    commands open the former to skip importing sqlite_utils."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone():
        return set()
    return {row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}


def migrate(db) -> list[str]:
    """Apply every migration this database lacks, each in its own transaction."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = applied(db)
    known = {fn.__name__ for fn in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise NewerSchemaError(
            f"this database was written by a newer claimtrack (it has migration {unknown[-1]}); upgrade claimtrack")
    ran = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with transaction(db):
            # Another process creating the same database may have applied it while this one
            # waited for the write lock: look again now that the lock is ours.
            if db.execute(f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE name = ?", [fn.__name__]).fetchone():
                continue
            fn(db)
            db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                       [fn.__name__, datetime.now(timezone.utc).isoformat(timespec="seconds")])
        ran.append(fn.__name__)
    return ran
