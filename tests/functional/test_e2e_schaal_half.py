"""Schaalvraag scores with a half point ('6,5' or '6.5'), errors next to their field and in view,
and a 6.5 read back in Dutch ('6,5') by the summary, the report and the group's journey."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input

from samenslim.screens.summary import SummaryScreen
from tests.conftest import choose_werkvorm, fill_setup, only_session, screen_text, widget_text


async def to_the_scores(pilot) -> None:
    await choose_werkvorm(pilot, "schaalvraag")
    await fill_setup(pilot, participants="Anna; Bram; Chris")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert pilot.app.screen.step.soort == "schaal"


async def type_score(pilot, key: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#score-{key}", Input)
    field.focus()
    await pilot.press(*text)
    await pilot.pause()


def in_view(app, widget) -> bool:
    """The widget is on screen now: it is what the screen has at its own top-left cell."""
    region = widget.region
    return (region.height > 0 and app.screen.region.contains(*region.offset)
            and app.screen.get_widget_at(*region.offset)[0] is widget)


async def test_half_points_with_comma_or_dot(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_the_scores(pilot)
        await type_score(pilot, "groep", "6,5")
        field = app.screen.query_one("#score-groep", Input)
        assert field.value == "6,5" and "6,5" in field.render_line(0).text, "the whole score is in sight"
        assert app.screen.step.vastgelegd["groep"] == 6.5
        assert "●" in widget_text(app, "#bar-groep")
        await type_score(pilot, "p0", "6.5")
        assert app.screen.step.vastgelegd["per_deelnemer"] == {"Anna": 6.5}
        await type_score(pilot, "p1", "7")
        await type_score(pilot, "p2", "11")  # off the scale
        error = app.screen.query_one("#error-p2")
        assert "tussen 0 en 10" in widget_text(app, "#error-p2")
        assert error.parent is app.screen.query_one("#score-p2").parent, "the error stands next to its field"
        assert app.screen.query_one("#score-p2", Input).value == "11", "what was typed stays to be corrected"
        assert app.screen.step.vastgelegd["per_deelnemer"] == {"Anna": 6.5, "Bram": 7}
        assert widget_text(app, "#error-groep") == ""
        await type_score(pilot, "p2", "")
        await pilot.press("backspace", "backspace", *"8,5")
        await pilot.pause()
        assert widget_text(app, "#error-p2") == ""
        await type_score(pilot, "p1", "")
        await pilot.press("end", *",3")  # only whole and half points
        await pilot.pause()
        assert "halve" in widget_text(app, "#error-p1")
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        for _ in range(5):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "Groep: 6,5 op 0–10" in summary and "Anna: 6,5" in summary and "Bram: 7" in summary
        assert "Gemiddelde van de deelnemers: 7,3" in summary  # (6.5 + 7 + 8.5) / 3

    capture = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]
    assert capture["groep"] == 6.5
    assert capture["per_deelnemer"] == {"Anna": 6.5, "Bram": 7, "Chris": 8.5}
    assert isinstance(capture["per_deelnemer"]["Bram"], int), "whole numbers stay whole"


async def test_an_error_is_in_view_at_60x20(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await to_the_scores(pilot)
        await type_score(pilot, "groep", "6")
        await type_score(pilot, "p2", "11")
        error = app.screen.query_one("#error-p2")
        assert "tussen 0 en 10" in widget_text(app, "#error-p2")
        assert in_view(app, error), error.region
        await type_score(pilot, "groep", "")
        await pilot.press("end", *",7")  # '6,7'
        await pilot.pause()
        error = app.screen.query_one("#error-groep")
        assert "halve" in widget_text(app, "#error-groep")
        assert in_view(app, error), error.region
        assert app.screen.query_one("#score-groep", Input).value == "6,7"
    capture = only_session(data_dir)["werkvormen"][0]["stappen"][1]["vastgelegd"]
    assert capture["groep"] is None and capture["per_deelnemer"] == {}


def test_a_half_point_reads_back_in_dutch(tmp_path) -> None:
    from samenslim.domain.content import load_content
    from samenslim.domain.export import markdown
    from samenslim.domain.journey import journey
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.readback import step_lines
    from samenslim.domain.session import Sessie, new_session

    library = load_content(builtin_content_dir(), None)
    first = datetime(2026, 9, 1, 10, tzinfo=UTC)
    session = new_session([library.werkvormen["schaalvraag"]], titel="Start", groep="Team Oost", created=first,
                          stapels=library.stapels)
    [scale] = [s for s in session.werkvormen[0].stappen if s.soort == "schaal"]
    scale.vastgelegd = {"groep": 6.5, "per_deelnemer": {"Anna": 6.5, "Bram": 7}}
    session = Sessie.model_validate_json(session.to_json_bytes())  # as read from its file
    [scale] = [s for s in session.werkvormen[0].stappen if s.soort == "schaal"]
    assert scale.vastgelegd["groep"] == 6.5

    assert "Groep: 6,5 op 0–10" in "\n".join(step_lines(scale))
    report = markdown(session)
    assert "- **Groep:** 6,5" in report and "- **Anna:** 6,5" in report and "- **Bram:** 7" in report
    assert "- **Gemiddelde:** 6,8" in report
    scores = journey([session], "Team Oost").scores
    assert [score.score for score in scores] == [6.5]


async def test_the_group_screen_shows_a_half_point_in_dutch() -> None:
    from samenslim.domain.content import load_content
    from samenslim.domain.journey import journey
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.session import new_session
    from samenslim.screens.group import GroupScreen
    from tests.functional.test_journey import Host, visible

    library = load_content(builtin_content_dir(), None)
    sessions = []
    for day, score in ((1, 6.5), (8, 7)):
        session = new_session([library.werkvormen["schaalvraag"]], titel=f"Bijeenkomst {day}", groep="Team Oost",
                              created=datetime(2026, 9, day, 10, tzinfo=UTC), stapels=library.stapels)
        [scale] = [s for s in session.werkvormen[0].stappen if s.soort == "schaal"]
        scale.vastgelegd = {"groep": score}
        sessions.append(session)
    app = Host(GroupScreen(journey(sessions, "Team Oost")))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = visible(app)
        assert "Bijeenkomst 1 · Schaalvraag · schaalvraag 6,5" in shown, shown
        numbers = next(line for line in shown.splitlines() if line.split() == ["6,5", "7"])
        assert numbers
