"""Browse the database in Datasette: tables, facets, full-text search and a few canned queries.

Datasette is an optional dependency (`pip install 'claimtrack[browse]'`), imported only when
`serve` runs. `datasette_metadata` describes the claimtrack tables for it: what each table
and column holds, the facets worth clicking, and canned queries ("figures by measure",
"conflicts"). The database is opened read-only by Datasette, so browsing while `ingest`
writes is safe (WAL).
"""

from __future__ import annotations

import inspect
import sqlite3
import threading
import webbrowser
from pathlib import Path

from .store import StoreError

INSTALL_HINT = "pip install 'claimtrack[browse]'"


class BrowseError(StoreError):
    """Datasette missing, or a database it cannot serve; the message says what to do."""


TABLES = {
    "documents": ("One row per distinct document content (by sha256); the same content under several paths is "
                  "stored once, its paths in document_paths.", {
                      "id": "Document id.",
                      "sha256": "SHA-256 of the file's bytes: the document's identity.",
                      "name": "Display name (as given on the command line).",
                      "path": "Path it was first read from.",
                      "media_type": "text/plain, text/markdown or text/html.",
                      "encoding": "Character encoding the bytes were decoded with.",
                      "text": "The decoded text; every character offset in claims, figures and dates points into it.",
                      "n_claims": "Sentences stored as claims.",
                      "n_figures": "Figures found in them.",
                      "topics": "Distinctive names the document keeps returning to (JSON list); links stories.",
                      "ingested_at": "When it was stored (UTC).",
                  }),
    "document_paths": ("Every path a document's content was seen at.", {
        "path": "File path.",
        "document_id": "The document with this content.",
        "seen_at": "When the path was recorded (UTC).",
    }),
    "claims": ("One row per sentence, with who says it.", {
        "id": "Claim id (as `claimtrack list` and `show` print it).",
        "document_id": "The document the sentence is from.",
        "sentence_index": "Position of the sentence in its document (0 first).",
        "char_start": "Start offset of the sentence in the document text.",
        "char_end": "End offset (exclusive).",
        "text": "The sentence.",
        "kind": "statement, quote, heading or question.",
        "speaker": "Who says it; empty for the narrator (the document's own voice).",
        "speaker_org": "The speaker's organisation, when known.",
        "speaker_aliases": "Other names the speaker goes by in the document (JSON list).",
        "source_key": "Every name of the source, folded, for --source matching.",
        "n_figures": "Figures the sentence states.",
    }),
    "figures": ("One row per number a sentence states, normalised, with what it measures.", {
        "id": "Figure id.",
        "claim_id": "The sentence (claim) stating it.",
        "document_id": "The document.",
        "surface": "The figure as written, e.g. 'up to $2 billion'.",
        "char_start": "Start offset of the figure in the document text.",
        "char_end": "End offset (exclusive).",
        "value": "Normalised value (a range's low end): $1.25 billion is 1250000000.",
        "low": "Low end of a range.",
        "high": "High end of a range.",
        "unit": "Normalised unit: an ISO currency code, percent, year, or a counted noun (jobs, people).",
        "unit_text": "The unit as written.",
        "kind": "money, percent, count, year, multiplier, duration or number.",
        "measure": "What the figure measures (financing, jobs, ownership_stake, ...); empty when unknown.",
        "approx": "exact, around, up_to, less_than, more_than, by (a deadline) or vague_at_least ('thousands').",
        "role": "change, new or old, in 'rose 8% to $11.1bn from $10.9bn'.",
        "place": "Where the figure applies.",
        "holder": "Who holds it (e.g. an ownership stake's owner).",
        "period": "The period it covers.",
        "status": "proposed or projected, when not a fact yet.",
        "subject": "What the figure is about.",
    }),
    "dates": ("Dates mentioned in sentences, normalised to ISO 8601 as precisely as written.", {
        "id": "Date id.",
        "claim_id": "The sentence (claim) mentioning it.",
        "document_id": "The document.",
        "surface": "The date as written.",
        "char_start": "Start offset in the document text.",
        "char_end": "End offset (exclusive).",
        "value": "ISO 8601: 2025-12-10, 2025-12 or 2025.",
    }),
}

