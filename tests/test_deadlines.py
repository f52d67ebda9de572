"""Deadlines: the cell and field forms of task-division plans, and the resource examples."""

from __future__ import annotations

import pytest

from policy_nlp.extract.deadlines import parse_deadline
from policy_nlp.resources import read_tsv

CASES = [
    ("year_end", "2024年底前", None, "2024-12"),
    ("month_end", "2024年12月底前", None, "2024-12"),
    ("month_end_mid", "2025年6月底前", None, "2025-06"),
    ("month_bare", "2025年6月", None, "2025-06"),
    ("year", "2024年", None, "2024"),
    ("day", "2024年9月30日前", None, "2024-09-30"),
    ("half", "2024年上半年", None, "2024-06"),
    ("second_half", "2025年下半年", None, "2025-12"),
    ("quarter", "2024年第三季度", None, "2024-09"),
    ("quarter_digit", "2025年第1季度完成", None, "2025-03"),
    ("every_year", "每年", None, "ongoing"),
    ("long_term", "长期坚持", None, "ongoing"),
    ("keep_on", "持续推进", None, "ongoing"),
    ("long", "长期", None, "ongoing"),
    ("keep_doing", "持续实施", None, "ongoing"),
    ("routine", "常态化", None, "ongoing"),
    ("own_year_end", "年底前", 2023, "2023-12"),
    ("own_year", "今年", 2023, "2023"),
    ("own_year_end_this", "今年年底前完成", 2023, "2023-12"),
    ("own_without_year", "年底前", None, None),
    ("range", "2024—2025年", None, "2025"),
    ("range_hyphen", "2024-2026年", None, "2026"),
    ("latest_wins", "2024年6月底前出台方案,2025年底前全面完成", None, "2025-12"),
    ("date_beats_ongoing", "2024年12月底前,并长期坚持", None, "2024-12"),
    ("own_month", "9月底前", 2024, "2024-09"),
    ("bad_month", "2024年13月", None, "2024"),
    ("no_deadline", "区发展改革局", None, None),
    ("empty", "", None, None),
]


@pytest.mark.parametrize(("text", "year", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_deadline(text: str, year: int | None, expected: str | None) -> None:
    assert parse_deadline(text, year=year) == expected


ROWS = read_tsv("deadline_patterns.tsv")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["name"])
def test_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split(";"):
        text, expected = example.split("|")
        assert parse_deadline(text, year=2024) == expected, text


def test_names_unique() -> None:
    names = [r["name"] for r in ROWS]
    assert len(names) == len(set(names))
