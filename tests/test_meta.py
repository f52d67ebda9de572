"""Header/footer meta: 发文字号 forms, dates, addressees, titles, issuers, genres, resources, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_nlp.io import load
from policy_nlp.model import Meta
from policy_nlp.normalize import normalize
from policy_nlp.resources import read_tsv
from policy_nlp.structure.meta import (
    genre_of,
    is_unbroken,
    parse_date,
    parse_doc_number,
    parse_meta,
    signature_start,
    split_addressees,
)


def _seed_meta(path: Path) -> Meta:
    text, _ = normalize(load(path))
    return parse_meta(text)


# -- 发文字号 -------------------------------------------------------------------------------------
DOC_NUMBERS = [
    ("hexagon", "国发〔2021〕4号", "国发〔2021〕4号"),
    ("square", "国办发[2020]12号", "国办发〔2020〕12号"),
    ("fullwidth_square", "国办发［2020］12号", "国办发〔2020〕12号"),
    ("paren", "京政发(2019)1号", "京政发〔2019〕1号"),
    ("fullwidth_paren", "京政发（2019）1号", "京政发〔2019〕1号"),
    ("lenticular", "财税【2019】13号", "财税〔2019〕13号"),
    ("local_rule", "沪府办规〔2021〕5号", "沪府办规〔2021〕5号"),
    ("party", "中发〔2018〕1号", "中发〔2018〕1号"),
    ("long_prefix", "发改环资〔2021〕1号", "发改环资〔2021〕1号"),
    ("spaces", "国发 〔 2021 〕 4 号", "国发〔2021〕4号"),
    ("di_hao", "国发〔2021〕第4号", "国发〔2021〕4号"),
    ("leading_zero", "国发〔2021〕04号", "国发〔2021〕4号"),
    ("damaged_seed", "沪工总经〔201133", "沪工总经〔2011〕33号"),
    ("damaged_no_hao", "沪工总经〔2011〕33", "沪工总经〔2011〕33号"),
    ("nineties", "劳部发〔1994〕489号", "劳部发〔1994〕489号"),
    ("unfolded_digits", "国发〔２０２１〕４号", "国发〔2021〕4号"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in DOC_NUMBERS], ids=[c[0] for c in DOC_NUMBERS])
def test_doc_number_forms(raw: str, expected: str) -> None:
    assert parse_doc_number(raw) == expected


NOT_DOC_NUMBERS = [
    ("no_bracket", "国发2021年4号"),
    ("not_a_year", "国发〔3021〕4号"),
    ("damaged_with_text_after", "沪工总经〔201133 年度工作"),
    ("sentence", "比上年(2020)增长"),
    ("empty", ""),
]


@pytest.mark.parametrize("raw", [c[1] for c in NOT_DOC_NUMBERS], ids=[c[0] for c in NOT_DOC_NUMBERS])
def test_not_doc_numbers(raw: str) -> None:
    assert parse_doc_number(raw) is None


def test_doc_number_strict() -> None:
    assert parse_doc_number("沪工总经〔201133", strict=True) is None
    assert parse_doc_number("国发〔2021〕4号", strict=True) == "国发〔2021〕4号"


def test_doc_number_table_examples() -> None:
    rows = read_tsv("doc_number.tsv")
    assert [r["form"] for r in rows] == sorted({r["form"] for r in rows})
    for row in rows:
        examples, normalized = row["examples"].split("|"), row["normalized"].split("|")
        assert len(examples) == len(normalized), row["form"]
        for ex, norm in zip(examples, normalized, strict=True):
            assert parse_doc_number(ex) == norm, ex
            assert row["open"] in ex


# -- dates -----------------------------------------------------------------------------------------
DATES = [
    ("cn_full", "二〇一一年二月十五日", "2011-02-15"),
    ("cn_circle", "二○一一年二月", "2011-02"),
    ("cn_ling", "二零二一年十二月三十一日", "2021-12-31"),
    ("cn_damaged_seed", "二一一年二月日", "2011-02"),
    ("digits", "2021年3月5日", "2021-03-05"),
    ("digits_spaced", "2021 年 3 月 5 日", "2021-03-05"),
    ("digits_zero_padded", "2021年03月05日", "2021-03-05"),
    ("month_only", "2021年3月", "2021-03"),
    ("iso", "2021-03-05", "2021-03-05"),
    ("unfolded_digits", "２０２１年３月５日", "2021-03-05"),
    ("dots", "2021.3.5", "2021-03-05"),
    ("in_sentence", "本办法自2021年7月1日起施行", "2021-07-01"),
    ("bad_month", "2021年13月5日", None),
    ("none", "无日期", None),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_date_forms(raw: str, expected: str | None) -> None:
    assert parse_date(raw) == expected


DATE_CHOICE = [
    ("signature_wins", "关于A的通知\n发布日期:2021年3月9日\n正文。\n市政府\n2021年3月5日", "2021-03-05"),
    ("field_when_no_signature", "关于A的通知\n成文日期:2021年3月9日\n正文内容。", "2021-03-09"),
    (
        "header_date",
        "某某条例\n2019年1月20日 某省人民代表大会通过\n第一条 为了规范,制定本条例。",
        "2019-01-20",
    ),
    (
        "regulation_history_latest",
        "# 某市条例\n\n2010年4月2日 某市人民代表大会常务委员会通过\n\n2019年10月31日 某市人民代表大会常务委员会修正\n\n2020年1月1日 施行\n\n第一条 为了规范,制定本条例。",
        "2019-10-31",
    ),
    ("last_date_line", "关于A的通知\n正文。\n2020年1月1日\n附件说明。\n二〇二〇年二月三日", "2020-02-03"),
    ("date_line_in_header_not_signature", "关于A的通知\n(2020年5月6日)\n正文。", "2020-05-06"),
    (
        "transmittal_notice_takes_its_own_signature",
        "某市人民政府办公厅转发市教育局关于加强校园安全工作意见的通知\n各区人民政府:\n"
        "市教育局的意见已经市政府同意,现转发给你们,请认真贯彻执行。\n某市人民政府办公厅\n二〇一九年四月八日\n"
        "关于加强校园安全工作的意见\n市政府:\n为落实校园安全责任,现提出如下意见。\n某市教育局\n二〇一九年三月二十日",
        "2019-04-08",
    ),
    (
        "attachments_with_their_own_signatures",
        "国务院办公厅关于某县地质灾害有关问题的复函\n国办函〔2004〕80号\n某省人民政府:\n你省请示收悉。现函复如下。\n"
        "附件:1.某部关于某县地质险情的报告\n国务院办公厅\n二〇〇四年十一月四日\n附件1\n某部关于某县地质险情的报告\n"
        "国务院:\n现将有关情况报告如下。\n某部\n二〇〇四年十月十日",
        "2004-11-04",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATE_CHOICE], ids=[c[0] for c in DATE_CHOICE])
def test_date_choice(text: str, expected: str) -> None:
    assert parse_meta(text).date == expected


# -- addressees ------------------------------------------------------------------------------------
ADDRESSEES = [
    ("single", "各区县局(产业)工会:", ("各区县局(产业)工会",)),
    (
        "groups",
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:",
        ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"),
    ),
    ("fullwidth", "各区总工会，各产业工会：", ("各区总工会", "各产业工会")),
    ("semicolon", "各设区市人民政府;省各有关部门:", ("各设区市人民政府", "省各有关部门")),
    ("comma_in_parens", "各区县局(产业,直属)工会,各委办局:", ("各区县局(产业,直属)工会", "各委办局")),
    ("trailing_comma", "各有关单位,:", ("各有关单位",)),
]


@pytest.mark.parametrize(("line", "expected"), [c[1:] for c in ADDRESSEES], ids=[c[0] for c in ADDRESSEES])
def test_split_addressees(line: str, expected: tuple[str, ...]) -> None:
    assert split_addressees(line) == expected


def test_addressee_line_found_after_title() -> None:
    text = "关于A的通知\n国发〔2021〕4号\n各省、自治区人民政府,国务院各部委:\n现通知如下。"
    assert parse_meta(text).addressees == ("各省、自治区人民政府", "国务院各部委")


@pytest.mark.parametrize(
    "line", ["现将有关事项通知如下:", "为做好相关工作,特作如下要求:", "根据有关规定:", "附件:"], ids=str
)
def test_preamble_colon_line_is_not_addressee(line: str) -> None:
    assert parse_meta(f"关于A的通知\n{line}\n一、总体要求\n推进。").addressees == ()


INFO_TABLE_LINES = [
    ("empty_keywords", "主 题 词:"),
    ("keywords_value", "主题词: 教育 安全 通知"),
    ("index_and_topic", "索 引 号: 000123/2019-00045 主题分类: 教育:"),
    ("issuing_body", "发布机构: 某市教育局 公开日期:"),
]


@pytest.mark.parametrize("line", [c[1] for c in INFO_TABLE_LINES], ids=[c[0] for c in INFO_TABLE_LINES])
def test_page_information_table_line_is_not_addressee(line: str) -> None:
    text = f"{line}\n\n某市教育局关于做好暑期安全工作的通知\n各区教育局:\n为做好暑期安全工作,现通知如下。"
    assert parse_meta(text).addressees == ("各区教育局",)


def test_colon_line_in_body_is_not_addressee() -> None:
    text = "关于A的通知\n为做好工作,现通知如下。\n各级工会要:\n加强领导。"
    assert parse_meta(text).addressees == ()


# -- titles and issuers ----------------------------------------------------------------------------
TITLES = [
    (
        "one_line",
        "上海市总工会关于开展劳动竞赛的意见\n各区县局(产业)工会:",
        "上海市总工会关于开展劳动竞赛的意见",
    ),
    (
        "broken_after_dun",
        "上海市总工会关于当好主力军、\n打好攻坚战主题活动的意见\n各区县局(产业)工会:",
        "上海市总工会关于当好主力军、打好攻坚战主题活动的意见",
    ),
    (
        "broken_three_lines",
        "江苏省人民政府关于加快推进\n制造业职工技能提升\n工作的实施意见\n各设区市人民政府:",
        "江苏省人民政府关于加快推进制造业职工技能提升工作的实施意见",
    ),
    (
        "web_copy_then_title_block",
        "您的位置:资料中心>重要文件\n某局关于“甲、乙”工作的通知\n2011-03-04 来源:本站原创\n某局关于甲、\n乙工作的通知\n各区:",
        "某局关于甲、乙工作的通知",
    ),
    (
        "issuer_line_then_about",
        "国家发展改革委 财政部\n关于完善补贴政策的通知\n各省:",
        "国家发展改革委 财政部关于完善补贴政策的通知",
    ),
    (
        "issuer_line_then_title_broken",
        "某市粮食局 某市财政局\n关于印发《某市粮食购销举报\n奖励实施细则(试行)》的通知\n某粮规范〔2023〕2号\n各区县:",
        "某市粮食局 某市财政局关于印发《某市粮食购销举报奖励实施细则(试行)》的通知",
    ),
    (
        "court_interpretation_markdown",
        "# 最高人民法院关于审理某类案件适用法律若干问题的解释\n\n2003年12月4日 最高人民法院审判委员会第1299次会议通过"
        "\n\n<!-- INFO END -->\n\n最高人民法院\n\n关于审理某类案件适用法律\n\n若干问题的解释\n\n"
        "为正确审理某类案件,制定本解释。\n\n第一条 人民法院应予受理。",
        "最高人民法院关于审理某类案件适用法律若干问题的解释",
    ),
    ("banner_not_joined", "国务院文件\n国发〔2021〕4号\n国务院关于A的通知\n各省:", "国务院关于A的通知"),
    ("markdown", "# 上海市工会条例\n\n2021年1月1日通过\n\n第一条 为了规范,制定本条例。", "上海市工会条例"),
    ("title_field", "标题:关于A的通知\n发文字号:国发〔2021〕4号\n正文。", "关于A的通知"),
    ("no_genre_word", "职工技能提升工作安排\n各区:\n正文。", "职工技能提升工作安排"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_titles(text: str, expected: str) -> None:
    assert parse_meta(text).title == expected


ISSUERS = [
    ("title_single", "上海市总工会关于开展劳动竞赛的意见\n正文。", ("上海市总工会",)),
    ("title_space", "国家发展改革委 财政部关于完善补贴政策的通知\n正文。", ("国家发展改革委", "财政部")),
    (
        "title_dun",
        "人力资源社会保障部、财政部关于做好培训工作的通知\n正文。",
        ("人力资源社会保障部", "财政部"),
    ),
    (
        "printed_by",
        "中共中央办公厅 国务院办公厅印发《关于A的意见》的通知\n正文。",
        ("中共中央办公厅", "国务院办公厅"),
    ),
    (
        "joint_verb",
        "人力资源社会保障部 财政部联合印发《A办法》的通知\n正文。",
        ("人力资源社会保障部", "财政部"),
    ),
    (
        "signature_block",
        "关于开展技能提升行动的实施方案\n为做好工作,制定本方案。\n江苏省人力资源和社会保障厅\n江苏省财政厅\n2023年5月18日",
        ("江苏省人力资源和社会保障厅", "江苏省财政厅"),
    ),
    (
        "signature_one_line",
        "关于A的实施方案\n为做好工作,制定本方案。\n江苏省人力资源和社会保障厅  江苏省财政厅\n2023年5月18日",
        ("江苏省人力资源和社会保障厅", "江苏省财政厅"),
    ),
    (
        "group_title_signatories",
        "江川市人力资源和社会保障局等三部门关于印发《江川市技能提升行动方案》的通知\n各区人民政府:\n"
        "现将《江川市技能提升行动方案》印发给你们,请认真贯彻执行。\n江川市人力资源和社会保障局\n"
        "江川市教育局\n江川市财政局\n2023年5月18日\n江川市技能提升行动方案\n一、总体要求\n正文。",
        ("江川市人力资源和社会保障局", "江川市教育局", "江川市财政局"),
    ),
    (
        "group_title_without_signatures",
        "人力资源社会保障部等五部门关于做好技能培训工作的通知\n各省、自治区、直辖市人力资源社会保障厅(局):\n正文。",
        ("人力资源社会保障部等五部门",),
    ),
    ("field", "发文机关:国务院办公厅\n关于A的通知\n正文。", ("国务院办公厅",)),
    ("banner", "上海市人民政府文件\n沪府发〔2021〕3号\n上海市促进就业若干规定\n正文。", ("上海市人民政府",)),
    ("quoted_about_is_not_issuer", "《关于A的意见》实施细则\n正文。", ()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ISSUERS], ids=[c[0] for c in ISSUERS])
def test_issuers(text: str, expected: tuple[str, ...]) -> None:
    assert parse_meta(text).issuers == expected


def test_doc_number_from_header_only() -> None:
    text = "关于A的通知\n各区:\n根据《关于B的意见》(国发〔2020〕9号),现通知如下。"
    assert parse_meta(text).doc_number is None
    text = "关于A的通知\n国办发[2020]12号  签发人:张三\n各区:\n正文。"
    assert parse_meta(text).doc_number == "国办发〔2020〕12号"


def test_doc_number_field() -> None:
    assert parse_meta("发文字号:国办发[2020]12号\n关于A的通知\n正文。").doc_number == "国办发〔2020〕12号"


def test_number_printed_after_the_title() -> None:
    m = parse_meta("某省人民政府关于印发安全生产工作要点的通知 (某府〔2022〕9号)\n各市人民政府:\n现印发给你们。")
    assert (m.title, m.doc_number, m.genre) == ("某省人民政府关于印发安全生产工作要点的通知", "某府〔2022〕9号", "通知")


def test_page_summary_block_is_not_the_body() -> None:
    text = (
        "某省人民政府关于印发安全生产工作要点的通知\n核心提示:\n《安全生产工作要点》已经省政府同意,现印发给你们。\n"
        "各市人民政府,省政府各部门:\n《安全生产工作要点》已经省政府同意,现印发给你们。\n某省人民政府\n2022年3月1日"
    )
    assert parse_meta(text).addressees == ("各市人民政府", "省政府各部门")


# -- genres ----------------------------------------------------------------------------------------
GENRES = [
    ("yijian", "上海市总工会关于开展活动的意见", "意见"),
    ("zhidao_yijian", "关于推进创新活动的指导意见", "意见"),
    ("shishi_yijian", "关于加强队伍建设的实施意见", "意见"),
    ("tongzhi_of_plan", "国务院办公厅关于印发《职业技能提升行动方案》的通知", "通知"),
    ("guihua", "上海职工素质工程十二五发展规划", "规划"),
    ("fangan_years", "北川县推进城乡环境综合整治三年行动方案(2023—2025年)", "方案"),
    ("banfa_trial", "上海市职工教育经费管理办法(试行)", "办法"),
    ("banfa_draft", "上海市职工教育经费管理办法（征求意见稿）", "办法"),
    ("tiaoli", "上海市工会条例", "条例"),
    ("xize", "上海市职工教育经费管理实施细则", "细则"),
    ("gangyao", "上海市国民经济和社会发展第十二个五年规划纲要", "纲要"),
    ("fuhan", "国务院办公厅关于同意建立联席会议制度的复函", "函"),
    ("law", "中华人民共和国工会法", "法"),
    ("jihua", "农民工技能提升三年行动计划", "计划"),
    ("none", "工作总结", None),
    ("bare_word", "通知", None),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in GENRES], ids=[c[0] for c in GENRES])
def test_genre_of(title: str, expected: str | None) -> None:
    assert genre_of(title) == expected


def test_genre_table_examples() -> None:
    rows = read_tsv("genres.tsv")
    suffixes = [r["suffix"] for r in rows]
    assert suffixes == sorted(set(suffixes))
    for row in rows:
        for example in row["examples"].split("|"):
            assert example.endswith(row["suffix"]), example
            assert genre_of(example) == row["genre"], example


# -- signature -------------------------------------------------------------------------------------
def test_signature_start() -> None:
    text = "一、要求\n做好工作。\n上海市总工会\n2011年2月15日\n(此件公开发布)"
    assert text[signature_start(text) :].startswith("上海市总工会\n2011年2月15日")
    transmittal = "关于印发A方案的通知\n现印发给你们。\n某省政府办公厅\n2022年4月12日\nA方案\n一、目标\n到2025年达到30%。"
    assert signature_start(transmittal) == len(transmittal)
    assert signature_start("") == 0


# -- the seed --------------------------------------------------------------------------------------
def test_seed(seed_path: Path) -> None:
    meta = _seed_meta(seed_path)
    assert (
        meta.title == "上海市总工会关于广泛深入开展当好科学发展主力军、打好创新转型攻坚战主题实践活动的意见"
    )
    assert meta.doc_number == "沪工总经〔2011〕33号"
    assert meta.issuers == ("上海市总工会",)
    assert meta.addressees == ("各区县局(产业)工会",)
    assert meta.date == "2011-02"
    assert meta.genre == "意见"


def test_seed_raw_with_boilerplate(seed_path: Path) -> None:
    """The unnormalized scrape (web-page lines still present) gives the same meta."""
    raw = seed_path.read_text(encoding="utf-8")
    assert parse_meta(raw) == _seed_meta(seed_path)


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    meta = parse_meta(text)
    assert meta.date is None or len(meta.date) in (7, 10)


# -- issue 12: one-line notices, work reports, spaced titles (texts written after real documents) -----
_FILLER = "各地区要加强统筹协调,完善工作机制,细化落实措施,确保各项任务按期完成。" * 25
_UNBROKEN_NOTICE = (
    "国务院办公厅关于印发农村供水保障改革方案的通知国办发〔2021〕7号\n\n"
    "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:《农村供水保障改革方案》已经国务院同意,"
    "现印发给你们,请认真贯彻落实。国务院办公厅2021年3月9日(此件公开发布)\n\n农村供水保障改革方案\n\n"
    "为做好农村供水保障工作,制定本方案。一、总体要求坚持以人民为中心。" + _FILLER + "二、主要任务(一)巩固供水成果。"
    + _FILLER + "三、保障措施(一)加强组织领导。" + _FILLER
)
_ONE_LINE_PLAN = (
    "国务院关于印发全国水土保持“十二五”规划的通知国发〔2012〕31号 各省、自治区、直辖市人民政府,"
    "国务院各部委、各直属机构:   现将《全国水土保持“十二五”规划》印发给你们,请认真贯彻执行。"
    "                    国  务  院                    二○一二年六月十八日  全国水土保持“十二五”规划   "
    "保护水土资源是基本国策。   一、发展形势   " + _FILLER + "   二、主要目标   " + _FILLER
)
UNBROKEN_META = [
    (
        "title_glued_to_number_addressees_glued_to_body",
        _UNBROKEN_NOTICE,
        ("国务院办公厅关于印发农村供水保障改革方案的通知", "国办发〔2021〕7号", ("国务院办公厅",),
         ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"), "2021-03-09", "通知"),
    ),
    (
        "whole_text_on_one_line_spaced_signature",
        _ONE_LINE_PLAN,
        ("国务院关于印发全国水土保持“十二五”规划的通知", "国发〔2012〕31号", ("国务院",),
         ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"), "2012-06-18", "通知"),
    ),
    (
        "chinese_date_glued_to_signature",
        _UNBROKEN_NOTICE.replace("2021年3月9日", "二〇二一年三月九日"),
        ("国务院办公厅关于印发农村供水保障改革方案的通知", "国办发〔2021〕7号", ("国务院办公厅",),
         ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"), "2021-03-09", "通知"),
    ),
    (
        "glued_number_in_a_text_with_line_breaks",
        "财政部关于加强行政事业单位资产管理的通知财资〔2020〕12号\n各省、自治区、直辖市财政厅(局):\n"
        "为加强资产管理,现通知如下。\n财政部\n2020年4月2日",
        ("财政部关于加强行政事业单位资产管理的通知", "财资〔2020〕12号", ("财政部",),
         ("各省、自治区、直辖市财政厅(局)",), "2020-04-02", "通知"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in UNBROKEN_META], ids=[c[0] for c in UNBROKEN_META])
def test_issue_12_unbroken_notice_meta(text: str, expected: tuple[object, ...]) -> None:
    m = parse_meta(text)
    assert (m.title, m.doc_number, m.issuers, m.addressees, m.date, m.genre) == expected


def test_issue_12_short_text_is_not_unbroken() -> None:
    text = "国务院办公厅关于做好某项工作的通知\n各省人民政府:\n现通知如下。一、总体要求。二、主要任务。\n国务院办公厅\n2021年3月9日"
    assert not is_unbroken(text)
    assert parse_meta(text).date == "2021-03-09"


_REPORT = (
    "政 府 工 作 报 告\n\n——2020年1月8日在扎兰屯市第十届人民代表大会第四次会议上\n\n"
    "扎兰屯市人民政府市长  李文华\n\n各位代表:\n\n现在,我代表市人民政府向大会报告工作,请予审议。\n\n"
    "一、2019年工作回顾\n\n过去的一年,全市经济稳中有进。\n\n二、2020年工作安排\n\n今年要做好以下工作。"
)
REPORTS = [
    ("spaced_title_speaker_line", _REPORT, ("政 府 工 作 报 告", ("扎兰屯市人民政府",), "报告", "2020-01-08")),
    (
        "acting_head_packed_title",
        _REPORT.replace("政 府 工 作 报 告", "政府工作报告").replace("市人民政府市长  李文华", "市人民政府代市长 王建国"),
        ("政府工作报告", ("扎兰屯市人民政府",), "报告", "2020-01-08"),
    ),
    (
        "title_lost_delivered_line_gives_genre",
        _REPORT.replace("政 府 工 作 报 告\n\n——", "—"),
        (None, ("扎兰屯市人民政府",), "报告", "2020-01-08"),
    ),
    (
        "district_government_of_a_city",
        _REPORT.replace("扎兰屯市人民政府市长  李文华", "呼伦贝尔市扎兰屯区人民政府区长  李文华"),
        ("政 府 工 作 报 告", ("呼伦贝尔市扎兰屯区人民政府",), "报告", "2020-01-08"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in REPORTS], ids=[c[0] for c in REPORTS])
def test_issue_12_work_report_meta(text: str, expected: tuple[object, ...]) -> None:
    m = parse_meta(text)
    assert (m.title, m.issuers, m.genre, m.date) == expected


SPACED_ISSUERS = [
    ("place_spaced_from_body", "广州市 住房和城乡建设局 关于做好公共租赁住房保障工作的通知\n正文。", ("广州市住房和城乡建设局",)),
    ("two_bodies_spaced", "上海市总工会 上海市财政局关于做好职工培训的通知\n正文。", ("上海市总工会", "上海市财政局")),
    ("places_listed_with_dunhao", "北京市、天津市人民政府关于联合治理大气污染的意见\n正文。", ("北京市", "天津市人民政府")),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SPACED_ISSUERS], ids=[c[0] for c in SPACED_ISSUERS])
def test_issue_12_title_issuers_spaced(text: str, expected: tuple[str, ...]) -> None:
    assert parse_meta(text).issuers == expected


SELF_GENRES = [
    ("excerpt_of_measures", "第二条 在本市开展养老服务,适用本办法。\n第三条 本办法所称服务对象是指老年人。", "办法"),
    ("excerpt_of_rules", "第五条 本细则由市民政局负责解释。\n第六条 本细则自发布之日起施行。", "细则"),
    ("named_once_only", "第二条 在本市开展养老服务,适用本办法。\n第三条 服务对象是指老年人。", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SELF_GENRES], ids=[c[0] for c in SELF_GENRES])
def test_issue_12_genre_of_an_excerpt_without_title(text: str, expected: str | None) -> None:
    assert parse_meta(text).genre == expected


SPACED_GENRES = [
    ("whole_title_spaced", "政 府 工 作 报 告", "报告"),
    ("last_line_spaced", "国务院关于棉粮挂钩奖售粮几 个 问 题 的 通 知", "通知"),
    ("ordinary_spaces", "国务院 关于 加强管理的 意见", "意见"),
    ("spaced_non_genre", "工 作 总 结", None),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in SPACED_GENRES], ids=[c[0] for c in SPACED_GENRES])
def test_issue_12_spaced_genre(title: str, expected: str | None) -> None:
    assert genre_of(title) == expected


def test_issue_12_long_paragraph_in_a_text_with_line_breaks_is_not_unbroken() -> None:
    paragraph = "具体要求如下。一、加强领导。" + _FILLER + "二、完善机制。"
    items = [f"({n})做好第{n}项工作,明确责任分工。" for n in "一二三四五六七八九十"]
    text = "某市关于做好某项工作的通知\n" + "\n".join(["一、总体要求", paragraph, "二、主要任务", *items, "三、保障措施", *items])
    assert not is_unbroken(text)
    assert is_unbroken(paragraph)
