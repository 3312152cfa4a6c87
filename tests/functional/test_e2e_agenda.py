"""Sessions as meetings: an agenda of several werkvormen in one file, in order; a theme worded in
'positief thema' fills the later prompts and comes back in the group's next session."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Select

from samenslim.domain.locations import builtin_content_dir
from samenslim.screens.setup import SetupScreen
from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text, session_files, settled
from tests.drive import DRIVERS

pytestmark = pytest.mark.skipif(not (builtin_content_dir() / "werkvormen" / "positief-thema.toml").exists(),
                                reason="positief-thema.toml is not there yet")


async def choose(pilot, selector: str, label_start: str) -> None:
    """Open a Select with the keyboard and pick the option whose label starts with label_start."""
    select = pilot.app.screen.query_one(selector, Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    labels = [str(label) for label, value in select._options if value is not Select.NULL]
    index = next(i for i, label in enumerate(labels) if label.startswith(label_start))
    for _ in range(index + 1):  # the list opens on the blank prompt
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def run_to_the_end(pilot) -> None:
    while not isinstance(pilot.app.screen, SummaryScreen):
        step = pilot.app.screen.step
        if step.soort == "thema":
            await pilot.press(*"ideeen")
            pilot.app.screen.query_one("#thema", Input).focus()
            await pilot.press(*"Elke jongere telt")
        else:
            await DRIVERS[step.soort](pilot, step)
        await pilot.press("ctrl+n")
        await pilot.pause()


async def test_agenda_keeps_three_werkvormen_and_the_theme_carries_over(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await open_werkvorm(pilot, "check-in")
        await choose(pilot, "#add-werkvorm", "4.5")  # historielijn
        await choose(pilot, "#add-werkvorm", "4.6")  # positief thema
        assert [w.id for w in app.screen.agenda] == ["check-in", "historielijn", "positief-thema"]
        await fill_setup(pilot, participants="Anna; Bram", group="Team Oost", title="Bijeenkomst 1")
        assert "agenda 1/3" in str(app.screen.query_one("#title-bar").render())
        await run_to_the_end(pilot)

    data = only_session(data_dir)
    assert [run["werkvorm_id"] for run in data["werkvormen"]] == ["check-in", "historielijn", "positief-thema"]
    assert data["status"] == "afgerond" and data["thema"] == "Elke jongere telt"
    assert all(step["beeindigd"] for run in data["werkvormen"] for step in run["stappen"])

    # The group's next session: the theme is offered at setup and filled into the prompts.
    app = make_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        await open_werkvorm(pilot, "schaalvraag")
        await fill_setup(pilot, participants="Anna; Bram", group="team oost")
        assert "Elke jongere telt" in screen_text(app), "step 1 of schaalvraag names the theme"
        await pilot.press("ctrl+q")
        await pilot.pause()
    newest = max(session_files(data_dir), key=lambda path: path.stat().st_mtime)
    assert json.loads(newest.read_text(encoding="utf-8"))["thema"] == "Elke jongere telt"


async def test_a_pilot_meeting_fills_the_agenda(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_werkvorm(pilot, "check-in")
        if not app.library.programmas:
            pytest.skip("no programme file")
        programme = next(iter(app.library.programmas.values()))
        first = programme.bijeenkomsten[0]
        await choose(pilot, "#meeting", f"{programme.titel} 1:")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert [w.id for w in screen.agenda] == first.werkvormen
        assert screen.query_one("#title", Input).value == first.titel
