"""Sentences -> who says each one.

Attribution needs the neighbours of a sentence: a quote's attribution may come sentences
later, a stand-alone quote continues the previous speaker, "the organization said" points
back to the last organisation named, "Marlow said" to the "Chancellor Helen Marlow" met
earlier, and an embedded post's attribution line
(`— U.S. Embassy Islamabad (@usembislamabad) December 10, 2025`) claims the paragraph
above it. So this stage walks a whole document, keeping a registry of the entities it has
met (most recently mentioned last), and returns one `Attribution` per sentence.

Evidence, strongest first: an embedded post's attribution line, `according to X`, a
reporting verb outside quotation marks (or any verb of a clause "in a statement"), the
attribution of the quote the sentence belongs to; otherwise the narrator (no speaker),
never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .namekeys import fold
from .segment import Segment
from .vocab import Vocab


@dataclass(eq=False)
class Entity:
    name: str
    is_org: bool
    aliases: set[str] = field(default_factory=set)
    org: "Entity | None" = None
    role: str | None = None

    def all_names(self) -> list[str]:
        return [self.name, *sorted(self.aliases - {self.name})]


@dataclass
class Attribution:
    kind: str = "statement"
    entity: Entity | None = None

    @property
    def speaker(self) -> str | None:
        return self.entity.name if self.entity else None

    @property
    def speaker_org(self) -> str | None:
        if self.entity is None or self.entity.org is None:
            return None
        return self.entity.org.name

    @property
    def aliases(self) -> list[str]:
        return self.entity.all_names()[1:] if self.entity else []

    @property
    def org_aliases(self) -> list[str]:
        return self.entity.org.all_names()[1:] if self.entity and self.entity.org else []


_PROPER_NAME = re.compile(r"(?<![\w.])(?:[A-Z][\w’'.&-]*[a-z\d][\w’'&-]*|[A-Z]{2,}[a-z]?)(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|de))*")
# Words that are capitalised without naming anything in particular.
_NOT_SPECIFIC = frozenset({
    "the", "a", "an", "in", "on", "at", "this", "that", "it", "he", "she", "they", "we", "but", "and", "with", "for",
    "as", "by", "if", "once", "despite", "while", "when", "after", "before", "yet", "however", "mr", "mrs", "ms", "dr",
    "will", "would", "could", "is", "are", "was", "what", "why", "how", "who", "there", "its", "their", "his", "her",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "us", "u.s", "uk", "u.k", "eu", "un", "uae",
    # quantifiers open a sentence's subject without naming anyone: "Several carriers have announced"
    "several", "many", "some", "most", "few", "both", "all", "each", "every", "other", "others", "such", "these",
    "those", "dozens", "hundreds", "thousands", "millions", "scores",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
# Currency codes and units written in capitals name no particular thing.
_CODES = frozenset("USD GBP EUR JPY CNY INR PKR ZAR CAD AUD NZD HKD SGD CHF RUB KRW TRY AED SAR BDT NGN KES MXN "
                   "BRL SEK NOK DKK PLN EGP LKR NPR GDP CPI VAT MW GW KW KWH TWH GB TB MB Rs HK".split())


_POSSESSIVE_S = re.compile(r"[’']s$")


def proper_names(text: str, openers: bool = False) -> list[str]:
    """The specific names a text mentions (people, organisations, places, projects), in
    order. A capitalised word that only opens a sentence ("Prices rose") is left out unless
    `openers` (within one sentence, "Spain imported ..." must keep Spain)."""
    names = []
    for m in _PROPER_NAME.finditer(text):
        words = [w for w in m.group(0).split() if w.lower().strip("’'.") not in _NOT_SPECIFIC
                 and w.strip("’'.,") not in _CODES]
        if not words:
            continue
        opens_sentence = m.start() == 0 or text[max(0, m.start() - 2):m.start()].strip() in (".", "!", "?", "“", '"', ":", "")
        if not openers and len(words) == 1 and opens_sentence and len(m.group(0).split()) == 1:
            continue
        name = _POSSESSIVE_S.sub("", " ".join(words)).strip(".’'")
        if len(name) >= 2:
            names.append(name)
    return names


# ---------------------------------------------------------------------------------------
# Vocabulary, compiled once per Vocab.

@dataclass
class _Lex:
    verbs: re.Pattern
    according: re.Pattern
    statement_phrase: re.Pattern
    org_nouns: frozenset[str]
    person_nouns: frozenset[str]
    titles: list[str]
    descriptive_titles: frozenset[str]  # "US", "former": qualify a title, never one before a bare name
    title_re: re.Pattern
    title_heads: frozenset[str]
    org_markers: frozenset[str]
    not_names: frozenset[str]
    given_names: frozenset[str]
    groups: frozenset[str]
    publications: frozenset[str]

    @cached_property
    def verb_words(self) -> frozenset[str]:
        return _required_words(self.verbs)

    @cached_property
    def title_words(self) -> frozenset[str]:
        return _required_words(self.title_re)

    @cached_property
    def according_words(self) -> frozenset[str]:
        return _required_words(self.according)

    @cached_property
    def statement_words(self) -> frozenset[str]:
        return _required_words(self.statement_phrase)

    @cached_property
    def titles_by_first_token(self) -> dict[str, list[str]]:
        """Titles grouped by their first word as `_words` splits it ("mr" for "mr."), longest first."""
        grouped: dict[str, list[str]] = {}
        for title in self.titles:
            grouped.setdefault(_TOKEN.findall(title)[0], []).append(title)
        return grouped

    @cached_property
    def speakerish(self) -> frozenset[str]:
        """Nouns that can stand before a reporting verb that is usually a noun ("IMF estimates")."""
        return self.org_nouns | self.person_nouns | self.publications | self.groups


_VOCAB_CASE = re.IGNORECASE | re.ASCII  # vocabulary is ASCII; "ſ" must not fold to "s"
_TOKEN = re.compile(r"\w+")


def _required_words(pattern: re.Pattern) -> frozenset[str]:
    """One word of every phrase of a vocabulary alternation (its longest): a sentence with
    none of them cannot match, and a set lookup is much cheaper than scanning with the pattern."""
    inner = pattern.pattern.split("(?:", 1)[1].rsplit(")", 1)[0]
    return frozenset(max(_TOKEN.findall(re.sub(r"\\(.)", r"\1", phrase)), key=len).lower()
                     for phrase in inner.split("|"))


@lru_cache(maxsize=4)
def _words(masked: str) -> frozenset[str]:
    # Lower-cased: a superset of what the case-sensitive patterns could match, never less.
    return frozenset(_TOKEN.findall(masked.lower()))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _lex(vocab: Vocab) -> _Lex:
    def build():
        speech = vocab.table("speech")
        qualifiers = [t.lower() for t in speech["titles"].get("qualifiers", [])]
        titles = sorted({t.lower() for t in speech["titles"]["words"]} | set(qualifiers), key=len, reverse=True)
        return _Lex(
            verbs=re.compile(r"\b(?:" + _alternation(speech["reporting"]["verbs"]) + r")\b"),
            according=re.compile(r"\b(?:" + _alternation(speech["according"]["phrases"]) + r")\s+", _VOCAB_CASE),
            statement_phrase=re.compile(r"\b(?:" + _alternation(speech.get("statement_phrases", {}).get("phrases", ["in a statement"])) + r")\b", _VOCAB_CASE),
            org_nouns=frozenset(w.lower() for w in speech["org_anaphora"]["nouns"]),
            person_nouns=frozenset(w.lower() for w in speech["person_anaphora"]["nouns"]),
            titles=titles,
            descriptive_titles=frozenset(qualifiers),
            title_re=re.compile(r"(?<![\w’'])(?:" + _alternation(titles) + r")\s+(?=[A-Z])", _VOCAB_CASE),
            title_heads=frozenset(w.lower() for w in speech.get("title_heads", {}).get("words", [])),
            org_markers=frozenset(w.lower() for w in speech["org_markers"]["words"]),
            not_names=frozenset(w.lower() for w in speech["not_names"]["words"]),
            given_names=frozenset(vocab.table("names").get("given_names", {}).get("names", [])),
            groups=frozenset(w.lower() for w in speech.get("group_speakers", {}).get("nouns", [])),
            publications=frozenset(w.lower() for w in speech.get("publications", {}).get("nouns", [])),
        )
    return vocab._cached("speakers.lex", build)


# ---------------------------------------------------------------------------------------
# Quotation marks.

_QUOTE_MARKS = ("“", "”", "«", "»", '"', "‘")


_QUOTE_CHARS = re.compile("[“”«»\"‘’]")


def quote_spans(sentence: str, open_at_start: bool) -> tuple[list[tuple[int, int]], bool]:
    """Spans of quoted text (marks included) and whether a quote is still open at the end.

    Curly marks say which way they face; a straight `"` opens after white space or an
    opening bracket and closes otherwise; `‘` opens a single-quoted span that `’` closes
    only where it is not an apostrophe (Trump’s, governments’).
    """
    if not open_at_start and not any(mark in sentence for mark in _QUOTE_MARKS):
        return [], False  # most sentences quote nobody
    spans: list[tuple[int, int]] = []
    start = 0 if open_at_start else None
    single = False
    n = len(sentence)
    for mark in _QUOTE_CHARS.finditer(sentence):  # only the marks act: visit nothing else
        i, ch = mark.start(), mark.group()
        prev = sentence[i - 1] if i else " "
        nxt = sentence[i + 1] if i + 1 < n else " "
        opening_position = i == 0 or prev.isspace() or prev in "([{—–-/"
        if ch in "“«":
            if start is None:
                start, single = i, False
        elif ch in "”»":
            if start is not None and not single:
                spans.append((start, i + 1))
                start = None
            elif start is None:
                spans.append((0, i + 1))  # closes a quote opened before this sentence
        elif ch == '"':
            if start is None:
                if opening_position:
                    start, single = i, False
                else:
                    spans.append((0, i + 1))
            elif not single:
                if opening_position and i > (start or 0) + 1:
                    start = i  # an unbalanced mark: a new quote opens here
                else:
                    spans.append((start, i + 1))
                    start = None
        elif ch == "‘":
            if start is None and opening_position:
                start, single = i, True
        elif ch == "’" and start is not None and single:
            closes = (nxt.isspace() or nxt in ".,;:!?)]—–\"”" or i == n - 1) and not (prev.isalpha() and nxt.isalpha())
            if closes and not (prev == "s" and nxt.isspace() and not sentence[max(0, i - 1):i].isspace()
                               and sentence.count("’", i + 1) and sentence[i + 1:].lstrip()[:1].islower()):
                spans.append((start, i + 1))
                start = None
    open_at_end = start is not None
    if open_at_end:
        spans.append((start, n))
    return spans, open_at_end


def _mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """Blank quoted text (keeping offsets and the marks) so verbs inside quotes don't attribute."""
    chars = list(sentence)
    for s, e in spans:
        for j in range(s + 1, max(s + 1, e - 1)):
            chars[j] = " "
    return "".join(chars)


