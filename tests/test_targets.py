"""policy_nlp.extract.targets: one table per pattern family, with sentences written the way 规划/方案/意见 write them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.evaluate import evaluate_document
from policy_nlp.extract.targets import find_targets
from policy_nlp.model import Document, Meta, Section, Sentence, Source, Target
from policy_nlp.resources import read_tsv

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def one(text: str) -> Target:
    found = find_targets(text)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def check(t: Target, want: dict[str, Any]) -> None:
    for key, value in want.items():
        got = getattr(t, key)
        if isinstance(value, float):
            assert got == pytest.approx(value), key
        else:
            assert got == value, key


# -- families -------------------------------------------------------------------------------------
PERCENT = [
    (
        "到2025年,全市常住人口城镇化率达到75%。",
        {"value": 75.0, "unit": "%", "deadline_year": 2025, "indicator": "常住人口城镇化率"},
    ),
    (
        "力争研发经费投入占地区生产总值比重提高到3.2%以上。",
        {"value": 3.2, "comparator": "ge", "direction": "increase"},
    ),
    ("城镇调查失业率控制在5.5%以内。", {"value": 5.5, "comparator": "le"}),
    (
        "确保职工教育经费的60%以上用于一线职工培训。",
        {"value": 60.0, "comparator": "ge", "indicator": "职工教育经费"},
    ),
    (
        "到2020年单位GDP二氧化碳排放比2005年降低40%-45%。",
        {"value": 40.0, "value_max": 45.0, "base_year": 2005, "direction": "decrease", "deadline_year": 2020},
    ),
    ("到2030年,非化石能源消费比重达到百分之二十五左右。", {"value": 25.0, "comparator": "approx"}),
    ("农村自来水普及率达到千分之九百五十。", {"value": 950.0, "unit": "‰"}),
    ("到2025年,新能源汽车新车销量占比达到三分之一。", {"value": 100 / 3, "unit": "%"}),
]
POINTS_AND_MULTIPLES = [
    (
        "高技能人才占比比2020年提高4.5个百分点。",
        {"value": 4.5, "unit": "个百分点", "base_year": 2020, "direction": "increase"},
    ),
    (
        "到2035年,城乡居民人均收入翻一番。",
        {"value": 2.0, "unit": "倍", "direction": "increase", "deadline_year": 2035},
    ),
    ("到2020年,国内生产总值比2000年翻两番。", {"value": 4.0, "unit": "倍", "base_year": 2000}),
    ("到2025年,数字经济规模增长1.5倍。", {"value": 1.5, "unit": "倍", "direction": "increase"}),
]
COUNTS = [
    (
        "推动实现每年新增技师、高级技师1万名。",
        {
            "value": 10000.0,
            "unit": "名",
            "per_year": True,
            "direction": "increase",
            "indicator": "技师、高级技师",
        },
    ),
    (
        "培养万名知识型、技能型、创新型的高技能人才。",
        {"value": 10000.0, "unit": "名", "indicator": "知识型、技能型、创新型的高技能人才"},
    ),
    ("推进万家企业实施首席技师制度。", {"value": 10000.0, "unit": "家"}),
    ("到2025年,建成国家级专精特新“小巨人”企业50家。", {"value": 50.0, "unit": "家", "deadline_year": 2025}),
    ("2024年底前,新建改建城市社区养老服务中心120个。", {"value": 120.0, "unit": "个", "deadline_year": 2024}),
    ("力争全年新增城镇就业5万人以上。", {"value": 5.0, "unit": "万人", "comparator": "ge"}),
    ("每年培训农民工不少于3万人次。", {"value": 3.0, "unit": "万人次", "comparator": "ge", "per_year": True}),
    ("用五年时间,选拔1000名首席技师。", {"value": 1000.0, "period": "用五年时间"}),
    ("“十四五”期间,累计新增高标准农田20万亩。", {"value": 20.0, "unit": "万亩", "period": "“十四五”期间"}),
    ("开展百万职工岗位建功行动。", {"value": 1e6, "unit": None, "rule": "targets.bare_count.v1"}),
]
MONEY_MEASURE_TIME = [
    ("到2025年,全县农村居民人均可支配收入达到3万元。", {"value": 3.0, "unit": "万元"}),
    ("力争三年累计投入资金1.2亿元。", {"value": 1.2, "unit": "亿元", "indicator": "投入资金"}),
    (
        "到2025年,新增光伏装机容量200万千瓦。",
        {"value": 200.0, "unit": "万千瓦", "rule": "targets.measure.v1"},
    ),
    ("新建和改造污水管网120公里。", {"value": 120.0, "unit": "公里", "indicator": "污水管网"}),
    ("到2025年,人均预期寿命提高1岁。", {"value": 1.0, "unit": "岁", "direction": "increase"}),
    (
        "企业开办时间压缩至1个工作日以内。",
        {"value": 1.0, "unit": "个工作日", "comparator": "le", "direction": "decrease"},
    ),
]
DEADLINES = [
    ("到2015年,本市高技能人才占技能劳动者的比重达到30%。", 2015),
    ("至2020年底,全市森林覆盖率达到20%。", 2020),
    ("2025年前,实现乡镇污水处理设施覆盖率达到95%。", 2025),
    ("到“十四五”期末,全省快递服务乡镇覆盖率达到100%。", 2025),
    ("到二〇三五年,城市绿地率达到40%。", 2035),
    ("到2025 年,城市绿地率达到40%。", 2025),
]


def _ids(rows: list[tuple[str, Any]]) -> list[str]:
    return [r[0][:18] for r in rows]


@pytest.mark.parametrize(("text", "want"), PERCENT, ids=_ids(PERCENT))
def test_percent(text: str, want: dict[str, Any]) -> None:
    check(one(text), want)


@pytest.mark.parametrize(("text", "want"), POINTS_AND_MULTIPLES, ids=_ids(POINTS_AND_MULTIPLES))
def test_points_and_multiples(text: str, want: dict[str, Any]) -> None:
    check(one(text), want)


@pytest.mark.parametrize(("text", "want"), COUNTS, ids=_ids(COUNTS))
def test_counts(text: str, want: dict[str, Any]) -> None:
    check(one(text), want)


@pytest.mark.parametrize(("text", "want"), MONEY_MEASURE_TIME, ids=_ids(MONEY_MEASURE_TIME))
def test_money_measure_time(text: str, want: dict[str, Any]) -> None:
    check(one(text), want)


@pytest.mark.parametrize(("text", "year"), DEADLINES, ids=_ids(DEADLINES))
def test_deadlines(text: str, year: int) -> None:
    assert one(text).deadline_year == year


def test_deadline_clause_joins_the_text() -> None:
    t = one("到2015年,本市高技能人才占技能劳动者的比重达到30%。")
    assert t.text == "到2015年,本市高技能人才占技能劳动者的比重达到30%"


def test_deadline_after_the_number_is_not_taken() -> None:
    first, second = find_targets("推动实现每年新增技师1万名,到2015年高技能人才比重达到30%的目标。")
    assert first.deadline_year is None
    assert second.deadline_year == 2015


def test_lead_in_line_carries_its_deadline_to_list_items() -> None:
    text = "二、主要目标\n到2025年,全县生态环境明显改善。\n——森林覆盖率达到62%。\n——新建污水管网50公里。\n三、重点任务\n每年创建示范村10个。\n"
    got = [(t.value, t.deadline_year) for t in find_targets(text)]
    assert got == [(62.0, 2025), (50.0, 2025), (10.0, None)]


def test_colon_lead_carries_its_deadline() -> None:
    text = "到2025年,基本建成技能人才培养体系。具体目标是:\n(一)新增高技能人才8万名。\n(二)技能人才总量达到230万人。\n"
    assert [t.deadline_year for t in find_targets(text)] == [2025, 2025]


def test_deadline_reaches_across_semicolons_of_one_sentence() -> None:
    text = ("二、主要目标\n到2030年,组织开展补贴性职业技能培训500万人次以上;新增高技能人才30万人;"
            "建设公共实训基地20个。2026年全面启动技能提升行动,培训农民工10万人次。\n")
    got = [(t.value, t.deadline_year) for t in find_targets(text)]
    assert got == [(500.0, 2030), (30.0, 2030), (20.0, 2030), (10.0, None)]  # 2030 stops at 。


def test_qizhong_sentence_takes_the_deadline_of_the_sentence_before() -> None:
    text = "从2025年到2027年底,大规模开展职业技能提升培训。其中,面向重点群体开展补贴性培训300万人次以上。"
    (t,) = find_targets(text)
    assert (t.value, t.comparator, t.deadline_year) == (300.0, "ge", 2027)


def test_goal_lead_reaches_across_semicolons() -> None:
    text = ("今年全县发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业8000人以上，"
            "城镇调查失业率5.5%左右；居民收入增长和经济增长同步；粮食产量50万吨以上。\n"
            "人均可支配收入5.2万元左右。\n")
    got = [(t.indicator, t.value, t.comparator) for t in find_targets(text)]
    assert got == [("地区生产总值", 6.0, "approx"), ("城镇新增就业", 8000.0, "ge"),
                   ("城镇调查失业率", 5.5, "approx"), ("粮食产量", 50.0, "ge")]  # the last line has no lead


def test_indicator_of_a_comparison_with_last_year() -> None:
    text = ("全年赤字率拟按3%安排,比上年年初预算增加800亿元。拟安排市级专项债券300亿元,比上年增加50亿元。"
            "到2025年,研发经费投入强度达到3%,比2020年提高0.5个百分点。")
    got = [(t.indicator, t.value, t.unit) for t in find_targets(text)]
    assert got == [
        ("赤字率", 3.0, "%"),
        (None, 800.0, "亿元"),  # 比上年…: a base, and the indicator before it is a rate, not money
        ("市级专项债券", 300.0, "亿元"),
        ("市级专项债券", 50.0, "亿元"),
        ("研发经费投入强度", 3.0, "%"),
        ("研发经费投入强度", 0.5, "个百分点"),
    ]


def test_this_year_is_the_year_of_the_document() -> None:
    text = "今年全市发展主要预期目标是:地区生产总值增长6%左右;城镇新增就业8万人以上。到2027年,研发投入强度达到3%。"
    assert [t.deadline_year for t in find_targets(text, year=2024)] == [2024, 2024, 2027]
    assert [t.deadline_year for t in find_targets(text)] == [None, None, 2027]  # year unknown
    assert find_targets("今年以来,城镇新增就业达到8万人。", year=2024) == []  # reports, not a target
    (t,) = find_targets("力争一年内新建示范点20个。", year=2024)
    assert t.deadline_year is None  # 一年内 is a period, not this year


def test_parallel_clauses_and_coordinated_numbers() -> None:
    text = ("3年内重点支持200名企业经营管理人才赴境外研修,800名管理团队骨干参加高校专题培训,"
            "2000名专业技术人才参加岗位能力培训。重点扶持30个示范性研修班和40场次名家讲座。"
            "筹建20家企业技术中心,择优设立30个特聘岗位。")
    got = [(t.value, t.unit, t.indicator) for t in find_targets(text)]
    assert got == [
        (200.0, "名", "企业经营管理人才赴境外研修"),
        (800.0, "名", "管理团队骨干"),
        (2000.0, "名", "专业技术人才"),
        (30.0, "个", "示范性研修班"),
        (40.0, "场次", "名家讲座"),
        (20.0, "家", "企业技术中心"),
        (30.0, "个", "特聘岗位"),
    ]


def test_parallel_clause_needs_the_same_unit_at_its_start() -> None:
    text = "3年内培训职工200名,全市有企业3000家。"
    assert [(t.value, t.unit) for t in find_targets(text)] == [(200.0, "名")]


def test_qizhong_year_is_the_deadline_of_its_share() -> None:
    text = "2024年至2026年,全市共开展补贴性职业技能培训30万人次以上,其中2024年培训10万人次以上。"
    assert [(t.value, t.deadline_year) for t in find_targets(text)] == [(30.0, 2026), (10.0, 2024)]


def test_numbers_of_the_title_are_no_targets() -> None:
    text = "关于支持招商引资的十条意见\n一、对新引进的项目,每年安排专项资金2000万元。\n"
    got = [(t.value, t.unit) for t in find_targets(text, title="关于支持招商引资的十条意见")]
    assert got == [(2000.0, "万元")]
    assert (10.0, "条") in [(t.value, t.unit) for t in find_targets(text)]  # title unknown: taken


def test_semicolon_deadline_stays_in_its_sentence() -> None:
    text = "到2025年,建成示范基地10个。\n新增技能大师工作室5个;培训职工2000名。"
    assert [t.deadline_year for t in find_targets(text)] == [2025, None, None]


def test_two_numbers_in_one_clause() -> None:
    a, b = find_targets("到2025年,建设20个市级实训基地、50个技能大师工作室。")
    assert (a.value, a.indicator) == (20.0, "市级实训基地")
    assert (b.value, b.indicator) == (50.0, "技能大师工作室")


def test_points_clause_inherits_the_indicator() -> None:
    a, b = find_targets("高技能人才占比提高到33%,比2020年提高4.5个百分点。")
    assert b.indicator == a.indicator == "高技能人才占比"


# -- enumerations -----------------------------------------------------------------------------------
def test_enumeration_without_separators() -> None:
    found = find_targets("——培养选树十大工人发明家十大职工科技创新英才十大合理化建议标兵等优秀职工代表。")
    assert [(t.text, t.value, t.rule) for t in found] == [
        ("十大工人发明家", 10.0, "targets.enumeration.v1"),
        ("十大职工科技创新英才", 10.0, "targets.enumeration.v1"),
        ("十大合理化建议标兵", 10.0, "targets.enumeration.v1"),
    ]


def test_enumeration_with_measure_words() -> None:
    found = find_targets("——建设百个首席技师工作室、百个劳模创新工作室,打造千个特色班组。")
    assert [(t.value, t.unit) for t in found] == [(100.0, "个"), (100.0, "个"), (1000.0, "个")]


def test_single_award_after_award_verb() -> None:
    (t,) = find_targets("每年评选十大“金牌工匠”。")
    assert t.value == 10.0 and t.text == "十大“金牌工匠”"


# -- must not be targets ---------------------------------------------------------------------------
NOT_TARGETS = [
    "深入贯彻党的十七届五中全会和九届市委十四次全会精神。",
    "落实全总十五届五次执委会和市总十二届八次全委(扩大)会议提出的要求。",
    "为实现十二五规划目标任务建功立业,广泛宣传《上海市国民经济和社会发展第十二个五年规划纲要》。",
    "深入贯彻落实《中华全国总工会2011-2015年劳动竞赛规划》。",
    "全面开展六大行动,坚持五个不断深化,打造十百千万工程。",
    "加快推进四个率先、加快建设四个中心。",
    "深入开展小发明、小设计、小革新等五小活动,完善四位一体的工作机制。",
    "努力构筑二级管理、三级网络、四级监督的工作格局,全总等四部委联合发文。",
    "依照《劳动法》第十条、第三十六条的规定执行。",
    "沪工总经〔2011〕33号,2011年2月15日印发。",
    "联系电话:021-64285678,传真:021-64285679。",
    "实施首席技师培养选拔千人计划。",
    "千方百计扩大就业,把温暖送到千家万户。",
    "“十三五”期间,累计培训职工86万人次,新增高技能人才9万人。“十四五”时期要再上新台阶。",
    "2020年以来,全市已累计建成充电桩3万个。",
    "职工二百人以上的企业应当建立工会。",
    "对违反规定的,处五千元以上五万元以下的罚款。",
    "自收到申请之日起十五日内作出决定。",
    "坚持“一年打基础、两年见成效、三年上台阶”的思路。",
    "按营业收入的3%缴纳文化事业建设费。",
    "技能劳动者总量(万人)",
]


@pytest.mark.parametrize("text", NOT_TARGETS, ids=[t[:16] for t in NOT_TARGETS])
def test_not_targets(text: str) -> None:
    assert find_targets(text) == []


def test_law_like_text_needs_a_deadline() -> None:
    law = "第一条 为了规范管理,制定本条例。\n第二条 绿地率不低于百分之三十五。\n第三条 到2025年,全省研发经费占生产总值的比重应当达到百分之三。\n"
    assert [t.value for t in find_targets(law)] == [3.0]


def test_law_like_text_keeps_yearly_quotas_but_not_fees() -> None:
    law = (
        "第一条 总则。\n第二条 各级工会每年组织一线职工参加疗休养的比例不低于70%。\n"
        "第三条 县财政每年每公里安排养护资金不低于一千元。\n第四条 每年检验1次。\n"
    )
    assert [(t.value, t.comparator, t.per_year) for t in find_targets(law)] == [(70.0, "ge", True)]


# -- tables --------------------------------------------------------------------------------------------
def test_indicator_table_rows() -> None:
    text = "主要指标\n指标 | 2020年 | 2025年 | 属性\n城镇新增就业(万人) | 50 | 55 | 预期性\n森林覆盖率(%) | 23 | 24.5 | 约束性\n"
    found = find_targets(text)
    assert [(t.indicator, t.value, t.unit, t.deadline_year, t.rule) for t in found] == [
        ("城镇新增就业", 55.0, "万人", 2025, "targets.table_row.v1"),
        ("森林覆盖率", 24.5, "%", 2025, "targets.table_row.v1"),
    ]


def test_tab_separated_table_with_unit_column() -> None:
    text = "指标名称\t单位\t2022年\t2025年\t属性\n新建充电桩\t个\t1200\t5000\t预期性\n"
    (t,) = find_targets(text)
    assert (t.indicator, t.value, t.unit) == ("新建充电桩", 5000.0, "个")


# -- sections, sentences, ids, offsets -----------------------------------------------------------
def test_section_is_the_innermost() -> None:
    text = "二、目标任务\n(一)就业目标\n到2025年,新增城镇就业10万人。\n"
    sections = [
        Section("2", 1, "二、", "目标任务", 0, len(text)),
        Section("2.1", 2, "(一)", "就业目标", 7, len(text), parent="2"),
    ]
    (t,) = find_targets(text, sections=sections)
    assert t.section == "2.1"


def test_sentences_from_the_structure_stage_are_used() -> None:
    text = "到2025年,比重达到30%。每年新增100家。"
    got = find_targets(text, sentences=[Sentence(0, 14), Sentence(14, len(text))])
    assert [t.value for t in got] == [30.0, 100.0]


def test_ids_offsets_and_order(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = find_targets(text)
    assert [t.id for t in found] == [f"T{k}" for k in range(1, len(found) + 1)]
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.rule.startswith("targets.") and t.rule.endswith(".v1")
        assert t.bodies == ()


def test_raw_full_width_text_gives_the_same_targets() -> None:
    raw = "到２０２５年，全市常住人口城镇化率达到７５％。"
    (t,) = find_targets(raw)
    assert (t.value, t.deadline_year) == (75.0, 2025)
    assert raw[t.start : t.end] == t.text


# -- gold documents -------------------------------------------------------------------------------------
def _score(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_name(path.name[: -len(".txt")] + ".gold.json").read_text(encoding="utf-8"))
    doc = Document(path.stem, Source(None, "", "text", None), text, Meta(), targets=tuple(find_targets(text)))
    return evaluate_document(doc, gold)["targets"]


def test_seed_gold(seed_path: Path) -> None:
    s = _score(seed_path)
    assert (s.fn, s.fp) == (0, 0), (s.missed, s.spurious)


@pytest.mark.parametrize("name", ["targets_guihua_2025", "targets_fangan_2025", "targets_yijian_2024"])
def test_synthetic_gold(name: str) -> None:
    s = _score(CORPORA / f"{name}.txt")
    assert (s.fn, s.fp) == (0, 0), (s.missed, s.spurious)


def test_seed_non_targets_are_not_found(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    gold = json.loads(seed_path.with_name("shanghai_acftu_2011.gold.json").read_text(encoding="utf-8"))
    found = find_targets(text)
    for anchor in gold["non_targets"]:
        k = text.find(anchor)
        assert not any(t.start <= k < t.end and anchor in t.text and _number_in(anchor, t) for t in found), (
            anchor
        )


def _number_in(anchor: str, t: Target) -> bool:
    """Whether the target's own number lies inside the non-target anchor."""
    from policy_nlp.numerals import find_quantities

    return any(q.value == t.value for q in find_quantities(anchor)) or (str(int(t.value or 0)) in anchor)


