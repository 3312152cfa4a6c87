"""The report as people send it: `samenslim export ID --vorm html|docx` (issue 14).

Driven through the command line as a facilitator would, then the file that lands is read back:
the HTML as text, the Word file with python-docx. The example intervisie holds no table and no
action, so a session with a column table, an action and hostile text is exported as well.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from samenslim.cli import EXPORT_FORMS, main
from samenslim.domain import report_formats
from samenslim.domain.erasure import erase, files_to_erase
from samenslim.domain.locations import Locations
from samenslim.domain.store import SessionStore
from tests.functional.test_export import EXAMPLES, INTERVISIE, SNAPSHOTS, hostile_session

HOSTILE_ID = "20261123-140500-proef-0000"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "data" / "sessies")
    return tmp_path / "data"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def export(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    """`samenslim export`, of the full report: these tests are about the forms; the report for the
    group (the default) has its own tests in test_export_group.py."""
    if "--voor" not in args and "--json" not in args:
        args = (*args, "--voor", "volledig")
    try:
        code = main(["export", *args, "--data-dir", str(data_dir)])
    except SystemExit as stop:
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def save_hostile(data_dir: Path, note: str | None = None):
    session = hostile_session()
    if note is not None:
        step = session.werkvormen[0].stappen[1]
        step.vastgelegd = {"notities": note}
    SessionStore(data_dir / "sessies").save(session)
    return session


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cli_offers_the_forms_the_domain_writes() -> None:
    assert EXPORT_FORMS == report_formats.VORMEN


def test_markdown_stays_the_default_form_and_the_full_report_byte_identical(capsys, data_dir: Path) -> None:
    expected = (SNAPSHOTS / f"{INTERVISIE}.md").read_text(encoding="utf-8")
    assert export(capsys, data_dir, INTERVISIE) == (0, expected, "")
    assert export(capsys, data_dir, INTERVISIE, "--vorm", "md") == (0, expected, "")


def test_html_of_the_example_intervisie_is_one_private_self_contained_file(capsys, data_dir: Path, umask_022) -> None:
    code, out, err = export(capsys, data_dir, INTERVISIE, "--vorm", "html")
    target = data_dir / "verslagen" / f"{INTERVISIE}.html"
    assert (code, out, err.strip()) == (0, "", str(target))
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    assert "<title>Intervisie trajectbegeleiders april</title>" in page
    assert "<h1>Intervisie trajectbegeleiders april</h1>" in page
    assert "<h3>Vertellen</h3>" in page and "Fatma neemt mee" in page and "<blockquote>" in page
    assert "@media print" in page, "printable to PDF from a browser"
    for external in ("://", "//", "src=", "href=", "url(", "@import", "<script", "<link", "<img", "<iframe"):
        assert external not in page, f"{external!r}: the file must load nothing from elsewhere"


def test_word_of_the_example_intervisie_has_headings_and_lists(capsys, data_dir: Path, umask_022) -> None:
    code, _, err = export(capsys, data_dir, INTERVISIE, "--vorm", "docx")
    target = data_dir / "verslagen" / f"{INTERVISIE}.docx"
    assert code == 0 and err.strip() == str(target) and mode(target) == 0o600
    document = docx.Document(str(target))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert paragraphs[0] == ("Heading 1", "Intervisie trajectbegeleiders april")
    assert ("Heading 2", "Progressiegerichte intervisie") in paragraphs
    assert ("Heading 3", "Vertellen") in paragraphs and ("Quote", "Wat is de casus?") in paragraphs
    assert ("List Bullet", "Groep: Intervisie trajectbegeleiders") in paragraphs
    assert ("List Bullet 2", "Hoe vaak spreek je hem nu?") in paragraphs, "a nested list is indented"
    facts = next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith("Groep:"))
    assert [run.bold for run in facts.runs] == [True, None], "the label bold, as in the Markdown"
    timing = next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith("Tijd:"))
    assert all(run.italic for run in timing.runs)
    assert document.core_properties.title == "Intervisie trajectbegeleiders april"
    assert document.core_properties.language == "nl-NL"


def test_a_table_an_action_and_hostile_text_in_html_and_word(capsys, data_dir: Path) -> None:
    session = save_hostile(data_dir)
    columns = next(step.inhoud["kolommen"] for run in session.werkvormen for step in run.stappen
                   if step.soort == "kolommen")
    assert export(capsys, data_dir, HOSTILE_ID, "--vorm", "html")[0] == 0
    page = (data_dir / "verslagen" / f"{HOSTILE_ID}.html").read_text(encoding="utf-8")
    assert "<title>Proef | met # tekens</title>" in page and "<h1>Proef | met # tekens</h1>" in page
    [table] = re.findall(r"<table.*?</table>", page, re.S)
    assert re.findall(r"<th[^>]*>(.*?)</th>", table) == columns
    assert "<li>1. bellen (wie: Anna; wanneer: vrijdag) <em>(Meerdere stemmen)</em></li>" in page, "an action"
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "href=" not in page and "[geen](link)" in page

    assert export(capsys, data_dir, HOSTILE_ID, "--vorm", "docx")[0] == 0
    document = docx.Document(str(data_dir / "verslagen" / f"{HOSTILE_ID}.docx"))
    [word_table] = document.tables
    assert [cell.text for cell in word_table.rows[0].cells] == columns
    assert all(run.bold for cell in word_table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [cell.text for cell in word_table.rows[1].cells][:2] == ["a|b", "c"]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "1. bellen (wie: Anna; wanneer: vrijdag) (Meerdere stemmen)" in texts, "the action, in the Acties list"
    assert "<script>alert(1)</script>" in texts and "# geen kop" in texts, "hostile text stays text"


def test_naar_writes_where_the_user_says_owner_only(capsys, data_dir: Path, tmp_path: Path, umask_022) -> None:
    for vorm in ("html", "docx"):
        target = tmp_path / f"gekozen.{vorm}"
        code, _, err = export(capsys, data_dir, INTERVISIE, "--vorm", vorm, "--naar", str(target))
        assert code == 0 and err.strip() == str(target) and mode(target) == 0o600
    assert docx.Document(str(tmp_path / "gekozen.docx")).paragraphs[0].text == "Intervisie trajectbegeleiders april"
    assert not (data_dir / "verslagen").exists(), "--naar is the only place written"


def test_deleting_the_session_deletes_its_html_and_word_reports(capsys, data_dir: Path) -> None:
    for vorm in ("html", "docx"):
        assert export(capsys, data_dir, INTERVISIE, "--vorm", vorm)[0] == 0
    locations = Locations(data_dir)
    reports = data_dir / "verslagen"
    listed = files_to_erase(locations, INTERVISIE)
    assert reports / f"{INTERVISIE}.html" in listed and reports / f"{INTERVISIE}.docx" in listed
    erase(locations, INTERVISIE)
    assert sorted(reports.iterdir()) == []
    assert not (data_dir / "sessies" / f"{INTERVISIE}.json").exists()


def test_every_export_says_which_identifiers_it_holds_never_their_value(capsys, data_dir: Path) -> None:
    save_hostile(data_dir, "Bel 06-12345678 of mail jan_de_vries@example.nl.\nBSN 123456782, BSN 111222333")
    shown = ""
    for args in ([], ["--vorm", "html"], ["--vorm", "docx"]):
        code, out, err = export(capsys, data_dir, HOSTILE_ID, *args)
        assert code == 0
        shown += out
        assert "let op: dit verslag bevat 2 BSN's, 1 telefoonnummer en 1 e-mailadres" in err
        assert "samenslim privacy" in err
        for value in ("123456782", "111222333", "12345678", "jan_de_vries", "example.nl"):
            assert value not in err
    assert "123456782" in shown, "the full report leaves them in (the group report will replace them)"
    code, out, err = export(capsys, data_dir, HOSTILE_ID, "--json")
    assert code == 0 and "let op: deze JSON-kopie bevat 2 BSN's, 1 telefoonnummer en 1 e-mailadres" in err
    assert export(capsys, data_dir, INTERVISIE, "--vorm", "html")[2].count("\n") == 1, "only the path: nothing found"


def test_an_unknown_form_is_refused_in_dutch(capsys, data_dir: Path) -> None:
    code, out, err = export(capsys, data_dir, INTERVISIE, "--vorm", "pdf")
    assert code == 2 and out == ""
    assert "samenslim export: fout: --vorm: onbekende keuze: 'pdf' (kies uit 'md', 'html', 'docx')" in err
    code, _, err = export(capsys, data_dir, INTERVISIE, "--vorm", "html", "--json")
    assert code == 2 and "kan niet samen met" in err
    assert not (data_dir / "verslagen").exists()


def test_control_characters_in_a_note_do_not_break_the_word_file() -> None:
    session = hostile_session()
    session.werkvormen[0].stappen[1].vastgelegd = {"notities": "rood \x1b[31m bel \x07 nul \x00 einde"}
    report = report_formats.build(session, "docx")
    assert isinstance(report.content, bytes)
    import io

    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(report.content)).paragraphs]
    assert any(text.startswith("rood \ufffd[31m bel \ufffd nul \ufffd einde") for text in texts), texts
    page = report_formats.build(session, "html").content
    assert isinstance(page, str) and "\x1b" not in page and "\x07" not in page


def test_samenslim_privacy_finds_identifiers_in_a_word_report(capsys, data_dir: Path) -> None:
    save_hostile(data_dir, "BSN 123456782, BSN 111222333")
    assert export(capsys, data_dir, HOSTILE_ID, "--vorm", "docx")[0] == 0
    (data_dir / "verslagen" / "kapot.docx").write_bytes(b"geen zip")  # skipped, never a traceback
    assert main(["privacy", "--data-dir", str(data_dir)]) == 1
    shown = capsys.readouterr().out
    assert f"verslag {HOSTILE_ID}.docx: 2 BSN's" in shown
    assert re.search(r"    BSN's \(2\): alinea \d+\n", shown)
    assert "123456782" not in shown and "kapot.docx" not in shown


def test_a_markdown_export_does_not_load_python_docx() -> None:
    import subprocess
    import sys

    code = "import sys, samenslim.domain.report_formats; print('docx' in sys.modules, 'lxml' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"], "python-docx and lxml cost ~150 ms at start-up"
