"""What a new user meets before the app draws anything: started without a terminal (a pipe, a
file, cron) samenslim stops at once with a Dutch message, and `samenslim serve` on a port that is
taken says so, and which one to try, before it prints anything else."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from samenslim import cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal needs POSIX")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("SAMENSLIM_DATA_DIR", "TEXTUAL_DRIVER"):
        env.pop(name, None)
    return env


@posix_only
@pytest.mark.parametrize("args", [[], ["sessies"]])
@pytest.mark.parametrize("stdin_is_terminal", [True, False])
def test_without_a_terminal_the_app_stops_at_once(tmp_path, args: list[str], stdin_is_terminal: bool) -> None:
    """Output to a pipe (with or without a terminal for the keys): exit non-zero with the message.
    Before the fix the app started anyway and spun at full speed until killed (the timeout here)."""
    import pty

    main_fd, terminal_fd = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "samenslim", *args, "--data-dir", str(tmp_path)], env=_env(),
            stdin=terminal_fd if stdin_is_terminal else subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, timeout=60)  # generous for a busy CI; it takes well under a second
    finally:
        os.close(terminal_fd)
        os.close(main_fd)
    assert result.returncode == cli.NO_TERMINAL
    assert result.stdout == ""
    assert "heeft een terminal nodig" in result.stderr and "Traceback" not in result.stderr
    if args == ["sessies"]:
        assert "samenslim sessies --lijst" in result.stderr
    else:
        assert "samenslim serve" in result.stderr
    assert not (tmp_path / "sessies").exists(), "nothing was started"


def test_the_served_app_needs_no_terminal(monkeypatch) -> None:
    """`samenslim serve` starts `python -m samenslim` over pipes with textual-serve's web driver."""
    from samenslim.serve import app_command

    assert app_command(None).split()[-2:] == ["-m", "samenslim"]
    assert cli.terminal_problem(None, environ={"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}) is None
    assert "terminal" in (cli.terminal_problem(None, environ={}) or "")  # pytest's output is no terminal


def test_text_commands_need_no_terminal(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "samenslim", "sessies", "--lijst", "--data-dir", str(tmp_path)],
                            env=_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Nog geen sessies" in result.stderr
