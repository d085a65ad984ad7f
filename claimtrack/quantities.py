"""Physical quantities: the units news writes after a number, read and converted with pint.

`data/quantities.toml` maps surface forms ("km", "kilometres", "bpd", "sq ft", "°C") to a
canonical unit name and a pint expression, and adds pint definitions for units pint lacks
(TEU, head of cattle, bags of coffee, barrels of oil equivalent). Two things live here:

* `match_unit`: the unit written at a position after a number, with a rate after it
  ("tonnes a year", "barrels per day", "bpd") and the magnitude a symbol stands for
  ("bcm" is a billion cubic metres). Pure regular expressions over the vocabulary; no pint.
* `to_base`: a value in a unit converted to the base unit of its dimension (metre,
  kilogram, m/s, watt, joule, kelvin, byte, m², m³, second; a rate per second), so that
  "621 miles" and "1,000 km" compare. pint is imported on the first conversion only, one
  registry per process (cached on the Vocab), and each unit's conversion is computed once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .vocab import Vocab

QUANTITY = "quantity"
# Words that end "tonnes of copper" before its rate: "40mm of rain in an hour" has no rate.
_NOT_MATERIAL = "a|an|per|each|every|in|on|at|for|from|to|by|with|over|during|within|into|across|and|or|than|as"
_SPACE = "[\\s\u00a0\u202f\u2009]"


@dataclass(frozen=True)
class Unit:
    key: str  # the table key: "troy ounces"
    name: str  # the canonical name a figure stores: "ounces"
    dimension: str | None  # None: an angle or a bare "degrees" of unknown scale
    pint: str | None
    kind: str = QUANTITY  # "duration" for units of time
    context: str | None = None  # a word the sentence must contain
    bare_degrees: bool = False


@dataclass(frozen=True)
class UnitMatch:
    end: int  # sentence offset after the unit, its rate included
    unit: Unit
    text: str  # the unit as written: "km", "barrels a day", "bpd"
    per: str | None = None  # the rate's pint time unit: "day"
    scale: float = 1.0  # magnitude the form stands for: "bcm" = 1e9 cubic metres
    gap: str = ""  # what stood between number and unit: "", " " or "-"


@dataclass
class _Table:
    units: dict[str, Unit]
    dimensions: dict[str, dict]
    # form -> (unit key, scale, per)
    symbols: dict[str, tuple[str, float, str | None]]
    glued: dict[str, tuple[str, float, str | None]]
    words: dict[str, tuple[str, float, str | None]]
    rates: dict[str, str]
    difference_base: str
    troy_unit: str | None
    troy_replaces: str | None
    troy_re: re.Pattern | None
    celsius: tuple[str, ...]
    fahrenheit: tuple[str, ...]
    american: tuple[str, ...]
    metric: tuple[str, ...]
    metric_tons_re: re.Pattern  # whole words: "km" is not in "Turkmenistan"
    difference_before: re.Pattern
    difference_after: re.Pattern
    hyphen_nouns: frozenset[str]
    metre_events: frozenset[str]
    metre_after: frozenset[str]
    metre_before: frozenset[str]
    metre_not_hyphen: frozenset[str]
    by_name: dict[str, Unit] = field(default_factory=dict)  # canonical name -> its first unit
    # What each form starts with: its letters ("km" of "km/h") or its first character ("°" of
    # "°C"). A position that starts with none of them starts no unit (most numbers are
    # followed by a space and a word), and a set lookup spares three pattern matches.
    heads: frozenset[str] = frozenset()
    glued_heads: frozenset[str] = frozenset()
    symbol_re: re.Pattern = field(repr=False, default=None)
    glued_re: re.Pattern = field(repr=False, default=None)
    word_re: re.Pattern = field(repr=False, default=None)
    rate_re: re.Pattern = field(repr=False, default=None)


def _norm(form: str) -> str:
    """Lookup key of a form as matched: separators folded to one space."""
    return re.sub(r"[\s\u00a0\u202f\u2009-]+", " ", form).strip()


def _symbol_pattern(form: str) -> str:
    return f"{_SPACE}+".join(re.escape(part) for part in form.split(" "))


def _word_pattern(form: str) -> str:
    return f"(?:{_SPACE}|-)+".join(re.escape(part) for part in re.split(r"[ -]+", form))


def _alternation(forms, pattern) -> str:
    return "|".join(pattern(f) for f in sorted(forms, key=len, reverse=True))


def table(vocab: Vocab) -> _Table:
    return vocab._cached("quantities.table", lambda: _build_table(vocab))


def _build_table(vocab: Vocab) -> _Table:
    data = vocab.table("quantities")
    units: dict[str, Unit] = {}
    symbols, glued, words = {}, {}, {}
    for key, spec in data.get("units", {}).items():
        units[key] = Unit(key=key, name=spec.get("name", key), dimension=spec.get("dimension"),
                          pint=spec.get("pint"), kind=spec.get("kind", QUANTITY),
                          context=spec.get("context"), bare_degrees=bool(spec.get("bare_degrees")))
        for form in spec.get("symbols", []):
            symbols[_norm(form)] = (key, 1.0, None)
        for form in spec.get("glued", []):
            glued[_norm(form)] = (key, 1.0, None)
        for form in spec.get("words", []):
            words[_norm(form).lower()] = (key, 1.0, None)
    for form, spec in data.get("scaled", {}).items():
        if spec.get("unit") in units:
            symbols[_norm(form)] = (spec["unit"], float(spec.get("scale", 1)), spec.get("per"))
    temp = data.get("temperature", {})
    troy = data.get("troy", {})

    def phrases(items) -> re.Pattern:
        items = [i for i in items if i.strip()]
        if not items:
            return re.compile(r"(?!)")
        return re.compile(_alternation(items, _word_pattern), re.IGNORECASE | re.ASCII)

    t = _Table(
        units=units,
        dimensions=data.get("dimensions", {}),
        symbols=symbols, glued=glued, words=words,
        rates={_norm(k).lower(): v for k, v in data.get("rates", {}).items()},
        difference_base=temp.get("difference_base", "ΔK"),
        troy_unit=troy.get("unit") if troy.get("unit") in units else None,
        troy_replaces=troy.get("replaces"),
        troy_re=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in troy.get("words", [])) + r")\b",
                           re.IGNORECASE | re.ASCII) if troy.get("words") else None,
        celsius=tuple(temp.get("celsius_markers", [])),
        fahrenheit=tuple(temp.get("fahrenheit_markers", [])),
        american=tuple(temp.get("american_markers", [])),
        metric=tuple(temp.get("metric_markers", [])),
        metric_tons_re=re.compile(r"\b(?:" + "|".join(re.escape(m) for m in data.get("tons", {}).get("metric_markers", [])
                                                     or ["metric ton"]) + r")\b"),
        difference_before=re.compile(r"(?:" + phrases(temp.get("difference_before", [])).pattern + r")"
                                     + f"{_SPACE}*$", re.IGNORECASE | re.ASCII),
        difference_after=re.compile(f"^{_SPACE}*(?:" + phrases(temp.get("difference_after", [])).pattern + r")\b",
                                    re.IGNORECASE | re.ASCII),
        hyphen_nouns=frozenset(w.lower() for w in temp.get("hyphen_nouns", [])),
        metre_events=frozenset(w.lower() for w in data.get("metre_events", {}).get("words", [])),
        metre_after=frozenset(w.lower() for w in data.get("metre_events", {}).get("after", [])),
        metre_before=frozenset(w.lower() for w in data.get("metre_events", {}).get("before", [])),
        metre_not_hyphen=frozenset(w.lower() for w in data.get("metre_events", {}).get("not_after_hyphen", [])),
    )
    for unit in units.values():
        t.by_name.setdefault(unit.name, unit)
    t.heads = frozenset({_head(f) for f in symbols} | {_head(f).lower() for f in words})
    t.glued_heads = frozenset(_head(f) for f in glued)
    end = r"(?![A-Za-z0-9²³])"
    t.symbol_re = re.compile(f"(?:{_alternation(symbols, _symbol_pattern)}){end}") if symbols else re.compile(r"(?!)")
    t.glued_re = re.compile(f"(?:{_alternation(glued, _symbol_pattern)}){end}") if glued else re.compile(r"(?!)")
    t.word_re = re.compile(f"(?:{_alternation(words, _word_pattern)}){end}", re.IGNORECASE | re.ASCII) \
        if words else re.compile(r"(?!)")
    slash = sorted((r for r in t.rates if r.startswith("/")), key=len, reverse=True)
    spaced = sorted((r for r in t.rates if not r.startswith("/")), key=len, reverse=True)
    not_a_rate = r"(?!(?:[\s\u00a0]+|-)(?:earlier|ago|before|later|after|previously|prior|old)\b)"
    t.rate_re = re.compile(
        rf"(?P<of>{_SPACE}+of(?:{_SPACE}+(?!(?:{_NOT_MATERIAL})\b)[A-Za-z][\w’'-]*){{1,3}}?)?"
        rf"(?:{_SPACE}+(?P<rate>{_alternation(spaced, _word_pattern)})"
        rf"|(?P<slash>{_alternation(slash, re.escape)}))(?![A-Za-z]){not_a_rate}",
        re.IGNORECASE | re.ASCII)
    return t


# ---------------------------------------------------------------------------------------
# Reading a unit.

_DEGREES_AFTER_DIGIT = re.compile(r"\d[°º]?(?P<scale>[CF])\b")  # 31C, 88°F


def document_degrees(text: str, vocab: Vocab) -> str | None:
    """The temperature scale a document mostly uses: "°C", "°F" or None (neither, or a tie)."""
    t = table(vocab)
    counts, first = {"C": 0, "F": 0}, {"C": len(text), "F": len(text)}
    for m in _DEGREES_AFTER_DIGIT.finditer(text):
        scale = m.group("scale")
        counts[scale] += 1
        first[scale] = min(first[scale], m.start())
    for scale, markers in (("C", t.celsius), ("F", t.fahrenheit)):
        for marker in filter(None, markers):
            if n := text.count(marker):  # str.count and str.find: one fast scan per marker
                counts[scale] += n
                first[scale] = min(first[scale], text.find(marker))
    # A document in one scale may give the other in brackets ("88F (31C)"): the scale it
    # mostly uses, or on a tie the one it writes first.
    if counts["C"] or counts["F"]:
        if (counts["C"], -first["C"]) > (counts["F"], -first["F"]):
            return "°C" if "°C" in t.units else None
        return "°F" if "°F" in t.units else None
    if "°F" in t.units and any(m in text for m in t.american) and not any(m in text for m in t.metric):
        return "°F"  # an American story names no scale: "forecast to reach 97 degrees"
    return None


def metric_tons(text: str, vocab: Vocab) -> bool:
    """Whether "tons" in this document are metric tonnes: it says "metric tons" somewhere, or
    writes in metric units or British style (a short ton is American)."""
    return table(vocab).metric_tons_re.search(text) is not None


_LETTERS = re.compile(r"[A-Za-z]*")


def _head(text: str, pos: int = 0) -> str:
    """The run of ASCII letters at `pos`, or the one character there if it is no letter."""
    return _LETTERS.match(text, pos).group(0) or text[pos:pos + 1]


def _longest(sentence: str, pos: int, t: _Table, glued_ok: bool):
    head = _head(sentence, pos)
    if head not in t.heads and head.lower() not in t.heads and not (glued_ok and head in t.glued_heads):
        return None
    best = None
    for pattern, forms, fold in ((t.symbol_re, t.symbols, False), (t.word_re, t.words, True),
                                 (t.glued_re if glued_ok else None, t.glued, False)):
        if pattern is None:
            continue
        m = pattern.match(sentence, pos)
        if not m:
            continue
        key = _norm(m.group(0))
        entry = forms.get(key.lower() if fold else key)
        if entry is None:
            continue
        if best is None or m.end() > best[0].end():
            best = (m, entry)
    return best


_GAP = re.compile(f"{_SPACE}{{1,2}}")


def match_unit(sentence: str, pos: int, vocab: Vocab, degrees: str | None = None,
               rates: bool = True) -> UnitMatch | None:
    """The unit written right after `pos` (the end of a number and its magnitude).

    Glued ("500MW"), spaced ("500 MW") or hyphenated ("a 680-km pipeline"); `degrees` is the
    document's temperature scale for a bare "degrees". None when no unit of the vocabulary
    is there."""
    t = table(vocab)
    if pos >= len(sentence):
        return None
    gaps = [""]
    spaced = _GAP.match(sentence, pos, pos + 2)
    if spaced:
        gaps.append(spaced.group(0))
    if sentence.startswith("-", pos):
        gaps.append("-")
    found, gap = None, ""
    for gap in gaps:
        found = _longest(sentence, pos + len(gap), t, glued_ok=not gap)
        if found:
            break
    if not found:
        return None
    m, (key, scale, per) = found
    unit = t.units[key]
    if unit.context and not re.search(rf"\b{re.escape(unit.context)}\b", sentence, re.IGNORECASE | re.ASCII):
        return None
    if unit.key == t.troy_replaces and t.troy_unit and t.troy_re is not None and t.troy_re.search(sentence):
        unit = t.units[t.troy_unit]
    end = m.end()
    if unit.bare_degrees:
        unit = _degrees(sentence, end, gap, unit, degrees, t)
    start_text = m.start()
    dim = t.dimensions.get(unit.dimension or "", {})
    if rates and per is None and dim.get("rates"):
        r = t.rate_re.match(sentence, end)
        if r:
            rate = r.group("rate") or r.group("slash")
            period = t.rates.get(_norm(rate).lower())
            if period:
                per, end = period, r.end()
    return UnitMatch(end=end, unit=unit, text=sentence[start_text:end], per=per, scale=scale, gap=gap)


def _degrees(sentence: str, end: int, gap: str, unit: Unit, degrees: str | None, t: _Table) -> Unit:
    """A bare "degrees": the document's scale for a temperature, else an angle (no base)."""
    unknown = Unit(key=unit.key, name=unit.name, dimension=None, pint=None, kind=QUANTITY)
    if gap == "-":
        nxt = re.match(r"[\s\u00a0]+([A-Za-z-]+)", sentence[end:])
        if not nxt or nxt.group(1).lower() not in t.hyphen_nouns:
            return unknown  # "a 360-degree view", "a 90-degree turn"
    if re.match(r"[\s\u00a0]+(?:angle|turn|rotation|view|angles|arc)\b", sentence[end:], re.IGNORECASE):
        return unknown
    if degrees and degrees in t.units:
        return t.units[degrees]
    return unknown


