"""Sentence -> figures: numbers with their unit, value, approximation and role.

The scan works on one sentence at a time:

1. mask what only looks like a number: URLs, handles, codes, times of day, ordinals,
   names with numbers (`G8`, `Shrek 2`, `2.15pm`) and dates;
2. find every number (digits or words) outside the masks;
3. read its context: currency or approximation before it, magnitude and unit after it;
   a physical unit ("680 km", "1.2 million barrels a day", "35C") is read with
   `quantities.py` and converted to its dimension's base unit (`base_value`/`base_unit`);
4. join ranges, spread `each`, carry a unit over an ellipsis, and mark change roles.

Measures and the qualifiers a cross-check needs come later, in `measures.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import quantities
from .dates import MONTHS, find_dates
from .models import DateMention, Figure
from .vocab import Vocab, ascii_words

# ---------------------------------------------------------------------------------------
# What only looks like a number.

# Digits inside a word: 8EklYNLQpX, 3D (but not a glued unit: 500MW, 6GB, 35C).
_DIGITS_IN_WORD = re.compile(r"\d(?<!\w\d)\d*[A-Za-z]*[A-Z][A-Za-z\d]*\b")

# Patterns that begin at a number start with `\d(?<!\w\d)` rather than `\b\d` (the same
# thing): a leading digit lets the regex engine jump from digit to digit.
_REFERENCE_WORDS = frozenset({"no", "nos", "vol", "art", "article", "rule", "section", "clause", "chapter",
                              "room", "page", "p", "pp", "exit", "exits", "junction", "junctions", "gate", "gates",
                              "platform", "platforms", "paragraph", "flight", "route", "band", "tier", "phase",
                              "resolution", "zip", "proposal", "proposition", "prop", "amendment", "measure",
                              "question", "on", "zone"})
# the word that ends a _REFERENCE label, right before its number: "Yes on 2", "zip codes 10001"
_REFERENCE_LABEL_ENDS = (_REFERENCE_WORDS - {"zip"}) | {"code", "codes"}
# a number right after a letter, a dot or a space after a letter, or both: where a label ends
# (found from the digits, which a scan can skip to, rather than from every letter)
_REFERENCE_NUMBER = re.compile(r"(?<!\d)\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z][.\s]\d)|(?<=[A-Za-z]\.\s\d))")
_LIST_LABELS = frozenset({"exits", "junctions", "gates", "platforms", "nos", "pp"})
_NAMED_NUMBER_WORDS = frozenset({"index", "indices", "average", "composite", "zip"})
_PER_NUMBER = re.compile(r"per [$£€]?\d")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|uk|pk|in)(?:/\S*)?", re.I)
_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|gov|edu|io|co|uk|pk|in)")  # searched in the lower-cased sentence
_HANDLE = re.compile(r"[@#][\w.]*\w")  # handles and hashtags
_EMAIL = re.compile(r"\b\S+@\S+\.\w+")
_CLOCK_AM_PM = re.compile(r"\d(?<!\w\d)\d?(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.I)  # 2.15pm, 10 a.m.
_CLOCK = re.compile(r"\d(?<!\w\d)\d?:\d{2}(?::\d{2})?\b")  # 10:30
_CLOCK_ZONE = re.compile(r"\b\d\d[.:]?\d\d\s?(?:GMT|UTC|BST|CET|EST|EDT|ET)\b"  # "by 1049 GMT"
                         r"|(?<=GMT)[+−-]\d{1,2}(?::\d\d)?\b|(?<=UTC)[+−-]\d{1,2}(?::\d\d)?\b")  # "GMT+1"
# a day range without a year: "the Fed's March 18-19 meeting", "Sept. 12-17"
_DAY_RANGE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s\d{1,2}[-–]\d{1,2}\b"
                        # "between 19 and 21 March": the second day is part of the date that follows
                        r"|\b\d{1,2}(?=\s+(?:and|to)\s+\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\b)")
_DAY_RANGE_HINT = re.compile(r"\d[-–]\d|\d\s+(?:and|to)\s+\d")  # what every _DAY_RANGE match has
_MONTH_WORDS = frozenset(MONTHS)
_ORDINAL = re.compile(r"\d(?<!\w\d)\d*(?:st|nd|rd|th)\b", re.I)
# references and labels: "Article 46(1)", "Room 101", "No. 25-90012", "junction 4", "band 1"
_REFERENCE = re.compile(
    r"\b(?:No|no|Nos|Vol|vol|Art|Article|article|Rule|Section|section|Clause|clause|Chapter|chapter|Room|"
    r"Page|page|p|pp|[Ee]xits?|[Jj]unctions?|[Gg]ates?|[Pp]latforms?|[Pp]aragraph|[Ff]light|[Rr]oute|"
    r"band|tier|[Zz]one(?=\s?\d{1,2}\b(?![.,]\d)(?![\s\u00a0]*(?:m|km|ft|metres?|meters?|kilometres?|kilometers?|miles?|feet|yards?|"
    r"square|sq|acres?|hectares?|nautical)\b))|[Pp]hase|[Rr]esolution|(?:[Zz]ip|ZIP)\s+codes?"
    # ballot measures: "Proposal 2 passes", "Proposition 98", "Amendment 2", "the No on 2 committee"
    r"|Proposal|Proposition|Prop|Amendment|Measure|Question|(?:Yes|No)\s+on)\.?\s?\d+[a-z]?\b(?:-\d+\b)?(?:\(\w{1,3}\))*")
# a list after a plural label, "between exits 283 and 297", but never into a number that
# counts something of its own ("junctions 4 and 5 and 300 homes")
_LABEL_LIST = re.compile(r"\b(?:[Ee]xits|[Jj]unctions|[Gg]ates|[Pp]latforms|Nos|pp)\.?\s?\d+\b"
                         r"(?:(?:,\s*|\s+and\s+)\d+\b(?![\s\u00a0]*(?:%|per\s?cent|million|billion|bn|m\b|[a-z]+s\b)))+")
# the unit of an exchange-rate footnote: "($1 = 0.8657 euros)", "(£1 = $1.27)"
_FOOTNOTE_ONE = re.compile(r"(?<=\()\s*(?:US|A|C|NZ|HK|S)?[$£€¥₹]\s?1(?=\s*=)")
_SLASHED = re.compile(r"\d(?<!\w\d)\d{0,3}/\d{1,4}\b")  # 24/7, 9/11, scores and fractions of dates
_PLURAL_MODEL = re.compile(r"\b[A-Z][a-z]+\s(\d{2,4}s)\b")  # "412 Boeing 737s": a model, in the plural
_DIGIT_LETTER = re.compile(r"\d[A-Za-z]")  # what every _ORDINAL and _DIGITS_IN_WORD match contains
_PHONE_HINT = re.compile(r"\d\)?[-\s.]\d{3}")  # ... and every _US_PHONE match
_US_PHONE = re.compile(r"(?=[\d+(])(?:(?<![\w.,])\+?1[-.\s])?\(?\d(?<!\w\d)\d{2,3}\)?[-\s.]\d{3,4}[-\s.]\d{3,4}\b")
# emergency numbers: "calls to 911", "dial 999"
# Emergency and police numbers, named by what is dialled or by the call, line or service they
# are ("calls to 999 and 112", "a 101 call", "the 999-routing rules"), never by the number
# alone: "112 branches" and "£111 a year" are figures.
_EMERGENCY_NUMBERS = ("911", "999", "112", "111", "101")
_EMERGENCY_NUMBER = "(?:" + "|".join(_EMERGENCY_NUMBERS) + ")"
_EMERGENCY = re.compile(
    r"(?:(?<=\bcalls to )|(?<=\bcall to )|(?<=\baccess to )|(?<=\bthrough to )|(?<=\bdial )|(?<=\bdialled )"
    r"|(?<=\bdialed )|(?<=\bdialling )|(?<=\bdialing )|(?<=\bcalled )|(?<=\bcall )|(?<=\bcalling )|(?<=\bring )"
    r"|(?<=\brang )|(?<=\bphoned )|(?<=\bNHS ))" + _EMERGENCY_NUMBER + r"\b(?![.,]\d)"
    r"|(?<![\d.,])" + _EMERGENCY_NUMBER + r"(?![.,]?\d)(?=(?:\s+(?:and|or)\s+" + _EMERGENCY_NUMBER + r")?[\s-]+"
    r"(?:emergency[\s-]+|non-emergency[\s-]+)?(?:calls?|line|number|service|operators?|call[\s-]?handlers?|"
    r"dispatchers?|routing)\b)"
    r"|(?<=" + _EMERGENCY_NUMBER + r" and )" + _EMERGENCY_NUMBER + r"\b(?![.,]\d)"
    r"|(?<=" + _EMERGENCY_NUMBER + r" or )" + _EMERGENCY_NUMBER + r"\b(?![.,]\d)", re.I)
# a rate's denominator: "18.3 per 100,000 residents", "3 deaths for every 1,000 births",
# "8 cents per $100 of value", "62p in every £1", "$2,184 per 40ft container", "£3 per 100g"
_DENOMINATOR = re.compile(r"(?<=\bper )\d{1,3}(?:,\d{3})+\b|(?<=\bper )(?:100|1000)\b|(?<=\bfor every )\d[\d,]*\b"
                          r"|(?<=\bper )\d+(?:\.\d+)?-?[A-Za-z]+\b"
                          r"|(?:(?<=\bper )|(?<=\bevery ))[$£€]\d[\d,]*\b")
# a number in a name: "the Case-Shiller 20-city index", "the 30-stock average", "the 19140 zip code"
_NAMED_NUMBER = re.compile(r"\b\d+-(?!(?:year|month|week|day|hour|quarter)s?\b)[a-z]+\s+(?:index|indices|average|composite)\b"
                           r"|\b\d{5}(?=\s+(?:zip|ZIP)\s+codes?\b)")
# a house number: "outside 11 Downing Street", "at 221B Baker Street"
_STREET_WORDS = frozenset({"street", "road", "avenue", "lane", "square", "place", "terrace", "drive", "boulevard",
                           "crescent", "row"})
_HOUSE_NUMBER = re.compile(r"\b\d{1,4}[A-Z]?(?=[ \u00a0]+(?:[A-Z][A-Za-z’'-]+[ \u00a0]+){1,3}"
                           r"(?:" + "|".join(sorted(w.capitalize() for w in _STREET_WORDS)) + r")"
                           r"\b(?![ \u00a0]+[a-z]+s\b))")  # not "40 High Street stores"
_THAN = re.compile(r"\s+than\b")
_IDENTIFIER_NEXT = frozenset("()")  # what follows a law's section number: "501(c)", "(c)(3)"
_CURRENCY_SIGNS = frozenset("$£€¥₹")
_LOWER_WORD_AFTER = re.compile(r"[\s\u00a0]+[a-z]")
_STATUTE_AFTER = re.compile(r"[a-z]?\(\w{1,3}\)")


def _an_identifier(sentence: str, start: int, end: int) -> bool:
    """Digits that identify rather than count: seven and more with no separator ('Photo:
    214486291 ©'; news writes amounts '2,144,862' or '2.1 million'), and a section of a law
    ('a 501(c)(3) charity', 'a 501c(3) charity', its '(3)')."""
    if end - start >= 7 and sentence[start:end].isdigit():
        # ... unless a currency or a noun makes it an amount: "1250000 members"
        return sentence[start - 1:start] not in _CURRENCY_SIGNS and not _LOWER_WORD_AFTER.match(sentence, end)
    if _STATUTE_AFTER.match(sentence, end):
        return True
    return start >= 2 and sentence[start - 1] == "(" and sentence[end:end + 1] == ")" \
        and sentence[start - 2] in ")abcdefghijklmnopqrstuvwxyz"


_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b")  # "03/14/25", "14/3/2025": never an amount
_UK_PHONE = re.compile(r"(?:(?<=[\s(])|^)0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}\b")  # "01924 555019", "020 7946 0958"


def _masks_that_may_match(sentence: str, low: str, words: frozenset[str], digit_letter: bool) -> list[re.Pattern]:
    """The mask patterns worth running on this sentence: each has a cheap test of whether it
    can match at all (most sentences have no URL, handle or clock time), so that only the
    patterns that might match scan the sentence."""
    # ordinals and codes glue letters to digits ("4th", "3D"); a phone number has groups of
    # three and more digits: one simple scan each rules them out in most sentences
    masks = [_ORDINAL, _DIGITS_IN_WORD] if digit_letter else []
    if _PHONE_HINT.search(sentence):
        masks.append(_US_PHONE)
    if _URL_HINT.search(low):
        masks.append(_URL)
    if "@" in sentence:
        masks += (_HANDLE, _EMAIL)
    elif "#" in sentence:
        masks.append(_HANDLE)
    if "am" in low or "pm" in low or "m." in low:
        masks.append(_CLOCK_AM_PM)
    if ":" in sentence:
        masks.append(_CLOCK)
    if "GMT" in sentence or "UTC" in sentence or "T " in sentence or sentence.endswith("T"):
        masks.append(_CLOCK_ZONE)
    if not _MONTH_WORDS.isdisjoint(words) and _DAY_RANGE_HINT.search(sentence):
        masks.append(_DAY_RANGE)
    if not _LIST_LABELS.isdisjoint(words):
        masks.append(_LABEL_LIST)
    if "=" in sentence:
        masks.append(_FOOTNOTE_ONE)
    if "/" in sentence:
        masks += (_SLASHED, _NUMERIC_DATE)
    if any(number in sentence for number in _EMERGENCY_NUMBERS):
        masks.append(_EMERGENCY)
    if "every " in low or ("per " in sentence and _PER_NUMBER.search(sentence)):
        masks.append(_DENOMINATOR)
    if " 0" in sentence or "(0" in sentence or sentence.startswith("0"):
        masks.append(_UK_PHONE)
    if not _NAMED_NUMBER_WORDS.isdisjoint(words):
        masks.append(_NAMED_NUMBER)
    if not _STREET_WORDS.isdisjoint(words):
        masks.append(_HOUSE_NUMBER)
    return masks


def _word_start(sentence: str, end: int) -> int:
    """Where the run of ASCII letters that ends at `end` begins."""
    while end > 0 and sentence[end - 1].isascii() and sentence[end - 1].isalpha():
        end -= 1
    return end


def _reference_spans(sentence: str) -> list[tuple[int, int]]:
    """The `_REFERENCE` matches, tried only where a label word stands right before a number.
    Every match ends its label there, and looking at those few words costs less than a scan
    of every word of the sentence for the pattern's long list of labels."""
    spans: list[tuple[int, int]] = []
    for number in _REFERENCE_NUMBER.finditer(sentence):
        label_end = number.start()
        if sentence[label_end - 1].isspace():
            label_end -= 1
        if sentence[label_end - 1] == ".":
            label_end -= 1
        start = _word_start(sentence, label_end)
        word = sentence[start:label_end].lower()
        if word not in _REFERENCE_LABEL_ENDS:
            continue
        starts = [start]
        if word in ("on", "code", "codes"):  # two-word labels: "No on 2", "ZIP code 10001"
            before = len(sentence[:start].rstrip())
            if before < start:
                starts.insert(0, _word_start(sentence, before))
        for s in starts:
            m = _REFERENCE.match(sentence, s)
            if m and (not spans or m.start() >= spans[-1][1]):
                spans.append(m.span())
                break
    return spans


# Letters glued before digits: G8, Covid-19, F-35, MP3 (but not a currency: R40bn, Rs5 crore).
_CODE = re.compile(r"\b(?P<letters>[A-Za-z]+)(?P<rest>[-]?\d[\w.,-]*)")
# what any _CODE match contains, a letter and a digit, perhaps hyphened; and what any
# _NAME_NUMBER match contains, a letter, a space and a digit. Both are found from the digit or
# the space (a scan skips to those) and look back for the letter.
_LETTER_DIGIT = re.compile(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))")
_LETTER_SPACE_DIGIT = re.compile(r" (?=\d)(?<=[A-Za-z&] )")
_NAME_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&")  # what the letter run is made of
_GLUED_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?:bn|m|mn|k|tn|trn|cr)?")

# A capitalised name followed by a bare number: Shrek 2, Section 427, Firefox 1.0 (but not
# "Barrick 45%", "PKR 50 lakh" or "Rs 5 crore": a unit or magnitude after it, or a currency
# before it, makes it a figure). A name's number has no thousands group: "Barclays cut 2,500"
# names nothing. "Boeing 737-700s" is a plural name ("Rapids 112-104" a score).
_NAME_NUMBER = re.compile(
    r"\b(?P<name>[A-Z][A-Za-z&]*[a-z&][A-Za-z&]*|[A-Z&]{2,}|[ie][A-Z][A-Za-z]+) (?:\d+(?:\.\d+)*(?:-\d{3}s)?)(?!,\d{3}\b)(?=$|[\s,;:)”\"'’]|\.(?:\s|$))(?![ \u00a0]\d)"
    r"(?!\s*(?:%|per ?cent|percent|million|billion|trillion|thousand|crore|lakh|bn|mn|m\b|"
    r"(?!(?:was|has|is|his|its|this|thus|as|us|plus|does|less|across|yes)\b)[a-z]+s\b))")

# Magnitude or unit that may follow a number, and the names-with-numbers that must not
# be masked because of it (`Barrick 45%`) are handled by the lookahead above.

# In a Title Case headline every word is capitalised, so every number follows a "name": there,
# a capitalised magnitude or plural noun after the number makes it a figure, as its lower-case
# form does in running text ("US Adds 250,000 Jobs", "Tesla Sells 1.2 Million Cars").
_TITLE_CASE_COUNT_AFTER = re.compile(
    r"(?P<magnitude>\s*(?:%|Per ?[Cc]ent\b|Percent\b)|\s+(?:Thousand|Million|Billion|Trillion|Bn|Mn)\b)"
    r"|\s+(?!(?:This|Thus|Plus|Does|Less|Across|Has|Was|His|Its)\b)[A-Z][a-z]{2,}s\b(?!\s+\d)")
_TITLE_CASE_WORD = re.compile(r"\b[A-Za-z][a-z’'-]{3,}")  # words of four letters or more


