"""No English reaches the user from the command line, the TOML parser, pydantic or the serve banner.

(The screens, the palette and the help are checked in tests/functional/test_help.py, with the same list.)
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from pathlib import Path

import pytest

from samenslim.cli import build_parser, main
from samenslim.domain import tomlfile
from samenslim.domain.content import dutch_message, load_file
from tests.functional.test_help import ENGLISH

CLI_ENGLISH = ["usage:", "positional arguments", "options:", "error:", "the following arguments are required",
               "show this help", "show program's version", "invalid choice", "unrecognized arguments",
               "invalid int value", "expected one argument", "HOST", "PORT", "Serving", "Press Ctrl+C", "Usage"]


def run_cli(args: list[str], capsys) -> str:
    try:
        code = main(args)
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return f"[{code}]\n{out.out}{out.err}"


def assert_no_english(text: str, phrases: list[str]) -> None:
    found = [phrase for phrase in phrases if phrase in text]
    assert not found, f"English: {found}\n{text}"


COMMANDS = ["lijst", "valideer", "kopieer", "sessies", "export", "serve", "privacy", "bewaartermijn", "opruimen"]


@pytest.mark.parametrize("args", [
    ["--help"], *[[command, "--help"] for command in COMMANDS],
    ["valideer"], ["export"], ["kopieer"], ["onbekend"], ["lijst", "--foo"], ["serve", "--port", "acht"],
    ["--data-dir"], ["export", "--naar"], ["bewaartermijn"], ["bewaartermijn", "g", "1"],
    ["export", "x", "--vorm", "pdf"], ["export", "x", "--vorm"], ["export", "x", "--vorm", "html", "--json"],
])
def test_cli_help_and_errors_are_dutch(args: list[str], capsys, tmp_path: Path) -> None:
    text = run_cli(["--data-dir", str(tmp_path), *args] if args != ["--data-dir"] else args, capsys)
    assert_no_english(text, CLI_ENGLISH)
    assert "gebruik: samenslim" in text


def test_cli_names_what_is_missing_in_dutch(capsys, tmp_path: Path) -> None:
    text = run_cli(["--data-dir", str(tmp_path), "valideer"], capsys)
    assert text.startswith("[2]\n")
    assert "samenslim valideer: fout: dit ontbreekt nog: PAD" in text
    text = run_cli(["--data-dir", str(tmp_path), "serve", "--port", "acht"], capsys)
    assert "--port: ongeldige waarde: 'acht' (verwacht: een geheel getal)" in text
    text = run_cli(["--help"], capsys)
    assert "argumenten:" in text and "opties:" in text and "toon deze hulp en stop" in text
    text = run_cli(["--data-dir", str(tmp_path), "export", "--help"], capsys)
    assert "--vorm {md,html,docx}" in text and "docx: Word" in text
    text = run_cli(["--data-dir", str(tmp_path), "export", "x", "--vorm", "pdf"], capsys)
    assert text.startswith("[2]\n") and "--vorm: onbekende keuze: 'pdf' (kies uit 'md', 'html', 'docx')" in text


def test_the_dutch_parser_leaves_other_parsers_english() -> None:
    import argparse

    build_parser().format_help()
    assert "usage:" in argparse.ArgumentParser(prog="ander").format_usage()


# Every message Python's tomllib can give, provoked.
TOML_ERRORS = ['a = ', 'a b', 'a = "x', 'a = 1\na = 2', '[t]\n[t]', 'a = "\\ud800"', '[t', '[[t]', 'a = 1 b',
               'a = 1979-13-01', 'a = [1', 'a = {b=1', 'a = "\\q"', 'a = {b=1,b=2}', 'a = "x\x01"', '= 1',
               'a = 0xZZ', 'a.b = 1\n[a]\nb = 2', 'a = {b=1}\na.c = 2', 'a = {b.c=1}\n[a.b]', 'x = "\\',
               '[a]\nb=1\n[[a]]', 'a = 1\n[a.b]', 'a = """x', "a = 'x", '[[a]\n', 'a = "\\uZZZZ"']


@pytest.mark.parametrize("source", TOML_ERRORS)
def test_every_toml_message_is_dutch(source: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(source)
    reason = tomlfile.reason(caught.value)
    assert not reason.startswith("ongeldige TOML ("), f"not translated: {caught.value}"
    assert not re.search(r"\b(at|line|column|Invalid|Expected|Cannot|Unclosed|character|value)\b", reason), reason


def test_a_broken_werkvorm_file_is_reported_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text('id = "kapot"\ntitel = "Kapot"\n[t]\n[t]\n', encoding="utf-8")
    _, problems = load_file(path)
    assert [str(problem) for problem in problems] == [f"{path}:4: geen geldige TOML: 't' staat er al eerder"] or \
        "'t' staat er al eerder" in str(problems[0])


def test_pydantic_lists_its_choices_with_of_and_never_its_english_text(tmp_path: Path) -> None:
    path = tmp_path / "fout.toml"
    path.write_text('id = "fout"\ntitel = "Fout"\nhoofdstuk = "Richting bepalen"\ngroepsvorm = ["solo"]\n'
                    '[[stappen]]\ntitel = "x"\nsoort = "tekst"\nminuten = "tien"\n', encoding="utf-8")
    _, problems = load_file(path)
    text = "\n".join(str(problem) for problem in problems)
    assert "moet een van deze waarden zijn: 'tweetallen', " in text and "' of '" in text
    assert " or " not in text and "Input should" not in text, text
    unknown = dutch_message({"type": "uuid_parsing", "loc": ("x",), "msg": "Input should be a valid UUID",
                             "input": "abc"})  # type: ignore[typeddict-item]
    assert "Input should" not in unknown


def test_session_file_errors_are_dutch(tmp_path: Path) -> None:
    import json

    from samenslim.domain.store import SessionFileError, SessionStore

    folder = tmp_path / "sessies"
    folder.mkdir()
    session_id = "20260101-090000-proef-0a0a"
    (folder / f"{session_id}.json").write_text(json.dumps(
        {"schema_versie": 1, "id": session_id, "aangemaakt": "gisteren", "bijgewerkt": "2026-01-01T09:00:00",
         "titel": "Proef", "werkvormen": []}), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        SessionStore(folder).load(session_id)
    message = str(caught.value)
    assert "Input should" not in message and "valid datetime" not in message, message


def test_settings_file_errors_are_dutch(tmp_path: Path) -> None:
    from samenslim.domain import settings

    path = tmp_path / "instellingen.toml"
    path.write_text("thema = \n", encoding="utf-8")
    _, problem = settings.load(path)
    assert problem and "geen geldige TOML op regel 1" in problem and "Invalid" not in problem
    path.write_text("bel = \"ja\"\n", encoding="utf-8")
    _, problem = settings.load(path)
    assert problem and "veld 'bel' moet true of false zijn" in problem


def test_serve_prints_only_its_dutch_banner(monkeypatch, capsys, tmp_path: Path) -> None:
    from textual_serve.server import Server

    from samenslim.serve import serve

    def started(self, debug: bool = False) -> None:
        asyncio.run(self.on_startup(None))

    monkeypatch.setattr(Server, "serve", started)
    assert serve("127.0.0.1", 8765, tmp_path) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "samenslim draait in de browser" in text and "Stoppen: ctrl+c." in text
    assert_no_english(text, ["Serving", "Press", "quit"])
    assert_no_english(text, [phrase for phrase in ENGLISH if phrase not in ("Keys", "Theme")])
