"""Asks before a session is deleted, naming it, because the notes may be about young people and
deleting cannot be undone. Cancel has the focus, so Enter by habit deletes nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDeleteScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    DEFAULT_CSS = """
    ConfirmDeleteScreen { align: center middle; }
    ConfirmDeleteScreen #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmDeleteScreen Button { margin-right: 2; }
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.session_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Sessie verwijderen?", classes="dialog-title")
            yield Static(f"{self.session_name}\n\nHet bestand en alle kopieën ervan worden gewist. "
                         "Dit kan niet ongedaan worden gemaakt.", id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button("Annuleren", id="cancel", compact=True)
                yield Button("Verwijderen", id="delete", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete")

    def action_cancel(self) -> None:
        self.dismiss(False)
