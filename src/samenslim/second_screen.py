"""The second screen (F7 in the runner): a small read-only page on 127.0.0.1 for the projector.

The facilitator keeps the runner on the laptop and drags this page to the projector (an extended
desktop, like a presenter view). The page shows what the room may see, sized for a wall, and
follows the runner through server-sent events.

Shape:
- The server runs in a thread of its own with its own asyncio loop (aiohttp, already installed
  with textual-serve), so it keeps serving whatever the app's screen shows (spiekbriefjes, help,
  a dialog). The app feeds it snapshots with `publish(RoomView)`; the server keeps only the latest
  and knows nothing else of the session: what the room must not see never reaches this thread.
- One page (HTML, CSS and script inline, written here: no framework, nothing loaded from elsewhere,
  a Content-Security-Policy that allows nothing but this server) and one event stream.
- Server-sent events written directly on aiohttp's StreamResponse (a few lines; no extra package).
  The browser's EventSource reconnects by itself; the stream sends the latest view on connect.
- Who may look: the address carries a random token (secrets.token_urlsafe, compared with
  hmac.compare_digest); the Host header must be 127.0.0.1:port or localhost:port (no DNS
  rebinding); a request with another site's Origin, or marked cross-site by the browser, is refused.
  The token never lands in a log (no access log).

aiohttp is imported only when the second screen starts, so the app's start-up stays quick.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from samenslim.serve import allowed_host

if TYPE_CHECKING:
    from aiohttp import web

    from samenslim.domain.room_view import RoomView

HOST = "127.0.0.1"
REFUSED = "Geen toegang. Open het tweede scherm met het volledige adres dat samenslim toont (met ?token=…)."
WRONG_HOST = "Geen toegang: dit adres hoort niet bij het tweede scherm van samenslim."
WRONG_ORIGIN = "Geen toegang: dit verzoek komt van een andere website."
NOT_FOUND = "Niet gevonden."
KEEPALIVE_SECONDS = 15.0  # a comment line on a quiet stream, so a closed page is noticed


class SecondScreen:
    """The page's server: start() in a thread, publish() from the app, stop() at the end."""

    def __init__(self, *, port: int = 0, token: str | None = None,
                 stamp: Callable[[], float] = time.time) -> None:
        self.token = token or secrets.token_urlsafe(24)
        self._port = port
        self._stamp = stamp  # when a view was published, sent along so the page's lag can be measured
        self._latest: str | None = None  # the last event's data (JSON)
        self._version = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None  # set (and replaced) whenever the view changes
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stopping: asyncio.Event | None = None
        self._streams: set[asyncio.Event] = set()  # one per open stream, set when it has closed
        self._ended = False
        self._published: RoomView | None = None  # the view sent last
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/?token={self.token}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._error is None

    # -- the app's side ------------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> str:
        """Listen on 127.0.0.1 (a free port unless one was given); returns the address with its
        token. Raises OSError when it cannot listen."""
        self._thread = threading.Thread(target=self._run, name="samenslim-tweede-scherm", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise OSError("het tweede scherm startte niet op tijd")
        if self._error is not None:
            error = self._error
            raise error if isinstance(error, OSError) else OSError(str(error))
        return self.url

    def publish(self, view: RoomView) -> None:
        """Hand the server a new view (from any thread); pages connected get it at once."""
        data = json.dumps({"t": self._stamp(), "view": view.as_dict()}, ensure_ascii=False, separators=(",", ":"))
        loop = self._loop
        if loop is None or loop.is_closed():
            self._latest = data
            return
        try:
            loop.call_soon_threadsafe(self._set_latest, data)
        except RuntimeError:
            pass  # the loop is closing

    def stop(self, timeout: float = 5.0) -> None:
        """Tell the open pages the session ended, close them and stop listening."""
        loop, thread = self._loop, self._thread
        if loop is not None and self._stopping is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._stopping.set)
            except RuntimeError:
                pass
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    # -- the server's thread ---------------------------------------------------------------------
    def _set_latest(self, data: str) -> None:
        if data == self._latest:
            return
        self._latest = data
        self._version += 1
        self._wake()

    def _wake(self) -> None:
        """Every stream waits on the current event; a change sets it and lays a fresh one."""
        if self._changed is not None:
            changed, self._changed = self._changed, asyncio.Event()
            changed.set()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(loop))
        except BaseException as error:  # noqa: BLE001 - reported to start(), else the thread ends quietly
            self._error = error
            self._ready.set()
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()

    async def _serve(self, loop: asyncio.AbstractEventLoop) -> None:
        from aiohttp import web

        self._changed = asyncio.Event()
        self._stopping = asyncio.Event()
        app = web.Application(middlewares=[self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/stroom", self._stream)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, HOST, self._port, reuse_address=True)
            await site.start()
            self.port = int(runner.addresses[0][1])
            self._loop = loop
            self._ready.set()
            await self._stopping.wait()
            self._ended = True
            self._wake()
            streams = list(self._streams)
            if streams:  # each writes its last event ('einde') and closes
                await asyncio.wait([asyncio.ensure_future(done.wait()) for done in streams], timeout=1.0)
        finally:
            await runner.cleanup()

    # -- who may look ----------------------------------------------------------------------------
    def _token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    @staticmethod
    def _refused(text: str, status: int = 403) -> web.Response:
        from aiohttp import web

        return web.Response(status=status, text=text + "\n", content_type="text/plain", charset="utf-8",
                            headers={"Cache-Control": "no-store"})

    async def _guard_impl(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not allowed_host(request.host, HOST, self.port):
            return self._refused(WRONG_HOST)
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            return self._refused(WRONG_ORIGIN)
        if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return self._refused(WRONG_ORIGIN)
        if request.path not in ("/", "/stroom"):
            return self._refused(NOT_FOUND, 404)
        if not self._token_ok(request.query.get("token", "")):
            return self._refused(REFUSED)
        response: web.StreamResponse = await handler(request)
        return response

    @property
    def _guard(self) -> Any:
        from aiohttp import web

        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            return await self._guard_impl(request, handler)
        return guard

    # -- the page and its stream -----------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.Response:
        from aiohttp import web

        nonce = secrets.token_urlsafe(16)
        policy = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
                  "connect-src 'self'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'; "
                  "frame-ancestors 'none'")
        return web.Response(text=PAGE.replace("{nonce}", nonce), content_type="text/html", charset="utf-8",
                            headers={"Content-Security-Policy": policy, "Referrer-Policy": "no-referrer",
                                     "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        response = web.StreamResponse(headers={
            "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store",
            "X-Accel-Buffering": "no", "Referrer-Policy": "no-referrer"})
        await response.prepare(request)
        finished = asyncio.Event()
        self._streams.add(finished)
        try:
            await response.write(b"retry: 1000\n\n")
            sent = -1
            while True:
                changed = self._changed
                assert changed is not None
                if self._ended:
                    await response.write(b"event: einde\ndata: {}\n\n")
                    break
                if sent != self._version and self._latest is not None:
                    sent = self._version
                    await response.write(f"data: {self._latest}\n\n".encode())
                    continue
                try:
                    await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    await response.write(b": nog hier\n\n")
        except ConnectionResetError:
            pass  # the page went away
        finally:
            self._streams.discard(finished)
            finished.set()
        return response


PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>samenslim · tweede scherm</title>
<style nonce="{nonce}">
  :root { color-scheme: dark; --fg: #ffffff; --dim: #c8c8c8; --bg: #000000; --accent: #7fd4ff;
          --warn: #ffd000; --alarm: #ff4d4d; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg);
               font-family: system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
  body { display: flex; flex-direction: column; height: 100vh; padding: 2vh 4vw; overflow: hidden; }
  #waar { font-size: clamp(16px, 2.6vh, 48px); color: var(--dim); display: flex; justify-content: space-between;
          gap: 2vw; }
  #agenda { font-size: clamp(14px, 2.2vh, 40px); color: var(--dim); margin-top: 0.6vh; }
  #agenda .nu { color: var(--fg); font-weight: 700; text-decoration: underline; }
  #agenda .klaar { color: var(--dim); }
  #vragen { flex: 1 1 auto; display: flex; flex-direction: column; justify-content: center; min-height: 0;
            font-weight: 700; font-size: clamp(22px, 6.5vh, 150px); line-height: 1.2; text-align: center;
            overflow: hidden; }
  #vragen.lang { font-size: clamp(18px, 4.6vh, 110px); }
  #vragen.heel-lang { font-size: clamp(16px, 3.2vh, 72px); }
  #vragen p { margin: 0.4em 0; }
  #klok { text-align: center; }
  #tijd { font-size: clamp(80px, 24vh, 600px); line-height: 1; font-weight: 800;
          font-variant-numeric: tabular-nums; letter-spacing: 0.02em; }
  #status { font-size: clamp(18px, 3.4vh, 72px); font-weight: 700; margin-top: 0.5vh; }
  body.let-op #tijd, body.let-op #status { color: var(--warn); }
  body.bijna #tijd, body.bijna #status { color: var(--alarm); }
  body.over #klok { background: var(--alarm); color: #000; border-radius: 1vh; padding-bottom: 1vh; }
  body.over #tijd, body.over #status { color: #000; }
  body.over #status { font-size: clamp(22px, 4.6vh, 100px); }
  body.gepauzeerd #tijd { color: var(--dim); }
  #sprekers { display: flex; justify-content: center; gap: 6vw; margin-top: 1.5vh; align-items: baseline;
              font-size: clamp(18px, 4vh, 96px); }
  #spreker { color: var(--accent); font-weight: 700; }
  #spreker.te-lang { color: var(--alarm); }
  #volgende { color: var(--dim); }
  #verbinding { position: fixed; right: 1vw; bottom: 1vh; font-size: clamp(12px, 1.6vh, 28px); color: var(--dim); }
  .leeg { display: none; }
