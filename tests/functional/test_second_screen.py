"""The second screen (F7): a read-only page for the projector, served on 127.0.0.1 with a token.

Three layers, as a facilitator and an intruder would meet them:
- the server alone (plain HTTP): without the token, with another Host or another site's Origin it
  answers 403 in Dutch and shows nothing of the session;
- the app driven by the Pilot with an event-stream reader on the side: F7 starts it, the room's
  view follows the runner (also under the spiekbriefjes), a typed note never goes down the stream,
  and leaving the session ends it;
- the page in headless Chromium at 1920×1080: the question, a timer at least a fifth of the window
  high, the speaker moving on, no note in the page, nothing without the token.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import threading
from pathlib import Path

import pytest

from samenslim.domain.room_view import RoomView
from samenslim.second_screen import SecondScreen
from tests.conftest import fill_setup, open_werkvorm, wait_for, widget_text
from tests.functional.test_serve import BROWSER_FLAGS, chromium_paths, png_size  # noqa: F401 - a fixture

NOTE = "Jesse slaapt al weken slecht"  # a note about a young person: it must never reach the room


def a_view(**changes) -> RoomView:
    fields = dict(werkvorm="Check-in", stap="Rondje", stap_nummer=2, stappen=2, vragen=("Hoe kom je binnen?",),
                  tijd="04:59", tijd_status="loopt", niveau="ruim", over_tijd=False, loopt=True, spreker="Anna",
                  volgende="Bram")
    fields.update(changes)
    return RoomView(**fields)


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode(), dict(response.getheaders())
    finally:
        connection.close()


class StreamReader:
    """Reads the event stream in a thread, as a page would: every `data:` line, parsed."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.request("GET", f"/stroom?token={token}")
        self.response = self.connection.getresponse()
        assert self.response.status == 200, self.response.status
        self.raw: list[str] = []
        self.views: list[dict] = []
        self.ended = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            while True:
                line = self.response.readline()
                if not line:
                    break
                text = line.decode()
                self.raw.append(text)
                if text.startswith("data: ") and text.strip() != "data: {}":
                    self.views.append(json.loads(text[6:])["view"])
                if text.startswith("event: einde"):
                    self.ended.set()
        except OSError:
            pass
        finally:
            self.ended.set()

    @property
    def latest(self) -> dict:
        return self.views[-1] if self.views else {}

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def server():
    screen = SecondScreen()
    screen.start()
    screen.publish(a_view())
    yield screen
    screen.stop()


# --- the server alone -------------------------------------------------------------------------------

def test_the_page_and_stream_need_the_token(server) -> None:
    port, token = server.port, server.token
    for path in ("/", "/?token=", f"/?token={token[:-1]}x", "/stroom", f"/stroom?token={token.upper()}x",
                 f"/elders?token={token}"):
        status, body, headers = get(port, path)
        assert status in (403, 404), path
        assert "Hoe kom je binnen" not in body and "Anna" not in body, path
    status, body, _ = get(port, "/")
    assert status == 403 and "Geen toegang" in body and "met het volledige adres" in body

    status, body, headers = get(port, f"/?token={token}")
    assert status == 200 and "<title>samenslim · tweede scherm</title>" in body
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"
    for outside in ("http://", "https://", "//fonts", "@import", "src="):
        assert outside not in body, f"the page loads something from elsewhere: {outside}"


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "localhost", "192.168.1.20:{port}",
                                  "rebind.example"])
def test_another_host_is_refused(server, host) -> None:
    status, body, _ = get(server.port, f"/?token={server.token}", {"Host": host.format(port=server.port)})
    assert status == 403 and "hoort niet bij het tweede scherm" in body
    status, body, _ = get(server.port, f"/stroom?token={server.token}", {"Host": host.format(port=server.port)})
    assert status == 403 and "Anna" not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_its_own_names_are_let_in(server, host) -> None:
    status, _, _ = get(server.port, f"/?token={server.token}", {"Host": host.format(port=server.port)})
    assert status == 200


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_another_site_is_refused(server, headers) -> None:
    for path in ("/", "/stroom"):
        status, body, _ = get(server.port, f"{path}?token={server.token}", headers)
        assert status == 403 and "andere website" in body and "Anna" not in body


