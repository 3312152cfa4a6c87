"""What a session captured, as plain lines per step: for the end-of-session summary and, later,
the review screens and exports. Works from the session file alone; every kind answers for itself
(domain/soorten)."""

from __future__ import annotations

import json

from samenslim.domain.session import Sessie, StapRun
from samenslim.domain.soorten import kind_of
from samenslim.domain.soorten.base import Punt


def step_lines(step: StapRun) -> list[str]:
    kind = kind_of(step)
    if kind is None:
        return [json.dumps(step.vastgelegd, ensure_ascii=False)] if step.vastgelegd else []
    lines: list[str] = kind.terugblik(kind.inhoud(step), kind.capture(step))
    return lines


def step_points(step: StapRun) -> list[Punt]:
    """The actions or experiments one step holds (blank ones too, so indexes match the capture)."""
    kind = kind_of(step)
    if kind is None or not kind.answers("punten"):
        return []
    points: list[Punt] = kind.punten(kind.inhoud(step), kind.capture(step))
    return points


def outline(session: Sessie) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(werkvorm title, [(step title, lines), ...]), ...]"""
    return [(run.titel, [(step.titel, step_lines(step)) for step in run.stappen]) for run in session.werkvormen]


def actions(session: Sessie) -> list[tuple[str, Punt]]:
    """The session's list of actions and experiments, from every step that holds them:
    (werkvorm title, point)."""
    return [(run.titel, point) for run in session.werkvormen for step in run.stappen for point in step_points(step)]


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
