from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from samenslim.app import SamenslimApp
from samenslim.locations import Locations

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_app(data_dir: Path, clock: FakeClock):
    def factory(**kwargs) -> SamenslimApp:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("rng", random.Random(7))
        return SamenslimApp(Locations(data_dir), **kwargs)

    return factory


def session_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sessies").glob("*.json"))


def only_session(data_dir: Path) -> dict:
    files = session_files(data_dir)
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))
