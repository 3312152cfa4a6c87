"""Crashes the monkey (tools/monkey.py) found, each pinned by the shortest key sequence that showed it."""

from __future__ import annotations

from samenslim.screens.reference import ReferenceScreen
from tests.conftest import choose_werkvorm, fill_setup, settled


async def test_page_keys_in_the_spiekbriefjes_list_when_it_has_no_room(make_app) -> None:
    """monkey seed 20261515 (communicatiepiramide, 100x30 then 40x12): at 40x12 the spiekbriefjes
    list gets no rows at all, and Textual's OptionList page keys then looked up a line that was
    never laid out (KeyError)."""
    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        await choose_werkvorm(pilot, "communicatiepiramide")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("ctrl+n", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)
        await pilot.press("pagedown", "pageup", "down", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, ReferenceScreen)


async def test_page_keys_in_the_command_palette_before_a_search(make_app) -> None:
    """The monkey, in any screen: ctrl+p then pagedown. The palette's list has no rows until a
    search fills it, and Textual's page keys then looked up a line that was never laid out."""
    from textual.command import CommandPalette

    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette), "still open, nothing crashed"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)


async def test_circles_at_40_columns_never_lay_their_list_out_at_no_width(tmp_path) -> None:
    """tools/monkey.py --seed 144923 --werkvorm cirkel-van-invloed --mode solo --size 40x12 (found
    in a 20-minute run): after 172 keys the circles' list and drawing were laid out side by side
    before the narrow class applied, the list got no width and wrapping crashed ('range() arg 3
    must not be zero'). Replayed here with the same seed; the circles are now narrow first."""
    from tests.functional.test_monkey import monkey

    run = monkey.Run("cirkel-van-invloed", "solo", (40, 12), 144923)
    await monkey.explore(run, bursts=8, burst_length=25, data_dir=tmp_path / "data")
    assert run.sessions_started >= 1 and len(run.keys) > 150
