"""Document -> claims: the extraction pipeline, pure (no database, no globals).

segment -> attribute speakers -> figures and dates per sentence -> measures and qualifiers.
Everything it needs comes in as arguments, so it runs the same in a test, in the CLI and in
a worker process.
"""

from __future__ import annotations


from collections import Counter

from .figures import carry_from_previous, document_context, find_figures
from .measures import qualify
from .models import Claim, Document
from .segment import segment
from .speakers import attribute, proper_names
from .vocab import Vocab


def extract_text(text: str, doc: str, vocab: Vocab) -> list[Claim]:
    segments = segment(text, vocab)
    attributions = attribute(text, segments, vocab)
    ctx = document_context(text, vocab)
    claims = []
    previous: list = []
    for index, (seg, attribution) in enumerate(zip(segments, attributions)):
        figures, dates = find_figures(text, seg.start, seg.end, vocab, ctx)
        if figures:
            figures = carry_from_previous(text, seg.start, qualify(text, seg.start, seg.end, figures, dates, vocab),
                                          previous)
        previous = figures
        claims.append(Claim(
            doc=doc, index=index, start=seg.start, end=seg.end, text=text[seg.start:seg.end],
            kind=attribution.kind, speaker=attribution.speaker,
            speaker_org=attribution.speaker_org, speaker_aliases=attribution.aliases,
            speaker_org_aliases=attribution.org_aliases,
            figures=figures, dates=dates,
        ))
    return claims


def extract_document(document: Document, vocab: Vocab) -> list[Claim]:
    return extract_text(document.text, document.name, vocab)


def extract_file(path: str, vocab: Vocab | None = None) -> list[dict]:
    """One file -> its claims as `extract --format jsonl` records: the unit of work to map
    over a folder or object store with an existing engine (see README, 'Beyond one machine').
    A file that cannot be read yields no records."""
    from .export import claim_contract
    from .read import ReadError, read_document
    from .vocab import default_vocab

    try:
        document = read_document(path)
    except ReadError:
        return []
    return [claim_contract(c) for c in extract_document(document, vocab or default_vocab())]


def document_topics(text: str, limit: int = 8) -> list[str]:
    """The names a document keeps returning to: its story, for linking coverage of one story.

    Counted as proper-noun phrases (sentence-opening filler words dropped); a name must
    occur at least twice. `check figures` compares figures only within documents that
    share such a name, so one database can hold many unrelated stories.
    """
    counts: Counter[str] = Counter(name for name in proper_names(text) if len(name) >= 3)
    repeated = [name for name, n in counts.most_common(limit) if n >= 2]
    if len(repeated) >= 3:
        return repeated
    # A short piece (a wire brief) repeats little: the names it mentions are its story.
    return repeated + [name for name, n in counts.most_common(limit) if n < 2][:limit - len(repeated)]
