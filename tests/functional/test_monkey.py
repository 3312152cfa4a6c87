"""The monkey (tools/monkey.py) with fixed seeds over every werkvorm × mode × size, in short bursts.
A crash fails with the seed, werkvorm, mode, size and every key pressed; run
`.venv/bin/python tools/monkey.py --minutes 10` to explore longer with fresh seeds."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "monkey.py"


def _load_monkey():
    if "monkey" not in sys.modules:
        spec = importlib.util.spec_from_file_location("monkey", TOOL)
        module = importlib.util.module_from_spec(spec)
        sys.modules["monkey"] = module
        spec.loader.exec_module(module)
    return sys.modules["monkey"]


monkey = _load_monkey()

SEED = 20261123  # fixed: the same keys every run; the tool draws fresh ones
BURSTS, BURST_LENGTH = 1, 8  # per size: a short run is mostly starting the app and the session


def cases() -> list:
    """Every werkvorm in both modes; each run visits all three sizes (resizing the terminal in
    between), and which size the session is set up in rotates, so setup is run at every size too."""
    found = []
    alone = set(monkey.solo_ids())
    for index, werkvorm in enumerate(monkey.werkvorm_ids()):
        for turn, mode in enumerate(monkey.MODES):
            if mode == "solo" and werkvorm not in alone:
                continue  # not offered alone
            shift = (index + turn) % len(monkey.SIZES)
            sizes = monkey.SIZES[shift:] + monkey.SIZES[:shift]
            found.append(pytest.param(werkvorm, mode, sizes, id=f"{werkvorm}-{mode}-from-{sizes[0][0]}x{sizes[0][1]}"))
    return found


@pytest.mark.parametrize("werkvorm, mode, sizes", cases())
async def test_monkey(werkvorm: str, mode: str, sizes: list[tuple[int, int]], tmp_path: Path) -> None:
    # Each case its own seed, so the cases do not all press the same keys.
    seed = SEED + zlib.crc32(f"{werkvorm}/{mode}".encode()) % 10_000
    run = monkey.Run(werkvorm, mode, sizes[0], seed, later_sizes=tuple(sizes[1:]))
    try:
        await monkey.explore(run, bursts=BURSTS, burst_length=BURST_LENGTH, data_dir=tmp_path / "data")
    except monkey.MonkeyFailure as failure:
        known = monkey.known_crash(run, failure)
        if known is not None:
            pytest.xfail(f"known crash ({known.owner}), see KNOWN_CRASHES in tools/monkey.py")
        raise


def test_the_participants_go_through_one_helper() -> None:
    assert monkey.participants_text(["Anna", "Bram"]).count("Anna") == 1
    from samenslim.screens.setup import parse_names

    assert parse_names(monkey.participants_text(monkey.NAMES)) == monkey.NAMES