def _in_title_case(sentence: str) -> bool:
    """'Prisons Hold A Record 89,410 Inmates': nearly every longer word capitalised."""
    words = _TITLE_CASE_WORD.findall(sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


_YEAR_AT_END = re.compile(r"\b(?:1[89]|2[01])\d\d$")


def _title_case_figure(sentence: str, name: str, name_end: int) -> bool:
    if _YEAR_AT_END.search(sentence, 0, name_end):
        return False  # "Second Quarter 2025 Highlights": a year, dated elsewhere
    after = _TITLE_CASE_COUNT_AFTER.match(sentence, name_end)
    if after is None or not _in_title_case(sentence):
        return False
    # a plural noun counts only after a headline's verb ("Council Cuts 300 Jobs"), not after a
    # name ("Boeing 737 Deliveries Resume", "Celtic 2 Rangers 1")
    return after.group("magnitude") is not None or (name.endswith("s") and not name.endswith("ss"))
# Currency prefixes written glued to the number, letters and all: "R40bn", "Rs5 crore", "Sh68.4 billion",
# "Dh660 billion", "SR4.6 billion". (Symbols need no entry: no word character stands before them.)
_GLUED_LETTER_PREFIXES = ("R", "Rs", "Tk", "KSh", "Sh", "Dh", "Dhs", "SR", "QR")
_NUMBER_DIGITS = re.compile(
    r"(?=[-−–\d])(?:(?<![\w.,])|" + "|".join(rf"(?<=\b{p})" for p in _GLUED_LETTER_PREFIXES) + r")(?P<neg>[-−–](?=\d))?"
    r"(?P<num>\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?(?!,?\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?)"
)
# Vocabulary is matched without case over ASCII letters only: with full Unicode folding "ſ"
# would match "s" and "thouſands" would then miss its dictionary entry.
_VOCAB_CASE = re.IGNORECASE | re.ASCII


@dataclass
class Context:
    """What the whole document says that changes how a sentence's figures read."""

    dollar: str = "USD"
    rupee: str = "INR"
    cent: str | None = None  # whose cents a bare "cents" are, when not the dollar's: "EUR" in a euro story
    now_year: int | None = None  # the year the document was written, from its dateline: later years lie ahead
    degrees: str | None = None  # the scale a bare "degrees" is in: "°C", "°F" or unknown
    score_unit: str | None = None  # what a score counts in this document's sport: "goals", "runs"
    metric_tons: bool = False  # "tons" are metric tonnes: the document says "metric tons", or is metric
    diffusion: bool = False  # a purchasing managers' index report: its readings near 50 are index points
    # The sport is worked out from the whole (lower-cased) document, which is worth doing only
    # once a sentence reports a score: until then the text waits here.
    sport_text: str | None = field(default=None, repr=False, compare=False)

    def sport(self, lex: _Lexicon) -> str | None:
        """What a score counts in this document (`score_unit`), read on first use."""
        if self.sport_text is not None:
            lower, self.sport_text = self.sport_text, None
            # Only a dash between digits makes a score ("3-1"); most documents have none.
            self.score_unit = _score_unit(lower, lex) if _DIGIT_DASH.search(lower) else None
        return self.score_unit


_DATELINE_REACH = 1000  # characters from the top where a story gives its date


def _has_symbol(text: str, symbol: str) -> bool:
    """`symbol` ("S$", "A$") written as itself, not as the tail of another ("US$", "CA$")."""
    at = text.find(symbol)
    while at != -1:
        if at == 0 or not text[at - 1].isalpha():
            return True
        at = text.find(symbol, at + 1)
    return False


def document_context(text: str, vocab: Vocab) -> Context:
    """A bare `$` is USD unless the document makes another dollar clear (likewise rupees)."""
    lower = text.lower()
    ctx = Context()
    found = [(phrase, code) for phrase, code in vocab.mapping("currencies", "dollar_contexts").items()
             if (_has_symbol(text, phrase) if "$" in phrase else phrase in lower)]
    dollars = {code for _, code in found}
    # A document that writes "HK$2.9 trillion" marks its Hong Kong dollars: a bare "$" in it
    # is another dollar.
    marked = any("$" in phrase for phrase, _ in found)
    if len(dollars) == 1 and not marked:
        ctx.dollar = dollars.pop()
    if "$" not in text and ("€" in text or "euro" in lower):
        ctx.cent = "EUR"  # "9.16 cents per kilowatt hour" in a story told in euros
    lex = lexicon(vocab)
    if "Rs" in text or "rupee" in lower:  # only "Rs" and "rupees" leave the rupee open
        rupees = [lex.rupee_contexts[word] for word in set(lex.rupee_re.findall(lower)) if word in lex.rupee_contexts]
        if rupees:
            ctx.rupee = max(set(rupees), key=rupees.count)
    if "degree" in lower or "°" in text or "º" in text:  # only a bare "degrees" needs the scale
        ctx.degrees = quantities.document_degrees(text, vocab)
    ctx.metric_tons = "tons" in lower and quantities.metric_tons(text, vocab)
    # "PMI" is also private medical insurance: a report on the index says so
    ctx.diffusion = "purchasing managers" in lower or ("PMI" in text and ("index" in lower or "survey" in lower))
    ctx.sport_text = lower
    ctx.now_year = _dateline_year(text)
    return ctx


def _dateline_year(text: str) -> int | None:
    """The year of the first full date near the top (a dateline or "Updated" line), if any;
    else of the first month and year. A headline's "from April 2028" is no dateline when
    "Published 27 November 2026" follows it."""
    m = _DATELINE_DATE.search(text, 0, _DATELINE_REACH) or _DATELINE_MONTH.search(text, 0, _DATELINE_REACH)
    return int(next(y for y in m.groups() if y)) if m else None


# ---------------------------------------------------------------------------------------
# Compiled vocabulary, built once per Vocab and cached on it.

@dataclass
class _Lexicon:
    prefixes: list[tuple[str, str]]
    prefix_codes: dict[str, str]
    prefix_max: int
    prefix_last_chars: frozenset[str]
    prefix_tail: re.Pattern  # any prefix, glued or one space before the end of the text
    suffixes: dict[str, str]
    codes: frozenset[str]
    magnitudes: dict[str, float]
    magnitude_suffixes: dict[str, float]
    number_words: dict[str, float]
    fractions: dict[str, float]
    vague: dict[str, float]
    multipliers: dict[str, float]
    percent: dict[str, str]
    percent_longest_first: list[str]
    percent_initials: frozenset[str]  # a percent phrase can only start with one of these
    durations: dict[str, str]
    people: frozenset[str]
    plural_modifiers: frozenset[str]  # "munitions" in "six munitions factories": describes the noun after it
    glued_labels: frozenset[str]  # "ct" in "a 9ct chain": letters that make the number a label
    amount_nouns: frozenset[str]  # "freight", "savings": name an amount, count nothing
    measure_counts: dict[str, str]  # "casualties" -> "people": what a measure's keyword counts
    party_members: frozenset[str]  # "10 Democrats": counted under the party's name, capitals kept
    age_bound: re.Pattern  # "children under 16": the number is an age
    age_holders: re.Pattern  # "riders 65 or older": the number is an age
    modifiers: frozenset[str]
    not_nouns: frozenset[str]
    approx_before: list[tuple[str, str]]  # longest phrase first
    approx_before_lookup: dict[str, str]
    up_particle_verbs: frozenset[str]  # "ticked up to 4.4%" moves to a level, it is no "up to"
    approx_after_spaced: tuple[tuple[str, str], ...]  # (" or more", "more_than"), in the data's order
    approx_after_initials: frozenset[str]  # the phrases' first letters
    approx_before_rev: re.Pattern
    rupee_contexts: dict[str, str]
    score_cues: frozenset[str]
    score_by_sentence: dict[str, list[str]]
    score_by_document: dict[str, list[str]]
    measure_words: frozenset[str]  # one-word keywords of measures that are not counts: "sales", "prices"
    minor_units: dict[str, str]  # "pence" -> GBP: a hundredth of the currency
    glued_minor_units: dict[str, str]  # "p" in "415p": only glued to the number
    all_minor_units: dict[str, str]
    rupee_re: re.Pattern
    change_verbs: frozenset[str]
    change_nouns: frozenset[str]
    tenor_nouns: frozenset[str]  # "10-year Treasuries": the term names the bond
    tenor_spans: frozenset[str]  # "one-day gain": the span of a market move (also in tenor_nouns)
    hyphen_counts: dict[str, str]  # "a 300-bed hospital": beds
    forecasters: frozenset[str]  # "the 2.3 million analysts had forecast": no count of analysts
    subject_counts: dict[str, str]  # "payrolls" -> "jobs": what a change's subject counts
    compound_nouns: frozenset[str]  # "polling stations": counted as a whole, not as "stations"
    year_nouns: frozenset[str]  # "2019 levels", "the 2024 election": the number is a year
    population_re: re.Pattern  # "a city of 15 million": people
    index_names: re.Pattern  # "S&P 500", "Sensex": a bare level in their sentence is in points
    index_mentions: re.Pattern  # an index's name or the word "index": its points are no percentage points
    table_level: re.Pattern  # "FTSE 100 (UKX) " before a number in a market table
    not_readings: re.Pattern  # "yields", "£": a PMI story's number that is no sub-index reading
    index_number: re.Pattern  # "S&P 500 futures", "the FTSE 250": the number names the index
    index_words: frozenset[str]  # the index names' words of three letters or more
    population_words: frozenset[str]  # the words of the population phrases
    counting_verbs: frozenset[str]  # "retail added 34,000": verbs that count, besides change verbs
    year_claim_after: re.Pattern  # "until 2029" ...
    year_claim_event: re.Pattern  # "in 2026" ...
    year_scheduled: re.Pattern  # "scheduled for October 2027": a claim by itself
    year_deadline: re.Pattern  # "by 2028", "by the end of 2026"
    year_claim_forward: re.Pattern  # ... in a clause that looks forward: "not due until 2029"
    year_claim_forward_until: re.Pattern  # ... also "the contract runs until 2028"
    vocab: Vocab = field(repr=False, default=None)  # physical units are read from quantities.toml
    after_unit: re.Pattern = field(repr=False, default=None)
    suffix_re: re.Pattern = field(repr=False, default=None)
    glued_magnitude_re: re.Pattern = field(repr=False, default=None)  # "million" glued: "£46million"
    vague_re: re.Pattern = field(repr=False, default=None)
    # word -> [(entry, all its words)] for _present_pattern, each entry under its longest word
    number_word_tokens: dict = field(repr=False, default=None)
    fraction_tokens: dict = field(repr=False, default=None)
    present_patterns: dict = field(repr=False, default_factory=dict)
    multiplier_re: re.Pattern = field(repr=False, default=None)
    # Words without which a pattern cannot match: a set lookup per sentence spares running
    # the long word alternations on the many sentences that cannot match them.
    vague_words: frozenset[str] = frozenset()
    fraction_words: frozenset[str] = frozenset()
    number_tokens: frozenset[str] = frozenset()
    multiplier_words: frozenset[str] = frozenset()
    any_number_words: frozenset[str] = frozenset()
    # "About 816 000 people", "Over 300": a capitalised function word before a number is no name.
    function_words: frozenset[str] = frozenset()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_YEAR_GROUP = r"((?:1[5-9]|20)\d\d)\b"
# "December 10, 2025", "Jan. 28-29, 2025", "10 December 2025", "2025-12-10", "December 2025"
_DATELINE_DATE = re.compile(  # (the lookahead rejects at once the positions no date can start at)
    rf"(?=[JFMASOND\d])(?:\b{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?,?\s+{_YEAR_GROUP}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?\s+(?:of\s+)?{_MONTH_NAMES},?\s+{_YEAR_GROUP}"
    rf"|\b((?:1[5-9]|20)\d\d)-[01]\d-[0-3]\d\b"
    rf"|\b\d{{1,2}}-{_MONTH_NAMES}-{_YEAR_GROUP})")
_DATELINE_MONTH = re.compile(rf"(?=[JFMASOND])\b{_MONTH_NAMES},?\s+{_YEAR_GROUP}")


def _word_alternation(words) -> re.Pattern:
    return re.compile(rf"\b(?:{_alternation(words)})(?![\w’'])", _VOCAB_CASE)


def _year_lead(words, bare: bool = True) -> re.Pattern:
    """The words before a year, ending where the year starts: 'until ', 'by March ', 'in the
    second half of ', 'by the end of ' (with `bare`, also the word alone)."""
    return re.compile(rf"\b(?:{_alternation(words)})[\s\u00a0]+"
                      rf"(?:the\s+(?:(?:first|second)\s+half|(?:first|second|third|fourth)\s+quarter|end|start|"
                      rf"beginning|middle|spring|summer|autumn|fall|winter)\s+of\s+|{_MONTH_NAMES}\s+"
                      rf"|(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+){'?' if bare else ''}$",
                      _VOCAB_CASE)


def lexicon(vocab: Vocab) -> _Lexicon:
    return vocab._cached("figures.lexicon", lambda: _build_lexicon(vocab))


def _build_lexicon(vocab: Vocab) -> _Lexicon:
    cur = vocab.table("currencies")
    num = vocab.table("numbers")
    units = vocab.table("units")
    qual = vocab.table("qualifiers")
    indexes = units.get("index_points", {}).get("names", []) or ["S&P"]
    index_generic = units.get("index_points", {}).get("generic", []) or ["index"]
    not_readings = units.get("index_points", {}).get("not_readings", []) or ["yield"]
    ages = units.get("ages", {})
    population = units.get("population", {}).get("before", []) or ["population of"]
    lex = _Lexicon(
        prefixes=sorted(cur.get("prefixes", {}).items(), key=lambda kv: len(kv[0]), reverse=True),
        prefix_codes=dict(cur.get("prefixes", {})),
        prefix_max=max((len(k) for k in cur.get("prefixes", {})), default=0),
        prefix_last_chars=frozenset(k[-1] for k in cur.get("prefixes", {}) if k),
        prefix_tail=re.compile(rf"(?:{_alternation(k for k in cur.get('prefixes', {}) if k)})[ \u00a0]?$"),
        suffixes={k.lower(): v for k, v in cur.get("suffixes", {}).items()},
        codes=frozenset(cur.get("codes", {}).get("codes", [])),
        magnitudes={k.lower(): float(v) for k, v in num.get("magnitudes", {}).items()},
        magnitude_suffixes={k: float(v) for k, v in num.get("magnitude_suffixes", {}).items()},
        number_words={k.lower(): float(v) for k, v in num.get("words", {}).items()},
        fractions={k.lower(): float(v) for k, v in num.get("fractions", {}).items()},
        vague={k.lower(): float(v) for k, v in num.get("vague", {}).items()},
        multipliers={k.lower(): float(v) for k, v in num.get("multipliers", {}).items()},
        percent={k.lower(): v for k, v in units.get("percent", {}).items()},
        percent_longest_first=sorted({k.lower() for k in units.get("percent", {})}, key=len, reverse=True),
        percent_initials=frozenset(k[:1].lower() for k in units.get("percent", {}) if k),
        durations={k.lower(): v for k, v in units.get("durations", {}).items()},
        tenor_nouns=frozenset(w.lower() for key in ("words", "spans") for w in units.get("tenor_nouns", {}).get(key, [])),
        tenor_spans=frozenset(w.lower() for w in units.get("tenor_nouns", {}).get("spans", [])),
        hyphen_counts={k.lower(): v for k, v in units.get("hyphen_counts", {}).items()},
        forecasters=frozenset(w.lower() for w in units.get("forecasters", {}).get("nouns", [])),
        counting_verbs=frozenset(w.lower() for w in units.get("counting_verbs", {}).get("words", [])),
        year_nouns=frozenset(w.lower() for w in units.get("year_nouns", {}).get("nouns", [])),
        subject_counts={k.lower(): v for k, v in units.get("subject_counts", {}).items()},
        compound_nouns=frozenset(" ".join(w.lower().split()) for w in units.get("compound_nouns", {}).get("nouns", [])),
        population_re=re.compile(rf"\b(?:{_alternation(population)})\s+$", _VOCAB_CASE),
        population_words=frozenset(w for phrase in population
                                   for w in _ASCII_WORD.findall(phrase.lower()) if w not in ("a", "an", "of", "to")),
        index_names=re.compile(rf"(?<![\w&])(?:{_alternation(indexes)})(?![\w&])"),
        index_mentions=re.compile(rf"(?<![\w&])(?:{_alternation([*indexes, *index_generic])})(?![\w&])"),
        # an index's name, perhaps more of it and its ticker, and nothing else before a number
        table_level=re.compile(rf"(?i:(?<![\w&])(?:{_alternation([*indexes, *index_generic])})(?![\w&]))(?:[ \u00a0]+(?:[A-Z0-9&:.-]+|Composite"
                               r"|Index|Average|Averages|Industrial|Industrials|All-Share|Jones))*"
                               r"(?:[ \u00a0]*\([A-Z:.]{2,6}\))?[ \u00a0]+$"),
        not_readings=re.compile(rf"\b(?:{_alternation(w for w in not_readings if w[:1].isalnum())})\b"
                                rf"|[{''.join(re.escape(w) for w in not_readings if not w[:1].isalnum())}]", re.I),
        index_words=frozenset(w for name in indexes for w in _ASCII_WORD.findall(name.lower()) if len(w) >= 3),
        index_number=re.compile(rf"(?<![\w&])(?:{_alternation(indexes)})"
                                r" (\d{2,4})\b(?![.,]\d)(?![\s\u00a0]+(?:points?|pts)\b)"),
        people=frozenset(w.lower() for w in units.get("people", {}).get("nouns", [])),
        party_members=frozenset(w.lower() for w in units.get("party_members", {}).get("nouns", [])),
        glued_labels=frozenset(units.get("glued_labels", {}).get("suffixes", [])),
        plural_modifiers=frozenset(w.lower() for w in units.get("plural_modifiers", {}).get("words", [])),
        amount_nouns=frozenset(w.lower() for w in units.get("amount_nouns", {}).get("words", [])),
        measure_counts={kw.lower(): spec["counts"] for spec in vocab.table("measures").values()
                        if isinstance(spec, dict) and spec.get("counts") for kw in spec.get("keywords", [])},
        age_bound=re.compile(rf"\b(?:{_alternation(ages.get('bound', ['children']))})\s+(?:aged\s+)?"
                             r"(?:under|over|above|below|older\s+than|younger\s+than)\s+$", re.I),
        age_holders=re.compile(rf"\b(?:aged|{_alternation(ages.get('holders', ['people']))})\s+$", re.I),
        modifiers=frozenset(w.lower() for w in units.get("count_modifiers", {}).get("words", [])),
        not_nouns=frozenset(w.lower() for w in units.get("not_count_nouns", {}).get("words", [])),
        approx_before=sorted(((k.lower(), v) for k, v in qual.get("approx_before", {}).items()),
                             key=lambda kv: len(kv[0]), reverse=True),
        approx_before_lookup={k.lower(): v for k, v in qual.get("approx_before", {}).items()},
        up_particle_verbs=frozenset(w.lower() for w in qual.get("up_particle_verbs", {}).get("verbs", [])),
        approx_after_spaced=tuple((" " + k.lower(), v) for k, v in qual.get("approx_after", {}).items()),
        approx_after_initials=frozenset(k[:1].lower() for k in qual.get("approx_after", {}) if k),
        rupee_contexts=dict(cur.get("rupee_contexts", {})),
        score_cues=frozenset(w.lower() for w in units.get("scores", {}).get("cues", [])),
        score_by_sentence={k: [w.lower() for w in v] for k, v in units.get("scores", {}).get("by_sentence", {}).items()},
        score_by_document={k: [w.lower() for w in v] for k, v in units.get("scores", {}).get("by_document", {}).items()},
        measure_words=frozenset(kw.lower() for spec in vocab.table("measures").values() if isinstance(spec, dict)
                                and "count" not in spec.get("kinds", []) for kw in spec.get("keywords", [])
                                if " " not in kw),
        minor_units={k.lower(): v for k, v in cur.get("minor_units", {}).items() if len(k) > 1},
        glued_minor_units={k.lower(): v for k, v in cur.get("minor_units", {}).items() if len(k) == 1},
        all_minor_units={k.lower(): v for k, v in cur.get("minor_units", {}).items()},
        rupee_re=re.compile(rf"\b(?:{_alternation(cur.get('rupee_contexts', {}))})\b"),
        # the phrases reversed, matched at the start of the reversed head: one attempt at one
        # position instead of a search of every position for a phrase that ends the head;
        # longest first, so that the match names the phrase ("just over", not "over")
        approx_before_rev=re.compile(
            " (?:" + "|".join(re.escape(k[::-1]) for k in sorted(
                (k.lower() for k in qual.get("approx_before", {})), key=len, reverse=True)) + ")|~"),
        change_verbs=frozenset(w.lower() for w in qual.get("change", {}).get("verbs", [])),
        change_nouns=frozenset(w.lower() for w in qual.get("change", {}).get("nouns", [])),
        year_claim_after=_year_lead(qual.get("year_claims", {}).get("after", ["until"])),
        year_claim_event=_year_lead(qual.get("year_claims", {}).get("events", ["in"])),
        year_deadline=_year_lead(["by"], bare=False),
        year_scheduled=_year_lead(qual.get("year_claims", {}).get("scheduled", ["scheduled for"])),
        year_claim_forward=_word_alternation(qual.get("year_claims", {}).get("forward", ["will"])),
        year_claim_forward_until=_word_alternation([*qual.get("year_claims", {}).get("forward", ["will"]),
                                                   *qual.get("year_claims", {}).get("forward_until", [])]),
        vocab=vocab,
    )
    lex.suffix_re = re.compile(rf"(?:{_alternation(lex.magnitude_suffixes)})(?![A-Za-z\d])")
    lex.glued_magnitude_re = re.compile(rf"(?:{_alternation(w for w in lex.magnitudes if len(w) > 3)})(?![A-Za-z\d])",
                                        _VOCAB_CASE)
    words = set(lex.number_words) | set(lex.magnitudes) | {"hundred"}
    lex.number_word_tokens = _entry_tokens(words)
    lex.fraction_tokens = _entry_tokens(lex.fractions)
    # "thousands of workers", and the ellipsis "..., and thousands more face a wait"
    lex.vague_re = re.compile(rf"\b(?P<vague>{_alternation(lex.vague)})\s+(?:of|(?P<more>more|fewer))\b", _VOCAB_CASE)
    lex.multiplier_re = re.compile(rf"\b(?:{_alternation(lex.multipliers)})\b", _VOCAB_CASE)
    lex.vague_words = _required_words(lex.vague)
    # words that may open a sentence before its number: "All 1,870 of its overflows" names nothing
    lex.function_words = lex.not_nouns | {phrase for phrase, _ in lex.approx_before} | \
        {"aged", "ages", "all", "only", "just", "another", "some", "nearly", "almost"}
    lex.fraction_words = _required_words(lex.fractions)
    lex.number_tokens = _required_words(words)
    lex.multiplier_words = _required_words(lex.multipliers)
    lex.any_number_words = (lex.vague_words | lex.fraction_words | lex.number_tokens | lex.multiplier_words
                            | _SMALL_NUMBER_WORDS | {"point"})
    return lex


def _word_number_pattern(words) -> re.Pattern:
    alternation = _alternation(words)
    # "and" joins only after a hundred or a thousand: "one hundred and five" (but "two and three years" are two)
    return re.compile(rf"\b(?:(?:a|an)\s+)?(?:{alternation})(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+)"
                      rf"(?:{alternation}))*\b", _VOCAB_CASE)


def _fraction_pattern(fractions) -> re.Pattern:
    return re.compile(
        rf"\b(?:{_alternation(fractions)})(?=\s+(?:of|the|a|an|all|their|its|our|his|her|higher|lower|more|"
        rf"less|fewer|cheaper|bigger|larger|smaller|below|above|off)\b)"
        rf"|\b(?:{_alternation(fractions)})(?=-[a-z])"  # "a half-mile": kept only with a unit after
        rf"|(?:(?<=\bby )|(?<=\bof )|(?<=\bfrom )|(?<=\bto )|(?<=\bthan )|(?<=\bnearly )|(?<=\balmost )|(?<=\babout )"
        rf"|(?<=\baround )|(?<=\bover )|(?<=\bunder )|(?<=\broughly )|(?<=\bapproximately ))"
        rf"(?:{_alternation(fractions)})\b(?![-\w])"
        rf"(?!\s+(?!(?:of|in|on|at|by|from|to|and|or|than|for|last|this|since|a|an|the|its|their|compared|"
        rf"with|over|after|before|during|as|while|but|when|once|if|unless|because|until|within|among|amid|against|following|"
        rf"year|month|week|overall|altogether|respectively|below|above|higher|lower|more|less|fewer|"
        rf"cheaper|smaller|bigger|larger|off|"
        # a proportion of people doing something: "just under a third now say", "about half voted"
        rf"now|still|also|already|say|says|said|are|were|is|was|have|had|has|will|would|could|may|might|"
        rf"think|believe|back|backed|support|supported|oppose|opposed|want|wanted|voted|expect|expected|"
        rf"did|do|does|got|made|took|received|lost|left|paid|opted|chose|reported|stayed|remained|lived|worked|"
        rf"agreed|died|came|went|plan|plans|planned)\b)[a-z]+\b)",
        _VOCAB_CASE)


def _entry_tokens(entries) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each entry under one of its words (the longest): a sentence without that word cannot
    hold the entry, so only the entries under the sentence's own words need checking."""
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for entry in entries:
        tokens = frozenset(_ASCII_WORD.findall(entry.lower()))
        if tokens:
            index.setdefault(max(sorted(tokens), key=len), []).append((entry, tokens))
    return index


def _present_pattern(lex: _Lexicon, kind: str, words: frozenset[str]) -> re.Pattern:
    """The word-number or fraction pattern cut down to the entries whose words all occur in
    the sentence: an entry with a missing word cannot match, and a short alternation scans
    the sentence far faster than the whole vocabulary. Cached per set of entries."""
    entries, build = (lex.number_word_tokens, _word_number_pattern) if kind == "numbers" else \
        (lex.fraction_tokens, _fraction_pattern)
    present = frozenset(entry for word in entries.keys() & words for entry, tokens in entries[word] if tokens <= words)
    cache = lex.present_patterns
    pattern = cache.get((kind, present))
    if pattern is None:
        if len(cache) > 1024:
            cache.clear()  # bounded: a long archive meets many combinations
        pattern = cache[(kind, present)] = build(present) if present else _NEVER
    return pattern


_FILLER = frozenset({"a", "an", "of", "and", "the"})
_SMALL_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})  # "one in four"
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _required_words(phrases) -> frozenset[str]:
    """For each phrase, the words any match of it must contain (fillers like "a" only when a
    phrase has nothing else): a sentence lacking all of them cannot match."""
    required = set()
    for phrase in phrases:
        tokens = _ASCII_WORD.findall(phrase.lower())
        required.update([t for t in tokens if t not in _FILLER] or tokens)
    return frozenset(required)


# ---------------------------------------------------------------------------------------
# Reading one number and its context.

