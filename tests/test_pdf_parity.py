"""PDFs as office suites make them (issue 11): each fixture of ``corpora/pdf`` exists as the text it was
typed from (``.txt``) and as the PDF LibreOffice made of it (``.pdf``, see ``corpora/pdf/make_pdfs.py``).
Reading the PDF must give the same records as reading the text: meta, level-1 sections, targets,
citations, bodies and the task table — and the PDF's records know their page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from policy_nlp import analyze
from policy_nlp.io import load
from policy_nlp.model import Document

PDFS = Path(__file__).resolve().parent.parent / "corpora" / "pdf"
FIXTURES = ["jiangning_manufacturing_2024", "linjiang_smes_2024", "qingchuan_youth_jobs_2024"]


def test_every_fixture_is_listed() -> None:
    assert sorted(p.stem for p in PDFS.glob("*.pdf")) == FIXTURES
    assert sorted(p.stem for p in PDFS.glob("*.txt")) == FIXTURES


_CACHE: dict[str, Document] = {}


def doc(name: str, ext: str) -> Document:
    key = f"{name}.{ext}"
    if key not in _CACHE:
        _CACHE[key] = analyze(PDFS / key)
    return _CACHE[key]


def facets(d: Document) -> dict[str, Any]:
    """What must agree between the typed text and its PDF."""
    return {
        "meta": (d.meta.title, d.meta.doc_number, d.meta.issuers, d.meta.date),
        "sections": [s.heading for s in d.sections if s.level == 1],
        "targets": Counter((t.value, t.unit, t.comparator, t.deadline_year) for t in d.targets),
        "citations": Counter((c.title, c.doc_number) for c in d.citations),
        "bodies": {b.canonical for b in d.bodies},
        "tables": [[[c.text for c in row if c] for row in t.grid()] for t in d.tables],
    }


@pytest.mark.parametrize("facet", ["meta", "sections", "targets", "citations", "bodies", "tables"])
@pytest.mark.parametrize("name", FIXTURES)
def test_pdf_reads_like_its_text(name: str, facet: str) -> None:
    pdf, txt = facets(doc(name, "pdf"))[facet], facets(doc(name, "txt"))[facet]
    assert pdf == txt
    assert pdf, f"{facet} of {name} is empty: the comparison proves nothing"


@pytest.mark.parametrize(
    ("name", "record", "page"),
    [
        ("linjiang_smes_2024", "每年新增入库企业不少于150家", 2),
        ("linjiang_smes_2024", "到2026年,全市创新型中小企业达到800家", 1),
        ("qingchuan_youth_jobs_2024", "入驻创业项目累计达到150个", 2),
        ("jiangning_manufacturing_2024", "工业固体废物综合利用率保持在92%以上", 2),
        ("jiangning_manufacturing_2024", "工业和信息化部关于印发工业互联网创新发展行动计划(2021—2023年)的通知", 2),
    ],
    ids=["linjiang-p2", "linjiang-p1", "qingchuan-p2", "jiangning-target-p2", "jiangning-citation-p2"],
)
def test_page_of_a_record(name: str, record: str, page: int) -> None:
    d = doc(name, "pdf")
    (r,) = [r for r in d.records() if r.text == record][:1]
    assert d.page_of(r.start) == page


def test_a_target_across_a_page_break_skips_the_page_number() -> None:
    d = doc("linjiang_smes_2024", "pdf")
    (t,) = [t for t in d.targets if t.text.endswith("覆盖率不低于60%")]
    assert (d.page_of(t.start), d.page_of(t.end - 1)) == (1, 2)
    raw = load(PDFS / "linjiang_smes_2024.pdf")
    start, end = d.to_source(t.start, t.end)
    assert "—1—" in raw.text[start:end] and "—1—" not in d.text  # dropped, yet its neighbours map


@pytest.mark.parametrize("name", FIXTURES)
def test_table_cells_map_to_their_page(name: str) -> None:
    d = doc(name, "pdf")
    raw = load(PDFS / f"{name}.pdf")
    (table,) = d.tables
    assert table.page == raw.tables[0].page and len(raw.tables) == 2  # continued on the next page
    raw_page = {}
    for rt in raw.tables:
        for rc in rt.cells:
            raw_page[rc.start] = rt.page
            assert rt.page == bisect_right(raw.pages, rc.start)
    pages = set()
    for c in table.cells:
        assert d.text[c.start : c.end] == c.text
        s, e = d.to_source(c.start, c.end)
        assert raw.text[s:e].replace(",", "，") == c.text.replace(",", "，")
        assert d.page_of(c.start) == raw_page[s]
        pages.add(d.page_of(c.start))
    assert pages == {table.page, table.page + 1}


# -- what the loader gives ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("linjiang_smes_2024", "达到12%以上", "12 %"),
        ("linjiang_smes_2024", "企业达到\n800家", "800 家"),
        ("linjiang_smes_2024", "2024年4月12日", "2024 年"),
        ("linjiang_smes_2024", "（国发\n〔2021〕29号）", "29 号"),
        ("linjiang_smes_2024", "（一）指导思想。", "（（一一））"),  # fake bold drawn twice, kept once
        ("linjiang_smes_2024", "专精特\n新发展的实施意见", "专精特新发展的实施意见"),  # title on 2 lines
        ("jiangning_manufacturing_2024", "体系的\n实施意见", "体系的实施意见"),  # title on 3 lines
        ("qingchuan_youth_jobs_2024", "（国办\n发〔2022〕13号）", "国办发"),
        ("linjiang_smes_2024", "市人力资源和社会保障局\t", "市人力资源和\n"),  # a wrapped cell joined
        ("linjiang_smes_2024", "临江市人民政府办公室 2024年4月12日印发", "办公室2024"),  # tab stop
    ],
    ids=["percent", "count", "date", "doc-number-wrapped", "fake-bold", "title-2-lines", "title-3-lines",
         "doc-number-split", "cell-joined", "tab-stop"],
)
def test_pdf_text_layer(name: str, present: str, absent: str) -> None:
    raw = load(PDFS / f"{name}.pdf")
    assert present in raw.text
    assert absent not in raw.text


@pytest.mark.parametrize(
    ("name", "title_lines"),
    [("linjiang_smes_2024", 2), ("qingchuan_youth_jobs_2024", 2), ("jiangning_manufacturing_2024", 3)],
)
def test_wrapped_title_read_whole(name: str, title_lines: int) -> None:
    raw = load(PDFS / f"{name}.pdf")
    title = doc(name, "txt").meta.title
    assert title and doc(name, "pdf").meta.title == title
    lines = raw.text.split("\n")
    k = next(i for i, ln in enumerate(lines) if title.startswith(ln) and len(ln) > 4)
    assert "".join(lines[k : k + title_lines]) == title


@pytest.mark.parametrize("name", FIXTURES)
def test_page_numbers_dropped(name: str) -> None:
    raw, d = load(PDFS / f"{name}.pdf"), doc(name, "pdf")
    for n in range(1, len(raw.pages) + 1):
        assert f"\n—{n}—" in raw.text
        assert f"—{n}—" not in d.text


@pytest.mark.parametrize("name", FIXTURES)
def test_text_layer_holds_every_typed_character(name: str) -> None:
    typed = Counter(c for c in (PDFS / f"{name}.txt").read_text(encoding="utf-8") if not c.isspace())
    raw = load(PDFS / f"{name}.pdf")
    layer = Counter(c for c in raw.text if not c.isspace())
    assert typed - layer == Counter()
    header = next(ln for ln in raw.text.split("\n") if ln.startswith("序号\t"))
    extra = Counter(c for c in header if not c.isspace())  # the header row repeated on the next page
    extra.update(c for n in range(1, len(raw.pages) + 1) for c in f"—{n}—")  # the page numbers
    assert layer - typed == extra


@pytest.mark.parametrize("name", FIXTURES)
def test_invariants_on_pdf_documents(name: str) -> None:
    from test_invariants import check_invariants  # tests/ is on sys.path (rootdir conftest)

    d = doc(name, "pdf")
    check_invariants(d, len(load(PDFS / f"{name}.pdf").text))
    for t in d.tables:
        assert all(d.text[c.start : c.end] == c.text for c in t.cells)
