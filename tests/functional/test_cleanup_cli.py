"""`samenslim opruimen`: the sessions past their group's retention term are listed (exit 1), and with
--uitvoeren deleted or anonymised as the group's term says; nothing typed survives in any file of the
data folder, and an anonymised group's trend (scores, actions and their status) still does."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from samenslim.cli import main
from samenslim.domain.journey import journey
from samenslim.domain.store import SessionStore

EXAMPLES = Path(__file__).parents[2] / "sessions"
GROUP = "Netwerk Jongeren Oost"
MEETING = "20260312-133000-bijeenkomst-1-samen-richten-4f30"
SOLO = "20260420-084500-mijn-rol-in-het-netwerk-5645"
SENTINEL = "Kwartelkoning"  # typed in notes, turns, actions, drafts and the title
NAMES = ["Marieke", "Sandra", "Youssef", "Peter", "Lotte", "Hans"]
THEME = "Elke jongere een volgende stap"


def edit(data_dir: Path, session_id: str, change) -> None:
    path = data_dir / "sessies" / f"{session_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def steps(data: dict) -> list[dict]:
    return [step for run in data["werkvormen"] for step in run["stappen"]]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Two meetings of one group (the example meeting, and the example schaalvraag held by the group
    with a score per person and two actions), the sentinel typed everywhere a facilitator types."""
    shutil.copytree(EXAMPLES, tmp_path / "sessies")

    def meeting(data: dict) -> None:
        data["titel"] += f" {SENTINEL}"
        for step in steps(data):
            if "notities" in step["vastgelegd"]:
                step["vastgelegd"]["notities"] += f" {SENTINEL}"
            for turn in step["vastgelegd"].get("beurten", []):
                turn["tekst"] += f" {SENTINEL}"
        steps(data)[2]["concepten"] = {"notities": f"half getypt {SENTINEL}"}
        steps(data)[2]["vastgelegd"]["nieuwer_veld"] = f"van een nieuwere versie {SENTINEL}"
        data["werkvormen"][0]["stappen"].append({"titel": "Onbekend", "soort": "toekomst", "inhoud": {"x": SENTINEL},
                                                 "vastgelegd": {"tekst": SENTINEL}})

    def schaalvraag_with_the_group(data: dict) -> None:
        data.update(modus="groep", groep=GROUP.upper(), deelnemers=["Lotte", "Peter"], titel=f"Schaal {SENTINEL}")
        schaal = next(step for step in steps(data) if step["soort"] == "schaal")
        actie = steps(data)[-1]
        schaal["vastgelegd"].update(groep=7, per_deelnemer={"Lotte": 7, "Peter": 5.5}, notities=f"uitleg {SENTINEL}")
        actie["vastgelegd"]["acties"][0].update(tekst=f"Bellen met {SENTINEL}", eigenaar="Lotte")
        actie["vastgelegd"]["acties"][1]["eigenaar"] = "Peter"
        data["opvolging"] = {}

    edit(tmp_path, MEETING, meeting)
    edit(tmp_path, SOLO, schaalvraag_with_the_group)
    return tmp_path


