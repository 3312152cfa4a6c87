"""`samenslim serve`: the same app in a web browser, through textual-serve.

Each browser tab that opens the page starts its own `python -m samenslim` child process; the
server only relays the terminal. The child gets the same data folder as `samenslim` in a terminal
would use: the --data-dir given here (made absolute), or else nothing, so it resolves
SAMENSLIM_DATA_DIR or the platformdirs folder exactly as the terminal app does.

textual-serve is imported only when serving, so the other commands stay quick.
"""

from __future__ import annotations

import errno
import ipaddress
import os
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
    "niet versleuteld. Doe dit alleen op een vertrouwd netwerk en stop de server (Ctrl+C) zodra\n"
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


def _bind_error(host: str, port: int) -> OSError | None:
    """Why the server could not listen on host:port now (the error of a trial bind), or None.
    Only 'in use' and 'no permission' count: anything else (no IPv6 here, say) the server reports itself."""
    try:
        addresses = socket.getaddrinfo(host.strip("[]") or None, port, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        return None  # the server says that the host cannot be found
    for family, kind, proto, _name, address in addresses:
        try:
            with socket.socket(family, kind, proto) as probe:
                if os.name == "posix":  # as aiohttp does: a port in TIME_WAIT is free
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                probe.bind(address)
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)):
                return error
    return None


def port_problem(host: str, port: int) -> str | None:
    """A Dutch message when samenslim cannot listen on this port, naming a free one to try; else None."""
    error = _bind_error(host, port)
    if error is None:
        return None
    free = next((other for other in range(port + 1, min(port + 50, 65536)) if _bind_error(host, other) is None), None)
    advice = (f"Probeer een andere poort, bijvoorbeeld: samenslim serve --port {free}" if free is not None
              else "Probeer een andere poort met --port.")
    if error.errno == errno.EACCES:
        return (f"samenslim serve: geen toestemming om op poort {port} te luisteren (poorten onder 1024 zijn vaak "
                f"voorbehouden). {advice}")
    return (f"samenslim serve: poort {port} is al in gebruik (draait samenslim serve al, of een ander programma?). "
            f"{advice}")


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, data_dir: str | Path | None = None) -> int:
    from textual_serve.server import Server

    class _Server(Server):
        async def handle_index(self, request):
            # textual-serve writes an absolute websocket URL into the page, built from --host. With
            # 0.0.0.0 that address is useless to another computer: use the address the browser used.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    # Before anything is printed: "Open: http://..." followed by a failure misleads.
    problem = port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    warn_if_exposed(host)
    local_url = _url(DEFAULT_HOST if _is_wildcard(host) else host, port)
    # host None: aiohttp (which textual-serve hands it to) listens on every interface.
    server = _Server(app_command(data_dir), host=host.strip("[]") or None,  # type: ignore[arg-type]
                     port=port, title="samenslim", public_url=local_url)
    print(f"samenslim draait in de browser. Open: {local_url}", flush=True)
    if _is_wildcard(host):
        print(f"Vanaf een ander apparaat: {_url(socket.gethostname(), port)} (of het IP-adres van deze computer)",
              flush=True)
    print("Stoppen: Ctrl+C.", flush=True)
    try:
        server.serve()
    except OSError as error:
        print(f"samenslim serve: kan niet luisteren op {_url(host, port)}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0