# -- resource tables: every example is found ---------------------------------------------------------
@pytest.mark.parametrize("row", read_tsv("comparators.tsv"), ids=lambda r: r["word"])
def test_comparator_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert any(t.comparator == row["comparator"] for t in find_targets(example)), example


@pytest.mark.parametrize("row", read_tsv("directions.tsv"), ids=lambda r: r["word"])
def test_direction_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert any(t.direction == row["direction"] for t in find_targets(example)), example


@pytest.mark.parametrize("row", read_tsv("target_cues.tsv"), ids=lambda r: r["word"])
def test_cue_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert find_targets(example), example


@pytest.mark.parametrize("row", read_tsv("non_targets.tsv"), ids=lambda r: r["pattern"][:20])
def test_non_target_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert find_targets(example) == [], example


SORT_KEYS = {
    "comparators.tsv": ("word", "position"),
    "directions.tsv": ("word",),
    "target_cues.tsv": ("kind", "word"),
    "non_targets.tsv": ("where", "pattern"),
    "units.tsv": ("kind", "unit"),
    "indicator_words.tsv": ("kind", "word"),
}


@pytest.mark.parametrize("name", sorted(SORT_KEYS))
def test_tables_are_unique_sorted_and_exemplified(name: str) -> None:
    rows = read_tsv(name)
    keys = [tuple(r[k] for k in SORT_KEYS[name]) for r in rows]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    assert all(r["examples"] for r in rows)


