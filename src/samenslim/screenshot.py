"""F6: the screen as an SVG for the report, in schermafdrukken/ in the data folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from samenslim.domain.locations import Locations
    from samenslim.domain.session import Sessie


def take_screenshot(app: App, locations: Locations, session: Sessie, when: datetime) -> tuple[Path, bool]:
    """Write the screen owner-only (Textual's save_screenshot follows the umask) under the session's
    name, so deleting the session deletes it; under serve the browser also gets it as a download.
    The path, and whether a download was offered. Raises OSError when it cannot be written."""
    from samenslim.browser import offer_download
    from samenslim.domain.erasure import screenshot_path
    from samenslim.domain.private_files import write_private

    path = screenshot_path(locations, session.id, session.step_number(), when)
    write_private(path, app.export_screenshot(), root=locations.data_dir)
    return path, offer_download(app, path, "image/svg+xml")