@dataclass(slots=True)
class _Raw:
    """A figure under construction, in sentence coordinates."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    unit_text: str | None = None
    approx: str = "exact"
    high: float | None = None
    role: str | None = None
    num_start: int = 0
    num_end: int = 0
    magnitude: float = 1.0
    has_noun: bool = False
    each: bool = False
    holder: str | None = None
    qty: quantities.UnitMatch | None = None  # the physical unit, as read
    difference: bool = False  # a temperature difference ("warming of 1.5C"), not a reading
    score: bool = False  # one side of a score or tally ("3-1"): never joined into a range
    needs_unit: bool = False  # a number in words kept only if a neighbour lends it a unit
    nested: bool = False  # inside another figure's noun ("two quarter-point cuts"): lends it no unit
    halving: bool = False  # "halved": read as a multiplier, which lends no unit, and stated as a 50% fall
    age: bool = False  # "children under two": an age, which lends no unit to the numbers after it


# number words that may follow and complete a number before them ("two or three", "25 of its 35")
_NUMBER_WORDS_AHEAD = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
# "margins averaged minus $8.40", "a balance of minus £3m" (not "$10bn minus $2bn of debt")
_MINUS_MONEY_LEAD = re.compile(r"(?:^|[(\[]\s*|\b(?:was|were|is|are|be|been|averaged|averages|at|of|to|from|stood|stands|"
                               r"fell|dropped|reached|hit|by|around|about|nearly|almost)\s+)$", re.I)
_SIGN_BEFORE_CURRENCY = re.compile(r"(?:^|(?<=[\s(]))[-−]$")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b(?!\s+of\b)", _VOCAB_CASE)
# One person a casualty report counts: "One man died", "one officer was seriously injured"
_PERSON_NOUNS = frozenset({"man", "woman", "person", "child", "boy", "girl", "baby", "teenager"})
_CASUALTY_NOUNS = _PERSON_NOUNS | {"pedestrian", "cyclist", "motorist", "driver", "passenger", "worker", "officer",
                                   "soldier", "firefighter", "patient", "resident", "student", "pupil", "prisoner", "migrant"}
_ONE_CASUALTY = re.compile(
    rf"[\s\u00a0]+(?P<noun>{_alternation(_CASUALTY_NOUNS)})\b"
    r"(?=\s+(?:\w+ly\s+)?(?:(?:has|had)\s+)?(?:died|dies|drowned|was\s+(?:\w+ly\s+)?(?:killed|injured|hurt|wounded|"
    r"arrested|rescued|taken\s+to\s+hospital|missing)|is\s+(?:\w+ly\s+)?(?:missing|injured)|remains\s+in\s+hospital)\b)",
    re.I)
# a number in words that the next one completes: "two or three years", "two, maybe three tough years"
_RANGE_AHEAD = re.compile(rf"(?:\s+(?:to|or|and)|,\s*(?:or|maybe|perhaps|possibly))\s+(?:\d[\d,.]*|(?:{_NUMBER_WORDS_AHEAD})\b)"
                          # "from one to two million barrels": the magnitude is not the first number's
                          r"(?!\s*(?:thousand|million|billion|trillion|bn|m)\b)", re.I)
_SINGLE_MAGNITUDES = frozenset({"thousand", "million", "billion", "trillion"})  # "half a million"


def _scale(value: float, factor: float) -> float:
    """value x factor without binary noise: 4.1 x 10^9 is 4100000000, not 4099999999.9999995."""
    if factor == 1:
        return value
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


_DIGIT_SEPARATORS = str.maketrans("", "", ", \u00a0\u202f\t\n")


def _parse_digits(s: str) -> float:
    return float(s.translate(_DIGIT_SEPARATORS))


def _word_value(phrase: str, lex: _Lexicon) -> float | None:
    """Value of a number in words: 'two million', 'twenty-five', 'a dozen', 'one hundred and five'."""
    total, current, seen = 0.0, 0.0, False
    for token in _WORD_SEPARATOR.split(phrase.lower()):
        if token in ("and",):
            continue
        if token in ("a", "an"):
            current = current or 1.0
            continue
        if token == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif token in lex.magnitudes:
            total += (current or 1.0) * lex.magnitudes[token]
            current, seen = 0.0, True
        elif token in lex.number_words:
            value = lex.number_words[token]
            if value == 12 and token == "dozen":
                current = (current or 1.0) * 12
            else:
                current += value
            seen = True
        else:
            return None
    return total + current if seen else None


def _currency_before(sentence: str, pos: int, lex: _Lexicon, ctx: Context) -> tuple[int, str | None]:
    """A currency prefix ending at `pos` (glued or one space before): returns (start, ISO)."""
    head = sentence[max(0, pos - 7):pos]
    if not head:
        return pos, None
    last = head[-2] if head[-1] in " \u00a0" and len(head) > 1 else head[-1]
    if last not in lex.prefix_last_chars and head[-1] not in lex.prefix_last_chars:
        return pos, None  # no prefix ends here: most numbers follow a word and a space
    if not lex.prefix_tail.search(head):
        return pos, None  # "was 5", "worth 5": a word ends in a prefix's letter, but is none
    # Longest prefix first, then glued before spaced: a dict lookup per length, not a scan
    # of every prefix in the vocabulary.
    for length in range(min(lex.prefix_max, len(head)), 0, -1):
        for gap in ("", " ", "\u00a0"):
            if gap and not head.endswith(gap):
                continue
            cut = len(head) - len(gap)
            if cut < length:
                continue
            prefix = head[cut - length:cut]
            code = lex.prefix_codes.get(prefix)
            if code is None:
                continue
            start = pos - length - len(gap)
            if start > 0 and prefix[0].isalpha() and sentence[start - 1].isalnum():
                continue  # "FOUR 5" is not a currency
            if prefix.isalpha() and gap == "" and len(prefix) == 1:
                pass  # "R5bn" glued single letter is fine
            elif prefix.isalpha() and len(prefix) <= 2 and not gap and prefix not in _GLUED_LETTER_PREFIXES:
                continue
            if prefix in ("R",) and gap:
                continue  # a spaced "R 5" is too often something else
            if code == "USD" and prefix == "$":
                code = ctx.dollar
            if code == "INR" and prefix.lower().startswith("rs"):
                code = ctx.rupee
            return start, code
    return pos, None


_NEXT_WORD = re.compile(r"[\s\u00a0]+([A-Za-z]+)")
_HYPHENED_WORD = re.compile(r"-([A-Za-z]+)")


def _after_number(sentence: str, pos: int, lex: _Lexicon) -> tuple[int, float, str | None]:
    """Glued or spaced magnitude after a number: returns (end, multiplier, magnitude text)."""
    m = lex.suffix_re.match(sentence, pos)
    if m:
        return m.end(), lex.magnitude_suffixes[m.group(0)], m.group(0)
    m = lex.glued_magnitude_re.match(sentence, pos)
    if m:  # the tabloid "£46million", "1.5million homes"
        return m.end(), lex.magnitudes[m.group(0).lower()], m.group(0)
    m = _NEXT_WORD.match(sentence, pos) or _HYPHENED_WORD.match(sentence, pos)  # "a $46-million cut"
    if m:
        word = m.group(1)
        if word.lower() in lex.magnitudes:
            end = m.end()
            factor = lex.magnitudes[word.lower()]
            # stacked magnitudes: "Rs 1 lakh crore" is 10^5 x 10^7
            more = _NEXT_WORD.match(sentence, end)
            if more and more.group(1).lower() in lex.magnitudes:
                factor *= lex.magnitudes[more.group(1).lower()]
                end = more.end()
            return end, factor, word
        if word in lex.magnitude_suffixes and word in ("bn", "mn", "mln", "bln", "tn", "trn", "cr"):
            return m.end(), lex.magnitude_suffixes[word], word
    return pos, 1.0, None


_WORDS_AFTER = re.compile(r"[\s\u00a0-]+((?:[A-Za-z.]+\s){0,2}[A-Za-z.]+)")
_DURATION_WORD = re.compile(r"(?P<gap>[\s\u00a0]+|-)(?P<unit>[A-Za-z]+)(?P<old>-old)?\b")


def _unit_after(sentence: str, pos: int, lex: _Lexicon, ctx: Context, has_magnitude: bool):
    """The unit after a number: (end, kind, unit, unit_text, has_noun, quantity) or None."""
    rest = sentence[pos:pos + 40]
    low = rest.lower()
    # percent signs and phrases
    if rest.startswith("%"):
        return pos + 1, "percent", "percent", "%", False, None
    gap = rest[:1] if rest[:1] in (" ", "\u00a0", "-") else ""
    for phrase in lex.percent_longest_first if low[len(gap):len(gap) + 1] in lex.percent_initials else ():
        if phrase == "%" or (phrase == "pc" and gap) or (phrase == "points" and gap != " "):
            continue
        token = gap + phrase
        if low.startswith(token) and not (len(low) > len(token) and low[len(token)].isalpha()):
            unit = lex.percent[phrase]
            if unit == "points":
                return None  # "points" alone (index points, scores) is not a percentage
            return pos + len(token), "percent", unit, rest[len(gap):len(token)], False, None
    # currency words: "10.6m euros", "418bn-rand", "1.2 trillion yen", "50 lakh PKR"
    m = _WORDS_AFTER.match(rest)
    if m:
        words = m.group(1)
        candidates = words.split()
        for n in range(len(candidates), 0, -1):
            phrase = " ".join(candidates[:n])
            if phrase.lower() not in lex.suffixes:
                phrase = phrase.rstrip(".")  # "10.6m euros." ends a sentence: the stop is not the unit's
            key = phrase.lower()
            if key in lex.suffixes:
                code = lex.suffixes[key]
                if key in ("pound", "pounds") and not has_magnitude:
                    break  # "a 500-pound bomb", "lost 10 pounds": weight, not money
                if key in ("rupee", "rupees", "indian rupees") and key != "indian rupees":
                    code = ctx.rupee if code == "INR" else code
                if key in ("won", "rand", "yen", "lira", "taka") and phrase != phrase.lower() and not has_magnitude:
                    continue
                if key in ("won", "real") and not has_magnitude:
                    break  # "the party won" is a verb, "10 real terms" no currency
                end = pos + m.start(1) + len(phrase)
                if sentence[end:end + 1].isalpha():
                    continue
                return end, "money", code, phrase, False, None
            code = phrase.rstrip(".")  # "from 90 million NZD." ends a sentence
            if code in lex.codes:
                end = pos + m.start(1) + len(code)
                return end, "money", code, code, False, None
    # physical units: "680 km", "a 680-km pipeline", "500MW", "1.2 million barrels a day"
    q = quantities.match_unit(sentence, pos, lex.vocab, ctx.degrees)
    if q is not None and not _glued_name(sentence, pos, q):
        return q.end, q.unit.kind, q.unit.name, q.text, True, q
    # durations, including hyphenated adjectives: "six-day", "73-year-old", "10 years"
    m = _DURATION_WORD.match(rest)
    if m and m.group("unit").lower() in lex.durations:
        unit = lex.durations[m.group("unit").lower()]
        return pos + m.end(), "duration", unit, m.group("unit"), True, None
    return None


_MODEL_NAME = re.compile(r"(?:^|[\s(])(?P<name>[A-Z][A-Za-z]+)[\s\u00a0-]$")
_NOT_MODEL_NAMES = frozenset({"minus", "plus", "highs", "lows", "temperatures", "temperature", "hit", "reached",
                              "about", "around", "nearly", "almost", "over", "under", "just", "some", "up", "to",
                              "at", "of", "in", "and", "or", "a", "the", "between", "from", "by", "than"})


def _glued_name(sentence: str, pos: int, q: quantities.UnitMatch) -> bool:
    """A glued one-letter symbol after a name's number is part of the name: 'Boeing 777F'."""
    if q.gap or len(q.text) != 1 or not q.text.isupper():
        return False
    number = re.search(r"[\d.,]+$", sentence[:pos])
    head = sentence[:number.start()] if number else sentence[:pos]
    name = _MODEL_NAME.search(head)
    return bool(name) and name.group("name").lower() not in _NOT_MODEL_NAMES


_SPECIAL_COUNT_NOUNS = frozenset({"staff", "police", "cattle", "head", "livestock", "personnel", "troops",
                                  "sheep", "fish", "deer", "aircraft", "crew", "children"})
_DETERMINERS = frozenset({"the", "its", "their", "our", "his", "her", "these", "those", "all"})


def _looks_plural(low: str) -> bool:
    return len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))


def _counts_as_noun(low: str, lex: _Lexicon) -> bool:
    """A noun a number can count: a plural ("nurses") or one that counts unchanged ("staff", "children")."""
    return (_looks_plural(low) or low in _SPECIAL_COUNT_NOUNS or low in lex.people) and low not in lex.not_nouns


# A word of the noun phrase after a number; "U.S." and "U.K." are words too ("two U.S. plants").
# A model designation is one too: "18 Airbus A321neo jets", "12 Boeing 787 jets".
_NOUN_WORD = (r"(?:[A-Z]\.){2,}|[A-Z][A-Za-z]*-?\d[\dA-Za-z-]*"
              r"|(?<=[A-Za-z][ \u00a0])\d{3,4}(?:-\d{3})?[A-Z]?(?=[ \u00a0]+[a-z])|[A-Za-z][A-Za-z’'-]*")
_NOUN_PHRASE_WORD = re.compile(rf"[\s\u00a0]+({_NOUN_WORD})")
_NOUN_PHRASE_RUN = re.compile(rf"(?:[\s\u00a0]+(?:{_NOUN_WORD}))+")  # the unbroken run of such words
_CLOSING_QUOTES = frozenset('"”’')


def _counted_noun(sentence: str, pos: int, lex: _Lexicon, after_of: bool = False):
    """The noun a number counts: '6,000 (new) jobs', '600 council jobs',
    'thousands of (its) (warehouse) workers'.

    Returns (end, unit, noun as written) or None. Up to three modifiers (known adjectives,
    capitalised or hyphenated words, or other nouns) may stand between number and noun;
    a preposition, verb or other function word ends the search.
    """
    skipped = 0
    if sentence[pos:pos + 1] in _CLOSING_QUOTES:
        pos += 1  # 'put "at least 2,000" jobs at risk': the noun stands after the quote
    # only the unbroken run of words after the number can hold its noun: read no further
    run = _NOUN_PHRASE_RUN.match(sentence, pos, pos + 80)
    words = list(_NOUN_PHRASE_WORD.finditer(sentence[pos:run.end()])) if run else []
    expected = pos
    for i, m in enumerate(words):
        if pos + m.start() != expected:
            return None  # punctuation or a number in between
        word = m.group(1)
        low = word.lower()
        end = pos + m.end()
        expected = end
        if after_of and i == 0 and low in _DETERMINERS:
            continue
        following = _word_after(words, i)
        if low == "and" and skipped and any(_looks_plural(w.group(1).lower()) for w in words[i + 1:i + 3]):
            continue  # "25,000 search and rescue workers": one compound modifier
        if low in lex.modifiers and skipped < 3 and (
                _counts_as_noun(following, lex)
                # "35 more convenience shops", "1,000 more probation staff": one noun may stand between
                or (following and following not in lex.not_nouns and following not in lex.modifiers
                    and _counts_as_noun(_word_after(words, i + 1), lex))):
            skipped += 1
            continue  # "1,000 more nurses", "6,000 fewer officers" ("500 more" alone counts nothing)
        if low in lex.not_nouns or low in lex.number_words:
            return None  # "from 181,000 two years earlier": another number starts here
        if low in lex.people:
            if _looks_plural(following) and following not in lex.not_nouns:
                continue  # "1,200 new police officers", "200 children's charities" stay specific
            return end, "people", word
        if low in _SPECIAL_COUNT_NOUNS:
            if _looks_plural(following) and following not in lex.not_nouns:
                continue
            return end, low, word
        if word[0].isupper() and _looks_plural(following) and following not in lex.not_nouns and skipped < 3:
            skipped += 1
            continue  # "53 Texas districts", "12 Paris hotels": a name describes the noun after it
        if word[0].isupper() and skipped and following and words[i + 1].group(1)[0].isupper() \
                and i > 0 and words[i - 1].group(1)[0].isupper() and skipped < 2 \
                and i + 2 < len(words) and words[i + 2].group(1)[0].islower() and _looks_plural(_word_after(words, i + 1)) \
                and _looks_plural(low) and not _ACRONYM_PLURAL.fullmatch(word) and low not in lex.party_members \
                and not _in_title_case(sentence):
            skipped += 1
            continue  # "three Las Vegas Strip properties": "Vegas" is inside a name
        if "-" in word and _looks_plural(following) and following not in lex.not_nouns and skipped < 3:
            skipped += 1
            continue  # "40 leather-goods lines", "3.1 million interchangeable-lens cameras"
        if low in lex.plural_modifiers and _looks_plural(following) and following not in lex.not_nouns and skipped < 3:
            skipped += 1
            continue  # "six munitions factories", "20 sales assistants": the last plural is the noun
        if low[-1:] in "’'" and _looks_plural(low[:-1]) and not _looks_plural(following) \
                and low[:-1] not in lex.modifiers and low[:-1] not in lex.not_nouns:
            # "153 councils’ published rates", "300 workers' union": the owners are counted
            # (but "10 farmers’ markets" counts the markets)
            return end - 1, word[:-1] if _ACRONYM_PLURAL.fullmatch(word[:-1]) else low[:-1], word[:-1]
        if _looks_plural(low) and low not in lex.modifiers:
            if i > 0 and words[i - 1].end() == m.start() \
                    and (compound := f"{words[i - 1].group(1).lower()} {low}") in lex.compound_nouns:
                if _ACRONYM_PLURAL.fullmatch(word):
                    compound = f"{compound.split()[0]} {word}"  # "1.5 million battery EVs"
                return end, compound, f"{words[i - 1].group(1)} {word}"  # "64 polling stations"
            if word[0].isupper() and low.endswith(("ans", "ese", "nis", "ons", "ers", "ites")) and low not in lex.party_members:
                return end, "people", word  # Americans, Pakistanis, Britons: people (but "four Republicans")
            if _ACRONYM_PLURAL.fullmatch(word) or (low in lex.party_members and word[0].isupper()):
                return end, word, word  # "12 MPs", "3 ISPs", "10 Democrats": the unit keeps its capitals
            return end, low, word
        modifier = (low in lex.modifiers or word[0].isupper() or "-" in word
                    or not low.endswith(("ing", "ed", "ly"))
                    # "2,911 confirmed cases", "14 train operating companies", "224 assembly
                    # seats": a participle or -ly word right before a plural noun describes it
                    or (low.endswith(("ing", "ed", "ly")) and _looks_plural(following) and following not in lex.not_nouns)
                    # ... or before a name that does: "10 published Westminster polls"
                    or (low.endswith(("ing", "ed")) and following and words[i + 1].group(1)[0].isupper()
                        and _looks_plural(after := _word_after(words, i + 1)) and after not in lex.not_nouns))
        if not modifier or skipped >= 3:
            return None
        skipped += 1
    return None


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # MPs, GPs, SUVs: the unit keeps its capitals


def _word_after(words: list[re.Match], i: int) -> str:
    """The lower-cased word right after words[i] ('' if punctuation or the end comes first)."""
    if i + 1 < len(words) and words[i + 1].start() == words[i].end():
        return words[i + 1].group(1).lower()
    return ""


def _approx_before(sentence: str, start: int, lex: _Lexicon) -> tuple[int, str]:
    head = sentence[max(0, start - 25):start].lower()
    if head.endswith("sub-") and (start == 4 or not sentence[start - 5].isalpha()):
        return start - 4, "less_than"  # "sub-4% fixes"
    hit = lex.approx_before_rev.match(head[::-1])
    if not hit:
        return start, "exact"  # one pass in C rules out every phrase
    phrase = hit.group(0).strip()[::-1]
    cut = start - len(hit.group(0))
    if phrase == "up to" and _word_before(sentence, cut) in lex.up_particle_verbs:
        return start, "exact"  # "ticked up to 4.4%": a move to a level
    if cut == 0 or not sentence[cut - 1].isalnum():
        approx = lex.approx_before_lookup[phrase]
        return (start, "by") if approx == "by" else (cut, approx)
    for phrase, approx in lex.approx_before:  # "Spokesperson 5": a shorter phrase may still end the head
        if head.endswith(phrase + " ") or (phrase == "~" and head.endswith("~")):
            cut = start - len(phrase) - (0 if phrase == "~" else 1)
            if cut > 0 and sentence[cut - 1].isalnum():
                continue  # "Spokesperson" does not end with "person "
            if approx == "by":
                return start, "by"  # a deadline keeps its surface to the number itself
            return cut, approx
    return start, "exact"


def _approx_after(sentence: str, end: int, lex: _Lexicon) -> tuple[int, str | None]:
    if sentence[end:end + 1] != " " or sentence[end + 1:end + 2].lower() not in lex.approx_after_initials:
        return end, None  # (most numbers are followed by none of the phrases' first letters)
    tail = sentence[end:end + 12].lower()
    for spaced, approx in lex.approx_after_spaced:
        if tail.startswith(spaced) and not tail[len(spaced):len(spaced) + 1].isalpha():
            return end + len(spaced), approx
    return end, None


# ---------------------------------------------------------------------------------------
# The scan.

def _masked_spans(sentence: str, dates: list[DateMention], offset: int,
                  lex: _Lexicon, words: frozenset[str], low: str) -> list[tuple[int, int]]:
    spans = [(d.start - offset, d.end - offset) for d in dates]
    for m in _CODE.finditer(sentence) if _LETTER_DIGIT.search(sentence) else ():
        if m.group("letters") in _GLUED_LETTER_PREFIXES and _GLUED_AMOUNT.fullmatch(m.group("rest").rstrip(".,")):
            continue
        if m.group("letters").lower() == "sub" and m.group("rest").startswith("-"):
            continue  # "sub-4% fixes": below 4%, no code
        spans.append(m.span())
    digit_letter = _DIGIT_LETTER.search(sentence) is not None
    for pattern in _masks_that_may_match(sentence, low, words, digit_letter):
        for m in pattern.finditer(sentence):
            if pattern is _DIGITS_IN_WORD:
                if _glued_unit(sentence, m.start(), m.end(), lex) or _glued_magnitude(sentence, m.start(), m.end(), lex):
                    continue
                if code := _CODE_TAIL.match(sentence, m.end()):
                    spans.append((m.start(), code.end()))  # "recall 25V-118": one code
                    continue
            spans.append(m.span())
    if not _REFERENCE_WORDS.isdisjoint(words):
        spans.extend(_reference_spans(sentence))
    if digit_letter and "s" in sentence:
        spans.extend(m.span(1) for m in _PLURAL_MODEL.finditer(sentence))
    # every index's, name's and model's number stands after a letter and a space
    anchors = [a.start() - 1 for a in _LETTER_SPACE_DIGIT.finditer(sentence)]
    if not anchors:
        return spans
    if words & lex.index_words or "S&P" in sentence:
        spans.extend(m.span(1) for m in lex.index_number.finditer(sentence))
    spans.extend(_models_after_counts(sentence, anchors))
    spans.extend(m.span() for m in _names_with_numbers(sentence, anchors)
                 if m.group("name") not in lex.prefix_codes and m.group("name").lower() not in lex.function_words
                 and not _spaced_unit_after(sentence, m.end(), lex) and not _AGE_AND_OVER.match(sentence, m.end())
                 and not _title_case_figure(sentence, m.group("name"), m.end()))
    return spans