# ---------------------------------------------------------------------------------------
# The registry of entities.

@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(fold(name).split())


def _ends_token(text: str, end: int) -> bool:
    return end == len(text) or not (text[end].isalnum() or text[end] in "_’'&-")


def _written_inside(text: str, word: str) -> bool:
    """`word` is written whole after a lower-case word or a comma: 'said Providence', not 'Providers said'."""
    at = text.find(word)
    while at != -1:
        if at >= 2 and text[at - 1] == " " and (text[at - 2] in ",;" or "a" <= text[at - 2] <= "z") \
                and _ends_token(text, at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


def _written_alone(text: str, low: str) -> bool:
    """`low` (lower case) is written as a whole word somewhere in `text`."""
    at = text.find(low)
    while at != -1:
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and _ends_token(text, at + len(low)):
            return True
        at = text.find(low, at + 1)
    return False


class Registry:
    def __init__(self, lex: _Lex, text: str):
        self.lex = lex
        self.text = text
        self.by_name: dict[str, Entity] = {}
        # Least recently mentioned first; a dict, so moving an entity to the end and asking
        # whether it was mentioned cost the same however long the document is.
        self.recent: dict[Entity, None] = {}
        self.last_speaker: Entity | None = None
        # each word of an organisation's name -> the organisations named with it
        self.org_words: dict[str, set[Entity]] = {}

    def note(self, entity: Entity) -> None:
        self.recent.pop(entity, None)
        self.recent[entity] = None

    def most_recent(self, want) -> Entity | None:
        for entity in reversed(self.recent):
            if want(entity):
                return entity
        for entity in self.by_name.values():  # named once (a post line, an acronym) but not since
            if entity not in self.recent and want(entity):
                return entity
        return None

    @property
    def last_person(self) -> Entity | None:
        return self.most_recent(lambda e: not e.is_org)

    @property
    def last_org(self) -> Entity | None:
        return self.most_recent(lambda e: e.is_org)

    def find(self, name: str | None) -> Entity | None:
        if not name:
            return None
        key = fold(name)
        found = self.by_name.get(key)
        words = set(key.split())
        if found is None and len(words) >= 2:
            # "US Embassy" is the "U.S. Embassy Islamabad" already met: all its words are there.
            holders = [self.org_words.get(w) for w in words]
            if all(holders):
                candidates = set.intersection(*holders)
                found = self.most_recent(candidates.__contains__) if candidates else None
        return found

    def index(self, entity: Entity, name: str) -> None:
        entity.aliases.add(name)
        self.by_name.setdefault(fold(name), entity)

    def common_word(self, word: str) -> bool:
        """A capitalised word that is only ever capitalised where a sentence starts, and that the
        document also writes in lower case ("Providers ... providers"), or a function word."""
        low = word.lower()
        if low in _INTRO_WORDS or low in _NOT_SPECIFIC:
            return True
        return not _written_inside(self.text, word) and _written_alone(self.text, low)

    def is_person_name(self, name: str) -> bool:
        first = name.split()[0].strip("’'.") if name.split() else ""
        return first in self.lex.given_names

    def looks_like_org(self, name: str) -> bool:
        words = {w.lower().strip(".,’'") for w in name.split()}
        if words & self.lex.org_markers:
            return True
        if self.is_person_name(name):
            return False
        return len(name) <= 6 and name.replace(".", "").isupper() or len(name.split()) != 2 or name.endswith("s")

    def add(self, name: str, is_org: bool | None = None, alias: str | None = None, role: str | None = None) -> Entity:
        name = name.strip(" ,.;:")
        existing = self.find(name) or (self.find(alias) if alias else None)
        if existing:
            if alias:
                self.index(existing, alias)
            if role and not existing.role:
                existing.role = role
            return existing
        entity = Entity(name=name, is_org=self.looks_like_org(name) if is_org is None else is_org, role=role)
        if entity.is_org:
            for word in _name_words(name):
                self.org_words.setdefault(word, set()).add(entity)
        self.index(entity, name)
        if alias:
            self.index(entity, alias)
        if not entity.is_org and len(name.split()) > 1:
            self.by_name.setdefault(fold(name.split()[-1]), entity)  # "Baker" finds Natalie Baker
        return entity


# ---------------------------------------------------------------------------------------
# Reading noun phrases.

_NAME_WORD = r"[A-Z][\w’'&-]*(?:\.[A-Z][\w’'&-]*)*\.?"
# White space inside a name: spaces and at most one line break (a name never spans a blank line:
# "Picture: Newsquest\n\nCastleton said" names two things)
_IN_NAME = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"
_NAME = re.compile(rf"{_NAME_WORD}(?:{_IN_NAME}(?:(?:of|for|de|al|bin|van|von|and|la|le|du|da|the){_IN_NAME})?{_NAME_WORD})*")
_ACRONYM_INTRO = re.compile(r"(?P<name>(?:[A-Z][\w’'.&-]*\s+)(?:(?:of|for|and|the|de|on)\s+|[A-Z][\w’'.&-]*\s+)*[A-Z][\w’'.&-]*)\s+\((?P<acr>[A-Z][A-Za-z&.]{1,9})\)")
_PERSON_OF_ORG = re.compile(rf"^(?P<person>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\s+(?:of|at|from)\s+"
                            rf"(?P<org>(?:the\s+)?{_NAME_WORD}(?:\s+(?:of\s+|for\s+|&\s+)?{_NAME_WORD})*)$")
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|yet|so|meanwhile|however|also|while|as)\s+", re.I)
_FINAL_STOP = re.compile(r"(?<=[a-z]{2})\.$")
_TRAILING_AND = re.compile(r"\s(?:and|but)$")
_LEADING_NAME = re.compile(r"^((?:[Tt]he\s+)?(?:" + _NAME_WORD + r"\s*)+)")
_SUBJECT_PARTS = re.compile(r",\s+|\s+[—–]\s+")
_NAME_RUN = re.compile(rf"(?:the\s+)?(?:{_NAME_WORD}\s*)+")
_LEADING_THE = re.compile(r"^the\s+", re.I)
# a relative clause with its own verb: "who farms near Langport" (not "which the minister", "who he")
_RELATIVE_CLAUSE = re.compile(r"(?:who|whose|which)\s+(?!(?:the|a|an|his|her|its|their|he|she|they|we|i|it)\b)[a-z]")
_RELATIVE_WORD = re.compile(r"^(?:which|who|that)\s+(?=(?:the|a|an|his|her|its|their)\b|[A-Z])")
_RELATIVE_GENERIC = re.compile(r"^(?:which|who|that)\s+(?!(?:the|a|an|his|her|its|their)\b)(?:[a-z]+\s+)*[a-z]+s$")
_LEADING_QUANTIFIER = re.compile(r"^(?:the|some|many|several|other)\s+", re.I)
_DESCRIBED_NAME = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:[A-Z]\w*\s+)?(?:[a-z][\w-]*\s+)*?(?P<desc>[a-z][\w-]*)\s+(?P<name>(?:{_NAME_WORD}\s*)+)$")
_ZONE_BREAK = re.compile(r";|:\s|\s(?:[-—–]|--)\s|^[A-Z .,()]+\s*[-—–]\s")
_WORD_WITH_APOSTROPHE = re.compile(r"[\w’']+")
_PHRASE_AFTER = re.compile(r"\s+(?P<np>[^.;:!?]+?)(?:[.;:!?]|$)")
# inside one sentence, a short capitalised word's stop before a capital is an abbreviation's:
# "said Sen. Laura Whitfield", "said Dr. Aisha Khan" (blanked to find where the phrase ends)
_ABBREVIATION_STOP = re.compile(r"\b([A-Z][a-z]{1,3})\.(?=\s+[A-Z])")
_SOURCE_END = re.compile(r"[,;.”\"]|\s+(?:which|who|that|in a|on \w+day)\b")
_SENTENCE_CLOSE = re.compile(r"[.!:;,”\"’)]$")
_TITLED_NAME = re.compile(rf"{_NAME_WORD}(?:{_IN_NAME}{_NAME_WORD}){{1,2}}")
_SENTENCE_END_INSIDE = re.compile(r"(?<=[a-z]{3}[.!?])\s+|\n")
_POST_LINE = re.compile(r"^[—–-]{1,2}\s*(?P<name>[^()@\n]+?)\s*\(@(?P<handle>\w+)\)")
_DETERMINERS = ("the", "this", "that", "its", "his", "her", "their", "our", "a", "an")
_QUESTION_WORDS = frozenset({"can", "will", "why", "how", "what", "when", "who", "is", "are", "does", "do",
                             "should", "could", "would", "did", "has", "have", "where", "which"})
