"""Step kind 'tijdlijn': anecdotes with a date or period, a short title and who told it,
shown in chronological order (historielijn)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.periode import in_order
from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "tijdlijn"
NAAM = "Tijdlijn"
VIEW = "samenslim.werkvormen.tijdlijn:TijdlijnView"


class Stap(BaseStap):
    soort: Literal["tijdlijn"]


class Anekdote(BaseModel):
    model_config = ConfigDict(extra="allow")

    wanneer: str
    titel: str
    verteller: str = ""


class Capture(Vastgelegd):
    anekdotes: list[Anekdote] = []


def chronological(anecdotes: list[Anekdote]) -> list[Anekdote]:
    return in_order(anecdotes, lambda item: item.wanneer)


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    return [f"{item.wanneer} — {item.titel}" + (f" (verteld door {item.verteller})" if item.verteller else "")
            for item in chronological(capture.anekdotes)]
