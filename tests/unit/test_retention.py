"""Retention terms (domain/retention.py): the date a term ends, and the file's checks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenslim.domain.retention import Bewaartermijn, RetentionFileError, add_months, load, record, term_ends


@pytest.mark.parametrize(("start", "months", "end"), [
    (datetime(2026, 3, 12), 1, datetime(2026, 4, 12)),
    (datetime(2026, 1, 31), 1, datetime(2026, 2, 28)),  # no 31 February: the month's last day
    (datetime(2024, 1, 31), 1, datetime(2024, 2, 29)),
    (datetime(2026, 8, 31), 1, datetime(2026, 9, 30)),
    (datetime(2026, 11, 15), 14, datetime(2028, 1, 15)),
    (datetime(2026, 12, 1), 1200, datetime(2126, 12, 1)),
])
def test_add_months(start: datetime, months: int, end: datetime) -> None:
    assert add_months(start, months) == end


def test_term_ends_after_the_last_meeting() -> None:
    term = Bewaartermijn(groep="Oost", maanden=24, reden="convenant", vastgelegd=datetime(2026, 1, 1, tzinfo=UTC))
    assert term_ends(term, datetime(2026, 3, 12, 13, 30, tzinfo=UTC)) == datetime(2028, 3, 12, 13, 30, tzinfo=UTC)


def test_unknown_keys_survive_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "bewaartermijnen.toml"
    path.write_text('later = "x"\n[[termijn]]\ngroep = "Oost"\nmaanden = 12\nreden = "r"\n'
                    'vastgelegd = 2026-01-01T00:00:00Z\nna_afloop = "anonimiseren"\n', encoding="utf-8")
    record(tmp_path, "West", 6, "r", datetime(2026, 12, 1, tzinfo=UTC))
    terms = load(path)
    assert terms.model_extra == {"later": "x"}
    assert terms.termijn[0].model_extra == {"na_afloop": "anonimiseren"}


def test_a_boolean_is_no_number_of_months(tmp_path: Path) -> None:
    path = tmp_path / "bewaartermijnen.toml"
    path.write_text('[[termijn]]\ngroep = "Oost"\nmaanden = true\nreden = "r"\nvastgelegd = 2026-01-01\n',
                    encoding="utf-8")
    with pytest.raises(RetentionFileError, match="termijn.1.maanden"):
        load(path)
