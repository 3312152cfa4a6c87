"""Sessions listing benchmark: 10,000 session files, listed without and with the index, and searched.

Figures, each the median of interleaved runs after one warm-up round:

* floor: ``os.scandir`` of the folder plus opening each ``*.json`` file and reading its first 4 KB
  (what any listing that looks inside the files must at least do).
* cold: ``sessions_index.list_sessions`` with no index file: of each file the first 4 KB and the
  last 16 bytes are read, the head up to ``werkvormen`` is parsed and its types checked
  (pydantic), summarised, and the index is written (atomically, fsynced). Files that do not
  pass (damaged, newer schema) are read whole and checked as the store checks them. "Cold" means
  *no index*; the files themselves are in the page cache, since dropping it needs root. On a
  cold disk both cold and the floor grow.
* warm: ``list_sessions`` with the index present and no file changed (a stat per file, the
  summaries parsed with pydantic; the search texts are not read).
* search: ``sessions_index.search`` for two words over the warm listing's 10,000 entries; the
  first search loads the search texts (``.zoektekst.json``), the second has them.

Also shown, as references and not targets: ``json.loads`` of every whole file (what any listing
that parses whole files must at least do), and the first search when there is no texts file at
all (the texts are made lazily: every file is read whole and checked, and the texts file written).

The files are generated from the built-in content: 1-3 werkvormen per session, groups and people
drawn from fixed lists, notes, rounds, timelines and actions of varying length (a few KB to some
tens of KB), about 1 in 8 solo, a few damaged and a few of a newer schema, each written as the
store writes it (``Sessie.to_json_bytes``). Their mtimes are set to their creation dates, as for
sessions kept over years.

Run from the repository root:

    python benchmarks/sessions_index.py [--files N] [--runs N] [--json] [--strict]

``--json`` prints all figures as JSON, ``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

COLD_TARGET_S = 1.0
COLD_TARGET_RATIO = 3.0
WARM_TARGET_S = 0.100
QUERY = "aanspreekpunt zomer"

GROUPS = ["Netwerk Jongeren Oost", "Team Jongerenloket Zuid", "Intervisie trajectbegeleiders", "Pilot Noord",
          "Werkgroep Overstap mbo-werk", "Stuurgroep VSV", "Wijkteam Centrum", "Regio West"]
PEOPLE = ["Marieke", "Sandra", "Youssef", "Peter", "Lotte", "Hans", "Noor", "Daan", "Fatma", "Kees", "Ilse",
          "Anouk", "Bram", "Mohamed", "Esther", "Jeroen", "Samira", "Tim", "Ayse", "Wouter"]
WORDS = ("school gemeente RMC UWV jongerenwerk leerplicht overdracht aanspreekpunt zomer casus afspraak "
         "jongere wijk loket stage opleiding werk diploma traject begeleider overleg samen beeld volgende stap "
         "korte lijnen vertrouwen ouders mentor warme overdracht signaal netwerk plan evaluatie pilot").split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    return " ".join(words).capitalize() + "."


def notes(rng: random.Random, lines: int) -> str:
    return "\n".join(sentence(rng) for _ in range(lines))


def capture_for(kind: str, step: dict, people: list[str], rng: random.Random, size: int) -> dict:
    """A plausible 'vastgelegd' for a step kind; size scales how much was written."""
    if kind in ("vragen", "keuze", "stapel"):
        return {"notities": notes(rng, rng.randint(0, size))}
    if kind == "thema":
        return {"thema": sentence(rng), "notities": notes(rng, rng.randint(0, 3))}
    if kind == "rondje":
        turns = [{"spreker": people[i % len(people)], "ronde": i // len(people) + 1, "tekst": sentence(rng),
                  "gepast": False, "seconden": float(rng.randint(10, 90))} for i in range(len(people) * rng.randint(1, 3))]
        return {"sprekers": people, "beurten": turns, "spreektijd": {name: 60.0 for name in people}}
    if kind == "tweegesprek":
        return {"paren": [people[i:i + 2] for i in range(0, len(people) - 1, 2)],
                "verhalen": {name: notes(rng, rng.randint(1, 3)) for name in people}}
    if kind == "schaal":
        return {"groep": rng.randint(0, 10), "per_deelnemer": {name: rng.randint(0, 10) for name in people}}
    if kind == "tijdlijn":
        return {"anekdotes": [{"wanneer": str(rng.randint(2012, 2026)), "titel": sentence(rng),
                               "verteller": rng.choice(people)} for _ in range(rng.randint(2, 2 * size))]}
    if kind == "opstelling":
        return {"volgorde": [{"naam": name, "sinds": str(rng.randint(2010, 2026))} for name in people]}
    if kind == "kolommen":
        return {"items": {name: [sentence(rng) for _ in range(rng.randint(1, size))]
                          for name in step["inhoud"].get("kolommen", [])}}
    if kind == "cirkels":
        rings = step["inhoud"].get("ringen", [""])
        return {"items": [{"tekst": sentence(rng), "ring": rng.choice(rings)} for _ in range(rng.randint(2, 2 * size))]}
    if kind == "actie":
        return {"acties": [{"tekst": sentence(rng), "eigenaar": rng.choice(people), "wanneer": "voor 1 juni"}
                           for _ in range(rng.randint(1, 4))]}
    if kind == "experiment":
        return {"experimenten": [{"tekst": sentence(rng), "eigenaar": rng.choice(people), "eerste_stap": sentence(rng),
                                  "status": "open"} for _ in range(rng.randint(1, 3))]}
    return {}


def generate(folder: Path, count: int, seed: int = 1) -> dict:
    """Write `count` session files; returns their total size and how many of each sort."""
    from samenslim.domain.content import load_content
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.session import SCHEMA_VERSION, Sessie, run_of

    library = load_content(builtin_content_dir())
    werkvormen = list(library.werkvormen.values())
    # One asked version per werkvorm and mode, as plain data; each session copies what it uses.
    asked = {(w.id, solo): json.loads(run_of(w, "elke jongere in beeld", stapels=library.stapels, solo=solo)
                                      .model_dump_json()) for w in werkvormen for solo in (False, True)}
    rng = random.Random(seed)
    start = datetime(2021, 1, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    total = damaged = newer = solo_count = 0
    for number in range(count):
        created = start + timedelta(hours=number * 3 + rng.randint(0, 2), minutes=rng.randint(0, 59))
        solo = rng.random() < 0.125
        solo_count += solo
        people = [] if solo else rng.sample(PEOPLE, rng.randint(3, 8))
        size = rng.choice([1, 2, 3, 5, 8])
        runs = []
        for werkvorm in rng.sample(werkvormen, rng.randint(1, 3)):
            run = json.loads(json.dumps(asked[(werkvorm.id, solo)]))
            for step in run["stappen"]:
                step["vastgelegd"] = capture_for(step["soort"], step, people or ["Ik"], rng, size)
                step["gebruikte_seconden"] = float(rng.randint(60, 1800))
            runs.append(run)
        title = f"{rng.choice(['Bijeenkomst', 'Overleg', 'Reflectie', 'Intervisie', 'Evaluatie'])} {number}"
        data = {"schema_versie": SCHEMA_VERSION, "id": f"{created:%Y%m%d-%H%M%S}-sessie-{number:05x}",
                "aangemaakt": created.isoformat(), "bijgewerkt": (created + timedelta(hours=2)).isoformat(),
                "modus": "solo" if solo else "groep", "status": rng.choice(["afgerond"] * 5 + ["bezig"]),
                "titel": title, "groep": "" if solo else rng.choice(GROUPS), "thema": sentence(rng),
                "deelnemers": people, "werkvormen": runs}
        raw = Sessie.model_validate(data).to_json_bytes()  # exactly as the store writes it
        if number % 997 == 13:  # a torn file: the end is missing
            raw, damaged = raw[: len(raw) // 2], damaged + 1
        elif number % 1499 == 7:  # written by a newer samenslim
            raw, newer = raw.replace(b'"schema_versie": 1', b'"schema_versie": 99', 1), newer + 1
        path = folder / f"{data['id']}.json"
        path.write_bytes(raw)
        os.utime(path, ns=(int(created.timestamp() * 1e9),) * 2)
        total += len(raw)
    return {"files": count, "bytes": total, "damaged": damaged, "newer": newer, "solo": solo_count}


def floor(folder: Path) -> int:
    read = 0
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.endswith(".json") and not item.name.startswith("."):
                with open(item.path, "rb") as handle:
                    read += len(handle.read(4096))
    return read


def parse_all(folder: Path) -> int:
    count = 0
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.endswith(".json") and not item.name.startswith("."):
                with open(item.path, "rb") as handle:
                    try:
                        json.loads(handle.read())
                        count += 1
                    except ValueError:
                        pass
    return count


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def bench(files: int, runs: int) -> dict:
    from samenslim.domain import sessions_index

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessies"
        folder.mkdir()
        generation_s, made = timed(lambda: generate(folder, files))
        index = folder / sessions_index.INDEX_NAME
        texts = folder / sessions_index.TEXTS_NAME
        times: dict[str, list[float]] = {name: [] for name in ("floor", "parse", "cold", "warm", "search", "search_again",
                                                               "search_no_texts")}
        checks = {}
        for round_ in range(runs + 1):  # the first round is a warm-up
            results = {}
            results["floor"] = timed(lambda: floor(folder))
            results["parse"] = timed(lambda: parse_all(folder))
            index.unlink(missing_ok=True)
            results["cold"] = timed(lambda: sessions_index.list_sessions(folder))
            results["warm"] = timed(lambda: sessions_index.list_sessions(folder))
            listing = results["warm"][1]
            # noqa B023 below: timed() calls each lambda at once, inside this iteration.
            results["search"] = timed(lambda: sessions_index.search(listing, QUERY))  # noqa: B023  (loads the texts)
            results["search_again"] = timed(lambda: sessions_index.search(listing, QUERY))  # noqa: B023
            texts.unlink()
            without_texts = sessions_index.list_sessions(folder)
            results["search_no_texts"] = timed(lambda: sessions_index.search(without_texts, QUERY))  # noqa: B023
            if round_:
                for name, (seconds, _) in results.items():
                    times[name].append(seconds)
            cold, warm, found = results["cold"][1], results["warm"][1], results["search"][1]
            checks = {"cold_reread": cold.reread, "cold_full_reads": cold.full_reads,
                      "warm_reused": warm.reused, "warm_reread": warm.reread,
                      "listed": len(warm.entries), "damaged_listed": sum(1 for e in warm.entries if e.beschadigd),
                      "read_only_listed": sum(1 for e in warm.entries if e.leesbaar_alleen),
                      "search_hits": len(found), "index_bytes": index.stat().st_size,
                      "texts_bytes": texts.stat().st_size, "damaged_after_search": sum(
                          1 for e in without_texts.entries if e.beschadigd)}
    median = {name: statistics.median(values) for name, values in times.items()}
    return {"runs": runs, "generation_s": generation_s, "made": made, "median_s": median, "checks": checks}


def figures(result: dict) -> list[dict]:
    m = result["median_s"]
    return [
        {"figure": "cold listing (no index) (s)", "value": m["cold"], "target": f"<= {COLD_TARGET_S:.2f} s",
         "ok": m["cold"] <= COLD_TARGET_S},
        {"figure": "cold / floor (ratio)", "value": m["cold"] / m["floor"], "target": f"<= {COLD_TARGET_RATIO:.2f}",
         "ok": m["cold"] / m["floor"] <= COLD_TARGET_RATIO},
        {"figure": "warm listing (index) (s)", "value": m["warm"], "target": f"<= {WARM_TARGET_S:.3f} s",
         "ok": m["warm"] <= WARM_TARGET_S},
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="session files to generate (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs after one warm-up (default 5)")
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.runs < 1 or args.files < 1:
        parser.error("--runs and --files must be at least 1")

    result = bench(args.files, args.runs)
    rows = figures(result)
    if args.json:
        print(json.dumps({**result, "figures": rows}, indent=2))
    else:
        m, made, checks = result["median_s"], result["made"], result["checks"]
        print(f"{made['files']} files, {made['bytes'] / 1e6:.1f} MB (mean {made['bytes'] / made['files'] / 1e3:.1f} KB; "
              f"{made['solo']} solo, {made['damaged']} damaged, {made['newer']} newer schema), generated in "
              f"{result['generation_s']:.1f} s; median of {result['runs']} interleaved runs after a warm-up.")
        print("'cold' means no index file; the session files are in the page cache.\n")
        print(f"{'measure':<44}{'ms':>9}{'x floor':>9}")
        for name, label in (("floor", "floor: scandir + first 4 KB of each file"),
                            ("parse", "reference: json.loads of every whole file"),
                            ("cold", "cold listing (no index, index written)"),
                            ("warm", "warm listing (index, nothing changed)"),
                            ("search", f"first search {QUERY!r} (loads the texts)"),
                            ("search_again", "the same search again"),
                            ("search_no_texts", "reference: first search, no texts file")):
            print(f"{label:<44}{m[name] * 1000:>9.1f}{m[name] / m['floor']:>9.2f}")
        print(f"\ncold / json.loads reference: {m['cold'] / m['parse']:.2f}; index {checks['index_bytes'] / 1e6:.1f} MB, "
              f"texts {checks['texts_bytes'] / 1e6:.1f} MB; "
              f"cold read {checks['cold_full_reads']} of {checks['cold_reread']} files whole; "
              f"warm reused {checks['warm_reused']}, reread {checks['warm_reread']}; listed {checks['listed']} "
              f"({checks['damaged_listed']} damaged, {checks['read_only_listed']} read-only); "
              f"{checks['search_hits']} search hits\n")
        print(f"{'target':<34}{'value':>10}  {'target':<12}result")
        for row in rows:
            print(f"{row['figure']:<34}{row['value']:>10.3f}  {row['target']:<12}{'ok' if row['ok'] else 'NOT OK'}")
    return 1 if args.strict and not all(row["ok"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
