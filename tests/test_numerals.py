"""policy_nlp.numerals: parsing, spans and units of numbers written the way policy texts write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.numerals import (
    find_quantities,
    fold_width,
    parse_chinese_int,
    parse_number,
    parse_year,
    plan_period,
    unit_kind,
)
from policy_nlp.resources import read_tsv

DIGITS = "零一二三四五六七八九"


def _below_10000(n: int, *, leading: bool) -> str:
    """Formal Chinese for 1..9999 (一千零五, 十五 when leading, 一十五 inside a larger number)."""
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (unit == 10 and d == 1 and leading and not out):
            out += DIGITS[d]
        out += name
    return out


def to_chinese(n: int) -> str:
    """Formal Chinese numeral for 1 ≤ n < 10**12 (our own writer, to check the parser against)."""
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, pending_zero = "", False
    for value, name in parts:
        if value == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or value < 1000):
            out += "零"
        out += _below_10000(value, leading=not out) + name
        pending_zero = False
    return out


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (120000, "十二万"),
        (100000000, "一亿"),
        (100050000, "一亿零五万"),
        (9900000000, "九十九亿"),
    ],
)
def test_own_writer_is_formal(n: int, written: str) -> None:
    assert to_chinese(n) == written


def test_every_number_below_100000_round_trips() -> None:
    bad = [n for n in range(1, 100_000) if parse_chinese_int(to_chinese(n)) != n]
    assert bad == []


@pytest.mark.parametrize(("big", "unit"), [(10**4, "万"), (10**8, "亿")])
def test_every_multiple_of_wan_and_yi_round_trips(big: int, unit: str) -> None:
    limit = 10000 if unit == "万" else 100  # up to 九千九百九十九万 and 九十九亿
    bad = [n for n in range(1, limit) if parse_chinese_int(to_chinese(n * big)) != n * big]
    assert bad == []
    assert parse_chinese_int("九十九亿") == 99 * 10**8


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=1, max_value=99 * 10**8))
def test_up_to_ninety_nine_yi_round_trips(n: int) -> None:
    assert parse_chinese_int(to_chinese(n)) == n


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("两", 2),
        ("两千", 2000),
        ("两万", 20000),
        ("〇", 0),
        ("零", 0),
        ("二〇二〇", 2020),
        ("二零一五", 2015),
        ("百", 100),
        ("千", 1000),
        ("万", 10000),
        ("百万", 1000000),
        ("千万", 10000000),
        ("万亿", 10**12),
        ("三万亿", 3 * 10**12),
        ("一万五", 15000),
        ("三百五", 350),
        ("壹仟贰佰", 1200),
        ("十万八千", 108000),
    ],
)
def test_parse_chinese_int_forms(s: str, value: int) -> None:
    assert parse_chinese_int(s) == value


@pytest.mark.parametrize("s", ["", "十百千万", "亿万", "万五", "一二三x", "十十", "百千", "五十百"])
def test_parse_chinese_int_rejects(s: str) -> None:
    assert parse_chinese_int(s) is None


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("30", 30.0),
        ("３０", 30.0),
        ("12.5", 12.5),
        ("１２．５", 12.5),
        ("1,500", 1500.0),
        ("1，500", 1500.0),
        ("1.5亿", 1.5e8),
        ("3万亿", 3e12),
        ("5000万", 5e7),
        ("1万", 1e4),
        ("两百", 200.0),
        ("百万", 1e6),
        ("二点五", 2.5),
        ("三点零五", 3.05),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(s: str, value: float) -> None:
    assert parse_number(s) == value


@pytest.mark.parametrize("s", ["", "abc", "1.2.3", "统一", "两点", "十点半"])
def test_parse_number_rejects(s: str) -> None:
    assert parse_number(s) is None


QUANTITIES = [
    # text, expected [(span text, value, value_max, unit, kind)]
    ("比重达到30%", [("30%", 30, None, "%", "percent")]),
    ("比重达到３０％", [("３０％", 30, None, "%", "percent")]),
    ("率达到62.5%", [("62.5%", 62.5, None, "%", "percent")]),
    ("降低40%-45%", [("40%-45%", 40, 45, "%", "percent")]),
    ("降低40%～45%", [("40%～45%", 40, 45, "%", "percent")]),
    ("降低40-45%", [("40-45%", 40, 45, "%", "percent")]),
    ("吸纳就业2万-3万人", [("2万-3万人", 2, 3, "万人", "count")]),
    ("安排资金2万至3万元", [("2万至3万元", 2, 3, "万元", "money")]),
    ("招收2万-3万名学员", [("2万-3万名", 20000, 30000, "名", "count")]),
    ("推荐10个名额", [("10个", 10, None, "个", "count")]),
    ("最高给予 5000 万元资助", [("5000 万元", 5000, None, "万元", "money")]),
    ("对实际投资 2 亿元的项目", [("2 亿元", 2, None, "亿元", "money")]),
    ("百分之三十", [("百分之三十", 30, None, "%", "percent")]),
    ("百分之三点五", [("百分之三点五", 3.5, None, "%", "percent")]),
    ("百分之二至三", [("百分之二至三", 2, 3, "%", "percent")]),
    ("千分之五", [("千分之五", 5, None, "‰", "permille")]),
    ("控制在5‰以内", [("5‰", 5, None, "‰", "permille")]),
    ("覆盖三分之一的企业", [("三分之一", 100 / 3, None, "%", "percent")]),
    ("提高2个百分点", [("2个百分点", 2, None, "个百分点", "points")]),
    ("提高1.5倍", [("1.5倍", 1.5, None, "倍", "multiple")]),
    ("收入翻一番", [("翻一番", 2, None, "倍", "multiple")]),
    ("增长二点五倍", [("二点五倍", 2.5, None, "倍", "multiple")]),
    ("经济总量翻两番", [("翻两番", 4, None, "倍", "multiple")]),
    ("每年新增1万名", [("1万名", 10000, None, "名", "count")]),
    ("培养万名高技能人才", [("万名", 10000, None, "名", "count")]),
    ("推进万家企业", [("万家", 10000, None, "家", "count")]),
    ("资助5000万元", [("5000万元", 5000, None, "万元", "money")]),
    ("总投资1.5亿元", [("1.5亿元", 1.5, None, "亿元", "money")]),
    ("规模突破3万亿元", [("3万亿元", 3, None, "万亿元", "money")]),
    ("安排五千万元", [("五千万元", 5000, None, "万元", "money")]),
    ("装机达到300万千瓦", [("300万千瓦", 300, None, "万千瓦", "measure")]),
    ("新建绿道100千米", [("100千米", 100, None, "千米", "measure")]),
    ("选拔1,000名", [("1,000名", 1000, None, "名", "count")]),
    ("新增100余家", [("100余家", 100, None, "家", "count")]),
    ("3至5年", [("3至5年", 3, 5, "年", "time")]),
    ("到2015年", [("2015年", 2015, None, "年", "year")]),
    ("二〇二〇年", [("二〇二〇年", 2020, None, "年", "year")]),
    ("2011-2015年", [("2011-2015年", 2011, 2015, "年", "year")]),
    ("统一思想,一流服务", []),
    ("十七届五中全会", []),
    ("十大工人发明家", []),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES, ids=[t for t, _ in QUANTITIES])
def test_find_quantities(text: str, expected: list[tuple[str, float, float | None, str, str]]) -> None:
    got = find_quantities(text)
    assert [(q.text, q.unit, q.kind) for q in got] == [(e[0], e[3], e[4]) for e in expected]
    for q, e in zip(got, expected, strict=True):
        assert q.value == pytest.approx(e[1])
        assert q.value_max == (None if e[2] is None else pytest.approx(e[2]))
        assert text[q.start : q.end] == q.text


def test_modifier_is_kept() -> None:
    (q,) = find_quantities("新增100余家")
    assert q.modifier == "余"


def test_date_is_not_a_range() -> None:
    qs = find_quantities("2011-03-04")
    assert all(q.value_max is None for q in qs)


@pytest.mark.parametrize(
    ("s", "year"),
    [
        ("2015年", 2015),
        ("2015", 2015),
        ("二〇二〇年", 2020),
        ("二零一五年", 2015),
        ("3000", None),
        ("15年", None),
    ],
)
def test_parse_year(s: str, year: int | None) -> None:
    assert parse_year(s) == year


@pytest.mark.parametrize(
    ("s", "period"),
    [
        ("十四五", (2021, 2025)),
        ("“十四五”", (2021, 2025)),
        ("十二五", (2011, 2015)),
        ("第十二个五年规划", (2011, 2015)),
        ("十三五", (2016, 2020)),
        ("一五", (1953, 1957)),
        ("二五", (1958, 1962)),
        ("三五", (1966, 1970)),
        ("十一五", (2006, 2010)),
        ("五年", None),
        ("十五届", None),
    ],
)
def test_plan_period(s: str, period: tuple[int, int] | None) -> None:
    assert plan_period(s) == period


def test_fold_width_keeps_length() -> None:
    s = "（一）到２０２５年，比重达到３０％。"
    assert len(fold_width(s)) == len(s)
    assert fold_width(s) == "(一)到2025年,比重达到30%。"


def test_unit_kind() -> None:
    assert unit_kind("名") == "count"
    assert unit_kind("no such unit") == "number"


@pytest.mark.parametrize("row", read_tsv("units.tsv"), ids=lambda r: r["unit"])
def test_every_unit_example_is_found(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert any(q.unit == row["unit"] for q in find_quantities(example)), example


def test_units_table_is_unique() -> None:
    units = [r["unit"] for r in read_tsv("units.tsv")]
    assert len(units) == len(set(units))


@given(
    st.text(
        alphabet=st.sampled_from("一二两三十百千万亿〇零0123456789.,%‰-至年个名元万倍翻番分之百分第届次"),
        max_size=40,
    )
)
def test_numeral_soup_never_raises(s: str) -> None:
    for q in find_quantities(s):
        assert s[q.start : q.end] == q.text
        assert q.start < q.end


@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(s: str) -> None:
    for q in find_quantities(s):
        assert s[q.start : q.end] == q.text
    parse_number(s)
    parse_year(s)
    plan_period(s)
