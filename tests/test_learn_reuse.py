"""policy_nlp.learn.reuse: reused passages between documents, their direction, and graph edges."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from policy_nlp.graph import build_citation_graph, citing_document, graph_from_dict, graph_to_dict
from policy_nlp.learn.reuse import Reuse, add_reuse_edges, find_reuse, split_units
from policy_nlp.model import Meta

# A central opinion and a provincial implementing document that copies two of its sentences (one
# with a word changed), adds its own, and keeps the boilerplate closing line.
CENTRAL = (
    "国务院关于推行终身职业技能培训制度的意见\n"
    "一、总体要求\n"
    "建立并推行覆盖城乡全体劳动者、贯穿劳动者学习工作终身、适应就业创业和人才成长需要的职业技能培训制度。\n"
    "二、主要任务\n"
    "大力开展企业职工岗位技能提升培训，发挥企业主体作用，支持企业设立职工培训中心。\n"
    "加强职业技能培训基础能力建设，推进公共实训基地建设。\n"
    "本意见自印发之日起施行。\n"
)
LOCAL = (
    "某省人民政府关于推行终身职业技能培训制度的实施意见\n"
    "为贯彻落实国家部署，结合我省实际，提出如下实施意见。\n"
    "建立并推行覆盖城乡全体劳动者、贯穿劳动者学习工作终身、适应就业创业和人才成长需要的职业技能培训制度。\n"
    "全面开展企业职工岗位技能提升培训，发挥企业主体作用，支持企业设立职工培训中心。\n"
    "到2020年，全省每年培训城乡劳动者100万人次以上。\n"
    "本意见自印发之日起施行。\n"
)
OTHER = "某市关于生态环境保护的通知\n严格落实大气污染防治行动计划，持续改善空气质量和水环境质量。\n本意见自印发之日起施行。\n"
OTHER2 = "某县关于安全生产的通知\n坚持安全第一、预防为主、综合治理的方针，落实企业安全生产主体责任。\n本意见自印发之日起施行。\n"


def _doc(text: str, id: str, date: str | None = None):  # type: ignore[no-untyped-def]
    return citing_document(text, id=id, meta=Meta(date=date))


@pytest.mark.parametrize(
    ("text", "min_chars", "units"),
    [
        ("一、总体要求\n坚持就业优先战略，实施积极的就业政策；完善职业培训制度。", 6,
         ["坚持就业优先战略，实施积极的就业政策；", "完善职业培训制度。"]),
        ("  推进职业技能培训工作。  \n\n", 6, ["推进职业技能培训工作。"]),
        ("短句。短句。", 6, []),
        ("", 6, []),
    ],
    ids=["clauses", "trimmed", "too-short", "empty"],
)
def test_split_units(text: str, min_chars: int, units: list[str]) -> None:
    assert [text[s:e] for s, e in split_units(text, min_chars=min_chars)] == units


@pytest.mark.parametrize(
    ("date_central", "date_local", "a", "directed"),
    [
        ("2018-05-03", "2018-11-20", "local", True),
        ("2019-01-01", "2018-11-20", "central", True),
        ("2018-05-03", None, "central", False),
        ("2018", "2018-11-20", "central", False),
        ("2018-05-03", "2018-05-03", "central", False),
    ],
    ids=["local-later", "central-later", "date-unknown", "prefix-date", "same-date"],
)
def test_direction(date_central: str | None, date_local: str | None, a: str, directed: bool) -> None:
    docs = [_doc(CENTRAL, "central", date_central), _doc(LOCAL, "local", date_local)]
    found = find_reuse(docs)
    assert found and all(r.doc_a == a and r.directed is directed for r in found)


def test_passages_merge_adjacent_units_and_spans_hold() -> None:
    docs = [_doc(CENTRAL, "central"), _doc(LOCAL, "local"), _doc(OTHER, "other"), _doc(OTHER2, "other2")]
    by_id = {d.id: d for d in docs}
    found = find_reuse(docs, extend=None)
    assert len(found) == 1
    (r,) = found
    assert (r.doc_a, r.doc_b, r.units) == ("central", "local", 2)
    a = by_id[r.doc_a].text[r.start_a : r.end_a]
    b = by_id[r.doc_b].text[r.start_b : r.end_b]
    assert a.startswith("建立并推行") and a.endswith("职工培训中心。") and "二、主要任务" in a
    assert b.startswith("建立并推行") and b.endswith("职工培训中心。")
    assert 0.75 <= r.similarity < 1.0
    assert r.rule == "reuse.char3_tfidf.v1"  # the method without the extension


@pytest.mark.parametrize(("n_docs", "found"), [(2, 1), (4, 0)], ids=["two-documents", "four-documents"])
def test_a_sentence_shared_by_many_documents_is_boilerplate(n_docs: int, found: int) -> None:
    closing = "本意见自印发之日起施行，由省人力资源社会保障厅负责解释。"
    docs = [_doc(f"{t.splitlines()[1]}\n{closing}\n", f"d{n}") for n, t in enumerate([OTHER, OTHER2, CENTRAL, LOCAL][:n_docs])]
    assert len(find_reuse(docs, max_docs=0.1, min_passage=20)) == found


@pytest.mark.parametrize(
    ("threshold", "n"),
    [(0.99, 1), (0.75, 1)],
    ids=["exact-only", "near-copies"],
)
def test_threshold(threshold: float, n: int) -> None:
    found = find_reuse([_doc(CENTRAL, "c"), _doc(LOCAL, "l")], threshold=threshold, extend=None)
    assert len(found) == n
    assert found[0].units == (1 if threshold > 0.9 else 2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"threshold": 0}, "threshold"), ({"threshold": 1.5}, "threshold"), ({"extend": 0.9}, "extend")],
    ids=["zero", "above-one", "extend-above-threshold"],
)
def test_bad_threshold(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find_reuse([_doc(CENTRAL, "c"), _doc(LOCAL, "l")], **kwargs)


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        find_reuse([_doc(CENTRAL, "x"), _doc(LOCAL, "x")])


@pytest.mark.parametrize("docs", [[], [CENTRAL], [OTHER, OTHER2]], ids=["none", "one", "unrelated"])
def test_nothing_to_find(docs: list[str]) -> None:
    assert find_reuse([_doc(t, str(n)) for n, t in enumerate(docs)]) == []


@pytest.mark.parametrize(("min_passage", "n"), [(40, 1), (100, 0)], ids=["kept", "too-short"])
def test_min_passage(min_passage: int, n: int) -> None:
    assert len(find_reuse([_doc(CENTRAL, "c"), _doc(LOCAL, "l")], min_passage=min_passage, extend=None)) == n


# The last sentence is copied with a clause dropped and a word changed: alike, but below 0.75.
SEEDED_CENTRAL = (
    "关于加快发展养老服务业的意见\n"
    "各地要统筹规划发展城市养老服务设施，新建城区和新建居住区要按标准要求配套建设养老服务设施。\n"
    "建立健全养老服务质量评价和监督管理制度，定期向社会公布养老机构服务质量评价结果。\n"
    "鼓励社会力量举办养老机构，对符合条件的民办养老机构按规定给予建设补贴和运营补贴，落实税费优惠政策。\n"
)
SEEDED_LOCAL = (
    "某市关于加快发展养老服务业的实施意见\n"
    "各区要统筹规划发展城市养老服务设施，新建城区和新建居住区要按标准要求配套建设养老服务设施。\n"
    "建立健全养老服务质量评价和监督管理制度，定期向社会公布养老机构服务质量评价结果。\n"
    "支持社会力量举办养老机构，对民办养老机构给予建设补贴，落实税费优惠政策。\n"
)


def test_extension_keeps_a_reworded_sentence_inside_its_passage() -> None:
    docs = [_doc(SEEDED_CENTRAL, "c"), _doc(SEEDED_LOCAL, "l")]
    (plain,) = find_reuse(docs, extend=None)
    assert "给予建设补贴" not in docs[1].text[plain.start_b : plain.end_b]
    (r,) = find_reuse(docs)
    assert r.units == plain.units + 1 and docs[1].text[r.start_b : r.end_b].endswith("落实税费优惠政策。")
    assert r.similarity < plain.similarity  # the reworded sentence lowers the mean
    assert (r.rule, plain.rule) == ("reuse.char3_tfidf.v2", "reuse.char3_tfidf.v1")


def test_extension_needs_a_seed() -> None:
    # alone, the reworded sentence is no passage however low the extension threshold
    central = "关于养老服务的通知\n鼓励社会力量举办养老机构，对符合条件的民办养老机构按规定给予建设补贴和运营补贴，落实税费优惠政策。\n"
    local = "关于养老服务的通知\n支持社会力量举办养老机构，对民办养老机构给予建设补贴，落实税费优惠政策。\n"
    assert find_reuse([_doc(central, "c"), _doc(local, "l")], min_passage=20, extend=0.3) == []


def test_progress_lines() -> None:
    out = io.StringIO()
    find_reuse([_doc(CENTRAL, "c"), _doc(LOCAL, "l")], progress=out)
    assert out.getvalue().startswith("reuse: 1/1 blocks")


def test_reuse_record_is_frozen() -> None:
    r = Reuse("a", 0, 1, "b", 0, 1, 1.0, 1, False)
    with pytest.raises(AttributeError):
        r.similarity = 0.5  # type: ignore[misc]


# -- graph edges ---------------------------------------------------------------------------------
def test_add_reuse_edges_directed_and_round_trip() -> None:
    docs = [_doc(CENTRAL, "central", "2018-05-03"), _doc(LOCAL, "local", "2018-11-20")]
    G = build_citation_graph(docs)
    add_reuse_edges(G, docs, find_reuse(docs))
    edges = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "reuses"]
    assert len(edges) == 1
    u, v, data = edges[0]
    assert G.nodes[u]["doc_ids"] == ["local"] and G.nodes[v]["doc_ids"] == ["central"]
    assert data["directed"] is True and data["count"] == 1 and data["doc_pairs"] == ["local|central"]
    assert data["chars"] > 60 and len(data["spans"][0]) == 4
    back = graph_from_dict(graph_to_dict(G))
    assert back.edges[u, v, "reuses"]["spans"] == data["spans"]


@pytest.mark.parametrize(
    "reuse",
    [Reuse("ghost", 0, 5, "central", 0, 5, 0.9, 1, True), Reuse("central", 0, 5, "central", 9, 14, 0.9, 1, False)],
    ids=["unknown-document", "same-node"],
)
def test_add_reuse_edges_skips(reuse: Reuse) -> None:
    docs = [_doc(CENTRAL, "central"), _doc(LOCAL, "local")]
    G = build_citation_graph(docs)
    n = G.number_of_edges()
    add_reuse_edges(G, docs, [reuse])
    assert G.number_of_edges() == n


# -- the fixtures: implementing documents that copy bundled ones without citing them --------------
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("reuser", "source", "passages"),
    [("province_skills_2022", "gov_notice_skills", 3), ("city_gig_workers_2024", "targets_yijian_2024", 1)],
    ids=["province-copies-state-council", "city-copies-province"],
)
def test_fixture_reuse_found_and_directed(reuser: str, source: str, passages: int) -> None:
    from policy_nlp import analyze

    docs = [analyze(ROOT / "corpora" / f"{source}.txt", id=source),
            analyze(ROOT / "tests" / "fixtures" / "reuse" / f"{reuser}.txt", id=reuser),
            analyze(ROOT / "corpora" / "shanghai_acftu_2011.txt", id="unrelated")]
    found = find_reuse(docs)
    assert [(r.doc_a, r.doc_b, r.directed) for r in found] == [(reuser, source, True)] * passages
    # the reuser does not cite its source by title: only reuse links them
    from policy_nlp.graph import document_title
    from policy_nlp.learn.titles import title_similarity

    assert all(title_similarity(c.title, document_title(docs[0])) < 0.95 for c in docs[1].citations)


# -- strange text: no crash, spans inside the texts ----------------------------------------------
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("推进职业技能培训制度建立健全面向全体劳动者。，；\n 0123456789《》“”"))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=300), min_size=2, max_size=4))
def test_reuse_on_arbitrary_text(texts: list[str]) -> None:
    docs = [_doc(t, f"d{n}") for n, t in enumerate(texts)]
    lengths = {d.id: len(d.text) for d in docs}
    for r in find_reuse(docs, min_passage=5, min_chars=5):
        assert 0 <= r.start_a < r.end_a <= lengths[r.doc_a] and 0 <= r.start_b < r.end_b <= lengths[r.doc_b]
        assert r.doc_a != r.doc_b and 0 < r.similarity <= 1
