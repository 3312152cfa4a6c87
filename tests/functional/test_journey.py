"""A group's journey across sessions (journey.py) and the two screens that show it: the group's
overview and the look-back on open actions when a new session starts."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from textual.app import App

from samenslim.domain.content import load_content
from samenslim.domain.journey import Action, action_key, journey, open_actions
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import Sessie, new_session

TZ = timezone(timedelta(hours=2))
FIRST, SECOND, THIRD = (datetime(2026, 9, 12, 14, 0, tzinfo=TZ), datetime(2026, 10, 10, 14, 0, tzinfo=TZ),
                        datetime(2026, 11, 14, 14, 0, tzinfo=TZ))


@pytest.fixture(scope="module")
def library():
    return load_content(builtin_content_dir(), None)


def step(session: Sessie, soort: str, nth: int = 0):
    found = [(w, s, st) for w, run in enumerate(session.werkvormen) for s, st in enumerate(run.stappen)
             if st.soort == soort]
    return found[nth]


def meeting(library, titel: str, created: datetime, *, werkvormen=("schaalvraag",), groep: str = "Team Oost",
            thema: str = "elke jongere in beeld", score: int | None = None, acties=(), experimenten=(),
            modus: str = "groep") -> Sessie:
    session = new_session([library.werkvormen[w] for w in werkvormen], titel=titel, groep=groep, thema=thema,
                          created=created, modus=modus, stapels=library.stapels)
    if score is not None:
        step(session, "schaal")[2].vastgelegd = {"groep": score, "per_deelnemer": {}}
    if acties:
        step(session, "actie")[2].vastgelegd = {"acties": list(acties)}
    if experimenten:
        step(session, "experiment")[2].vastgelegd = {"experimenten": list(experimenten)}
    return session


def key_of(session: Sessie, soort: str, item: int) -> str:
    w, s, _ = step(session, soort)
    return action_key(session.id, w, s, item)


@pytest.fixture
def team(library) -> list[Sessie]:
    return make_team(library)


def make_team(library) -> list[Sessie]:
    """Three meetings of Team Oost (scores 4, 5, 7), plus a solo session and another group's."""
    one = meeting(library, "Bijeenkomst 1", FIRST, score=4, acties=[
        {"tekst": "Roosters van de mentoren naast elkaar leggen", "eigenaar": "Sam", "wanneer": "1 oktober"},
        {"tekst": "Ouderavond anders inrichten", "eigenaar": "Noor", "wanneer": "november"},
    ])
    two = meeting(library, "Bijeenkomst 2", SECOND, groep="  team   OOST ", score=5,
                  werkvormen=("schaalvraag", "experiment-ontwerpen"),
                  experimenten=[{"tekst": "Elke week één gesprek buiten", "eigenaar": "Ali",
                                 "evaluatie": "14 november", "status": "open"}])
    two.opvolging = {key_of(one, "actie", 0): "gedaan", key_of(one, "actie", 1): "loopt door"}
    three = meeting(library, "Bijeenkomst 3", THIRD, score=7, thema="iedere jongere een plek")
    three.status = "afgerond"
    alone = meeting(library, "Alleen", SECOND + timedelta(days=1), score=2, modus="solo")
    west = meeting(library, "West", SECOND, groep="Team West", score=9, thema="anders")
    sessions = [three, alone, one, west, two]
    random.Random(3).shuffle(sessions)
    return sessions


def by_title(sessions: list[Sessie], titel: str) -> Sessie:
    return next(s for s in sessions if s.titel == titel)


# --- the domain ---------------------------------------------------------------------------------

def test_action_key() -> None:
    assert action_key("20260912-140000-x-ab12", 1, 5, 0) == "20260912-140000-x-ab12#1.5.0"


def test_scores_come_in_date_order_and_other_sessions_stay_out(team, library) -> None:
    found = journey(team, "Team Oost")
    assert [(score.datum, score.sessie, score.score) for score in found.scores] == [
        (FIRST, "Bijeenkomst 1", 4), (SECOND, "Bijeenkomst 2", 5), (THIRD, "Bijeenkomst 3", 7)]
    assert [m.titel for m in found.meetings] == ["Bijeenkomst 1", "Bijeenkomst 2", "Bijeenkomst 3"]
    assert found.meetings[1].werkvormen == ("Schaalvraag", library.werkvormen["experiment-ontwerpen"].titel)
    assert found.meetings[2].status == "afgerond"
    assert found.schaal == (0, 10)
    assert found.naam == "Team Oost"  # as written in the newest session


