"""Tables as data: HTML tables laid out one row per line, text renderings (tabs, pipes, aligned
columns), header rows, page-break merging, cells as sentence bounds, header cells as no records."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp import analyze
from policy_nlp.io import load
from policy_nlp.io.html import html_tables, visible_text
from policy_nlp.model import Document, RawCell, RawTable, RawText, Table
from policy_nlp.normalize import normalize
from policy_nlp.resources import read_tsv
from policy_nlp.store import document_rows, open_store, read_document, transaction, write_rows
from policy_nlp.structure.sentences import find_sentences
from policy_nlp.structure.tables import find_tables, header_kind, header_spans

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
FIXTURE = CORPORA / "tables_task_division.html"


def _html(body: str) -> Document:
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
    return analyze(RawText(page, sha256=hashlib.sha256(page.encode()).hexdigest(), format="html"))


def _rows(t: Table) -> list[list[str | None]]:
    return [[c.text if c else None for c in row] for row in t.grid()]


# -- HTML -----------------------------------------------------------------------------------------
TWO_TABLES = """
<p>附件1</p>
<table>
<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td><p>建设统一身份认证体系。</p>
<p>推动电子证照共享互认。</p></td><td rowspan="2">省公安厅</td><td>2020年底前</td></tr>
<tr><td>2</td><td>完善数据共享<br>交换平台</td><td>2021年6月底前</td></tr>
<tr><td>3</td><td>开展安全检查</td><td colspan="2">长期坚持</td></tr>
</table>
<p>附件2</p>
<table>
<tr><td>指标</td><td>单位</td><td>2025年目标值</td></tr>
<tr><td>网上可办率</td><td>%</td><td>90</td></tr>
<tr><td>Online rate</td><td>percent</td><td>95</td></tr>
</table>
"""


def test_html_rowspan_colspan_nested_blocks_and_header() -> None:
    doc = _html(TWO_TABLES)
    assert [t.id for t in doc.tables] == ["TB1", "TB2"]
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols, t.header_rows, t.rule) == (4, 4, 1, "tables.html.v1")
    assert _rows(t) == [
        ["序号", "重点任务", "牵头单位", "完成时限"],
        ["1", "建设统一身份认证体系。推动电子证照共享互认。", "省公安厅", "2020年底前"],
        ["2", "完善数据共享交换平台", "省公安厅", "2021年6月底前"],  # the rowspan fills row 2
        ["3", "开展安全检查", "长期坚持", "长期坚持"],  # the colspan fills two columns
    ]
    # one row per line, cells after tabs; nested <p>/<br> joined without a break between CJK
    assert doc.text[t.start : t.end].split("\n")[1] == "1\t建设统一身份认证体系。推动电子证照共享互认。\t省公安厅\t2020年底前"
    assert [c.header for c in t.cells if c.row == 0] == [True] * 4
    # a header row without <th>, found by its header words; Latin words in a cell keep their space
    t2 = doc.tables[1]
    assert t2.header_rows == 1 and _rows(t2)[2] == ["Online rate", "percent", "95"]


def test_html_cells_map_back_into_their_markup() -> None:
    """to_source of a cell lands inside that cell's <td>…</td> in the page."""
    raw = load(FIXTURE)
    doc = analyze(raw)
    (t,) = doc.tables
    for cell, rc in zip(t.cells, raw.tables[0].cells, strict=True):
        a, b = doc.to_source(cell.start, cell.end)
        assert rc.start <= a <= b <= rc.end
        if cell.text:
            markup = raw.text[a:b]
            assert markup.startswith(cell.text[:2]) and markup.endswith(cell.text[-2:])


@pytest.mark.parametrize(
    ("markup", "n"),
    [
        ("<table><tr><td><p>一、总体要求</p><p>全文在一个单元格里。</p></td></tr></table>", 0),
        ("<table><tr><td>只有一列</td></tr><tr><td>第二行</td></tr></table>", 0),
        ("<table><tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td>"
         "<td>x</td></tr><tr><td>y</td><td>z</td></tr></table>", 1),
        ("<table><tr><td>" + "长" * 1200 + "</td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>", 0),
    ],
    ids=["one-cell-page", "single-column", "nested-keeps-inner-only", "huge-cell"],
)
def test_layout_tables_are_not_data(markup: str, n: int) -> None:
    assert len(html_tables(markup)) == n


