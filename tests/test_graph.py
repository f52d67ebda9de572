"""The corpus citation graph: resolution paths, helpers, exports, CLI, and the shared laws corpus."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from policy_nlp.cli import main
from policy_nlp.graph import (
    build_citation_graph,
    cited_by,
    citing,
    citing_document,
    document_number,
    document_title,
    graph_from_dict,
    graph_to_dict,
    most_cited,
    pagerank,
    policy_graph,
    read_json,
    timeline,
    write_csv,
    write_gexf,
    write_graph,
    write_graphml,
    write_json,
)
from policy_nlp.model import Citation, Meta
from policy_nlp.resolve import CatalogEntry

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
TRAINING = "no:沪工总发〔2012〕8号"  # cite_training_opinion
MEASURES = "no:沪工总发〔2012〕15号"  # cite_innovation_measures
CONTEST = "no:沪工总发〔2013〕4号"  # cite_contest_notice
GUIDANCE = "no:总工发〔2011〕21号"  # cite_acftu_guidance


def _docs(dates: bool = False) -> list[Any]:
    out = []
    for p in sorted(CORPORA.glob("cite_*.txt")):
        text = p.read_text(encoding="utf-8")
        meta = None
        if dates:
            year = {"cite_acftu_guidance": "2011-06-08", "cite_contest_notice": "2013-02-28"}.get(p.stem, "2012-03-15")
            meta = Meta(date=year)
        out.append(citing_document(text, id=p.stem, path=str(p), meta=meta))
    return out


@pytest.fixture(scope="module")
def G() -> Any:
    return build_citation_graph(_docs(dates=True))


def test_corpus_documents_are_nodes(G: Any) -> None:
    corpus = {n for n, d in G.nodes(data=True) if d.get("in_corpus")}
    assert corpus == {TRAINING, MEASURES, CONTEST, GUIDANCE}
    assert G.nodes[MEASURES]["title"] == "关于进一步推进本市职工创新工作的实施办法"
    assert G.nodes[MEASURES]["doc_ids"] == ["cite_innovation_measures"]


@pytest.mark.parametrize(
    ("src", "dst", "path"),
    [
        (MEASURES, TRAINING, "title-with-issuer, short form and 发文字号 → one node"),
        (CONTEST, MEASURES, "发文字号 only"),
        (CONTEST, GUIDANCE, "issuer outside the title, joined to the number another document gave"),
        (TRAINING, GUIDANCE, "title + number after it"),
        (MEASURES, GUIDANCE, "alias issuer 全总 outside the title"),
        (TRAINING, MEASURES, "planned title matched to the corpus document by title"),
    ],
    ids=["title", "number", "issuer-outside", "number-after-title", "alias-issuer", "planned"],
)
def test_documents_cite_each_other(G: Any, src: str, dst: str, path: str) -> None:
    assert dst in citing(G, src), path
    assert src in cited_by(G, dst), path


def test_edge_aggregates_mentions(G: Any) -> None:
    edges = G[MEASURES][TRAINING]
    assert set(edges) == {"implements", "based_on"}
    based = edges["based_on"]
    assert based["count"] == 2  # 按照《意见》 and 按照沪工总发〔2012〕8号
    assert len(based["spans"]) == 2 and all(len(s) == 2 for s in based["spans"])
    assert any("沪工总发〔2012〕8号" in s for s in based["sentences"])
    assert based["citations"] == ["cite_innovation_measures:C5", "cite_innovation_measures:C6"]


def test_self_references_make_no_loops(G: Any) -> None:
    assert nx.number_of_selfloops(G) == 0


def test_actions_and_bodies(G: Any) -> None:
    act = f"act:{TRAINING}|研究制定"
    assert G.nodes[act]["type"] == "action"
    assert G.has_edge(TRAINING, act, key="performs")
    assert G.has_edge(act, MEASURES, key="formulates")
    assert G.has_edge(GUIDANCE, "body:中华全国总工会", key="issued_by")
    assert G.nodes["body:中华全国总工会"]["type"] == "body"


def test_meeting_and_law_nodes(G: Any) -> None:
    assert G.nodes["m:十七届五中全会"]["kind"] == "meeting"
    assert G.nodes["t:工会法"]["kind"] == "law"
    assert G.nodes["t:工会法"]["in_corpus"] is False
    assert "t:劳动报" not in G  # kind other is left out by default


def test_kinds_option_keeps_other() -> None:
    G = build_citation_graph(_docs(), kinds=("policy", "law", "plan", "meeting", "other"))
    assert G.nodes["t:劳动报"]["kind"] == "other"


def test_helpers(G: Any) -> None:
    top = most_cited(G, 3)
    assert top[0] == (GUIDANCE, 3)
    assert most_cited(G, 10, kinds=("law",))[0][0] == "t:工会法"
    pr = pagerank(G)
    assert abs(sum(pr.values()) - 1) < 1e-6
    assert max(pr, key=lambda k: pr[k]) in {GUIDANCE, TRAINING}
    assert timeline(G) == {2011: 3, 2012: 12, 2013: 3}
    assert timeline(G, GUIDANCE) == {2012: 3, 2013: 1}  # 该意见 counts too
    D = policy_graph(G)
    assert isinstance(D, nx.DiGraph) and D[MEASURES][TRAINING]["weight"] == 3


def test_pagerank_of_empty_graph() -> None:
    assert pagerank(build_citation_graph([])) == {}


def test_resolver_callable() -> None:
    def resolver(c: Citation) -> str | CatalogEntry | None:
        if c.title == "上海市职工职业技能竞赛管理办法":
            return CatalogEntry("no:沪工总发〔2010〕2号", "上海市职工职业技能竞赛管理办法", "沪工总发〔2010〕2号",
                                "上海市总工会", "2010-01-05")
        if c.title.endswith("人才发展规划纲要(2010-2020年)"):
            return "custom:talent-plan"
        return None

    G = build_citation_graph(_docs(), resolver=resolver)
    node = G.nodes["no:沪工总发〔2010〕2号"]
    assert node["date"] == "2010-01-05" and node.get("catalog") is True
    assert "custom:talent-plan" in citing(G, GUIDANCE)
    assert "custom:talent-plan" in citing(G, TRAINING)


def test_resolver_catalog_path(tmp_path: Path) -> None:
    cat = tmp_path / "known.csv"
    cat.write_text("title,doc_number,issuer,date\n中华人民共和国工会法,,全国人民代表大会常务委员会,1992-04-03\n",
                   encoding="utf-8")
    G = build_citation_graph(_docs(), resolver=cat)
    assert G.nodes["t:工会法"]["date"] == "1992-04-03"


def test_bare_title_matches_single_corpus_document() -> None:
    a = citing_document("全总关于加强职工书屋建设的意见\n正文。", id="a")
    b = citing_document("通知\n落实《关于加强职工书屋建设的意见》。", id="b")
    G = build_citation_graph([a, b])
    assert citing(G, "t:通知") == ["t:中华全国总工会关于加强职工书屋建设的意见"]


def test_joint_issuers_title_cited_in_brackets_finds_the_document() -> None:
    a = citing_document("人力资源社会保障部 财政部关于做好职工技能培训工作的通知\n正文。", id="a")
    b = citing_document("某市实施意见\n根据《人力资源社会保障部 财政部关于做好职工技能培训工作的通知》要求。", id="b")
    G = build_citation_graph([a, b])
    (node,) = [n for n, d in G.nodes(data=True) if "a" in d.get("doc_ids", ())]
    assert citing(G, "t:某市实施意见") == [node]
    (c,) = [c for c in b.citations if c.kind == "policy"]
    assert c.issuer == "人力资源社会保障部 财政部"


def test_issuing_notice_found_under_its_attachment() -> None:
    a = citing_document("某省人民政府办公厅关于印发某省职工技能提升行动实施方案的通知\n《某省职工技能提升行动实施方案》已经省政府同意。", id="a")
    b = citing_document("某市实施意见\n贯彻落实《某省职工技能提升行动实施方案》。", id="b")
    G = build_citation_graph([a, b])
    assert citing(G, "t:某市实施意见") == ["t:某省人民政府办公厅关于印发某省职工技能提升行动实施方案的通知"]
    assert citing(G, "t:某省人民政府办公厅关于印发某省职工技能提升行动实施方案的通知") == []


def test_document_title_and_number_fallbacks(seed_path: Path) -> None:
    seed = citing_document(seed_path.read_text(encoding="utf-8"), id="seed")
    assert document_title(seed).startswith("上海市总工会关于广泛深入开展")
    assert document_number(seed) is None  # damaged in the source: 沪工总经〔201133
    md = citing_document("# 上海市工会条例\n\n<!-- INFO END -->\n第一条 根据《中华人民共和国工会法》", id="m")
    assert document_title(md) == "上海市工会条例"
    meta = citing_document("x", id="x", meta=Meta(title="关于A的通知", doc_number="国发[2010]1号"))
    assert (document_title(meta), document_number(meta)) == ("关于A的通知", "国发〔2010〕1号")


def test_seed_resolution_cited_twice_is_one_node(seed_path: Path) -> None:
    G = build_citation_graph([citing_document(seed_path.read_text(encoding="utf-8"), id="seed")])
    keys = [n for n in G if "创先争优建功立业的决议" in str(G.nodes[n].get("title"))]
    assert len(keys) == 1
    assert G.nodes[keys[0]]["mentions"] == 2
    assert G.nodes[keys[0]]["title"].startswith("中华全国总工会")


# -- exports -------------------------------------------------------------------------------------
def test_json_round_trip(G: Any, tmp_path: Path) -> None:
    H = graph_from_dict(json.loads(json.dumps(graph_to_dict(G), ensure_ascii=False)))
    assert sorted(H.nodes(data=True)) == sorted(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True), key=str) == sorted(G.edges(keys=True, data=True), key=str)
    p = tmp_path / "g.json"
    write_json(G, p)
    H2 = read_json(p)
    assert nx.utils.graphs_equal(H2, G)


def test_graph_from_dict_rejects_other_shapes() -> None:
    with pytest.raises(ValueError, match="nodes"):
        graph_from_dict({"edges": []})


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_scalar(G: Any, tmp_path: Path, fmt: str) -> None:
    p = tmp_path / f"g.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(G, p)
    H = nx.read_graphml(p) if fmt == "graphml" else nx.read_gexf(p)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    node = H.nodes[MEASURES]
    assert node["title"] == "关于进一步推进本市职工创新工作的实施办法"
    assert json.loads(node["doc_ids"]) == ["cite_innovation_measures"]
    for _, _, d in H.edges(data=True):
        assert all(not isinstance(v, (list, dict)) for v in d.values())


def test_csv_edge_list(G: Any, tmp_path: Path) -> None:
    p = tmp_path / "g.csv"
    write_csv(G, p)
    rows = list(csv.DictReader(p.open(encoding="utf-8")))
    assert len(rows) == G.number_of_edges()
    row = next(r for r in rows if r["source"] == CONTEST and r["target"] == MEASURES)
    assert row["relation"] == "based_on" and row["count"] == "1"


def test_write_graph_unknown_suffix(G: Any, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml"):
        write_graph(G, tmp_path / "g.xyz")


# -- CLI -------------------------------------------------------------------------------------------
def test_cli_graph_on_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in CORPORA.glob("cite_*.txt"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "law.md").write_text("# 上海市工会条例\n\n<!-- INFO END -->\n第一条 根据《中华人民共和国工会法》制定本条例。\n",
                                   encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a document: skipped
    out = tmp_path / "g.json"
    assert main(["graph", str(folder), "-o", str(out)]) == 0
    G = read_json(out)
    assert sum(1 for _, d in G.nodes(data=True) if d.get("in_corpus")) == 5
    assert "documents" in capsys.readouterr().err


def test_cli_graph_bad_format_and_missing_file(tmp_path: Path) -> None:
    assert main(["graph", str(CORPORA / "cite_contest_notice.txt"), "-o", str(tmp_path / "g.xyz")]) == 2
    assert main(["graph", str(tmp_path / "none.txt"), "-o", str(tmp_path / "g.json")]) == 1


# -- the shared laws corpus ------------------------------------------------------------------------
@pytest.mark.slow
def test_laws_corpus_graph(shared_corpora: Path) -> None:
    files = sorted((shared_corpora / "laws").rglob("*.md"))
    assert len(files) > 3000
    t0 = time.perf_counter()
    docs = [citing_document(p.read_text(encoding="utf-8"), id=p.stem, path=str(p)) for p in files]
    docs.append(citing_document((shared_corpora / "shanghai_acftu_2011.txt").read_text(encoding="utf-8"), id="seed"))
    G = build_citation_graph(docs)
    assert time.perf_counter() - t0 < 120
    assert "t:工会法" in citing(G, "t:上海市工会条例")
    assert G.nodes["t:工会法"]["in_corpus"] and G.nodes["t:上海市工会条例"]["in_corpus"]
    in_corpus_edges = sum(1 for u, v, _ in G.edges(data=True)
                          if G.nodes[u].get("in_corpus") and G.nodes[v].get("in_corpus")
                          and G.nodes[v].get("type") == "policy")
    assert in_corpus_edges > 1000


@pytest.mark.parametrize(
    "text",
    [
        "国务院办公厅关于印发某领域改革方案的通知\n《某领域改革方案》已经国务院同意,现印发给你们。依据《中华人民共和国环境保护法》,制定本方案。",
        "国务院办公厅关于印发某领域改革方案的通知国办发〔2020〕13号 各省人民政府:《某领域改革方案》已经国务院同意,"
        "现印发给你们。依据《中华人民共和国环境保护法》,制定本方案。",
    ],
    ids=["title_line", "no_line_breaks"],
)
def test_enclosed_document_is_no_cited_node(text: str) -> None:
    # issue 12: the enclosed 方案 is the notice's own content, its own number no citation
    G = build_citation_graph([citing_document(text, id="notice")])
    outside = [n for n, a in G.nodes(data=True) if a.get("type") == "policy" and not a.get("in_corpus")]
    assert outside == ["t:环境保护法"]


# issue 12: versions of one law (修正/修订, different years) get their own node, linked to the law
@pytest.mark.parametrize(
    ("cited", "node"),
    [
        ("中华人民共和国工会法(2018年修正)", "t:工会法@2018"),
        ("中华人民共和国工会法（2009年8月27日修正）", "t:工会法@2009"),
        ("上海市工会条例(2011年第二次修正)", "t:上海市工会条例@2011"),
    ],
    ids=["amended", "amended_on_a_day", "second_amendment"],
)
def test_cited_law_version_is_its_own_node(cited: str, node: str) -> None:
    doc = citing_document(f"某市办法\n根据《{cited}》和《中华人民共和国工会法》,制定本办法。", id="m")
    G = build_citation_graph([doc])
    base = node.rpartition("@")[0]
    assert G.has_edge("t:某市办法", node, key="based_on")
    assert G.has_edge(node, base, key="version_of")
    assert G.nodes[node]["version"] == int(node.rpartition("@")[2])
    assert citing(G, "t:某市办法") == sorted({node, "t:工会法"})


def test_corpus_versions_of_a_law_are_nodes_of_their_own() -> None:
    old = citing_document("# 中华人民共和国工会法\n第一条 为保障工会的地位。", id="old", meta=Meta(date="2009-08-27"))
    new = citing_document("# 中华人民共和国工会法\n第一条 为保障工会的地位。", id="new", meta=Meta(date="2021-12-24"))
    cite = citing_document("某市办法\n根据《中华人民共和国工会法(2009年修正)》,制定本办法。", id="m")
    G = build_citation_graph([old, new, cite])
    assert G.nodes["t:工会法@2009"]["doc_ids"] == ["old"]
    assert (G.nodes["t:工会法"]["doc_ids"], G.nodes["t:工会法"]["version"]) == (["new"], 2021)  # the latest
    assert G.has_edge("t:工会法@2009", "t:工会法", key="version_of")
    assert citing(G, "t:某市办法") == ["t:工会法@2009"]
    latest = citing_document("某县办法\n根据《中华人民共和国工会法(2021年修正)》,制定本办法。", id="n")
    assert citing(build_citation_graph([old, new, latest]), "t:某县办法") == ["t:工会法"]
    same_year = [citing_document("# 某省安全生产条例\n第一条 为了安全。", id=i, meta=Meta(date="2020-01-01")) for i in "ab"]
    assert "t:某省安全生产条例" in build_citation_graph(same_year)  # one version: one node, as before
