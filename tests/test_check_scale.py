"""check figures at scale: the fast paths give the same groups as the plain ones."""

import json
from dataclasses import asdict

from claimtrack.check import (Group, Statement, Stories, _same_wording, assign_origins, clusters_by_sentence,
                              coverage_clusters)

from .conftest import SEEDS, Cli


def statement(i, text, doc="d1", value=100.0, speaker="narrator"):
    return Statement(figure_id=i, claim_id=i, doc=doc, speaker=speaker, speaker_org=None, text=text,
                     surface=f"{value:g} jobs", value=value, low=None, high=None, unit="jobs", approx="exact",
                     start=0, end=1)


def test_group_as_dict_is_asdict_in_the_same_order(tmp_path):
    cli = Cli(tmp_path / "claims.db")
    assert cli("ingest", str(SEEDS), "--jobs", "1").exit_code == 0
    from claimtrack.check import check_figures
    from claimtrack.store import open_db

    report = check_figures(open_db(tmp_path / "claims.db", create=False))
    assert report.groups
    for g in report.groups:
        assert json.dumps(g.as_dict(), default=str) == json.dumps(asdict(g), default=str)


def test_as_dict_copies_repeats():
    s = statement(1, "The plant will create 100 jobs.")
    s.repeats = ["a"]
    g = Group(key="g", measure="jobs", unit="jobs", place=None, holder=None, period=None, status=None, role=None,
              verdict="single-source", sources=1, spread=None, statements=[s])
    d = g.as_dict()
    d["statements"][0]["repeats"].append("b")
    assert s.repeats == ["a"] and d == asdict(g) | {"statements": d["statements"]}


def test_unnamed_sentence_joins_the_largest_cluster_earliest_on_a_tie():
    # Two clusters named differently, one sentence naming nothing in a document of its own.
    statements = [
        statement(1, "The Meridian terminal will create 100 jobs.", doc="a", value=100),
        statement(2, "The Kirkwall hospital will create 300 jobs.", doc="b", value=300),
        statement(3, "It will create 500 new posts across the region, officials said.", doc="c", value=500),
    ]
    clusters = clusters_by_sentence(statements)
    assert [[s.figure_id for s in c] for c in clusters] == [[1, 3], [2]]
    statements.insert(2, statement(4, "The Kirkwall hospital is to add 310 jobs.", doc="d", value=310))
    clusters = clusters_by_sentence(statements)
    assert [[s.figure_id for s in c] for c in clusters] == [[1], [2, 4, 3]]


def test_same_wording_window_is_linear_and_links_alike():
    words = ["".join("abcdefghij"[int(c)] for c in f"{i:03d}") for i in range(400)]  # aaa, aab, ...
    # 300 wordings sharing little (one word of two), then one with the words of statement 1: far
    # outside the window, but found by lookup.
    statements = [statement(i, f"{words[i]} {words[i]} said") for i in range(300)]
    statements.append(statement(300, f"{words[1]} said"))
    links = []
    _same_wording(statements, lambda i, j: links.append((i, j)))
    assert links == [(300, 1)]


def test_coverage_many_documents_path_matches_pairs():
    # A chain of documents a-b-c-d (each linked to the next) and two loose ones.
    neighbours = {1: {2}, 2: {1, 3}, 3: {2, 4}, 4: {3}, 5: set(), 6: set()}
    stories = Stories({d: "s" for d in neighbours}, neighbours, {})
    docs = [1, 3, 5, 6, 2, 4]
    statements = [statement(i, "Jobs were added.", doc=str(d)) for i, d in enumerate(docs)]
    few = coverage_clusters(statements, docs, stories)
    # 1 and 3 meet through 2; 4 joins through 3; 5 and 6 stand alone
    assert [[s.figure_id for s in c] for c in few] == [[0, 1, 4, 5], [2], [3]]
    many_docs = docs + list(range(100, 120))  # more documents than the pairwise path takes
    more = statements + [statement(i, "Jobs were added.", doc=str(d)) for i, d in enumerate(range(100, 120), 6)]
    many = coverage_clusters(more, many_docs, stories)
    assert [[s.figure_id for s in c] for c in many][:3] == [[0, 1, 4, 5], [2], [3]] and len(many) == 23


def test_origins_near_copy_same_origin_and_changed_number_conflicts():
    a = statement(1, "The company will create 100 jobs at the plant, Ann Lee said.", doc="a", speaker="Ann Lee")
    b = statement(2, "The company will create 100 jobs at the plant, Ann Lee told reporters.", doc="b", speaker="Ann Lee")
    c = statement(3, "The company will create 300 jobs at the plant, Ann Lee said.", doc="c", value=300,
                  speaker="Ann Lee")
    assign_origins([a, b, c])
    assert a.origin == b.origin == "ann lee"
    assert c.origin == "ann lee in c"
