"""Adapting content: `samenslim kopieer` writes an editable TOML copy that loads, a mistake in it
gets the loader's file/line/field message, and a user's deck replaces the built-in one."""

from __future__ import annotations

from pathlib import Path

from samenslim.domain.content import load_content
from samenslim.domain.locations import Locations, builtin_content_dir
from samenslim.domain.session import new_session
from tests.functional.test_cli import run


def test_kopieer_writes_a_copy_that_loads_under_a_new_id(tmp_path: Path) -> None:
    result = run("kopieer", "schaalvraag", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / "werkvormen" / "schaalvraag-eigen.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Eigen versie van 'Schaalvraag'")
    library = load_content(builtin_content_dir(), Locations(tmp_path).user_content_root)
    assert not library.problems
    copy, original = library.werkvormen["schaalvraag-eigen"], library.werkvormen["schaalvraag"]
    assert [s.model_dump() for s in copy.stappen] == [s.model_dump() for s in original.stappen]
    assert run("lijst", data_dir=tmp_path).stdout.count("schaalvraag") == 2
    # A second copy gets the next free id instead of overwriting the first.
    assert Path(run("kopieer", "schaalvraag", data_dir=tmp_path).stdout.strip()).name == "schaalvraag-eigen-2.toml"


def test_a_mistake_in_the_copy_is_reported_with_file_line_and_field(tmp_path: Path) -> None:
    path = Path(run("kopieer", "historielijn", "--id", "onze-historie", data_dir=tmp_path).stdout.strip())
    lines = path.read_text(encoding="utf-8").splitlines()
    second_kind = [number for number, line in enumerate(lines) if line.startswith("soort = ")][1]
    lines[second_kind] = 'soort = "tijdlijnn"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("valideer", str(path), data_dir=tmp_path)
    assert result.returncode == 1
    assert f"{path}:{second_kind + 1}" in result.stdout and "stappen[2].soort" in result.stdout
    assert "onbekende soort 'tijdlijnn'" in result.stdout
    # The app keeps working: the broken copy is skipped and reported, the built-in one still loads.
    library = load_content(builtin_content_dir(), tmp_path)
    assert "historielijn" in library.werkvormen and "onze-historie" not in library.werkvormen
    assert any(problem.path == path for problem in library.problems)


def test_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = run("kopieer", "bestaat-niet", data_dir=tmp_path)
    assert result.returncode == 1 and "'bestaat-niet' is geen werkvorm of stapel" in result.stderr


def test_own_check_in_questions_replace_the_deck(tmp_path: Path) -> None:
    library = load_content(builtin_content_dir(), tmp_path)
    if "check-in-vragen" not in library.stapels:
        return  # the deck file is not there (yet): nothing to replace
    path = Path(run("kopieer", "check-in-vragen", data_dir=tmp_path).stdout.strip())
    assert path == tmp_path / "stapels" / "check-in-vragen.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("kaarten = [", 'kaarten = [\n    "Wat neem je mee van vorige keer?",'),
                    encoding="utf-8")
    library = load_content(builtin_content_dir(), tmp_path)
    assert not library.problems
    deck = library.stapels["check-in-vragen"]
    assert deck.kaarten[0].titel == "Wat neem je mee van vorige keer?"
    session = new_session([library.werkvormen["check-in"]], titel="x", stapels=library.stapels)
    assert "Wat neem je mee van vorige keer?" in session.werkvormen[0].stappen[0].inhoud["kaarten"]


def test_dangling_references_are_reported(tmp_path: Path) -> None:
    (tmp_path / "werkvormen").mkdir()
    (tmp_path / "werkvormen" / "kies.toml").write_text(
        'id = "kies"\ntitel = "Kies"\nhoofdstuk = "Experimenteren"\n\n[[stappen]]\ntitel = "Kies"\n'
        'soort = "keuze"\nstapel = "bestaat-niet"\n', encoding="utf-8")
    library = load_content(builtin_content_dir(), tmp_path)
    assert "kies" not in library.werkvormen
    [problem] = [p for p in library.problems if p.path.name == "kies.toml"]
    assert problem.field == "stappen[1].stapel" and problem.line == 8 and "bestaat niet" in problem.message