def test_govcn_information_table_is_a_table_and_meta_still_reads() -> None:
    """The gov.cn information table (索引号/发文机关/成文日期 …) is a data table now; meta still reads."""
    doc = _html(
        "<table><tr><td>索引号：</td><td>000014349/2019-00011</td><td>主题分类：</td><td>综合政务</td></tr>"
        "<tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2019年03月18日</td></tr>"
        "<tr><td>标　　题：</td><td colspan=3>国务院办公厅关于推进政务服务一网通办的通知</td></tr>"
        "<tr><td>发文字号：</td><td>国办发〔2019〕11号</td><td>发布日期：</td><td>2019年03月20日</td></tr></table>"
        "<p>国务院办公厅关于推进政务服务一网通办的通知</p><p>国办发〔2019〕11号</p>"
        "<p>各省、自治区、直辖市人民政府：</p><p>一、总体要求</p><p>到2020年，网上可办率达到90%。</p>"
        "<p>国务院办公厅</p><p>2019年3月18日</p>"
    )
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols, t.header_rows) == (4, 4, 0)
    assert doc.meta.doc_number == "国办发〔2019〕11号" and doc.meta.date == "2019-03-18"
    assert doc.meta.title == "国务院办公厅关于推进政务服务一网通办的通知"
    assert [s.heading for s in doc.sections] == ["总体要求"]


def test_layout_table_text_keeps_its_lines() -> None:
    text, _ = visible_text("<table><tr><td><p>一、总体要求</p><p>坚持。</p></td></tr></table>")
    assert text == "一、总体要求\n坚持。\n"


# -- text renderings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "rows", "header_rows"),
    [
        (
            "附件\n序号\t重点任务\t牵头单位\t完成时限\n1\t建设统一平台。\t省政务服务管理局\t2019年底前\n"
            "2\t推行清单管理。\t省司法厅\t\n各单位要抓好落实。",
            "tables.tab.v1",
            [["序号", "重点任务", "牵头单位", "完成时限"], ["1", "建设统一平台。", "省政务服务管理局", "2019年底前"],
             ["2", "推行清单管理。", "省司法厅", None]],
            1,
        ),
        (
            "| 序号 | 工作任务 | 责任单位 |\n|:---|---|---:|\n| 1 | 完善好差评制度 | 省政府办公厅 |\n"
            "| 2 | 加强网络安全保障 | 省委网信办 |",
            "tables.pipe.v1",
            [["序号", "工作任务", "责任单位"], ["1", "完善好差评制度", "省政府办公厅"],
             ["2", "加强网络安全保障", "省委网信办"]],
            1,
        ),
        (
            "|指标|单位|目标值|\n|网上可办率|%|90|\n|一网通办率|%|80|",
            "tables.pipe.v1",
            [["指标", "单位", "目标值"], ["网上可办率", "%", "90"], ["一网通办率", "%", "80"]],
            1,
        ),
        (
            "主要指标\n指标            单位    2020年    2025年\n地区生产总值    亿元    1200      1800\n"
            "城镇化率        %       60        66\n研发投入强度    %       2.1       2.8",
            "tables.aligned.v1",
            [["指标", "单位", "2020年", "2025年"], ["地区生产总值", "亿元", "1200", "1800"],
             ["城镇化率", "%", "60", "66"], ["研发投入强度", "%", "2.1", "2.8"]],
            1,
        ),
        (
            "项目          2018年    2019年\n财政收入      350       380\n一般预算支出  410       455",
            "tables.aligned.v1",
            [["项目", "2018年", "2019年"], ["财政收入", "350", "380"], ["一般预算支出", "410", "455"]],
            0,
        ),
    ],
    ids=["tabs", "markdown-pipes", "framed-pipes", "aligned-with-header", "aligned-columns"],
)
def test_text_tables(text: str, rule: str, rows: list[list[str | None]], header_rows: int) -> None:
    (t,) = find_tables(text)
    assert t.rule == rule and t.header_rows == header_rows
    assert [[x or None for x in r] for r in _rows(t)] == rows
    for c in t.cells:
        assert text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    "text",
    [
        "各地区要  认真落实本意见。\n各部门要  加强协调配合。\n各单位要  及时报告进展。",
        "国务院办公厅          \n2019年3月18日\n(此件公开发布)",
        "一、总体要求  坚持以人民为中心的发展思想\n二、主要任务  深化放管服改革\n三、保障措施  加强组织领导",
        "第一条\t为了规范政务服务,制定本办法。\n第二条\t本办法适用于本省行政区域内的政务服务。",
        "联系人:张  明    电话:12345678\n地址:某某路1号",
        "到2025年,全省政务服务事项  全部实现网上可办,\"一网通办\"能力  显著增强,企业和群众满意度  持续提升。",
        "首页 | 政务公开 | 政策文件",
    ],
    ids=["prose-double-spaces", "signature", "outline-with-spaces", "articles-with-tabs", "contact-line",
         "one-long-sentence", "breadcrumb"],
)
def test_prose_never_becomes_a_table(text: str) -> None:
    assert find_tables(text) == []


