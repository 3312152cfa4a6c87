"""`samenslim serve`: the same app in a web browser, through textual-serve.

Each browser tab that opens the page starts its own `python -m samenslim` child process; the
server only relays the terminal. The child gets the same data folder as `samenslim` in a terminal
would use: the --data-dir given here (made absolute), or else nothing, so it resolves
SAMENSLIM_DATA_DIR or the platformdirs folder exactly as the terminal app does.

textual-serve is imported only when serving, so the other commands stay quick.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from pathlib import Path
from typing import TextIO

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

WARNING = (
    "LET OP: samenslim luistert op {host}, niet alleen op deze computer.\n"
    "Iedereen die deze computer via het netwerk kan bereiken, kan de app openen en alle sessies\n"
    "lezen en aanpassen, ook gesprekken over jongeren. Er is geen wachtwoord en het verkeer is\n"
    "niet versleuteld. Doe dit alleen op een vertrouwd netwerk en stop de server (ctrl+c) zodra\n"
    "je klaar bent. Zonder --host is samenslim alleen op deze computer bereikbaar."
)


def is_loopback(host: str) -> bool:
    """True only for addresses that never leave this computer (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or '' (every interface): assume the network can reach it


def warn_if_exposed(host: str, stream: TextIO | None = None) -> bool:
    """Print the Dutch warning to stderr when `host` is reachable from the network; True if so."""
    if is_loopback(host):
        return False
    print(WARNING.format(host=host or "alle netwerkadressen"), file=stream or sys.stderr, flush=True)
    return True


def app_command(data_dir: str | Path | None) -> str:
    """The shell command textual-serve runs for every browser tab."""
    args = [sys.executable, "-m", "samenslim"]
    if data_dir:
        from samenslim.locations import Locations

        args += ["--data-dir", str(Locations.resolve(data_dir).data_dir.resolve())]
    return shlex.join(args)


def _url(host: str, port: int) -> str:
    if ":" in host:  # IPv6 literal
        host = f"[{host.strip('[]')}]"
    return f"http://{host}:{port}"


def _is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::", "[::]")


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, data_dir: str | Path | None = None) -> int:
    from textual_serve.server import Server

    class _Server(Server):
        async def handle_index(self, request):
            # textual-serve writes an absolute websocket URL into the page, built from --host. With
            # 0.0.0.0 that address is useless to another computer: use the address the browser used.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def on_startup(self, app) -> None:
            pass  # textual-serve's English banner ("Serving ... Press Ctrl+C to quit"); ours is printed below

    warn_if_exposed(host)
    local_url = _url(DEFAULT_HOST if _is_wildcard(host) else host, port)
    # host None: aiohttp (which textual-serve hands it to) listens on every interface.
    server = _Server(app_command(data_dir), host=host.strip("[]") or None,  # type: ignore[arg-type]
                     port=port, title="samenslim", public_url=local_url)
    print(f"samenslim draait in de browser. Open: {local_url}", flush=True)
    if _is_wildcard(host):
        print(f"Vanaf een ander apparaat: {_url(socket.gethostname(), port)} (of het IP-adres van deze computer)",
              flush=True)
    print("Stoppen: ctrl+c.", flush=True)
    try:
        server.serve()
    except OSError as error:
        print(f"samenslim serve: kan niet luisteren op {_url(host, port)}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0
