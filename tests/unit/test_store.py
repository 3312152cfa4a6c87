from __future__ import annotations

import errno
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from samenslim.domain.autosave import Autosaver
from samenslim.domain.content import load_library
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import SCHEMA_VERSION, new_session
from samenslim.domain.store import SaveError, SessionFileError, SessionLocked, SessionStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and signals")


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessies")


@pytest.fixture
def session():
    library = load_library(builtin_content_dir() / "werkvormen").werkvormen
    made = new_session([library["schaalvraag"]], titel="Team Oost", groep="Oost", thema="elke jongere in beeld",
                       deelnemers=["Anna", "Bram"])
    made.werkvormen[0].stappen[2].vastgelegd = {"notities": "Korte lijnen met de school"}
    return made


def test_round_trip_keeps_everything(store: SessionStore, session) -> None:
    path = store.save(session)
    loaded = store.load(session.id)
    assert loaded == session
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_versie"] == SCHEMA_VERSION
    assert data["werkvormen"][0]["stappen"][2]["vastgelegd"]["notities"] == "Korte lijnen met de school"
    # The theme was filled into the prompt as it was asked.
    assert "elke jongere in beeld" in data["werkvormen"][0]["stappen"][0]["uitleg"]


def test_session_id_is_a_safe_file_name(session) -> None:
    assert all(ch.isalnum() or ch == "-" for ch in session.id)
    assert session.id == session.id.lower()


@posix_only
def test_files_are_owner_only(store: SessionStore, session) -> None:
    path = store.save(session)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700


def test_failing_replace_leaves_the_old_file_byte_identical(store: SessionStore, session, monkeypatch) -> None:
    path = store.save(session)
    before = path.read_bytes()
    session.titel = "Veranderd"

    def broken_replace(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SaveError, match="de schijf is vol"):
        store.save(session)
    assert path.read_bytes() == before
    assert list(store.folder.glob("*.tmp")) == [], "the temp file is cleaned up"


def test_failing_write_leaves_the_old_file_byte_identical(store: SessionStore, session, monkeypatch) -> None:
    path = store.save(session)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(SaveError):
        store.save(session)
    assert path.read_bytes() == before


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_a_dutch_message(store: SessionStore, session) -> None:
    store.save(session)
    os.chmod(store.folder, 0o500)
    try:
        with pytest.raises(SaveError, match="geen schrijfrechten"):
            store.save(session)
    finally:
        os.chmod(store.folder, 0o700)


def test_second_lock_on_the_same_session_is_refused(store: SessionStore, session) -> None:
    first = store.lock(session.id)
    try:
        with pytest.raises(SessionLocked, match="al geopend"):
            store.lock(session.id)
        assert store.is_locked(session.id)
    finally:
        first.release()
    assert not store.is_locked(session.id)
    store.lock(session.id).release()


def test_lock_held_by_another_process(store: SessionStore, session, tmp_path: Path) -> None:
    import subprocess

    store.ensure_folder()
    script = (
        "import sys, time; from filelock import FileLock; "
        f"lock = FileLock({str(store.folder / (session.id + '.lock'))!r}); lock.acquire(); "
        "print('held', flush=True); sys.stdin.readline()"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(SessionLocked):
            store.lock(session.id)
    finally:
        child.communicate("\n", timeout=10)
    store.lock(session.id).release()


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"schema_versie": 1, "id": "x", "titel": ', "geen geldige JSON (regel 1"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[1, 2, 3]", "geen sessie"),
    (b'{"schema_versie": 1, "id": "abc"}', "klopt niet"),
    (b'{"schema_versie": 99, "id": "abc"}', "nieuwere versie"),
])
def test_damaged_files_are_reported_by_name_and_left_untouched(store: SessionStore, session, content, reason) -> None:
    store.save(session)
    damaged = store.folder / "20240101-kapot.json"
    damaged.write_bytes(content)
    sessions, problems = store.scan()
    assert [s.id for s in sessions] == [session.id], "the good session still lists"
    assert len(problems) == 1 and problems[0].path == damaged
    assert reason in problems[0].reason
    assert damaged.read_bytes() == content, "a damaged file is never rewritten"
    with pytest.raises(SessionFileError, match=damaged.name):
        store.load("20240101-kapot")


def test_delete_removes_file_lock_and_temp_copies(store: SessionStore, session) -> None:
    store.save(session)
    store.lock(session.id).release()
    (store.folder / f".{session.id}.99999.abc.tmp").write_text("half")
    store.delete(session.id)
    assert list(store.folder.iterdir()) == []


def test_stale_temp_files_of_dead_processes_are_removed(store: SessionStore, session) -> None:
    store.save(session)
    dead = store.folder / f".{session.id}.999999999.abc123.tmp"
    alive = store.folder / f".{session.id}.{os.getpid()}.abc123.tmp"
    dead.write_text("x")
    alive.write_text("x")
    assert store.remove_stale_temp_files() == [dead]
    assert alive.exists() and not dead.exists()


