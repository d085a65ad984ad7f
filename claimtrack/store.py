"""Storage: open the database, save documents with their claims, and the queries on them.

Every statement that carries user input is parameterised; `--order` is matched against a
fixed list of columns. The file is an ordinary SQLite database with `documents`,
`document_paths`, `claims` (with full-text search in `claims_fts`), `figures` and `dates`,
and `source_keys` (the distinct `--source` keys). The query functions take either what
`open_db` returns (a sqlite_utils Database) or what `open_reader` returns (a plain sqlite3
connection, for the read commands).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .migrations import FTS_DEFERRED_TABLE, MIGRATIONS_TABLE, NewerSchemaError, migrate, transaction

if TYPE_CHECKING:  # models imports pydantic, which read commands must not pay for
    from .models import Claim, Document

DEFAULT_DB = Path("data") / "claimtrack.db"


class StoreError(Exception):
    """A database problem the user can act on; the message names the file."""


class UsageError(StoreError):
    """A bad option value (an unknown --order column, an unparseable --search)."""


def default_db_path() -> Path:
    return Path(os.environ.get("CLAIMTRACK_DB") or DEFAULT_DB)


def _connect(path: Path, big_cache: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=60, isolation_level=None, check_same_thread=False)
    # WAL lets `list` read while `ingest` writes, and a second writer waits rather than fails.
    # synchronous=NORMAL is durable across application crashes in WAL mode (only a power
    # cut can lose the last transactions, never corrupt the file). A 64 MB page cache keeps
    # the indexes of a large archive in memory for a long-running writer or check; a
    # one-query reader is faster with SQLite's default (filling a big cache from a cold
    # connection made `list --search profit` 1.5x slower on 1M claims).
    conn.execute("PRAGMA busy_timeout = 60000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    if big_cache:
        conn.execute("PRAGMA cache_size = -65536")
    conn.create_function("claimtrack_base", 5, _in_base_unit, deterministic=True)
    return conn


def _in_base_unit(unit, base_unit, value, base_value, x):
    """SQL claimtrack_base(unit, base_unit, value, base_value, x): `x`, a number in a physical
    figure's written unit (its range's high end), in the figure's base unit."""
    if base_unit is None or base_value is None or value is None or x is None:
        return None
    from .quantities import slope_and_offset

    slope, offset = slope_and_offset(unit, base_unit, value, base_value)
    return x * slope + offset


def open_db(path: Path | str | None = None, create: bool = True):
    """Open (and, when `create`, make or upgrade) a claimtrack database, as a sqlite_utils
    Database."""
    from sqlite_utils import Database

    return _open(path, create, Database, big_cache=True)


def open_reader(path: Path | str | None = None) -> sqlite3.Connection:
    """Open an existing claimtrack database (upgrading its schema if it is older) as a plain
    sqlite3 connection: the query functions below accept it, and `list` and `show` start
    faster without importing sqlite_utils."""
    return _open(path, False, lambda conn: conn, big_cache=False)


def _open(path: Path | str | None, create: bool, wrap, big_cache: bool):
    path = Path(path) if path else default_db_path()
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    exists = path.exists()
    if not exists and not create:
        raise StoreError(f"{path}: no database here yet; run `claimtrack ingest PATH` first (or pass --db)")
    if exists:
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise StoreError(f"{path}: not a claimtrack database (not an SQLite file)")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the database folder: {exc.strerror}") from exc
    try:
        db = wrap(_connect(path, big_cache))
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if exists and tables and MIGRATIONS_TABLE not in tables:
            raise StoreError(f"{path}: an SQLite database, but not a claimtrack one (no {MIGRATIONS_TABLE} table); pass another --db")
        # No tables at all: a new or empty file, or one whose first ingest was killed before
        # its schema was written. Nothing is stored there, so readers set it up as well.
        if create or not tables or MIGRATIONS_TABLE in tables:
            _prepare(db, create)
        return db
    except NewerSchemaError as exc:
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot use this database: {exc}") from exc


_SETUP_ATTEMPTS = 200  # x 50 ms: ten seconds for another process to finish creating the database


