from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import opstelling
from samenslim.werkvormen import StepView
from samenslim.werkvormen._entry import entry_row


class OpstellingView(StepView[opstelling.OpstellingInhoud, opstelling.Capture]):
    """Per person the moment they joined; the line-up is shown earliest first."""

    kind = opstelling.KIND
    DEFAULT_CSS = """
    OpstellingView .joined-row { height: auto; }
    OpstellingView .joined-row Label { width: 18; padding-top: 1; }
    OpstellingView .joined-row Input { width: 24; }
    OpstellingView #line-up { margin-top: 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        known = {place.naam: place.sinds for place in self.capture().volgorde}
        for index, name in enumerate(self.context.participants):
            yield Horizontal(Label(name), Input(known.get(name, ""), placeholder="sinds (jaar of datum)",
                                                id=f"since-{index}"), classes="joined-row")
        yield Static("Iemand anders? Naam en sinds wanneer, dan Enter.", classes="hint")
        yield entry_row([("other-name", "naam", 18), ("other-since", "sinds", 24)])
        yield Static("", id="line-up")

    def on_mount(self) -> None:
        self.show_line_up()

    def show_line_up(self) -> None:
        places = opstelling.line_up(self.capture().volgorde)
        text = Text("Opstelling (langst erbij eerst):\n", style="bold")
        for number, place in enumerate(places, start=1):
            text.append(f"{number:>2}. {place.naam}", style="bold")
            text.append(f"  sinds {place.sinds}\n")
        self.query_one("#line-up", Static).update(text if places else Text("Nog niemand opgesteld.", style="italic"))

    def on_input_changed(self, event: Input.Changed) -> None:
        field_id = event.input.id or ""
        if not field_id.startswith("since-"):
            return
        event.stop()
        capture = self.capture()
        opstelling.set_joined(capture, self.context.participants[int(field_id[6:])], event.value)
        self.store(capture)
        self.show_line_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field_id = event.input.id or ""
        if field_id.startswith("since-"):
            # On to the next person in the line; after the last one, someone who was not listed.
            index = int(field_id[6:]) + 1
            following = f"#since-{index}" if index < len(self.context.participants) else "#other-name"
            self.query_one(following, Input).focus()
            return
        name, since = self.query_one("#other-name", Input), self.query_one("#other-since", Input)
        if field_id == "other-name" and name.value.strip() and not since.value.strip():
            since.focus()  # the name is there: now since when
            return
        if not name.value.strip() or not since.value.strip():
            self.app.notify("Vul een naam en 'sinds wanneer' in.", severity="warning")
            return
        capture = self.capture()
        opstelling.set_joined(capture, name.value.strip(), since.value)
        self.store(capture)
        name.value = since.value = ""
        name.focus()
        self.show_line_up()

    def focus_capture(self) -> None:
        self.query(Input).first().focus()
