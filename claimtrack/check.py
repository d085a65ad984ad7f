"""Cross-check figures: which agree, which conflict, which rest on one source.

Figures are grouped by what they state: measure, unit and the qualifiers that separate two
legitimately different figures (place, holder, period, status, role). A physical quantity or
a duration is grouped by the base unit of its dimension and compared in it, so "1,000 km"
and "621 miles" are one group and agree. The rows arrive sorted
from SQL and are consumed one group at a time, so memory is bounded by the largest group,
not the database. Within a group only documents of one story are compared (documents that
share a name they keep returning to), so unrelated stories in one database never conflict.

Agreement respects how a figure was stated: an exact figure stands for the interval it
rounds from (`$1.3bn` covers $1.25bn, `$1.2bn` does not), `around` allows 10%,
`up to` and `more than` are half-open, and a range covers its ends. A converted figure is
widened as written and then converted: the half-unit of "621 miles" is half a mile (805 m),
"around 20C" is 18-22C, not 10% of 293 K.

Money in different currencies is never compared: each currency is its own group. Given
exchange rates to one currency (`--fx FILE`), money in those currencies is converted and
grouped with it; two figures first stated in different currencies then agree within the
rates' tolerance (default 2%), as a rate of another day may have been used.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import math
import multiprocessing
import operator
import os
import pickle
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from .speakers import fold, proper_names
from .store import document_names, document_topics, group_reviews

AROUND = 0.10  # "around $7bn" agrees with anything within 10%
NEAR_DUPLICATE = 0.8  # word-overlap above which two sentences are one origin (wire copy)
NEAR_WINDOW = 32  # distinct sentences a new one is compared with (exact copies are found by lookup)


@dataclass
class Statement:
    figure_id: int
    claim_id: int
    doc: str
    speaker: str
    speaker_org: str | None
    text: str
    surface: str
    value: float
    low: float | None
    high: float | None
    unit: str | None
    approx: str
    start: int
    end: int
    origin: str = ""
    repeats: list[str] = field(default_factory=list)
    # A physical figure's value, low and high are in its base unit: base = slope * written + offset.
    slope: float = 1.0
    offset: float = 0.0
    # Money converted with --fx rates: the currency it was stated in, and the rates' tolerance.
    stated_in: str | None = None
    fx_tolerance: float = 0.0


@dataclass
class Rates:
    """Exchange rates to one currency: 1 unit of each currency in `rates` is worth `rate` of `to`."""

    to: str
    rates: dict[str, float]
    tolerance: float = 0.02


def load_rates(path) -> Rates:
    """Rates from JSON ({"to": "USD", "rates": {"GBP": 1.27}, "tolerance": 0.02}) or CSV with the
    header `from,to,rate` (one `to` for every row)."""
    import csv
    import json
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    try:
        if Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{"):
            data = json.loads(text)
            rates = Rates(str(data["to"]).upper(), {k.upper(): float(v) for k, v in data["rates"].items()},
                          float(data.get("tolerance", 0.02)))
        else:
            rows = list(csv.DictReader(text.splitlines()))
            targets = {r["to"].strip().upper() for r in rows}
            if len(targets) != 1:
                raise ValueError(f"every row must convert to one currency, not {sorted(targets)}")
            rates = Rates(targets.pop(), {r["from"].strip().upper(): float(r["rate"]) for r in rows})
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a rates file ({exc}); see `claimtrack check figures --help`") from exc
    if any(not (v > 0 and math.isfinite(v)) for v in rates.rates.values()):
        raise ValueError(f"{path}: rates must be positive numbers")
    rates.rates.pop(rates.to, None)
    return rates


@dataclass
class Group:
    key: str
    measure: str
    unit: str | None
    place: str | None
    holder: str | None
    period: str | None
    status: str | None
    role: str | None
    verdict: str
    sources: int
    spread: float | None
    statements: list[Statement]
    note: str = ""
    review: str | None = None  # the latest checker's rating of this group, if any
    subject: str | None = None  # whose figure, for measures that belong to one company or body

    def label(self) -> str:
        quals = [f"{k}={v}" for k, v in (("subject", self.subject), ("place", self.place), ("holder", self.holder), ("period", self.period),
                                          ("status", self.status), ("role", self.role)) if v]
        return f"{self.measure} ({self.unit or 'no unit'})" + (f" [{', '.join(quals)}]" if quals else "")

    def as_dict(self) -> dict:
        """`dataclasses.asdict(self)`, built directly: asdict deep-copies every value and is
        most of the cost of writing a million figures as JSON."""
        d = dict(self.__dict__)
        d["statements"] = [{**s.__dict__, "repeats": list(s.repeats)} for s in self.statements]
        return d


@dataclass
class Warning:
    kind: str
    message: str
    claim_ids: list[int]
    key: str = ""


@dataclass
class Report:
    groups: list[Group] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: list[Warning] = field(default_factory=list)
    consistent: list[Warning] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return self.counts.get("conflict", 0)

    def as_dict(self) -> dict:
        return {"groups": [g.as_dict() for g in self.groups], "warnings": [asdict(w) for w in self.warnings],
                "consistent": [asdict(w) for w in self.consistent],
                "summary": summary(self)}


def summary(report: Report) -> dict:
    return {"groups": sum(report.counts.values()), **report.counts, "warnings": len(report.warnings)}


# ---------------------------------------------------------------------------------------
# Agreement.

_NUMBER_IN_SURFACE = re.compile(r"\d[\d,\s\u00a0]*(?:\.(\d+))?")


def half_unit(surface: str, value: float) -> float:
    """Half the last stated digit, in the figure's own scale: '$1.25 billion' -> 0.005e9."""
    m = _NUMBER_IN_SURFACE.search(surface)
    if not m:
        return abs(value) * 0.05  # a number in words is a round number
    written = float(_SEPARATORS.sub("", m.group(0)) or 0)
    decimals = len(m.group(1) or "")
    scale = abs(value) / written if written else 1.0
    return 0.5 * 10 ** -decimals * scale


