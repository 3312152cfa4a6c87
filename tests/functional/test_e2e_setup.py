"""The setup screen as a facilitator uses it: the agenda's keys, the participants' separator and
checks, and Esc that asks before it throws typed work away."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from textual.widgets._footer import FooterKey

from samenslim.screens.setup import AgendaList, SetupScreen
from tests.conftest import choose_werkvorm, fill_setup, only_session
from tests.functional.test_e2e_agenda import choose


async def add_werkvorm(pilot, label_start: str) -> None:
    """Open 'Erbij' with the keyboard and pick the werkvorm whose label starts with label_start."""
    await choose(pilot, "#add-werkvorm", label_start)


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
        assert "alt+↑" not in keys and keys.get("alt+↓") == "Later", "the first cannot go earlier: not offered"
        agenda.highlighted = 1
        await pilot.pause()
        keys = footer_keys(app)
        assert keys.get("alt+↑") == "Eerder" and keys.get("alt+↓") == "Later", keys
        agenda.highlighted = 0
        await pilot.pause()
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


# -- the participants --------------------------------------------------------------------------

async def type_participants(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#participants", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_comma_belongs_to_the_name(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        field = app.screen.query_one("#participants", Input)
        assert ";" in field.placeholder and "de Vries, Piet" in field.placeholder, "the rule is shown"
        await type_participants(pilot, "Anna; Bram; de Vries, Piet")
        hint = str(app.screen.query_one("#participants-hint").render())
        assert "3 deelnemers: Anna · Bram · de Vries, Piet" in hint
        await fill_setup(pilot)

    assert only_session(data_dir)["deelnemers"] == ["Anna", "Bram", "de Vries, Piet"]


async def test_a_pasted_list_of_names_keeps_one_name_per_line(make_app, data_dir) -> None:
    from textual import events

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        field = app.screen.query_one("#participants", Input)
        field.focus()
        field.post_message(events.Paste("Anna\nde Vries, Piet\n\nBram\n"))
        await pilot.pause()
        assert "3 deelnemers: Anna · de Vries, Piet · Bram" in str(app.screen.query_one("#participants-hint").render())
        await fill_setup(pilot)

    assert only_session(data_dir)["deelnemers"] == ["Anna", "de Vries, Piet", "Bram"]


async def test_a_duplicate_name_stops_the_start_and_is_named(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await type_participants(pilot, "Anna; Bram; anna ")
        assert "Anna staat er twee keer in" in str(app.screen.query_one("#participants-hint").render())
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen), "the session does not start"
        assert any("Anna" in text and "twee keer" in text for text in notices(app)), notices(app)
        assert app.screen.query_one("#participants", Input).value == "Anna; Bram; anna ", "nothing typed is lost"
        assert not (data_dir / "sessies").exists() or not list((data_dir / "sessies").glob("*.json"))
        await type_participants(pilot, "Anna; Bram; Anna B.")
        await fill_setup(pilot)

    assert only_session(data_dir)["deelnemers"] == ["Anna", "Bram", "Anna B."]


async def test_a_round_without_participants_asks_for_names_or_alone(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "reflectiegesprek")  # pair talks: need other people, or are done alone
        await pilot.press(*"Maandag")  # the title has the focus
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("deelnemers" in text and "Alleen" in text for text in notices(app)), notices(app)
        assert app.screen.query_one("#title", Input).value.endswith("Maandag")
        await fill_setup(pilot, solo=True)  # alone it starts

    data = only_session(data_dir)
    assert data["modus"] == "solo" and data["deelnemers"] == []


async def test_without_rounds_or_pairs_a_group_may_start_without_names(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "historielijn")
        await fill_setup(pilot)

    data = only_session(data_dir)
    assert data["modus"] == "groep" and data["deelnemers"] == []


# -- Esc asks before typed work is thrown away ---------------------------------------------------

async def test_back_without_typing_goes_straight_back(make_app) -> None:
    from samenslim.screens.library import LibraryScreen

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_back_after_typing_asks_first(make_app, data_dir) -> None:
    from samenslim.screens.confirm import ConfirmScreen
    from samenslim.screens.library import LibraryScreen

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await type_participants(pilot, "Anna; Bram")
        app.screen.query_one("#group", Input).focus()
        await pilot.press(*"Team Oost")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused.id == "cancel", "Cancel has the focus: Enter by habit loses nothing"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#participants", Input).value == "Anna; Bram"
        assert app.screen.query_one("#group", Input).value == "Team Oost"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Esc in the dialog is Cancel too
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # the other button: throw it away
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert not (data_dir / "sessies").exists() or not list((data_dir / "sessies").glob("*.json"))


async def test_a_time_range_from_the_book_shows_as_a_range(make_app) -> None:
    # The book gives intervisie 20-25 minutes; the app showed one number (23).
    from textual.widgets import OptionList

    from tests.conftest import choose_werkvorm, settled, widget_text

    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press(*"intervisie")
        await pilot.pause()
        assert "20–25 min" in widget_text(app, "#details-text")
        await pilot.press(*["backspace"] * len("intervisie"))
        await choose_werkvorm(pilot, "progressiegerichte-intervisie")
        agenda = app.screen.query_one("#agenda", OptionList)
        assert "(20–25 min)" in str(agenda.get_option_at_index(0).prompt)
        assert agenda.border_subtitle == "20–25 min gepland"


async def test_a_werkvorm_that_needs_a_group_is_not_run_alone(make_app, data_dir) -> None:
    # A check-in alone has nobody to check in with: solo setup refuses it and says why.
    from textual.widgets import RadioButton

    from samenslim.screens.runner import RunnerScreen

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await choose_werkvorm(pilot, "check-in")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not any("Alleen" in text for text in notices(app)), "a check-in is not offered alone"
        app.screen.query_one("#mode").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#mode-solo", RadioButton).value
        assert any("Check-in kan niet alleen" in text for text in notices(app)), notices(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen), "refused, not started"
        assert not list(data_dir.glob("sessies/*.json"))
        app.screen.query_one("#mode").focus()
        await pilot.press("up", "enter")
        await fill_setup(pilot, participants="Anna; Bram")
        assert isinstance(app.screen, RunnerScreen)
    assert only_session(data_dir)["modus"] == "groep"
