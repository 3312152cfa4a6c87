"""Werkvormen as data: the pydantic models for a content file and the loader that reports problems.

A werkvorm is one TOML file with Dutch, author-facing keys. The loader never stops at the first
mistake: every problem is collected with file, line/column (where they can be found), the field
path and a Dutch message, and every good file still loads.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union, overload

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from samenslim.domain import tomlfile
from samenslim.domain.catalog import HOOFDSTUKKEN, by_chapter  # noqa: F401 (HOOFDSTUKKEN is re-exported)
from samenslim.domain.decks import Fase, Hoofdstuk, Programma, Stapel
from samenslim.domain.oserrors import describe_os_error
from samenslim.domain.soorten import KINDS

# How people work in it; "alleen" marks a werkvorm that also works for one person reflecting solo.
Groepsvorm = Literal["tweetallen", "drietallen", "kleine groepjes", "hele groep", "alleen"]
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

if TYPE_CHECKING:  # the union is built from the registry at run time; every member is a BaseStap
    from samenslim.domain.soorten.base import BaseStap
    Stap = BaseStap
else:
    Stap = Annotated[Union[tuple(kind.Stap for kind in KINDS.values())], Field(discriminator="soort")]  # noqa: UP007 (built at run time)
M = TypeVar("M", bound=BaseModel)
Loc = tuple[int | str, ...]  # a field path as pydantic gives it: ('stappen', 2, 'soort')


class Werkvorm(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=60)]
    titel: Annotated[str, Field(min_length=1)]
    hoofdstuk: Hoofdstuk
    paragraaf: str = ""
    doel: str = ""
    minuten: Annotated[float, Field(gt=0, le=600, allow_inf_nan=False)] | None = None
    # Where the book gives a range ("20-25 minuten"): minuten is the plan, minuten_max the top shown beside it.
    minuten_max: Annotated[float, Field(gt=0, le=600, allow_inf_nan=False)] | None = None
    fasen: list[Fase] = []  # the 5-V stage(s) it serves
    groepsvorm: list[Groepsvorm] = []
    # Roles handed out at setup (e.g. voorzitter, casusinbrenger); a round can leave a role out.
    rollen: list[Annotated[str, Field(min_length=1, pattern=r"^[a-z][a-z0-9-]*$")]] = []
    # Tips for the begeleider, shown on the help screen (F1) while a step of this werkvorm runs.
    tips: list[Annotated[str, Field(min_length=1)]] = []
    stappen: Annotated[list[Stap], Field(min_length=1)]

    @model_validator(mode="after")
    def _roles_exist(self) -> Werkvorm:
        # A round may leave out whoever holds a role; that role must be one the werkvorm hands out.
        for step in self.stappen:
            excluded = getattr(step, "zonder_rol", None)
            if excluded and excluded not in self.rollen:
                raise ValueError(f"stap '{step.titel}' noemt zonder_rol = '{excluded}', maar die rol staat "
                                 f"niet in 'rollen' van deze werkvorm ({', '.join(self.rollen) or 'leeg'})")
        return self

    @model_validator(mode="after")
    def _range_fits(self) -> Werkvorm:
        if self.minuten_max is not None and (self.minuten is None or self.minuten_max < self.minuten):
            raise ValueError(f"minuten_max ({self.minuten_max:g}) is de bovenkant van een bereik: zet ook "
                             f"'minuten' (de onderkant), niet groter dan minuten_max")
        return self

    @model_validator(mode="after")
    def _solo_wording_fits(self) -> Werkvorm:
        # Solo wording only makes sense for a werkvorm open to one person, and something must remain alone.
        solo_steps = [step for step in self.stappen if step.alleen is not None]
        if solo_steps and "alleen" not in self.groepsvorm:
            raise ValueError(f"stap '{solo_steps[0].titel}' heeft [stappen.alleen], maar 'groepsvorm' noemt "
                             f"'alleen' niet; voeg \"alleen\" toe of haal de tabel weg")
        if self.stappen and all(step.alleen and step.alleen.overslaan for step in self.stappen):
            raise ValueError("alle stappen hebben alleen.overslaan = true; alleen blijft er dan niets over")
        return self

    @property
    def solo_mogelijk(self) -> bool:
        return "alleen" in self.groepsvorm

    def deck_refs(self) -> list[tuple[int, str]]:
        """(step index, deck id) for every step that draws its cards from a deck file."""
        return [(index, stapel) for index, step in enumerate(self.stappen) if (stapel := getattr(step, "stapel", None))]

    def search_text(self) -> str:
        parts = [self.id, self.titel, self.hoofdstuk, self.paragraaf, self.doel]
        parts += [step.titel for step in self.stappen]
        return " ".join(parts).lower()


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, said in Dutch."""

    path: Path
    message: str
    field: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class Library:
    werkvormen: dict[str, Werkvorm] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # werkvorm, deck and programme ids -> file
    problems: list[Problem] = field(default_factory=list)
    stapels: dict[str, Stapel] = field(default_factory=dict)
    programmas: dict[str, Programma] = field(default_factory=dict)

    def spiekbriefjes(self) -> list[Stapel]:
        return [deck for deck in self.stapels.values() if deck.spiekbriefje]

    def chapter_decks(self, hoofdstuk: str) -> list[Stapel]:
        """The decks that belong to this chapter (its werkzame principes)."""
        return [deck for deck in self.stapels.values() if deck.hoofdstuk == hoofdstuk]

    def by_chapter(self) -> dict[str, list[Werkvorm]]:
        return by_chapter(self.werkvormen.values())


