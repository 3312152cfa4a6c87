"""Textual's App, in Dutch: F1 help for the screen on top, the command palette with samenslim's own
commands (SafeCommandPalette), key names as the texts spell them (keys.key_label), and ctrl+c
answered with what does stop the app. SamenslimApp builds on it; the bindings stay in app.py, in
footer order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from samenslim.app import SamenslimApp


class DutchApp(App):
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from samenslim.screens.help import palette_commands

        return palette_commands(cast("SamenslimApp", self), screen)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from samenslim.widgets.option_list import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from samenslim.widgets.option_list import SafeCommandPalette

        self.push_screen(SafeCommandPalette(providers=[ThemeProvider], placeholder="Zoek een kleurenschema…"))

    def get_key_display(self, binding: Binding) -> str:
        """Keys are named as the texts name them (ctrl+n, F5, Esc), not Textual's ^n, f5, esc."""
        from samenslim.keys import key_label

        return binding.key_display or key_label(binding.key)

    def action_help(self) -> None:
        from samenslim.screens.help import HelpScreen, help_for

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(help_for(self.screen)))

    def action_help_quit(self) -> None:
        """ctrl+c does not stop the app (it copies in a text field); say in Dutch what does."""
        from samenslim.keys import key_label

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Stoppen doe je met [b]{key_label(key)}[/b]; alles is dan bewaard.",
                            title="Wil je stoppen?")
                return

