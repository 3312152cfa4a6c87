"""`samenslim serve`: the warning and defaults, and the real thing in headless Chromium.

The browser test starts `python -m samenslim serve` on a free loopback port, opens it in Debian's
chromium through chromedriver (Selenium) and reads the screen the browser's terminal holds.
textual-serve draws with xterm.js on a canvas, so the page's DOM has no text. Its textual.js keeps
the xterm Terminal in a closure (`this.terminal = new Terminal(...)`), so a script injected before
the page loads catches that one assignment and puts the object on `window`; the test then reads the
screen through xterm's public buffer API. That text exists only if the page connected its websocket,
the server started the app and xterm parsed the app's output: a page that merely loaded has an
empty buffer. A screenshot checks that pixels were painted too.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from samenslim.cli import build_parser, main
from samenslim.serve import DEFAULT_HOST, app_command, is_loopback, warn_if_exposed

# --- without a server ------------------------------------------------------------------------------


def test_serve_defaults_to_loopback_only() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000) and DEFAULT_HOST == "127.0.0.1"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_no_warning_on_loopback(host, capsys) -> None:
    assert is_loopback(host) and not warn_if_exposed(host)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "mijn-laptop"])
def test_warning_when_the_network_can_reach_it(host, capsys) -> None:
    assert warn_if_exposed(host)
    err = capsys.readouterr().err
    assert "LET OP" in err and "jongeren" in err and "sessies" in err


def test_serve_command_warns_before_serving(monkeypatch, tmp_path, capsys) -> None:
    from textual_serve.server import Server

    served: list[tuple[str, str, int]] = []

    def fake_serve(self, debug: bool = False) -> None:
        served.append((self.command, self.host, self.port))
        print("SERVING", file=sys.stderr)

    monkeypatch.setattr(Server, "serve", fake_serve)
    monkeypatch.setattr("samenslim.serve.port_problem", lambda host, port: None)  # 8123 may be taken on CI
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert err.index("LET OP: samenslim luistert op 0.0.0.0") < err.index("SERVING")
    assert "http://127.0.0.1:8123" in out
    [(command, host, port)] = served
    assert (host, port) == ("0.0.0.0", 8123)
    assert shlex.split(command) == [sys.executable, "-m", "samenslim", "--data-dir", str(tmp_path.resolve())]


def test_served_app_gets_the_same_data_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    folder = "map met spaties"
    command = shlex.split(app_command(folder))  # relative: made absolute, quoted for the shell
    assert command[-2:] == ["--data-dir", str(tmp_path / folder)]
    # No folder given: pass none, so the child resolves SAMENSLIM_DATA_DIR or platformdirs itself.
    assert shlex.split(app_command(None)) == [sys.executable, "-m", "samenslim"]


def test_lettergrootte_sets_the_page_font_size(monkeypatch, capsys) -> None:
    from samenslim.serve import font_size_from

    args = build_parser().parse_args(["serve", "--lettergrootte", "28"])
    assert args.lettergrootte == 28 and build_parser().parse_args(["serve"]).lettergrootte == 16
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--lettergrootte", "200"])
    assert "buiten 8 tot 64" in capsys.readouterr().err
    # ?fontsize= in the address wins for that tab; nonsense falls back to the server's size.
    assert (font_size_from("40", 28), font_size_from("x", 28), font_size_from(None, 28), font_size_from("2", 28)) \
        == (40, 28, 28, 8)


def footer_shown(app) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [f"{key.key} {key.description}" for key in app.screen.query(FooterKey)]


@pytest.fixture
def in_the_browser(monkeypatch):
    """The app as textual-serve runs it: Textual's web driver makes App.is_web True."""
    from samenslim.app import SamenslimApp

    monkeypatch.setattr(SamenslimApp, "is_web", property(lambda self: True))


async def runner_with_footer(make_app, pilot) -> None:
    from tests.conftest import fill_setup, open_werkvorm, settled, wait_for

    await settled(pilot)
    await open_werkvorm(pilot, "check-in")
    if pilot.app.is_web:  # under serve ctrl+n is the browser's: setup starts with F9
        pilot.app.screen.query_one("#participants").focus()
        await pilot.press(*"Anna; Bram", "f9")
    else:
        await fill_setup(pilot, participants="Anna; Bram")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "RunnerScreen", "the runner")


