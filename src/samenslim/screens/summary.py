"""The end of a session: what was captured, and where it was saved."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from samenslim import messages
from samenslim.domain.readback import actions, minutes, outline
from samenslim.domain.session import Sessie


class SummaryScreen(Screen):
    HULP = """Afgerond
    Wat de sessie heeft opgeleverd, per stap. Het bestand is bewaard; een verslag maak je via
    Eerdere sessies in de bibliotheek."""
    BINDINGS = [
        Binding("enter,escape", "library", "Naar bibliotheek"),
    ]
    DEFAULT_CSS = """
    SummaryScreen #summary { padding: 1 2; }
    """

    def __init__(self, session: Sessie, path: Path) -> None:
        super().__init__()
        self.session = session
        self.path = path

    def compose(self) -> ComposeResult:
        yield Static(f"samenslim · Afgerond: {self.session.titel}", id="title-bar")
        with VerticalScroll(id="summary"):
            yield Static(self.render_summary(), id="summary-text")
        yield Footer()

    def render_summary(self) -> Text:
        text = Text()
        text.append("Opgeslagen in ", style="bold")
        text.append(f"{self.path}\n\n")
        found = actions(self.session)
        if found:
            text.append("Acties en experimenten\n", style="bold underline")
            for werkvorm, item in found:
                owner = f" — {item.eigenaar}" if item.eigenaar else ""
                text.append(f"  ☐ {item.tekst}{owner}" + (f" ({item.wanneer})" if item.wanneer else ""))
                text.append(f"  · {werkvorm}\n", style="dim")
            text.append("\n")
        for (title, step_items), run in zip(outline(self.session), self.session.werkvormen, strict=True):
            text.append(f"{title}\n", style="bold underline")
            for (step_title, lines), step in zip(step_items, run.stappen, strict=True):
                text.append(f"  {step_title}", style="bold")
                text.append(f"  ({minutes(step.gebruikte_seconden)} min)\n", style="dim")
                for line in lines:
                    text.append(f"    {line}\n")
            text.append("\n")
        return text

    def action_library(self) -> None:
        self.post_message(messages.ShowLibrary())
