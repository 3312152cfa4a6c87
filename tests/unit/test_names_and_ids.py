"""Names and ids never escape: a new id from the command line never becomes a path, an odd file
name in sessies/ never crashes the app, the store refuses anything but a session id, and nothing
the command line prints can drive the user's terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from samenslim.cli import main
from samenslim.domain.store import SessionStore, StoreError
from samenslim.screens.sessions import SessionsScreen
from tests.conftest import settled

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "sessions").glob("*.json"))
ESCAPES = "\x1b[2J\x1b[H\x1b]0;gekaapt\x07\x9b31m\u202e"


# -- kopieer --id ------------------------------------------------------------------------------

@pytest.mark.parametrize("new_id", ["../../x", "../werkvormen-x", "{tmp}/ontsnapt", "a\nb", "a/b",
                                    "Hoofdletters", "", "-x", "x-", "a" * 61, "naam.toml", "ä"])
def test_kopieer_refuses_an_id_that_is_not_a_content_id(new_id, tmp_path, capsys) -> None:
    data_dir = tmp_path / "a" / "b" / "data"
    new_id = new_id.format(tmp=tmp_path)  # an absolute path, inside this test's folder
    assert main(["--data-dir", str(data_dir), "kopieer", "check-in", f"--id={new_id}"]) == 1
    err = capsys.readouterr().err
    assert "kan geen id zijn" in err and "kleine letters, cijfers en streepjes" in err
    assert "\n" not in err.strip(), "one line: a newline in the id is shown escaped"
    written = [path for path in tmp_path.rglob("*.toml")]
    assert written == [], written


def test_kopieer_takes_a_good_id(tmp_path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "kopieer", "check-in", "--id", "mijn-check-in-2"]) == 0
    assert (tmp_path / "werkvormen" / "mijn-check-in-2.toml").is_file()


# -- the store refuses what is not a session id --------------------------------------------------

@pytest.mark.parametrize("bad", ["../x", "a\\b", "", ".verborgen", "x\n", "Hoofd", "a b", "/etc/passwd", "ä"])
def test_the_store_refuses_ids_that_are_not_session_ids(bad, tmp_path) -> None:
    from samenslim.domain.store import InvalidSessionId

    store = SessionStore(tmp_path / "sessies")
    for action in (store.path_for, store.lock, store.load, store.delete, store.is_locked):
        with pytest.raises(InvalidSessionId, match="ongeldig sessie-id"):
            action(bad)
    assert not (tmp_path / "sessies").exists() or list((tmp_path / "sessies").iterdir()) == []
    assert issubclass(InvalidSessionId, StoreError) and issubclass(InvalidSessionId, ValueError)


# -- odd file names in sessies/ ------------------------------------------------------------------

ODD_NAMES = ["a\\b.json", "Hoofdletters.json", "met spatie.json", "ä.json", "-streep.json"]


async def test_odd_file_names_never_crash_export_or_delete(make_app, data_dir) -> None:
    folder = data_dir / "sessies"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES[0], folder / EXAMPLES[0].name)
    for name in ODD_NAMES:
        (folder / name).write_bytes(EXAMPLES[1].read_bytes())
    app = make_app(offer_resume=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one(DataTable)
        table.focus()
        assert table.row_count == len(ODD_NAMES) + 1
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.press("ctrl+e")  # the export dialog; Enter writes the report (or says why not)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("delete")
            await pilot.pause()
            if app.screen is not screen:  # the good session asks first: keep it
                await pilot.press("escape")
                await pilot.pause()
            assert app.screen is screen and app.is_running
        shown = [str(notification.message) for notification in app._notifications]
        assert any("geen naam van een samenslim-sessie" in text for text in shown), shown
    assert sorted(path.name for path in folder.glob("[!.]*.json")) == sorted([EXAMPLES[0].name, *ODD_NAMES]), \
        "odd files are left alone"
    assert not (data_dir / "verslagen").exists() or all(
        path.name.startswith(f"{EXAMPLES[0].stem}.") for path in (data_dir / "verslagen").iterdir())


# -- printing --------------------------------------------------------------------------------------

def test_printable_shows_control_characters_instead_of_obeying_them() -> None:
    from samenslim.cli import printable

    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("\x9b31m\u202e") == "\\x9b31m\\u202e"
    assert printable("regel\nregel\t", keep="\n\t") == "regel\nregel\t"
    assert printable("Ĳsselmeer · café") == "Ĳsselmeer · café"


def session_with_title(folder: Path, title: str, note: str = "") -> str:
    data = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    data["titel"] = title
    if note:
        data["deelnemers"] = [*data.get("deelnemers", []), note]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{data['id']}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return data["id"]


def test_sessies_lijst_never_sends_terminal_escapes(tmp_path, capsys) -> None:
    session_with_title(tmp_path / "sessies", f"Team{ESCAPES}Oost")
    assert main(["--data-dir", str(tmp_path), "sessies", "--lijst"]) == 0
    out, err = capsys.readouterr()
    assert "Team\\x1b[2J\\x1b[H\\x1b]0;gekaapt\\x07\\x9b31m\\u202eOost" in out
    assert not any(char in out + err for char in "\x1b\x07\x9b\u202e")


def test_export_to_the_screen_never_sends_terminal_escapes(tmp_path, capsys) -> None:
    session_id = session_with_title(tmp_path / "sessies", f"Team{ESCAPES}", note=f"Sam{ESCAPES}")
    for extra in ([], ["--json"]):
        assert main(["--data-dir", str(tmp_path), "export", session_id, *extra]) == 0
        out = capsys.readouterr().out
        assert not any(char in out for char in "\x1b\x07\x9b\u202e"), extra
        assert "\n" in out
    assert main(["--data-dir", str(tmp_path), "export", session_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["titel"] == f"Team{ESCAPES}", "the JSON on screen reads back the same"
    target = tmp_path / "kopie.json"
    assert main(["--data-dir", str(tmp_path), "export", session_id, "--json", "--naar", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["titel"] == f"Team{ESCAPES}", "a file keeps the text"


def test_an_own_werkvorm_title_is_listed_escaped(tmp_path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "kopieer", "check-in", "--id", "eigen-check-in"]) == 0
    path = tmp_path / "werkvormen" / "eigen-check-in.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('titel = "Check-in (eigen versie)"', 'titel = "Check-in \\u001b[2J\\u009b"'),
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "lijst"]) == 0
    out = capsys.readouterr().out
    assert "Check-in \\x1b[2J\\x9b" in out and "\x1b" not in out and "\x9b" not in out
    assert main(["--data-dir", str(tmp_path), "lijst", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and any(row["titel"] == "Check-in \x1b[2J\x9b" for row in json.loads(out))
