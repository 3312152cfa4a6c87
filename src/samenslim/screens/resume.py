"""At start-up: offer to go on with a session that was not finished (closed, or killed).

An entry can be closed here without finishing it (`s`): the session keeps everything, stays in
Eerdere sessies and can be resumed from there, but this question no longer offers it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from samenslim.domain.session import Sessie
from samenslim.widgets.option_list import SafeOptionList

if TYPE_CHECKING:
    from samenslim.services import Services

NEW = "__nieuw__"


class ResumeScreen(ModalScreen[str | None]):
    HULP = """Verder gaan
    Deze sessies waren nog niet afgerond. Kies er een om verder te gaan waar je was, of begin
    iets nieuws; de sessies blijven bewaard."""
    BINDINGS = [
        Binding("s", "close_entry", "Sluiten zonder afronden",
                tooltip="Niet meer aanbieden; de sessie blijft bewaard en is te hervatten via Eerdere sessies"),
        Binding("escape", "dismiss(None)", "Nu niet"),
    ]
    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    ResumeScreen #resume-list { height: auto; max-height: 12; margin-top: 1; }
    ResumeScreen #resume-hint-short { display: none; }
    ResumeScreen.-low #resume-hint { display: none; }
    ResumeScreen.-low #resume-hint-short { display: block; }
    ResumeScreen.-low #resume-list { margin-top: 0; }
    """

    # On a low screen (a zoomed-in projector, a small window) the explanation gives way to a short
    # line, so the sessions themselves stay in sight.
    VERTICAL_BREAKPOINTS = [(0, "-low"), (20, "-tall")]

    def __init__(self, sessions: list[Sessie], services: Services) -> None:
        super().__init__()
        self.sessions = sessions
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Niet afgeronde sessie hervatten?", classes="dialog-title")
            yield Static("Wat er getypt was, ook tekst die nog niet met Enter was bevestigd, is bewaard; van een lopende "
                         "timer kunnen de laatste seconden ontbreken. Kies een sessie om verder te gaan, of sluit haar "
                         "met s zonder af te ronden: dan blijft ze bewaard en vraagt samenslim er niet meer naar.",
                         classes="hint", id="resume-hint")
            yield Static("s: sluiten zonder afronden (blijft bewaard)", classes="hint", id="resume-hint-short")
            options = [Option(self.label(session), id=session.id) for session in self.sessions]
            options.append(Option("Nee, naar de bibliotheek", id=NEW))
            yield SafeOptionList(*options, id="resume-list")
        yield Footer(compact=True, show_command_palette=False)

    @staticmethod
    def label(session: Sessie) -> str:
        """Title, the werkvormen (left out when they only repeat the title), where it stopped, when."""
        step = session.current_step
        werkvormen = ", ".join(run.titel for run in session.werkvormen)
        name = session.titel if werkvormen.strip().casefold() == session.titel.strip().casefold() \
            else f"{session.titel} · {werkvormen}"
        return (f"{name} · stap {session.step_number()}/{session.step_count()} "
                f"({step.titel}) · {session.bijgewerkt:%d-%m-%Y %H:%M}")

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "close_entry":
            return self.highlighted_session() is not None
        return True

    def highlighted_session(self) -> str | None:
        try:
            options = self.query_one(OptionList)
        except NoMatches:  # not composed yet
            return None
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return None if option_id == NEW else option_id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # 's' only on a session, not on "Nee, naar de bibliotheek"

    def action_close_entry(self) -> None:
        session_id = self.highlighted_session()
        if session_id is None:
            return
        from samenslim.services import Refused

        try:
            closed = self.services.close_without_finishing(session_id)
        except Refused as refusal:
            self.notify(str(refusal), severity="error", timeout=refusal.timeout)
            return
        self.notify(closed, title="Gesloten", timeout=8)
        self.sessions = [session for session in self.sessions if session.id != session_id]
        if not self.sessions:
            self.dismiss(None)
            return
        self.query_one(OptionList).remove_option(session_id)
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == NEW else event.option.id)
