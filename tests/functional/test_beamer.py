"""The beamer view (F5) fills the terminal: the timer's block digits take at least a third of the
rows at every size from 60×20 to 250×70, and at 40×12 the view still shows the time, the question
and who speaks. Driven through the real app; the digits are counted in what the widget draws."""

from __future__ import annotations

from textual.geometry import Region

from samenslim.widgets.big_timer import BigTimer
from samenslim.widgets.presentation import PresentationView
from tests.conftest import fill_setup, open_werkvorm, settled, widget_text

BLOCKS = set("█▀▄")


def digit_rows(big: BigTimer) -> int:
    """Rows of the screen on which the timer drew block characters."""
    strips = big.render_lines(Region(0, 0, big.size.width, big.size.height))
    return sum(1 for strip in strips if BLOCKS & set(strip.text))


async def on_the_beamer(pilot, participants: str = "Anna; Bram; Chris") -> PresentationView:
    await settled(pilot)
    await open_werkvorm(pilot, "check-in")
    await fill_setup(pilot, participants=participants)
    await pilot.press("ctrl+r", "ctrl+n", "ctrl+t", "f5")
    await pilot.pause()
    return pilot.app.screen.query_one(PresentationView)


async def test_the_timer_takes_a_third_of_the_rows_at_every_size(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(60, 20)) as pilot:
        presentation = await on_the_beamer(pilot)
        for width, height in [(60, 20), (100, 30), (200, 50), (250, 70)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            big = presentation.query_one(BigTimer)
            rows = digit_rows(big)
            assert rows >= height / 3, f"at {width}×{height} the digits are {rows} rows"
            assert rows == big.rows_drawn
            assert big.region.bottom <= height and big.region.x >= 0 and big.region.right <= width
            # The question and who speaks are still on the screen, below the digits.
            for selector in ("#p-question", "#p-speaker", "#p-next", "#p-timer #timer-status"):
                widget = presentation.query_one(selector)
                assert widget.region.height >= 1 and widget.region.bottom <= height, (selector, width, height)
                assert widget.region.y >= big.region.y + rows // 2
        assert "Aan de beurt: Anna" in widget_text(app, "#p-speaker")
        assert widget_text(app, "#p-next") == "Daarna: Bram"


async def test_at_40_by_12_time_question_and_speaker_still_show(make_app, clock) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(40, 12)) as pilot:
        presentation = await on_the_beamer(pilot)
        clock.advance(500)  # Anna over her time: the speaker's line wraps to two rows
        app.screen.tick()
        await pilot.pause()
        big = presentation.query_one(BigTimer)
        assert digit_rows(big) >= 4, "scale 1 block digits still fit 40 columns"
        for selector in ("#p-question", "#p-speaker", "#p-next", "#p-timer #timer-status"):
            widget = presentation.query_one(selector)
            assert widget.region.height >= 1 and widget.region.bottom <= 12, selector
        assert "te lang" in widget_text(app, "#p-speaker")
        # The step's name, the agenda and the hint make room (the facilitator knows F5).
        assert not any(presentation.query_one(selector).display for selector in ("#p-step", "#p-agenda", "#p-hint"))
        await pilot.press(*"Eigen notitie", "enter")  # typed notes never reach the beamer
        await pilot.pause()
        assert "Eigen notitie" not in "\n".join(str(w.render()) for w in presentation.query("Static"))
        assert "Aan de beurt: Bram" in widget_text(app, "#p-speaker")
