"""Step kind 'actie': concrete next steps, each with an optional owner and date."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.soorten.base import BaseStap, Inhoud, Punt, Soort, Vastgelegd, VrijeTekst


class ActieInhoud(Inhoud):
    pass


class Stap(ActieInhoud, BaseStap):
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


class Acties(Soort[ActieInhoud, Capture]):
    SOORT = "actie"
    NAAM = "Acties"
    VIEW = "samenslim.werkvormen.actie:ActieView"

    def terugblik(self, inhoud: ActieInhoud, capture: Capture) -> list[str]:
        return [f"Actie: {describe(action)}" for action in capture.acties]

    def punten(self, inhoud: ActieInhoud, capture: Capture) -> list[Punt]:
        return [Punt(soort=self.SOORT, tekst=item.tekst, eigenaar=item.eigenaar, wanneer=item.wanneer,
                     details=(("wie", item.eigenaar), ("wanneer", item.wanneer))) for item in capture.acties]

    def vrije_teksten(self, inhoud: ActieInhoud, capture: Capture) -> list[VrijeTekst]:
        found = []
        for index, item in enumerate(capture.acties):
            found += [VrijeTekst(f"acties.{index}.tekst", item.tekst),
                      VrijeTekst(f"acties.{index}.eigenaar", item.eigenaar, naam=True),
                      VrijeTekst(f"acties.{index}.wanneer", item.wanneer)]
        return found


KIND = Acties(Stap, ActieInhoud, Capture)
