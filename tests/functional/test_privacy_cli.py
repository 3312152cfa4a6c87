"""`samenslim privacy`: what samenslim keeps where, and where identifiers sit (kinds and places,
never the values); exit 1 when something needs attention."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from samenslim.cli import main

EXAMPLES = Path(__file__).parents[2] / "sessions"
INTERVISIE = "20260407-150000-intervisie-trajectbegeleiders-3c2c"

# What a facilitator might type, and each value that must never be printed back.
VALUES = {
    "bsn": "123.456.782",
    "telefoon": "06-12345678",
    "email": "moeder.jansen@example.nl",
    "iban": "NL91 ABNA 0417 1643 00",
    "geboortedatum": "14-03-2008",
}


def privacy(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["privacy", "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "sessies")
    return tmp_path


def edit(data_dir: Path, session_id: str, change) -> None:
    path = data_dir / "sessies" / f"{session_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def assert_no_value(output: str) -> None:
    digits_out = re.sub(r"\D", "", output)
    for value in VALUES.values():
        assert value not in output
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 8:
            assert digits not in digits_out, f"the digits of {value!r} were printed"
    assert "moeder.jansen" not in output


def test_clean_sessions_say_where_everything_is_and_exit_0(data_dir: Path, capsys) -> None:
    code, output = privacy(data_dir, capsys)
    assert code == 0
    assert f"Gegevensmap        {data_dir}" in output
    assert f"Sessies            {data_dir / 'sessies'}  (3 bestanden)" in output
    assert f"Verslagen          {data_dir / 'verslagen'}  (nog niet aangemaakt)" in output
    assert "3 sessies, de oudste van 12-03-2026. Per groep:" in output
    assert "  Netwerk Jongeren Oost: 1 sessie (12-03-2026)" in output
    assert "  solo (privé): 1 sessie (20-04-2026)" in output
    assert "Geen herkenbare gegevens gevonden in 3 sessies" in output


def test_an_empty_data_folder(tmp_path: Path, capsys) -> None:
    code, output = privacy(tmp_path, capsys)
    assert code == 0
    assert "Nog geen sessies." in output
    assert "Herkenbare gegevens gevonden" not in output


def test_identifiers_are_named_by_kind_and_place_and_never_shown(data_dir: Path, capsys) -> None:
    def type_identifiers(data) -> None:
        steps = data["werkvormen"][0]["stappen"]
        steps[0]["vastgelegd"]["notities"] += f"\nBSN {VALUES['bsn']}, geboren {VALUES['geboortedatum']}."
        steps[1]["vastgelegd"]["beurten"][1]["tekst"] += f" Bel {VALUES['telefoon']} of mail {VALUES['email']}."
        steps[2]["concepten"] = {"notities": f"rekening {VALUES['iban']}"}  # typed, not yet confirmed

    edit(data_dir, INTERVISIE, type_identifiers)
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert (f"sessie {INTERVISIE} “Intervisie trajectbegeleiders april”: 1 BSN, 1 telefoonnummer, "
            "1 e-mailadres, 1 IBAN, 1 geboortedatum") in output
    assert "    BSN: stap 1 “Vertellen” › notities" in output
    assert "    geboortedatum: stap 1 “Vertellen” › notities" in output
    assert "    telefoonnummer: stap 2 “Complimenten” › beurten › 2 › tekst" in output
    assert "    e-mailadres: stap 2 “Complimenten” › beurten › 2 › tekst" in output
    assert "    IBAN: stap 3 “" in output and "› nog niet bevestigd › notities" in output
    assert "Een BSN mag alleen waar een wet dat voorschrijft." in output
    assert "bijeenkomst-1" not in output.split("Herkenbare gegevens")[1], "only sessions with findings are listed"
    assert_no_value(output)


def test_a_title_holding_an_identifier_is_shown_with_its_placeholder(data_dir: Path, capsys) -> None:
    edit(data_dir, INTERVISIE, lambda data: data.update(titel=f"Intervisie, terugbellen {VALUES['telefoon']}"))
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert "“Intervisie, terugbellen [telefoonnummer verwijderd]”: 1 telefoonnummer" in output
    assert "telefoonnummer: titel van de sessie" in output
    assert_no_value(output)


def test_several_in_one_place_are_counted(data_dir: Path, capsys) -> None:
    edit(data_dir, INTERVISIE, lambda data: data["werkvormen"][0]["stappen"][0]["vastgelegd"].update(
        notities="Bel 06-12345678 of 020-1234567, of 0031 6 87654321."))
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert "    telefoonnummers (3): stap 1 “Vertellen” › notities" in output


def test_reports_are_scanned_by_line(data_dir: Path, capsys) -> None:
    reports = data_dir / "verslagen"
    reports.mkdir()
    (reports / f"{INTERVISIE}.md").write_text(f"# Verslag\n\nGeen nummers.\nBSN {VALUES['bsn']}\n", encoding="utf-8")
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert f"  verslag {INTERVISIE}.md: 1 BSN" in output
    assert "    BSN: regel 4" in output
    assert "(1 bestand)" in output
    assert_no_value(output)


def test_a_file_that_cannot_be_read_needs_attention(data_dir: Path, capsys) -> None:
    (data_dir / "sessies" / "20260101-100000-kapot-0000.json").write_text("{", encoding="utf-8")
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert "Niet te controleren (samenslim kan deze bestanden niet lezen):" in output
    assert "  20260101-100000-kapot-0000.json: geen geldige JSON" in output
    assert "3 sessies, de oudste" in output, "the damaged file is not counted as a session"


def test_a_file_of_a_newer_version_cannot_be_checked(data_dir: Path, capsys) -> None:
    edit(data_dir, INTERVISIE, lambda data: data.update(schema_versie=99))
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert f"  {INTERVISIE}.json: geschreven door een nieuwere versie van samenslim" in output


def test_help_is_dutch_and_the_exit_code_reaches_the_shell(data_dir: Path) -> None:
    edit(data_dir, INTERVISIE, lambda data: data["werkvormen"][0]["stappen"][0]["vastgelegd"].update(
        notities=f"BSN {VALUES['bsn']}"))
    command = [sys.executable, "-m", "samenslim"]
    shown = subprocess.run([*command, "--help"], capture_output=True, text=True)
    assert "privacy" in shown.stdout and "herkenbare gegevens" in shown.stdout
    result = subprocess.run([*command, "privacy", "--data-dir", str(data_dir)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "BSN: stap 1 “Vertellen” › notities" in result.stdout
    assert "456" not in result.stdout.split("Herkenbare gegevens")[1]


# --- retention terms -----------------------------------------------------------------------------

def retention(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["bewaartermijn", *args, "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_term_is_recorded_privately_and_shown_in_privacy(data_dir: Path, capsys) -> None:
    code, out, err = retention(data_dir, capsys, "netwerk jongeren  OOST", "1200",
                               "--reden", "Afspraak in het convenant: tien jaar voor de trendanalyse")
    assert code == 0
    assert out == ("Bewaartermijn van netwerk jongeren OOST: 1200 maanden na de laatste bijeenkomst, daarna verwijderen. "
                   "Reden: Afspraak in het convenant: tien jaar voor de trendanalyse\n"
                   "Laatste bijeenkomst 12-03-2026: bewaren tot 12-03-2126.\n")
    path = data_dir / "bewaartermijnen.toml"
    assert f"Vastgelegd in {path}" in err
    assert path.stat().st_mode & 0o777 == 0o600
    stored = tomllib.loads(path.read_text(encoding="utf-8"))
    assert stored["termijn"][0]["maanden"] == 1200 and stored["termijn"][0]["groep"] == "netwerk jongeren OOST"

    code, output = privacy(data_dir, capsys)
    assert code == 0
    assert ("  Netwerk Jongeren Oost: 1 sessie (12-03-2026)\n    bewaartermijn 1200 maanden na de laatste bijeenkomst: "
            "bewaren tot 12-03-2126, daarna verwijderen; reden: Afspraak in het convenant: tien jaar voor de trendanalyse") in output
    assert "  Intervisie trajectbegeleiders: 1 sessie (07-04-2026)\n    geen bewaartermijn vastgelegd" in output
    assert f"Bewaartermijnen    {path}\n" in output


def test_a_group_past_its_term_needs_attention(data_dir: Path, capsys) -> None:
    assert retention(data_dir, capsys, "Netwerk Jongeren Oost", "1", "--reden", "kort")[0] == 0
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert "bewaartermijn 1 maand na de laatste bijeenkomst: verlopen op 12-04-2026, daarna verwijderen; reden: kort" in output
    assert "Over de bewaartermijn van hun groep: 1 sessie. Bekijk ze met: samenslim opruimen" in output
    assert "  Netwerk Jongeren Oost: 1 sessie, bewaren tot 12-04-2026, daarna verwijderen" in output
    assert "  Laatst opgeruimd: nog nooit (samenslim opruimen --uitvoeren)" in output


def test_recording_again_changes_the_groups_one_term(data_dir: Path, capsys) -> None:
    retention(data_dir, capsys, "Netwerk Jongeren Oost", "1", "--reden", "kort")
    retention(data_dir, capsys, "netwerk jongeren oost", "24", "--reden", "toch langer")
    retention(data_dir, capsys, "Nieuwe groep", "6", "--reden", "nog geen sessies")
    stored = tomllib.loads((data_dir / "bewaartermijnen.toml").read_text(encoding="utf-8"))
    assert [(term["groep"], term["maanden"]) for term in stored["termijn"]] == [
        ("netwerk jongeren oost", 24), ("Nieuwe groep", 6)]
    code, output = privacy(data_dir, capsys)
    assert "  Nieuwe groep: geen sessies; bewaartermijn 6 maanden, reden: nog geen sessies" in output


def test_a_group_without_sessions_is_recorded_with_a_note(data_dir: Path, capsys) -> None:
    code, _out, err = retention(data_dir, capsys, "Nieuwe groep", "6", "--reden", "vooraf afgesproken")
    assert code == 0
    assert "let op: er zijn (nog) geen sessies van groep 'Nieuwe groep'; de termijn geldt zodra ze er zijn." in err


@pytest.mark.parametrize(("args", "message"), [
    (["Groep", "0", "--reden", "x"], "samenslim bewaartermijn: MAANDEN moet een geheel getal van 1 tot en met 1200 zijn"),
    (["Groep", "1201", "--reden", "x"], "MAANDEN moet een geheel getal van 1 tot en met 1200 zijn"),
    (["Groep", "12", "--reden", "  "], "samenslim bewaartermijn: --reden mag niet leeg zijn"),
    (["  ", "12", "--reden", "x"], "samenslim bewaartermijn: GROEP mag niet leeg zijn"),
])
def test_bad_input_is_refused_in_dutch(data_dir: Path, capsys, args: list[str], message: str) -> None:
    code, _out, err = retention(data_dir, capsys, *args)
    assert code == 2
    assert message in err
    assert not (data_dir / "bewaartermijnen.toml").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["Groep", "12"], "fout: dit ontbreekt nog: --reden"),
    (["Groep", "twaalf", "--reden", "x"], "MAANDEN: ongeldige waarde: 'twaalf' (verwacht: een geheel getal)"),
])
def test_usage_errors_are_dutch(data_dir: Path, capsys, args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["bewaartermijn", *args, "--data-dir", str(data_dir)])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_damaged_terms_file_is_left_alone_and_needs_attention(data_dir: Path, capsys) -> None:
    path = data_dir / "bewaartermijnen.toml"
    damaged = '[[termijn]]\ngroep = "Oost"\nmaanden = "twaalf"\nreden = "r"\nvastgelegd = 2026-01-01T00:00:00Z\n'
    path.write_text(damaged, encoding="utf-8")
    code, _out, err = retention(data_dir, capsys, "Oost", "12", "--reden", "x")
    assert code == 1
    assert f"samenslim bewaartermijn: {path}: veld 'termijn.1.maanden' moet een geheel getal zijn; er is niets veranderd" in err
    assert path.read_text(encoding="utf-8") == damaged
    code, output = privacy(data_dir, capsys)
    assert code == 1
    assert "let op: de bewaartermijnen kunnen niet gelezen worden:" in output and "termijn.1.maanden" in output

    path.write_text("[[termijn]\n", encoding="utf-8")
    code, _out, err = retention(data_dir, capsys, "Oost", "12", "--reden", "x")
    assert code == 1 and "geen geldige TOML op regel 1" in err
