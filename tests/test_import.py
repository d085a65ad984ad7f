"""Extraction as a pure map elsewhere, then `claimtrack import`: locally and on a Dask cluster."""

import json
import sqlite3

from .conftest import SEEDS


def _counts(db):
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "claims", "figures"))


def test_extract_then_import_matches_ingest(cli, tmp_path):
    out = tmp_path / "claims.jsonl"
    result = cli("extract", str(SEEDS), "-o", str(out), db=False)
    assert result.exit_code == 0
    result = cli("import", str(out))
    assert result.exit_code == 0, result.output
    assert "2 documents, 33 claims, 16 figures" in result.stdout
    assert _counts(cli.db) == (2, 33, 16)
    report = json.loads(cli("check", "figures", "--format", "json").stdout)
    financing = [g for g in report["groups"] if g["measure"] == "financing"]
    assert [g["verdict"] for g in financing] == ["corroborated"]
    assert cli.json("list", "--source", "embassy")  # speakers survive the round trip
    again = cli("import", str(out))
    assert "0 documents" in again.stdout and _counts(cli.db) == (2, 33, 16)


def test_a_bad_line_names_file_and_line_and_stores_nothing(cli, tmp_path):
    out = tmp_path / "claims.jsonl"
    cli("extract", str(SEEDS), "-o", str(out), db=False)
    lines = out.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5][:40]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli("ingest", str(SEEDS / "000_1b6d41cef46bae6a.txt"))
    before = _counts(cli.db)
    result = cli("import", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:6: not JSON" in result.output
    assert _counts(cli.db) == before
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"hello": 1}\n', encoding="utf-8")
    result = cli("import", str(wrong))
    assert result.exit_code == 2 and "wrong.jsonl:1: missing doc" in result.output


def test_dask_bag_on_a_local_cluster(cli, tmp_path):
    import dask.bag as bag
    from dask.distributed import Client, LocalCluster

    from claimtrack.extract import extract_file

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        records = bag.from_sequence(files, npartitions=2).map(extract_file).flatten().map(json.dumps)
        records.to_textfiles(str(tmp_path / "claims-*.jsonl"))
    parts = sorted(tmp_path.glob("claims-*.jsonl"))
    assert len(parts) == 2
    result = cli("import", *map(str, parts))
    assert result.exit_code == 0, result.output
    assert _counts(cli.db) == (2, 33, 16)
