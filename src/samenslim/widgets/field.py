"""A one-line text field whose keystrokes cost no layout pass over the screen.

Textual's `Input` sets its virtual size to the width of its text on every change, and the size is a
layout reactive: each keystroke laid out the whole screen (about 250 widgets in the runner) although
a field of fixed width and height never changes size. Here the new virtual size is stored without
asking for a layout (the field scrolls its text by it, which needs no layout) and only the field is
redrawn. A field with an automatic size keeps Textual's behaviour.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class Field(Input):
    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            size = Size(self.content_width, 1)
            if size != self.virtual_size:
                self.set_reactive(Widget.virtual_size, size)
                self.refresh()
        super()._watch_value(value)
