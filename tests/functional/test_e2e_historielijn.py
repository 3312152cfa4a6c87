"""Historielijn: focus, line-up by joining date, anecdotes on a timeline, reflection."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text, widget_text


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


async def test_historielijn_end_to_end(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "histor")
        await fill_setup(pilot, participants="Anna; Bram; Chris")

        # 1. Focus: notes go into the text area that has focus.
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Evaluatie van het eerste jaar")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 2. Line-up by the moment people joined; typed out of order.
        assert "Opstellen op volgorde van binnenkomst" in screen_text(app)
        await type_into(pilot, "#since-0", "2021")
        await type_into(pilot, "#since-1", "maart 2018")
        await type_into(pilot, "#since-2", "2019")
        await type_into(pilot, "#other-name", "Dirk")
        await type_into(pilot, "#other-since", "2023")
        await pilot.press("enter")
        await pilot.pause()
        text = widget_text(app, "#line-up")
        assert text.index("Bram") < text.index("Chris") < text.index("Anna") < text.index("Dirk")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 3. Exchanging stories in small groups.
        await pilot.press(*"Drie groepjes")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 4. The timeline: anecdotes entered in any order, shown chronologically.
        for when, title, teller in [("2022", "Eerste gezamenlijke casus", "Anna"),
                                     ("mei 2019", "Kick-off met de gemeente", "Bram"),
                                     ("2020", "Lockdown: alles online", "Chris")]:
            await type_into(pilot, "#when", when)
            await type_into(pilot, "#title", title)
            await type_into(pilot, "#teller", teller)
            await pilot.press("enter")
            await pilot.pause()
        text = widget_text(app, "#timeline")
        assert text.index("Kick-off") < text.index("Lockdown") < text.index("Eerste gezamenlijke casus")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 5. Reflection.
        assert "Welke lijnen of patronen" in screen_text(app)
        await pilot.press(*"Steeds meer samen")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "mei 2019 — Kick-off met de gemeente (verteld door Bram)" in screen_text(app)

    data = only_session(data_dir)
    steps = data["werkvormen"][0]["stappen"]
    assert [s["soort"] for s in steps] == ["vragen", "opstelling", "vragen", "tijdlijn", "vragen"]
    assert steps[0]["vastgelegd"]["notities"] == "Evaluatie van het eerste jaar"
    assert steps[0]["vragen"], "the questions as asked are stored with the answers"
    assert [(p["naam"], p["sinds"]) for p in steps[1]["vastgelegd"]["volgorde"]] == [
        ("Bram", "maart 2018"), ("Chris", "2019"), ("Anna", "2021"), ("Dirk", "2023")]
    anecdotes = steps[3]["vastgelegd"]["anekdotes"]
    assert [(a["wanneer"], a["titel"], a["verteller"]) for a in anecdotes] == [
        ("2022", "Eerste gezamenlijke casus", "Anna"), ("mei 2019", "Kick-off met de gemeente", "Bram"),
        ("2020", "Lockdown: alles online", "Chris")], "stored as entered; the order is computed when shown"
    assert steps[4]["vastgelegd"]["notities"] == "Steeds meer samen"
    assert all(step["geplande_seconden"] is None for step in steps), "the book gives no times here"
