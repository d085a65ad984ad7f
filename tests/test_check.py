"""Cross-checking: every planted conflict is found and no false conflict is raised."""

import json
import shutil

import pytest

from claimtrack.check import Statement, agree, check_figures
from claimtrack.store import open_db

from .conftest import SEEDS, Cli


def statement(surface, value, approx="exact", low=None, high=None):
    return Statement(figure_id=0, claim_id=0, doc="d", speaker="s", speaker_org=None, text="t", surface=surface,
                     value=value, low=low, high=high, unit="USD", approx=approx, start=0, end=1)


@pytest.mark.parametrize("a, b, same", [
    (("$1.25 billion", 1.25e9), ("$1.3 billion", 1.3e9), True),      # 1.25 rounds to 1.3
    (("$1.25 billion", 1.25e9), ("$1.2 billion", 1.2e9), False),     # it never rounds to 1.2
    (("$1.25 billion", 1.25e9), ("$1,250m", 1.25e9), True),
    (("$7 billion", 7e9), ("$6.9bn", 6.9e9), True),                  # 6.9 rounds to 7
    (("6,000 jobs", 6000), ("5,000 jobs", 5000), False),
    (("50%", 50), ("45%", 45), False),
])
def test_exact_figures_agree_when_one_is_the_rounding_of_the_other(a, b, same):
    assert agree(statement(*a), statement(*b)) is same


def test_approximations_widen_agreement():
    assert agree(statement("around $7bn", 7e9, "around"), statement("$6.9bn", 6.9e9))
    assert agree(statement("up to $2bn", 2e9, "up_to"), statement("$1.8bn", 1.8e9))
    assert not agree(statement("up to $2bn", 2e9, "up_to"), statement("$2.5bn", 2.5e9))
    assert agree(statement("more than 300", 300, "more_than"), statement("340", 340))
    assert agree(statement("$1-2bn", 1e9, "exact", 1e9, 2e9), statement("$1.5bn", 1.5e9))


def _variant(tmp_path, name, replace):
    """A copy of a seed document with one sentence rewritten, as another outlet would."""
    text = (SEEDS / "001_f592f48e9e1e5f37.txt").read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / name).write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path, db_path):
    folder = tmp_path / "coverage"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder, Cli(db_path)


