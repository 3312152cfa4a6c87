"""Step kind 'schaal': a score on a scale (0-10 by default) for the group and optionally per person."""

from __future__ import annotations

import math
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, model_validator

from samenslim.domain.markdown import bullets, md, note_lines, paragraph
from samenslim.domain.soorten.base import Afwijking, BaseStap, Cijfer, Inhoud, Soort, Vastgelegd, VrijeTekst, notes

# The scale a schaalvraag uses unless its content says otherwise: the one place it is written.
LAAGSTE, HOOGSTE = 0, 10


class SchaalInhoud(Inhoud):
    laagste: int = LAAGSTE
    hoogste: int = HOOGSTE
    betekenis_laagste: str = ""
    betekenis_hoogste: str = ""
    per_deelnemer: bool = True  # also ask each participant for their own score


class Stap(SchaalInhoud, BaseStap):
    soort: Literal["schaal"]

    @model_validator(mode="after")
    def _range(self) -> Stap:
        if self.hoogste <= self.laagste:
            raise ValueError("hoogste moet groter zijn dan laagste")
        return self


def _whole_or_half(value: int | float) -> int | float:
    """A score is a whole or a half point: 6 stays the int 6 (as files have always had it), 6.5 a float."""
    if not math.isfinite(value) or value * 2 != int(value * 2):
        raise ValueError("een score is een heel of half punt, bijv. 6 of 6,5")
    return int(value) if value == int(value) else float(value)


# int before float in the union, so 7 stays 7 in the file.
Score = Annotated[int | float, AfterValidator(_whole_or_half)]


class Capture(Vastgelegd):
    groep: Score | None = None
    per_deelnemer: dict[str, Score] = {}
    notities: str = ""


SCORE_TEXT = re.compile(r"(\d+)(?:[.,](\d*))?")


def parse_score(text: str, lowest: int, highest: int) -> int | float | None:
    """A typed score ('6', '6,5' or '6.5'), or None when it is empty; raises ValueError with a Dutch
    message otherwise. Whole scores are ints, half points floats."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    match = SCORE_TEXT.fullmatch(text)
    if not match or match.group(2) not in (None, "", "0", "5"):
        raise ValueError(f"alleen hele of halve punten van {lowest} tot en met {highest}, bijv. 6 of 6,5")
    value: int | float = int(match.group(1)) + (0.5 if match.group(2) == "5" else 0)
    if not lowest <= value <= highest:
        raise ValueError(f"de score moet tussen {lowest} en {highest} liggen")
    return value


def format_score(score: int | float) -> str:
    """Dutch display: 6 -> '6', 6.5 -> '6,5'."""
    return str(int(score)) if score == int(score) else f"{score:g}".replace(".", ",")


def format_mean(mean: float) -> str:
    """An average with one decimal, Dutch: 6.75 -> '6,8'."""
    return f"{mean:.1f}".replace(".", ",")


def bar(score: int | float, lowest: int = LAAGSTE, highest: int = HOOGSTE) -> str:
    """'0 ─────●──── 10': the score's place on the scale, readable without colour. A half point
    marks the two whole points it lies between ('6,5': ●● on 6 and 7)."""
    cells = ["─"] * (highest - lowest + 1)
    for point in {int(score), -(-score // 1)}:  # floor and ceiling: the same cell for a whole score
        cells[int(point) - lowest] = "●"
    return f"{lowest} {''.join(cells)} {highest}"


def average(scores: dict[str, int | float]) -> float | None:
    return round(sum(scores.values()) / len(scores), 1) if scores else None


class Schaal(Soort[SchaalInhoud, Capture]):
    naam_sleutels = ("per_deelnemer",)  # keyed by participant
    SOORT = "schaal"
    NAAM = "Schaalvraag"
    VIEW = "samenslim.werkvormen.schaal:SchaalView"

    def controleer(self, inhoud: SchaalInhoud, capture: Capture) -> None:
        """A session file's scale and scores fit together (the bar and the journey rely on it)."""
        lowest, highest = inhoud.laagste, inhoud.hoogste
        if highest <= lowest:
            raise Afwijking("inhoud.hoogste", f"hoogste ({highest}) moet groter zijn dan laagste ({lowest})")
        if highest - lowest > 100:
            raise Afwijking("inhoud.hoogste", f"een schaal van {lowest} tot {highest} is te groot (hoogstens 100 punten)")
        scores = {"groep": capture.groep} if capture.groep is not None else {}
        scores |= {f"per_deelnemer.{name}": score for name, score in capture.per_deelnemer.items()}
        for field, score in scores.items():
            if not lowest <= score <= highest:
                raise Afwijking(f"vastgelegd.{field}", f"de score {format_score(score)} ligt buiten de schaal "
                                                       f"van {lowest} tot {highest}")

    def terugblik(self, inhoud: SchaalInhoud, capture: Capture) -> list[str]:
        lowest, highest = inhoud.laagste, inhoud.hoogste
        lines = []
        if capture.groep is not None:
            # 'Groep' only beside per-person scores; alone (or a group score by itself) it is just the score.
            label = "Groep" if capture.per_deelnemer else "Cijfer"
            lines.append(f"{label}: {format_score(capture.groep)} op {lowest}–{highest}   "
                         f"{bar(capture.groep, lowest, highest)}")
        for name, score in capture.per_deelnemer.items():
            lines.append(f"{name}: {format_score(score)}")
        if (mean := average(capture.per_deelnemer)) is not None:
            lines.append(f"Gemiddelde van de deelnemers: {format_mean(mean)}")
        if capture.notities.strip():
            lines += capture.notities.strip().splitlines()
        return lines

    def verslag(self, inhoud: SchaalInhoud, capture: Capture, per_person: bool = True) -> list[str]:
        low, high = inhoud.laagste, inhoud.hoogste
        meaning_low, meaning_high = inhoud.betekenis_laagste, inhoud.betekenis_hoogste
        scale = f"{low}{f' ({md(meaning_low)})' if meaning_low else ''} tot {high}" \
                f"{f' ({md(meaning_high)})' if meaning_high else ''}"
        lines = [f"Schaal van {scale}.", ""] if capture.groep is not None or capture.per_deelnemer else []
        if capture.groep is not None:
            lines.append(f"- **{'Groep' if capture.per_deelnemer else 'Cijfer'}:** {format_score(capture.groep)}")
        if per_person:
            lines += [f"- **{md(name)}:** {format_score(score)}" for name, score in capture.per_deelnemer.items()]
        if (mean := average(capture.per_deelnemer)) is not None:
            lines.append(f"- **Gemiddelde:** {format_mean(mean)}")
        return lines + paragraph(bullets(note_lines(capture.notities)))

    def groepsverslag(self, inhoud: SchaalInhoud, capture: Capture) -> list[str]:
        """The group's score and the average, without who gave which score."""
        return self.verslag(inhoud, capture, per_person=False)

    def persoonlijk(self, inhoud: SchaalInhoud, capture: Capture) -> int:
        return len(capture.per_deelnemer)

    def cijfer(self, inhoud: SchaalInhoud, capture: Capture) -> Cijfer | None:
        if capture.groep is None:
            return None
        return Cijfer(capture.groep, inhoud.laagste, inhoud.hoogste)

    def vrije_teksten(self, inhoud: SchaalInhoud, capture: Capture) -> list[VrijeTekst]:
        return notes(capture)


KIND = Schaal(Stap, SchaalInhoud, Capture)