def test_group_name_matches_case_and_space_insensitively(team) -> None:
    assert [s.score for s in journey(team, "  team oost").scores] == [4, 5, 7]
    assert [s.score for s in journey(team, "TEAM   OOST").scores] == [4, 5, 7]
    assert [s.score for s in journey(team, "team west").scores] == [9]
    assert journey(team, "Team Noord").meetings == []
    assert journey(team, "   ").meetings == []


def test_two_scales_in_one_session_give_two_points(library) -> None:
    session = new_session([library.werkvormen["schaalvraag"]] * 2, titel="Dubbel", groep="G", created=FIRST)
    step(session, "schaal", 0)[2].vastgelegd = {"groep": 3}
    step(session, "schaal", 1)[2].vastgelegd = {"groep": 6}
    assert [s.score for s in journey([session], "g").scores] == [3, 6]


def test_theme_changes_are_listed_once(team) -> None:
    found = journey(team, "team oost")
    assert found.themes == [(FIRST, "elke jongere in beeld"), (THIRD, "iedere jongere een plek")]
    assert found.thema == "iedere jongere een plek"


def test_status_comes_from_the_later_sessions_review(team) -> None:
    found = journey(team, "Team Oost")
    one, two = by_title(team, "Bijeenkomst 1"), by_title(team, "Bijeenkomst 2")
    statuses = {action.tekst: action.status for action in found.actions}
    assert statuses == {"Roosters van de mentoren naast elkaar leggen": "gedaan",
                        "Ouderavond anders inrichten": "loopt door",
                        "Elke week één gesprek buiten": "open"}
    done = found.actions[0]
    assert done == Action(key=key_of(one, "actie", 0), soort="actie",
                          tekst="Roosters van de mentoren naast elkaar leggen", eigenaar="Sam", wanneer="1 oktober",
                          sessie_id=one.id, sessie_datum=FIRST, sessie_titel="Bijeenkomst 1", werkvorm="Schaalvraag",
                          status="gedaan", status_sessie=two.id)
    experiment = found.actions[2]
    assert (experiment.soort, experiment.wanneer, experiment.eigenaar) == ("experiment", "14 november", "Ali")
    # 'loopt door' comes back at the next meeting; 'gedaan' does not.
    assert [a.tekst for a in open_actions(team, "Team Oost")] == ["Ouderavond anders inrichten",
                                                                  "Elke week één gesprek buiten"]


def test_the_newest_review_wins_and_earlier_sessions_cannot_review(team) -> None:
    one, three = by_title(team, "Bijeenkomst 1"), by_title(team, "Bijeenkomst 3")
    two = by_title(team, "Bijeenkomst 2")
    three.opvolging = {key_of(one, "actie", 1): "vervallen", key_of(two, "experiment", 0): "gedaan"}
    one.opvolging = {key_of(two, "experiment", 0): "vervallen"}  # older than the experiment: ignored
    statuses = {a.tekst: (a.status, a.status_sessie) for a in journey(team, "Team Oost").actions}
    assert statuses["Ouderavond anders inrichten"] == ("vervallen", three.id)
    assert statuses["Elke week één gesprek buiten"] == ("gedaan", three.id)
    assert open_actions(team, "Team Oost") == []


def test_a_review_in_a_solo_session_or_another_group_does_not_count(team) -> None:
    one = by_title(team, "Bijeenkomst 1")
    by_title(team, "West").opvolging = {key_of(one, "actie", 1): "gedaan"}
    by_title(team, "Alleen").opvolging = {key_of(one, "actie", 1): "vervallen"}
    assert [a.tekst for a in open_actions(team, "Team Oost")][0] == "Ouderavond anders inrichten"




# --- the screens --------------------------------------------------------------------------------