def _written(s: Statement, x: float | None) -> float | None:
    return None if x is None else (x - s.offset) / s.slope


_half_unit = lru_cache(maxsize=65536)(half_unit)  # surfaces repeat ("$1.2bn"): one regex search each


def _half(s: Statement) -> float:
    """half_unit in the statement's (base) unit: half a written mile is 804.67 m."""
    return _half_unit(s.surface, _written(s, s.value)) * s.slope


def interval(s: Statement, tolerance: float = 0.0) -> tuple[float, float]:
    if tolerance:
        # a figure converted at another day's rate: its interval, widened by the rates' tolerance
        lo, hi = interval(s)
        return lo - abs(lo) * tolerance, hi + abs(hi) * tolerance
    if s.slope != 1.0 or s.offset:
        # Widen the figure as it was written, then convert the ends: "around 20C" is 18-22C.
        w = replace(s, value=_written(s, s.value), low=_written(s, s.low), high=_written(s, s.high),
                    slope=1.0, offset=0.0)
        lo, hi = interval(w)
        return lo * s.slope + s.offset, hi * s.slope + s.offset
    low = s.low if s.low is not None else s.value
    high = s.high if s.high is not None else s.value
    if s.approx == "around":
        return low * (1 - AROUND), high * (1 + AROUND)
    if s.approx in ("up_to", "less_than"):
        return (0.0 if high >= 0 else -math.inf), high
    if s.approx in ("more_than", "vague_at_least"):
        return low, math.inf
    hu = _half(s)
    return low - hu, high + hu


def agree(a: Statement, b: Statement) -> bool:
    tolerance = max(a.fx_tolerance, b.fx_tolerance) if a.stated_in != b.stated_in else 0.0
    if tolerance:
        lo_a, hi_a = interval(a, tolerance)
        lo_b, hi_b = interval(b, tolerance)
        return lo_a <= hi_b and lo_b <= hi_a
    if a.approx == b.approx == "exact" and a.high is None and b.high is None:
        # The less precise figure must be the rounding of the more precise one (half up).
        ha, hb = _half(a), _half(b)
        coarse, fine = (a, b) if ha >= hb else (b, a)
        hu = max(ha, hb)
        return coarse.value - hu - 1e-9 * abs(coarse.value) <= fine.value < coarse.value + hu - 1e-9 * abs(coarse.value) or math.isclose(a.value, b.value)
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


def spread(statements: list[Statement]) -> float | None:
    values = [s.value for s in statements]
    lo, hi = min(values), max(values)
    if lo <= 0:
        return None
    return (hi - lo) / lo


# ---------------------------------------------------------------------------------------
# Origins: one speaker is one source; the narrator is one per document; a sentence repeated
# near-verbatim (wire copy, a press release) is one origin however many outlets carry it.

_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"[,\s\u00a0]")


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, frozenset[str]]:
    """A sentence's words as one string (copies differ at most in spacing and marks) and as a set."""
    tokens = _WORD.findall(text.lower())
    return " ".join(tokens), frozenset(tokens)


def _alike(words: frozenset[str], other: frozenset[str]) -> bool:
    """Word overlap (Jaccard) of at least NEAR_DUPLICATE. Sizes are compared first: a set
    less than NEAR_DUPLICATE of the other's size cannot overlap it that much, so most pairs
    are ruled out without building an intersection."""
    n, m = len(words), len(other)
    if n < m * NEAR_DUPLICATE - 1e-9 or m < n * NEAR_DUPLICATE - 1e-9:
        return False
    shared = len(words & other)
    union = n + m - shared
    return bool(union) and shared / union >= NEAR_DUPLICATE


def assign_origins(statements: list[Statement]) -> None:
    """A near-verbatim copy of a sentence already seen is the same origin, unless its figure
    differs: a copy that changed the number is exactly the conflict we are looking for."""
    if len(statements) == 1:
        s = statements[0]
        s.origin = fold(s.speaker) if s.speaker != "narrator" else f"narrator of {s.doc}"
        return
    exact: dict[str, tuple[str, Statement]] = {}
    seen: list[tuple[frozenset[str], str, Statement]] = []
    first_said: dict[str, Statement] = {}
    for s in statements:
        key, words = _tokens(s.text)
        hit = exact.get(key)
        if hit is not None and agree(s, hit[1]):
            s.origin = hit[0]
            continue
        for other_words, origin, first in seen[-NEAR_WINDOW:]:
            if _alike(words, other_words) and agree(s, first):
                s.origin = origin
                break
        else:
            s.origin = _speaker_origin(s, first_said)
            seen.append((words, s.origin, s))
        if hit is None:
            exact[key] = (s.origin, s)


def _speaker_origin(s: Statement, first_said: dict[str, Statement]) -> str:
    """One speaker is one source, but two documents reporting one speaker with figures that
    disagree are two accounts of what was said: one of them misreports it, a conflict."""
    if s.speaker == "narrator":
        return f"narrator of {s.doc}"
    origin = fold(s.speaker)
    first = first_said.setdefault(origin, s)
    if first.doc != s.doc and not agree(s, first):
        return f"{origin} in {s.doc}"
    return origin


def verdict_for(statements: list[Statement]) -> tuple[str, int, str]:
    if len(statements) == 1:
        return "single-source", 1, ""
    by_origin: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        by_origin[s.origin].append(s)
    if len(by_origin) < 2:
        return "single-source", len(by_origin), ""
    # Agreement is overlap of the intervals figures stand for, so sorted by value it is enough
    # to compare neighbours and the two extremes: linear, however many sources a group has.
    representatives = sorted((group[0] for group in by_origin.values()), key=lambda s: (s.value, s.high or s.value))
    pairs = [(representatives[0], representatives[-1])] + list(zip(representatives, representatives[1:]))
    for a, b in pairs:
        if not agree(a, b):
            return "conflict", len(by_origin), f"{a.surface!s} ({a.speaker}) vs {b.surface!s} ({b.speaker})"
    return "corroborated", len(by_origin), ""


