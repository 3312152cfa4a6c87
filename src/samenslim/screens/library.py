"""Bibliotheek: the home screen. The werkvormen grouped by the workbook's chapters, filtered as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from samenslim import messages
from samenslim.domain.catalog import Catalog, Entry, duration
from samenslim.domain.taal import aantal
from samenslim.widgets.option_list import SafeOptionList

if TYPE_CHECKING:
    from samenslim.services import Services


class LibraryScreen(Screen):
    HULP = """Bibliotheek
    Hier kies je een werkvorm uit het werkboek, geordend per hoofdstuk. Typ om te filteren, kies met
    de pijltjes en druk Enter om een sessie voor te bereiden. Loopt de samenwerking vast, dan stelt
    Vastgelopen? werkvormen voor; Eerdere sessies laat zien wat er al gedaan is."""
    BINDINGS = [
        Binding("enter", "choose", "Kiezen", show=True, priority=False),
        Binding("down", "move(1)", "Omlaag", show=False),
        Binding("up", "move(-1)", "Omhoog", show=False),
        Binding("ctrl+o", "stuck", "Vastgelopen?", tooltip="Kies een vastloopsituatie; samenslim stelt werkvormen voor"),
        # Priority: the filter field would otherwise take ctrl+k for 'delete to end of line'.
        Binding("ctrl+k", "copy", "Kopieer", priority=True, tooltip="Maak een eigen, aanpasbare versie"),
        Binding("ctrl+r", "sessions", "Eerdere sessies", tooltip="Terugkijken, zoeken, verslag maken"),
        Binding("ctrl+g", "show_problems", "Meldingen"),
        Binding("f2", "about", "Over", show=False,  # the footer is full at 100 columns; F1 and the palette list it
                tooltip="Over samenslim: het werkboek, de auteurs en de bronnen"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    DEFAULT_CSS = """
    LibraryScreen #filter { margin: 0 1; }
    LibraryScreen #library-body { height: 1fr; }
    LibraryScreen #werkvormen { width: 1fr; min-width: 28; border: round $primary; }
    LibraryScreen #details { width: 1fr; border: round $secondary; padding: 0 1; }
    LibraryScreen.-narrow #library-body { layout: vertical; }
    LibraryScreen.-narrow #werkvormen { height: auto; max-height: 60%; width: 100%; }
    LibraryScreen.-narrow #details { height: 1fr; width: 100%; }
    LibraryScreen #problems-line { color: $warning; padding: 0 1; height: auto; max-height: 2; }
    """

    def __init__(self, catalog: Catalog, services: Services) -> None:
        super().__init__()
        self.catalog = catalog  # the quick listing first, the validated one as soon as it is loaded
        self.services = services  # the content, locations and problems, handed down by the app

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if self.is_mounted:
            self.fill(self.query_one("#filter", Input).value, keep=self.highlighted_id())
            self.refresh_bindings()

    def compose(self) -> ComposeResult:
        yield Static("samenslim · Bibliotheek", id="title-bar")
        yield Input(placeholder="Typ om te filteren, pijltjes om te kiezen, Enter om te starten", id="filter")
        with Horizontal(id="library-body"):
            yield SafeOptionList(id="werkvormen")
            with VerticalScroll(id="details"):
                yield Static("", id="details-text")
        yield Static("", id="problems-line")
        yield Footer()

    def on_mount(self) -> None:
        self.fill("")
        self.show_problem_line()
        self.query_one("#filter", Input).focus()

    def fill(self, query: str, keep: str | None = None) -> None:
        words = query.lower().split()
        options: list[Option | None] = []
        for chapter, werkvormen in self.catalog.by_chapter().items():
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
        kept = next((i for i, option in enumerate(option_list.options) if keep and option.id == keep), None)
        option_list.highlighted = kept if kept is not None else first
        if first is None:
            self.query_one("#details-text", Static).update("Geen werkvorm gevonden. Probeer een ander woord.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_choose()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        werkvorm = self.catalog.entries.get(event.option.id or "")
        if werkvorm is not None:
            # The chapter's werkzame principes, once the checked library (with its decks) is loaded.
            principles = [card.titel for deck in self.services.library.chapter_decks(werkvorm.hoofdstuk)
                          for card in deck.kaarten] if self.catalog.checked else []
            self.query_one("#details-text", Static).update(describe(werkvorm, principles))

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
        werkvormen = self.services.library.werkvormen  # the checked models (loaded now if still on their way)
        if werkvorm_id in werkvormen:
            self.post_message(messages.OpenSetup([werkvormen[werkvorm_id]]))

    def show_problem_line(self) -> None:
        problems = self.services.problem_messages()
        line = self.query_one("#problems-line", Static)
        line.display = bool(problems)
        self.refresh_bindings()
        if problems:
            line.update(f"⚠ {aantal(len(problems), 'melding')}: {problems[0]}  — ctrl+g voor alles")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_problems":
            return bool(self.services.problem_messages())  # no key hint when there is nothing to show
        if action == "stuck":
            return not self.catalog.checked or "vastloopsituaties" in self.services.library.stapels
        return True

    def highlighted_id(self) -> str | None:
        option_list = self.query_one("#werkvormen", OptionList)
        if option_list.highlighted is None:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def action_copy(self) -> None:
        from samenslim.domain.copying import CopyError, copy_content

        werkvorm_id = self.highlighted_id()
        if werkvorm_id not in self.services.library.werkvormen:
            return
        try:
            path = copy_content(self.services.library, self.services.locations, werkvorm_id)
        except CopyError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.post_message(messages.ContentChanged())  # the copy shows up in the list right away
        self.notify(f"Eigen versie staat in {path}. Pas het bestand aan; na een herstart zie je je wijzigingen.",
                    title="Gekopieerd", timeout=12)

    def action_stuck(self) -> None:
        from samenslim.screens.stuck import StuckScreen

        self.app.push_screen(StuckScreen(self.services.library))

    def action_sessions(self) -> None:
        self.post_message(messages.OpenSessions())

    def action_show_problems(self) -> None:
        self.post_message(messages.ShowProblems())

    def action_about(self) -> None:
        from samenslim.screens.about import AboutScreen

        self.app.push_screen(AboutScreen())


def describe(werkvorm: Entry, principles: list[str] | None = None) -> Text:
    text = Text()
    text.append(werkvorm.titel + "\n", style="bold")
    where = " · ".join(part for part in (werkvorm.hoofdstuk, werkvorm.paragraaf) if part)
    total = f" · {duration(werkvorm.minuten, werkvorm.minuten_max)}" if werkvorm.minuten else ""
    text.append(where + total + "\n", style="italic")
    if werkvorm.fasen or werkvorm.groepsvorm:
        text.append(" · ".join(filter(None, (", ".join(werkvorm.fasen), ", ".join(werkvorm.groepsvorm)))) + "\n",
                    style="dim")
    text.append("\n")
    if werkvorm.doel:
        text.append(werkvorm.doel + "\n\n")
    if werkvorm.rollen:
        text.append("Rollen: " + ", ".join(werkvorm.rollen) + "\n\n")
    for number, step in enumerate(werkvorm.stappen, start=1):
        minutes = f"{step.minuten:g} min" if step.minuten else "vrij"
        text.append(f"{number}. {step.titel}", style="bold")
        text.append(f"  ({(step.soort_naam or step.soort).lower()}, {minutes})\n")
    if principles:
        text.append(f"\nWerkzame principes van {werkvorm.hoofdstuk} (ctrl+s tijdens een stap):\n", style="italic")
        for principle in principles:
            text.append(f"  {principle}\n", style="dim")
    return text
