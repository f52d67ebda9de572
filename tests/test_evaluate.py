"""policy_nlp.evaluate: scores per record type and the ``python -m policy_nlp.evaluate`` table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policy_nlp.errors import LoadError
from policy_nlp.evaluate import (
    Score,
    SourceMissing,
    corpus_of,
    evaluate_document,
    evaluate_path,
    fold,
    indicator_ok,
    main,
    target_matches,
)
from policy_nlp.model import Body, Citation, Document, Goal, Meta, Section, Source, Target

REPO = Path(__file__).resolve().parent.parent


def doc(text: str = "正文", **records: Any) -> Document:
    return Document("d", Source(None, "", "text", None), text, records.pop("meta", Meta()), **records)


def target(text: str, value: float | None, **kw: Any) -> Target:
    return Target("T1", 0, len(text), text, None, value, **kw)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("“十四五” （一）", "十四五(一)"),
        ("实施〈工会法〉办法", "实施工会法办法"),
        ("‘a’ \"b\" 'c'", "abc"),
        ("３０％", "30%"),
        (None, ""),
    ],
)
def test_fold(raw: str | None, folded: str) -> None:
    assert fold(raw) == folded


MATCHES = [
    ({"anchor": "30%", "value": 30}, target("比重达到30%", 30.0, unit="%"), True),
    ({"anchor": "30%", "value": 31}, target("比重达到30%", 30.0, unit="%"), False),
    ({"anchor": "40%"}, target("比重达到30%", 30.0), False),
    ({"anchor": "３０％"}, target("比重达到30%", 30.0), True),
    ({"anchor": "60%以上", "comparator": ">="}, target("60%以上", 60.0, comparator="ge"), True),
    ({"anchor": "60%以上", "comparator": "ge"}, target("60%以上", 60.0, comparator="ge"), True),
    ({"anchor": "60%以上", "comparator": "<="}, target("60%以上", 60.0, comparator="ge"), False),
    ({"anchor": "x", "year": 2015}, target("x", 1.0, deadline_year=2015), True),
    ({"anchor": "x", "year": 2015}, target("x", 1.0), False),
    ({"anchor": "x", "base_year": 2005}, target("x", 1.0, base_year=2005), True),
    ({"anchor": "x", "per_year": True}, target("x", 1.0), False),
    ({"anchor": "x", "direction": "decrease"}, target("x", 1.0, direction="decrease"), True),
    ({"anchor": "x", "value": 40, "value_max": 45}, target("x", 40.0, value_max=45.0), True),
    ({"anchor": "x", "value": 40, "value_max": 45}, target("x", 40.0), False),
    ({"anchor": "1万家", "value": 1, "unit": "万家"}, target("达到1万家", 10000.0, unit="家"), True),
    ({"anchor": "25万人", "value": 250000, "unit": "人"}, target("25万人", 25.0, unit="万人"), True),
    ({"anchor": "x", "unit": "个"}, target("x", 1.0, unit="名"), False),
]


@pytest.mark.parametrize(("gold", "found", "ok"), MATCHES, ids=[str(i) for i in range(len(MATCHES))])
def test_target_matches(gold: dict[str, Any], found: Target, ok: bool) -> None:
    assert target_matches(found, gold) is ok


def test_targets_precision_recall_and_optional() -> None:
    text = "到2015年比重达到30%。开展三项活动。每年新增1万名。"
    targets = (
        Target("T1", 0, 13, text[0:13], None, 30.0, unit="%", deadline_year=2015),
        Target("T2", 14, 20, text[14:20], None, 3.0, unit="项"),
        Target("T3", 21, 28, text[21:28], None, 99.0, unit="名"),
    )
    gold = {
        "targets": [
            {"anchor": "30%", "value": 30, "year": 2015},
            {"anchor": "1万名", "value": 10000},
            {"anchor": "不存在", "value": 1},
        ],
        "optional_targets": ["三项"],
    }
    s = evaluate_document(doc(text, targets=targets), gold)["targets"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert "1万名 (found" in s.missed[0]


def test_matching_is_one_to_one_and_maximal() -> None:
    # both found targets contain "30%"; only the second fits the second gold: matching must find both
    text = "比重达到30%,比重提高30%"
    targets = (
        Target("T1", 0, 7, text[0:7], None, 30.0),
        Target("T2", 8, 15, text[8:15], None, 30.0, direction="increase"),
    )
    gold = {"targets": [{"anchor": "30%"}, {"anchor": "30%", "direction": "increase"}]}
    s = evaluate_document(doc(text, targets=targets), gold)["targets"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)


def test_meta_sections_citations_bodies_boilerplate() -> None:
    d = doc(
        "您的位置:首页\n正文",
        meta=Meta(
            title="关于开展活动的意见",
            doc_number="沪工总经〔2011〕33号",
            issuers=("市总工会",),
            date="2011-02-15",
            genre="意见",
        ),
        sections=(
            Section("1", 1, "一、", "总体要求", 0, 5),
            Section("2", 1, "二、", "目标任务", 5, 9),
            Section("2.1", 2, "(一)", "就业", 6, 9, parent="2"),
            Section("3", 1, "三、", "附则", 9, 10),
        ),
        citations=(
            Citation("C1", 0, 1, "a", "中华全国总工会关于加强班组建设的指导意见"),
            Citation("C2", 0, 1, "b", "十七届五中全会", kind="meeting"),
            Citation("C3", 0, 1, "c", "本意见", kind="short"),
            Citation("C4", 0, 1, "d", "多余的办法"),
            Citation("C5", 0, 1, "e", "人民日报", kind="other"),
        ),
        bodies=(
            Body("B1", 0, 1, "x", "市总工会", "上海市总工会", "people_org", "issuer"),
            Body("B2", 0, 1, "y", "主力军", "主力军", "other", "mentioned"),
        ),
    )
    gold = {
        "meta": {
            "title": "关于开展活动的意见",
            "doc_number_contains": ["沪工总经", "2011", "33"],
            "issuer": ["市总工会"],
            "addressees": ["各区县局工会"],
            "date_prefix": "2011-02",
            "genre": "意见",
        },
        "sections_top": ["总体要求", "目标任务", "措施保障"],
        # the issuer may be given apart from the title (issuer_contains): the bare title matches
        "citations": [{"title": "关于加强班组建设的指导意见"}, {"title": "上海市工人先锋号管理办法"}],
        "bodies_must": ["上海市总工会", "职代会"],
        "bodies_must_not": ["主力军", "工人阶级"],
        "boilerplate_must_drop": ["您的位置", "点赞数"],
    }
    scores = evaluate_document(d, gold)
    assert "targets" not in scores
    assert (scores["meta"].tp, scores["meta"].fn) == (5, 1)
    assert (scores["sections_top"].tp, scores["sections_top"].fp, scores["sections_top"].fn) == (2, 1, 1)
    assert (scores["citations"].tp, scores["citations"].fp, scores["citations"].fn) == (1, 1, 1)
    assert (scores["bodies_must"].tp, scores["bodies_must"].fn) == (1, 1)
    assert (scores["bodies_must_not"].tp, scores["bodies_must_not"].fp) == (1, 1)
    assert (scores["boilerplate"].tp, scores["boilerplate"].fp) == (1, 1)


def test_citation_fields_must_agree() -> None:
    d = doc(
        citations=(
            Citation("C1", 0, 1, "a", "关于A的意见", planned=True, resolved="t:a"),
            Citation("C2", 0, 1, "b", "意见", kind="short", resolved="t:a"),
            Citation("C3", 0, 1, "c", "关于B的通知", issuer="人社部", resolved="t:b"),
            Citation("C4", 0, 1, "d", "关于C的办法", doc_number="沪府发〔2020〕1号", resolved="no:c"),
        )
    )
    ok = [{"title": "关于A的意见", "planned": True, "mentions": 2}, {"title": "关于B的通知", "issuer_contains": "人社"},
          {"title": "关于C的办法", "doc_number": "沪府发〔2020〕1号"}]
    assert evaluate_document(d, {"citations": ok})["citations"].tp == 3
    for field, value in [("planned", False), ("mentions", 1), ("issuer_contains", "财政"), ("doc_number", "x")]:
        gold = [dict(g) for g in ok]
        gold[0 if field in ("planned", "mentions") else 1 if field == "issuer_contains" else 2][field] = value
        score = evaluate_document(d, {"citations": gold})["citations"]
        assert (score.tp, score.fn) == (2, 1), field


def test_empty_score_is_perfect_and_adds() -> None:
    s = Score()
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    s.add(Score(tp=1, fp=1, fn=0, spurious=["x"]))
    assert (s.tp, s.fp, s.precision, s.spurious) == (1, 1, 0.5, ["x"])
    assert Score(tp=0, fp=1, fn=1).f1 == 0.0


def _write_pair(folder: Path, name: str, text: str, gold: dict[str, Any]) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_evaluate_path_and_missing_document(tmp_path: Path) -> None:
    _write_pair(
        tmp_path,
        "a",
        "到2025年,森林覆盖率达到62%。\n",
        {"targets": [{"anchor": "62%", "value": 62, "year": 2025}]},
    )
    document, scores = evaluate_path(tmp_path / "a.gold.json")
    assert document.id == "a"
    assert scores["targets"].tp == 1
    (tmp_path / "b.gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(LoadError, match="no document beside it"):
        evaluate_path(tmp_path / "b.gold.json")


def test_main_prints_tables_and_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_pair(
        tmp_path, "a", "到2025年,森林覆盖率达到62%。\n", {"targets": [{"anchor": "62%", "value": 62}]}
    )
    _write_pair(
        tmp_path,
        "b",
        "每年新增100家企业。\n",
        {"targets": [{"anchor": "100家", "value": 100}, {"anchor": "无", "value": 1}]},
    )
    code = main([str(tmp_path), str(tmp_path / "missing"), "--details"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "skipping" in err and "missing" in err
    assert "TOTAL (2 documents)" in out
    total = out.split("TOTAL")[1]
    assert "targets" in total and "    2     0     1" in total
    assert "targets missed: 无" in out


def test_main_same_gold_twice_counts_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        _write_pair(tmp_path / sub, "a", "比重达到30%。\n", {"targets": [{"anchor": "30%"}]})
    assert main([str(tmp_path / "x"), str(tmp_path / "y")]) == 0
    assert "TOTAL (1 documents)" in capsys.readouterr().out


def test_main_reports_a_failed_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lonely.gold.json").write_text("{}", encoding="utf-8")
    assert main([str(tmp_path), "--only", "targets"]) == 1
    assert "lonely.gold.json: failed" in capsys.readouterr().err


def test_bundled_gold_files_score_targets(capsys: pytest.CaptureFixture[str]) -> None:
    corpora = Path(__file__).resolve().parent.parent / "corpora"
    main([str(corpora), "--only", "targets"])
    out = capsys.readouterr().out
    assert "TOTAL" in out


INDICATORS = [
    ("gdp", {"anchor": "增长7.5%", "value": 7.5, "indicator": "地区生产总值"}, "地区生产总值", True),
    ("wider", {"anchor": "增长7.5%", "value": 7.5, "indicator": "生产总值"}, "全区地区生产总值", True),
    ("other", {"anchor": "增长7.5%", "value": 7.5, "indicator": "地区生产总值"}, "固定资产投资", False),
    ("none", {"anchor": "增长7.5%", "value": 7.5, "indicator": "地区生产总值"}, None, False),
    ("digits", {"anchor": "4%以内", "value": 4, "indicator": "失业率"}, "失业率控制在4", False),
    ("scaled", {"anchor": "1.5万人", "value": 15000, "indicator": "就业"}, "新增就业1.5万", False),
    ("pm25", {"anchor": "下降10%", "value": 10, "indicator": "PM2.5浓度"}, "PM2.5浓度", True),
]


@pytest.mark.parametrize(("gold", "found", "ok"), [i[1:] for i in INDICATORS], ids=[i[0] for i in INDICATORS])
def test_indicator_ok(gold: dict[str, Any], found: str | None, ok: bool) -> None:
    assert indicator_ok(Target("T1", 0, 1, "x", found, float(gold["value"])), gold) is ok


def test_indicator_accuracy_counts_matched_targets_with_an_indicator() -> None:
    parts = ["地区生产总值增长7.5%", "城镇登记失业率控制在4%以内", "新增就业5000人"]
    text = ",".join(parts) + "。"
    targets = (
        Target("T1", *span(text, parts[0]), "地区生产总值", 7.5, unit="%"),
        Target("T2", *span(text, parts[1]), "城镇登记失业率控制在4", 4.0, unit="%", comparator="le"),
        Target("T3", *span(text, parts[2]), None, 5000.0, unit="人"),
    )
    gold = {
        "targets": [
            {"anchor": "7.5%", "value": 7.5, "indicator": "地区生产总值"},
            {"anchor": "4%以内", "value": 4, "comparator": "le", "indicator": "城镇登记失业率"},
            {"anchor": "5000人", "value": 5000},  # no indicator stated: not counted
            {"anchor": "不存在", "value": 1, "indicator": "粮食产量"},  # not matched: not counted
        ]
    }
    s = evaluate_document(doc(text, targets=targets), gold)["indicator"]
    assert (s.tp, s.fp, s.fn, s.precision) == (1, 1, 0, 0.5)
    assert "4%以内" in s.spurious[0]
    assert "indicator" not in evaluate_document(doc(text, targets=targets), {"targets": [{"anchor": "7.5%"}]})


def test_goals_recall_and_precision() -> None:
    parts = ["过去一年,生产总值增长8%。", "今年主要预期目标是:生产总值增长7.5%。", "到2020年建成小康社会。"]
    text = "".join(parts) + "二〇一九年一月"
    goals = tuple(Goal(f"G{i}", *span(text, p)) for i, p in enumerate(parts))  # G0: a past result
    gold = {
        "goals": ["主要预期目标", "建成小康社会", "人民满意"],
        "non_goals": ["增长8%", "二〇一九年一月"],
    }
    scores = evaluate_document(doc(text, goals=goals), gold)
    g, p = scores["goals"], scores["goals_precision"]
    assert (g.tp, g.fn, g.fp) == (2, 1, 1)
    assert g.missed == ["人民满意"]
    assert (p.tp, p.fp, p.precision) == (2, 1, pytest.approx(2 / 3))
    assert "增长8%" in p.spurious[0]
    assert "goals_precision" not in evaluate_document(doc(text, goals=goals), {"goals": ["建成小康社会"]})


@pytest.mark.parametrize(
    ("path", "corpus"),
    [("corpora/real_gold/a.gold.json", "real"), ("corpora/a.gold.json", "bundled"), ("x/y.gold.json", "bundled")],
    ids=["real", "bundled", "other"],
)
def test_corpus_of(path: str, corpus: str) -> None:
    assert corpus_of(path) == corpus


def span(text: str, part: str) -> tuple[int, int, str]:
    start = text.index(part)
    return start, start + len(part), part


def _real_layout(tmp_path: Path) -> tuple[Path, Path]:
    """corpora/ with a bundled pair, corpora/real_gold/ with one gold whose source exists and one whose
    source is absent, and a shared folder holding real/r1.txt."""
    corpora, shared = tmp_path / "corpora", tmp_path / "shared"
    (corpora / "real_gold").mkdir(parents=True)
    (shared / "real").mkdir(parents=True)
    _write_pair(corpora, "b", "比重达到30%。\n", {"source": "synthetic", "targets": [{"anchor": "30%"}]})
    (shared / "real" / "r1.txt").write_text("今年主要预期目标是:地区生产总值增长7.5%。\n", encoding="utf-8")
    for name, gold in [
        ("r1", {"source": "real/r1.txt", "targets": [{"anchor": "7.5%", "value": 7.5}, {"anchor": "无", "value": 1}]}),
        ("r2", {"source": "real/r2.txt", "targets": [{"anchor": "5%", "value": 5}]}),
    ]:
        (corpora / "real_gold" / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return corpora, shared


def test_evaluate_path_reads_the_source_under_shared(tmp_path: Path) -> None:
    corpora, shared = _real_layout(tmp_path)
    document, scores = evaluate_path(corpora / "real_gold" / "r1.gold.json", shared=shared)
    assert "7.5%" in document.text
    assert (scores["targets"].tp, scores["targets"].fn) == (1, 1)
    with pytest.raises(SourceMissing, match=r"real/r2\.txt"):
        evaluate_path(corpora / "real_gold" / "r2.gold.json", shared=shared)


def test_main_totals_per_corpus_and_skips_absent_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpora, shared = _real_layout(tmp_path)
    code = main([str(corpora), str(corpora / "real_gold"), "--shared", str(shared), "--only", "targets"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.count("skipping") == 1 and "real/r2.txt" in err
    assert "TOTAL bundled (1 documents)" in out and "TOTAL real (1 documents)" in out
    assert "TOTAL (2 documents)" in out
    real = out.split("TOTAL real")[1].split("TOTAL (")[0]
    assert "    1     0     1" in real


def test_main_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpora, shared = _real_layout(tmp_path)
    assert main([str(corpora), str(corpora / "real_gold"), "--shared", str(shared), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == {"bundled": 1, "real": 1, "all": 2}
    assert data["skipped"] == 1
    assert data["totals"]["real"]["targets"]["recall"] == 0.5
    assert data["totals"]["all"]["targets"]["tp"] == 2


def test_real_gold_files_evaluate(shared_corpora: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real development set (gold in corpora/real_gold, texts in ../shared/corpora/real)."""
    golds = sorted((REPO / "corpora" / "real_gold").glob("*.gold.json"))
    if not golds:
        pytest.skip("no real gold files")
    assert main([str(REPO / "corpora" / "real_gold"), "--shared", str(shared_corpora), "--only", "targets"]) == 0
    out, err = capsys.readouterr()
    assert f"TOTAL ({len(golds)} documents)" in out
    assert "skipping" not in err
