"""A session file changed on disk while the session is open (by hand, a sync tool, a newer samenslim)
is never overwritten silently (issue 11). Our policy: keep both and tell the facilitator. Theirs
moves aside to `<id>.json.conflict-<time>` and ours keeps the normal name; a file of a newer schema
is never downgraded (it stays, our saves go to the copy). A migration backs up the old file first."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea

from samenslim.domain import session as session_module
from samenslim.domain.autosave import Autosaver
from samenslim.domain.content import load_library
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import new_session
from samenslim.domain.store import SessionStore
from tests.conftest import fill_setup, open_werkvorm, session_files


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessies")


@pytest.fixture
def session():
    library = load_library(builtin_content_dir() / "werkvormen").werkvormen
    return new_session([library["schaalvraag"]], titel="Team Oost", groep="Oost", deelnemers=["Anna", "Bram"])


def copies(store: SessionStore, label: str) -> list[Path]:
    return sorted(store.folder.glob(f"*.json.{label}*"))


def hand_edit(path: Path, **changes) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    raw = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_saving_over_an_unchanged_file_makes_no_copies(store: SessionStore, session) -> None:
    for number in range(5):
        session.titel = f"Team Oost {number}"
        store.save(session)
    assert copies(store, "conflict") == [] and store.take_notices() == []


def test_a_hand_edit_is_moved_aside_and_ours_keeps_the_name(store: SessionStore, session) -> None:
    path = store.save(session)
    theirs = hand_edit(path, thema="met de hand veranderd")
    session.titel = "Ons werk"
    assert store.save(session) == path
    [aside] = copies(store, "conflict")
    assert aside.read_bytes() == theirs and stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["titel"] == "Ons werk"
    [notice] = store.take_notices()
    assert "buiten samenslim veranderd" in notice and aside.name in notice
    session.titel = "Verder"
    store.save(session)
    assert len(copies(store, "conflict")) == 1 and store.take_notices() == [], "told once; then saving goes on"


def test_a_file_changed_after_loading_is_kept_too(store: SessionStore, session) -> None:
    path = store.save(session)
    fresh = SessionStore(store.folder)  # another start of the app
    opened = fresh.load(session.id)
    theirs = hand_edit(path, groep="Sync")
    opened.titel = "Na het openen"
    fresh.save(opened)
    [aside] = copies(fresh, "conflict")
    assert aside.read_bytes() == theirs


def test_a_newer_schema_file_is_never_downgraded(store: SessionStore, session) -> None:
    path = store.save(session)
    theirs = hand_edit(path, schema_versie=session_module.SCHEMA_VERSION + 1, nieuw_veld=[1, 2])
    session.titel = "Ons werk"
    written = store.save(session)
    assert path.read_bytes() == theirs, "the newer file stays as it is"
    assert written != path and json.loads(written.read_text(encoding="utf-8"))["titel"] == "Ons werk"
    [notice] = store.take_notices()
    assert "nieuwere samenslim" in notice and written.name in notice
    session.titel = "Nog meer"
    assert store.save(session) == written, "our later saves go to the same copy"
    assert path.read_bytes() == theirs and store.take_notices() == []


def test_a_file_deleted_elsewhere_is_written_again(store: SessionStore, session) -> None:
    path = store.save(session)
    path.unlink()
    store.save(session)
    assert path.exists() and copies(store, "conflict") == []


def test_a_migration_keeps_a_backup_of_the_old_file(store: SessionStore, session, monkeypatch) -> None:
    path = store.save(session)
    old = path.read_bytes()
    monkeypatch.setattr(session_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(session_module, "MIGRATIONS", {1: lambda data: {**data, "verhuisd": True}})
    fresh = SessionStore(store.folder)
    migrated = fresh.load(session.id)
    assert migrated.schema_versie == 2
    fresh.save(migrated)
    backup = path.with_name(f"{path.name}.schema-1.bak")
    assert backup.read_bytes() == old and stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["schema_versie"] == 2
    fresh.save(migrated)
    assert backup.read_bytes() == old and copies(fresh, "conflict") == []
    fresh.delete(session.id)
    assert list(store.folder.glob(f"{session.id}*")) == [], "copies go with the session"


def test_the_autosaver_passes_the_notice_on(store: SessionStore, session) -> None:
    told: list[str] = []
    saver = Autosaver(store, on_notice=told.append)
    path = store.save(session)
    hand_edit(path, thema="anders")
    saver.submit(session)
    assert saver.close()
    assert len(told) == 1 and "buiten samenslim veranderd" in told[0]


async def test_the_facilitator_is_told_and_both_versions_are_kept(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_werkvorm(pilot, "schaal")
        await fill_setup(pilot, participants="Anna; Bram", title="Team West")
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.press(*"Eerst")
        assert app.autosaver.flush()
        [path] = session_files(data_dir)
        theirs = hand_edit(path, titel="Met de hand")
        app.screen.query_one(TextArea).focus()
        await pilot.press(*" en dan")
        assert app.autosaver.flush()
        await pilot.pause(0.2)
        messages = [str(n.message) for n in app._notifications]
        assert any("buiten samenslim veranderd" in message for message in messages), messages
        aside = next(path.parent.glob("*.json.conflict-*"))
        assert aside.read_bytes() == theirs
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["titel"] == "Team West" and data["werkvormen"][0]["stappen"][2]["vastgelegd"]["notities"] == \
            "Eerst en dan"
        await pilot.press("ctrl+q")
