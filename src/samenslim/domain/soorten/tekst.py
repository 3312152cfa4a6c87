"""Step kind 'tekst': an explanation or instruction to read out; nothing is captured."""

from __future__ import annotations

from typing import Literal

from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd


class TekstInhoud(Inhoud):
    pass


class Stap(TekstInhoud, BaseStap):
    soort: Literal["tekst"]


class Capture(Vastgelegd):
    pass


class Tekst(Soort[TekstInhoud, Capture]):
    SOORT = "tekst"
    NAAM = "Uitleg"
    VIEW = "samenslim.werkvormen.tekst:TekstView"
    captures = False


KIND = Tekst(Stap, TekstInhoud, Capture)
