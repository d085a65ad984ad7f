"""Sentences -> who says each one.

Attribution needs the neighbours of a sentence: a quote's attribution may come sentences
later, a stand-alone quote continues the previous speaker, "the organization said" points
back to the last organisation named, and an embedded post's attribution line
(`— U.S. Embassy Islamabad (@usembislamabad) December 10, 2025`) claims the paragraph
above it. So this stage walks a whole document, keeping a small registry of the entities
it has met, and returns one `Attribution` per sentence.

Order of evidence, strongest first: an embedded post's attribution line, `according to X`,
a reporting verb in the sentence, the attribution of the quote the sentence belongs to,
and otherwise the narrator (no speaker), never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .segment import Segment
from .vocab import Vocab

NARRATOR = None


@dataclass
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
        if self.entity is None:
            return None
        return self.entity.org.name if self.entity.org else None

    @property
    def aliases(self) -> list[str]:
        return self.entity.all_names()[1:] if self.entity else []

    @property
    def org_aliases(self) -> list[str]:
        return self.entity.org.all_names()[1:] if self.entity and self.entity.org else []


def fold(name: str) -> str:
    """Compare names without case, accents, dots, quotes or filler words."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("’", "'").replace("‘", "'").lower()
    name = re.sub(r"'s\b", "", name)
    name = re.sub(r"[.'\"“”]", "", name)
    words = [w for w in re.split(r"[\s,-]+", name) if w and w not in ("the", "in", "of", "for", "at")]
    return " ".join(words)


# ---------------------------------------------------------------------------------------

@dataclass
class _Lex:
    verbs: re.Pattern
    according: re.Pattern
    org_nouns: frozenset[str]
    person_nouns: frozenset[str]
    titles: list[str]
    org_markers: frozenset[str]
    not_names: frozenset[str]


def _lex(vocab: Vocab) -> _Lex:
    def build():
        speech = vocab.table("speech")
        verbs = sorted(speech["reporting"]["verbs"], key=len, reverse=True)
        return _Lex(
            verbs=re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b"),
            according=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in speech["according"]["phrases"]) + r")\s+", re.I),
            org_nouns=frozenset(w.lower() for w in speech["org_anaphora"]["nouns"]),
            person_nouns=frozenset(w.lower() for w in speech["person_anaphora"]["nouns"]),
            titles=sorted((t.lower() for t in speech["titles"]["words"]), key=len, reverse=True),
            org_markers=frozenset(w.lower() for w in speech["org_markers"]["words"]),
            not_names=frozenset(w.lower() for w in speech["not_names"]["words"]),
        )
    return vocab._cached("speakers.lex", build)


class Registry:
    """The entities a document has named so far, found by any of their names."""

    def __init__(self, lex: _Lex):
        self.lex = lex
        self.entities: list[Entity] = []
        self.by_name: dict[str, Entity] = {}
        self.last_person: Entity | None = None
        self.last_org: Entity | None = None
        self.last_speaker: Entity | None = None

    def looks_like_org(self, name: str) -> bool:
        words = [w.lower().strip(".,") for w in name.split()]
        return bool(set(words) & self.lex.org_markers) or (len(name) <= 6 and name.isupper())

    def add(self, name: str, is_org: bool | None = None, alias: str | None = None) -> Entity:
        existing = self.find(name) or (self.find(alias) if alias else None)
        if existing:
            if alias:
                self._index(existing, alias)
            return existing
        entity = Entity(name=name, is_org=self.looks_like_org(name) if is_org is None else is_org)
        self.entities.append(entity)
        self._index(entity, name)
        if alias:
            self._index(entity, alias)
        if not entity.is_org and len(name.split()) > 1:
            self.by_name.setdefault(fold(name.split()[-1]), entity)  # "Baker" finds Natalie Baker
        return entity

    def _index(self, entity: Entity, name: str) -> None:
        entity.aliases.add(name)
        self.by_name[fold(name)] = entity

    def find(self, name: str | None) -> Entity | None:
        if not name:
            return None
        return self.by_name.get(fold(name))

    def note_mention(self, entity: Entity) -> None:
        if entity.is_org:
            self.last_org = entity
        else:
            self.last_person = entity


# ---------------------------------------------------------------------------------------
# Reading names.

