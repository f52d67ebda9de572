"""Section outline: every numbering style, false headings, plausibility, spans, the seed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_nlp.model import Document, Section
from policy_nlp.structure import find_sections
from policy_nlp.structure.outline import cn_int


def _rows(text: str) -> list[tuple[str, int, str, str, str | None]]:
    return [(s.id, s.level, s.number, s.heading, s.parent) for s in find_sections(text)]


STYLES = [
    (
        "cn_dun",
        "一、总体要求\n坚持。\n二、主要任务\n推进。",
        [("1", 1, "一、", "总体要求", None), ("2", 1, "二、", "主要任务", None)],
    ),
    (
        "paren_cn_folded",
        "(一)加强领导。各级要重视。\n(二)强化保障",
        [("1", 1, "(一)", "加强领导", None), ("2", 1, "(二)", "强化保障", None)],
    ),
    (
        "paren_cn_fullwidth",
        "（一）加强领导。\n（二）强化保障。",
        [("1", 1, "（一）", "加强领导", None), ("2", 1, "（二）", "强化保障", None)],
    ),
    (
        "paren_cn_enclosed",
        "㈠加强领导\n㈡强化保障",
        [("1", 1, "㈠", "加强领导", None), ("2", 1, "㈡", "强化保障", None)],
    ),
    (
        "arabic_dot",
        "1.扩大规模。\n2.提高质量。",
        [("1", 1, "1.", "扩大规模", None), ("2", 1, "2.", "提高质量", None)],
    ),
    (
        "arabic_dun",
        "1、扩大规模。\n2、提高质量。",
        [("1", 1, "1、", "扩大规模", None), ("2", 1, "2、", "提高质量", None)],
    ),
    (
        "arabic_fullwidth_dot",
        "1．扩大规模。\n2．提高质量。",
        [("1", 1, "1．", "扩大规模", None), ("2", 1, "2．", "提高质量", None)],
    ),
    (
        "paren_num",
        "(1)面向农民工;\n(2)面向毕业生。",
        [("1", 1, "(1)", "面向农民工", None), ("2", 1, "(2)", "面向毕业生", None)],
    ),
    (
        "paren_num_enclosed",
        "⑴面向农民工\n⑵面向毕业生",
        [("1", 1, "⑴", "面向农民工", None), ("2", 1, "⑵", "面向毕业生", None)],
    ),
    (
        "circled",
        "①新建基地50个;\n②开展订单培养。",
        [("1", 1, "①", "新建基地50个", None), ("2", 1, "②", "开展订单培养", None)],
    ),
    (
        "heading_to_colon",
        "(一)主要目标:到2025年达到30%。\n(二)工作要求",
        [("1", 1, "(一)", "主要目标", None), ("2", 1, "(二)", "工作要求", None)],
    ),
    (
        "four_levels",
        "一、任务\n(一)培训\n1.岗位培训\n(1)农民工\n(2)毕业生\n2.新职业\n(二)评价\n二、保障",
        [
            ("1", 1, "一、", "任务", None),
            ("1.1", 2, "(一)", "培训", "1"),
            ("1.1.1", 3, "1.", "岗位培训", "1.1"),
            ("1.1.1.1", 4, "(1)", "农民工", "1.1.1"),
            ("1.1.1.2", 4, "(2)", "毕业生", "1.1.1"),
            ("1.1.2", 3, "2.", "新职业", "1.1"),
            ("1.2", 2, "(二)", "评价", "1"),
            ("2", 1, "二、", "保障", None),
        ],
    ),
    (
        "order_of_first_use",  # (一) used above 一、 in this document: levels follow the document
        "(一)目标\n一、甲\n二、乙\n(二)任务",
        [
            ("1", 1, "(一)", "目标", None),
            ("1.1", 2, "一、", "甲", "1"),
            ("1.2", 2, "二、", "乙", "1"),
            ("2", 1, "(二)", "任务", None),
        ],
    ),
    (
        "regulation",
        "第一章 总 则\n第一条 为了规范管理,制定本办法。\n第二条 本办法适用于:\n(一)甲;\n(二)乙。\n第二章 附则\n第三条 施行。",
        [
            ("1", 1, "第一章", "总则", None),
            ("1.1", 2, "第一条", "", "1"),
            ("1.2", 2, "第二条", "", "1"),
            ("1.2.1", 3, "(一)", "甲", "1.2"),
            ("1.2.2", 3, "(二)", "乙", "1.2"),
            ("2", 1, "第二章", "附则", None),
            ("2.3", 2, "第三条", "", "2"),
        ],
    ),
    (
        "chapter_section_article",  # 第X节 first appears after articles: still between 章 and 条
        "第一章 总则\n第一条 甲。\n第二章 对象\n第一节 范围\n第二条 乙。\n第二节 经费\n第三条 丙。",
        [
            ("1", 1, "第一章", "总则", None),
            ("1.1", 2, "第一条", "", "1"),
            ("2", 1, "第二章", "对象", None),
            ("2.1", 2, "第一节", "范围", "2"),
            ("2.1.2", 3, "第二条", "", "2.1"),
            ("2.2", 2, "第二节", "经费", "2"),
            ("2.2.3", 3, "第三条", "", "2.2"),
        ],
    ),
    (
        "part",
        "第一部分 发展基础\n第二部分 目标",
        [("1", 1, "第一部分", "发展基础", None), ("2", 1, "第二部分", "目标", None)],
    ),
    (
        "article_title",
        "第一条【立法目的】为了保护。\n第二条 适用。",
        [("1", 1, "第一条", "立法目的", None), ("2", 1, "第二条", "", None)],
    ),
    (
        "article_first_number_any",  # an excerpt (民法典 物权编) starts at its own article number
        "第二百零五条 本编调整物的归属。\n第二百零六条 国家坚持公有制。",
        [("205", 1, "第二百零五条", "", None), ("206", 1, "第二百零六条", "", None)],
    ),
    (
        "markdown",
        "## 第一章 总则\n第一条 甲。",
        [("1", 1, "第一章", "总则", None), ("1.1", 2, "第一条", "", "1")],
    ),
    (
        "indented",
        "\u3000\u3000一、总体要求\n  二、目标",
        [("1", 1, "一、", "总体要求", None), ("2", 1, "二、", "目标", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in STYLES], ids=[c[0] for c in STYLES])
def test_numbering_styles(text: str, expected: list[tuple[str, int, str, str, str | None]]) -> None:
    assert _rows(text) == expected


NOT_HEADINGS = [
    ("wan", "一、目标\n1万名技师参加培训。"),
    ("year", "一、目标\n2015年完成。"),
    ("decimal", "一、目标\n1.5倍于上年。"),
    ("percent_decimal", "一、目标\n10.5%的比重。"),
    ("dash_bullet", "一、目标\n——不断深化职工素质工程。\n——培养万名高技能人才。"),
    ("not_first", "一、目标\n3、第三项。"),  # a list must start at 1
    ("jump", "一、目标\n二、任务\n五、其他"),  # a jump of three is not a continuation
    ("cn_list", "一、目标\n一、二级医院都要参加。"),
    ("tiaoli", "一、目标\n第一条例外。"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_HEADINGS], ids=[c[0] for c in NOT_HEADINGS])
def test_false_headings(text: str) -> None:
    sections = find_sections(text)
    assert [s.number for s in sections][1:] in ([], ["二、"])


def test_gap_of_one_tolerated() -> None:
    assert [s.number for s in find_sections("一、甲\n二、乙\n四、丁")] == ["一、", "二、", "四、"]


def test_spans() -> None:
    text = "一、总体要求\n坚持。\n\n二、主要任务\n(一)加强领导。\n要求。\n\n(二)完善机制\n上海市总工会\n2011年2月15日\n"
    sections = find_sections(text)
    for s in sections:
        assert text[s.start :].startswith(s.number)
        assert not text[s.start : s.end].endswith(("\n", " "))
    by_id = {s.id: s for s in sections}
    assert text[by_id["1"].start : by_id["1"].end] == "一、总体要求\n坚持。"
    assert text[by_id["2.1"].start : by_id["2.1"].end] == "(一)加强领导。\n要求。"
    assert text[by_id["2"].start : by_id["2"].end].endswith("(二)完善机制")  # signature block excluded
    assert by_id["2"].end == by_id["2.2"].end


def test_seed(seed_structure: Document) -> None:
    doc = seed_structure
    sections = doc.sections
    top = [s for s in sections if s.level == 1]
    assert [s.heading for s in top] == ["总体要求", "目标任务", "主要内容", "措施保障"]
    assert [s.number for s in top] == ["一、", "二、", "三、", "四、"]
    kids3 = [s for s in sections if s.parent == "3"]
    assert [s.heading for s in kids3] == [
        "广泛开展岗位建功行动",
        "不断深化职工创新行动",
        "持续推进技能登高行动",
        "深入开展节能减排行动",
        "着力加强劳动保护行动",
        "全面实施团队创先行动",
    ]
    assert [s.id for s in kids3] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    assert len([s for s in sections if s.parent == "4"]) == 4
    assert len(sections) == 4 + 6 + 4
    assert not any("——" in s.number for s in sections)
    last = top[-1]
    assert doc.text[last.start : last.end].endswith("不断建立新功勋。")  # the signature date is not in it


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百", 100), ("一百零五", 105),
     ("二百零五", 205), ("二〇一一", 2011), ("二○二一", 2021), ("42", 42), ("两", 2)],
)  # fmt: skip
def test_cn_int(numeral: str, value: int) -> None:
    assert cn_int(numeral) == value


@pytest.mark.parametrize("bad", ["", "甲", "十甲"])
def test_cn_int_rejects(bad: str) -> None:
    assert cn_int(bad) is None


def _check(text: str, sections: list[Section]) -> None:
    ids = set()
    for s in sections:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end].startswith(s.number)
        assert s.id not in ids
        ids.add(s.id)
        assert (s.parent is None) == (s.level == 1)
        assert s.parent is None or s.parent in ids


@given(st.lists(st.sampled_from(["一、甲", "二、乙", "(一)丙", "(二)丁", "1.戊", "2、己", "(1)庚", "①辛", "第一章 总则",
                                 "第一条 甲。", "第二条", "第一节 乙", "——项", "1.5倍", "", "  三、", "正文。"]),
                max_size=30))  # fmt: skip
def test_invariants(lines: list[str]) -> None:
    text = "\n".join(lines)
    _check(text, find_sections(text))


@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _check(text, find_sections(text))


def test_attachment_list_ends_outline() -> None:
    # issue 12: the attachment after the 附件1 label is a document of its own (2/…), not lost
    text = "一、目标\n(一)甲。\n(二)乙。\n附件:1.任务分工表\n2.进度安排表\n上海市总工会\n2021年3月5日\n附件1\n一、任务\n(一)丙"
    sections = find_sections(text)
    assert [(s.id, s.number, s.parent) for s in sections] == [
        ("1", "一、", None), ("1.1", "(一)", "1"), ("1.2", "(二)", "1"), ("2/1", "一、", None), ("2/1.1", "(一)", "2/1")
    ]
    assert text[sections[0].start : sections[0].end].endswith("(二)乙。")
    assert text[sections[3].start : sections[3].end] == "一、任务\n(一)丙"


@pytest.mark.parametrize(
    ("tail", "ids"),
    [
        ("附件1\n某市检查方案\n一、范围\n全市。\n附件2\n某市安全检查细则\n一、行业\n化工。", ["2/1", "3/1"]),
        ("附件\n某市检查方案\n一、范围\n全市。\n二、内容\n(一)消防。", ["2/1", "2/2", "2/2.1"]),
        ("附件1:申请家庭收入限额.doc\n附件2:租赁补贴标准.doc", []),
    ],
    ids=["two_attachments", "one_unnumbered", "download_links"],
)
def test_attachments_after_signature_are_documents(tail: str, ids: list[str]) -> None:
    text = "一、总体要求\n做好工作。\n二、主要任务\n加强领导。\n某市人民政府\n2024年3月1日\n" + tail
    sections = find_sections(text)
    assert [s.id for s in sections] == ["1", "2", *ids]
    assert all(text[s.start : s.end].startswith(s.number) for s in sections)


def test_transmittal_signature_does_not_end_outline() -> None:
    """A 印发 notice signs before the transmitted plan: the plan's headings still count."""
    text = "关于印发A方案的通知\n现印发给你们,请认真贯彻执行。\n某省人民政府办公厅\n2022年4月12日\nA方案\n一、目标\n到2025年达到30%。\n二、任务\n推进。"
    assert [s.number for s in find_sections(text)] == ["一、", "二、"]


