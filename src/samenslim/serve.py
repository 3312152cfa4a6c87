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
import string
import sys
from pathlib import Path
from typing import TextIO

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

WARNING = (
    "LET OP: samenslim luistert op {host}, niet alleen op deze computer.\n"
    "Wie het volledige adres (met het token) kent en deze computer via het netwerk bereikt, kan alle\n"
    "sessies lezen en aanpassen, ook gesprekken over jongeren. Het verkeer is niet versleuteld: wie\n"
    "op het netwerk meekijkt, ziet het adres en de notities. Doe dit alleen op een vertrouwd netwerk\n"
    "en stop de server (ctrl+c) zodra je klaar bent. Zonder --host is samenslim alleen op deze\n"
    "computer bereikbaar."
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
        from samenslim.domain.locations import Locations

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


# -- who may connect ----------------------------------------------------------------------------
#
# Every websocket starts a full samenslim over the user's sessions. Three checks stand before it:
# - a secret token (secrets.token_urlsafe), printed in the address: the page needs `?token=…`, the
#   websocket `/ws/<token>`. Other local users, and web pages in the user's browser, do not know it.
# - the Host header must name this server (its address and port; with --host 0.0.0.0 an IP address
#   or this computer's name): a page on a domain that rebinds its DNS to 127.0.0.1 is refused.
# - the websocket's Origin must be this page's own origin: no cross-site websocket.
# The token is kept out of the access log (replaced by "…"). Static files (textual-serve's script,
# fonts and images) hold nothing private and are served after the Host check alone.

REFUSED = "Geen toegang. Open samenslim met het volledige adres dat 'samenslim serve' toonde (met ?token=…)."
WRONG_HOST = "Geen toegang: dit adres hoort niet bij deze samenslim-server."
WRONG_ORIGIN = "Geen toegang: deze verbinding komt van een andere website."
WS_PREFIX = "/ws/"


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def allowed_host(host_header: str, served_host: str, port: int) -> bool:
    """True when the request's Host names this server: host and port. On loopback only the
    loopback names; on a network address that address, this computer's name or any IP address
    (a DNS-rebinding attack needs a name the attacker controls, never an IP literal)."""
    name, _, given_port = host_header.rpartition(":") if not host_header.endswith("]") else (host_header, "", "")
    if not name and port == 80:  # a browser leaves the default port out
        name, given_port = given_port, "80"
    if not name or not given_port.isdigit() or int(given_port) != port:
        return False
    name = name.strip("[]").lower()
    if is_loopback(served_host):
        return is_loopback(name) and (name == "localhost" or _is_ip(name))
    if _is_ip(name):
        return True
    own = {socket.gethostname().lower(), socket.getfqdn().lower(), "localhost"}
    if not _is_wildcard(served_host):
        own.add(served_host.strip("[]").lower())
    return name in own or name.removesuffix(".local") in own


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


# -- the page ------------------------------------------------------------------------------------
#
# Our own page instead of textual-serve's template: that one loads Google Fonts (fails offline and
# tells a third party the app is in use) and waits for a click before the terminal has the keyboard.
# This page names no host: the font and script come from the server's /static/ (textual-serve ships
# Roboto Mono), the websocket address is the one the browser used. It gives the terminal keyboard
# focus as soon as the app draws, and again whenever the window gets focus back.

FONT_SIZE = 16
FONT_SIZES = range(8, 65)

PAGE = string.Template("""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>$title</title>
<link rel="stylesheet" href="static/css/xterm.css">
<style>
@font-face { font-family: "Roboto Mono"; font-weight: 100 700; font-style: normal;
             src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-weight: 100 700; font-style: italic;
             src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; color: #f2f2f2;
             font-family: "Roboto Mono", "DejaVu Sans Mono", "Liberation Mono", monospace; }
#terminal { position: absolute; inset: 0; }
.melding { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center;
           justify-content: center; gap: 16px; font-size: 18px; z-index: 10; background: #0c181f; }
body.-first-byte #bezig { display: none; }
#gestopt { display: none; }
body.-closed #gestopt { display: flex; }
.textual-terminal { opacity: 0; }
body.-first-byte .textual-terminal { opacity: 1; }
button { padding: 12px 24px; font: inherit; background: #5e0ba7; color: #fff; border: none; cursor: pointer; }
</style>
<script src="static/js/textual.js"></script>
</head>
<body>
<div id="bezig" class="melding"><div>$title wordt gestart…</div></div>
<div id="gestopt" class="melding"><div>De sessie in de browser is gestopt. Alles is bewaard.</div>
<button type="button" onclick="window.location.reload()">Opnieuw starten</button></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="$websocket" data-font-size="$font_size"></div>
<script>
(function () {
  // The terminal takes the keyboard without a click: as soon as the app has drawn, and whenever
  // the window comes back into focus. xterm.js reads keys from its hidden textarea, and tells the
  // app "focus" when that textarea gets it: only over an open websocket, so not before the app
  // drew (the app keeps its footer empty until it hears it has the focus).
  var drawn = false;
  function focusTerminal() {
    var field = document.querySelector("#terminal .xterm-helper-textarea");
    if (!field || !drawn) return;
    if (document.activeElement === field) field.blur();  // a focus event only comes with a change
    field.focus({preventScroll: true});
  }
  new MutationObserver(function () {
    if (!drawn && document.body.classList.contains("-first-byte")) {
      drawn = true;
      focusTerminal();
    }
  }).observe(document.body, {attributes: true, attributeFilter: ["class"]});
  window.addEventListener("focus", function () {
    var field = document.querySelector("#terminal .xterm-helper-textarea");
    if (drawn && document.activeElement !== field) focusTerminal();
  });
})();
</script>
</body>
</html>
""")


def page(title: str, websocket: str, font_size: int) -> str:
    from html import escape

    return PAGE.substitute(title=escape(title), websocket=escape(websocket, quote=True), font_size=font_size)


def font_size_from(query: str | None, default: int) -> int:
    """The page's font size: `?fontsize=` in the address if it is a number, else the server's; 8–64."""
    value = _to_int(query, default) if query is not None else default
    return max(FONT_SIZES.start, min(FONT_SIZES.stop - 1, value))


def make_server(command: str, host: str, port: int, token: str, public_url: str, font_size: int = FONT_SIZE):
    """textual-serve's Server with the token, Host and Origin checks (see above)."""
    import hmac
    import logging

    from aiohttp import web
    from textual_serve.server import Server

    def token_ok(given: str) -> bool:
        return hmac.compare_digest(given.encode(), token.encode())

    def refused(text: str) -> web.Response:
        return web.Response(status=403, text=text + "\n", content_type="text/plain", charset="utf-8")

    @web.middleware
    async def guard(request: web.Request, handler):
        if not allowed_host(request.host, host, port):
            return refused(WRONG_HOST)
        path = request.path
        if path.startswith("/static/"):
            return await handler(request)
        if path.startswith(WS_PREFIX) or path == "/ws":
            if path == "/ws" or not token_ok(path[len(WS_PREFIX):]):
                return refused(REFUSED)
            origin = request.headers.get("Origin")
            if origin is None or origin != f"{request.scheme}://{request.host}":
                return refused(WRONG_ORIGIN)
            return await handler(request)
        if path.startswith("/download/"):
            # The app hands out a random key; the Origin check keeps other sites out all the same.
            origin = request.headers.get("Origin")
            if origin is not None and origin != f"{request.scheme}://{request.host}":
                return refused(WRONG_ORIGIN)
            return await handler(request)
        if not token_ok(request.query.get("token", "")):
            return refused(REFUSED)
        response = await handler(request)
        response.headers["Referrer-Policy"] = "no-referrer"  # the address holds the token
        response.headers["Cache-Control"] = "no-store"
        return response

    class RedactToken(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            message = record.getMessage()
            if token in message:
                record.msg, record.args = message.replace(token, "…"), ()
            return True

    class _Server(Server):
        async def on_startup(self, app) -> None:
            pass  # textual-serve's English banner ("Serving ... Press Ctrl+C to quit"); ours is printed by serve()

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get(WS_PREFIX + "{token}", self.handle_websocket)
            app.middlewares.append(guard)
            return app

        def initialize_logging(self) -> None:
            super().initialize_logging()
            redact = RedactToken()
            for handler in logging.getLogger().handlers:
                handler.addFilter(redact)
            logging.getLogger("aiohttp.access").addFilter(redact)

        async def handle_index(self, request: web.Request) -> web.Response:
            # textual-serve writes an absolute websocket URL into the page, built from --host. With
            # 0.0.0.0 that address is useless to another computer: use the address the browser used
            # (the Host header, checked by guard). The websocket's path carries the token.
            websocket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}{WS_PREFIX}{token}"
            size = font_size_from(request.query.get("fontsize"), font_size)
            return web.Response(text=page(self.title, websocket, size), content_type="text/html", charset="utf-8")

    return _Server(command, host=host.strip("[]") or None,  # type: ignore[arg-type]
                   port=port, title="samenslim", public_url=public_url)


def _to_int(value: str | None, default: int) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, data_dir: str | Path | None = None,
          font_size: int = FONT_SIZE) -> int:
    # Before anything is printed: "Open: http://..." followed by a failure misleads.
    problem = port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    warn_if_exposed(host)
    local_url = _url(DEFAULT_HOST if _is_wildcard(host) else host, port)
    token = new_token()
    # host None: aiohttp (which textual-serve hands it to) listens on every interface.
    server = make_server(app_command(data_dir), host, port, token, local_url, font_size)
    print(f"samenslim draait in de browser. Open: {local_url}/?token={token}", flush=True)
    if _is_wildcard(host):
        print(f"Vanaf een ander apparaat: {_url(socket.gethostname(), port)}/?token={token} "
              "(of met het IP-adres van deze computer)", flush=True)
    print("Het adres bevat een geheime sleutel (token): alleen wie het volledige adres heeft, komt erin. "
          "Deel het niet.", flush=True)
    print("Stoppen: ctrl+c.", flush=True)
    try:
        server.serve()
    except OSError as error:
        from samenslim.domain.oserrors import describe_os_error

        print(f"samenslim serve: kan niet luisteren op {_url(host, port)}: {describe_os_error(error)}",
              file=sys.stderr)
        return 1
    return 0
