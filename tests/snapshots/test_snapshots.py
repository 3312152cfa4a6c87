"""Snapshot tests of the main screens at a normal and a small (zoomed, projected) size.

Update after an intended change with: pytest tests/snapshots/test_snapshots.py --snapshot-update
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

import pytest

from tests.conftest import fill_setup, open_werkvorm, settled

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((60, 20), id="60x20")]


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's snap_compare, with every text cursor steady (drawn) when the
    picture is taken. A blinking cursor is on or off depending on how long the steps before took,
    so under CPU load a snapshot of a focused field (the library's filter, setup's title) failed
    now and then."""

    def compare(app, *args, run_before=None, **kwargs):
        async def then_steady_cursors(pilot) -> None:
            if run_before is not None:
                await run_before(pilot)
            steady_cursor_blink(pilot.app)

        return snap_compare(app, *args, run_before=then_steady_cursors, **kwargs)

    return compare


def steady_cursor_blink(app) -> None:
    from textual.widgets import Input, TextArea

    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea").results():
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False


def steady_cursors(app) -> None:
    """A blinking cursor is drawn or not depending on timing; a snapshot needs it steady. The same
    for the runner's once-a-second tick (schedule, speaker clock): done now, a later one changes nothing."""
    if hasattr(app.screen, "tick"):
        app.screen.tick()

    steady_cursor_blink(app)
    if app.focused is not None:  # the same scroll position every run, wherever layout settled:
        for pane in app.screen.query("#step-pane").results():  # from the top, then to the field
            pane.scroll_to(y=0, animate=False, immediate=True)
        app.focused.scroll_visible(animate=False, immediate=True)


async def stable_layout(pilot) -> None:
    """Wait until the step pane's sizes and scroll position stop changing (an auto-height TextArea
    can take a few layout passes), so the scrollbar thumb is drawn from the final sizes."""
    last = None
    for _ in range(20):
        steady_cursors(pilot.app)
        pilot.app.screen.refresh(layout=True)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)
        panes = list(pilot.app.screen.query("#step-pane").results())
        now = [(pane.virtual_size, pane.scroll_offset, pane.size) for pane in panes]
        if now == last:
            return
        last = now


async def settle(pilot) -> None:
    """Let the start-up work (full content load, session scan) finish, so the screen is final;
    no animated scrolling, so where a pane is scrolled to never depends on timing."""
    pilot.app.animation_level = "none"
    await settled(pilot)


async def to_kind(pilot, werkvorm_id: str, soort: str) -> None:
    """Open a werkvorm from the library and step forward to its first step of the given kind."""
    await settle(pilot)
    await open_werkvorm(pilot, werkvorm_id)
    await fill_setup(pilot, participants="Anna; Bram; Chris; Dana; Eva", group="Team Oost",
                     theme="elke jongere een plek")
    for _ in range(20):
        if pilot.app.screen.step.soort == soort:
            return
        await pilot.press("ctrl+n")
        await pilot.pause()
    raise AssertionError(f"{werkvorm_id} has no step of kind {soort}")


async def review_list(pilot) -> None:
    """The example sessions (sessions/) in the list of earlier sessions."""
    import shutil
    from pathlib import Path

    folder = pilot.app.locations.sessions_dir
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((Path(__file__).resolve().parents[2] / "sessions").glob("*.json")):
        shutil.copy(path, folder / path.name)
    await settle(pilot)
    await pilot.press("ctrl+r")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# One screen per step kind added for the whole workbook, with something captured in it.
NEW_KINDS = {
    "kolommen": ("hoe-werkte-het-hier", ["Ik vroeg door", "enter", "tab", "Vaste overlegtafel", "enter"]),
    "cirkels": ("progressiecirkel", ["Eerste gesprek gevoerd", "enter", "Jongeren doen mee", "enter"]),
    "tweegesprek": ("waarderend-interview", ["Samen een stageplek gevonden", "tab", "Eerste week was spannend"]),
    "keuze": ("vastloopsituaties", ["down", "down", "enter"]),
    "experiment": ("experiment-ontwerpen", ["Wekelijks spreekuur op school", "tab", "Bram", "tab", "Lokaal regelen"]),
    "thema": ("positief-thema", ["Iedereen wil dat jongeren meedoen"]),
}