def test_the_stream_sends_the_latest_view_and_ends_with_the_server() -> None:
    server = SecondScreen()
    server.start()
    try:
        server.publish(a_view())
        reader = StreamReader(server.port, server.token)
        assert reader.thread.is_alive()
        for _ in range(200):
            if reader.views:
                break
            reader.ended.wait(0.05)
        assert reader.latest["spreker"] == "Anna"
        server.publish(a_view(spreker="Bram", volgende=None, tijd="04:58"))
        reader.ended.wait(0)
        for _ in range(200):
            if reader.latest.get("spreker") == "Bram":
                break
            reader.ended.wait(0.05)
        assert reader.latest["tijd"] == "04:58"
    finally:
        server.stop()
    assert reader.ended.wait(10), "the page is told the session ended"
    assert any(line.startswith("event: einde") for line in reader.raw)
    with pytest.raises(OSError):
        get(server.port, f"/?token={server.token}")


# --- the app ----------------------------------------------------------------------------------------

async def start_round(pilot, clock) -> str:
    """Check-in for Anna, Bram and Chris: draw the card, start the timer, go to the round."""
    await open_werkvorm(pilot, "check")
    await fill_setup(pilot, participants="Anna; Bram; Chris")
    await pilot.press("ctrl+r")
    await pilot.pause()
    card = pilot.app.screen.step.vastgelegd["kaart"]
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    return card


async def press_f7(pilot) -> SecondScreen:
    runner = pilot.app.screen
    await pilot.press("f7")
    await wait_for(pilot, lambda: runner.second_screen is not None, "F7 starts the second screen")
    server = runner.second_screen
    await wait_for(pilot, lambda: server.url in widget_text(pilot.app, "#side-info"), "the address is on screen")
    return server


async def test_f7_shows_the_room_what_the_runner_shows_and_never_a_note(make_app, clock, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("samenslim.second_screen.open_in_browser", opened.append)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        card = await start_round(pilot, clock)
        runner = app.screen
        server = await press_f7(pilot)
        assert opened == [], "a test (a headless app) never opens a browser"
        assert server.url.startswith("http://127.0.0.1:") and f"?token={server.token}" in server.url
        assert any(server.url in str(n.message) for n in app._notifications), "the address is told"
        reader = StreamReader(server.port, server.token)
        try:
            await wait_for(pilot, lambda: reader.latest.get("spreker") == "Anna", "the page gets the round")
            view = reader.latest
            assert view["vragen"] == [card] and view["volgende"] == "Bram" and view["werkvorm"] == "Check-in"
            from samenslim.domain.timer import format_clock

            assert view["tijd"] == format_clock(runner.step.geplande_seconden) and view["loopt"], view

            # The note is typed and confirmed: the turn moves on, the page follows, the note stays here.
            await pilot.press(*NOTE)
            await pilot.pause()
            assert NOTE in runner.step.concepten.get("turn-input", ""), "typed and kept as a draft"
            await pilot.press("enter")
            await wait_for(pilot, lambda: reader.latest.get("spreker") == "Bram", "the speaker moves on")
            assert reader.latest["volgende"] == "Chris"
            assert runner.step.vastgelegd["beurten"][0]["tekst"] == NOTE

            # The facilitator looks at a spiekbriefje: the room's clock goes on.
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is not runner, "the spiekbriefjes open")
            shown = reader.latest["tijd"]
            clock.advance(61)
            await wait_for(pilot, lambda: reader.latest["tijd"] != shown, "the page's timer moves under the spiekbriefje")
            clock.advance(600)
            await wait_for(pilot, lambda: reader.latest["over_tijd"], "overtime reaches the page")
            assert "OVER TIJD" in reader.latest["tijd_status"] and reader.latest["niveau"] == "over"
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is runner, "back in the runner")

            # F7 again shows the address again; it does not start a second server.
            await pilot.press("f7")
            await pilot.pause()
            assert runner.second_screen is server

            stream = "".join(reader.raw)
            assert NOTE not in stream and "Jesse" not in stream
            # Leaving the session stops the page's server.
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("tab", "enter")
            await wait_for(pilot, lambda: reader.ended.is_set(), "the page hears that the session ended")
            assert runner.second_screen is None
        finally:
            reader.close()
    with pytest.raises(OSError):
        get(server.port, f"/?token={server.token}")


# --- the page in a browser --------------------------------------------------------------------------

