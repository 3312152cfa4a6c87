"""Time that helps (warning at 20 % and 5 % left, overtime in words, optional bell) and the
high-contrast theme that is remembered between runs, with an injected clock."""

from __future__ import annotations

from samenslim.domain import settings
from samenslim.domain.timer import Timer
from samenslim.widgets.timer_display import TimerDisplay
from tests.conftest import FakeClock, fill_setup, open_werkvorm, settled, widget_text


def test_levels_follow_the_time_left() -> None:
    clock = FakeClock()
    timer = Timer(100, clock=clock)
    timer.start()
    for elapsed, level in ((79, "ruim"), (80, "let-op"), (94.9, "let-op"), (95, "bijna"), (100, "bijna"),
                           (100.5, "over")):
        clock.now = 1000 + elapsed
        assert timer.level() == level, elapsed
    assert Timer(None, clock=clock).level() == "ruim"


async def test_runner_warns_at_20_and_5_percent_and_counts_overtime(make_app, clock, data_dir) -> None:
    settings.save(data_dir / "instellingen.toml", settings.Instellingen(bel=True))
    app = make_app(offer_resume=False)
    rings = []
    app.bell = lambda: rings.append(True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await open_werkvorm(pilot, "check-in")
        await fill_setup(pilot, participants="Anna; Bram")
        await pilot.press("ctrl+n")  # the round: 9 minutes
        await pilot.press("ctrl+t")
        display = app.screen.query_one("#timer", TimerDisplay)
        steps = [(60, "loopt", set()), (7 * 60 + 12, "laatste 20%", {"-let-op"}),
                 (8 * 60 + 34, "BIJNA OM", {"-bijna"}), (9 * 60 + 75, "OVER TIJD: 01:15 te lang", {"-over"})]
        for elapsed, words, classes in steps:
            clock.now = 1000 + elapsed
            display.show()
            await pilot.pause()
            assert words in widget_text(app, "#timer #timer-status"), elapsed
            assert {c for c in ("-let-op", "-bijna", "-over") if display.has_class(c)} == classes, elapsed
        assert rings == [True], "the bell rings once when the time runs out"


async def test_high_contrast_is_remembered_and_a_damaged_file_falls_back(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "hoog-contrast" in app.available_themes
        app.theme = "hoog-contrast"  # as the palette's theme picker does
        await pilot.pause()
    assert settings.load(data_dir / "instellingen.toml")[0].thema == "hoog-contrast"

    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "hoog-contrast"

    (data_dir / "instellingen.toml").write_text("thema = [kapot", encoding="utf-8")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert app.theme == "textual-dark"
        notices = [n.message for n in app._notifications]
        assert any("instellingen.toml kan niet gelezen worden" in n for n in notices)
    assert (data_dir / "instellingen.toml").read_text(encoding="utf-8") == "thema = [kapot", "left as it was"
