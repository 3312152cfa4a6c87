"""Start-up and save benchmark for samenslim, as ratios against a floor measured in the same run.

Figures:

* Start-up to home screen ready (wall time and peak RSS). Every measurement is a fresh child
  process (``sys.executable -c ...``) that runs headless and exits right after the first refresh
  that follows mounting. The wall time, measured by the parent around ``subprocess.run``, includes
  interpreter start and imports, which is what a user waits for. The floor is a bare Textual
  ``App``; samenslim is ``SamenslimApp`` with an empty data folder and ``offer_resume=False``, and
  the child checks that the home screen (``LibraryScreen``) is on top when it exits. Each child
  reports its own ``ru_maxrss`` (``RUSAGE_CHILDREN`` would only give the maximum over all children).
  Runs are interleaved (floor, app, floor, app, ...) after one warm-up each; medians are compared.
* Atomic save of a ~1 MB session (all built-in werkvormen, every step full of captured notes).
  Floor: ``json.dumps`` (compact, so the C encoder) of the already dumped data, written to a temp
  file in the same folder, flushed, fsynced and renamed with ``os.replace``. samenslim:
  ``SessionStore.save``, which includes pydantic serialisation (and an fsync of the folder).
  Interleaved, one warm-up each, medians compared.

Run from the repository root:

    python benchmarks/startup_and_save.py [--runs N] [--json] [--strict]

``--runs`` sets the start-up runs (default 7; saves use twice as many plus one), ``--json`` prints
all figures as JSON, ``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTUP_TIME_TARGET = 1.25
STARTUP_RSS_TARGET = 1.5
SAVE_TARGET = 1.3
SESSION_BYTES = 1_000_000

# argv[1]: the parent's time.monotonic() just before spawning (CLOCK_MONOTONIC is system-wide on
# Linux, macOS and Windows), argv[2]: an empty data folder.
CHILD_HEAD = "import json, resource, sys, time\nfrom pathlib import Path\n"
CHILD_FLOOR = """
from textual.app import App

class Bench(App):
    def on_mount(self):
        self.call_after_refresh(self.ready)

    def ready(self):
        self.ready_at, self.home = time.monotonic(), True
        self.exit()

app = Bench()
"""
CHILD_APP = """
import samenslim.app
from samenslim.app import SamenslimApp
from samenslim.domain.locations import Locations
from samenslim.screens.library import LibraryScreen

class Bench(SamenslimApp):
    # A relative CSS_PATH is resolved against the subclass's file, which `-c` code does not have.
    CSS_PATH = str(Path(samenslim.app.__file__).with_name(SamenslimApp.CSS_PATH))

    def on_mount(self):
        # Textual itself calls SamenslimApp.on_mount right after this one (handlers run along the
        # MRO), so no super() call; the callback runs after the refresh that shows the home screen.
        self.call_after_refresh(self.ready)

    def ready(self):
        self.ready_at = time.monotonic()
        self.home = isinstance(self.screen, LibraryScreen)
        self.exit()