_ACRONYM_INTRO = re.compile(r"(?P<name>(?:[A-Z][\w’'.&-]*\s+)(?:(?:of|for|and|the|de)\s+|[A-Z][\w’'.&-]*\s+)*[A-Z][\w’'.&-]*)\s+\((?P<acr>[A-Z][A-Za-z&.]{1,9})\)")
_POST_LINE = re.compile(r"^[—–-]{1,2}\s*(?P<name>[^()@\n]+?)\s*\(@(?P<handle>\w+)\)")
_QUOTES_OPEN = "“\"«"
_QUOTES_CLOSE = "”\"»"
_NAME = re.compile(r"[A-Z][\w’'.&-]*(?:\s+(?:(?:of|for|de|al|bin|van|von|and)\s+)?[A-Z][\w’'.&-]*)*")


def _strip_titles(np: str, lex: _Lex) -> tuple[str, str | None]:
    """'Acting US Ambassador Natalie Baker' -> ('Natalie Baker', 'Acting US Ambassador')."""
    rest, role = np.strip(), []
    changed = True
    while changed:
        changed = False
        low = rest.lower()
        for title in lex.titles:
            if low.startswith(title + " ") and len(rest) > len(title) + 1:
                role.append(rest[:len(title)])
                rest = rest[len(title) + 1:].lstrip()
                changed = True
                break
    return rest, (" ".join(role) or None)


def _clean_np(np: str) -> str:
    np = np.strip(" ,;:–—-“”\"'‘’")
    np = re.sub(r"^(?:and|but|yet|so|meanwhile|however|also)\s+", "", np, flags=re.I)
    np = re.sub(r"\s+(?:has|have|had|also|has also|later|further|previously|then|again|recently|"
                r"separately|earlier|on \w+day|last week|this week|yesterday|today)$", "", np, flags=re.I)
    np = re.sub(r"\s+(?:has|have|had)\s+(?:also\s+)?$", "", np)
    np = re.sub(r"(?<=[a-z]{2})\.$", "", np.strip())  # the sentence's full stop, not "U.S."
    return np.strip()


class _Resolver:
    def __init__(self, registry: Registry, lex: _Lex):
        self.reg = registry
        self.lex = lex

    def resolve(self, np: str) -> Entity | None:
        """A noun phrase that attributes speech -> the entity it names or points back to."""
        np = _clean_np(np)
        if not np or len(np.split()) > 14:
            return None
        low = np.lower()
        # "X, a spokesperson for Y" / "X, chief executive of Y"
        m = re.match(r"^(?P<x>[^,]+),\s+(?:the\s+|a\s+|an\s+)?(?P<role>[\w\s’'-]+?)\s+(?:of|for|at)\s+(?P<y>.+)$", np)
        if m and m.group("x")[:1].isupper():
            person = self._named(m.group("x"))
            org = self.resolve_org(m.group("y"))
            if person and org and person is not org and not person.is_org:
                person.org = person.org or org
                person.role = person.role or m.group("role")
            return person or org
        # "a spokesperson for the Baloch party", "a spokesman for Barrick"
        m = re.match(r"^(?:a|an|the|one)?\s*(?:[\w-]+\s+)?(?:spokesperson|spokesman|spokeswoman|spokespeople|"
                     r"representative|official|officials|source|sources|statement|lawyer|lawyers|"
                     r"member|members|leader|leaders)\s+(?:for|from|of|at|with|close to)\s+(?P<y>.+)$", low)
        if m:
            return self.resolve_org(np[m.start("y"):])
        if low in ("he", "she", "him", "her"):
            return self.reg.last_person or self.reg.last_speaker
        if low in ("they", "it", "we"):
            return self.reg.last_speaker or self.reg.last_org
        anaphor = self._anaphor(np)
        if anaphor is not None:
            return anaphor
        return self._named(np)

    def resolve_org(self, np: str) -> Entity | None:
        np = _clean_np(np)
        found = self.reg.find(np)
        if found:
            return found.org if (not found.is_org and found.org) else found
        anaphor = self._anaphor(np)
        if anaphor is not None:
            return anaphor
        names = _NAME.findall(np)
        if names:
            return self.reg.add(names[-1], is_org=True)
        return None

    def _anaphor(self, np: str) -> Entity | None:
        """'the organization', 'the non-parliamentary Baloch party', 'the minister'."""
        words = np.split()
        if not words or words[0].lower() not in ("the", "this", "that", "its", "his", "her", "their", "our"):
            return None
        head = words[-1].lower().strip(".,")
        two = " ".join(w.lower() for w in words[-2:])
        if head in self.lex.person_nouns or two in self.lex.person_nouns:
            if head in ("spokesperson", "spokesman", "spokeswoman") and self.reg.last_org:
                return self.reg.last_speaker if (self.reg.last_speaker and self.reg.last_speaker.is_org) else self.reg.last_org
            return self.reg.last_person or self.reg.last_speaker
        if head in self.lex.org_nouns:
            # a capitalised modifier picks the entity it belongs to: "the Baloch party"
            for w in words[1:-1]:
                if w[:1].isupper():
                    for entity in reversed(self.reg.entities):
                        if entity.is_org and fold(w) in fold(entity.name).split():
                            return entity
            if head in ("statement", "report", "study", "survey", "poll"):
                return self.reg.last_speaker or self.reg.last_org
            return self.reg.last_org or self.reg.last_speaker
        return None

    def _named(self, np: str) -> Entity | None:
        found = self.reg.find(np)
        if found:
            return found
        name, role = _strip_titles(np, self.lex)
        # A possessive "Trump's administration" names the administration, not Trump.
        names = _NAME.findall(name)
        if not names:
            return None
        candidate = max(names, key=len) if role is None else names[0]
        candidate = re.sub(r"[’']s$", "", candidate).strip()
        if candidate.lower() in self.lex.not_names or candidate.lower() in self.lex.titles:
            return None
        found = self.reg.find(candidate)
        if found is None:
            surname = candidate.split()[-1]
            found = self.reg.find(surname) if len(candidate.split()) == 1 or role else None
        if found is None:
            found = self.reg.add(candidate)
            if role and not found.role:
                found.role = role
        return found


