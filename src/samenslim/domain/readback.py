"""What a session captured, as plain lines per step: for the end-of-session summary and, later,
the review screens and exports. Works from the session file alone."""

from __future__ import annotations

import json
from typing import Any

from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.soorten import KINDS


def step_lines(step: StapRun) -> list[str]:
    kind = KINDS.get(step.soort)
    if kind is None:
        return [json.dumps(step.vastgelegd, ensure_ascii=False)] if step.vastgelegd else []
    lines: list[str] = kind.terugblik(step.inhoud, step.vastgelegd)
    return lines


def outline(session: Sessie) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(werkvorm title, [(step title, lines), ...]), ...]"""
    return [(run.titel, [(step.titel, step_lines(step)) for step in run.stappen]) for run in session.werkvormen]


def actions(session: Sessie) -> list[tuple[str, dict[str, Any]]]:
    """The session's list of actions and experiments, from every 'actie' and 'experiment' step:
    (werkvorm title, item) with item keys tekst, eigenaar and, where given, wanneer/eerste_stap/
    helpers/evaluatie and status."""
    found = []
    for run in session.werkvormen:
        for step in run.stappen:
            field = {"actie": "acties", "experiment": "experimenten"}.get(step.soort)
            for item in step.vastgelegd.get(field, []) if field else []:
                found.append((run.titel, {"soort": step.soort, "status": "open", **item}))
    return found


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
