"""See it: the cross-check of `check figures` as one self-contained HTML page.

One file, inline CSS and inline SVG: no script, no web font, no network. It opens from
disk, prints cleanly and can be mailed. Every piece of stored text (document text, names,
paths, speakers, surfaces) passes through `html.escape` before it reaches the page, and a
Content-Security-Policy forbids scripts besides, so a hostile document cannot run code in
the reader's browser.

The page: a summary and a table of contents (each verdict, each measure), then one section
per measure with, for each group, a chart of every source's figure on one axis and the
sentences with the figure highlighted; then the arithmetic checks, who said what, and the
documents.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from .check import AROUND, Group, Report, Statement, agree, check_figures, summary
from .namekeys import fold

VERDICTS = ("conflict", "corroborated", "single-source")
VERDICT_MARK = {"conflict": "✘", "corroborated": "✔", "single-source": "•"}
VERDICT_HELP = {
    "conflict": "two or more sources state figures that cannot both be right",
    "corroborated": "two or more independent sources agree",
    "single-source": "only one source states it",
}

# Okabe-Ito: distinguishable with the common colour-vision deficiencies, and every colour
# comes with its own marker shape, so nothing rests on colour alone.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
SHAPES = ("circle", "cross", "triangle", "square", "diamond")

APPROX_TEXT = {
    "exact": "as stated",
    "around": "around: ±10%",
    "up_to": "up to: from 0",
    "less_than": "less than: from 0",
    "more_than": "more than: open-ended",
    "vague_at_least": "at least (vague): open-ended",
    "by": "by: a deadline, this or earlier",
}

CURRENCY_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

# Chart geometry (px).
CHART_W, LABEL_W, PLOT_PAD_R, ROW_H, TOP, AXIS_H = 900, 220, 36, 28, 12, 34


# ---------------------------------------------------------------------------------------
# Numbers.

def _compact(x: float) -> str:
    a = abs(x)
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if a >= size:
            return f"{x / size:,.4g}{suffix}"
    if a >= 1000:
        return f"{x:,.0f}"
    return f"{x:,.4g}"


def fmt_value(value: float | None, unit: str | None, unit_word: bool = True) -> str:
    """A figure as a reader writes it: $1.25bn, 25%, 7,500 jobs, 2028. Axis ticks leave
    out a counted unit's word (`unit_word=False`): 7,500, not 7,500 jobs."""
    if value is None or not math.isfinite(value):
        return "–"
    unit = unit or ""
    if unit == "year":
        return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"
    if unit == "percent":
        return f"{value:,.4g}%"
    if unit in CURRENCY_SYMBOL:
        return ("-" if value < 0 else "") + CURRENCY_SYMBOL[unit] + _compact(abs(value))
    if re.fullmatch(r"[A-Z]{3}", unit):
        return f"{_compact(value)} {unit}"
    return _compact(value) + (f" {unit}" if unit and unit_word else "")


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def _ticks(lo: float, hi: float) -> list[float]:
    step = _nice_step(hi - lo)
    first = math.ceil(lo / step - 1e-9) * step
    ticks, t = [], first
    while t <= hi + 1e-9 * abs(hi or 1):
        ticks.append(0.0 if abs(t) < step * 1e-9 else t)
        t += step
    return ticks


# ---------------------------------------------------------------------------------------
# What a statement spans, for drawing (not for agreement: check.py decides that).

def _span(s: Statement) -> tuple[float, float]:
    """(low, high) of the drawn bar; -inf/inf for an open end."""
    low = s.low if s.low is not None else s.value
    high = s.high if s.high is not None else s.value
    if s.approx == "around":
        return low * (1 - AROUND) if low >= 0 else low * (1 + AROUND), high * (1 + AROUND) if high >= 0 else high * (1 - AROUND)
    if s.approx in ("up_to", "less_than"):
        return min(0.0, high), high
    if s.approx in ("more_than", "vague_at_least"):
        return low, math.inf
    if s.approx == "by":
        return -math.inf, high
    return low, high


