from __future__ import annotations

from pathlib import Path

import pytest

from samenslim.domain.content import HOOFDSTUKKEN, load_file, load_library, validate_paths
from samenslim.domain.locations import builtin_content_dir

BUILTIN = builtin_content_dir() / "werkvormen"

GOOD = '''
id = "mijn-rondje"
titel = "Mijn rondje"
hoofdstuk = "Experimenteren"
rollen = ["voorzitter"]

[[stappen]]
titel = "Vraag"
soort = "vragen"
minuten = 2
vragen = ["Wat gaat goed?"]

[[stappen]]
titel = "Rond"
soort = "rondje"
herhalen = true
zonder_rol = "voorzitter"
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_werkvormen_load_without_problems() -> None:
    library = load_library(BUILTIN)
    assert library.problems == []
    assert {"check-in", "historielijn", "schaalvraag", "progressiegerichte-intervisie"} <= set(library.werkvormen)
    assert set(library.by_chapter()) == set(HOOFDSTUKKEN)


def test_book_facts_of_the_four_foundation_werkvormen() -> None:
    library = load_library(BUILTIN).werkvormen
    check_in = library["check-in"]
    assert check_in.minuten == 10
    assert check_in.stappen[0].stapel == "check-in-vragen"
    assert [s.soort for s in check_in.stappen] == ["stapel", "rondje"]
    assert [s.soort for s in library["historielijn"].stappen] == ["vragen", "opstelling", "vragen", "tijdlijn", "vragen"]
    schaal = library["schaalvraag"]
    assert len(schaal.stappen) == 6
    assert schaal.stappen[1].soort == "schaal" and schaal.stappen[-1].soort == "actie"
    intervisie = library["progressiegerichte-intervisie"]
    assert [s.titel for s in intervisie.stappen] == ["Vertellen", "Complimenten", "Vragen", "Tips", "Ontvangen"]
    assert 20 <= sum(s.minuten for s in intervisie.stappen) <= 25
    assert (intervisie.minuten, intervisie.minuten_max) == (20, 25), "the book's range, not one number"
    assert [s.soort for s in intervisie.stappen[2:4]] == ["rondje", "rondje"]
    assert all(s.herhalen for s in intervisie.stappen[2:4])
    assert set(intervisie.rollen) == {"voorzitter", "casusinbrenger"}


def test_a_good_user_file_loads_beside_the_builtins(tmp_path: Path) -> None:
    user = tmp_path / "eigen"
    write(user, "mijn.toml", GOOD)
    library = load_library(BUILTIN, user)
    assert library.problems == []
    assert library.werkvormen["mijn-rondje"].stappen[1].herhalen is True
    assert library.sources["mijn-rondje"] == user / "mijn.toml"


def test_malformed_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "kapot.toml", 'id = "kapot"\ntitel = "Kapot\nhoofdstuk = "Experimenteren"\n')
    werkvorm, problems = load_file(path)
    assert werkvorm is None
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == path and problem.line == 2 and problem.column is not None
    assert "geen geldige TOML" in problem.message
    assert str(problem).startswith(f"{path}:2:")


def test_unknown_step_kind_points_at_its_soort_line(tmp_path: Path) -> None:
    text = GOOD.replace('soort = "rondje"', 'soort = "dansje"')
    path = write(tmp_path, "dans.toml", text)
    _, problems = load_file(path)
    assert len(problems) == 1
    assert problems[0].field == "stappen[2].soort"
    assert problems[0].line == text.splitlines().index('soort = "dansje"') + 1
    assert "onbekende soort 'dansje'" in problems[0].message and "rondje" in problems[0].message


def test_unknown_keys_are_errors_not_silently_dropped(tmp_path: Path) -> None:
    text = GOOD.replace("herhalen = true", "herhaal = true")
    path = write(tmp_path, "typo.toml", text)
    _, problems = load_file(path)
    assert [p.field for p in problems] == ["stappen[2].herhaal"]
    assert problems[0].line == text.splitlines().index("herhaal = true") + 1
    assert "onbekend veld" in problems[0].message


def test_wrong_types_and_missing_fields_are_all_reported(tmp_path: Path) -> None:
    text = GOOD.replace('titel = "Mijn rondje"', "titel = 3").replace("minuten = 2", 'minuten = "twee"')
    text = text.replace('hoofdstuk = "Experimenteren"\n', "")
    path = write(tmp_path, "types.toml", text)
    _, problems = load_file(path)
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"titel", "hoofdstuk", "stappen[1].minuten"}
    assert by_field["titel"].message == "moet tekst zijn (tussen aanhalingstekens)"
    assert by_field["titel"].line == 3
    assert "verplicht" in by_field["hoofdstuk"].message
    assert by_field["stappen[1].minuten"].line == text.splitlines().index('minuten = "twee"') + 1


def test_the_case_marker_is_a_bool_and_marks_the_told_case(tmp_path: Path) -> None:
    text = GOOD.replace('minuten = 2\n', 'minuten = 2\ncasus = "ja"\n')
    path = write(tmp_path, "casus.toml", text)
    _, problems = load_file(path)
    assert [(p.field, p.message) for p in problems] == [("stappen[1].casus", "moet true of false zijn")]
    assert problems[0].line == text.splitlines().index('casus = "ja"') + 1
    werkvorm, problems = load_file(write(tmp_path, "goed.toml", GOOD.replace("minuten = 2\n", "minuten = 2\ncasus = true\n")))
    assert not problems and werkvorm is not None
    assert [step.casus for step in werkvorm.stappen] == [True, False]
    assert "casus" not in werkvorm.stappen[0].inhoud(), "a common key, not the kind's own content"
    library = load_library(BUILTIN)
    marked = {(werkvorm_id, step.titel) for werkvorm_id, werkvorm in library.werkvormen.items()
              for step in werkvorm.stappen if step.casus}
    assert ("progressiegerichte-intervisie", "Vertellen") in marked
    assert ("hoe-werkte-het-hier", "Reconstructie van de ervaring") in marked


@pytest.mark.parametrize(("head", "fits"), [
    ("minuten = 20\nminuten_max = 25\n", True),
    ("minuten_max = 25\n", False),  # a top without a bottom
    ("minuten = 30\nminuten_max = 25\n", False),  # upside down
])
def test_a_time_range_needs_its_bottom_below_its_top(tmp_path: Path, head: str, fits: bool) -> None:
    path = write(tmp_path, "bereik.toml", GOOD.replace('rollen = ["voorzitter"]\n', 'rollen = ["voorzitter"]\n' + head))
    werkvorm, problems = load_file(path)
    if fits:
        assert problems == [] and werkvorm is not None and werkvorm.minuten_max == 25
    else:
        assert len(problems) == 1 and "minuten_max" in problems[0].message, problems


def test_role_left_out_of_a_round_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path, "rol.toml", GOOD.replace('zonder_rol = "voorzitter"', 'zonder_rol = "notulist"'))
    _, problems = load_file(path)
    assert len(problems) == 1 and "notulist" in problems[0].message


def test_a_bad_user_file_never_stops_the_others(tmp_path: Path) -> None:
    user = tmp_path / "eigen"
    write(user, "a-kapot.toml", "dit is [geen toml")
    write(user, "b-goed.toml", GOOD)
    write(user, "c-dubbel.toml", GOOD.replace('titel = "Mijn rondje"', 'titel = "Nog een"'))
    write(user, "d-check-in.toml", GOOD.replace('id = "mijn-rondje"', 'id = "check-in"'))
    library = load_library(BUILTIN, user)
    assert "mijn-rondje" in library.werkvormen and "check-in" in library.werkvormen
    assert library.werkvormen["check-in"].titel == "Check-in", "a user file cannot silently replace a built-in"
    names = sorted(p.path.name for p in library.problems)
    assert names == ["a-kapot.toml", "c-dubbel.toml", "d-check-in.toml"]
    duplicate = next(p for p in library.problems if p.path.name == "c-dubbel.toml")
    assert duplicate.field == "id" and duplicate.line == 2


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('titel = "Café"'.encode("latin-1"))
    _, problems = load_file(path)
    assert "UTF-8" in problems[0].message


def test_validate_paths_reports_missing_files_and_empty_folders(tmp_path: Path) -> None:
    problems = validate_paths([tmp_path / "bestaat-niet.toml", tmp_path])
    assert [p.message for p in problems] == ["bestand niet gevonden", "deze map bevat geen .toml-bestanden"]


@pytest.mark.parametrize("path", sorted(BUILTIN.glob("*.toml")), ids=lambda p: p.name)
def test_every_builtin_file_validates(path: Path) -> None:
    werkvorm, problems = load_file(path)
    assert problems == [] and werkvorm is not None
    assert werkvorm.id == path.stem, "file name and id agree, so a user can find the file of a werkvorm"


def test_the_decks_hold_the_books_lists() -> None:
    from samenslim.domain.content import load_content

    library = load_content(builtin_content_dir())
    sizes = {deck_id: len(deck.kaarten) for deck_id, deck in library.stapels.items()}
    assert sizes["check-in-vragen"] >= 15
    # the fourteen of 5.4, then the pioneer phase's stall from 2.1.1
    assert sizes["vastloopsituaties"] == 15 and sizes["patroondoorbrekers"] == 5
    assert library.stapels["vastloopsituaties"].kaarten[-1].id == "blijven-praten"
    assert sizes["rode-draden"] == 6 and sizes["kickstart-verhalen"] == 7
    assert [card.id for card in library.stapels["patroondoorbrekers"].kaarten] == \
        ["personen", "context", "denken", "doen", "tijd"]
    assert all(card.werkvormen for card in library.stapels["vastloopsituaties"].kaarten), "the helper has a suggestion"
    [programme] = library.programmas.values()
    assert [m.titel for m in programme.bijeenkomsten] == [
        "Samen richten", "Onderzoeken en verdiepen", "Ontwerpen van acties", "Reflecteren", "Oogsten"]
    assert programme.bijeenkomsten[0].werkvormen == ["check-in", "historielijn", "positief-thema"]


def test_the_werkzame_principes_belong_to_their_chapters() -> None:
    from samenslim.domain.content import load_content

    library = load_content(builtin_content_dir())
    per_chapter = {chapter: [card.titel for deck in library.chapter_decks(chapter) for card in deck.kaarten]
                   for chapter in HOOFDSTUKKEN}
    assert [len(per_chapter[chapter]) for chapter in HOOFDSTUKKEN] == [3, 3, 2], "the book's eight principles"
    assert per_chapter["Experimenteren"][1] == "2. Telkens één stap"
    assert all(deck.spiekbriefje for chapter in HOOFDSTUKKEN for deck in library.chapter_decks(chapter))


def test_background_and_inspiration_decks() -> None:
    from samenslim.domain.content import load_content

    library = load_content(builtin_content_dir())
    ai = library.stapels["waarderend-onderzoeken"]
    assert ai.spiekbriefje and ai.kaarten[0].titel == "Waarderend is niet hetzelfde als positief"
    assert any(card.id == "wanneer-past-het" for card in ai.kaarten)
    pilots = library.stapels["pilot-experimenten"]
    assert len(pilots.kaarten) >= 12
    design = [step for step in library.werkvormen["experiment-ontwerpen"].stappen if step.spiekbriefje]
    assert [step.spiekbriefje for step in design] == ["pilot-experimenten"]
    historielijn = library.werkvormen["historielijn"]
    assert "twee uur" in historielijn.doel and "drie of vier" in historielijn.doel, "duration and group size shown"
