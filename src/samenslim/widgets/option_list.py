"""Textual's OptionList and command palette with page keys that are safe in a tiny terminal.

In Textual 8.2.8 a page key looks up the highlighted option's line, which is only laid out when the
list has room; a list squeezed to no rows (a dialog at 40x12, the palette before a search) crashed
with a KeyError. Without room a page key does nothing; otherwise Textual's own behaviour.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SafeOptionList(OptionList):
    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()


class SafeCommandPalette(CommandPalette):
    """Also in Dutch: the placeholder, the key descriptions and 'no matches' (Textual's are English)."""

    HULP = """Menu (ctrl+p)
    Alles wat je op het vorige scherm met een toets kunt doen, het kleurenschema en elke werkvorm.
    Typ een paar letters om te zoeken, kies met de pijltjes en Enter."""
    BINDINGS = [
        Binding("escape", "escape", "Sluiten"),
        Binding("down", "cursor_down", "Volgende", show=False),
        Binding("up", "command_list('cursor_up')", "Vorige", show=False),
        Binding("pagedown", "command_list('page_down')", "Pagina verder", show=False),
        Binding("pageup", "command_list('page_up')", "Pagina terug", show=False),
    ]

    def __init__(self, providers=None, *, placeholder: str = "Zoek een opdracht of werkvorm…", **kwargs) -> None:
        super().__init__(providers, placeholder=placeholder, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with the text in Dutch.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text("Niets gevonden", style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)

    def _action_command_list(self, action: str) -> None:
        if action in ("page_down", "page_up") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