app = Bench(Locations(Path(sys.argv[2])), offer_resume=False)
"""
CHILD_TAIL = """
app.run(headless=True)
assert app.home, "the home screen was not on top when the app exited"
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rss_mb = rss / 2**20 if sys.platform == "darwin" else rss / 2**10  # bytes on macOS, KiB on Linux
print(json.dumps({"ready_s": app.ready_at - float(sys.argv[1]), "rss_mb": rss_mb, "home": app.home}))
"""


def run_child(body: str, data_dir: Path) -> dict:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    env = {key: value for key, value in env.items() if not key.startswith("TEXTUAL")}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD_HEAD + body + CHILD_TAIL, str(start), str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120)
    wall = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"benchmark child failed ({done.returncode}):\n{done.stderr}")
    return {"wall_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def bench_startup(runs: int) -> dict:
    samples: dict[str, list[dict]] = {"floor": [], "app": []}
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(runs + 1):  # the first round warms up caches and bytecode
            for name, body in (("floor", CHILD_FLOOR), ("app", CHILD_APP)):
                result = run_child(body, Path(tmp) / f"data-{name}-{index}")
                if index:
                    samples[name].append(result)
    median = {name: {key: statistics.median(s[key] for s in runs_) for key in ("wall_s", "ready_s", "rss_mb")}
              for name, runs_ in samples.items()}
    return {"runs": runs, "floor": median["floor"], "app": median["app"],
            "home_screen_ready": all(s["home"] for s in samples["app"])}


def build_session():
    """All built-in werkvormen in one session, every step filled with notes until about 1 MB."""
    from samenslim.domain.content import load_library
    from samenslim.domain.locations import builtin_content_dir
    from samenslim.domain.session import new_session

    werkvormen = list(load_library(builtin_content_dir() / "werkvormen").werkvormen.values())
    people = ["Anna", "Bram", "Chris", "Dirk", "Eva", "Fatima"]
    session = new_session(werkvormen, titel="Team Oost, jaarevaluatie", groep="Oost", thema="elke jongere in beeld",
                          deelnemers=people, rollen={"voorzitter": "Anna", "casusinbrenger": "Bram"})
    sentence = ("We merken dat de korte lijnen met school en wijkteam helpen; tegelijk blijft het lastig om "
                "ouders op tijd te betrekken, vooral wanneer er meerdere hulpverleners tegelijk aan tafel zitten. ")
    steps = [step for run in session.werkvormen for step in run.stappen]

    def fill(turns: int) -> int:
        for number, step in enumerate(steps):
            step.vastgelegd = {
                "notities": sentence * 8,
                "beurten": [{"spreker": people[(number + i) % len(people)], "tekst": f"{i}. {sentence * 2}",
                             "gepast": i % 7 == 0} for i in range(turns)],
                "acties": [{"tekst": f"Actie {i}: casusoverleg plannen", "eigenaar": people[i % len(people)],
                            "wanneer": "voor 1 dec"} for i in range(5)],
            }
        return len(session.model_dump_json(indent=1).encode("utf-8"))

    small, large = fill(10), fill(20)  # the size grows linearly with the number of turns
    size = fill(10 + round(10 * (SESSION_BYTES - small) / (large - small)))
    return session, size


def floor_save(data: dict, folder: Path) -> None:
    temp, target = folder / ".floor.json.tmp", folder / "floor.json"
    with open(temp, "w", encoding="utf-8") as handle:
        # Compact on purpose: with `indent` the stdlib falls back to its pure-Python encoder.
        handle.write(json.dumps(data, ensure_ascii=False))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)


def bench_save(runs: int) -> dict:
    from samenslim.domain.store import SessionStore

    session, size = build_session()
    data = session.model_dump(mode="json")
    times: dict[str, list[float]] = {"floor": [], "app": []}
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "sessies")
        store.ensure_folder()
        actions = {"floor": lambda: floor_save(data, store.folder), "app": lambda: store.save(session)}
        for index in range(runs + 1):  # one warm-up round
            for name, action in actions.items():
                start = time.perf_counter()
                action()
                if index:
                    times[name].append(time.perf_counter() - start)
    return {"runs": runs, "session_bytes": size,
            "floor_s": statistics.median(times["floor"]), "app_s": statistics.median(times["app"])}


def figures(startup: dict, save: dict) -> list[dict]:
    rows = [("start-up to home screen (s)", startup["floor"]["wall_s"], startup["app"]["wall_s"], STARTUP_TIME_TARGET),
            ("start-up peak RSS (MB)", startup["floor"]["rss_mb"], startup["app"]["rss_mb"], STARTUP_RSS_TARGET),
            ("atomic save of ~1 MB session (ms)", save["floor_s"] * 1000, save["app_s"] * 1000, SAVE_TARGET)]
    return [{"figure": name, "floor": floor, "samenslim": app, "ratio": app / floor, "target": target,
             "ok": app / floor <= target} for name, floor, app, target in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per side (saves: 2N+1)")
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    startup = bench_startup(args.runs)
    save = bench_save(2 * args.runs + 1)
    rows = figures(startup, save)
    if args.json:
        print(json.dumps({"startup": startup, "save": save, "figures": rows}, indent=2))
    else:
        print(f"{'figure':<36}{'floor':>10}{'samenslim':>11}{'ratio':>8}{'target':>8}  result")
        for row in rows:
            print(f"{row['figure']:<36}{row['floor']:>10.3f}{row['samenslim']:>11.3f}{row['ratio']:>8.2f}"
                  f"{'<= ' + format(row['target'], '.2f'):>8}  {'ok' if row['ok'] else 'NOT OK'}")
        floor_ready, app_ready = startup["floor"]["ready_s"], startup["app"]["ready_s"]
        print(f"\nstart-up: median of {startup['runs']} interleaved runs each after a warm-up; home screen on top in "
              f"every run: {startup['home_screen_ready']}; spawn to ready without interpreter exit: "
              f"{floor_ready:.3f} s vs {app_ready:.3f} s (ratio {app_ready / floor_ready:.2f})")
        print(f"save: median of {save['runs']} interleaved runs each, session file {save['session_bytes'] / 1e6:.2f} MB")
    return 1 if args.strict and not all(row["ok"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
