"""At start-up: offer to go on with a session that was not finished (closed, or killed)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenslim.session import Sessie
from samenslim.widgets.option_list import SafeOptionList

NEW = "__nieuw__"


class ResumeScreen(ModalScreen[str | None]):
    HULP = """Verder gaan
    Deze sessies waren nog niet afgerond. Kies er een om verder te gaan waar je was, of begin
    iets nieuws; de sessies blijven bewaard."""
    BINDINGS = [Binding("escape", "dismiss(None)", "Nu niet")]

    def __init__(self, sessions: list[Sessie]) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Niet afgeronde sessie hervatten?", classes="dialog-title")
            yield Static("Wat er getypt was, ook tekst die nog niet met Enter was bevestigd, is bewaard; van een lopende "
                         "timer kunnen de laatste seconden ontbreken. Kies een sessie om verder te gaan.", classes="hint")
            options = [Option(self.label(session), id=session.id) for session in self.sessions]
            options.append(Option("Nee, naar de bibliotheek", id=NEW))
            yield SafeOptionList(*options, id="resume-list")

    @staticmethod
    def label(session: Sessie) -> str:
        step = session.current_step
        werkvormen = ", ".join(run.titel for run in session.werkvormen)
        return (f"{session.titel} · {werkvormen} · stap {session.step_number()}/{session.step_count()} "
                f"({step.titel}) · {session.bijgewerkt:%d-%m-%Y %H:%M}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == NEW else event.option.id)
