"""Attributes down, messages up: screens, widgets and step views never reach up into the app (or a
widget into its screen) to have work done. They post a message (samenslim/messages.py, or the
widget's own) that the owner handles, and they get what they need (the store, the content, the
settings, the clocks: services.Services) handed down. This scan fails on a new `self.app.<name>`
or `self.screen.<name>` outside the short list of Textual's own API below."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App
from textual.screen import Screen

import samenslim
from samenslim.app import SamenslimApp

SOURCE = Path(samenslim.__file__).parent
FOLDERS = ("screens", "widgets", "werkvormen")

# Textual's own App API, nothing of samenslim's: the screen stack (push_screen, pop_screen; the
# app owns it, a screen asks it to show a dialog or to go back), toasts (notify), the terminal
# (bell, export_screenshot for F6, exit for ctrl+q), workers handing results to the UI thread
# (call_from_thread), and which widget has the keyboard (focused).
ALLOWED_APP = {"push_screen", "pop_screen", "notify", "bell", "export_screenshot", "exit", "call_from_thread",
               "focused", "is_headless", "is_web", "deliver_text", "deliver_binary"}
# Textual's own Screen API a widget may use: moving the focus on.
ALLOWED_SCREEN = {"focus_next", "focus_previous"}


def reaches_in(code: str, owner: str) -> list[tuple[int, str]]:
    """Every `self.<owner>.<name>` in the code: (line, name)."""
    return [(node.lineno, node.attr) for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr == owner and isinstance(node.value.value, ast.Name) and node.value.value.id == "self"]


def reaches(owner: str) -> list[tuple[str, int, str]]:
    """Every `self.<owner>.<name>` in the screens, widgets and step views: (file, line, name)."""
    return [(f"{folder}/{path.relative_to(SOURCE / folder)}", line, name)
            for folder in FOLDERS for path in sorted((SOURCE / folder).rglob("*.py"))
            for line, name in reaches_in(path.read_text(encoding="utf-8"), owner)]


def test_the_allowed_lists_hold_only_textuals_own_api() -> None:
    for name in ALLOWED_APP:
        assert hasattr(App, name), name
        assert name not in vars(SamenslimApp), f"{name} is samenslim's own: post a message instead"
    for name in ALLOWED_SCREEN:
        assert hasattr(Screen, name), name


def test_screens_and_widgets_do_not_reach_up_into_the_app() -> None:
    wrong = [f"{path}:{line}: self.app.{name}" for path, line, name in reaches("app") if name not in ALLOWED_APP]
    assert not wrong, ("Post a message (samenslim/messages.py) or hand the service down "
                       "(services.Services) instead of:\n" + "\n".join(wrong))


def test_widgets_do_not_call_their_screen() -> None:
    wrong = [f"{path}:{line}: self.screen.{name}" for path, line, name in reaches("screen")
             if name not in ALLOWED_SCREEN]
    assert not wrong, "Post a message that the screen handles instead of:\n" + "\n".join(wrong)


def test_the_scan_sees_a_call_up() -> None:
    """The scan itself: an untyped call up into the app is found."""
    code = "class X:\n    def f(self):\n        self.app.start_session([])\n        x = self.app.library\n"
    assert sorted(reaches_in(code, "app")) == [(3, "start_session"), (4, "library")]