def _domain(group: Group) -> tuple[float, float]:
    """The axis of one group's chart: from zero for magnitudes (so 1.25 and 1.3 do not look
    far apart), tight around the figures for years, rounded out to whole tick steps, with
    room at an open end for its arrow."""
    finite = []
    for s in group.statements:
        finite.append(s.value)
        finite.extend(v for v in _span(s) if math.isfinite(v))
    lo, hi = min(finite), max(finite)
    year = group.unit == "year"
    if not year and lo >= 0:
        lo = 0.0
    if hi == lo:
        pad = 2.0 if year else (abs(hi) * 0.1 or 1.0)
        hi += pad
        if year or lo < 0:
            lo -= pad
    step = _nice_step(hi - lo)
    hi = math.ceil(hi / step - 1e-9) * step
    if year or lo < 0:
        lo = math.floor(lo / step + 1e-9) * step
    if any(math.isinf(_span(s)[1]) for s in group.statements):
        hi += step  # room for the arrow of "more than"
    if any(math.isinf(_span(s)[0]) for s in group.statements):
        lo -= step  # and of "by"
    return lo, hi


def clusters(group: Group) -> list[int]:
    """Which statements agree with which, for marker shapes: each statement joins the first
    cluster whose first member it agrees with. Only a conflict has more than one cluster."""
    if group.verdict != "conflict":
        return [0] * len(group.statements)
    heads: list[Statement] = []
    out = []
    for s in group.statements:
        for i, head in enumerate(heads):
            if agree(head, s):
                out.append(i)
                break
        else:
            heads.append(s)
            out.append(len(heads) - 1)
    return out


# ---------------------------------------------------------------------------------------
# SVG pieces.

def _marker(shape: str, x: float, y: float, colour: str, size: float = 6.5) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
    if shape == "cross":
        d = size
        return (f'<path d="M{x - d:.1f} {y - d:.1f}L{x + d:.1f} {y + d:.1f}M{x - d:.1f} {y + d:.1f}L{x + d:.1f} {y - d:.1f}"'
                f' stroke="#fff" stroke-width="5.5" stroke-linecap="round"/>'
                f'<path d="M{x - d:.1f} {y - d:.1f}L{x + d:.1f} {y + d:.1f}M{x - d:.1f} {y + d:.1f}L{x + d:.1f} {y - d:.1f}"'
                f' stroke="{colour}" stroke-width="3" stroke-linecap="round"/>')
    if shape == "triangle":
        d = size * 1.15
        return (f'<path d="M{x:.1f} {y - d:.1f}L{x + d:.1f} {y + d * 0.8:.1f}L{x - d:.1f} {y + d * 0.8:.1f}Z"'
                f' fill="{colour}" stroke="#fff" stroke-width="1.5"/>')
    if shape == "square":
        d = size * 0.9
        return (f'<rect x="{x - d:.1f}" y="{y - d:.1f}" width="{2 * d:.1f}" height="{2 * d:.1f}" fill="{colour}"'
                f' stroke="#fff" stroke-width="1.5"/>')
    d = size * 1.2  # diamond
    return (f'<path d="M{x:.1f} {y - d:.1f}L{x + d:.1f} {y:.1f}L{x:.1f} {y + d:.1f}L{x - d:.1f} {y:.1f}Z"'
            f' fill="{colour}" stroke="#fff" stroke-width="1.5"/>')


def marker_icon(cluster: int) -> str:
    """The chart's marker as a small inline icon, for the sentence list and legends."""
    shape, colour = SHAPES[cluster % len(SHAPES)], PALETTE[cluster % len(PALETTE)]
    return (f'<svg class="icon" width="16" height="16" viewBox="0 0 16 16" role="img" aria-label="{shape} marker">'
            f'{_marker(shape, 8, 8, colour, 5.5)}</svg>')