def _names_with_numbers(sentence: str, anchors: list[int]):
    """The `_NAME_NUMBER` matches, found from each word-space-digit (`anchors`) rather than by
    trying the name pattern at every word of the sentence."""
    # Found from each letter-space-digit: a pattern that starts with the letter run would try
    # every letter of every word of the sentence.
    for anchor in anchors:
        word_end = anchor + 1
        i = word_end - 1
        while i > 0 and sentence[i - 1] in _NAME_LETTERS:
            i -= 1
        word = sentence[i:word_end]
        if word.islower():
            continue  # every name starts with a capital: "rose 5", "in 2024" name nothing
        # a name starts the word, or follows an "&" inside it ("x&Foo 2")
        starts = [i] + [i + j + 1 for j, c in enumerate(word) if c == "&"] if "&" in word else (i,)
        for start in starts:
            m = _NAME_NUMBER.match(sentence, start)
            if m and m.end() > word_end:
                yield m
                break


_MODEL_NUMBER = re.compile(r"\d{3,4}(?:-\d{3})?[A-Z]?(?=s?[ \u00a0]+[a-z]+s\b)")
_COUNT_THEN_NAME = re.compile(r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|several|few))"
                              r"[ \u00a0]+[A-Z][A-Za-z]+ $")


def _models_after_counts(sentence: str, anchors: list[int]) -> list[tuple[int, int]]:
    """'12 Boeing 787 jets': the 787 is the jets' model, not a count of them (alone, '787
    jets' would be one, as '40 Tesco stores' is). The digits stand two after each anchor."""
    return [model.span() for anchor in anchors if (model := _MODEL_NUMBER.match(sentence, anchor + 2))
            and _COUNT_THEN_NAME.search(sentence, max(0, anchor - 38), anchor + 2)]


def _spaced_unit_after(sentence: str, pos: int, lex: _Lexicon) -> bool:
    """'Obrexitide 12 mg', 'the Model 3 500 km': a name's number followed by a unit is a figure."""
    q = quantities.match_unit(sentence, pos, lex.vocab, rates=False) if sentence.startswith(" ", pos) else None
    return q is not None and q.gap.strip() == "" and q.gap != "" and len(q.text) > 1


def _glued_magnitude(sentence: str, start: int, end: int, lex: _Lexicon) -> bool:
    """'$108K', '$1.4B': money with a capital magnitude letter, not a code."""
    digits = _DIGIT_RUN.match(sentence, start)
    number_start = start
    while number_start > 0 and (sentence[number_start - 1].isdigit() or sentence[number_start - 1] in ".,"):
        number_start -= 1  # "$1.4B" is masked from its "4B"
    return digits is not None and sentence[digits.end():end] in lex.magnitude_suffixes \
        and _currency_before(sentence, number_start, lex, Context())[1] is not None


def _glued_unit(sentence: str, start: int, end: int, lex: _Lexicon) -> bool:
    """'500MW', '6GB', '35C', '120kWh': digits and a unit symbol, not a code ('Boeing 777F')."""
    digits = re.match(r"\d+", sentence[start:end])
    q = quantities.match_unit(sentence[:end], start + digits.end(), lex.vocab, rates=False)
    return q is not None and q.end == end and not _glued_name(sentence, start + digits.end(), q) \
        and not _code_continues(sentence, start + digits.end(), end)


_CODE_CONTINUES = re.compile(r"-\d[\d.,]*([A-Za-z]*)")


def _code_continues(sentence: str, unit_start: int, end: int) -> bool:
    """'recall 25V-118' is a code; '30C-35C' and '500MW-700MW' are ranges of one unit."""
    m = _CODE_CONTINUES.match(sentence, end)
    return m is not None and m.group(1) != sentence[unit_start:end]


_CODE_TAIL = re.compile(r"-\d[\w-]*")  # the rest of a code the mask covers: "-118" of "25V-118"
_IN_OUT_OF = re.compile(r"\s+(?:in|out of)\s+(?:every\s+)?", _VOCAB_CASE)  # "one in every three dollars"
_PROPORTION_N = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d+)$", _VOCAB_CASE)
_PROPORTION_D = re.compile(r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|"
                           r"hundred|\d+)\b", _VOCAB_CASE)
# what every proportion contains, found in one scan before the search from each "in": the scan
# starts at white space (a number word first would be tried at every letter)
_PROPORTION_HINT = re.compile(r"\s(?:in|out of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                              r"fifteen|twenty|fifty|hundred|\d)", _VOCAB_CASE)
_NUMERATORS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")


def _may_hold_proportion(sentence: str) -> bool:
    for m in _PROPORTION_HINT.finditer(sentence):
        if sentence[max(0, m.start() - 8):m.start()].rstrip().lower().endswith(_NUMERATORS):
            return True
    return False


def _proportions(sentence: str, lex: _Lexicon):
    """'one in four', '1 in 5', 'nine out of 10': (start, end, n, d), found from each
    'in' / 'out of' outwards rather than by scanning the sentence for every number word."""
    resume = 0
    for m in _IN_OUT_OF.finditer(sentence):
        if m.start() < resume:
            continue
        n_match = _PROPORTION_N.search(sentence, max(resume, m.start() - 8), m.start())
        d_match = _PROPORTION_D.match(sentence, m.end())
        if not n_match or not d_match:
            continue
        n_text, d_text = n_match.group(0), d_match.group(0)
        n = float(n_text) if n_text.isdigit() else _word_value(n_text, lex)
        d = float(d_text) if d_text.isdigit() else _word_value(d_text, lex)
        resume = d_match.end()
        # "2 in 90 minutes" is two numbers: a unit after the second one ends the proportion
        unit_follows = _DURATION_AFTER.match(sentence, d_match.end()) or \
            quantities.match_unit(sentence, d_match.end(), lex.vocab) is not None
        if n and d and n < d and not unit_follows:
            yield n_match.start(), d_match.end(), n, d


_COMPARISON_AFTER = re.compile(r"\s+(?:the|as|that|its|their|his|her|what|this|those|these)\b", re.I)
_ORDINAL_BEFORE = re.compile(r"\b(first|second|the|last|latter|other)\s*$")
_MINUS_BEFORE = re.compile(r"(?<!plus or )(?<!plus-or-)\bminus[ \u00a0]$", _VOCAB_CASE)  # not a margin, "plus or minus 3"
_EIGHTHS = re.compile(r"-([1357])/([248])\b")


def _decimals(digits: str) -> int:
    """How many decimals a number is written with: the eighth is of its last digit."""
    return len(digits.rsplit(".", 1)[1]) if "." in digits else 0


_ARTICLE = re.compile(r"(?:a|an)\s+", re.I)
_LEADING_MAGNITUDES = re.compile(r"([A-Za-z]+)(?:[\s-]+|$)")
_DIGIT_BEFORE = re.compile(r"\d[\s\u00a0]*$")
_WORD_SEPARATOR = re.compile(r"[\s-]+")


def _first_word_at(sentence: str, low: str, tokens) -> int:
    """Where a scan for phrases made of `tokens` may start: a little before the first of them
    ("a third", "an  eighth"), not at the start of the sentence. `low` is the lower-cased
    sentence; where lower-casing changed its length ("İ") the offsets differ, so from 0."""
    if len(low) != len(sentence):
        return 0
    return max(0, min(i if i >= 0 else len(low) for i in map(low.find, tokens)) - 12)


def _candidates(sentence: str, lex: _Lexicon, masks, words: frozenset[str], low: str) -> list[tuple[int, int, float, str]]:
    """(start, end, value, how) for each number: digits, words, vague plurals, fractions."""
    found: list[tuple[int, int, float, str]] = []

    def free(s, e):  # plain loops: cheaper than any() over a generator for these short lists
        for ms, me in masks:
            if ms < e and s < me:
                return False
        for fs, fe, _, _ in found:
            if s < fe and fs < e:
                return False
        return True

    for m in lex.vague_re.finditer(sentence) if words & lex.vague_words else ():
        if m.group("more") and (m.group("vague").lower() == "scores" or _THAN.match(sentence, m.end())):
            continue  # "Haaland scores more goals", "cost thousands more than expected"
        if free(m.start(), m.end("vague")):
            found.append((m.start(), m.end("vague"), lex.vague[m.group("vague").lower()], "vague"))
    for m in _POINT_FRACTION.finditer(sentence) if "point" in words else ():
        n = m.group("n").lower()
        if n in ("one", "a") and not m.group("pp"):
            continue  # "at a point" is no figure; "a percentage point" is
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), _POINT_VALUES[n], "points"))
    # Before the digits: "1 in 4" is one proportion, not two numbers.
    fraction_words = words & lex.fraction_words
    for m in _present_pattern(lex, "fractions", words).finditer(
            sentence, _first_word_at(sentence, low, fraction_words)) if fraction_words else ():
        if not free(m.start(), m.end()):
            continue
        before = sentence[max(0, m.start() - 12):m.start()].lower()
        if _ORDINAL_BEFORE.search(before):
            continue  # "the first half" is a period, not a proportion
        found.append((m.start(), m.end(), lex.fractions[m.group(0).lower()], "fraction"))
    for start, end, n, d in _proportions(sentence, lex) if ("in" in words or "out" in words) \
            and _may_hold_proportion(sentence) else ():
        if free(start, end):
            found.append((start, end, 100.0 * n / d, "fraction"))
    for m in _NUMBER_DIGITS.finditer(sentence):
        s, e = m.start("num"), m.end("num")
        if not free(s, e):
            continue
        if (e - s >= 7 or sentence[e:e + 1] in _IDENTIFIER_NEXT or sentence[e + 1:e + 2] == "(") \
                and _an_identifier(sentence, s, e):
            continue
        value = _parse_digits(m.group("num"))
        if "/" in sentence[e:e + 5] and (eighths := _EIGHTHS.match(sentence, e)):
            # grain prices in eighths: "up 14-1/4 cents at $6.12-1/2 a bushel"
            value, e = value + int(eighths.group(1)) / int(eighths.group(2)) * 10 ** -_decimals(m.group("num")), eighths.end()
        if m.group("neg") and (m.start() == 0 or sentence[m.start() - 1] in " (\u00a0"):
            value, s = -value, m.start()
        elif "minus" in words and (minus := _MINUS_BEFORE.search(sentence, max(0, s - 6), s)):
            value, s = -value, s - len(minus.group(0))  # "minus 5C", "minus 0.1 per cent"
        found.append((s, e, value, "digits"))
    number_words = words & lex.number_tokens
    for m in _present_pattern(lex, "numbers", words).finditer(
            sentence, _first_word_at(sentence, low, number_words)) if number_words else ():
        phrase, s = m.group(0), m.start()
        if (lead := _LEADING_MAGNITUDES.match(phrase)) and lead.group(1).lower() in lex.magnitudes \
                and _DIGIT_BEFORE.search(sentence, max(0, s - 3), s):
            # "$71.4 billion two-year budget": the magnitude belongs to the digits before it
            phrase, s = phrase[lead.end():], s + lead.end()
            if not phrase:
                continue
        article = _ARTICLE.match(phrase)
        if article:
            following = _WORD_SEPARATOR.split(phrase[article.end():].lower())[0]
            if following not in lex.magnitudes and following not in ("hundred", "dozen"):
                phrase, s = phrase[article.end():], s + article.end()
        if not free(s, m.end()):
            continue
        value = _word_value(phrase, lex)
        if value is None:
            continue
        tokens = _WORD_SEPARATOR.split(phrase.lower())
        if all(t in lex.magnitudes or t in ("a", "an") for t in tokens):
            continue  # "millions" alone, "a million" handled only with a following unit below
        end = m.end()
        if tokens[-1] not in lex.magnitudes and (half := _AND_A_HALF.match(sentence, end)):
            value, end = value + 0.5, half.end()  # "two and a half times", "one and a half million"
        found.append((s, end, value, "words"))
    for m in lex.multiplier_re.finditer(sentence) if words & lex.multiplier_words else ():
        if m.group(0).lower() == "twice":
            if (_ends_with(_FREQUENCY_VERB, sentence, m.start()) or _ends_with(_FREQUENCY_OBJECT, sentence, m.start())) \
                    and not _TWICE_COMPARED.match(sentence, m.end()) and not _COMPARATIVE_AFTER.match(sentence, m.end()):
                if free(m.start(), m.end()):
                    found.append((m.start(), m.end(), 2.0, "occasions"))  # "the track was inspected twice"
                continue
            if not _COMPARISON_AFTER.match(sentence, m.end()):
                continue
        if m.group(0).lower() in _BARE_MULTIPLIERS and not _AFTER_BARE_MULTIPLIER.match(sentence, m.end()) \
                and not _ends_with(_BEFORE_BARE_MULTIPLIER, sentence, m.start()):
            continue  # "a double-digit rise", "a double whammy", "the triple lock"
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), lex.multipliers[m.group(0).lower()], "multiplier"))
    found.sort()
    return found


# "double" and "triple" multiply only as verbs or before what they multiply ("could double",
# "double or triple", "double the 203,000"); before a noun or hyphen they are adjectives.
_BARE_MULTIPLIERS = frozenset({"double", "triple", "treble", "quadruple"})
_AFTER_BARE_MULTIPLIER = re.compile(
    r"\s*(?:[.,;:)!?—–]|$)|\s+(?:the|a|an|its|their|his|her|our|in|to|from|over|by|or|and|that|this|what|since|"
    r"within|last|next|again|on|at|for|as|compared|between|after|before|during|while|but|when|if)\b", re.I)
_BEFORE_BARE_MULTIPLIER = re.compile(r"\b(?:to|will|would|could|can|may|might|should|must|did|does|do|"
                                     r"nearly|almost|roughly|about|than)\s+$", re.I)  # "to double output"


# Context patterns of `_read`, matched in place: slicing the sentence for every number
# copied it, and a `$`-anchored search over the whole head rescanned it from the start.
_AGE_WORDS = frozenset({"aged", "ages"})  # one of them is in every _AGED or _AGED_RANGE match
_AGED = re.compile(r"\baged\s+(?:between\s+)?$|\bages\s+(?:of\s+)?$", re.I)
_AGED_RANGE = re.compile(r"\bage[sd]\s+(?:between\s+)?\d+(?:\s+(?:to|and)|\s*[-–])\s*$", re.I)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[\s-]+$", re.I)
_MAGNITUDE_AFTER = re.compile(r"[\s-]+magnitude\b")
_TIMES = re.compile(r"\s+times\b|x\b")
_SIZE_BY = re.compile(r"\d\S*(?:[\s\u00a0]+[A-Za-z²³/.-]+)?[\s\u00a0]+by[\s\u00a0]+$")
_EACH = re.compile(r"\s+each\b")
_FAMILY_OF = re.compile(r"(?:mother|father|mum|mom|dad|parent|grandmother|grandfather|grandparent|family|"
                        r"household)(?:\s+of\s+|-of-)$", re.I)  # "a mother of three", "grandmother-of-five"
_NAME_COMMA = re.compile(r"\b[A-Z][a-z’'-]+,[ \u00a0]$")
_AGE_CLOSE = re.compile(r",|\.(?:\s|$)|$|\)")
# an item of a list by place: "18 in the North East, eight in Yorkshire and four in Cumbria"
_PLACE_ITEM_AFTER = re.compile(r"\s+(?:in|at|from)\s+(?:the\s+)?[A-Z]")
_LABEL_BEFORE = re.compile(r"(?:\b(?:grade|grades|level|levels|band|bands|category|tier|stage|class|key\s+stage)\s+|\d:)$", re.I)
_TEXT_TO = re.compile(r"\b(?:[Tt]ext|[Tt]exting|[Tt]exts|SMS)\s+(?:the\s+word\s+)?(?:[A-Z]{2,}|[\"'“‘][^\"'”’]{1,20}[\"'”’])\s+to\s+$")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright)\s*$", re.I)
_GLUED_LETTERS = re.compile(r"[a-z]+\b")  # letters glued to the number that no unit reading took
_AGE_AND_OVER = re.compile(r"\s+(?:or|and)\s+(?:older|over|above)\b")
# "Full retirement age is 67", "the state pension age will rise to 68"
_AGE_IS = re.compile(r"\bage\s+(?:is|was|of|at|to|will\s+be|(?:will|would)\s+(?:rise|fall|increase|go\s+up)\s+to|"
                     r"(?:rises|rose|falls|fell|increases|increased)\s+to|from)\s+$", re.I)
_YEAR_NUMBER = re.compile(r"1[5-9]\d\d|20\d\d|2100")
_THE_BEFORE = re.compile(r"\b(?:the|this|next|last)\s+$", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.I)  # "a 1979 law" (1,979 of anything is never "a")
# A year between a possessive and its noun dates the noun: "its 2024 voters", "Labour's 2019
# manifesto" (a count that large would be written "2,024").
_POSSESSIVE_BEFORE = re.compile(r"(?:\b(?:its|their|his|her|our|my|your)|\w[’']s)\s+$", re.I)
_HEAD_WINDOW = 60
_MINOR_UNIT = re.compile(r"(?P<gap>[\s\u00a0-]?)(?P<word>(?:US|U\.S\.)[\s\u00a0]cents?|[A-Za-z]+)(?![\w’'-])")
_DURATION_AFTER = re.compile(r"[\s\u00a0-]+(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?)\b", re.I)
_OF_A = re.compile(r"(?:\s+of)?\s+an?(?=\s)", _VOCAB_CASE)
_OF = re.compile(r"\s+of\s")
_OF_DETERMINER = re.compile(r"\s+of\s+(?:the|its|their|our|his|her|(?:[A-Z][\w&-]*\s+){0,3}[A-Z][\w&-]*[’']s)\s+")
# "two of the 12 members", "the next four": a number in words whose noun is elsewhere
_PARTITIVE_AHEAD = re.compile(r"\s+of\s+(?:the|its|their|our|his|her|(?:the\s+)?[\w.’'-]+[’']s)\s+"
                              rf"(?:(?:last|past|first|next|remaining|other)\s+)?(?:\d|(?:fifteen|{_NUMBER_WORDS_AHEAD})\b)",
                              re.I)
# "the next four", "down from three a week ago", "compared with two last year"
_ELLIPTIC_BEFORE = re.compile(r"\b(?:the\s+(?:next|other|remaining|last|first)|another|a\s+further|(?:up|down)\s+from"
                              r"|\bto\s+\d[\d,.]*%?(?:\s+[a-z]+)?\s+from"  # "rose to 14 (seats) from nine"
                              r"|compared\s+(?:with|to)|versus|against"
                              # a tally: "backed it by nine votes to three", "from 12 stores to seven"
                              r"|(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen"
                              r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+[a-z]+s\s+to)\s+$", re.I)
_OF_MONEY = re.compile(r"\s+of\s+(dollars|pounds|euros)\b(?!\s+of\b)", _VOCAB_CASE)  # not "pounds of waste"


def _minor_unit(sentence: str, pos: int, lex: _Lexicon, ctx: Context, factor: float) -> tuple[int, str, str] | None:
    """Pence and cents after a number: '415p', '24.86p', '50 pence', '25 cents' -> (end, ISO, text)."""
    if factor != 1:
        return None  # "5m pence" is not written; "5mp" is no money
    m = _MINOR_UNIT.match(sentence, pos)
    if not m:
        return None
    word = " ".join(m.group("word").lower().split())
    code = lex.minor_units.get(word) if m.group("gap") or len(word) > 1 else lex.glued_minor_units.get(word)
    if code is None:
        return None
    if code == "USD" and " " not in word:
        # plain cents are the document's dollar's (or euro's); "US cents" say whose they are
        code = ctx.cent or ctx.dollar
    return m.end(), code, m.group("word")


def _ends_with(pattern: re.Pattern, sentence: str, pos: int) -> bool:
    """`pattern` (anchored with `$`) matches text ending at `pos`. Only a window before `pos`
    is searched; word boundaries still see the character before the window."""
    return pattern.search(sentence, max(0, pos - _HEAD_WINDOW), pos) is not None


_CLAUSE_START = re.compile(r".*(?:[;:]|\s[—–-]\s)", re.S)
_CLAUSE_END = re.compile(r"[,;:]|\.(?:\s|$)|\s(?:but|while|[—–-])\s")
_DIGIT_RUN = re.compile(r"\d[\d,.]*\d|\d")
_BY = re.compile(r"\bby\s+$")  # the year is the claim: "production by 2028"


def _year_claim(sentence: str, start: int, lex: _Lexicon, now_year: int | None = None) -> str | None:
    """How a year at `start` is itself the claim: "by" for a deadline ("by 2028", "by March
    2026"), "exact" for a year a forward-looking clause states ("not due until 2029", "due to
    start production in 2026") or that bounds a span still to come ("frozen until April 2031",
    "from April 2029" in a story of 2026); None when it only dates something ("rose 5% in 2024",
    "to 3.9% by the end of 2025", "held the seat from 1983 until 2024")."""
    window = max(0, start - _HEAD_WINDOW)
    if _ends_with(_BY, sentence, start):
        return "by"
    if lex.year_deadline.search(sentence, window, start):
        return "by"  # "by March 2027", "by the end of 2027": a deadline, like "by 2027"
    year = int(sentence[start:start + 4])
    ahead = None if now_year is None else year > now_year
    if now_year is not None and year < now_year:
        return None  # a year before the story's own only dates what happened in it
    if lex.year_scheduled.search(sentence, window, start):
        return "exact"
    if ahead and (lead := _SPAN_LEAD.search(sentence, window, start)):
        return "more_than" if "least" in lead.group(0).lower() else "exact"  # "delayed until at least 2030"
    after = lex.year_claim_after.search(sentence, window, start)
    event = None if after else lex.year_claim_event.search(sentence, window, start)
    if not (after or event):
        return None
    lead = (after or event).start()
    head = sentence[max(0, lead - 90):lead]
    clause = _CLAUSE_START.match(head)
    forward = None
    markers = lex.year_claim_forward_until if after else lex.year_claim_forward
    for forward in markers.finditer(head, clause.end() if clause else 0):
        pass  # the last one: what stands between it and the year is the clause's claim
    if forward is None and not (event and ahead):
        return None
    # a year still ahead of the story looks forward by itself: "contributions begin in 2027"
    claim_start = forward.end() if forward is not None else (clause.end() if clause else 0)
    if event and (_ANY_DIGIT.search(_ASIDE.sub("", head[claim_start:])) or _other_figure_after(sentence, start + 4)):
        return None  # "prices will rise 5% in 2026", "will rise in 2026 by 5%": the year dates the 5%
    return "exact"


