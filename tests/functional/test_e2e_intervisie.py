"""Progressiegerichte intervisie: roles at setup, five steps, and rounds that go on until everyone passes."""

from __future__ import annotations

from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text, widget_text


async def turn(pilot, text: str | None) -> None:
    """One turn in a round: say something (Enter) or pass (ctrl+o)."""
    if text is None:
        await pilot.press("ctrl+o")
    else:
        await pilot.press(*text, "enter")
    await pilot.pause()


async def test_intervisie_rounds_continue_until_everyone_passes(make_app, data_dir, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "intervisie")
        await fill_setup(pilot, participants="Anna; Bram; Chris; Dana",
                         roles={"voorzitter": "Anna", "casusinbrenger": "Chris"})
        runner = app.screen
        assert "Casusinbrenger: Chris" in screen_text(app)
        assert runner.timer.planned_seconds == 300

        # 1. Vertellen: the timer runs over; the overtime is counted, not hidden.
        await pilot.press("ctrl+t")
        clock.advance(320)
        await pilot.pause(0.3)
        assert "OVER TIJD: 00:20 te lang" in screen_text(app)
        await pilot.press(*"Jongere zonder startkwalificatie")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 2. Complimenten: one round, without the case-bringer.
        assert "Volgorde: ▶ Anna → Bram → Dana" in screen_text(app)
        for said in ("Goed dat je de ouders betrok", None, "Veel geduld"):
            await turn(pilot, said)
        assert "Iedereen is aan de beurt geweest" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 3. Vragen: round 1 asks, round 2 one passes, round 3 everybody passes.
        script = ["Wat wil de jongere zelf?", None, "Wie is er nog betrokken?",
                  "Hoe lang speelt dit al?", None, None,
                  None, None, None]
        for number, said in enumerate(script):
            assert "Iedereen heeft gepast" not in screen_text(app), f"ended too early at turn {number}"
            await turn(pilot, said)
        assert "Iedereen heeft gepast in ronde 3" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 4. Tips: a passing round after a partly passing one; only an all-pass round ends it.
        for said in ("Bel de leerplichtambtenaar", "Maak een plan met de jongere", None,
                     None, None, None):
            await turn(pilot, said)
        assert "Iedereen heeft gepast in ronde 2" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # 5. Ontvangen.
        await pilot.press(*"De leerplichtambtenaar bellen")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Afgerond: in ronde 3 paste iedereen." in screen_text(app)

    run = only_session(data_dir)["werkvormen"][0]
    assert run["rollen"] == {"voorzitter": "Anna", "casusinbrenger": "Chris"}
    steps = run["stappen"]
    assert [s["titel"] for s in steps] == ["Vertellen", "Complimenten", "Vragen", "Tips", "Ontvangen"]
    assert steps[0]["gebruikte_seconden"] == 320 and steps[0]["geplande_seconden"] == 300

    questions = steps[2]["vastgelegd"]
    assert questions["sprekers"] == ["Anna", "Bram", "Dana"], "the case-bringer does not ask"
    asked = [(t["spreker"], t["tekst"]) for t in questions["beurten"] if not t["gepast"]]
    assert asked == [("Anna", "Wat wil de jongere zelf?"), ("Dana", "Wie is er nog betrokken?"),
                     ("Anna", "Hoe lang speelt dit al?")]
    rounds = {}
    for t in questions["beurten"]:
        rounds.setdefault(t["ronde"], []).append(t["gepast"])
    assert rounds == {1: [False, True, False], 2: [False, True, True], 3: [True, True, True]}, \
        "step 3 ended only after the first round in which everyone passed"

    tips = steps[3]["vastgelegd"]["beurten"]
    assert [(t["spreker"], t["tekst"]) for t in tips if not t["gepast"]] == [
        ("Anna", "Bel de leerplichtambtenaar"), ("Bram", "Maak een plan met de jongere")]
    assert [t["gepast"] for t in tips if t["ronde"] == 2] == [True, True, True]
    assert steps[4]["vastgelegd"]["notities"] == "De leerplichtambtenaar bellen"


async def test_setup_refuses_to_start_without_the_roles(make_app, data_dir) -> None:
    from samenslim.screens.setup import SetupScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "intervisie")
        await pilot.press(*"Anna; Bram; Chris")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen), "no session without a voorzitter"
        assert any("voorzitter" in str(n.message) for n in app._notifications)
    assert not (data_dir / "sessies").exists() or not list((data_dir / "sessies").glob("*.json"))


async def test_a_long_round_lists_its_newest_turns_and_keeps_them_all(make_app, data_dir) -> None:
    """The turn list draws the newest 40 turns (drawing every turn made each Enter slower as a
    round grew, see benchmarks/round_latency.py); the file keeps every turn."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "intervisie")
        await fill_setup(pilot, participants="Anna; Bram; Chris; Dana",
                         roles={"voorzitter": "Anna", "casusinbrenger": "Chris"})
        await pilot.press("ctrl+n", "ctrl+n")  # 3. Vragen: a round that goes on until everyone passes
        await pilot.pause()
        for number in range(42):
            await turn(pilot, f"v{number}")
        shown = widget_text(app, "#turns-text")
        assert shown.startswith("R14 Dana: v41"), shown[:40]
        assert "v2\n" in shown and "v1\n" not in shown and "v0" not in shown
        assert shown.rstrip().endswith("… en 2 eerdere beurten (ze staan in het overzicht en het verslag)")
        await app.workers.wait_for_complete()
        app.autosaver.flush()
        turns = only_session(data_dir)["werkvormen"][0]["stappen"][2]["vastgelegd"]["beurten"]
        assert [t["tekst"] for t in turns] == [f"v{number}" for number in range(42)]