async def test_terminal_footer_keeps_its_ctrl_keys(make_app) -> None:
    app = make_app(offer_resume=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await runner_with_footer(make_app, pilot)
        shown = footer_shown(app)
        assert "ctrl+t Timer" in shown and "ctrl+n Stap ▶" in shown
        assert not any(key.startswith(("f8 ", "f9 ")) for key in shown)


async def test_in_the_browser_the_footer_shows_browser_safe_keys_and_they_work(make_app, in_the_browser,
                                                                               clock) -> None:
    """ctrl+t and ctrl+n open a tab or window in a browser, before the page sees them."""
    app = make_app(offer_resume=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await runner_with_footer(make_app, pilot)
        shown = footer_shown(app)
        assert "f8 Timer" in shown and "f9 Stap ▶" in shown, shown
        assert not any(key.split()[0] in ("ctrl+t", "ctrl+n", "ctrl+w") for key in shown), shown
        await pilot.press("f8")
        assert app.screen.timer.running
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.session.positie.stap == 1


async def test_in_the_browser_setup_starts_with_f9(make_app, in_the_browser) -> None:
    from samenslim.screens.runner import RunnerScreen
    from tests.conftest import open_werkvorm, settled

    app = make_app(offer_resume=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await settled(pilot)
        await open_werkvorm(pilot, "check-in")
        shown = footer_shown(app)
        assert "f9 Starten" in shown and not any(key.startswith("ctrl+n ") for key in shown), shown
        app.screen.query_one("#participants").focus()
        await pilot.press(*"Anna; Bram", "f9")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)


async def test_in_the_browser_report_and_screenshot_are_also_downloads(make_app, in_the_browser, data_dir,
                                                                        monkeypatch) -> None:
    from samenslim import messages
    from samenslim.app import SamenslimApp
    from samenslim.screens.export import ExportScreen
    from tests.conftest import wait_for

    delivered: list[tuple[Path, str]] = []
    monkeypatch.setattr(SamenslimApp, "deliver_text",
                        lambda self, path, **kwargs: delivered.append((Path(path), kwargs["mime_type"])))
    binary: list[tuple[Path, str]] = []
    monkeypatch.setattr(SamenslimApp, "deliver_binary",
                        lambda self, path, **kwargs: binary.append((Path(path), kwargs["mime_type"])))
    app = make_app(offer_resume=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await runner_with_footer(make_app, pilot)
        await pilot.press("f6")
        await pilot.pause()
        session_id = app.screen.session.id
        app.post_message(messages.ExportSession(session_id))  # what ctrl+e in the looking-back screens posts
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(delivered) == 2, "the report is delivered")
        app.post_message(messages.ExportSession(session_id))
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        await pilot.press("f", "f", "enter")  # Word
        await wait_for(pilot, lambda: len(binary) == 1, "the Word report is delivered")
    [(shot, shot_type), (report, report_type)] = delivered
    assert shot.suffix == ".svg" and shot_type == "image/svg+xml" and shot.is_file()  # also on disk
    assert report.name == f"{session_id}.groep.md" and report_type == "text/markdown" and report.is_file()
    [(word, word_type)] = binary
    assert word.name == f"{session_id}.groep.docx" and word.is_file() and word_type.endswith("wordprocessingml.document")


async def test_in_the_terminal_nothing_is_delivered(make_app, monkeypatch) -> None:
    from samenslim.app import SamenslimApp

    monkeypatch.setattr(SamenslimApp, "deliver_text", lambda *args, **kwargs: pytest.fail("delivered"))
    app = make_app(offer_resume=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await runner_with_footer(make_app, pilot)
        await pilot.press("f6")
        await pilot.pause()


# --- a real server ---------------------------------------------------------------------------------

BROWSER_FLAGS = [
    "--headless=new", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-default-apps", "--disable-sync", "--metrics-recording-only",
    "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1280,800",
    # Off the network: every request goes to a dead proxy except loopback, and no name resolves.
    # (Not '<-loopback>': that token removes loopback from the bypass list.)
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active && !window.__samenslimXterm) window.__samenslimXterm = value;
  },
});
"""

READ_SCREEN = """
const term = window.__samenslimXterm;
if (!term) return null;
const buffer = term.buffer.active, lines = [];
for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
return {text: lines.join("\\n"), shown: document.body.classList.contains("-first-byte"),
        width: window.innerWidth, height: window.innerHeight};
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeProcess:
    """`python -m samenslim serve` in its own process group, so the app processes it starts for
    each browser tab go down with it."""

    def __init__(self, data_dir: Path, logs: Path) -> None:
        self.data_dir, self.logs = data_dir, logs
        self.process: subprocess.Popen | None = None

    def start(self) -> ServeProcess:
        for _attempt in range(3):  # another worker may grab the free port before we bind it
            self.port = free_port()
            log = self.logs / f"serve-{self.port}.log"
            with log.open("wb") as out:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "samenslim", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                     "--data-dir", str(self.data_dir)],
                    cwd=self.logs, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    # The address with its secret token, as serve printed it (before it listened).
                    found = re.search(r"Open: (http://127\.0\.0\.1:\d+/\?token=([\w-]+))", log.read_text())
                    assert found, log.read_text()
                    self.url, self.token = found[1], found[2]
                    return self
                except OSError:
                    time.sleep(0.1)
            output = log.read_text(errors="replace")
            self.stop()
            if "address already in use" not in output:
                pytest.fail(f"samenslim serve did not answer on port {self.port} within 30 s:\n{output}")
        pytest.fail("no free port found for samenslim serve")

    def stop(self) -> None:
        if self.process is None:
            return
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)  # the group: the server and its app processes
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None