# -- robustness -----------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for t in find_targets(text):
        assert text[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "到2025年,比重达到30%以上。十大百个万名“”《》第条每年新增\n——(一)降低40-45%翻一番指标|预期性"
        ),
        max_size=120,
    )
)
def test_policy_like_soup_never_raises(text: str) -> None:
    found = find_targets(text)
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.id for t in found] == [f"T{k}" for k in range(1, len(found) + 1)]


# -- results versus targets, goal lists inside a sentence -------------------------------------------------
def test_review_section_reports_results() -> None:
    text = (
        "一、发展基础\n全市城镇新增就业累计达到52万人,城镇调查失业率控制在5%以内。\n"
        "二、主要目标\n到2025年,城镇新增就业达到60万人。\n"
    )
    assert [(t.value, t.deadline_year) for t in find_targets(text)] == [(60.0, 2025)]


def test_review_section_from_the_structure_stage() -> None:
    text = "回顾\n新建养老床位3000张。\n"
    sections = [Section("1", 1, "一、", "“十三五”时期工作回顾", 0, len(text))]
    assert find_targets(text, sections=sections) == []


def test_colon_lead_carries_to_paragraphs() -> None:
    text = "规划提出,到2030年,要实现以下目标:\n就业规模稳步扩大。城镇登记失业率控制在5%以内。\n"
    (t,) = find_targets(text)
    assert (t.value, t.comparator, t.deadline_year) == (5.0, "le", 2030)