def test_articles_grouped_under_list_headings() -> None:
    """A judicial interpretation grouped under 一、/二、 keeps its articles inside the groups."""
    text = "## 一、一般规定\n第一条 甲。\n第二条 乙。\n## 二、结婚\n第三条 丙。"
    assert _rows(text) == [
        ("1", 1, "一、", "一般规定", None),
        ("1.1", 2, "第一条", "", "1"),
        ("1.2", 2, "第二条", "", "1"),
        ("2", 1, "二、", "结婚", None),
        ("2.3", 2, "第三条", "", "2"),
    ]


def test_table_of_contents_is_not_the_outline() -> None:
    text = ("某市节约用水条例\n第一章 总则\n第二章 节水管理\n第三章 附则\n"
            "第一章 总则\n第一条 为了节约用水,制定本条例。\n第二章 节水管理\n第二条 用水单位应当节约用水。\n"
            "第三章 附则\n第三条 本条例自公布之日起施行。")
    got = [(s.id, s.number, s.heading) for s in find_sections(text)]
    assert got == [("1", "第一章", "总则"), ("1.1", "第一条", ""), ("2", "第二章", "节水管理"), ("2.2", "第二条", ""),
                   ("3", "第三章", "附则"), ("3.3", "第三条", "")]


def test_second_document_restarts_numbering() -> None:
    text = ("关于印发两个规定的通知\n现将两个规定印发给你们。\n"
            "甲单位改制的规定\n一、关于资产\n(一)清产核资。\n二、关于人员\n(一)妥善安置。\n"
            "乙企业发展的规定\n为支持乙企业发展,特制定以下规定:\n一、关于财税\n(一)落实优惠政策。\n二、关于融资\n")
    got = [(s.id, s.heading, s.parent) for s in find_sections(text)]
    assert got == [("1", "关于资产", None), ("1.1", "清产核资", "1"), ("2", "关于人员", None), ("2.1", "妥善安置", "2"),
                   ("2/1", "关于财税", None), ("2/1.1", "落实优惠政策", "2/1"), ("2/2", "关于融资", None)]
    second = text.index("乙企业发展的规定")
    assert find_sections(text)[3].end <= second  # the first document ends before the second's title