_GENERIC_ORG_NOUNS = frozenset({"organization", "organisation", "group", "movement", "statement", "body",
                                "campaign", "coalition", "alliance"})
_INTRO_WORDS = frozenset({"in", "on", "at", "after", "before", "during", "despite", "meanwhile", "separately",
                          "however", "earlier", "later", "asked", "speaking", "writing", "since", "while",
                          "when", "as", "although", "though", "but", "and", "yet", "also", "still", "instead",
                          "today", "yesterday", "last", "this", "on", "under", "with", "without", "for",
                          "by", "from", "according", "if", "once", "elsewhere", "overall", "indeed"})
_APPOSITIVE_START = re.compile(r"^(?:a|an|the|who|which|whose|based|one|former|then|now|itself|himself|herself|"
                               r"also|chief|head|deputy|senior|its|his|her|their|[a-z]+ed|[a-z]+ing)\b")
_ROLE_LINK = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?P<role>[\w\s’'-]*?)\s*(?:\b(?:of|for|at|with|from)\s+)(?P<org>.+)$")
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:has|have|had|also|later|further|previously|then|again|once again|earlier|recently|separately|"
    r"repeatedly|publicly|privately|quickly|immediately|subsequently|firmly|strongly|flatly|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|last week|this week|yesterday|today|"
    r"on \w+day|in a statement|in an interview|in a speech))+\s*$", re.I)
