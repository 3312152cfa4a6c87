"""Step kind 'schaal': a score on a scale (0-10 by default) for the group and optionally per person."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import model_validator

from samenslim.werkvormen.base import BaseStap, Vastgelegd

SOORT = "schaal"
NAAM = "Schaalvraag"
VIEW = "samenslim.widgets.steps.schaal:SchaalView"


class Stap(BaseStap):
    soort: Literal["schaal"]
    laagste: int = 0
    hoogste: int = 10
    betekenis_laagste: str = ""
    betekenis_hoogste: str = ""
    per_deelnemer: bool = True  # also ask each participant for their own score

    @model_validator(mode="after")
    def _range(self) -> Stap:
        if self.hoogste <= self.laagste:
            raise ValueError("hoogste moet groter zijn dan laagste")
        return self


class Capture(Vastgelegd):
    groep: int | None = None
    per_deelnemer: dict[str, int] = {}
    notities: str = ""


def parse_score(text: str, lowest: int, highest: int) -> int | None:
    """A typed score, or None when it is empty; raises ValueError with a Dutch message otherwise."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"typ een heel getal van {lowest} tot en met {highest}")
    value = int(text)
    if not lowest <= value <= highest:
        raise ValueError(f"de score moet tussen {lowest} en {highest} liggen")
    return value


def bar(score: int, lowest: int = 0, highest: int = 10) -> str:
    """'0 ─────●──── 10': the score's place on the scale, readable without colour."""
    cells = ["─"] * (highest - lowest + 1)
    cells[score - lowest] = "●"
    return f"{lowest} {''.join(cells)} {highest}"


def average(scores: dict[str, int]) -> float | None:
    return round(sum(scores.values()) / len(scores), 1) if scores else None


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lowest, highest = inhoud.get("laagste", 0), inhoud.get("hoogste", 10)
    lines = []
    if capture.groep is not None:
        lines.append(f"Groep: {capture.groep} op {lowest}–{highest}   {bar(capture.groep, lowest, highest)}")
    for name, score in capture.per_deelnemer.items():
        lines.append(f"{name}: {score}")
    if (mean := average(capture.per_deelnemer)) is not None:
        lines.append(f"Gemiddelde van de deelnemers: {mean}")
    if capture.notities.strip():
        lines += capture.notities.strip().splitlines()
    return lines
