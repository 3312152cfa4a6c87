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
            stdin=terminal_fd if stdin_is_terminal else subprocess.DEVNULL, capture_output=True,
            text=True, timeout=60)  # generous for a busy CI; it takes well under a second
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


def test_serve_on_a_taken_port_says_so_before_anything_else(monkeypatch, tmp_path, capsys) -> None:
    from textual_serve.server import Server

    served = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: served.append(self.port))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port), "--data-dir", str(tmp_path)]) == 1
        out, err = capsys.readouterr()
    assert out == "", "no 'Open: http://...' for a server that cannot start"
    assert f"poort {port} is al in gebruik" in err and "samenslim serve --port " in err
    suggested = int(err.rsplit("--port ", 1)[1].split()[0])
    assert suggested != port
    assert served == []


def test_serve_on_a_free_port_starts(monkeypatch, tmp_path, capsys) -> None:
    from textual_serve.server import Server

    served = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: served.append(self.port))
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert cli.main(["serve", "--port", str(port), "--data-dir", str(tmp_path)]) == 0
    assert f"http://127.0.0.1:{port}" in capsys.readouterr().out
    assert served == [port]
