"""Historielijn's line-up step: Enter in a 'sinds' field moves on to the next person (a live test
crashed here), and from the last person to the 'someone else' row."""

from __future__ import annotations

from textual.widgets import Input

from samenslim.screens.runner import RunnerScreen
from tests.conftest import choose_werkvorm, fill_setup, only_session, widget_text


async def test_enter_in_a_since_field_moves_to_the_next_person(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_werkvorm(pilot, "historielijn")
        await fill_setup(pilot, participants="Anna; Bram; Chris")
        await pilot.press("ctrl+n")  # to the line-up
        await pilot.pause()
        assert app.screen.step.soort == "opstelling"
        app.screen.query_one("#since-0", Input).focus()
        await pilot.press("enter")  # empty: Anna does not remember, on to Bram
        await pilot.pause()
        assert app.focused.id == "since-1"
        await pilot.press(*"2019", "enter")
        await pilot.pause()
        assert app.focused.id == "since-2"
        await pilot.press(*"maart 2018", "enter")
        await pilot.pause()
        assert app.focused.id == "other-name", "after the last person: someone else who was not listed"
        await pilot.press(*"Dirk", "enter")  # a name without 'sinds': Enter asks for it
        await pilot.pause()
        assert app.focused.id == "other-since"
        await pilot.press(*"2023", "enter")
        await pilot.pause()
        assert app.focused.id == "other-name"
        assert isinstance(app.screen, RunnerScreen)
        text = widget_text(app, "#line-up")
        assert text.index("Chris") < text.index("Bram") < text.index("Dirk") and "Anna" not in text
        await app.workers.wait_for_complete()

    steps = only_session(data_dir)["werkvormen"][0]["stappen"]
    assert [(p["naam"], p["sinds"]) for p in steps[1]["vastgelegd"]["volgorde"]] == [
        ("Chris", "maart 2018"), ("Bram", "2019"), ("Dirk", "2023")]