def is_temperature_difference(sentence: str, start: int, end: int, vocab: Vocab) -> bool:
    """'1.5C of warming', 'warming of 2C', '3C above average': a difference, not a reading."""
    t = table(vocab)
    return bool(t.difference_before.search(sentence[max(0, start - 30):start])
                or t.difference_after.search(sentence[end:end + 45]))


def metre_event(word: str, vocab: Vocab) -> bool:
    """'the 400m hurdles': a plural after a glued "m" that names a race, not what is counted."""
    return word.lower() in table(vocab).metre_events


def glued_metres(sentence: str, start: int, end: int, vocab: Vocab) -> bool:
    """Is the glued "m" of `sentence[start:end]` ("100m") metres? Only when the text says so:
    'a 10m-high wall', 'the 100m sprint', '4.9m long', 'threw 89m', 'a depth of 5m'."""
    t = table(vocab)
    after = sentence[end:end + 30]
    if after.startswith("-"):
        word = re.match(r"-([A-Za-z-]+)", after)
        return bool(word) and word.group(1).lower() not in t.metre_not_hyphen
    words = re.findall(r"[A-Za-z]+", after.lower())[:2]
    if words and re.match(r"[\s\u00a0]", after) and (words[0] in t.metre_after or " ".join(words) in t.metre_after):
        return True
    if re.search(r"\dm[\s\u00a0]*(?:and|or|to|-|–)[\s\u00a0]*$", sentence[max(0, start - 30):start]):
        return True  # "the 100m and 200m"
    before = re.findall(r"[A-Za-z]+", sentence[max(0, start - 30):start].lower())
    if not before or not re.search(r"[A-Za-z][\s\u00a0]+$", sentence[max(0, start - 30):start]):
        return False
    return before[-1] in t.metre_before or " ".join(before[-2:]) in t.metre_before


