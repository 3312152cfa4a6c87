"""Eerdere sessies: every session, newest first, with filters and full-text search.

The listing comes from the sessions index (domain/sessions_index) in a worker, so the screen is drawn
at once however many files there are. A solo session shows only its title and date until opened;
a damaged file is listed with the reason and can only be looked at, never overwritten.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from samenslim import messages

PERIODS = [("afgelopen week", 7), ("afgelopen maand", 31), ("afgelopen kwartaal", 92), ("afgelopen jaar", 366)]


class SessionsScreen(Screen):
    HULP = """Eerdere sessies
    Alle bewaarde sessies, de nieuwste bovenaan. Zoek op een woord of filter op groep, werkvorm en
    periode. Enter opent een sessie; van daaruit kun je verder gaan, heropenen of een verslag maken."""
    BINDINGS = [
        Binding("escape", "back", "Terug"),
        Binding("enter", "open", "Openen", show=False),
        Binding("ctrl+g", "group", "Groep", tooltip="De reis van de groep van deze sessie"),
        Binding("ctrl+e", "export", "Verslag", tooltip="Markdown-verslag en JSON-kopie in de map verslagen"),
        Binding("delete", "delete", "Verwijder", tooltip="Deze sessie verwijderen (met bevestiging)"),
        Binding("ctrl+f", "focus_search", "Zoek", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    DEFAULT_CSS = """
    SessionsScreen #filters { grid-size: 5; grid-columns: 2fr 1fr 1fr 1fr 1fr; height: auto; padding: 0 1; grid-gutter: 0 1; }
    SessionsScreen.-narrow #filters { grid-size: 2; grid-columns: 1fr 1fr; }
    SessionsScreen.-narrow #search { column-span: 2; }
    SessionsScreen #sessions-table { height: 1fr; }
    SessionsScreen #count { color: $text-muted; padding: 0 1; height: 1; }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder  # the session files (handed down by the app)
        self.listing = None
        self.found = None  # the search result (None: no search), filtered on the UI thread
        self.shown: list = []
        # Search texts are read from the files on first use (a second for 10,000 files without a
        # texts cache): always in a worker, one at a time.
        self._texts = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static("samenslim · Eerdere sessies", id="title-bar")
        with Grid(id="filters"):
            yield Input(placeholder="zoek in alles wat is vastgelegd", id="search", compact=True)
            yield Select([], prompt="groep", id="f-group", compact=True)
            yield Select([], prompt="werkvorm", id="f-werkvorm", compact=True)
            yield Select([("met een groep", "groep"), ("alleen", "solo")], prompt="vorm", id="f-mode", compact=True)
            yield Select([(label, days) for label, days in PERIODS], prompt="periode", id="f-period", compact=True)
        yield Static("Sessies worden gelezen ...", id="count")
        yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()

    # -- the listing --------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="sessions-list")
    def load(self) -> None:
        from samenslim.domain.sessions_index import list_sessions

        listing = list_sessions(self.folder)
        self.app.call_from_thread(self.loaded, listing)
        with self._texts:
            listing.search_texts()  # ready before the first search; a search meanwhile waits here

    @work(thread=True, exclusive=True, group="sessions-search")
    def run_search(self, text: str) -> None:
        from samenslim.domain.sessions_index import search

        listing = self.listing
        if listing is None:
            return
        with self._texts:
            found = search(listing, text) if text.strip() else None
        self.app.call_from_thread(self.searched, listing, text, found)

    def searched(self, listing, text: str, found) -> None:
        if listing is self.listing and text == self.query_one("#search", Input).value:
            self.found = found
            self.refilter()

    def loaded(self, listing) -> None:
        self.listing = listing
        readable = [entry for entry in listing.entries if not entry.beschadigd]
        groups = sorted({entry.groep for entry in readable if entry.groep and not entry.prive}, key=str.lower)
        self.query_one("#f-group", Select).set_options([(name, name) for name in groups])
        werkvormen: dict[str, str] = {}
        for entry in readable:
            if entry.prive:
                continue
            for werkvorm_id, title in zip(entry.werkvormen, entry.werkvorm_titels, strict=False):
                werkvormen.setdefault(werkvorm_id, title)
        options = sorted(((title, werkvorm_id) for werkvorm_id, title in werkvormen.items()), key=lambda o: o[0].lower())
        self.query_one("#f-werkvorm", Select).set_options(options)
        if listing.index_error:
            self.notify(f"Het overzicht kon niet bewaard worden: {listing.index_error}", severity="warning")
        self.found = None
        self.refilter()
        if self.query_one("#search", Input).value.strip():
            self.run_search(self.query_one("#search", Input).value)
        self.query_one(DataTable).focus()

    def filters(self) -> dict:
        def value(selector: str):
            select = self.query_one(selector, Select)
            return None if select.is_blank() else select.value

        days = value("#f-period")
        return {"groep": value("#f-group"), "werkvorm": value("#f-werkvorm"), "modus": value("#f-mode"),
                "van": date.today() - timedelta(days=days) if days else None}

    def refilter(self) -> None:
        if self.listing is None:
            return
        from samenslim.domain.sessions_index import filter_entries

        found = self.found if self.found is not None else list(self.listing.entries)
        self.shown = filter_entries(found, **self.filters())
        table = self.query_one(DataTable)
        was_on = table.cursor_row
        table.clear(columns=True)
        # Fixed widths that fit the screen: long titles are cut, not pushed out of view. Narrow
        # (a zoomed terminal): date without time, and no mode or werkvormen (the filters still have them).
        width = self.size.width or 100
        narrow = width < 90
        columns = [0, 1, 3, 4] if narrow else [0, 1, 2, 3, 4, 5]
        fixed = {0: 10 if narrow else 16, 1: 10, 2: 6}
        free = max(20, width - sum(fixed.get(c, 0) for c in columns) - 2 * len(columns) - 2)
        share = {3: free * 2 // 5, 4: free // 4, 5: free - free * 2 // 5 - free // 4} if not narrow \
            else {3: free * 3 // 5, 4: free - free * 3 // 5}
        labels = ["Datum", "Status", "Vorm", "Titel", "Groep", "Werkvormen"]
        for column in columns:
            table.add_column(labels[column], width=fixed.get(column) or share[column])
        for entry in self.shown:
            row = row_for(entry)
            if narrow:
                row = (row[0][:10],) + row[1:]
            table.add_row(*(row[column] for column in columns), key=entry.bestand)
        if self.shown:
            table.move_cursor(row=min(was_on, len(self.shown) - 1))
        total = len(self.listing.entries)
        damaged = sum(1 for entry in self.listing.entries if entry.beschadigd)
        from samenslim.domain.taal import aantal

        count = f"{len(self.shown)} van {aantal(total, 'sessie')}" if len(self.shown) != total else aantal(total, "sessie")
        if damaged:
            count += f" · {damaged} beschadigd (alleen te bekijken)"
        self.query_one("#count", Static).update(count + "  ·  Enter opent, ctrl+f zoekt")

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self.found = None
            self.refilter()
        self.run_search(event.value)

    def on_resize(self) -> None:
        self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refilter()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def selected(self):
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    # -- actions ------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_open(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(messages.OpenSessionView(entry))

    def action_export(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(messages.ExportSession(entry.id))

    def action_group(self) -> None:
        entry = self.selected()
        if entry is None or not entry.groep or entry.prive:
            self.notify("Deze sessie hoort niet bij een groep.", timeout=3)
            return
        self.post_message(messages.OpenGroup(entry.groep))

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(messages.DeleteSession(entry))


def row_for(entry) -> tuple[str, ...]:
    """Datum, Status, Vorm, Titel, Groep, Werkvormen."""
    when = f"{entry.aangemaakt:%d-%m-%Y %H:%M}" if entry.aangemaakt else "?"
    if entry.beschadigd:
        return (when, "BESCHADIGD", "", entry.bestand, "", entry.beschadigd)
    if entry.prive:  # solo: only title and date until it is opened
        return (when, "", "", entry.titel, "", "")
    from samenslim.domain.taal import status_naam

    status = "nieuwer" if entry.leesbaar_alleen else status_naam(entry.status)
    return (when, status, "groep", entry.titel, entry.groep, ", ".join(entry.werkvorm_titels))
