"""Run by test_kill.py in a child process: the real app, driven by the Pilot, types into schaalvraag
step 3 and keeps typing until the parent kills it; or ('ronde') types a round note without Enter
while the step timer runs on a clock that the child moves on. Not a test module (no test_ prefix)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from samenslim.app import SamenslimApp
from samenslim.domain.locations import Locations
from tests.conftest import fill_setup, open_werkvorm

MARKER = "Wat al lukte: korte lijnen"
UNSENT = "Nog niet met Enter bevestigd"


async def main(data_dir: Path) -> None:
    app = SamenslimApp(Locations(data_dir), offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram", title="Team Kill")
        await pilot.press("ctrl+n", "ctrl+n")  # step 3: what already worked
        await pilot.press(*MARKER)
        await pilot.pause()
        print("READY", flush=True)
        while True:  # the parent kills us somewhere in here
            await pilot.press(*" en meer")
            await pilot.pause()


async def round_with_running_timer(data_dir: Path) -> None:
    from tests.conftest import FakeClock

    clock = FakeClock()
    app = SamenslimApp(Locations(data_dir), offer_resume=False, clock=clock, timer_starts_by_itself=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram", title="Team Kill")
        await pilot.press("ctrl+r", "ctrl+n")  # a card, then the round: its timer starts by itself
        await pilot.press(*UNSENT)
        await pilot.pause()
        print("READY", flush=True)
        while True:  # the timer runs on: a second of its clock per round of this loop
            clock.advance(1)
            await pilot.pause(0.05)


if __name__ == "__main__":
    if sys.argv[2:] == ["ronde"]:
        asyncio.run(round_with_running_timer(Path(sys.argv[1])))
    else:
        asyncio.run(main(Path(sys.argv[1])))
