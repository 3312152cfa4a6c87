"""Every werkvorm runs at 40 columns (a phone, a half screen, a big font on a beamer): at 40×12 the
check-in and vastloop steps crashed in layout ('range() arg 3 must not be zero')."""

from __future__ import annotations

import pytest

from samenslim.domain.content import load_file
from samenslim.domain.locations import builtin_content_dir
from samenslim.screens.confirm import ConfirmScreen
from samenslim.screens.runner import RunnerScreen
from samenslim.screens.summary import SummaryScreen
from tests.conftest import choose_werkvorm, confirm, fill_setup, only_session

FILES = sorted((builtin_content_dir() / "werkvormen").glob("*.toml"))
FIRST = ["check-in", "vastloopsituaties"]  # where the live test crashed
IDS = FIRST + [path.stem for path in FILES if path.stem not in FIRST]


def _solo_possible(werkvorm_id: str) -> bool:
    werkvorm, _ = load_file(builtin_content_dir() / "werkvormen" / f"{werkvorm_id}.toml")
    return werkvorm is not None and werkvorm.solo_mogelijk


# Alone only where setup offers it alone (a werkvorm that needs others is refused there).
CASES = [pytest.param(werkvorm_id, solo, id=f"{werkvorm_id}-{'alleen' if solo else 'groep'}")
         for werkvorm_id in IDS for solo in (False, True) if not solo or _solo_possible(werkvorm_id)]


@pytest.mark.parametrize(("werkvorm_id", "solo"), CASES)
async def test_every_step_at_40_by_12(werkvorm_id: str, solo: bool, make_app, data_dir) -> None:
    werkvorm, _ = load_file(builtin_content_dir() / "werkvormen" / f"{werkvorm_id}.toml")
    people = ["Anna", "Bram", "Chris"]
    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await choose_werkvorm(pilot, werkvorm_id)
        if solo:
            await fill_setup(pilot, solo=True)
        else:
            await fill_setup(pilot, participants="; ".join(people),
                             roles={role: people[index] for index, role in enumerate(werkvorm.rollen)})
        steps = len(app.screen.session.werkvormen[0].stappen)
        for number in range(1, steps + 1):
            assert isinstance(app.screen, RunnerScreen), (number, app.screen)
            await pilot.press("ctrl+n")
            await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # a round nobody spoke in is still open at the end
            await confirm(pilot, "nog niet rond")
        assert isinstance(app.screen, SummaryScreen), app.screen
        assert app.is_running
    assert only_session(data_dir)["status"] == "afgerond"


async def test_the_helper_and_the_spiekbriefjes_at_40_by_12(make_app) -> None:
    from samenslim.screens.reference import ReferenceScreen
    from samenslim.screens.stuck import StuckScreen

    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "down", "down")
        await pilot.pause()
        assert isinstance(app.screen, StuckScreen)
        await pilot.press("escape")
        await pilot.pause()
        await choose_werkvorm(pilot, "check-in")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("ctrl+s", "down")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen) and app.is_running
