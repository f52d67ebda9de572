"""Goals: goal sections, dash bullets, cue sentences, deadlines and target ids."""

from __future__ import annotations

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
    for text in ("", "——", "\n\n一、目标\n", "到9999年实现", "力争"):
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