def test_baseline_is_not_a_target() -> None:
    (t,) = find_targets("到2025年,平均受教育年限从10.2年提高到11.3年。")
    assert (t.value, t.unit, t.indicator) == (11.3, "年", "平均受教育年限")


def test_goal_list_inside_a_sentence() -> None:
    text = "今年发展主要预期目标是:地区生产总值增长6%左右;城镇调查失业率5.5%左右;粮食产量1.3万亿斤以上。"
    assert [(t.value, t.unit, t.comparator) for t in find_targets(text)] == [
        (6.0, "%", "approx"),
        (5.5, "%", "approx"),
        (1.3e12, "斤", "ge"),
    ]


def test_achievement_is_not_a_target() -> None:
    assert find_targets("全年城镇新增就业86万人,超额完成年度目标任务。") == []


BARE_AND_SYMBOLS = [
    (
        "城乡居民收入比缩小至1.7以内。",
        {
            "value": 1.7,
            "unit": None,
            "comparator": "le",
            "direction": "decrease",
            "rule": "targets.bare_number.v1",
            "indicator": "城乡居民收入比",
        },
    ),
    ("到2025年,人均健康期望寿命≥71岁。", {"value": 71.0, "unit": "岁", "comparator": "ge"}),
    ("到2025年,每千人口拥有3岁以下婴幼儿托位数达到4.5个。", {"value": 4.5, "unit": "个"}),
    ("主要指标:地区生产总值增长6%,城镇调查失业率5.5%左右。", {"value": 5.5, "comparator": "approx"}),
    ("2019年至2021年,全省共开展各类补贴性职业技能培训300万人次以上。",
     {"indicator": "各类补贴性职业技能培训", "comparator": "ge", "deadline_year": 2021}),
    ("到2025年,共青团员人数达到500万人。", {"indicator": "共青团员人数", "value": 500.0, "unit": "万人"}),
]


