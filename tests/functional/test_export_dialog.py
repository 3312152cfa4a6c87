"""The export dialog (ctrl+e in Eerdere sessies and the read-back): for whom and in which form, then
the file lands in verslagen/ (owner-only) and the notice says where."""

from __future__ import annotations

import io
import shutil
import stat
from pathlib import Path

import docx
from textual.widgets import DataTable

from samenslim.screens.export import ExportScreen
from samenslim.screens.sessions import SessionsScreen
from tests.conftest import settled, wait_for

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
INTERVISIE = "20260407-150000-intervisie-trajectbegeleiders-3c2c"
CASE_LINE = "een jongere van negentien"  # the start of the case notes in the example (step 1, marked casus)


def put_examples(data_dir: Path) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    for path in EXAMPLES.glob("*.json"):
        shutil.copy(path, folder / path.name)


async def dialog_on_the_intervisie(pilot) -> ExportScreen:
    await settled(pilot)
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionsScreen), "Eerdere sessies")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    table = pilot.app.screen.query_one(DataTable)
    titles = [str(table.get_row_at(row)[3]) for row in range(table.row_count)]
    table.focus()
    table.move_cursor(row=next(row for row, title in enumerate(titles) if title.startswith("Intervisie")))
    await pilot.press("ctrl+e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), "the export dialog")
    return pilot.app.screen


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_the_default_is_the_group_report_as_markdown(make_app, data_dir) -> None:
    put_examples(data_dir)
    notes = (EXAMPLES / f"{INTERVISIE}.json").read_text(encoding="utf-8")
    assert CASE_LINE in notes
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await dialog_on_the_intervisie(pilot)
        shown = str(dialog.query_one("#export-voor").render())
        assert "(•) Voor de groep" in shown and "( ) Volledig" in shown
        await pilot.press("enter")
        target = data_dir / "verslagen" / f"{INTERVISIE}.groep.md"
        await wait_for(pilot, target.is_file, "the group report lands")
        assert isinstance(app.screen, SessionsScreen)
        assert any(f"Verslag voor de groep bewaard: {target}" in text for text in notices(app)), notices(app)
    text = target.read_text(encoding="utf-8")
    assert CASE_LINE not in text and "## Weggelaten" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(path.name for path in target.parent.iterdir()) == [target.name], "no JSON copy for the group"


async def test_word_and_html_for_the_group_and_the_full_report_with_its_copy(make_app, data_dir) -> None:
    put_examples(data_dir)
    app = make_app(offer_resume=False)
    reports = data_dir / "verslagen"
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await dialog_on_the_intervisie(pilot)
        await pilot.press("f", "f")  # md -> html -> docx
        assert "(•) Word (.docx)" in str(dialog.query_one("#export-vorm").render())
        await pilot.press("enter")
        await wait_for(pilot, (reports / f"{INTERVISIE}.groep.docx").is_file, "the Word report lands")
        await dialog_on_the_intervisie(pilot)
        await pilot.press("f", "v", "enter")  # html, volledig
        await wait_for(pilot, (reports / f"{INTERVISIE}.html").is_file, "the full HTML report lands")
    word = docx.Document(io.BytesIO((reports / f"{INTERVISIE}.groep.docx").read_bytes()))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[0] == "Intervisie trajectbegeleiders april" and "Weggelaten" in texts
    assert not any(CASE_LINE in text for text in texts)
    assert CASE_LINE in (reports / f"{INTERVISIE}.html").read_text(encoding="utf-8"), "the full report has it all"
    assert (reports / f"{INTERVISIE}.json").is_file(), "the full report comes with its JSON copy"
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in reports.iterdir())


async def test_escape_and_enter_on_annuleren_write_nothing(make_app, data_dir) -> None:
    put_examples(data_dir)
    app = make_app(offer_resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await dialog_on_the_intervisie(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionsScreen), "the dialog closes")
        await dialog_on_the_intervisie(pilot)
        await pilot.press("shift+tab", "enter")  # from Bewaren to Annuleren
        await wait_for(pilot, lambda: isinstance(app.screen, SessionsScreen), "the dialog closes")
        await pilot.pause()
    assert not (data_dir / "verslagen").exists() or not list((data_dir / "verslagen").iterdir())
