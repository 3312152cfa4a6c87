"""Step kind 'thema': the group words its positive theme. The result becomes the session's theme,
fills the {thema} places in the steps still to come and is carried into the group's later sessions."""

from __future__ import annotations

from typing import Any, Literal

from samenslim.domain.soorten.base import BaseStap, Vastgelegd

SOORT = "thema"
NAAM = "Positief thema"
VIEW = "samenslim.werkvormen.thema:ThemaView"


class Stap(BaseStap):
    soort: Literal["thema"]


class Capture(Vastgelegd):
    notities: str = ""
    thema: str = ""


def terugblik(inhoud: dict[str, Any], vastgelegd: dict[str, Any]) -> list[str]:
    capture = Capture.model_validate(vastgelegd)
    lines = [f"Thema: {capture.thema.strip()}"] if capture.thema.strip() else []
    return lines + (capture.notities.strip().splitlines() if capture.notities.strip() else [])
