"""The Markdown report ('verslag'), the JSON copy, and `samenslim export` / `samenslim sessies`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from samenslim.domain.content import load_content
from samenslim.domain.export import dutch_date, json_copy, markdown
from samenslim.domain.locations import builtin_content_dir
from samenslim.domain.session import new_session, session_from_json
from samenslim.domain.store import SessionStore

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
EXAMPLE_FILES = sorted(path for path in EXAMPLES.glob("*.json") if not path.name.startswith("."))
SNAPSHOTS = Path(__file__).resolve().parent / "export_snapshots"
SOLO = "20260420-084500-mijn-rol-in-het-netwerk-5645"
INTERVISIE = "20260407-150000-intervisie-trajectbegeleiders-3c2c"


def example(path: Path):
    return session_from_json(json.loads(path.read_text(encoding="utf-8")))


def html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def count(tag: str, rendered: str) -> int:
    return len(re.findall(f"<{tag}[ >]", rendered))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_markdown_matches_the_reviewed_snapshot(path: Path) -> None:
    # To accept a deliberate change: SAMENSLIM_UPDATE_SNAPSHOTS=1, then read the diff of the .md files.
    snapshot = SNAPSHOTS / f"{path.stem}.md"
    text = markdown(example(path))
    if os.environ.get("SAMENSLIM_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


def test_the_report_has_one_heading_per_werkvorm_and_step() -> None:
    session = example(EXAMPLES / "20260312-133000-bijeenkomst-1-samen-richten-4f30.json")
    rendered = html(markdown(session))
    assert count("h1", rendered) == 1
    assert count("h2", rendered) == len(session.werkvormen) + 1, "plus Acties"
    steps = [step for run in session.werkvormen for step in run.stappen if step.soort != "tekst"]
    assert count("h3", rendered) == len(steps), "explanations read out are left out"
    assert "<li>Marieke (sinds 2018)</li>" in rendered, "the line-up as an ordered list"
    assert "donderdag 12 maart 2026, 13:30–15:54" in rendered


def test_dutch_date() -> None:
    assert dutch_date(datetime(2026, 11, 23, 14, 5)) == "maandag 23 november 2026, 14:05"
    assert dutch_date(datetime(2027, 1, 3, 9, 0, tzinfo=UTC)) == "zondag 3 januari 2027, 09:00"


HOSTILE = ["# geen kop", "1. geen lijst", "- ook geen lijst", "> geen citaat", "---", "a | b | c", "*niet schuin*",
           "<script>alert(1)</script>", "[geen](link)", "`geen code`", "Titel #"]


def hostile_session():
    library = load_content(builtin_content_dir())
    werkvormen = [library.werkvormen[name] for name in
                  ("meerdere-stemmen", "grumpy-moments", "experiment-ontwerpen", "progressiecirkel")]
    created = datetime(2026, 11, 23, 14, 5, tzinfo=timezone(timedelta(hours=1)))
    session = new_session(werkvormen, titel="Proef | met # tekens", groep="Groep *A*", deelnemers=["Anna", "Bram"],
                          created=created, stapels=library.stapels)
    session.id = "20261123-140500-proef-0000"
    notes = "\n".join(HOSTILE)
    for run in session.werkvormen:
        for step in run.stappen:
            step.gestart = created
            step.gebruikte_seconden = 61
            if step.soort == "kolommen":
                step.vastgelegd = {"items": {step.inhoud["kolommen"][0]: ["a|b", "# kop"], step.inhoud["kolommen"][1]: ["c"]}}
            elif step.soort == "tweegesprek":
                step.vastgelegd = {"paren": [["Anna", "Bram"]], "verhalen": {"Anna": "# verhaal\n| pijp"}}
            elif step.soort == "experiment":
                step.vastgelegd = {"experimenten": [{"tekst": "# proef", "eigenaar": "Bram", "evaluatie": "1 dec"}]}
            elif step.soort == "cirkels":
                step.vastgelegd = {"items": [{"tekst": "> binnen", "ring": step.inhoud["ringen"][0]}]}
            elif step.soort == "actie":
                step.vastgelegd = {"acties": [{"tekst": "1. bellen", "eigenaar": "Anna", "wanneer": "vrijdag"}]}
            else:
                step.vastgelegd = {"notities": notes}
    return session


def test_user_text_cannot_break_the_structure() -> None:
    session = hostile_session()
    text = markdown(session)
    rendered = html(text)
    assert count("h1", rendered) == 1 and count("h2", rendered) == len(session.werkvormen) + 1
    steps = [step for run in session.werkvormen for step in run.stappen if step.soort != "tekst"]
    assert count("h3", rendered) == len(steps)
    assert count("blockquote", rendered) == sum(1 for step in steps if step.vragen), "only the questions are quoted"
    assert count("ol", rendered) == 0 and count("hr", rendered) == 0 and count("code", rendered) == 0
    assert count("a", rendered) == 0 and "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert count("table", rendered) == 1 and "<td>a|b</td>" in rendered
    [table] = re.findall(r"<table>.*?</table>", rendered, re.S)
    columns = next(step.inhoud["kolommen"] for run in session.werkvormen for step in run.stappen
                   if step.soort == "kolommen")
    assert count("th", table) == len(columns) and count("tr", table) == 3, "a header and two rows"
    assert "<h1>Proef | met # tekens</h1>" in rendered
    assert "*niet schuin*" in rendered and "<li># geen kop</li>" in rendered
    assert "<li>1. bellen (wie: Anna; wanneer: vrijdag)" in rendered


def test_the_report_is_deterministic() -> None:
    session = hostile_session()
    assert markdown(session) == markdown(session_from_json(json.loads(json_copy(session))))


def test_an_unfinished_session_says_where_it_stopped() -> None:
    library = load_content(builtin_content_dir())
    session = new_session([library.werkvormen["schaalvraag"]], titel="Nog bezig",
                          created=datetime(2026, 11, 23, 14, 5, tzinfo=UTC))
    text = markdown(session)
    assert "- **Status:** niet afgerond (gestopt bij stap 1 van 6: De schaal van 0 tot 10)" in text
    assert text.count("_Niet aan toegekomen._") == 5, "every step but the explanation, which is left out"
    assert text.endswith("## Acties\n\n_Geen acties vastgelegd._\n")


def test_a_capture_of_the_wrong_shape_is_shown_as_data() -> None:
    session = example(EXAMPLES / f"{INTERVISIE}.json")
    session.werkvormen[0].stappen[1].vastgelegd = {"beurten": "geen lijst"}
    assert '- {"beurten": "geen lijst"}' in markdown(session)


def test_json_copy_is_the_session_as_the_store_writes_it(tmp_path: Path) -> None:
    session = example(EXAMPLES / f"{SOLO}.json")
    written = SessionStore(tmp_path).save(session)
    assert json_copy(session) == written.read_text(encoding="utf-8") + "\n"
    assert session_from_json(json.loads(json_copy(session))) == session


# -- the command line -------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "data" / "sessies")
    return tmp_path / "data"


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SAMENSLIM_DATA_DIR"}
    return subprocess.run([sys.executable, "-m", "samenslim", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, encoding="utf-8", env=env)


def test_export_to_stdout_and_to_a_file(data_dir: Path, tmp_path: Path) -> None:
    expected = (SNAPSHOTS / f"{INTERVISIE}.md").read_text(encoding="utf-8")
    shown = run("export", INTERVISIE, "--voor", "volledig", data_dir=data_dir)
    assert shown.returncode == 0 and shown.stdout == expected
    target = tmp_path / "verslag.md"
    written = run("export", INTERVISIE, "--voor", "volledig", "--naar", str(target), data_dir=data_dir)
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == expected
    as_json = run("export", INTERVISIE, "--json", data_dir=data_dir)
    assert json.loads(as_json.stdout)["id"] == INTERVISIE


def test_export_of_an_unknown_or_damaged_session_explains_in_dutch(data_dir: Path) -> None:
    unknown = run("export", "20990101-000000-bestaat-niet-0000", data_dir=data_dir)
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert "er is geen sessie met id '20990101-000000-bestaat-niet-0000'" in unknown.stderr
    assert run("export", "../../etc/passwd", data_dir=data_dir).returncode == 1
    (data_dir / "sessies" / "20250101-090000-kapot-0000.json").write_text('{"schema_versie": 1, "id": ')
    damaged = run("export", "20250101-090000-kapot-0000", data_dir=data_dir)
    assert damaged.returncode == 1 and "kan niet gelezen worden" in damaged.stderr and "geen geldige JSON" in damaged.stderr


def test_sessies_lijst_prints_one_line_per_session(data_dir: Path) -> None:
    result = run("sessies", "--lijst", data_dir=data_dir)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0] == f"20-04-2026 08:45  Mijn rol in het netwerk  · {SOLO}", "solo: only date and title"
    assert lines[1].startswith("07-04-2026 15:00  afgerond       groep  Intervisie trajectbegeleiders april  "
                               "(Intervisie trajectbegeleiders)")
    assert "Netwerk Jongeren Oost" in lines[2]