# ---------------------------------------------------------------------------------------
# Finding attributions in one sentence.

def _mask_quotes(sentence: str) -> str:
    """Blank out quoted text (keeping offsets) so verbs inside quotes don't attribute."""
    out = list(sentence)
    depth_open = None
    for i, ch in enumerate(sentence):
        if ch in "“«" or (ch == '"' and depth_open is None):
            depth_open = i
        elif (ch in "”»" or ch == '"') and depth_open is not None:
            for j in range(depth_open + 1, i):
                out[j] = " "
            depth_open = None
    if depth_open is not None:
        for j in range(depth_open + 1, len(sentence)):
            out[j] = " "
    return "".join(out)


_AUX = r"(?:\s+(?:has|have|had|also|later|further|previously|then|again|has also|had also|once again|on \w+day|earlier|recently|separately|repeatedly))*"


def _verb_attribution(sentence: str, lex: _Lex, resolver: _Resolver) -> Entity | None:
    masked = _mask_quotes(sentence)
    for m in lex.verbs.finditer(masked):
        before = masked[:m.start()]
        after = masked[m.end():]
        # "..., X said" / "“...,” X said" / "X said ..." : the subject before the verb
        subject_zone = re.split(r"[“”\"«»]|,\s(?=[a-z]*\s*[“\"])|^.*?:\s(?=[A-Z])", before)[-1]
        subject_zone = re.split(r"(?<!\b[A-Z])[;]|,\s+(?=(?:and|but|while|which|who|as)\b)", subject_zone)[-1]
        np = re.sub(_AUX + r"\s*$", "", subject_zone)
        # drop an introductory clause: "Speaking in London, the minister said"
        np_parts = [p for p in re.split(r",\s+", np) if p.strip()]
        if np_parts:
            tail = np_parts[-1]
            if len(np_parts) >= 2 and re.match(r"^(?:a|an|the)\s", tail) and re.match(r"^[A-Z]", np_parts[-2]) \
                    and "spokes" in tail.lower() or (len(np_parts) >= 2 and re.search(r"\b(?:spokes\w+|chief|head|director|minister|secretary|official)\b.*\b(?:of|for|at)\b", tail)):
                np = np_parts[-2] + ", " + tail  # "X, a spokesperson for Y"
            else:
                np = tail
        if np.strip() and not re.search(r"\b(?:that|which|who|because|if|when|where|whether)\b", np) \
                and len(np.split()) <= 12 and not re.search(r"\b(?:is|are|was|were|will|would)\b", np):
            entity = resolver.resolve(np)
            if entity is not None:
                return entity
        # "..., said X" / "“...”, said the minister": the subject after the verb
        m2 = re.match(r"\s+(?P<np>(?:the\s+|a\s+|an\s+)?[A-Za-z][\w’'.&-]*(?:\s+[\w’'.&-]+){0,8}?)\s*(?:[.,;]|$|\s+(?:in|on|at|during|after|before|on)\s)", after)
        if m2 and re.search(r"[”\",]\s*$", before.rstrip()[-3:] if before.strip() else ","):
            entity = resolver.resolve(m2.group("np"))
            if entity is not None:
                return entity
    return None


