"""Load `claimtrack extract --format jsonl` output into a database.

Extraction is a pure map from documents to JSONL, so it can run anywhere (a Dask bag over a
folder or an object store, another machine); this loads the result. The file is checked
completely before anything is written, so a bad line changes nothing already stored.
Documents are identified by their `doc` path: importing a newer extraction of the same path
replaces the old claims.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from .extract import document_topics
from .migrations import transaction
from .models import Claim, DateMention, Document, Figure
from .store import StoreError, save_document

REQUIRED = ("doc", "index", "start", "end", "text", "kind", "speaker", "speaker_org", "figures")
BATCH = 64


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise StoreError(f"{path}:{number}: not JSON ({exc.msg})") from exc
                if not isinstance(record, dict):
                    raise StoreError(f"{path}:{number}: expected one JSON object per line")
                missing = [k for k in REQUIRED if k not in record]
                if missing:
                    raise StoreError(f"{path}:{number}: missing {', '.join(missing)} (is this `claimtrack extract` output?)")
                yield number, record
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text") from exc


def _claim(path: Path, number: int, record: dict) -> Claim:
    try:
        figures = []
        for f in record.get("figures") or []:
            f = dict(f)
            figures.append(Figure(**f))
        dates = [DateMention(**d) if isinstance(d, dict) else DateMention(surface=str(d), start=record["start"],
                                                                           end=record["start"], value=str(d))
                 for d in record.get("dates") or []]
        return Claim(doc=record["doc"], index=record["index"], start=record["start"], end=record["end"],
                     text=record["text"], kind=record["kind"], speaker=record["speaker"],
                     speaker_org=record["speaker_org"], figures=figures, dates=dates)
    except (ValidationError, TypeError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": str(exc)}
        where = ".".join(str(x) for x in first.get("loc", ()))
        raise StoreError(f"{path}:{number}: invalid claim{' field ' + where if where else ''}: {first['msg']}") from exc


def _documents(path: Path) -> Iterator[tuple[str, list[Claim]]]:
    """Claims grouped by document, in file order (a document's lines are consecutive)."""
    current, claims = None, []
    for number, record in _records(path):
        claim = _claim(path, number, record)
        if claim.doc != current and claims:
            yield current, claims
            claims = []
        current = claim.doc
        claims.append(claim)
    if claims:
        yield current, claims


def _document(doc: str, claims: list[Claim]) -> Document:
    """Rebuild the document text from its sentences, each at its own offsets."""
    length = max(c.end for c in claims)
    chars = [" "] * length
    for c in claims:
        chars[c.start:c.end] = c.text
    text = "".join(chars)
    return Document(path=doc, name=doc, text=text, sha256=hashlib.sha256(("import\0" + text).encode()).hexdigest(),
                    media_type="application/x-claimtrack-jsonl", encoding="utf-8")


def check_file(path: Path) -> int:
    """Validate every line; returns the number of documents."""
    return sum(1 for _ in _documents(path))


def import_jsonl(db, path: Path) -> dict:
    check_file(path)
    counts = {"documents": 0, "claims": 0, "figures": 0}
    batch: list[tuple[Document, list[Claim]]] = []

    def flush():
        with transaction(db):
            for document, claims in batch:
                status = save_document(db, document, claims, document_topics(document.text))
                if status != "unchanged":
                    counts["documents"] += 1
                    counts["claims"] += len(claims)
                    counts["figures"] += sum(len(c.figures) for c in claims)
        batch.clear()

    for doc, claims in _documents(path):
        batch.append((_document(doc, claims), claims))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return counts
