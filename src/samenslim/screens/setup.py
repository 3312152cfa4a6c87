"""Setup: the agenda (one or more werkvormen, or a meeting of the pilot programme), who is there
and what it is about, before the session starts."""

from __future__ import annotations

import re

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from samenslim import messages
from samenslim.browser import BrowserKeys
from samenslim.domain import soorten
from samenslim.domain.catalog import duration
from samenslim.domain.content import Library, Werkvorm
from samenslim.domain.groups import GroupInfo, group_key

NAMES_RULE = "scheid namen met ; of een nieuwe regel; een komma hoort bij de naam"



def parse_names(text: str) -> list[str]:
    """'Anna; de Vries, Piet' -> ['Anna', 'de Vries, Piet']: names are separated by ';' or new lines,
    so a comma belongs to the name ('Achternaam, Voornaam'). Order and duplicates are kept (a
    duplicate is reported, never dropped silently)."""
    return [name for part in re.split(r"[;\n]", text) if (name := " ".join(part.split()))]


def duplicate_names(names: list[str]) -> list[tuple[str, int]]:
    """The names that occur more than once (ignoring case and spaces), as first typed, with their count."""
    counts: dict[str, list] = {}
    for name in names:
        counts.setdefault(name.casefold(), [name, 0])[1] += 1
    return [(name, count) for name, count in counts.values() if count > 1]


def _times(count: int) -> str:
    return {2: "twee", 3: "drie", 4: "vier"}.get(count, str(count)) + " keer"


def names_line(names: list[str]) -> str:
    """The live line under the participants field: who is there, in order, and any duplicate."""
    if not names:
        return "Nog geen deelnemers · scheid namen met ; (een komma hoort bij de naam)"
    line = f"{len(names)} deelnemer{'' if len(names) == 1 else 's'}: " + " · ".join(names)
    for name, count in duplicate_names(names):
        line += f"\nLet op: {name} staat er {_times(count)} in."
    return line


class NamesInput(Input):
    """The participants field: a pasted list (one name per line) becomes names separated by '; '."""

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2:
            return  # Input's own paste handler runs next (handlers are called along the MRO)
        event.prevent_default()  # Input's handler would keep only the first line
        event.stop()
        names = "; ".join(lines)
        if self.selection.is_empty:
            self.insert_text_at_cursor(names)
        else:
            self.replace(names, *self.selection)


