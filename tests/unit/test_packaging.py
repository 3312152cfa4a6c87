"""What a package page shows: the wheel carries the licence text, the metadata people look for,
and every library the code imports directly (rich, not only through textual)."""

from __future__ import annotations

import email
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel, built in-process by hatchling's PEP 517 hook (a second or two; no isolated env)."""
    import os

    from hatchling.build import build_wheel

    target = tmp_path_factory.mktemp("wheel")
    before = Path.cwd()
    os.chdir(REPO)
    try:
        name = build_wheel(str(target))
    finally:
        os.chdir(before)
    with zipfile.ZipFile(target / name) as built:
        yield built


def _dist_info(wheel: zipfile.ZipFile) -> str:
    [folder] = {name.split("/")[0] for name in wheel.namelist() if name.split("/")[0].endswith(".dist-info")}
    return folder


def test_the_wheel_holds_the_licence(wheel) -> None:
    licence = f"{_dist_info(wheel)}/licenses/LICENSE"
    assert licence in wheel.namelist()
    text = wheel.read(licence).decode("utf-8")
    assert text.startswith("MIT License") and "samenslim-ontwikkelaars" in text
    assert text == (REPO / "LICENSE").read_text(encoding="utf-8")


def test_the_metadata_names_licence_authors_and_what_is_imported(wheel) -> None:
    metadata = email.message_from_bytes(wheel.read(f"{_dist_info(wheel)}/METADATA"))
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert "samenslim-ontwikkelaars" in metadata["Author"]
    assert "werkvormen" in metadata["Keywords"]
    classifiers = metadata.get_all("Classifier")
    assert "Natural Language :: Dutch" in classifiers and "Environment :: Console" in classifiers
    import re

    requires = {re.match(r"[A-Za-z0-9_.-]+", line)[0].lower(): line for line in metadata.get_all("Requires-Dist")
                if "extra ==" not in line}
    assert {"rich", "textual", "pydantic", "filelock"} <= requires.keys(), requires
    assert ">=" in requires["rich"]


def test_the_readme_links_only_what_exists_on_a_package_page(wheel) -> None:
    """The README is the package page; a relative link to a file of the source tree breaks there."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert not [link for link in links if not link.startswith(("http://", "https://", "#"))], links
