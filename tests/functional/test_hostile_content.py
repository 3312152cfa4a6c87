"""Hostile content and settings files are ordinary problems with file and line (issue 11): nesting
too deep for tomllib, inf and nan minutes, and parser or OS errors always in Dutch."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

from samenslim.domain import settings
from samenslim.domain.catalog import quick_catalog
from samenslim.domain.content import load_content, validate_paths
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.oserrors import describe_os_error
from samenslim.screens.library import LibraryScreen
from tests.conftest import REPO, settled

DEEP = 'id = "diep"\ntitel = "Diep"\nhoofdstuk = "Experimenteren"\n\n[[stappen]]\ntitel = "x"\nsoort = "tekst"\n' \
       "vragen = " + "[" * 500 + '"a"' + "]" * 500 + "\n"


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samenslim", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True)


def user_werkvorm(data_dir: Path, name: str, text: str) -> Path:
    folder = data_dir / "werkvormen"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_werkvorm_nested_500_deep_is_a_problem_with_file_and_line(tmp_path: Path) -> None:
    path = user_werkvorm(tmp_path, "diep.toml", DEEP)
    library = load_content(builtin_content_dir(), tmp_path)
    problem = next(problem for problem in library.problems if problem.path == path)
    assert problem.line == 8 and "te diep genest" in problem.message
    assert "schaalvraag" in library.werkvormen, "the rest loads"
    assert quick_catalog(tmp_path / "werkvormen").entries["diep"].stappen == (), "its steps are read when shown"
    user_werkvorm(tmp_path, "kop.toml", 'id = "kop"\ntitel = "Kop"\ndoel = ' + "[" * 500 + "]" * 500 + "\n")
    assert "kop" not in quick_catalog(tmp_path / "werkvormen").entries, "a head it cannot read is left to the loader"
    problems = validate_paths([path])
    assert problems and problems[0].line == 8


def test_a_deck_nested_deep_inside_a_table_is_a_problem_too(tmp_path: Path) -> None:
    folder = tmp_path / "stapels"
    folder.mkdir()
    (folder / "diep.toml").write_text('id = "diep"\ntitel = "x"\n\n\nkaarten = ' + "{a = " * 400 + "1" + "}" * 400)
    library = load_content(builtin_content_dir(), tmp_path)
    assert any(problem.line == 5 and "te diep genest" in problem.message for problem in library.problems)


def test_settings_nested_deep_use_the_defaults_with_a_dutch_reason(tmp_path: Path) -> None:
    path = tmp_path / "instellingen.toml"
    path.write_text('thema = "hoog-contrast"\nx = ' + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    loaded, problem = settings.load(path)
    assert loaded == settings.Instellingen() and problem is not None
    assert "te diep genest" in problem and "regel 2" in problem


@pytest.mark.parametrize(("text", "dutch"), [
    ('thema = "a\n', "op regel 1, kolom 11: ongeldig teken"),
    ("bel = ja\n", "ongeldige waarde"),
    ('bel = "ja"\n', "moet true of false zijn"),
])
def test_settings_problems_are_in_dutch(tmp_path: Path, text: str, dutch: str) -> None:
    path = tmp_path / "instellingen.toml"
    path.write_text(text, encoding="utf-8")
    problem = settings.load(path)[1]
    assert problem is not None and dutch in problem and "Invalid" not in problem and "Input" not in problem


async def test_the_app_starts_with_deep_content_and_deep_settings(make_app, data_dir: Path) -> None:
    user_werkvorm(data_dir, "diep.toml", DEEP)
    (data_dir / "instellingen.toml").write_text("thema = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("te diep genest" in problem.message for problem in app.library.problems)


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e400"])
@pytest.mark.parametrize("where", ["werkvorm", "stap"])
def test_minutes_that_are_not_a_number_fail_valideer_and_lijst_json_still_works(tmp_path: Path, value: str,
                                                                                 where: str) -> None:
    text = (REPO / "content" / "werkvormen" / "schaalvraag.toml").read_text(encoding="utf-8")
    text = text.replace('id = "schaalvraag"', 'id = "mijn-schaal"')
    if where == "werkvorm":
        text = text.replace('paragraaf = "5.2"', f'paragraaf = "5.2"\nminuten = {value}')
    else:
        text = text.replace('soort = "tekst"', f'soort = "tekst"\nminuten = {value}', 1)
    path = user_werkvorm(tmp_path, "mijn-schaal.toml", text)
    checked = cli("valideer", str(path), data_dir=tmp_path)
    assert checked.returncode != 0 and "minuten" in checked.stdout + checked.stderr
    assert "Input should" not in checked.stdout + checked.stderr
    listed = cli("lijst", "--json", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "mijn-schaal" not in {row["id"] for row in json.loads(listed.stdout)}


def test_the_quick_catalog_shows_no_minutes_for_inf(tmp_path: Path) -> None:
    text = (REPO / "content" / "werkvormen" / "schaalvraag.toml").read_text(encoding="utf-8")
    text = text.replace('id = "schaalvraag"', 'id = "mijn-schaal"').replace(
        'paragraaf = "5.2"', 'paragraaf = "5.2"\nminuten = inf')
    user_werkvorm(tmp_path, "mijn-schaal.toml", text)
    assert quick_catalog(tmp_path / "werkvormen").entries["mijn-schaal"].minuten is None


@pytest.mark.parametrize("code", [errno.EIO, errno.ENOENT, errno.ESTALE, errno.EMFILE, errno.ENAMETOOLONG, 9999])
def test_os_errors_are_told_in_dutch(code: int) -> None:
    text = describe_os_error(OSError(code, "Input/output error"))
    assert "error" not in text and "Input" not in text and text
    if code == 9999:
        assert "9999" in text, "an unknown code is named, so it can be looked up"