def load_library(*folders: Path) -> Library:
    """Load every *.toml under the given folders, in order; the first file to claim an id keeps it."""
    library = Library()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            werkvorm, problems = load_file(path)
            library.problems.extend(problems)
            if werkvorm is None:
                continue
            if werkvorm.id in library.werkvormen:
                library.problems.append(Problem(path, f"id '{werkvorm.id}' wordt al gebruikt door "
                                                      f"{library.sources[werkvorm.id]}; kies een ander id",
                                                field="id", line=_locate(path.read_text("utf-8"), ("id",))))
                continue
            library.werkvormen[werkvorm.id] = werkvorm
            library.sources[werkvorm.id] = path
    return library


# Sub-folders of a content root and the model each holds.
FOLDERS: dict[str, type[BaseModel]] = {"werkvormen": Werkvorm, "stapels": Stapel, "programma": Programma}


def load_content(builtin_root: Path, user_root: Path | None = None) -> Library:
    """Everything samenslim ships plus the user's own: werkvormen, decks and programmes.

    A user's deck with the id of a built-in deck replaces it (that is how own check-in questions
    are added); a werkvorm id can be claimed once. References between files are checked last.
    """
    roots = [root for root in (builtin_root, user_root) if root is not None]
    library = load_library(*(root / "werkvormen" for root in roots))
    for root in roots:
        kinds: tuple[tuple[str, type[Stapel | Programma], dict[str, Any]], ...] = (
            ("stapels", Stapel, library.stapels), ("programma", Programma, library.programmas))
        for folder, model, target in kinds:
            for path in sorted((root / folder).glob("*.toml")) if (root / folder).is_dir() else []:
                item, problems = load_file(path, model)
                library.problems.extend(problems)
                if item is None:
                    continue
                if item.id in target and root == builtin_root:
                    library.problems.append(Problem(path, f"id '{item.id}' wordt al gebruikt door "
                                                          f"{library.sources[item.id]}", field="id"))
                    continue
                target[item.id] = item
                library.sources[item.id] = path
    _check_references(library)
    return library


def _check_references(library: Library) -> None:
    """A werkvorm whose deck is missing cannot run and is left out; other dangling names are reported."""
    for werkvorm_id, werkvorm in list(library.werkvormen.items()):
        path = library.sources[werkvorm_id]
        for index, deck_id in werkvorm.deck_refs():
            if deck_id not in library.stapels:
                library.problems.append(Problem(path, f"stapel '{deck_id}' bestaat niet; deze werkvorm is overgeslagen",
                                                field=f"stappen[{index + 1}].stapel",
                                                line=_locate(path.read_text("utf-8"), ("stappen", index, "stapel"))))
                del library.werkvormen[werkvorm_id]
                break
    for deck in library.stapels.values():
        path = library.sources[deck.id]
        for number, card in enumerate(deck.kaarten, start=1):
            for werkvorm_id in card.werkvormen:
                if werkvorm_id not in library.werkvormen:
                    library.problems.append(Problem(path, f"werkvorm '{werkvorm_id}' bestaat niet",
                                                    field=f"kaarten[{number}].werkvormen"))
            for breaker in card.doorbrekers:
                if not any(other.card(breaker) for other in library.stapels.values()):
                    library.problems.append(Problem(path, f"kaart '{breaker}' bestaat in geen enkele stapel",
                                                    field=f"kaarten[{number}].doorbrekers"))
    for programme in library.programmas.values():
        path = library.sources[programme.id]
        for number, meeting in enumerate(programme.bijeenkomsten, start=1):
            for werkvorm_id in meeting.werkvormen:
                if werkvorm_id not in library.werkvormen:
                    library.problems.append(Problem(path, f"werkvorm '{werkvorm_id}' bestaat niet",
                                                    field=f"bijeenkomsten[{number}].werkvormen"))


