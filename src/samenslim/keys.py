"""How a key is named to the user, in the footer, the help screen and every text: one spelling.

`ctrl+n`, `alt+↑`, `F5`, `Esc`, `Enter`, `Del`. Textual's own footer writes `^n`, `f5`, `esc` and `⏎`
while our texts said `ctrl+n`, `F5` and `Esc`; SamenslimApp.get_key_display uses this function, so
the footer and the texts agree. Plain Python (no Textual), so texts in the domain can use it too.
"""

from __future__ import annotations

import re

_NAMES = {
    "escape": "Esc", "enter": "Enter", "delete": "Del", "backspace": "Backspace", "tab": "Tab",
    "space": "spatie", "up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp",
    "pagedown": "PgDn", "home": "Home", "end": "End", "question_mark": "?", "minus": "-", "plus": "+",
}
_FUNCTION_KEY = re.compile(r"f\d{1,2}")


def key_label(key: str) -> str:
    """'ctrl+n' -> 'ctrl+n', 'f5' -> 'F5', 'escape' -> 'Esc', 'alt+up' -> 'alt+↑'."""
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if _FUNCTION_KEY.fullmatch(name):
        shown = name.upper()
    else:
        shown = _NAMES.get(name, name)
    return "+".join([*modifiers, shown])
