"""Step kind 'kolommen': named columns (ikzelf / context en anderen; one per voice) side by side;
each item is added to one column."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "kolommen"
NAAM = "Kolommen"
VIEW = "samenslim.werkvormen.kolommen:KolommenView"


class Stap(BaseStap):
    soort: Literal["kolommen"]
    kolommen: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2, max_length=6)]


class Capture(Vastgelegd):
    items: dict[str, list[str]] = {}  # column name -> items, in the order they were added


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    items = Capture.model_validate(vastgelegd).items
    columns = list(inhoud.get("kolommen", [])) + [name for name in items if name not in inhoud.get("kolommen", [])]
    return [f"{name}: {'; '.join(items[name])}" for name in columns if items.get(name)]
