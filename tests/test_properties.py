"""Properties of figure extraction that must hold for any input (hypothesis).

* find_figures / extract_text never raise, whatever the text: unicode, control characters,
  quote marks, right-to-left text, digits, currency symbols, number words;
* every figure's and every date's span points at its surface in the document text, also
  when the sentence is a slice of a longer document, and lies inside its sentence;
* a sentence reads the same wherever it sits in a document;
* generated amounts embedded in a short news sentence read back with their value and unit.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrack.extract import extract_text
from claimtrack.figures import Context, document_context, find_figures
from claimtrack.vocab import load_vocab

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------------------
# Text strategies.

_QUOTES = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "`", "´"]
_CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x85",
            "\u2028", "\u2029", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
            "\u202d", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad"]
_SPACES = [" ", "  ", "\u00a0", "\u202f", "\u2009", "\u3000"]
_RTL = ["مليون", "دولار", "٣٥٠", "٪", "שקל", "מיליון", "۱۲۳", "ریال", "\u0661\u0662"]
_CURRENCY = ["$", "£", "€", "¥", "₹", "₨", "₩", "₦", "₽", "₺", "฿", "R", "R$", "A$", "C$", "HK$",
             "US$", "Rs", "Rs.", "Tk", "KSh", "PKR", "CHF", "SFr", "USD", "¢", "円", "元"]
_NUMBERS = ["0", "1", "7", "12", "2025", "1999", "3.5", "0.25", "1,000", "1,234,567", "816 000",
            "816\u00a0000", "-3", "−4.5", "–2", ".5", "5.", "1,00", "1.2.3", "9" * 40, "1e9",
            "٣", "²", "½", "Ⅻ", "１２"]
_WORDS = ["bn", "m", "mn", "k", "tn", "cr", "million", "billion", "trillion", "thousand",
          "crore", "lakh", "lakh crore", "per cent", "percent", "%", "pc", "points",
          "percentage points", "between", "and", "to", "from", "-", "–", "—", "each", "by",
          "about", "more than", "up to", "at least", "nearly", "thousands of", "tens of",
          "millions of", "dozens", "half", "a third", "two-thirds", "one in four", "twice",
          "double", "times", "jobs", "people", "workers", "year-old", "-year-old", "day",
          "years", "aged", "magnitude", "December", "Dec.", "10am", "2.15pm", "4:17", "a.m.",
          "@handle", "#Budget2025", "http://x.com/1", "pic.twitter.com/x", "G8", "Covid-19",
          "No. 10", "Section", "Mr.", "U.S.", "The", "rose", "fell", "jumped", "Pakistan",
          "rupees", "rand", "yen", "euros", "pounds", "won", "dollars", "Australian dollar",
          "one", "twenty-five", "a hundred", "of", "the", "a", "an", "said", "“", "”", "(", ")",
          ".", ",", ";", ":", "…", "!", "?", "/", "+", "±", "~", "&", "*", "\\", "|"]

# The package defaults only, as in conftest's fixture. A module-level vocabulary (not the
# fixture) keeps hypothesis' falsifying-example reports to the generated text.
VOCAB = load_vocab(user_dir=Path("/nonexistent-claimtrack-data"))


def _vocabulary_words() -> list[str]:
    """Every phrase the shipped vocabularies match on: the words the extractor looks up."""
    words: set[str] = set()

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                words.add(key)
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)
        elif isinstance(node, str):
            words.add(node)

    for name in ("numbers", "currencies", "units", "measures", "qualifiers"):
        collect(VOCAB.table(name))
    return sorted(w for w in words if w.strip())


_VOCAB_WORDS = _vocabulary_words()
# Letters that a case-insensitive Unicode regex takes for ASCII ones: long s, dotless i,
# Kelvin sign, and the dotted capital I (OCR, scraped and adversarial text have them).
_LOOKALIKES = str.maketrans({"s": "ſ", "i": "ı", "k": "\u212a", "I": "\u0130"})
_SPELLINGS = {"as is": str, "upper": str.upper, "title": str.title,
              "lookalike letters": lambda w: w.translate(_LOOKALIKES)}
_VOCAB_TOKEN = st.builds(lambda word, how: _SPELLINGS[how](word),
                         st.sampled_from(_VOCAB_WORDS), st.sampled_from(sorted(_SPELLINGS)))

_TOKEN = st.one_of(
    st.sampled_from(_QUOTES + _CONTROL + _SPACES + _RTL + _CURRENCY + _NUMBERS + _WORDS),
    _VOCAB_TOKEN,
    st.text(max_size=4),
    st.integers(min_value=-10**12, max_value=10**15).map(str),
)
# News-flavoured text: tokens glued or spaced, so currency, digits, magnitudes and units meet.
NEWSY = st.lists(st.tuples(_TOKEN, st.sampled_from(["", " ", " ", "\n", "\u00a0"])), max_size=40).map(
    lambda parts: "".join(tok + sep for tok, sep in parts))
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


def _check_spans(text: str, start: int, end: int, figures, dates) -> None:
    for f in figures:
        assert text[f.start:f.end] == f.surface, f
        assert start <= f.start <= f.end <= end, (start, end, f)
    for d in dates:
        assert text[d.start:d.end] == d.surface, d
        assert start <= d.start <= d.end <= end, (start, end, d)


# ---------------------------------------------------------------------------------------
# Never raise; spans point at their surface.

# Inputs that once raised, always tried first: a case-insensitive vocabulary regex matched a
# lookalike letter (ſ = s, ı = i), then the lower-cased match was looked up in a dict keyed
# by ASCII spelling (KeyError), until vocabulary matching was made Unicode-safe.
_RAISED_IN_FIND_FIGURES = [
    "Thouſands of people marched.",  # vague plural
    "Sales rose by a fıfth.",  # fraction
    "Sales trıpled.",  # multiplier
    "Millions of dollarſ were spent.",  # vague money
]
_RAISED_IN_QUALIFY = "ſales rose 5%."  # measure keyword (measures.qualify, via extract_text)


@FAST
@given(text=ANY_TEXT)
@example(text=_RAISED_IN_FIND_FIGURES[0])
@example(text=_RAISED_IN_FIND_FIGURES[1])
@example(text=_RAISED_IN_FIND_FIGURES[2])
@example(text=_RAISED_IN_FIND_FIGURES[3])
def test_find_figures_never_raises_and_spans_hold(text):
    figures, dates = find_figures(text, 0, len(text), VOCAB, document_context(text, VOCAB))
    _check_spans(text, 0, len(text), figures, dates)


@FAST
@given(text=ANY_TEXT)
@example(text=_RAISED_IN_QUALIFY)
def test_extract_text_never_raises_and_spans_hold(text):
    for claim in extract_text(text, "doc.txt", VOCAB):
        assert text[claim.start:claim.end] == claim.text
        _check_spans(text, claim.start, claim.end, claim.figures, claim.dates)


@FAST
@given(before=ANY_TEXT, sentence=ANY_TEXT, after=ANY_TEXT)
def test_spans_hold_in_a_slice_of_a_longer_document(before, sentence, after):
    text = before + sentence + after
    start, end = len(before), len(before) + len(sentence)
    figures, dates = find_figures(text, start, end, VOCAB, document_context(text, VOCAB))
    _check_spans(text, start, end, figures, dates)


@FAST
@given(before=ANY_TEXT, sentence=NEWSY, after=ANY_TEXT, dollar=st.sampled_from(["USD", "AUD", "CAD"]))
def test_a_sentence_reads_the_same_anywhere_in_a_document(before, sentence, after, dollar):
    """find_figures reads `text[start:end]` only: shifting it shifts every span, nothing else."""
    ctx = Context(dollar=dollar)
    alone_figs, alone_dates = find_figures(sentence, 0, len(sentence), VOCAB, ctx)
    text = before + sentence + after
    shift = len(before)
    figs, dates = find_figures(text, shift, shift + len(sentence), VOCAB, ctx)
    moved = [f.model_copy(update={"start": f.start + shift, "end": f.end + shift}) for f in alone_figs]
    moved_dates = [d.model_copy(update={"start": d.start + shift, "end": d.end + shift}) for d in alone_dates]
    assert figs == moved
    assert dates == moved_dates


# ---------------------------------------------------------------------------------------
# Values round-trip.

_MONEY_SENTENCES = [
    "The company said it would invest {amount} in the plant.",
    "Ministers agreed to spend {amount} on new roads, officials said.",
    "The group reported a loss of {amount} for the year.",
]
_PERCENT_SENTENCES = [
    "The company said sales rose {amount} last year.",
    "Unemployment stood at {amount} in the region, officials said.",
]
_COUNT_SENTENCES = [
    "The company said it would create {amount} at the plant.",
    "Officials said {amount} would be added over the coming year.",
]


def read_one(template: str, amount: str):
    sentence = template.format(amount=amount)
    figures, _ = find_figures(sentence, 0, len(sentence), VOCAB, document_context(sentence, VOCAB))
    return sentence, [(f.value, f.unit, f.surface) for f in figures]


def assert_reads(template: str, amount: str, value: float, unit: str) -> None:
    sentence, got = read_one(template, amount)
    assert len(got) == 1, (sentence, got)
    got_value, got_unit, surface = got[0]
    assert got_unit == unit, (sentence, got)
    assert math.isclose(got_value, value, rel_tol=1e-9), (sentence, got, value)
    assert amount in surface, (sentence, got)


_DECIMALS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2,
                        allow_nan=False, allow_infinity=False)


@FEW
@given(n=st.integers(min_value=1, max_value=9_999_999), template=st.sampled_from(_MONEY_SENTENCES))
def test_dollar_millions_round_trip(n, template):
    assert_reads(template, f"${n:,} million", n * 1e6, "USD")


@FEW
@given(n=st.one_of(st.integers(min_value=1, max_value=9_999), _DECIMALS.map(lambda d: d.normalize())),
       template=st.sampled_from(_MONEY_SENTENCES))
def test_pound_billions_round_trip(n, template):
    amount = f"£{n:f}bn" if isinstance(n, Decimal) else f"£{n}bn"
    assert_reads(template, amount, float(Decimal(str(n)) * 10**9), "GBP")


@FEW
@given(x=_DECIMALS, template=st.sampled_from(_MONEY_SENTENCES))
def test_euro_decimal_millions_round_trip(x, template):
    assert_reads(template, f"€{x:.2f}m", float(x * 10**6), "EUR")


@FEW
@given(n=st.one_of(st.integers(min_value=0, max_value=100),
                   st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)),
       template=st.sampled_from(_PERCENT_SENTENCES))
def test_percent_round_trip(n, template):
    assert_reads(template, f"{n}%", float(n), "percent")


@FEW
@given(n=st.integers(min_value=2, max_value=9_999_999), template=st.sampled_from(_COUNT_SENTENCES))
def test_job_counts_round_trip(n, template):
    assert_reads(template, f"{n:,} jobs", float(n), "jobs")


def test_examples_of_each_round_trip():
    """One fixed example per generator, so a failure reads plainly without hypothesis."""
    t = _MONEY_SENTENCES[0]
    assert_reads(t, "$1,250 million", 1.25e9, "USD")
    assert_reads(t, "£1.13bn", 1.13e9, "GBP")
    assert_reads(t, "€10.60m", 10.6e6, "EUR")
    assert_reads(_PERCENT_SENTENCES[0], "4.2%", 4.2, "percent")
    assert_reads(_COUNT_SENTENCES[0], "6,000 jobs", 6000, "jobs")
