from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from samenslim.domain.soorten import keuze
from samenslim.werkvormen import NotesMixin, StepView
from samenslim.widgets.option_list import SafeOptionList


class KeuzeView(NotesMixin, StepView[keuze.KeuzeInhoud, keuze.Capture]):
    """Read the cards with the arrow keys; Enter chooses the one the group recognises."""

    kind = keuze.KIND
    DEFAULT_CSS = """
    KeuzeView #chosen { text-style: bold; color: $accent; padding: 0 1; border: round $accent; height: auto; }
    KeuzeView OptionList { height: auto; max-height: 14; }
    KeuzeView #card-text { padding: 0 1; color: $text-muted; height: auto; min-height: 2; }
    KeuzeView TextArea { height: auto; min-height: 4; max-height: 10; }
    """

    def compose(self) -> ComposeResult:
        self.options = list(self.inhoud.kaarten)
        yield Static(self._chosen_text(), id="chosen")
        yield Static("Lees de kaarten met de pijltjes; Enter kiest. Tab gaat naar de notities.", classes="hint")
        yield SafeOptionList(*[Option(f"{number}. {option.titel}", id=str(number - 1))
                           for number, option in enumerate(self.options, start=1)])
        yield Static("", id="card-text")
        yield Static("Waarom deze? Wat herken je?" if self.context.solo else "Waarom deze? Wat herkennen jullie?",
                     classes="capture-label")
        yield TextArea(self.capture().notities, id="notities", soft_wrap=True)

    def _chosen_text(self) -> str:
        chosen = self.capture().kaart
        return f"Gekozen: {chosen}" if chosen else "Nog niets gekozen."

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        option = self.options[int(cast(str, event.option.id))]  # every option is made with its index as id
        self.query_one("#card-text", Static).update(Text(option.tekst.strip()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = self.options[int(cast(str, event.option.id))]  # every option is made with its index as id
        capture = self.capture()
        capture.kaart, capture.kaart_id = option.titel, option.id
        self.store(capture)
        self.query_one("#chosen", Static).update(self._chosen_text())

    def focus_capture(self) -> None:
        options = self.query_one(OptionList)
        chosen = self.capture().kaart
        for index, option in enumerate(self.options):
            if option.titel == chosen:
                options.highlighted = index
        options.focus()
