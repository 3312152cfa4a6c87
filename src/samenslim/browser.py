"""In the browser (`samenslim serve`): what differs from the terminal.

textual-serve runs the app with Textual's web driver (it sets TEXTUAL_DRIVER), so `App.is_web` is
True there and only there. A file the app writes then lands on the server's disk, which in a
browser may be another computer's: it is also handed to the browser as a download
(`App.deliver_text`, or `deliver_binary` for a Word file), after it was written (owner-only) as in
the terminal.

A browser keeps some keys for itself before the page sees them (ctrl+n, ctrl+t, ctrl+w). A screen
that uses such a key names a browser-safe one per action in `BROWSER_KEYS` (action -> key), binds
that key to the action `browser('<action>')`, and lets these two functions decide: under serve the
footer shows the browser-safe key and hides the other, in the terminal the other way round.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import ClassVar, cast

from textual.app import App
from textual.screen import Screen

# The report's forms as a browser receives them (a download under serve).
REPORT_TYPES = {
    "md": "text/markdown",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def offer_download(app: App, path: Path, mime_type: str, binary: bool = False) -> bool:
    """Under serve, send the file written at `path` to the browser as a download; True if offered.
    binary: a file that is no text (a Word report), sent as it is."""
    if not app.is_web:
        return False
    if binary:
        app.deliver_binary(path, save_filename=path.name, mime_type=mime_type)
    else:
        app.deliver_text(path, save_filename=path.name, mime_type=mime_type, encoding="utf-8")
    return True


def browser_key_allowed(app: App, action: str, browser_keys: dict[str, str]) -> bool:
    """For a screen's check_action: False hides (and disables) the key the footer should not show."""
    if action == "browser":
        return app.is_web
    return not (action in browser_keys and app.is_web)


async def run_browser_key(screen: Screen, action: str, browser_keys: dict[str, str]) -> None:
    """What a browser-safe key does: the screen's own action of that name."""
    if action in browser_keys:
        result = getattr(screen, f"action_{action}")()
        if inspect.isawaitable(result):
            await result


class BrowserKeys:
    """A screen's browser-safe keys: `BROWSER_KEYS` maps a ctrl action to a key bound to
    `browser('<action>')`; under serve the footer shows that key, in the terminal the ctrl key."""

    BROWSER_KEYS: ClassVar[dict[str, str]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return browser_key_allowed(cast(Screen, self).app, action, self.BROWSER_KEYS)

    async def action_browser(self, action: str) -> None:
        await run_browser_key(cast(Screen, self), action, self.BROWSER_KEYS)
