"""Meeting-proof: the facilitator can always get out of, back into and around a session, nothing typed
is lost (drafts and running timers included), and an unexpected error saves first and says so."""

from __future__ import annotations

import stat

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from samenslim import cli
from samenslim.messages import ResumeSession
from samenslim.screens.confirm import ConfirmScreen
from samenslim.screens.library import LibraryScreen
from samenslim.screens.resume import ResumeScreen
from samenslim.screens.runner import RunnerScreen
from samenslim.screens.session_view import SessionViewScreen
from samenslim.screens.setup import SetupScreen
from samenslim.screens.summary import SummaryScreen
from samenslim.werkvormen.rondje import RondjeView
from tests.conftest import confirm, fill_setup, only_session, open_werkvorm, screen_text, settled, wait_for
from tests.functional.test_e2e_review import open_list


async def start_check_in_round(pilot, participants: str = "Anna; Bram; Chris") -> RunnerScreen:
    """Check-in with people, a card drawn, on the round (its last step)."""
    await open_werkvorm(pilot, "check")
    await fill_setup(pilot, participants=participants, title="Team Noord")
    await pilot.press("ctrl+r", "ctrl+n")  # draw a card, on to the round
    await pilot.pause()
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen) and runner.step.soort == "rondje"
    return runner


# -- getting out and back in ---------------------------------------------------------------------------
async def test_escape_asks_then_leaves_the_session_unfinished_and_it_can_be_resumed(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press(*"Half gezegd")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # No has the focus: Enter by habit keeps the session
        await pilot.pause()
        assert app.screen is runner
        await pilot.press("escape")
        await pilot.pause()
        await confirm(pilot, "blijft bewaard")
        assert isinstance(app.screen, LibraryScreen)
        assert any("bewaard" in n.message for n in app._notifications)
        assert not app.store.is_locked(runner.session.id), "the session is let go of"
        data = only_session(data_dir)
        assert data["status"] == "bezig"
        assert data["werkvormen"][0]["stappen"][1]["concepten"] == {"turn-input": "Half gezegd"}

        app.post_message(ResumeSession(runner.session.id))  # in the same run: not "open in another window"
        await wait_for(pilot, lambda: isinstance(app.screen, RunnerScreen), "the session runs again")
        assert app.screen.query_one("#turn-input", Input).value == "Half gezegd"


async def test_escape_first_closes_the_beamer_view(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press("f5")
        assert runner.presenting
        await pilot.press("escape")
        await pilot.pause()
        assert not runner.presenting and app.screen is runner


async def test_the_palette_never_drops_a_running_session_unasked(make_app, data_dir, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press("ctrl+t")
        clock.advance(30)

        async def choose_from_palette(text: str) -> None:
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
            await pilot.press(*text)
            await wait_for(pilot, lambda: "Werkvorm: Schaalvraag" in str(
                app.screen.query_one("CommandList").get_option_at_index(0).prompt), "the command is found")
            await pilot.press("enter")
            await pilot.pause()

        await choose_from_palette("Werkvorm: Schaalvraag")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is runner, "cancelled: the session goes on"

        await choose_from_palette("Werkvorm: Schaalvraag")
        await confirm(pilot, "blijft bewaard")
        assert isinstance(app.screen, SetupScreen)
        data = only_session(data_dir)
        assert data["status"] == "bezig" and data["werkvormen"][0]["stappen"][1]["gebruikte_seconden"] == 30
        assert not app.store.is_locked(runner.session.id)


async def test_finishing_with_a_round_still_open_asks_first(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press(*"Goed", "enter")  # Anna spoke; Bram and Chris have not
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Bram, Chris" in str(app.screen.query_one("#confirm-text").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is runner and only_session(data_dir)["status"] == "bezig"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await confirm(pilot, "nog niet rond")
        assert isinstance(app.screen, SummaryScreen)
    assert only_session(data_dir)["status"] == "afgerond"


async def test_a_finished_session_can_be_reopened_and_finished_again(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_check_in_round(pilot, participants="Anna")
        await pilot.press(*"Klaar", "enter", "ctrl+n")  # one speaker: the round is complete, no question
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionViewScreen)
        assert app.screen.check_action("reopen", ()) and not app.screen.check_action("resume", ())
        await pilot.press("ctrl+o")
        await pilot.pause()
        await confirm(pilot, "heropend")
        assert isinstance(app.screen, RunnerScreen)
        data = only_session(data_dir)
        assert data["status"] == "bezig" and len(data["heropend"]) == 1
        await pilot.press("ctrl+z")  # take Anna's turn back and say something else
        await pilot.press(*"Toch anders", "enter", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    data = only_session(data_dir)
    assert data["status"] == "afgerond" and len(data["heropend"]) == 1
    assert data["werkvormen"][0]["stappen"][1]["vastgelegd"]["beurten"][0]["tekst"] == "Toch anders"
    from samenslim.domain.export import markdown
    from samenslim.domain.session import session_from_json

    assert "**Heropend:**" in markdown(session_from_json(data)), "the verslag says it was reopened"


async def test_a_wrong_speaking_time_is_explained_next_to_its_field_and_in_view(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(60, 20)) as pilot:
        runner = await start_check_in_round(pilot)
        field = runner.query_one("#per-person", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"99:99")
        await pilot.pause()
        error = runner.query_one("#per-person-error")
        assert "Spreektijd p.p.:" in str(error.render()) and error.display
        await wait_for(pilot, lambda: error.region and runner.query_one("#step-pane").region.contains_region(
            error.region), "the error is scrolled into view")
        await pilot.press(*["backspace"] * 5, "2")
        await pilot.pause()
        assert not error.has_class("-shown")
    assert only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]["per_persoon"] == 120


# -- nothing typed is lost ---------------------------------------------------------------------------
async def test_unsent_text_is_saved_as_a_draft_and_put_back_on_resume(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press(*"Anna zegt iets over Jaïr")
        app.autosaver.flush()
        step = only_session(data_dir)["werkvormen"][0]["stappen"][1]
        assert step["concepten"] == {"turn-input": "Anna zegt iets over Jaïr"}
        await pilot.press("enter")  # confirmed: it becomes a turn and the draft goes
        await pilot.pause()
        app.autosaver.flush()
        step = only_session(data_dir)["werkvormen"][0]["stappen"][1]
        assert step["concepten"] == {} and step["vastgelegd"]["beurten"][0]["tekst"] == "Anna zegt iets over Jaïr"
        await pilot.press(*"Bram begint")
        await pilot.press("ctrl+q")
    assert runner.session.status == "bezig"

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert "nog niet met Enter" in screen_text(app), "the dialog says what is true"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#turn-input", Input).value == "Bram begint"


async def test_a_running_timer_is_saved_while_it_runs(make_app, data_dir, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = await start_check_in_round(pilot)
        await pilot.press("ctrl+t")
        for _ in range(4):
            clock.advance(5)
            await wait_for(pilot, lambda: runner.step.gebruikte_seconden >= clock.now - 1000 - 5 - 0.01,
                           "the display's second tick saves the time used")
        app.autosaver.flush()
        used = only_session(data_dir)["werkvormen"][0]["stappen"][1]["gebruikte_seconden"]
        assert used >= 15, used
        assert runner.timer.running, "saving did not pause it"


async def test_a_timed_step_starts_its_timer_by_itself_unless_the_setting_says_no(make_app, data_dir) -> None:
    app = make_app(offer_resume=False, timer_starts_by_itself=None)  # as a user gets it: from the settings
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram")
        assert app.screen.timer.running
        await pilot.press("ctrl+t")
        assert not app.screen.timer.running, "ctrl+t still pauses"

    (data_dir / "instellingen.toml").write_text("timer_automatisch = false\n", encoding="utf-8")
    app = make_app(offer_resume=False, timer_starts_by_itself=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram")
        assert not app.screen.timer.running
        assert "nog niet gestart" in screen_text(app)


async def test_the_schedule_says_which_steps_it_leaves_out(make_app) -> None:
    from datetime import UTC, datetime

    from samenslim.domain.content import load_content
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.schedule import schedule
    from samenslim.domain.session import new_session

    library = load_content(builtin_content_dir(), None)
    meeting = new_session([library.werkvormen["check-in"], library.werkvormen["schaalvraag"]], titel="Agenda")
    nine = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    untimed = len(meeting.werkvormen[1].stappen)
    assert schedule(meeting, 0, 60, nine).line() == f"op schema · klaar ± 09:10 + {untimed} stappen zonder vaste tijd"
    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram")
        assert app.screen.schedule_line() == "geen geplande tijden", "no plan, so no end time to expect"


# -- one notice per problem -------------------------------------------------------------------------------
async def test_the_same_problem_is_one_notification_updated_not_repeated(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        for _ in range(5):
            app.notify("Opslaan mislukt: de schijf is vol.", title="Niet opgeslagen", severity="error")
            await pilot.pause()
        app.notify("Iets anders")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages.count("Opslaan mislukt: de schijf is vol.") == 1 and "Iets anders" in messages


# -- when something unexpected goes wrong ----------------------------------------------------------------------
async def test_an_unexpected_error_saves_first_writes_a_report_without_notes_and_is_told_next_time(
        make_app, data_dir, monkeypatch) -> None:
    def broken(self) -> None:
        raise RuntimeError(f"kapot bij {self.query_one('#turn-input', Input).value}")

    monkeypatch.setattr(RondjeView, "action_pass_turn", broken)
    app = make_app(offer_resume=False)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 30)) as pilot:
            runner = await start_check_in_round(pilot)
            await pilot.press(*"Geheim over Daan")
            await pilot.press("ctrl+o")
            await pilot.pause()
    assert app.return_code == 1
    session_id = runner.session.id
    data = only_session(data_dir)
    assert data["werkvormen"][0]["stappen"][1]["concepten"] == {"turn-input": "Geheim over Daan"}
    [report] = (data_dir / "crashrapporten").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "in broken" in text and session_id in text
    assert "Geheim over Daan" not in text and "[tekst]" in text, "no notes in the report"
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700

    monkeypatch.undo()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert any("onverwacht" in n.message and report.name in n.message for n in app._notifications)
        assert isinstance(app.screen, ResumeScreen), "the session is offered"
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert not any("onverwacht" in n.message for n in app._notifications), "said once"


def test_the_command_line_exits_non_zero_with_a_dutch_notice_and_no_traceback(monkeypatch, tmp_path, capsys) -> None:
    from samenslim.app import SamenslimApp

    def crashed_run(self) -> None:
        self._return_code = 1
        self.crash_report = tmp_path / "crash.txt"

    monkeypatch.setattr(SamenslimApp, "run", crashed_run)
    monkeypatch.setattr(cli, "terminal_problem", lambda command: None)  # pytest's output is no terminal
    assert cli.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "onverwacht gestopt" in err and str(tmp_path / "crash.txt") in err and "Traceback" not in err


def test_crash_report_scrubs_captured_text() -> None:
    from samenslim.domain.crash import scrub

    assert scrub("geen toegang tot de Vries, Piet en Anna", {"de Vries, Piet", "Anna"}) == \
        "geen toegang tot [tekst] en [tekst]"
