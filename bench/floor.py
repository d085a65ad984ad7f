#!/usr/bin/env python3
"""The floor that `claimtrack ingest` is compared with.

    python bench/floor.py DIR DB

Does the least work an ingest of the same files could do, in one process with the standard
library only: walk DIR (sorted, hidden entries skipped, *.txt *.md *.html *.htm, like
claimtrack's discovery), read and decode each file as UTF-8, split it into sentences with
one regular expression, and insert (path, sentence index, text) rows with `executemany`
into a single table. Like claimtrack it uses WAL and commits one transaction per batch of
64 documents, so the two pay for the same durability. No extraction, no speakers, no
figures, no indexes, no full-text search: the gap to claimtrack is what those cost.

Prints one JSON line: {"docs": ..., "sentences": ..., "seconds": ...}.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import time
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm")
BATCH = 64
# A sentence: from a non-space to terminal punctuation (and closing quotes) followed by white
# space, or to the end of the line. `.` stops at newlines, so paragraphs split too.
SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’')\]]*(?=\s)|$)", re.M)


def files(root: Path):
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield os.path.join(dirpath, name)


def run(root: Path, db_path: Path) -> dict:
    start = time.perf_counter()
    db_path.unlink(missing_ok=True)
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE sentences (id INTEGER PRIMARY KEY, path TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL)")
    docs = sentences = 0
    rows: list[tuple[str, int, str]] = []
    pending = 0

    def flush():
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO sentences (path, idx, text) VALUES (?, ?, ?)", rows)
        conn.execute("COMMIT")
        rows.clear()

    for path in files(root):
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
        for i, m in enumerate(SENTENCE.finditer(text)):
            rows.append((path, i, m.group(0)))
            sentences += 1
        docs += 1
        pending += 1
        if pending >= BATCH:
            flush()
            pending = 0
    if rows or pending:
        flush()
    conn.close()
    return {"docs": docs, "sentences": sentences, "seconds": round(time.perf_counter() - start, 3)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    result = run(Path(argv[0]), Path(argv[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
