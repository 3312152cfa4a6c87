"""The group's retention term, set from the group view (key b): months after the group's last
meeting, the reason, and what happens after the term (the same as `samenslim bewaartermijn`)."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from samenslim.domain.retention import AFTER_ACTIONS, DEFAULT_AFTER, MAX_MONTHS, Bewaartermijn


class RetentionChoice(NamedTuple):
    maanden: int
    reden: str
    na: str


class RetentionDialog(ModalScreen[RetentionChoice | None]):
    HULP = """Bewaartermijn
    Hoeveel maanden na de laatste bijeenkomst de sessies van deze groep bewaard blijven, waarom, en
    wat er daarna gebeurt: verwijderen, of anonimiseren (de getypte tekst en namen gaan weg, scores en
    acties blijven). Opruimen doe je met: samenslim opruimen. Enter bewaart, Esc annuleert."""
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    DEFAULT_CSS = """
    RetentionDialog { align: center middle; }
    RetentionDialog #dialog { max-width: 70; }
    RetentionDialog Input { margin-bottom: 1; }
    RetentionDialog #retention-error { color: $error; }
    """

    def __init__(self, group: str, term: Bewaartermijn | None) -> None:
        super().__init__()
        self.group = group
        self.term = term

    def compose(self) -> ComposeResult:
        term = self.term
        after = term.na if term else DEFAULT_AFTER
        with Vertical(id="dialog"):
            yield Static(f"Bewaartermijn van {self.group}", classes="dialog-title")
            yield Static("Maanden na de laatste bijeenkomst")
            yield Input(str(term.maanden) if term else "", id="retention-months", type="integer", compact=True)
            yield Static("Reden (de Autoriteit Persoonsgegevens vraagt termijn én reden)")
            yield Input(term.reden if term else "", id="retention-reason", compact=True)
            yield Static("Daarna")
            with RadioSet(id="retention-after", compact=True):
                for action in AFTER_ACTIONS:
                    yield RadioButton(action, value=action == after, name=action)
            yield Static("", id="retention-error")

    def on_mount(self) -> None:
        self.query_one("#retention-months", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        error = self.query_one("#retention-error", Static)
        text = self.query_one("#retention-months", Input).value.strip()
        reason = " ".join(self.query_one("#retention-reason", Input).value.split())
        if not text.isdigit() or not 1 <= int(text) <= MAX_MONTHS:
            error.update(f"Maanden: een geheel getal van 1 tot en met {MAX_MONTHS}.")
            self.query_one("#retention-months", Input).focus()
            return
        if not reason:
            error.update("Reden: schrijf op waarom deze termijn.")
            self.query_one("#retention-reason", Input).focus()
            return
        pressed = self.query_one("#retention-after", RadioSet).pressed_button
        self.dismiss(RetentionChoice(int(text), reason, pressed.name if pressed and pressed.name else DEFAULT_AFTER))

    def action_cancel(self) -> None:
        self.dismiss(None)
