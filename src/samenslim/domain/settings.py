"""The user's settings (theme, bell), a small TOML file. A damaged file never stops the app: it is
left as it is, the defaults are used and the reason is reported in Dutch."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from samenslim.domain import tomlfile
from samenslim.domain.oserrors import describe_os_error
from samenslim.domain.private_files import write_private


class Instellingen(BaseModel):
    model_config = ConfigDict(extra="ignore")

    thema: str = "textual-dark"  # a Textual theme name, e.g. "hoog-contrast"
    bel: bool = False  # ring the terminal bell when a step's time runs out
    # A step with a planned time starts its timer when it is first opened (ctrl+t still pauses).
    # Our choice: on by default, because a forgotten ctrl+t makes the schedule drift unnoticed.
    timer_automatisch: bool = True


def load(path: Path) -> tuple[Instellingen, str | None]:
    """(settings, problem): defaults and no problem when there is no file yet."""
    try:
        data = tomlfile.loads(path.read_text(encoding="utf-8"))
        return Instellingen.model_validate(data), None
    except FileNotFoundError:
        return Instellingen(), None
    except OSError as error:
        reason = describe_os_error(error)
    except UnicodeDecodeError as error:
        reason = f"het bestand is geen UTF-8-tekst (byte {error.start})"
    except tomllib.TOMLDecodeError as error:
        reason = tomlfile.describe(error)
    except ValidationError as error:
        from samenslim.domain.content import dutch_message

        first = error.errors()[0]
        reason = f"veld '{'.'.join(str(p) for p in first['loc'])}' {dutch_message(first)}"
    return Instellingen(), f"{path} kan niet gelezen worden ({reason}); de standaardinstellingen worden gebruikt"


def save(path: Path, settings: Instellingen) -> None:
    """Written atomically and fsynced (temp file + replace), so a crash never leaves half a
    settings file; owner-only (0600 in a 0700 folder), like everything samenslim writes."""
    write_private(path, tomli_w.dumps(settings.model_dump()), root=path.parent)
