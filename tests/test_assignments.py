"""Assignments: task actions from field blocks, tails and table rows; header roles; body roles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp import analyze
from policy_nlp.extract.assignments import assign_tasks, assignment_rows, column_roles
from policy_nlp.extract.bodies import find_bodies
from policy_nlp.model import Cell, Meta, Table
from policy_nlp.resources import read_tsv

HEAD = "某市人民政府办公厅关于印发重点任务分工方案的通知\n2024年3月1日\n"

# (id, text after HEAD, [(task, lead, cooperate, deadline)])
CASES = [
    ("field_lines", "1.全年地区生产总值增长6%左右。\n牵头单位:区发改局\n责任单位:区统计局、各街道办事处\n完成时限:2024年12月底前\n",
     [("全年地区生产总值增长6%左右。", ["区发改局"], ["区统计局", "各街道办事处"], "2024-12")]),
    ("fields_same_line", "6.新建中小学5所。牵头单位:区教育局;责任单位:区发改局、区财政局;完成时限:2024年9月30日前\n",
     [("新建中小学5所。", ["区教育局"], ["区发改局", "区财政局"], "2024-09-30")]),
    ("lead_mark", "(一)加快5G网络建设。\n责任单位:市通信管理局(牵头)、市经信局、各区人民政府\n完成时限:2025年6月底前\n",
     [("加快5G网络建设。", ["市通信管理局"], ["市经信局", "各区人民政府"], "2025-06")]),
    ("field_lead_word", "(二)建设公共实训基地。\n责任单位:市发展改革委牵头,市财政局、各区人民政府按职责分工负责\n",
     [("建设公共实训基地。", ["市发展改革委"], ["市财政局", "各区人民政府"], None)]),
    ("field_no_lead_word", "(三)加强职业技能培训。\n责任单位:市人社局、市教育局按职责分工负责\n",
     [("加强职业技能培训。", ["市人社局", "市教育局"], [], None)]),
    ("responsible_alone_leads", "(四)完善数字政府平台。\n责任单位:市政务服务中心\n完成时限:年底前\n",
     [("完善数字政府平台。", ["市政务服务中心"], [], "2024-12")]),
    ("tail_lead_coop", "(一)深化一网通办。推进企业开办全程网办。(市政务服务局牵头,市市场监管局、各区人民政府配合)\n",
     [("深化一网通办。推进企业开办全程网办。", ["市政务服务局"], ["市市场监管局", "各区人民政府"], None)]),
    ("tail_responsible", "(二)清理拖欠企业账款。(市经信局负责,2023年底前完成)\n",
     [("清理拖欠企业账款。", ["市经信局"], [], "2023-12")]),
    ("tail_labels", "(三)扩大信贷投放。(牵头单位:市金融局;责任单位:市财政局)\n",
     [("扩大信贷投放。", ["市金融局"], ["市财政局"], None)]),
    ("tail_collective_only", "(四)做好安全生产。(各县(市、区)人民政府按职责分工负责,长期坚持)\n",
     [("做好安全生产。", ["各县(市、区)人民政府"], [], "ongoing")]),
    ("tail_together", "(五)开展招聘活动。(市人社局会同市教育局、市总工会负责,今年)\n",
     [("开展招聘活动。", ["市人社局"], ["市教育局", "市总工会"], "2024")]),
    ("by_sentence", "(五)保障用地需求。优先保障重大项目用地。由市自然资源局牵头,各区(市)县人民政府配合。\n",
     [("保障用地需求。优先保障重大项目用地。", ["市自然资源局"], ["各区(市)县人民政府"], None)]),
    ("tail_own_line", "(二)鼓励企业吸纳毕业生。\n(市人社局牵头,市教育局配合)\n",
     [("鼓励企业吸纳毕业生。", ["市人社局"], ["市教育局"], None)]),
    ("run_on_items", "具体措施:1.简化申领程序。(市人社局负责)2.加强宣传解读。(市人社局、市教育局按职责分工负责)\n",
     [("简化申领程序。", ["市人社局"], [], None), ("加强宣传解读。", ["市人社局", "市教育局"], [], None)]),
    ("bare_heading_skipped", "二、扩大内需\n推进消费提质扩容。\n牵头单位:市商务局\n",
     [("推进消费提质扩容。", ["市商务局"], [], None)]),
    ("first_listed_leads", "(一)推进农机创新。(工业和信息化部、国家发展改革委等负责。列第一位者为牵头单位,下同)\n(二)补齐短板。(农业农村部、财政部负责)\n",
     [("推进农机创新。", ["工业和信息化部"], ["国家发展改革委"], None), ("补齐短板。", ["农业农村部"], ["财政部"], None)]),
    ("note_dropped", "(三)优化管理体制。(试点城市政府负责落实。以下均需试点城市政府落实,不再列出)\n",
     [("优化管理体制。", ["试点城市政府"], [], None)]),
    ("inline_deadline", "3.2020年底前开展涉企收费专项治理,2021年3月底前完成整改。(市场监管总局牵头,各地区按职责分工负责)\n",
     [("2020年底前开展涉企收费专项治理,2021年3月底前完成整改。", ["市场监管总局"], ["各地区"], "2021-03")]),
    ("measures_label", "具体措施:2021年3月底前设立首批试点城市。(国家发展改革委牵头,各地区按职责分工负责)\n",
     [("2021年3月底前设立首批试点城市。", ["国家发展改革委"], ["各地区"], "2021-03")]),
    ("leader_field_no_task", "1.推进数据共享。\n牵头单位:市大数据局\n责任领导:张明\n完成时限:2024年6月底前\n2.建设算力中心。\n牵头单位:市发改委\n",
     [("推进数据共享。", ["市大数据局"], [], "2024-06"), ("建设算力中心。", ["市发改委"], [], None)]),
    ("etc_and_collective", "(二)打通供应链条。(市商务局、市发改委等和各有关区人民政府负责)\n",
     [("打通供应链条。", ["市商务局", "市发改委", "各有关区人民政府"], [], None)]),
    ("task_label", "重点任务:推进城市更新行动。\n牵头单位:市住建局\n完成时限:2025年底前\n",
     [("推进城市更新行动。", ["市住建局"], [], "2025-12")]),
    ("no_assignment", "一、总体要求\n坚持稳中求进,推动高质量发展。\n", []),
    # the note shares the tail's sentence: 负责 + 排在第一位的部门为牵头部门 → first leads, here and on
    ("first_leads_note_in_tail", "1.拓宽融资渠道。推动设立产业引导基金。(市财政局、市金融局、市发展改革委负责,排在第一位的部门为牵头部门,下同)\n2.简化审批流程。(市政务服务局、市司法局负责)\n",
     [("拓宽融资渠道。推动设立产业引导基金。", ["市财政局"], ["市金融局", "市发展改革委"], None), ("简化审批流程。", ["市政务服务局"], ["市司法局"], None)]),
    ("guide_leads", "(三)发展再生资源回收。建设线上回收平台。(市商务局指导,市邮政管理局参与)\n",
     [("发展再生资源回收。建设线上回收平台。", ["市商务局"], ["市邮政管理局"], None)]),
    ("guide_alone_leads", "(四)推行绿色包装。(市发展改革委、市市场监管局指导)\n",
     [("推行绿色包装。", ["市发展改革委", "市市场监管局"], [], None)]),
    ("guide_under_lead_cooperates", "(五)推进垃圾分类。(市城管局牵头,市生态环境局指导)\n",
     [("推进垃圾分类。", ["市城管局"], ["市生态环境局"], None)]),
    # assigning sentences of prose plans (assignments.sentence.v1)
    ("dated_sentence", "(二)统一编码标准。2024年6月底前,市卫生健康委推行统一的疾病编码。\n",
     [("2024年6月底前,市卫生健康委推行统一的疾病编码。", ["市卫生健康委"], [], "2024-06")]),
    ("subject_then_date", "(三)上线服务平台。市数据局于2024年9月底前完成平台上线,并向社会公布。\n",
     [("市数据局于2024年9月底前完成平台上线,并向社会公布。", ["市数据局"], [], "2024-09")]),
    ("must_by_date", "各区人民政府要于2024年12月底前制定实施方案,并报市政府办公厅备案。\n",
     [("各区人民政府要于2024年12月底前制定实施方案,并报市政府办公厅备案。", ["各区人民政府"], [], "2024-12")]),
    ("date_after_and", "(一)制定方案。试点街道要结合实际制定实施方案,并于2024年8月底前报区政府备案。\n",
     [("试点街道要结合实际制定实施方案,并于2024年8月底前报区政府备案。", [], [], "2024-08")]),
    ("responsible_sentence", "市医保局负责组织实施医保支付方式改革工作。\n",
     [("市医保局负责组织实施医保支付方式改革工作。", ["市医保局"], [], None)]),
    ("article_together", "第五条 市住房城乡建设局应会同市发展改革委、市财政局制定年度建设计划,报市政府批准后公布。\n",
     [("市住房城乡建设局应会同市发展改革委、市财政局制定年度建设计划,报市政府批准后公布。", ["市住房城乡建设局"], ["市发展改革委", "市财政局"], None)]),
    ("undated_prose_no_task", "三、工作要求\n市交通局推进公交线路优化。\n", []),
    ("year_start_no_task", "2025年起,每年3月底前完成上述工作。\n", []),
]  # fmt: skip


def rows(text: str) -> list[tuple[str, list[str], list[str], str | None]]:
    doc = analyze(HEAD + text)
    out = []
    for r in assignment_rows(doc):
        names = {b.canonical: b.name for b in doc.bodies}
        lead = [names.get(x, x) for x in r["lead"].split(";") if x]
        coop = [names.get(x, x) for x in r["cooperate"].split(";") if x]
        out.append((r["task"], lead, coop, r["deadline"]))
        assert doc.text[r["start"] : r["end"]] == r["task"]
    return out


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_forms(text: str, expected: list[tuple[str, list[str], list[str], str | None]]) -> None:
    assert rows(text) == expected


def test_body_roles_follow_the_fields() -> None:
    doc = analyze(HEAD + "1.推进数据共享。\n配合单位:各区人民政府、各有关部门\n牵头单位:市大数据局\n")
    roles = {b.text: b.role for b in doc.bodies}
    assert roles["各区人民政府"] == "cooperate" and roles["各有关部门"] == "cooperate"
    assert roles["市大数据局"] == "lead"


def test_clause_actions_inside_a_task_take_its_bodies_and_deadline() -> None:
    doc = analyze(HEAD + "1.推进数据共享,制定实施方案。\n牵头单位:市大数据局\n完成时限:2024年底前\n")
    clauses = [a for a in doc.actions if a.rule == "actions.clause.v1"]
    assert clauses and all(a.deadline == "2024-12" for a in clauses)
    assert all([(x.canonical, x.role) for x in a.bodies] == [("市大数据局", "lead")] for a in clauses)
    assert [a.id for a in doc.actions] == [f"A{n}" for n in range(1, len(doc.actions) + 1)]


def test_a_clause_dated_in_its_own_words_keeps_its_date() -> None:
    # the task is due 2021-03 (its last step), the clause that starts it 2020-12
    doc = analyze(
        HEAD + "3.2020年底前开展收费专项检查,2021年3月底前完成整改。(市市场监管局牵头,各区人民政府配合)\n"
    )
    dated = {a.text: a.deadline for a in doc.actions if a.rule == "actions.clause.v1"}
    assert dated["2020年底前开展收费专项检查"] == "2020-12"
    assert dated["2021年3月底前完成整改"] == "2021-03"
    task = next(a for a in doc.actions if a.rule == "assignments.tail.v1")
    assert task.deadline == "2021-03"


def _table(text: str, spans: dict[tuple[int, int], int]) -> Table:
    """A Table over ``text`` laid out one row per line, tab-separated; ``spans`` gives rowspans."""
    cells = []
    pos = 0
    lines = text.split("\n")
    taken: set[tuple[int, int]] = set()
    for r, line in enumerate(lines):
        c = 0
        for part in line.split("\t"):
            while (r, c) in taken:
                c += 1
            span = spans.get((r, c), 1)
            taken.update((k, c) for k in range(r, r + span))
            cells.append(Cell(r, c, pos, pos + len(part), part, rowspan=span, header=r == 0))
            pos += len(part) + 1
            c += 1
    return Table("TB1", 0, len(text), len(lines), 5, tuple(cells), header_rows=1)


def test_table_rows_with_a_lead_spanning_rows() -> None:
    text = (
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推行企业开办一日办结\t县市场监管局\t县税务局、县公安局\t2024年6月底前\n"
        "2\t推进证照分离改革\t县商务局\t年底前\n"
        "3\t建立政企沟通机制\t各乡(镇)人民政府\t县工商联\t长期坚持"
    )
    table = _table(text, {(1, 2): 2})  # 县市场监管局 leads rows 1 and 2
    bodies = find_bodies(text, meta=Meta(issuers=("某县人民政府",)))
    got = assign_tasks(text, tables=[table], bodies=bodies, year=2024)
    tasks = [
        (a.text, [(x.canonical, x.role) for x in a.bodies], a.deadline)
        for a in got.actions
        if a.rule == "assignments.table_row.v1"
    ]
    assert tasks == [
        ("推行企业开办一日办结", [("县市场监管局", "lead"), ("县税务局", "cooperate"), ("县公安局", "cooperate")], "2024-06"),
        ("推进证照分离改革", [("县市场监管局", "lead"), ("县商务局", "cooperate")], "2024-12"),
        ("建立政企沟通机制", [("各乡(镇)人民政府", "lead"), ("县工商联", "cooperate")], "ongoing"),
    ]
    assert {b.text: b.role for b in got.bodies}["县市场监管局"] == "lead"
    assert not any("重点任务" in a.text for a in got.actions)


@pytest.mark.parametrize(
    ("headers", "roles"),
    [
        (["序号", "重点任务", "牵头单位", "配合单位", "完成时限"], [None, "task", "lead", "cooperate", "deadline"]),
        (["序号", "任务内容", "责任单位", "时间节点"], [None, "task", "lead", "deadline"]),
        (["序号", "工作任务", "牵头单位", "责任单位"], [None, "task", "lead", "cooperate"]),
        (["序号", "工作 任务", "牵头 部门"], [None, "task", "lead"]),
        (["指标", "2020年", "2025年"], None),
        (["序号", "牵头单位", "配合单位"], None),
    ],
    ids=["full", "responsible_leads", "responsible_cooperates", "spaced", "indicator_table", "no_task"],
)
def test_column_roles(headers: list[str], roles: list[str | None] | None) -> None:
    assert column_roles(headers) == roles


COLUMNS = read_tsv("assignment_columns.tsv")


@pytest.mark.parametrize("row", COLUMNS, ids=lambda r: r["header"])
def test_column_examples(row: dict[str, str]) -> None:
    headers = row["examples"].split("|")
    roles = column_roles(headers)
    assert roles is not None
    want = row["role"]
    got = roles[headers.index(row["header"])]
    if want == "lead_or_cooperate":  # cooperating beside a lead column, else leading
        tsv = {r["header"]: r["role"] for r in COLUMNS}
        want = "cooperate" if any(tsv.get(h) == "lead" for h in headers) else "lead"
    elif want == "other":
        want = None
    assert got == want


def test_columns_sorted_unique() -> None:
    keys = [r["header"] for r in COLUMNS]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="牵头单位责任配合完成时限:;,、()。\n1.年月底前市局各区人民政府负责由按职责分工", max_size=80))
def test_strange_text_never_raises(text: str) -> None:
    bodies = find_bodies(text, meta=Meta())
    got = assign_tasks(text, bodies=bodies, year=2024)
    for a in got.actions:
        assert text[a.start : a.end] == a.text


def test_targets_of_a_table_row_are_those_of_its_task_cell() -> None:
    doc = analyze(
        HEAD + "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t新建高标准农田2万亩。\t县农业农村局\t县财政局\t2024年10月底前\n"
        "2\t农村卫生厕所普及率达到90%。\t县乡村振兴局\t各乡(镇)人民政府\t2024年12月底前\n"
    )
    tasks = [a for a in doc.actions if a.rule == "assignments.table_row.v1"]
    assert [a.text for a in tasks] == ["新建高标准农田2万亩。", "农村卫生厕所普及率达到90%。"]
    by_id = {t.id: t.text for t in doc.targets}
    assert [[by_id[x] for x in a.targets] for a in tasks] == [["新建高标准农田2万亩"], ["农村卫生厕所普及率达到90%"]]
    assert [(b.canonical, b.role) for b in next(t for t in doc.targets if "90%" in t.text).bodies] == [
        ("县乡村振兴局", "lead"),
        ("各乡(镇)人民政府", "cooperate"),
    ]


# (id, text, the cell texts of each flattened table found)
FLAT_TABLES = [
    ("bars_after_prose", "一、工作安排\n各部门要抓好落实。\n序号 | 重点 任务 | 牵头单位 | 完成时限\n1 | 建设智慧社区 | 市民政局 | 2024年底前\n"
     "2 | 推进老旧小区改造 | 市住建局 | 2025年6月底前\n",
     [["序号", "重点 任务", "牵头单位", "完成时限", "1", "建设智慧社区", "市民政局", "2024年底前", "2", "推进老旧小区改造", "市住建局",
       "2025年6月底前"]]),
    ("spaces_after_a_joined_header", "附件\n备注  工作  任务内容  牵头单位  完成时限\n无  1  开展技能培训  市人社局  2024年\n",
     [["备注", "工作", "任务内容", "牵头单位", "完成时限", "无", "1", "开展技能培训", "市人社局", "2024年"]]),
    ("one_cell_per_line", "重点任务分工\n序号\n重点任务\n牵头单位\n完成时限\n1\n培育专精特新企业\n市经信局\n2024年底前\n",
     [["序号", "重点任务", "牵头单位", "完成时限", "1", "培育专精特新企业", "市经信局", "2024年底前"]]),
    ("no_task_column", "序号 | 指标 | 2020年 | 2025年\n1 | 地区生产总值 | 100 | 150\n", []),
    ("header_broken_over_lines", "一、工作\n任务  牵头单位  完成时限\n1  推进改革  市发改委\n", []),
    ("prose_naming_the_tasks", "各地要按照重点任务分工抓好落实,牵头单位要加强统筹。\n", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FLAT_TABLES], ids=[c[0] for c in FLAT_TABLES])
def test_flat_tables(text: str, expected: list[list[str]]) -> None:
    from policy_nlp.extract.assignments.tables import _flat_tables

    got = _flat_tables(text, [])
    assert [[c.text for c in t.cells] for t in got] == expected
    for t in got:
        assert all(text[c.start : c.end] == c.text for c in t.cells)


def test_renumbered_copies_every_field() -> None:
    import dataclasses

    from policy_nlp.extract.assignments import _renumbered
    from policy_nlp.model import Action, Assignment

    a = Action("A3", 4, 20, "x" * 16, "推进", "改革", (Assignment("市发改委", "lead"),), ("T1",), ("C2",), "1.2",
               "2024-12", "assignments.tail.v1")  # fmt: skip
    assert _renumbered(a, "A9") == dataclasses.replace(a, id="A9")
    bodies = (Assignment("市财政局", "cooperate"),)
    assert _renumbered(a, "A9", bodies=bodies, deadline="2025-06") == dataclasses.replace(
        a, id="A9", bodies=bodies, deadline="2025-06"
    )


# (id, text, the body of each 由…牵头 sentence found)
BY_SENTENCES = [
    ("text_start", "由市自然资源局牵头,各区人民政府配合。", ["市自然资源局"]),
    ("line_start", "(五)保障用地需求。\n由市自然资源局负责。", ["市自然资源局"]),
    ("after_full_stop", "优先保障重大项目用地。由市自然资源局牵头。", ["市自然资源局"]),
    ("after_semicolon", "加快审批;由市发展改革委牵头,市财政局配合;", ["市发展改革委"]),
    ("after_comma", "为此,由市自然资源局牵头。", []),
    ("inside_a_word", "经由市场主导,各方负责。", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BY_SENTENCES], ids=[c[0] for c in BY_SENTENCES])
def test_by_sentence_starts_a_sentence(text: str, expected: list[str]) -> None:
    from policy_nlp.extract.assignments.rules import _BY_SENTENCE

    assert [m.group("body") for m in _BY_SENTENCE.finditer(text)] == expected


# sentence starts that _trim_task or _ARTICLE remove: _sentence_tasks skips a sentence without a body
# or a date only when its first character can start none of them
TRIMMED_STARTS = ["(一)", "(12)", "①", "⑳", "三、", "1.", "2、", " ", "\u3000", "\t", "第七条", "具体措施:", "主要任务:",
                  "工作任务:", "重点工作:", "任务举措:"]  # fmt: skip


@pytest.mark.parametrize("head", TRIMMED_STARTS)
def test_may_trim_every_start_that_is_trimmed(head: str) -> None:
    from policy_nlp.extract.assignments.sentences import _ARTICLE, _may_trim
    from policy_nlp.extract.assignments.tables import _trim_task

    text = head + "市财政局负责制定实施细则"
    s, _e = _trim_task(text, 0, len(text))
    article = _ARTICLE.match(text, s)
    assert (article.end() if article else s) > 0  # the head is trimmed ...
    assert _may_trim(text[0])  # ... so the cheap test must not skip the sentence


def test_may_trim_not_a_body_or_prose_start() -> None:
    from policy_nlp.extract.assignments.sentences import _may_trim

    assert not any(_may_trim(c) for c in "市省各县国本加推")
