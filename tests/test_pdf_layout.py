"""PDF page layout (issue 11): lines built from characters, page furniture, table rows in normalization."""

from __future__ import annotations

import pytest

from policy_nlp.io.pdf import _Char, _line_text, _lines
from policy_nlp.model import RawCell, RawTable, RawText
from policy_nlp.normalize import fold_width, normalize


def chars(spec: str, *, size: float = 16, base: float = 100) -> list[_Char]:
    """Characters laid left to right: CJK 1 em wide, ASCII half; ``|`` is a 0.4 em gap, ``_`` 2 em."""
    out, x = [], 0.0
    for ch in spec:
        if ch == "|":
            x += 0.4 * size
        elif ch == "_":
            x += 2 * size
        else:
            w = size / 2 if ch.isascii() else size
            out.append(_Char(ch, x, x + w, size, base))
            x += w
    return out


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("达到|12%|以上", "达到12%以上"),
        ("2024|年|4|月|12|日", "2024年4月12日"),
        ("（国发〔|2021|〕|29|号）", "（国发〔2021〕29号）"),
        ("GDP|增长", "GDP增长"),
        ("Made|in|China", "Made in China"),
        ("临江市人民政府办公室_2024年4月12日印发", "临江市人民政府办公室 2024年4月12日印发"),
        ("— 3 —".replace(" ", "|"), "—3—"),
    ],
    ids=["percent", "date", "doc-number", "acronym", "latin-words", "tab-stop", "page-number"],
)
def test_line_text(spec: str, expected: str) -> None:
    assert _line_text(chars(spec)) == expected


def test_lines_group_by_baseline_across_fonts() -> None:
    # a Latin digit's glyph box sits lower than a CJK glyph's, but both stand on one baseline
    line1 = [*chars("达到"), _Char("8", 40, 48, 16, 100.4)]
    line2 = chars("下一行", base=128.9)
    got = [_line_text(ln) for ln in _lines(line2 + line1)]
    assert got == ["达到8", "下一行"]


def pdf_text(pages: list[list[str]]) -> RawText:
    text = "\n".join("\n".join(p) for p in pages)
    starts, pos = [], 0
    for p in pages:
        starts.append(pos)
        pos += len("\n".join(p)) + 1
    return RawText(text, format="pdf", pages=tuple(starts))


BODY = "为贯彻落实省委、省政府部署，推动中小企业高质量发展，结合我市"
NEXT = "实际，提出如下意见。"


@pytest.mark.parametrize("footer", ["— 3 —", "- 3 -", "—3—", "第3页 共5页", "第 3 页"])
def test_footer_page_number_dropped_and_lines_joined(footer: str) -> None:
    raw = pdf_text([["一、总体要求", BODY, footer], [NEXT, "二、主要任务"]])
    text, omap = normalize(raw)
    assert text == fold_width(f"一、总体要求\n{BODY}{NEXT}\n二、主要任务")
    k = text.index(fold_width(NEXT))
    s, e = omap.to_source(k - 2, k + 2)
    assert footer in raw.text[s:e]  # the dropped footer lies inside the mapped span


def table_raw(pages: list[list[str]], table_pages: dict[int, list[int]]) -> RawText:
    """``table_pages``: page index → indices of its lines that are table rows (one RawTable a page)."""
    raw = pdf_text(pages)
    tables = []
    for p, rows in table_pages.items():
        cells = []
        pos = raw.pages[p]
        offsets = []
        for ln in pages[p]:
            offsets.append(pos)
            pos += len(ln) + 1
        for r, k in enumerate(rows):
            start = offsets[k]
            for c, cell in enumerate(pages[p][k].split("\t")):
                cells.append(RawCell(r, c, start, start + len(cell)))
                start += len(cell) + 1
        tables.append(RawTable(tuple(cells), page=p + 1))
    return RawText(raw.text, format="pdf", pages=raw.pages, tables=tuple(tables))


HEADER = "序号\t重点任务\t牵头单位\t配合单位\t完成时限"


def row(n: int) -> str:
    return f"{n}\t建立创新型中小企业、专精特新中小企业三级培育库，实行动态管理\t市工业和信息化局\t市科技局\t2024年6月底前"


def test_repeated_table_header_is_not_a_running_header() -> None:
    pages = [[BODY, NEXT, HEADER, row(1)], [HEADER, row(2)], [HEADER, row(3)], [HEADER, row(4)]]
    raw = table_raw(pages, {0: [2, 3], 1: [0, 1], 2: [0, 1], 3: [0, 1]})
    text, _ = normalize(raw)
    assert text.count(HEADER) == 4  # (the tables stage drops the repeats when it merges them)
    assert all(fold_width(row(n)) in text.split("\n") for n in range(1, 5))  # rows never joined, tabs kept


