from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from samenslim.domain.soorten import experiment
from samenslim.werkvormen import StepView

FIELDS = (  # (field, label, placeholder)
    ("tekst", "Wat", "het experiment of de actie"),
    ("eigenaar", "Wie trekt het", "naam"),
    ("eerste_stap", "Eerste stap", "wat gebeurt er als eerste?"),
    ("helpers", "Met hulp van", "wie helpt, wie is nodig?"),
    ("evaluatie", "Terugkijken op", "datum of moment, bijv. over 40 dagen"),
)


class ExperimentView(StepView[experiment.ExperimentInhoud, experiment.Capture]):
    """A small form; Enter in any field adds the experiment to the list (only 'Wat' is required)."""

    kind = experiment.KIND
    BINDINGS = [Binding("ctrl+z", "remove_last", "Laatste weg", show=False)]
    DEFAULT_CSS = """
    ExperimentView #form { grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto; }
    ExperimentView #form Label { padding-top: 0; }
    ExperimentView #experiments { margin-top: 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Vul in wat je weet en druk Enter; alleen 'Wat' is nodig.", classes="hint")
        with Grid(id="form"):
            for field, label, placeholder in FIELDS:
                yield Label(label)
                suggester = SuggestFromList(self.context.participants, case_sensitive=False) \
                    if field == "eigenaar" and self.context.participants else None
                yield Input(placeholder=placeholder, id=f"exp-{field}", compact=True, suggester=suggester)
        yield Static("", id="experiments")

    def on_mount(self) -> None:
        self.show_list()

    def show_list(self) -> None:
        items = self.capture().experimenten
        text = Text()
        for item in items:
            text.append("☐ ", style="bold")
            text.append(experiment.describe(item) + "\n")
        self.query_one("#experiments", Static).update(text if items else Text("Nog niets vastgelegd.", style="italic"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = {field: self.query_one(f"#exp-{field}", Input) for field, _, _ in FIELDS}
        if not fields["tekst"].value.strip():
            self.app.notify("Beschrijf eerst wat het experiment of de actie is.", severity="warning")
            fields["tekst"].focus()
            return
        capture = self.capture()
        capture.experimenten.append(experiment.Experiment(**{name: box.value.strip() for name, box in fields.items()}))
        self.store(capture)
        for box in fields.values():
            box.value = ""
        fields["tekst"].focus()
        self.show_list()

    def action_remove_last(self) -> None:
        if self.pop_last("experimenten"):
            self.show_list()

    def focus_capture(self) -> None:
        self.query_one("#exp-tekst", Input).focus()
