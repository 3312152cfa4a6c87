"""Stopping halfway and coming back: nothing typed is lost, the timer keeps its used time, and a
session open in another instance is not offered (nor writable) twice."""

from __future__ import annotations

from textual.widgets import OptionList, TextArea

from samenslim.domain.store import SessionStore
from samenslim.messages import ResumeSession
from samenslim.screens.library import LibraryScreen
from samenslim.screens.resume import ResumeScreen
from samenslim.screens.runner import RunnerScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, settled, wait_for


async def start_schaalvraag_and_stop(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram", title="Team West")
        await pilot.press("ctrl+n", "ctrl+n")  # to 'Wat is al gelukt?'
        await pilot.press("ctrl+t")
        clock.advance(42)
        await pilot.press(*"Half af")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_keeps_the_session_and_the_next_start_resumes_it(make_app, data_dir, clock) -> None:
    await start_schaalvraag_and_stop(make_app, clock)
    data = only_session(data_dir)
    assert data["status"] == "bezig"
    assert data["positie"] == {"werkvorm": 0, "stap": 2}
    step = data["werkvormen"][0]["stappen"][2]
    assert step["vastgelegd"]["notities"] == "Half af"
    assert step["gebruikte_seconden"] == 42

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "Team West" in prompt and "stap 3/6" in prompt
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.query_one(TextArea).text == "Half af"
        assert app.screen.timer.elapsed() == 42 and not app.screen.timer.running
        await pilot.press(*" en verder")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert only_session(data_dir)["werkvormen"][0]["stappen"][2]["vastgelegd"]["notities"] == "Half af en verder"


async def test_declining_resume_goes_to_the_library(make_app, data_dir, clock) -> None:
    await start_schaalvraag_and_stop(make_app, clock)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_a_session_open_elsewhere_is_not_offered(make_app, data_dir, clock) -> None:
    await start_schaalvraag_and_stop(make_app, clock)
    store = SessionStore(data_dir / "sessies")
    session_id = only_session(data_dir)["id"]
    held = store.lock(session_id)  # as another samenslim window would
    try:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen), "a locked session is not offered"
            app.post_message(ResumeSession(session_id))
            await wait_for(pilot, lambda: any("al geopend" in str(n.message) for n in app._notifications),
                           "the refusal is shown")
            assert isinstance(app.screen, LibraryScreen)
    finally:
        held.release()


async def test_a_damaged_session_file_is_reported_and_kept(make_app, data_dir) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    damaged = folder / "20250101-120000-kapot-abcd.json"
    damaged.write_text('{"schema_versie": 1, "titel": "afgebr', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        line = str(app.screen.query_one("#problems-line").render())
        assert damaged.name in line and "geen geldige JSON" in line
    assert damaged.read_text(encoding="utf-8") == '{"schema_versie": 1, "titel": "afgebr'


async def test_at_40_by_12_the_sessions_to_resume_are_in_sight(make_app, data_dir, clock) -> None:
    """The explanation filled the small dialog and pushed the list out of sight."""
    await start_schaalvraag_and_stop(make_app, clock)
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 0
        # The first line of the highlighted session, where the screen draws it: the list is there.
        x, y = options.content_region.x, options.content_region.y
        assert 0 <= y < 12 and app.screen.get_widget_at(x, y)[0] is options
        line = options.render_line(0).text
        assert "Team West" in line, line
