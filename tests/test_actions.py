"""Actions: clauses, verbs, objects, inherited bodies, attach_bodies, resource examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.extract.actions import attach_bodies, find_actions
from policy_nlp.extract.bodies import find_bodies
from policy_nlp.model import Action, Assignment, Body, Goal, Meta, RawText, Target
from policy_nlp.normalize import normalize
from policy_nlp.resources import read_tsv
from policy_nlp.structure.meta import parse_meta

SH = Meta(issuers=("上海市总工会",))
ZJ = Meta(issuers=("浙江省人民政府办公厅",))


def acts(text: str, meta: Meta = SH) -> list[tuple[str, str, list[tuple[str, str]]]]:
    bodies = find_bodies(text, meta=meta)
    return [
        (a.verb, a.object, [(x.canonical, x.role) for x in a.bodies])
        for a in find_actions(text, bodies=bodies)
    ]


CASES = [
    ("sentence_subject", "市总工会将会同政府有关部门,在不同行业中选拔100个首席技师工作室。", SH,
     [("选拔", "100个首席技师工作室", [("上海市总工会", "lead"), ("政府有关部门", "cooperate")])]),
    ("subject_yao", "各级工会要加强调查研究,开展分类指导。", SH,
     [("加强", "调查研究", [("各级工会", "lead")]), ("开展", "分类指导", [("各级工会", "lead")])]),
    ("paren_tail", "(二)建设公共实训基地。支持各地建设一批实训基地。(省发展改革委牵头,省财政厅等按职责分工负责)", ZJ,
     [("建设", "公共实训基地", [("浙江省发展和改革委员会", "lead"), ("浙江省财政厅", "cooperate")]),
      ("支持", "各地建设一批实训基地", [("浙江省发展和改革委员会", "lead"), ("浙江省财政厅", "cooperate")])]),
    ("label_lines", "1.推行企业新型学徒制。\n牵头单位:省人力社保厅\n配合单位:省总工会", ZJ,
     [("推行", "企业新型学徒制", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省总工会", "cooperate")])]),
    ("table_row", "序号 | 工作任务 | 牵头单位 | 责任单位\n1 | 制定技能评价办法 | 省人力社保厅 | 省教育厅\n", ZJ,
     [("制定", "技能评价办法", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")])]),
    ("running_subject", "各级工会组织要高度重视。坚持从实际出发,认真落实具体实施方案。", SH,
     [("坚持", "从实际出发", [("各级工会组织", "lead")]), ("落实", "具体实施方案", [("各级工会组织", "lead")])]),
    ("colon_intro", "各级工会要:\n1.建立健全工作机制。\n2.落实工作经费。\n三、其他\n加强宣传。", SH,
     [("建立健全", "工作机制", [("各级工会", "lead")]), ("落实", "工作经费", [("各级工会", "lead")]), ("加强", "宣传", [])]),
    ("tail_line_sub_items", "(一)开展专项培训:\n①每年举办职业技能竞赛10项以上;\n②新建实训基地50个。\n(牵头单位:省人力社保厅;责任单位:省教育厅)", ZJ,
     [("开展", "专项培训", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")]),
      ("举办", "职业技能竞赛10项以上", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")]),
      ("新建", "实训基地50个", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")])]),
    ("you_fuze_sentence", "1.推行等级认定。支持企业自主开展技能人才评价。由省人力社保厅负责。", ZJ,
     [("推行", "等级认定", [("浙江省人力资源和社会保障厅", "lead")]),
      ("支持", "企业自主开展技能人才评价", [("浙江省人力资源和社会保障厅", "lead")])]),
    ("label_after_sentence_on_its_line", "(二)加强职业技能培训。开展补贴性培训20万人次。责任单位:省人力社保厅,省教育厅配合。", ZJ,
     [("加强", "职业技能培训", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")]),
      ("开展", "补贴性培训20万人次", [("浙江省人力资源和社会保障厅", "lead"), ("浙江省教育厅", "cooperate")])]),
    ("no_verb_inside_word", "把创先争优活动和班组建设结合起来。", SH, []),
    ("frame_skipped", "以创新驱动、转型发展为主线,推动经济发展。", SH, [("推动", "经济发展", [])]),
    ("coordinated_verbs", "各级工会要建立和完善工作机制,培育并引导职工社团。", SH,
     [("建立和完善", "工作机制", [("各级工会", "lead")]), ("培育并引导", "职工社团", [("各级工会", "lead")])]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "meta", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_actions(text: str, meta: Meta, expected: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    assert acts(text, meta) == expected


def test_attach_bodies_smallest_action() -> None:
    t = Target("T1", 10, 14, "100个", None, 100.0)
    outer = Action("A1", 0, 30, "x" * 30, "推进", "…", bodies=(Assignment("甲", "lead"),))
    inner = Action("A2", 8, 16, "x" * 8, "选拔", "…", bodies=(Assignment("乙", "cooperate"),))
    empty = Action("A3", 9, 15, "x" * 6, "选拔", "…")
    assert attach_bodies([t], [outer, inner, empty])[0].bodies == (Assignment("乙", "cooperate"),)
    far = Target("T2", 40, 44, "1万名", None, 1.0)
    assert attach_bodies([far], [outer])[0] == far


def test_seed_target_gets_bodies(seed_path: Path) -> None:
    text, _ = normalize(RawText(text=seed_path.read_text(encoding="utf-8")))
    bodies = find_bodies(text, meta=parse_meta(text))
    k = text.index("100个上海市首席技师工作室")
    target = Target(
        "T1", k, k + len("100个上海市首席技师工作室"), "100个上海市首席技师工作室", "首席技师工作室", 100.0
    )
    actions = find_actions(text, bodies=bodies, targets=[target])
    assert all(text[a.start : a.end] == a.text for a in actions)
    assert [a.id for a in actions] == [f"A{n}" for n in range(1, len(actions) + 1)]
    (t,) = attach_bodies([target], actions)
    assert t.bodies == (Assignment("上海市总工会", "lead"), Assignment("政府有关部门", "cooperate"))
    holder = next(a for a in actions if "T1" in a.targets)
    assert holder.verb == "选拔"


def test_verb_examples_found() -> None:
    for row in read_tsv("action_verbs.tsv"):
        verbs = [a.verb for a in find_actions(row["examples"])]
        assert any(row["verb"] in v for v in verbs), row


def test_verbs_unique_sorted() -> None:
    verbs = [r["verb"] for r in read_tsv("action_verbs.tsv")]
    assert verbs == sorted(set(verbs))


def test_strange_text() -> None:
    for text in ("", "(", "((牵头", "序号\n任务\n牵头单位\n1\n", "|||\t\t", "各级工会要:\n"):
        for a in find_actions(text, bodies=find_bodies(text, meta=Meta())):
            assert text[a.start : a.end] == a.text


_ALPHABET = "省市区县各级工会部门委员会人民政府由牵头负责配合会同开展推进建立健全选拔(:;)|\t\n、,。——要将序号责任单位1①到2025年力争实现"


@given(st.text(alphabet=_ALPHABET, max_size=120))
@settings(max_examples=150, deadline=None)
def test_property_spans(text: str) -> None:
    from policy_nlp.extract.goals import find_goals

    bodies = find_bodies(text, meta=Meta())
    records: list[Body | Goal | Action] = [*bodies, *find_goals(text), *find_actions(text, bodies=bodies)]
    for rec in records:
        assert 0 <= rec.start <= rec.end <= len(text)
        assert text[rec.start : rec.end] == rec.text


def test_label_first_characters() -> None:
    # _units tests a line's first character against _LABEL_FIRST before _LABEL_LINE: keep them in step
    from policy_nlp.extract.actions import _LABEL_FIRST, _LABEL_LINE

    inner = _LABEL_LINE.pattern.split("(?:", 1)[1].rsplit(")", 1)[0]
    labels = re.sub(r"\(\?:[^()]*\)\??", "", inner).split("|")  # nested optional groups dropped
    assert "分管领导" in labels
    assert {label[0] for label in labels} == set(_LABEL_FIRST)


def test_heading_first_characters() -> None:
    # find_actions tries the heading patterns only on lines whose first character is in _HEADING_FIRST
    from policy_nlp.extract.actions import _BARE_HEADING, _HEADING_FIRST, _TOP_HEADING

    tails = ("、", "一、", "一)", "一章", "十、加强领导")
    starters = {
        chr(c)
        for c in range(0x21, 0xA000)
        for tail in tails
        if not chr(c).isspace()  # leading white space is stripped before the test
        and (_TOP_HEADING.match(chr(c) + tail) or _BARE_HEADING.match(chr(c) + tail))
    }
    assert starters <= _HEADING_FIRST
    assert {"一", "(", "第"} <= starters


def test_actions_carry_their_rule_and_no_stray_deadline(seed_path: Path) -> None:
    # a positional constructor once put the rule id into the deadline field
    from policy_nlp import analyze

    actions = analyze(seed_path).actions
    assert actions
    for a in actions:
        assert a.rule.startswith(("actions.", "assignments.")), a
        assert a.deadline is None or a.deadline == "ongoing" or a.deadline[:2] in ("19", "20"), a


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("关于深入开展消费扶贫助力打赢脱贫攻坚战的指导意见\n一、开展消费扶贫行动。",
                     ["开展消费扶贫行动"], id="one_line"),
        pytest.param("国务院办公厅关于推进政务新媒体\n健康有序发展的意见\n各省人民政府:\n一、加强统筹协调。",
                     ["加强统筹协调"], id="wrapped_title"),
        pytest.param("国务院关于加快发展养老服务业的通知国发〔2013〕35号 各省人民政府:现将有关事项通知如下。"
                     "一、加快建设养老服务设施。", ["加快建设养老服务设施"], id="title_glued_to_the_text"),
        pytest.param("加快发展养老服务业\n一、加快发展养老服务业。", ["加快发展养老服务业", "加快发展养老服务业"],
                     id="first_line_without_genre_keeps_its_action"),
        pytest.param("开展汽车以旧换新活动", ["开展汽车以旧换新活动"], id="a_snippet_keeps_its_action"),
    ],
)  # fmt: skip
def test_the_title_is_no_action(text: str, expected: list[str]) -> None:
    """The title names the policy: 关于深入开展…的指导意见 was action A1 of its own document."""
    from policy_nlp import analyze

    doc = analyze(text)
    assert [a.text for a in doc.actions] == expected
    assert [a.id for a in doc.actions] == [f"A{k}" for k in range(1, len(expected) + 1)]
