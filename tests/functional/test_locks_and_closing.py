"""A session's lock file lives only while the session is open: it goes when the session is
finished or left, and lock files that nobody holds (a crash, a kill, an older samenslim) are
cleaned up at start. A lock held by another window is never touched."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from samenslim.domain.store import SessionStore, _still_the_locked_file
from samenslim.screens.library import LibraryScreen
from samenslim.screens.summary import SummaryScreen
from tests.conftest import confirm, fill_setup, open_werkvorm, settled


def lock_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.lock")) if folder.is_dir() else []


@contextmanager
def held_elsewhere(path: Path):
    """The lock file held by another process, as another samenslim window would hold it."""
    script = ("import sys; from filelock import FileLock; "
              f"lock = FileLock({str(path)!r}); lock.acquire(); print('held', flush=True); sys.stdin.readline()")
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        yield
    finally:
        child.communicate("\n", timeout=30)


def test_unlock_removes_the_lock_file(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessies")
    lock = store.lock("20260101-090000-a-1234")
    assert lock_files(store.folder) == ["20260101-090000-a-1234.lock"]
    store.unlock("20260101-090000-a-1234", lock)
    assert lock_files(store.folder) == []
    store.lock("20260101-090000-a-1234").release()  # and it can be taken again


def test_only_locks_that_nobody_holds_are_removed(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessies")
    store.ensure_folder()
    (store.folder / "oud.lock").write_text("")  # left by a crash
    mine = store.lock("open-hier")
    with held_elsewhere(store.folder / "open-elders.lock"):
        assert [path.name for path in store.remove_stale_locks()] == ["oud.lock"]
        assert lock_files(store.folder) == ["open-elders.lock", "open-hier.lock"]
    store.unlock("open-hier", mine)
    assert store.remove_stale_locks() == [store.folder / "open-elders.lock"]
    assert lock_files(store.folder) == []


def test_a_lock_on_a_file_that_was_removed_does_not_count(tmp_path: Path) -> None:
    """A process that locks the file just after the holder removed it holds nothing (see SessionStore.lock)."""
    from filelock import FileLock

    path = tmp_path / "s.lock"
    lock = FileLock(path, timeout=0, thread_local=False)
    lock.acquire()
    try:
        assert _still_the_locked_file(lock, path)
        path.unlink()
        assert not _still_the_locked_file(lock, path)
        path.write_text("")  # a new file in its place, as a third process would make
        assert not _still_the_locked_file(lock, path)
    finally:
        lock.release()


async def test_no_lock_file_after_a_session_is_left_or_finished(make_app, data_dir) -> None:
    folder = data_dir / "sessies"
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram", title="Verlaten")
        assert len(lock_files(folder)) == 1, "held while the session runs"
        await pilot.press("escape")
        await pilot.pause()
        await confirm(pilot, "blijft bewaard")
        assert isinstance(app.screen, LibraryScreen)
        assert lock_files(folder) == [], "left: the lock file is gone"

    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "check")
        await fill_setup(pilot, participants="Anna; Bram", title="Afgerond")
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        await confirm(pilot, "nog niet rond")
        assert isinstance(app.screen, SummaryScreen)
        assert lock_files(folder) == [], "finished: the lock file is gone"
        assert len(list(folder.glob("*.json"))) == 2


async def test_stale_lock_files_are_cleaned_at_start(make_app, data_dir) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    (folder / "20250101-120000-weg-abcd.lock").write_text("")
    with held_elsewhere(folder / "20250101-120000-elders-abcd.lock"):
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await app.workers.wait_for_complete()
            assert lock_files(folder) == ["20250101-120000-elders-abcd.lock"]


# -- closing without finishing: the resume question stops asking -----------------------------------

def unfinished_sessions(data_dir: Path, *titles: str, werkvorm: str = "check-in") -> list[str]:
    """Unfinished sessions as a crash or a quit leaves them; ids in the order given (newest first)."""
    from datetime import UTC, datetime, timedelta

    from samenslim.domain.content import load_library
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.session import new_session

    library = load_library(builtin_content_dir() / "werkvormen").werkvormen
    store = SessionStore(data_dir / "sessies")
    ids = []
    for number, title in enumerate(titles):
        when = datetime(2026, 11, 20, 9, 0, tzinfo=UTC) - timedelta(days=number)
        session = new_session([library[werkvorm]], titel=title, created=when)
        store.save(session)
        ids.append(session.id)
    return ids


def resume_prompts(app) -> list[str]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


async def test_a_closed_session_is_no_longer_offered_but_kept_and_resumable(make_app, data_dir) -> None:
    import json

    from samenslim.domain.sessions_index import list_sessions
    from samenslim.screens.resume import ResumeScreen
    from samenslim.screens.runner import RunnerScreen

    first, second = unfinished_sessions(data_dir, "Team Noord", "Team Zuid")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert len(resume_prompts(app)) == 3 and "Team Noord" in resume_prompts(app)[0]
        await pilot.press("s")  # on the first entry: Team Noord
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen), "Team Zuid is still offered"
        assert [prompt.split(" · ")[0] for prompt in resume_prompts(app)] == ["Team Zuid", "Nee, naar de bibliotheek"]
        assert any("gesloten zonder af te ronden" in str(n.message) for n in app._notifications)
        await pilot.press("down", "s")  # on "Nee": nothing to close
        await pilot.pause()
        assert len(resume_prompts(app)) == 2
        await pilot.press("escape")
        await pilot.pause()
    data = json.loads((data_dir / "sessies" / f"{first}.json").read_text(encoding="utf-8"))
    assert data["status"] == "bezig" and data["gesloten"], "closed, not finished"
    assert lock_files(data_dir / "sessies") == []

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert [prompt.split(" · ")[0] for prompt in resume_prompts(app)] == ["Team Zuid", "Nee, naar de bibliotheek"]
        await pilot.press("s")  # the last one: the question goes away
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)

    statuses = {entry.id: entry.status for entry in list_sessions(data_dir / "sessies").entries}
    assert statuses == {first: "gesloten", second: "gesloten"}, "the list says what happened"

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen), "nothing left to ask about"
        await pilot.press("ctrl+r")  # Eerdere sessies: both are there, and can be resumed
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the newest: Team Noord
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen) and app.screen.session.id == first
        await pilot.press("ctrl+q")
        await pilot.pause()
    data = json.loads((data_dir / "sessies" / f"{first}.json").read_text(encoding="utf-8"))
    assert data["status"] == "bezig" and data["gesloten"] is None, "resumed: open again"

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert [prompt.split(" · ")[0] for prompt in resume_prompts(app)] == ["Team Noord", "Nee, naar de bibliotheek"]


async def test_the_entry_names_a_title_that_is_the_werkvorm_only_once(make_app, data_dir) -> None:
    from samenslim.screens.resume import ResumeScreen

    unfinished_sessions(data_dir, "Schaalvraag", "Team West", werkvorm="schaalvraag")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        first, other, _ = resume_prompts(app)
    assert first.startswith("Schaalvraag · stap 1/6 (") and first.count("Schaalvraag") == 1
    assert other.startswith("Team West · Schaalvraag · stap 1/6 (")


def test_a_closed_session_reads_as_closed_in_the_list_the_cli_and_the_verslag(tmp_path: Path) -> None:
    from samenslim.cli import session_line
    from samenslim.domain.export import markdown
    from samenslim.domain.session import now
    from samenslim.domain.sessions_index import read_file, read_head

    [session_id] = unfinished_sessions(tmp_path, "Team Oost")
    store = SessionStore(tmp_path / "sessies")
    session = store.load(session_id)
    session.gesloten = now()
    path = store.save(session)
    head, text = read_head(path, path.stat().st_size, path.stat().st_mtime_ns)
    assert text is None, "listed from the head: gesloten sits before werkvormen"
    assert head.status == "gesloten"
    assert head == read_file(path, path.stat().st_size, path.stat().st_mtime_ns)[0], "head and whole file agree"
    assert "gesloten" in session_line(head)
    assert "gesloten zonder afronden op" in markdown(store.load(session_id))
    assert not store.load(session_id).to_resume
