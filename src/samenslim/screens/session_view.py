"""One past session, read-only: every werkvorm and step as it was asked, with what was captured,
rendered per step kind. The text is the same Markdown verslag that `samenslim export` writes
(export.py renders each kind: the timeline in order, columns as a table, rounds per person,
scores on their scale), shown with Textual's Markdown widget, so what you read here is what you send.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from samenslim import messages


class SessionViewScreen(Screen):
    HULP = """Sessie terugkijken
    Een eerdere sessie, alleen om te lezen: elke stap zoals hij gevraagd is, met wat er is
    vastgelegd. Dit is dezelfde tekst als het verslag."""
    BINDINGS = [
        Binding("escape", "back", "Terug"),
        Binding("ctrl+r", "resume", "Hervatten", tooltip="Verder met deze (niet afgeronde) sessie"),
        Binding("ctrl+o", "reopen", "Heropenen", tooltip="Deze afgeronde sessie weer openen om iets te verbeteren "
                "of toe te voegen"),
        Binding("ctrl+e", "export", "Verslag", tooltip="Markdown-verslag en JSON-kopie in de map verslagen"),
        Binding("ctrl+g", "group", "Groep", tooltip="De reis van deze groep"),
        Binding("delete", "delete", "Verwijder", tooltip="Deze sessie verwijderen (met bevestiging)"),
    ]
    DEFAULT_CSS = """
    SessionViewScreen #view-note { color: $warning; padding: 0 1; height: auto; }
    SessionViewScreen #view-pane { padding: 0 1; }
    SessionViewScreen Markdown { margin: 0; padding: 0; }
    """

    def __init__(self, entry, session=None, text: str = "", note: str = "") -> None:
        """`entry` is the listing's summary; `session` the loaded Sessie, or None for a file this
        version cannot open (then `text` is what can be shown of it and `note` says why)."""
        super().__init__()
        self.entry = entry
        self.session = session
        self.text = text
        self.note = note

    def compose(self) -> ComposeResult:
        yield Static(f"samenslim · {self.entry.titel or self.entry.bestand}", id="title-bar")
        yield Static(self.note, id="view-note")
        with VerticalScroll(id="view-pane"):
            if self.session is not None:
                from samenslim.domain.export import markdown

                yield Markdown(markdown(self.session), id="verslag", open_links=False)
            else:
                yield Static(self.text, id="raw", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#view-note").display = bool(self.note)
        self.query_one("#view-pane").focus()

    def check_action(self, action: str, parameters) -> bool | None:
        # Only what makes sense for this file is offered (and shown in the footer).
        if self.session is None:
            return action in ("back", "delete")
        if action == "resume":
            return self.session.status == "bezig"
        if action == "reopen":
            return self.session.status == "afgerond"
        if action == "group":
            return bool(self.session.groep) and self.session.modus != "solo"
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_resume(self) -> None:
        self.post_message(messages.ResumeSession(self.session.id))

    def action_reopen(self) -> None:
        from samenslim.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(
            "Sessie heropenen?", "De sessie gaat weer open bij de laatste stap, zodat je iets kunt verbeteren of "
            "toevoegen. In het bestand komt te staan wanneer ze is heropend; rond haar daarna opnieuw af.",
            yes="Heropenen"), self._reopen_answered)

    def _reopen_answered(self, yes: bool | None) -> None:
        if yes:
            self.post_message(messages.ReopenSession(self.session.id))

    def action_export(self) -> None:
        self.post_message(messages.ExportSession(self.session.id))

    def action_group(self) -> None:
        self.post_message(messages.OpenGroup(self.session.groep))

    def action_delete(self) -> None:
        self.post_message(messages.DeleteSession(self.entry, leave_view=True))