class Host(App):
    """A bare app that shows one screen and keeps what it was dismissed with."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.shown = screen
        self.result: object = "niet gesloten"

    def on_mount(self) -> None:
        self.push_screen(self.shown, callback=self.closed)

    def closed(self, result) -> None:
        self.result = result


def visible(app, scrollbar: int = 0) -> str:
    """What the terminal shows now, line by line (without the last `scrollbar` columns)."""
    width = app.size.width - scrollbar
    return "\n".join(strip.text[:width] for strip in app.screen._compositor.render_strips())


def flat(app) -> str:
    """The visible words in reading order, borders left out: a wrapped phrase reads as one."""
    text = visible(app)
    for border in "▊▎█▔▁":
        text = text.replace(border, " ")
    return " ".join(text.split())


def assert_fits(app) -> None:
    width = app.size.width
    for widget in app.screen.query("*"):
        if widget.display and widget.region.width:
            assert widget.region.right <= width, widget
    for scroller in app.screen.query("VerticalScroll, OptionList"):
        assert scroller.max_scroll_x == 0, scroller


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_group_screen_shows_the_journey(team, size) -> None:
    from samenslim.screens.group import GroupScreen, ScoreChart

    app = Host(GroupScreen(journey(team, "team oost")))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupScreen)
        assert "Groep: Team Oost" in visible(app)
        assert_fits(app)
        screen.query_one(ScoreChart).scroll_visible(animate=False)
        await pilot.pause()
        lines = visible(app, scrollbar=2).splitlines()
        dates = next(line for line in lines if "12-09 10-10 14-11" in line)
        numbers = lines[lines.index(dates) + 1]
        assert numbers.split() == ["4", "5", "7"]
        # each number sits under its date
        for day, number in (("12-09", "4"), ("10-10", "5"), ("14-11", "7")):
            assert numbers[dates.index(day) + 2] == number
        assert "█" in visible(app)
        await pilot.press("end")
        await pilot.pause()
        shown = visible(app)
        for status in ("✓ gedaan", "↻ loopt door", "☐ open"):
            assert status in shown
        assert "Elke week één gesprek buiten" in shown
        screen.query_one("#group-themes").scroll_visible(animate=False)
        await pilot.pause()
        shown = visible(app)
        assert "12-09-2026  eerst: elke jongere in beeld" in shown
        assert "14-11-2026  werd: iedere jongere een plek  (nu)" in shown
        await pilot.press("home")
        await pilot.pause()
        assert "14-11-2026  Bijeenkomst 3 · Schaalvraag · schaalvraag 7" in visible(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GroupScreen)


async def test_group_screen_keeps_the_newest_scores_when_narrow(library) -> None:
    from samenslim.screens.group import GroupScreen

    start = datetime(2026, 1, 5, tzinfo=TZ)
    sessions = [meeting(library, f"B{n}", start + timedelta(weeks=n), score=n % 11) for n in range(12)]
    app = Host(GroupScreen(journey(sessions, "Team Oost")))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert_fits(app)
        chart = str(app.screen.query_one("#group-scores").render())
        assert "de laatste 8 van 12" in chart  # 8 columns of 6 fit beside the axis in 56
        assert chart.splitlines()[-2].split() == ["4", "5", "6", "7", "8", "9", "10", "0"]


async def test_group_screen_without_history() -> None:
    from samenslim.screens.group import GroupScreen

    app = Host(GroupScreen(journey([], "Nieuw team")))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = visible(app)
        assert "Groep: Nieuw team" in shown
        assert "Nog geen sessies" in shown and "Nog geen score" in shown


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_open_actions_screen_records_the_review(team, size) -> None:
    from samenslim.screens.open_actions import OpenActionsScreen

    one, two = by_title(team, "Bijeenkomst 1"), by_title(team, "Bijeenkomst 2")
    items = open_actions(team, "Team Oost")
    app = Host(OpenActionsScreen(items))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = flat(app)
        assert "Hoe staat het met de acties van vorige keer?" in shown
        assert "· nog niet Ouderavond anders inrichten wie: Noor · wanneer: november · uit 12-09 Bijeenkomst 1 · " \
               "liep al door" in shown
        assert "· nog niet Elke week één gesprek buiten wie: Ali · evalueren: 14 november · uit 10-10 " \
               "Bijeenkomst 2" in shown
        assert "Enter: opslaan · Esc: later" in shown
        assert_fits(app)
        await pilot.press("g")  # first: gedaan, and the cursor moves on
        await pilot.press("space", "space")  # second: nothing → gedaan → loopt door
        await pilot.pause()
        shown = flat(app)
        assert "✓ gedaan Ouderavond" in shown and "↻ loopt door Elke week" in shown
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == {key_of(one, "actie", 1): "gedaan", key_of(two, "experiment", 0): "loopt door"}


async def test_open_actions_cycle_back_to_nothing_and_ctrl_n(team) -> None:
    from samenslim.screens.open_actions import OpenActionsScreen

    two = by_title(team, "Bijeenkomst 2")
    app = Host(OpenActionsScreen(open_actions(team, "Team Oost")))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("v")  # first: vervallen
        await pilot.press("up", "space", "space")  # first again: vervallen → nothing → gedaan
        await pilot.press("space", "space", "space")  # … → loopt door → vervallen → nothing
        await pilot.press("down", "v")
        await pilot.pause()
        assert "✗ vervallen" in visible(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert app.result == {key_of(two, "experiment", 0): "vervallen"}


async def test_open_actions_later_records_nothing(team) -> None:
    from samenslim.screens.open_actions import OpenActionsScreen

    app = Host(OpenActionsScreen(open_actions(team, "Team Oost")))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("g", "escape")
        await pilot.pause()
    assert app.result is None
