"""The seeds read exactly as ../shared/acceptance/ says, scored by the shared scorer."""

import json
import subprocess
import sys

import pytest

from claimtrack.extract import extract_text
from claimtrack.speakers import fold

from .conftest import SCORER, SEEDS, load_gold


@pytest.fixture(scope="module")
def predictions(vocab):
    claims = []
    for path in sorted(SEEDS.glob("*.txt")):
        claims += extract_text(path.read_text(encoding="utf-8"), path.name, vocab)
    return claims


def test_shared_scorer_gives_full_marks(seeded, tmp_path):
    result = seeded("extract", str(SEEDS), "--format", "jsonl", db=False)
    assert result.exit_code == 0, result.output
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), str(SCORER.parent.parent / "acceptance" / "seeds-gold.jsonl"),
                          str(pred), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(out.stdout)
    assert scores["sentences_found"] == scores["sentences"] == 33
    assert scores["value_f1"] == 1.0
    assert scores["unit_f1"] == 1.0
    assert scores["measure_acc"] >= 0.9
    assert scores["speaker_acc"] >= 0.9


def _find(predictions, gold):
    want = gold["starts"].replace("’", "'")[:40]
    for claim in predictions:
        if claim.doc.endswith(gold["doc"]) and claim.text.replace("’", "'").startswith(want):
            return claim
    raise AssertionError(f"sentence not found: {gold['starts']!r}")


@pytest.mark.parametrize("gold", load_gold(), ids=lambda g: g["starts"][:30])
def test_each_gold_sentence(predictions, gold):
    claim = _find(predictions, gold)
    got = sorted((round(f.value, 6), f.unit) for f in claim.figures)
    want = sorted((round(float(f["value"]), 6), f["unit"]) for f in gold["figures"])
    assert got == want
    for g in gold["figures"]:
        match = [f for f in claim.figures if abs(f.value - g["value"]) < 1e-6]
        assert any(f.measure == g["measure"] for f in match), (g, [f.measure for f in match])
        assert any(f.approx == g["approx"] for f in match), (g, [f.approx for f in match])
        for qualifier, field in (("where", "where"), ("holder", "holder"), ("period", "period"), ("status", "status")):
            if qualifier in g:
                assert any(fold(getattr(f, field) or "") == fold(g[qualifier]) for f in match), (qualifier, g)
    said = fold(f"{claim.speaker or ''} | {claim.speaker_org or ''}")
    accepted = [name for name in gold["speaker"]]
    assert any((name == "narrator" and claim.speaker is None) or (name != "narrator" and fold(name) in said)
               for name in accepted), (claim.speaker, claim.speaker_org, accepted)
    if gold.get("kind") == "heading":
        assert claim.kind == "heading"
    else:
        assert claim.kind != "heading"
    if "dates" in gold:
        assert [d.value for d in claim.dates] == gold["dates"]


def test_offsets_point_into_the_decoded_text(predictions):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for claim in predictions:
        text = texts[claim.doc]
        assert text[claim.start:claim.end] == claim.text
        for f in claim.figures:
            assert text[f.start:f.end] == f.surface
        for d in claim.dates:
            assert text[d.start:d.end] == d.surface
