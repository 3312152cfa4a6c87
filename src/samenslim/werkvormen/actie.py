from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from samenslim.domain.soorten import actie
from samenslim.werkvormen import StepView
from samenslim.werkvormen._entry import entry_row


class ActieView(StepView[actie.ActieInhoud, actie.Capture]):
    kind = actie.KIND
    BINDINGS = [Binding("ctrl+z", "remove_last", "Laatste weg", show=False)]
    DEFAULT_CSS = """
    ActieView #actions { margin-top: 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Nieuwe actie: wat, wie (mag leeg), wanneer (mag leeg), dan Enter.", classes="hint")
        what = "wat ga je doen?" if self.context.solo else "wat gaan we doen?"
        yield entry_row([("what", what, "1fr"), ("owner", "wie", 16), ("when", "wanneer", 14)],
                        names=self.context.participants, name_field="owner")
        yield Static("", id="actions")

    def on_mount(self) -> None:
        self.show_actions()

    def show_actions(self) -> None:
        actions = self.capture().acties
        text = Text()
        for action in actions:
            text.append("☐ ", style="bold")
            text.append(actie.describe(action) + "\n")
        self.query_one("#actions", Static).update(text if actions else Text("Nog geen acties.", style="italic"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        what, owner, when = (self.query_one(f"#{name}", Input) for name in ("what", "owner", "when"))
        if not what.value.strip():
            self.app.notify("Beschrijf eerst wat er gaat gebeuren.", severity="warning")
            what.focus()
            return
        capture = self.capture()
        capture.acties.append(actie.Actie(tekst=what.value.strip(), eigenaar=owner.value.strip(),
                                          wanneer=when.value.strip()))
        self.store(capture)
        what.value = owner.value = when.value = ""
        what.focus()
        self.show_actions()

    def action_remove_last(self) -> None:
        if self.pop_last("acties"):
            self.show_actions()

    def focus_capture(self) -> None:
        self.query_one("#what", Input).focus()
