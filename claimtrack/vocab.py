"""Load the vocabularies (units, currencies, magnitudes, reporting verbs, measures).

Defaults ship in `claimtrack/data/*.toml`. A file of the same name in the user's data
folder (`$CLAIMTRACK_DATA`, else `./data`) extends them: its tables are merged into the
defaults, lists are appended to and keys are added or replaced. The loaded `Vocab` is
passed explicitly to every extraction stage, so stages stay pure and picklable.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PACKAGE_DATA = Path(__file__).parent / "data"
FILES = ("abbreviations", "currencies", "measures", "names", "numbers", "qualifiers", "quantities", "speech",
         "units")


_NOT_LOWER_WORD = re.compile(r"[^a-z]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def lowers_in_place(text: str) -> bool:
    """Whether `text.lower()` keeps its ASCII words where they were and makes no new ones. The
    Kelvin sign lower-cases to "k", and the dotted capital I to "i" and a combining dot: the
    only two letters whose lower case holds ASCII."""
    return "\u212a" not in text and "\u0130" not in text


@lru_cache(maxsize=16)  # figures and measures both ask for the words of the same sentence
def ascii_words(text: str) -> frozenset[str]:
    """The lower-cased runs of ASCII letters in `text`: every word an ASCII, case-blind
    vocabulary pattern (`\\bword\\b`) could match. A phrase none of whose words is in the
    set cannot occur, so a set lookup can spare a scan with a long alternation."""
    if lowers_in_place(text):
        # splitting on what is not a word beats collecting the words one match at a time
        words = set(_NOT_LOWER_WORD.split(text.lower()))
        words.discard("")
        return frozenset(words)
    return frozenset(w.lower() for w in _ASCII_WORD.findall(text))


class VocabError(ValueError):
    """A user's vocabulary file is unreadable or malformed."""


def user_data_dir() -> Path:
    return Path(os.environ.get("CLAIMTRACK_DATA") or "data")


def merge(base: dict, extra: dict) -> dict:
    """Merge `extra` into a copy of `base`: tables recurse, lists extend, scalars replace."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VocabError(f"{path}: cannot read vocabulary file: {exc}") from exc


@dataclass(frozen=True)
class Vocab:
    tables: dict = field(repr=False)

    def table(self, name: str) -> dict:
        return self.tables.get(name, {})

    # Frequently used derived views. They are computed on first use and cached on the
    # instance; frozen dataclasses need object.__setattr__ for that.
    def _cached(self, key: str, build):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def words(self, file: str, table: str, key: str = "words") -> frozenset[str]:
        return self._cached(
            f"{file}.{table}.{key}",
            lambda: frozenset(w.lower() for w in self.table(file).get(table, {}).get(key, [])),
        )

    def mapping(self, file: str, table: str) -> dict:
        return self.table(file).get(table, {})


def load_vocab(user_dir: Path | None = None) -> Vocab:
    user_dir = user_data_dir() if user_dir is None else user_dir
    tables = {}
    for name in FILES:
        data = _read_toml(PACKAGE_DATA / f"{name}.toml")
        override = user_dir / f"{name}.toml"
        if override.is_file():
            data = merge(data, _read_toml(override))
        tables[name] = data
    return Vocab(tables)


@lru_cache(maxsize=4)
def default_vocab(user_dir: str | None = None) -> Vocab:
    """The vocabulary for this process, read once (callers pass it to the stages)."""
    return load_vocab(Path(user_dir) if user_dir else None)