# Facets worth a click, offered on every table that has the column.
FACET_COLUMNS = ("speaker", "speaker_org", "measure", "unit", "kind", "verdict", "approx", "status", "media_type")
LABEL_COLUMNS = {"documents": "name", "claims": "text"}

# The grouping of `check figures`: measure, unit and the qualifiers that separate two
# legitimately different figures (whose figure, where, held by whom, when, how sure, which
# role in a change). Sources: one speaker is one source; the narrator is one per document.
_GROUPED = """
  SELECT figures.measure AS measure, figures.unit AS unit, lower(coalesce(figures.subject, '')) AS subject,
         lower(coalesce(figures.place, '')) AS place, lower(coalesce(figures.holder, '')) AS holder,
         lower(coalesce(figures.period, '')) AS period, coalesce(figures.status, '') AS status,
         CASE WHEN figures.role IN ('change', 'old') THEN figures.role ELSE '' END AS role,
         figures.value AS value, figures.surface AS surface,
         coalesce(lower(claims.speaker), 'narrator of ' || documents.name) AS source
  FROM figures
  JOIN claims ON claims.id = figures.claim_id
  JOIN documents ON documents.id = figures.document_id
  WHERE figures.measure IS NOT NULL"""

QUERIES = {
    "measures": {
        "title": "Measures",
        "description": "Every measure with how many figures and sources state it, and the lowest and highest value.",
        "sql": f"""WITH f AS ({_GROUPED}
)
SELECT measure, unit, count(*) AS figures, count(DISTINCT source) AS sources,
       min(value) AS lowest, max(value) AS highest
FROM f
GROUP BY measure, unit
ORDER BY measure, unit""",
    },
    "figures_by_measure": {
        "title": "Figures by measure",
        "description": "Every figure with a measure, with its qualifiers, who states it and the sentence. "
                       "Leave measure empty for all of them.",
        "sql": """SELECT figures.measure, figures.unit, figures.value, figures.high, figures.surface, figures.approx,
       figures.subject, figures.place, figures.holder, figures.period, figures.status, figures.role,
       coalesce(claims.speaker, 'narrator') AS speaker, claims.speaker_org, documents.name AS document,
       claims.id AS claim_id, claims.text
FROM figures
JOIN claims ON claims.id = figures.claim_id
JOIN documents ON documents.id = figures.document_id
WHERE figures.measure IS NOT NULL AND (:measure = '' OR figures.measure = :measure)
ORDER BY figures.measure, figures.unit, figures.subject, figures.place, figures.holder, figures.period, figures.status,
         figures.value, documents.name, figures.char_start""",
    },
    "conflicts": {
        "title": "Conflicts (candidates)",
        "description": "Groups of figures with the same measure, unit and qualifiers (subject, place, holder, period, "
                       "status, role) that state more than one distinct value, from more than one source (a speaker; the "
                       "narrator counts once per document). Candidates, not verdicts: unlike `claimtrack check "
                       "figures` this ignores rounding ($1.3bn against $1.25bn), 'around', 'up to' and 'more than', "
                       "near-verbatim repeats, and which story a document belongs to. Run `claimtrack check figures` "
                       "for verdicts.",
        "sql": f"""WITH f AS ({_GROUPED}
)
SELECT measure, unit, subject, place, holder, period, status, role,
       count(DISTINCT value) AS distinct_values, count(DISTINCT source) AS sources, count(*) AS figures,
       min(value) AS lowest, max(value) AS highest,
       round((max(value) - min(value)) * 100.0 / nullif(min(value), 0), 1) AS spread_percent,
       group_concat(DISTINCT surface) AS as_written, group_concat(DISTINCT source) AS stated_by
FROM f
GROUP BY measure, unit, subject, place, holder, period, status, role
HAVING count(DISTINCT value) > 1 AND count(DISTINCT source) > 1
ORDER BY spread_percent DESC, measure""",
    },
}


def database_name(db_path) -> str:
    """The name Datasette gives a database file: its stem (`data/claimtrack.db` -> claimtrack)."""
    return Path(db_path).stem


