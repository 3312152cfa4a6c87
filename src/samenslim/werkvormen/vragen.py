"""Step kind 'vragen': one or more questions for the group, and a notepad for what is said."""

from __future__ import annotations

from typing import Any, Literal

from samenslim.werkvormen.base import BaseStap, Vastgelegd

SOORT = "vragen"
NAAM = "Vragen"
VIEW = "samenslim.widgets.steps.vragen:VragenView"


class Stap(BaseStap):
    soort: Literal["vragen"]


class Capture(Vastgelegd):
    notities: str = ""


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    notes = Capture.model_validate(vastgelegd).notities.strip()
    return notes.splitlines() if notes else []
