"""Trustworthy with notes about young people: every file samenslim writes is private, whatever the
umask, and deleting a session erases every file that holds it.

The app is driven as a facilitator drives it: a session with a note, a screenshot, the end, a
search, a report (ctrl+e), a theme change; then the command line's kopieer and export --naar, and a
crash report. Then the whole data folder is walked.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from samenslim.cli import main
from samenslim.domain import crash
from samenslim.domain.locations import Locations
from samenslim.domain.sessions_index import TEXTS_NAME, list_sessions, search
from samenslim.screens.confirm import ConfirmScreen
from samenslim.screens.sessions import SessionsScreen
from samenslim.screens.summary import SummaryScreen
from tests.conftest import fill_setup, only_session, open_werkvorm, settled, wait_for

SENTINEL = "Kwartelkoning"  # typed in the session: after a delete, no file may hold it


@pytest.fixture
def umask(request) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def modes(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (itself included) with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found[path.relative_to(folder).as_posix()] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def holding(folder: Path, word: str) -> list[str]:
    """Files under `folder` whose bytes hold `word` (as typed, lower-cased, or JSON-escaped)."""
    needles = {word.encode(), word.lower().encode(), json.dumps(word).strip('"').encode()}
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if path.is_file() and any(needle in path.read_bytes() for needle in needles))


async def run_a_session(pilot) -> str:
    """A check-in with the sentinel as Anna's answer, a screenshot of it, to the summary and back
    to the library. Returns the session's id."""
    app = pilot.app
    await settled(pilot)
    await open_werkvorm(pilot, "check-in")
    await fill_setup(pilot, participants="Anna; Bram")
    await pilot.press("ctrl+r", "ctrl+n")  # draw a question, then the round
    await pilot.pause()
    await pilot.press(*f"Ik ben {SENTINEL}", "enter")
    await pilot.pause()
    await pilot.press("f6")  # a screenshot, with the note on it
    await pilot.pause()
    await pilot.press("ctrl+o", "ctrl+n")  # Bram passes; the end
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen), app.screen
    await settled(pilot)
    app.autosaver.flush()
    await pilot.press("escape")
    await pilot.pause()
    return only_session(app.locations.data_dir)["id"]


async def open_sessions_and_search(pilot) -> SessionsScreen:
    """Eerdere sessies (ctrl+r), and a search for the sentinel: the search cache now holds it."""
    app = pilot.app
    await pilot.press("ctrl+r")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionsScreen)
    await app.workers.wait_for_complete()
    await pilot.press("ctrl+f", *SENTINEL.lower())
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.query_one(DataTable).row_count == 1, "the search finds the note"
    screen.query_one(DataTable).focus()
    await pilot.pause()
    return screen


# -- private -----------------------------------------------------------------------------------

@pytest.mark.parametrize("umask", [0o000, 0o022], indirect=True, ids=["umask000", "umask022"])
async def test_everything_samenslim_writes_is_owner_only(umask, make_app, data_dir, tmp_path) -> None:
    data_dir.mkdir(mode=0o777)
    os.chmod(data_dir, 0o755)  # as an older samenslim left it: tightened at the next start
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        session_id = await run_a_session(pilot)
        await open_sessions_and_search(pilot)
        await pilot.press("ctrl+e")  # the export dialog: the full report (v) and its JSON copy
        await pilot.pause()
        await pilot.press("v", "enter")
        await pilot.pause()
        await wait_for(pilot, lambda: app.settings is not None, "the settings are read")
        app.theme = "textual-light"  # kept in instellingen.toml
        await pilot.pause()
    assert (data_dir / "instellingen.toml").is_file()
    assert main(["--data-dir", str(data_dir), "kopieer", "check-in"]) == 0
    assert main(["--data-dir", str(data_dir), "kopieer", "check-in-vragen"]) == 0
    assert main(["--data-dir", str(data_dir), "export", session_id, "--naar", str(data_dir / "eigen.md")]) == 0
    outside = tmp_path / "elders"
    outside.mkdir()
    os.chmod(outside, 0o755)
    assert main(["--data-dir", str(data_dir), "export", session_id, "--json", "--naar", str(outside / "x.json")]) == 0
    crash.write_report(Locations(data_dir).crash_dir, RuntimeError("boem"), session_id=session_id, screen="test")

    found = modes(data_dir)
    expected = {"verslagen", "schermafdrukken", "crashrapporten", "werkvormen", "stapels", "sessies",
                "instellingen.toml", "eigen.md", f"verslagen/{session_id}.md", f"verslagen/{session_id}.json",
                f"sessies/{session_id}.json", "werkvormen/check-in-eigen.toml", "stapels/check-in-vragen.toml"}
    assert expected <= set(found), sorted(set(expected) - set(found))
    assert any(name.startswith(f"schermafdrukken/{session_id}-stap2-") for name in found)
    assert any(name.startswith("crashrapporten/crash-") for name in found)
    wrong = {name: mode for name, mode in found.items()
             if mode != (oct(0o700) if (data_dir / name).is_dir() else oct(0o600))}
    assert wrong == {}, f"not owner-only under umask {umask:03o}: {wrong}"
    assert oct(stat.S_IMODE((outside / "x.json").stat().st_mode)) == oct(0o600)
    assert oct(stat.S_IMODE(outside.stat().st_mode)) == oct(0o755), "the user's own folder is left as it is"


