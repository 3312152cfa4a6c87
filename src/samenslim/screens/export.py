"""Bewaren als verslag (ctrl+e): for whom (the group, the default; or everything, for your own archive)
and in which form (Markdown, HTML, Word). Keyboard-first: v switches who it is for, f the form,
Enter writes it, Esc cancels. Returns the choice; the app writes the file and says where it went."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

VOOR = ("groep", "volledig")  # the first is the default: privacy by default (ARCHITECTURE.md)
VORMEN = ("md", "html", "docx")  # as domain/report_formats.VORMEN (not imported: it is heavy only for docx)

VOOR_TEXT = {
    "groep": "Voor de groep: zonder casusnotities en cijfers per persoon, herkenbare gegevens vervangen",
    "volledig": "Volledig: alles, voor je eigen archief (met een JSON-kopie)",
}
VORM_TEXT = {
    "md": "Markdown (.md): platte tekst, om verder te bewerken",
    "html": "HTML (.html): voor mail en browser, als PDF te printen",
    "docx": "Word (.docx)",
}


class ExportKeuze(NamedTuple):
    vorm: str
    voor: str


class ExportScreen(ModalScreen[ExportKeuze | None]):
    HULP = """Verslag bewaren
    Kies voor wie het verslag is en in welke vorm, en bewaar het met Enter.
    Het verslag voor de groep laat de casusnotities en de cijfers per persoon weg, vervangt herkenbare
    gegevens (BSN, telefoon, e-mail, IBAN, geboortedatum) en zegt onderaan wat er is weggelaten.
    Volledig is alles, voor je eigen archief. Het bestand komt in de map verslagen en gaat mee als je
    de sessie verwijdert."""
    BINDINGS = [
        Binding("v", "voor", "Voor wie"),
        Binding("f", "vorm", "Vorm"),
        Binding("enter", "save", "Bewaren", priority=True),
        Binding("escape", "cancel", "Annuleren"),
    ]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen .export-label { margin-top: 1; text-style: bold; }
    ExportScreen #export-buttons { height: auto; margin-top: 1; }
    ExportScreen Button { margin-right: 2; }
    """

    def __init__(self, voor: str = VOOR[0], vorm: str = VORMEN[0]) -> None:
        super().__init__()
        self.voor = voor
        self.vorm = vorm

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Verslag bewaren", classes="dialog-title")
            yield Static("Voor wie? (v)", classes="export-label")
            yield Static(id="export-voor")
            yield Static("Vorm (f)", classes="export-label")
            yield Static(id="export-vorm")
            with Horizontal(id="export-buttons"):
                yield Button("Annuleren", id="cancel", compact=True)
                yield Button("Bewaren", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.show()
        self.query_one("#save", Button).focus()

    def show(self) -> None:
        def options(chosen: str, texts: dict[str, str]) -> str:
            return "\n".join(f"{'(•)' if key == chosen else '( )'} {text}" for key, text in texts.items())

        self.query_one("#export-voor", Static).update(options(self.voor, VOOR_TEXT))
        self.query_one("#export-vorm", Static).update(options(self.vorm, VORM_TEXT))

    def action_voor(self) -> None:
        self.voor = VOOR[(VOOR.index(self.voor) + 1) % len(VOOR)]
        self.show()

    def action_vorm(self) -> None:
        self.vorm = VORMEN[(VORMEN.index(self.vorm) + 1) % len(VORMEN)]
        self.show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        if self.focused is not None and self.focused.id == "cancel":
            self.dismiss(None)  # Enter on Annuleren cancels, as the button says
            return
        self.dismiss(ExportKeuze(self.vorm, self.voor))

    def action_cancel(self) -> None:
        self.dismiss(None)
