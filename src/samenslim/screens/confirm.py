"""A yes/no question before something that cannot be taken back at a keystroke: leaving or finishing
a session, throwing away a filled-in setup, deleting a session (named, because the notes may be
about young people). Cancel has the focus, so an Enter by habit changes nothing."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    HULP = """Bevestigen
    samenslim vraagt het even zeker voordat er iets gebeurt dat je niet met één toets terugdraait.
    Annuleren heeft de focus, dus een Enter uit gewoonte verandert niets."""
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, title: str, text: str, yes: str, no: str = "Annuleren",
                 variant: Literal["primary", "warning", "error"] = "primary") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.yes_label = yes
        self.no_label = no
        self.variant = variant

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.text, id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no_label, id="cancel", compact=True)
                yield Button(self.yes_label, id="confirm", variant=self.variant, compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)