# an aside between commas: "The arc furnace, which will cost £1.25bn, is due to open in 2028"
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,]*,")


def _other_figure_after(sentence: str, pos: int) -> bool:
    """A number other than a year in the rest of the clause."""
    tail = _CLAUSE_END.split(sentence[pos:], 1)[0]
    # ... and before a second verb phrase: "is due to open in 2028 and will make 2.8 million
    # tonnes" (but "in 2026 and by 5% in 2027" goes on)
    tail = _AND_VERB_PHRASE.split(tail, 1)[0]
    return any(not _YEAR_NUMBER.fullmatch(n) for n in _DIGIT_RUN.findall(tail))


_AND_VERB_PHRASE = re.compile(r"\sand\s+(?!(?:by|to|from|in|at|of|over|then|about|around|nearly|almost|more|less|up|down|"
                              r"the|a|an)\b)(?=[a-z])")


_NEXT_WORDS = re.compile(r",?[\s\u00a0]+([A-Za-z]+)(?:[-\s\u00a0]+([A-Za-z]+))?")


# A verb right before "14 times" or "twice" makes them how often, not how much:
# "had been cited 14 times", "was inspected twice" (but "rose three times faster").
_FREQUENCY_VERB = re.compile(r"\b(?:[a-z]{2,}ed|met|won|lost|hit|struck|beaten|beat|ran|visited|scored)\s+$")
_MULTIPLYING = frozenset({"multiplied", "multiply", "multiplies", "expanded", "grown", "risen", "increased", "surged"})


def _word_before(sentence: str, pos: int) -> str:
    """The word ending right before `pos` (through spaces), lower-cased; '' if none."""
    words = _HEAD_WORD.findall(sentence, max(0, pos - 20), pos)
    return words[-1].lower() if words else ""


def _after_change_verb(sentence: str, pos: int, lex: _Lexicon) -> bool:
    """'revenue grew three times in a year': the word before the number is a change verb."""
    word = _word_before(sentence, pos)
    return word in lex.change_verbs or word in _MULTIPLYING

# "frozen three times in a month", "come back four times since 2022": how often
_FREQUENCY_AFTER = re.compile(r"[\s\u00a0]+(?:since|so\s+far|in\s+(?:a|one|the\s+(?:past|last))|a\s+(?:day|week|month|year)|"
                              r"per\s+(?:day|week|month|year)|this\s+(?:year|month|week|season)|last\s+(?:year|month|week|season))\b",
                              re.I)
# ... and with the verb's object between: "raised prices twice", "has cut rates twice"
_FREQUENCY_OBJECT = re.compile(r"\b(?:[a-z]{2,}ed|cut|hit|met|won|lost|paid|sold|held|made|set)\s+"
                               r"(?:(?:the|its|their|his|her|our|interest)\s+)?[a-z]{3,}s\s+$")
_TWICE_COMPARED = re.compile(r"\s+(?:as|the|that|what|its|their|his|her|those)\b", re.I)  # not "twice this year"
_SCORED = re.compile(r"\bscored\s+$")
_COMPARATIVE_AFTER = re.compile(r"\s+(?:more|less|higher|lower|larger|bigger|smaller|faster|slower|greater|over|"
                                r"as|than|above|below|[a-z]+er\b)", re.I)
_AGO = re.compile(r"[\s\u00a0]+(?:ago|earlier)\b", re.I)
_EXPECTED_AFTER = re.compile(r"\s+(?:(?:had|have|has|were|are)\s+)?(?:been\s+)?(?:expected|expecting|forecast|"
                             r"forecasting|predicted|estimated|anticipated|projected|polled|pencil?led)\b")
_HYPHEN_WORDS = re.compile(r"-([a-z]+)(?:[\s\u00a0]+([a-z]+))?")


def _hyphen_count(sentence: str, pos: int, lex: _Lexicon) -> tuple[int, str, str] | None:
    """'a 300-bed hospital', 'its 61,500-capacity stadium', 'a 41,000-strong workforce': the
    hyphenated word says what is counted; a two-word entry ("strong workforce") comes first."""
    m = _HYPHEN_WORDS.match(sentence, pos)
    if not m:
        return None
    if m.group(2) and (unit := lex.hyphen_counts.get(f"{m.group(1)} {m.group(2)}")):
        return m.end(), unit, sentence[pos + 1:m.end()]
    if m.group(2) in _INDEX_NOUNS:
        return None  # "the Case-Shiller 20-city index", "the 30-stock average": a name
    if unit := lex.hyphen_counts.get(m.group(1)):
        return m.end(1), unit, m.group(1)
    return None


_INDEX_NOUNS = frozenset({"index", "indices", "average", "composite"})


_SUPERLATIVE_BEFORE = re.compile(r"\b(?:biggest|largest|sharpest|steepest|worst|best|strongest|weakest|record)\s+$", re.I)


def _names_a_tenor(sentence: str, start: int, num_end: int, unit_end: int, lex: _Lexicon) -> bool:
    """'the 10-year Treasury yield', 'a two-year fixed mortgage', '10-year Japanese government bonds',
    'their biggest one-day gain'."""
    if not sentence.startswith("-", num_end):
        return False  # "bonds maturing in 10 years" states the term
    m = _NEXT_WORDS.match(sentence, unit_end)
    if not m:
        return False
    first, second = m.group(1), (m.group(2) or "").lower()
    if first.lower() in lex.tenor_spans:  # a market move's span only after a superlative: not "a 24-hour drop-in centre"
        return not sentence.startswith("-", m.end(1)) and _ends_with(_SUPERLATIVE_BEFORE, sentence, start)
    if first.lower() in lex.tenor_nouns or (first[0].isupper() and second in lex.tenor_nouns):
        return True
    # "one-year credit default swaps": the instrument's name may run to three words
    third = _NEXT_WORD.match(sentence, m.end())
    return bool(second) and first.islower() and second.isalpha() and third is not None \
        and third.group(1).lower() in lex.tenor_nouns and third.group(1).lower() not in lex.tenor_spans


def _read(sentence: str, start: int, end: int, value: float, how: str,
          lex: _Lexicon, ctx: Context) -> _Raw | None:
    """Turn one number into a figure by reading its context; None if it is not one."""
    if how == "multiplier":
        if value < 1:  # "halved", "almost halved": a fall of 50%, not a multiple
            if sentence[start:end].lower() == "halving" and _ends_with(_THE_BEFORE, sentence, start) \
                    and not _OF.match(sentence, end):
                return None  # "the next halving" names an event (bitcoin's); "the halving of the cap" is a cut
            s, approx = _approx_before(sentence, start, lex)
            return _Raw(s, end, value, "multiplier", "times", sentence[start:end], halving=True,
                        approx="exact" if approx == "by" else approx, num_start=start, num_end=end)
        return _Raw(start, end, value, "multiplier", "times", sentence[start:end],
                    num_start=start, num_end=end)
    if how == "occasions":
        unit = "goals" if _ends_with(_SCORED, sentence, start) else "occasions"
        return _Raw(start, end, value, "count", unit, None, num_start=start, num_end=end)
    if how == "points":
        s, approx = _approx_before(sentence, start, lex)
        role = "change" if approx == "by" else None  # "cut by a quarter point" is a change, not a deadline
        return _Raw(s, end, value, "percent", "percentage points", sentence[start:end],
                    approx="exact" if approx == "by" else approx, role=role, num_start=start, num_end=end)
    if how == "fraction":
        s, approx = _approx_before(sentence, start, lex)
        approx = "exact" if approx == "by" else approx  # "cut by half": a change, not a deadline
        if sentence.startswith("-", end):  # "a half-mile", "a quarter-mile"
            q = quantities.match_unit(sentence, end, lex.vocab, ctx.degrees)
            if q is None or q.gap != "-":
                return None  # "a half-hearted", "one-third-owned"
            return _Raw(s, q.end, _scale(value / 100, q.scale), q.unit.kind, q.unit.name, q.text, approx=approx,
                        num_start=start, num_end=end, has_noun=True, qty=q)
        # "half a degree", "a quarter of a mile": a fraction of a unit, not a proportion
        if m := _OF_A.match(sentence, end):
            q = quantities.match_unit(sentence, m.end(), lex.vocab, ctx.degrees)
            if q is not None and q.gap.strip() == "":
                return _Raw(s, q.end, _scale(value / 100, q.scale), q.unit.kind, q.unit.name, q.text, approx=approx,
                            num_start=start, num_end=end, has_noun=True, qty=q)
            word = _NEXT_WORD.match(sentence, m.end())
            following = word.group(1).lower() if word else ""
            # "half a day", "a quarter of an hour": a span of time
            if following in lex.durations and following == _singular(following):
                return _Raw(s, word.end(), value / 100, "duration", lex.durations[following],
                            word.group(1), approx=approx, num_start=start, num_end=end, has_noun=True)
            # "half a dozen firms" is six of them; "half a million patients", "a quarter of a
            # billion dollars" are amounts
            factor = 12 if following == "dozen" else lex.magnitudes.get(following) if following in _SINGLE_MAGNITUDES else None
            if factor:
                raw = _Raw(s, word.end(), _scale(value / 100, factor), "number", None, None, approx=approx,
                           num_start=start, num_end=word.end(), magnitude=factor, needs_unit=factor == 12)
                unit = _unit_after(sentence, word.end(), lex, ctx, True) if factor > 12 else None
                if unit and unit[1] == "money":
                    raw.end, raw.kind, raw.unit, raw.unit_text = unit[0], "money", unit[2], unit[3]
                elif noun := _counted_noun(sentence, word.end(), lex):
                    raw.end, raw.unit, raw.unit_text = noun
                    raw.kind, raw.has_noun, raw.needs_unit = "count", True, False
                return raw
        return _Raw(s, end, value, "percent", "percent", sentence[start:end], approx=approx,
                    num_start=start, num_end=end)
    if how == "vague":
        money = _OF_MONEY.match(sentence, end)  # "billions of dollars", "thousands of pounds": money
        q = quantities.match_unit(sentence, end + 3, lex.vocab, ctx.degrees) \
            if _OF.match(sentence, end) and not money else None
        if q is not None and q.gap.strip() == "" and q.unit.kind == quantities.QUANTITY:
            # "hundreds of square kilometres", "tens of thousands of barrels a day"
            return _Raw(start, end, _scale(value, q.scale), q.unit.kind, q.unit.name, q.text,
                        approx="vague_at_least", num_start=start, num_end=end, has_noun=True, qty=q)
        if money:
            noun = None
        elif of := _OF.match(sentence, end):
            noun = _counted_noun(sentence, of.end() - 1, lex, after_of=True)
        else:
            noun = _counted_noun(sentence, end, lex)  # "thousands more (workers)"
        unit, unit_text, kind = (noun[1], noun[2], "count") if noun else (None, None, "count")
        if money:
            kind, unit, unit_text = "money", lex.suffixes[money.group(1).lower()], money.group(1)
        return _Raw(start, end, value, kind, unit, unit_text, approx="vague_at_least",
                    num_start=start, num_end=end, has_noun=noun is not None)

    and_over = False  # "65 or older": an age bound
    cur_start, currency = _currency_before(sentence, start, lex, ctx)
    if currency and value > 0 and _SIGN_BEFORE_CURRENCY.search(sentence, max(0, cur_start - 2), cur_start):
        cur_start, value = cur_start - 1, -value  # "net income of -$21.3 billion" (not "$5-$10", a range)
    elif currency and value > 0 and (minus := _MINUS_BEFORE.search(sentence, max(0, cur_start - 6), cur_start)) \
            and _ends_with(_MINUS_MONEY_LEAD, sentence, minus.start()):
        cur_start, value = minus.start(), -value  # "margins averaged minus $8.40 a head"
    num_end, factor, magnitude = _after_number(sentence, end, lex)
    if magnitude and magnitude in lex.magnitude_suffixes and magnitude.lower() in ("m", "k", "b") and not currency:
        # "100m" is a hundred million only for money, a unit or a counted noun ("5m people",
        # "5m tonnes"); a glued "m" is metres where the text says so ("the 100m sprint",
        # "the 400m hurdles", "a 10m-high wall"), else no figure ("turnover was 5m").
        noun = _counted_noun(sentence, num_end, lex)
        unit_follow = _unit_after(sentence, num_end, lex, ctx, True)
        millions = (unit_follow and unit_follow[1] in ("money", quantities.QUANTITY)) or \
            (noun and not (magnitude == "m" and quantities.metre_event(noun[2], lex.vocab)))
        if not millions:
            if magnitude != "m" or not quantities.glued_metres(sentence, start, num_end, lex.vocab):
                return None
            num_end, factor, magnitude = end, 1.0, None
    value = _scale(value, factor)
    raw = _Raw(cur_start, num_end, value, "number", num_start=start, num_end=end, magnitude=factor)
    words = ascii_words(sentence)  # cached: find_figures asked for the same sentence's words
    if currency:
        raw.kind, raw.unit, raw.unit_text = "money", currency, sentence[cur_start:start].strip()
        # "$1.13bn (£600m)" style is two figures; nothing more to read here
    elif not words.isdisjoint(_AGE_WORDS) \
            and (_ends_with(_AGED, sentence, start) or (raw.high is None and _ends_with(_AGED_RANGE, sentence, start))) \
            and not _DURATION_AFTER.match(sentence, num_end):
        raw.kind, raw.unit, raw.unit_text = "duration", "years", None  # "aged 18 to 24" (but "aged six months")
        if m := _AGE_AND_OVER.match(sentence, num_end):
            raw.end, and_over = m.end(), True  # "aged 65 and over"
    elif minor := _minor_unit(sentence, num_end, lex, ctx, factor):
        raw.end, raw.unit, raw.unit_text = minor
        raw.kind, raw.value = "money", _scale(raw.value, 0.01)  # "415p" is £4.15, "25 cents" $0.25
    elif "magnitude" in words and (_ends_with(_MAGNITUDE_BEFORE, sentence, start)
                                   or _MAGNITUDE_AFTER.match(sentence, num_end)):
        raw.kind, raw.unit = "number", "magnitude"
        if m := _MAGNITUDE_AFTER.match(sentence, num_end):
            raw.end = m.end()
    else:
        unit = _unit_after(sentence, num_end, lex, ctx, factor > 1)
        if unit and unit[1] == "duration" and (_names_a_tenor(sentence, start, num_end, unit[0], lex)
                                               or _AGO.match(sentence, unit[0])):
            return None  # "the 10-year yield"; "two years ago" only dates what happened
        if unit:
            raw.end, raw.kind, raw.unit, raw.unit_text, raw.has_noun, raw.qty = unit
            if raw.qty is not None and raw.qty.scale != 1:
                raw.value = _scale(raw.value, raw.qty.scale)  # "50 bcm" is 50 billion cubic metres
                raw.magnitude *= raw.qty.scale
        elif how == "words" and value == 1 and (casualty := _ONE_CASUALTY.match(sentence, num_end)):
            noun = casualty.group("noun").lower()  # "One man died", "one officer was injured"
            raw.end, raw.kind, raw.has_noun = casualty.end("noun"), "count", True
            raw.unit = "people" if noun in _PERSON_NOUNS else _plural(noun)
        elif how == "words" and value < 2 and factor == 1 and not _RANGE_AHEAD.match(sentence, num_end) \
                and ((hyphened := _hyphen_count(sentence, num_end, lex)) is None or hyphened[1] == "people"):
            return None  # "one of the world's largest", "a one-man show"; "one-bedroom flats" has a noun
        else:
            noun = _counted_noun(sentence, num_end, lex) or _hyphen_count(sentence, num_end, lex)
            if noun and noun[1] in lex.forecasters and _EXPECTED_AFTER.match(sentence, noun[0]):
                noun = None  # "more than the 2.3 million analysts had forecast": what they forecast
            if noun and factor == 1 and _YEAR_NUMBER.fullmatch(sentence, start, end) \
                    and (noun[2].lower() in lex.year_nouns or _ends_with(_POSSESSIVE_BEFORE, sentence, start)
                         or _ends_with(_ARTICLE_BEFORE, sentence, start) or _ends_with(_COPYRIGHT, sentence, start)):
                return None  # "140% above 2019 levels", "its 2024 voters", "a 1979 federal law",
                # "© 2027 Federal News Network": a year
            # "all 1,870 of its overflows": the noun after "of its" when no number follows
            of_noun = None if noun else (m := _OF_DETERMINER.match(sentence, num_end)) and \
                _counted_noun(sentence, m.end() - 1, lex)
            if noun:
                raw.end, raw.unit, raw.unit_text = noun
                raw.kind, raw.has_noun = "count", True
            elif of_noun:
                raw.unit, raw.unit_text, raw.kind, raw.has_noun = of_noun[1], of_noun[2], "count", True
            elif m := _TIMES.match(sentence, num_end):
                raw.end, raw.kind, raw.unit, raw.unit_text = m.end(), "multiplier", "times", m.group(0).strip()
                if (_ends_with(_FREQUENCY_VERB, sentence, start) or _FREQUENCY_AFTER.match(sentence, m.end())) \
                        and not _after_change_verb(sentence, start, lex) \
                        and not _COMPARISON_AFTER.match(sentence, m.end()) and not _COMPARATIVE_AFTER.match(sentence, m.end()):
                    raw.kind, raw.unit, raw.unit_text = "count", "occasions", None  # "cited 14 times"
            elif how == "digits" and sentence[start - 4:start] == " to " and _ends_with(_TEXT_TO, sentence, start):
                return None  # "texting PRICE to 85075": a short code
            elif how == "digits" and (glued := _GLUED_LETTERS.match(sentence, num_end)) \
                    and glued.group(0) in lex.glued_labels:
                return None  # "a 9ct chain", "a 75cl bottle", "in their 20s": a grade, a size, a decade
            elif how == "digits" and factor == 1 and value == int(value) and 0 < value < 120 \
                    and ((_ends_with(_NAME_COMMA, sentence, start) and _AGE_CLOSE.match(sentence, num_end))
                         or _ends_with(lex.age_bound, sentence, start) or _ends_with(_AGE_IS, sentence, start)
                         or (_AGE_AND_OVER.match(sentence, num_end) and _ends_with(lex.age_holders, sentence, start))):
                # "the midfielder Kofi Mensah, 27, ...", "children under 10", "riders 65 or older": an age
                raw.kind, raw.unit, raw.age = "duration", "years", True
                if m := _AGE_AND_OVER.match(sentence, num_end):
                    raw.end, and_over = m.end(), True
            elif _YEAR_NUMBER.fullmatch(sentence, start, end) and factor == 1:
                raw.kind, raw.unit = "year", "year"  # a year that is itself the claim
                year_claim = _year_claim(sentence, start, lex, ctx.now_year)
                if year_claim is None:
                    return None  # other bare years are dates, found by dates.py
            elif _ends_with(_FAMILY_OF, sentence, start) and factor == 1 and value == int(value) and value < 20:
                raw.kind, raw.unit = "count", "people"  # "a mother of three", "a family of two"
            elif how == "words" and factor == 1 and value < 120 and _ends_with(lex.age_bound, sentence, start):
                raw.kind, raw.unit, raw.age = "duration", "years", True  # "children under two"
            elif how == "words" and factor == 1:
                if not (_PARTITIVE_AHEAD.match(sentence, num_end) or _ends_with(_ELLIPTIC_BEFORE, sentence, start)
                        or _ends_with(_AND_BEFORE, sentence, start) or _ELLIPTIC_AFTER.match(sentence, num_end)
                        or _RANGE_AHEAD.match(sentence, num_end)
                        or (sentence[start - 2:start] == ", " and _PLACE_ITEM_AFTER.match(sentence, num_end))
                        or _ends_with(_MAJORITY_OF, sentence, start)
                        or _after_parallel_verb(sentence, start, lex)):
                    return None  # "the two sides": small numbers in words need their noun
                raw.needs_unit = True
    s, approx = _approx_before(sentence, raw.start, lex)
    if raw.kind == "year":
        s, approx = raw.start, year_claim  # "by March 2026" is a deadline, "until 2029" exact
    raw.start, raw.approx = s, "more_than" if and_over else approx
    if raw.kind != "year" and approx == "by":
        raw.approx = "exact"  # "rose by 5%" is a change, not a deadline
        if not (raw.qty is not None and _ends_with(_SIZE_BY, sentence, raw.start)):
            raw.role = "change"  # ... but "2.5 metres by 3 metres" is a size
    e, after = _approx_after(sentence, raw.end, lex)
    if after and after != "around" and raw.kind == "number" and _ends_with(_LABEL_BEFORE, sentence, raw.start):
        after = None  # "Level 4 or above apprenticeships", "a 2:1 or higher": a grade, not a bound
    if after:
        raw.end, raw.approx = e, after
        if raw.kind == "number" and (noun := _counted_noun(sentence, e, lex)):
            raw.end, raw.unit, raw.unit_text = noun  # "employers with 50 or more workers"
            raw.kind, raw.has_noun, raw.needs_unit = "count", True, False
    if m := _EACH.match(sentence, raw.end):
        raw.each = True
        raw.end = m.end()
    return raw


# ---------------------------------------------------------------------------------------
# Joining figures: ranges, ellipsis, change roles.

# A "to" after these is a change to a new level, not a range.
_CHANGE_HINTS = ("rose", "rise", "rising", "fell", "fall", "jumped", "increased", "decreased",
                 "grew", "climbed", "dropped", "cut", "raised", "lowered", "points", "surged",
                 "slumped", "declined", "up", "down", "by")
_CHANGE_HINT = re.compile(r"\b(" + "|".join(_CHANGE_HINTS) + r")\b")
_LOWER_RUN = re.compile(r"[a-z]+")
_CLAUSE_JOIN = re.compile(r"[;.]\s|\band\b|\bwhile\b|\bbut\b")


