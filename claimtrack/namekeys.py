"""Names as lookup keys: two spellings of one name fold to the same key.

Kept apart from `speakers.py` so that a read command matching `--source` loads only this,
not the speaker rules and their compiled patterns.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"'s\b")
_MARKS = re.compile(r"[.'\"“”]")
_SEPARATORS = re.compile(r"[\s,-]+")
_FILLERS = frozenset({"the", "in", "of", "for", "at"})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Compare names without case, accents, dots, quote marks or filler words."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("’", "'").replace("‘", "'").lower()
    name = _POSSESSIVE.sub("", name)
    name = _MARKS.sub("", name)
    return " ".join(w for w in _SEPARATORS.split(name) if w and w not in _FILLERS)
