from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from samenslim.domain.soorten import tijdlijn
from samenslim.werkvormen import StepView
from samenslim.werkvormen._entry import entry_row


class TijdlijnView(StepView[tijdlijn.TijdlijnInhoud, tijdlijn.Capture]):
    """Anecdotes go in as they are told and are shown in time order."""

    kind = tijdlijn.KIND
    BINDINGS = [Binding("ctrl+z", "remove_last", "Laatste weg", show=False)]
    DEFAULT_CSS = """
    TijdlijnView #timeline { margin-top: 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Nieuwe anekdote: wanneer, titel, verteller, dan Enter.", classes="hint")
        yield entry_row([("when", "wanneer (bijv. 2019, mei 2021)", 22), ("title", "korte titel", "1fr"),
                         ("teller", "verteller", 18)], names=self.context.participants, name_field="teller")
        yield Static("", id="timeline")

    def on_mount(self) -> None:
        self.show_timeline()

    def show_timeline(self) -> None:
        items = tijdlijn.chronological(self.capture().anekdotes)
        if not items:
            self.query_one("#timeline", Static).update(Text("Nog geen anekdotes.", style="italic"))
            return
        text = Text()
        for item in items:
            text.append(f"{item.wanneer:>14} ", style="bold")
            text.append("┃ ")
            text.append(item.titel)
            if item.verteller:
                text.append(f"  ({item.verteller})", style="italic")
            text.append("\n")
        self.query_one("#timeline", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        when, title, teller = (self.query_one(f"#{name}", Input) for name in ("when", "title", "teller"))
        if not when.value.strip() or not title.value.strip():
            self.app.notify("Vul minstens 'wanneer' en een titel in.", severity="warning")
            (title if when.value.strip() else when).focus()
            return
        capture = self.capture()
        capture.anekdotes.append(tijdlijn.Anekdote(wanneer=when.value.strip(), titel=title.value.strip(),
                                                   verteller=teller.value.strip()))
        self.store(capture)
        for field in (when, title, teller):
            field.value = ""
        when.focus()
        self.show_timeline()

    def action_remove_last(self) -> None:
        if self.pop_last("anekdotes"):
            self.show_timeline()

    def focus_capture(self) -> None:
        self.query_one("#when", Input).focus()
