"""Normalization: 1:1 folding, line cleanup, PDF line joining, HTML visible text, boilerplate
removal, and the offset map back to the source (property-tested)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.io import load
from policy_nlp.io.html import visible_text
from policy_nlp.model import Document, Meta, RawText, Source
from policy_nlp.normalize import (
    MAX_CHROME_LINE,
    boilerplate_rules,
    classify_line,
    fold_width,
    join_wrapped,
    normalize,
    normalize_text,
)
from policy_nlp.offsets import OffsetMap
from policy_nlp.resources import read_tsv


# -- folding -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("src", "folded"),
    [
        ("（一）", "(一)"),
        ("２０１５年，达到３０％：", "2015年,达到30%:"),
        ("ＡＢＣａｂｃ～！", "ABCabc~!"),
        ("\u3000\u3000为深入贯彻", "  为深入贯彻"),
        ("a\u00a0b\u2002c\u202fd\te", "a b c d\te"),  # a tab separates table cells: kept
        ("。、《》“”‘’——…；", "。、《》“”‘’——…;"),
        ("㈠℃①", "㈠℃①"),
    ],
    ids=[
        "parens",
        "digits-comma-percent",
        "letters",
        "ideographic-space",
        "other-spaces",
        "cjk-punct-kept",
        "not-nfkc",
    ],
)
def test_fold_width(src: str, folded: str) -> None:
    assert fold_width(src) == folded
    assert len(fold_width(src)) == len(src)


def test_fold_width_covers_the_whole_block() -> None:
    block = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    assert fold_width(block) == "".join(chr(c) for c in range(0x21, 0x7F))


# -- line cleanup ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("一、总体要求\r\n紧紧围绕目标。\r\n", "一、总体要求\n紧紧围绕目标。"),
        ("一、总体要求\r紧紧围绕目标。", "一、总体要求\n紧紧围绕目标。"),
        ("\u3000\u3000为深入贯彻。  \n  二、目标", "为深入贯彻。\n二、目标"),
        ("甲\n\n\n\n乙\n \n\u3000\n丙", "甲\n\n乙\n\n丙"),
        ("\n\n\n甲\n\n", "甲"),
        ("\ufeff关于\u200b印发\u200d的通知", "关于印发的通知"),
        ("关于\x07印发\x00通知", "关于印发通知"),
        ("甲\u2028乙\x0c丙", "甲\n乙\n丙"),
        ("", ""),
        ("\u3000\r\n \n", ""),
    ],
    ids=[
        "crlf",
        "cr",
        "indent",
        "blank-runs",
        "edge-blanks",
        "zero-width",
        "controls",
        "unicode-breaks",
        "empty",
        "only-space",
    ],
)
def test_line_cleanup(src: str, expected: str) -> None:
    text, omap = normalize_text(src)
    assert text == expected
    assert omap.norm_length == len(text) and omap.src_length == len(src)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [
                "为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委",
                "会提出的要求,现提出如下意见。",
                "一、总体要求",
            ],
            "为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委会提出的要求,现提出如下意见。\n一、总体要求",
        ),
        (
            ["紧紧围绕十二五规划提出的目标任务,以科学发展观为指导。", "二、目标任务"],
            "紧紧围绕十二五规划提出的目标任务,以科学发展观为指导。\n二、目标任务",
        ),
        (
            ["着力推动经济发展方式转变和产业结构战略性调整,不断提高", "(一)职工队伍整体素质"],
            "着力推动经济发展方式转变和产业结构战略性调整,不断提高\n(一)职工队伍整体素质",
        ),
        (
            ["一、总体要求", "紧紧围绕目标任务,以科学发展观为指导,深入贯彻落实规划。"],
            "一、总体要求\n紧紧围绕目标任务,以科学发展观为指导,深入贯彻落实规划。",
        ),
        (
            ["The State Council shall adopt the following measures to", "improve the business environment."],
            "The State Council shall adopt the following measures to improve the business environment.",
        ),
        (
            [
                "推动实现每年新增技师、高级技师1万名,到2015年本市高技能",
                "- 3 -",
                "人才占技能劳动者的比重达到30%。",
            ],
            "推动实现每年新增技师、高级技师1万名,到2015年本市高技能人才占技能劳动者的比重达到30%。",
        ),
        (
            [
                "上海市总工会关于开展劳动竞赛的意见",
                "各区县局(产业)工会:",
                "推动实现每年新增技师、高级技师1万名,到2015年本市高技能人才占",
            ],
            "上海市总工会关于开展劳动竞赛的意见\n各区县局(产业)工会:\n推动实现每年新增技师、高级技师1万名,到2015年本市高技能人才占",
        ),
        (
            [
                "国务院办公厅关于印发促进劳动竞赛深入开展若干措施的",
                "通知(试行)",
                "各省、自治区、直辖市人民政府:",
            ],
            "国务院办公厅关于印发促进劳动竞赛深入开展若干措施的通知(试行)\n各省、自治区、直辖市人民政府:",
        ),
    ],
    ids=[
        "wrapped",
        "sentence-end",
        "next-is-heading",
        "short-heading",
        "ascii-space",
        "across-page-number",
        "title-then-addressee",
        "wrapped-title",
    ],
)
def test_pdf_line_joining(lines: list[str], expected: str) -> None:
    src = "\n".join(lines)
    text, omap = normalize(RawText(src, format="pdf", pages=(0,)))
    assert text == expected
    # not for other formats
    assert normalize(RawText(src, format="txt"))[0] == normalize_text(src)[0]
    k = text.index("要求") if "要求" in text else 0
    s, e = omap.to_source(k, k + 2)
    assert fold_width(src[s:e]) == text[k : k + 2]


def test_pdf_running_headers_and_footers_dropped() -> None:
    body = [
        ["为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委会提出的", "要求,现提出如下意见。"],
        ["一、总体要求", "紧紧围绕十二五规划提出的目标任务,以科学发展观为指导,推动职工"],
        ["队伍整体素质明显增强。", "二、目标任务"],
        ["着力推动经济发展方式转变。"],
    ]
    pages_text = [
        "\n".join([f"上海市总工会文件 2011年第{k + 1}期", *lines, f"第 {k + 1} 页"])
        for k, lines in enumerate(body)
    ]
    src = "\n".join(pages_text)
    starts = tuple(sum(len(p) + 1 for p in pages_text[:k]) for k in range(len(pages_text)))
    text, omap = normalize(RawText(src, format="pdf", pages=starts))
    assert text.split("\n") == [
        "为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委会提出的要求,现提出如下意见。",
        "一、总体要求",
        "紧紧围绕十二五规划提出的目标任务,以科学发展观为指导,推动职工队伍整体素质明显增强。",
        "二、目标任务",
        "着力推动经济发展方式转变。",
    ]
    # two pages are too few to call a line "running"
    two = normalize(RawText(src[: starts[2] - 1], format="pdf", pages=starts[:2]))[0]
    assert two.startswith("上海市总工会文件 2011年第1期")
    k = text.index("二、")
    s, e = omap.to_source(k, k + 2)
    assert src[s:e] == "二、"


def test_hard_wrapped_text_file_is_rejoined() -> None:
    src = (
        "一、总体要求和目标任务\n"
        "2019年至2021年,持续开展职工技能提升行动,提高培训针\n"
        "对性实效性,全面提升劳动者职业技能水平和就业创业能力。三\n"
        "年共开展各类补贴性职业技能培训500万人次以上;到2021年底\n"
        "技能劳动者占就业人员总量的比例达到25%以上。\n"
        "— 2 —\n"
        "二、主要措施\n"
    )
    text, omap = normalize(RawText(src, format="txt"))
    assert text.split("\n") == [
        "一、总体要求和目标任务",
        "2019年至2021年,持续开展职工技能提升行动,提高培训针对性实效性,全面提升劳动者职业技能水平和就业创业能力。"
        "三年共开展各类补贴性职业技能培训500万人次以上;到2021年底技能劳动者占就业人员总量的比例达到25%以上。",
        "二、主要措施",
    ]
    k = text.index("对性")
    assert src[slice(*omap.to_source(k, k + 2))] == "对性"


def test_text_with_a_paragraph_per_line_is_not_rejoined() -> None:
    src = (
        "一、总体要求\n紧紧围绕目标任务,推动职工队伍整体素质明显增强\n"
        "二、主要任务\n开展职工技能竞赛,培养高技能人才\n三、保障措施\n加强组织领导\n"
    )
    assert normalize(RawText(src, format="txt"))[0] == src.rstrip("\n")


def test_markdown_table_rows_are_never_rejoined() -> None:
    src = (
        "关于印发任务分工的通知\n附件:任务分工表\n| 序号 | 工作任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 制定实施方案 | 市发展改革委 | 2024年6月 |\n| 2 | 建设公共实训基地 | 市人社局 | 2024年12月 |\n"
    )
    assert normalize(RawText(src, format="txt"))[0] == src.rstrip("\n")
    assert not join_wrapped("| 1 | 制定实施方案 | 市发展改革委 | 2024年6月 |", "| 2 | 建设", full_width=40)


def test_join_wrapped_requires_near_full_width() -> None:
    assert not join_wrapped("关于开展", "劳动竞赛的意见", full_width=60)
    assert join_wrapped("为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委", "会", full_width=60)
    assert not join_wrapped(
        "为深入贯彻党的十七届五中全会精神,落实全总十五届五次执委“。”", "会", full_width=60
    )
    assert not join_wrapped("", "会", full_width=60)


# -- HTML --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>甲</p><p>乙</p>", "甲\n乙"),
        ("甲<br>乙<br/><br />丙", "甲\n乙\n\n丙"),
        ("<head><title>标题</title><meta charset=utf-8></head><body>正文</body>", "正文"),
        (
            "<script>var s='<p>x</p>';</script><style>p{color:red}</style>正文<noscript>开启脚本</noscript>",
            "正文",
        ),
        ("<!-- 注释 -->正<!DOCTYPE x>文<?php echo 1 ?>", "正文"),
        ("甲&amp;乙&lt;丙&gt;&quot;&#12288;丁&#x4E00;&nbsp;戊", '甲&乙<丙>" 丁一 戊'),
        ("&unknown; &amp &copy", "&unknown; & ©"),
        (
            "<table><tr><td>索引号:</td><td>000014349/2024-00012</td></tr><tr><th>标题:</th><td>通知</td></tr></table>",
            "索引号:\t000014349/2024-00012\n标题:\t通知",  # a data table: tab-separated cells
        ),
        ('<div style="display:none"><div>隐藏</div>也隐藏</div><div hidden>藏</div>正文', "正文"),
        ("<p>上海市总工会\n  关于开展</p><p>a\n  b</p>", "上海市总工会关于开展\na b"),
        ("<pre>一\n  二</pre>", "一\n二"),
        ("<p>a < b ≥ c</p>", "a < b ≥ c"),
        ("<P CLASS=x>大写</P><DIV>标签</DIV>", "大写\n标签"),
        ("<textarea>可见</textarea>", "可见"),
        ("<p>未闭合<b>", "未闭合"),
        ("<body><p>正文</p></body></html", "正文"),
    ],
    ids=[
        "blocks",
        "br",
        "head",
        "script-style-noscript",
        "comments-decl-pi",
        "entities",
        "bad-entities",
        "table-cells",
        "hidden",
        "whitespace",
        "pre",
        "lone-lt",
        "uppercase",
        "textarea",
        "unclosed",
        "cut-tag",
    ],
)
def test_html_visible_text(markup: str, expected: str) -> None:
    text, omap = normalize(RawText(markup, format="html"))
    assert text == expected
    assert omap.src_length == len(markup) and omap.norm_length == len(text)


def test_html_entity_maps_to_its_source_range() -> None:
    markup = "<p>\u3000到２０１５年&nbsp;比重&#12288;达到30&#37;。</p>"
    text, omap = normalize(RawText(markup, format="html"))
    assert text == "到2015年 比重 达到30%。"
    for token, source in [(" 比", "&nbsp;比"), ("%", "&#37;"), ("2015", "２０１５")]:
        k = text.index(token)
        s, e = omap.to_source(k, k + len(token))
        assert markup[s:e] == source


def test_visible_text_of_a_gov_page() -> None:
    page = (
        "<html><head><title>关于印发方案的通知_政策文件</title></head><body>"
        '<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 政策文件</div>'
        '<table class="info"><tr><td>索引号:</td><td>11A00/2024-00012</td><td>主题分类:</td><td>综合政务</td></tr></table>'
        "<h1>某市人民政府办公室关于印发方案的通知</h1>"
        '<div class="meta">发布时间:2024-03-15 10:00&nbsp;&nbsp;来源:市政府办公室&nbsp;&nbsp;【字体:<a>大</a> <a>中</a> <a>小</a>】</div>'
        "<div class=text><p>各区人民政府:</p><p>&#12288;&#12288;现将方案印发给你们,请认真贯彻执行。</p></div>"
        '<div class="tools">分享到: <a>微信</a> <a>微博</a> 【打印本页】【关闭窗口】</div>'
        "<div>扫一扫在手机打开当前页</div><div>相关链接</div><ul><li>关于做好春节工作的通知</li></ul>"
        "<div>版权所有:某市人民政府办公室</div></body></html>"
    )
    text, omap = normalize(RawText(page, format="html"))
    assert text.split("\n") == [
        "索引号: 11A00/2024-00012 主题分类: 综合政务",
        "某市人民政府办公室关于印发方案的通知",
        "各区人民政府:",
        "现将方案印发给你们,请认真贯彻执行。",
    ]
    k = text.index("各区")
    s, e = omap.to_source(k, k + 6)
    assert page[s:e] == "各区人民政府"


# -- boilerplate -------------------------------------------------------------------------------
def test_boilerplate_rows_sorted_unique_and_well_formed() -> None:
    rows = read_tsv("boilerplate.tsv")
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_0-9]+\.v\d+", i) for i in ids)
    assert all(r.examples for r in boilerplate_rules())


@pytest.mark.parametrize("rule", boilerplate_rules(), ids=lambda r: r.id)
def test_every_boilerplate_example_is_recognized(rule: object) -> None:
    from policy_nlp.normalize import BoilerplateRule

    assert isinstance(rule, BoilerplateRule)
    for example in rule.examples:
        line = fold_width(example)
        if rule.scope == "weak":
            assert re.fullmatch(rule.pattern, line), example
            assert not classify_line(line).drop, example  # a weak piece alone never goes
        elif rule.scope == "keep":
            verdict = classify_line(line)
            assert not verdict.drop and rule.id in verdict.rules, example
        else:
            verdict = classify_line(line)
            assert verdict.drop and rule.id in verdict.rules, example
            assert verdict.block == (rule.scope == "block")


@pytest.mark.parametrize(
    "line",
    [
        "各区县局(产业)工会:",
        "二〇一一年二月十五日",
        "2011年2月15日",
        "二一一年二月日",
        "沪工总经〔201133",
        "时间:2024年3月29日上午9:00",
        "2024-03-29",
        "主办单位:上海市总工会",
        "数据来源:国家统计局",
        "一、总体要求",
        "(二)加强组织领导",
        "第三条 本办法所称劳动竞赛,是指职工在生产经营中开展的竞赛活动。",
        "关闭高耗能企业的工作要在2015年前完成。",
        "附件:1.劳动竞赛实施方案",
        "联系人:张三 联系电话:12345678",
        "上海市总工会关于广泛深入开展“当好科学发展主力军、打好创新转型攻坚战”主题实践活动的意见",
        "微信 微博",
        "打印机采购项目的通知",
        "简政放权",
        "首页设计大赛获奖名单",
        "x" * (MAX_CHROME_LINE + 1),
    ],
    ids=lambda s: s[:12],
)
def test_real_content_lines_stay(line: str) -> None:
    verdict = classify_line(line)
    assert not verdict.drop and not verdict.head and not verdict.tail


@pytest.mark.parametrize(
    "line",
    [
        "浏览量:   时间:2019-05-20 08:30:11",
        "发布时间:2021-06-01  分类:通知公告  作者:办公室  浏览:52",
        "选择字号:   本文共阅读 230 次 更新时间:2015-04-02 09:12",
        "信息来源: 区人民政府办公室",
        "【字体:大 中 小】【打印本页】【关闭窗口】",
        "【字体：大　中　小】　【打印】　【关闭】",
        "分享到: 微信 微博 QQ空间",
        "上一篇:关于开展安全检查的通知",
        "扫一扫在手机打开当前页",
        "【我要纠错】 责任编辑:李某",
        "沪ICP备05004632号",
        "2015年4月2日 星期四",
        "来源：本站原创　　发布日期：2015-04-02",
        "当前位置：首页 ＞ 政务公开 ＞ 政策文件",
        "— 12 —",
        "时间: 2022-07-18",
        "日期：2020-11-05 16:40",
    ],
    ids=lambda s: s[:10],
)
def test_chrome_lines_dropped(line: str) -> None:
    assert normalize_text(f"一、总体要求\n{line}\n二、目标任务")[0] == "一、总体要求\n二、目标任务"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("上海市总工会关于开展劳动竞赛的意见 2011-03-04 来源:本站原创", "上海市总工会关于开展劳动竞赛的意见"),
        ("发布时间:2011-03-04 浏览次数:88 关于开展劳动竞赛的意见", "关于开展劳动竞赛的意见"),
        ("关于开展劳动竞赛的意见 来源:新华社", "关于开展劳动竞赛的意见 来源:新华社"),
    ],
    ids=["tail", "head", "single-label-kept"],
)
def test_boilerplate_head_and_tail(line: str, kept: str) -> None:
    assert normalize_text(line)[0] == kept


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["通知正文。", "相关链接", "关于做好春节工作的通知", "版权所有 某市政府"], ["通知正文。"]),
        (
            [
                "通知正文。",
                "相关文件",
                "为做好本项工作,现将有关文件的要求重申如下,请各单位认真遵照执行,确保各项措施落实到位。",
            ],
            [
                "通知正文。",
                "相关文件",
                "为做好本项工作,现将有关文件的要求重申如下,请各单位认真遵照执行,确保各项措施落实到位。",
            ],
        ),
    ],
    ids=["footer-dropped", "prose-after-marker-kept"],
)
def test_block_footer(lines: list[str], expected: list[str]) -> None:
    assert normalize_text("\n".join(lines))[0].split("\n") == expected


def test_boilerplate_can_be_kept() -> None:
    assert normalize_text("您的位置:首页\n正文", boilerplate=False)[0] == "您的位置:首页\n正文"


def test_seed_boilerplate_removed(seed_path: Path) -> None:
    gold = json.loads(seed_path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    raw = load(seed_path)
    text, omap = normalize(raw)
    for s in gold["boilerplate_must_drop"]:
        assert s not in text, s
    lines = text.split("\n")
    for must in [
        "上海市总工会关于广泛深入开展“当好科学发展主力军、打好创新转型攻坚战”主题实践活动的意见",
        "上海市总工会关于广泛深入开展当好科学发展主力军、",
        "打好创新转型攻坚战主题实践活动的意见",
        "沪工总经〔201133",
        "各区县局(产业)工会:",
        "一、总体要求",
        "二一一年二月日",
    ]:
        assert must in lines, must
    assert lines[-1] == "二一一年二月日"
    assert not text.startswith((" ", "\n")) and "\n\n\n" not in text
    # every character maps back onto the same (folded) character of the file
    for seg in omap.segments:
        n0, s0, nl, sl = seg
        if nl == sl:
            assert fold_width(raw.text[s0 : s0 + sl]) == text[n0 : n0 + nl]


def test_shared_laws_keep_their_articles(shared_corpora: Path) -> None:
    files = sorted(f for f in (shared_corpora / "laws").rglob("*.md") if f.name != "README.md")[:200]
    assert files
    for f in files:
        raw = load(f)
        text, _ = normalize(raw)
        assert "<!-- INFO END -->" not in text
        src_articles = len(re.findall(r"^\s*第[一二三四五六七八九十百千零〇]+条", raw.text, re.M))
        assert len(re.findall(r"^第[一二三四五六七八九十百千零〇]+条", text, re.M)) == src_articles, f.name


# -- offsets: properties -----------------------------------------------------------------------
_ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from([*"\r\n\t \u3000\u00a0\u200b\ufeff。,;:<>&#/\"'=-—", "\r\n"]),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<br>",
            "<script>",
            "</script>",
            "&amp;",
            "&nbsp;",
            "&#12288;",
            "<!--",
            "-->",
            "您的位置:",
            "来源:本站原创",
            "2011-03-04 ",
            "点赞数: 3",
            "一、",
            "相关链接",
            "<td>",
            "<div hidden>",
        ]
    ),
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)


def _check_map(src: str, text: str, omap: OffsetMap, *, exact_copies: bool) -> None:
    assert omap.norm_length == len(text)
    assert omap.src_length == len(src)
    prev = 0
    for i in range(len(text) + 1):
        s, e = omap.to_source(i, i)
        assert 0 <= s <= len(src)
        assert s >= prev  # monotone
        prev = s
    for i in range(len(text)):
        s, e = omap.to_source(i, i + 1)
        assert 0 <= s < e <= len(src)  # every character comes from somewhere
        s2, e2 = omap.to_source(0, i + 1)
        assert s2 <= s and e2 == e  # spans nest
    if exact_copies:
        for n0, s0, nl, sl in omap.segments:
            if nl == sl:
                for a, b in zip(fold_width(src[s0 : s0 + sl]), text[n0 : n0 + nl], strict=True):
                    # a same-length replacement (a line break, an HTML space) also maps 1:1
                    assert a == b or (b in " \n" and (a.isspace() or a in "\x1c\x1d\x1e")), (a, b)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["txt", "pdf", "text"]))
def test_normalize_map_properties(src: str, fmt: str) -> None:
    raw = RawText(src, format=fmt)  # type: ignore[arg-type]
    text, omap = normalize(raw)
    _check_map(src, text, omap, exact_copies=True)
    doc = Document(id="d", source=Source(None, "", fmt, None), text=text, meta=Meta(), offsets=omap)
    for i in range(len(text)):
        s, e = doc.to_source(i, i + 1)
        if text[i] not in "\n ":
            assert text[i] in fold_width(src[s:e])


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_normalize_html_map_properties(src: str) -> None:
    text, omap = normalize(RawText(src, format="html"))
    _check_map(src, text, omap, exact_copies=True)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_visible_text_map_properties(src: str) -> None:
    text, omap = visible_text(src)
    _check_map(src, text, omap, exact_copies=False)
    for n0, s0, nl, sl in omap.segments:
        if nl == sl:
            for a, b in zip(src[s0 : s0 + sl], text[n0 : n0 + nl], strict=True):
                assert a == b or (b in " \n" and a.isspace()), (a, b)


# -- throughput --------------------------------------------------------------------------------
def test_normalize_throughput(seed_path: Path) -> None:
    seed = seed_path.read_text(encoding="utf-8")
    big = seed * (5_000_000 // len(seed) + 1)
    t0 = time.perf_counter()
    text, omap = normalize_text(big)
    dt = time.perf_counter() - t0
    rate = len(big) / dt
    print(f"normalize: {len(big):,} chars in {dt:.2f} s = {rate:,.0f} chars/s")
    assert rate > 300_000
    assert omap.norm_length == len(text)


# -- the cheap tests before the chrome rules (issue 15) ------------------------------------------
def test_line_spaces_are_every_space_a_folded_line_can_hold() -> None:
    from policy_nlp.normalize import _LINE_BREAKS, _LINE_SPACES, SPACES

    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert spaces - set(_LINE_BREAKS) - set(SPACES) == set(_LINE_SPACES)


def _gated(line: str) -> bool:
    """Whether _remove_boilerplate's gates let ``line`` through to classify_line."""
    from policy_nlp.normalize import _chrome_gates, _chrome_triggers

    _head, tail, anywhere = _chrome_triggers()
    gate, tail_gate = _chrome_gates()
    has_tail = any(c in line for c in " \t\x1f") and (tail_gate is None or tail_gate.search(line) is not None)
    return (
        gate.match(line) or (has_tail and tail.search(line) is not None) or anywhere.search(line) is not None
    )


@pytest.mark.parametrize("rule", boilerplate_rules(), ids=lambda r: r.id)
def test_gates_let_every_chrome_example_through(rule: object) -> None:
    from policy_nlp.normalize import BoilerplateRule, _may_be_chrome

    assert isinstance(rule, BoilerplateRule)
    for example in rule.examples:
        for line in (example, f"关于开展劳动竞赛的意见 {example} {example}", f"{example} | {example} 正文"):
            line = fold_width(line).strip()
            if _may_be_chrome(line):
                assert _gated(line), line


@pytest.mark.parametrize(
    ("line", "gated"),
    [
        ("第一条 为了规范管理,制定本办法。", False),
        ("一、总体要求", False),
        ("2011-03-04 来源:本站原创", True),
        ("| 首页 | 网站地图", True),
        ("沪ICP备05004632号 版权", True),
    ],
    ids=["article", "heading", "date-source", "gap-nav", "icp"],
)
def test_gates_agree_with_the_chrome_test(line: str, gated: bool) -> None:
    from policy_nlp.normalize import _may_be_chrome

    assert _gated(line) == gated
    assert _may_be_chrome(line) == gated
