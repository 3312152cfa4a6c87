"""Everything that could not be loaded, with file, line and field, in Dutch."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class ProblemsScreen(ModalScreen[None]):
    HULP = """Meldingen
    Bestanden die niet geladen konden worden, met bestand, regel en veld. De rest van samenslim
    werkt gewoon; de bestanden zelf worden niet aangepast."""
    BINDINGS = [Binding("escape,enter", "dismiss(None)", "Sluiten")]
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Meldingen", classes="dialog-title")
            yield Static("Deze bestanden zijn overgeslagen; de rest werkt gewoon. Bestanden worden niet aangepast.",
                         classes="hint")
            with VerticalScroll():
                yield Static("\n".join(self.problems) or "Geen meldingen.", markup=False, id="problem-list")
