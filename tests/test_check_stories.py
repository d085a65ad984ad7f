"""Stories in one database: figures of unrelated stories are never compared, however much
wording and how many common names (an outlet, a broker) they share; two outlets covering
one story are compared, and disagree when their figures do."""

import json

from .conftest import Cli

# Names found in every document of an archive: outlets, brokers, lenders. They link nothing.
COMMON = "Reuters reported that analysts at Peel Hunt and the World Bank were watching closely."


def _story(company: str, chief: str, project: str, output: str, outlet: str) -> str:
    return (
        f"{company} expands {project}\n"
        f"{company} said on Monday it would expand the {project}, {chief}, its chief executive, said. "
        f"The plant produced {output} megawatts last year, Jonas Schmidt, an analyst at Peel Hunt, estimated. "
        f"{chief} told {outlet} that {company} would keep investing in the {project}. {COMMON}\n"
        f"“We are proud of the {project},” {chief} of {company} said.\n"
    )


def _filler(i: int) -> str:
    # Other stories of the archive: they make the common names common.
    return (f"Story {i} headline\nTown{i} Council approved a new library for Town{i}, Town{i} Council said. "
            f"{COMMON} Residents of Town{i} welcomed the plan.\n")


def _archive(tmp_path, docs: dict[str, str]) -> Cli:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    for i in range(24):
        (folder / f"other_{i:02d}.txt").write_text(_filler(i), encoding="utf-8")
    cli = Cli(tmp_path / "claims.db")
    result = cli("ingest", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    return cli


def _production(cli) -> list[dict]:
    result = cli("check", "figures", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [g for g in json.loads(result.stdout)["groups"] if any("megawatts" in s["text"] for s in g["statements"])]


def test_unrelated_stories_sharing_only_common_names_and_wording_do_not_conflict(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    cli = _archive(tmp_path, {
        "kelso_a.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "536,000", "Bloomberg"),
        "kelso_b.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "536,000", "Dawn"),
        "yarrow_a.txt": _story("Yarrow Energy", "Hugo Abubakar", "Brindle plant", "25,000", "Nation"),
        "yarrow_b.txt": _story("Yarrow Energy", "Hugo Abubakar", "Brindle plant", "25,000", "Le Monde"),
    })
    groups = _production(cli)
    assert groups and not [g for g in groups if g["verdict"] == "conflict"]
    for g in groups:  # each story's figure is corroborated by its own two outlets, not mixed
        assert len({s["doc"].split("/")[-1].split("_")[0] for s in g["statements"]}) == 1


def test_two_outlets_of_one_story_with_different_figures_conflict(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    cli = _archive(tmp_path, {
        "kelso_a.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "536,000", "Bloomberg"),
        "kelso_b.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "563,000", "Dawn"),
        "yarrow_a.txt": _story("Yarrow Energy", "Hugo Abubakar", "Brindle plant", "25,000", "Nation"),
    })
    conflicts = [g for g in _production(cli) if g["verdict"] == "conflict"]
    assert len(conflicts) == 1
    assert {s["surface"].split()[0] for s in conflicts[0]["statements"]} == {"536,000", "563,000"}
    assert all("kelso" in s["doc"] for s in conflicts[0]["statements"])


def test_one_speaker_reported_with_two_figures_is_a_conflict(tmp_path, monkeypatch):
    # The same analyst, quoted by two outlets with different numbers: one misreports him.
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    cli = _archive(tmp_path, {
        "kelso_a.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "536,000", "Bloomberg"),
        "kelso_b.txt": _story("Kelso Power", "Mei Chaudhry", "Ashby plant", "356,000", "Dawn"),
    })
    conflicts = [g for g in _production(cli) if g["verdict"] == "conflict"]
    assert len(conflicts) == 1 and conflicts[0]["sources"] == 2
