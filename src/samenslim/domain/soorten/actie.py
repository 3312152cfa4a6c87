"""Step kind 'actie': concrete next steps, each with an optional owner and date."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "actie"
NAAM = "Acties"
VIEW = "samenslim.werkvormen.actie:ActieView"


class Stap(BaseStap):
    soort: Literal["actie"]


class Actie(BaseModel):
    model_config = ConfigDict(extra="allow")

    tekst: str
    eigenaar: str = ""
    wanneer: str = ""


class Capture(Vastgelegd):
    acties: list[Actie] = []


def describe(action: Actie) -> str:
    extra = [part for part in (action.eigenaar and f"wie: {action.eigenaar}",
                               action.wanneer and f"wanneer: {action.wanneer}") if part]
    return action.tekst + (f" ({'; '.join(extra)})" if extra else "")


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    return [f"Actie: {describe(action)}" for action in Capture.model_validate(vastgelegd).acties]