_CORPORATE_SUFFIX = re.compile(r"(?:Inc|Ltd|Plc|plc|PLC|LLC|Corp|Co|LP|LLP|SA|AG|NV|SE)\.?$")
# An American legislator's party and state: "Rep. Dale Whitford, R-Tenn., said", "(D-Calif.)"
_PARTY_STATE = re.compile(r"\(?[RDI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\)?,?$")
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|could|should|can|may|might|must|that|because|if|"
                     r"whether|where|when|than)\b")


_NEXT_NAME_WORD = re.compile(rf"{_IN_NAME}({_NAME_WORD})")
_BLANKS = " \t\u00a0\n"


def _capitalised_beside(text: str, word: str, end: int) -> bool:
    """Whether `word` stands, somewhere before `end`, next to a word with a capital letter (with
    only white space between): what every fuller name of it needs, found with plain string search
    instead of compiling a pattern for the word and scanning the text with it."""
    at = text.find(word, 0, end)
    while at != -1:
        after = at + len(word)
        if at and text[at - 1] in _BLANKS:
            before = text[max(0, at - 100):at].split()
            if before and any(c.isupper() for c in before[-1]):
                return True
        if text[after:after + 1] in _BLANKS and text[after:after + 100].lstrip(_BLANKS)[:1].isupper():
            return True
        at = text.find(word, after, end)
    return False


def _may_hold_title(words: list[str], lex: _Lex) -> bool:
    """A cheap test before `_strip_titles`: a title starts the words or one of them heads a title."""
    first = _TOKEN.match(words[0].lower())
    return (first is not None and first.group(0) in lex.titles_by_first_token) \
        or any(w.lower() in lex.title_heads for w in words[:-1])


def _titled_person(bare: str, lex: _Lex) -> bool:
    """What stands after a title is a person's name: two or three words, none an organisation's."""
    words = bare.split()
    return 2 <= len(words) <= 3 and not {w.lower() for w in words} & lex.org_markers


def _strip_titles(np: str, lex: _Lex) -> tuple[str, str | None]:
    """'Acting US Ambassador Natalie Baker' -> ('Natalie Baker', 'Acting US Ambassador')."""
    rest, role = np.strip(), []
    changed = True
    while changed:
        changed = False
        low = rest.lower()
        first = _TOKEN.match(low)
        for title in lex.titles_by_first_token.get(first.group(0), ()) if first else ():
            if title in lex.descriptive_titles and len(rest[len(title) + 1:].split()) < 2:
                continue  # "UK Finance", "New Century": a name, not "UK" and a person
            if low.startswith(title + " ") and len(rest) > len(title) + 1 and rest[len(title) + 1:][:1].isupper():
                role.append(rest[:len(title)])
                rest = rest[len(title) + 1:].lstrip()
                changed = True
                break
        words = rest.split()
        for i in range(len(words) - 2, -1, -1):
            if words[i].lower() in lex.title_heads and all(w[:1].isupper() for w in words[i + 1:]):
                role.append(" ".join(words[:i + 1]))  # "Economy Minister Jonas Brandt"
                rest = " ".join(words[i + 1:])
                changed = True  # "Committee Chairman Rep. Dale Whitford": a title may follow
                break
    return rest, (" ".join(role) or None)


def _clean(np: str) -> str:
    np = np.strip(" ,;:–—-“”\"'‘’()")
    np = _LEADING_CONJUNCTION.sub("", np)
    np = _TRAILING_FILLER.sub("", np)
    np = _FINAL_STOP.sub("", np.strip())  # the sentence's full stop, not "U.S."
    return np.strip(" ,")


def _name_like(part: str) -> bool:
    """'The Conservatives', 'Lumina Health', 'Marcus Delgado' - not 'The number of people'."""
    words = part.split()
    if not words or len(words) > 7:
        return False
    caps = [w for w in words[1:] if w[:1].isupper()]
    return bool(caps) or (words[0][:1].isupper() and words[0].lower() not in _DETERMINERS)


