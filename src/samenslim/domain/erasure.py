"""Everything derived from a session, found by name, so deleting a session erases all of it.

A session's notes end up in more files than its own: the report, its JSON copy and the report
as HTML and Word in `verslagen/` (named `ID.md`, `ID.json`, `ID.html`, `ID.docx`, and the report for the
group `ID.groep.md`, `ID.groep.html`, `ID.groep.docx`), the screenshots in `schermafdrukken/` (named
`ID-stapN-HHMMSS.svg`), and the sessions folder's search cache. Crash reports hold no notes but
name the session (`sessie: ID`, and the id holds the title's words): they go too. The names are the record: every
derived file is written under a name made here, and found again by matching that exact pattern,
so another session's files (even one whose id starts with this id) never match. A file the user
renamed or moved is no longer samenslim's to find; `export --naar` writes where the user chose
and is not tracked (the user chose the place).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from samenslim.domain.crash import MARKER
from samenslim.domain.locations import Locations
from samenslim.domain.private_files import FILE_MODE, FOLDER_MODE, remove_stale_temp_files, tighten
from samenslim.domain.sessions_index import cache_lock, forget
from samenslim.domain.store import SUFFIX, SessionStore, check_session_id

# The full report and its JSON copy (ID.md ...), and the report for the group (ID.groep.md ...): a dot
# cannot be part of a session id, so ID.groep.md can never be the report of a session named 'ID-groep'.
REPORT_SUFFIXES = (".md", ".json", ".html", ".docx", ".groep.md", ".groep.html", ".groep.docx")


def report_path(locations: Locations, session_id: str, suffix: str) -> Path:
    """Where a report of this session is written by default: verslagen/ID.md (.json, .html, .docx,
    .groep.md, .groep.html, .groep.docx)."""
    check_session_id(session_id)
    if suffix not in REPORT_SUFFIXES:
        raise ValueError(f"geen verslagvorm: {suffix}")
    return locations.reports_dir / f"{session_id}{suffix}"


def report_paths(locations: Locations, session_id: str) -> tuple[Path, Path]:
    """The Markdown report and its JSON copy."""
    return report_path(locations, session_id, ".md"), report_path(locations, session_id, ".json")


def screenshot_path(locations: Locations, session_id: str, step: int, when: datetime) -> Path:
    check_session_id(session_id)
    return locations.screenshots_dir / f"{session_id}-stap{step}-{when:%H%M%S}.svg"


def _screenshot_pattern(session_id: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(session_id)}-stap\d+-\d{{6}}\.svg")


def derived_files(locations: Locations, session_id: str) -> list[Path]:
    """The files outside the sessions folder that hold (part of) this session, as they are now."""
    check_session_id(session_id)
    reports = [report_path(locations, session_id, suffix) for suffix in REPORT_SUFFIXES]
    found = [path for path in reports if path.is_file()]
    pattern = _screenshot_pattern(session_id)
    try:
        names = sorted(entry.name for entry in os.scandir(locations.screenshots_dir))
    except OSError:
        names = []
    found += [locations.screenshots_dir / name for name in names if pattern.fullmatch(name)]
    return found + _crash_files(locations, session_id)


def _crash_files(locations: Locations, session_id: str) -> list[Path]:
    """Crash reports hold no notes, but they name the session (its id holds the title's words),
    and so does the marker the next start reads."""
    found = []
    try:
        names = sorted(entry.name for entry in os.scandir(locations.crash_dir))
    except OSError:
        return []
    for name in names:
        path = locations.crash_dir / name
        try:
            if path.stat().st_size > 1_000_000:
                continue  # not one of ours
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if name.startswith("crash-") and f"\nsessie: {session_id}\n" in text:
            found.append(path)
        elif name == MARKER and f'"sessie": "{session_id}"' in text:
            found.append(path)
    return found


def files_to_erase(locations: Locations, session_id: str) -> list[Path]:
    """What deleting the session removes, for the confirmation: the session file and its derived
    files (its lock, temp files and search-cache entry go too, but hold nothing to list)."""
    session_file = SessionStore(locations.sessions_dir).path_for(session_id)
    return [session_file, *derived_files(locations, session_id)]


def erase(locations: Locations, session_id: str) -> None:
    """Delete the session and everything derived from it. The derived files go first: when one
    cannot be removed (OSError), the session is still there to try again, and still listed."""
    for path in derived_files(locations, session_id):
        path.unlink(missing_ok=True)
    delete_session(locations.sessions_dir, session_id)


def delete_session(folder: Path, session_id: str) -> None:
    """The session file and what belongs to it in the sessions folder (SessionStore.delete), and
    its entry and search text in the sessions index (sessions_index.forget). Under the caches'
    lock: a listing or search running now (in another window, too) cannot write this session's
    summary or text back into the caches after it is forgotten."""
    store = SessionStore(folder)
    store.path_for(session_id)  # refuses ids that could point outside the folder, before any lock
    with cache_lock(folder):
        store.delete(session_id)
        forget(folder, f"{session_id}{SUFFIX}")


def tidy(locations: Locations) -> list[Path]:
    """At every entry point that opens the data folder: the folders samenslim owns are made
    owner-only again when they are wider (an older samenslim wrote them with the umask), so are
    the reports, screenshots and settings in them, and temp files left by a process that died
    mid-write (they hold notes) are removed. Returns the temp files removed."""
    removed: list[Path] = []
    for folder in owned_folders(locations):
        if not folder.is_dir():
            continue
        tighten(folder, FOLDER_MODE)
        removed += remove_stale_temp_files(folder)
    for folder in (locations.reports_dir, locations.screenshots_dir, locations.crash_dir):
        try:
            names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for name in names:
            tighten(folder / name, FILE_MODE)
    if locations.settings_file.is_file():
        tighten(locations.settings_file, FILE_MODE)
    return removed


def owned_folders(locations: Locations) -> list[Path]:
    """Every folder samenslim writes in."""
    folders = [locations.data_dir, locations.sessions_dir, locations.reports_dir, locations.screenshots_dir,
               locations.crash_dir, locations.user_content_dir, locations.user_decks_dir,
               locations.settings_file.parent]
    return list(dict.fromkeys(folders))