def test_aligned_columns_are_not_searched_in_html() -> None:
    doc = _html("<p>张  三    发展改革委副主任</p><p>李  四    财政部副部长</p><p>王  五    商务部副部长</p>")
    assert doc.tables == ()


# -- header words ---------------------------------------------------------------------------------
def test_header_words_rows_sorted_unique_and_examples_match() -> None:
    rows = read_tsv("table_headers.tsv")
    words = [r["header"] for r in rows]
    assert words == sorted(set(words))
    for r in rows:
        assert r["examples"].strip(), r["header"]
        for example in r["examples"].split("¦"):
            assert header_kind(example) == r["kind"], example


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("牵头单位", "lead"), ("省级牵头部门", "lead"), ("完成时限", "deadline"), ("序  号", "index"),
     ("省政务服务管理局", None), ("2019年底前", None), ("建设统一身份认证体系,实现一次认证。", None)],
    ids=["lead", "lead-prefixed", "deadline", "spaced", "a-body", "a-date", "a-task"],
)
def test_header_kind(cell: str, kind: str | None) -> None:
    assert header_kind(cell) == kind


@pytest.mark.parametrize(
    ("text", "header_rows"),
    [
        ("序号\t改革举措\t主要内容\t推广范围\n1\t推行告知承诺制\t对申请材料实行告知承诺。\t全国\n2\t x\ty\tz", 1),
        ("地区\t2019年\t2020年\n江苏\t100\t120\n上海\t105\t135", 0),
        ("牵头单位\t省发展改革委\n配合单位\t省财政厅", 0),
    ],
    ids=["one-header-word-with-index", "no-header-words", "label-value-pairs"],
)
def test_header_rows_detected(text: str, header_rows: int) -> None:
    (t,) = find_tables(text)
    assert t.header_rows == header_rows


def test_multi_level_html_header() -> None:
    doc = _html(
        "<table><tr><td rowspan=2>省(市)</td><td rowspan=2>现有规模</td><td colspan=2>分年度任务</td></tr>"
        "<tr><td>2020年</td><td>2021年</td></tr><tr><td>江苏</td><td>100</td><td>120</td><td>140</td></tr>"
        "<tr><td>上海</td><td>105</td><td>135</td><td>175</td></tr></table>"
    )
    (t,) = doc.tables
    assert t.header_rows == 2 and _rows(t)[1] == ["省(市)", "现有规模", "2020年", "2021年"]


