"""Where samenslim keeps its files.

Precedence: the --data-dir option, then SAMENSLIM_DATA_DIR, then platformdirs' user data folder.
Session files and the user's own werkvormen live under that one folder so a single override
moves everything (handy for tests, demos and a USB stick).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "samenslim"
ENV_VAR = "SAMENSLIM_DATA_DIR"


@dataclass(frozen=True)
class Locations:
    data_dir: Path
    config_dir: Path | None = None  # None: settings live in the data folder (tests, USB stick)

    @property
    def settings_file(self) -> Path:
        return (self.config_dir or self.data_dir) / "instellingen.toml"

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / "sessies"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "verslagen"

    @property
    def screenshots_dir(self) -> Path:
        return self.data_dir / "schermafdrukken"

    @property
    def crash_dir(self) -> Path:
        return self.data_dir / "crashrapporten"

    @property
    def user_content_dir(self) -> Path:
        return self.data_dir / "werkvormen"

    @property
    def user_decks_dir(self) -> Path:
        return self.data_dir / "stapels"

    @property
    def user_content_root(self) -> Path:
        """Holds werkvormen/, stapels/ and programma/ like the built-in content folder."""
        return self.data_dir

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Locations:
        chosen = data_dir or os.environ.get(ENV_VAR)
        if chosen:  # an explicit folder holds everything, settings included
            return cls(Path(chosen).expanduser())
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                   Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def builtin_content_dir() -> Path:
    """The werkvormen shipped with samenslim.

    In a wheel they sit inside the package; in a source checkout (editable install) they sit in
    the repository's top-level content/ folder.
    """
    packaged = Path(__file__).parents[1] / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "content"
