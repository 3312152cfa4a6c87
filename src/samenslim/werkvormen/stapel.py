from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenslim.domain.soorten import stapel
from samenslim.werkvormen import StepView
from samenslim.widgets.option_list import SafeOptionList


class StapelView(StepView[stapel.StapelInhoud, stapel.Capture]):
    kind = stapel.KIND
    BINDINGS = [Binding("ctrl+r", "draw", "Trek kaart")]
    DEFAULT_CSS = """
    StapelView #kaart { text-style: bold; color: $accent; padding: 0 1; border: round $accent; height: auto; }
    StapelView OptionList { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self._card_text(), id="kaart")
        yield Static("Trek een kaart (ctrl+r) of kies er zelf een (pijltjes en Enter):", classes="hint")
        yield SafeOptionList(*[Option(card, id=str(i)) for i, card in enumerate(self.inhoud.kaarten)])

    def _card_text(self) -> str:
        card = self.capture().kaart
        return card if card else "Nog geen kaart gekozen."

    def _choose(self, card: str, drawn: bool) -> None:
        capture = self.capture()
        capture.kaart, capture.getrokken = card, drawn
        self.store(capture)
        self.query_one("#kaart", Static).update(card)

    def action_draw(self) -> None:
        cards = list(self.inhoud.kaarten)
        if cards:
            self._choose(stapel.draw(cards, self.context.rng, avoid=self.capture().kaart), drawn=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(str(event.option.prompt), drawn=False)

    def focus_capture(self) -> None:
        self.query_one(OptionList).focus()