@pytest.mark.parametrize(("text", "want"), BARE_AND_SYMBOLS, ids=_ids(BARE_AND_SYMBOLS))
def test_bare_numbers_symbols_and_indicator_leads(text: str, want: dict[str, Any]) -> None:
    found = find_targets(text)
    assert found, text
    check(found[-1], want)


@pytest.mark.parametrize(
    "text", ["会议于2025年3月召开,共有120名代表参加。", "评分标准满分为100。", "电话12345热线。"]
)
def test_bare_numbers_without_a_predicate_are_not_targets(text: str) -> None:
    assert find_targets(text) == []


def test_standard_with_clause_numbers_is_law_like() -> None:
    text = "5.1 一般规定\n5.1.1 挫伤面积累计达体表面积30%。\n5.1.2 手功能丧失累计达一手功能16%。\n5.2 其他\n"
    assert find_targets(text) == []


def test_pdf_style_table_with_merged_category_and_yearly_columns() -> None:
    text = (
        "类别 指标 2020年 2025年 年均/累计 属性\n"
        "经济发展 地区生产总值增长(%) 3.6 - 6左右 预期性\n"
        "全员劳动生产率增长(%) 3.1 - 高于GDP增长 预期性\n"
        "城镇调查失业率(%) 5.2 - <5.5 预期性\n"
        "单位GDP能源消耗降低(%) - - 〔13.5〕 约束性\n"
        "森林覆盖率(%) 23.0 24.1* - 约束性\n"
    )
    got = [(t.indicator, t.value, t.comparator, t.per_year, t.deadline_year) for t in find_targets(text)]
    assert got == [
        ("地区生产总值增长", 6.0, "approx", True, 2025),
        ("城镇调查失业率", 5.5, "lt", True, 2025),
        ("单位GDP能源消耗降低", 13.5, "eq", False, 2025),
        ("森林覆盖率", 24.1, "eq", False, 2025),
    ]


