"""Step kind 'vragen': one or more questions for the group, and a notepad for what is said.

With `per_deelnemer = true` (e.g. experiment ontwerpen's personal steps, where each person picks
their own topic) every participant gets a notepad of their own, so each person's answer is kept
under their name. Alone, or without participants, it is the one notepad."""

from __future__ import annotations

from typing import Any, Literal

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "vragen"
NAAM = "Vragen"
VIEW = "samenslim.werkvormen.vragen:VragenView"


class Stap(BaseStap):
    soort: Literal["vragen"]
    per_deelnemer: bool = False  # a notepad per participant (group sessions)


class Capture(Vastgelegd):
    notities: str = ""
    per_deelnemer: dict[str, str] = {}  # participant -> their notes (older files have none)


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = [f"{name}: {'; '.join(line.strip() for line in text.strip().splitlines() if line.strip())}"
             for name, text in capture.per_deelnemer.items() if text.strip()]
    notes = capture.notities.strip()
    return lines + (notes.splitlines() if notes else [])
