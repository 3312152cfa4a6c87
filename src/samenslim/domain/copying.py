"""`samenslim kopieer`: write a built-in werkvorm or deck into the user's content folder as TOML,
ready to edit. A werkvorm copy gets a new id (both can be used side by side); a deck copy keeps its
id, so it replaces the built-in deck everywhere (that is how own check-in questions are added)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli_w

from samenslim.domain.content import ID_PATTERN, Library, Werkvorm
from samenslim.domain.decks import Stapel
from samenslim.domain.locations import Locations
from samenslim.domain.private_files import write_private
from samenslim.domain.store import describe_os_error


class CopyError(Exception):
    pass


MAX_ID_LENGTH = 60  # as content.Werkvorm's id field


def copy_content(library: Library, locations: Locations, source_id: str, new_id: str | None = None) -> Path:
    if source_id in library.werkvormen:
        return _copy_werkvorm(library.werkvormen[source_id], library, locations, new_id)
    if source_id in library.stapels:
        return _copy_deck(library.stapels[source_id], locations)
    known = ", ".join(sorted([*library.werkvormen, *library.stapels]))
    raise CopyError(f"'{source_id}' is geen werkvorm of stapel; kies uit: {known}")


def _copy_werkvorm(werkvorm: Werkvorm, library: Library, locations: Locations, new_id: str | None) -> Path:
    folder = locations.user_content_dir
    new_id = new_id if new_id is not None else _free_id(f"{werkvorm.id}-eigen", library, folder)
    check_content_id(new_id)  # before it becomes a file name: never a path, never outside the folder
    if new_id in library.werkvormen or (folder / f"{new_id}.toml").exists():
        raise CopyError(f"id '{new_id}' bestaat al; kies een ander met --id")
    data = werkvorm.model_dump(mode="json", exclude_defaults=True)
    data.update(id=new_id, titel=f"{werkvorm.titel} (eigen versie)")
    # 'soort' right under 'titel' in every step: that is how the built-in files read.
    data["stappen"] = [{"titel": step.pop("titel"), "soort": step.pop("soort"), **step} for step in data["stappen"]]
    header = (f"# Eigen versie van '{werkvorm.titel}' ({werkvorm.id}), gemaakt met samenslim kopieer.\n"
              f"# Pas hem aan en controleer met: samenslim valideer \"{folder / (new_id + '.toml')}\"\n")
    return _write(folder / f"{new_id}.toml", header, data, locations)


def _copy_deck(deck: Stapel, locations: Locations) -> Path:
    target = locations.user_decks_dir / f"{deck.id}.toml"
    if target.exists():
        raise CopyError(f"er is al een eigen versie van stapel '{deck.id}': {target}")
    data = deck.model_dump(mode="json", exclude_defaults=True)
    # Cards that are only a title are written as plain strings: easier to add your own.
    data["kaarten"] = [card["titel"] if set(card) == {"titel"} else card for card in data["kaarten"]]
    header = (f"# Eigen versie van de stapel '{deck.titel}'. Deze vervangt de ingebouwde stapel met hetzelfde id:\n"
              "# voeg kaarten toe, haal ze weg of herschrijf ze. Verwijder dit bestand om terug te gaan.\n")
    return _write(target, header, data, locations)


def check_content_id(value: str) -> str:
    """`value` when it is a valid werkvorm id (as content.Werkvorm checks it), else CopyError in Dutch."""
    if re.fullmatch(ID_PATTERN, value) is None or len(value) > MAX_ID_LENGTH:
        shown = ascii(value)[1:-1][:70]
        raise CopyError(f"'{shown}' kan geen id zijn: gebruik alleen kleine letters, cijfers en streepjes "
                        f"(bijv. 'check-in-eigen'), hoogstens {MAX_ID_LENGTH} tekens")
    return value


def _free_id(base: str, library: Library, folder: Path) -> str:
    candidate, number = base, 2
    while candidate in library.werkvormen or (folder / f"{candidate}.toml").exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _write(path: Path, header: str, data: dict[str, Any], locations: Locations) -> Path:
    text = header + tomli_w.dumps(data, multiline_strings=True)
    try:  # exclusive: never overwrite someone's edits
        return write_private(path, text, root=locations.data_dir, exclusive=True)
    except FileExistsError:
        raise CopyError(f"{path} bestaat al") from None
    except OSError as error:
        raise CopyError(f"kan {path} niet schrijven ({describe_os_error(error)})") from None