class _Resolver:
    def __init__(self, registry: Registry, lex: _Lex):
        self.reg = registry
        self.lex = lex
        self.text = ""  # the document; names are looked up in it up to the current sentence's end
        self.end = 0

    # ---- the parts of a subject ---------------------------------------------------------
    def split_subject(self, zone: str) -> tuple[str, str | None]:
        """A subject zone -> (noun phrase, appositive or None)."""
        zone = _clean(zone)
        if _TRAILING_AND.search(zone):
            m = _LEADING_NAME.match(zone)
            zone = m.group(1) if m else zone
        parts = []
        for part in _SUBJECT_PARTS.split(zone):
            part = part.strip()
            if not part or _PARTY_STATE.match(part):
                continue
            if parts and _CORPORATE_SUFFIX.match(part):
                parts[-1] += ", " + part  # "Aldervane Therapeutics, Inc.": one name
            else:
                parts.append(part)
        while len(parts) > 1 and (parts[0].split()[0].lower() in _INTRO_WORDS or parts[0].split()[0].endswith("ing")):
            parts.pop(0)
        # "Sam Whitcombe, 47, who farms near Langport, said": the clause and the age describe him
        # (but in "..., which the minister said" the clause holds the speaker)
        kept = len(parts)
        while kept > 1 and (_RELATIVE_CLAUSE.match(parts[kept - 1]) or parts[kept - 1].isdigit()):
            kept -= 1
        if kept == 1 and kept < len(parts) and _name_like(parts[0]) and all(w[:1].isupper() for w in parts[0].split()):
            return parts[0], next((p for p in parts[1:] if not p.isdigit()), None)
        if not parts:
            return "", None
        if len(parts) == 1:
            return parts[0], None
        first, rest = parts[0], parts[1:]
        if len(rest) == 1 and first.split()[-1].islower() and _NAME_RUN.fullmatch(rest[0]):
            return rest[0], first  # "France’s largest farm union, the FNSEA": the name, with its role
        if _RELATIVE_WORD.match(parts[-1]):
            return parts[-1], None  # "..., which the minister [said]": the clause's own subject speaks
        descriptive = rest[0].split()[-1].islower() and rest[0].split()[0].lower() not in _INTRO_WORDS
        if _name_like(first) and (_APPOSITIVE_START.match(rest[0]) or descriptive):
            return first, ", ".join(rest)
        if _name_like(rest[-1]) and rest[-1][:1].isupper() and not _name_like(first) is False and \
                re.search(r"\b(?:chief|head|director|spokes\w+|minister|secretary|executive|president|"
                          r"chair\w*|founder|leader|lawyer|economist|analyst|official|ceo)\b", first, re.I):
            return rest[-1], first  # "Lumina's former chief executive, Karen Wu"
        if len(parts) >= 3 and _APPOSITIVE_START.match(parts[-1]) and parts[-1][:1].islower() \
                and _name_like(parts[-2]) and all(w[:1].isupper() for w in parts[-2].split()):
            return parts[-2], parts[-1]  # "Profits rose, Jonas Schmidt, an analyst at Peel Hunt, said"
        return parts[-1], None

    # ---- resolving ----------------------------------------------------------------------
    def resolve(self, np: str, appositive: str | None = None) -> Entity | None:
        np = _clean(np)
        if _RELATIVE_GENERIC.match(np):
            return None  # "..., which officials said would help": the sentence is the writer's, not theirs
        np = _RELATIVE_WORD.sub("", np)  # "..., which the minister said": the minister
        if not np or len(np.split()) > 12 or _FINITE.search(np):
            return None
        low = np.lower()
        if low in ("he", "she", "him", "her"):
            return self.reg.last_person or self.reg.last_speaker
        if low in ("they", "it", "we"):
            speaker = self.reg.last_speaker
            return speaker if speaker and speaker.is_org else (self.reg.last_org or speaker)
        entity = (self._spokesperson(np) or self._publication(np) or self._group(np)
                  or self._person_of_org(np) or self._anaphor(np) or self._named(np, appositive))
        if entity is not None and appositive and not entity.is_org:
            self._apply_appositive(entity, appositive)
        elif entity is not None and appositive:
            self._set_role(entity, appositive)  # "the FNSEA" is a "farm union": "the union" finds it
        return entity

    def resolve_org(self, np: str) -> Entity | None:
        np = _clean(np)
        if not np:
            return None
        found = self.reg.find(np) or self.reg.find(_LEADING_THE.sub("", np))
        if found:
            return found.org if (not found.is_org and found.org) else found
        anaphor = self._anaphor(np)
        if anaphor is not None:
            return anaphor
        names = _NAME.findall(np)
        if names:
            name = max(names, key=len)
            return self.reg.find(name) or self.reg.add(name, is_org=True)
        return None

    def _apply_appositive(self, person: Entity, appositive: str) -> None:
        text = re.sub(r"^(?:who|which)\s+\w+\s+", "", appositive.strip())
        m = _ROLE_LINK.match(text)
        if m and m.group("org")[:1].isupper() or (m and re.match(r"(?:the|its|their)\s", m.group("org"))):
            org = self.resolve_org(re.split(r"\s+(?:who|which|that|and)\s", m.group("org"))[0])
            if org is not None and org is not person:
                person.org = person.org or org
                person.role = person.role or m.group("role").strip() or None
        elif not person.role:
            person.role = text

    def _set_role(self, entity: Entity, appositive: str) -> None:
        if not entity.role:
            entity.role = re.sub(r"^(?:[A-Z][\w’']*\s+)+", "", appositive).strip() or appositive

    def _spokesperson(self, np: str) -> Entity | None:
        m = re.match(r"^(?:a|an|the|one|two|three|several)?\s*(?:[\w-]+\s+){0,2}?(?:spokesperson|spokesman|spokeswoman|"
                     r"spokespeople|representative|official|officials|source|sources|lawyer|lawyers|member|"
                     r"members|leader|leaders|statement|executive|executives)\s+(?:for|from|of|at|with|close to)\s+(?P<y>.+)$",
                     np, re.I)
        return self.resolve_org(m.group("y")) if m else None

    def _person_of_org(self, np: str) -> Entity | None:
        """'Esther Katz of Liberum', 'Jonas Schmidt at Peel Hunt': a person and their employer
        (but 'Bank of England' stays one name: it does not open with a given name)."""
        m = _PERSON_OF_ORG.match(np)
        if not m or not self.reg.is_person_name(m.group("person")):
            return None
        person = self._named(m.group("person"), None)
        if person is not None and not person.is_org:
            org = self.resolve_org(m.group("org"))
            if org is not None and org is not person:
                person.org = person.org or org
        return person

    def _publication(self, np: str) -> Entity | None:
        words = np.split()
        # a capital inside the phrase makes the word part of a name: the National Audit Office
        head_index = next((i for i, w in enumerate(words[:4]) if w.lower().strip(",") in self.lex.publications
                           and (i == 0 or not w[:1].isupper())), None)
        if head_index is None:
            return None
        if head_index > 0 and words[head_index - 1][:1].isupper() and words[head_index - 1].lower() not in _DETERMINERS:
            publisher = " ".join(w for w in words[:head_index] if w[:1].isupper() and w.lower() not in _DETERMINERS)
            return self.resolve_org(publisher)  # "A Reuters poll", "an IMF report"
        rest = " ".join(words[head_index + 1:])
        m = re.match(r"(?:published\s+)?(?:by|from|of)\s+(?P<y>.+)$", rest, re.I)
        if m and re.search(r"[A-Z]", m.group("y")) and not re.match(r"(?:its|their)\b", m.group("y")):
            return self.resolve_org(m.group("y"))
        speaker = self.reg.last_speaker
        return speaker if speaker and speaker.is_org else (self.reg.last_org or speaker)

    def _group(self, np: str) -> Entity | None:
        bare = _LEADING_QUANTIFIER.sub("", np)
        words = bare.split()
        if bare.lower() in self.lex.groups or (
                1 < len(words) <= 4 and words[-1].lower() in self.lex.groups and words[-1].islower()):
            return self.reg.find(bare) or self.reg.add(bare, is_org=True)
        return None

    def _anaphor(self, np: str) -> Entity | None:
        """'the organization', 'the Conservative party', 'the minister', 'the Commission'."""
        words = np.split()
        m = _DESCRIBED_NAME.match(np)
        if m and m.group("desc") not in ("in", "of", "for", "at", "on", "and", "de") and len(words) <= 7:
            return self._named(m.group("name").strip(), None)  # "the grid operator TenneT" is TenneT
        if len(words) < 2 or words[0].lower() not in _DETERMINERS:
            return None
        head = words[-1].lower().strip(".,’'")
        two = " ".join(w.lower() for w in words[-2:])
        is_person_noun = head in self.lex.person_nouns or two in self.lex.person_nouns
        is_org_noun = head in self.lex.org_nouns or words[-1][:1].isupper()
        if not (is_person_noun or is_org_noun):
            return None
        modifiers = [w.strip("’'") for w in words[1:-1] if w[:1].isupper()]
        if modifiers:
            keys = {fold(w) for w in modifiers}
            if words[-1][:1].isupper():
                # a whole name: every word of it ("the Royal College of Nursing" is not the Royal College of Surgeons)
                keys.add(fold(words[-1].strip(".,’'")))
                found = self.reg.most_recent(lambda e: keys <= _name_words(e.name))
            else:  # "the Conservative party"
                found = self.reg.most_recent(lambda e: bool(keys & _name_words(e.name)))
            if found:
                return found
            if is_org_noun:
                return self.reg.add(" ".join(words[1:]), is_org=True)  # "the Conservative party"
        speaker = self.reg.last_speaker
        if head in _GENERIC_ORG_NOUNS and speaker is not None and speaker.is_org:
            return speaker  # "The organization said": the organisation that has been speaking
        by_head = self.reg.most_recent(lambda e: head in _name_words(e.name) or (e.role and head in _name_words(e.role)))
        if by_head:
            return by_head
        title = " ".join(words[1:])
        if title.lower() in self.lex.titles and words[1][:1].isupper():
            return self.reg.add(title, is_org=False, role=title)  # "the Chancellor", met by title alone
        if words[-1][:1].isupper() and not modifiers:
            return self._named(title, None)  # "The Conservatives": a name, not a pointer
        if is_person_noun and head not in ("spokesperson", "spokesman", "spokeswoman"):
            if not self._met_before(head):
                return None  # "the coroner found", first met here: someone new, not the last speaker
            return self.reg.last_person or self.reg.last_speaker
        if head in ("statement", "spokesperson", "spokesman", "spokeswoman") or head in self.lex.publications:
            speaker = self.reg.last_speaker
            return speaker if speaker and speaker.is_org else (self.reg.last_org or speaker)
        return self.reg.last_org or self.reg.last_speaker

    def _met_before(self, noun: str) -> bool:
        """Whether the document names `noun` before the current sentence too."""
        return len(re.findall(rf"\b{re.escape(noun)}\b", self.text[:self.end], re.IGNORECASE)) >= 2

    def _fuller_name(self, word: str) -> str | None:
        """'Marlow' -> 'Helen Marlow', 'Harcourt' -> 'Harcourt Steel', as named earlier."""
        if not _capitalised_beside(self.text, word, self.end):
            return None  # most single words are never written beside another name word
        pattern = re.compile(rf"((?:{_NAME_WORD}{_IN_NAME}){{1,3}}){re.escape(word)}\b|\b{re.escape(word)}((?:{_IN_NAME}{_NAME_WORD}){{1,3}})")
        best = None
        for m in pattern.finditer(self.text, 0, self.end):
            candidate = m.group(0)
            if m.group(1) is not None and word in self.lex.given_names \
                    and (surname := _NEXT_NAME_WORD.match(self.text, m.end(), self.end)):
                candidate = f"{word} {surname.group(1)}"  # "Sir Paul" is Paul Danby, not "Constable Sir Paul"
            candidate, _ = _strip_titles(candidate, self.lex)
            words = candidate.split()
            if any(w.endswith(".") and len(w) > 3 for w in words[:-1]):
                continue  # crosses a sentence end: "Washington. Marlow"
            if words and words[0].lower() in self.lex.not_names | _INTRO_WORDS | _QUESTION_WORDS:
                continue
            if len(words) > 1:
                best = candidate
        return best

    def _named(self, np: str, appositive: str | None) -> Entity | None:
        found = self.reg.find(np) or self.reg.find(_LEADING_THE.sub("", np))
        if found:
            return found
        bare, title = _strip_titles(np, self.lex)
        if title and _titled_person(bare, self.lex):
            # "Senate Minority Leader Karla Voss": a titled person, whatever the title's words
            name, role = bare, title
        else:
            is_org_phrase = self.reg.looks_like_org(np) and not self.reg.is_person_name(bare)
            name, role = (np, None) if (is_org_phrase and self.reg.looks_like_org(bare) and
                                        {w.lower() for w in np.split()} & self.lex.org_markers) else (bare, title)
        names = _NAME.findall(name)
        if not names:
            return None
        candidate = names[0] if role else max(names, key=len)
        if candidate != name.strip(" ."):
            candidate = _POSSESSIVE_S.sub("", candidate)  # "Trump’s administration": not a name ending in ’s
        candidate = candidate.strip(" .")
        if candidate.lower() in self.lex.not_names or candidate.lower() in self.lex.titles:
            return None
        found = self.reg.find(candidate)
        if found is None and len(candidate.split()) == 1:
            fuller = self._fuller_name(candidate)
            if fuller:
                found = self.reg.find(fuller) or self.reg.add(fuller)
            elif self.reg.common_word(candidate):
                return None  # "Providers said", "Under the terms of the deal, announced ...": no name
        if found is None:
            person_hint = bool(role) or (appositive is not None and not _APPOSITIVE_START.match(appositive or "") is None
                                         and bool(re.match(r"(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:lawyer|economist|analyst|"
                                                           r"professor|neurologist|director|chief|head|spokes\w+|"
                                                           r"minister|councillor|official|who)\b", appositive or "")))
            found = self.reg.add(candidate, is_org=False if person_hint else None, role=role)
        elif role and not found.role:
            found.role = role
        return found


