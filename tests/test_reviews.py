"""The fact-checker's loop: review, re-ingest, keep every review, publish ClaimReview."""

import json
import shutil

from pyld import jsonld

from .conftest import SEEDS, Cli

EQUIPMENT = "Acting US Ambassador Natalie Baker announced the approval"


def _local_schema_loader(url, options=None):
    # No network: schema.org's context is replaced by its essence, a vocabulary mapping.
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}}}


def _setup(tmp_path, db_path):
    folder = tmp_path / "coverage"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    cli = Cli(db_path)
    assert cli("ingest", str(folder)).exit_code == 0
    return folder, cli


def test_the_whole_loop(tmp_path, db_path):
    folder, cli = _setup(tmp_path, db_path)
    report = json.loads(cli("check", "figures", "--format", "json").stdout)
    financing = next(g for g in report["groups"] if g["measure"] == "financing")
    equipment = next(c for c in cli.json("list", "--measure", "equipment_imports"))

    assert cli("review", financing["key"], "--rating", "true", "--note", "Three sources agree",
               "--by", "A. Checker").exit_code == 0
    assert cli("review", str(equipment["id"]), "--rating", "mostly-true", "--note", "EXIM says up to $2bn",
               "--evidence", "https://example.org/exim", "--by", "A. Checker").exit_code == 0
    assert cli("review", str(equipment["id"]), "--rating", "true", "--note", "Confirmed by EXIM",
               "--by", "B. Editor").exit_code == 0

    history = cli.json("reviews")
    assert [r["rating"] for r in history] == ["true", "mostly-true", "true"]  # history, not overwrites
    assert cli.json("reviews", "--latest", "--rating", "true")
    listed = cli.json("list", "--reviewed")
    assert [r["id"] for r in listed] == [equipment["id"]] and listed[0]["review"] == "true"
    assert len(cli.json("list", "--unreviewed")) == 32
    reviewed_groups = json.loads(cli("check", "figures", "--reviewed", "--format", "json").stdout)["groups"]
    assert [(g["key"], g["review"]) for g in reviewed_groups] == [(financing["key"], "true")]

    # Another copy of one seed arrives with the equipment sentence rewritten.
    seed = folder / "001_f592f48e9e1e5f37.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("up to $2 billion", "up to $2.5 billion"),
                    encoding="utf-8")
    assert "1 replaced" in cli("ingest", str(folder)).stdout

    after = cli.json("reviews")
    assert len(after) == 3  # no review lost
    assert {r["status"] for r in after if r["target"] == "claim"} == {"orphaned"}
    assert all(EQUIPMENT in r["text"] for r in after if r["target"] == "claim")  # the reviewed text is kept
    orphaned = cli("reviews", "--status", "orphaned")
    assert "orphaned" in orphaned.output and "2 orphaned" in orphaned.output
    report = json.loads(cli("check", "figures", "--format", "json").stdout)
    assert next(g for g in report["groups"] if g["measure"] == "financing")["review"] == "true"

    # An unchanged sentence keeps its review across a re-ingest.
    other = cli.json("list", "--measure", "development_cost")[0]
    cli("review", str(other["id"]), "--rating", "mixed", "--note", "Estimates vary")
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    cli("ingest", str(folder))
    kept = [r for r in cli.json("reviews", "--latest") if r["rating"] == "mixed"]
    assert kept and kept[0]["status"] == "active"
    assert cli.json("show", str(kept[0]["claim_id"]))["text"] == other["text"]


def test_claimreview_export(tmp_path, db_path):
    folder, cli = _setup(tmp_path, db_path)
    claim = cli.json("list", "--measure", "equipment_imports")[0]
    cli("review", str(claim["id"]), "--rating", "mostly-true", "--note", "EXIM says up to $2bn",
        "--evidence", "https://example.org/exim", "--by", "A. Checker")
    unverifiable = cli.json("list", "--search", "Manara")[0]
    cli("review", str(unverifiable["id"]), "--rating", "unverifiable", "--note", "No filing found")
    out = tmp_path / "reviews.jsonld"
    result = cli("export", "--format", "claimreview", "--org", "Example Checks",
                 "--url", "https://checks.example.org/reko-diq", "-o", str(out))
    assert result.exit_code == 0, result.output
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert len(reviews) == 2
    first = reviews[0]
    assert first["@type"] == "ClaimReview" and first["@context"] == "https://schema.org"
    assert first["claimReviewed"].startswith(EQUIPMENT)
    assert first["itemReviewed"]["@type"] == "Claim"
    assert first["itemReviewed"]["author"] == {"@type": "Person", "name": "Natalie Baker",
                                               "affiliation": {"@type": "Organization", "name": "U.S. Embassy Islamabad"}}
    assert first["itemReviewed"]["appearance"]["name"].endswith("001_f592f48e9e1e5f37.txt")
    assert first["reviewRating"] == {"@type": "Rating", "alternateName": "Mostly true", "ratingValue": 4,
                                     "bestRating": 5, "worstRating": 1}
    assert first["author"] == {"@type": "Organization", "name": "Example Checks"}
    assert first["url"] == "https://checks.example.org/reko-diq"
    assert first["datePublished"][:2] == "20" and first["citation"] == "https://example.org/exim"
    assert "ratingValue" not in reviews[1]["reviewRating"]
    assert reviews[1]["itemReviewed"]["author"]["name"] == "Arab News"

    expanded = jsonld.expand(reviews, options={"documentLoader": _local_schema_loader})
    types = {t for node in expanded for t in node["@type"]}
    assert types == {"https://schema.org/ClaimReview"}
    assert all("https://schema.org/reviewRating" in node and "https://schema.org/claimReviewed" in node
               for node in expanded)


def test_deleting_asks_and_keeps_reviews(tmp_path, db_path):
    folder, cli = _setup(tmp_path, db_path)
    claim = cli.json("list", "--measure", "equipment_imports")[0]
    cli("review", str(claim["id"]), "--rating", "true", "--note", "ok")
    refused = cli.runner.invoke(__import__("claimtrack.cli").cli.app,
                                ["delete", "001_f592", "--db", str(cli.db)], input="n\n")
    assert refused.exit_code == 1 and len(cli.json("docs")) == 2
    done = cli("delete", "001_f592", "--yes")
    assert done.exit_code == 0 and "Deleted 1 document" in done.stdout
    assert len(cli.json("docs")) == 1
    assert [r["status"] for r in cli.json("reviews")] == ["orphaned"]


def test_review_errors(tmp_path, db_path):
    _, cli = _setup(tmp_path, db_path)
    assert cli("review", "99999", "--rating", "true", "--note", "x").exit_code == 2
    assert cli("review", "g-nothere", "--rating", "true", "--note", "x").exit_code == 2
    assert cli("review", "1", "--rating", "sort-of", "--note", "x").exit_code == 2