def units_of(vocab: Vocab) -> dict[str, Unit]:
    return table(vocab).units


def canonical_names(vocab: Vocab, kind: str = QUANTITY) -> frozenset[str]:
    """Every canonical name a physical quantity can carry (for benchmarks and filters)."""
    return frozenset(u.name for u in table(vocab).units.values() if u.kind == kind)


# ---------------------------------------------------------------------------------------
# Converting with pint.

@lru_cache(maxsize=4)
def _pint_registry(definitions: tuple[str, ...]):
    import pint  # imported here: `claimtrack --version` and text-only runs never load it

    ureg = pint.UnitRegistry(cache_folder=None)
    for line in definitions:
        ureg.define(line)
    return ureg


def registry(vocab: Vocab):
    """The pint registry with the vocabulary's extra definitions: one per process."""
    definitions = tuple(vocab.table("quantities").get("pint", {}).get("definitions", []))
    return vocab._cached("quantities.registry", lambda: _pint_registry(definitions))


def _clean(x: float) -> float:
    """Twelve significant digits: 621 miles is 999,402.624 m, not 999402.6240000001."""
    if x == 0 or not math.isfinite(x):
        return x
    return float(f"{x:.12g}")


def linear(vocab: Vocab, unit: Unit, per: str | None = None, difference: bool = False
           ) -> tuple[float, float, str] | None:
    """(slope, offset, base label) with base = slope * value + offset; None if unconvertible."""
    if unit.pint is None or unit.dimension is None:
        return None
    cache = vocab._cached("quantities.linear", dict)
    key = (unit.key, per, difference)
    if key not in cache:
        cache[key] = _linear(vocab, unit, per, difference)
    return cache[key]