@pytest.fixture
def data_dir_with_own_werkvorm(tmp_path: Path) -> Path:
    """A data folder whose own werkvorm only the served app can show if it uses this folder."""
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "kopieer", "check-in"]) == 0
    return folder


@pytest.fixture
def served(data_dir_with_own_werkvorm: Path, tmp_path: Path):
    server = ServeProcess(data_dir_with_own_werkvorm, tmp_path)
    try:
        yield server.start()
    finally:
        server.stop()


def test_page_talks_back_to_the_address_the_browser_used(served) -> None:
    """With --host 0.0.0.0 textual-serve would tell the browser to open ws://0.0.0.0:…/ws."""
    port = served.port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        # On loopback only loopback names are this server (tests/functional/test_serve_security.py has the rest).
        connection.request("GET", f"/?token={served.token}", headers={"Host": f"localhost:{port}"})
        page = connection.getresponse().read().decode()
    finally:
        connection.close()
    assert f'data-session-websocket-url="ws://localhost:{port}/ws/{served.token}"' in page
    assert "<title>samenslim</title>" in page


def test_the_page_names_no_host_but_its_own(served) -> None:
    """No Google Fonts or any other outside address: offline it works, and nobody learns it is in use."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", f"/?token={served.token}&fontsize=30")
        page = connection.getresponse().read().decode()
    finally:
        connection.close()
    hosts = set(re.findall(r"(?:https?|wss?):/*([^/\"'\s:?]+)", page, flags=re.IGNORECASE))
    assert hosts == {"127.0.0.1"}, hosts
    assert not re.search(r"googleapis|gstatic|w3\.org|//[a-z]", page.replace("://127.0.0.1", ""), re.IGNORECASE)
    assert 'data-font-size="30"' in page and "static/fonts/RobotoMono" in page


def test_the_real_server_refuses_a_page_without_its_token(served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.status == 403 and "Geen toegang" in response.read().decode()
    finally:
        connection.close()
    assert served.token not in (served.logs / f"serve-{served.port}.log").read_text().split("Open: ")[1].split(
        "\n", 1)[1], "the token is printed once, in the address, and never logged"


def _apt_install_chromium() -> str | None:
    """Install Debian's chromium and chromedriver; the reason it cannot, or None."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return "chromium/chromedriver missing and apt-get cannot install them here (needs root and apt-get)"
    from filelock import FileLock

    # One install at a time on this machine, also across pytest-xdist workers.
    with FileLock(os.path.join(tempfile.gettempdir(), "samenslim-chromium-install.lock"), timeout=900):
        if shutil.which("chromium") and shutil.which("chromedriver"):
            return None
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            for command in (["apt-get", "update", "-q"],
                            ["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"]):
                done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
                if done.returncode != 0:
                    tail = "\n".join((done.stdout + done.stderr).splitlines()[-5:])
                    return f"'{' '.join(command)}' failed ({done.returncode}):\n{tail}"
        except subprocess.TimeoutExpired as error:
            return f"'{' '.join(error.cmd)}' took more than {error.timeout} s"
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return "apt-get installed chromium but chromium or chromedriver is still not on PATH"
    return None


