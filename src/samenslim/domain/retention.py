"""Retention terms per group (`samenslim bewaartermijn`, issue 14): how many months after a
group's last meeting its sessions are kept, and why (the Autoriteit Persoonsgegevens asks
organisations to record both).

Kept in `bewaartermijnen.toml` in the data folder, owner-only, written atomically. A damaged file is
never overwritten: the command says what is wrong (file, line, field) and leaves it as it is.
With each term the facilitator records what happens once it is over (`na`): the sessions are
deleted (the default: storage limitation, AVG art. 5(1)(e), and privacy by default, art. 25(2) —
keeping anything is a choice someone makes on purpose) or anonymised (the group's trend stays).
`samenslim opruimen` (domain/cleanup.py) carries the terms out and records here when it last ran.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import tomli_w
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from samenslim.domain import tomlfile
from samenslim.domain.groups import group_key
from samenslim.domain.oserrors import describe_os_error
from samenslim.domain.private_files import write_private

FILE_NAME = "bewaartermijnen.toml"
MAX_MONTHS = 1200  # a hundred years: more is a typing error
Na = Literal["verwijderen", "anonimiseren"]
AFTER_ACTIONS: tuple[Na, ...] = ("verwijderen", "anonimiseren")
DEFAULT_AFTER: Na = "verwijderen"  # privacy by default: nothing is kept unless someone chose to keep it


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValueError("mag niet leeg zijn")
    return text


Tekst = Annotated[str, AfterValidator(_tidy)]


class Bewaartermijn(BaseModel):
    # Keys a newer samenslim adds (such as what to do when the term is over) survive a rewrite.
    model_config = ConfigDict(extra="allow")

    groep: Tekst
    maanden: Annotated[int, Field(ge=1, le=MAX_MONTHS, strict=True)]
    reden: Tekst
    vastgelegd: datetime  # when the term was recorded
    na: Na = DEFAULT_AFTER  # what happens to the sessions once the term is over


class Bewaartermijnen(BaseModel):
    model_config = ConfigDict(extra="allow")

    # When `samenslim opruimen --uitvoeren` last ran (None: never). Before the tables in the file.
    opgeruimd: datetime | None = None
    termijn: list[Bewaartermijn] = []  # [[termijn]] tables in the file, one per group

    def for_group(self, group: str) -> Bewaartermijn | None:
        key = group_key(group)
        return next((term for term in self.termijn if group_key(term.groep) == key), None)


class RetentionFileError(Exception):
    """The file cannot be read; the message (Dutch) names the file and, where known, line and field."""


def path_in(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def load(path: Path) -> Bewaartermijnen:
    """The terms; none when there is no file yet. RetentionFileError when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Bewaartermijnen()
    except OSError as error:
        raise RetentionFileError(f"{path} kan niet gelezen worden: {describe_os_error(error)}") from None
    except UnicodeDecodeError as error:
        raise RetentionFileError(f"{path}: het bestand is geen UTF-8-tekst (byte {error.start})") from None
    try:
        return Bewaartermijnen.model_validate(tomlfile.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise RetentionFileError(f"{path}: {tomlfile.describe(error)}") from None
    except ValidationError as error:
        from samenslim.domain.content import dutch_message

        first = error.errors()[0]
        where = ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ") if first["type"] == "value_error" else dutch_message(first)
        raise RetentionFileError(f"{path}: veld '{where}' {message}") from None


def save(data_dir: Path, terms: Bewaartermijnen) -> Path:
    """Owner-only and atomic, like everything samenslim writes."""
    header = ("# Bewaartermijnen per groep: hoeveel maanden na de laatste bijeenkomst de sessies bewaard blijven,\n"
              "# en waarom. Geschreven door samenslim bewaartermijn; met de hand aanpassen mag.\n\n")
    data = terms.model_dump(mode="python", exclude_none=True)
    return write_private(path_in(data_dir), header + tomli_w.dumps(data), root=Path(data_dir))


def record(data_dir: Path, group: str, months: int, reason: str, now: datetime,
           after: Na | None = None) -> Bewaartermijn:
    """Record (or change) a group's term; without `after` an earlier choice of the group stays (else the
    default). RetentionFileError when the file cannot be read (it is then left as it is); pydantic's
    ValidationError for a bad group, number, reason or after-action; OSError."""
    terms = load(path_in(data_dir))
    earlier = terms.for_group(group)
    if after is None:
        after = earlier.na if earlier is not None else DEFAULT_AFTER
    term = Bewaartermijn(groep=group, maanden=months, reden=reason, vastgelegd=now, na=after)
    key = group_key(term.groep)
    terms.termijn = [old for old in terms.termijn if group_key(old.groep) != key] + [term]
    save(data_dir, terms)
    return term


def record_cleanup(data_dir: Path, when: datetime) -> None:
    """Note when the terms were last carried out. RetentionFileError (the file is left as it is), OSError."""
    terms = load(path_in(data_dir))
    terms.opgeruimd = when
    save(data_dir, terms)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later; the month's last day when it has no such day (31 jan + 1 = 28/29 feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=min(day, moment.day))
        except ValueError:
            continue
    raise ValueError(month)  # pragma: no cover - day 28 exists in every month


def term_ends(term: Bewaartermijn, last_meeting: datetime) -> datetime:
    return add_months(last_meeting, term.maanden)