# ---------------------------------------------------------------------------------------
# One sentence's evidence.

_TICKER = re.compile(r"\s*\((?:[A-Z]{2,6}|Nasdaq)\s*:\s*[A-Z0-9.]{1,8}\)")  # "(LON: CRW)", "(NYSE:XYZ)"


def _subject_zone(masked: str, spans: list[tuple[int, int]], verb_start: int) -> str:
    cut = 0
    for s, e in spans:
        if e <= verb_start:
            cut = max(cut, e)
    zone = masked[cut:verb_start]
    if "(" in zone:
        zone = _TICKER.sub("", zone)
    for m in _ZONE_BREAK.finditer(zone):
        if masked[cut:][:m.end()].strip().isupper() or m.group(0).strip() in (";", ":", "-", "—", "–", "--"):
            zone = zone[m.end():] if m.end() < len(zone) else zone
    # "Net debt fell by £31m, and the company said": the verb's subject is in its own clause
    joins = list(_CLAUSE_JOIN.finditer(zone))
    if joins and zone[joins[-1].end():].strip():
        zone = zone[joins[-1].end():]
    return zone


_CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|whereas|although|though)\s+")


# Reporting verbs that are more often plural nouns ("foreign projects", "media reports").
_NOUN_LIKE_VERBS = frozenset({"projects", "reports", "claims", "estimates", "forecasts", "notes", "shows",
                              "calls", "states", "demands", "finds", "indicates", "predicts", "posts",
                              "projected", "forecast", "estimated", "reported", "found", "stated"})


