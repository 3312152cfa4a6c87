"""Runner behaviour across werkvormen: timer keys, the command palette, solo mode, a failing disk."""

from __future__ import annotations

import errno
import os

from samenslim.screens.setup import SetupScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, screen_text


async def test_timer_keys_pause_extend_and_go_back(make_app, data_dir, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram")
        runner = app.screen
        assert runner.timer.remaining() == 60
        assert "nog niet gestart" in screen_text(app)
        await pilot.press("ctrl+t")
        clock.advance(20)
        await pilot.press("ctrl+t")  # pause
        clock.advance(500)
        assert runner.timer.remaining() == 40
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+g")
        assert runner.timer.remaining() == 100
        await pilot.pause(0.3)
        assert "gepauzeerd" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert runner.step.titel == "Rondje"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert runner.step.titel == "Kies de vraag"
        assert runner.timer.remaining() == 100, "going back keeps the used time and the extra minute"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert runner.step.titel == "Kies de vraag", "there is nothing before the first step"
        await pilot.press("ctrl+q")
    step = only_session(data_dir)["werkvormen"][0]["stappen"][0]
    assert step["gebruikte_seconden"] == 20 and step["extra_seconden"] == 60


async def test_command_palette_finds_a_werkvorm(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"historielijn")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert [w.id for w in app.screen.agenda] == ["historielijn"]


async def test_solo_schaalvraag_lands_with_mode_solo(make_app, data_dir) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, solo=True, title="Mijn reflectie")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not app.screen.query("#score-p0"), "no per-person scores when alone"
        await pilot.press("8")
        await pilot.press("ctrl+q")
    data = only_session(data_dir)
    assert data["modus"] == "solo" and data["deelnemers"] == [] and data["groep"] == ""
    assert data["werkvormen"][0]["stappen"][1]["vastgelegd"]["groep"] == 8


async def test_a_full_disk_is_reported_in_dutch_and_nothing_typed_is_lost(make_app, data_dir, monkeypatch) -> None:
    app = make_app()
    real_replace = os.replace
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "histor")
        await fill_setup(pilot, participants="Anna")
        app.autosaver.flush()

        def full_disk(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full_disk)
        await pilot.press(*"Belangrijk")
        app.autosaver.flush()
        await pilot.pause(0.2)
        messages = [str(n.message) for n in app._notifications]
        assert any("de schijf is vol" in m and "Je werk staat nog in het scherm" in m for m in messages), messages
        assert "Belangrijk" not in (data_dir / "sessies").joinpath(f"{app.screen.session.id}.json").read_text()
        monkeypatch.setattr(os, "replace", real_replace)
        await pilot.press("!")
        app.autosaver.flush()
        await pilot.pause(0.2)
        assert any("Weer opgeslagen" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")
    assert only_session(data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]["notities"] == "Belangrijk!"


async def test_pair_interviews_can_run_in_real_threes(make_app, data_dir) -> None:
    # The book offers grumpy moments in pairs or threes; a trio only came from an odd number.
    from tests.conftest import choose_werkvorm, fill_setup, only_session, widget_text

    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_werkvorm(pilot, "grumpy-moments")
        await fill_setup(pilot, participants="Anna; Bram; Chris; Dewi; Eva; Fatima")
        assert widget_text(app, "#pairs").startswith("Tweetallen: Anna & Bram")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert widget_text(app, "#pairs") == "Drietallen: Anna & Bram & Chris · Dewi & Eva & Fatima"
        assert "Helft 1 van 3" in widget_text(app, "#half")
        # Two listeners ask together: the verb agrees ("Bram en Chris vragen").
        assert "Anna vertelt, Bram en Chris vragen" in widget_text(app, "#half"), widget_text(app, "#half")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert widget_text(app, "#pairs").startswith("Drietallen"), "the gouden moment keeps the threes"
    step = only_session(data_dir)["werkvormen"][0]["stappen"][0]["vastgelegd"]
    assert step["drietallen"] is True and step["paren"] == [["Anna", "Bram", "Chris"], ["Dewi", "Eva", "Fatima"]]
