"""The runner's one-line field: typing redraws the field only, and long text still scrolls."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from samenslim.widgets.field import Field


class Form(App[None]):
    CSS = "Field, Input { width: 24; }"

    def __init__(self, field: Input) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("boven")
            yield self.field
            yield Static("onder")


async def layouts_while_typing(field: Input, text: str) -> tuple[int, Input]:
    app = Form(field)
    async with app.run_test(size=(40, 10)) as pilot:
        app.field.focus()
        await pilot.pause()
        screen = app.screen
        count = 0
        real = screen._refresh_layout

        def counting(*args, **kwargs):
            nonlocal count
            count += 1
            return real(*args, **kwargs)

        screen._refresh_layout = counting
        await pilot.press(*text)
        await pilot.pause()
        return count, app.field


async def test_typing_in_a_field_lays_out_nothing_and_long_text_scrolls() -> None:
    text = "een lange zin die veel breder is dan het veld zelf"
    baseline, _ = await layouts_while_typing(Input(), text)
    assert baseline > 10, "Textual's Input lays out the screen on every key (what Field avoids)"
    count, field = await layouts_while_typing(Field(), text)
    assert count == 0
    assert field.value == text
    assert field.scroll_x > 0, "the end of a long text, where the cursor is, stays in view"
    assert field.virtual_size.width == len(text) + 1