def _linear(vocab: Vocab, unit: Unit, per: str | None, difference: bool):
    t = table(vocab)
    dim = t.dimensions.get(unit.dimension)
    if not dim:
        return None
    ureg = registry(vocab)
    expr, target, label = unit.pint, dim["pint"], dim["base"]
    if per:
        expr, target, label = f"({expr}) / {per}", f"({target}) / second", f"{label}/s"
    try:
        zero = ureg.Quantity(0, expr).to(target).magnitude
        one = ureg.Quantity(1, expr).to(target).magnitude
    except Exception:  # a user's vocabulary naming a unit pint cannot read or convert
        return None
    slope = float(one - zero)
    if difference and unit.dimension == "temperature":
        return slope, 0.0, t.difference_base
    return slope, float(zero), label


def to_base(vocab: Vocab, value: float, unit: Unit, per: str | None = None,
            difference: bool = False) -> tuple[float | None, str | None]:
    """`value` in `unit` (a rate per `per`) in its dimension's base unit: (base value, label)."""
    conv = linear(vocab, unit, per, difference)
    if conv is None:
        return None, None
    slope, offset, label = conv
    return _clean(slope * value + offset), label


def unit_named(name: str | None, vocab: Vocab) -> Unit | None:
    """The unit a figure's canonical name stands for (the first one of that name)."""
    return table(vocab).by_name.get(name) if name else None