@overload
def load_file(path: Path) -> tuple[Werkvorm | None, list[Problem]]: ...
@overload
def load_file(path: Path, model: type[M]) -> tuple[M | None, list[Problem]]: ...
def load_file(path: Path, model: type[BaseModel] = Werkvorm) -> tuple[BaseModel | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(path, f"het bestand is geen UTF-8-tekst (byte {error.start})")]
    except OSError as error:
        return None, [Problem(path, f"het bestand kan niet gelezen worden ({describe_os_error(error)})")]
    try:
        data = tomlfile.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = tomlfile.position(error)
        return None, [Problem(path, f"geen geldige TOML: {tomlfile.reason(error)}", line=line, column=column)]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_problem_from_error(path, text, detail) for detail in error.errors()]


def model_for(path: Path) -> type[BaseModel]:
    """Decks live in a 'stapels' folder and programmes in 'programma'; everything else is a werkvorm."""
    return FOLDERS.get(path.parent.name, Werkvorm)


def validate_paths(paths: list[Path]) -> list[Problem]:
    """Problems in the given files (folders are searched for *.toml)."""
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.toml"))
            if not files:
                problems.append(Problem(path, "deze map bevat geen .toml-bestanden"))
        elif path.exists():
            files = [path]
        else:
            problems.append(Problem(path, "bestand niet gevonden"))
            files = []
        for file in files:
            problems.extend(load_file(file, model_for(file))[1])
    return problems


# --- turning errors into Dutch, with a place -------------------------------------------------

def _problem_from_error(path: Path, text: str, detail: ErrorDetails) -> Problem:
    loc = _strip_union_tags(tuple(detail["loc"]))
    if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc += ("soort",)  # point at the step's 'soort' line, not at the [[stappen]] header
    return Problem(path, dutch_message(detail), field=_field_path(loc), line=_locate(text, loc))