class AgendaList(OptionList):
    """The session's werkvormen in order; its keys ask the screen to change the agenda."""

    BINDINGS = [
        Binding("delete", "remove", "Weg uit agenda"),
        Binding("alt+up", "move(-1)", "Eerder", key_display="alt+↑"),
        Binding("alt+down", "move(1)", "Later", key_display="alt+↓"),
    ]

    class Remove(Message):
        """Take the werkvorm at `index` out of the agenda."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Move(Message):
        """Move the werkvorm at `index` by `delta` places (-1 earlier, 1 later)."""

        def __init__(self, index: int, delta: int) -> None:
            super().__init__()
            self.index = index
            self.delta = delta

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Remove(self.highlighted))

    def action_move(self, delta: int) -> None:
        if self.highlighted is not None:
            self.post_message(self.Move(self.highlighted, delta))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Eerder/Later only where the werkvorm can move, so the footer never offers a dead key.
        if action == "move" and parameters:
            target = (self.highlighted if self.highlighted is not None else -1) + int(str(parameters[0]))
            return 0 <= target < self.option_count and self.highlighted is not None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()


class SetupScreen(BrowserKeys, Screen):
    HULP = """Sessie voorbereiden
    Geef de sessie een titel, kies groep of alleen, vul de deelnemers in (gescheiden door ; of
    komma's) en wie welke rol heeft. De agenda bepaalt welke werkvormen na elkaar komen; pas de
    volgorde aan in de agendalijst."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    DEFAULT_CSS = """
    SetupScreen #setup-scroll { padding: 1 2; }
    SetupScreen #setup-form { layout: grid; grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto; }
    SetupScreen #setup-form Label { text-style: bold; }
    SetupScreen #setup-form RadioSet { width: 100%; }
    SetupScreen #participants-box { height: auto; }
    SetupScreen.-narrow #setup-form { grid-size: 1; grid-columns: 1fr; grid-gutter: 0; }
    SetupScreen.-narrow #setup-form Label { padding-top: 1; height: 2; }
    SetupScreen #roles-form { layout: grid; grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto; margin-top: 1; }
    SetupScreen #roles-form Label { text-style: bold; }
    SetupScreen.-narrow #roles-form { grid-size: 1; grid-columns: 1fr; grid-gutter: 0; }
    SetupScreen #agenda { height: auto; max-height: 8; }
    SetupScreen #setup-buttons { height: auto; margin-top: 1; }
    SetupScreen #setup-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("ctrl+n", "start", "Starten"),
        Binding("f9", "browser('start')", "Starten"),
        Binding("escape", "back", "Terug"),
    ]
    # In a browser tab ctrl+n opens a window: under serve F9 starts (as F9 is Stap ▶ in the runner).
    BROWSER_KEYS = {"start": "f9"}

    def __init__(self, agenda: list[Werkvorm], library: Library, groups: dict[str, GroupInfo] | None = None,
                 title: str = "") -> None:
        super().__init__()
        self.agenda = list(agenda)
        self.library = library
        self.groups = groups or {}
        self.initial_title = title or self.agenda[0].titel
        self.initial_agenda = [w.id for w in self.agenda]
        self.filled_theme = ""  # the theme we filled in from the group's history (replaced if the group changes)

    def compose(self) -> ComposeResult:
        yield Static("samenslim · Nieuwe sessie", id="title-bar")
        with VerticalScroll(id="setup-scroll"):
            with Grid(id="setup-form"):
                yield Label("Agenda")
                yield AgendaList(id="agenda", compact=True)
                yield Label("Erbij")
                yield Select(self._werkvorm_options(), prompt="werkvorm toevoegen aan de agenda", id="add-werkvorm",
                             compact=True)
                if self._meeting_options():
                    yield Label("Bijeenkomst")
                    yield Select(self._meeting_options(), prompt="of: een bijeenkomst uit het programma",
                                 id="meeting", compact=True)
                yield Label("Werkwijze")
                with RadioSet(id="mode", compact=True):
                    yield RadioButton("Met een groep", value=True, id="mode-groep")
                    yield RadioButton("Alleen (reflectie voor jezelf)", id="mode-solo")
                yield Label("Titel")
                yield Input(self.initial_title, id="title", compact=True)
                yield Label("Groep", classes="group-only")
                names = sorted(info.naam for info in self.groups.values())
                yield Input(placeholder="bijv. Kernteam Zuid (zo vind je sessies van de groep terug)", id="group",
                            compact=True, classes="group-only",
                            suggester=SuggestFromList(names, case_sensitive=False) if names else None)
                yield Label("Positief thema")
                yield Input(placeholder="bijv. Elke jongere een passende plek", id="theme", compact=True)
                yield Label("", classes="theme-hint")
                yield Static("", id="theme-hint", classes="hint theme-hint")
                yield Label("Deelnemers", classes="group-only")
                with Vertical(id="participants-box", classes="group-only"):
                    yield NamesInput(placeholder="Anna; Bram; de Vries, Piet (in deze volgorde gaan de rondjes)",
                                     id="participants", compact=True)
                    yield Static(names_line([]), id="participants-hint", classes="hint")
            yield Grid(id="roles-form")
            with Horizontal(id="setup-buttons"):
                yield Button("Starten (F9)" if self.app.is_web else "Starten (ctrl+n)", variant="primary",
                             id="start", compact=True)
                yield Button("Terug (Esc)", id="back", compact=True)
        yield Footer()

    def _werkvorm_options(self) -> list[tuple[str, str]]:
        return [(f"{w.paragraaf} {w.titel}".strip(), w.id)
                for chapter in self.library.by_chapter().values() for w in chapter]

    def _meeting_options(self) -> list[tuple[str, str]]:
        return [(f"{programme.titel} {number}: {meeting.titel}", f"{programme.id}/{number - 1}")
                for programme in self.library.programmas.values()
                for number, meeting in enumerate(programme.bijeenkomsten, start=1)]

    async def on_mount(self) -> None:
        self.show_theme_hint("")
        await self.show_agenda()
        focus = "#participants" if self.roles() else "#title"
        self.query_one(focus, Input).focus()

    # -- the agenda -------------------------------------------------------------------------
    def roles(self) -> list[str]:
        found: list[str] = []
        for werkvorm in self.agenda:
            found += [role for role in werkvorm.rollen if role not in found]
        return found

    async def show_agenda(self, highlight: int | None = None) -> None:
        agenda = self.query_one(AgendaList)
        agenda.clear_options()
        total = sum(w.minuten or 0 for w in self.agenda)
        top = sum(w.minuten_max or w.minuten or 0 for w in self.agenda)
        agenda.add_options([Option(f"{n}. {w.titel}" + (f" ({duration(w.minuten, w.minuten_max)})" if w.minuten else ""))
                            for n, w in enumerate(self.agenda, start=1)])
        agenda.highlighted = min(highlight or 0, len(self.agenda) - 1)
        agenda.border_subtitle = f"{duration(total, top)} gepland" if total else ""
        await self.show_roles()

    async def show_roles(self) -> None:
        form = self.query_one("#roles-form", Grid)
        chosen = {select.id: select.value for select in form.query(Select)}
        await form.remove_children()
        names = self.unique_names()
        rows = []
        for role in self.roles():
            select = Select([(name, name) for name in names], prompt=f"kies de {role}", id=f"role-{role}",
                            compact=True, classes="group-only role-select")
            if chosen.get(select.id) in names:
                select.value = chosen[select.id]
            rows += [Label(role.capitalize(), classes="group-only"), select]
        await form.mount_all(rows)
        form.display = bool(rows) and not self.solo

    async def on_agenda_list_remove(self, message: AgendaList.Remove) -> None:
        message.stop()
        if len(self.agenda) == 1:
            self.app.notify("Een sessie heeft minstens één werkvorm. Voeg eerst een andere toe (Erbij).",
                            severity="warning", title="Agenda", timeout=4)
            return
        if 0 <= message.index < len(self.agenda):
            del self.agenda[message.index]
            await self.show_agenda(highlight=message.index)

    async def on_agenda_list_move(self, message: AgendaList.Move) -> None:
        message.stop()
        index, target = message.index, message.index + message.delta
        if 0 <= index < len(self.agenda) and 0 <= target < len(self.agenda):
            self.agenda[index], self.agenda[target] = self.agenda[target], self.agenda[index]
            await self.show_agenda(highlight=target)

    async def on_select_changed(self, event: Select.Changed) -> None:
        select = event.select
        if select.id == "add-werkvorm" and not select.is_blank():
            self.agenda.append(self.library.werkvormen[str(select.value)])
            select.clear()
            await self.show_agenda(highlight=len(self.agenda) - 1)
        elif select.id == "meeting" and not select.is_blank():
            programme_id, _, number = str(select.value).partition("/")
            meeting = self.library.programmas[programme_id].bijeenkomsten[int(number)]
            self.agenda = [self.library.werkvormen[w] for w in meeting.werkvormen if w in self.library.werkvormen]
            self.query_one("#title", Input).value = meeting.titel
            await self.show_agenda()

    # -- the people -------------------------------------------------------------------------
    @property
    def solo(self) -> bool:
        return self.query_one("#mode-solo", RadioButton).value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        for widget in self.query(".group-only"):
            widget.display = not self.solo
        self.query_one("#roles-form").display = bool(self.roles()) and not self.solo
        if self.solo and self.group_only():
            self.app.notify(self.group_only_message(), severity="warning", title="Alleen", timeout=8)

    def group_only(self) -> list[str]:
        """The agenda's werkvormen that make no sense alone (their file does not name 'alleen')."""
        return [w.titel for w in self.agenda if not w.solo_mogelijk]

    def group_only_message(self) -> str:
        names = self.group_only()
        kan = "kan" if len(names) == 1 else "kunnen"
        return (f"{' en '.join(names)} {kan} niet alleen: daar zijn anderen voor nodig. Haal "
                f"{'hem' if len(names) == 1 else 'ze'} van de agenda (Delete) of kies 'Met een groep'.")

    def unique_names(self) -> list[str]:
        """The participants once each, for the role choices."""
        names: list[str] = []
        for name in parse_names(self.query_one("#participants", Input).value):
            if name.casefold() not in {known.casefold() for known in names}:
                names.append(name)
        return names

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "participants":
            self.query_one("#participants-hint", Static).update(names_line(parse_names(event.value)))
            names = self.unique_names()
            for select in self.query(".role-select").results(Select):
                current = select.value
                select.set_options([(name, name) for name in names])
                if current in names:
                    select.value = current
        elif event.input.id == "group":
            self.offer_group_theme(event.value)

    def offer_group_theme(self, group: str) -> None:
        """A known group brings its positive theme along, unless the facilitator typed another one."""
        theme = self.query_one("#theme", Input)
        info = self.groups.get(group_key(group))
        if theme.value and theme.value != self.filled_theme:
            return
        if info and info.thema:
            theme.value = self.filled_theme = info.thema
            when = f" (sinds {info.thema_datum:%d-%m-%Y})" if info.thema_datum else ""
            self.show_theme_hint(f"Het thema van {info.naam}{when}; pas het gerust aan.")
        elif self.filled_theme:
            theme.value = self.filled_theme = ""
            self.show_theme_hint("")

    def show_theme_hint(self, text: str) -> None:
        self.query_one("#theme-hint", Static).update(text)
        for widget in self.query(".theme-hint"):
            widget.display = bool(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start() if event.button.id == "start" else self.action_back()

    def filled_in(self) -> list[str]:
        """What the facilitator has typed or changed here, in words (empty: nothing to lose)."""
        filled = []
        if [w.id for w in self.agenda] != self.initial_agenda:
            filled.append("de agenda")
        if self.query_one("#title", Input).value.strip() not in ("", self.initial_title):
            filled.append("de titel")
        for selector, words in (("#group", "de groep"), ("#theme", "het thema"), ("#participants", "de deelnemers")):
            if self.query_one(selector, Input).value.strip():
                filled.append(words)
        return filled

    def action_back(self) -> None:
        filled = self.filled_in()
        if not filled:
            self.app.pop_screen()
            return
        from samenslim.screens.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        what = ", ".join(filled[:-1]) + " en " + filled[-1] if len(filled) > 1 else filled[0]
        self.app.push_screen(ConfirmScreen(
            "Terug zonder te starten?", f"Je hebt al ingevuld: {what}. Dat wordt niet bewaard als je teruggaat.",
            yes="Weggooien en terug", variant="warning"), answered)

    def needs_others(self) -> list[str]:
        """The agenda's werkvormen with a round or a pair conversation: they need other people."""
        return [w.titel for w in self.agenda if any(soorten.needs_others(step.soort) for step in w.stappen)]

    def action_start(self) -> None:
        solo = self.solo
        participants = [] if solo else parse_names(self.query_one("#participants", Input).value)
        field = self.query_one("#participants", Input)
        duplicates = duplicate_names(participants)
        if duplicates:
            which = " en ".join(f"{name} ({_times(count)})" for name, count in duplicates)
            these = "Deze naam staat" if len(duplicates) == 1 else "Deze namen staan"
            self.app.notify(f"{these} meer dan eens in de lijst: {which}. Maak de namen verschillend "
                            f"(bijv. 'Anna B.') of haal er één weg.", severity="warning", title="Deelnemers",
                            timeout=8)
            field.focus()
            return
        if solo and self.group_only():
            self.app.notify(self.group_only_message(), severity="warning", title="Alleen", timeout=8)
            self.query_one(AgendaList).focus()
            return
        needing = self.needs_others()
        if not solo and not participants and needing:
            has = "heeft" if len(needing) == 1 else "hebben"
            alone = "" if self.group_only() else ", of kies bij Werkwijze 'Alleen'"
            self.app.notify(f"{' en '.join(needing)} {has} rondjes of tweegesprekken: vul de namen van de "
                            f"deelnemers in ({NAMES_RULE}){alone}.",
                            severity="warning", title="Nog geen deelnemers", timeout=8)
            field.focus()
            return
        roles: dict[str, str] = {}
        if not solo:
            for role in self.roles():
                select = self.query_one(f"#role-{role}", Select)
                if select.is_blank():
                    self.app.notify(f"Kies eerst wie de {role} is (vul daarvoor de deelnemers in).",
                                    severity="warning", title="Nog niet compleet")
                    return
                roles[role] = str(select.value)
            if len(set(roles.values())) < len(roles):
                self.app.notify("Geef elke rol aan een andere deelnemer.", severity="warning", title="Rollen")
                return
        self.post_message(messages.StartSession(
            list(self.agenda),
            titel=self.query_one("#title", Input).value,
            modus="solo" if solo else "groep",
            groep="" if solo else self.query_one("#group", Input).value,
            thema=self.query_one("#theme", Input).value,
            deelnemers=participants,
            rollen=roles,
        ))
