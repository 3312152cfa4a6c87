"""Textual's OptionList and command palette with page keys that are safe in a tiny terminal.

In Textual 8.2.8 a page key looks up the highlighted option's line, which is only laid out when the
list has room; a list squeezed to no rows (a dialog at 40x12, the palette before a search) crashed
with a KeyError. Without room a page key does nothing; otherwise Textual's own behaviour.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList


class SafeOptionList(OptionList):
    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()


class SafeCommandPalette(CommandPalette):
    def _action_command_list(self, action: str) -> None:
        if action in ("page_down", "page_up") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