def _prepare(db, create: bool) -> None:
    """Switch a new database to WAL and bring its schema up to date. Two processes creating
    the same database race for the exclusive lock the switch to WAL takes, and SQLite may
    refuse at once ("database is locked") instead of waiting: the other process is doing the
    same work, so look again shortly. Migrations are safe to repeat (each checks, inside its
    own transaction, whether it has run)."""
    for attempt in range(_SETUP_ATTEMPTS):
        try:
            if create and db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            migrate(db)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _SETUP_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


def _query(db, sql: str, params=()) -> Iterator[dict]:
    """Rows as dicts from a sqlite_utils Database or a plain sqlite3 connection."""
    cursor = getattr(db, "conn", db).execute(sql, params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------
# Writing.

def source_key(claim: Claim) -> str:
    """Every name the claim's source goes by, folded, for --source substring matching."""
    from .speakers import fold

    names = [claim.speaker or "narrator", claim.speaker_org or "", *claim.speaker_aliases,
             *claim.speaker_org_aliases]
    return " | ".join(fold(n) for n in names if n)


# The write path is split in two so that ingest's worker processes do all the per-claim
# Python work: `document_rows` (pure, picklable output of plain tuples) turns a document and
# its claims into ready-to-insert rows, and `save_rows` (the single writer, in the parent)
# only looks up the document, runs one `executemany` per table and reattaches reviews.
# Sending tuples instead of pydantic models between processes also skips the models'
# pickling and re-validation; see bench/results/ingest.md for what each step costs.

CLAIM_INSERT = ("INSERT INTO claims (id, document_id, sentence_index, char_start, char_end, text, kind, speaker,"
                " speaker_org, speaker_aliases, source_key, n_figures) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
FIGURE_INSERT = ("INSERT INTO figures (claim_id, document_id, surface, char_start, char_end, value, low, high,"
                 " unit, unit_text, kind, measure, approx, role, place, holder, period, status, subject,"
                 " base_value, base_unit) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
DATE_INSERT = "INSERT INTO dates (claim_id, document_id, surface, char_start, char_end, value) VALUES (?,?,?,?,?,?)"


@dataclass(frozen=True)
class DocumentRows:
    """One document as the rows `save_rows` inserts, made of plain tuples (cheap to pickle).

    `document`: (sha256, name, path, media_type, encoding, text, n_claims, topics JSON, n_figures).
    `claims`: (sentence_index, char_start, char_end, text, kind, speaker, speaker_org,
    speaker_aliases JSON, source_key, n_figures), in sentence order. `figures` and `dates`
    start with the position of their claim in `claims` (ids are given at insert time), then
    the columns of their table after claim_id and document_id. `claims` is None when the
    document was not extracted (its content was already stored): it can only be an
    unchanged path or an alias.
    """

    document: tuple
    claims: list[tuple] | None
    figures: list[tuple]
    dates: list[tuple]

    @property
    def sha256(self) -> str:
        return self.document[0]

    @property
    def path(self) -> str:
        return self.document[2]

    @property
    def n_claims(self) -> int:
        return self.document[6]

    @property
    def n_figures(self) -> int:
        return self.document[8]


def _plain(value):
    """An enum member as its value (what sqlite3 stores for a str enum anyway), so rows
    carry only str/int/float/None."""
    return getattr(value, "value", value)


def document_rows(doc: Document, claims: list[Claim] | None, topics: list[str] | None = None) -> DocumentRows:
    """A document and its claims as ready-to-insert rows. Pure: safe (and meant) to run in
    a worker process. `claims=None` marks a document whose extraction was skipped."""
    claim_rows: list[tuple] | None = None
    figure_rows: list[tuple] = []
    date_rows: list[tuple] = []
    n_figures = 0
    if claims is not None:
        claim_rows = []
        sources: dict[tuple, tuple[str, str]] = {}  # most sentences of a document share a few speakers
        for pos, claim in enumerate(claims):
            figures = claim.figures
            who = (claim.speaker, claim.speaker_org, tuple(claim.speaker_aliases), tuple(claim.speaker_org_aliases))
            source = sources.get(who)
            if source is None:
                source = sources[who] = (json.dumps(claim.speaker_aliases, ensure_ascii=False), source_key(claim))
            claim_rows.append((claim.index, claim.start, claim.end, claim.text, _plain(claim.kind), claim.speaker,
                               claim.speaker_org, *source, len(figures)))
            for f in figures:
                figure_rows.append((pos, f.surface, f.start, f.end, f.value, f.low, f.high, f.unit, f.unit_text,
                                    f.kind, f.measure, _plain(f.approx), f.role, f.where, f.holder, f.period, f.status,
                                    f.subject, f.base_value, f.base_unit))
            n_figures += len(figures)
            for d in claim.dates:
                date_rows.append((pos, d.surface, d.start, d.end, d.value))
    document = (doc.sha256, doc.name, doc.path, doc.media_type, doc.encoding, doc.text,
                len(claims) if claims is not None else 0, json.dumps(topics or [], ensure_ascii=False), n_figures)
    return DocumentRows(document, claim_rows, figure_rows, date_rows)


def _insert_claims(db, document_id: int, rows: DocumentRows, fts: FtsBatch | None = None) -> int:
    """Insert a document's claims, figures and dates: three `executemany`. Claim ids are
    given explicitly as max(id)+1, +2, … — what SQLite itself would assign to an
    INTEGER PRIMARY KEY (no AUTOINCREMENT) — so figures and dates know their claim's id
    without a round trip per claim. The caller holds the write transaction."""
    conn = getattr(db, "conn", db)
    if not rows.claims:
        return 0
    base = (conn.execute("SELECT max(id) FROM claims").fetchone()[0] or 0) + 1
    last = base + len(rows.claims) - 1
    claim_rows = [(base + pos, document_id, *row) for pos, row in enumerate(rows.claims)]
    if fts is not None:  # the batch's flag row is set: its full-text rows come at its end
        conn.executemany(CLAIM_INSERT, claim_rows)
        fts.add(base, last)
    else:
        # The claims_fts row trigger stands aside while the flag row exists (migration m007);
        # the full-text rows are then added by one statement, in the caller's transaction.
        conn.execute(f"INSERT INTO {FTS_DEFERRED_TABLE} (deferred) VALUES (1)")
        try:
            conn.executemany(CLAIM_INSERT, claim_rows)
            conn.execute(_FTS_FILL, (base, last))
        finally:
            conn.execute(f"DELETE FROM {FTS_DEFERRED_TABLE}")
    if rows.figures:
        conn.executemany(FIGURE_INSERT, [(base + row[0], document_id, *row[1:]) for row in rows.figures])
    if rows.dates:
        conn.executemany(DATE_INSERT, [(base + row[0], document_id, *row[1:]) for row in rows.dates])
    return rows.n_figures


_FTS_FILL = "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims WHERE id BETWEEN ? AND ?"


class FtsBatch:
    """Claims inserted by `save_rows(..., fts=batch)` whose full-text rows are still to be
    written; see `fts_batch`."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.ranges: list[list[int]] = []

    def add(self, first: int, last: int) -> None:
        if self.ranges and self.ranges[-1][1] + 1 == first:
            self.ranges[-1][1] = last
        else:
            self.ranges.append([first, last])

    def fill(self) -> None:
        """Write the pending full-text rows. Must run before any claim is deleted: the
        delete trigger removes a claim's full-text row, which must then exist."""
        for first, last in self.ranges:
            self.conn.execute(_FTS_FILL, (first, last))
        self.ranges.clear()


@contextmanager
def fts_batch(db) -> Iterator[FtsBatch]:
    """Inside `transaction(db)`: pass what this yields to `save_rows` and the full-text rows
    of all the block's claims are written by one statement at its end (FTS5 then flushes
    its terms once per batch rather than once per document: ~2.5x less time in claims_fts
    for ingest's batches of 64 documents). Nothing is written when the block raises: the
    transaction is rolled back anyway."""
    conn = getattr(db, "conn", db)
    conn.execute(f"INSERT INTO {FTS_DEFERRED_TABLE} (deferred) VALUES (1)")
    batch = FtsBatch(conn)
    yield batch
    batch.fill()
    conn.execute(f"DELETE FROM {FTS_DEFERRED_TABLE}")


def save_document(db, doc: Document, claims: list[Claim], topics: list[str] | None = None) -> str:
    """Store one document and its claims. Call inside `transaction(db)`.

    Returns what happened: `added`, `unchanged` (same content at the same path),
    `alias` (same content already stored under another path: the path is recorded),
    or `replaced` (the file at this path changed: its old claims are removed).
    """
    return save_rows(db, document_rows(doc, claims, topics))


def save_rows(db, rows: DocumentRows, fts: FtsBatch | None = None) -> str:
    """`save_document` for rows made by `document_rows` (in a worker). Call inside
    `transaction(db)` (and, to write full-text rows once per batch, inside `fts_batch(db)`,
    passing what it yields as `fts`). Returns the status `save_document` returns, or
    `missing` when the rows carry no claims (extraction was skipped because the content was
    stored) but the content is no longer stored (an earlier file of the same run replaced
    it): the caller must extract the document and save it again."""
    conn = getattr(db, "conn", db)
    path = rows.path
    row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (rows.sha256,)).fetchone()
    old = conn.execute("SELECT document_id FROM document_paths WHERE path = ?", (path,)).fetchone()
    if row:
        if old and old[0] == row[0]:
            return "unchanged"
        if old:
            if fts is not None:
                fts.fill()
            _forget_path(db, path, old[0])
        conn.execute("INSERT INTO document_paths (path, document_id, seen_at) VALUES (?,?,?)", (path, row[0], _now()))
        return "alias"
    if rows.claims is None:
        return "missing"
    status = "added"
    if old:
        if fts is not None:
            fts.fill()
        _forget_path(db, path, old[0])
        status = "replaced"
    now = _now()
    cur = conn.execute(
        "INSERT INTO documents (sha256, name, path, media_type, encoding, text, n_claims, topics, n_figures,"
        " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)", (*rows.document, now))
    document_id = cur.lastrowid
    conn.execute("INSERT INTO document_paths (path, document_id, seen_at) VALUES (?,?,?)", (path, document_id, now))
    _insert_claims(db, document_id, rows, fts)
    reattach_reviews(db, path, document_id)
    return status


def reattach_reviews(db, path: str, document_id: int) -> None:
    """Reviews of this path's sentences follow their sentence when its text is unchanged;
    reviews whose sentence is gone or changed stay, marked orphaned."""
    db.execute(
        "UPDATE reviews SET claim_id = (SELECT claims.id FROM claims WHERE claims.document_id = ?"
        " AND claims.text = reviews.sentence_text ORDER BY claims.sentence_index LIMIT 1)"
        " WHERE target = 'claim' AND claim_id IS NULL AND document_path = ?", [document_id, path])
    db.execute("UPDATE reviews SET status = CASE WHEN claim_id IS NULL THEN 'orphaned' ELSE 'active' END"
               " WHERE target = 'claim' AND document_path = ?", [path])


def orphan_unlinked_reviews(db) -> None:
    """After documents are removed, their reviews remain, orphaned."""
    db.execute("UPDATE reviews SET status = 'orphaned' WHERE target = 'claim' AND claim_id IS NULL")


def documents_matching(db, doc: str) -> list[dict]:
    """Documents whose name or one of whose paths contains `doc`, or whose sha256 it is."""
    return list(_query(db,
        "SELECT DISTINCT documents.id, documents.name FROM documents JOIN document_paths ON document_paths.document_id = documents.id"
        " WHERE documents.name LIKE ? ESCAPE '\\' OR document_paths.path LIKE ? ESCAPE '\\' OR documents.sha256 = ?"
        " ORDER BY documents.name", [_like(doc), _like(doc), doc]))


def delete_documents(db, doc: str) -> list[dict]:
    """Remove the documents `doc` names (with their paths, claims and figures).
    Call inside `transaction(db)`. Their reviews are kept, orphaned."""
    docs = documents_matching(db, doc)
    for d in docs:
        db.execute("DELETE FROM documents WHERE id = ?", [d["id"]])
    orphan_unlinked_reviews(db)
    return docs


def _forget_path(db, path: str, document_id: int) -> None:
    """Drop a path; drop its document too when no other path still holds that content."""
    db.execute("DELETE FROM document_paths WHERE path = ?", [path])
    others = db.execute("SELECT count(*) FROM document_paths WHERE document_id = ?", [document_id]).fetchone()[0]
    if not others:
        db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        orphan_unlinked_reviews(db)


# ---------------------------------------------------------------------------------------
# Reading.

ORDER_COLUMNS = {
    "id": "claims.id",
    "doc": "documents.name",
    "index": "claims.sentence_index",
    "speaker": "claims.speaker",
    "org": "claims.speaker_org",
    "kind": "claims.kind",
    "figures": "claims.n_figures",
    "value": "(SELECT max(value) FROM figures WHERE figures.claim_id = claims.id)",
}


@dataclass
class ClaimFilter:
    source: str | None = None
    doc: str | None = None
    measure: str | None = None
    unit: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    # Set when the bound was a quantity ("--min 500km"): min_value/max_value are then in this
    # base unit and only physical figures of that dimension are compared, in their base_value.
    min_base_unit: str | None = None
    max_base_unit: str | None = None
    kind: str | None = None
    has_figures: bool | None = None
    search: str | None = None
    reviewed: bool | None = None
    order: str | None = None
    limit: int | None = None
    offset: int = 0
    params: list = field(default_factory=list)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# A substring of a folded name, matched against the few distinct keys rather than every
# claim; the claims then come from the claims_source_key index (migration m006).
_SOURCE_MATCH = "claims.source_key IN (SELECT key FROM source_keys WHERE key LIKE ? ESCAPE '\\')"


def _source_like(source: str) -> str:
    from .speakers import fold

    return _like(fold(source))


def fts_query(search: str) -> str:
    """Quote each word so user text can never be FTS syntax; keep an explicit OR/AND/NOT."""
    words = []
    for word in search.split():
        if word in ("OR", "AND", "NOT"):
            words.append(word)
        else:
            words.append('"' + word.replace('"', '""') + '"')
    while words and words[-1] in ("OR", "AND", "NOT"):
        words.pop()
    while words and words[0] in ("OR", "AND", "NOT"):
        words.pop(0)
    return " ".join(words)


def _where(f: ClaimFilter) -> tuple[str, list]:
    clauses, params = [], []
    if f.source:
        clauses.append(_SOURCE_MATCH)
        params.append(_source_like(f.source))
    if f.doc:
        clauses.append("(documents.name LIKE ? ESCAPE '\\' OR documents.path LIKE ? ESCAPE '\\' OR documents.sha256 = ?)")
        params += [_like(f.doc), _like(f.doc), f.doc]
    if f.kind:
        clauses.append("claims.kind = ?")
        params.append(f.kind)
    figure_conditions, figure_params = [], []
    if f.measure:
        figure_conditions.append("figures.measure = ?")
        figure_params.append(f.measure)
    if f.unit:
        figure_conditions.append("lower(figures.unit) = lower(?)")
        figure_params.append(f.unit)
    if f.min_value is not None and f.min_base_unit:
        figure_conditions.append("figures.base_unit = ? AND claimtrack_base(figures.unit, figures.base_unit, figures.value,"
                                 " figures.base_value, coalesce(figures.high, figures.value)) >= ?")
        figure_params += [f.min_base_unit, f.min_value]
    elif f.min_value is not None:
        figure_conditions.append("coalesce(figures.high, figures.value) >= ?")
        figure_params.append(f.min_value)
    if f.max_value is not None and f.max_base_unit:
        figure_conditions.append("figures.base_unit = ? AND figures.base_value <= ?")
        figure_params += [f.max_base_unit, f.max_value]
    elif f.max_value is not None:
        figure_conditions.append("figures.value <= ?")
        figure_params.append(f.max_value)
    if figure_conditions:
        clauses.append("claims.id IN (SELECT claim_id FROM figures WHERE " + " AND ".join(figure_conditions) + ")")
        params += figure_params
    if f.has_figures is True:
        clauses.append("claims.n_figures > 0")
    elif f.has_figures is False:
        clauses.append("claims.n_figures = 0")
    if f.reviewed is True:
        clauses.append("claims.id IN (SELECT claim_id FROM reviews WHERE claim_id IS NOT NULL)")
    elif f.reviewed is False:
        clauses.append("claims.id NOT IN (SELECT claim_id FROM reviews WHERE claim_id IS NOT NULL)")
    if f.search:
        query = fts_query(f.search)
        if not query:
            raise UsageError(f"--search {f.search!r}: nothing to search for")
        clauses.append("claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
        params.append(query)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order(order: str | None) -> str:
    if not order:
        return " ORDER BY documents.name, claims.sentence_index"
    parts = []
    for item in order.split(","):
        item = item.strip()
        desc = item.startswith("-")
        name = item.lstrip("-+")
        if name not in ORDER_COLUMNS:
            raise UsageError(f"--order {item!r}: unknown column; choose from {', '.join(ORDER_COLUMNS)} (prefix - for descending)")
        parts.append(ORDER_COLUMNS[name] + (" DESC" if desc else ""))
    return " ORDER BY " + ", ".join(parts) + ", claims.id"


CLAIM_COLUMNS = (
    "claims.id AS id, documents.name AS doc, claims.sentence_index AS sentence, claims.kind AS kind,"
    " claims.speaker AS speaker, claims.speaker_org AS speaker_org, claims.n_figures AS n_figures,"
    " claims.text AS text, claims.char_start AS start, claims.char_end AS end, documents.path AS path,"
    " (SELECT rating FROM reviews WHERE reviews.claim_id = claims.id ORDER BY reviews.id DESC LIMIT 1) AS review"
)


def query_claims(db, f: ClaimFilter) -> Iterator[dict]:
    where, params = _where(f)
    sql = f"SELECT {CLAIM_COLUMNS} FROM claims JOIN documents ON documents.id = claims.document_id{where}{_order(f.order)}"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(f.limit), int(f.offset or 0)]
    elif f.offset:
        sql += " LIMIT -1 OFFSET ?"
        params.append(int(f.offset))
    try:
        yield from _query(db, sql, params)
    except sqlite3.OperationalError as exc:
        raise UsageError(f"query failed: {exc}") from exc


def figures_for_claims(db, claim_ids: Iterable[int]) -> dict[int, list[dict]]:
    ids = list(claim_ids)
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for row in _query(db, f"SELECT * FROM figures WHERE claim_id IN ({marks}) ORDER BY claim_id, char_start, id", chunk):
            out[row["claim_id"]].append(row)
    return out


def get_claim(db, claim_id: int) -> dict | None:
    rows = list(_query(db,
        f"SELECT {CLAIM_COLUMNS}, claims.document_id AS document_id, claims.speaker_aliases AS speaker_aliases,"
        " documents.sha256 AS sha256, documents.encoding AS encoding, documents.ingested_at AS ingested_at"
        " FROM claims JOIN documents ON documents.id = claims.document_id WHERE claims.id = ?", [claim_id]))
    if not rows:
        return None
    claim = rows[0]
    claim["figures"] = list(_query(db, "SELECT * FROM figures WHERE claim_id = ? ORDER BY char_start, id", [claim_id]))
    claim["dates"] = list(_query(db, "SELECT surface, char_start, char_end, value FROM dates WHERE claim_id = ? ORDER BY char_start", [claim_id]))
    claim["paths"] = [r["path"] for r in _query(db, "SELECT path FROM document_paths WHERE document_id = ? ORDER BY path", [claim["document_id"]])]
    claim["speaker_aliases"] = json.loads(claim["speaker_aliases"] or "[]")
    return claim


def neighbours(db, document_id: int, index: int, context: int) -> list[dict]:
    return list(_query(db,
        "SELECT id, sentence_index AS sentence, kind, speaker, text FROM claims WHERE document_id = ?"
        " AND sentence_index BETWEEN ? AND ? ORDER BY sentence_index",
        [document_id, index - context, index + context]))


def sources(db, source: str | None = None) -> list[dict]:
    """Every speaker (narrator included) with its organisation, aliases and counts."""
    where, params = "", []
    if source:
        where, params = " WHERE " + _SOURCE_MATCH, [_source_like(source)]
    merged: dict[tuple, dict] = {}
    for row in _query(db,
            "SELECT coalesce(speaker, 'narrator') AS speaker, speaker_org, speaker_aliases,"
            " count(*) AS claims, sum(n_figures) AS figures, group_concat(DISTINCT document_id) AS docs"
            f" FROM claims{where} GROUP BY 1, 2, 3", params):
        key = (row["speaker"], row["speaker_org"])
        entry = merged.setdefault(key, {"speaker": row["speaker"], "speaker_org": row["speaker_org"],
                                        "aliases": [], "claims": 0, "figures": 0, "_docs": set()})
        entry["claims"] += row["claims"]
        entry["figures"] += row["figures"] or 0
        entry["_docs"].update((row["docs"] or "").split(","))
        for alias in json.loads(row["speaker_aliases"] or "[]"):
            if alias not in entry["aliases"] and alias not in key:
                entry["aliases"].append(alias)
    rows = []
    for entry in merged.values():
        entry["documents"] = len(entry.pop("_docs") - {""})
        entry["aliases"] = ", ".join(entry["aliases"])
        rows.append(entry)
    rows.sort(key=lambda r: (-r["claims"], r["speaker"]))
    return rows


def documents(db) -> list[dict]:
    return list(_query(db,
        "SELECT documents.id, name, n_claims AS claims, n_figures AS figures, media_type, encoding,"
        " (SELECT count(*) FROM document_paths WHERE document_id = documents.id) AS paths, sha256, ingested_at"
        " FROM documents ORDER BY name"))


def document_names(db) -> dict[int, str]:
    return {row["id"]: row["name"] for row in _query(db, "SELECT id, name FROM documents")}


def document_topics(db) -> dict[int, list[str]]:
    return {row["id"]: json.loads(row["topics"] or "[]") for row in _query(db, "SELECT id, topics FROM documents")}


def export_rows(db, f: ClaimFilter) -> Iterator[dict]:
    """One row per figure, and one per claim without figures, with full provenance."""
    where, params = _where(f)
    sql = (
        "SELECT claims.id AS claim_id, documents.name AS doc, documents.path AS path, documents.sha256 AS sha256,"
        " claims.sentence_index AS sentence, claims.char_start AS sentence_start, claims.char_end AS sentence_end,"
        " claims.kind AS kind, claims.speaker AS speaker, claims.speaker_org AS speaker_org, claims.text AS text,"
        " figures.id AS figure_id, figures.surface AS surface, figures.char_start AS figure_start,"
        " figures.char_end AS figure_end, figures.value AS value, figures.low AS low, figures.high AS high,"
        " figures.unit AS unit, figures.kind AS figure_kind, figures.measure AS measure, figures.approx AS approx,"
        " figures.role AS role, figures.place AS place, figures.holder AS holder, figures.period AS period,"
        " figures.status AS status"
        " FROM claims JOIN documents ON documents.id = claims.document_id"
        " LEFT JOIN figures ON figures.claim_id = claims.id"
        f"{where}{_order(f.order)}, figures.char_start, figures.id"
    )
    try:
        yield from _query(db, sql, params)
    except sqlite3.OperationalError as exc:
        raise UsageError(f"query failed: {exc}") from exc


def stats(db) -> dict:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {"documents": one("SELECT count(*) FROM documents"), "claims": one("SELECT count(*) FROM claims"),
            "figures": one("SELECT count(*) FROM figures")}


__all__ = ["transaction", "open_db", "save_document", "query_claims", "ClaimFilter", "StoreError", "UsageError"]


# ---------------------------------------------------------------------------------------
# Reviews.

RATINGS = ("true", "mostly-true", "mixed", "mostly-false", "false", "unverifiable")


def add_review(db, *, claim_id: int | None = None, group_key: str | None = None, rating: str, note: str | None,
               evidence: str | None, author: str | None) -> int:
    """Record a verdict on a claim or a figure group. Call inside `transaction(db)`."""
    if rating not in RATINGS:
        raise UsageError(f"--rating {rating!r}: choose from {', '.join(RATINGS)}")
    path = text = None
    if claim_id is not None:
        row = db.execute("SELECT claims.text, documents.path FROM claims JOIN documents ON documents.id = claims.document_id"
                         " WHERE claims.id = ?", [claim_id]).fetchone()
        if row is None:
            raise UsageError(f"no claim with id {claim_id}")
        text, path = row
    cur = db.execute(
        "INSERT INTO reviews (target, claim_id, group_key, document_path, sentence_text, rating, note, evidence, author,"
        " created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ["claim" if claim_id is not None else "group", claim_id, group_key, path, text, rating, note, evidence, author,
         _now()])
    return cur.lastrowid


REVIEW_COLUMNS = ["id", "target", "claim_id", "group_key", "status", "rating", "note", "evidence", "author",
                  "created_at", "doc", "speaker", "text"]


def query_reviews(db, f: ClaimFilter, status: str | None = None, rating: str | None = None,
                  latest: bool = False) -> list[dict]:
    clauses, params = [], []
    claim_where, claim_params = _where(f)
    if claim_where:
        clauses.append(f"reviews.claim_id IN (SELECT claims.id FROM claims JOIN documents ON documents.id = claims.document_id"
                       f"{claim_where})")
        params += claim_params
    if status:
        clauses.append("reviews.status = ?")
        params.append(status)
    if rating:
        clauses.append("reviews.rating = ?")
        params.append(rating)
    if latest:
        clauses.append("reviews.id IN (SELECT max(id) FROM reviews GROUP BY target, coalesce(claim_id, -id),"
                       " coalesce(group_key, ''), coalesce(sentence_text, ''))")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return list(_query(db,
        "SELECT reviews.id, reviews.target, reviews.claim_id, reviews.group_key, reviews.status, reviews.rating,"
        " reviews.note, reviews.evidence, reviews.author, reviews.created_at,"
        " coalesce(documents.name, reviews.document_path) AS doc, coalesce(claims.speaker, CASE WHEN claims.id IS NOT NULL"
        " THEN 'narrator' END) AS speaker, coalesce(claims.text, reviews.sentence_text) AS text"
        " FROM reviews LEFT JOIN claims ON claims.id = reviews.claim_id LEFT JOIN documents ON documents.id = claims.document_id"
        f"{where} ORDER BY reviews.id", params))


def group_reviews(db) -> dict[str, dict]:
    """The latest review of each figure group, by group key."""
    return {row["group_key"]: row for row in _query(db,
        "SELECT group_key, rating, note, author, created_at FROM reviews WHERE target = 'group'"
        " AND id IN (SELECT max(id) FROM reviews WHERE target = 'group' GROUP BY group_key)")}


def claimreview_rows(db) -> list[dict]:
    """The latest active review of every reviewed claim, with what ClaimReview needs."""
    return list(_query(db,
        "SELECT reviews.*, claims.text AS claim_text, claims.speaker, claims.speaker_org, documents.name AS doc,"
        " documents.path AS path, documents.ingested_at FROM reviews JOIN claims ON claims.id = reviews.claim_id"
        " JOIN documents ON documents.id = claims.document_id"
        " WHERE reviews.target = 'claim' AND reviews.status = 'active' AND reviews.id IN"
        " (SELECT max(id) FROM reviews WHERE target = 'claim' AND claim_id IS NOT NULL GROUP BY claim_id)"
        " ORDER BY reviews.id"))