def _join_ranges(sentence: str, raws: list[_Raw], change_verbs: frozenset[str],
                 minor_units: dict[str, str]) -> list[_Raw]:
    """`$1–2 billion`, `5-7%`, `between 5% and 7%`, `from 10 to 12 per cent` become one figure."""
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        b = raws[i + 1] if i + 1 < len(raws) else None
        if b is not None and not a.score:
            joiner = sentence[a.end:b.start].strip()
            before = sentence[max(0, a.start - 9):a.start].lower()
            is_between = before.rstrip().endswith("between") and joiner == "and"
            dashed = joiner in ("-", "–", "—")
            is_dash = (dashed or (joiner == "to" and b.kind != "number" and not _after_change(sentence, a, change_verbs)
                                  and not _written_apart(a, b, minor_units))) \
                and not before.rstrip().endswith("from") and (a.unit == b.unit or "number" in (a.kind, b.kind))
            if a.value == 0 and a.kind == "number" and joiner in ("-", "–", "to") and b.qty is not None \
                    and b.qty.unit.dimension == "speed":
                b.start = a.start  # "0-62mph in 3.9 seconds": an acceleration benchmark, the figure is 62mph
                out.append(b)
                i += 2
                continue
            # "$1–2 billion": the high end's magnitude covers both ends, unless the low end
            # already stands whole ("$800,000 to $1.2 million")
            shared = a.magnitude == 1 and b.magnitude > 1 and _scale(a.value, b.magnitude) <= b.value
            # "181-183p", "5-6 cents": the low end is in the high end's pence or cents too
            a_value = _scale(a.value, 0.01) if a.kind == "number" and _in_minor_units(b, minor_units) \
                and (is_between or dashed) else a.value  # "raised it 5 to 85p": a move
            if (is_between or is_dash) and (a.kind == b.kind or "number" in (a.kind, b.kind)) \
                    and a_value < b.value * (b.magnitude if a.magnitude == 1 and b.magnitude > 1 else 1):
                low = _scale(a.value, b.magnitude) if shared else a_value
                start = a.start
                if is_between:
                    start = a.start - (len(before) - before.rfind("between"))
                merged = _Raw(start, b.end, low, b.kind, b.unit, b.unit_text, approx=b.approx if b.approx != "exact" else a.approx,
                              high=b.value, num_start=a.num_start, num_end=b.num_end, magnitude=b.magnitude,
                              has_noun=b.has_noun, qty=b.qty)
                if a.kind in ("money", quantities.QUANTITY) and b.kind == "number":
                    merged.kind, merged.unit, merged.unit_text, merged.qty = a.kind, a.unit, a.unit_text, a.qty
                    merged.high = _scale(b.value, a.magnitude) if b.magnitude == 1 else b.value
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _in_minor_units(raw: _Raw, minor_units: dict[str, str]) -> bool:
    return raw.kind == "money" and (raw.unit_text or "").lower() in minor_units


def _after_change(sentence: str, a: _Raw, change_verbs: frozenset[str]) -> bool:
    """A change verb or hint just before `a`: 'rose from 5 to 7' is a move, not a range."""
    head = sentence[max(0, a.start - 30):a.start].lower()
    return bool(_CHANGE_HINT.search(head)) or a.role == "change" \
        or any(w in change_verbs for w in _LOWER_RUN.findall(head)[-4:])


def _written_apart(a: _Raw, b: _Raw, minor_units: dict[str, str]) -> bool:
    """'added 3-3/4 cents to $4.41': cents to dollars is a move to a price, not a range."""
    return a.kind == b.kind == "money" and _in_minor_units(a, minor_units) != _in_minor_units(b, minor_units)


# the gap may hold an abbreviation's full stops: "nine plants in the U.S. and two in Canada"
_ELLIPSIS_GAP = re.compile(r"^(?:[^.;:()]|(?<=[A-Z])\.(?=[A-Z ])){0,60}?(?:\band|\bor|,|\bwhile|\bbut|\bversus|\bvs\.?|\bcompared with|\bagainst)\s*$")
_VERB_IN_GAP = re.compile(r"\b(?:said|says|including|of|with|per|each|a|an)\b")
_BACKWARD_GAP = re.compile(r"^-?\s*(?:to|and|or|-|–)\s*$")  # "150,000- to 180,000-tonne"
# a gapped clause with its own subject: "the UK has sanctioned 544 vessels and the EU 612",
# "Texas would gain four seats, rising to 42, and Florida three, to 31"
_GAPPED_SUBJECT = re.compile(r"^[^.;:()]{0,60}?(?:\band|,)\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,2}\s+$")
_GAPPED_END = re.compile(r"\s*(?:[,;.)]|$)")
_PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:the|its|their|them|these|those|our|his|her)\b")


def _describes_noun(sentence: str, raw: _Raw) -> bool:
    """A count hyphened to its noun as a description: 'the 99-member House', 'a 12-storey block'."""
    return raw.kind == "count" and sentence[raw.num_end:raw.num_end + 1] == "-"


def _carry_units(sentence: str, raws: list[_Raw], minor_units: dict[str, str]) -> None:
    """Ellipsis: in '6,000 jobs in the US and 7,500 in Balochistan' the 7,500 is jobs too;
    in 'rise by 3.4 to 5.5 per cent' the 3.4 is per cent too."""
    for i, (prev, cur) in enumerate(zip(raws, raws[1:])):
        gap = sentence[prev.end:cur.start]
        if cur.kind == "number" and prev.kind in ("count", "money", "percent", "duration", quantities.QUANTITY) \
                and (_ELLIPSIS_GAP.match(gap) or (_GAPPED_SUBJECT.match(gap) and _GAPPED_END.match(sentence, cur.end))) \
                and len(gap.split()) <= 7 and not _VERB_IN_GAP.search(gap) \
                and not _PARTITIVE_AFTER.match(sentence, cur.end) \
                and not prev.age \
                and not (prev.kind == "money" and cur.needs_unit and _VERB_AFTER.match(sentence, cur.end)):
            # ("£1.3bn, and 48 of the 77 centres"; "a surplus of £1m, while seven made a loss";
            # "children under two, about 700,000 of them": an age lends nothing)
            if _describes_noun(sentence, prev) and i > 0 and raws[i - 1].kind in ("count", "money", "percent") \
                    and not _describes_noun(sentence, raws[i - 1]):
                # "50 votes in the 99-member House and 17 in the 33-member Senate": the 17 is
                # votes, like the head figure; a hyphenated size describes its own noun
                prev = raws[i - 1]
            if prev.kind == "percent" and cur.value >= 1000 and cur.value == int(cur.value):
                continue  # "up 14%, while 9,870 left": no share that large
            cur.kind, cur.unit, cur.unit_text, cur.qty = prev.kind, prev.unit, None, prev.qty
            if prev.kind == "money" and cur.magnitude == 1 and prev.magnitude > 1:
                cur.value = _scale(cur.value, prev.magnitude)
            elif prev.qty is not None and prev.qty.scale != 1 and cur.magnitude == 1:
                cur.value = _scale(cur.value, prev.qty.scale)
        elif prev.kind == "number" and cur.kind in ("percent", "money", "duration", "count", quantities.QUANTITY) \
                and _BACKWARD_GAP.match(gap):
            prev.kind, prev.unit, prev.unit_text, prev.qty = cur.kind, cur.unit, None, cur.qty
            if _in_minor_units(cur, minor_units) and prev.magnitude == 1:
                prev.value = _scale(prev.value, 0.01)  # "rose 5 to 6 pence": 5 pence
            elif cur.kind == "money" and prev.magnitude == 1 and cur.magnitude > 1:
                prev.value = _scale(prev.value, cur.magnitude)
            elif cur.qty is not None and cur.qty.scale != 1 and prev.magnitude == 1:
                prev.value = _scale(prev.value, cur.qty.scale)


_COMPARED_BEFORE = re.compile(
    r"(?:\bfrom(?:\s+(?:a|the)\s+(?:possible|maximum|potential))?"
    r"|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst|\bthan|\bincluding|\bof\s+(?:whom|which)"
    r"|\bbelow|\babove|\b(?:double|twice|triple|treble|half)(?=\s+the\b))"
    r"\s+(?:the\s+|an?\s+)?(?:estimated\s+|revised\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?(?:peak|high|low|record|total|figure|average|level|target|goal|forecast|estimate)"
    r"\s+of\s+)?$", re.I)
_PARTITIVE_GAP = re.compile(r"^\s+of\s+(?:(?:the|its|their|our|his|her|[\w.’'-]+[’']s|the\s+[\w.’'-]+[’']s)\s+)?"
                            r"(?:(?:last|past|first|next|remaining|other)\s+)?$")
_PART_BEFORE = re.compile(r"(?:\bincluding|\bof\s+(?:whom|which))\s+$", re.I)
_COMPARABLE = ("count", "money", "percent", quantities.QUANTITY, "duration")


def _carry_compared_units(sentence: str, raws: list[_Raw]) -> None:
    """A bare number compared with an earlier figure counts the same thing: '5,074 patients
    ..., up from 2,983', '221,000 patients ... 52 weeks, down from a peak of 410,000'.
    The earlier figure must be of a similar size (within 20x), so '52 weeks' is passed over."""
    for i, cur in enumerate(raws):
        if cur.kind != "number" or cur.unit or not _ends_with(_COMPARED_BEFORE, sentence, cur.start):
            continue
        # "31 goals in 44 appearances, including 23": a part of the clause's head figure,
        # not of the nearest one
        part = _ends_with(_PART_BEFORE, sentence, cur.start)
        earlier = raws[:i] if part else raws[:i][::-1]
        # a span of time is compared only when nothing else is: 'an age of 34, compared with
        # 31', but '152.6 yen over the nine months compared with 143.2' is yen
        candidates = [p for p in earlier if p.kind != "duration"] + [p for p in earlier if p.kind == "duration"]
        for prev in candidates:
            if prev.kind in (("count",) if part else _COMPARABLE) and not prev.nested and prev.unit and prev.value and cur.value \
                    and (0 < cur.value / prev.value <= 1 if part else _of_a_size(cur, prev)):
                cur.kind, cur.unit, cur.unit_text, cur.qty = prev.kind, prev.unit, None, prev.qty
                break


_HEAD_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_AUXILIARIES = frozenset({"have", "has", "had", "are", "is", "was", "were", "been", "be"})


def _carry_subject_units(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Online orders climbed to 1.2 million a week': a bare level reached by a change verb
    counts the verb's plural subject. Money-like subjects ('sales', 'profits') say what is
    measured, not what is counted, and are left alone. 'Enrollment has grown by 400 students
    since 2020 to 5,860': a level after a counted change counts the same."""
    for i, raw in enumerate(raws):
        if raw.kind != "number" or raw.unit:
            continue
        if raw.role in ("new", "old", "change") and 0 < raw.value < 120 and "age" in sentence \
                and (age := _AGE_SUBJECT.search(sentence, max(0, raw.start - _HEAD_WINDOW), raw.start)) \
                and not _CLAUSE_BREAK.search(sentence, age.end(), raw.start):
            raw.kind, raw.unit, raw.unit_text = "duration", "years", None  # "the average age ... has crept up to 34"
            continue
        if raw.role in ("new", "old", "change") and (counted := _number_of_in_clause(sentence, raw.start, lex)):
            # "the number of bakery shops on Britain's high streets fell ... to around 4,900": shops
            raw.kind, raw.unit, raw.unit_text = "count", counted, None
            continue
        if raw.role in ("new", "old", "change"):
            noun = _subject_of_change(sentence, raw.start, lex)
        elif _LEVEL_VERB_BEFORE.search(sentence, max(0, raw.start - _HEAD_WINDOW), raw.start):
            # "Self-harm incidents topped 73,000", "Complaints ... tripled ..., to 4,620"
            noun = _subject_of_change(sentence, raw.start, lex, lex.change_verbs | _LEVEL_VERBS | _STANDING_VERBS)
        else:
            continue
        noun = lex.subject_counts.get(noun, noun)
        if noun and (_looks_plural(noun) or noun in _SPECIAL_COUNT_NOUNS or noun == "people") and noun not in lex.not_nouns \
                and noun not in lex.measure_words:
            raw.kind, raw.unit, raw.unit_text = "count", noun, None
            continue
        change = next((p for p in reversed(raws[:i]) if p.role == "change"), None)
        if change is not None and change.kind == "count" and change.unit:
            raw.kind, raw.unit, raw.unit_text = "count", change.unit, None


# "Skills for Care puts vacancies in the sector at about 131,000": what an estimate puts at a number
_PUT = re.compile(r"\b(?:puts?|putting|estimates?|estimated|estimating|pegs?|pegged|pegging)\s+(?:the\s+|its\s+|their\s+)?"
                  r"(?=[a-z])")
_A_RATE_AFTER = re.compile(r"[\s\u00a0]+(?:a|an|per|each)[\s\u00a0]+[a-z]")  # "to 300 a month", "at 480 per share"
# "Eastern Kentucky treatment center doubles its beds to 48": what a change verb changed
_CHANGED_OBJECT = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:its|their|the|his|her|our)\s+(?:[a-z-]+\s+){0,2}?"
                             r"(?P<noun>[a-z]+)\s+to\s+$")
_NAMED_COUNT_BEFORE = re.compile(r"\b(?P<noun>[A-Za-z]+)\s+(?:(?:was|is|were|are|stood\s+at|stands\s+at|of|at)\s+)?"
                                 r"(?:(?:about|around|roughly|nearly|almost|some|just|an\s+estimated|more\s+than|"
                                 r"fewer\s+than|less\s+than|below|above|under|over)\s+)?(?:minus\s+)?$")
_CHANGE_IN = re.compile(r"\b(?P<change>[a-z]+)\s+in\s+(?:the\s+)?(?P<noun>[a-z]+)\s+to\s+$")


def _carry_object_units(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """A bare number after an estimate's 'puts X at' or a change's 'raised its X to' counts X;
    so does one right after a noun whose count is named ('net migration was minus 74,000', 'a
    workforce of roughly 38,000')."""
    for raw in raws:
        if raw.kind != "number" or raw.unit or raw.needs_unit:
            continue
        if (named := _NAMED_COUNT_BEFORE.search(sentence, max(0, raw.start - 40), raw.start)) \
                and (counted := lex.subject_counts.get(named.group("noun").lower())):
            raw.kind, raw.unit, raw.unit_text = "count", counted, None
            continue
        noun, before = None, sentence[max(0, raw.start - 4):raw.start]
        if before != " at " and before != " to ":
            continue  # (both readings end in "at" or "to": spare the searches below)
        if before == " at ":
            put = None
            for put in _PUT.finditer(sentence, max(0, raw.start - _HEAD_WINDOW), raw.start):
                pass
            if put is not None and not _CLAUSE_BREAK.search(sentence, put.end(), raw.start):
                found = _counted_noun(sentence, put.end() - 1, lex)
                noun = found[1] if found and found[0] < raw.start else None
                if noun is None:  # "put net migration at 236,000": a head whose count is named
                    heads = [w.lower() for w in _HEAD_WORD.findall(sentence, put.end(), raw.start)[:3]]
                    noun = next((lex.subject_counts[w] for w in heads if w in lex.subject_counts), None)
        elif (m := _CHANGE_IN.search(sentence, max(0, raw.start - _HEAD_WINDOW), raw.start)) \
                and m.group("change") in lex.change_nouns:
            noun = m.group("noun")  # "a 10% increase in policies to 2.3 million"
        elif (m := _CHANGED_OBJECT.search(sentence, max(0, raw.start - _HEAD_WINDOW), raw.start)) \
                and (m.group("verb") in lex.change_verbs or m.group("verb") in _MULTIPLIES):
            noun = m.group("noun")
        noun = lex.measure_counts.get(noun) or lex.subject_counts.get(noun, noun)
        if noun and (noun == "people" or _looks_plural(noun)) and noun not in lex.not_nouns and noun not in lex.measure_words \
                and noun not in lex.amount_nouns and noun not in lex.year_nouns and noun not in _TIME_WORDS \
                and noun != "numbers" and raw.value == int(raw.value) and not _A_RATE_AFTER.match(sentence, raw.end):
            # (not "cut its staff numbers to 400", "raised its payments to 300 a month")
            raw.kind, raw.unit, raw.unit_text = "count", noun, None


# an age that moves: "the average age of a first-time buyer", "raise the age limit ... to 64 from 55"
_AGE_SUBJECT = re.compile(r"\b(?:average|median|mean|pension|retirement|voting|minimum|maximum|upper|lower|qualifying|school-leaving)\s+age\b"
                          r"(?!\s+(?:groups?|bands?|brackets?|ranges?|cohorts?)\b)"
                          r"(?:\s+limit)?|\b(?:the|its|their)\s+age\s+(?:limit|threshold)\b", re.I)
_PRONOUNS = frozenset({"they", "these", "those"})
# "approvals for house purchases", "claims to the operator", "jobs in manufacturing" (but "sales of
# new homes" counts homes)
_PREPOSITIONS = frozenset({"for", "to", "in", "at", "across"})
_TIME_WORDS = frozenset({"years", "months", "weeks", "days", "quarters", "decades", "hours"})
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:]|\.\s")  # not the comma inside "20,000"


# Verbs that reach a level ("topped 73,000"), and those that multiply to one ("tripled ..., to 4,620")
_REACHING_VERBS = frozenset({"top", "topped", "tops", "reach", "reached", "reaches", "hit", "hits", "pass", "passed",
                             "passes", "exceed", "exceeded", "exceeds", "surpass", "surpassed", "total", "totalled",
                             "totaled", "totals", "number", "numbered"})
_MULTIPLYING_VERBS = frozenset({"doubled", "tripled", "trebled", "quadrupled", "halved"})
_MULTIPLIES = _MULTIPLYING_VERBS | {"doubles", "triples", "trebles", "quadruples", "halves"}  # "doubles its beds to 48"
_LEVEL_VERBS = _REACHING_VERBS | _MULTIPLYING_VERBS
_STANDING_VERBS = frozenset({"stood", "stands", "remained", "remains", "stayed", "stays", "held", "holds", "hovered",
                             "hovers", "sat", "sits", "ran", "runs", "running", "were", "was", "are", "is"})
# ... and a level that stands somewhere: "Continuing claims ... were flat at 1.91 million"
_STANDING_AT = (rf"(?:{_alternation(_STANDING_VERBS)})"
                r"(?:\s+(?:flat|steady|unchanged|little\s+changed|roughly\s+flat|broadly\s+flat))?\s+at")
_LEVEL_VERB_BEFORE = re.compile(rf"\b(?:{_alternation(_REACHING_VERBS)}|{_STANDING_AT}"
                                rf"|(?:{_alternation(_MULTIPLYING_VERBS)})\b[^.;:]*\bto)"
                                r"\s+(?:(?:about|around|nearly|almost|more\s+than|over|some|roughly|(?:a\s+)?record)\s+)?$")


def _subject_of_change(sentence: str, pos: int, lex: _Lexicon, verbs: frozenset[str] | None = None) -> str | None:
    """The noun before the last change verb of the clause that ends at `pos`: 'thefts' in
    'motor vehicle thefts have risen ..., and in Washington they climbed to 4,881'."""
    clauses = _CLAUSE_BREAK.split(sentence[max(0, pos - 2 * _HEAD_WINDOW):pos])
    verbs = verbs or lex.change_verbs
    # the clause's last words first; a verb further back only when they hold none ("New-home
    # sales rose 3.7% to a seasonally adjusted annual rate of 698,000")
    for window in (_HEAD_WINDOW, 2 * _HEAD_WINDOW):
        head = clauses[-1][-window:]
        if len(clauses) > 1 and head.split()[:1] in (["to"], ["from"]):
            head = clauses[-2] + head  # "killings rose for a fourth year, to 398" (the clause may be long)
        written = _HEAD_WORD.findall(head)
        words = [w.lower() for w in written]
        if words and words[0] in verbs and len(clauses) > 2 \
                and clauses[-2].split()[:1] in (["a"], ["an"], ["the"], ["which"], ["who"]):
            # "Initial jobless claims, a proxy for layoffs, slid by 8,000": past the aside
            subject = _HEAD_WORD.findall(clauses[-3])
            return subject[-1].lower() if subject else None
        for i in range(len(words) - 1, 0, -1):
            if words[i] in verbs:
                return _subject_noun(sentence, pos - len(head), clauses, written, words, _subject_before(words, i), lex)
        if len(clauses[-1]) <= window:
            break
    return None


_HEAD_PREPOSITIONS = frozenset({"about", "over", "against", "from", "of"})


def _clause_opening_noun(sentence: str, head_start: int, lex: _Lexicon) -> str | None:
    """'Complaints about mid-contract price rises to the ombudsman rose ...': a clause that opens
    with a plural noun and a preposition has that noun for its subject. (The clause opens at the
    last break before the head the change verb was found in.)"""
    start = max(sentence.rfind(",", 0, head_start), sentence.rfind(";", 0, head_start),
                sentence.rfind(":", 0, head_start)) + 1
    words = [w.lower() for w in _HEAD_WORD.findall(sentence, start, start + _HEAD_WINDOW)[:3]]
    first = 1 if words[:1] and words[0] in _DETERMINERS else 0
    if len(words) > first + 1 and words[first + 1] in _HEAD_PREPOSITIONS and _looks_plural(words[first]) \
            and words[first] not in lex.not_nouns and words[first] not in lex.measure_words \
            and words[first] not in lex.amount_nouns and words[first] not in _NOT_OPENING_SUBJECTS \
            and words[first] not in lex.vague \
            and not _CLAUSE_INSIDE.search(sentence, start, head_start + _HEAD_WINDOW):
        return words[first]
    return None


# what opens a clause of its own inside the subject's ("Figures from the ONS showed
# unemployment rose ...", "Concerns deepened as ... rose", "Members of the union voted after ...")
_CLAUSE_INSIDE = re.compile(r"\b(?:show|shows|showed|shown|said|says|say|as|after|that|when|while|warned|warn|warns|found|"
                            r"find|finds|suggest|suggests|suggested|because|since|before|where|which|who|voted|were|was|"
                            r"are|is|have|has|had)\b")
_NOT_OPENING_SUBJECTS = frozenset({"figures", "statistics", "data", "results", "details", "estimates", "numbers",
                                   "reports", "surveys", "analyses", "projections", "forecasts"})


