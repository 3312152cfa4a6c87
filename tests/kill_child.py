"""Run by test_kill.py in a child process: the real app, driven by the Pilot, types into schaalvraag
step 3 and keeps typing until the parent kills it. Not a test module (no test_ prefix)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from samenslim.app import SamenslimApp
from samenslim.locations import Locations
from tests.conftest import fill_setup, open_werkvorm

MARKER = "Wat al lukte: korte lijnen"


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


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
