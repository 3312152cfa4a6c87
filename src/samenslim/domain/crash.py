"""When something unexpected goes wrong: a crash report that helps fix it and holds no notes.

The report has the version, the platform and the traceback's frames (file, line, function, source
line), never local variables. The exception's message is kept, because it usually names the
defect ("... has no attribute 'focus_next'"), but every text captured in the session is blanked
out of it first. A marker file next to the reports lets the next start say what happened.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

from samenslim import __version__
from samenslim.domain.private_files import write_private

MARKER = "laatste-crash.json"


def _texts(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, str):
        if len(value.strip()) >= 3:
            found.add(value.strip())
    elif isinstance(value, dict):
        for item in value.values():
            found |= _texts(item)
    elif isinstance(value, list):
        for item in value:
            found |= _texts(item)
    return found


def scrub(message: str, private: set[str]) -> str:
    """The message with every private text (longest first) replaced by a placeholder."""
    for text in sorted(private, key=len, reverse=True):
        message = message.replace(text, "[tekst]")
    return message


def _write_private(path: Path, text: str) -> None:
    write_private(path, text, root=path.parent)


def report_text(error: BaseException, *, when: datetime, session_id: str | None, screen: str,
                private: set[str]) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        "samenslim crashrapport (zonder notities)",
        f"tijd: {when:%Y-%m-%d %H:%M:%S %z}",
        f"versie: samenslim {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"scherm: {screen}",
        f"sessie: {session_id or '-'}",
        "",
        "Traceback (most recent call last):",
    ]
    for frame in frames:
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    lines.append(f"{type(error).__module__}.{type(error).__qualname__}: {scrub(str(error), private)}")
    return "\n".join(lines) + "\n"


def write_report(folder: Path, error: BaseException, *, session_id: str | None, screen: str,
                 captured: Any = None, when: datetime | None = None) -> Path:
    """Write the report (0600 in a 0700 folder) and the marker for the next start; returns its path."""
    when = when or datetime.now().astimezone()
    path = folder / f"crash-{when:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    _write_private(path, report_text(error, when=when, session_id=session_id, screen=screen,
                                     private=_texts(captured)))
    _write_private(folder / MARKER, json.dumps({"rapport": path.name, "sessie": session_id}))
    return path


def take_marker(folder: Path) -> tuple[Path, str | None] | None:
    """The report of the last crash and its session, once: the marker is removed when read."""
    marker = folder / MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        marker.unlink()
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("rapport"), str):
        return None
    session = data.get("sessie")
    return folder / Path(data["rapport"]).name, session if isinstance(session, str) else None


def print_notice(path: Path | None) -> None:
    """What the terminal shows after a crash: Dutch, no traceback."""
    where = f" Een verslag van de fout (zonder notities) staat in {path}." if path else ""
    print(f"samenslim is onverwacht gestopt. De sessie is bewaard.{where} Start samenslim opnieuw om "
          "verder te gaan.", file=sys.stderr)