@pytest.mark.parametrize("umask", [0o000], indirect=True)
def test_a_wide_data_folder_is_tightened_by_the_command_line(umask, tmp_path) -> None:
    data_dir = tmp_path / "data"
    for folder in ("sessies", "verslagen", "schermafdrukken"):
        (data_dir / folder).mkdir(parents=True)
    (data_dir / "verslagen" / "oud.md").write_text("van een oudere samenslim")
    assert main(["--data-dir", str(data_dir), "sessies", "--lijst"]) == 0
    found = modes(data_dir)
    assert {name: found[name] for name in (".", "sessies", "verslagen", "schermafdrukken", "verslagen/oud.md")} == {
        ".": oct(0o700), "sessies": oct(0o700), "verslagen": oct(0o700), "schermafdrukken": oct(0o700),
        "verslagen/oud.md": oct(0o600)}
    assert all(mode == oct(0o600) for name, mode in found.items() if name.startswith("sessies/")), found


def test_the_settings_file_is_fsynced(monkeypatch, tmp_path) -> None:
    from samenslim.domain import settings

    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    settings.save(tmp_path / "conf" / "instellingen.toml", settings.Instellingen(thema="hoog-contrast"))
    assert len(synced) >= 2, "the file and its folder"
    assert settings.load(tmp_path / "conf" / "instellingen.toml")[0].thema == "hoog-contrast"


# -- stale temp files --------------------------------------------------------------------------

DEAD_PID = 999_999_999


@pytest.mark.parametrize("argv", [["sessies", "--lijst"], ["export", "x"], ["kopieer", "check-in"]])
def test_every_command_removes_stale_temp_files(argv, tmp_path, capsys) -> None:
    data_dir = tmp_path / "data"
    stale = [data_dir / "sessies" / f".20260101-1000-x.{DEAD_PID}.abc123.tmp",
             data_dir / "sessies" / f".zoektekst.{DEAD_PID}.abc123.tmp",
             data_dir / "verslagen" / f".x.md.{DEAD_PID}.abc123.tmp"]
    alive = data_dir / "sessies" / f".20260101-1000-y.{os.getpid()}.abc123.tmp"
    for path in [*stale, alive]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"notities over {SENTINEL}")
    main(["--data-dir", str(data_dir), *argv])
    assert [path.exists() for path in stale] == [False, False, False]
    assert alive.exists(), "a living process's temp file is kept"


async def test_the_app_removes_stale_temp_files_also_when_it_opens_on_the_sessions(make_app, data_dir) -> None:
    stale = data_dir / "verslagen" / f".x.md.{DEAD_PID}.abc123.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_text(SENTINEL)
    app = make_app(start_screen="sessies")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await wait_for(pilot, lambda: not stale.exists(), "the stale temp file is removed")


# -- erasable ----------------------------------------------------------------------------------