def test_path_traversal_ids_are_refused(store: SessionStore) -> None:
    with pytest.raises(ValueError):
        store.path_for("../etc/passwd")


def test_autosaver_writes_the_latest_snapshot(store: SessionStore, session) -> None:
    saver = Autosaver(store)
    for n in range(50):
        session.werkvormen[0].stappen[2].vastgelegd = {"notities": f"versie {n}"}
        saver.submit(session)
    assert saver.close()
    assert store.load(session.id).werkvormen[0].stappen[2].vastgelegd["notities"] == "versie 49"


def test_autosaver_folds_a_burst_of_keys_into_few_writes_and_the_last_lands_by_itself(
        store: SessionStore, session, monkeypatch) -> None:
    written: list[bytes] = []
    real_write = store.write_bytes

    def counting(session_id: str, data: bytes):
        path = real_write(session_id, data)
        written.append(data)
        return path

    monkeypatch.setattr(store, "write_bytes", counting)
    saver = Autosaver(store, min_interval=0.2)
    for n in range(40):  # a typist's burst: far faster than one write per key
        session.werkvormen[0].stappen[2].concepten = {"notes": f"versie {n}"}
        saver.submit(session)
    deadline = time.monotonic() + 10
    while b"versie 39" not in (written[-1] if written else b""):  # no flush: it must land by itself
        assert time.monotonic() < deadline, "the last key never reached the disk"
        time.sleep(0.01)
    assert len(written) <= 3, "a burst of keys is a few writes, not one per key"
    assert store.load(session.id).werkvormen[0].stappen[2].concepten == {"notes": "versie 39"}
    saver.close()


def test_autosaver_flush_does_not_wait_for_the_interval_and_keeps_every_session(store: SessionStore, session) -> None:
    other = session.model_copy(deep=True, update={"id": session.id[:-1] + ("0" if session.id[-1] != "0" else "1")})
    saver = Autosaver(store, min_interval=600)  # were the interval waited for, this would hang
    saver.submit(session)
    assert saver.flush(timeout=10)
    session.werkvormen[0].stappen[2].concepten = {"notes": "nog getypt"}
    saver.submit(session)
    saver.submit(other)  # another session in the same turn is not pushed out by it
    assert saver.flush(timeout=10)
    assert store.load(session.id).werkvormen[0].stappen[2].concepten == {"notes": "nog getypt"}
    assert store.load(other.id).id == other.id
    assert saver.close(timeout=10)


def test_autosaver_reports_a_failing_disk_and_recovers(store: SessionStore, session, monkeypatch) -> None:
    results: list = []
    saver = Autosaver(store, on_result=results.append)
    real_replace = os.replace

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    saver.submit(session)
    saver.flush()
    assert isinstance(saver.last_error, SaveError) and "vol" in str(saver.last_error)
    monkeypatch.setattr(os, "replace", real_replace)
    saver.submit(session)
    saver.close()
    assert saver.last_error is None
    assert results[0] is not None and results[-1] is None
    assert store.load(session.id) == session


def test_read_only_disk_gives_a_dutch_message_and_keeps_the_old_file(store: SessionStore, session, monkeypatch) -> None:
    path = store.save(session)
    before = path.read_bytes()
    real_open = os.open

    def read_only(file, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(file, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(SaveError, match="alleen-lezen"):
        store.save(session)
    assert path.read_bytes() == before


def test_an_impossible_schema_version_is_a_damaged_file_not_a_crash(tmp_path) -> None:
    import json

    from samenslim.domain.sessions_index import list_sessions
    from samenslim.domain.store import SessionFileError, SessionStore

    store = SessionStore(tmp_path)
    path = tmp_path / "20260101-100000-nul-aaaa.json"
    path.write_text(json.dumps({"schema_versie": 0, "id": "20260101-100000-nul-aaaa"}))
    with pytest.raises(SessionFileError, match="schema_versie"):
        store.load_path(path)
    [entry] = list_sessions(tmp_path).entries
    assert entry.beschadigd and "schema_versie" in entry.beschadigd


def test_a_failing_fsync_of_the_folder_is_reported_not_swallowed(store: SessionStore, session, monkeypatch) -> None:
    """The file is complete, but without the folder's fsync its new name may not survive a power cut."""
    import stat as stat_module

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat_module.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    store.save(session)
    monkeypatch.setattr(os, "fsync", fsync)
    session.titel = "Veranderd"
    with pytest.raises(SaveError, match="kon niet op de schijf vastgelegd worden") as raised:
        store.save(session)
    assert "Input/output" not in str(raised.value) and "leesfout of schrijffout" in str(raised.value)


def test_a_folder_that_cannot_be_synced_at_all_is_no_error(store: SessionStore, session, monkeypatch) -> None:
    """Some file systems refuse fsync on a folder (EINVAL): nothing is lost there, nothing to report."""
    import stat as stat_module

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat_module.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert store.save(session).exists()
