"""OffsetMap and TextBuilder: point mapping, coarse segments, drops, composition, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.offsets import OffsetMap, TextBuilder


def build(src: str, ops: list[tuple[str, int, int, str]]) -> tuple[str, OffsetMap]:
    b = TextBuilder(src)
    for op, i, j, s in ops:
        if op == "copy":
            b.copy(i, j)
        elif op == "fold":
            b.fold(i, j, s)
        elif op == "replace":
            b.replace(i, j, s)
        else:
            b.drop(i, j)
    return b.build()


@pytest.mark.parametrize(
    ("src", "ops", "text", "spans"),
    [
        (
            "ab\r\ncd",
            [("copy", 0, 2, ""), ("replace", 2, 4, "\n"), ("copy", 4, 6, "")],
            "ab\ncd",
            {(0, 2): (0, 2), (2, 3): (2, 4), (3, 5): (4, 6), (1, 4): (1, 5)},
        ),
        (
            "x<b>y</b>z",
            [
                ("copy", 0, 1, ""),
                ("drop", 1, 4, ""),
                ("copy", 4, 5, ""),
                ("drop", 5, 9, ""),
                ("copy", 9, 10, ""),
            ],
            "xyz",
            {(1, 2): (4, 5), (0, 3): (0, 10), (2, 3): (9, 10), (1, 1): (4, 4)},
        ),
        (
            "a&amp;b",
            [("copy", 0, 1, ""), ("replace", 1, 6, "&"), ("copy", 6, 7, "")],
            "a&b",
            {(1, 2): (1, 6), (0, 1): (0, 1), (2, 3): (6, 7)},
        ),
        ("（一）", [("fold", 0, 3, "(一)")], "(一)", {(0, 1): (0, 1), (1, 2): (1, 2)}),
        (
            "\u3000\u3000正文",
            [("drop", 0, 2, ""), ("copy", 2, 4, "")],
            "正文",
            {(0, 2): (2, 4), (0, 0): (2, 2)},
        ),
        (
            "甲乙",
            [("copy", 0, 1, ""), ("replace", 1, 1, "\n"), ("copy", 1, 2, "")],
            "甲\n乙",
            {(1, 2): (1, 1), (2, 3): (1, 2)},
        ),
    ],
    ids=["crlf", "tags-dropped", "entity", "fold", "leading-drop", "insertion"],
)
def test_builder_and_to_source(
    src: str, ops: list[tuple[str, int, int, str]], text: str, spans: dict[tuple[int, int], tuple[int, int]]
) -> None:
    out, omap = build(src, ops)
    assert out == text
    assert (omap.norm_length, omap.src_length) == (len(text), len(src))
    for span, expected in spans.items():
        assert omap.to_source(*span) == expected, span


def test_to_source_rejects_spans_outside_the_text() -> None:
    omap = OffsetMap.identity(3)
    for span in [(-1, 1), (2, 1), (0, 4)]:
        with pytest.raises(ValueError, match="outside text of length 3"):
            omap.to_source(*span)


def test_empty_map() -> None:
    omap = OffsetMap.identity(0)
    assert omap.segments == () and omap.to_source(0, 0) == (0, 0)


def test_builder_rejects_out_of_order_and_bad_fold() -> None:
    b = TextBuilder("abcdef")
    b.copy(2, 4)
    with pytest.raises(ValueError, match="out of order"):
        b.copy(1, 3)
    with pytest.raises(ValueError, match="outside the source"):
        b.copy(4, 9)
    with pytest.raises(ValueError, match="same length"):
        b.fold(4, 6, "x")
    assert b.length == 2


def test_list_round_trip() -> None:
    _, omap = build(
        "x<b>y</b>z", [("copy", 0, 1, ""), ("drop", 1, 4, ""), ("copy", 4, 5, ""), ("replace", 5, 9, " ")]
    )
    again = OffsetMap.from_list(omap.to_list(), omap.norm_length, omap.src_length)
    assert again == omap
    assert [again.to_source(i, i + 1) for i in range(3)] == [omap.to_source(i, i + 1) for i in range(3)]


def test_compose_is_exact_for_copies_and_coarse_for_replacements() -> None:
    markup = "<p>a&amp;b</p>\r\n<p>cd</p>"
    b1 = TextBuilder(markup)  # markup -> "a&b\r\ncd"
    b1.drop(0, 3)
    b1.copy(3, 4)
    b1.replace(4, 9, "&")
    b1.copy(9, 10)
    b1.drop(10, 14)
    b1.copy(14, 16)
    b1.drop(16, 19)
    b1.copy(19, 21)
    b1.drop(21, 25)
    mid, inner = b1.build()
    assert mid == "a&b\r\ncd"
    b2 = TextBuilder(mid)  # "a&b\r\ncd" -> "a&b\ncd"
    b2.copy(0, 3)
    b2.replace(3, 5, "\n")
    b2.copy(5, 7)
    text, outer = b2.build()
    omap = outer.compose(inner)
    assert text == "a&b\ncd"
    assert (omap.norm_length, omap.src_length) == (len(text), len(markup))
    assert markup[slice(*omap.to_source(0, 1))] == "a"
    assert markup[slice(*omap.to_source(1, 2))] == "&amp;"
    assert markup[slice(*omap.to_source(4, 6))] == "cd"
    assert markup[slice(*omap.to_source(3, 4))] == "\r\n"


_OPS = st.lists(
    st.tuples(st.sampled_from(["copy", "replace", "drop"]), st.integers(0, 4), st.text("xy\n", max_size=3)),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(_OPS, st.text(max_size=40))
def test_random_builds_map_monotonically_inside_the_source(ops: list[tuple[str, int, str]], src: str) -> None:
    b = TextBuilder(src)
    pos = 0
    for op, n, s in ops:
        j = min(len(src), pos + n)
        if op == "copy":
            b.copy(pos, j)
        elif op == "replace":
            b.replace(pos, j, s)
        else:
            b.drop(pos, j)
        pos = j
    text, omap = b.build()
    assert omap.norm_length == len(text)
    prev = 0
    for i in range(len(text) + 1):
        s0, _ = omap.to_source(i, i)
        assert prev <= s0 <= len(src)
        prev = s0
    for i in range(len(text)):
        s0, e0 = omap.to_source(i, i + 1)
        assert 0 <= s0 <= e0 <= len(src)
    again = OffsetMap.from_list(omap.to_list(), omap.norm_length, omap.src_length)
    assert again.to_list() == omap.to_list()
    # composing with the identity changes nothing
    assert omap.compose(OffsetMap.identity(len(src))).to_source(0, len(text)) == omap.to_source(0, len(text))
