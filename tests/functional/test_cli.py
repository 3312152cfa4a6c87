from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from samenslim import __version__


def run(*args: str, data_dir: Path, env_dir: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    env.pop("SAMENSLIM_DATA_DIR", None)
    if env_dir is not None:
        env["SAMENSLIM_DATA_DIR"] = str(env_dir)
        return subprocess.run([sys.executable, "-m", "samenslim", *args], capture_output=True, text=True, env=env)
    return subprocess.run([sys.executable, "-m", "samenslim", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env)


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", data_dir=tmp_path).stdout.strip() == f"samenslim {__version__}"
    help_text = run("--help", data_dir=tmp_path).stdout
    assert "lijst" in help_text and "valideer" in help_text and "--data-dir" in help_text


def test_lijst_prints_id_and_title(tmp_path: Path) -> None:
    result = run("lijst", data_dir=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.split()[0] == "schaalvraag" and line.endswith("Schaalvraag") for line in lines)
    assert len(lines) >= 4


def test_lijst_json_contract(tmp_path: Path) -> None:
    rows = json.loads(run("lijst", "--json", data_dir=tmp_path).stdout)
    by_id = {row["id"]: row for row in rows}
    assert {"check-in", "historielijn", "schaalvraag", "progressiegerichte-intervisie"} <= set(by_id)
    for row in rows:
        assert {"id", "titel", "hoofdstuk", "stappen"} <= set(row)
        for step in row["stappen"]:
            assert set(step) >= {"titel", "soort", "minuten"}
    assert [s["minuten"] for s in by_id["check-in"]["stappen"]] == [1, 9]
    assert all(s["minuten"] is None for s in by_id["schaalvraag"]["stappen"]), "no time where the book gives none"


# The workbook's facts that the content must keep (DESIGN.md §2): step counts and the book's times.
BOOK = {
    "check-in": 2, "waarderend-interview": None, "hoe-werkte-het-hier": [5, 10, 10, 5], "grumpy-moments": None,
    "historielijn": 5, "positief-thema": None, "communicatiepiramide": None, "experiment-ontwerpen": None,
    "schaalvraag": 6, "reflectiegesprek": 4, "vastloopsituaties": 4, "patroondoorbrekers": None,
    "progressiegerichte-intervisie": [5, 3, 6, 6, 3], "progressiecirkel": None, "stakeholdermap": 6,
    "2x2-vragen": 4, "meerdere-stemmen": None, "cirkel-van-invloed": None,
}
VARIANTS = {"check-in-tweetallen": "check-in"}  # a form the book offers beside the werkvorm, as its own file


def test_lijst_json_lists_the_whole_workbook(tmp_path: Path) -> None:
    rows = json.loads(run("lijst", "--json", data_dir=tmp_path).stdout)
    by_id = {row["id"]: row for row in rows}
    assert set(BOOK) | set(VARIANTS) == set(by_id), "all 18 werkvormen of chapters 4-6, and the variants"
    assert all(by_id[variant]["paragraaf"] == by_id[base]["paragraaf"] for variant, base in VARIANTS.items())
    assert [row["hoofdstuk"] for row in rows].count("Landen en inbedden") == 4
    for werkvorm_id, fact in BOOK.items():
        steps = by_id[werkvorm_id]["stappen"]
        if isinstance(fact, int):
            assert len(steps) == fact, werkvorm_id
        elif isinstance(fact, list):
            assert [step["minuten"] for step in steps] == fact, werkvorm_id
    assert 20 <= sum(step["minuten"] for step in by_id["progressiegerichte-intervisie"]["stappen"]) <= 25
    two_by_two = by_id["2x2-vragen"]["stappen"]
    assert [step["titel"].lower() for step in two_by_two][0].startswith("belang")
    assert {"alleen"} <= set(by_id["schaalvraag"]["groepsvorm"]) and by_id["cirkel-van-invloed"]["solo"]


def test_user_werkvormen_come_from_the_data_dir_option_and_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "werkvormen"
    folder.mkdir(parents=True)
    (folder / "eigen.toml").write_text(
        'id = "eigen"\ntitel = "Eigen vorm"\nhoofdstuk = "Experimenteren"\n'
        '[[stappen]]\ntitel = "Vraag"\nsoort = "vragen"\n', encoding="utf-8")
    assert "eigen" in run("lijst", data_dir=tmp_path / "data").stdout
    assert "eigen" in run("lijst", data_dir=tmp_path, env_dir=tmp_path / "data").stdout
    assert "eigen" not in run("lijst", data_dir=tmp_path / "elders").stdout


def test_valideer_ok_and_problems(tmp_path: Path) -> None:
    from samenslim.domain.locations import builtin_content_dir

    good = run("valideer", str(builtin_content_dir() / "werkvormen"), data_dir=tmp_path)
    assert good.returncode == 0, good.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "bad"\ntitel = "x"\nhoofdstuk = "Experimenteren"\n[[stappen]]\ntitel = "a"\nsoort = "zang"\n',
                   encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "b\n', encoding="utf-8")
    result = run("valideer", str(bad), str(broken), data_dir=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:6: stappen[1].soort: onbekende soort 'zang'")
    assert lines[1].startswith(f"{broken}:1:")
    assert len(lines) == 2
