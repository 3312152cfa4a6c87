"""The workbook's authors and the sources it builds on are named: in the app (Over, F2 in the library)
and in the README."""

from __future__ import annotations

from samenslim.screens.about import AboutScreen
from samenslim.screens.library import LibraryScreen
from tests.conftest import REPO, settled, wait_for, widget_text

AUTHORS = ("Saskia Tjepkema", "Marijke Boessenkool", "Kessels & Smit", "2019")
SOURCES = ("Cooperrider", "Waarderend veranderen", "Samen vernieuwen in de praktijk", "Coert Visser",
           "Deep Democracy", "Edmondson")


async def test_over_names_the_authors_and_the_sources(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        text = widget_text(app, "#about-text")
        assert all(name in text for name in AUTHORS + SOURCES), text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


def test_the_readme_credits_the_workbook() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in AUTHORS + SOURCES)


async def test_the_palette_opens_over_samenslim_from_a_running_step(make_app) -> None:
    from tests.functional.test_help import to_runner

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await to_runner(pilot, "check-in")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.id == "--command-palette", "the palette")
        await pilot.press(*"over samenslim", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AboutScreen), "the Over screen")
        assert "Marijke Boessenkool" in widget_text(app, "#about-text")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, AboutScreen), "the runner again")


async def test_the_library_palette_names_over_samenslim_once(make_app) -> None:
    from tests.functional.test_help import palette_commands

    app = make_app(offer_resume=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settled(pilot)
        listed = await palette_commands(pilot)
    assert sum(1 for line in listed if line.startswith("Over samenslim")) == 1, listed
