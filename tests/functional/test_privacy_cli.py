"""`samenslim privacy`: what samenslim keeps where, and where identifiers sit (kinds and places,
never the values); exit 1 when something needs attention."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
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