# ---------------------------------------------------------------------------------------
# Within a story, statements are compared only when their sentences name the same thing:
# "The Wexcombe hospital will cost A$3bn" and "The Kirkwall terminal will cost A$1bn" are
# two figures, even in documents that share a name elsewhere.

_HEAD_NOUN = re.compile(r"\s+([a-z]{3,})\b")
_NOT_HEADS = frozenset({"the", "and", "for", "with", "has", "had", "have", "was", "were", "will", "would", "could",
                        "said", "says", "that", "which", "who", "from", "into", "than", "its", "their", "also", "may",
                        "can", "are", "not", "but", "this", "are", "been", "being", "should", "must", "might"})


_CURRENCY_AFTER = re.compile(r" ?[$€£¥₹₦\d]")


@lru_cache(maxsize=8192)
def sentence_names(text: str) -> dict[str, str | None]:
    """Specific names a sentence mentions, each with the noun it heads, if any:
    "the Meridian store" -> {"meridian": "store"}; "the Meridian terminal" is another thing."""
    names: dict[str, str | None] = {}
    for name in proper_names(text, openers=True):
        head = None
        at = text.find(name)
        if at >= 0 and _CURRENCY_AFTER.match(text, at + len(name)):
            continue  # "NZ$74m", "KSh 30m": a currency, shared by every figure in it
        m = _HEAD_NOUN.match(text, at + len(name)) if at >= 0 else None
        if m and m.group(1) not in _NOT_HEADS and not m.group(1).endswith(("ed", "ing", "ly")):
            head = m.group(1)
        key = fold(name)
        names[key] = names.get(key) or head
    return names


def _about(s: Statement) -> dict[str, str | None]:
    """The names a statement's sentence says its figure is about, not who says it."""
    source = {fold(s.speaker), fold(s.speaker_org or "")}
    return {n: h for n, h in sentence_names(s.text).items() if n not in source}


_LOWER_WORD = re.compile(r"(?<![\w$€£¥₹₦])[a-z]+\b")


@lru_cache(maxsize=16384)
def _wording(text: str) -> frozenset[str]:
    """A sentence's own words, without its names and numbers: "About 500,000 people were
    affected, Bloomberg reported" and "About 250,000 people were affected, Le Monde
    reported" are one sentence, however the names and figures differ."""
    return frozenset(_LOWER_WORD.findall(text))


def _same_wording(statements: list[Statement], link) -> None:
    """Link statements worded alike (one wording kept per distinct word set; a new wording is
    compared with the NEAR_WINDOW latest, so this stays linear in the group's size)."""
    shapes: dict[frozenset[str], int] = {}
    order: list[tuple[frozenset[str], int]] = []  # shapes in insertion order, for the window
    for i, s in enumerate(statements):
        words = _wording(s.text)
        j = shapes.get(words)
        if j is not None:
            link(i, j)
            continue
        if words:
            for other, j in order[-NEAR_WINDOW:]:
                if _alike(words, other):
                    link(i, j)
        shapes[words] = i
        order.append((words, i))