def _truncate(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def chart(group: Group, cluster_of: list[int]) -> str:
    """Every statement of the group on one horizontal axis, one row each."""
    n = len(group.statements)
    lo, hi = _domain(group)
    x0, x1 = LABEL_W, CHART_W - PLOT_PAD_R
    height = TOP + n * ROW_H + AXIS_H

    def x(v: float) -> float:
        if v == math.inf:
            return x1
        if v == -math.inf:
            return x0
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    parts = [f'<svg class="chart" viewBox="0 0 {CHART_W} {height}" width="{CHART_W}" height="{height}" role="img"'
             f' aria-label="{escape(group.label())}: {n} figure{"s" if n != 1 else ""}, {escape(group.verdict)}"'
             ' xmlns="http://www.w3.org/2000/svg">']
    axis_y = TOP + n * ROW_H + 4
    for t in _ticks(lo, hi):
        tx = x(t)
        parts.append(f'<line x1="{tx:.1f}" y1="{TOP - 4}" x2="{tx:.1f}" y2="{axis_y}" class="grid"/>')
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" class="tick" text-anchor="middle">'
                     f'{escape(fmt_value(t, group.unit, unit_word=False))}</text>')
    parts.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" class="axis"/>')
    for i, (s, c) in enumerate(zip(group.statements, cluster_of)):
        y = TOP + i * ROW_H + ROW_H / 2
        shape, colour = SHAPES[c % len(SHAPES)], PALETTE[c % len(PALETTE)]
        who = s.speaker + (f" ({s.speaker_org})" if s.speaker_org else "")
        parts.append(f'<g class="row"><title>{escape(f"{i + 1}. {s.surface} = {fmt_value(s.value, s.unit)} — {who} — {s.doc}")}</title>')
        label = f"{i + 1}. {s.speaker}" + (f" · {Path(s.doc).name}" if s.speaker == "narrator" else "")
        parts.append(f'<text x="{x0 - 10}" y="{y + 4:.1f}" class="who" text-anchor="end">'
                     f'{escape(_truncate(label, 28))}</text>')
        span_lo, span_hi = _span(s)
        if (span_lo, span_hi) != (s.value, s.value):
            bx0, bx1 = x(max(span_lo, lo)), x(min(span_hi, hi))
            parts.append(f'<rect x="{bx0:.1f}" y="{y - 4:.1f}" width="{max(bx1 - bx0, 1):.1f}" height="8" rx="2"'
                         f' fill="{colour}" fill-opacity="0.3" stroke="{colour}" stroke-width="1"/>')
            if math.isinf(span_hi):
                parts.append(f'<path d="M{x1 - 9:.1f} {y - 7:.1f}L{x1 + 3:.1f} {y:.1f}L{x1 - 9:.1f} {y + 7:.1f}Z" fill="{colour}"/>')
            if math.isinf(span_lo):
                parts.append(f'<path d="M{x0 + 9:.1f} {y - 7:.1f}L{x0 - 3:.1f} {y:.1f}L{x0 + 9:.1f} {y + 7:.1f}Z" fill="{colour}"/>')
        if s.high is not None and s.low is not None and s.high != s.low:
            parts.append(_marker(shape, x(s.low), y, colour, 5))
            parts.append(_marker(shape, x(s.high), y, colour, 5))
        else:
            parts.append(_marker(shape, x(s.value), y, colour))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


LEGEND_SVG = (
    '<svg class="legend" viewBox="0 0 760 34" width="760" height="34" role="img" aria-label="How figures are drawn"'
    ' xmlns="http://www.w3.org/2000/svg">'
    + _marker("circle", 12, 17, PALETTE[0]) + '<text x="24" y="21">exact</text>'
    + '<rect x="80" y="13" width="60" height="8" rx="2" fill="#0072B2" fill-opacity="0.3" stroke="#0072B2"/>'
    + _marker("circle", 110, 17, PALETTE[0]) + '<text x="146" y="21">around (±10%) or a range</text>'
    + '<rect x="330" y="13" width="60" height="8" rx="2" fill="#0072B2" fill-opacity="0.3" stroke="#0072B2"/>'
    + _marker("circle", 390, 17, PALETTE[0]) + '<text x="402" y="21">up to (from 0)</text>'
    + '<rect x="530" y="13" width="60" height="8" rx="2" fill="#0072B2" fill-opacity="0.3" stroke="#0072B2"/>'
    + '<path d="M581 10L593 17L581 24Z" fill="#0072B2"/>'
    + _marker("circle", 530, 17, PALETTE[0]) + '<text x="600" y="21">more than / at least</text>'
    + "</svg>"
)


# ---------------------------------------------------------------------------------------
# Data the report needs beyond the Report itself.

