"""Step kind 'kolommen': named columns (ikzelf / context en anderen; one per voice) side by side;
each item is added to one column."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from samenslim.domain.markdown import cell
from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst


class KolommenInhoud(Inhoud):
    kolommen: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2, max_length=6)]


class Stap(KolommenInhoud, BaseStap):
    soort: Literal["kolommen"]


class Capture(Vastgelegd):
    items: dict[str, list[str]] = {}  # column name -> items, in the order they were added


def columns(inhoud: KolommenInhoud, capture: Capture) -> list[str]:
    """The step's columns, then any column a capture has that the content no longer names."""
    return list(inhoud.kolommen) + [name for name in capture.items if name not in inhoud.kolommen]


class Kolommen(Soort[KolommenInhoud, Capture]):
    SOORT = "kolommen"
    NAAM = "Kolommen"
    VIEW = "samenslim.werkvormen.kolommen:KolommenView"

    def terugblik(self, inhoud: KolommenInhoud, capture: Capture) -> list[str]:
        items = capture.items
        return [f"{name}: {'; '.join(items[name])}" for name in columns(inhoud, capture) if items.get(name)]

    def verslag(self, inhoud: KolommenInhoud, capture: Capture) -> list[str]:
        items = capture.items
        names = columns(inhoud, capture)
        if not any(items.values()):
            return []
        rows = max(len(items.get(name, [])) for name in names)
        table = ["| " + " | ".join(cell(name) for name in names) + " |", "|" + " --- |" * len(names)]
        for row in range(rows):
            table.append("| " + " | ".join(cell(items[name][row]) if row < len(items.get(name, [])) else ""
                                          for name in names) + " |")
        return table

    def vrije_teksten(self, inhoud: KolommenInhoud, capture: Capture) -> list[VrijeTekst]:
        return [VrijeTekst(f"items.{name}.{index}", text)
                for name, texts in capture.items.items() for index, text in enumerate(texts)]


KIND = Kolommen(Stap, KolommenInhoud, Capture)