def _strip_union_tags(loc: Loc) -> Loc:
    """Pydantic puts the chosen step kind into the location (stappen, 2, 'rondje', 'herhalen'); drop it."""
    cleaned: list[int | str] = []
    for index, part in enumerate(loc):
        if index >= 2 and isinstance(loc[index - 1], int) and loc[index - 2] == "stappen" and part in KINDS:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _field_path(loc: Loc) -> str:
    """('stappen', 2, 'soort') -> 'stappen[3].soort' (counted from 1, as an author counts blocks)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def dutch_message(detail: ErrorDetails) -> str:
    kind, ctx = detail["type"], detail.get("ctx", {})
    simple = {
        "missing": "dit veld is verplicht maar ontbreekt",
        "extra_forbidden": "onbekend veld (tikfout?); dit veld wordt niet gebruikt",
        "string_type": "moet tekst zijn (tussen aanhalingstekens)",
        "int_type": "moet een geheel getal zijn",
        "float_type": "moet een getal zijn",
        "bool_type": "moet true of false zijn",
        "bool_parsing": "moet true of false zijn",
        "int_parsing": "moet een geheel getal zijn",
        "int_from_float": "moet een geheel getal zijn",
        "float_parsing": "moet een getal zijn",
        "datetime_parsing": "moet een datum met tijd zijn, zoals 2026-01-31T09:00:00",
        "datetime_from_date_parsing": "moet een datum met tijd zijn, zoals 2026-01-31T09:00:00",
        "datetime_type": "moet een datum met tijd zijn, zoals 2026-01-31T09:00:00",
        "date_parsing": "moet een datum zijn, zoals 2026-01-31",
        "list_type": "moet een lijst zijn, zoals [\"a\", \"b\"]",
        "dict_type": "moet een tabel zijn",
        "model_type": "moet een tabel zijn",
        "model_attributes_type": "moet een tabel zijn",
        "string_pattern_mismatch": "gebruik alleen kleine letters, cijfers en streepjes (bijv. 'check-in')",
        "union_tag_not_found": "'soort' ontbreekt: elke stap heeft een soort",
        "frozen_instance": "mag niet gewijzigd worden",
    }
    if kind in simple:
        return simple[kind]
    if kind == "union_tag_invalid":
        known = ", ".join(sorted(KINDS))
        return f"onbekende soort '{ctx.get('tag')}'; bekende soorten zijn: {known}"
    if kind == "literal_error":  # pydantic writes "'a', 'b' or 'c'"
        expected = re.sub(r" or (?=')", " of ", str(ctx.get("expected", "")))
        return f"moet een van deze waarden zijn: {expected}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "minstens", "greater_than": "groter dan",
                 "less_than_equal": "hoogstens", "less_than": "kleiner dan"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"moet {words} {limit} zijn"
    if kind in ("too_short", "string_too_short"):
        return "mag niet leeg zijn" if ctx.get("min_length", 1) <= 1 else \
            f"moet minstens {ctx.get('min_length')} elementen hebben"
    if kind in ("too_long", "string_too_long"):
        return f"is te lang (hoogstens {ctx.get('max_length')})"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind in _TYPES:
        return _TYPES[kind]
    if kind.endswith("_parsing") or kind.endswith("_type"):
        return f"heeft niet de goede vorm (gevonden: {str(detail.get('input'))[:40]!r})"
    # Never pydantic's English: the kind of problem, named by its code.
    return f"klopt niet ({kind})"


_TYPES = {
    "finite_number": "moet een gewoon getal zijn (geen inf of nan)",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "int_parsing_size": "dit getal is te groot",
    "float_parsing": "moet een getal zijn",
    "bool_parsing": "moet true of false zijn",
    "string_unicode": "moet geldige tekst zijn",
    "string_sub_type": "moet tekst zijn",
    "datetime_type": "moet een datum met tijd zijn, zoals 2026-03-12T13:30:00+01:00",
    "datetime_parsing": "moet een datum met tijd zijn, zoals 2026-03-12T13:30:00+01:00",
    "datetime_from_date_parsing": "moet een datum met tijd zijn, zoals 2026-03-12T13:30:00+01:00",
    "datetime_object_invalid": "deze datum bestaat niet",
    "date_type": "moet een datum zijn, zoals 2026-03-12",
    "date_parsing": "moet een datum zijn, zoals 2026-03-12",
    "none_required": "moet leeg zijn (null)",
    "dict_type": "moet een tabel zijn",
    "list_type": "moet een lijst zijn",
    "tuple_type": "moet een lijst zijn",
    "set_type": "moet een lijst zijn",
    "is_instance_of": "heeft niet de goede soort waarde",
    "recursion_loop": "de gegevens zijn te diep genest",
    "model_type": "moet een tabel zijn",
    "assertion_error": "klopt niet",
}


def _locate(text: str, loc: Loc) -> int | None:
    """The line that best matches a field path in a TOML text: the key itself, or else the
    closest table or key it lives in. A small line scanner; TOML parsers here give no positions."""
    positions: dict[Loc, int] = {}
    array_counts: dict[Loc, int] = {}
    table: Loc = ()
    header = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    key_line = re.compile(r"^\s*([A-Za-z0-9_\-\".]+)\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        match = header.match(line)
        if match:
            names = [part.strip().strip('"') for part in match.group(2).split(".")]
            path: Loc = ()
            for i, name in enumerate(names):
                path += (name,)
                is_last = i == len(names) - 1
                if is_last and match.group(1) == "[[":
                    array_counts[path] = array_counts.get(path, -1) + 1
                    path += (array_counts[path],)
                elif path in array_counts:
                    path += (array_counts[path],)
            table = path
            positions.setdefault(table, number)
            continue
        match = key_line.match(line)
        if match:
            keys = tuple(part.strip('"') for part in match.group(1).split("."))
            positions.setdefault(table + keys, number)
    for length in range(len(loc), 0, -1):
        if loc[:length] in positions:
            return positions[loc[:length]]
    return None
