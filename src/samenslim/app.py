"""The Textual application: wires the domain (content, sessions, store, timer) to the screens.

Start-up is kept light on purpose: the home screen is drawn from a quick TOML listing
(samenslim.domain.catalog), and the strict content models, the session store and pydantic itself are
imported after the first frame (or on first use). See benchmarks/startup_and_save.py.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from samenslim.domain.catalog import quick_catalog
from samenslim.domain.locations import Locations, builtin_content_dir
from samenslim.domain.taal import aantal
from samenslim.screens.library import LibraryScreen

if TYPE_CHECKING:
    from filelock import FileLock

    from samenslim.domain.autosave import Autosaver
    from samenslim.domain.content import Library, Werkvorm
    from samenslim.domain.session import Opvolging, Sessie
    from samenslim.domain.settings import Instellingen
    from samenslim.domain.store import SaveError, SessionStore
    from samenslim.domain.timer import Clock
    from samenslim.screens.runner import RunnerScreen


class SamenslimApp(App):
    TITLE = "samenslim"
    CSS_PATH = "samenslim.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Replaces Textual's hidden ctrl+q: shown everywhere, and a running session banks its time first.
        Binding("ctrl+q", "quit", "Stop", tooltip="Stoppen; alles is bewaard", priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        # F1 is a priority binding so it also works in dialogs (a modal screen hides the app's other
        # bindings); on the help screen it closes it. '?' is not: typed into a text field it stays
        # text (the field takes printable keys before bindings are looked at), and dialogs lack it.
        Binding("f1", "help", "Hulp", tooltip="Wat dit scherm doet en welke toetsen het heeft", priority=True),
        Binding("question_mark", "help", "Hulp", show=False),
        # Declared here so Textual does not add its own, English one ("palette").
        Binding("ctrl+p", "command_palette", "Menu", show=False, priority=True,
                tooltip="Alle opdrachten van dit scherm en de werkvormen; typ om te zoeken"),
    ]

    def __init__(self, locations: Locations, *, clock: Clock = time.monotonic, rng: random.Random | None = None,
                 offer_resume: bool = True, wallclock: Callable[[], datetime] | None = None,
                 start_screen: str | None = None, timer_starts_by_itself: bool | None = None) -> None:
        super().__init__()
        self.locations = locations
        self.start_screen = start_screen  # "sessies": open on the review list (samenslim sessies)
        self.clock = clock
        # The time of day for the planned end of a meeting; injectable so tests and snapshots are stable.
        self.wallclock = wallclock or (lambda: datetime.now().astimezone())
        self.rng = rng or random.Random()
        self.offer_resume = offer_resume
        self._store: SessionStore | None = None
        self.settings: Instellingen | None = None  # once read
        self._library: Library | None = None
        self.damaged_sessions: list[str] = []
        self.groups: dict = {}  # group key -> GroupInfo, filled by the start-up scan
        self._autosaver: Autosaver | None = None
        self._locks: dict[str, FileLock] = {}
        self.last_saved_path: Path | None = None
        # instellingen.toml's timer_automatisch, unless the caller decides (tests written for ctrl+t).
        self._timer_choice = timer_starts_by_itself
        self.timer_starts_by_itself = True if timer_starts_by_itself is None else timer_starts_by_itself
        self.crash_report: Path | None = None  # written when something unexpected went wrong

    # -- start-up ---------------------------------------------------------------------------
    def _apply_settings_quickly(self) -> None:
        """The theme is set before the first frame (no flash of another theme). This peek uses
        tomllib only; the full, checked read follows in a worker and reports a damaged file."""
        import tomllib

        from samenslim.domain import tomlfile
        from samenslim.widgets.hoog_contrast import HOOG_CONTRAST

        self.register_theme(HOOG_CONTRAST)
        try:
            peeked = tomlfile.loads(self.locations.settings_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            peeked = {}
        theme = peeked.get("thema")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        # Read here, before any session can start, so a step never starts with the wrong choice.
        if self._timer_choice is None and isinstance(peeked.get("timer_automatisch"), bool):
            self.timer_starts_by_itself = peeked["timer_automatisch"]

    @work(thread=True, exclusive=True, group="settings")
    def check_settings(self) -> None:
        from samenslim.domain import settings

        self.settings, problem = settings.load(self.locations.settings_file)
        if problem:
            self.call_from_thread(self.notify, problem, title="Instellingen", severity="warning", timeout=10)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette (ctrl+p, 'Change theme') is kept for the next start."""
        from samenslim.domain import settings

        if self.settings is None or self.settings.thema == theme:
            return
        self.settings.thema = theme
        try:
            settings.save(self.locations.settings_file, self.settings)
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            self.notify(f"Het thema kan niet bewaard worden ({describe_os_error(error)}).", severity="warning")

    def get_default_screen(self) -> Screen:
        # The home screen is the base of the stack: no blank default screen is drawn first.
        folders = (builtin_content_dir() / "werkvormen", self.locations.user_content_dir)
        return LibraryScreen(quick_catalog(*folders))

    def on_mount(self) -> None:
        self._apply_settings_quickly()
        self.call_after_refresh(self.after_first_frame)

    def after_first_frame(self) -> None:
        self.tidy_data_folder()
        self.load_content_in_background()
        self.check_settings()
        self.report_last_crash()
        if self.start_screen == "sessies":
            self.open_sessions()
            self.find_groups()
        elif self.offer_resume:
            self.find_unfinished()
        else:
            self.find_groups()

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            from samenslim.domain.store import SessionStore

            self._store = SessionStore(self.locations.sessions_dir, root=self.locations.data_dir)
        return self._store

    @property
    def library(self) -> Library:
        """The fully validated content; loaded here and now if the background load has not finished."""
        if self._library is None:
            self.load_content()
        return cast("Library", self._library)  # load_content has set it

    def load_content(self) -> None:
        from samenslim.domain.content import load_content

        self._content_loaded(load_content(builtin_content_dir(), self.locations.user_content_root))

    @work(thread=True, exclusive=True, group="content")
    def load_content_in_background(self) -> None:
        from samenslim.domain.content import load_content

        library = load_content(builtin_content_dir(), self.locations.user_content_root)
        self.call_from_thread(self._content_loaded, library)

    def _content_loaded(self, library: Library) -> None:
        first_time = self._library is None
        self._library = library  # on-demand and background loads read the same files: last one wins
        from samenslim.domain.catalog import from_library
        from samenslim.domain.soorten import KINDS

        catalog = from_library(library.werkvormen, {soort: kind.NAAM for soort, kind in KINDS.items()})
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.set_catalog(catalog)
        if library.problems and first_time:
            self.notify(f"{aantal(len(library.problems), 'melding')} over werkvorm-bestanden; ctrl+g toont ze.",
                        severity="warning", timeout=8)
        if isinstance(self.screen, LibraryScreen):
            self.screen.show_problem_line()

    @work(thread=True, exclusive=True, group="tidy")
    def tidy_data_folder(self) -> None:
        """Owner-only folders, and no temp files left by a process that died mid-write."""
        from samenslim.domain.erasure import tidy

        tidy(self.locations)

    @work(thread=True, exclusive=True, group="scan")
    def find_unfinished(self) -> None:
        # Off the UI thread: the home screen is usable while the session folder is read.
        self.store.remove_stale_temp_files()  # also done by tidy_data_folder: the scan must not list them
        self.store.remove_stale_locks()  # left by a crash, a kill or an older samenslim
        from samenslim.domain.groups import groups_from

        sessions, damaged = self.store.scan()
        self.groups = groups_from(sessions)
        unfinished = [s for s in sessions if s.to_resume and not self.store.is_locked(s.id)]
        self.call_from_thread(self._offer_resume, unfinished, [str(item) for item in damaged])

    @work(thread=True, exclusive=True, group="scan")
    def find_groups(self) -> None:
        from samenslim.domain.groups import groups_from

        self.store.remove_stale_locks()
        self.groups = groups_from(self.store.scan()[0])

    def _offer_resume(self, sessions: list[Sessie], damaged: list[str]) -> None:
        self.damaged_sessions = damaged
        if damaged:
            self.notify(f"{aantal(len(damaged), 'sessiebestand')} niet te lezen; samenslim laat ze onaangeroerd. "
                        "ctrl+g toont ze.", severity="warning", timeout=8)
            if isinstance(self.screen, LibraryScreen):
                self.screen.show_problem_line()
        if sessions:
            from samenslim.screens.resume import ResumeScreen

            self.push_screen(ResumeScreen(sessions), self._resume_chosen)

    def report_last_crash(self) -> None:
        from samenslim.domain.crash import take_marker

        found = take_marker(self.locations.crash_dir)
        if found is None:
            return
        report, session_id = found
        offered = " Je kunt de sessie hieronder hervatten." if session_id and self.offer_resume else ""
        self.notify(f"samenslim stopte de vorige keer onverwacht; de sessie was bewaard.{offered} "
                    f"Verslag van de fout (zonder notities): {report}", title="Onverwacht gestopt",
                    severity="warning", timeout=20)

    def _resume_chosen(self, session_id: str | None) -> None:
        if session_id:
            self.resume(session_id)

    def problem_messages(self) -> list[str]:
        content = [str(problem) for problem in self._library.problems] if self._library else []
        return content + self.damaged_sessions

    def show_problems(self) -> None:
        from samenslim.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problem_messages()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p), in Dutch: the current screen's actions (from its bindings, so they
        are the keys the footer and the help screen show), the colour theme, and every werkvorm.
        Textual's own English commands (Theme, Quit, Keys, Screenshot, Maximize) are not offered:
        Stop, Hulp and the runner's Foto do their work."""
        from samenslim.screens.help import screen_commands

        titles = set()
        for title, help_text, run in screen_commands(screen):
            titles.add(title)
            yield SystemCommand(title, help_text, run)
        yield SystemCommand("Kleuren kiezen (thema)", "Een ander kleurenschema, zoals hoog contrast voor de beamer; "
                            "samenslim onthoudt je keuze", self.action_change_theme)
        if "Over samenslim" not in titles:  # the library offers it already, with its key
            yield SystemCommand("Over samenslim", "Het werkboek, de makers en de bronnen", self.show_about)
        for werkvorm in self.library.werkvormen.values():
            yield SystemCommand(f"Werkvorm: {werkvorm.titel}", werkvorm.doel or werkvorm.hoofdstuk,
                                lambda werkvorm=werkvorm: self.open_setup_asking(werkvorm))

    def show_about(self) -> None:
        from samenslim.screens.about import AboutScreen

        self.push_screen(AboutScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from samenslim.widgets.option_list import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from samenslim.widgets.option_list import SafeCommandPalette

        self.push_screen(SafeCommandPalette(providers=[ThemeProvider], placeholder="Zoek een kleurenschema…"))

    def get_key_display(self, binding: Binding) -> str:
        """Keys are named as the texts name them (ctrl+n, F5, Esc), not Textual's ^n, f5, esc."""
        from samenslim.keys import key_label

        return binding.key_display or key_label(binding.key)

    def action_help(self) -> None:
        from samenslim.screens.help import HelpScreen, help_for

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(help_for(self.screen)))

    def action_help_quit(self) -> None:
        """ctrl+c does not stop the app (it copies in a text field); say in Dutch what does."""
        from samenslim.keys import key_label

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Stoppen doe je met [b]{key_label(key)}[/b]; alles is dan bewaard.",
                            title="Wil je stoppen?")
                return

    def running_session_screen(self) -> RunnerScreen | None:
        from samenslim.screens.runner import RunnerScreen

        return next((screen for screen in self.screen_stack if isinstance(screen, RunnerScreen)), None)

    def open_setup_asking(self, werkvorm: Werkvorm) -> None:
        """From the palette: a running session is never dropped unasked; leaving keeps it, unfinished."""
        runner = self.running_session_screen()
        if runner is None:
            self.open_setup(werkvorm)
            return
        from samenslim.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and runner.leave():
                self.open_setup(werkvorm)

        self.push_screen(ConfirmScreen(
            "Lopende sessie verlaten?",
            f"'{runner.session.titel}' blijft bewaard als niet afgerond en kan later verder. "
            f"Daarna begin je met {werkvorm.titel}.", yes="Verlaten en verder"), answered)

    # -- sessions ---------------------------------------------------------------------------
    def open_setup(self, werkvorm: Werkvorm | None = None, agenda: list[Werkvorm] | None = None,
                   title: str = "") -> None:
        from samenslim.screens.setup import SetupScreen

        self.push_screen(SetupScreen(agenda or [cast("Werkvorm", werkvorm)], self.library, self.groups, title=title))

    def start_session(self, werkvormen: list[Werkvorm], **fields) -> None:
        from samenslim.domain.session import new_session
        from samenslim.domain.store import StoreError

        session = new_session(werkvormen, stapels=self.library.stapels, **fields)
        try:
            self.store.ensure_folder()
            self._locks[session.id] = self.store.lock(session.id)
        except StoreError as error:
            self.notify(f"Kan de sessie niet beginnen: {error}", severity="error", timeout=10)
            return
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            self.notify(f"Kan de sessie niet beginnen: {describe_os_error(error)}", severity="error", timeout=10)
            return
        if session.groep and session.modus == "groep":
            self.review_open_actions(session)  # reads the group's files off the UI thread, then runs
        else:
            self.open_runner(session)

    @work(thread=True, exclusive=True, group="open-actions")
    def review_open_actions(self, session: Sessie) -> None:
        open_actions = self.open_actions_of(session.groep)
        self.call_from_thread(self._review_then_run, session, open_actions)

    def _review_then_run(self, session: Sessie, open_actions: list) -> None:
        if not open_actions:
            self.open_runner(session)
            return
        from samenslim.screens.open_actions import OpenActionsScreen

        def reviewed(statuses: dict[str, str] | None) -> None:
            # The review is part of today's meeting: it is stored in today's session file.
            session.opvolging = cast("dict[str, Opvolging]", dict(statuses or {}))  # the screen offers only those
            self.open_runner(session)

        self.push_screen(OpenActionsScreen(open_actions), reviewed)

    # -- looking back -----------------------------------------------------------------------
    def group_sessions(self, group: str) -> list[Sessie]:
        """The readable sessions of one group, found through the sessions index."""
        from samenslim.domain.groups import group_key
        from samenslim.domain.sessions_index import list_sessions
        from samenslim.domain.store import StoreError

        wanted = group_key(group)
        sessions = []
        for entry in list_sessions(self.store.folder).entries:
            if entry.beschadigd or entry.leesbaar_alleen or entry.prive or group_key(entry.groep) != wanted:
                continue
            try:
                sessions.append(self.store.load_path(self.store.folder / entry.bestand))
            except StoreError:
                continue  # changed since it was listed; the list shows it as damaged next time
        return sessions

    def open_actions_of(self, group: str) -> list:
        from samenslim.domain.journey import open_actions

        return open_actions(self.group_sessions(group), group)

    def open_sessions(self) -> None:
        from samenslim.screens.sessions import SessionsScreen

        self.push_screen(SessionsScreen())

    def open_session_view(self, entry) -> None:
        import json

        from samenslim.domain.store import StoreError, read_bounded
        from samenslim.screens.session_view import SessionViewScreen

        path = self.store.folder / entry.bestand
        if entry.beschadigd:
            self.push_screen(SessionViewScreen(entry, text=f"Bestand: {path}", note=(
                f"Dit bestand kan niet gelezen worden: {entry.beschadigd}. samenslim laat het onaangeroerd.")))
            return
        try:
            if entry.leesbaar_alleen:
                text = json.dumps(json.loads(read_bounded(path)), ensure_ascii=False, indent=2)
                self.push_screen(SessionViewScreen(entry, text=text, note=(
                    "Geschreven door een nieuwere versie van samenslim: alleen te bekijken (zoals opgeslagen).")))
                return
            session = self.store.load_path(path)
        except StoreError as error:
            self.notify(f"Kan {entry.bestand} niet openen: {error}", severity="error", timeout=10)
            return
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            self.notify(f"Kan {entry.bestand} niet openen: {describe_os_error(error)}", severity="error", timeout=10)
            return
        except (ValueError, RecursionError):  # changed since it was listed: no longer JSON
            self.notify(f"Kan {entry.bestand} niet openen: het is intussen geen geldige JSON meer",
                        severity="error", timeout=10)
            return
        self.push_screen(SessionViewScreen(entry, session))

    def export_session(self, session_id: str) -> None:
        """A Markdown verslag and a JSON copy in <data>/verslagen, for mail or the archive."""
        from samenslim.domain.erasure import report_paths
        from samenslim.domain.export import json_copy, markdown
        from samenslim.domain.private_files import write_private
        from samenslim.domain.store import StoreError, describe_os_error

        folder = self.locations.reports_dir
        try:
            session = self.store.load(session_id)
            report, copy = report_paths(self.locations, session.id)
            write_private(report, markdown(session), root=self.locations.data_dir)
            write_private(copy, json_copy(session), root=self.locations.data_dir)
        except StoreError as error:
            self.notify(f"Geen verslag: {error}", severity="error", timeout=10)
            return
        except OSError as error:
            self.notify(f"Het verslag kon niet bewaard worden in {folder}: {describe_os_error(error)}",
                        severity="error", timeout=10)
            return
        from samenslim.browser import offer_download

        sent = offer_download(self, report, "text/markdown")
        self.notify(f"Verslag bewaard: {report} (en een JSON-kopie)" + ("; de browser downloadt het ook" if sent else ""),
                    title="Verslag", timeout=8)

    def confirm_delete(self, entry, then: Callable[[], object] | None = None) -> None:
        from rich.markup import escape

        from samenslim.domain.erasure import erase, files_to_erase
        from samenslim.domain.store import InvalidSessionId
        from samenslim.screens.confirm import ConfirmScreen
        from samenslim.screens.sessions import SessionsScreen

        try:
            files = files_to_erase(self.locations, entry.id)
        except InvalidSessionId:
            self.notify(f"{entry.bestand} heeft geen naam van een samenslim-sessie; samenslim laat het "
                        f"onaangeroerd. Haal het zelf weg uit {self.store.folder} als het weg mag.",
                        severity="warning", timeout=10)
            return
        when = f"{entry.aangemaakt:%d-%m-%Y %H:%M}" if entry.aangemaakt else entry.bestand
        name = f"'{entry.titel or entry.bestand}' van {when}" + (f" ({entry.groep})" if entry.groep else "")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if entry.id in self._locks or self.store.is_locked(entry.id):
                self.notify("Deze sessie is nog open (hier of in een ander venster); sluit haar eerst.",
                            severity="error", timeout=8)
                return
            try:
                erase(self.locations, entry.id)
            except OSError as error:
                from samenslim.domain.store import describe_os_error

                self.notify(f"Verwijderen mislukt: {describe_os_error(error)}", severity="error", timeout=10)
                return
            self.notify(f"Verwijderd: {name}.", timeout=5)
            if then is not None:
                then()
            for screen in self.screen_stack:
                if isinstance(screen, SessionsScreen):
                    screen.load()

        shown = files if len(files) <= 8 else files[:7]  # many screenshots must not push the buttons off
        listed = "\n".join(f"  {self._shown_path(path)}" for path in shown)
        if len(shown) < len(files):
            listed += f"\n  … en nog {len(files) - len(shown)} bestanden (schermafdrukken, crashrapporten)"
        self.push_screen(ConfirmScreen(
            "Sessie verwijderen?", f"{escape(name)}\n\nDeze bestanden worden gewist:\n{escape(listed)}\n"
            "en wat de zoekfunctie van deze sessie bewaarde. Dit kan niet ongedaan worden gemaakt.",
            yes="Verwijderen", variant="error"), answered)

    def _shown_path(self, path: Path) -> str:
        """A file in the data folder by its place in it (sessies/…, verslagen/…), others in full."""
        try:
            return path.relative_to(self.locations.data_dir).as_posix()
        except ValueError:
            return str(path)

    @work(thread=True, exclusive=True, group="group")
    def open_group(self, group: str) -> None:
        from samenslim.domain.journey import journey
        from samenslim.screens.group import GroupScreen

        found = journey(self.group_sessions(group), group)  # off the UI thread: it reads the group's files
        self.call_from_thread(self.push_screen, GroupScreen(found))

    def _lock_and_load(self, session_id: str, failed: str) -> tuple[Sessie, FileLock] | None:
        """The session locked for this window and loaded, or None after a Dutch notice."""
        from samenslim.domain.store import StoreError

        try:
            lock = self.store.lock(session_id)
        except StoreError as error:  # held by another window, or not a session id
            self.notify(str(error), severity="error", timeout=8)
            return None
        except OSError as error:  # the folder or the lock file cannot be made (read-only, no rights)
            from samenslim.domain.oserrors import describe_os_error

            self.notify(f"{failed}: {describe_os_error(error)}", severity="error", timeout=10)
            return None
        try:
            return self.store.load(session_id), lock
        except StoreError as error:
            self.store.unlock(session_id, lock)
            self.notify(f"{failed}: {error}", severity="error", timeout=10)
            return None

    def resume(self, session_id: str) -> None:
        found = self._lock_and_load(session_id, "Kan niet hervatten")
        if found is not None:
            session = found[0]
            self._locks[session_id] = found[1]
            if session.gesloten is not None:  # closed without finishing, now open again
                session.gesloten = None
                self.autosave(session)
            self.open_runner(session)

    def close_without_finishing(self, session_id: str) -> bool:
        """Close an unfinished session without finishing it (Sessie.gesloten): it stays readable and
        can be resumed, but the question at start no longer offers it. False after a Dutch notice."""
        from samenslim.domain.session import now
        from samenslim.domain.store import SaveError

        found = self._lock_and_load(session_id, "Kan niet sluiten")
        if found is None:
            return False
        session, lock = found
        session.gesloten = now()
        try:
            self.store.save(session)
        except SaveError as error:
            self.notify(f"Kan niet sluiten: {error}", severity="error", timeout=10)
            return False
        finally:
            self.store.unlock(session_id, lock)
        self.notify(f"'{session.titel}' is gesloten zonder af te ronden. Je vindt de sessie terug bij Eerdere "
                    "sessies (ctrl+r in de bibliotheek) en kunt haar daar hervatten.", title="Gesloten", timeout=8)
        return True

    def reopen(self, session_id: str) -> None:
        """A finished session is opened again to correct or add something; the file records when."""
        from samenslim.domain.session import now
        from samenslim.domain.store import SaveError

        found = self._lock_and_load(session_id, "Kan niet heropenen")
        if found is None:
            return
        session, lock = found
        session.status = "bezig"
        session.heropend.append(now())
        try:
            self.store.save(session)
        except SaveError as error:
            self.store.unlock(session_id, lock)
            self.notify(f"Kan niet heropenen: {error}", severity="error", timeout=10)
            return
        self._locks[session_id] = lock
        self.open_runner(session)
        self.notify("Heropend. Rond de sessie weer af met ctrl+n op de laatste stap.", title="Heropend", timeout=6)

    def open_runner(self, session: Sessie) -> None:
        from samenslim.screens.runner import RunnerScreen

        self.switch_to_library()
        self.push_screen(RunnerScreen(session, clock=self.clock, rng=self.rng, wallclock=self.wallclock))

    def switch_to_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_library(self) -> None:
        self.switch_to_library()

    def finish_session(self, session: Sessie) -> None:
        from samenslim.screens.summary import SummaryScreen

        self.close_session(session)
        self.switch_to_library()
        self.push_screen(SummaryScreen(session, self.store.path_for(session.id)))

    def close_session(self, session: Sessie, then_exit: bool = False) -> bool:
        """Wait for the last save, then let go of the session's lock. False when saving hangs."""
        if self._autosaver is not None and not self._autosaver.flush():
            self.notify("Opslaan duurt lang; de sessie blijft open.", severity="warning")
            return False
        from samenslim.domain.groups import remember

        remember(self.groups, session)  # a theme worded today is offered at the group's next start
        lock = self._locks.pop(session.id, None)
        if lock is not None:
            self.store.unlock(session.id, lock)  # the lock file goes too: finished or left, nobody holds it
        if then_exit:
            self.exit()
        return True

    # -- saving -----------------------------------------------------------------------------
    @property
    def autosaver(self) -> Autosaver:
        if self._autosaver is None:
            from samenslim.domain.autosave import Autosaver

            self._autosaver = Autosaver(self.store, on_result=self._save_result, on_notice=self._save_notice)
        return self._autosaver

    def autosave(self, session: Sessie) -> None:
        self.autosaver.submit(session)

    def _save_notice(self, text: str) -> None:
        # Called on the autosave thread: a session file changed outside samenslim was kept (store.py).
        try:
            self.call_from_thread(self.notify, text, title="Bestand buiten samenslim veranderd", severity="warning",
                                  timeout=30)
        except RuntimeError:
            pass  # the app is closing

    def _save_result(self, error: SaveError | None) -> None:
        # Called on the autosave thread.
        try:
            if error is None:
                self.call_from_thread(self.notify, "Weer opgeslagen.", timeout=4)
            else:
                self.call_from_thread(
                    self.notify,
                    f"{error}. Je werk staat nog in het scherm; samenslim probeert opnieuw bij elke wijziging.",
                    title="Niet opgeslagen", severity="error", timeout=15)
        except RuntimeError:
            pass  # the app is closing

    def on_notify(self, event) -> None:
        """One toast per problem: the same message again replaces the one shown (its time starts anew)."""
        newest = event.notification
        for shown in list(self._notifications):
            if shown is not newest and (shown.message, shown.title) == (newest.message, newest.title):
                self._unnotify(shown, refresh=False)
        self._refresh_notifications()

    def _handle_exception(self, error: Exception) -> None:
        """Something unexpected: save the session first, write a crash report without notes, and
        exit non-zero with a Dutch message instead of a traceback (cli.main prints it)."""
        try:
            self.crash_report = self._save_after_crash(error)
        except Exception:  # noqa: BLE001 - the report is a courtesy; the exit must happen regardless
            pass
        self._return_code = 1
        if self._exception is None:
            self._exception = error  # run_test re-raises it, so tests see the crash
            self._exception_event.set()
        self._close_messages_no_wait()

    def _save_after_crash(self, error: Exception) -> Path | None:
        from samenslim.domain.crash import write_report

        runner = self.running_session_screen()
        session = runner.session if runner is not None else None
        if runner is not None and session is not None:
            try:
                runner.bank_time(finished=False)
            except Exception:  # noqa: BLE001 - the state may be odd; save what is there
                pass
            if self._autosaver is not None:
                self._autosaver.flush(timeout=2)
            try:
                self.store.save(session)
            except Exception:  # noqa: BLE001 - a report is still worth writing
                pass
        captured = None
        if session is not None:
            captured = [session.titel, session.groep, session.thema, session.deelnemers,
                        [[step.vastgelegd, step.concepten] for run in session.werkvormen for step in run.stappen]]
        try:
            screen = type(self.screen).__name__
        except Exception:  # noqa: BLE001 - no screen yet
            screen = "-"
        return write_report(self.locations.crash_dir, error, session_id=session.id if session else None,
                            screen=screen, captured=captured)

    async def action_quit(self) -> None:
        stop = getattr(self.screen, "action_stop", None)
        if stop is not None:
            stop()  # the runner saves its timer state and releases the session before exiting
        else:
            self.exit()

    def on_unmount(self) -> None:
        if self._autosaver is not None:
            self._autosaver.close()
        for session_id, lock in self._locks.items():
            self.store.unlock(session_id, lock)
        self._locks.clear()