# -- page breaks ----------------------------------------------------------------------------------
def _pdf_with_tables(repeat_header: bool) -> RawText:
    head = "序号\t重点任务\t牵头单位\n"
    page1 = head + "1\t建设统一平台\t省政务服务管理局\n2\t推行清单管理\t省司法厅\n- 1 -\n"
    page2 = (head if repeat_header else "") + "3\t完善评价制度\t省政府办公厅\n4\t加强安全保障\t省委网信办\n"
    text = page1 + page2 + "各单位要抓好落实。\n"

    def table(base: int, lines: list[str], row0: int) -> RawTable:
        cells = []
        pos = base
        for r, line in enumerate(lines):
            for c, cell in enumerate(line.split("\t")):
                cells.append(RawCell(row0 + r, c, pos, pos + len(cell)))
                pos += len(cell) + 1
        return RawTable(tuple(cells), page=1 if base == 0 else 2)

    lines1 = page1.split("\n")[:3]
    lines2 = page2.rstrip("\n").split("\n")
    return RawText(
        text,
        sha256="0" * 64,
        format="pdf",
        pages=(0, len(page1)),
        tables=(table(0, lines1, 0), table(len(page1), lines2, 0)),
    )


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header-on-page-2"])
def test_table_over_a_page_break_is_one_table(repeat_header: bool) -> None:
    doc = analyze(_pdf_with_tables(repeat_header))
    (t,) = doc.tables
    assert (t.n_rows, t.header_rows, t.page, t.rule) == (5, 1, 1, "tables.pdf.v1")
    assert [r[0] for r in _rows(t)] == ["序号", "1", "2", "3", "4"]
    assert sum(1 for c in t.cells if c.header) == 3  # the repeated header is dropped


@pytest.mark.parametrize(
    "text",
    [
        "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n| 1 | 建设平台 | 市数据局 |\n\n"
        "| 2 | 推行清单 | 市司法局 |\n| 3 | 开展评价 | 市人社局 |\n| 4 | 建设基地 | 市教育局 |",
        "序号\t工作任务\t牵头单位\n1\t建设平台\t市数据局\n\n\n2\t推行清单\t市司法局\n3\t开展评价\t市人社局\n4\t建设基地\t市教育局",
    ],
    ids=["markdown", "tabs"],
)
def test_a_table_broken_by_blank_lines_is_one_table(text: str) -> None:
    (t,) = find_tables(text)
    assert (t.n_rows, t.header_rows) == (5, 1)
    assert [r[0] for r in _rows(t)] == ["序号", "1", "2", "3", "4"]


def test_tables_with_different_headers_stay_apart() -> None:
    text = "序号\t重点任务\t牵头单位\n1\t建设平台\t省公安厅\n\n指标\t单位\t目标值\n网上可办率\t%\t90"
    assert [t.n_rows for t in find_tables(text)] == [2, 2]


# -- sentences and extractors ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture_doc() -> Document:
    return analyze(FIXTURE)


def test_no_sentence_mixes_cells(fixture_doc: Document) -> None:
    doc = fixture_doc
    (t,) = doc.tables
    cells = [(c.start, c.end) for c in t.cells if c.text]
    inside = [s for s in doc.sentences if t.start <= s.start < t.end]
    for s in inside:
        assert any(a <= s.start and s.end <= b for a, b in cells), doc.span(s)
    task3 = next(c for c in t.cells if c.row == 3 and c.col == 1)
    assert [doc.span(s) for s in inside if task3.start <= s.start < task3.end] == [
        "建设全省统一身份认证体系,实现一次认证、全网通办。",
        "推动电子证照跨地区、跨部门共享互认,到2020年底电子证照共享应用率达到80%以上。",
    ]


def test_records_keep_to_their_cell(fixture_doc: Document) -> None:
    doc = fixture_doc
    (t,) = doc.tables
    cells = [(c.start, c.end) for c in t.cells if c.text]
    in_table = [r for r in doc.records() if t.start <= r.start < t.end]
    assert any(r.text == "到2020年底电子证照共享应用率达到80%以上" for r in doc.targets)
    for r in in_table:
        assert any(a <= r.start and r.end <= b for a, b in cells), r


def test_sentences_without_tables_run_cells_together() -> None:
    """The check above can fail: without the tables, one sentence spans a whole row."""
    text = "序号\t重点任务\n1\t建设平台\n2\t完善制度"
    assert [text[s.start : s.end] for s in find_sentences(text)][1] == "1\t建设平台"
    assert [text[s.start : s.end] for s in find_sentences(text, tables=find_tables(text))][2:4] == ["1", "建设平台"]