def _claims(db, ids) -> dict[int, dict]:
    ids = sorted(set(ids))
    out: dict[int, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(
                "SELECT claims.id, claims.char_start, claims.document_id, claims.text, claims.speaker,"
                " claims.speaker_org, documents.name AS doc FROM claims JOIN documents ON documents.id = claims.document_id"
                f" WHERE claims.id IN ({marks})", chunk):
            out[row["id"]] = row
    return out


def _documents(db) -> list[dict]:
    docs = list(db.query(
        "SELECT id, name, path, sha256, media_type, n_claims, n_figures FROM documents ORDER BY name, id"))
    paths: dict[int, list[str]] = defaultdict(list)
    for row in db.query("SELECT document_id, path FROM document_paths ORDER BY path"):
        paths[row["document_id"]].append(row["path"])
    for d in docs:
        d["paths"] = paths.get(d["id"]) or [d["path"]]
    return docs


def _db_file(db) -> str:
    try:
        for row in db.execute("PRAGMA database_list").fetchall():
            if row[1] == "main":
                return row[2] or ""
    except Exception:  # noqa: BLE001 - the file name is decoration
        pass
    return ""


def highlight(text: str, start: int, end: int, surface: str = "") -> str:
    """The sentence, escaped, with [start, end) wrapped in <mark>."""
    if not (0 <= start < end <= len(text)) or (surface and text[start:end] != surface):
        found = text.find(surface) if surface else -1
        if found < 0:
            return escape(text)
        start, end = found, found + len(surface)
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def _slug(text: str, taken: set[str], prefix: str) -> str:
    base = prefix + (re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-") or "x")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _badge(verdict: str) -> str:
    return (f'<span class="badge {escape(verdict)}" title="{escape(VERDICT_HELP.get(verdict, ""))}">'
            f'{VERDICT_MARK.get(verdict, "")} {escape(verdict)}</span>')


# ---------------------------------------------------------------------------------------

def render_report(db, measure: str | None = None, source: str | None = None) -> str:
    """The report as one self-contained HTML page (a str)."""
    report = check_figures(db, measure=measure, source=source)
    return _render(db, report, measure, source)


def _group_order(g: Group):
    return (g.measure, VERDICTS.index(g.verdict) if g.verdict in VERDICTS else 9, g.label(), g.key)


def _render(db, report: Report, measure: str | None, source: str | None) -> str:
    groups = sorted(report.groups, key=_group_order)
    counts = summary(report)
    filtered = bool(measure or source)
    claim_ids = {s.claim_id for g in groups for s in g.statements}
    claim_ids |= {c for w in report.warnings + report.consistent for c in w.claim_ids}
    claims = _claims(db, claim_ids)
    documents = _documents(db)
    doc_anchor = {d["id"]: f"doc-{d['id']}" for d in documents}

    taken: set[str] = set()
    measure_anchor: dict[str, str] = {}
    for g in groups:
        if g.measure not in measure_anchor:
            measure_anchor[g.measure] = _slug(g.measure, taken, "m-")

    # Who said what, and which document each figure came from.
    by_source: dict[tuple, dict] = {}
    figures_per_doc: dict[int, int] = defaultdict(int)
    for g in groups:
        for s in g.statements:
            entry = by_source.setdefault((s.speaker, s.speaker_org), {"figures": 0, "groups": {}})
            entry["figures"] += 1
            entry["groups"][g.key] = g
            claim = claims.get(s.claim_id)
            if claim:
                figures_per_doc[claim["document_id"]] += 1

    out: list[str] = []
    w = out.append
    title = "claimtrack report" + (f" — {measure}" if measure else "") + (f" — source: {source}" if source else "")
    w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    w('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\';'
      ' img-src data:; base-uri \'none\'; form-action \'none\'">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w('<meta name="referrer" content="no-referrer">\n<meta name="generator" content="claimtrack">\n')
    w(f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")

    # Header and summary.
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n_docs, n_claims, n_figures = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                   for t in ("documents", "claims", "figures"))
    w('<header id="top">\n')
    w(f"<h1>{escape(title)}</h1>\n")
    filters = []
    if measure:
        filters.append(f"measure <code>{escape(measure)}</code>")
    if source:
        filters.append(f"source <code>{escape(source)}</code>")
    w(f'<p class="meta">Cross-check of the figures in <code>{escape(_db_file(db))}</code> '
      f"({_plural(n_docs, 'document')}, {_plural(n_claims, 'claim')}, {_plural(n_figures, 'figure')}); "
      f"{'filtered by ' + ' and '.join(filters) if filters else 'all measures, all sources'}; generated {generated}.</p>\n")
    w('<ul class="summary">\n')
    w(f'<li><a href="#groups"><b>{counts["groups"]}</b> groups</a></li>\n')
    for v in VERDICTS:
        w(f'<li class="{v if counts.get(v) else "none"}"><a href="#verdict-{v}"><b>{counts.get(v, 0)}</b> {VERDICT_MARK[v]} {v}</a></li>\n')
    w(f'<li class="{"warn" if report.warnings else ""}"><a href="#arithmetic"><b>{len(report.warnings)}</b> ⚠ arithmetic '
      f'warning{"s" if len(report.warnings) != 1 else ""}</a></li>\n')
    w(f'<li><a href="#arithmetic"><b>{len(report.consistent)}</b> ✔ consistent</a></li>\n')
    w("</ul>\n</header>\n")

    # Table of contents: verdicts and measures are the page's filters.
    w('<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n<div class="cols">\n<div>\n<h3>By verdict</h3>\n<ul>\n')
    for v in VERDICTS:
        w(f'<li><a href="#verdict-{v}">{_badge(v)}</a> {counts.get(v, 0)}</li>\n')
    w('</ul>\n<h3>Sections</h3>\n<ul>\n<li><a href="#groups">Figures by measure</a></li>\n'
      '<li><a href="#arithmetic">Arithmetic</a></li>\n<li><a href="#sources">Sources: who said what</a></li>\n'
      '<li><a href="#documents">Documents</a></li>\n</ul>\n</div>\n<div>\n<h3>By measure</h3>\n<ul>\n')
    per_measure: dict[str, list[Group]] = defaultdict(list)
    for g in groups:
        per_measure[g.measure].append(g)
    for m, gs in per_measure.items():
        marks = "".join(f' <span class="count {v}" title="{v}">{VERDICT_MARK[v]}{n}</span>'
                        for v in VERDICTS if (n := sum(g.verdict == v for g in gs)))
        w(f'<li><a href="#{measure_anchor[m]}">{escape(m)}</a> ({_plural(len(gs), "group")}){marks}</li>\n')
    if not per_measure:
        w("<li>none</li>\n")
    w("</ul>\n</div>\n</div>\n</nav>\n<main>\n")

    # Verdict index.
    w('<section id="verdicts">\n<h2>Groups by verdict</h2>\n')
    for v in VERDICTS:
        gs = [g for g in groups if g.verdict == v]
        w(f'<div class="verdict-index" id="verdict-{v}">\n<h3>{_badge(v)} {len(gs)} — {escape(VERDICT_HELP[v])}</h3>\n')
        if gs:
            w("<ul>\n")
            for g in gs:
                extra = f" · {g.spread:.1%} apart" if g.spread is not None else ""
                w(f'<li><a href="#{escape(g.key)}">{escape(g.label())}</a> <span class="muted">· '
                  f'{_plural(g.sources, "source")}{extra} · <code>{escape(g.key)}</code></span></li>\n')
            w("</ul>\n")
        else:
            w('<p class="muted">none</p>\n')
        w("</div>\n")
    w("</section>\n")

    # Groups, by measure.
    w('<section id="groups">\n<h2>Figures by measure</h2>\n')
    w('<p class="muted">Each chart puts every source\'s figure for one group on one axis. How a figure was '
      "stated is drawn as a range:</p>\n" + LEGEND_SVG + "\n")
    if not groups:
        w('<p class="empty">No figures with a measure match these filters.</p>\n')
    seen_claims: set[int] = set()
    for m, gs in per_measure.items():
        w(f'<section class="measure" id="{measure_anchor[m]}">\n<h2>{escape(m)}</h2>\n')
        for g in gs:
            _render_group(w, g, claims, doc_anchor, seen_claims)
        w("</section>\n")
    w("</section>\n")

    # Arithmetic.
    w('<section id="arithmetic">\n<h2>Arithmetic</h2>\n')
    if not report.consistent and not report.warnings:
        w('<p class="muted">No arithmetic to check: no ownership stakes that add up, no stated change with '
          "both its old and new figure.</p>\n")
    w('<ul class="arith">\n')
    for item, cls, mark, word in ([(c, "ok", "✔", "consistent") for c in report.consistent]
                                  + [(x, "warn", "⚠", "warning") for x in report.warnings]):
        refs = []
        for cid in item.claim_ids:
            claim = claims.get(cid)
            link = f'<a href="#claim-{cid}">claim {cid}</a>' if cid in seen_claims else f"claim {cid}"
            if claim:
                who = claim["speaker"] or "narrator"
                link += (f' <span class="muted">({escape(who)}, <a href="#{doc_anchor.get(claim["document_id"], "")}">'
                         f'{escape(claim["doc"])}</a>)</span>')
            refs.append(link)
        w(f'<li class="{cls}"><span class="badge {cls}">{mark} {word}</span> <span class="kind">{escape(item.kind)}</span> '
          f'{escape(item.message)}<br><span class="refs">{"; ".join(refs)}</span></li>\n')
    w("</ul>\n</section>\n")

    # Sources.
    from .store import sources as store_sources

    rows = store_sources(db, source)
    if measure:
        rows = [r for r in rows if (r["speaker"], r["speaker_org"]) in by_source]
    rows.sort(key=lambda r: (-by_source.get((r["speaker"], r["speaker_org"]), {}).get("figures", 0), -r["claims"], r["speaker"]))
    w('<section id="sources">\n<h2>Sources: who said what</h2>\n')
    w('<table>\n<thead><tr><th>speaker</th><th>organisation</th><th>also known as</th><th class="num">claims</th>'
      '<th class="num">figures</th><th class="num">in groups</th><th>groups</th></tr></thead>\n<tbody>\n')
    for r in rows:
        entry = by_source.get((r["speaker"], r["speaker_org"]), {"figures": 0, "groups": {}})
        links = ", ".join(f'<a href="#{escape(g.key)}" class="v-{escape(g.verdict)}">{VERDICT_MARK.get(g.verdict, "")} '
                          f"{escape(g.label())}</a>" for g in sorted(entry["groups"].values(), key=_group_order))
        w(f'<tr><td>{escape(r["speaker"])}</td><td>{escape(r["speaker_org"] or "")}</td><td>{escape(r["aliases"] or "")}</td>'
          f'<td class="num">{r["claims"]}</td><td class="num">{r["figures"]}</td><td class="num">{entry["figures"]}</td>'
          f"<td>{links or '<span class=muted>—</span>'}</td></tr>\n")
    if not rows:
        w('<tr><td colspan="7" class="muted">no sources</td></tr>\n')
    w("</tbody>\n</table>\n</section>\n")

    # Documents.
    shown = [d for d in documents if not filtered or figures_per_doc.get(d["id"])]
    w('<section id="documents">\n<h2>Documents</h2>\n')
    if filtered and len(shown) < len(documents):
        w(f'<p class="muted">The {_plural(len(shown), "document")} these filters draw on '
          f"(of {len(documents)} stored).</p>\n")
    w('<table>\n<thead><tr><th>document</th><th>path</th><th>sha256</th><th class="num">claims</th>'
      '<th class="num">figures</th><th class="num">in groups</th></tr></thead>\n<tbody>\n')
    for d in shown:
        paths = "<br>".join(f"<code>{escape(p)}</code>" for p in d["paths"])
        w(f'<tr id="{doc_anchor[d["id"]]}"><td>{escape(d["name"])}</td><td>{paths}</td>'
          f'<td><code title="{escape(d["sha256"])}">{escape(d["sha256"][:12])}</code></td>'
          f'<td class="num">{d["n_claims"]}</td><td class="num">{d["n_figures"]}</td>'
          f'<td class="num">{figures_per_doc.get(d["id"], 0)}</td></tr>\n')
    if not shown:
        w('<tr><td colspan="6" class="muted">no documents</td></tr>\n')
    w("</tbody>\n</table>\n</section>\n</main>\n")
    w(f'<footer><p>Made by claimtrack from <code>{escape(_db_file(db))}</code>. Verdicts follow '
      "<code>claimtrack check figures</code>: exact figures agree when one rounds to the other, "
      "“around” allows 10%, “up to” and “more than” are open on one side; one speaker is one source, the narrator is "
      "one source per document, and a sentence repeated near-verbatim counts once.</p></footer>\n")
    w("</body>\n</html>\n")
    return "".join(out)


def _render_group(w, g: Group, claims: dict[int, dict], doc_anchor: dict[int, str], seen_claims: set[int]) -> None:
    cluster_of = clusters(g)
    w(f'<article class="group v-{escape(g.verdict)}" id="{escape(g.key)}">\n')
    w(f'<h3>{_badge(g.verdict)} {escape(g.label())}</h3>\n')
    facts = [_plural(g.sources, "source"), _plural(len(g.statements), "figure")]
    if g.spread is not None:
        facts.append(f"<strong>{g.spread:.1%} apart</strong>")
    facts.append(f"<code>{escape(g.key)}</code>")
    w(f'<p class="facts">{" · ".join(facts)}</p>\n')
    if g.note:
        w(f'<p class="note">{escape(g.note)}</p>\n')
    w(f'<figure>{chart(g, cluster_of)}\n')
    if g.verdict == "conflict":
        heads: dict[int, Statement] = {}
        for s, c in zip(g.statements, cluster_of):
            heads.setdefault(c, s)
        items = []
        for c, s in heads.items():
            members = [x for x, cc in zip(g.statements, cluster_of) if cc == c]
            speakers = len({x.origin for x in members})
            items.append(f"{marker_icon(c)} {escape(s.surface)} "
                         f"and what agrees with it ({_plural(speakers, 'source')})")
        w(f'<figcaption>Figures that agree share a colour and a marker shape: {" · ".join(items)}</figcaption>\n')
    w("</figure>\n<ol class=\"statements\">\n")
    for i, (s, c) in enumerate(zip(g.statements, cluster_of)):
        claim = claims.get(s.claim_id)
        anchor = ""
        if s.claim_id not in seen_claims:
            seen_claims.add(s.claim_id)
            anchor = f'<span id="claim-{s.claim_id}"></span>'
        if claim:
            sentence = highlight(claim["text"], s.start - claim["char_start"], s.end - claim["char_start"], s.surface)
            doc_link = f'<a href="#{doc_anchor.get(claim["document_id"], "")}">{escape(s.doc)}</a>'
        else:
            sentence = highlight(s.text, -1, -1, s.surface)
            doc_link = escape(s.doc)
        who = f'<span class="speaker">{escape(s.speaker)}</span>'
        if s.speaker_org:
            who += f' <span class="org">({escape(s.speaker_org)})</span>'
        own_origin = fold(s.speaker) if s.speaker != "narrator" else f"narrator of {s.doc}"
        repeat = ""
        if s.origin and s.origin != own_origin:
            repeat = (' <span class="muted">· near-verbatim repeat of an earlier sentence, counted with '
                      f"{escape(s.origin)}</span>")
        approx = APPROX_TEXT.get(s.approx, s.approx)
        value = fmt_value(s.value, s.unit)
        if s.high is not None and s.low is not None and s.high != s.low:
            value = f"{fmt_value(s.low, s.unit)}–{fmt_value(s.high, s.unit)}"
            approx = "a range" if s.approx == "exact" else approx
        w(f'<li id="f-{s.figure_id}" value="{i + 1}">{anchor}'
          f'{marker_icon(c)} <strong class="surface">{escape(s.surface)}</strong>'
          f' <span class="value">= {escape(value)}</span> <span class="approx">({escape(approx)})</span>'
          f' — {who} · {doc_link} · <span class="muted nowrap">claim {s.claim_id}</span>{repeat}\n'
          f"<blockquote>{sentence}</blockquote></li>\n")
    w("</ol>\n</article>\n")


# ---------------------------------------------------------------------------------------

def write_report(db, path, measure: str | None = None, source: str | None = None) -> Path:
    """Render the report and write it to `path` atomically: a reader (or a browser that
    reloads) sees the old file or the new one, never half of one."""
    from .store import StoreError

    path = Path(path)
    page = render_report(db, measure=measure, source=source)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #d8d8d8; --bg: #fff; --soft: #f5f5f2;
  --conflict: #B34700; --corroborated: #006B4F; --single: #5b5b5b; --warn: #8A5A00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; color: var(--ink); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: .4rem 0; }
a { color: #00529B; }
code { font: .85em/1.3 "DejaVu Sans Mono", ui-monospace, monospace; background: var(--soft); padding: 0 .25em;
  border-radius: 3px; word-break: break-all; }
.meta, .muted, .facts { color: var(--muted); }
.muted { font-size: .92em; }
.nowrap { white-space: nowrap; }
.summary { list-style: none; padding: 0; margin: 1rem 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.summary li { border: 1px solid var(--rule); border-radius: 6px; padding: .35rem .7rem; background: var(--soft); }
.summary li a { color: inherit; text-decoration: none; }
.summary b { font-size: 1.25rem; margin-right: .2rem; }
.summary li.conflict { border-color: var(--conflict); color: var(--conflict); }
.summary li.corroborated { border-color: var(--corroborated); color: var(--corroborated); }
.summary li.warn { border-color: var(--warn); color: var(--warn); }
.summary li.none { color: var(--muted); }
.toc { border: 1px solid var(--rule); border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
.toc h2 { border: 0; margin: .6rem 0 0; font-size: 1.1rem; }
.toc h3 { font-size: .95rem; margin: .7rem 0 .2rem; color: var(--muted); }
.toc ul { margin: 0; padding-left: 1.1rem; }
.toc .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.count { font-size: .85em; margin-left: .2em; }
.count.conflict { color: var(--conflict); font-weight: 700; }
.count.corroborated { color: var(--corroborated); }
.count.single-source { color: var(--single); }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; letter-spacing: .02em; padding: .05rem .45rem;
  border-radius: 999px; border: 1.5px solid currentColor; white-space: nowrap; vertical-align: .08em; }
.badge.conflict { color: #fff; background: var(--conflict); border-color: var(--conflict); }
.badge.corroborated { color: var(--corroborated); background: #E3F4EE; }
.badge.single-source { color: var(--single); background: #EFEFEF; border-style: dashed; }
.badge.ok { color: var(--corroborated); background: #E3F4EE; }
.badge.warn { color: var(--warn); background: #FFF3D6; }
.verdict-index ul { margin: .2rem 0 .8rem; }
.measure > h2 { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 1.15rem; }
.group { border: 1px solid var(--rule); border-left: 6px solid var(--single); border-radius: 6px;
  padding: .6rem 1rem .4rem; margin: 0 0 1.2rem; }
.group.v-conflict { border-left-color: var(--conflict); }
.group.v-corroborated { border-left-color: var(--corroborated); }
.group .facts { margin: 0 0 .3rem; font-size: .9em; }
.group .note { margin: 0 0 .3rem; font-size: .9em; color: var(--conflict); }
figure { margin: .3rem 0 .5rem; }
figcaption { font-size: .9em; color: var(--muted); }
svg.chart, svg.legend { max-width: 100%; height: auto; display: block; }
svg text { font: 12px "DejaVu Sans", "Liberation Sans", system-ui, sans-serif; fill: var(--ink); }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: #ececec; stroke-width: 1; }
svg .axis { stroke: #9a9a9a; stroke-width: 1; }
svg.icon { vertical-align: -3px; }
ol.statements { padding-left: 1.6rem; margin: .2rem 0 .4rem; }
ol.statements li { margin: .35rem 0 .6rem; }
.surface { font-size: 1.02em; }
.value, .approx { color: var(--muted); font-size: .92em; }
.speaker { font-weight: 600; }
blockquote { margin: .2rem 0 0; padding: .2rem .7rem; border-left: 3px solid var(--rule); background: var(--soft);
  color: #2b2b2b; overflow-wrap: anywhere; }
mark { background: #FFE08A; color: inherit; padding: 0 .1em; border-radius: 2px; font-weight: 600; }
ul.arith { padding-left: 0; list-style: none; }
ul.arith li { margin: .5rem 0; padding: .4rem .7rem; border-radius: 6px; background: var(--soft); }
ul.arith .kind { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .85em; color: var(--muted); }
ul.arith .refs { font-size: .9em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
a.v-conflict { color: var(--conflict); font-weight: 600; }
:target { scroll-margin-top: 1rem; }
article.group:target, tr:target, li:target { outline: 3px solid #F0C24B; outline-offset: 2px; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule); }
@media (max-width: 700px) { .toc .cols { grid-template-columns: 1fr; } body { padding: 12px; } }
@media print {
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .toc { break-after: page; }
  .group, tr, ul.arith li, .verdict-index { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  article.group:target, tr:target, li:target { outline: none; }
  blockquote { background: none; }
}
"""
