from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import kolommen
from samenslim.werkvormen import StepView


class KolommenView(StepView[kolommen.KolommenInhoud, kolommen.Capture]):
    """One input per column; Enter adds the item to that column. Tab moves between columns."""

    kind = kolommen.KIND
    BINDINGS = [Binding("ctrl+z", "remove_last", "Laatste weg", show=False)]
    DEFAULT_CSS = """
    KolommenView #columns { height: auto; }
    KolommenView .column { width: 1fr; height: auto; border: round $secondary; padding: 0 1; }
    KolommenView .column Label { text-style: bold; color: $accent; }
    KolommenView .column-items { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Typ in een kolom en druk Enter; Tab gaat naar de volgende kolom.", classes="hint")
        with Horizontal(id="columns"):
            for index, name in enumerate(self.names):
                with Vertical(classes="column"):
                    yield Label(name)
                    yield Input(placeholder="+ toevoegen", id=f"col-{index}", compact=True)
                    yield Static("", id=f"items-{index}", classes="column-items")

    @property
    def names(self) -> list[str]:
        return list(self.inhoud.kolommen)

    def on_mount(self) -> None:
        for index in range(len(self.names)):
            self.show_column(index)

    def show_column(self, index: int) -> None:
        items = self.capture().items.get(self.names[index], [])
        text = Text("\n".join(f"• {item}" for item in items)) if items else Text("(nog leeg)", style="italic")
        self.query_one(f"#items-{index}", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            return
        index = int((event.input.id or "col-0").removeprefix("col-"))
        capture = self.capture()
        capture.items.setdefault(self.names[index], []).append(value)
        self.store(capture)
        event.input.value = ""
        self.show_column(index)

    def action_remove_last(self) -> None:
        focused = self.app.focused
        if not isinstance(focused, Input) or not (focused.id or "").startswith("col-"):
            return
        index = int((focused.id or "").removeprefix("col-"))
        capture = self.capture()
        items = capture.items.get(self.names[index], [])
        if items:
            items.pop()
            self.store(capture)
            self.show_column(index)

    def focus_capture(self) -> None:
        self.query_one("#col-0", Input).focus()