# "the FTSE 250 added 0.31%", "adds around £60 to the bill": adding an amount reports nothing
_AMOUNT_AFTER = re.compile(r"\s+(?:(?:about|around|some|nearly|almost|roughly|more\s+than|another|an\s+extra|a\s+further|"
                           r"up\s+to|as\s+much\s+as)\s+)?[$£€]?\d")
_ALL_BEFORE = re.compile(r"\b[Aa]ll\s+$")  # "All told, Americans owed ...": an idiom, not a verb


def _verb_here(masked: str, verb: re.Match, lex: _Lex) -> bool:
    start, word = verb.start(), verb.group(0)
    if word in ("added", "adds", "add") and _AMOUNT_AFTER.match(masked, verb.end()):
        return False
    if word == "told" and _ALL_BEFORE.search(masked, max(0, start - 5), start):
        return False
    if word not in _NOUN_LIKE_VERBS:
        return True
    before = _WORD_WITH_APOSTROPHE.findall(masked, max(0, start - 40), start)
    if not before:
        return False
    prev = before[-1]
    if word.endswith("s"):  # "The company reports", "IMF estimates", "she claims"
        return prev[:1].isupper() or prev.lower() in ("he", "she", "it", "who", "which") or prev.lower() in lex.speakerish
    # "had projected", "was reported": participles after an auxiliary are not attribution
    return prev.lower() not in ("had", "has", "have", "was", "were", "is", "are", "be", "been", "being")


_PARTICIPLE = re.compile(r",\s+(?:saying\b|(?:adding|arguing|warning|noting|insisting|claiming|stressing|explaining|"
                         r"cautioning|predicting|acknowledging)\s+(?:that\b|[“\"‘:]))")


def _verb_attribution(sentence: str, masked: str, spans, lex: _Lex, resolver: _Resolver) -> Entity | None:
    p = _PARTICIPLE.search(masked)
    if p:
        np, appositive = resolver.split_subject(_subject_zone(masked, spans, p.start()))
        entity = resolver.resolve(np, appositive) if np else None
        if entity is not None:
            return entity
    for m in lex.verbs.finditer(masked) if _words(masked) & lex.verb_words else ():
        if not _verb_here(masked, m, lex):
            continue
        entity = _attribution_at(sentence, masked, spans, m.start(), m.end(), resolver)
        if entity is not None:
            return entity
    return None


def _attribution_at(sentence, masked, spans, verb_start, verb_end, resolver: _Resolver) -> Entity | None:
    zone = _subject_zone(masked, spans, verb_start)
    after = masked[verb_end:]
    before_quote = any(e <= verb_start and not masked[e:verb_start].strip(" ,") for s, e in spans)
    # "..., said Priya Nair, director of the IFS." / "“...,” said the minister."
    if before_quote or not zone.strip(" ,"):
        m = _PHRASE_AFTER.match(_ABBREVIATION_STOP.sub(r"\1 ", after))
        if m:
            np, appositive = resolver.split_subject(after[m.start("np"):m.end("np")])
            entity = resolver.resolve(np, appositive)
            if entity is not None:
                return entity
    last = zone.split()[-1:]
    if last and last[0] in _SUBJECT_PRONOUNS:
        return resolver.resolve(last[0])  # "in a Budget she said would raise", "which he said"
    np, appositive = resolver.split_subject(zone)
    if np:
        return resolver.resolve(np, appositive)
    return None


_SUBJECT_PRONOUNS = frozenset({"he", "she"})  # "it", "they" point too often to the wrong body


def _according_attribution(masked: str, sentence: str, lex: _Lex, resolver: _Resolver) -> Entity | None:
    m = lex.according.search(masked) if _words(masked) & lex.according_words else None
    if not m:
        return None
    rest = sentence[m.end():]
    np = _SOURCE_END.split(rest, maxsplit=1)[0]
    owned = _OWNED_SOURCE.match(np)
    if owned and owned.group("what").lower() in lex.publications | _SOURCE_TOOLS:
        np = owned.group("owner")  # "according to CME Group’s FedWatch tool": the group's
    return resolver.resolve(np) if np.strip() else None


_OWNED_SOURCE = re.compile(r"(?P<owner>.+?)[’']s\s+(?:[\w-]+\s+){0,2}(?P<what>[a-z]+)\s*$")
_SOURCE_TOOLS = frozenset({"tool", "tracker", "model", "gauge", "barometer", "monitor", "database"})


def _statement_attribution(masked: str, sentence: str, spans, lex: _Lex, resolver: _Resolver) -> Entity | None:
    """'In a statement, the company apologised': the clause's subject speaks."""
    m = lex.statement_phrase.search(masked) if _words(masked) & lex.statement_words else None
    if not m:
        return None
    tail = masked[m.end():]
    lead = re.match(r",?\s*(?P<np>(?:the\s+|a\s+)?[\w’'.&-]+(?:\s+[\w’'.&-]+){0,5}?)\s+(?:has\s+|have\s+|had\s+)?[a-z]+(?:ed|s)\b", tail)
    if lead and m.start() < 5:
        return resolver.resolve(lead.group("np"))
    zone = _subject_zone(masked, spans, m.start())
    words = zone.split()
    if len(words) >= 2 and re.fullmatch(r"[a-z]+(?:ed|s)", words[-1]):
        np, appositive = resolver.split_subject(" ".join(words[:-1]))
        return resolver.resolve(np, appositive) if np else None
    return None


def _is_heading(sentence: str, seg: Segment) -> bool:
    """A line of its own with no full stop: a title, a subhead or a stand-alone question."""
    if not seg.alone:
        return False
    text = sentence.strip()
    if _POST_LINE.match(text) or text[:1] in "—–-":
        return False
    words = text.split()
    if text.endswith("?") and len(words) <= 20 and text[:1] not in "“\"‘":
        return True
    return not _SENTENCE_CLOSE.search(text) and len(words) <= 16 or (
        text[:1] in "‘'" and text.endswith(("’", "'")) and len(words) <= 16)


