"""Setup: who is there and what it is about, before a werkvorm starts."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Select, Static

from samenslim.content import Werkvorm


def parse_names(text: str) -> list[str]:
    """'Anna, Bram; Chris' -> ['Anna', 'Bram', 'Chris'], duplicates dropped, order kept."""
    names: list[str] = []
    for part in re.split(r"[,;\n]", text):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    return names


class SetupScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "start", "Starten"),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self, werkvorm: Werkvorm) -> None:
        super().__init__()
        self.werkvorm = werkvorm

    def compose(self) -> ComposeResult:
        yield Static(f"samenslim · Nieuwe sessie: {self.werkvorm.titel}", id="title-bar")
        with VerticalScroll(id="setup-scroll"):
            with Grid(id="setup-form"):
                yield Label("Werkwijze")
                with RadioSet(id="mode", compact=True):
                    yield RadioButton("Met een groep", value=True, id="mode-groep")
                    yield RadioButton("Alleen (reflectie voor jezelf)", id="mode-solo")
                yield Label("Titel")
                yield Input(self.werkvorm.titel, id="title", compact=True)
                yield Label("Groep", classes="group-only")
                yield Input(placeholder="bijv. Kernteam Zuid (zo vind je sessies van de groep terug)", id="group",
                            compact=True, classes="group-only")
                yield Label("Positief thema")
                yield Input(placeholder="bijv. Elke jongere een passende plek", id="theme", compact=True)
                yield Label("Deelnemers", classes="group-only")
                yield Input(placeholder="Anna, Bram, Chris (in deze volgorde gaan de rondjes)", id="participants",
                            compact=True, classes="group-only")
                for role in self.werkvorm.rollen:
                    yield Label(role.capitalize(), classes="group-only")
                    yield Select([], prompt=f"kies de {role}", id=f"role-{role}", compact=True,
                                 classes="group-only role-select")
            with Horizontal(id="setup-buttons"):
                yield Button("Starten (ctrl+n)", variant="primary", id="start", compact=True)
                yield Button("Terug (esc)", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#participants", Input).focus() if self.werkvorm.rollen else self.query_one("#title", Input).focus()

    @property
    def solo(self) -> bool:
        return self.query_one("#mode-solo", RadioButton).value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        for widget in self.query(".group-only"):
            widget.display = not self.solo

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "participants":
            return
        names = parse_names(event.value)
        for select in self.query(".role-select").results(Select):
            current = select.value
            select.set_options([(name, name) for name in names])
            if current in names:
                select.value = current

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start() if event.button.id == "start" else self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_start(self) -> None:
        solo = self.solo
        participants = [] if solo else parse_names(self.query_one("#participants", Input).value)
        roles: dict[str, str] = {}
        if not solo:
            for role in self.werkvorm.rollen:
                select = self.query_one(f"#role-{role}", Select)
                if select.is_blank():
                    self.app.notify(f"Kies eerst wie de {role} is (vul daarvoor de deelnemers in).",
                                    severity="warning", title="Nog niet compleet")
                    return
                roles[role] = str(select.value)
            if len(set(roles.values())) < len(roles):
                self.app.notify("Geef elke rol aan een andere deelnemer.", severity="warning", title="Rollen")
                return
        self.app.start_session(
            self.werkvorm,
            titel=self.query_one("#title", Input).value,
            modus="solo" if solo else "groep",
            groep="" if solo else self.query_one("#group", Input).value,
            thema=self.query_one("#theme", Input).value,
            deelnemers=participants,
            rollen=roles,
        )
