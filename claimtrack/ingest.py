"""Ingest: files -> documents -> claims -> database, streaming and in parallel.

Workers read and extract (pure, CPU-bound) and turn each document into ready-to-insert
rows of plain tuples (`store.document_rows`: cheap to pickle, nothing left to validate);
this process is the single writer: per document a few lookups and one `executemany` per
table, and one transaction per batch of documents whose full-text rows are written by one
statement at its end. So an interrupted run leaves only whole documents behind and
rerunning the same command finishes the job. At most a few batches are in flight at once,
so memory stays flat however many files there are.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .extract import document_topics, extract_document
from .migrations import transaction
from .models import Document
from .read import DEFAULT_MAX_BYTES, ReadError, discover, read_document
from .store import DocumentRows, document_rows, fts_batch, save_rows
from .vocab import default_vocab

BATCH = 64


@dataclass
class Outcome:
    """What a worker sends back for one file: the rows to store (plain tuples, made by
    `store.document_rows` in the worker, so the parent only inserts) or why it was skipped."""

    path: str
    rows: DocumentRows | None = None
    skipped: str | None = None


@dataclass
class Summary:
    statuses: Counter = field(default_factory=Counter)
    sentences: int = 0
    figures: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(self.statuses.values())

    def line(self) -> str:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items()) if n)
        text = (f"{self.documents} documents ({parts or 'none'}): {self.sentences} sentences, "
                f"{self.figures} figures stored")
        if self.skipped:
            reasons = Counter(reason.split(" (")[0] for _, reason in self.skipped)
            text += f"; {len(self.skipped)} files skipped (" + "; ".join(f"{n} {r}" for r, n in reasons.most_common(4)) + ")"
        return text


def process_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES, known: frozenset[str] = frozenset()) -> Outcome:
    """Read and extract one file. Pure apart from reading the file; safe in a worker."""
    try:
        document = read_document(path, max_bytes=max_bytes)
    except ReadError as exc:
        return Outcome(path, skipped=exc.reason)
    if document.sha256 in known:
        return Outcome(path, rows=document_rows(document, None))  # content stored already: no need to extract
    vocab = default_vocab(os.environ.get("CLAIMTRACK_DATA"))
    claims = extract_document(document, vocab)
    return Outcome(path, rows=document_rows(document, claims, document_topics(document.text)))


_worker_known: frozenset[str] = frozenset()
_worker_max: int = DEFAULT_MAX_BYTES


def _init_worker(known: frozenset[str], max_bytes: int) -> None:
    global _worker_known, _worker_max  # per-process settings, set once by the pool
    _worker_known, _worker_max = known, max_bytes


def _work(path: str) -> Outcome:
    return process_file(path, _worker_max, _worker_known)


# Extracted once in this process before the workers are forked, so that they inherit what
# extraction builds on first use instead of each building it again: pint's unit registry
# (~1.1 s: `import pint` and the registry with claimtrack's definitions, used by the first
# physical quantity) and the vocabulary's derived tables and compiled patterns (~0.2 s).
# Only worth it when the workers are forked (they start with a copy of this process) and
# there are enough files for every worker to need them.
_WARM_TEXT = ("The 680-km pipeline will carry 1.2 million barrels a day and cost $1.25 billion, "
              "John Smith, chief executive of Acme Mining, said on Tuesday.\n")
WARM_MIN_FILES = 2 * BATCH


def _warm_before_fork() -> None:
    try:
        vocab = default_vocab(os.environ.get("CLAIMTRACK_DATA"))
        extract_document(Document(path="warm.txt", name="warm.txt", text=_WARM_TEXT, sha256="0" * 64), vocab)
        document_topics(_WARM_TEXT)
    except Exception:  # a user's vocabulary that fails here fails in the workers too, with a path
        pass


def _outcomes(paths: list[str], jobs: int, known: frozenset[str], max_bytes: int) -> Iterator[Outcome]:
    """Outcomes in input order, with at most `jobs * 8 + BATCH` files in flight: enough that
    the workers still have files to extract while this process writes a whole batch (at
    10,000 documents a batch's inserts and COMMIT take ~0.2 s: with `jobs * 8` in flight the
    workers ran dry during it), and few enough that memory stays flat."""
    if jobs <= 1:
        for path in paths:
            yield process_file(path, max_bytes, known)
        return
    if len(paths) >= WARM_MIN_FILES and multiprocessing.get_start_method() == "fork":
        _warm_before_fork()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(known, max_bytes)) as pool:
        pending: list[Future] = []
        it = iter(paths)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < jobs * 8 + BATCH:
                try:
                    pending.append(pool.submit(_work, next(it)))
                except StopIteration:
                    exhausted = True
            if not pending:
                break
            wait([pending[0]], return_when=FIRST_COMPLETED)
            while pending and pending[0].done():
                yield pending.pop(0).result()


def ingest(db, paths: list[str], jobs: int | None = None, include: list[str] | None = None,
           exclude: list[str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           on_file: Callable[[Outcome, str | None], None] | None = None,
           files: list[tuple[Path, str | None]] | None = None) -> Summary:
    summary = Summary()
    files = files if files is not None else list(discover(paths, include, exclude))
    to_read = []
    for path, reason in files:
        if reason:
            summary.skipped.append((str(path), reason))
        else:
            to_read.append(str(path))
    known = frozenset(row[0] for row in db.execute("SELECT sha256 FROM documents"))
    jobs = jobs or os.cpu_count() or 1
    jobs = min(jobs, max(1, len(to_read)))
    batch: list[Outcome] = []

    def flush():
        with transaction(db), fts_batch(db) as fts:
            for outcome in batch:
                status = save_rows(db, outcome.rows, fts)
                if status == "missing":
                    # Extraction was skipped because this content was stored when the run
                    # began, but an earlier file of this run replaced it: extract it here.
                    outcome = process_file(outcome.path, max_bytes)
                    if outcome.skipped:
                        summary.skipped.append((outcome.path, outcome.skipped))
                        if on_file:
                            on_file(outcome, None)
                        continue
                    status = save_rows(db, outcome.rows, fts)
                summary.statuses[status] += 1
                if status in ("added", "replaced"):
                    summary.sentences += outcome.rows.n_claims
                    summary.figures += outcome.rows.n_figures
                if on_file:
                    on_file(outcome, status)
        batch.clear()

    for outcome in _outcomes(to_read, jobs, known, max_bytes):
        if outcome.skipped:
            summary.skipped.append((outcome.path, outcome.skipped))
            if on_file:
                on_file(outcome, None)
            continue
        batch.append(outcome)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return summary
