"""What the screens share, handed down by the app (attributes down): the session store, the checked
content, the autosaver, the settings, the groups and this window's session locks, with the injected
clocks. The work on session files that screens ask for with a message (start, resume, reopen, close,
look back, export, delete) is done here, without Textual: a refusal is a `Refused` with the Dutch
sentence for the facilitator, which the message's handler shows.

Start-up stays light: the store, pydantic and the content models are imported on first use.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samenslim.domain.locations import Locations, builtin_content_dir

if TYPE_CHECKING:
    from filelock import FileLock

    from samenslim.domain.autosave import Autosaver
    from samenslim.domain.content import Library, Werkvorm
    from samenslim.domain.report_formats import Exported
    from samenslim.domain.retention import Bewaartermijn
    from samenslim.domain.session import Sessie
    from samenslim.domain.settings import Instellingen
    from samenslim.domain.store import SaveError, SessionStore
    from samenslim.domain.timer import Clock


class Refused(Exception):
    """Work that could not be done; the text is the Dutch notice (file, reason) to show."""

    def __init__(self, text: str, timeout: float = 10, severity: str = "error") -> None:
        super().__init__(text)
        self.timeout = timeout
        self.severity = severity


class Services:
    def __init__(self, locations: Locations, *, clock: Clock = time.monotonic, rng: random.Random | None = None,
                 wallclock: Callable[[], datetime] | None = None, timer_starts_by_itself: bool = True,
                 notify: Callable[..., None] | None = None) -> None:
        self.locations = locations
        self.clock = clock
        self.rng = rng or random.Random()
        # The time of day for the planned end of a meeting; injectable so tests and snapshots are stable.
        self.wallclock = wallclock or (lambda: datetime.now().astimezone())
        self.timer_starts_by_itself = timer_starts_by_itself  # instellingen.toml's timer_automatisch
        self.settings: Instellingen | None = None  # once read
        self.groups: dict = {}  # group key -> GroupInfo, filled by the start-up scan
        self.damaged_sessions: list[str] = []
        # Thread-safe notifications (the app's notify_from_thread), for what the autosave thread reports.
        self._notify = notify or (lambda message, **how: None)
        self._store: SessionStore | None = None
        self._library: Library | None = None
        self._autosaver: Autosaver | None = None
        self._locks: dict[str, FileLock] = {}

    # -- the shared things, made on first use ----------------------------------------------------
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
            self._library = self.read_content()
        return self._library

    @property
    def library_loaded(self) -> bool:
        return self._library is not None

    def read_content(self) -> Library:
        from samenslim.domain.content import load_content

        return load_content(builtin_content_dir(), self.locations.user_content_root)

    def use_library(self, library: Library) -> bool:
        """Keep a freshly read library (on-demand and background loads read the same files: the last
        one wins); True the first time."""
        first_time = self._library is None
        self._library = library
        return first_time

    @property
    def autosaver(self) -> Autosaver:
        if self._autosaver is None:
            from samenslim.domain.autosave import Autosaver

            self._autosaver = Autosaver(self.store, on_result=self._save_result, on_notice=self._save_notice)
        return self._autosaver

    def _save_notice(self, text: str) -> None:
        # On the autosave thread: a session file changed outside samenslim was kept (store.py).
        self._notify(text, title="Bestand buiten samenslim veranderd", severity="warning", timeout=30)

    def _save_result(self, error: SaveError | None) -> None:
        # On the autosave thread.
        if error is None:
            self._notify("Weer opgeslagen.", timeout=4)
        else:
            self._notify(f"{error}. Je werk staat nog in het scherm; samenslim probeert opnieuw bij elke wijziging.",
                         title="Niet opgeslagen", severity="error", timeout=15)

    def autosave(self, session: Sessie) -> None:
        self.autosaver.submit(session)

    def problem_messages(self) -> list[str]:
        content = [str(problem) for problem in self._library.problems] if self._library else []
        return content + self.damaged_sessions

    # -- a session's life in this window ------------------------------------------------------------
    def start(self, werkvormen: list[Werkvorm], **fields: Any) -> Sessie:
        """A new session, locked for this window (not yet saved: the runner saves it)."""
        from samenslim.domain.session import new_session
        from samenslim.domain.store import StoreError

        session = new_session(werkvormen, stapels=self.library.stapels, **fields)
        try:
            self.store.ensure_folder()
            self._locks[session.id] = self.store.lock(session.id)
        except StoreError as error:
            raise Refused(f"Kan de sessie niet beginnen: {error}") from error
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            raise Refused(f"Kan de sessie niet beginnen: {describe_os_error(error)}") from error
        return session

    def _lock_and_load(self, session_id: str, failed: str) -> tuple[Sessie, FileLock]:
        """The session locked for this window and loaded."""
        from samenslim.domain.store import StoreError

        try:
            lock = self.store.lock(session_id)
        except StoreError as error:  # held by another window, or not a session id
            raise Refused(str(error), timeout=8) from error
        except OSError as error:  # the folder or the lock file cannot be made (read-only, no rights)
            from samenslim.domain.oserrors import describe_os_error

            raise Refused(f"{failed}: {describe_os_error(error)}") from error
        try:
            return self.store.load(session_id), lock
        except StoreError as error:
            self.store.unlock(session_id, lock)
            raise Refused(f"{failed}: {error}") from error

    def resume(self, session_id: str) -> Sessie:
        session, self._locks[session_id] = self._lock_and_load(session_id, "Kan niet hervatten")
        if session.gesloten is not None:  # closed without finishing, now open again
            session.gesloten = None
            self.autosave(session)
        return session

    def close_without_finishing(self, session_id: str) -> str:
        """Close an unfinished session without finishing it (Sessie.gesloten): it stays readable and
        can be resumed, but the question at start no longer offers it. Returns the notice."""
        from samenslim.domain.session import now
        from samenslim.domain.store import SaveError

        session, lock = self._lock_and_load(session_id, "Kan niet sluiten")
        session.gesloten = now()
        try:
            self.store.save(session)
        except SaveError as error:
            raise Refused(f"Kan niet sluiten: {error}") from error
        finally:
            self.store.unlock(session_id, lock)
        return (f"'{session.titel}' is gesloten zonder af te ronden. Je vindt de sessie terug bij Eerdere "
                "sessies (ctrl+r in de bibliotheek) en kunt haar daar hervatten.")

    def reopen(self, session_id: str) -> Sessie:
        """A finished session is opened again to correct or add something; the file records when."""
        from samenslim.domain.session import now
        from samenslim.domain.store import SaveError

        session, lock = self._lock_and_load(session_id, "Kan niet heropenen")
        session.status = "bezig"
        session.heropend.append(now())
        try:
            self.store.save(session)
        except SaveError as error:
            self.store.unlock(session_id, lock)
            raise Refused(f"Kan niet heropenen: {error}") from error
        self._locks[session_id] = lock
        return session

    def close_session(self, session: Sessie) -> bool:
        """Wait for the last save, then let go of the session's lock. False when saving hangs."""
        if self._autosaver is not None and not self._autosaver.flush():
            return False
        from samenslim.domain.groups import remember

        remember(self.groups, session)  # a theme worded today is offered at the group's next start
        lock = self._locks.pop(session.id, None)
        if lock is not None:
            self.store.unlock(session.id, lock)  # the lock file goes too: finished or left, nobody holds it
        return True

    def is_open_here(self, session_id: str) -> bool:
        return session_id in self._locks

    def close(self) -> None:
        """The app ends: the last saves are written and every lock let go."""
        if self._autosaver is not None:
            self._autosaver.close()
        for session_id, lock in self._locks.items():
            self.store.unlock(session_id, lock)
        self._locks.clear()

    def rescue(self, error: Exception, session: Sessie | None, screen: str) -> Path | None:
        """After a crash: the running session saved (best effort), then a crash report without notes."""
        from samenslim.domain.crash import write_report

        captured = None
        if session is not None:
            if self._autosaver is not None:
                self._autosaver.flush(timeout=2)
            try:
                self.store.save(session)
            except Exception:  # noqa: BLE001 - a report is still worth writing
                pass
            captured = [session.titel, session.groep, session.thema, session.deelnemers,
                        [[step.vastgelegd, step.concepten] for run in session.werkvormen for step in run.stappen]]
        return write_report(self.locations.crash_dir, error, session_id=session.id if session else None,
                            screen=screen, captured=captured)

    def last_crash(self, resume_offered: bool) -> str | None:
        """The notice about a crash of the previous run (its marker is read once), or None."""
        from samenslim.domain.crash import take_marker

        found = take_marker(self.locations.crash_dir)
        if found is None:
            return None
        report, session_id = found
        offered = " Je kunt de sessie hieronder hervatten." if session_id and resume_offered else ""
        return (f"samenslim stopte de vorige keer onverwacht; de sessie was bewaard.{offered} "
                f"Verslag van de fout (zonder notities): {report}")

    # -- start-up scans (in workers) ------------------------------------------------------------
    def retention_term(self, group: str) -> Bewaartermijn | None:
        """The group's retention term, or None (also when the file cannot be read: privacy says why)."""
        from samenslim.domain import retention

        try:
            return retention.load(retention.path_in(self.locations.data_dir)).for_group(group)
        except (retention.RetentionFileError, OSError):
            return None

    def record_retention(self, group: str, months: int, reason: str, after: str) -> tuple[Bewaartermijn | None, str]:
        """Record a group's term, as `samenslim bewaartermijn` does: the term and what to say (Dutch),
        or None and why not."""
        from datetime import UTC

        from pydantic import ValidationError

        from samenslim.domain import retention
        from samenslim.domain.oserrors import describe_os_error

        try:
            term = retention.record(self.locations.data_dir, group, months, reason,
                                    self.wallclock().astimezone(UTC).replace(microsecond=0),
                                    after=after)  # type: ignore[arg-type]
        except retention.RetentionFileError as error:
            return None, f"{error}; er is niets veranderd"
        except ValidationError:
            return None, "De bewaartermijn kan niet vastgelegd worden: controleer de maanden en de reden."
        except OSError as error:
            return None, f"Kan {retention.path_in(self.locations.data_dir)} niet schrijven: {describe_os_error(error)}"
        count = f"{term.maanden} {'maand' if term.maanden == 1 else 'maanden'}"
        return term, f"Bewaartermijn van {term.groep} vastgelegd: {count} na de laatste bijeenkomst, daarna {term.na}."

    def retention_notice(self) -> str | None:
        """The reminder at start-up when sessions are past their group's retention term (Dutch), or None.
        Reads the sessions index and the past-term groups' sessions: call it in a worker."""
        from samenslim.domain.cleanup import due_count
        from samenslim.domain.taal import aantal

        try:
            count = due_count(self.locations, self.wallclock())
        except OSError:
            return None  # `samenslim privacy` says what cannot be read
        if not count:
            return None
        return (f"{aantal(count, 'sessie')} over de bewaartermijn van de groep. Ruim op met: samenslim opruimen "
                "(zonder --uitvoeren zie je eerst wat er gebeurt).")

    def scan_unfinished(self) -> list[Sessie]:
        """The sessions to offer at start; fills the groups and the damaged files on the way."""
        from samenslim.domain.groups import groups_from

        self.store.remove_stale_temp_files()  # also done by the data folder's tidy: the scan must not list them
        self.store.remove_stale_locks()  # left by a crash, a kill or an older samenslim
        sessions, damaged = self.store.scan()
        self.groups = groups_from(sessions)
        self.damaged_sessions = [str(item) for item in damaged]
        return [s for s in sessions if s.to_resume and not self.store.is_locked(s.id)]

    def scan_groups(self) -> None:
        from samenslim.domain.groups import groups_from

        self.store.remove_stale_locks()
        self.groups = groups_from(self.store.scan()[0])

    # -- looking back (these read files: call them off the UI thread where they may be many) ------
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

    def journey(self, group: str) -> Any:
        from samenslim.domain.journey import journey

        return journey(self.group_sessions(group), group)

    def read_for_view(self, entry: Any) -> dict[str, Any]:
        """What the read-only view of a listed session shows: the session, or the text that can be
        shown of a file this version cannot open and why (the view's keyword arguments)."""
        import json

        from samenslim.domain.store import StoreError, read_bounded

        path = self.store.folder / entry.bestand
        if entry.beschadigd:
            return {"text": f"Bestand: {path}",
                    "note": f"Dit bestand kan niet gelezen worden: {entry.beschadigd}. samenslim laat het onaangeroerd."}
        try:
            if entry.leesbaar_alleen:
                text = json.dumps(json.loads(read_bounded(path)), ensure_ascii=False, indent=2)
                return {"text": text, "note": "Geschreven door een nieuwere versie van samenslim: alleen te bekijken "
                        "(zoals opgeslagen)."}
            return {"session": self.store.load_path(path)}
        except StoreError as error:
            raise Refused(f"Kan {entry.bestand} niet openen: {error}") from error
        except OSError as error:
            from samenslim.domain.oserrors import describe_os_error

            raise Refused(f"Kan {entry.bestand} niet openen: {describe_os_error(error)}") from error
        except (ValueError, RecursionError) as error:  # changed since it was listed: no longer JSON
            raise Refused(f"Kan {entry.bestand} niet openen: het is intussen geen geldige JSON meer") from error

    def export(self, session_id: str, vorm: str = "md", voor: str = "groep") -> Exported:
        """The verslag in <data>/verslagen (ID.groep.md, ID.html, ...), for mail or the archive; the full
        one ('volledig') with a JSON copy of the session beside it. Owner-only, named so that deleting
        the session deletes it. The identifier scan runs first: its warning (kinds and counts) is returned."""
        from samenslim.domain.erasure import report_path
        from samenslim.domain.export import json_copy
        from samenslim.domain.private_files import write_private
        from samenslim.domain.report_formats import Exported, build, identifier_warning, voor_named, vorm_named
        from samenslim.domain.store import StoreError, describe_os_error

        folder = self.locations.reports_dir
        try:
            session = self.store.load(session_id)
            report = build(session, vorm_named(vorm), voor_named(voor))
            path = report_path(self.locations, session.id, report.suffix)
            write_private(path, report.content, root=self.locations.data_dir)
            copy = None
            if report.voor == "volledig":
                copy = report_path(self.locations, session.id, ".json")
                write_private(copy, json_copy(session), root=self.locations.data_dir)
        except StoreError as error:
            raise Refused(f"Geen verslag: {error}") from error
        except OSError as error:
            raise Refused(f"Het verslag kon niet bewaard worden in {folder}: {describe_os_error(error)}") from error
        return Exported(path, copy, identifier_warning(report.identifiers))

    # -- deleting ------------------------------------------------------------------------------------
    def delete_question(self, entry: Any) -> str:
        """The confirmation text for deleting a listed session: its name and every file that goes."""
        from samenslim.domain.erasure import files_to_erase
        from samenslim.domain.store import InvalidSessionId

        try:
            files = files_to_erase(self.locations, entry.id)
        except InvalidSessionId as error:
            raise Refused(f"{entry.bestand} heeft geen naam van een samenslim-sessie; samenslim laat het "
                          f"onaangeroerd. Haal het zelf weg uit {self.store.folder} als het weg mag.",
                          severity="warning") from error
        shown = files if len(files) <= 8 else files[:7]  # many screenshots must not push the buttons off
        listed = "\n".join(f"  {self._shown_path(path)}" for path in shown)
        if len(shown) < len(files):
            listed += f"\n  … en nog {len(files) - len(shown)} bestanden (schermafdrukken, crashrapporten)"
        return (f"{self.entry_name(entry)}\n\nDeze bestanden worden gewist:\n{listed}\n"
                "en wat de zoekfunctie van deze sessie bewaarde. Dit kan niet ongedaan worden gemaakt.")

    @staticmethod
    def entry_name(entry: Any) -> str:
        when = f"{entry.aangemaakt:%d-%m-%Y %H:%M}" if entry.aangemaakt else entry.bestand
        return f"'{entry.titel or entry.bestand}' van {when}" + (f" ({entry.groep})" if entry.groep else "")

    def erase(self, entry: Any) -> str:
        """Delete a session and its derived files; the notice."""
        from samenslim.domain.erasure import erase

        if self.is_open_here(entry.id) or self.store.is_locked(entry.id):
            raise Refused("Deze sessie is nog open (hier of in een ander venster); sluit haar eerst.", timeout=8)
        try:
            erase(self.locations, entry.id)
        except OSError as error:
            from samenslim.domain.store import describe_os_error

            raise Refused(f"Verwijderen mislukt: {describe_os_error(error)}") from error
        return f"Verwijderd: {self.entry_name(entry)}."

    def _shown_path(self, path: Path) -> str:
        """A file in the data folder by its place in it (sessies/…, verslagen/…), others in full."""
        try:
            return path.relative_to(self.locations.data_dir).as_posix()
        except ValueError:
            return str(path)
