"""The domain knows no screen: content, sessions, store, timer and friends import nothing from Textual."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def domain_modules() -> list[str]:
    """Every module of the domain package, found on disk (a new module is covered without a list to keep)."""
    import pkgutil

    import samenslim.domain
    return ["samenslim.domain"] + [info.name for info in pkgutil.walk_packages(samenslim.domain.__path__, "samenslim.domain.")]


DOMAIN = [*domain_modules(), "samenslim.cli", "samenslim.serve", "samenslim.second_screen"]


def test_domain_modules_do_not_load_textual() -> None:
    code = ("import sys\n" + "".join(f"import {name}\n" for name in DOMAIN) +
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"domain code pulled in: {result.stdout.strip()}"


def test_import_linter_contract_holds() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([lint], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_step_kind_has_a_view_module() -> None:
    import importlib

    from samenslim.domain.soorten import KINDS

    for name, kind in KINDS.items():
        module_name, class_name = kind.VIEW.split(":")
        view = getattr(importlib.import_module(module_name), class_name)
        assert view.kind is kind, name


def test_the_path_to_the_home_screen_stays_light() -> None:
    """The home screen is drawn before pydantic, the step kinds and the store are loaded (start-up
    time, see benchmarks/startup_and_save.py); this fails when a top-level import drags them in."""
    code = ("import sys, samenslim.app\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'filelock')"
            " or m.startswith(('samenslim.domain.content', 'samenslim.domain.soorten', 'samenslim.domain.store', 'samenslim.domain.session')))\n"
            "print(heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
