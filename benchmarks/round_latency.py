"""What one Enter costs in a long round, against the same Enter early in the round, and what one
keystroke costs against a bare Textual Input (the floor).

A repeating round (intervisie's "Vragen": on and on until everyone passes) can collect hundreds of
turns in a long meeting. Confirming a turn must not get slower as the list grows: the facilitator
types while people talk. One run of the real app, headless (``App.run_test`` and the Pilot), with
the intervisie werkvorm, 13 participants (the casusinbrenger listens: 12 speakers) and the step
timer running:

* enter_10: CPU time of one Enter (a typed question confirmed, the next speaker called, the
  session saved) after 10 turns, the median of ``--samples`` Enters;
* enter_400: the same after 400 turns (the turns between are added through the round's own
  domain logic, so the run stays short);
* key_10 / key_400: one plain keystroke in the round's text field after 10 and 400 turns (it
  keeps the typed text as a draft in the session, so it is saved);
* floor: one keystroke in a bare ``App`` with a single ``Input``;
* tick_10 / tick_400: one second of the runner's clock (what the timer display calls).

Keys go in as the terminal driver sends them (the app's own key path), not through Pilot.press,
whose wait visits every widget of the screen. Each figure is the process's CPU time (``time.process_time``: user + system, every thread, so the
autosave writer counts too) around the key press and until the app has settled, which is steadier
than wall time on a busy machine. Targets: ratio = enter_400 / enter_10 <= 1.3 and
key_400 <= 1.2 x floor.

Run from the repository root:

    python benchmarks/round_latency.py [--samples 21] [--json] [--strict]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual._wait import wait_for_idle
from textual.app import App, ComposeResult
from textual.widgets import Input

RATIO_TARGET = 1.3
KEY_TARGET = 1.2
SPEAKERS = 12
PEOPLE = [f"Deelnemer {number}" for number in range(1, SPEAKERS + 2)]  # one of them brings the case


async def settle(app: App) -> None:
    """Until the app is idle: every message the key caused handled, the screen redrawn."""
    await wait_for_idle(0)
    app.screen._on_timer_update()  # draw what is pending now rather than at the next frame
    await wait_for_idle(0)


async def cpu_of(app: App, *keys: str) -> float:
    """CPU milliseconds of keys as the terminal driver sends them, and of all the work they cause.
    Not Pilot.press: it waits on every widget of the screen in turn, so it costs more on a screen with
    many widgets (the runner has about 250) and would blur the comparison with the bare Input."""
    await settle(app)
    start = time.process_time()
    await app._press_keys(keys)
    await settle(app)
    return (time.process_time() - start) * 1000


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="field")


async def floor(samples: int) -> float:
    app = Bare()
    async with app.run_test(headless=True, size=(100, 30)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        costs = [await cpu_of(app, "a") for _ in range(samples + 3)]
    return statistics.median(costs[3:])


async def round_figures(data: Path, samples: int) -> dict[str, float]:
    from samenslim.app import SamenslimApp
    from samenslim.domain.locations import Locations
    from samenslim.messages import StartSession
    from samenslim.werkvormen.rondje import RondjeView

    app = SamenslimApp(Locations(data), rng=random.Random(1), offer_resume=False, timer_starts_by_itself=False)
    figures: dict[str, float] = {}
    async with app.run_test(headless=True, size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        werkvorm = app.library.werkvormen["progressiegerichte-intervisie"]
        app.post_message(StartSession([werkvorm], titel="Meting", deelnemers=PEOPLE,
                                      rollen={"voorzitter": PEOPLE[0], "casusinbrenger": PEOPLE[-1]}))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")  # to step 3, the repeating round of questions
        await pilot.pause()
        screen = app.screen
        view = screen.query_one(RondjeView)
        assert view.inhoud.herhalen and len(view.capture().sprekers) == SPEAKERS, "not the repeating round"
        await pilot.press("ctrl+t")  # the step's timer runs, as in a meeting
        field = view.query_one("#turn-input", Input)
        field.focus()

        async def measure(label: str) -> None:
            costs = []
            for number in range(samples):
                field.value = f"vraag {label} {number}"
                costs.append(await cpu_of(app, "enter"))
            figures[f"enter_{label}"] = statistics.median(costs)
            ticks = []
            for _ in range(samples):
                start = time.process_time()
                screen.tick()
                ticks.append((time.process_time() - start) * 1000)
            figures[f"tick_{label}"] = statistics.median(ticks)
            keys = [await cpu_of(app, "a") for _ in range(samples)]
            figures[f"key_{label}"] = statistics.median(keys)
            field.value = ""

        for number in range(10 - samples // 2):
            field.value = f"vraag {number}"
            await pilot.press("enter")
        await pilot.pause()
        await measure("10")  # the median sample lies at about turn 10

        # On to 400 turns through the round's own logic (pressing Enter 380 times only takes longer).
        state = view.round()
        while len(state.turns) < 400 - samples // 2:
            state.speak(f"vraag {len(state.turns)}", elapsed=state.turn_began)
        view.capture().beurt_begon = state.turn_began
        view.store()
        view.refresh_round()
        await pilot.pause()
        await measure("400")
        figures["turns"] = len(view.capture().beurten)
        await pilot.press("ctrl+t")
    return figures


async def main(samples: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        figures = await round_figures(Path(folder) / "data", samples)
    figures["floor"] = await floor(samples)
    figures["ratio"] = figures["enter_400"] / figures["enter_10"]
    figures["key_ratio"] = figures["key_400"] / figures["floor"]
    return {name: round(value, 3) for name, value in figures.items()}


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=21, help="Enters and keys measured per phase (median)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a target is missed")
    args = parser.parse_args()
    result = asyncio.run(main(args.samples))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Enter after 10 turns:   {result['enter_10']:.1f} ms CPU")
        print(f"Enter after 400 turns:  {result['enter_400']:.1f} ms CPU   (ratio {result['ratio']:.2f}, "
              f"target <= {RATIO_TARGET})")
        print(f"Tick after 10 / 400:    {result['tick_10']:.2f} / {result['tick_400']:.2f} ms CPU")
        print(f"Keystroke after 10:     {result['key_10']:.1f} ms CPU")
        print(f"Keystroke after 400:    {result['key_400']:.1f} ms CPU   (floor {result['floor']:.1f} ms, "
              f"{result['key_ratio']:.2f}x, target <= {KEY_TARGET}x)")
    missed = result["ratio"] > RATIO_TARGET or result["key_ratio"] > KEY_TARGET
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(run())
