"""The Textual application: start-up, the theme and settings, the screen stack and crash handling.

Screens post messages (messages.py) for what they want done; the handlers here push and pop screens
and hand the work to `services.Services`, which the screens also get handed down (store, content,
autosaver, settings, clocks). Start-up is kept light on purpose: the home screen is drawn from a quick
TOML listing (samenslim.domain.catalog), and the strict content models, the session store and pydantic
itself are imported after the first frame (or on first use). See benchmarks/startup_and_save.py.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.binding import Binding
from textual.screen import Screen

from samenslim import messages
from samenslim.domain.catalog import quick_catalog
from samenslim.domain.locations import Locations, builtin_content_dir
from samenslim.domain.taal import aantal
from samenslim.dutch_app import DutchApp
from samenslim.screens.library import LibraryScreen
from samenslim.services import Refused, Services

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from samenslim.domain.content import Library
    from samenslim.domain.session import Opvolging, Sessie
    from samenslim.domain.timer import Clock
    from samenslim.screens.runner import RunnerScreen


class SamenslimApp(DutchApp):
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
        self.offer_resume = offer_resume
        # instellingen.toml's timer_automatisch, unless the caller decides (tests written for ctrl+t).
        self._timer_choice = timer_starts_by_itself
        self.services = Services(locations, clock=clock, rng=rng, wallclock=wallclock,
                                 timer_starts_by_itself=True if timer_starts_by_itself is None else timer_starts_by_itself,
                                 notify=self.notify_from_thread)
        self.crash_report: Path | None = None  # written when something unexpected went wrong

    # The shared things live in self.services (handed down to the screens); read here by tests and tools.
    store = property(lambda self: self.services.store)
    library = property(lambda self: self.services.library)
    autosaver = property(lambda self: self.services.autosaver)
    settings = property(lambda self: self.services.settings)
    damaged_sessions = property(lambda self: self.services.damaged_sessions)

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
            self.services.timer_starts_by_itself = peeked["timer_automatisch"]

    @work(thread=True, exclusive=True, group="settings")
    def check_settings(self) -> None:
        from samenslim.domain import settings

        self.services.settings, problem = settings.load(self.locations.settings_file)
        if problem:
            self.notify_from_thread(problem, title="Instellingen", severity="warning", timeout=10)

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
        return LibraryScreen(quick_catalog(*folders), self.services)

    def on_mount(self) -> None:
        self._apply_settings_quickly()
        self.call_after_refresh(self.after_first_frame)

    def after_first_frame(self) -> None:
        self.tidy_data_folder()
        self.load_content_in_background()
        self.check_settings()
        self.report_last_crash()
        self.remind_retention()
        if self.start_screen == "sessies":
            self.open_sessions()
            self.find_groups()
        elif self.offer_resume:
            self.find_unfinished()
        else:
            self.find_groups()

    @work(thread=True, exclusive=True, group="content")
    def load_content_in_background(self) -> None:
        self.call_from_thread(self._content_loaded, self.services.read_content())

    def _content_loaded(self, library: Library) -> None:
        first_time = self.services.use_library(library)
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

    @work(thread=True, exclusive=True, group="retention")
    def remind_retention(self) -> None:
        """Sessions past their group's retention term: said once at start-up (domain/cleanup.py)."""
        notice = self.services.retention_notice()
        if notice:
            self.notify_from_thread(notice, title="Bewaartermijn verlopen", severity="warning", timeout=20)

    @work(thread=True, exclusive=True, group="scan")
    def find_unfinished(self) -> None:
        # Off the UI thread: the home screen is usable while the session folder is read.
        self.call_from_thread(self._offer_resume, self.services.scan_unfinished())

    @work(thread=True, exclusive=True, group="scan")
    def find_groups(self) -> None:
        self.services.scan_groups()

    def _offer_resume(self, sessions: list[Sessie]) -> None:
        damaged = self.services.damaged_sessions
        if damaged:
            self.notify(f"{aantal(len(damaged), 'sessiebestand')} niet te lezen; samenslim laat ze onaangeroerd. "
                        "ctrl+g toont ze.", severity="warning", timeout=8)
            if isinstance(self.screen, LibraryScreen):
                self.screen.show_problem_line()
        if sessions:
            from samenslim.screens.resume import ResumeScreen

            self.push_screen(ResumeScreen(sessions, self.services), self._resume_chosen)

    def _resume_chosen(self, session_id: str | None) -> None:
        if session_id:
            self.post_message(messages.ResumeSession(session_id))

    def report_last_crash(self) -> None:
        notice = self.services.last_crash(resume_offered=self.offer_resume)
        if notice:
            self.notify(notice, title="Onverwacht gestopt", severity="warning", timeout=20)

    def running_session_screen(self) -> RunnerScreen | None:
        from samenslim.screens.runner import RunnerScreen

        return next((screen for screen in self.screen_stack if isinstance(screen, RunnerScreen)), None)

    # -- the screen stack: what the screens' messages ask for (messages.py) -------------------
    def refused(self, refusal: Refused) -> None:
        self.notify(str(refusal), severity=cast("SeverityLevel", refusal.severity), timeout=refusal.timeout)

    @on(messages.OpenSetup)
    def open_setup(self, message: messages.OpenSetup) -> None:
        """A running session is never dropped unasked (the palette's werkvormen); leaving keeps it, unfinished."""
        from samenslim.screens.confirm import ConfirmScreen
        from samenslim.screens.setup import SetupScreen

        def setup() -> None:
            self.push_screen(SetupScreen(message.agenda, self.services.library, self.services.groups,
                                         title=message.title))

        def answered(yes: bool | None) -> None:
            if yes and runner is not None and runner.leave():
                self.switch_to_library()
                setup()

        runner = self.running_session_screen()
        if runner is None:
            setup()
            return
        self.push_screen(ConfirmScreen(
            "Lopende sessie verlaten?", f"'{runner.session.titel}' blijft bewaard als niet afgerond en kan later "
            f"verder. Daarna begin je met {message.agenda[0].titel}.", yes="Verlaten en verder"), answered)

    @on(messages.StartSession)
    @work(exclusive=True, group="start")
    async def start_session(self, message: messages.StartSession) -> None:
        """Lock, then (a group) review the open actions of its earlier meetings, then run."""
        try:
            session = self.services.start(message.werkvormen, **message.fields)
        except Refused as refusal:
            self.refused(refusal)
            return
        open_actions = []
        if session.groep and session.modus == "groep":  # the group's files are read off the UI thread
            open_actions = await asyncio.to_thread(self.services.open_actions_of, session.groep)
        if not open_actions:
            self.open_runner(session)
            return
        from samenslim.screens.open_actions import OpenActionsScreen

        def reviewed(statuses: dict[str, str] | None) -> None:
            # The review is part of today's meeting: it is stored in today's session file.
            session.opvolging = cast("dict[str, Opvolging]", dict(statuses or {}))  # the screen offers only those
            self.open_runner(session)

        self.push_screen(OpenActionsScreen(open_actions), reviewed)

    @on(messages.ResumeSession)
    def resume(self, message: messages.ResumeSession) -> None:
        try:
            self.open_runner(self.services.resume(message.session_id))
        except Refused as refusal:
            self.refused(refusal)

    @on(messages.ReopenSession)
    def reopen(self, message: messages.ReopenSession) -> None:
        try:
            self.open_runner(self.services.reopen(message.session_id))
        except Refused as refusal:
            self.refused(refusal)
            return
        self.notify("Heropend. Rond de sessie weer af met ctrl+n op de laatste stap.", title="Heropend", timeout=6)

    def open_runner(self, session: Sessie) -> None:
        from samenslim.screens.runner import RunnerScreen

        self.switch_to_library()
        self.push_screen(RunnerScreen(session, self.services))

    @on(messages.ShowLibrary)
    def switch_to_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    @on(messages.SessionFinished)
    def finish_session(self, message: messages.SessionFinished) -> None:
        from samenslim.screens.summary import SummaryScreen

        session = message.session
        if not self.services.close_session(session):
            self.notify("Opslaan duurt lang; de sessie blijft open.", severity="warning")
        self.switch_to_library()
        self.push_screen(SummaryScreen(session, self.services.store.path_for(session.id)))

    @on(messages.ShowProblems)
    def show_problems(self) -> None:
        from samenslim.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.services.problem_messages()))

    @on(messages.OpenSessions)
    def open_sessions(self) -> None:
        from samenslim.screens.sessions import SessionsScreen

        self.push_screen(SessionsScreen(self.locations.sessions_dir))

    @on(messages.OpenSessionView)
    def open_session_view(self, message: messages.OpenSessionView) -> None:
        from samenslim.screens.session_view import SessionViewScreen

        try:
            self.push_screen(SessionViewScreen(message.entry, **self.services.read_for_view(message.entry)))
        except Refused as refusal:
            self.refused(refusal)

    @on(messages.ExportSession)
    def export_session(self, message: messages.ExportSession) -> None:
        """Ask for whom and in which form (the export dialog), then write the report."""
        from samenslim.screens.export import ExportScreen

        def chosen(keuze) -> None:
            if keuze is not None:
                self.write_report(message.session_id, keuze.vorm, keuze.voor)

        self.push_screen(ExportScreen(), chosen)

    def write_report(self, session_id: str, vorm: str = "md", voor: str = "groep") -> None:
        """Write the report chosen in the export dialog; say where it went (and, under serve, download it)."""
        from rich.markup import escape as escape_markup

        from samenslim.browser import REPORT_TYPES, offer_download

        try:
            written = self.services.export(session_id, vorm, voor)
        except Refused as refusal:
            self.refused(refusal)
            return
        sent = offer_download(self, written.path, REPORT_TYPES[vorm], vorm == "docx")
        self.notify(escape_markup(written.notice(voor, sent)), title="Verslag", timeout=12 if written.warning else 8,
                    severity="warning" if written.warning else "information")

    @on(messages.DeleteSession)
    def delete_session(self, message: messages.DeleteSession) -> None:
        from rich.markup import escape

        from samenslim.screens.confirm import ConfirmScreen
        from samenslim.screens.sessions import SessionsScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.notify(self.services.erase(message.entry), timeout=5)
            except Refused as refusal:
                self.refused(refusal)
                return
            if message.leave_view:
                self.pop_screen()
            for screen in self.screen_stack:
                if isinstance(screen, SessionsScreen):
                    screen.load()

        try:
            question = self.services.delete_question(message.entry)
        except Refused as refusal:
            self.refused(refusal)
            return
        self.push_screen(ConfirmScreen("Sessie verwijderen?", escape(question), yes="Verwijderen", variant="error"),
                         answered)

    @on(messages.OpenGroup)
    @work(thread=True, exclusive=True, group="group")
    def open_group(self, message: messages.OpenGroup) -> None:
        from samenslim.screens.group import GroupScreen

        found = self.services.journey(message.group)  # off the UI thread: it reads the group's files
        term = self.services.retention_term(message.group)
        self.call_from_thread(self.push_screen, GroupScreen(found, term))

    @on(messages.SetRetention)
    def set_retention(self, message: messages.SetRetention) -> None:
        from samenslim.screens.group import GroupScreen

        term, said = self.services.record_retention(message.group, message.months, message.reason, message.after)
        self.notify(said, severity="information" if term else "error", timeout=8)
        if term is not None and isinstance(self.screen, GroupScreen):
            self.screen.show_term(term)

    @on(messages.ContentChanged)
    def reload_content(self) -> None:
        self._content_loaded(self.services.read_content())

    def notify_from_thread(self, message: str, **how: Any) -> None:
        """A notification from a worker or the autosave thread (store.py's notices, save results)."""
        try:
            self.call_from_thread(self.notify, message, **how)
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
        runner = self.running_session_screen()
        if runner is not None:
            try:
                runner.bank_time(finished=False)
            except Exception:  # noqa: BLE001 - the state may be odd; save what is there
                pass
        try:
            screen = type(self.screen).__name__
        except Exception:  # noqa: BLE001 - no screen yet
            screen = "-"
        return self.services.rescue(error, runner.session if runner is not None else None, screen)

    async def action_quit(self) -> None:
        stop = getattr(self.screen, "action_stop", None)
        if stop is not None:
            stop()  # the runner saves its timer state and releases the session before exiting
        else:
            self.exit()

    def on_unmount(self) -> None:
        self.services.close()