def test_table_rows_do_not_set_the_page_width() -> None:
    # the rows are far wider than the body: measured with them, no body line would reach 85%
    pages = [[BODY, NEXT, HEADER, row(1), row(2)], [BODY, NEXT]]
    raw = table_raw(pages, {0: [2, 3, 4]})
    text, _ = normalize(raw)
    assert text.split("\n")[0] == fold_width(BODY + NEXT)
    assert text.count(fold_width(BODY + NEXT)) == 2


def test_table_finder_failure_keeps_the_text(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from pathlib import Path

    import pdfplumber.page

    from policy_nlp.io import load

    def broken(self: object, table_settings: object = None) -> list[object]:
        raise ValueError("odd drawing")

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", broken)
    pdf = Path(__file__).resolve().parent.parent / "corpora" / "pdf" / "linjiang_smes_2024.pdf"
    with caplog.at_level("WARNING", logger="policy_nlp.io.pdf"):
        raw = load(pdf)
    assert raw.tables == () and "临江市人民政府办公室 2024年4月12日印发" in raw.text
    assert "市人力资源和社会保障局" not in raw.text  # without the grid, cells interleave line by line
    assert "table finder failed" in caplog.text


class FakeTable:
    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


class FakePage:
    """What :func:`policy_nlp.io.pdf._page` reads of a pdfplumber page."""

    page_number = 1

    def __init__(self, chars: list[dict[str, object]], tables: list[FakeTable]) -> None:
        self.chars, self.tables = chars, tables

    def dedupe_chars(self, **_: object) -> FakePage:
        return self

    def find_tables(self) -> list[FakeTable]:
        return self.tables


def put(text: str, x: float, top: float, size: float = 10) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for ch in text:
        w = size / 2 if ch.isascii() else size
        bottom = top + size
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": bottom, "size": size,
                    "y0": 800 - bottom, "matrix": (1, 0, 0, 1, x, 800 - bottom + 2)})
        x += w
    return out


def test_merged_cells_become_spans() -> None:
    from policy_nlp.io.pdf import _page

    # | 一、培育 (two rows) | 建库 | 市工信局 |
    # |                     | 奖励 | 市财政局 |
    # | 合计 (two columns)         | 2项      |
    cells = [(0, 100, 50, 140), (50, 100, 100, 120), (100, 100, 150, 120), (50, 120, 100, 140),
             (100, 120, 150, 140), (0, 140, 100, 160), (100, 140, 150, 160)]
    chars = [*put("附件", 0, 80), *put("一、培育", 2, 115), *put("建库", 52, 105), *put("市工信局", 102, 105),
             *put("奖励", 52, 125), *put("市财政局", 102, 125), *put("合计", 2, 145), *put("2项", 102, 145),
             *put("抄送：", 0, 170)]
    page = _page(FakePage(chars, [FakeTable(cells)]))
    assert page.text == "附件\n一、培育\t建库\t市工信局\n奖励\t市财政局\n合计\t2项\n抄送："
    got = [(c.row, c.col, c.rowspan, c.colspan, page.text[c.start : c.end]) for c in page.tables[0]]
    assert got == [(0, 0, 2, 1, "一、培育"), (0, 1, 1, 1, "建库"), (0, 2, 1, 1, "市工信局"), (1, 1, 1, 1, "奖励"),
                   (1, 2, 1, 1, "市财政局"), (2, 0, 1, 2, "合计"), (2, 2, 1, 1, "2项")]
    from policy_nlp.pipeline import analyze_raw

    d = analyze_raw(RawText(page.text, format="pdf", pages=(0,), tables=(RawTable(page.tables[0], page=1),)))
    (t,) = d.tables
    assert [[c.text if c else None for c in r] for r in t.grid()] == [
        ["一、培育", "建库", "市工信局"], ["一、培育", "奖励", "市财政局"], ["合计", "合计", "2项"]]


def test_text_in_no_cell_stays_in_the_flow() -> None:
    from policy_nlp.io.pdf import _page

    # a 2×2 frame whose bottom-right position has no cell: the note drawn there is not lost
    cells = [(0, 100, 50, 120), (50, 100, 100, 120), (0, 120, 50, 140)]
    chars = [*put("序号", 2, 105), *put("任务", 52, 105), *put("1", 2, 125), *put("注：略", 52, 125)]
    page = _page(FakePage(chars, [FakeTable(cells)]))
    assert page.text.split("\n") == ["序号\t任务", "1", "注：略"]
