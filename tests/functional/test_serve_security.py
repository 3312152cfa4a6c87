"""`samenslim serve` lets no stranger in: without the secret token there is no page and no websocket
(so no samenslim over the user's data), a websocket from another site is refused, and so is any
Host header that does not name this server (DNS rebinding). The token stays out of the log.

The server here is the one `samenslim serve` runs (serve.make_server), on a free loopback port,
talked to with plain HTTP and aiohttp's websocket client, as a browser or another local user would.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
import shlex
import socket
import sys
import threading
from collections.abc import Iterator

import pytest
from aiohttp import ClientSession, WSServerHandshakeError, web

from samenslim.cli import main
from samenslim.serve import REFUSED, WRONG_HOST, WRONG_ORIGIN, allowed_host, make_server, new_token

# The app a websocket starts: a stand-in that only proves it was started (no samenslim needed here).
STAND_IN = shlex.join([sys.executable, "-c", "import sys, time; sys.stdout.write('x'); sys.stdout.flush(); time.sleep(5)"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Running:
    def __init__(self, port: int, token: str, server) -> None:
        self.port, self.token, self.server = port, token, server
        self.host = f"127.0.0.1:{port}"

    def get(self, path: str, **headers: str) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": self.host, **headers})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
        finally:
            connection.close()

    def websocket(self, path: str, **headers: str) -> int:
        """The status of a websocket handshake: 101 when it opened."""
        async def attempt() -> int:
            async with ClientSession() as session:
                try:
                    async with session.ws_connect(f"ws://127.0.0.1:{self.port}{path}", headers=headers) as ws:
                        await ws.close()
                        return 101
                except WSServerHandshakeError as error:
                    return error.status

        return asyncio.run(attempt())


@pytest.fixture
def running() -> Iterator[Running]:
    """The guarded aiohttp app of `samenslim serve`, on its own event loop in a thread."""
    port, token = free_port(), new_token()
    server = make_server(STAND_IN, "127.0.0.1", port, token, f"http://127.0.0.1:{port}")
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state: dict = {}

    async def start() -> None:
        runner = web.AppRunner(await server._make_app())
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        state["runner"] = runner
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    assert started.wait(30), "the server did not start"
    try:
        yield Running(port, token, server)
    finally:
        asyncio.run_coroutine_threadsafe(state["runner"].cleanup(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


def test_the_page_needs_the_token(running: Running) -> None:
    status, body, _ = running.get("/")
    assert status == 403 and REFUSED in body
    status, body, _ = running.get("/?token=raden")
    assert status == 403 and REFUSED in body
    status, body, headers = running.get(f"/?token={running.token}")
    assert status == 200 and "<title>samenslim</title>" in body
    # The page's websocket carries the token in its path; the address is never sent on as a referrer.
    assert f'data-session-websocket-url="ws://{running.host}/ws/{running.token}"' in body
    assert headers["Referrer-Policy"] == "no-referrer"


def test_the_websocket_needs_the_token_and_this_pages_origin(running: Running) -> None:
    origin = f"http://{running.host}"
    assert running.websocket("/ws", Origin=origin) == 403, "textual-serve's own route is closed"
    assert running.websocket("/ws/raden", Origin=origin) == 403
    assert running.websocket(f"/ws/{running.token}", Origin="http://evil.example") == 403
    assert running.websocket(f"/ws/{running.token}", Origin="null") == 403
    assert running.websocket(f"/ws/{running.token}") == 403, "a browser always sends Origin"
    assert running.websocket(f"/ws/{running.token}", Origin=origin) == 101


def test_a_cross_site_websocket_is_refused_with_a_dutch_text(running: Running) -> None:
    status, body, _ = running.get(f"/ws/{running.token}", Origin="http://evil.example", Upgrade="websocket",
                                  Connection="Upgrade", **{"Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                                                           "Sec-WebSocket-Version": "13"})
    assert status == 403 and body.strip() == WRONG_ORIGIN


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "localhost.evil.example:{port}",
                                  "192.168.1.20:{port}", ""])
def test_a_foreign_host_header_is_refused(running: Running, host: str) -> None:
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends its own Host."""
    status, body, _ = running.get(f"/?token={running.token}", Host=host.format(port=running.port))
    assert status == 403 and WRONG_HOST in body
    status, _, _ = running.get("/static/js/textual.js", Host=host.format(port=running.port))
    assert status == 403


def test_loopback_names_are_this_server(running: Running) -> None:
    for host in (f"localhost:{running.port}", f"127.0.0.1:{running.port}"):
        status, body, _ = running.get(f"/?token={running.token}", Host=host)
        assert status == 200 and f"ws://{host}/ws/" in body


def test_hosts_on_the_network() -> None:
    assert allowed_host("192.168.1.20:8000", "0.0.0.0", 8000)  # an IP address cannot be rebound
    assert allowed_host(f"{socket.gethostname()}:8000", "0.0.0.0", 8000)
    assert not allowed_host("evil.example:8000", "0.0.0.0", 8000)
    assert not allowed_host("192.168.1.20:8001", "0.0.0.0", 8000)
    assert allowed_host("laptop.lan:8000", "laptop.lan", 8000)
    assert not allowed_host("192.168.1.20:8000", "127.0.0.1", 8000), "loopback serves loopback names only"


def test_the_token_stays_out_of_the_log(running: Running, caplog) -> None:
    root, access = logging.getLogger(), logging.getLogger("aiohttp.access")
    before = (list(root.handlers), list(access.filters), root.level)
    running.server.initialize_logging()  # what serve() does: adds the filter that hides the token
    try:
        with caplog.at_level(logging.INFO, logger="aiohttp.access"):
            assert running.get(f"/?token={running.token}")[0] == 200
            assert running.get("/?token=raden")[0] == 403
    finally:
        root.handlers[:], access.filters[:] = before[0], before[1]
        root.setLevel(before[2])
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "GET /?token=" in logged, "the access log still logs requests"
    assert running.token not in logged


def test_serve_prints_an_address_with_a_fresh_token(monkeypatch, tmp_path, capsys) -> None:
    from textual_serve.server import Server

    monkeypatch.setattr(Server, "serve", lambda self, debug=False: None)
    monkeypatch.setattr("samenslim.serve.port_problem", lambda host, port: None)  # 8123 may be taken on CI
    tokens = []
    for _ in range(2):
        assert main(["serve", "--port", "8123", "--data-dir", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        line = next(line for line in out.splitlines() if "Open: " in line)
        url = line.split("Open: ")[1]
        assert url.startswith("http://127.0.0.1:8123/?token=")
        tokens.append(url.split("token=")[1])
    assert tokens[0] != tokens[1] and len(tokens[0]) >= 30
