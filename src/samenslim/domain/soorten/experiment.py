"""Step kind 'experiment': a form that yields experiments or actions with what, owner, first
step, helpers and a review date. They join the session's list of actions (Soort.punten)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.markdown import bullets
from samenslim.domain.soorten.base import BaseStap, Inhoud, Punt, Soort, Vastgelegd, VrijeTekst

STATUSSEN = ("open", "gedaan", "loopt door", "gestopt")


class ExperimentInhoud(Inhoud):
    pass


class Stap(ExperimentInhoud, BaseStap):
    soort: Literal["experiment"]


class Experiment(BaseModel):
    model_config = ConfigDict(extra="allow")

    tekst: str
    eigenaar: str = ""
    eerste_stap: str = ""
    helpers: str = ""
    evaluatie: str = ""  # when the group looks back on it
    status: str = "open"


class Capture(Vastgelegd):
    experimenten: list[Experiment] = []


def describe(item: Experiment) -> str:
    parts = [("wie", item.eigenaar), ("eerste stap", item.eerste_stap), ("met hulp van", item.helpers),
             ("evalueren", item.evaluatie)]
    extra = "; ".join(f"{label}: {value}" for label, value in parts if value)
    return item.tekst + (f" ({extra})" if extra else "")


class Experimenten(Soort[ExperimentInhoud, Capture]):
    SOORT = "experiment"
    NAAM = "Experiment of actie"
    VIEW = "samenslim.werkvormen.experiment:ExperimentView"

    def terugblik(self, inhoud: ExperimentInhoud, capture: Capture) -> list[str]:
        return [f"Experiment: {describe(item)}" for item in capture.experimenten]

    def verslag(self, inhoud: ExperimentInhoud, capture: Capture) -> list[str]:
        return bullets([describe(item) for item in capture.experimenten])

    def punten(self, inhoud: ExperimentInhoud, capture: Capture) -> list[Punt]:
        return [Punt(soort=self.SOORT, tekst=item.tekst, eigenaar=item.eigenaar, wanneer=item.evaluatie,
                     wanneer_label="evalueren", kenmerk="experiment",
                     details=(("wie", item.eigenaar), ("eerste stap", item.eerste_stap),
                              ("met hulp van", item.helpers), ("evalueren", item.evaluatie),
                              ("status", item.status)))
                for item in capture.experimenten]

    def vrije_teksten(self, inhoud: ExperimentInhoud, capture: Capture) -> list[VrijeTekst]:
        found = []
        for index, item in enumerate(capture.experimenten):
            where = f"experimenten.{index}"
            found += [VrijeTekst(f"{where}.tekst", item.tekst),
                      VrijeTekst(f"{where}.eigenaar", item.eigenaar, naam=True),
                      VrijeTekst(f"{where}.eerste_stap", item.eerste_stap),
                      VrijeTekst(f"{where}.helpers", item.helpers, naam=True),
                      VrijeTekst(f"{where}.evaluatie", item.evaluatie)]
        return found


KIND = Experimenten(Stap, ExperimentInhoud, Capture)
