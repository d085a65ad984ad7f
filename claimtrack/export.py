"""Record writers shared by every command that prints records: csv, tsv, json, jsonl.

CSV and TSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
`@`, a tab or a carriage return) are prefixed with a single quote. Numbers are written as
numbers and never touched, so figures keep their meaning; only text cells change.
"""

from __future__ import annotations

import csv
import itertools
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


def started(rows: Iterable[dict]) -> Iterable[dict]:
    """The same rows, with the query already run to its first row: a bad query then fails
    before a header or an opening `[` has been written."""
    it = iter(rows)
    try:
        first = next(it)
    except StopIteration:
        return iter(())
    return itertools.chain([first], it)


def write_records(rows: Iterable[dict], columns: list[str], fmt: str, fh: IO[str]) -> int:
    rows = started(rows)
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


# ---------------------------------------------------------------------------------------
# schema.org ClaimReview, as Google's fact-check markup guidelines describe it.

RATING_SCALE = {  # rating -> (ratingValue on a 1-5 scale, the name readers see)
    "true": (5, "True"),
    "mostly-true": (4, "Mostly true"),
    "mixed": (3, "Mixed"),
    "mostly-false": (2, "Mostly false"),
    "false": (1, "False"),
    "unverifiable": (None, "Unverifiable"),
}


def claim_review(row: dict, organisation: str | None = None, url: str | None = None) -> dict:
    """One ClaimReview for one reviewed claim (a row of store.claimreview_rows)."""
    from pathlib import Path

    value, name = RATING_SCALE[row["rating"]]
    rating = {"@type": "Rating", "alternateName": name, "bestRating": 5, "worstRating": 1}
    if value is not None:
        rating["ratingValue"] = value
    speaker = row.get("speaker")
    claim_author = ({"@type": "Organization" if row.get("speaker_org") is None and speaker and _looks_org(speaker)
                     else "Person", "name": speaker} if speaker else {"@type": "Organization", "name": row["doc"]})
    if speaker and row.get("speaker_org"):
        claim_author["affiliation"] = {"@type": "Organization", "name": row["speaker_org"]}
    appearance = {"@type": "CreativeWork", "name": row["doc"]}
    path = row.get("path")
    if path:
        appearance["url"] = Path(path).resolve().as_uri() if not str(path).startswith(("http://", "https://")) else path
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "datePublished": row["created_at"][:10],
        "claimReviewed": row["claim_text"],
        "itemReviewed": {"@type": "Claim", "author": claim_author, "appearance": appearance},
        "author": ({"@type": "Organization", "name": organisation} if organisation
                   else {"@type": "Person", "name": row.get("author") or "unknown"}),
        "reviewRating": rating,
    }
    if url:
        review["url"] = url
    if row.get("note"):
        review["reviewBody"] = row["note"]
    if row.get("evidence"):
        review["citation"] = row["evidence"]
    return review


def _looks_org(name: str) -> bool:
    return any(w.lower() in ("embassy", "ministry", "bank", "movement", "party", "news", "government", "agency",
                             "union", "council", "commission", "association", "group", "inc", "plc", "ltd")
               for w in name.replace(".", " ").split()) or name.isupper()


def write_claimreview(rows: Iterable[dict], fh: IO[str], organisation: str | None = None, url: str | None = None) -> int:
    reviews = [claim_review(row, organisation, url) for row in rows]
    json.dump(reviews, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(reviews)