def test_header_row_yields_no_records() -> None:
    header = "<tr><th>序号</th><th>推进落实重点任务</th><th>牵头单位</th></tr>"
    body = "<tr><td>1</td><td>建设统一平台</td><td>省公安厅</td></tr><tr><td>2</td><td>完善制度</td><td>省司法厅</td></tr>"
    doc = _html(f"<table>{header}{body}</table>")
    spans = header_spans(doc.tables)
    assert len(spans) == 3
    assert not [r for r in doc.records() if r.__class__.__name__ != "Body" and any(a < r.end and r.start < b for a, b in spans)]
    # the same words as a line of prose do make an action: the filter is what removes it
    prose = analyze("推进落实重点任务。")
    assert prose.actions


# -- invariants and storage -----------------------------------------------------------------------
BUNDLED = sorted([*CORPORA.glob("*.txt"), *CORPORA.glob("*.html")])


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_cell_spans_every_bundled_document(path: Path) -> None:
    doc = analyze(path, extract=())
    for t in doc.tables:
        assert doc.text[t.start : t.end]
        for c in t.cells:
            assert doc.text[c.start : c.end] == c.text
            assert t.start <= c.start <= c.end <= t.end
            assert "\n" not in c.text and "\t" not in c.text
    if path == FIXTURE:
        assert len(doc.tables) == 1


def test_cell_spans_shared_html(shared_corpora: Path) -> None:
    files = sorted((shared_corpora / "govcn2019").glob("*.html"))
    n = 0
    for path in files:
        doc = analyze(path, extract=())
        for t in doc.tables:
            for c in t.cells:
                n += 1
                assert doc.text[c.start : c.end] == c.text
                assert "\n" not in c.text
    assert n > 500


def test_json_and_store_round_trip(fixture_doc: Document, tmp_path: Path) -> None:
    doc = fixture_doc
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))) == doc
    conn = open_store(tmp_path / "s.sqlite")
    with transaction(conn):
        write_rows(conn, document_rows(doc), path=str(FIXTURE))
    back = read_document(conn, doc.source.sha256)
    assert back.tables == doc.tables and back == doc
    assert isinstance(back.tables[0].cells[0].header, bool)
    conn.close()
    (n,) = sqlite3.connect(tmp_path / "s.sqlite").execute("SELECT count(*) FROM tables").fetchone()
    assert n == 1


def test_normalize_keeps_table_tabs_but_folds_a_lone_tab() -> None:
    text, _ = normalize(RawText("第一章\t总则\n\n甲\t乙\n丙\t丁\n", format="txt"))
    assert text == "第一章 总则\n\n甲\t乙\n丙\t丁"


def test_docs_tables_md_examples_run() -> None:
    import doctest

    result = doctest.testfile(str(ROOT / "docs" / "tables.md"), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


def test_column_kinds_of_the_fixture(fixture_doc: Document) -> None:
    from policy_nlp.structure.tables import column_kinds

    (t,) = fixture_doc.tables
    assert column_kinds(t) == {0: "index", 1: "task", 2: "lead", 3: "cooperate", 4: "deadline"}


_PIECES = ["\t", "|", " ", "  ", "\n", "---", "序号", "牵头单位", "1", "。", "一、", "<td>", "</td>", "<tr>",
           "<table>", "</table>", "<th rowspan=3>", "<td colspan=2>", "&nbsp;", "<p>", "<br>", "\u3000", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_strange_text_never_raises(text: str) -> None:
    """Table-ish fragments and broken markup: no exception, every cell span exact."""
    for t in find_tables(text):
        assert all(text[c.start : c.end] == c.text for c in t.cells) and len(t.grid()) == t.n_rows
    doc = analyze(RawText(f"<html><body>{text}</body></html>", format="html"), extract=())
    assert all(doc.text[c.start : c.end] == c.text for t in doc.tables for c in t.cells)


def test_repeated_header_row_is_no_running_header() -> None:
    """A table header repeated at the top of every PDF page stays: it is a table row, not a running head."""
    rows = "1\t建设统一平台\t省政务服务管理局\n2\t推行清单管理\t省司法厅\n"
    pages = ["序号\t重点任务\t牵头单位\n" + rows + f"第{k}页\n" for k in (1, 2, 3)]
    text = "".join(pages)
    starts = tuple(sum(len(p) for p in pages[:k]) for k in range(3))
    out, _ = normalize(RawText(text, format="pdf", pages=starts))
    assert out.count("序号\t重点任务\t牵头单位") == 3
