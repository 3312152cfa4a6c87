"""The report for the group (`export --voor groep`, the default): what the group produced, without the
case notes content marks (`casus = true`), without per-person scores (the group's score and the
average stay), every identifier replaced, and a list at the end of what was left out."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from samenslim.cli import main
from samenslim.domain import erasure
from samenslim.domain.content import load_content
from samenslim.domain.export import markdown
from samenslim.domain.identifiers import find_identifiers
from samenslim.domain.locations import Locations, builtin_content_dir
from samenslim.domain.report_formats import build, docx_texts
from samenslim.domain.session import Sessie, new_session, session_from_json

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
EXAMPLE_FILES = sorted(path for path in EXAMPLES.glob("*.json") if not path.name.startswith("."))
SNAPSHOTS = Path(__file__).resolve().parent / "export_snapshots"
INTERVISIE = "20260407-150000-intervisie-trajectbegeleiders-3c2c"
BSN = "123456782"  # passes the 11-proef


def example(name: str = INTERVISIE) -> Sessie:
    return session_from_json(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def case_notes(session: Sessie) -> str:
    step = session.werkvormen[0].stappen[0]
    assert step.casus and step.titel == "Vertellen"
    return step.vastgelegd["notities"]


def with_a_bsn(session: Sessie) -> Sessie:
    """A copy with a BSN in a note of a step that is no case step, and in the title."""
    copy = session.model_copy(deep=True)
    tips = copy.werkvormen[0].stappen[3]
    assert tips.titel == "Tips" and not tips.casus
    tips.vastgelegd["beurten"][0]["tekst"] += f" (BSN {BSN})"
    copy.titel += f" {BSN[:3]}.{BSN[3:6]}.{BSN[6:]}"
    return copy


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_group_report_matches_the_reviewed_snapshot(path: Path) -> None:
    # To accept a deliberate change: SAMENSLIM_UPDATE_SNAPSHOTS=1, then read the diff of the .groep.md files.
    snapshot = SNAPSHOTS / f"{path.stem}.groep.md"
    text = markdown(example(path.stem), "groep")
    if os.environ.get("SAMENSLIM_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


def test_the_full_report_is_unchanged_by_the_group_version() -> None:
    for path in EXAMPLE_FILES:
        expected = (SNAPSHOTS / f"{path.stem}.md").read_text(encoding="utf-8")
        assert build(example(path.stem), "md", "volledig").content == expected


def test_group_report_of_the_example_intervisie_leaves_the_case_out() -> None:
    session = example()
    notes = case_notes(session)
    text = markdown(session, "groep")
    for line in notes.splitlines():
        if line.strip():
            assert line.strip() not in text
    assert "### Vertellen" in text and "Wat is de casus?" in text, "the step and its question stay"
    assert "Plan één gesprek met alle partijen" in text, "the group's tips stay"
    assert text.rstrip().endswith("- de notities van stap 1 'Vertellen' (casusnotities)")
    assert notes.splitlines()[0] in markdown(session, "volledig"), "the full report keeps them"


@pytest.mark.parametrize("vorm", ["md", "html", "docx"])
def test_group_report_holds_no_identifier_in_any_form(vorm: str) -> None:
    session = with_a_bsn(example())
    full = build(session, vorm, "volledig")
    assert full.identifiers["bsn"] == 2
    report = build(session, vorm, "groep")
    assert not report.identifiers, "nothing left for the scan to find"
    if vorm == "docx":
        assert isinstance(report.content, bytes)
        texts = [text for _, text in docx_texts(report.content)]
        document = docx.Document(io.BytesIO(report.content))
        assert document.core_properties.title == "Intervisie trajectbegeleiders april [BSN verwijderd]"
        assert "Weggelaten" in texts
        assert not any(find_identifiers(text) for text in texts)
        assert not any(case_notes(session).splitlines()[0] in text for text in texts)
        assert "2 BSN's: vervangen door een aanduiding zoals [BSN verwijderd]" in texts
        return
    assert isinstance(report.content, str)
    assert BSN not in report.content and "123.456.782" not in report.content
    assert ("\\[BSN verwijderd\\]" if vorm == "md" else "[BSN verwijderd]") in report.content  # md escapes '['
    assert "2 BSN's: vervangen door een aanduiding zoals" in report.content
    assert case_notes(session).splitlines()[0] not in report.content
    if vorm == "html":
        assert "<title>Intervisie trajectbegeleiders april [BSN verwijderd]</title>" in report.content


def schaalvraag() -> Sessie:
    library = load_content(builtin_content_dir())
    session = new_session([library.werkvormen["schaalvraag"]], titel="Schaal", deelnemers=["Anna", "Bram", "Cem"],
                          created=datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    step = next(step for step in session.werkvormen[0].stappen if step.soort == "schaal")
    step.gestart = datetime(2026, 5, 1, 9, 5, tzinfo=UTC)
    step.vastgelegd = {"groep": 6, "per_deelnemer": {"Anna": 5, "Bram": 7.5, "Cem": 8}, "notities": "Samen op 6."}
    return session


def test_group_report_of_a_schaalvraag_keeps_the_group_score_and_average_not_each_persons() -> None:
    session = schaalvraag()
    full = markdown(session, "volledig")
    assert "- **Anna:** 5" in full and "- **Bram:** 7,5" in full
    text = markdown(session, "groep")
    assert "- **Groep:** 6" in text and "- **Gemiddelde:** 6,8" in text and "Samen op 6." in text
    assert "Anna:" not in text and "7,5" not in text and "**Cem:**" not in text
    assert "- 3 persoonsgebonden scores (het cijfer van de groep en het gemiddelde staan erin)" in text
    assert "Anna, Bram, Cem" in text, "who took part is what the group knows"


def test_a_session_records_the_case_marker_and_older_files_read_as_no_case() -> None:
    library = load_content(builtin_content_dir())
    session = new_session([library.werkvormen["progressiegerichte-intervisie"]], titel="Intervisie")
    assert [step.casus for step in session.werkvormen[0].stappen] == [True, False, False, False, False]
    stored = json.loads(session.model_dump_json())
    assert stored["werkvormen"][0]["stappen"][0]["casus"] is True
    del stored["werkvormen"][0]["stappen"][0]["casus"]  # a file from before the marker
    assert session_from_json(stored).werkvormen[0].stappen[0].casus is False


# -- the command line ---------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "data" / "sessies")
    return tmp_path / "data"


def export(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["export", *args, "--data-dir", str(data_dir)])
    except SystemExit as stop:
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_cli_gives_the_group_report_by_default(capsys, data_dir: Path) -> None:
    group = (SNAPSHOTS / f"{INTERVISIE}.groep.md").read_text(encoding="utf-8")
    full = (SNAPSHOTS / f"{INTERVISIE}.md").read_text(encoding="utf-8")
    assert export(capsys, data_dir, INTERVISIE) == (0, group, "")
    assert export(capsys, data_dir, INTERVISIE, "--voor", "groep") == (0, group, "")
    assert export(capsys, data_dir, INTERVISIE, "--voor", "volledig") == (0, full, "")
    code, out, err = export(capsys, data_dir, INTERVISIE, "--json", "--voor", "groep")
    assert (code, out) == (2, "") and "--voor hoort niet bij --json" in err
    code, _, err = export(capsys, data_dir, INTERVISIE, "--voor", "iedereen")
    assert code == 2 and "--voor: onbekende keuze: 'iedereen' (kies uit 'groep', 'volledig')" in err


def test_group_and_full_reports_are_private_and_deleting_the_session_deletes_them(capsys, data_dir: Path) -> None:
    reports = data_dir / "verslagen"
    for vorm in ("html", "docx"):
        for voor in ("groep", "volledig"):
            assert export(capsys, data_dir, INTERVISIE, "--vorm", vorm, "--voor", voor)[0] == 0
    assert export(capsys, data_dir, INTERVISIE, "--naar", str(reports / f"{INTERVISIE}.groep.md"))[0] == 0
    names = sorted(path.name for path in reports.iterdir())
    assert names == sorted(f"{INTERVISIE}{suffix}" for suffix in
                           (".groep.html", ".groep.docx", ".html", ".docx", ".groep.md"))
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in reports.iterdir())
    other = reports / f"{INTERVISIE}-groep.md"  # a session named '<id>-groep' would own this one
    other.write_text("ander", encoding="utf-8")
    locations = Locations(data_dir)
    listed = {path.name for path in erasure.files_to_erase(locations, INTERVISIE)}
    assert set(names) <= listed and other.name not in listed
    erasure.erase(locations, INTERVISIE)
    assert [path.name for path in reports.iterdir()] == [other.name]
