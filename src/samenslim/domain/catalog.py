"""What the home screen lists, read fast: the werkvormen's titles, chapters and steps straight from
TOML, without building the full models. The full, strict load (samenslim.domain.content) runs right after
the home screen is up and replaces this listing; files it rejects drop out and are reported then.
Kept free of pydantic on purpose: it is on the path to the first frame."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from samenslim.domain import tomlfile

if TYPE_CHECKING:
    from samenslim.domain.content import Werkvorm

HOOFDSTUKKEN = ("Richting bepalen", "Experimenteren", "Landen en inbedden")


@dataclass(frozen=True)
class StepSummary:
    titel: str
    soort: str
    minuten: float | None = None
    soort_naam: str = ""  # the kind's Dutch name, once the kinds are loaded


@dataclass
class Entry:
    id: str
    titel: str
    hoofdstuk: str
    paragraaf: str = ""
    doel: str = ""
    minuten: float | None = None
    minuten_max: float | None = None  # the top of a range the book gives ("20-25 minuten")
    fasen: tuple[str, ...] = ()
    groepsvorm: tuple[str, ...] = ()
    rollen: tuple[str, ...] = ()
    steps: tuple[StepSummary, ...] | None = None  # None: not read yet (see `stappen`)
    path: Path | None = None

    @property
    def stappen(self) -> tuple[StepSummary, ...]:
        """The steps, read from the file the first time they are asked for (only the highlighted
        werkvorm's are needed before the full load is done)."""
        if self.steps is None:
            self.steps = _steps(self.path) if self.path else ()
        return self.steps

    def search_text(self) -> str:
        # Step titles join the search once the checked library replaces the quick listing.
        steps = [s.titel for s in self.steps or ()]
        return " ".join([self.id, self.titel, self.hoofdstuk, self.paragraaf, self.doel, *steps]).lower()


@dataclass
class Catalog:
    entries: dict[str, Entry] = field(default_factory=dict)
    checked: bool = False  # True once built from the fully validated library

    def by_chapter(self) -> dict[str, list[Entry]]:
        return by_chapter(self.entries.values())


def paragraph_key(paragraph: str) -> tuple[int, ...]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", paragraph))
    return numbers or (999,)


class Listed(Protocol):
    @property
    def hoofdstuk(self) -> str: ...
    @property
    def paragraaf(self) -> str: ...
    @property
    def titel(self) -> str: ...


L = TypeVar("L", bound=Listed)


def by_chapter(items: Iterable[L]) -> dict[str, list[L]]:
    """Items with .hoofdstuk, .paragraaf and .titel grouped by chapter in the book's order."""
    grouped: dict[str, list[L]] = {chapter: [] for chapter in HOOFDSTUKKEN}
    for item in items:
        grouped.setdefault(item.hoofdstuk, []).append(item)
    for found in grouped.values():
        found.sort(key=lambda w: (paragraph_key(w.paragraaf), w.titel.lower()))
    return grouped


def quick_catalog(*folders: Path) -> Catalog:
    """Every werkvorm file that parses as TOML and has an id, title and known chapter."""
    catalog = Catalog()
    for folder in folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            entry = _entry(path)
            if entry is not None and entry.id not in catalog.entries:
                catalog.entries[entry.id] = entry
    return catalog


def _entry(path: Path) -> Entry | None:
    # Only the head of the file (the keys before the first [[stappen]]) is parsed here: that is
    # all the list shows, and it keeps the first frame quick with many werkvormen.
    try:
        head = path.read_text(encoding="utf-8").split("\n[[", 1)[0]
        data = tomlfile.loads(head)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # the full loader reports it with file and line
    if not all(isinstance(data.get(key), str) for key in ("id", "titel", "hoofdstuk")):
        return None
    if data["hoofdstuk"] not in HOOFDSTUKKEN:
        return None
    return Entry(id=data["id"], titel=data["titel"], hoofdstuk=data["hoofdstuk"],
                 paragraaf=_text(data.get("paragraaf")), doel=_text(data.get("doel")),
                 minuten=_number(data.get("minuten")), minuten_max=_number(data.get("minuten_max")),
                 fasen=_texts(data.get("fasen")),
                 groepsvorm=_texts(data.get("groepsvorm")), rollen=_texts(data.get("rollen")), path=path)


def _steps(path: Path) -> tuple[StepSummary, ...]:
    try:
        data = tomlfile.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ()
    steps = data["stappen"] if isinstance(data.get("stappen"), list) else []
    return tuple(StepSummary(str(step.get("titel", "")), str(step.get("soort", "")), _number(step.get("minuten")))
                 for step in steps if isinstance(step, dict))


def from_library(werkvormen: dict[str, Werkvorm], kind_names: dict[str, str]) -> Catalog:
    """The listing from validated werkvormen (samenslim.domain.content.Werkvorm)."""
    entries = {}
    for werkvorm in werkvormen.values():
        steps = tuple(StepSummary(step.titel, step.soort, step.minuten, kind_names.get(step.soort, ""))
                      for step in werkvorm.stappen)
        entries[werkvorm.id] = Entry(
            id=werkvorm.id, titel=werkvorm.titel, hoofdstuk=werkvorm.hoofdstuk, paragraaf=werkvorm.paragraaf,
            doel=werkvorm.doel, minuten=werkvorm.minuten, minuten_max=werkvorm.minuten_max, fasen=tuple(werkvorm.fasen),
            groepsvorm=tuple(werkvorm.groepsvorm), rollen=tuple(werkvorm.rollen), steps=steps)
    return Catalog(entries, checked=True)


def duration(minuten: float | None, minuten_max: float | None = None) -> str:
    """How long a werkvorm takes, as shown: '10 min', or a range '20–25 min'; '' when unknown."""
    if not minuten:
        return ""
    if minuten_max and minuten_max > minuten:
        return f"{minuten:g}–{minuten_max:g} min"
    return f"{minuten:g} min"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _texts(value: object) -> tuple[str, ...]:
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def _number(value: object) -> float | None:
    """A number of minutes, or None (also for inf and nan, which the strict loader refuses)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) else None
