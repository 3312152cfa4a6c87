"""The beamer's block digits: the scale they are drawn at, and what they look like."""

from __future__ import annotations

import pytest

from samenslim.widgets.big_timer import FONT, GLYPH_HEIGHT, draw, drawn_rows, scale_for


@pytest.mark.parametrize(("text", "width", "height", "expected"), [
    ("05:00", 56, 15, (2, 3)),       # width-bound: the digits may be 1.5× as tall as square
    ("05:00", 200, 8, (3, 2)),       # height-bound: at most 1.5× as wide
    ("05:00", 24, 10, (0, 0)),       # too narrow for even scale 1: plain text instead
    ("+01:15", 100, 40, (3, 4)),
])
def test_scale_keeps_the_digits_in_shape(text, width, height, expected) -> None:
    assert scale_for(text, width, height) == expected
    sx, sy = expected
    assert drawn_rows(text, width, height) == ((7 * sy + 1) // 2 if sx else 1)


def test_every_glyph_has_seven_even_rows() -> None:
    for char, glyph in FONT.items():
        assert len(glyph) == GLYPH_HEIGHT and len({len(row) for row in glyph}) == 1, char


def test_a_digit_at_scale_one_is_four_rows_of_half_blocks() -> None:
    assert draw("1", 1, 1) == [" ▄█  ", "▀ █  ", "  █  ", "▀▀▀▀▀"]
    assert draw("1", 2, 2)[:2] == ["    ██    ", "  ████    "]  # scale 2: a pixel is 2 columns, 1 full row