def test_restart_without_a_title_is_no_section() -> None:
    text = "一、总体要求\n坚持。\n二、主要任务\n推进。\n一、这不是新的一章\n"
    assert [s.id for s in find_sections(text)] == ["1", "2"]


# issue 12: an excerpt that starts mid-outline at (三) keeps the later 三、/四、 headings
EXCERPTS = [
    ("paren_then_cn", "(三)加强监管。\n做好监管。\n(四)完善机制。\n三、保障措施\n(一)加强领导。\n(二)强化考核。\n四、附则\n自发布之日起施行。",
     [("0/3", "(三)", None), ("0/4", "(四)", None), ("3", "三、", None), ("3.1", "(一)", "3"), ("3.2", "(二)", "3"),
      ("4", "四、", None)]),
    ("after_page_header", "首页 > 政策文件 > 规划计划\n" * 12 + "(三)加强监管\n(四)完善机制\n三、保障措施\n(一)加强领导",
     [("0/3", "(三)", None), ("0/4", "(四)", None), ("3", "三、", None), ("3.1", "(一)", "3")]),
    ("cn_only", "某规划(节选)\n三、重点任务\n加强建设。\n四、保障措施\n(一)加强领导。",
     [("3", "三、", None), ("4", "四、", None), ("4.1", "(一)", "4")]),
    ("stray_number_then_outline", "三、做好收尾。\n一、总体要求\n做好工作。\n二、主要任务\n(一)加强领导。",
     [("1", "一、", None), ("2", "二、", None), ("2.1", "(一)", "2")]),  # the stray 三、 reads as a contents line
    ("first_chapter_heading_lost", "某办法\n第一条 为了规范管理。\n第二条 本办法适用于:\n第二章 规划与建设\n第三条编制规划。\n第三章 申请与准入\n第四条 申请。",
     [("0/1", "第一条", None), ("0/2", "第二条", None), ("2", "第二章", None), ("2.3", "第三条", "2"), ("3", "第三章", None),
      ("3.4", "第四条", "3")]),
    ("starts_at_second_chapter", "第二章 规划与建设\n第三条 编制规划。\n第三章 申请\n第四条 申请。",
     [("2", "第二章", None), ("2.3", "第三条", "2"), ("3", "第三章", None), ("3.4", "第四条", "3")]),
    ("list_line_is_no_excerpt", "某某通知\n" + "正文。" * 80 + "\n附件:1.甲报告\n2.乙意见\n国务院办公厅\n二〇〇四年十一月四日\n附件1\n一、基本情况\n二、建议",
     [("1", "一、", None), ("2", "二、", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EXCERPTS], ids=[c[0] for c in EXCERPTS])
def test_excerpt_starting_mid_outline(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    sections = find_sections(text)
    assert [(s.id, s.number, s.parent) for s in sections] == expected
    _check(text, sections)


@pytest.mark.parametrize("title", ["第二批改革举措推广清单", "三级公立医院绩效考核指标", "重点项目一览表", "任务分工表(2024年)"])
def test_attachment_that_is_a_list_or_table_has_no_sections(title: str) -> None:
    text = f"一、总体要求\n做好工作。\n某市人民政府\n2024年3月1日\n附件\n{title}\n一、知识产权方面\n二、金融方面\n"
    assert [s.id for s in find_sections(text)] == ["1"]


# -- issue 12: headings inside the one line of an unbroken text (written after real notices) ---------
_FILL = "各地区要加强统筹协调,完善工作机制,细化落实措施,确保各项任务按期完成。" * 25
UNBROKEN = [
    (
        "after_sentence_end_glued_heading",
        "为做好农村供水保障工作,制定本方案。一、总体要求坚持以人民为中心。" + _FILL
        + "二、主要任务(一)巩固供水成果。" + _FILL + "三、保障措施(一)加强组织领导。" + _FILL,
        [("1", "一、", "总体要求坚持以人民为中心"), ("2", "二、", "主要任务"), ("2.1", "(一)", "巩固供水成果"),
         ("3", "三、", "保障措施"), ("3.1", "(一)", "加强组织领导")],
    ),
    (
        "after_spaces",
        "保护水土资源是基本国策。   一、发展形势   " + _FILL + "   (一)主要成就   " + _FILL + "   二、主要目标   " + _FILL,
        [("1", "一、", "发展形势"), ("1.1", "(一)", "主要成就"), ("2", "二、", "主要目标")],
    ),
    (
        "after_lead_body_tail",
        "现制定如下分工方案。一、放要放出活力(一)精简审批事项。(国务院办公厅牵头)" + _FILL
        + "(市场监管总局负责)二、管要管出公平。" + _FILL,
        [("1", "一、", "放要放出活力"), ("1.1", "(一)", "精简审批事项"), ("2", "二、", "管要管出公平")],
    ),
    (
        "list_inside_a_sentence_is_no_heading",
        "现制定如下方案。一、总体要求" + _FILL + "支持的重点包括:一、资金;二、土地;三、人才。" + _FILL
        + "二、主要任务" + _FILL,
        [("1", "一、", "总体要求各地区要加强统筹协调,完善工作机制,细化落实措施,确保各项任务按期完成"), ("2", "二、", "主要任务各地区要加强统筹协调,完善工作机制,细化落实措施,确保各项任务按期完成")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in UNBROKEN], ids=[c[0] for c in UNBROKEN])
def test_issue_12_headings_inside_an_unbroken_line(text: str, expected: list[tuple[str, str, str]]) -> None:
    sections = find_sections(text)
    assert [(s.id, s.number, s.heading) for s in sections] == expected
    for s in sections:
        assert text[s.start :].startswith(s.number)


def test_issue_12_mid_line_numbers_need_an_unbroken_text() -> None:
    text = "一、总体要求\n做好工作。二、主要任务。\n二、保障措施"
    assert [s.number for s in find_sections(text)] == ["一、", "二、"]
    assert find_sections(text)[1].heading == "保障措施"


def test_an_attachment_with_two_documents_and_a_lost_chapter_keeps_unique_ids() -> None:
    # a concatenated corpus (bench/run.py's 3 M-character text) once raised ValueError here: the
    # attachment's first document was moved to document 0 after its second one had begun (0/2/1)
    body = "关于做好甲工作的通知\n各区:\n一、总体要求\n做好工作。\n二、主要任务\n加强管理。\n某某局\n2024年3月1日\n"
    attachment = (
        "附件1\n甲工作实施办法\n一、适用范围\n本办法适用于全市。\n二、职责分工\n各部门负责。\n"
        "乙工作管理规定\n一、总则\n为了规范管理。\n二、范围\n适用于本市。\n"
        "第一条 为了规范。\n第二条 本规定所称。\n第三条 市局负责。\n第二章 管理\n第四条 加强管理。\n"
    )
    sections = find_sections(body + attachment)
    ids = [s.id for s in sections]
    assert len(ids) == len(set(ids)), ids
    assert ids[:2] == ["1", "2"] and all("/" in i for i in ids[2:])
    assert {s.parent for s in sections if s.parent} <= set(ids)
