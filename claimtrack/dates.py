"""Sentence -> dates. Dates are typed as dates so that their numbers never become figures."""

from __future__ import annotations

import re

from .models import DateMention

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d|2100)"

# Most specific first: once a span is taken, later patterns skip it.
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # December 10, 2025
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),  # 10 December 2025
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b"),  # 14-Jan-2027
    re.compile(rf"\b{_MONTH}\s+{_DAY}[-–]\d{{1,2}},?\s+{_YEAR}\b"),  # Jan. 28-29, 2025
    re.compile(rf"\b{_DAY}[-–]\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}\b"),  # 28-29 January 2025
    re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<month_num>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2025-12-10
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![\d,.]*\s*(?:%|per\s*cent|percent))"),  # December 10
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),  # 10 December
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),  # December 2025
    # Financial and academic years: 2020-21, 2019/20, 2019–2024 are periods, not figures.
    re.compile(r"\b(?:FY\s?)?(?P<year>1[5-9]\d\d|20\d\d)[-–/](?:\d\d|1[5-9]\d\d|20\d\d)\b"),
    re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)s\b"),  # the 1990s
    # A bare year after a preposition of time, or before a noun it dates ("the 2025 budget").
    # (The lookahead first rejects most positions before the many lookbehinds are tried.)
    re.compile(r"(?=[12]\d\d\d)(?:(?<=\bin )|(?<=\bIn )|(?<=\bsince )|(?<=\bSince )|(?<=\buntil )|(?<=\bfrom )"
               r"|(?<=\bduring )|(?<=\bbefore )|(?<=\bafter )|(?<=\bof )|(?<=\bthrough )"
               r"|(?<=\bin early )|(?<=\bin late )|(?<=\bin mid-)|(?<=\bthe )|(?<=\bto )"
               r"|(?<=\band )|(?<=\bbetween )|(?<=\bfor )|(?<=\bsummer )|(?<=\bspring )"
               r"|(?<=\bautumn )|(?<=\bwinter )|(?<=\bfall ))"
               rf"{_YEAR}\b(?![,.]?\d)(?!\s*(?:%|per\s*cent|percent))"),
]


_DIGIT = re.compile(r"\d")


def _iso(m: re.Match) -> str | None:
    groups = m.groupdict()
    year = groups.get("year")
    month = groups.get("month")
    month_num = MONTHS.get(month.lower().rstrip(".")) if month else None
    if groups.get("month_num"):
        month_num = int(groups["month_num"])
    day = groups.get("day")
    if month_num and day and not 1 <= int(day) <= 31:
        return None
    if year and month_num and day:
        return f"{year}-{month_num:02d}-{int(day):02d}"
    if year and month_num:
        return f"{year}-{month_num:02d}"
    if month_num and day:
        return f"--{month_num:02d}-{int(day):02d}"  # ISO 8601 date without a year
    return year


_MONTH_KEYS = frozenset(MONTHS)
_MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
# Which patterns can match at all: those naming a month need a month word; the others a year.
_NEEDS_MONTH = [bool(re.search(r"\(\?P<month>", p.pattern)) for p in _PATTERNS]
_NEEDS_YEAR = [bool(re.search(r"\(\?P<year>", p.pattern)) for p in _PATTERNS]
_ANY_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d|2100)(?!\d)")  # what every (?P<year>) pattern contains


def find_dates(sentence: str, offset: int = 0, words: frozenset[str] | None = None) -> list[DateMention]:
    """Dates in `sentence`; spans are shifted by `offset` into document coordinates. `words`, the
    sentence's lower-cased ASCII words (`vocab.ascii_words`), spares a scan when no month is named."""
    if not _DIGIT.search(sentence):
        return []  # every pattern needs a digit
    if words is not None and _MONTH_KEYS.isdisjoint(words) and "2100" not in sentence:
        # A month in a date is a whole word, so with none among the words no month pattern can
        # match. (The scan's prefix hits, "Mayor", only change which year scan runs, and that
        # only where 2100 is the sole year: such sentences take the scan.)
        month = None
    else:
        month = _MONTH_WORD.search(sentence)
    year = _YEARISH.search(sentence) if not month else None
    if not month and not year:
        return []
    # A pattern runs only if the sentence has the month or year it needs ("on March 3" has
    # no year), from a little before the first one, not from the start of the sentence: a
    # date begins at most a few characters before its month ("28-29 January") or year
    # ("FY 2024-25").
    year = year or _ANY_YEAR.search(sentence)
    month_window = (max(0, month.start() - 12), len(sentence)) if month else None
    year_window = (max(0, year.start() - 4), len(sentence)) if year else None
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, needs_month, needs_year in zip(_PATTERNS, _NEEDS_MONTH, _NEEDS_YEAR):
        if (needs_month and not month) or (needs_year and not year):
            continue
        for m in pattern.finditer(sentence, *(month_window if needs_month else year_window)):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _iso(m)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(surface=m.group(0), start=offset + m.start(),
                                     end=offset + m.end(), value=value))
    found.sort(key=lambda d: d.start)
    return found
