"""A row of inputs that adds one item to a list when Enter is pressed in any of them."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input


def entry_row(fields: list[tuple[str, str, int | str]], names: list[str] | None = None,
              name_field: str | None = None) -> Horizontal:
    """fields: (id, placeholder, width) per input; the name field suggests participant names."""
    inputs = []
    for field_id, placeholder, width in fields:
        suggester = SuggestFromList(names, case_sensitive=False) if names and field_id == name_field else None
        field = Input(placeholder=placeholder, id=field_id, suggester=suggester)
        field.styles.width = width
        inputs.append(field)
    row = Horizontal(*inputs, classes="entry-row")
    row.styles.height = "auto"
    return row
