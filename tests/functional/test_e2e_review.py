"""Looking back, through the real app: the list of earlier sessions (filter, search, open, export,
delete, resume), a group's journey, and the open actions shown when the group meets again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown, Select

from samenslim.domain.content import load_content
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.store import SessionStore
from samenslim.screens.group import GroupScreen
from samenslim.screens.open_actions import OpenActionsScreen
from samenslim.screens.runner import RunnerScreen
from samenslim.screens.session_view import SessionViewScreen
from samenslim.screens.sessions import SessionsScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, session_files, settled
from tests.functional.test_journey import by_title, key_of, make_team

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "sessions").glob("*.json"))


@pytest.fixture(scope="module")
def library():
    return load_content(builtin_content_dir(), None)


def put_examples(data_dir: Path) -> Path:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    for path in EXAMPLES:
        shutil.copy(path, folder / path.name)
    return folder


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def open_list(pilot) -> SessionsScreen:
    await settled(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionsScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_list_filter_search_open_and_export(make_app, data_dir) -> None:
    put_examples(data_dir)
    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_list(pilot)
        titles = [row[3] for row in rows(app)]
        assert titles == ["Mijn rol in het netwerk", "Intervisie trajectbegeleiders april",
                          "Bijeenkomst 1: Samen richten"], "newest first"
        solo = rows(app)[0]
        assert solo[1:3] == ["", ""] and solo[4:] == ["", ""], "a solo session shows only its date and title"
        # Filter by mode, then by group.
        screen.query_one("#f-mode", Select).value = "groep"
        await pilot.pause()
        assert len(rows(app)) == 2
        screen.query_one("#f-mode", Select).clear()
        screen.query_one("#f-group", Select).value = "Netwerk Jongeren Oost"
        await pilot.pause()
        assert [row[3] for row in rows(app)] == ["Bijeenkomst 1: Samen richten"]
        screen.query_one("#f-group", Select).clear()
        # Full-text search finds what was captured, not only titles.
        await pilot.press("ctrl+f", *"warme overdracht")
        await app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()
        assert [row[3] for row in rows(app)] == ["Bijeenkomst 1: Samen richten"]
        screen.query_one("#search", Input).value = ""
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(rows(app)) == 3
        # Open the intervisie: its rounds are read back per person.
        screen.query_one(DataTable).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, SessionViewScreen)
        text = view.query_one(Markdown).source
        assert "## Progressiegerichte intervisie" in text and "Fatma" in text
        await pilot.press("ctrl+e")  # the export dialog: v for the full report, Enter writes it
        await pilot.pause()
        await pilot.press("v", "enter")
        await pilot.pause()
    report = data_dir / "verslagen" / f"{EXAMPLES[1].stem}.md"
    assert report.read_text(encoding="utf-8").startswith("# Intervisie trajectbegeleiders april")
    assert json.loads((data_dir / "verslagen" / f"{EXAMPLES[1].stem}.json").read_text())["id"] == EXAMPLES[1].stem


async def test_delete_asks_by_name_and_removes_everything(make_app, data_dir) -> None:
    folder = put_examples(data_dir)
    victim = EXAMPLES[0].stem  # Bijeenkomst 1, the oldest: the last row
    (folder / f"{victim}.lock").write_text("")
    (folder / f".{victim}.123.abcdef.tmp").write_text("{}")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(pilot)
        await pilot.press("down", "down", "delete")
        await pilot.pause()
        assert "'Bijeenkomst 1: Samen richten' van 12-03-2026 13:30" in str(app.screen.query_one("#confirm-text").render())
        await pilot.press("enter")  # the focus is on Annuleren: nothing happens
        await pilot.pause()
        assert (folder / f"{victim}.json").exists()
        await pilot.press("delete", "tab", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(rows(app)) == 2
    left = sorted(path.name for path in folder.iterdir())
    assert not [name for name in left if victim in name], left
    assert victim not in (folder / ".index.json").read_text(), "the index forgets it too"


async def test_damaged_and_newer_files_are_listed_and_left_alone(make_app, data_dir) -> None:
    folder = put_examples(data_dir)
    broken = folder / "20260501-100000-kapot-aaaa.json"
    broken.write_bytes(b'{"schema_versie": 1, "id": "kapot", "titel": "hal')
    newer = json.loads(EXAMPLES[0].read_text())
    newer.update(schema_versie=99, id="20260502-100000-nieuw-bbbb", titel="Uit de toekomst")
    (folder / "20260502-100000-nieuw-bbbb.json").write_text(json.dumps(newer))
    before = broken.read_bytes()
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(pilot)
        table = rows(app)
        assert any(row[1] == "BESCHADIGD" and "JSON" in row[5] for row in table)
        assert any(row[1] == "nieuwer" and row[3] == "Uit de toekomst" for row in table)
        for index, row in enumerate(table):
            app.screen.query_one(DataTable).move_cursor(row=index)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionViewScreen), row
            if row[1] == "nieuwer":
                assert "nieuwere versie" in str(app.screen.query_one("#view-note").render())
                assert not app.screen.check_action("resume", ())
            await pilot.press("escape")
            await pilot.pause()
    assert broken.read_bytes() == before


async def test_an_unfinished_session_is_resumed_from_the_read_back(make_app, data_dir, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await open_werkvorm(pilot, "schaalvraag")
        await fill_setup(pilot, participants="Anna; Bram", group="Team Oost")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(pilot)
        assert rows(app)[0][1] == "niet afgerond"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.session.positie.stap == 1, "it continues where it stopped"


async def test_a_group_with_three_sessions_shows_its_scores_and_open_actions_next_time(
        make_app, data_dir, library) -> None:
    store = SessionStore(data_dir / "sessies")
    team = make_team(library)
    for session in team:
        store.save(session)
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_list(pilot)
        table = rows(app)
        index = next(i for i, row in enumerate(table) if row[3] == "Bijeenkomst 3")
        app.screen.query_one(DataTable).move_cursor(row=index)
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        group = app.screen
        assert isinstance(group, GroupScreen)
        assert [score.score for score in group.journey.scores] == [4, 5, 7]
        chart = "\n".join(str(strip.text) for strip in group.query_one("ScoreChart").render_lines(
            group.query_one("ScoreChart").region.reset_offset))
        assert "12-09" in chart and "10-10" in chart and "14-11" in chart
        await pilot.press("escape", "escape")
        await pilot.pause()
        # The group meets again: first its open actions from earlier meetings.
        await open_werkvorm(pilot, "check-in")
        screen = app.screen
        screen.query_one("#group", Input).value = "Team Oost"
        screen.query_one("#participants", Input).value = "Sam, Noor"
        await pilot.press("ctrl+n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OpenActionsScreen)
        shown = [action.tekst for action in app.screen.actions]
        assert "Ouderavond anders inrichten" in shown, "continued last time: back on the table"
        assert "Roosters van de mentoren naast elkaar leggen" not in shown, "done last time"
        first = app.screen.actions[0]
        await pilot.press("g", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    one = by_title(team, "Bijeenkomst 1")
    newest = json.loads(max(session_files(data_dir), key=lambda path: path.stat().st_mtime).read_text())
    assert newest["opvolging"] == {first.key: "gedaan"}
    assert first.key in (key_of(one, "actie", 1), key_of(by_title(team, "Bijeenkomst 2"), "experiment", 0))


def test_only_session_helper_ignores_the_index(data_dir) -> None:
    put_examples(data_dir)
    (data_dir / "sessies" / ".index.json").write_text("{}")
    assert len(session_files(data_dir)) == len(EXAMPLES)
    with pytest.raises(AssertionError):
        only_session(data_dir)


def test_circles_are_read_back_as_rings_inside_out(library) -> None:
    from samenslim.domain.export import markdown
    from samenslim.domain.session import new_session

    session = new_session([library.werkvormen["progressiecirkel"]], titel="Cirkel", stapels=library.stapels)
    step = next(step for step in session.werkvormen[0].stappen if step.soort == "cirkels")
    inner, outer = step.inhoud["ringen"][0], step.inhoud["ringen"][-1]
    step.vastgelegd = {"items": [{"tekst": "Ouders bellen", "ring": outer},
                                 {"tekst": "Contact met RMC", "ring": inner, "relatie": "sterk"}]}
    text = markdown(session)
    assert f"- **◎ {inner} (binnenste ring)**\n  - Contact met RMC (relatie: sterk)" in text
    assert text.index(inner + " (binnenste") < text.index(outer + " (buitenste")
