"""Check-in from the home screen to the end, as a facilitator drives it."""

from __future__ import annotations

from samenslim.screens.runner import RunnerScreen
from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text, settled


async def test_check_in_draws_a_card_and_runs_a_round(make_app, data_dir, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram; Chris", group="Kernteam Zuid", title="Start pilot")
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert "Kies de vraag" in screen_text(app)

        await pilot.press("ctrl+r")  # draw a card
        await pilot.pause()
        drawn = runner.step.vastgelegd["kaart"]
        assert drawn and runner.step.vastgelegd["getrokken"] is True
        assert drawn in screen_text(app)

        await pilot.press("ctrl+t")
        clock.advance(40)
        await pilot.press("ctrl+n")
        await pilot.pause()
        text = screen_text(app)
        assert "Rondje" in text and drawn in text, "the drawn question is the round's question"
        assert "Aan de beurt: Anna" in text

        await pilot.press(*"Blij om hier te zijn", "enter")
        await pilot.press("ctrl+o")  # Bram passes
        await pilot.pause()
        assert "Aan de beurt: Chris" in screen_text(app)
        await pilot.press(*"Nieuwsgierig", "enter")
        await pilot.pause()
        assert "Iedereen is aan de beurt geweest" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "Ronde 1, Anna: Blij om hier te zijn" in summary and "Ronde 1, Bram: past" in summary
        await settled(pilot)

    data = only_session(data_dir)
    assert data["status"] == "afgerond"
    assert data["groep"] == "Kernteam Zuid" and data["titel"] == "Start pilot"
    assert data["deelnemers"] == ["Anna", "Bram", "Chris"]
    run = data["werkvormen"][0]
    assert run["werkvorm_id"] == "check-in" and run["titel"] == "Check-in"
    deck, rondje = run["stappen"]
    assert len(deck["inhoud"]["kaarten"]) >= 15, "the deck is stored as it was offered"
    assert deck["vastgelegd"]["kaart"] == drawn
    assert deck["gebruikte_seconden"] == 40 and deck["geplande_seconden"] == 60
    assert deck["gestart"] and deck["beeindigd"]
    assert rondje["vastgelegd"]["sprekers"] == ["Anna", "Bram", "Chris"]
    assert [(t["spreker"], t["tekst"], t["gepast"]) for t in rondje["vastgelegd"]["beurten"]] == [
        ("Anna", "Blij om hier te zijn", False), ("Bram", "", True), ("Chris", "Nieuwsgierig", False)]


async def test_a_card_can_be_picked_instead_of_drawn(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna")
        await pilot.press("down", "down", "enter")  # the deck list has focus: third card
        await pilot.pause()
        step = app.screen.step
        assert step.vastgelegd["getrokken"] is False
        assert step.vastgelegd["kaart"] == step.inhoud["kaarten"][2]
        await settled(pilot)
        app.autosaver.flush()
    assert only_session(data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]["kaart"] == step.inhoud["kaarten"][2]