# -- a year before the signature date reports a result ----------------------------------------------
_SIGNED = "\n某区人力资源和社会保障局\n二〇二一年三月二日"
SIGNED_YEAR = [
    ("result_dated_before_signature", "2019年,全区职业技能培训合格率达到91%。" + _SIGNED, []),
    ("deadline_after_signature", "到2023年,全区职业技能培训合格率达到95%。" + _SIGNED, [95.0]),
    ("start_year_is_a_quota", "自2020年起,每年新增技能人才2000名。" + _SIGNED, [2000.0]),
    ("base_year_is_not_a_date", "全区培训合格率比2019年提高5个百分点。" + _SIGNED, [5.0]),
    ("no_signature_no_change", "2019年,全区职业技能培训合格率达到91%。", [91.0]),
]


@pytest.mark.parametrize(("text", "values"), [c[1:] for c in SIGNED_YEAR], ids=[c[0] for c in SIGNED_YEAR])
def test_year_before_signature_reports_a_result(text: str, values: list[float]) -> None:
    assert [t.value for t in find_targets(text)] == values


# -- issue 12: targets on real documents -------------------------------------------------------------
def _fields(found: list[Target], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(getattr(t, k) for k in keys) for t in found]


_REPORT = "政府工作报告\n——2026年1月27日在省第十四届人民代表大会第五次会议上\n"
#: (id, text, year, title) → [(deadline_year, rule suffix)] per target
THIS_YEAR = [
    ("report_goals_take_this_year", _REPORT + "二、2026年工作安排\n今年主要预期目标是:地区生产总值增长5%左右;城镇新增就业45万人以上。\n",
     2026, "政府工作报告", [(2026, "+deadline.this_year.v1"), (2026, "+deadline.this_year.v1")]),
    ("report_plan_part_without_a_year", _REPORT + "二、2026年工作安排\n全省新建和改造提升农村公路1200公里。\n",
     2026, "政府工作报告", [(2026, "+deadline.document_year.v1")]),
    ("district_plan_takes_its_year", "努力实现地区生产总值增长6.2%左右。\n", 2023, "某区2023年重点工作任务分工方案",
     [(2023, "+deadline.document_year.v1")]),
    ("next_year", "明年城镇新增就业1.2万人。\n", 2025, None, [(2026, "+deadline.this_year.v1")]),
    ("whole_year", "全年计划投资64.8亿元,实施重点项目32个。\n", 2013, None,
     [(2013, "+deadline.this_year.v1"), (2013, "+deadline.this_year.v1")]),
    ("a_stated_year_wins", "到2030年,全省常住人口城镇化率达到70%。\n", 2026, "政府工作报告", [(2030, "")]),
    ("opinion_is_not_annual", "全市新建充电桩3000个。\n", 2024, "关于加快新能源汽车推广应用的实施意见", [(None, "")]),
]


@pytest.mark.parametrize(("text", "year", "title", "want"), [c[1:] for c in THIS_YEAR], ids=[c[0] for c in THIS_YEAR])
def test_this_year_resolves_against_the_document_year(text: str, year: int, title: str | None, want: list[Any]) -> None:
    got = [(t.deadline_year, t.rule[len(t.rule.split("+")[0]):].replace("+indicator.counted.v1", ""))
           for t in find_targets(text, year=year, title=title)]
    assert got == want


DOCUMENT_YEARS = [
    ("signature_date", "正文", Meta(date="2023-03-01"), 2023),
    ("meeting_line", "政府工作报告\n——2026年1月27日在省第十四届人民代表大会第五次会议上\n", Meta(), 2026),
    ("bracketed_meeting_line", "政府工作报告\n(2019年3月4日在区第十五届人民代表大会第三次会议上)\n", Meta(), 2019),
    ("title_year", "正文", Meta(title="海拉尔区2016年政府工作报告"), 2016),
    ("none", "关于加强管理的通知\n各单位:\n", Meta(), None),
]


@pytest.mark.parametrize(("text", "meta", "year"), [c[1:] for c in DOCUMENT_YEARS], ids=[c[0] for c in DOCUMENT_YEARS])
def test_document_year(text: str, meta: Meta, year: int | None) -> None:
    from policy_nlp.structure.docyear import document_year

    assert document_year(text, meta) == year


#: (id, text, indicator of the last target, how: "" for the subject, else the rule suffix)
INDICATORS = [
    ("leading_verb_dropped", "实施100条客运班线公交化改造。", "客运班线公交化改造", "+indicator.counted.v1"),
    ("named_list_dropped", "开工建设卡阳、松如沟等14个750千伏电网工程。", "750千伏电网工程", "+indicator.counted.v1"),
    ("list_before_a_count", "全年新开工贵阳北、遵义南等1.22万个亿元以上项目。", "亿元以上项目", "+indicator.counted.v1"),
    ("value_not_inside", "年内拆除违法建设500万平方米、治理无手续建筑200万平方米。", "无手续建筑", ""),
    ("coordinated_verbs", "新建和改造提升农村公路1200公里。", "农村公路", ""),
    ("baseline_clause", "火电脱硫装机比重由12%提高到82.6%。", "火电脱硫装机比重", ""),
    ("baseline_count", "地表水国控断面个数由759个增加到970个。", "地表水国控断面个数", ""),
    ("predicate_only_clause", "地区生产总值增长8%,达到296亿元。", "地区生产总值", ""),
    ("coordinated_numbers", "到2017年底前实现农村贫困人口96户、183人全部稳定脱贫。", "农村贫困人口", ""),
    ("year_is_no_subject", "完成2019年度7.89亿元政府隐性债务化解目标。", "政府隐性债务化解目标", "+indicator.counted.v1"),
    ("what_is_done_is_dropped", "加快推进17个棚改区域的道路、供水、污水等配套基础设施建设。", "棚改区域", "+indicator.counted.v1"),
    ("adjective_with_de_kept", "到2025年,推出100项具有较大知名度的体育精品赛事。", "具有较大知名度的体育精品赛事", "+indicator.counted.v1"),
    ("gaodeng_is_no_list", "建设50所高水平高等职业学校。", "高水平高等职业学校", "+indicator.counted.v1"),
    ("xinzeng_jiuye_kept", "确保新增城镇就业5400人。", "新增城镇就业", ""),
]