class TestLibrary:
    """The library (home screen): the workbook's werkvormen by chapter with the book's numbers, a
    filter field above, and the highlighted werkvorm's details (chapter, minutes, phase, steps, the
    chapter's werkzame principes). Look at: the chapter headings, the details beside the list at
    100 columns and below it at 60, the footer's keys in order of importance."""

    @pytest.mark.parametrize("size", SIZES)
    def test_werkvormen_by_chapter(self, snap_compare, make_app, size) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=settle)


class TestSetup:
    """Setup: the agenda (werkvormen, or a meeting of the programme), group or solo, title, group,
    positive theme and participants, before the first step. Look at: what was typed lands in the
    title field, every empty field shows a Dutch example; at 60x20 the labels go above their fields
    and the form scrolls to the focused title."""

    @pytest.mark.parametrize("size", SIZES)
    def test_title_typed_with_the_agenda(self, snap_compare, make_app, size) -> None:
        async def agenda(pilot) -> None:
            await settle(pilot)
            await open_werkvorm(pilot, "check-in")
            await pilot.press(*"Team Oost")
            await pilot.pause()

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=agenda)


class TestRunner:
    """The runner: a step running, with the big timer, the schedule line ("1 min achter · klaar ±
    09:40") and the people in the side panel. Look at: the intervisie question round with a question
    confirmed and the timer at 1:15; the check-in card step 35 s past its time, which says "OVER TIJD"
    in words (not by colour alone) and counts the drift."""

    @pytest.mark.parametrize("size", SIZES)
    def test_question_round(self, snap_compare, make_app, clock, size) -> None:
        async def to_the_round(pilot) -> None:
            await settle(pilot)
            await open_werkvorm(pilot, "intervisie")
            await fill_setup(pilot, participants="Anna; Bram; Chris; Dana",
                             roles={"voorzitter": "Anna", "casusinbrenger": "Chris"})
            await pilot.press("ctrl+n", "ctrl+n")  # to step 3, the question rounds
            await pilot.press(*"Wat wil de jongere zelf?", "enter")
            await pilot.press("ctrl+o")
            await pilot.press("ctrl+t")
            clock.advance(75)
            pilot.app.screen.sync_timer()  # draw the advanced clock now, not at the next tick (busy machines)
            steady_cursors(pilot.app)
            await pilot.pause(0.3)

        assert snap_compare(make_app(), terminal_size=size, run_before=to_the_round)

    @pytest.mark.parametrize("size", SIZES)
    def test_over_time(self, snap_compare, make_app, clock, size) -> None:
        async def into_overtime(pilot) -> None:
            await settle(pilot)
            await open_werkvorm(pilot, "check")
            await fill_setup(pilot, participants="Anna; Bram")
            await pilot.press("down", "enter")  # pick the second card
            await pilot.press("ctrl+t")
            clock.advance(95)
            steady_cursors(pilot.app)
            await pilot.pause(0.3)

        assert snap_compare(make_app(), terminal_size=size, run_before=into_overtime)


class TestStepKinds:
    """The step kinds added for the whole workbook (kolommen, cirkels, tweegesprek, keuze,
    experiment, thema), each with something captured (NEW_KINDS). Look at: each kind's own fields
    holding what was typed, the focused field scrolled into view, nothing cut off at 60x20."""

    @pytest.mark.parametrize("size", SIZES)
    @pytest.mark.parametrize("soort", list(NEW_KINDS))
    def test_kind_with_something_captured(self, snap_compare, make_app, clock, soort, size) -> None:
        werkvorm_id, keys = NEW_KINDS[soort]

        async def fill(pilot) -> None:
            await to_kind(pilot, werkvorm_id, soort)
            for key in keys:
                await pilot.press(*([key] if key in ("enter", "tab", "down") else key))
            await pilot.press("ctrl+t")
            clock.advance(65)
            pilot.app.screen.sync_timer()  # draw the advanced clock now, not at the next tick (busy machines)
            await pilot.wait_for_scheduled_animations()  # scrolling to the focused field settles first
            await stable_layout(pilot)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=fill)


