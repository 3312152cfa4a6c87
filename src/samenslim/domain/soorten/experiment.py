"""Step kind 'experiment': a form that yields experiments or actions with what, owner, first
step, helpers and a review date. They join the session's list of actions (see readback.actions)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "experiment"
NAAM = "Experiment of actie"
VIEW = "samenslim.werkvormen.experiment:ExperimentView"
STATUSSEN = ("open", "gedaan", "loopt door", "gestopt")


class Stap(BaseStap):
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


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    return [f"Experiment: {describe(item)}" for item in Capture.model_validate(vastgelegd).experimenten]