def _according_attribution(sentence: str, lex: _Lex, resolver: _Resolver) -> Entity | None:
    masked = _mask_quotes(sentence)
    m = lex.according.search(masked)
    if not m:
        return None
    rest = sentence[m.end():]
    np = re.split(r"[,;.”\"]|\s+(?:which|who|that|in a|on \w+day)\b", rest, maxsplit=1)[0]
    return resolver.resolve(np) if np.strip() else None


def _quote_state(sentence: str, open_before: bool) -> tuple[bool, bool]:
    """(starts inside or with a quote, quote still open at the end)."""
    opens = sum(sentence.count(c) for c in "“«")
    closes = sum(sentence.count(c) for c in "”»")
    straight = sentence.count('"')
    starts_quoted = open_before or sentence.lstrip()[:1] in "“\"«"
    if opens or closes:
        depth = (1 if open_before else 0) + opens - closes
        open_after = depth > 0
    else:
        open_after = open_before ^ (straight % 2 == 1)
    return starts_quoted, open_after


def _is_heading(sentence: str, seg: Segment) -> bool:
    """A line of its own with no full stop: a title, a subhead or a stand-alone question."""
    if not seg.alone:
        return False
    text = sentence.strip()
    if _POST_LINE.match(text) or text[:1] in "—–-":
        return False
    words = text.split()
    if text.endswith("?") and len(words) <= 20:
        return True
    return not re.search(r"[.!:;,”\"’)]$", text) and len(words) <= 16 or (
        text[:1] in "‘'" and text.endswith(("’", "'")) and len(words) <= 16)


# ---------------------------------------------------------------------------------------

def attribute(text: str, segments: list[Segment], vocab: Vocab) -> list[Attribution]:
    """One Attribution per segment, in order."""
    lex = _lex(vocab)
    registry = Registry(lex)
    resolver = _Resolver(registry, lex)
    sentences = [text[s.start:s.end] for s in segments]

    # Names the document introduces anywhere: "Baloch National Movement (BNM)".
    for m in _ACRONYM_INTRO.finditer(text):
        name = re.sub(r"^(?:The|the)\s+", "", m.group("name"))
        name, _ = _strip_titles(name, lex)
        registry.add(name, is_org=True, alias=m.group("acr"))

    # Embedded posts: the attribution line claims itself and the paragraph above it.
    post_owner: dict[int, Entity] = {}
    for i, (seg, sentence) in enumerate(zip(segments, sentences)):
        m = _POST_LINE.match(sentence)
        if not m:
            continue
        entity = registry.add(m.group("name").strip(), is_org=None, alias="@" + m.group("handle"))
        post_owner[i] = entity
        for j in range(i - 1, -1, -1):
            if segments[j].paragraph != seg.paragraph - 1:
                break
            post_owner[j] = entity

    out: list[Attribution] = []
    quote_open = False
    quote_members: list[int] = []  # sentences of the quote under way, waiting for a speaker
    for i, (seg, sentence) in enumerate(zip(segments, sentences)):
        starts_quoted, open_after = _quote_state(sentence, quote_open)
        attribution = Attribution()
        if _is_heading(sentence, seg):
            attribution.kind = "heading"
            out.append(attribution)
            quote_open = False
            quote_members = []
            continue
        for name in _NAME.findall(sentence):
            found = registry.find(name)
            if found:
                registry.note_mention(found)
        entity = post_owner.get(i)
        if entity is None:
            entity = _according_attribution(sentence, lex, resolver)
        if entity is None:
            entity = _verb_attribution(sentence, lex, resolver)
        in_quote = starts_quoted or quote_open
        if entity is None and in_quote:
            entity = registry.last_speaker  # a stand-alone quote continues the last speaker
            quote_members.append(i)
        elif entity is not None and quote_members:
            for j in quote_members:  # the quote's attribution came at its end
                out[j].entity = entity
            quote_members = []
        if in_quote or (sentence.lstrip()[:1] in _QUOTES_OPEN):
            attribution.kind = "quote"
        elif sentence.rstrip().endswith("?"):
            attribution.kind = "question"
        attribution.entity = entity
        if entity is not None:
            registry.last_speaker = entity
            registry.note_mention(entity)
        out.append(attribution)
        quote_open = open_after
        if not open_after:
            quote_members = []

    # A titled person named inside an organisation's own words belongs to it
    # ("Watch Chargé d’Affaires Natalie Baker’s message" in the embassy's post).
    for attribution, sentence in zip(out, sentences):
        org = attribution.entity
        if org is None or not org.is_org:
            continue
        for person in registry.entities:
            if not person.is_org and person.org is None and person.role and person.name in sentence:
                person.org = org
    return out
