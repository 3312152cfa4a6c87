"""When a group starts a new session: look back on the open actions of earlier meetings.

Each action gets 'gedaan', 'loopt door' or 'vervallen' (or nothing yet). Confirming returns
{action key: status} for the session's `opvolging`; 'later' returns None and nothing is recorded.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenslim.domain.journey import Action
from samenslim.widgets.option_list import SafeOptionList

CYCLE = (None, "gedaan", "loopt door", "vervallen")
TAG = {None: "· nog niet", "gedaan": "✓ gedaan", "loopt door": "↻ loopt door", "vervallen": "✗ vervallen"}
TAG_STYLE = {None: "dim", "gedaan": "bold green", "loopt door": "bold yellow", "vervallen": "bold red"}
TAG_WIDTH = max(len(tag) for tag in TAG.values())


class OpenActionsScreen(ModalScreen[dict[str, str] | None]):
    HULP = """Open acties
    De acties en experimenten die deze groep eerder afsprak en die nog open staan. Geef per actie
    aan of ze gedaan is, doorloopt of vervallen is; dat wordt in de sessie van vandaag bewaard."""
    BINDINGS = [
        Binding("g", "mark('gedaan')", "Gedaan"),
        Binding("d", "mark('loopt door')", "Loopt door"),
        Binding("v", "mark('vervallen')", "Vervallen"),
        Binding("space", "cycle", "Wissel", show=False),
        # Priority: Enter confirms the whole list instead of selecting the highlighted line.
        Binding("enter,ctrl+n", "confirm", "Klaar", priority=True),
        Binding("escape", "later", "Later"),
    ]
    DEFAULT_CSS = """
    OpenActionsScreen { align: center middle; }
    OpenActionsScreen #open-dialog {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    OpenActionsScreen #open-title { text-style: bold; color: $accent; }
    OpenActionsScreen .hint { color: $text-muted; }
    OpenActionsScreen #open-list { height: auto; max-height: 20; margin: 1 0; }
    OpenActionsScreen.-narrow #open-dialog { width: 100%; max-height: 100%; border: none; padding: 0 1; }
    OpenActionsScreen.-narrow #open-list { margin: 0; max-height: 12; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(self, actions: list[Action]) -> None:
        super().__init__()
        self.actions = actions
        self.chosen: dict[str, str | None] = {action.key: None for action in actions}

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog"):
            yield Static("Hoe staat het met de acties van vorige keer?", id="open-title")
            yield Static("g gedaan · d loopt door · v vervallen · spatie wisselt", classes="hint")
            yield SafeOptionList(*[Option(self.prompt(action), id=action.key) for action in self.actions],
                             id="open-list")
            yield Static("Enter: opslaan · Esc: later", classes="hint", id="open-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.actions:
            options.highlighted = 0
        options.focus()

    def prompt(self, action: Action) -> Table:
        """Two columns, so the action's lines wrap beside the status, not under it."""
        status = self.chosen[action.key]
        text = Text()
        text.append(action.tekst, style="bold")
        facts = [f"wie: {action.eigenaar}"] if action.eigenaar else []
        if action.wanneer:
            facts.append(f"{action.wanneer_label}: {action.wanneer}")
        facts.append(f"uit {action.sessie_datum:%d-%m} {action.sessie_titel}")
        if action.status == "loopt door":
            facts.append("liep al door")
        text.append("\n" + " · ".join(facts), style="dim")
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=TAG_WIDTH, no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(Text(TAG[status], style=TAG_STYLE[status]), text)
        return table

    def current(self) -> Action | None:
        index = self.query_one(OptionList).highlighted
        return self.actions[index] if index is not None and 0 <= index < len(self.actions) else None

    def set_status(self, action: Action, status: str | None) -> None:
        self.chosen[action.key] = status
        self.query_one(OptionList).replace_option_prompt(action.key, self.prompt(action))

    def action_mark(self, status: str) -> None:
        action = self.current()
        if action is None:
            return
        self.set_status(action, status)
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.highlighted < len(self.actions) - 1:
            options.highlighted += 1  # on to the next one, as the group goes down the list

    def action_cycle(self) -> None:
        action = self.current()
        if action is not None:
            now = CYCLE.index(self.chosen[action.key])
            self.set_status(action, CYCLE[(now + 1) % len(CYCLE)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click (Enter is the screen's own key) cycles the clicked line's status.
        event.stop()
        self.action_cycle()

    def action_confirm(self) -> None:
        self.dismiss({key: status for key, status in self.chosen.items() if status})

    def action_later(self) -> None:
        self.dismiss(None)
