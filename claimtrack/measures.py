"""Figure + sentence -> what it measures, and the qualifiers that tell figures apart.

A measure comes from `data/measures.toml`: the nearest keyword to the figure whose measure
accepts the figure's kind (and, for a physical quantity, its base unit: "long" makes a
length of `680 km`, not of `35C`). No keyword within reach leaves the measure empty; it is
never guessed. Qualifiers: `where` ("in Balochistan"), `holder` ("owned 50% by Barrick Gold"),
`period` ("in its first year"), `status` (proposed or projected).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .dates import MONTHS
from .models import DateMention, Figure
from .vocab import Vocab, ascii_words, lowers_in_place

WINDOW = 8  # words between figure and keyword beyond which a keyword says nothing
_WORD_SPLIT = re.compile(r"([\w’'$£€%.-]+)")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—]|,\s+(?:while|but|whereas|and\s+(?:a|an|the|its|their))\b|\s+while\s+")


@dataclass
class _Keyword:
    start: int
    end: int
    measure: str
    length: int


@dataclass
class _Measures:
    per_subject: frozenset[str]
    by_first_word: dict[str, list[tuple[int, str]]]  # first word -> (word count, keyword), longest first
    # the leading ASCII letters of each first word ("pre" of "pre-tax"): a sentence whose words
    # (`ascii_words`) hold none of them holds no keyword
    first_word_heads: frozenset[str]
    by_keyword: dict[str, list[str]]  # keyword -> table names
    kinds: dict[str, set[str]]  # table name -> kinds
    units: dict[str, str]
    proposed: re.Pattern
    projected: re.Pattern
    # One word of each status phrase: a sentence with none of them has no status to find.
    status_words: frozenset[str]
    period_words: frozenset[str]
    periods: re.Pattern
    # table name -> measure name: a table may add keywords for other kinds to a measure
    names: dict[str, str] = field(default_factory=dict)
    # table name -> base units of the physical quantities it applies to (none: all)
    base_units: dict[str, set[str]] = field(default_factory=dict)
    # measure name -> what a bare number of it counts ("people" for casualties)
    counts: dict[str, str] = field(default_factory=dict)


def _compile(vocab: Vocab) -> _Measures:
    table = vocab.table("measures")
    by_keyword: dict[str, list[str]] = {}
    kinds: dict[str, set[str]] = {}
    units: dict[str, str] = {}
    names: dict[str, str] = {}
    base_units: dict[str, set[str]] = {}
    for name, spec in table.items():
        names[name] = spec.get("measure", name)
        kinds[name] = set(spec.get("kinds", []))
        base_units[name] = set(spec.get("base_units", []))
        for kw in spec.get("keywords", []):
            by_keyword.setdefault(kw.lower(), []).append(name)
        for unit in spec.get("units", []):
            units[unit.lower()] = names[name]
    first_words = _first_words(sorted(by_keyword, key=len, reverse=True))
    qualifiers = vocab.table("qualifiers")
    status = qualifiers.get("status", {})

    def alternation(items):
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True)) + r")\b", re.IGNORECASE | re.ASCII)  # ASCII: "ſales" must not match "sales"

    return _Measures(
        per_subject=frozenset(names[name] for name, spec in table.items() if spec.get("per_subject")),
        by_first_word=first_words,
        first_word_heads=frozenset(_ASCII_HEAD.match(w).group(0) for w in first_words),
        by_keyword=by_keyword,
        kinds=kinds,
        units=units,
        proposed=alternation(status.get("proposed", ["proposed"])),
        status_words=_longest_words([*status.get("proposed", ["proposed"]), *status.get("projected", ["projected"])]),
        period_words=_longest_words(qualifiers.get("period", {}).get("patterns", ["per year"])),
        projected=alternation(status.get("projected", ["projected"])),
        periods=alternation(qualifiers.get("period", {}).get("patterns", ["per year"])),
        names=names,
        base_units=base_units,
        counts={names[name]: spec["counts"] for name, spec in table.items() if spec.get("counts")},
    )


def _longest_words(phrases) -> frozenset[str]:
    """The longest word of each phrase: a sentence with none of them contains none of the phrases."""
    return frozenset(max(re.findall(r"[a-z]+", phrase.lower()), key=len) for phrase in phrases)


_KEYWORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'&-]*")
_KEYWORD_SPLIT = re.compile(f"({_KEYWORD_TOKEN.pattern})")  # the same words, with the text between them
_ASCII_HEAD = re.compile(r"[a-z]+")


def _first_words(keywords) -> dict[str, list[tuple[int, str]]]:
    table: dict[str, list[tuple[int, str]]] = {}
    for kw in keywords:
        words = _KEYWORD_TOKEN.findall(kw)
        if words:
            table.setdefault(words[0].lower(), []).append((len(words), kw))
    for entries in table.values():
        entries.sort(reverse=True)
    return table


def _keyword_hits(sentence: str, m: "_Measures", words: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, keyword) for each keyword of the vocabulary in the sentence, longest
    first at each word, words never reused: the words are looked up, not regex-scanned.
    `words`, the sentence's `ascii_words`, rules out most sentences without a split."""
    if words is not None and m.first_word_heads.isdisjoint(words):
        return []  # a keyword's first word starts with a whole run of ASCII letters
    # One split gives the words and, through the lengths of the pieces between them, where
    # each word starts and ends. Lower-casing the whole sentence keeps its words where they
    # were unless it holds a letter whose lower case holds ASCII: such sentences are split
    # first and only the words lower-cased.
    if lowers_in_place(sentence):
        pieces = _KEYWORD_SPLIT.split(sentence.lower())
        lows = pieces[1::2]
    else:
        pieces = _KEYWORD_SPLIT.split(sentence)
        lows = [w.lower() for w in pieces[1::2]]
    present = m.by_first_word.keys() & set(lows)
    if not present:
        return []
    bounds = list(accumulate(map(len, pieces)))  # word i spans bounds[2i] to bounds[2i + 1]
    hits = []
    taken_to = 0  # words before this index belong to an earlier keyword
    for i in [i for i, w in enumerate(lows) if w in present]:
        if i < taken_to:
            continue
        for n, kw in m.by_first_word[lows[i]]:
            if i + n <= len(lows):
                start, end = bounds[2 * i], bounds[2 * (i + n) - 1]
                if sentence[start:end].lower() == kw:
                    hits.append((start, end, kw))
                    taken_to = i + n
                    break
    return hits


