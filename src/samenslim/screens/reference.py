"""Spiekbriefjes: reference cards shown over the running step. Closing returns to the step exactly
as it was; the step's timer is computed from the clock, so it simply keeps running."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenslim.domain.decks import Stapel
from samenslim.widgets.option_list import SafeOptionList


class ReferenceScreen(ModalScreen[None]):
    HULP = """Spiekbriefjes
    Naslagkaarten voor de begeleider, zoals de communicatiepiramide en de patroondoorbrekers.
    Kies een kaart met de pijltjes; de timer van de stap loopt door."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten"),
        Binding("ctrl+s", "dismiss", "Sluiten", show=False),
    ]
    DEFAULT_CSS = """
    ReferenceScreen { align: center middle; }
    ReferenceScreen #reference-body { height: 1fr; }
    ReferenceScreen #reference-list { width: 45%; min-width: 24; height: 1fr; }
    ReferenceScreen #reference-text-pane { width: 1fr; padding: 0 1; }
    ReferenceScreen.-narrow #reference-body { layout: vertical; }
    """

    def __init__(self, decks: list[Stapel], start: str | None = None) -> None:
        super().__init__()
        self.decks = decks
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="reference"):
            yield Static("Spiekbriefjes  (Esc sluit; de timer loopt door)", classes="dialog-title")
            with Horizontal(id="reference-body"):
                options: list[Option | None] = []
                for deck in self.decks:
                    if options:
                        options.append(None)  # a separator line between decks
                    options.append(Option(Text(deck.titel, style="bold"), id=f"{deck.id}", disabled=False))
                    options += [Option(f"  {card.titel}", id=f"{deck.id}/{number}")
                                for number, card in enumerate(deck.kaarten)]
                yield SafeOptionList(*options, id="reference-list")
                with VerticalScroll(id="reference-text-pane"):
                    yield Static("", id="reference-text")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.start:
            try:
                options.highlighted = options.get_option_index(self.start)
            except Exception:  # the step names a deck that is not loaded: start at the top
                options.highlighted = 0
        else:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        deck_id, _, number = (event.option.id or "").partition("/")
        deck = next((d for d in self.decks if d.id == deck_id), None)
        if deck is None:
            return
        text = Text()
        if number:
            card = deck.kaarten[int(number)]
            text.append(card.titel + "\n", style="bold")
            text.append(card.tekst.strip())
        else:
            text.append(deck.titel + "\n", style="bold")
            text.append(deck.uitleg.strip() or "Kies een kaart in de lijst.")
        self.query_one("#reference-text", Static).update(text)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
