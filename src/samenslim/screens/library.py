"""Bibliotheek: the home screen. The werkvormen grouped by the workbook's chapters, filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from samenslim.content import Library, Werkvorm
from samenslim.werkvormen import KINDS


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "choose", "Kiezen", show=True, priority=False),
        Binding("down", "move(1)", "Omlaag", show=False),
        Binding("up", "move(-1)", "Omhoog", show=False),
        Binding("ctrl+g", "show_problems", "Meldingen"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Static("samenslim · Bibliotheek", id="title-bar")
        yield Input(placeholder="Typ om te filteren, pijltjes om te kiezen, Enter om te starten", id="filter")
        with Horizontal(id="library-body"):
            yield OptionList(id="werkvormen")
            with VerticalScroll(id="details"):
                yield Static("", id="details-text")
        yield Static("", id="problems-line")
        yield Footer()

    def on_mount(self) -> None:
        self.fill("")
        self.show_problem_line()
        self.query_one("#filter", Input).focus()

    def fill(self, query: str) -> None:
        words = query.lower().split()
        options: list[Option | None] = []
        for chapter, werkvormen in self.library.by_chapter().items():
            matching = [w for w in werkvormen if all(word in w.search_text() for word in words)]
            if not matching:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(chapter.upper(), style="bold"), disabled=True))
            for werkvorm in matching:
                label = Text(f"  {werkvorm.paragraaf:<5}" if werkvorm.paragraaf else "  ")
                label.append(werkvorm.titel)
                options.append(Option(label, id=werkvorm.id))
        option_list = self.query_one("#werkvormen", OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        first = next((i for i, option in enumerate(option_list.options) if not option.disabled), None)
        option_list.highlighted = first
        if first is None:
            self.query_one("#details-text", Static).update("Geen werkvorm gevonden. Probeer een ander woord.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_choose()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        werkvorm = self.library.werkvormen.get(event.option.id or "")
        if werkvorm is not None:
            self.query_one("#details-text", Static).update(describe(werkvorm))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.start(event.option.id)

    def action_move(self, delta: int) -> None:
        option_list = self.query_one("#werkvormen", OptionList)
        option_list.action_cursor_down() if delta > 0 else option_list.action_cursor_up()

    def action_choose(self) -> None:
        option_list = self.query_one("#werkvormen", OptionList)
        if option_list.highlighted is not None:
            self.start(option_list.get_option_at_index(option_list.highlighted).id)

    def start(self, werkvorm_id: str | None) -> None:
        if werkvorm_id in self.library.werkvormen:
            self.app.open_setup(self.library.werkvormen[werkvorm_id])

    def show_problem_line(self) -> None:
        problems = self.app.problem_messages()
        line = self.query_one("#problems-line", Static)
        line.display = bool(problems)
        self.refresh_bindings()
        if problems:
            line.update(f"⚠ {len(problems)} melding(en): {problems[0]}  — ctrl+g voor alles")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_problems":
            return bool(self.app.problem_messages())  # no key hint when there is nothing to show
        return True

    def action_show_problems(self) -> None:
        self.app.show_problems()


def describe(werkvorm: Werkvorm) -> Text:
    text = Text()
    text.append(werkvorm.titel + "\n", style="bold")
    where = " · ".join(part for part in (werkvorm.hoofdstuk, werkvorm.paragraaf) if part)
    total = f" · {werkvorm.minuten:g} min" if werkvorm.minuten else ""
    text.append(where + total + "\n\n", style="italic")
    if werkvorm.doel:
        text.append(werkvorm.doel + "\n\n")
    if werkvorm.rollen:
        text.append("Rollen: " + ", ".join(werkvorm.rollen) + "\n\n")
    for number, step in enumerate(werkvorm.stappen, start=1):
        minutes = f"{step.minuten:g} min" if step.minuten else "vrij"
        text.append(f"{number}. {step.titel}", style="bold")
        text.append(f"  ({KINDS[step.soort].NAAM.lower()}, {minutes})\n")
    return text
