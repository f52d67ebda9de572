"""Citation keys, aliases and catalogs: one test per resolution path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_nlp.errors import ResourceError
from policy_nlp.model import Citation
from policy_nlp.resolve import (
    Catalog,
    CatalogEntry,
    bare_key,
    canonical_body,
    citation_key,
    load_catalog,
    make_resolver,
    normalize_doc_number,
    normalize_title,
    split_issuer,
)

SAME_KEY = [
    ("issuer-alias", ("中华全国总工会关于加强班组建设的指导意见", None), ("关于加强班组建设的指导意见", "全总")),
    ("issuer-alias-long", ("全国总工会关于加强班组建设的指导意见", None), ("中华全国总工会关于加强班组建设的指导意见", None)),
    ("compound-issuer", ("关于加强班组建设的指导意见", "全总等四部委"), ("关于加强班组建设的指导意见", "中华全国总工会")),
    ("joint-issuers-space", ("人力资源社会保障部 财政部关于实施职业技能提升行动的通知", None),
     ("关于实施职业技能提升行动的通知", "人社部、财政部")),
    ("prc-prefix", ("中华人民共和国劳动合同法", None), ("劳动合同法", None)),
    ("quotes", ("关于开展“安康杯”竞赛的通知", None), ("关于开展安康杯竞赛的通知", None)),
    ("punctuation", ("关于推行首席技师制度,促进高技能人才培养的意见", None), ("关于推行首席技师制度、促进高技能人才培养的意见", None)),
    ("width", ("中华全国总工会２０１１－２０１５年劳动竞赛规划", None), ("中华全国总工会2011-2015年劳动竞赛规划", None)),
    ("line-break", ("关于进一步做好职工\n帮扶工作的通知", None), ("关于进一步做好职工帮扶工作的通知", None)),
    ("inner-brackets", ("关于修改〈中华人民共和国工会法〉的决定", None), ("关于修改《中华人民共和国工会法》的决定", None)),
]


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in SAME_KEY], ids=[c[0] for c in SAME_KEY])
def test_same_key(a: tuple[str, str | None], b: tuple[str, str | None]) -> None:
    assert citation_key(a[0], issuer=a[1]) == citation_key(b[0], issuer=b[1])


def test_different_issuers_differ() -> None:
    assert citation_key("关于加强班组建设的指导意见", issuer="国务院") != citation_key(
        "关于加强班组建设的指导意见", issuer="全总"
    )


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("国发〔2010〕36号", "国发〔2010〕36号"),
        ("国发[2010]36号", "国发〔2010〕36号"),
        ("国发［2010］36号", "国发〔2010〕36号"),
        ("国发(2010)36号", "国发〔2010〕36号"),
        ("国发（2010）第036号", "国发〔2010〕36号"),
        ("国发【2010】36号", "国发〔2010〕36号"),
    ],
    ids=["hex", "square", "fw-square", "paren", "fw-paren-di", "lenticular"],
)
def test_doc_number_brackets(raw: str, norm: str) -> None:
    assert normalize_doc_number(raw) == norm
    assert citation_key("任意标题", doc_number=raw) == "no:" + norm


def test_doc_number_wins_over_title() -> None:
    assert citation_key("关于…的通知", doc_number="沪府发〔2011〕5号") == "no:沪府发〔2011〕5号"


def test_meeting_key_drops_party_prefix() -> None:
    assert citation_key("党的十七届五中全会", kind="meeting") == citation_key("十七届五中全会", kind="meeting")


def test_split_issuer_and_bare_key() -> None:
    assert split_issuer("国务院办公厅关于进一步做好减轻企业负担工作的通知") == (
        "国务院办公厅",
        "关于进一步做好减轻企业负担工作的通知",
    )
    assert bare_key(citation_key("国务院关于加强职业培训的意见")) == "t:关于加强职业培训的意见"
    assert bare_key("no:国发〔2010〕36号") is None


def test_canonical_body() -> None:
    assert canonical_body("全国总工会") == "中华全国总工会"
    assert canonical_body("国务院办公厅、中共中央办公厅") == "国务院办公厅"
    assert canonical_body("人社部") == "人力资源和社会保障部"


def test_normalize_title() -> None:
    assert normalize_title(" 关于“十二五”规划的 通知 ") == "关于十二五规划的通知"


# -- catalogs --------------------------------------------------------------------------------------
ENTRIES = [
    CatalogEntry("no:国发〔2010〕36号", "国务院关于加强职业培训促进就业的意见", "国发〔2010〕36号", "国务院", "2010-10-20"),
    CatalogEntry("t:中华全国总工会关于加强班组建设的指导意见", "关于加强班组建设的指导意见", None, "全总"),
    CatalogEntry("t:A关于做好安全生产工作的通知", "A关于做好安全生产工作的通知", None, None),
    CatalogEntry("t:B关于做好安全生产工作的通知", "B关于做好安全生产工作的通知", None, None),
]


def _cit(title: str, *, issuer: str | None = None, number: str | None = None, kind: str = "policy") -> Citation:
    return Citation("C1", 0, len(title), title, title, doc_number=number, issuer=issuer, kind=kind)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("citation", "key"),
    [
        (_cit("国发〔2010〕36号", number="国发〔2010〕36号"), "no:国发〔2010〕36号"),
        (_cit("国务院关于加强职业培训促进就业的意见"), "no:国发〔2010〕36号"),
        (_cit("关于加强职业培训促进就业的意见", issuer="国务院"), "no:国发〔2010〕36号"),
        (_cit("关于加强职业培训促进就业的意见"), "no:国发〔2010〕36号"),
        (_cit("关于加强班组建设的指导意见", issuer="全总等四部委"), "t:中华全国总工会关于加强班组建设的指导意见"),
        (_cit("关于做好安全生产工作的通知"), None),
        (_cit("党的十七届五中全会", kind="meeting"), None),
        (_cit("从未收录的规定"), None),
    ],
    ids=["by-number", "by-title", "by-title-issuer-outside", "by-bare-title", "by-alias", "ambiguous-bare",
         "meeting", "unknown"],
)
def test_catalog_paths(citation: Citation, key: str | None) -> None:
    hit = Catalog(ENTRIES)(citation)
    assert (hit.key if hit else None) == key


def test_load_catalog_csv_and_json(tmp_path: Path) -> None:
    csv_path = tmp_path / "known.csv"
    csv_path.write_text(
        "title,doc_number,issuer,date\n国务院关于加强职业培训促进就业的意见,国发〔2010〕36号,国务院,2010-10-20\n"
        "上海市工人先锋号管理办法,,,\n",
        encoding="utf-8",
    )
    json_path = tmp_path / "known.json"
    json_path.write_text(
        json.dumps([{"title": "上海市工人先锋号管理办法"}, {"doc_number": "沪府发[2011]5号"}], ensure_ascii=False),
        encoding="utf-8",
    )
    cat = load_catalog(csv_path)
    assert len(cat) == 2
    assert cat.lookup("no:国发〔2010〕36号") is not None
    assert cat.entries[0].date == "2010-10-20"
    jcat = load_catalog(json_path)
    assert jcat.lookup("t:上海市工人先锋号管理办法") is not None
    assert jcat.lookup("no:沪府发〔2011〕5号") is not None


@pytest.mark.parametrize(
    ("name", "content"),
    [("bad.json", '{"title": "x"}'), ("bad.csv", "issuer\n国务院\n"), ("broken.json", "[{")],
    ids=["json-not-list", "row-without-title", "invalid-json"],
)
def test_load_catalog_errors(tmp_path: Path, name: str, content: str) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError):
        load_catalog(p)


def test_load_catalog_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError):
        load_catalog(tmp_path / "none.csv")


def test_make_resolver(tmp_path: Path) -> None:
    assert make_resolver(None) is None

    def fn(c: Citation) -> str | None:
        return None

    assert make_resolver(fn) is fn
    p = tmp_path / "c.json"
    p.write_text('[{"title": "上海市工人先锋号管理办法"}]', encoding="utf-8")
    assert isinstance(make_resolver(p), Catalog)
    assert isinstance(make_resolver(str(p)), Catalog)
