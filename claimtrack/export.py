"""Record writers shared by every command that prints records: csv, tsv, json, jsonl.

CSV and TSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
`@`, a tab or a carriage return) are prefixed with a single quote. Numbers are written as
numbers and never touched, so figures keep their meaning; only text cells change.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_delimited(rows: Iterable[dict], columns: list[str], fh: IO[str], delimiter: str = ",") -> int:
    writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow(["" if row.get(c) is None else neutralise(row.get(c)) for c in columns])
        n += 1
    return n


def write_json(rows: Iterable[dict], columns: list[str] | None, fh: IO[str]) -> int:
    """A JSON array written row by row, so a large export never sits in memory whole."""
    n = 0
    fh.write("[")
    for row in rows:
        fh.write(",\n  " if n else "\n  ")
        fh.write(json.dumps(_pick(row, columns), ensure_ascii=False, default=str))
        n += 1
    fh.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(rows: Iterable[dict], columns: list[str] | None, fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(_pick(row, columns), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _pick(row: dict, columns: list[str] | None) -> dict:
    return {c: row.get(c) for c in columns} if columns else row


def write_records(rows: Iterable[dict], columns: list[str], fmt: str, fh: IO[str]) -> int:
    if fmt == "csv":
        return write_delimited(rows, columns, fh, ",")
    if fmt == "tsv":
        return write_delimited(rows, columns, fh, "\t")
    if fmt == "json":
        return write_json(rows, columns, fh)
    if fmt == "jsonl":
        return write_jsonl(rows, columns, fh)
    raise ValueError(f"unknown format {fmt!r}")


EXPORT_COLUMNS = [
    "claim_id", "doc", "path", "sha256", "sentence", "sentence_start", "sentence_end", "kind", "speaker",
    "speaker_org", "text", "figure_id", "surface", "figure_start", "figure_end", "value", "low", "high",
    "unit", "figure_kind", "measure", "approx", "role", "place", "holder", "period", "status",
]


def claim_contract(claim) -> dict:
    """One claim in the `extract --format jsonl` contract (see README, 'Data model')."""
    figures = []
    for f in claim.figures:
        d = {"surface": f.surface, "start": f.start, "end": f.end, "value": f.value, "unit": f.unit,
             "measure": f.measure, "approx": f.approx}
        for key in ("low", "high", "role", "where", "holder", "period", "status", "kind", "unit_text",
                    "base_value", "base_unit"):
            value = getattr(f, key)
            if value is not None:
                d[key] = value
        figures.append(d)
    return {"doc": claim.doc, "index": claim.index, "start": claim.start, "end": claim.end, "text": claim.text,
            "kind": claim.kind, "speaker": claim.speaker, "speaker_org": claim.speaker_org, "figures": figures,
            "dates": [{"surface": d.surface, "start": d.start, "end": d.end, "value": d.value} for d in claim.dates]}
