"""The one definition of what claimtrack reads and stores.

Every stage takes and returns these models; the same models serialise to the
`extract --format jsonl` contract and to rows in `store.py`.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Approx(str, Enum):
    exact = "exact"
    around = "around"
    up_to = "up_to"
    more_than = "more_than"
    less_than = "less_than"
    by = "by"  # a deadline: "production by 2028"
    vague_at_least = "vague_at_least"  # "thousands of ..."


class Kind(str, Enum):
    statement = "statement"
    quote = "quote"
    heading = "heading"
    question = "question"


class Document(BaseModel):
    """A decoded document. `text` is what every character offset points into."""

    path: str
    name: str
    text: str
    sha256: str
    media_type: str = "text/plain"
    encoding: str = "utf-8"


class Figure(BaseModel):
    """One number a sentence states, with what it counts and how exact it is.

    `start`/`end` are offsets into the document text, so `text[start:end] == surface`.
    A range is one figure: `value` is its low end, `low` and `high` both ends.
    """

    model_config = ConfigDict(use_enum_values=True)

    surface: str
    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_text: str | None = None  # the unit as written ("euros", "jobs", "%")
    # Physical quantities also carry their value in the canonical base unit of their
    # dimension ("621 miles" -> 999,400 m), so figures written in different units compare.
    base_value: float | None = None
    base_unit: str | None = None
    kind: str = "count"  # money | percent | count | year | multiplier | duration | number
    measure: str | None = None
    approx: Approx = Approx.exact
    role: str | None = None  # change | new | old, in "rose 8% to $11.1bn from $10.9bn"
    where: str | None = None
    holder: str | None = None
    period: str | None = None
    status: str | None = None  # proposed | projected
    subject: str | None = None


class DateMention(BaseModel):
    surface: str
    start: int
    end: int
    value: str  # ISO 8601, as precise as the text: "2025-12-10", "2025-12", "2004"


class Claim(BaseModel):
    """One sentence of one document, with who says it and the figures it states."""

    model_config = ConfigDict(use_enum_values=True)

    doc: str
    index: int
    start: int
    end: int
    text: str
    kind: Kind = Kind.statement
    speaker: str | None = None
    speaker_org: str | None = None
    speaker_aliases: list[str] = Field(default_factory=list)
    speaker_org_aliases: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
