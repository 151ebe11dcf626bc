"""Shared fixtures: the shipped gazetteer, a CLI runner, the team's shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not (path / "SOURCES.md").is_file():
        pytest.skip(f"the gazetteer's source data is not beside the project ({path} is absent)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"the seed articles are not beside the project ({path} is absent)")
    return path


@pytest.fixture(params=["compiled", "pure"])
def recogniser_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on the compiled inner loops and on the pure-Python path (the same answers are due)."""
    from geo import _lexicon

    if request.param == "pure":
        monkeypatch.setattr(_lexicon, "speedups", None)
    elif _lexicon.speedups is None:
        pytest.skip("geo._speedups is not built")
    return str(request.param)
