"""Step kind 'tekst': an explanation or instruction to read out; nothing is captured."""

from __future__ import annotations

from typing import Any, Literal

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "tekst"
NAAM = "Uitleg"
VIEW = "samenslim.werkvormen.tekst:TekstView"


class Stap(BaseStap):
    soort: Literal["tekst"]


class Capture(Vastgelegd):
    pass


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    return []