def _subject_noun(sentence: str, head_start: int, clauses: list[str], written: list[str], words: list[str], j: int,
                  lex: _Lexicon) -> str | None:
    """What the subject at words[j] counts, as a plural noun, or None."""
    if words[j] in _PRONOUNS:
        return _antecedent(sentence, head_start, lex)
    if (opening := _clause_opening_noun(sentence, head_start, lex)) is not None:
        return opening
    if words[j] in ("who", "which") and j == 0 and len(clauses) > 1:
        before = _HEAD_WORD.findall(clauses[-2])  # "Caucus members, who number about 35"
        return before[-1].lower() if before and before[-1][0].islower() else None
    # "approvals for house purchases fell": the head noun stands before the preposition
    # "in England and Wales has reached" (but in "Jobless Claims Rise To 241,000" every word is capitalised)
    name = j > 0 and written[j][0].isupper() and not _in_title_case(sentence)
    for k in range(j - 1, max(-1, j - 4), -1):
        if words[k] in _PREPOSITIONS:
            if k > 0 and (name or _looks_plural(words[k - 1])) and words[k - 1] not in lex.measure_words:
                return words[k - 1]
            if k > 0 and words[k - 1] not in _DETERMINERS:
                return None  # "the waiting list ... at Liverpool's trusts stands at": not the trusts
            break
    if name:
        return None
    if words[j] == "sales":  # "new-home sales rose to 698,000": homes ("retail sales": no count)
        counted = lex.hyphen_counts.get(words[j - 1].rsplit("-", 1)[-1]) if j > 0 else None
        return counted if counted != "people" else None
    if words[j] in ("numbers", "volume", "volumes"):
        # "passenger numbers hit 31 million", "visitor volume fell to 39.1 million": passengers,
        # visitors ("the numbers": unknown)
        modifier = words[j - 1] if j > 0 else ""
        return _plural(modifier) if modifier and not _looks_plural(modifier) and not modifier.endswith("ing") \
            and modifier not in lex.amount_nouns and modifier not in lex.function_words \
            and modifier not in _DETERMINERS else None
    return words[j]


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def _subject_before(words: list[str], verb: int) -> int:
    """Index of the word before the verb at `verb`, past auxiliaries: 'thefts have risen'."""
    j = verb - 1
    while j > 0 and words[j] in _AUXILIARIES:
        j -= 1
    return j


def _antecedent(sentence: str, pos: int, lex: _Lexicon) -> str | None:
    """What 'they' stands for: the subject of an earlier change, else the last plural noun."""
    words = _HEAD_WORD.findall(sentence[:pos])
    lows = [w.lower() for w in words]
    verbs = [i for i, w in enumerate(lows) if w in lex.change_verbs and i > 0]
    if verbs:
        j = _subject_before(lows, verbs[-1])
        if _looks_plural(lows[j]) and lows[j] not in _PRONOUNS:
            return lows[j]
    plural = [w for w, orig in zip(lows, words) if _looks_plural(w) and w not in _TIME_WORDS and orig[0].islower()]
    return plural[-1] if plural else None


_RANKED = re.compile(r"\b(?:ranked|ranks|rank|ranking|placed|came|comes|finished|finishes|rated|rates|sits|sat)\s+$", re.I)


def _carry_partitive_units(sentence: str, raws: list[_Raw]) -> None:
    """'closing 25 of the city’s 35 libraries': the 25 are libraries too."""
    for prev, cur in zip(raws, raws[1:]):
        if prev.kind == "number" and not prev.unit and cur.kind == "count" and prev.value < cur.value \
                and _PARTITIVE_GAP.match(sentence[prev.end:cur.start]) \
                and not _ends_with(_RANKED, sentence, prev.start):  # "ranked 18 of 38 countries": a place
            prev.kind, prev.unit, prev.unit_text = cur.kind, cur.unit, None


_ONE_DECIMAL = re.compile(r"\d\d\.\d")  # a diffusion index's reading: "45.1"
# a level an economic index, a confidence survey or a net rating reached is in points (a heat
# or UV index is a reading of its own)
_INDEX_SUBJECT = re.compile(r"(?<!\bheat )(?<!\bUV )\b(?:index|indices"
                            r"|(?:consumer|business|builder|builders’|builders'|investor|economic|industrial|retail|"
                            r"services|manufacturing|household|housebuilder)\s+(?:confidence|sentiment)"
                            r"|net\s+(?:approval|favou?rability|satisfaction)\s+rating)\b(?!-)", re.I)
_FRONTED_PARTITIVE = re.compile(r"\s*Of\s+(?:the|its|their)\s")


def _carry_fronted_partitive(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Of the outstanding cases, 19,870 had been open for a year': the bare number after the
    comma counts the noun the sentence opens with."""
    m = _FRONTED_PARTITIVE.match(sentence)
    noun = m and _counted_noun(sentence, m.end() - 1, lex)
    if not noun or sentence[noun[0]:noun[0] + 1] != ",":
        return
    for r in raws:
        if r.start > noun[0]:
            if r.kind == "number" and r.unit is None:
                r.kind, r.unit, r.unit_text = "count", noun[1], None
            return


# the rest of a list item by place and what joins the next: " will be in the North East, "
_PLACE_LIST_GAP = re.compile(r"[^.;:()]{0,40}?\s(?:in|at|from)\s+(?:the\s+)?[A-Z][^.;:()\d]{0,30}?(?:,|\sand)\s+")


def _carry_place_items(sentence: str, raws: list[_Raw]) -> None:
    """'18 will be in the North East, eight in Yorkshire and four in Cumbria': a bare item of a
    list by place counts what the item before it counted."""
    for prev, cur in zip(raws, raws[1:]):
        if cur.kind == "number" and cur.unit is None and prev.kind == "count" and prev.unit \
                and _PLACE_ITEM_AFTER.match(sentence, cur.end) and _PLACE_LIST_GAP.fullmatch(sentence, prev.end, cur.start):
            cur.kind, cur.unit, cur.unit_text = "count", prev.unit, None


_LEVEL_BEFORE = re.compile(r"\b(?:to|at|from|between|and|past|above|below|near|around|of)\s+"
                           r"(?:(?:a|an)\s+(?:(?:record|new|fresh|all-time)\s+)?(?:(?:high|low|peak)\s+of\s+)?)?$")


def _mark_table_levels(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """A market table's row: 'FTSE 100 (UKX) 8,912.45 0.62%', 'I:DJI DOW JONES AVERAGES 47,112.45
    +664.18 +1.43%'. The level right after the index's name is in points, and so is a signed
    move right after it."""
    level = None
    for r in raws:
        if r.kind != "number" or r.unit is not None:
            level = None
            continue
        signed = sentence[r.start] in "+-−" or (r.num_start > 0 and sentence[r.num_start - 1] in "+-−")
        if level is not None and signed and not sentence[level.end:r.start].strip(" +-−\u00a0"):
            r.kind, r.unit = "count", "points"
        elif r.value >= 100 and lex.table_level.search(sentence, max(0, r.start - 60), r.start):
            r.kind, r.unit = "count", "points"
        else:
            level = None
            continue
        level = r


def _market_levels(sentence: str, raws: list[_Raw], lex: _Lexicon, diffusion_report: bool = False) -> None:
    """A bare level a market reached: 'the S&P 500 fell 1.2% to 4,512.3' is in points, 'the rand
    weakened 1.2 per cent to 18.45 against the dollar' in rand."""
    if any(r.kind == "number" and r.unit is None and r.value >= 100 for r in raws):
        _mark_table_levels(sentence, raws, lex)
    bare = [r for r in raws if r.kind == "number" and r.unit is None and not r.needs_unit
            and (_ends_with(_LEVEL_BEFORE, sentence, r.start) or _ends_with(_LEVEL_BEFORE, sentence, r.num_start))]
    if not bare:
        return
    index = lex.index_names.search(sentence) is not None
    # a diffusion index (a purchasing managers' index) reads around 50; a stock index runs in the hundreds and more
    diffusion = "PMI" in sentence or "urchasing managers" in sentence or "urchasing Managers" in sentence
    for r in bare:
        subject = _subject_of_change(sentence, r.start, lex)
        if subject in lex.suffixes and subject != "won" and " " not in subject and lex.suffixes[subject] != "BTC":
            r.kind, r.unit, r.unit_text = "money", lex.suffixes[subject], None
        elif index and (r.value >= 100 or (diffusion and r.value <= 100)):
            r.kind, r.unit = "count", "points"
        elif not index and _INDEX_SUBJECT.search(sentence, 0, r.start):
            r.kind, r.unit = "count", "points"  # "GfK's consumer confidence index stood at minus 19"
        elif diffusion_report and 25 <= r.value <= 75 and _ONE_DECIMAL.fullmatch(sentence, r.num_start, r.num_end) \
                and not lex.not_readings.search(sentence):
            r.kind, r.unit = "count", "points"  # a PMI story's sub-index: "housing activity dropped to 41.2"


_AND_BEFORE = re.compile(r"(?:,\s+|\s)(?:and|but|while|whereas)\s+(?:another\s+|a\s+further\s+|only\s+|just\s+)?$")
_VERB_AFTER = re.compile(r"\s+(?:were|are|was|is|have|had|has|will|would|could|did|do|said|say|remain|remained|"
                         r"made|won|lost|saw|got|took|went|paid|spent|sold|grew|fell|rose|came|left|kept|held|"
                         r"gave|found|became|began|ran|bought|brought|built|"
                         r"(?!need|feed|speed|seed|bed|red|shed)[a-z]+ed)\b")


def _carry_parallel_subjects(sentence: str, raws: list[_Raw]) -> None:
    """'More than 150 residents packed the meeting, and 41 signed up to speak': a bare number
    that is the subject of a second clause counts what the first clause's subject counted."""
    for i, r in enumerate(raws):
        if r.kind != "number" or r.unit or not _ends_with(_AND_BEFORE, sentence, r.start) \
                or not _VERB_AFTER.match(sentence, r.end):
            continue
        first = next((p for p in raws[:i] if p.kind == "count" and p.unit and p.has_noun), None)
        if first is not None and first.value and 0 < r.value <= first.value * 20:
            r.kind, r.unit, r.unit_text = "count", first.unit, None


_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|the\s+(?:other|remaining))\s+$", re.I)
_MORE_AFTER = re.compile(r"[\s\u00a0]+(?:more|additional|extra)\b(?![\s\u00a0]+[a-z]+s\b)")
# what a number counts is the noun before it: "won seven seats, two more than in 2023", "all 15
# jails, two of them privately run"
_ELLIPTIC_AFTER = re.compile(r"[\s\u00a0]+(?:(?:more|fewer)\s+than\b|of\s+them\b)")
_OF_THEM = re.compile(r"[\s\u00a0]+of\s+them\s")
_APPOSITION_END = re.compile(r"\s*(?:[,;.)]|$|\s(?:and|while|but)\b)")  # "610 of them homes," (not "12 of them months late")
_ALL_BUT = re.compile(r"\ball\s+but\s+$", re.I)  # "17 staff, all but two of them Sudanese": two staff


