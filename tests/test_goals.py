"""Goals: goal sections, dash bullets, cue sentences, deadlines and target ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_nlp.extract.goals import find_goals
from policy_nlp.model import RawText, Section, Target
from policy_nlp.normalize import normalize

CASES = [
    ("dash", "——不断深化职工素质工程。推动广大职工持续学习。", [("不断深化职工素质工程。推动广大职工持续学习。", None, "goals.dash.v1")]),
    ("cue_liZheng", "力争到2025年基本建成覆盖城乡的公共实训体系。", [("力争到2025年基本建成覆盖城乡的公共实训体系。", 2025, "goals.cue.v1")]),
    ("cue_dao_year", "到2020年单位GDP二氧化碳排放比2005年降低40%。", [("到2020年单位GDP二氧化碳排放比2005年降低40%。", 2020, "goals.cue.v1")]),
    ("cue_quebao", "确保2023年底前全面完成改造任务。", [("确保2023年底前全面完成改造任务。", 2023, "goals.cue.v1")]),
    ("no_goal", "加强形势任务宣传教育,进一步增强责任感和使命感。", []),
    ("section_fallback", "一、主要目标\n城乡居民收入稳步增长。\n二、重点任务\n加强宣传。",
     [("城乡居民收入稳步增长。", None, "goals.section_item.v1")]),
    ("heading_with_text", "二、目标任务\n(一)总体目标。到2025年,培训职工100万人次。\n三、保障措施\n加强领导。",
     [("到2025年,培训职工100万人次。", 2025, "goals.section_item.v1")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_goals(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert [(g.text, g.deadline_year, g.rule) for g in find_goals(text)] == expected


def test_sections_and_targets() -> None:
    text = "一、发展目标\n到2015年,比重达到30%。\n二、任务\n开展活动。"
    sec = Section("1", 1, "一、", "发展目标", 0, text.index("\n二"))
    tgt = Target("T1", text.index("30%"), text.index("30%") + 3, "30%", "比重", 30.0)
    goals = find_goals(text, sections=[sec], targets=[tgt])
    assert [(g.id, g.section, g.targets, g.deadline_year) for g in goals] == [("G1", "1", ("T1",), 2015)]


def test_seed_dash_items_are_goals(seed_path: Path) -> None:
    text, _ = normalize(RawText(text=seed_path.read_text(encoding="utf-8")))
    goals = find_goals(text)
    assert all(text[g.start : g.end] == g.text for g in goals)
    dash = [g for g in goals if g.rule == "goals.dash.v1"]
    assert len(dash) == 9
    assert dash[0].text.startswith("不断深化职工主人翁精神")
    assert any(g.deadline_year == 2015 for g in goals)


def test_strange_text() -> None:
    for text in ("", "——", "\n\n一、目标\n", "到9999年实现", "力争", "目标是:", "目标是:\n\n", "政府工作报告\n一、回顾\n",
                 "政府工作报告\n过去一年\n今年工作安排", "一、2018年工作回顾\n二、2019年工作安排\n", "到2025年,", "截至"):
        for g in find_goals(text):
            assert text[g.start : g.end] == g.text


def test_items_inherit_section_year() -> None:
    text = "二、主要目标\n到2025年底,全县环境明显改善。\n——森林覆盖率达到62%。\n主要指标\n指标 | 2020年 | 2025年\n三、任务\n加强领导。"
    goals = find_goals(text)
    assert [(g.text, g.deadline_year) for g in goals] == [
        ("到2025年底,全县环境明显改善。", 2025),
        ("森林覆盖率达到62%。", 2025),
    ]


def test_sentences_in_any_order() -> None:
    # sentences given out of order take the slower path; the goals are the same
    from policy_nlp.model import Sentence

    text = "加强宣传。力争到2025年基本建成服务体系。截至2020年实现全覆盖。开展活动。"
    sents = []
    pos = 0
    for part in text.split("。")[:-1]:
        sents.append(Sentence(pos, pos + len(part) + 1))
        pos += len(part) + 1
    ordered = find_goals(text, sentences=sents)
    assert [g.text for g in ordered] == ["力争到2025年基本建成服务体系。", "截至2020年实现全覆盖。"]
    assert find_goals(text, sentences=sents[::-1]) == ordered


# issue 12: goals on real work reports and plans — past results, date lines and narrative are no goals
NOT_GOALS = [
    ("date_line", "政府工作报告\n——2024年1月15日在某区第五届人民代表大会第三次会议上\n各位代表:\n"),
    ("date_line_brackets", "政府工作报告\n(2026年1月27日在某省第十四届人民代表大会第五次会议上)\n"),
    ("year_is", "二、2024年工作安排\n2024年是实施“十四五”规划的关键一年,做好今年工作意义重大。\n"),
    ("this_year_is", "今年是全面深化改革的关键之年,是推进依法治区的开局之年。"),
    ("overall_requirement", "今年政府工作的总体要求是:坚持稳中求进工作总基调,确保全年各项工作实现新突破。\n"),
    ("bridge", "二、2012年政府工作总体要求和目标任务\n为实现上述目标,要重点抓好以下十方面工作:\n"),
    ("result_verb_no_object", "节能减排工作成效显著,减排任务全面完成。"),
    ("slogan", "为决胜全面建成小康社会打下坚实基础。"),
    ("period_from_a_day", "2019年1月1日至2020年12月31日,将补贴申领条件由参保3年以上放宽至参保1年以上。"),
    ("period_from_a_year", "2002年到2005年,连续四年对各级政府网站进行了绩效评估,提高了网站水平。"),
    ("past_with_le", "改革开放以来,职业教育提供了有力支撑,现代职业教育体系框架全面建成。"),
    ("means_heading", "(五)以完善功能提升品位为目标,加快旧城区改造\n全年改造棚户区1000户。\n"),
    ("long_heading", "六、对公路水路交通建设年度目标任务完成情况好、地方投资落实到位的省份\n优先安排建设资金。\n"),
    ("guiding_thought", "一、总体要求\n以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大精神。\n"),
    ("target_oriented", "坚持以目标为导向,强化考核评价。\n"),
    ("closing", "二、2017年工作安排\n让我们团结一心,为全面建成小康社会而努力奋斗!\n"),
    ("review_section", "一、2025年和“十四五”工作回顾\n——“向新”的动能持续增强。全省生产总值连续跨越两个万亿元台阶。\n"
     "五年来,力争办成的大事全部办成。\n"),
]  # fmt: skip


@pytest.mark.parametrize("text", [c[1] for c in NOT_GOALS], ids=[c[0] for c in NOT_GOALS])
def test_not_goals(text: str) -> None:
    assert [g.text for g in find_goals(text)] == []


GOALS = [
    ("stated_this_year", "一、2018年工作回顾\n——减排任务全面完成。\n二、2019年工作安排\n今年经济社会发展的主要预期目标是:地区生产总值增长6%左右;一般公共预算收入增长6%。\n",
     None, [("今年经济社会发展的主要预期目标是:地区生产总值增长6%左右;一般公共预算收入增长6%。", 2019, "goals.stated.v1")]),
    ("stated_year_first", "2012年全区经济社会发展的预期目标是:地区生产总值达到240亿元,同比增长21%。\n", None,
     [("2012年全区经济社会发展的预期目标是:地区生产总值达到240亿元,同比增长21%。", 2012, "goals.stated.v1")]),
    ("stated_after_a_long_lead", "综合考虑国内外形势和我省发展条件,今年全省经济社会发展主要预期目标是:地区生产总值增长5%左右。\n", 2026,
     [("综合考虑国内外形势和我省发展条件,今年全省经济社会发展主要预期目标是:地区生产总值增长5%左右。", 2026, "goals.stated.v1")]),
    ("stated_main_goals", "规划的主要目标为:森林覆盖率达到62%。\n", None, [("规划的主要目标为:森林覆盖率达到62%。", None, "goals.stated.v1")]),
    ("heading_year", "二、2019年工作安排\n(一)全力打好三大攻坚战\n全力确保空气优良天数达到350天。\n", None,
     [("全力确保空气优良天数达到350天。", 2019, "goals.cue.v1")]),
    ("this_year", "力争年内建成社区服务中心20个。", 2024, [("力争年内建成社区服务中心20个。", 2024, "goals.cue.v1")]),
    ("report_date_line_year", "政府工作报告\n——2019年3月4日在某区第十五届人民代表大会第三次会议上\n力争年内建成公厕30座。", None,
     [("力争年内建成公厕30座。", 2019, "goals.cue.v1")]),
    ("five_year_plan_heading", "二、“十三五”经济社会发展的主要目标和任务\n今后五年,地区生产总值年均增长7%。\n", None,
     [("今后五年,地区生产总值年均增长7%。", 2020, "goals.section_item.v1")]),
    ("strive_for_year", "加大招聘力度,力争2025年每千常住人口基层卫生人员数不低于3.5人。", None,
     [("加大招聘力度,力争2025年每千常住人口基层卫生人员数不低于3.5人。", 2025, "goals.cue.v1")]),
    ("month_deadline", "一、工作目标\n2019年12月底前,试点地区完成政府网站集约化工作。\n二、任务\n", None,
     [("2019年12月底前,试点地区完成政府网站集约化工作。", 2019, "goals.section_item.v1")]),
    ("fronted_deadline", "到2025年,家庭医生签约服务激励和保障机制更加完善。", None,
     [("到2025年,家庭医生签约服务激励和保障机制更加完善。", 2025, "goals.cue.v1")]),
    ("stable_at", "抢救性保护残存的自然生境。到2015年,自然保护区面积占国土面积的比重稳定在15%。", None,
     [("到2015年,自然保护区面积占国土面积的比重稳定在15%。", 2015, "goals.cue.v1")]),
    ("basically_completed", "经过5—10年左右时间,职业教育基本完成由政府举办为主向政府统筹管理的格局转变。", None,
     [("经过5—10年左右时间,职业教育基本完成由政府举办为主向政府统筹管理的格局转变。", None, "goals.cue.v1")]),
    ("result_verb_with_object", "加强节能减排工作,全面完成节能减排各项任务。", None,
     [("加强节能减排工作,全面完成节能减排各项任务。", None, "goals.cue.v1")]),
    ("review_without_heading", "政府工作报告\n各位代表:\n过去一年,全区生产总值增长6%,节能减排任务全面完成。\n"
     "——动能持续增强,新增企业500家。\n今年工作安排\n——力争生产总值增长5%。\n", 2024,
     [("力争生产总值增长5%。", None, "goals.dash.v1")]),
    ("mixed_heading_keeps_goal_subsection",
     "一、总体要求\n(一)指导思想\n以新发展理念为指导,推动高质量发展。\n(二)基本原则\n坚持问题导向。聚焦突出问题。\n"
     "(三)工作目标\n到2025年,签约服务覆盖率达到75%。\n二、重点任务\n加强宣传。\n", None,
     [("到2025年,签约服务覆盖率达到75%。", 2025, "goals.section_item.v1")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "expected"), [c[1:] for c in GOALS], ids=[c[0] for c in GOALS])
def test_goals_on_reports(text: str, year: int | None, expected: list[tuple[str, int | None, str]]) -> None:
    assert [(g.text, g.deadline_year, g.rule) for g in find_goals(text, year=year)] == expected


def test_goal_carries_its_targets_and_plan_year() -> None:
    text = "二、2019年工作安排\n经济社会发展的主要预期目标是:地区生产总值增长3.5%左右。社会消费品零售总额增长6.5%左右。\n"
    start = text.index("3.5%")
    t1 = Target("T1", start, start + 6, "3.5%左右", "地区生产总值", 3.5)
    start2 = text.index("6.5%")
    t2 = Target("T2", start2, start2 + 6, "6.5%左右", "社会消费品零售总额", 6.5)
    (goal,) = find_goals(text, targets=[t1, t2])
    assert (goal.targets, goal.deadline_year, goal.rule) == (("T1", "T2"), 2019, "goals.stated.v1")


# -- resources/non_goals.tsv: rows unique and sorted, every example matched and stopped -------------
def test_non_goal_rows_unique_and_sorted() -> None:
    from policy_nlp.resources import read_tsv

    rows = read_tsv("non_goals.tsv")
    keys = [(r["where"], r["pattern"]) for r in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert {r["where"] for r in rows} == {"opening", "past", "review"}


def _non_goal_rows() -> list[dict[str, str]]:
    from policy_nlp.resources import read_tsv

    return list(read_tsv("non_goals.tsv"))


@pytest.mark.parametrize("row", _non_goal_rows(), ids=lambda r: f"{r['where']}:{r['pattern'][:16]}")
def test_non_goal_examples(row: dict[str, str]) -> None:
    import re

    example = row["examples"]
    pattern = re.compile(row["pattern"])
    assert (pattern.match(example) if row["where"] == "opening" else pattern.search(example)), example
    if row["where"] == "review":  # a goal-like dash line under the heading is part of the review
        assert find_goals(example + "\n——力争地区生产总值增长6%。\n二、2019年工作安排\n加强领导。\n") == []
    else:
        assert find_goals(example) == []


# issue 12: a provincial work report of 2026, modeled on real ones (own words)
REPORT_2026 = """政府工作报告
——2026年1月27日在某省第十四届人民代表大会第五次会议上
各位代表:
一、2025年和“十四五”工作回顾
过去一年,全省经济运行稳中有进。
——“向新”的动能持续增强。高新技术企业突破2万家,力争办成的大事全部办成。
——全省生产总值连续跨越两个万亿元台阶,基本建成现代化基础设施体系。
二、“十五五”时期主要目标任务
“十五五”时期经济社会发展的主要目标是:全省生产总值年均增长5%左右,基本实现新型工业化。
三、2026年工作安排
今年经济社会发展主要预期目标是:
地区生产总值增长5%左右;
城镇新增就业50万人以上;
居民消费价格涨幅3%左右。
为实现上述目标,重点抓好以下工作。
(一)扎实推进科技创新
力争研发经费投入强度达到2.6%。
(二)确保民生工作取得新成绩
力争新增城镇就业5000人。
"""


def test_provincial_report_2026() -> None:
    goals = find_goals(REPORT_2026)
    assert [(g.text.split("\n")[0][:12], g.deadline_year, g.rule) for g in goals] == [
        ("“十五五”时期经济社会发", 2030, "goals.stated.v1"),
        ("今年经济社会发展主要预期", 2026, "goals.stated.v1"),
        ("力争研发经费投入强度达到", 2026, "goals.cue.v1"),
        ("力争新增城镇就业5000", 2026, "goals.cue.v1"),
    ]
    stated = goals[1]
    assert stated.text.endswith("居民消费价格涨幅3%左右。")
    assert REPORT_2026[stated.start : stated.end] == stated.text


def test_plan_part_sentences_with_targets_are_goals() -> None:
    # issue 12: in a work report's plan part a sentence with a target is a goal; in its review it is not
    text = ("政府工作报告\n一、2018年工作回顾\n全年新增就业4800人,完成改造3000户。\n"
            "二、2019年工作安排\n(一)保障和改善民生\n全年新增就业5000人。加强技能培训。\n三、加强政府自身建设\n严格依法行政。\n")
    found = []
    for sentence in ("全年新增就业4800人", "完成改造3000户", "全年新增就业5000人"):
        k = text.index(sentence)
        number = next(m for m in re.finditer(r"\d+", text) if m.start() >= k)
        found.append(Target(f"T{len(found) + 1}", number.start(), number.end() + 1, text[number.start() : number.end() + 1],
                            sentence, float(number.group())))
    goals = find_goals(text, targets=found)
    assert [(g.text, g.deadline_year, g.targets, g.rule) for g in goals] == [
        ("全年新增就业5000人。", 2019, ("T3",), "goals.plan_target.v1")
    ]
    assert find_goals(text) == []  # no targets given: no such goals
