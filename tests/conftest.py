import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.vocab import load_vocab

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = SHARED / "acceptance" / "seeds-gold.jsonl"
SCORER = SHARED / "tools" / "score.py"


@pytest.fixture(scope="session")
def vocab():
    # The package defaults only: a developer's ./data overrides must not change test results.
    return load_vocab(user_dir=Path("/nonexistent-claimtrack-data"))


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_DATA", str(tmp_path / "no-user-data"))
    return tmp_path / "claims.db"


class Cli:
    """Runs claimtrack commands against one temporary database."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, db: bool = True):
        argv = [str(a) for a in args]
        if db:
            argv += ["--db", str(self.db)]
        return self.runner.invoke(app, argv, catch_exceptions=False)

    def json(self, *args: str):
        result = self(*args, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(db_path):
    return Cli(db_path)


@pytest.fixture
def seeded(cli):
    result = cli("ingest", str(SEEDS), "--jobs", "1")
    assert result.exit_code == 0, result.output
    return cli


def load_gold(path: Path = SEEDS_GOLD) -> list[dict]:
    assert path.exists(), f"acceptance data missing: {path} (shared/ must sit beside the checkout)"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
