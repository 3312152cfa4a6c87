"""The helpers around the werkvormen: spiekbriefjes over a running step, the vastloop-helper from
the home screen, and copying a werkvorm from the library."""

from __future__ import annotations

from textual.widgets import OptionList, TextArea

from samenslim.screens.library import LibraryScreen
from samenslim.screens.reference import ReferenceScreen
from samenslim.screens.runner import RunnerScreen
from samenslim.screens.setup import SetupScreen
from samenslim.screens.stuck import StuckScreen
from tests.conftest import fill_setup, open_werkvorm, screen_text, settled


async def test_reference_cards_open_over_a_step_and_leave_it_alone(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("ctrl+n", "ctrl+n")  # a notes step
        await pilot.press(*"Al gelukt", "ctrl+t")
        clock.advance(30)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)
        prompts = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert app.library.spiekbriefjes(), "the built-in content has reference decks"
        for deck in app.library.spiekbriefjes():
            assert deck.titel in prompts
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one("#reference-text").render()  # a card's text is shown
        clock.advance(20)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.timer.running and app.screen.timer.elapsed() == 50, "the timer ran on underneath"
        assert app.screen.query_one(TextArea).text == "Al gelukt"
        assert app.focused is app.screen.query_one(TextArea), "typing goes on where it was"


async def test_vastloop_helper_suggests_and_starts_a_werkvorm(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StuckScreen)
        deck = app.library.stapels["vastloopsituaties"]
        assert len(deck.kaarten) == 15  # the fourteen of 5.4 and the pioneer phase's stall
        await pilot.press("down", "down")
        await pilot.pause()
        card = deck.kaarten[2]
        assert card.titel in screen_text(app)
        suggested = app.screen.query_one("#suggested", OptionList)
        assert [option.id for option in suggested.options] == [w for w in card.werkvormen if w in app.library.werkvormen]
        await pilot.press("enter")  # to the suggestions
        await pilot.press("enter")  # start the first
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.agenda[0].id == suggested.options[0].id
        assert card.titel in app.screen.query_one("#title").value


async def test_copy_from_the_library(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press(*"schaalvraag")
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert (data_dir / "werkvormen" / "schaalvraag-eigen.toml").exists()
        assert "schaalvraag-eigen" in app.library.werkvormen
        options = app.screen.query_one("#werkvormen", OptionList)
        assert "schaalvraag-eigen" in [option.id for option in options.options]
        assert isinstance(app.screen, LibraryScreen) and app.screen.query_one("#filter").value == "schaalvraag"


async def test_the_chapter_s_principles_show_in_the_library_and_under_ctrl_s(make_app) -> None:
    from samenslim.screens.reference import ReferenceScreen
    from tests.conftest import choose_werkvorm, fill_setup, settled, widget_text

    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await settled(pilot)
        await pilot.press(*"schaalvraag")
        await pilot.pause()
        details = widget_text(app, "#details-text")
        assert "Werkzame principes van Experimenteren" in details and "2. Telkens één stap" in details
        assert "Words create worlds" not in details, "only the werkvorm's own chapter"
        await pilot.press(*["backspace"] * len("schaalvraag"))
        await choose_werkvorm(pilot, "check-in")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)
        assert "Werkzame principes: Richting bepalen" in widget_text(app, "#reference-text")


async def test_experiment_design_offers_the_pilots_experiments(make_app) -> None:
    from samenslim.screens.reference import ReferenceScreen
    from tests.conftest import choose_werkvorm, fill_setup, settled, widget_text

    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "experiment-ontwerpen")
        await fill_setup(pilot, participants="Anna; Bram")
        while app.screen.step.spiekbriefje != "pilot-experimenten":
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)
        assert "Experimenten uit de pilots" in widget_text(app, "#reference-text")
        await pilot.press("down")
        await pilot.pause()
        assert "WhatsApp" in widget_text(app, "#reference-text")