def _groups(cli):
    result = cli("check", "figures", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result.exit_code


def _verdict(report, measure, **quals):
    for g in report["groups"]:
        if g["measure"] == measure and all((g.get(k) or "").lower() == v.lower() for k, v in quals.items()):
            return g["verdict"]
    raise AssertionError(f"no group {measure} {quals}")


def test_seeds_report_what_the_acceptance_readme_lists(seeded):
    report, code = _groups(seeded)
    assert code == 0
    assert _verdict(report, "financing") == "corroborated"
    financing = next(g for g in report["groups"] if g["measure"] == "financing")
    assert financing["sources"] >= 3
    for measure in ("equipment_imports", "development_cost", "export_revenue"):
        assert _verdict(report, measure) == "single-source"
    assert _verdict(report, "jobs", place="US") == "single-source"
    assert _verdict(report, "jobs", place="Balochistan") == "single-source"
    assert not [g for g in report["groups"] if g["verdict"] == "conflict"]
    assert any("100%" in c["message"] for c in report["consistent"])
    assert any("Manara Minerals" in w["message"] and "sell" in w["message"] for w in report["warnings"])


@pytest.mark.parametrize("replace, measure, quals", [
    ([("committed $1.25 billion", "committed $1.2 billion")], "financing", {}),
    ([("6,000 jobs in the US", "5,000 jobs in the US")], "jobs", {"place": "US"}),
])
def test_planted_conflicts_are_found(corpus, tmp_path, replace, measure, quals):
    folder, cli = corpus
    _variant(folder, "other_outlet.txt", replace + [("Trump", "Biden")])
    # the other outlet attributes the figure to its own voice, so it is another source
    cli("ingest", str(folder))
    report, code = _groups(cli)
    verdicts = [g["verdict"] for g in report["groups"] if g["measure"] == measure
                and all((g.get(k) or "").lower() == v.lower() for k, v in quals.items())]
    assert "conflict" in verdicts
    assert code == 1
    conflict = next(g for g in report["groups"] if g["verdict"] == "conflict")
    assert conflict["spread"] > 0 and len({s["origin"] for s in conflict["statements"]}) >= 2


def test_count_units_that_differ_only_in_case_are_one_group(corpus):
    # "40 MPs" in body text and "40 mps" as an all-lower-case post are the same unit
    folder, cli = corpus
    _variant(folder, "outlet_a.txt", [])
    _variant(folder, "outlet_b.txt", [("Trump", "Biden")])
    (folder / "outlet_a.txt").write_text((folder / "outlet_a.txt").read_text(encoding="utf-8")
                                         + "The project will hire 400 GPs, the company said.\n", encoding="utf-8")
    (folder / "outlet_b.txt").write_text((folder / "outlet_b.txt").read_text(encoding="utf-8")
                                         + "The project will hire 350 gps, a union said.\n", encoding="utf-8")
    cli("ingest", str(folder))
    report, _ = _groups(cli)
    hires = [g for g in report["groups"] if any(s["surface"] in ("400 GPs", "350 gps") for s in g["statements"])]
    assert len(hires) == 1 and hires[0]["verdict"] == "conflict", hires


def test_ownership_stake_conflict(corpus):
    folder, cli = corpus
    (folder / "wire.txt").write_text(
        "Barrick Gold owns 45% of Reko Diq, the Balochistan copper project, Reuters reported.\n", encoding="utf-8")
    cli("ingest", str(folder))
    report, code = _groups(cli)
    barrick = [g for g in report["groups"] if g["measure"] == "ownership_stake" and (g["holder"] or "") == "Barrick Gold"]
    assert [g["verdict"] for g in barrick] == ["conflict"]
    assert code == 1


def test_rounding_still_agrees(corpus):
    folder, cli = corpus
    _variant(folder, "rounded.txt", [("committed $1.25 billion", "committed $1.3 billion"), ("Trump", "Biden")])
    cli("ingest", str(folder))
    report, code = _groups(cli)
    assert _verdict(report, "financing") == "corroborated"
    assert code == 0


def test_wire_copy_repeated_by_two_outlets_is_one_origin(tmp_path, db_path):
    wire = "The utility will invest $3.4 billion in new grid lines, the company said on Monday.\n"
    for outlet in ("a.txt", "b.txt"):
        (tmp_path / outlet).write_text(f"Headline for {outlet}\n{wire}", encoding="utf-8")
    cli = Cli(db_path)
    cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    report, _ = _groups(cli)
    group = next(g for g in report["groups"] if g["measure"] == "investment")
    assert group["verdict"] == "single-source"
    assert len(group["statements"]) == 2


def test_different_companies_profits_are_never_compared(tmp_path, db_path):
    (tmp_path / "banks.txt").write_text(
        "Barclays reported a pre-tax profit of £7.3bn for the year.\n"
        "HSBC reported a pre-tax profit of $32bn, up 6%.\n"
        "Lloyds said its profit was £5.5bn.\n"
        "Barclays' profit of £7.3bn beat forecasts, analysts said.\n", encoding="utf-8")
    cli = Cli(db_path)
    cli("ingest", str(tmp_path))
    report, code = _groups(cli)
    assert code == 0
    assert not [g for g in report["groups"] if g["verdict"] == "conflict"]


def test_filters_and_fail_on(seeded):
    assert seeded("check", "figures", "--verdict", "corroborated", "--format", "json").exit_code == 0
    only = json.loads(seeded("check", "figures", "--verdict", "corroborated", "--format", "json").stdout)
    assert {g["verdict"] for g in only["groups"]} == {"corroborated"}
    jobs = json.loads(seeded("check", "figures", "--measure", "jobs", "--format", "json").stdout)
    assert {g["measure"] for g in jobs["groups"]} == {"jobs"}
    embassy = json.loads(seeded("check", "figures", "--source", "embassy", "--format", "json").stdout)
    assert embassy["groups"] and all(any("Embassy" in (s["speaker"] + (s["speaker_org"] or "")) for s in g["statements"])
                                     for g in embassy["groups"])
    assert seeded("check", "figures", "--fail-on", "warning").exit_code == 1  # the Manara warning
    assert seeded("check", "figures", "--fail-on", "never").exit_code == 0
    bad = seeded("check", "figures", "--verdict", "maybe")
    assert bad.exit_code == 2


def test_csv_output_lists_each_statement(seeded):
    result = seeded("check", "figures", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("group,measure,unit")
    assert sum("financing" in line for line in lines) == 4


def test_stated_change_that_does_not_add_up_is_a_warning(tmp_path, db_path):
    (tmp_path / "results.txt").write_text(
        "Revenue rose 8% to $11.1bn from $10.9bn, the company said.\n"
        "Profits jumped 76% to $1.13bn from $639m.\n", encoding="utf-8")
    cli = Cli(db_path)
    cli("ingest", str(tmp_path))
    report, _ = _groups(cli)
    changes = [w for w in report["warnings"] if w["kind"] == "change"]
    assert len(changes) == 1 and "8%" in changes[0]["message"]


def test_check_runs_in_bounded_passes(seeded):
    db = open_db(seeded.db, create=False)
    report = check_figures(db)
    assert sum(len(g.statements) for g in report.groups) == 16


def test_a_part_larger_than_its_total_is_a_warning(corpus):
    folder, cli = corpus
    cli("ingest", str(folder))
    report, _ = _groups(cli)
    assert not [w for w in report["warnings"] if w["kind"] == "part"]  # $1.25bn loan, ~$7bn project
    (folder / "loan.txt").write_text(
        "EXIM will provide $9 billion in financing for Reko Diq, the Balochistan copper and gold project, "
        "officials said.\n", encoding="utf-8")
    cli("ingest", str(folder))
    report, _ = _groups(cli)
    parts = [w for w in report["warnings"] if w["kind"] == "part"]
    assert parts and "$9 billion" in parts[0]["message"] and "around $7 billion" in parts[0]["message"]


def test_source_filter_keeps_only_that_sources_arithmetic(tmp_path, db_path):
    (tmp_path / "results.txt").write_text(
        "Revenue rose 8% to $11.1bn from $10.9bn, Acme said in a statement.\n"
        "Rival Globex said its profit jumped 76% to $1.13bn from $639m.\n", encoding="utf-8")
    cli = Cli(db_path)
    cli("ingest", str(tmp_path))
    acme = json.loads(cli("check", "figures", "--source", "acme", "--format", "json").stdout)
    globex = json.loads(cli("check", "figures", "--source", "globex", "--format", "json").stdout)
    assert [w["kind"] for w in acme["warnings"]] == ["change"]
    assert globex["warnings"] == []
    assert cli("check", "figures", "--source", "globex").exit_code == 0
    assert cli("check", "figures", "--source", "acme", "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize("source", [None, "embassy"])
def test_several_processes_give_the_single_process_output(corpus, source):
    """On a large database the groups are formed by several processes over runs of measures;
    the output, its order, the verdict counts and the warnings must not change."""
    from claimtrack.check import Report, iter_rendered

    folder, cli = corpus
    _variant(folder, "other_outlet.txt", [("committed $1.25 billion", "committed $1.2 billion"), ("Trump", "Biden")])
    (folder / "wire.txt").write_text(
        "Barrick Gold owns 45% of Reko Diq, the Balochistan copper project, Reuters reported.\n", encoding="utf-8")
    cli("ingest", str(folder))
    db = open_db(cli.db, create=False)

    def run(jobs):
        report = Report()
        rendered = list(iter_rendered(db, report, lambda g: (g.key, g.verdict, [s.figure_id for s in g.statements]),
                                      jobs=jobs, source=source, split_from=0))
        return rendered, dict(report.counts), [(w.kind, w.message) for w in report.warnings + report.consistent]

    from claimtrack.check import _measure_runs
    assert len(_measure_runs(db, 4, 0)) >= 2  # the measures are split: several processes do run
    one, two, three = run(1), run(2), run(3)
    assert one[0] and one == two == three
    if source is None:
        assert len(one[0]) > 5 and one[1]["conflict"] >= 1 and one[2]


def test_an_in_memory_database_is_checked_in_this_process(corpus):
    """Workers open the database file themselves; a database without one is never split
    (they would otherwise open the default database instead)."""
    import sqlite3

    import sqlite_utils

    from claimtrack.check import Report, iter_rendered

    folder, cli = corpus
    cli("ingest", str(folder))
    memory = sqlite3.connect(":memory:")
    sqlite3.connect(cli.db).backup(memory)
    db = sqlite_utils.Database(memory)
    keys = [key for key in iter_rendered(db, Report(), lambda g: g.key, jobs=2, split_from=0)]
    assert keys == [g.key for g in check_figures(open_db(cli.db, create=False)).groups]
