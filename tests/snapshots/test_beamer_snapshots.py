"""Snapshot tests of the beamer view (F5): what the room sees, at projector sizes, in both themes.

Update after an intended change with:
pytest -n 0 tests/snapshots/test_beamer_snapshots.py --snapshot-update
and look at the SVGs (chromium --headless --screenshot) before committing them.
"""

from __future__ import annotations

import pytest

from tests.conftest import fill_setup, open_werkvorm, settled

BEAMER_SIZES = [pytest.param((60, 20), id="60x20"), pytest.param((100, 30), id="100x30"),
                pytest.param((200, 50), id="200x50")]


async def check_in_round_on_the_beamer(pilot, clock, theme: str, seconds: float = 7 * 60) -> None:
    """The check-in round: Anna done after 70 s and Bram over his time `seconds` later (7 minutes:
    50 s before the end, the warning colour), on the beamer."""
    pilot.app.animation_level = "none"
    await settled(pilot)
    pilot.app.theme = theme
    await open_werkvorm(pilot, "check-in")
    await fill_setup(pilot, participants="Anna; Bram; Chris; Dewi; Eva; Fatima; Gert; Hanna")
    await pilot.press("ctrl+r", "ctrl+n", "ctrl+t")
    clock.advance(70)
    await pilot.press(*"Zin in vandaag", "enter")
    clock.advance(seconds)
    await pilot.press("f5")
    pilot.app.screen.tick()
    await pilot.pause()
    pilot.app.screen.refresh(layout=True)
    await pilot.pause(0.3)


class TestBeamer:
    """The beamer view: the timer in block digits filling the terminal, the question below it,
    who speaks and who is next; never what the facilitator types."""

    @pytest.mark.parametrize("size", BEAMER_SIZES)
    @pytest.mark.parametrize("theme", ["textual-dark", "hoog-contrast"])
    def test_round_in_the_warning_colour(self, snap_compare, make_app, clock, theme, size) -> None:
        async def run(pilot) -> None:
            await check_in_round_on_the_beamer(pilot, clock, theme)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=run)

    @pytest.mark.parametrize("size", [pytest.param((100, 30), id="100x30")])
    def test_over_time(self, snap_compare, make_app, clock, size) -> None:
        """Past the step's time: OVER TIJD in words, not in colour alone."""
        async def run(pilot) -> None:
            await check_in_round_on_the_beamer(pilot, clock, "textual-dark", seconds=9 * 60 + 15)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=run)
