"""The beamer's timer: the time in block digits as large as the widget's region allows.

Textual's `Digits` is always 3 rows high. Here every glyph is a 5×7 grid of our own (0-9, ':',
'+', '-'), scaled by whole factors and drawn with full and half blocks, so one terminal row holds
two rows of the grid. The widget fills what its parent gives it (its CSS height), picks the
largest scale at which the text fits, and centres it. Below the smallest scale (a very narrow
terminal) it falls back to the plain time in bold.

It is a `Digits` so a `TimerDisplay` drives it as it drives its own digits (`update(value)`) and
its colour rules (`TimerDisplay.-bijna Digits` …) reach it too.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Digits

GLYPH_HEIGHT = 7

# Our own block font: '#' is ink. Each glyph is GLYPH_HEIGHT rows; widths differ per glyph.
FONT: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "#.#..", "..#..", "..#..", "..#..", "#####"),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("####.", "....#", "....#", ".###.", "....#", "....#", "####."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": (".###.", "#....", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "....#", ".###."),
    ":": (".", ".", "#", ".", "#", ".", "."),
    "+": ("...", "...", ".#.", "###", ".#.", "...", "..."),
    "-": ("...", "...", "...", "###", "...", "...", "..."),
    " ": ("..", "..", "..", "..", "..", "..", ".."),
}
GAP = 1  # empty grid columns between two glyphs


def bitmap(text: str) -> list[list[bool]]:
    """The text as GLYPH_HEIGHT rows of pixels (True is ink); characters without a glyph are left out."""
    glyphs = [FONT[char] for char in text if char in FONT]
    rows: list[list[bool]] = [[] for _ in range(GLYPH_HEIGHT)]
    for index, glyph in enumerate(glyphs):
        for row, line in zip(rows, glyph, strict=True):
            if index:
                row.extend([False] * GAP)
            row.extend(char == "#" for char in line)
    return rows


def scale_for(text: str, width: int, height: int) -> tuple[int, int]:
    """The (horizontal, vertical) whole scale at which `text` fits `width` columns and `height`
    rows; (0, 0) when not even scale 1 fits. A grid pixel is one column wide and half a row high,
    about square in a terminal; the scales stay within 1.5× of each other so digits keep their shape."""
    pixels_wide = len(bitmap(text)[0]) or 1
    fit_x = width // pixels_wide
    fit_y = (2 * height) // GLYPH_HEIGHT
    if fit_x < 1 or fit_y < 1:
        return 0, 0
    sy = min(fit_y, max(1, (3 * fit_x) // 2))
    sx = min(fit_x, max(1, (3 * sy) // 2))
    return sx, sy


def draw(text: str, sx: int, sy: int) -> list[str]:
    """The text in block characters at the given scale: one string per terminal row."""
    rows = bitmap(text)
    pixels = [[ink for ink in row for _ in range(sx)] for row in rows for _ in range(sy)]
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    lines = []
    for top, bottom in zip(pixels[::2], pixels[1::2], strict=True):
        lines.append("".join("█" if up and down else "▀" if up else "▄" if down else " "
                             for up, down in zip(top, bottom, strict=True)))
    return lines


def drawn_rows(text: str, width: int, height: int) -> int:
    """How many rows the digits take in a region of width×height (the plain fallback is 1 row)."""
    sx, sy = scale_for(text, width, height)
    return (GLYPH_HEIGHT * sy + 1) // 2 if sx else 1


class BigTimer(Digits):
    """The time in scaled block digits, filling the region the layout gives it.

    Drawn line by line (`render_line`, Textual's line API) from plain strings cached per value and
    size, so a new second costs a few string look-ups, not a rich render of the whole region."""

    DEFAULT_CSS = """
    BigTimer { width: 1fr; height: 1fr; min-height: 1; }
    """

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(value, id=id, classes=classes)
        self._drawn: tuple[tuple[str, int, int], list[str], bool] | None = None

    def update(self, value: str) -> None:
        # The region does not depend on the text: no layout pass, only a redraw.
        self._value = value
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return GLYPH_HEIGHT  # with height: auto, scale 2 in rows; the beamer gives it 1fr instead

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    @property
    def rows_drawn(self) -> int:
        """The height of the digits in rows at the widget's current size (for tests and the layout)."""
        return drawn_rows(self._value, self.content_size.width, self.content_size.height)

    def _lines(self) -> tuple[list[str], bool]:
        """Every row of the region as a string of its width, the digits centred; and whether they
        are the plain-text fallback."""
        width, height = self.content_size
        key = (self._value, width, height)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1], self._drawn[2]
        sx, sy = scale_for(self._value, width, height)
        drawn = draw(self._value, sx, sy) if sx else [self._value[:width]]
        top = max(0, (height - len(drawn)) // 2)
        lines = [""] * top + [line.center(width) for line in drawn]
        lines = [line.ljust(width) for line in lines[:height]] + [" " * width] * max(0, height - len(lines))
        self._drawn = (key, lines, not sx)
        return lines, not sx

    def render_line(self, y: int) -> Strip:
        lines, plain = self._lines()
        width = self.content_size.width
        if not 0 <= y < len(lines):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + Style(bold=True) if plain else self.rich_style
        return Strip([Segment(lines[y], style)], width)