class TestVastloopHelper:
    """The vastloop-helper (ctrl+o on the home screen): the book's vastloopsituaties, the highlighted
    one explained with its patroondoorbreker, and the werkvormen to try. Look at: the long situation
    names wrap inside their box, the werkvormen list with their numbers."""

    @pytest.mark.parametrize("size", SIZES)
    def test_a_situation_highlighted(self, snap_compare, make_app, size) -> None:
        async def stuck(pilot) -> None:
            await settle(pilot)
            await pilot.press("ctrl+o", "down")
            await pilot.pause()

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=stuck)


class TestLookingBack:
    """Looking back: the list of earlier sessions (the example sessions in sessions/), a session's
    read-back (the same Markdown as its verslag) and a group's journey (ctrl+g). Look at: the solo
    session shows only its date and title; the read-back scrolled into its steps; the group's
    schaalvraag scores over time, its theme changes and its actions with their status."""

    @pytest.mark.parametrize("size", SIZES)
    def test_list(self, snap_compare, make_app, size) -> None:
        async def run(pilot) -> None:
            await review_list(pilot)
            await pilot.press("down")
            await pilot.pause(0.3)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=run)

    @pytest.mark.parametrize("size", SIZES)
    def test_read_back(self, snap_compare, make_app, size) -> None:
        async def run(pilot) -> None:
            await review_list(pilot)
            await pilot.press("down", "down", "enter")  # Bijeenkomst 1: check-in, historielijn, positief thema
            await pilot.pause()
            pilot.app.screen.query_one("#view-pane").scroll_to(y=40, animate=False, immediate=True)
            await pilot.pause(0.3)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=run)

    @pytest.mark.parametrize("size", SIZES)
    def test_group_journey(self, snap_compare, make_app, size) -> None:
        async def run(pilot) -> None:
            from samenslim.domain.content import load_content
            from samenslim.domain.locations import builtin_content_dir
            from samenslim.domain.store import SessionStore
            from tests.functional.test_journey import make_team

            store = SessionStore(pilot.app.locations.sessions_dir)
            for session in make_team(load_content(builtin_content_dir(), None)):
                store.save(session)
            await settle(pilot)
            await pilot.press("ctrl+r")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+g")  # the newest: Bijeenkomst 3 of Team Oost
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.3)

        assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=run)


# The meeting room (runner and presentation view, F5): module-level functions, kept as they were.

MEETING_SIZES = [pytest.param((60, 20), id="60x20"), pytest.param((100, 30), id="100x30"),
                 pytest.param((200, 50), id="200x50")]


@pytest.mark.parametrize("size", MEETING_SIZES)
@pytest.mark.parametrize("theme", ["textual-dark", "hoog-contrast"])
def test_meeting_room(snap_compare, make_app, clock, theme, size) -> None:
    """The check-in round 50 s before the end (the warning colour), Anna done and Bram over his time.
    (The beamer view of the same moment: tests/snapshots/test_beamer_snapshots.py.)"""

    async def into_the_round(pilot) -> None:
        await settle(pilot)
        pilot.app.theme = theme
        await open_werkvorm(pilot, "check-in")
        await fill_setup(pilot, participants="Anna; Bram; Chris; Dewi; Eva; Fatima; Gert; Hanna")
        await pilot.press("ctrl+r", "ctrl+n", "ctrl+t")
        clock.advance(70)
        await pilot.press(*"Zin in vandaag", "enter")
        clock.advance(7 * 60)
        steady_cursors(pilot.app)
        await pilot.pause()
        pilot.app.screen.refresh(layout=True)
        await pilot.pause(0.3)

    assert snap_compare(make_app(offer_resume=False), terminal_size=size, run_before=into_the_round)
