"""In the browser (`samenslim serve`): what differs from the terminal.

textual-serve runs the app with Textual's web driver (it sets TEXTUAL_DRIVER), so `App.is_web` is
True there and only there. A file the app writes then lands on the server's disk, which in a
browser may be another computer's: it is also handed to the browser as a download
(`App.deliver_text`), after it was written (owner-only) as in the terminal.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App


def offer_download(app: App, path: Path, mime_type: str) -> bool:
    """Under serve, send the file written at `path` to the browser as a download; True if offered."""
    if not app.is_web:
        return False
    app.deliver_text(path, save_filename=path.name, mime_type=mime_type, encoding="utf-8")
    return True
