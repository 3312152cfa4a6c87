"""Step kind 'vragen': one or more questions for the group, and a notepad for what is said.

With `per_deelnemer = true` (e.g. experiment ontwerpen's personal steps, where each person picks
their own topic) every participant gets a notepad of their own, so each person's answer is kept
under their name. Alone, or without participants, it is the one notepad."""

from __future__ import annotations

from typing import Literal

from samenslim.domain.soorten.base import BaseStap, Inhoud, Soort, Vastgelegd, VrijeTekst, notes


class VragenInhoud(Inhoud):
    per_deelnemer: bool = False  # a notepad per participant (group sessions)


class Stap(VragenInhoud, BaseStap):
    soort: Literal["vragen"]


class Capture(Vastgelegd):
    notities: str = ""
    per_deelnemer: dict[str, str] = {}  # participant -> their notes (older files have none)


class Vragen(Soort[VragenInhoud, Capture]):
    naam_sleutels = ("per_deelnemer",)  # keyed by participant
    SOORT = "vragen"
    NAAM = "Vragen"
    VIEW = "samenslim.werkvormen.vragen:VragenView"

    def terugblik(self, inhoud: VragenInhoud, capture: Capture) -> list[str]:
        lines = [f"{name}: {'; '.join(line.strip() for line in text.strip().splitlines() if line.strip())}"
                 for name, text in capture.per_deelnemer.items() if text.strip()]
        notes = capture.notities.strip()
        return lines + (notes.splitlines() if notes else [])

    def vrije_teksten(self, inhoud: VragenInhoud, capture: Capture) -> list[VrijeTekst]:
        own = [VrijeTekst(f"per_deelnemer.{name}", text) for name, text in capture.per_deelnemer.items()]
        return own + notes(capture)


KIND = Vragen(Stap, VragenInhoud, Capture)