PAGE_STATE = """
const box = (id) => document.getElementById(id).getBoundingClientRect();
return {question: document.getElementById("vragen").innerText, speaker: document.getElementById("spreker").innerText,
        next: document.getElementById("volgende").innerText, time: document.getElementById("tijd").innerText,
        status: document.getElementById("status").innerText, timerHeight: box("tijd").height,
        height: window.innerHeight, width: window.innerWidth, body: document.body.innerText,
        level: document.body.className, received: (window.__tweedeScherm || {received: []}).received};
"""


def browser(paths: tuple[str, str], logs: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = paths
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in BROWSER_FLAGS:
        options.add_argument("--window-size=1920,1080" if flag.startswith("--window-size") else flag)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    driver = webdriver.Chrome(options=options, service=Service(chromedriver, log_output=str(logs / "driver.log")))
    driver.set_page_load_timeout(20)
    # The page's own size (the viewport), as on a projector at full screen (F11): 1920×1080.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    return driver


def keep_screenshot(driver, shot: Path, state: dict) -> None:
    """A screenshot of the page at its full size; SAMENSLIM_SCREENSHOT_DIR keeps a copy to look at."""
    assert driver.save_screenshot(str(shot))
    assert png_size(shot) == (state["width"], state["height"])
    if os.environ.get("SAMENSLIM_SCREENSHOT_DIR"):
        import shutil

        shutil.copy(shot, Path(os.environ["SAMENSLIM_SCREENSHOT_DIR"]) / shot.name)


async def test_the_page_on_the_wall(make_app, clock, chromium_paths, tmp_path, monkeypatch) -> None:  # noqa: F811
    from selenium.webdriver.support.ui import WebDriverWait

    monkeypatch.setattr("samenslim.second_screen.open_in_browser", lambda url: pytest.fail("no browser in tests"))
    driver = await asyncio.to_thread(browser, chromium_paths, tmp_path)
    try:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            card = await start_round(pilot, clock)
            runner = app.screen
            server = await press_f7(pilot)

            async def until(condition, what: str) -> dict:
                """Wait in a thread (the app goes on running) until the page's state meets the condition."""
                def check(d):
                    state = d.execute_script(PAGE_STATE)
                    return state if condition(state) else False
                try:
                    return await asyncio.to_thread(WebDriverWait(driver, 30, poll_frequency=0.1).until, check)
                except Exception as error:
                    state = driver.execute_script(PAGE_STATE)
                    raise AssertionError(f"the page never showed {what}; it shows: {state['body']!r}") from error

            # Without its token the page shows nothing of the session.
            await asyncio.to_thread(driver.get, server.url.split("?")[0])
            source = driver.page_source
            assert "Geen toegang" in source and card not in source and "Anna" not in source

            await asyncio.to_thread(driver.get, server.url)
            state = await until(lambda s: "Anna" in s["speaker"] and card in s["question"], "the question and Anna")
            assert "Bram" in state["next"]
            assert (state["width"], state["height"]) == (1920, 1080)
            assert state["timerHeight"] >= 0.2 * state["height"], (state["timerHeight"], state["height"])

            keep_screenshot(driver, tmp_path / "tweede-scherm-rondje.png", state)

            await pilot.press(*NOTE, "enter")
            await wait_for(pilot, lambda: runner.step.vastgelegd["beurten"], "the turn is taken")
            state = await until(lambda s: "Bram" in s["speaker"], "the next speaker, Bram")
            assert "Chris" in state["next"]
            clock.advance(700)
            state = await until(lambda s: "OVER TIJD" in s["status"], "OVER TIJD")
            assert "over" in state["level"]
            assert NOTE not in driver.page_source and NOTE not in state["body"]
            keep_screenshot(driver, tmp_path / "tweede-scherm-over-tijd.png", state)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("tab", "enter")
            await until(lambda s: "De sessie is gesloten" in s["body"], "that the session ended")
    finally:
        await asyncio.to_thread(driver.quit)


async def test_it_stops_with_the_app(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_round(pilot, clock)
        server = await press_f7(pilot)
        assert get(server.port, f"/?token={server.token}")[0] == 200
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not server.running
    with pytest.raises(OSError):
        get(server.port, f"/?token={server.token}")


def test_aiohttp_is_loaded_only_when_the_second_screen_starts() -> None:
    import subprocess
    import sys

    code = ("import sys, samenslim.second_screen, samenslim.screens.runner\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'webbrowser')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