def _columns(db_path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def datasette_metadata(db_path) -> dict:
    """Datasette metadata (the metadata.json layout of Datasette 0.64+) for one claimtrack
    database: descriptions of its tables and columns, facets, and canned queries."""
    db_path = Path(db_path)
    present = _columns(db_path) if db_path.exists() else {t: list(cols) for t, (_, cols) in TABLES.items()}
    tables: dict[str, dict] = {}
    for table, (description, columns) in TABLES.items():
        if table not in present:
            continue
        have = present[table]
        entry: dict = {
            "description": description,
            "columns": {c: text for c, text in columns.items() if c in have},
        }
        facets = [c for c in FACET_COLUMNS if c in have]
        if facets:
            entry["facets"] = facets
        if table in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table]
        if table == "claims" and "claims_fts" in present:
            entry["fts_table"] = "claims_fts"
            entry["fts_pk"] = "id"
        tables[table] = entry
    # Any later table with a verdict column gets it as a facet too.
    for table, have in present.items():
        if table not in tables and "verdict" in have and not table.startswith(("_", "claims_fts")):
            tables[table] = {"facets": [c for c in FACET_COLUMNS if c in have]}
    tables["_claimtrack_migrations"] = {"hidden": True}
    tables["_claimtrack_fts_deferred"] = {"hidden": True}  # an ingest-internal flag, always empty
    return {
        "title": "claimtrack",
        "description": "Who claims which figures: documents, their sentences (claims) with speakers, the figures "
                       "they state and the dates they mention. `claimtrack check figures` gives verdicts; the "
                       "canned queries below are quick views.",
        "databases": {
            database_name(db_path): {
                "description": "A claimtrack database.",
                "tables": tables,
                "queries": {name: dict(q) for name, q in QUERIES.items()},
            }
        },
    }


# Table settings that Datasette 1.0 reads from its configuration rather than its metadata.
_CONFIG_TABLE_KEYS = ("facets", "label_column", "fts_table", "fts_pk", "hidden", "sort", "sort_desc", "size")


def _split_for_datasette_1(metadata: dict) -> tuple[dict, dict]:
    """Datasette 1.0 moved facets, canned queries and table options to `config`."""
    meta = {k: v for k, v in metadata.items() if k != "databases"}
    config: dict = {"databases": {}}
    meta["databases"] = {}
    for name, db in metadata.get("databases", {}).items():
        meta_db = {k: v for k, v in db.items() if k not in ("tables", "queries")}
        config_db: dict = {"queries": db.get("queries", {}), "tables": {}}
        meta_db["tables"] = {}
        for table, opts in db.get("tables", {}).items():
            meta_db["tables"][table] = {k: v for k, v in opts.items() if k not in _CONFIG_TABLE_KEYS}
            config_db["tables"][table] = {k: v for k, v in opts.items() if k in _CONFIG_TABLE_KEYS}
        meta["databases"][name] = meta_db
        config["databases"][name] = config_db
    return meta, config


def _import_datasette():
    try:
        from datasette.app import Datasette
    except ImportError as exc:
        raise BrowseError(f"browsing needs Datasette, which is not installed: {INSTALL_HINT}") from exc
    return Datasette


def make_datasette(db_path):
    """A configured Datasette instance for one claimtrack database (not yet serving)."""
    Datasette = _import_datasette()
    metadata = datasette_metadata(db_path)
    params = inspect.signature(Datasette.__init__).parameters
    if "config" in params:  # Datasette 1.0
        meta, config = _split_for_datasette_1(metadata)
        return Datasette([str(db_path)], metadata=meta, config=config)
    return Datasette([str(db_path)], metadata=metadata)


def serve(db_path, port: int = 8001, host: str = "127.0.0.1", open_browser: bool = False) -> None:
    """Serve the database with Datasette until interrupted (read-only)."""
    import asyncio

    from .store import open_db

    db_path = Path(db_path)
    database = open_db(db_path, create=False)  # a claimtrack database, and upgraded to this schema
    database.conn.close()
    ds = make_datasette(db_path)
    import uvicorn  # a Datasette dependency: present whenever Datasette is

    startup = getattr(ds, "invoke_startup", None)
    if startup is not None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(startup())
        finally:
            loop.close()
    url = f"http://{'localhost' if host in ('127.0.0.1', '::1', '0.0.0.0', '::') else host}:{port}/{database_name(db_path)}"
    print(f"Serving {db_path} at {url} (Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()  # once the server listens
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