def clusters_by_sentence(statements: list[Statement]) -> list[list[Statement]]:
    """Split a group's statements into those that can be about one thing: linked when their
    sentences share a specific name or are worded alike; a sentence naming nothing joins
    its own document's cluster (or the largest one)."""
    if len(statements) < 2:
        return [statements]
    names = [_about(s) for s in statements]
    parent = list(range(len(statements)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(i, j):
        parent[find(i)] = find(j)

    _same_wording(statements, link)

    # A name links statements that use it with the same head noun ("the Meridian store"), or
    # where either side has none; each (name, head) keeps one representative, so this stays
    # linear in the number of statements.
    first: dict[tuple[str, str | None], int] = {}
    heads: dict[str, set[str | None]] = defaultdict(set)
    for i, ns in enumerate(names):
        for n, head in ns.items():
            targets = list(heads[n]) if head is None else [head, None]
            for h in targets:
                if (n, h) in first:
                    parent[find(i)] = find(first[(n, h)])
            if (n, head) not in first:
                first[(n, head)] = i
            heads[n].add(head)
    named = [i for i, ns in enumerate(names) if ns]
    if not named:
        return [statements]  # nothing names anything: the story alone decides
    # A sentence naming nothing joins the first named sentence of its document, else the
    # cluster with the most named sentences (the earliest such on a tie). Counts are kept
    # per root and the largest is recomputed only when a merge changes them.
    first_in_doc: dict[str, int] = {}
    count: dict[int, int] = defaultdict(int)  # root -> named statements under it
    earliest: dict[int, int] = {}  # root -> its first named statement
    for j in named:
        first_in_doc.setdefault(statements[j].doc, j)
        r = find(j)
        count[r] += 1
        earliest.setdefault(r, j)
    largest = None
    for i, ns in enumerate(names):
        if ns:
            continue
        j = first_in_doc.get(statements[i].doc)
        if j is not None:
            target = find(j)
        else:
            if largest is None:
                largest = max(count, key=lambda r: (count[r], -earliest[r]))
            target = largest
        root = find(i)
        if root == target:
            continue
        parent[root] = target
        if count.get(root):
            count[target] += count.pop(root)
            earliest[target] = min(earliest[target], earliest.pop(root))
            largest = None
    out: dict[int, list[Statement]] = defaultdict(list)
    for i, s in enumerate(statements):
        out[find(i)].append(s)
    return list(out.values())


def coverage_clusters(statements: list[Statement], docs: list[int], stories: Stories) -> list[list[Statement]]:
    """Split one story's statements of one key into those that may be compared: statements
    of one document or of documents directly linked, and statements whose own sentences
    name the same distinctive thing. A story can chain documents that share little ("the
    plant produced 500,000 megawatts" in two documents linked only through a third); a
    figure whose sentence names nothing specific is compared only where its document is
    known to cover the same story. `docs` holds each statement's document id."""
    by_doc: dict[int, list[Statement]] = {}
    for s, d in zip(statements, docs):
        members = by_doc.get(d)
        if members is None:
            by_doc[d] = [s]
        else:
            members.append(s)
    if len(by_doc) == 1:
        return [statements]
    order = list(by_doc)
    parent = list(range(len(order)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Linked directly, or through one document that covers both (which need not state
    # this figure itself): stories are told by a few outlets that each share names with
    # some of the others, rarely with all. Two documents are either when their closed
    # neighbourhoods (each with its direct neighbours) meet.
    if len(order) <= 16:
        closed = [stories.closed(d) for d in order]
        for i in range(1, len(order)):
            for j in range(i):
                if not closed[i].isdisjoint(closed[j]):
                    parent[find(i)] = find(j)
    else:  # many documents: one pass over their neighbours, not every pair
        holder: dict[int, int] = {}  # a document (stating the figure or not) -> the first that covers it
        for i, d in enumerate(order):
            for n in stories.closed(d):
                j = holder.setdefault(n, i)
                if j != i:
                    parent[find(i)] = find(j)
    if len({find(i) for i in range(len(order))}) > 1:
        first_doc: dict[str, int] = {}
        weight = stories.weight
        for i, d in enumerate(order):
            for s in by_doc[d]:
                for name in sentence_names(s.text):
                    if weight.get(name, 0.0) >= DISTINCT:
                        parent[find(i)] = find(first_doc.setdefault(name, i))
    roots = {d: find(i) for i, d in enumerate(order)}
    if len(set(roots.values())) == 1:
        return [statements]
    out: dict[int, list[Statement]] = defaultdict(list)
    for s, d in zip(statements, docs):
        out[roots[d]].append(s)
    return list(out.values())


# ---------------------------------------------------------------------------------------
# Stories: documents linked by the distinctive names they share.
#
# How distinctive a name is comes from the database itself: a name two documents share and
# no other is as distinctive as a name can be (weight 1); a name found in most documents
# ("Reuters", "the Bank of England") weighs nearly nothing. Two documents cover one story
# when the names they share weigh at least LINK: the company and its project, the project
# and its chief executive - never one reused city, or a bank that is quoted everywhere.

LINK = 1.5  # shared distinctiveness that makes two documents one story: 1.5 names found nowhere else
COMMON = 0.5  # a name weighing less than this (in ~1 in 30 documents of 2,000) links nothing
PLACE = 0.5  # a place is the setting of many stories: its weight counts half
SMALL = 20  # up to this many documents, every name counts as distinctive
DISTINCT = 0.7  # a name in a figure's own sentence this distinctive says what the figure is about


@dataclass
class Stories:
    """Each document's story, the documents directly linked, and how distinctive each name is."""

    label: dict[int, str] = field(default_factory=dict)
    neighbours: dict[int, set[int]] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)

    def get(self, doc: int, default=None):
        return self.label.get(doc, default)

    def linked(self, a: int, b: int) -> bool:
        return a == b or b in self.neighbours.get(a, ())

    def closed(self, doc: int) -> frozenset[int]:
        """The document and its direct neighbours (computed once per document)."""
        cache = self.__dict__.setdefault("_closed", {})
        found = cache.get(doc)
        if found is None:
            found = cache[doc] = frozenset(self.neighbours.get(doc, ())) | {doc}
        return found


def _story_names(topics: list[str]) -> set[str]:
    """A document's topics, folded, with an acronym dropped when its expansion is there too
    ("NAO" and "National Audit Office" are one name, not two shared names)."""
    names = {fold(n) for n in topics} - {""}
    initials = {"".join(w[0] for w in n.split()) for n in names if len(n.split()) >= 2}
    return {n for n in names if n not in initials}


def _rarity(names_of: dict[int, set[str]]) -> dict[str, float]:
    """1 for a name two documents share and no other, falling towards 0 for a name in all."""
    n_docs = len(names_of)
    df: dict[str, int] = defaultdict(int)
    for names in names_of.values():
        for name in names:
            df[name] += 1
    if n_docs <= SMALL:
        return dict.fromkeys(df, 1.0)  # a handful of documents cannot tell a common name from a rare one
    scale = math.log((n_docs + 1) / 2)
    return {name: min(1.0, math.log((n_docs + 1) / d) / scale) for name, d in df.items()}


def _links(names_of: dict[int, set[str]], rarity: dict[str, float],
           weight: dict[str, float]) -> Iterator[tuple[int, int]]:
    """Pairs of documents whose shared names weigh enough. Only names rarer than COMMON are
    indexed, so the pairs enumerated stay few however large the database."""
    docs_of: dict[str, list[int]] = defaultdict(list)
    for doc, names in names_of.items():
        for name in names:
            if rarity[name] >= COMMON:
                docs_of[name].append(doc)
    score: dict[tuple[int, int], float] = defaultdict(float)
    for name, docs in docs_of.items():
        if len(docs) < 2:
            continue
        w = weight[name]
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                score[(a, b)] += w
    for (a, b), total in score.items():
        # A short piece (a wire brief) names one thing: sharing it is enough.
        needed = LINK if min(len(names_of[a]), len(names_of[b])) > 1 else LINK / 2
        if total >= needed - 1e-9:
            yield a, b


def _places(db) -> set[str]:
    """Names the database's figures use as places ("in Kenya"): settings, not stories."""
    return {fold(r["place"]) for r in db.query("SELECT DISTINCT place FROM figures WHERE place IS NOT NULL")}


def story_components(db) -> Stories:
    names_of = {doc: _story_names(topics) for doc, topics in document_topics(db).items()}
    rarity = _rarity(names_of)
    places = _places(db)
    place_words = {w for p in places for w in p.split()}
    # "Seoul SEOUL" (a headline's last word and a dateline) is a place too.
    weight = {name: r * (PLACE if name in places or set(name.split()) <= place_words else 1.0)
              for name, r in rarity.items()}
    parent = {doc: doc for doc in names_of}
    neighbours: dict[int, set[int]] = defaultdict(set)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _links(names_of, rarity, weight):
        neighbours[a].add(b)
        neighbours[b].add(a)
        parent[find(a)] = find(b)
    roots = {doc: find(doc) for doc in names_of}
    # Name each story by its alphabetically first document name, not by a row id, so a
    # group's key stays the same when documents are re-ingested (reviews refer to it).
    names = document_names(db)
    label: dict[int, str] = {}
    for doc, root in roots.items():
        name = names.get(doc, str(doc))
        label[root] = min(label.get(root, name), name)
    return Stories({doc: label[root] for doc, root in roots.items()}, dict(neighbours), weight)


# ---------------------------------------------------------------------------------------

GROUP_COLUMNS = ("measure", "g_unit", "g_subject", "g_place", "g_holder", "g_period", "g_status", "g_role")

# Every figure is read once, so the table is scanned in row order (the unary `+` keeps the
# planner off the measure index, whose order is random access into figures and claims: twice
# the time on a million figures) and sorted in one pass; `--measure` (in {extra}) still uses it.
_ROWS_SQL = """
SELECT figures.id AS figure_id, figures.claim_id, figures.document_id, documents.name AS doc,
       coalesce(claims.speaker, 'narrator') AS speaker, claims.speaker_org, claims.text, figures.surface,
       figures.value, figures.low, figures.high, figures.unit, figures.approx, figures.char_start, figures.char_end,
       figures.base_value, figures.base_unit, figures.kind,
       CASE {fx_case} WHEN figures.base_unit IS NOT NULL AND figures.base_value IS NOT NULL THEN figures.base_unit
            WHEN figures.kind = 'count' THEN lower(figures.unit) ELSE figures.unit END AS g_unit,
       figures.measure, lower(coalesce(figures.place, '')) AS g_place, lower(coalesce(figures.holder, '')) AS g_holder,
       lower(coalesce(figures.period, '')) AS g_period, coalesce(figures.status, '') AS g_status,
       CASE WHEN figures.role IN ('change', 'old') THEN figures.role ELSE '' END AS g_role,
       lower(coalesce(figures.subject, '')) AS g_subject,
       claims.source_key, figures.place AS place_text, figures.holder AS holder_text, figures.subject AS subject_text
FROM figures JOIN claims ON claims.id = figures.claim_id JOIN documents ON documents.id = figures.document_id
WHERE +figures.measure IS NOT NULL AND claims.kind != 'question' AND NOT (claims.kind = 'heading' AND claims.text LIKE '%?')
      {extra}
ORDER BY +figures.measure, g_unit, g_subject, g_place, g_holder, g_period, g_status, g_role, figures.document_id,
         figures.char_start
"""


def _anchor_text(statements: list[Statement]) -> str:
    """A stable name for one of several clusters of a group: its first sentence's text."""
    first = min(statements, key=lambda s: (s.doc, s.start))
    return f"{first.doc}:{first.text[:80]}"


def _group_key(parts: tuple) -> str:
    return "g-" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:10]


def _default_part_of() -> dict[str, list[str]]:
    from .vocab import default_vocab

    return {name: spec["part_of"] for name, spec in default_vocab().table("measures").items() if spec.get("part_of")}


def iter_check(db, report: Report, measure: str | None = None, source: str | None = None,
               verdict: str | None = None, reviewed: bool | None = None,
               part_of: dict[str, list[str]] | None = None, fx: Rates | None = None) -> Iterator[Group]:
    """Yield the groups one at a time, as SQL delivers their rows (memory is bounded by the
    largest group); when the groups are exhausted, `report` holds the arithmetic warnings
    and `report.counts` the verdict counts of everything yielded. With `fx`, money in the
    rates' currencies is compared in the rates' target currency."""
    with _rare_collections():
        yield from _iter_check(db, report, measure, source, verdict, reviewed, part_of, fx)


@contextmanager
def _rare_collections(first_generation: int = 100_000):
    """A million rows make millions of short-lived objects and no reference cycles: with the
    default threshold (700) the collector ran ~4,000 times and re-scanned the long-lived story
    tables ~20 times, 13-15% of the run (bench/queries). Restored when the pass ends."""
    before = gc.get_threshold()
    raised = (max(before[0], first_generation), *before[1:])
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:  # not if an interleaved pass has set its own since
            gc.set_threshold(*before)


def _iter_check(db, report: Report, measure: str | None, source: str | None, verdict: str | None,
                reviewed: bool | None, part_of: dict[str, list[str]] | None, fx: Rates | None,
                stories: Stories | None = None, measures: tuple[str, str] | None = None,
                arithmetic: bool = True) -> Iterator[Group]:
    """The groups of `iter_check`; `measures` (first, last) limits them to a run of measures
    in sort order, and `arithmetic=False` leaves the warnings to the caller (`iter_rendered`)."""
    extra, params = _filter_sql(measure)
    if measures:
        extra += " AND +figures.measure BETWEEN ? AND ?"  # `+`: a range still scans in row order
        params = [*params, *measures]
    stories = stories or story_components(db)
    reviews = group_reviews(db)
    # Plain tuples read by position: a million rows are grouped here, and sqlite3.Row's
    # indexing costs twice a tuple's.
    cursor = db.conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(*_rows_sql(extra, params, fx))
    columns = {d[0]: i for i, d in enumerate(cursor.description)}
    make = _statement_maker(columns, fx)
    i_doc, i_source, label = columns["document_id"], columns["source_key"], stories.label
    for key, group_rows in itertools.groupby(rows, key=operator.itemgetter(*(columns[c] for c in GROUP_COLUMNS))):
        by_story: dict[str, list] = {}
        for row in group_rows:
            doc = row[i_doc]
            story = label.get(doc, doc)
            members = by_story.get(story)
            if members is None:
                by_story[story] = [row]
            else:
                members.append(row)
        for story, story_rows in by_story.items():
            for group, members in _groups_of_story(key, story, story_rows, stories, make, columns):
                if source and not any(fold(source) in r[i_source] for r in members):
                    continue
                if verdict and group.verdict != verdict:
                    continue
                review = reviews.get(group.key)
                group.review = review["rating"] if review else None
                if reviewed is not None and (group.review is not None) != reviewed:
                    continue
                report.counts[group.verdict] += 1
                yield group
    if arithmetic:
        _arithmetic_checks(db, report, stories, measure, source, part_of, fx)


# ---------------------------------------------------------------------------------------
# The same pass on several cores: each worker process forms the groups of one run of
# measures (the rows are sorted by measure first, so runs in sort order keep the output in
# iter_check's order), renders them and spills them to a temporary file; this process then
# streams the files in order. Memory stays bounded: no worker keeps its groups.

_SPLIT_MIN_FIGURES = 200_000  # below this a second process costs more than it saves
_WORKER_CACHE_KIB = 16_384


def iter_rendered(db, report: Report, render: Callable[[Group], object], jobs: int | None = None,
                  measure: str | None = None, source: str | None = None, verdict: str | None = None,
                  reviewed: bool | None = None, part_of: dict[str, list[str]] | None = None,
                  fx: Rates | None = None, split_from: int = _SPLIT_MIN_FIGURES) -> Iterator[object]:
    """`render(group)` for each group `iter_check` would yield, in the same order, formed by
    up to `jobs` processes (default: all cores) when the database has at least `split_from`
    figures with a measure. `report` ends as iter_check leaves it."""
    jobs = jobs or os.cpu_count() or 1
    path = _database_file(db)  # workers open it themselves: an in-memory database stays in one process
    parallel = jobs > 1 and not measure and path and _can_fork()
    # Twice as many runs as processes: a run that is slow to check (many conflicting figures)
    # then holds up one process, not the whole pass, and the first runs are streamed out
    # while the later ones are still being formed.
    runs = _measure_runs(db, 2 * jobs, split_from) if parallel else []
    if len(runs) < 2:
        for group in iter_check(db, report, measure, source, verdict, reviewed, part_of, fx):
            yield render(group)
        return
    stories = story_components(db)
    global _WORK
    _WORK = _Work(path, render, stories, source, verdict, reviewed, fx)
    spills: list[str] = []
    try:
        for _ in runs:
            spills.append(_spill_file())  # one by one: those made before a failure are removed below
        context = multiprocessing.get_context("fork")
        # An executor, not a Pool: a worker that dies (killed, out of memory) fails the pass
        # with BrokenProcessPool instead of leaving it waiting for ever.
        with ProcessPoolExecutor(min(jobs, len(runs)), mp_context=context) as pool:
            done = pool.map(_render_run, [(first, last, spill) for (first, last), spill in zip(runs, spills)])
            # This process would only wait meanwhile: the arithmetic checks run here.
            _arithmetic_checks(db, report, stories, measure, source, part_of, fx)
            for counts, spill_path in done:
                for verdict_name, n in counts.items():
                    report.counts[verdict_name] += n
                with open(spill_path, "rb") as spill:
                    while True:
                        try:
                            yield pickle.load(spill)
                        except EOFError:
                            break
                _remove_spill(spill_path)  # as soon as it is streamed: disk is freed run by run
    finally:
        _WORK = None
        for spill in spills:
            _remove_spill(spill)


@dataclass
class _Work:
    path: str
    render: Callable[[Group], object]
    stories: Stories
    source: str | None
    verdict: str | None
    reviewed: bool | None
    fx: Rates | None


_WORK: _Work | None = None  # set before the workers fork: they inherit it instead of unpickling it


def _render_run(run: tuple[str, str, str]) -> tuple[dict, str]:
    """In a worker: the rendered groups of one run of measures, spilled to `run`'s file."""
    from .store import open_db

    first, last, path = run
    work = _WORK
    report = Report()
    db = open_db(work.path, create=False)
    # One sequential scan and sort: a large page cache buys nothing here and would be held
    # once per process.
    db.conn.execute(f"PRAGMA cache_size = -{_WORKER_CACHE_KIB}")
    try:
        with open(path, "wb") as spill, _rare_collections():
            for group in _iter_check(db, report, None, work.source, work.verdict, work.reviewed, None, work.fx,
                                     stories=work.stories, measures=(first, last), arithmetic=False):
                pickle.dump(work.render(group), spill, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        db.conn.close()
    return dict(report.counts), path


def _measure_runs(db, parts: int, split_from: int) -> list[tuple[str, str]]:
    """Up to `parts` runs of measures (first, last) holding about equal numbers of figures."""
    counts = db.conn.execute("SELECT measure, count(*) FROM figures WHERE measure IS NOT NULL "
                             "GROUP BY measure ORDER BY measure").fetchall()
    total = sum(n for _, n in counts)
    if total < max(split_from, 1) or len(counts) < 2:
        return []
    runs, first, seen = [], None, 0
    for i, (name, n) in enumerate(counts):
        first = first if first is not None else name
        seen += n
        if seen >= total * (len(runs) + 1) / parts or i == len(counts) - 1:
            runs.append((first, name))
            first = None
    return runs


def _spill_file() -> str:
    fd, path = tempfile.mkstemp(prefix="claimtrack-check-", suffix=".spill")
    os.close(fd)
    return path


def _remove_spill(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _database_file(db) -> str:
    """The main database's file ('' for an in-memory or temporary database)."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2] or ""


def _filter_sql(measure: str | None) -> tuple[str, list]:
    return (" AND figures.measure = ?", [measure]) if measure else ("", [])


def _arithmetic_checks(db, report: Report, stories: Stories, measure: str | None, source: str | None,
                       part_of: dict[str, list[str]] | None, fx: Rates | None) -> None:
    """Ownership shares, stated changes and parts of a total: the warnings of `report`."""
    part_of = _default_part_of() if part_of is None else part_of
    extra, params = _filter_sql(measure)
    if measure in (None, "ownership_stake"):
        cursor = _rows(db, *_rows_sql(" AND figures.measure = 'ownership_stake'", [], fx))
        _ownership_checks([dict(r) for r in cursor], stories, report)
    _change_checks(db, report, extra, params)
    _part_checks(db, report, stories, part_of)
    if source:
        arithmetic = [*report.warnings, *report.consistent]
        involved = _claims_of_source(db, {i for w in arithmetic for i in w.claim_ids}, fold(source))
        report.warnings = [w for w in report.warnings if involved.intersection(w.claim_ids)]
        report.consistent = [w for w in report.consistent if involved.intersection(w.claim_ids)]


def _claims_of_source(db, ids: set[int], key: str) -> set[int]:
    """Which of these claims come from the `--source` (one query per 500 ids, not per warning)."""
    ordered, found = sorted(ids), set()
    for at in range(0, len(ordered), 500):
        chunk = ordered[at:at + 500]
        found.update(row[0] for row in db.conn.execute(
            f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(chunk))}) AND instr(source_key, ?)", [*chunk, key]))
    return found


def check_figures(db, measure: str | None = None, source: str | None = None,
                  verdict: str | None = None, reviewed: bool | None = None,
                  part_of: dict[str, list[str]] | None = None, fx: Rates | None = None) -> Report:
    """Cross-check the stored figures, all groups collected (see `iter_check` to stream).
    `part_of` maps a measure to the measures it is a part of; by default from measures.toml.
    `fx`: exchange rates (`load_rates`) to compare money across currencies."""
    report = Report()
    report.groups = list(iter_check(db, report, measure, source, verdict, reviewed, part_of, fx))
    return report


def _part_checks(db, report: Report, stories: dict[int, str], part_of: dict[str, list[str]]) -> None:
    """A part larger than the whole it belongs to, in one story and currency: a $9bn loan
    for a project said to cost $7bn."""
    wholes = sorted({w for ws in part_of.values() for w in ws})
    if not wholes:
        return
    measures = sorted(set(part_of) | set(wholes))
    marks = ",".join("?" * len(measures))
    rows = list(_rows(db,
        f"SELECT figures.claim_id, figures.document_id, figures.measure, figures.unit, figures.surface, figures.value,"
        f" coalesce(figures.high, figures.value) AS top, figures.approx FROM figures JOIN claims ON claims.id = figures.claim_id"
        f" WHERE figures.measure IN ({marks}) AND claims.kind != 'question' AND figures.role IS NULL", measures))
    by_story: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        by_story[(stories.get(r["document_id"], r["document_id"]), (r["unit"] or "").lower())].append(r)

    def ceiling(w: dict) -> float:  # the whole is at least its largest statement
        return w["top"] * (1.1 if w["approx"] in ("around", "more_than", "vague_at_least") else 1)

    for members in by_story.values():
        largest: dict[str, dict] = {}
        for w in members:
            if w["measure"] in wholes and (w["measure"] not in largest or ceiling(w) > ceiling(largest[w["measure"]])):
                largest[w["measure"]] = w
        for part in members:
            if part["approx"] in ("up_to", "less_than"):
                continue  # "up to $2bn" is a ceiling, not an amount
            for whole_measure in part_of.get(part["measure"], []):
                whole = largest.get(whole_measure)
                if whole is None:
                    continue
                if part["value"] > ceiling(whole):
                    report.warnings.append(Warning(
                        "part", f"{part['measure']} {part['surface']!r} exceeds the stated {whole_measure} "
                                f"{whole['surface']!r}", sorted({part["claim_id"], whole["claim_id"]})))


def _rows(db, sql: str, params=()) -> sqlite3.Cursor:
    """Rows read by name (sqlite3.Row), without a dict per row."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params)


def _rows_sql(extra: str, params: list, fx: Rates | None) -> tuple[str, list]:
    """The rows query; with rates, money in their currencies is grouped with the target's."""
    if not fx or not fx.rates:
        return _ROWS_SQL.format(extra=extra, fx_case=""), params
    marks = ",".join("?" * len(fx.rates))
    case = f"WHEN figures.kind = 'money' AND upper(figures.unit) IN ({marks}) THEN ?"
    return _ROWS_SQL.format(extra=extra, fx_case=case), [*fx.rates, fx.to, *params]


_STATEMENT_COLUMNS = ("figure_id", "claim_id", "doc", "speaker", "speaker_org", "text", "surface", "value", "low",
                      "high", "unit", "approx", "char_start", "char_end")


def _statement_maker(columns: dict[str, int], fx: Rates | None = None):
    """A function making a row's Statement; rows are read by position (`columns`: name -> index),
    several times cheaper than by name over a million rows."""
    from .quantities import slope_and_offset

    at = operator.itemgetter(*(columns[c] for c in _STATEMENT_COLUMNS))
    i_value, i_low, i_high, i_unit = columns["value"], columns["low"], columns["high"], columns["unit"]
    i_base_value, i_base_unit, i_kind = columns["base_value"], columns["base_unit"], columns["kind"]
    rates = fx.rates if fx and fx.rates else None

    def make(r) -> Statement:
        s = Statement(*at(r), stated_in=r[i_unit])
        rate = rates.get((r[i_unit] or "").upper()) if rates and r[i_kind] == "money" else None
        if rate:
            # Money in another currency, at the user's rate: "£1bn" at 1.25 is $1.25bn.
            low, high = r[i_low], r[i_high]
            s.slope, s.value, s.unit, s.fx_tolerance = rate, r[i_value] * rate, fx.to, fx.tolerance
            s.low = None if low is None else low * rate
            s.high = None if high is None else high * rate
            return s
        base_unit, base_value = r[i_base_unit], r[i_base_value]
        if base_unit is not None and base_value is not None:
            # A physical figure: compared in its dimension's base unit ("621 miles" -> 999,402.624 m).
            low, high = r[i_low], r[i_high]
            s.slope, s.offset = slope_and_offset(r[i_unit], base_unit, r[i_value], base_value)
            s.value = base_value
            s.low = None if low is None else low * s.slope + s.offset
            s.high = None if high is None else high * s.slope + s.offset
            s.unit = base_unit
        return s

    return make


def _groups_of_story(key: tuple, story: str, rows: list, stories: Stories, make, columns: dict[str, int]):
    """The groups (with their rows) that one story's figures of one key make; `make` turns a
    row into its Statement (`_statement_maker`)."""
    every = [make(r) for r in rows]
    measure, unit, subject, place, holder, period, status, role = key
    i_subject, i_place, i_holder = columns["subject_text"], columns["place_text"], columns["holder_text"]
    if len(rows) == 1:
        coverages = [every]
    else:
        i_doc = columns["document_id"]
        coverages = coverage_clusters(every, [r[i_doc] for r in rows], stories)
    row_of = None
    for coverage in coverages:
        assign_origins(coverage)
        whole = verdict_for(coverage)
        # Splitting by what the sentences name matters only where the figures would
        # otherwise conflict; everywhere else the whole cluster's group stands.
        clusters = clusters_by_sentence(coverage) if whole[0] == "conflict" else [coverage]
        for statements in clusters:
            if statements is every:
                members = rows
            else:
                if row_of is None:
                    row_of = {id(s): r for s, r in zip(every, rows)}
                members = [row_of[id(s)] for s in statements]
            if len(clusters) > 1:
                assign_origins(statements)
                v, n_sources, note = verdict_for(statements)
            else:
                v, n_sources, note = whole
            part = _anchor_text(statements) if len(statements) < len(every) else ""
            first = members[0]
            yield Group(key=_group_key((*key, story, part)), measure=measure, unit=unit,
                        subject=first[i_subject], place=first[i_place],
                        holder=first[i_holder], period=period or None, status=status or None,
                        role=role or None, verdict=v, sources=n_sources,
                        spread=spread(statements) if v == "conflict" else None, statements=statements,
                        note=note), members


def _ownership_checks(rows: list[dict], stories: dict[int, int], report: Report) -> None:
    """Stakes held in one story's subject should not sum past 100%; a proposed stake on top
    of holdings that already make 100% needs someone to sell."""
    by_story: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        if (r["unit"] or "") == "percent":
            by_story[stories.get(r["document_id"], r["document_id"])].append(r)
    for members in by_story.values():
        held: dict[str, dict] = {}
        proposed: list[dict] = []
        for r in members:
            if not r["g_holder"]:
                continue
            if r["g_status"] == "proposed":
                proposed.append(r)
            else:
                held.setdefault(r["g_holder"], r)
        if not held:
            continue
        total = sum(r["value"] for r in held.values())
        parts = " + ".join(f"{r['value']:g}% {r['holder_text']}" for r in held.values())
        claim_ids = sorted({r["claim_id"] for r in held.values()})
        if total > 100.5:
            report.warnings.append(Warning("ownership", f"ownership stakes sum past 100%: {parts} = {total:g}%", claim_ids))
        elif abs(total - 100) <= 0.5:
            report.consistent.append(Warning("ownership", f"ownership stakes add up: {parts} = {total:g}%", claim_ids))
            for p in proposed:
                report.warnings.append(Warning(
                    "ownership",
                    f"proposed {p['value']:g}% stake for {p['holder_text']} ({p['surface']!r}) would need existing holders "
                    f"to sell: current stakes already sum to {total:g}%", claim_ids + [p["claim_id"]]))


def _change_checks(db, report: Report, extra: str, params: list) -> None:
    """'rose 8% to $11.1bn from $10.9bn': the stated change must match old -> new."""
    rows = _rows(db,
        "SELECT claim_id, role, value, surface, unit, kind FROM figures WHERE role IN ('change', 'new', 'old')"
        " ORDER BY claim_id, char_start")
    for claim_id, figs in itertools.groupby(rows, key=lambda r: r["claim_id"]):
        figs = list(figs)
        change = next((f for f in figs if f["role"] == "change" and f["unit"] == "percent"), None)
        new = next((f for f in figs if f["role"] == "new"), None)
        old = next((f for f in figs if f["role"] == "old"), None)
        if not (change and new and old) or new["unit"] != old["unit"] or new["unit"] == "percent" or not old["value"]:
            continue
        hn, ho = half_unit(new["surface"], new["value"]), half_unit(old["surface"], old["value"])
        lo = ((new["value"] - hn) / (old["value"] + ho) - 1) * 100
        hi = ((new["value"] + hn) / (old["value"] - ho) - 1) * 100
        hc = half_unit(change["surface"], change["value"])
        stated = change["value"]
        candidates = (stated, -stated)  # "fell 8%" is stored as 8 with a falling verb
        if not any(c + hc >= lo and c - hc <= hi for c in candidates):
            actual = (new["value"] / old["value"] - 1) * 100
            report.warnings.append(Warning(
                "change", f"stated change {change['surface']!r} does not match {old['surface']} -> {new['surface']} "
                          f"(that is {actual:+.1f}%)", [claim_id]))
