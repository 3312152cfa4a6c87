"""The setup screen as a facilitator uses it: the agenda's keys, the participants' separator and
checks, and Esc that asks before it throws typed work away."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select
from textual.widgets._footer import FooterKey

from samenslim.screens.setup import AgendaList, SetupScreen
from tests.conftest import choose_werkvorm, fill_setup, only_session


async def add_werkvorm(pilot, label_start: str) -> None:
    """Open 'Erbij' with the keyboard and pick the werkvorm whose label starts with label_start."""
    select = pilot.app.screen.query_one("#add-werkvorm", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    labels = [str(label) for label, value in select._options if value is not Select.NULL]
    index = next(i for i, label in enumerate(labels) if label.startswith(label_start))
    for _ in range(index + 1):  # the list opens on the blank prompt
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


def agenda_lines(app) -> list[str]:
    agenda = app.screen.query_one("#agenda", OptionList)
    return [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]


def footer_keys(app) -> dict[str, str]:
    return {key.key_display: key.description for key in app.screen.query(FooterKey)}


async def test_agenda_keys_remove_and_move(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await add_werkvorm(pilot, "4.5")  # historielijn
        await add_werkvorm(pilot, "5.2")  # schaalvraag
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert [w.id for w in screen.agenda] == ["check-in", "historielijn", "schaalvraag"]

        agenda = screen.query_one(AgendaList)
        agenda.focus()
        agenda.highlighted = 0
        await pilot.pause()
        keys = footer_keys(app)
        assert keys.get("alt+↑") == "Eerder" and keys.get("alt+↓") == "Later", keys
        assert keys.get("del") == "Weg uit agenda" or "Weg uit agenda" in keys.values(), keys

        await pilot.press("alt+down")  # check-in one down
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["historielijn", "check-in", "schaalvraag"]
        assert agenda_lines(app)[0].startswith("1. Historielijn") and agenda_lines(app)[1].startswith("2. Check-in")
        assert agenda.highlighted == 1, "the moved werkvorm stays highlighted"

        await pilot.press("alt+down")
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["historielijn", "schaalvraag", "check-in"]
        await pilot.press("alt+down")  # already last: nothing moves
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["historielijn", "schaalvraag", "check-in"]

        await pilot.press("alt+up", "alt+up")  # and back to the top
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["check-in", "historielijn", "schaalvraag"]
        assert agenda.highlighted == 0

        await pilot.press("down", "delete")  # historielijn out
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["check-in", "schaalvraag"]
        assert agenda_lines(app)[1].startswith("2. Schaalvraag"), agenda_lines(app)
        assert len(agenda_lines(app)) == 2

        await pilot.press("alt+up")  # schaalvraag first
        await pilot.pause()
        assert [w.id for w in screen.agenda] == ["schaalvraag", "check-in"]

        await fill_setup(pilot, participants="Anna; Bram")

    data = only_session(data_dir)
    assert [run["werkvorm_id"] for run in data["werkvormen"]] == ["schaalvraag", "check-in"]


async def test_the_last_werkvorm_stays_with_a_warning(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await add_werkvorm(pilot, "4.5")  # historielijn
        agenda = app.screen.query_one(AgendaList)
        agenda.focus()
        assert agenda.highlighted == 1, "the added werkvorm is highlighted"
        await pilot.press("up", "delete")
        await pilot.pause()
        assert [w.id for w in app.screen.agenda] == ["historielijn"]
        await pilot.press("delete")
        await pilot.pause()
        assert [w.id for w in app.screen.agenda] == ["historielijn"]
        assert agenda_lines(app) == ["1. Historielijn"]
        assert any("minstens één werkvorm" in str(n.message) for n in app._notifications)
        await fill_setup(pilot, participants="Anna; Bram")

    data = only_session(data_dir)
    assert [run["werkvorm_id"] for run in data["werkvormen"]] == ["historielijn"]
