"""Asks before the setup screen is left with typed work in it, naming what would be lost. Cancel
has the focus, so Enter by habit loses nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmLeaveScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    DEFAULT_CSS = """
    ConfirmLeaveScreen { align: center middle; }
    ConfirmLeaveScreen #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmLeaveScreen Button { margin-right: 2; }
    """

    def __init__(self, filled: list[str]) -> None:
        super().__init__()
        self.filled = filled

    def compose(self) -> ComposeResult:
        what = ", ".join(self.filled[:-1]) + " en " + self.filled[-1] if len(self.filled) > 1 else \
            "".join(self.filled) or "wat je hebt ingevuld"
        with Vertical(id="dialog"):
            yield Static("Terug zonder te starten?", classes="dialog-title")
            yield Static(f"Je hebt al ingevuld: {what}. Dat wordt niet bewaard als je teruggaat.",
                         id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button("Annuleren", id="cancel", compact=True)
                yield Button("Weggooien en terug", id="leave", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave")

    def action_cancel(self) -> None:
        self.dismiss(False)