def _carry_parallel_verbs(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Health care added 44,000 jobs and retail added 34,000, while leisure gained 32,000':
    the same kind of verb before a bare number counts what it counted before."""
    if not any(r.kind == "number" and not r.unit for r in raws) or not any(p.has_noun for p in raws):
        return
    for i, r in enumerate(raws):
        if r.kind != "number" or r.unit or not _verb_right_before(sentence, r.start, lex):
            continue
        first = next((p for p in raws[:i] if p.kind == "count" and p.unit and p.has_noun
                      and _verb_right_before(sentence, p.start, lex)), None)
        if first is not None and _of_a_size(r, first):
            r.kind, r.unit, r.unit_text = "count", first.unit, None


_AND_VERB_BEFORE = re.compile(r"\s(?:and|but|while)\s+(?:[A-Z][\w’'-]+\s+){0,2}[a-z]+\s+$")  # "... and Hallworth gained two"


def _after_parallel_verb(sentence: str, pos: int, lex: _Lexicon) -> bool:
    """'lost 19 seats ... and gained two': a number in words after a second verb of the same kind."""
    return _ends_with(_AND_VERB_BEFORE, sentence, pos) and _verb_right_before(sentence, pos, lex)


def _verb_right_before(sentence: str, pos: int, lex: _Lexicon) -> bool:
    """A counting or change verb and one space before `pos`: 'retail added 34,000'."""
    if sentence[pos - 1:pos] != " ":
        return False
    word = _word_before(sentence, pos)
    return word in lex.counting_verbs or word in lex.change_verbs


def _carry_elliptic_units(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Two clubs go up automatically, and the next four enter the play-offs': four clubs;
    'employs 3,000 people and plans to hire 500 more': 500 people; 'hundreds of workers ..., and
    thousands more': workers."""
    for i, r in enumerate(raws):
        if r.unit is not None:
            continue
        if r.needs_unit and i + 1 < len(raws) and raws[i + 1].unit and (ahead := _RANGE_AHEAD.match(sentence, r.end)) \
                and raws[i + 1].start <= ahead.end():
            nxt = raws[i + 1]  # "two, maybe three tough years": two years
            r.kind, r.unit, r.unit_text = nxt.kind, nxt.unit, None
            continue
        bare = r.kind == "number" or r.approx == "vague_at_least"
        if (r.needs_unit and _ends_with(_ELLIPTIC_BEFORE, sentence, r.start)) \
                or (bare and (_MORE_AFTER.match(sentence, r.end) or _ELLIPTIC_AFTER.match(sentence, r.end)
                              or _ends_with(_ANOTHER_BEFORE, sentence, r.start))):
            if (them := _OF_THEM.match(sentence, r.end)) and not _ends_with(_ALL_BUT, sentence, r.start) \
                    and (noun := _counted_noun(sentence, them.end() - 1, lex)) and _APPOSITION_END.match(sentence, noun[0]):
                r.kind, r.unit, r.unit_text = "count", noun[1], None  # "2,740 properties flooded, 610 of them homes"
                continue
            # "took more than three hours ... and a further seven": a span of time is carried too
            counted = next((p for p in reversed(raws[:i]) if p.kind in ("count", "duration") and p.unit and not p.age), None)
            if counted is not None:
                r.kind, r.unit, r.unit_text = counted.kind, counted.unit, None


def _score_unit(lower: str, lex: _Lexicon) -> str | None:
    """The sport a document reports, as what its scores count: the unit whose words it uses most."""
    if not lex.score_by_document:
        return None
    hits = {unit: sum(1 for w in cues if (_has_word(lower, w) if w.isalpha() else w in lower))
            for unit, cues in lex.score_by_document.items()}
    best = max(hits, key=hits.get)
    return best if hits[best] else None


def _has_word(text: str, word: str) -> bool:
    """`word` (ASCII letters) stands in `text` as a whole run of ASCII letters: a few str.find
    calls over a whole document instead of splitting it into its words."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not _is_ascii_letter(text[at - 1])) and (end == len(text) or not _is_ascii_letter(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _is_ascii_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


_SCORE_DASH = ("-", "–", "—")
_TALLY_BEFORE = re.compile(r"\b(?:voted|votes?\s+of|margin\s+of|votes?\s+by)\s+$", re.I)


def _mark_scores(sentence: str, raws: list[_Raw], lex: _Lexicon, ctx: Context, words: frozenset[str]) -> None:
    """'Rovers won 3-1', 'the court ruled 6-3': two whole numbers joined by a dash, in a
    sentence about a result, are a score: two figures, never a range. A vote's tally may also
    be written with "to": 'the Senate voted 68 to 31', 'by a vote of 301 to 122'."""
    if not words & lex.score_cues:
        return
    unit = next((u for u, cues in lex.score_by_sentence.items() if words & set(cues)), None) or ctx.sport(lex)
    for a, b in zip(raws, raws[1:]):
        if a.kind == b.kind == "number" and not a.unit and not b.unit and a.magnitude == b.magnitude == 1 \
                and a.value == int(a.value) and b.value == int(b.value) \
                and (sentence[a.end:b.start] in _SCORE_DASH
                     or (unit == "votes" and sentence[a.end:b.start] == " to " and _ends_with(_TALLY_BEFORE, sentence, a.start))):
            for raw in (a, b):
                raw.score = True
                if unit:
                    raw.kind, raw.unit = "count", unit


def _mark_roles(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'profits jumped 76% to $1.13bn from $639m': change, new, old."""
    low = sentence.lower()
    previous: _Raw | None = None
    for raw in raws:
        head = low[max(0, raw.start - 40):raw.start]
        words = _LOWER_RUN.findall(head)
        if not words:
            previous = raw
            continue
        last = words[-1]
        if last in _LEVEL_FILLERS:  # "to a seasonally adjusted 214,000", "from a record 38,000"
            core = words[:]
            while core and core[-1] in _LEVEL_FILLERS and len(words) - len(core) < 6:
                core.pop()
            if core and core[-1] in ("to", "from"):
                words, last = core, core[-1]
        if last in lex.change_verbs or (last == "by" and len(words) > 1 and words[-2] in lex.change_verbs):
            raw.role = "change"
        elif last == "of" and len(words) > 1 and (words[-2] in lex.change_nouns or (len(words) > 2 and words[-3] in lex.change_nouns)):
            raw.role = "change"
        elif last in ("to", "from") and _near_change_verb(low, raw, previous, words, lex):
            raw.role = "new" if last == "to" else "old"
        elif raw.role == "change" and raw.kind == "year":
            raw.role = None
        previous = raw


# ... and "to an average of 412,000 a week", "down from a peak of 7.77 million"
_LEVEL_FILLERS = frozenset({"a", "an", "seasonally", "adjusted", "annualised", "annualized", "record", "revised",
                            "fresh", "provisional", "estimated", "average", "total", "high", "low", "peak", "of",
                            "annual", "rate"})  # "to a seasonally adjusted annual rate of 3.84 million"


def _near_change_verb(low: str, raw: _Raw, previous: _Raw | None, words: list[str], lex: _Lexicon) -> bool:
    """A change verb governs the 'to' or 'from' before `raw`: among the last words before it, or
    before an earlier figure of the same change ("increased 13.2 per cent to A$1.33 billion
    from A$1.18bn"). A verb further back must be a verb: "up" there is likely "up to 1TB"."""
    if any(w in lex.change_verbs for w in words[-6:]) \
            or any(w in lex.change_verbs and w not in ("up", "down") for w in words[-8:-6]):
        return True
    if previous is not None and previous.role in ("change", "new") \
            and not _CLAUSE_JOIN.search(low, previous.end, raw.start) \
            and any(w in lex.change_verbs for w in _LOWER_RUN.findall(low, max(0, raw.start - 90), raw.start)):
        return True
    # "Deaths fell again in the first half of 2025, to about 620": the level after a comma, no
    # figure between it and the verb
    if words[-1] == "to" and _COMMA_TO.search(low, max(0, raw.start - 8), raw.start):
        clause = low[max(0, raw.start - 100, previous.end if previous else 0):raw.start]
        clause = clause[max(clause.rfind(";"), clause.rfind(". ")) + 1:]
        return any(w in lex.change_verbs and w not in ("up", "down") for w in _LOWER_RUN.findall(clause)[-12:])
    return False


_COMMA_TO = re.compile(r",\s+to\s+$")


_POSSESSIVE = re.compile(r"^(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)[’']s\s+(?P<rest>.+)$")


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _holder_name(conjunct: str, head: str | None) -> str:
    """'Pakistan’s federal' + head 'government' -> 'Pakistan federal government'."""
    conjunct = conjunct.strip().rstrip(".").removeprefix("the ").strip()
    m = _POSSESSIVE.match(conjunct)
    if m:
        rest = m.group("rest")
        conjunct = rest if rest[:1].isupper() else f"{m.group('owner')} {rest}"
    words = conjunct.split()
    if head and words and _singular(words[-1].lower()) != head.lower():
        words.append(head)
    elif words and head:
        words[-1] = _singular(words[-1])
    return " ".join(words)


_EACH_HOLDERS = re.compile(r"\s+(?:by|to|for)\s+([^,;:()]+?)(?=[,;:()]|\s+(?:carries|carry|has|have|is|are|was|were|will"
                           r"|and\s+(?:a|an|the)\s)|$)")


def _spread_each(sentence: str, raws: list[_Raw]) -> list[_Raw]:
    """'25% each by Pakistan’s federal and Balochistan governments' is one figure per holder."""
    out: list[_Raw] = []
    for raw in raws:
        m = _EACH_HOLDERS.match(sentence, raw.end) if raw.each else None
        parts = re.split(r",\s*|\s+and\s+", m.group(1)) if m else []
        parts = [p for p in parts if p.strip()]
        if len(parts) < 2:
            out.append(raw)
            continue
        last_words = parts[-1].split()
        plural_head = len(last_words) > 1 and last_words[-1].islower() and last_words[-1].endswith("s")
        head = _singular(last_words[-1]) if plural_head else None
        for part in parts:
            copy = replace(raw)
            copy.holder = _holder_name(part, head)
            out.append(copy)
    return out


_CLAUSE_OPENS = re.compile(r"(?:^|[,;:]\s*|\.\s+)$")
_OPENING_PREPOSITIONS = frozenset({"in", "from", "under", "at", "on", "for", "by", "with", "after", "before", "since",
                                   "during", "of", "to", "between"})
_NAME = r"(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*)*"
# "Ethiopia, Nigeria and Afghanistan would each lose more than $500 million"
_SUBJECTS_EACH = re.compile(rf"(?P<names>(?:{_NAME},\s+)*{_NAME}\s+and\s+{_NAME})\s+"
                            r"(?:(?:would|will|could|can|may|might|also|both)\s+)?each\s+[a-z]+\s+(?:[a-z]+\s+){0,6}?$")


def _spread_over_subjects(sentence: str, raws: list[_Raw]) -> list[_Raw]:
    """'Ethiopia, Nigeria and Afghanistan would each lose more than $500 million': the first
    figure after 'each' and its verb is one figure per subject named before it."""
    for i, raw in enumerate(raws):
        m = _SUBJECTS_EACH.search(sentence, max(0, raw.start - 200), raw.start)
        if m is None or any(m.start() <= r.start < raw.start for r in raws[:i]) \
                or not _CLAUSE_OPENS.search(sentence, 0, m.start()):
            continue  # only the first figure after "each", and only when the names open their clause
        names = [n for n in re.split(r",\s*|\s+and\s+", m.group("names")) if n.strip()]
        if any(n.split()[0].lower() in _OPENING_PREPOSITIONS for n in names) \
                or (" of " in names[0] and _looks_plural(names[0].split()[0].lower())):
            # "In May, Labour and ..." ("In May" is no subject); "Customers of Tesco and Asda will
            # each receive" (the customers are, not the shops)
            continue
        copies = []
        for name in names:
            copy = replace(raw)
            copy.holder = _holder_name(name.removeprefix("The "), None)
            copies.append(copy)
        return raws[:i] + copies + raws[i + 1:]
    return raws


_PERCENT_CONTEXT = re.compile(r"%|\bper ?cent\b|\bpoll|\blead\b|\brates?\b|\bsurvey|\bsupport\b|\bvote|\bswing\b|"
                              r"\bgap\b|\bapproval\b|\bturnout\b|"
                              # an election won by points: "wins the governor's race by 4 points"
                              r"\belect|\bballots?\b|\bgovernor|\bcandidates?\b|\bcounties\b|\bconstituenc|\bprecincts?\b",
                              re.I)
_POINT_FRACTION = re.compile(
    r"\b(?P<n>a quarter of a|three quarters of a|three-quarters of a|half of a|a quarter|quarter|half a|a half|"
    r"half|a full|one|a)[ -](?P<pp>percentage[ -])?point\b", _VOCAB_CASE)
_POINT_VALUES = {"a quarter of a": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75, "half of a": 0.5,
                 "a quarter": 0.25, "quarter": 0.25, "half a": 0.5, "a half": 0.5, "half": 0.5, "a full": 1.0, "one": 1.0, "a": 1.0}


def _name_points(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Labour's lead fell to six points' is percentage points; 'the Dow lost 1,100 points' is not."""
    if any(r.unit == "points" for r in raws) and not lex.index_mentions.search(sentence) \
            and _PERCENT_CONTEXT.search(sentence) \
            and not (_INDEX_SUBJECT.search(sentence) and not any(r.kind == "percent" for r in raws)):
        # ("builder confidence rose two points to 41": an index's points, no percentage in sight)
        # "cut by 50 basis points ... and by a further 25 points": the sentence's own points
        unit = "basis points" if any(r.unit == "basis points" for r in raws) else "percentage points"
        for r in raws:
            if r.unit == "points":
                r.unit, r.kind = unit, "percent"


_ANY_DIGIT = re.compile(r"\d")
_DIGIT_DASH = re.compile(r"\d[-–—]")
_NEVER = re.compile(r"(?!)")


# "until", "through", "before" or "from" a year, perhaps a month or part of it first
_SPAN_LEAD = re.compile(rf"\b(?:until|till|through|before|from)\s+(?:at\s+least\s+)?(?:(?:early|late|the\s+(?:end|start|beginning|middle)\s+of|"
                        rf"{_MONTH_NAMES})\s+)*(?:mid-)?$", re.I)


def _claimed_year(sentence: str, date: DateMention, offset: int, lex: _Lexicon, now_year: int | None = None) -> bool:
    """A year or month date ("2029", "March 2026") whose year is a claim, not a date."""
    if len(date.value) not in (4, 7) or not date.surface[-4:].isdigit():
        return False
    return _year_claim(sentence, date.end - offset - 4, lex, now_year) is not None


def find_figures(text: str, start: int, end: int, vocab: Vocab,
                 ctx: Context | None = None) -> tuple[list[Figure], list[DateMention]]:
    """Figures and dates of the sentence `text[start:end]`, in document coordinates."""
    lex = lexicon(vocab)
    ctx = ctx or Context()
    sentence = text[start:end]
    words = ascii_words(sentence)
    if not _ANY_DIGIT.search(sentence) and not words & lex.any_number_words:
        return [], []  # most sentences state no number at all: skip every pass below
    dates, claimed = [], []
    for d in find_dates(sentence, start, words):
        (claimed if _claimed_year(sentence, d, start, lex, ctx.now_year) else dates).append(d)
    low = sentence.lower()
    masks = _masked_spans(sentence, dates, start, lex, words, low)
    if claimed:  # "by March 2026": the year is read as a figure, though a month names it
        years = [(d.end - start - 4, d.end - start) for d in claimed]
        masks = [(ms, me) for ms, me in masks if not any(ms < ye and ys < me for ys, ye in years)]
    raws = []
    for s, e, value, how in _candidates(sentence, lex, masks, words, low):
        raw = _read(sentence, s, e, value, how, lex, ctx)
        if raw is None:
            continue
        overlapping = [r for r in raws if r.start < raw.end and raw.start < r.end]
        if overlapping and all(_sizes_its_noun(r, raw) for r in overlapping):
            raw.nested = True
        if raw.nested or not overlapping:
            raws.append(raw)
    raws.sort(key=lambda r: r.start)
    _mark_scores(sentence, raws, lex, ctx, words)
    raws = _join_ranges(sentence, raws, lex.change_verbs, lex.all_minor_units)
    if words & _RATE_BASES:
        _mark_exchange_rates(sentence, raws, lex, ctx)
    _carry_units(sentence, raws, lex.all_minor_units)
    if "(" in sentence:
        _mark_bracketed_changes(sentence, raws)
    _name_points(sentence, raws, lex)
    _mark_roles(sentence, raws, lex)
    _carry_subject_units(sentence, raws, lex)
    _carry_object_units(sentence, raws, lex)
    _carry_partitive_units(sentence, raws)  # first: "1,412 of its 38,600 assets ..., up from 1,150"
    _carry_compared_units(sentence, raws)
    if sentence.lstrip().startswith("Of "):
        _carry_fronted_partitive(sentence, raws, lex)
    _mark_differences(sentence, raws, vocab)
    _carry_elliptic_units(sentence, raws, lex)
    _carry_parallel_subjects(sentence, raws)
    _carry_parallel_verbs(sentence, raws, lex)
    _market_levels(sentence, raws, lex, ctx.diffusion)
    if words & lex.population_words:
        _mark_populations(sentence, raws, lex)
    if "majority" in words:
        _mark_majorities(sentence, raws)
    if "number" in words:
        _carry_number_of(sentence, raws, lex)
    _mark_ratios(sentence, raws)
    raws = [r for r in raws if not (r.qty is not None and _PACK_AFTER.match(sentence, r.end))
            and not (r.kind in ("count", "number") and " of " in sentence and _ends_with(_PACK_BEFORE, sentence, r.start))]
    if ":" in sentence or "(" in sentence:
        _mark_labelled_counts(sentence, raws)
    _carry_nearest_count(sentence, raws)
    _carry_place_items(sentence, raws)
    if "ones" in words:
        _carry_into_ones(raws)
    raws = [r for r in _spread_each(sentence, raws) if not (r.needs_unit and r.unit is None)]
    if "each" in words:
        raws = _spread_over_subjects(sentence, raws)
    if ctx.metric_tons:
        _read_tons_as_tonnes(raws, vocab)
    figures = []
    for r in raws:
        if r.halving:
            r.value, r.kind, r.unit, r.role = 50.0, "percent", "percent", "change"
        base_value, base_unit = _base(r, vocab)
        figures.append(Figure(
            surface=sentence[r.start:r.end], start=start + r.start, end=start + r.end,
            value=r.value, low=r.value if r.high is not None else None, high=r.high,
            unit=r.unit, unit_text=r.unit_text, base_value=base_value, base_unit=base_unit,
            kind=r.kind, approx=r.approx, role=r.role, holder=r.holder))
    return figures, dates


# "a 250g block of butter", "a 2-litre bottle of milk": the size names the product, it is no claim
# "duty on a pack of 20 cigarettes", "a box of 12 eggs": the pack's size, no claim
_PACK_BEFORE = re.compile(r"\ba\s+(?:pack|packet|box|carton|case|crate|tray|bag|tin|bottle)\s+of\s+$", re.I)
_PACK_AFTER = re.compile(r"[\s\u00a0]+(?:block|pack|packet|bag|bottle|tin|can|jar|loaf|carton|tub|box|punnet|sack)"
                         r"[\s\u00a0]+of\b", re.I)
_RATIO_GAP = re.compile(r"[\s\u00a0]*-?to-?[\s\u00a0]*$")
_RATIO_TAIL = re.compile(r"-to-1\b")
_RATIO_AFTER = re.compile(r"[\s\u00a0]+(?:margin|ratio|majority)\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:a\s+)?$", re.I)


_BRACKET_OPEN = re.compile(r"\s*[,(]\s*[+]?$")  # "41.2%, +27.5)" and "29% (+2)"
_BRACKET_CLOSE = re.compile(r"\s*\)")


def _mark_bracketed_changes(sentence: str, raws: list[_Raw]) -> None:
    """'Reform UK: 14,286 (41.2%, +27.5)', 'Labour 21% (-1)': a signed number in brackets after
    a share is its change in percentage points."""
    for prev, cur in zip(raws, raws[1:]):
        if prev.unit == "percent" and cur.kind in ("number", "percent") and cur.high is None \
                and (cur.value < 0 or sentence[cur.start - 1:cur.start] == "+") \
                and _BRACKET_OPEN.fullmatch(sentence, prev.end, cur.start) and _BRACKET_CLOSE.match(sentence, cur.end) \
                and "(" in sentence[max(0, prev.start - 1):cur.start]:
            cur.kind, cur.unit, cur.unit_text, cur.role = "percent", "percentage points", None, "change"


def _mark_ratios(sentence: str, raws: list[_Raw]) -> None:
    """'outspent them by nearly 3 to 1', 'leads by a 2-to-1 margin': N times, not two numbers."""
    for i, a in enumerate(raws):
        if a.kind != "number" or a.unit or a.value <= 1:
            continue
        b = raws[i + 1] if i + 1 < len(raws) else None
        glued = _RATIO_TAIL.match(sentence, a.end)  # "2-to-1" (the "to-1" is never read as a number)
        spaced = b is not None and b.kind == "number" and b.value == 1 and not b.unit \
            and _RATIO_GAP.match(sentence[a.end:b.start]) is not None
        if not (glued or spaced):
            continue
        end = glued.end() if glued else b.end
        if _RATIO_AFTER.match(sentence, end) or _ends_with(_BY_BEFORE, sentence, a.start):
            a.kind, a.unit, a.unit_text, a.end = "multiplier", "times", None, end
            if not glued:
                b.needs_unit = True  # the ratio's other side: dropped with the unitless words


def _of_a_size(r: _Raw | Figure, other: _Raw | Figure) -> bool:
    """Within twenty times each other: a number so much larger or smaller counts something else
    ("52 weeks" beside "221,000 patients")."""
    return bool(other.value) and 1 / 20 <= r.value / other.value <= 20


# a web page's count in brackets after its label: "Readers' comments (14)"
_LABELLED_COUNT = re.compile(r"\s*(?:[A-Z][\w’'-]*\s+)?(?P<noun>comments|replies|responses|reviews)\s+\((?=\d)", re.I)
_LABELLED_END = re.compile(r"\)?\.?\s*$")
# a candidate's line in a results table: "Reform UK, Leanne Pryce: 14,286 (41.2%, +27.5)"
_RESULT_LINE = re.compile(r"\s*[A-Z][^:;,]{0,40},\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}:\s*(?=\d[\d,]*\s*\(\s*[-+]?\d+(?:\.\d+)?%[^()]*\)\.?\s*$)")


def _mark_labelled_counts(sentence: str, raws: list[_Raw]) -> None:
    """A web page's and a results table's line: 'Readers' comments (14)' counts comments, and a
    candidate's number before a share of the vote counts votes."""
    first = raws[0] if raws else None
    if first is None or first.kind != "number" or first.unit is not None:
        return
    if (m := _LABELLED_COUNT.match(sentence)) and m.end() == first.start and _LABELLED_END.fullmatch(sentence, first.end):
        first.kind, first.unit = "count", m.group("noun").lower()
    elif (m := _RESULT_LINE.match(sentence)) and m.end() == first.start:
        first.kind, first.unit = "count", "votes"


# a rate that restates the count before it: ", an average of 165 a day", ", or roughly 16 a week"
_RESTATED_BEFORE = re.compile(r",\s*(?:or|that\s+is|an?\s+average\s+of|the\s+equivalent\s+of)\s+$")
_PER_PERIOD_AFTER = re.compile(r"\s+(?:a|per|each)\s+(?:day|week|month)\b")


def _carry_nearest_count(sentence: str, raws: list[_Raw]) -> None:
    """A bare whole number still without a unit counts what the nearest count before it counts,
    when the two are of a size: '96 branches ..., leaving it with 612', 'about 1,900 workers, and
    a smaller facility ... with around 700'."""
    for i, r in enumerate(raws):
        if r.kind != "number" or r.unit or r.needs_unit or r.score or r.value != int(r.value) or r.value < 2:
            continue
        prev = next((p for p in reversed(raws[:i]) if p.kind == "count" and p.unit and not p.nested), None)
        # a rate of the count is smaller by the days of a year or the weeks of one: '5,112 red
        # calls in the month, an average of 165 a day', '412 pubs closed ..., or roughly 16 a week'
        if prev is not None and (_of_a_size(r, prev) or (prev is raws[i - 1] and r.value < prev.value
                                                         and _PER_PERIOD_AFTER.match(sentence, r.end)
                                                         and _ends_with(_RESTATED_BEFORE, sentence, r.start))):
            r.kind, r.unit, r.unit_text = "count", prev.unit, None


def _carry_into_ones(raws: list[_Raw]) -> None:
    """'runs 2,352 stores and plans to open 15 to 20 new ones': 'ones' counts the stores."""
    for i, r in enumerate(raws):
        if r.unit == "ones":
            prev = next((p for p in reversed(raws[:i]) if p.kind == "count" and p.unit and p.unit != "ones"), None)
            r.unit = prev.unit if prev is not None else None


def _read_tons_as_tonnes(raws: list[_Raw], vocab: Vocab) -> None:
    """'cut by 1.9 million metric tons to 78.4 million tons': in a metric document a ton is a tonne."""
    tonnes = quantities.unit_named("tonnes", vocab)
    for r in raws:
        if r.qty is not None and r.qty.unit.name == "tons" and tonnes is not None \
                and "short" not in (r.qty.text or "").lower():
            r.qty, r.unit = replace(r.qty, unit=tonnes), "tonnes"


_NUMBER_OF = re.compile(r"\bnumber\s+of\b", re.I)
# "a working majority of about 165", "Labour's majority in the Commons to 162", "a majority of six"
_MAJORITY_OF = re.compile(r"\bmajority\s+(?:in\s+the\s+[A-Z]\w+\s+)?(?:of|to|from|was\s+cut\s+to|fell\s+to)\s+$")
_CHAMBER_MAJORITY = re.compile(r"\b(?:working|overall|governing|parliamentary|Commons|House|Senate|council)\s+majority\b"
                               r"(?!\s+(?:leader|whip)s?\b)"
                               r"|\bmajority\s+in\s+the\s+(?:Commons|House|Senate|chamber|council|assembly|parliament)\b", re.I)


_RATIO_TO = re.compile(r"\s*(?:to|-|–)\s*(?:\d|one|two|three|four|five)")


def _mark_majorities(sentence: str, raws: list[_Raw]) -> None:
    """A chamber's majority counts seats: 'a working majority of about 165', 'leaves Labour with
    33 of the council's 60 seats ... and a majority of six'. (A constituency's majority, 'a
    majority of 9,000', counts votes: the votes measure gives it.)"""
    seats = _CHAMBER_MAJORITY.search(sentence) is not None or any(r.unit == "seats" for r in raws)
    if not seats:
        return
    for r in raws:
        if r.kind == "number" and r.unit is None and r.value < 1000 and _ends_with(_MAJORITY_OF, sentence, r.start) \
                and not _RATIO_TO.match(sentence, r.end):  # ("a majority of two to one" is a ratio)
            r.kind, r.unit, r.unit_text = "count", "seats", None
            r.nested = True  # lends its seats to no tally after it: "... and won the vote by 301 to 258"


def _number_of_in_clause(sentence: str, pos: int, lex: _Lexicon) -> str | None:
    """The noun counted by a 'number of' that opens the clause ending at `pos`, if any."""
    if "umber" not in sentence:
        return None
    lead = None
    for lead in _NUMBER_OF.finditer(sentence, max(0, pos - 2 * _HEAD_WINDOW), pos):
        pass
    if lead is None or _CLAUSE_BREAK.search(sentence, lead.end(), pos):
        return None
    noun = _counted_noun(sentence, lead.end(), lex, after_of=True)
    if noun is None:
        return None
    # ... and only when the change's own subject stands inside the phrase: in "the number of
    # people in work rose by 200,000 while vacancies fell to 750,000" the 750,000 are vacancies
    phrase = _HEAD_WORD.findall(sentence, lead.end(), pos)
    verb = next((i for i, w in enumerate(phrase) if w.lower() in lex.change_verbs), len(phrase))
    subject = _subject_of_change(sentence, pos, lex)
    return noun[1] if subject is None or subject in {w.lower() for w in phrase[:verb]} else None


def _carry_number_of(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'The number of children admitted ... rose to 26,741': the number counts children."""
    bare = [r for r in raws if r.kind == "number" and r.unit is None and not r.needs_unit]
    for r in bare:
        lead = None
        for lead in _NUMBER_OF.finditer(sentence, 0, r.start):
            pass  # the last one before the figure
        if lead is None:
            continue
        noun = _counted_noun(sentence, lead.end(), lex, after_of=True)
        if noun is not None:
            r.kind, r.unit, r.unit_text = "count", noun[1], None


_RATE_BASES = frozenset({"dollar", "euro", "pound", "greenback"})
# "152.6 to the dollar", "3.6725 to the US dollar", "280 against the greenback"
_RATE_AFTER = re.compile(r"[\s\u00a0]+(?:to|per|against)[\s\u00a0]+(?:the[\s\u00a0]+|a[\s\u00a0]+|one[\s\u00a0]+)?"
                         r"(?:US[\s\u00a0]+|U\.S\.[\s\u00a0]+)?(?P<base>dollar|euro|pound|greenback)\b", re.I)
_RATE_LEAD = re.compile(r"(?:is|was|were|are|stood|traded|pegged|fixed|closed|held)?[\s\u00a0]*"
                        r"(?:at|to|near|around|of)?[\s\u00a0]*$")


def _currency_named_before(sentence: str, pos: int, lex: _Lexicon, ctx: Context, base: str = "") -> str | None:
    """The currency whose name stands last before `pos` ("The weaker yen, which averaged"), not
    the one it is quoted against."""
    for word in reversed(_LOWER_RUN.findall(sentence, 0, pos)):
        code = lex.suffixes.get(word)
        if code is not None and word not in ("won", "pound", "pounds") and not base.startswith(word):
            return ctx.rupee if code == "INR" else code
    return None


def _mark_exchange_rates(sentence: str, raws: list[_Raw], lex: _Lexicon, ctx: Context) -> None:
    """'The weaker yen, which averaged 152.6 to the dollar': an exchange rate, in yen. A rate
    quoted next to it takes its own currency: 'and the Saudi riyal at 3.75'."""
    quoted = False
    for r in raws:
        if r.kind != "number" or r.unit is not None:
            continue
        rate = _RATE_AFTER.match(sentence, r.end)
        if rate:
            code = _currency_named_before(sentence, r.start, lex, ctx, rate.group("base").lower())
        elif quoted:
            # only right after a currency's name: "the Saudi riyal at 3.75"
            lead = _RATE_LEAD.search(sentence, max(0, r.start - 25), r.start)
            name = _LOWER_RUN.findall(sentence, max(0, r.start - 40), lead.start())[-1:] if lead else []
            code = lex.suffixes.get(name[0]) if name else None
        else:
            continue
        if code is not None:
            r.kind, r.unit, r.unit_text = "money", code, None
            quoted = True


def _mark_populations(sentence: str, raws: list[_Raw], lex: _Lexicon) -> None:
    """'Istanbul, a city of more than 15 million', 'Nigeria, home to 220 million': people."""
    for r in raws:
        if r.kind == "number" and r.unit is None and not r.needs_unit and _ends_with(lex.population_re, sentence, r.start):
            r.kind, r.unit = "count", "people"


def _sizes_its_noun(counted: _Raw, raw: _Raw) -> bool:
    """'two quarter-point cuts': the quarter point stands in the noun the two counts, and is a
    figure of its own."""
    return raw.unit == "percentage points" and counted.kind == "count" and counted.num_end <= raw.start \
        and raw.end <= counted.end


def _mark_differences(sentence: str, raws: list[_Raw], vocab: Vocab) -> None:
    """'warming of 1.5C', 'rose by 2C', '3C above average': temperature differences."""
    for r in raws:
        if r.qty is not None and r.qty.unit.dimension == "temperature":
            r.difference = r.role == "change" or quantities.is_temperature_difference(sentence, r.start, r.end, vocab)


def _base(r: _Raw, vocab: Vocab) -> tuple[float | None, str | None]:
    """A physical quantity's or duration's value in its dimension's base unit."""
    unit = r.qty.unit if r.qty is not None else None
    if unit is None and r.kind == "duration":
        unit = quantities.unit_named(r.unit, vocab)
    if unit is None or r.kind not in (quantities.QUANTITY, "duration"):
        return None, None
    return quantities.to_base(vocab, r.value, unit, r.qty.per if r.qty is not None else None, r.difference)


# A sentence that opens by pointing back at the one before: "Of those, about 71,000 had been
# waiting ...", "That compares with about 153,000 in 2025", "That was down from 33.8 million".
_POINTS_BACK = re.compile(r"\s*(?:(?P<part>Of\s+(?:those|them|these)\b)"
                          r"|(?:That|This|The\s+(?:figure|number|total|tally))\s+(?:compares|compared|is|was|leaves|left|"
                          r"brings|brought|takes|took|puts|put|means|meant)\b)")


_AGE_OR_TIME_BEFORE = re.compile(r"\b(?:at|aged|was|is|youngest|oldest)\s+$", re.I)


def carry_from_previous(text: str, start: int, figures: list[Figure], previous: list[Figure]) -> list[Figure]:
    """Bare numbers of a sentence that points back at the one before count what that one counted.

    Of a part ("Of those, ..."), the number must be smaller than the count it is part of; of a
    comparison ("That compares with ..."), within twenty times of it. Pure: the figures of the
    previous sentence come in as an argument.
    """
    if not previous or not any(f.kind == "number" and f.unit is None for f in figures):
        return figures
    m = _POINTS_BACK.match(text, start)
    if m is None:
        return figures
    counts = [f for f in previous if f.kind == "count" and f.unit and f.value]
    out = []
    for fig in figures:
        if fig.kind == "number" and fig.unit is None and fig.value \
                and not fig.surface.lower().startswith(("under", "over", "aged")) \
                and not _AGE_OR_TIME_BEFORE.search(text, max(0, fig.start - 12), fig.start):
            # (an age or a time is none of the counted: "Of those, 60 were under 18", "at about 7")
            source = next((c for c in reversed(counts)
                           if (fig.value < c.value if m.group("part") else _of_a_size(fig, c))), None)
            if source is not None:
                fig = fig.model_copy(update={"kind": "count", "unit": source.unit})
        out.append(fig)
    return out
