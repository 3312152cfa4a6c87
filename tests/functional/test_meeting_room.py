"""The meeting room (presentation view, schedule drift, speaking time per person, screenshot) and
solo reflection, driven through the real app with an injected clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from samenslim.domain.content import load_file
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import steps_for
from samenslim.domain.soorten import needs_others, rondje
from samenslim.screens.summary import SummaryScreen
from samenslim.widgets.presentation import PresentationView
from tests.conftest import choose_werkvorm, fill_setup, only_session, open_werkvorm, settled, widget_text
from tests.drive import DRIVERS

EIGHT = "Anna; Bram; Chris; Dewi; Eva; Fatima; Gert; Hanna"


def saved(app, data_dir: Path) -> dict:
    """The session file as it is once the autosaver has written the last change: it writes on its
    own thread, so reading the file straight after a key press can see the save before."""
    assert app.autosaver.flush(), "the autosaver did not finish"
    return only_session(data_dir)


async def start_check_in(pilot, participants: str = EIGHT) -> None:
    await settled(pilot)
    await open_werkvorm(pilot, "check-in")
    await fill_setup(pilot, participants=participants)


# -- presentation view ------------------------------------------------------------------------

async def test_presentation_shows_question_timer_speaker_and_capture_goes_on(make_app, clock, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot, "Anna; Bram")
        await pilot.press("ctrl+r")  # draw the check-in question
        await pilot.pause()
        question = saved(app, data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]["kaart"]
        await pilot.press("ctrl+n", "ctrl+t")
        clock.advance(30)
        await pilot.press("f5")
        await pilot.pause()
        presentation = app.screen.query_one(PresentationView)
        assert presentation.display and presentation.region.height == 30, "it covers the whole screen"
        assert question in widget_text(app, "#p-question")
        assert widget_text(app, "#p-timer #timer-status") == "loopt"
        assert "Aan de beurt: Anna · 0:30 / 4:30" in widget_text(app, "#p-speaker")
        # The facilitator keeps typing; the room sees none of it, the session file gets it.
        await pilot.press(*"Moe maar blij", "enter")
        await pilot.pause()
        assert "Moe maar blij" not in "\n".join(str(w.render()) for w in presentation.query("Static"))
        assert "Aan de beurt: Bram" in widget_text(app, "#p-speaker")
        await pilot.press("f5")
        await pilot.pause()
        assert not presentation.display
    turns = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]["beurten"]
    assert [(t["spreker"], t["tekst"], t["seconden"]) for t in turns] == [("Anna", "Moe maar blij", 30.0)]


async def test_only_the_visible_timer_redraws(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot, "Anna; Bram")
        await pilot.press("ctrl+t")
        side, shown = app.screen.query_one("#timer"), app.screen.query_one("#p-timer")
        assert side._ticker._active.is_set() and not shown._ticker._active.is_set()
        await pilot.press("f5")
        assert shown._ticker._active.is_set() and not side._ticker._active.is_set()


# -- the schedule -------------------------------------------------------------------------------

async def test_schedule_drifts_when_a_step_runs_three_minutes_long(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot)
        # Check-in: drawing the question 1 minute, the round 9 minutes. Started at 09:30.
        assert widget_text(app, "#schedule") == "op schema · klaar ± 09:40"
        await pilot.press("ctrl+t")
        clock.advance(60 + 180)
        app.screen.tick()
        await pilot.pause()
        assert widget_text(app, "#schedule") == "3 min achter · klaar ± 09:43"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert widget_text(app, "#schedule") == "3 min achter · klaar ± 09:43"
        # Back to the draw after 4 minutes of the round: the round is not over, its 5 minutes still come.
        await pilot.press("ctrl+t")
        clock.advance(4 * 60)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert widget_text(app, "#schedule") == "3 min achter · klaar ± 09:43"


async def test_an_extension_is_running_over_and_a_skipped_step_saves_time(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot)
        await pilot.press("ctrl+n")  # skip the draw: 1 minute saved
        await pilot.pause()
        assert widget_text(app, "#schedule").startswith("1 min voor")
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+t")  # two minutes more for the round
        clock.advance(9 * 60 + 120)
        app.screen.tick()
        await pilot.pause()
        assert widget_text(app, "#schedule").startswith("1 min achter"), "2 over, 1 saved"


# -- speaking time per person -------------------------------------------------------------------

async def test_speaking_time_is_limited_per_person_and_tallied_in_the_file(make_app, clock, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        # 9 minutes over 8 people: a suggested 1:15 each (rounded to quarter minutes).
        assert app.screen.query_one("#per-person", Input).value == "1:15"
        await pilot.press("ctrl+t")
        clock.advance(50)
        await pilot.press(*"Goed", "enter")
        clock.advance(80)
        app.screen.query_one("RondjeView").show_speaker()
        await pilot.pause()
        assert "Bram · 1:20 / 1:15 · 0:05 te lang" in widget_text(app, "#speaker")
        assert app.screen.query_one("#speaker").has_class("-over")
        await pilot.press("ctrl+o")  # Bram passes after all
        clock.advance(40)
        await pilot.press(*"Kort", "enter")
        await pilot.press("ctrl+t")  # paused: Dewi's clock stops too
        clock.advance(600)
        await pilot.press("ctrl+t")
        clock.advance(10)
        await pilot.press("enter")
        # A new limit for the rest of the round: 2 minutes.
        limit = app.screen.query_one("#per-person", Input)
        limit.value = ""
        limit.focus()
        await pilot.press("2")
        await pilot.pause()
    capture = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]
    assert capture["spreektijd"] == {"Anna": 50.0, "Bram": 80.0, "Chris": 40.0, "Dewi": 10.0}
    assert [t["seconden"] for t in capture["beurten"]] == [50.0, 80.0, 40.0, 10.0]
    assert capture["beurten"][1]["gepast"] is True
    assert capture["per_persoon"] == 120
    assert capture["volgorde"] == "vast" and capture["sprekers"][:2] == ["Anna", "Bram"]


async def test_the_order_can_be_shuffled_before_the_first_turn(make_app, clock, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot)
        await pilot.press("ctrl+n", "ctrl+f")
        await pilot.pause()
        shuffled = saved(app, data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]["sprekers"]
        assert sorted(shuffled) == sorted(EIGHT.split("; ")) and shuffled != EIGHT.split("; ")
        assert f"Aan de beurt: {shuffled[0]}" in widget_text(app, "#speaker")
        await pilot.press("enter", "ctrl+f")  # after the first turn the order stays
        await pilot.pause()
    capture = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]
    assert capture["volgorde"] == "geschud" and capture["sprekers"] == shuffled


def test_suggested_limit_and_parsing() -> None:
    assert rondje.suggested_limit(600, 8) == 75
    assert rondje.suggested_limit(540, 8) == 75
    assert rondje.suggested_limit(None, 8) is None and rondje.suggested_limit(600, 1) is None
    assert [rondje.parse_limit(t) for t in ("1:15", "2", "1,5", "")] == [75, 120, 90, None]
    with pytest.raises(ValueError, match="m:ss"):
        rondje.parse_limit("1:x")


# -- screenshot ---------------------------------------------------------------------------------

async def test_a_key_saves_a_screenshot_in_the_data_folder(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in(pilot, "Anna; Bram")
        await pilot.press("f6")
        await pilot.pause()
    [shot] = (data_dir / "schermafdrukken").glob("*.svg")
    assert shot.name.startswith(only_session(data_dir)["id"]) and "Check-in" in shot.read_text(encoding="utf-8")


# -- solo ---------------------------------------------------------------------------------------

SOLO = sorted(path for path in (builtin_content_dir() / "werkvormen").glob("*.toml")
              if load_file(path)[0] and load_file(path)[0].solo_mogelijk)


def test_the_book_s_solo_werkvormen_are_marked() -> None:
    marked = {path.stem for path in SOLO}
    assert {"schaalvraag", "progressiecirkel", "cirkel-van-invloed", "reflectiegesprek", "vastloopsituaties",
            "2x2-vragen"} <= marked


@pytest.mark.parametrize("path", SOLO, ids=[path.stem for path in SOLO])
async def test_a_solo_session_runs_end_to_end_and_lands_as_solo(path: Path, make_app, data_dir) -> None:
    werkvorm, _ = load_file(path)
    steps = steps_for(werkvorm, solo=True)
    app = make_app(offer_resume=False)
    expected = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, werkvorm.id)
        await fill_setup(pilot, solo=True)
        assert "Alleen (reflectie)" in widget_text(app, "#side-info")
        for number, content in enumerate(steps, start=1):
            step = app.screen.step
            solo_title = content.alleen.titel if content.alleen and content.alleen.titel else content.titel
            assert step.titel == solo_title.replace("{thema}", "je thema")
            assert not needs_others(step.soort), "rounds and pairs become personal prompts"
            if step.soort == "schaal":
                assert "Jouw score" in "\n".join(str(label.render()) for label in app.screen.query("Label"))
            field = await DRIVERS[step.soort](pilot, step)
            if field:
                expected.append((number, field))
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    data = only_session(data_dir)
    assert data["modus"] == "solo" and data["deelnemers"] == [] and data["status"] == "afgerond"
    run = data["werkvormen"][0]
    assert run["rollen"] == {}
    for number, field in expected:
        assert run["stappen"][number - 1]["vastgelegd"].get(field) not in (None, "", [], {}), (number, field)
    solo_texts = [c.alleen for c in steps if c.alleen]
    assert solo_texts, "every solo werkvorm speaks to 'jij' somewhere"