@pytest.mark.parametrize(("text", "indicator", "how"), [c[1:] for c in INDICATORS], ids=[c[0] for c in INDICATORS])
def test_indicator_is_what_is_counted_or_measured(text: str, indicator: str, how: str) -> None:
    t = find_targets(text, year=2024)[-1]
    assert t.indicator == indicator
    assert t.rule.endswith(how) and (how or "indicator." not in t.rule)


DISTRIBUTED = [
    ("three_industries", "今年主要预期目标是:一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。",
     [("一产增加值", "approx"), ("二产增加值", "ge"), ("三产增加值", "approx")]),
    ("two_products", "全年肉、奶产量分别稳定在310万吨和750万吨左右。", [("肉产量", "eq"), ("奶产量", "approx")]),
    ("three_networks_without_fenbie", "年内改造老旧供热、燃气、排水管网800公里、600公里、300公里。",
     [("供热管网", "eq"), ("燃气管网", "eq"), ("排水管网", "eq")]),
    ("long_items_stay_whole", "花生种植、收获机械化率分别达到65%和55%。",
     [("花生种植、收获机械化率", "eq"), ("花生种植、收获机械化率", "eq")]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in DISTRIBUTED], ids=[c[0] for c in DISTRIBUTED])
def test_fenbie_distributes_one_indicator_per_number(text: str, want: list[tuple[str, str]]) -> None:
    assert _fields(find_targets(text, year=2026), "indicator", "comparator") == want


#: (id, text, year) → [(indicator, value, comparator)]
CUES = [
    ("zhangfu", "今年预期目标:地区生产总值增长5%左右,居民消费价格涨幅2%左右,CPI涨幅2%左右。", 2026,
     [("地区生产总值", 5.0, "approx"), ("居民消费价格涨幅", 2.0, "approx"), ("CPI涨幅", 2.0, "approx")]),
    ("late_in_a_long_list", "主要目标:粮食产量稳定在1200万吨以上,城镇调查失业率5.5%左右,城镇化率达59%左右。", None,
     [("粮食产量", 1200.0, "ge"), ("城镇调查失业率", 5.5, "approx"), ("城镇化率", 59.0, "approx")]),
    ("chao_is_gt", "全年固定资产投资超600亿元。", 2026, [("固定资产投资", 600.0, "gt")]),
    ("tupo_is_gt", "力争年内旅游接待人数突破600万人次。", 2015, [("旅游接待人数", 600.0, "gt")]),
]


@pytest.mark.parametrize(("text", "year", "want"), [c[1:] for c in CUES], ids=[c[0] for c in CUES])
def test_missed_cues_and_comparators(text: str, year: int | None, want: list[Any]) -> None:
    assert _fields(find_targets(text, year=year), "indicator", "value", "comparator") == want


NOT_TARGETS_ISSUE_12 = [
    ("count_of_measures", "制定实施促进消费的十条支持措施。"),
    ("count_of_tasks", "围绕稳增长安排了18个领域的重点任务。"),
    ("term_of_a_policy", "第二轮土地承包到期后再延长三十年。"),
    ("eligibility_threshold", "对实际投资2亿元以上的项目给予奖励。"),
    ("threshold_with_ji_yishang", "固定资产投资3000万元及以上且亩均投资强度达标的,优先供地。"),
    ("threshold_ji_yixia", "重点支持单户担保金额500万元及以下的小微企业。"),
    ("reward_cap", "单个项目奖励最高不超过30万元。"),
    ("reward_rate", "参照其年度新增地方财政贡献的70%给予企业奖励。"),
    ("condition_clause", "对年组织游客人数达到1万人次以上的,给予一次性奖励。"),
    ("stages_of_an_article", "第二十一条 政策奖励分3个阶段兑现。"),
    ("flattened_table_without_header", "1化学需氧量排放总量(万吨)2551.72347.6-8%2氨氮排放总量(万吨)264.4238.0-10%"),
    ("formula", "签约服务覆盖率=签约居民人数/辖区内常住人口数*100%。"),
    ("capacity_of_a_project", "今年要加快推进大唐700万吨露天矿前期工作。"),
    ("brand_name", "年内确保万家惠农贸市场投入运营。"),
    ("service_and_transfer_are_no_cues", "5年内服务高端人才2000名,转化技术成果1000项。"),
    ("threshold_after_dui", "对一个行政村建设标准化民宿5家以上的每间奖励2000元。"),
    ("threshold_with_qie", "单次会议人数规模在300人以上、且营业额达到80万元以上的特大型会议给予奖励。"),
    ("commended_practices", "对某市推进审批制度改革等130项地方典型经验做法予以通报表扬。"),
    ("award_decision", "授予“某某关键技术研究与应用”等148项成果国家科学技术进步奖二等奖。"),
]