</style>
</head>
<body class="ruim">
<div id="waar"><span id="werkvorm"></span><span id="stap"></span></div>
<div id="agenda" class="leeg"></div>
<div id="vragen"><p>Verbinden met samenslim…</p></div>
<div id="klok"><div id="tijd">--:--</div><div id="status"></div></div>
<div id="sprekers"><span id="spreker"></span><span id="volgende"></span></div>
<div id="verbinding"></div>
<script nonce="{nonce}">
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  function text(id, value) { const node = $(id); node.textContent = value || ""; node.classList.toggle("leeg", !value); }
  function show(view) {
    text("werkvorm", view.werkvorm);
    text("stap", view.stap + " · stap " + view.stap_nummer + " van " + view.stappen);
    const vragen = $("vragen");
    vragen.replaceChildren(...view.vragen.map((vraag) => { const p = document.createElement("p"); p.textContent = vraag; return p; }));
    const length = view.vragen.join(" ").length;
    vragen.classList.toggle("lang", length > 140 && length <= 320);
    vragen.classList.toggle("heel-lang", length > 320);
    $("tijd").textContent = view.tijd;
    $("status").textContent = view.over_tijd ? view.tijd_status.replace("OVER TIJD:", "OVER TIJD ·") : view.tijd_status;
    document.body.className = view.niveau + (view.loopt ? "" : " gepauzeerd");
    text("spreker", view.spreker ? (view.volgende || view.spreektijd ? "Aan de beurt: " : "") + view.spreker
                                   + (view.spreektijd ? " · " + view.spreektijd : "") : "");
    $("spreker").classList.toggle("te-lang", !!view.spreker_te_lang);
    text("volgende", view.volgende ? "Daarna: " + view.volgende : "");
    const agenda = $("agenda");
    agenda.replaceChildren(...view.agenda.map((punt, index) => {
      const span = document.createElement("span");
      span.className = punt.stand;
      span.textContent = (index ? "  →  " : "Agenda: ") + (punt.stand === "klaar" ? "✓ " : "") + punt.titel;
      return span;
    }));
    agenda.classList.toggle("leeg", view.agenda.length === 0);
  }
  const source = new EventSource("stroom" + window.location.search);
  window.__tweedeScherm = {received: []};
  source.onmessage = (event) => {
    const message = JSON.parse(event.data);
    window.__tweedeScherm.received.push({t: message.t, at: Date.now() / 1000});
    if (window.__tweedeScherm.received.length > 100) window.__tweedeScherm.received.shift();
    show(message.view);
    $("verbinding").textContent = "";
  };
  source.addEventListener("einde", () => {
    source.close();
    $("verbinding").textContent = "De sessie is gesloten; dit scherm volgt niet meer.";
  });
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) $("verbinding").textContent = "Verbinding kwijt, opnieuw verbinden…";
  };
})();
</script>
</body>
</html>
"""


def notice(url: str, opened: bool) -> str:
    """What the facilitator reads after F7: where the page is and how to put it on the projector."""
    return (f"{url}\n" + ("Geopend in de browser. " if opened else "Open dit adres in een browser op deze computer. ")
            + "Sleep het venster naar de beamer en zet het op volledig scherm (F11). "
            "Het adres blijft bij de sessie-info staan; F7 toont het opnieuw.")


def open_in_browser(url: str) -> bool:
    """Open the page in the default graphical browser, in the background; False when there is none
    (no desktop, or only a text browser that would take over the terminal samenslim runs in).
    Tests replace or skip this: the runner never calls it in a headless app."""
    import os
    import sys
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.UnixBrowser) and not browser.background:
        return False  # a console browser (lynx, w3m, elinks)
    if type(browser) is webbrowser.GenericBrowser:
        return False  # runs in the foreground: possibly a console browser
    threading.Thread(target=browser.open, args=(url,), kwargs={"new": 1}, daemon=True,
                     name="samenslim-browser").start()
    return True