def compiled(vocab: Vocab) -> _Measures:
    return vocab._cached("measures.compiled", lambda: _compile(vocab))


@lru_cache(maxsize=64)
def _index(sentence: str) -> tuple[list[int], list[int], list[int]]:
    """Word starts, word ends and clause-break starts of a sentence, found once: every
    figure asks how far each keyword stands from it."""
    # the lengths of the pieces around the words add up to where each word starts and ends
    bounds = list(accumulate(map(len, _WORD_SPLIT.split(sentence))))  # gap, word, gap, word, ..., gap
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    return bounds[0:-1:2], bounds[1::2], breaks


def _words_between(sentence: str, a: int, b: int) -> int:
    """How many words overlap sentence[a:b]."""
    if b <= a:
        return 0
    starts, ends, _ = _index(sentence)
    return bisect_left(starts, b) - bisect_right(ends, a)


def _same_clause(sentence: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    breaks = _index(sentence)[2]
    i = bisect_left(breaks, lo)
    return not (i < len(breaks) and breaks[i] < hi)


def _kind_fits(kind: str, measure_kinds: set[str]) -> bool:
    # A bare number ("the death toll passed 1,300") is most often a count.
    return kind in measure_kinds or (kind == "number" and "count" in measure_kinds)


def _base_fits(fig: Figure, base_units: set[str]) -> bool:
    # A measure of some physical dimensions only: a length, not a temperature.
    return not base_units or fig.kind != "quantity" or (fig.base_unit or "") in base_units


def _measure_for(fig: Figure, s: int, e: int, sentence: str, keywords: list[_Keyword], m: _Measures) -> str | None:
    if fig.unit and fig.unit.lower() in m.units and fig.kind == "count":
        return m.units[fig.unit.lower()]
    # A figure that changes ("shares in the company, a member of the FTSE 100, rose 6%")
    # is about the clause's subject, which may stand further back.
    window = WINDOW * 2 if fig.role in ("change", "new", "old") else WINDOW
    best: tuple[int, int, str] | None = None
    for kw in keywords:
        if not _kind_fits(fig.kind, m.kinds.get(kw.measure, set())) or \
                not _base_fits(fig, m.base_units.get(kw.measure, set())):
            continue
        if kw.start < e and s < kw.end:
            distance = 0  # the keyword is part of the figure ("6,000 jobs")
        elif kw.end <= s:
            distance = _words_between(sentence, kw.end, s)
        else:
            distance = _words_between(sentence, e, kw.start)
        if distance > window or (window == WINDOW and not _same_clause(sentence, min(kw.end, s), max(kw.start, e))):
            continue
        rank = (distance, -kw.length, m.names.get(kw.measure, kw.measure))
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


# A place ends its phrase; "in EXIM Bank financing" names no place.
_PLACE = re.compile(r"\s+in\s+(?:the\s+)?(?P<place>(?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*)*)"
                    r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|while|but|by|from|to|for|with|in|on|at|as|after|"
                    r"before|since|during|over|this|last|next|alone|each|a|an|the|which|who|that)\b)")
_BY_HOLDER = re.compile(r"\s+(?:each\s+)?by\s+(?P<np>[^,;()]+?)(?=\s+and\s|[,;()]|$)")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'&-]*(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w.’'&-]*)*")
_POSSESSIVE_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)[’']s\s+(?:[\w-]+\s+){0,2}$")


def _last_name_run(np: str) -> str | None:
    runs = _CAPITALISED_RUN.findall(np)
    return runs[-1].strip() if runs else None


def _holder(fig: Figure, s: int, e: int, sentence: str) -> str | None:
    m = _BY_HOLDER.match(sentence, e)
    if m:
        return _last_name_run(m.group("np"))
    m = _POSSESSIVE_BEFORE.search(sentence[:s])
    if m:
        return _last_name_run(m.group("owner"))
    # The clause's subject: "Manara Minerals has also signalled interest in a 15% stake".
    clause_start = max(sentence.rfind(";", 0, s), sentence.rfind(":", 0, s)) + 1
    head = sentence[clause_start:s]
    m = re.match(r"\s*(?:[A-Z][\w’'.-]*\s+)*?(?P<name>(?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*)*)"
                 r"(?:[’']s)?\s+(?:has|have|had|is|was|will|would|owns|holds|took|takes|bought|"
                 r"acquired|signalled|signaled|plans|wants|also|already|now|could|may|said)\b", head)
    if m:
        return m.group("name")
    return None


_NOT_PLACES = frozenset({*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "spring", "summer", "autumn", "winter", "q1", "q2", "q3", "q4", "h1", "h2"})


def _where(sentence: str, e: int) -> str | None:
    m = _PLACE.match(sentence, e)
    if not m:
        return None
    place = m.group("place").rstrip(".,")
    if place.split()[0].lower().rstrip(".") in _NOT_PLACES:
        return None  # "rose to 3.4% in August" is a time, not a place
    return place


_IN_THE = re.compile(r"^in (?:its|the|their) ")
_YEAR_PREPOSITION = re.compile(r"\b(?:in|for|during)\s+(?:the\s+)?(?:year\s+|fiscal\s+)?$")


def _period(sentence: str, s: int, e: int, m: _Measures, dates: list[DateMention], offset: int,
            words: frozenset[str]) -> str | None:
    tail = sentence[e:e + 60]
    hit = m.periods.search(tail) if words & m.period_words else None
    if hit and _words_between(sentence, e, e + hit.start()) <= 5 and _same_clause(sentence, e, e + hit.start()):
        text = hit.group(0).lower()
        return _IN_THE.sub("", text)
    for d in dates:
        ds = d.start - offset
        between = sentence[e:ds]
        # "£5m in 2024", "€75.6 million of freight equipment in 2024": the year the figure covers
        if 0 <= ds - e <= 60 and _YEAR_PREPOSITION.search(between) \
                and _words_between(sentence, e, ds) <= 6 and _same_clause(sentence, e, ds):
            return d.value
    return None


def _status(sentence: str, s: int, m: _Measures, words: frozenset[str]) -> str | None:
    if not words & m.status_words:
        return None
    clause_start = max(sentence.rfind(";", 0, s), sentence.rfind(":", 0, s), sentence.rfind("—", 0, s),
                       sentence.rfind(". ", 0, s)) + 1
    head = sentence[clause_start:s]
    if m.proposed.search(head):
        return "proposed"
    if m.projected.search(head):
        return "projected"
    return None


_SUBJECT_VERBS = r"(?:reported|reports|posted|posts|made|makes|earned|earns|said|says|had|has|announced|" \
                 r"recorded|records|booked|delivered|generated|saw|expects|expected|forecast|raised|cut|lifted)"
_LEAD_NAME = re.compile(rf"^\s*(?:[A-Z]+[:,]?\s+[-—–]?\s*)?(?P<name>(?:[A-Z][\w&’'.-]*)(?:\s+[A-Z][\w&’'.-]*)*)(?:[’']s?)?"
                        rf"\s+(?:\w+\s+){{0,2}}?{_SUBJECT_VERBS}\b")


_OWNER_BEFORE = re.compile(r"(?P<name>(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*)*)(?:[’']s|[’'])\s+(?:[\w-]+\s+){0,2}$")
_OWNER_AFTER = re.compile(r"\s+(?:at|of|for)\s+(?P<name>(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*)*)")


def _subject(sentence: str, s: int, keyword_spans: list[tuple[int, int]]) -> str | None:
    """Whose figure it is, for measures that belong to one company or body: 'Barclays' profit',
    'profit at HSBC', 'Lloyds reported a profit of ...'. None when the sentence does not say."""
    head = sentence[:s]
    for ks, ke in keyword_spans:
        before = sentence[max(0, ks - 40):ks]
        m = _OWNER_BEFORE.search(before)
        if m:
            return m.group("name")
        m = _OWNER_AFTER.match(sentence, ke)
        if m:
            return m.group("name")
    m = _LEAD_NAME.match(head)
    if m and m.group("name").split()[0] not in ("The", "A", "An", "It", "Its", "This", "That", "In", "On", "But"):
        return m.group("name")
    return None


def _char_before(sentence: str, pos: int) -> str:
    """The last non-space character before `pos` ('' at the start)."""
    i = pos - 1
    while i >= 0 and sentence[i].isspace():
        i -= 1
    return sentence[i] if i >= 0 else ""


def qualify(text: str, start: int, end: int, figures: list[Figure], dates: list[DateMention],
            vocab: Vocab) -> list[Figure]:
    """Fill measure and qualifiers for the figures of sentence `text[start:end]`."""
    if not figures:
        return []
    m = compiled(vocab)
    sentence = text[start:end]
    words = ascii_words(sentence)
    keywords = []
    for k_start, k_end, keyword in _keyword_hits(sentence, m, words):
        word = sentence[k_start:k_end]
        if word[0].isupper() and not word.isupper() and k_start > 0 and _char_before(sentence, k_start) not in "“\"‘'":
            continue  # part of a name: "Export Finance Australia", "the European Investment Bank"
        for measure in m.by_keyword[keyword]:
            keywords.append(_Keyword(k_start, k_end, measure, k_end - k_start))
    out = []
    previous: Figure | None = None
    for fig in figures:
        s, e = fig.start - start, fig.end - start
        measure = _measure_for(fig, s, e, sentence, keywords, m)
        if measure is None and previous is not None and previous.kind == fig.kind and previous.measure \
                and (fig.kind != "quantity" or previous.base_unit == fig.base_unit) \
                and _words_between(sentence, previous.end - start, s) <= 12:
            measure = previous.measure  # "50% by Barrick Gold and 25% each by ..."
        update = {"measure": measure, "where": _where(sentence, e),
                  "period": _period(sentence, s, e, m, dates, start, words), "status": _status(sentence, s, m, words)}
        if measure in m.counts and fig.unit is None and fig.kind in ("number", "count"):
            update.update(kind="count", unit=m.counts[measure])  # "the death toll passed 1,300"
        if measure == "ownership_stake" and not fig.holder:
            update["holder"] = _holder(fig, s, e, sentence)
        if measure in m.per_subject:
            spans = [(k.start, k.end) for k in keywords if m.names.get(k.measure, k.measure) == measure]
            update["subject"] = _subject(sentence, s, spans)
        if any(getattr(fig, field) != value for field, value in update.items()):
            fig = fig.model_copy(update=update)  # else the figure is returned as it came: nothing to add
        out.append(fig)
        previous = fig
    return out
