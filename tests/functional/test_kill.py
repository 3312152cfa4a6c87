"""A session survives SIGKILL: the file on disk parses, holds what was typed, and the next start
offers to resume it."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from samenslim.domain.store import SessionStore
from samenslim.screens.resume import ResumeScreen
from samenslim.screens.runner import RunnerScreen
from tests.conftest import REPO, session_files, settled
from tests.kill_child import MARKER, UNSENT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and file modes need POSIX")


def saved_notes(data_dir: Path) -> str:
    files = session_files(data_dir)
    if not files:
        return ""
    try:
        data = json.loads(files[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""  # an atomic save never leaves a half file, but read again rather than guess
    return data["werkvormen"][0]["stappen"][2]["vastgelegd"].get("notities", "")


def saved_round_step(data_dir: Path) -> dict:
    files = session_files(data_dir)
    try:
        return json.loads(files[0].read_text(encoding="utf-8"))["werkvormen"][0]["stappen"][1] if files else {}
    except (OSError, ValueError, IndexError):
        return {}


def kill_while_typing(data_dir: Path, *mode: str, until=None) -> None:
    until = until or (lambda: saved_notes(data_dir).startswith(MARKER + " en meer"))  # typing goes on after this
    child = subprocess.Popen([sys.executable, "-m", "tests.kill_child", str(data_dir), *mode], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "READY", child.stderr.read()
        deadline = time.monotonic() + 60
        while not until():
            assert child.poll() is None, child.stderr.read()
            assert time.monotonic() < deadline, "the typed text never reached the disk"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL


async def test_killed_session_is_on_disk_and_offered_again(make_app, data_dir) -> None:
    kill_while_typing(data_dir)

    [path] = session_files(data_dir)
    data = json.loads(path.read_text(encoding="utf-8"))
    notes = data["werkvormen"][0]["stappen"][2]["vastgelegd"]["notities"]
    assert notes.startswith(MARKER)
    assert data["status"] == "bezig" and data["positie"] == {"werkvorm": 0, "stap": 2}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    SessionStore(path.parent).load_path(path)  # the model loads it too, not only json

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen), "the next start offers the killed session"
        assert "Team Kill" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.query_one(TextArea).text == notes
    # The dead process's temp files (if the kill landed mid-save) are cleaned up at start.
    assert not list(path.parent.glob("*.tmp"))


async def test_a_killed_round_keeps_its_unsent_note_and_the_time_the_timer_ran(make_app, data_dir) -> None:
    def saved_enough() -> bool:
        step = saved_round_step(data_dir)
        return step.get("concepten", {}).get("turn-input") == UNSENT and step.get("gebruikte_seconden", 0) >= 20

    kill_while_typing(data_dir, "ronde", until=saved_enough)
    step = saved_round_step(data_dir)
    used = step["gebruikte_seconden"]
    assert used >= 20 and step["concepten"] == {"turn-input": UNSENT}

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.query_one("#turn-input", Input).value == UNSENT
        assert runner.timer.elapsed() == used, "the time really used, not the full time again"