@pytest.fixture(scope="session")
def chromium_paths() -> tuple[str, str]:
    reason = _apt_install_chromium()
    if reason:
        pytest.skip(f"no headless browser: {reason}")
    pytest.importorskip("selenium", reason="selenium is in the [test] extra: pip install -e '.[test]'")
    return shutil.which("chromium"), shutil.which("chromedriver")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def start_browser(chromium_paths, tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = chromium_paths
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    driver = webdriver.Chrome(options=options, service=Service(chromedriver, log_output=str(tmp_path / "driver.log")))
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(10)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
    return driver


def wait_for_screen(driver, wanted: list[str], unwanted: tuple[str, ...] = (), seconds: float = 30) -> dict:
    """The browser's terminal once it shows every text in `wanted` (and none in `unwanted`)."""
    screen, deadline = None, time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = driver.execute_script(READ_SCREEN)
        if screen and screen["shown"] and all(text in screen["text"] for text in wanted) \
                and not any(text in screen["text"] for text in unwanted):
            return screen
        time.sleep(0.2)
    assert screen is not None, "textual.js no longer sets .terminal: the hook caught no xterm Terminal"
    missing = [text for text in wanted if text not in screen["text"]]
    pytest.fail(f"not on the browser's screen after {seconds} s: {missing}; screen:\n{screen['text']}")


def test_home_screen_renders_in_the_browser(served, chromium_paths, tmp_path) -> None:
    driver = start_browser(chromium_paths, tmp_path)
    try:
        driver.get(served.url)

        screen = wait_for_screen(driver, [
            "samenslim · Bibliotheek", "Typ om te filteren", "RICHTING BEPALEN", "4.1  Check-in", "Historielijn",
            "Schaalvraag", "Check-in (eigen versie)"])  # the own werkvorm: the app reads the --data-dir folder
        time.sleep(0.3)  # let the canvas paint the last frame
        shot = tmp_path / "home.png"
        assert driver.save_screenshot(str(shot))
        assert png_size(shot) == (screen["width"], screen["height"])
        # A blank page of this size is ~4 KB, textual-serve's intro page ~11 KB, the home screen ~70 KB.
        assert shot.stat().st_size > 30_000, f"screenshot looks empty: {shot}"
    finally:
        driver.quit()


def test_in_the_browser_keys_work_without_a_click(served, chromium_paths, tmp_path) -> None:
    """Typed right after the page loads, with no click first (a click once resumed a session): the
    keys reach the app, the footer is there at once, and in the runner it offers keys a browser
    tab leaves alone (F8, F9; ctrl+t and ctrl+n open a tab or a window). Nothing is loaded from
    anywhere but this server."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = start_browser(chromium_paths, tmp_path)
    try:
        driver.get(served.url)
        wait_for_screen(driver, ["samenslim · Bibliotheek", "Schaalvraag"])
        active = driver.execute_script("return document.activeElement && document.activeElement.className")
        assert "xterm-helper-textarea" in active, f"the terminal does not have the keyboard: {active!r}"
        screen = wait_for_screen(driver, ["F1 Hulp"])  # the footer, without a click
        ActionChains(driver).send_keys("historie").perform()  # no click: to whatever has the focus
        wait_for_screen(driver, ["historie", "Historielijn"], unwanted=("Schaalvraag",))
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        wait_for_screen(driver, ["Deelnemers"])
        ActionChains(driver).send_keys("Anna; Bram").perform()
        wait_for_screen(driver, ["F9 Starten", "Starten (F9)"])
        ActionChains(driver).send_keys(Keys.F9).perform()
        screen = wait_for_screen(driver, ["F8 Timer", "F9 Stap ▶"])
        footer = screen["text"].rstrip().splitlines()[-1]
        assert "ctrl+t" not in footer and "ctrl+n" not in footer, footer
        ActionChains(driver).send_keys(Keys.F8).perform()
        wait_for_screen(driver, ["loopt"])
        # F6: the screenshot is saved on the server and reaches the browser as a download too.
        downloads = tmp_path / "downloads"
        downloads.mkdir()
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        ActionChains(driver).send_keys(Keys.F6).perform()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not list(downloads.glob("*.svg")):
            time.sleep(0.2)
        [shot] = list(downloads.glob("*.svg"))
        assert shot.read_text(encoding="utf-8").lstrip().startswith("<svg")
        assert list((served.data_dir / "schermafdrukken").glob("*.svg")), "also on the server's disk"
        # Every resource the page loaded came from this server.
        loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert loaded and all(url.startswith(f"http://127.0.0.1:{served.port}/") for url in loaded), loaded
        assert "googleapis" not in driver.page_source
    finally:
        driver.quit()