_ASCII_UPPER_TO_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_’'")
_ASCII_SPACES = " \t\n\r\f\v"


def _titles_in(masked: str, lex: _Lex) -> list[tuple[int, int]]:
    """The spans `lex.title_re.finditer` would give (a title, case-blind over ASCII, not inside a
    word, then white space and a letter), found from each title's first word by string search
    rather than by trying the whole alternation at every character."""
    low = masked.lower() if masked.isascii() else masked.translate(_ASCII_UPPER_TO_LOWER)
    n = len(low)
    found = []
    for token in _words(masked) & lex.titles_by_first_token.keys():
        at = low.find(token)
        while at != -1:
            if at == 0 or low[at - 1] not in _ASCII_WORD_CHARS:
                for title in lex.titles_by_first_token[token]:  # longest first, as the alternation
                    if low.startswith(title, at):
                        end = at + len(title)
                        k = end
                        while k < n and low[k] in _ASCII_SPACES:
                            k += 1
                        if k > end and k < n and "a" <= low[k] <= "z":
                            found.append((at, k))
                            break
            at = low.find(token, at + 1)
    found.sort()
    spans, reached = [], 0
    for start, end in found:
        if start >= reached:  # matches do not overlap: the scan goes on after each one
            spans.append((start, end))
            reached = end
    return spans


def _note_mentions(masked: str, registry: Registry, lex: _Lex) -> None:
    """Register the people and organisations a sentence names outside quotes."""
    for t_start, t_end in _titles_in(masked, lex) if _words(masked) & lex.title_words else ():
        rest = masked[t_end:]
        name = _TITLED_NAME.match(rest)
        if name and not any(w.lower() in lex.org_markers for w in name.group(0).split()):
            role = masked[t_start:t_end].strip()
            registry.note(registry.add(_POSSESSIVE_S.sub("", name.group(0)).strip(" ."), is_org=False, role=role))
    for m in _NAME.finditer(masked):
        name = _POSSESSIVE_S.sub("", m.group(0)).strip(" .")
        words = name.split()
        bare, role = _strip_titles(name, lex) if len(words) > 2 and _may_hold_title(words, lex) else (name, None)
        if role and _titled_person(bare, lex):
            # "Committee Chairman Rep. Dale Whitford": a titled person, not a committee
            registry.note(registry.add(bare, is_org=False, role=role))
            continue
        found = registry.find(name)
        if found is None and words and words[0].lower() in lex.not_names and len(words) > 1:
            found = registry.find(" ".join(words[1:]))
            name = " ".join(words[1:])
            words = words[1:]
        if found is None and len(words) >= 2:
            if registry.is_person_name(name) and len(words) <= 3:
                found = registry.add(name, is_org=False)
            elif {w.lower().strip(".,’'") for w in words} & lex.org_markers:
                found = registry.add(name, is_org=True)
        if found is not None:
            registry.note(found)


# ---------------------------------------------------------------------------------------

def attribute(text: str, segments: list[Segment], vocab: Vocab) -> list[Attribution]:
    """One Attribution per segment, in order."""
    lex = _lex(vocab)
    registry = Registry(lex, text)
    resolver = _Resolver(registry, lex)
    sentences = [text[s.start:s.end] for s in segments]

    # Names the document introduces anywhere: "Baloch National Movement (BNM)".
    for m in _ACRONYM_INTRO.finditer(text):
        # "... said Esther Katz of Liberum. The African Development Bank (ADB)": the name
        # starts after the last sentence end inside the match.
        name = _SENTENCE_END_INSIDE.split(m.group("name"))[-1]
        name = re.sub(r"^(?:The|the)\s+", "", name)
        registry.note(registry.add(name, is_org=True, alias=m.group("acr")))

    # Embedded posts: the attribution line claims itself and the paragraph above it.
    post_owner: dict[int, Entity] = {}
    for i, (seg, sentence) in enumerate(zip(segments, sentences)):
        m = _POST_LINE.match(sentence)
        if not m:
            continue
        entity = registry.add(m.group("name").strip(), alias="@" + m.group("handle"))
        post_owner[i] = entity
        for j in range(i - 1, -1, -1):
            if segments[j].paragraph != seg.paragraph - 1:
                break
            post_owner[j] = entity

    out: list[Attribution] = []
    quote_open = False
    quote_members: list[int] = []  # sentences of the quote under way, waiting for a speaker
    paragraph = -1
    for i, (seg, sentence) in enumerate(zip(segments, sentences)):
        if seg.paragraph != paragraph:
            # A quote never runs past its paragraph; a new paragraph that opens with a
            # quotation mark continues the speaker by news convention.
            paragraph = seg.paragraph
            quote_open = False
        spans, open_after = quote_spans(sentence, quote_open)
        masked = _mask(sentence, spans)
        resolver.text, resolver.end = text, seg.end
        attribution = Attribution()
        if _is_heading(sentence, seg):
            attribution.kind = "heading"
            out.append(attribution)
            quote_open, quote_members = False, []
            continue
        _note_mentions(masked, registry, lex)
        entity = post_owner.get(i)
        if entity is None:
            entity = _according_attribution(masked, sentence, lex, resolver)
        if entity is None:
            entity = _verb_attribution(sentence, masked, spans, lex, resolver)
        if entity is None:
            entity = _statement_attribution(masked, sentence, spans, lex, resolver)
        quoted = sum(e - s for s, e in spans)
        in_quote = bool(spans) and (spans[0][0] == 0 or sentence.lstrip()[:1] in "“\"«‘" or quote_open)
        if entity is None and in_quote:
            entity = registry.last_speaker  # a stand-alone quote continues the last speaker
            quote_members.append(i)
        elif entity is not None and quote_members and in_quote:
            for j in quote_members:  # the quote's attribution came at its end
                out[j].entity = entity
            quote_members = []
        if in_quote or quoted >= 0.6 * len(sentence):
            attribution.kind = "quote"
        elif sentence.rstrip().endswith("?"):
            attribution.kind = "question"
        attribution.entity = entity
        if entity is not None:
            registry.last_speaker = entity
            registry.note(entity)
        out.append(attribution)
        quote_open = open_after
        if not open_after:
            quote_members = []

    # A titled person named inside an organisation's own words belongs to it
    # ("Watch Chargé d’Affaires Natalie Baker’s message" in the embassy's post).
    people = [e for e in registry.by_name.values() if not e.is_org]
    for attribution, sentence in zip(out, sentences):
        org = attribution.entity
        if org is None or not org.is_org:
            continue
        for person in people:
            if person.org is None and person.role and person.name in sentence:
                person.org = org
    return out
