"""Vastloop-helper: pick the stuck situation the group recognises; samenslim shows which
werkvormen and patroondoorbrekers fit it (the mapping lives in the vastloopsituaties deck) and
starts the chosen werkvorm."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from samenslim import messages
from samenslim.domain.content import Library
from samenslim.domain.decks import Kaart
from samenslim.widgets.option_list import SafeOptionList

DECK = "vastloopsituaties"
BREAKERS = "patroondoorbrekers"


class StuckScreen(Screen):
    HULP = """Vastgelopen?
    Kies de situatie die de groep herkent; samenslim laat zien welke werkvormen en
    patroondoorbrekers daarbij passen. Kies daarna een voorgestelde werkvorm om
    hem te starten."""
    BINDINGS = [Binding("escape", "app.pop_screen", "Terug")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    DEFAULT_CSS = """
    StuckScreen #stuck-body { height: 1fr; }
    StuckScreen #situations { width: 1fr; min-width: 30; border: round $primary; }
    StuckScreen #stuck-side { width: 1fr; }
    StuckScreen #stuck-text-pane { height: 1fr; border: round $secondary; padding: 0 1; }
    StuckScreen #suggested { height: auto; max-height: 8; border: round $accent; }
    StuckScreen.-narrow #stuck-body { layout: vertical; }
    StuckScreen.-narrow #situations { height: 7; width: 100%; }
    StuckScreen.-narrow #stuck-text-pane { min-height: 4; }
    StuckScreen.-narrow #suggested { max-height: 5; }
    """

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.situations = list(library.stapels[DECK].kaarten)

    def compose(self) -> ComposeResult:
        yield Static("samenslim · Vastgelopen? Kies wat jullie herkennen", id="title-bar")
        with Horizontal(id="stuck-body"):
            yield SafeOptionList(*[Option(f"{n:>2}. {card.titel}", id=str(n - 1))
                               for n, card in enumerate(self.situations, start=1)], id="situations")
            with Vertical(id="stuck-side"):
                with VerticalScroll(id="stuck-text-pane"):
                    yield Static("", id="stuck-text")
                yield Static("Probeer (Tab, dan Enter om te starten):", classes="hint")
                yield SafeOptionList(id="suggested")
        yield Footer()

    def on_mount(self) -> None:
        situations = self.query_one("#situations", OptionList)
        situations.highlighted = 0
        situations.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "situations":
            self.show(self.situations[int(cast(str, event.option.id))])  # made with their index as id

    def show(self, card: Kaart) -> None:
        text = Text()
        text.append(card.titel + "\n", style="bold")
        if card.tekst.strip():
            text.append(card.tekst.strip() + "\n")
        breakers = self.library.stapels.get(BREAKERS)
        for breaker_id in card.doorbrekers:
            breaker = breakers.card(breaker_id) if breakers else None
            if breaker is not None:
                text.append(f"\nPatroondoorbreker: {breaker.titel}\n", style="bold")
                text.append(breaker.tekst.strip() + "\n", style="dim")
        self.query_one("#stuck-text", Static).update(text)
        suggested = self.query_one("#suggested", OptionList)
        suggested.clear_options()
        fitting = [self.library.werkvormen[w] for w in card.werkvormen if w in self.library.werkvormen]
        suggested.add_options([Option(f"{w.titel}" + (f"  ({w.paragraaf})" if w.paragraaf else ""), id=w.id)
                               for w in fitting])
        if fitting:
            suggested.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "situations":
            self.query_one("#suggested", OptionList).focus()
        elif event.option.id in self.library.werkvormen:
            situation = self.situations[self.query_one("#situations", OptionList).highlighted or 0]
            werkvorm = self.library.werkvormen[event.option.id]
            self.post_message(messages.OpenSetup([werkvorm], title=f"{werkvorm.titel}: {situation.titel}"))
