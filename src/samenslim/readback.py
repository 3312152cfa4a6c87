"""What a session captured, as plain lines per step: for the end-of-session summary and, later,
the review screens and exports. Works from the session file alone."""

from __future__ import annotations

import json

from samenslim.session import Sessie, StapRun
from samenslim.werkvormen import KINDS


def step_lines(step: StapRun) -> list[str]:
    kind = KINDS.get(step.soort)
    if kind is None:
        return [json.dumps(step.vastgelegd, ensure_ascii=False)] if step.vastgelegd else []
    return kind.terugblik(step.inhoud, step.vastgelegd)


def outline(session: Sessie) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(werkvorm title, [(step title, lines), ...]), ...]"""
    return [(run.titel, [(step.titel, step_lines(step)) for step in run.stappen]) for run in session.werkvormen]


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
