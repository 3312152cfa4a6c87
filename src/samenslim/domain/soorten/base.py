"""What every step kind shares: the common content fields and the capture base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from samenslim.domain.decks import Kaart, Stapel

# Keys every step has; whatever else a step declares is its kind's own content ("inhoud").
COMMON_FIELDS = frozenset({"titel", "soort", "uitleg", "vragen", "minuten", "spiekbriefje", "alleen"})


class AlleenVersie(BaseModel):
    """How a step reads for one person reflecting alone ('jij' instead of 'jullie'), or that it is
    skipped then. Whatever is left out keeps the group version."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    overslaan: bool = False
    titel: Annotated[str, Field(min_length=1)] | None = None
    uitleg: str | None = None
    vragen: list[Annotated[str, Field(min_length=1)]] | None = None


class BaseStap(BaseModel):
    """The content of one step as an author writes it in TOML."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    if TYPE_CHECKING:  # every kind declares its own soort: Literal["..."], the union's discriminator
        soort: str
    titel: Annotated[str, Field(min_length=1)]
    uitleg: str = ""
    vragen: list[Annotated[str, Field(min_length=1)]] = []
    minuten: Annotated[float, Field(gt=0, le=600, allow_inf_nan=False)] | None = None
    # A reference deck (e.g. "communicatiepiramide") the runner offers during this step.
    spiekbriefje: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    # The solo wording of this step ([stappen.alleen] in TOML), for werkvormen marked "alleen".
    alleen: AlleenVersie | None = None

    def inhoud(self) -> dict[str, Any]:
        """The kind-specific content, stored in the session beside the prompts as they were asked."""
        return self.model_dump(exclude=set(COMMON_FIELDS))


class Vastgelegd(BaseModel):
    """What a step captured. Extra keys are kept, so a newer file read by an older app loses nothing."""

    model_config = ConfigDict(extra="allow")


class Afwijking(ValueError):
    """What a kind's `controleer(inhoud, capture)` raises for a session file it cannot show safely:
    the field inside the step ('inhoud.hoogste', 'vastgelegd.groep') and a Dutch reason."""

    def __init__(self, veld: str, reden: str) -> None:
        super().__init__(reden)
        self.veld = veld


def deck_cards(inhoud: dict[str, Any], stapels: dict[str, Stapel]) -> list[Kaart]:
    """The cards of the deck a step names (its 'stapel'), or [] when it names none."""
    deck = stapels.get(inhoud.get("stapel") or "")
    return list(deck.kaarten) if deck else []


def people(names: list[str]) -> str:
    return ", ".join(names) if names else "niemand"
