"""A group's journey: its meetings, the schaalvraag scores over time, how its theme changed, and
every action or experiment with what became of it."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from samenslim import messages
from samenslim.domain.journey import BARS, Action, Journey, Score
from samenslim.domain.retention import Bewaartermijn
from samenslim.domain.soorten.schaal import format_score

STATUS_MARK = {"open": "☐ open", "gedaan": "✓ gedaan", "loopt door": "↻ loopt door", "vervallen": "✗ vervallen"}
STATUS_STYLE = {"open": "bold", "gedaan": "green", "loopt door": "yellow", "vervallen": "dim"}


def two_columns() -> Table:
    """A borderless grid: a short label (a date, a status) that never wraps, then the text."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    return table


def day(moment: datetime) -> str:
    return f"{moment:%d-%m-%Y}"


def short_day(moment: datetime) -> str:
    return f"{moment:%d-%m}"


class ScoreChart(Widget):
    """The group's scores as bars on the scale's own range, with each date and number under its bar.

    Not Textual's Sparkline: that one stretches the data's own lowest to highest value over its
    height, so 4, 5, 7 on a 0-10 scale would look like nothing, a little and everything."""

    COMPONENT_CLASSES = {"score-chart--bar", "score-chart--axis"}
    DEFAULT_CSS = """
    ScoreChart { height: auto; width: 100%; }
    ScoreChart > .score-chart--bar { color: $accent; }
    ScoreChart > .score-chart--axis { color: $text-muted; }
    """
    ROWS = 5  # bar height in lines; 8 steps per line
    SLOT = 6  # columns per score: a space, then five for the date 'dd-mm'

    def __init__(self, scores: list[Score], low: int = 0, high: int = 10, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scores = scores
        self.low, self.high = low, high
        self.label_width = max(len(str(low)), len(str(high)))

    def fitting(self, width: int) -> int:
        """How many scores fit next to the axis; the newest ones are shown."""
        return max(1, (width - self.label_width - 2) // self.SLOT)

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.ROWS + 3 + (1 if len(self.scores) > self.fitting(width) else 0)

    def level(self, score: int | float) -> int:
        """The bar's height in eighths of a line."""
        span = (self.high - self.low) or 1
        return round((min(max(score, self.low), self.high) - self.low) / span * self.ROWS * 8)

    def render(self) -> Text:
        width = self.content_size.width or 40
        shown = self.scores[-self.fitting(width):]
        bar_style = self.get_component_rich_style("score-chart--bar")
        axis_style = self.get_component_rich_style("score-chart--axis")
        lw = self.label_width
        middle = (self.low + self.high) // 2 if (self.low + self.high) % 2 == 0 else None
        text = Text(no_wrap=True, overflow="crop")
        for row in reversed(range(self.ROWS)):
            label = str(self.high) if row == self.ROWS - 1 else (
                str(middle) if middle is not None and row == self.ROWS // 2 else "")
            text.append(f"{label:>{lw}} {'┤' if label else '│'}", style=axis_style)
            for score in shown:
                filled = self.level(score.score) - row * 8
                cell = "███" if filled >= 8 else (BARS[filled - 1] * 3 if filled > 0 else "   ")
                text.append("  ")
                text.append(cell, style=bar_style)
                text.append(" ")
            text.append("\n")
        text.append(f"{self.low:>{lw}} └" + "─" * (self.SLOT * len(shown)) + "\n", style=axis_style)
        text.append(" " * (lw + 2) + "".join(f" {short_day(score.datum)}" for score in shown) + "\n")
        text.append(" " * (lw + 2) + "".join(f" {format_score(score.score):^5}" for score in shown), style="bold")
        if len(shown) < len(self.scores):
            text.append(f"\nde laatste {len(shown)} van {len(self.scores)} scores", style=axis_style)
        return text


class GroupScreen(Screen):
    HULP = """Reis van de groep
    De sessies van één groep op een rij: de scores op de schaalvraag door de tijd, hoe het
    thema veranderde, en elke actie of elk experiment met wat ervan geworden is, en hoe lang de
    sessies bewaard blijven (b: de bewaartermijn vastleggen)."""
    BINDINGS = [Binding("escape", "app.pop_screen", "Terug"), Binding("b", "retention", "Bewaartermijn")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    DEFAULT_CSS = """
    GroupScreen #title-bar { dock: top; height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    GroupScreen #group-body { padding: 1 2; }
    GroupScreen.-narrow #group-body { padding: 0 1; }
    GroupScreen .section { text-style: bold; color: $accent; margin-top: 1; }
    GroupScreen .section.first { margin-top: 0; }
    GroupScreen .empty { color: $text-muted; }
    GroupScreen #group-scores { margin-top: 1; }
    GroupScreen.-narrow #group-scores { margin-top: 0; }
    """

    def __init__(self, journey: Journey, term: Bewaartermijn | None = None) -> None:
        super().__init__()
        self.journey = journey
        self.term = term

    def compose(self) -> ComposeResult:
        j = self.journey
        yield Static(f"samenslim · Groep: {j.naam}", id="title-bar")
        with VerticalScroll(id="group-body"):
            yield Static(f"Sessies ({len(j.meetings)})", classes="section first")
            yield Static(self.render_meetings(), id="group-meetings")
            low, high = j.schaal
            yield Static(f"Schaalvraag over de tijd ({low}–{high})", classes="section")
            if j.scores:
                yield ScoreChart(j.scores, low, high, id="group-scores")
            else:
                yield Static("Nog geen score op de schaalvraag.", classes="empty")
            yield Static("Thema", classes="section")
            yield Static(self.render_themes(), id="group-themes")
            still_open = len(j.open_actions)
            yield Static(f"Acties en experimenten ({still_open} open)" if j.actions else "Acties en experimenten",
                         classes="section")
            yield Static(self.render_actions(), id="group-actions")
            yield Static("Bewaartermijn", classes="section")
            yield Static(self.render_term(), id="group-term")
        yield Footer()

    def render_term(self) -> Text:
        term = self.term
        if term is None:
            return Text("Nog geen bewaartermijn vastgelegd (b: vastleggen).", style="italic")
        count = f"{term.maanden} {'maand' if term.maanden == 1 else 'maanden'}"
        return Text(f"{count} na de laatste bijeenkomst, daarna {term.na}. Reden: {term.reden}")

    def show_term(self, term: Bewaartermijn) -> None:
        self.term = term
        self.query_one("#group-term", Static).update(self.render_term())

    def action_retention(self) -> None:
        from samenslim.screens.retention import RetentionDialog

        def chosen(choice) -> None:
            if choice is not None:
                self.post_message(messages.SetRetention(self.journey.naam, choice.maanden, choice.reden, choice.na))

        self.app.push_screen(RetentionDialog(self.journey.naam, self.term), chosen)

    def on_mount(self) -> None:
        self.query_one("#group-body").focus()

    def render_meetings(self) -> Table | Text:
        if not self.journey.meetings:
            return Text("Nog geen sessies van deze groep.", style="dim")
        table = two_columns()
        for meeting in self.journey.meetings:
            details = Text()
            details.append(meeting.titel, style="bold")
            details.append(" · " + ", ".join(meeting.werkvormen), style="dim")
            scores = [score.score for score in self.journey.scores
                      if score.datum == meeting.datum and score.sessie == meeting.titel]
            if scores:
                details.append(" · schaalvraag " + ", ".join(map(format_score, scores)))
            if meeting.status != "afgerond":
                details.append(" · niet afgerond", style="dim italic")
            table.add_row(day(meeting.datum), details)
        return table

    def render_themes(self) -> Table | Text:
        themes = self.journey.themes
        if not themes:
            return Text("Nog geen thema vastgelegd.", style="dim")
        table = two_columns()
        for index, change in enumerate(themes):
            words = Text()
            words.append("eerst: " if index == 0 and len(themes) > 1 else "", style="dim")
            if index > 0:
                words.append("werd: ", style="dim")
            words.append(change.thema, style="bold" if index == len(themes) - 1 else "")
            if index == len(themes) - 1:
                words.append("  (nu)", style="italic")
            table.add_row(day(change.datum), words)
        return table

    def render_actions(self) -> Table | Text:
        if not self.journey.actions:
            return Text("Nog geen acties of experimenten.", style="dim")
        table = two_columns()
        for action in self.journey.actions:
            table.add_row(Text(STATUS_MARK.get(action.status, action.status),
                               style=STATUS_STYLE.get(action.status, "")), self.describe(action))
        return table

    @staticmethod
    def describe(action: Action) -> Text:
        text = Text()
        text.append(action.tekst, style="strike" if action.status == "vervallen" else "")
        facts = [action.kenmerk] if action.kenmerk else []
        if action.eigenaar:
            facts.append(f"wie: {action.eigenaar}")
        if action.wanneer:
            facts.append(f"{action.wanneer_label}: {action.wanneer}")
        facts.append(f"uit {day(action.sessie_datum)} {action.sessie_titel}")
        text.append("\n" + " · ".join(facts), style="dim")
        return text
