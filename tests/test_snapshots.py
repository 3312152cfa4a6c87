"""Snapshot tests of the main screens at a normal and a small (zoomed, projected) size.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

import pytest

from tests.conftest import fill_setup, open_werkvorm

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((60, 20), id="60x20")]


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_runner_round(snap_compare, make_app, clock, size) -> None:
    async def to_the_round(pilot) -> None:
        await open_werkvorm(pilot, "intervisie")
        await fill_setup(pilot, participants="Anna, Bram, Chris, Dana",
                         roles={"voorzitter": "Anna", "casusinbrenger": "Chris"})
        await pilot.press("ctrl+n", "ctrl+n")  # to step 3, the question rounds
        await pilot.press(*"Wat wil de jongere zelf?", "enter")
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+t")
        clock.advance(75)
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=size, run_before=to_the_round)


@pytest.mark.parametrize("size", SIZES)
def test_runner_overtime(snap_compare, make_app, clock, size) -> None:
    async def into_overtime(pilot) -> None:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna, Bram")
        await pilot.press("down", "enter")  # pick the second card
        await pilot.press("ctrl+t")
        clock.advance(95)
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=size, run_before=into_overtime)
