"""Text -> sentence spans.

Paragraphs are lines; a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
brackets) followed by white space and something that can open a sentence. Spans point into
the text exactly as given, so `text[s.start:s.end]` is the sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .vocab import Vocab

_PARAGRAPH = re.compile(r"[^\r\n]+")
# A candidate boundary: terminal punctuation, closing marks, white space, then an opener.
_BOUNDARY = re.compile(
    r"""([.!?…]+)["”’'»)\]]*(?P<space>\s+)(?=["“‘'«(\[]?[A-Z0-9À-ÖØ-Þ—–-])"""
)
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,(?:\s+(?:[A-Z][A-Za-z]*\.)+){1,3}")  # "MILLBROOK, Ill.", "ARLINGTON, Va."
_DATELINE_DASH = re.compile(r"(?:\([A-Za-z ]+\)\s*)?[—–-]{1,2}\s")
_WORD_BEFORE = re.compile(r"([\w.’'&-]+)\.$")
# After an abbreviation a full stop can still end the sentence when a typical opener follows
# ("talks with the U.S. The deal ..."); after the never-final ones (Mr., Dr.) it never does.
_OPENERS = frozenset({"The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That",
                      "These", "Those", "But", "And", "In", "On", "At", "As", "If", "His",
                      "Her", "Its", "Their", "Our", "There", "What", "When", "While", "After",
                      "Before", "However", "Meanwhile", "Some", "Many", "Most"})


class Segment(NamedTuple):
    start: int
    end: int
    paragraph: int
    alone: bool  # the sentence is its paragraph's only sentence


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines, trimmed of surrounding white space."""
    spans = []
    for m in _PARAGRAPH.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if start < end:
            spans.append((start, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, dot: int, next_word: str, abbreviations: frozenset[str],
                     never_final: frozenset[str]) -> bool:
    """Does the full stop at `dot` belong to an abbreviation rather than end a sentence?"""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if not m:
        return False
    word = m.group(1).lower().lstrip("(\"“‘'")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. K. Rowling", "George W. Bush"
    if word in never_final:
        return True
    if word in abbreviations or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return next_word not in _OPENERS
    return False


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str],
                    never_final: frozenset[str]) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start(1)] == "." and len(m.group(1)) == 1:
            next_word = re.match(r"\W*(\w+)", text[m.end():m.end() + 30])
            if _is_abbreviation(text, m.start(1), next_word.group(1) if next_word else "", abbreviations,
                                never_final):
                continue
        if text[m.start(1)] == "…" and not text[m.end()].isupper():
            continue
        if _DATELINE_DASH.match(text, m.end()) and _DATELINE.fullmatch(text, cursor, m.start(1) + 1):
            continue  # "MILLBROOK, Ill. — About 2,300 homes ...": a dateline, not a sentence
        sent_end = m.start("space")
        s, e = _trim(text, cursor, sent_end)
        if s < e:
            spans.append((s, e))
        cursor = m.end()
    s, e = _trim(text, cursor, end)
    if s < e:
        spans.append((s, e))
    return spans


MAX_SENTENCE = 2000  # characters; longer runs (tables, pasted logs) are cut at white space


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut over-long "sentences" so that no stage ever scans an unbounded run of text."""
    out = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            a, b = _trim(text, s, cut)
            if a < b:
                out.append((a, b))
            s = cut
        a, b = _trim(text, s, e)
        if a < b:
            out.append((a, b))
    return out


def segment(text: str, vocab: Vocab) -> list[Segment]:
    abbreviations = vocab.words("abbreviations", "abbreviations")
    never_final = vocab.words("abbreviations", "abbreviations", "never_final")
    out: list[Segment] = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        sentences = _bounded(text, split_sentences(text, ps, pe, abbreviations, never_final))
        for s, e in sentences:
            out.append(Segment(s, e, p, len(sentences) == 1))
    return out
