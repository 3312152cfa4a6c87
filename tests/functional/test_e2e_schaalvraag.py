"""Schaalvraag: six steps, a group score and per-person scores, and the next small step as an action."""

from __future__ import annotations

from textual.widgets import Input

from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text, widget_text


async def test_schaalvraag_end_to_end(make_app, data_dir, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram", theme="elke jongere een plek")

        # 1. The scale explained, with the group's theme filled in.
        assert "elke jongere een plek" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 2. Scores: the group score has focus; a wrong entry is explained, not stored.
        assert isinstance(app.focused, Input) and app.focused.id == "score-groep"
        await pilot.press("1", "2")
        await pilot.pause()
        assert "tussen 0 en 10" in widget_text(app, "#error-groep")
        assert app.screen.step.vastgelegd.get("groep") is None
        await pilot.press("backspace", "backspace", "6")
        app.screen.query_one("#score-p0", Input).focus()
        await pilot.press("7")
        app.screen.query_one("#score-p1", Input).focus()
        await pilot.press("5")
        await pilot.pause()
        assert widget_text(app, "#error-groep") == ""
        assert "●" in widget_text(app, "#bar-groep")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 3-5. Notes on what worked, an earlier high point, one step higher.
        for note in ("Korte lijnen met school", "Toen hadden we een vaste overlegtafel", "Elke week contact"):
            await pilot.press(*note)
            await pilot.press("ctrl+n")
            await pilot.pause()

        # 6. The next small step, recorded as an action with an owner.
        assert "Het volgende kleine stapje" in screen_text(app)
        assert app.focused.id == "what"
        await pilot.press(*"Casusoverleg plannen")
        app.screen.query_one("#owner", Input).focus()
        await pilot.press(*"Bram")
        app.screen.query_one("#when", Input).focus()
        await pilot.press(*"voor 1 dec", "enter")
        await pilot.pause()
        assert "Casusoverleg plannen (wie: Bram; wanneer: voor 1 dec)" in widget_text(app, "#actions")
        await pilot.press(*"Jongeren uitnodigen", "enter")  # an action without an owner is fine
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "Groep: 6 op 0–10" in summary and "Gemiddelde van de deelnemers: 6,0" in summary
        assert "Acties en experimenten" in summary and "☐ Casusoverleg plannen — Bram (voor 1 dec)" in summary

    steps = only_session(data_dir)["werkvormen"][0]["stappen"]
    assert len(steps) == 6
    assert steps[1]["vastgelegd"]["groep"] == 6
    assert steps[1]["vastgelegd"]["per_deelnemer"] == {"Anna": 7, "Bram": 5}
    assert steps[2]["vastgelegd"]["notities"] == "Korte lijnen met school"
    assert steps[4]["vastgelegd"]["notities"] == "Elke week contact"
    assert steps[5]["vastgelegd"]["acties"] == [
        {"tekst": "Casusoverleg plannen", "eigenaar": "Bram", "wanneer": "voor 1 dec"},
        {"tekst": "Jongeren uitnodigen", "eigenaar": "", "wanneer": ""},
    ]
    assert "elke jongere een plek" in steps[0]["uitleg"]