def run(data_dir: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def derived_copies(data_dir: Path, capsys) -> None:
    """Reports, a screenshot, the search caches: every place a session's text ends up."""
    for session_id in (MEETING, SOLO):
        assert run(data_dir, capsys, "export", session_id, "--vorm", "html")[0] == 0
        assert run(data_dir, capsys, "export", session_id, "--naar", str(data_dir / "verslagen" / f"{session_id}.md"))[0] == 0
    (data_dir / "schermafdrukken").mkdir()
    (data_dir / "schermafdrukken" / f"{MEETING}-stap2-101500.svg").write_text(f"<svg>{SENTINEL}</svg>")
    assert run(data_dir, capsys, "sessies", "--zoek", SENTINEL)[0] == 0  # fills the search cache
    assert SENTINEL.lower() in (data_dir / "sessies" / ".zoektekst.json").read_text(encoding="utf-8").lower()


def all_files(data_dir: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}


def assert_gone(data_dir: Path, *texts: str) -> None:
    for path, raw in all_files(data_dir).items():
        for text in texts:
            assert text.lower().encode() not in raw.lower(), f"{text!r} is still in {path}"


def assert_private(data_dir: Path) -> None:
    """Everything samenslim wrote (the other group's example file was copied in by the test)."""
    for path in data_dir.rglob("*"):
        if path.is_file() and "intervisie" not in path.name:
            assert path.stat().st_mode & 0o777 == 0o600, path
        elif path.is_dir():
            assert path.stat().st_mode & 0o777 == 0o700, path


def test_nothing_to_do_without_terms(data_dir: Path, capsys) -> None:
    code, out, _err = run(data_dir, capsys, "opruimen")
    assert code == 0
    assert "Niets op te ruimen" in out


def test_sessions_past_their_term_are_listed_and_left_alone(data_dir: Path, capsys) -> None:
    assert run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort", "--na", "anonimiseren")[0] == 0
    before = all_files(data_dir)
    code, out, _err = run(data_dir, capsys, "opruimen")
    assert code == 1
    assert out.splitlines() == [
        "2 sessies over de bewaartermijn van de groep:",
        f"  12-03-2026  Bijeenkomst 1: Samen richten {SENTINEL}  ({GROUP})  → anonimiseren",
        f"  20-04-2026  Schaal {SENTINEL}  ({GROUP.upper()})  → anonimiseren",
        "Voer het uit met: samenslim opruimen --uitvoeren",
    ]
    after = all_files(data_dir)
    assert {path: raw for path, raw in after.items() if ".index" not in path.name} == \
        {path: raw for path, raw in before.items() if ".index" not in path.name}


def test_a_title_holding_an_identifier_is_listed_redacted(data_dir: Path, capsys) -> None:
    edit(data_dir, MEETING, lambda data: data.update(titel="Bellen 06-12345678"))
    run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort")
    code, out, _err = run(data_dir, capsys, "opruimen")
    assert code == 1 and "06-12345678" not in out and "→ verwijderen" in out


def test_anonymising_leaves_no_text_and_no_name_and_keeps_the_trend(data_dir: Path, capsys) -> None:
    derived_copies(data_dir, capsys)
    assert run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort", "--na", "anonimiseren")[0] == 0
    code, out, err = run(data_dir, capsys, "opruimen", "--uitvoeren")
    assert code == 0, err
    assert "2 sessies opgeruimd." in out and "geanonimiseerd (nu 2026" in out

    assert_gone(data_dir, SENTINEL, "samen-richten", "mijn-rol-in")
    files = sorted(path.name for path in (data_dir / "sessies").glob("*.json") if not path.name.startswith("."))
    anonymous = [name for name in files if "geanonimiseerd" in name]
    assert len(anonymous) == 2
    assert not list((data_dir / "verslagen").iterdir()) and not list((data_dir / "schermafdrukken").iterdir())
    for name in anonymous:
        text = (data_dir / "sessies" / name).read_text(encoding="utf-8")
        for person in NAMES:
            assert person not in text, (person, name)
        assert THEME not in text  # also taken out of the prompts it was filled into (the other group shares it)
        data = json.loads(text)
        assert data["geanonimiseerd"] and data["groep"].casefold() == GROUP.casefold() and data["thema"] == ""
        assert all(step["concepten"] == {} for step in steps(data))
    assert_private(data_dir)

    sessions, damaged = SessionStore(data_dir / "sessies").scan()
    assert not damaged
    trend = journey(sessions, GROUP)
    assert [score.score for score in trend.scores] == [7]
    assert [meeting.titel for meeting in trend.meetings] == [
        "Check-in, Historielijn, Een positief thema formuleren (geanonimiseerd)", "Schaalvraag (geanonimiseerd)"]
    assert [(action.tekst, action.eigenaar) for action in trend.actions] == [
        ("[verwijderd]", "deelnemer 1"), ("[verwijderd]", "deelnemer 2")]
    schaal = next(step for session in sessions for step in steps(json.loads(session.to_json_bytes())) if step["soort"] == "schaal")
    assert schaal["vastgelegd"]["per_deelnemer"] == {"deelnemer 1": 7, "deelnemer 2": 5.5}
    meeting = next(session for session in sessions if session.titel.startswith("Check-in"))
    assert meeting.deelnemers == [f"deelnemer {number}" for number in range(1, 7)]
    rondje = json.loads(meeting.to_json_bytes())["werkvormen"][0]["stappen"][1]["vastgelegd"]
    assert rondje["sprekers"] == meeting.deelnemers and len(rondje["beurten"]) > 0
    assert set(rondje["spreektijd"]) <= set(meeting.deelnemers)
    assert json.loads(meeting.to_json_bytes())["werkvormen"][0]["stappen"][-1]["vastgelegd"] == {}  # an unknown kind

    terms = tomllib.loads((data_dir / "bewaartermijnen.toml").read_text(encoding="utf-8"))
    assert terms["opgeruimd"] and terms["termijn"][0]["na"] == "anonimiseren"

    code, out, err = run(data_dir, capsys, "sessies", "--lijst")  # listed like any session, not as damaged
    assert "Schaalvraag (geanonimiseerd)  (NETWERK JONGEREN OOST)" in out and "beschadigd" not in out + err
    # anonymised sessions are never anonymised again: nothing left to do
    code, out, _err = run(data_dir, capsys, "opruimen")
    assert code == 0 and "Niets op te ruimen" in out
    code, out, _err = run(data_dir, capsys, "privacy")
    assert code == 0, out
    assert "Laatst opgeruimd: " in out and "nog nooit" not in out and "daarna anonimiseren" in out


def test_follow_ups_move_with_the_new_ids(data_dir: Path, capsys) -> None:
    key = f"{SOLO}#0.5.1"
    edit(data_dir, MEETING, lambda data: data.update(aangemaakt="2026-05-01T10:00:00+02:00", opvolging={key: "gedaan"}))
    run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort", "--na", "anonimiseren")
    assert run(data_dir, capsys, "opruimen", "--uitvoeren")[0] == 0
    sessions, _ = SessionStore(data_dir / "sessies").scan()
    assert [action.status for action in journey(sessions, GROUP).actions] == ["open", "gedaan"]


def test_deleting_leaves_nothing_of_the_sessions(data_dir: Path, capsys) -> None:
    derived_copies(data_dir, capsys)
    assert run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort")[0] == 0  # verwijderen: the default
    code, out, err = run(data_dir, capsys, "opruimen", "--uitvoeren")
    assert code == 0, err
    assert "verwijderd" in out
    assert_gone(data_dir, SENTINEL, "samen-richten", "mijn-rol-in", "Marieke")
    left = sorted(path.name for path in (data_dir / "sessies").glob("*.json") if not path.name.startswith("."))
    assert left == ["20260407-150000-intervisie-trajectbegeleiders-3c2c.json"]  # another group, no term
    assert_private(data_dir)


def test_a_session_open_in_the_app_is_left_and_told(data_dir: Path, capsys) -> None:
    run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort")
    store = SessionStore(data_dir / "sessies")
    lock = store.lock(MEETING)
    try:
        code, _out, err = run(data_dir, capsys, "opruimen", "--uitvoeren")
    finally:
        store.unlock(MEETING, lock)
    assert code == 1
    assert "niet gelukt, de sessie is nu open in samenslim" in err
    assert (data_dir / "sessies" / f"{MEETING}.json").exists()
    assert not (data_dir / "sessies" / f"{SOLO}.json").exists()


def test_the_after_action_is_kept_when_the_term_changes(data_dir: Path, capsys) -> None:
    run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort", "--na", "anonimiseren")
    code, out, _err = run(data_dir, capsys, "bewaartermijn", GROUP, "24", "--reden", "langer")
    assert code == 0 and "daarna anonimiseren" in out
    with pytest.raises(SystemExit):
        main(["bewaartermijn", GROUP, "1", "--reden", "x", "--na", "weggooien", "--data-dir", str(data_dir)])
    assert "onbekende keuze" in capsys.readouterr().err


def test_umask_does_not_widen_what_cleanup_writes(data_dir: Path, capsys) -> None:
    old = os.umask(0)
    try:
        run(data_dir, capsys, "bewaartermijn", GROUP, "1", "--reden", "kort", "--na", "anonimiseren")
        assert run(data_dir, capsys, "opruimen", "--uitvoeren")[0] == 0
    finally:
        os.umask(old)
    assert_private(data_dir)