#: (id, text) → [(indicator, value)]
MORE_TARGETS = [
    ("baseline_with_year", "设市城市污水处理率由2005年的52%提高到72%。", [("设市城市污水处理率", 72.0)]),
    ("ziyou_is_no_you", "到2021年,自由贸易试验区力争达到150项。", [("自由贸易试验区", 150.0)]),
    ("share_of_units", "加强15%的中医馆内涵建设。", [("中医馆内涵建设", 15.0)]),
    ("xuanze_is_a_cue", "在全国范围内选择10个左右有条件的城市开展试点。", [("有条件的城市", 10.0)]),
    ("year_plan_is_a_deadline", "落实基层医生能力提升工程2023年培训计划,培养不少于3500名基层医生。", [("基层医生", 3500.0)]),
    ("veto_stays_in_its_clause", "家庭医生包括退休临床医师,到2023年,力争每万常住人口家庭医生数不低于4人。",
     [("每万常住人口家庭医生数", 4.0)]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in MORE_TARGETS], ids=[c[0] for c in MORE_TARGETS])
def test_more_targets_of_real_documents(text: str, want: list[tuple[str, float]]) -> None:
    assert _fields(find_targets(text), "indicator", "value") == want


@pytest.mark.parametrize("text", [c[1] for c in NOT_TARGETS_ISSUE_12], ids=[c[0] for c in NOT_TARGETS_ISSUE_12])
def test_thresholds_caps_rates_and_counts_of_measures_are_no_targets(text: str) -> None:
    assert find_targets(text, year=2023) == []


def test_years_and_ranges_in_support_policies() -> None:
    text = ("力争2025年每千常住人口基层卫生人员数不低于3.5人。力争2035年达到95%。"
            "全人群签约服务覆盖率每年提升1~3个百分点。")
    got = _fields(find_targets(text), "value", "value_max", "deadline_year", "per_year")
    assert got == [(3.5, None, 2025, False), (95.0, None, 2035, False), (1.0, 3.0, None, True)]


def test_paragraph_opening_deadline_reaches_its_sentences() -> None:
    text = "(三)发展目标。到2025年,产业体系基本形成。全国农机总动力稳定在11亿千瓦左右。\n全市新建公园20个。\n"
    assert _fields(find_targets(text), "value", "deadline_year") == [(1.1e9, 2025), (20.0, None)]


def test_management_measures_keep_ratios_but_laws_do_not() -> None:
    body = "第一条 为加强粮食储备管理,制定本办法。\n第二条 本办法适用于本市。\n第三条 成品粮储备比例应达70%以上。\n"
    assert _fields(find_targets(body, title="某市地方粮食储备管理办法"), "value", "comparator") == [(70.0, "ge")]
    assert find_targets(body.replace("办法", "条例"), title="某市地方粮食储备条例") == []


def test_per_year_reaches_the_whole_list() -> None:
    found = find_targets("每年资助A类人才50名、B类人才100名、C类人才3000名。")
    assert _fields(found, "value", "per_year") == [(50.0, True), (100.0, True), (3000.0, True)]


@pytest.mark.parametrize("row", read_tsv("indicator_words.tsv"), ids=lambda r: r["word"])
def test_indicator_word_examples(row: dict[str, str]) -> None:
    sentence, _, indicator = row["examples"].partition("=>")
    assert find_targets(sentence, year=2024)[-1].indicator == indicator, sentence


def test_flattened_indicator_table_rows() -> None:
    text = ("专栏1:主要指标序号指 标2010年2015年2015年比2010年增长1化学需氧量排放总量(万吨)2551.72347.6-8%"
            "2地表水劣Ⅴ类水质的比例(%)17.7<15-2.7个百分点空气质量达到二级标准以上的比例(%)72≥808个百分点 注:…")
    got = _fields(find_targets(text), "indicator", "value", "unit", "comparator", "direction", "deadline_year", "rule")
    row = "targets.table_flat.v1"
    assert got == [
        ("化学需氧量排放总量", 2347.6, "万吨", "eq", None, 2015, row),
        ("化学需氧量排放总量", 8.0, "%", "eq", "decrease", 2015, row),
        ("地表水劣Ⅴ类水质的比例", 15.0, "%", "lt", None, 2015, row),
        ("地表水劣Ⅴ类水质的比例", 2.7, "个百分点", "eq", "decrease", 2015, row),
        ("空气质量达到二级标准以上的比例", 80.0, "%", "ge", None, 2015, row),
        ("空气质量达到二级标准以上的比例", 8.0, "个百分点", "eq", "increase", 2015, row),
    ]  # never 808个百分点: the cells are split at the one-decimal values and the comparator


def test_a_list_of_numbers_shares_the_noun_after_the_last() -> None:
    found = find_targets("年内完成3800户、58万平方米棚户区改造。", year=2013)
    assert _fields(found, "indicator", "value", "deadline_year") == [("棚户区改造", 3800.0, 2013), ("棚户区改造", 58.0, 2013)]
    assert found[0].rule.endswith("+indicator.counted.v1")


def test_unnumbered_review_heading_of_a_work_report() -> None:
    text = (_REPORT + "2025年工作回顾\n全省地区生产总值增长5.4%。\n过去一年,城镇新增就业52万人。\n"
            "2026年工作安排\n今年地区生产总值增长5%左右,新建5G基站1.5万个。\n")
    got = _fields(find_targets(text, year=2026, title="政府工作报告"), "indicator", "value", "deadline_year")
    assert got == [("地区生产总值", 5.0, 2026), ("5G基站", 15000.0, 2026)]
