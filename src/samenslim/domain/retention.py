"""Retention terms per group (`samenslim bewaartermijn`, issue 14): how many months after a
group's last meeting its sessions are kept, and why (the Autoriteit Persoonsgegevens asks
organisations to record both).

Kept in `bewaartermijnen.toml` in the data folder, owner-only, written atomically. A damaged file is
never overwritten: the command says what is wrong (file, line, field) and leaves it as it is.
Carrying the terms out (`samenslim opruimen`: delete or anonymise) is still to come; this module
already says which groups are past their term.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated

import tomli_w
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from samenslim.domain import tomlfile
from samenslim.domain.groups import group_key
from samenslim.domain.oserrors import describe_os_error
from samenslim.domain.private_files import write_private

FILE_NAME = "bewaartermijnen.toml"
MAX_MONTHS = 1200  # a hundred years: more is a typing error


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


class Bewaartermijnen(BaseModel):
    model_config = ConfigDict(extra="allow")

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


def record(data_dir: Path, group: str, months: int, reason: str, now: datetime) -> Bewaartermijn:
    """Record (or change) a group's term. RetentionFileError when the file cannot be read (it is
    then left as it is); pydantic's ValidationError for a bad group, number or reason; OSError."""
    terms = load(path_in(data_dir))
    term = Bewaartermijn(groep=group, maanden=months, reden=reason, vastgelegd=now)
    key = group_key(term.groep)
    terms.termijn = [old for old in terms.termijn if group_key(old.groep) != key] + [term]
    save(data_dir, terms)
    return term


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