def slope_and_offset(unit: str | None, base_unit: str | None, value: float, base_value: float,
                     vocab: Vocab | None = None) -> tuple[float, float]:
    """How a stored figure's own numbers map to its base unit: base = slope * x + offset.

    For a cross-check that needs a figure's range ends and rounding in base units: the
    half-unit of "621 miles" is 0.5 mile, 804.67 m. Only temperatures have an offset (a
    difference, base "ΔK", has none); every other unit is the ratio of the stored values."""
    if vocab is None:
        from .vocab import default_vocab

        vocab = default_vocab()
    t = table(vocab)
    named = unit_named(unit, vocab)
    if named is not None and named.dimension == "temperature":
        conv = linear(vocab, named, None, base_unit == t.difference_base)
        if conv is not None:
            return conv[0], conv[1]
    if value:
        return base_value / value, 0.0
    if named is not None:
        per = None
        if base_unit and base_unit.endswith("/s") and t.dimensions.get(named.dimension or "", {}).get("rates"):
            per = "second"  # a zero flow: its rate is unknown, and zero in any
        conv = linear(vocab, named, per)
        if conv is not None:
            return conv[0], conv[1]
    return 1.0, 0.0


def parse_quantity(text: str, vocab: Vocab | None = None) -> tuple[float, str] | None:
    """'500km', '1,000 miles', '35C', '2.5 million barrels a day' -> (base value, base label).

    For filters such as `list --min 500km`: the same reading as extraction, so a bound
    written in any unit compares with stored `base_value`s. None when `text` has no unit."""
    if vocab is None:
        from .vocab import default_vocab

        vocab = default_vocab()
    m = re.match(r"\s*(?P<neg>[-−])?(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)"
                 r"(?:\s*(?P<mag>thousand|million|billion|trillion|bn)(?![A-Za-z]))?", text, re.IGNORECASE)
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("neg"):
        value = -value
    magnitudes = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
    if m.group("mag"):
        value *= magnitudes[m.group("mag").lower()]
    found = match_unit(text, m.end(), vocab, degrees=None)
    if found is None or text[found.end:].strip():
        return None
    base, label = to_base(vocab, value * found.scale, found.unit, found.per)
    if base is None:
        return None
    return base, label
