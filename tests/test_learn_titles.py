"""policy_nlp.learn.titles: title variants of one policy resolve to one key."""

from __future__ import annotations

import pytest

from policy_nlp.graph import build_citation_graph, citing_document
from policy_nlp.learn.titles import TitleMatcher, title_core, title_similarity
from policy_nlp.model import Citation
from policy_nlp.resources import read_tsv

SAME = [
    ("国务院关于进一步加强职业培训工作的意见", "关于加强职业培训工作的意见"),
    ("关于切实做好高校毕业生就业工作的通知", "关于做好高校毕业生就业工作的通知"),
    ("关于促进就业若干政策的意见", "关于促进就业有关政策的意见"),
    ("关于加强安全生产的工作的意见", "关于加强安全生产工作的意见"),
    ("《中华人民共和国工会法》", "工会法"),
    ("全总关于加强“职工之家”建设的意见", "中华全国总工会关于加强职工之家建设的意见"),
    ("关于推行终身职业技能培训制度的意见", "关于推行终身职业技能培训制度意见"),
    ("关于加快发展养老服务业的若干意见", "关于加快发展养老服务业的意见"),
]
DIFFERENT = [
    ("关于加强职业培训工作的意见", "关于加强职业培训工作的通知"),
    ("中华人民共和国劳动法", "中华人民共和国劳动合同法"),
    ("国家中长期人才发展规划纲要（2010-2020年）", "国家中长期人才发展规划纲要（2021-2035年）"),
    ("上海市实施《中华人民共和国工会法》办法", "北京市实施《中华人民共和国工会法》办法"),
    ("浙江省人民政府关于加强职业培训的意见", "江苏省人民政府关于加强职业培训的意见"),
    ("十三五促进就业规划", "十四五促进就业规划"),
    ("中华人民共和国工会法", "中华人民共和国工会法实施条例"),
    ("关于加强职工教育培训的意见", "关于加强企业安全生产管理的意见"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"same-{n}" for n in range(len(SAME))])
def test_variants_of_one_title_are_similar(a: str, b: str) -> None:
    assert title_similarity(a, b) >= 0.85
    assert title_similarity(b, a) == title_similarity(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[f"different-{n}" for n in range(len(DIFFERENT))])
def test_different_policies_are_not(a: str, b: str) -> None:
    assert title_similarity(a, b) < 0.85


@pytest.mark.parametrize("row", read_tsv("title_variants.tsv"), ids=lambda r: r["word"])
def test_variant_word_examples(row: dict[str, str]) -> None:
    a, b = row["examples"].split("|")
    assert title_core(a) == title_core(b)
    assert row["word"] in a


def test_variant_rows_unique_sorted() -> None:
    words = [r["word"] for r in read_tsv("title_variants.tsv")]
    assert words == sorted(set(words))


@pytest.mark.parametrize(
    ("title", "kind", "doc_number", "key"),
    [
        ("关于进一步加强职业培训促进就业的意见", "policy", None, "t:国务院关于加强职业培训促进就业的意见"),
        ("中华人民共和国工会法", "law", None, "t:工会法"),
        ("关于加强职业培训促进就业的通知", "policy", None, None),
        ("关于进一步加强职业培训促进就业的意见", "policy", "国发〔2010〕36号", None),
        ("十七届五中全会", "meeting", None, None),
    ],
    ids=["variant", "law-long-name", "other-genre", "has-number", "meeting"],
)
def test_matcher_as_resolver(title: str, kind: str, doc_number: str | None, key: str | None) -> None:
    m = TitleMatcher(["国务院关于加强职业培训促进就业的意见", "工会法"])
    c = Citation("C1", 0, 5, title, title, doc_number=doc_number, kind=kind)  # type: ignore[arg-type]
    assert m(c) == key


def test_matcher_threshold_is_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        TitleMatcher([], threshold=0)


def test_matcher_joins_variant_citations_in_the_graph() -> None:
    a = citing_document("关于加强职业培训的实施意见\n要贯彻落实《国务院关于进一步加强职业培训工作的意见》。", id="a")
    b = citing_document("关于开展技能竞赛的通知\n根据《关于加强职业培训工作的意见》，开展竞赛。", id="b")
    plain = build_citation_graph([a, b])
    joined = build_citation_graph([a, b], resolver=TitleMatcher.from_documents([a, b]))
    outside = lambda G: sorted(n for n, d in G.nodes(data=True) if d.get("type") == "policy" and not d["in_corpus"])  # noqa: E731
    assert len(outside(plain)) == 2
    assert outside(joined) == ["t:国务院关于进一步加强职业培训工作的意见"]