async def test_deleting_in_the_app_erases_every_file_that_holds_the_session(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        session_id = await run_a_session(pilot)
        screen = await open_sessions_and_search(pilot)
        await pilot.press("ctrl+e")  # the export dialog: the full report (v) and its JSON copy
        await pilot.pause()
        await pilot.press("v", "enter")
        await pilot.pause()
        held = holding(data_dir, SENTINEL)
        assert {f"sessies/{session_id}.json", f"sessies/{TEXTS_NAME}", f"verslagen/{session_id}.md",
                f"verslagen/{session_id}.json"} <= set(held), held
        assert any(name.startswith("schermafdrukken/") for name in held), held
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-text").render())
        for name in held:
            if not name.startswith("sessies/."):
                assert name in question, f"the dialog does not list {name}:\n{question}"
        await pilot.press("tab", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and screen.query_one(DataTable).row_count == 0
    assert holding(data_dir, SENTINEL) == []
    assert not list((data_dir / "schermafdrukken").iterdir())
    assert [path.name for path in (data_dir / "verslagen").iterdir()] == []


async def test_erase_in_the_domain_leaves_other_sessions_files(make_app, data_dir) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        session_id = await run_a_session(pilot)
        await open_sessions_and_search(pilot)
        await pilot.press("ctrl+e")  # the export dialog: the full report (v) and its JSON copy
        await pilot.pause()
        await pilot.press("v", "enter")
        await pilot.pause()
    from samenslim.domain.erasure import erase, files_to_erase

    locations = Locations(data_dir)
    # Another session whose id starts with this one's: its report and screenshot must stay.
    other = f"{session_id}-stap2"
    keep = [locations.reports_dir / f"{other}.md", locations.screenshots_dir / f"{other}-stap1-101010.svg"]
    for path in keep:
        path.write_text("van een andere sessie")
    # Crash reports name the session (its id holds the title's words): this session's go, others stay.
    from datetime import UTC, datetime

    own = crash.write_report(locations.crash_dir, RuntimeError("boem"), session_id=session_id, screen="test",
                             when=datetime(2026, 1, 1, 10, tzinfo=UTC))
    keep.append(crash.write_report(locations.crash_dir, RuntimeError("boem"), session_id=other, screen="test",
                                   when=datetime(2026, 1, 1, 11, tzinfo=UTC)))
    names = [path.relative_to(data_dir).as_posix() for path in files_to_erase(locations, session_id)]
    assert names[:3] == [f"sessies/{session_id}.json", f"verslagen/{session_id}.md", f"verslagen/{session_id}.json"]
    assert names[3].startswith(f"schermafdrukken/{session_id}-stap2-")
    assert names[4:] == [f"crashrapporten/{own.name}"], "the marker names the other session, the last crash"
    erase(locations, session_id)
    assert holding(data_dir, SENTINEL) == []
    # What still names it: only the other session's crash report and the marker (other's id starts with it).
    assert holding(data_dir, session_id) == ["crashrapporten/" + keep[-1].name, "crashrapporten/laatste-crash.json"]
    assert all(path.exists() for path in keep)


def test_a_search_racing_a_delete_does_not_write_the_text_back(tmp_path, monkeypatch) -> None:
    """Window A lists and searches; window B deletes the session after A read its file but before A
    saved the search texts. The texts file must not get the deleted session back."""
    from samenslim.domain.erasure import delete_session
    from samenslim.domain.sessions_index import listing as listing_module

    source = Path(__file__).resolve().parents[2] / "sessions"
    example = sorted(source.glob("*.json"))[0]
    folder = tmp_path / "sessies"
    folder.mkdir()
    (folder / example.name).write_bytes(example.read_bytes())
    word = "overdracht"  # in that example's notes
    listing = list_sessions(folder)
    real_read = listing_module.read_file

    def read_then_other_window_deletes(path, size, mtime_ns):
        found = real_read(path, size, mtime_ns)
        delete_session(folder, example.stem)  # as another samenslim window would
        return found

    monkeypatch.setattr(listing_module, "read_file", read_then_other_window_deletes)
    assert search(listing, word)  # this window found it while it was there
    monkeypatch.undo()
    assert holding(folder, word) == [], "the deleted session's text came back in the cache"


# -- the helper itself -------------------------------------------------------------------------

def test_write_private_never_overwrites_when_exclusive(tmp_path, monkeypatch) -> None:
    from samenslim.domain.private_files import write_private

    target = tmp_path / "data" / "werkvormen" / "x.toml"
    write_private(target, "eerste", root=tmp_path / "data", exclusive=True)
    with pytest.raises(FileExistsError):
        write_private(target, "tweede", root=tmp_path / "data", exclusive=True)
    assert target.read_text() == "eerste"
    # A file system without hard links (FAT on a USB stick): still written, still never overwritten.
    monkeypatch.setattr(os, "link", lambda *args: (_ for _ in ()).throw(PermissionError(1, "geen links")))
    write_private(target.with_name("y.toml"), "derde", root=tmp_path / "data", exclusive=True)
    with pytest.raises(FileExistsError):
        write_private(target, "vierde", root=tmp_path / "data", exclusive=True)
    assert target.read_text() == "eerste" and target.with_name("y.toml").read_text() == "derde"
    assert [path.name for path in target.parent.iterdir() if path.name.startswith(".")] == [], "no temp files"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch) -> None:
    from samenslim.domain.private_files import write_private

    target = tmp_path / "verslag.md"
    write_private(target, "oud")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_private(target, "nieuw")
    assert target.read_text() == "oud" and [path.name for path in tmp_path.iterdir()] == ["verslag.md"]


def test_folders_above_the_data_folder_are_left_alone(tmp_path) -> None:
    from samenslim.domain.private_files import write_private

    os.chmod(tmp_path, 0o755)
    data = tmp_path / "data"
    write_private(data / "verslagen" / "x.md", "tekst", root=data)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    assert stat.S_IMODE(data.stat().st_mode) == stat.S_IMODE((data / "verslagen").stat().st_mode) == 0o700
    with pytest.raises(FileNotFoundError):  # without root, a missing folder is not made
        write_private(tmp_path / "nergens" / "x.md", "tekst")


async def test_a_long_list_of_files_keeps_the_dialog_short_and_all_go(make_app, data_dir) -> None:
    example = sorted((Path(__file__).resolve().parents[2] / "sessions").glob("*.json"))[0]
    (data_dir / "sessies").mkdir(parents=True)
    (data_dir / "sessies" / example.name).write_bytes(example.read_bytes())
    shots = data_dir / "schermafdrukken"
    shots.mkdir()
    for number in range(10):
        (shots / f"{example.stem}-stap{number + 1}-1000{number:02d}.svg").write_text("<svg/>")
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-text").render())
        assert "… en nog 4 bestanden" in question and question.count("schermafdrukken/") == 6
        await pilot.press("tab", "enter")
        await pilot.pause()
    assert list(shots.iterdir()) == [] and not (data_dir / "sessies" / example.name).exists()
