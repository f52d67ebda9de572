"""Citations: table-driven rules, resource examples, the seed and synthetic gold, invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp.extract.citations import _kind_of, find_citations, governing_verb
from policy_nlp.model import Citation
from policy_nlp.resolve import SELF_KEY, canonical_body, citation_key
from policy_nlp.resources import read_tsv

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _one(text: str, kind: str | None = None) -> Citation:
    cs = [c for c in find_citations(text) if kind is None or c.kind == kind]
    assert len(cs) >= 1, text
    return cs[0]


def _check_invariants(text: str, cs: list[Citation]) -> None:
    assert [c.id for c in cs] == [f"C{i}" for i in range(1, len(cs) + 1)]
    assert [(c.start, -c.end) for c in cs] == sorted((c.start, -c.end) for c in cs)
    for c in cs:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.rule.startswith("citations.") and c.rule.endswith(".v1")


# -- table-driven: (sentence, text, kind, issuer, relation, planned) ------------------------------
CASES = [
    ("bracketed-with-verb", "深入贯彻落实《关于推动职工书屋建设的指导意见》,扎实推进各项工作。",
     "关于推动职工书屋建设的指导意见", "policy", None, "implements", False),
    ("issuer-outside", "认真贯彻全国总工会《关于加强新就业形态劳动者权益保障工作的意见》。",
     "关于加强新就业形态劳动者权益保障工作的意见", "policy", "全国总工会", "implements", False),
    ("issuer-compound", "贯彻落实全总等四部委《关于开展职工互助保障活动的意见》。",
     "关于开展职工互助保障活动的意见", "policy", "全总等四部委", "implements", False),
    ("issuer-printed", "要认真学习中共中央 国务院印发的《关于构建和谐劳动关系的意见》。",
     "关于构建和谐劳动关系的意见", "policy", "中共中央 国务院", "cites", False),
    ("issuer-in-title", "落实《国务院关于加强职业培训促进就业的意见》要求。",
     "国务院关于加强职业培训促进就业的意见", "policy", "国务院", "implements", False),
    ("issuer-after-date", "2004年11月11日河南省人民代表大会常务委员会《关于修改部分地方性法规的决定》修正",
     "关于修改部分地方性法规的决定", "policy", "河南省人民代表大会常务委员会", "cites", False),
    ("issuer-after-words", "现决定对最高人民法院《关于审理劳动争议案件适用法律若干问题的解释》予以修改。",
     "关于审理劳动争议案件适用法律若干问题的解释", "law", "最高人民法院", "cites", False),
    ("issuer-after-session", "北京市第十届人民代表大会常务委员会第三十六次会议通过的《关于修改〈北京市禁止赌博条例〉的决定》修正",
     "关于修改〈北京市禁止赌博条例〉的决定", "policy", "北京市人民代表大会常务委员会", "cites", False),
    ("formulates-planned", "年内研究制定《关于规范职工疗休养活动的管理办法》。",
     "关于规范职工疗休养活动的管理办法", "policy", None, "formulates", True),
    ("formulates-done", "市总工会已制定《职工疗休养管理办法》,各单位遵照执行。",
     "职工疗休养管理办法", "policy", None, "formulates", False),
    ("based-on-law", "依照《中华人民共和国劳动合同法》的规定,订立劳动合同。",
     "中华人民共和国劳动合同法", "law", None, "based_on", False),
    ("plan", "围绕《上海市国民经济和社会发展第十三个五年规划纲要》确定的目标任务。",
     "上海市国民经济和社会发展第十三个五年规划纲要", "plan", None, "cites", False),
    ("newspaper", "在《人民日报》发表署名文章。", "人民日报", "other", None, "cites", False),
    ("book-unknown-ending", "组织职工阅读《平凡的世界》。", "平凡的世界", "other", None, "cites", False),
    ("line-break-in-title", "按照《关于进一步做好职工\n帮扶工作的通知》要求。",
     "关于进一步做好职工\n帮扶工作的通知", "policy", None, "based_on", False),
]


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "issuer", "relation", "planned"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_bracketed_title(
    sentence: str, text: str, kind: str, issuer: str | None, relation: str, planned: bool
) -> None:
    c = next(c for c in find_citations(sentence) if c.kind != "meeting")
    assert (c.text, c.kind, c.issuer, c.relation, c.planned) == (text, kind, issuer, relation, planned)
    _check_invariants(sentence, find_citations(sentence))


def test_line_break_title_normalized() -> None:
    c = _one("按照《关于进一步做好职工\n帮扶工作的通知》要求。")
    assert c.title == "关于进一步做好职工帮扶工作的通知"


def test_title_inside_title_is_one_citation() -> None:
    for s in ("根据《关于修改〈中华人民共和国工会法〉的决定》,", "根据《关于修改《中华人民共和国工会法》的决定》,"):
        cs = [c for c in find_citations(s) if c.kind != "short"]
        assert len(cs) == 1
        assert cs[0].title == "关于修改中华人民共和国工会法的决定"
        assert cs[0].kind == "policy"


def test_quotes_inside_title_ignored_in_key() -> None:
    a = _one("贯彻《关于开展“安康杯”竞赛活动的通知》。")
    b = _one("贯彻《关于开展安康杯竞赛活动的通知》。")
    assert a.resolved == b.resolved
    assert a.title == "关于开展安康杯竞赛活动的通知"


def test_unclosed_bracket_is_no_citation() -> None:
    assert [c for c in find_citations("《关于加强" + "工作" * 80 + "。") if c.kind != "short"] == []


@pytest.mark.parametrize(
    ("sentence", "articles"),
    [
        ("依照《中华人民共和国工会法》第二十一条的规定", ("第二十一条",)),
        ("根据《中华人民共和国劳动法》第四十四条、第四十五条", ("第四十四条", "第四十五条")),
        ("按照《上海市工会条例》第十条第二款执行", ("第十条第二款",)),
        ("依照《中华人民共和国刑法》第一百二十条之一、第二百八十七条之二的规定", ("第一百二十条之一", "第二百八十七条之二")),
        ("适用《中华人民共和国民法典》第一千一百六十五条第二款", ("第一千一百六十五条第二款",)),
    ],
    ids=["one", "two", "with-clause", "inserted-articles", "four-digit"],
)
def test_law_articles(sentence: str, articles: tuple[str, ...]) -> None:
    c = _one(sentence)
    assert c.kind == "law"
    assert c.articles == articles
    assert "第" not in c.text


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("贯彻落实《国务院关于加强职业培训促进就业的意见》(国发〔2010〕36号)", "国发〔2010〕36号"),
        ("执行《关于做好高温天气劳动保护工作的通知》(沪人社规[2016]12号)", "沪人社规〔2016〕12号"),
        ("按照《关于调整本市最低工资标准的通知》（沪人社综发［2019］21号）", "沪人社综发〔2019〕21号"),
    ],
    ids=["hex-bracket", "square", "full-width"],
)
def test_number_after_title(sentence: str, number: str) -> None:
    c = _one(sentence)
    assert c.doc_number == number
    assert c.resolved == "no:" + number


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("按照沪府发〔2011〕5号文件要求,抓好落实。", "沪府发〔2011〕5号"),
        ("根据国办发(2019)24号精神,做好职业技能提升工作。", "国办发〔2019〕24号"),
        ("最高人民法院以法发〔1993〕15号文件印发。", "法发〔1993〕15号"),
    ],
    ids=["hex", "paren", "trim-issuer-words"],
)
def test_bare_doc_number(sentence: str, number: str) -> None:
    c = _one(sentence)
    assert (c.doc_number, c.title, c.rule) == (number, number, "citations.doc_number.v1")
    assert c.text.startswith(number[:2]) and c.text.endswith("号")
    assert c.resolved == "no:" + number


def test_header_number_is_not_a_citation() -> None:
    text = "上海市总工会关于开展劳动竞赛的通知\n沪工总发〔2013〕4号\n各区县局(产业)工会:\n"
    assert find_citations(text) == []


OWN_NUMBER_PAGES = [
    ("info_table_field", "索 引 号: 0012/2020-0034 主题分类: 教育\n发文字号: 某教发〔2020〕8号 发布日期: 2020年6月2日\n"),
    ("info_table_short_label", "文号:某教发〔2020〕8号\n"),
    ("own_number_repeated", "某教发〔2020〕8号\n请按某教发〔2020〕8号要求报送材料。\n"),
    ("site_table_with_bars", "发布文号 | 某教发〔2020〕8号 |\n"),
    ("number_after_title_line", "某市教育局关于做好安全工作的通知 (某教发〔2020〕8号)\n"),
    ("number_glued_to_title", "某市教育局关于做好安全工作的通知某教发〔2020〕8号 各区教育局:\n"),
    ("issuer_code_longer_than_six", "穗天科工信规字〔2023〕1号\n"),
]


@pytest.mark.parametrize("head", [c[1] for c in OWN_NUMBER_PAGES], ids=[c[0] for c in OWN_NUMBER_PAGES])
def test_own_number_of_a_page_is_not_a_citation(head: str) -> None:
    text = head + "某市教育局关于做好暑期安全工作的通知\n各区教育局:\n依据某教办〔2019〕12号文件,做好安全工作。\n"
    assert [c.title for c in find_citations(text) if c.kind != "short"] == ["某教办〔2019〕12号"]


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("为深入贯彻党的十七届五中全会精神", "党的十七届五中全会"),
        ("认真落实九届市委十四次全会提出的要求", "九届市委十四次全会"),
        ("落实全总十五届五次执委会部署", "全总十五届五次执委会"),
        ("贯彻市总十二届八次全委(扩大)会议精神", "市总十二届八次全委(扩大)会议"),
        ("第十三届全国人民代表大会常务委员会第三十二次会议通过", "第十三届全国人民代表大会常务委员会第三十二次会议"),
        ("学习贯彻党的二十大精神", "党的二十大"),
        ("(2021年9月28日上海市第十五届人民代表大会常务委员会第三十五次会议通过)",
         "上海市第十五届人民代表大会常务委员会第三十五次会议"),
        ("2015年6月1日日照市第十七届人民代表大会常务委员会第二十次会议通过", "日照市第十七届人民代表大会常务委员会第二十次会议"),
        ("经上海市第十四届人民代表大会常务委员会第三次会议通过", "上海市第十四届人民代表大会常务委员会第三次会议"),
    ],
    ids=["party-plenum", "city-plenum", "acftu-exec", "enlarged", "npcsc", "congress", "after-date", "rizhao", "after-verb"],
)
def test_meetings(sentence: str, mention: str) -> None:
    c = _one(sentence, "meeting")
    assert c.text == mention
    assert c.resolved is not None and c.resolved.startswith("m:")


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("2010年7月23日 广东省第十一届人民代表大会常务委员会第二十次会议《关于修改部分地方性法规的决定》修正",
         "广东省人民代表大会常务委员会"),
        ("2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第二次修正",
         "全国人民代表大会常务委员会"),
    ],
    ids=["provincial", "national"],
)
def test_decision_of_a_congress_session_takes_its_issuer(sentence: str, issuer: str) -> None:
    meeting, decision = find_citations(sentence)
    assert meeting.kind == "meeting" and meeting.text.endswith("次会议")
    assert decision.issuer == issuer
    assert decision.resolved == citation_key(decision.title, issuer=issuer)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("贯彻落实全国总工会《关于加强新就业形态劳动者权益保障工作的意见》。",
         "中华全国总工会关于加强新就业形态劳动者权益保障工作的意见"),
        ("认真执行人社部《关于推进技工院校改革创新的若干意见》。", "人力资源和社会保障部关于推进技工院校改革创新的若干意见"),
        ("贯彻落实全总等四部委《关于开展职工互助保障活动的意见》。", "关于开展职工互助保障活动的意见"),
        ("落实市政府《关于加快本市职业教育发展的意见》。", "关于加快本市职业教育发展的意见"),
        ("按照《关于做好高校毕业生就业工作的通知》要求", "关于做好高校毕业生就业工作的通知"),
    ],
    ids=["acftu-alias", "ministry-alias", "several-issuers", "relative-issuer", "no-issuer"],
)
def test_title_takes_the_full_name_of_one_issuer_outside_brackets(sentence: str, title: str) -> None:
    (c,) = find_citations(sentence)
    assert c.title == title
    assert c.text == sentence[c.start : c.end] and c.text.startswith("关于")


def test_one_policy_cited_with_and_without_issuer_in_title_is_one_title() -> None:
    cs = find_citations("贯彻落实《中华全国总工会关于加强班组建设的意见》。深入落实全国总工会《关于加强班组建设的意见》。")
    assert len({c.title for c in cs}) == 1 and len({c.resolved for c in cs}) == 1


@pytest.mark.parametrize(
    ("sentence", "text", "number"),
    [
        ("根据《工伤保险条例》（国务院令第375号）的规定,制定本办法。", "工伤保险条例", "国务院令第375号"),
        ("依照国务院令第588号的规定执行。", "国务院令第588号", "国务院令第588号"),
        ("按照人力资源和社会保障部令第43号执行。", "人力资源和社会保障部令第43号", "人力资源和社会保障部令第43号"),
        ("《中华人民共和国劳动合同法》（中华人民共和国主席令第六十五号）", "中华人民共和国劳动合同法", "主席令第65号"),
    ],
    ids=["after-title", "bare", "ministry", "presidential-cn-numeral"],
)
def test_order_numbers(sentence: str, text: str, number: str) -> None:
    c = next(c for c in find_citations(sentence) if c.kind != "short")
    assert (c.text, c.doc_number, c.resolved) == (text, number, "no:" + number)


@pytest.mark.parametrize(
    "header",
    ["2017年11月22日 中华人民共和国国务院令第692号", "中华人民共和国国务院令\n第692号", "（国务院令第692号）"],
    ids=["history-line", "order-banner", "in-brackets"],
)
def test_order_number_alone_on_its_line_is_the_texts_own(header: str) -> None:
    text = f"# 某某条例实施细则\n\n{header}\n\n第一条 依照国务院令第588号的规定,制定本细则。"
    assert [c.doc_number for c in find_citations(text) if c.kind != "short"] == ["国务院令第588号"]


def test_own_promulgation_order_number_is_no_citation() -> None:
    cs = find_citations("（2003年4月27日中华人民共和国国务院令第375号公布　根据2010年12月20日《国务院关于修改〈工伤保险条例〉的决定》修订）")
    assert [c.title for c in cs] == ["国务院关于修改工伤保险条例的决定"]


@pytest.mark.parametrize(
    "text",
    [
        "按照《国务院关于加强职业培训的决定》(国发〔2004〕20号,以下简称《决定》)精神,各地要按照《决定》要求执行。",
        "贯彻《国务院关于加强职业培训的决定》(以下简称《决定》),各地要按照《决定》要求执行。",
        "贯彻《国务院关于加强职业培训的决定》,以下简称《决定》,各地要按照《决定》要求执行。",
    ],
    ids=["inside-number-parens", "own-parens", "after-comma"],
)
def test_alias_definition_forms(text: str) -> None:
    full, short = find_citations(text)
    assert (full.kind, short.kind, short.rule) == ("policy", "short", "citations.short_alias.v1")
    assert short.resolved == full.resolved and text.count("《决定》") == 2


def test_verb_is_not_part_of_a_place() -> None:
    (c,) = find_citations("为贯彻落实广东省第十一届人民代表大会常务委员会第二十次会议精神")
    assert c.text == "广东省第十一届人民代表大会常务委员会第二十次会议"


def test_short_alias_resolves_to_full() -> None:
    text = ("贯彻落实《上海市总工会关于加强职工技能培训工作的意见》(以下简称《意见》)。"
            "各级工会要按照《意见》要求,做好培训工作。")
    cs = find_citations(text)
    full = [c for c in cs if c.kind == "policy"]
    short = [c for c in cs if c.kind == "short"]
    assert len(full) == 1 and len(short) == 1
    assert short[0].text == "意见" and short[0].resolved == full[0].resolved
    assert short[0].rule == "citations.short_alias.v1"


def test_self_and_this_references() -> None:
    text = "根据《关于加强班组建设的指导意见》,制定本办法。该意见未作规定的,依照本办法执行。"
    cs = find_citations(text)
    selfs = [c for c in cs if c.rule == "citations.short_self.v1"]
    this = [c for c in cs if c.rule == "citations.short_this.v1"]
    assert [c.text for c in selfs] == ["本办法", "本办法"]
    assert all(c.resolved == SELF_KEY for c in selfs)
    assert this[0].text == "该意见"
    assert this[0].resolved == citation_key("关于加强班组建设的指导意见")


def test_attachment_of_issuing_notice_is_self() -> None:
    text = "某省人民政府办公厅关于印发某省职工技能提升行动实施方案的通知\n《某省职工技能提升行动实施方案》已经省政府同意,现印发给你们。"
    (c,) = find_citations(text)
    assert (c.kind, c.rule, c.resolved) == ("short", "citations.attached.v1", SELF_KEY)
    forwarded = "关于转发《国务院关于加强职业培训的意见》的通知\n现将《国务院关于加强职业培训的意见》转发给你们。"
    assert {c.kind for c in find_citations(forwarded)} == {"policy"}


def test_bare_genre_title_is_short() -> None:
    text = "贯彻落实《国务院关于推行终身职业技能培训制度的意见》。《意见》指出,要加强技能人才培养。"
    full, short = find_citations(text)
    assert (short.kind, short.rule, short.resolved) == ("short", "citations.short_genre.v1", full.resolved)
    (alone,) = find_citations("《意见》指出,要加强技能人才培养。")
    assert (alone.kind, alone.resolved) == ("short", None)


def test_basic_law_is_not_self() -> None:
    assert [c for c in find_citations("特别行政区基本法规定") if c.kind == "short"] == []


def test_short_law_name_shares_key_with_full_name() -> None:
    cs = find_citations("根据《中华人民共和国工会法》制定。依照《工会法》第九条。")
    assert cs[0].resolved == cs[1].resolved == "t:工会法"


def test_bare_title_takes_key_of_issuer_title_in_document() -> None:
    text = "贯彻《中华全国总工会关于加强职工书屋建设的意见》。落实《关于加强职工书屋建设的意见》。"
    cs = find_citations(text)
    assert cs[0].resolved == cs[1].resolved


def test_unbracketed_title_after_verb() -> None:
    c = _one("认真贯彻落实关于进一步加强职工帮扶工作的意见,切实做好帮扶。")
    assert c.rule == "citations.unbracketed.v1"
    assert c.text == "关于进一步加强职工帮扶工作的意见"


def test_governing_verb_prefers_latest_longest() -> None:
    assert governing_verb("认真贯彻落实") == "贯彻落实"
    assert governing_verb("研究制定") == "研究制定"
    assert governing_verb("加强领导") is None


# -- resources: every example is found, rows unique and sorted ----------------------------------
@pytest.mark.parametrize("name", ["aliases.tsv", "citation_actions.tsv", "citation_genres.tsv", "non_policy_titles.tsv"])
def test_resource_rows_unique_and_sorted(name: str) -> None:
    rows = read_tsv(name)
    first = [next(iter(r.values())) for r in rows]
    assert first == sorted(first)
    assert len(set(first)) == len(first)
    assert all(r["examples"] for r in rows)


@pytest.mark.parametrize("row", read_tsv("citation_actions.tsv"), ids=lambda r: r["verb"])
def test_action_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        c = _one(example)
        assert c.action == row["verb"], (example, c.action)
        assert c.relation == row["relation"]
        assert c.planned == (row["planned"] == "1")


@pytest.mark.parametrize("row", read_tsv("citation_genres.tsv"), ids=lambda r: r["suffix"])
def test_genre_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        assert _kind_of(example) == row["kind"]
        assert _one(f"贯彻《{example}》。").kind == row["kind"]


@pytest.mark.parametrize("row", read_tsv("non_policy_titles.tsv"), ids=lambda r: r["title"])
def test_non_policy_examples(row: dict[str, str]) -> None:
    c = _one(row["examples"])
    assert c.title == row["title"] and c.kind == "other"


@pytest.mark.parametrize("row", read_tsv("aliases.tsv"), ids=lambda r: r["canonical"])
def test_alias_examples(row: dict[str, str]) -> None:
    for example in row["examples"].split("|"):
        c = _one("贯彻落实" + example)
        assert c.issuer is not None
        assert canonical_body(c.issuer) == row["canonical"]


# -- the seed --------------------------------------------------------------------------------------
def _seed_citations(path: Path, normalized: bool) -> tuple[str, list[Citation]]:
    if normalized:
        from policy_nlp.io import load
        from policy_nlp.normalize import normalize

        text, _ = normalize(load(path))
    else:
        text = path.read_text(encoding="utf-8")
    return text, find_citations(text)


def _gold_match(gold_title: str, gold_issuer: str | None, cs: list[Citation]) -> list[Citation]:
    key = citation_key(gold_title)
    return [c for c in cs if c.title == gold_title or c.resolved == key
            or (gold_issuer and c.title == gold_title and c.issuer and gold_issuer in c.issuer)]


@pytest.mark.parametrize("normalized", [False, True], ids=["raw", "normalized"])
def test_seed_gold(seed_path: Path, normalized: bool) -> None:
    text, cs = _seed_citations(seed_path, normalized)
    _check_invariants(text, cs)
    gold = json.loads(seed_path.with_name("shanghai_acftu_2011.gold.json").read_text(encoding="utf-8"))
    titled = [c for c in cs if c.kind in ("policy", "law", "plan")]
    matched: set[str] = set()
    for g in gold["citations"]:
        hits = _gold_match(g["title"], g.get("issuer_contains"), titled)
        assert hits, g["title"]
        assert len(hits) == g.get("mentions", 1), g["title"]
        assert len({c.resolved for c in hits}) == 1
        assert all(c.planned == g.get("planned", False) for c in hits), g["title"]
        if "issuer_contains" in g:
            assert any(c.issuer and g["issuer_contains"] in c.issuer for c in hits)
        matched.update(c.id for c in hits)
    assert {c.id for c in titled} == matched  # precision: nothing else was reported as a policy
    meetings = [c.text for c in cs if c.kind == "meeting"]
    assert meetings == ["党的十七届五中全会", "九届市委十四次全会", "全总十五届五次执委会", "市总十二届八次全委(扩大)会议"]


def test_seed_resolution_twice_cited_resolution(seed_path: Path) -> None:
    _, cs = _seed_citations(seed_path, False)
    resolutions = [c for c in cs if c.title.endswith("创先争优建功立业的决议")]
    assert len(resolutions) == 2
    assert resolutions[0].title.startswith("中华全国总工会")
    assert resolutions[1].issuer == "全国总工会"
    assert resolutions[0].resolved == resolutions[1].resolved


# -- synthetic corpus with gold --------------------------------------------------------------------
@pytest.mark.parametrize("gold_path", sorted(CORPORA.glob("cite_*.gold.json")), ids=lambda p: p.stem)
def test_synthetic_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold["source"]).read_text(encoding="utf-8")
    cs = find_citations(text)
    _check_invariants(text, cs)
    for g in gold["citations"]:
        key = citation_key(g["title"], doc_number=g.get("doc_number"), issuer=g.get("issuer_contains"))
        hits = [c for c in cs if c.title == g["title"] or c.resolved == key]
        assert hits, g["title"]
        assert len(hits) == g.get("mentions", 1), g["title"]
        assert all(c.planned == g.get("planned", False) for c in hits)
        if "articles" in g:
            assert hits[0].articles == tuple(g["articles"])
        if "issuer_contains" in g:
            assert any(c.issuer and g["issuer_contains"] in c.issuer for c in hits)
    for t in gold.get("non_policy_citations", []):
        assert any(c.title == t and c.kind == "other" for c in cs)
    for t in gold.get("meetings", []):
        assert any(c.text == t and c.kind == "meeting" for c in cs)


# -- properties ------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("《》〈〉〔〕()（）[]号关于的意见通知本该法条第十二届次全会党贯彻落实制定2011,。\n 国发沪")),
               max_size=120))
def test_no_crash_and_invariants(text: str) -> None:
    _check_invariants(text, find_citations(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_no_crash_on_any_unicode(text: str) -> None:
    _check_invariants(text, find_citations(text))


# issue 12: a notice's own enclosed document and its own title are no cited policies
ENCLOSED = [
    ("two_enclosed", "某省人民政府办公厅关于印发两个规定的通知\n有关部门拟定的《经营性事业单位转制为企业的规定》和《进一步支持文化企业发展的规定》"
     "已经省政府同意,现印发给你们,请认真贯彻执行。",
     ["经营性事业单位转制为企业的规定", "进一步支持文化企业发展的规定"]),
    ("no_line_breaks", "国务院办公厅关于印发某领域财政事权划分改革方案的通知国办发〔2020〕13号 各省人民政府:"
     "《某领域财政事权划分改革方案》已经国务院同意,现印发给你们。", ["某领域财政事权划分改革方案"]),
    ("title_with_guanyu", "某市卫生健康委关于印发推进家庭医生签约服务实施方案的通知\n为做好签约服务,制定《关于推进家庭医生签约服务实施方案》。",
     ["关于推进家庭医生签约服务实施方案"]),
    ("title_split_over_lines", "国务院关于印发\n《某机关工作规则》的通知\n某发〔2004〕18号\n各部门:\n《某机关工作规则》已经常务会议修订通过,现予印发。",
     ["某机关工作规则", "某机关工作规则"]),
    ("issued_for_implementation", "某区科技局关于印发某区支持青年创业实施办法的通知\n《某区支持青年创业实施办法》已经区政府同意,现印发实施。",
     ["某区支持青年创业实施办法"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "titles"), [c[1:] for c in ENCLOSED], ids=[c[0] for c in ENCLOSED])
def test_enclosed_document_formulates_itself(text: str, titles: list[str]) -> None:
    cs = find_citations(text)
    attached = [c for c in cs if c.rule == "citations.attached.v1"]
    assert [c.title for c in attached] == titles
    assert {(c.kind, c.relation, c.resolved) for c in attached} == {("short", "formulates", SELF_KEY)}
    assert [c.title for c in cs if c.kind not in ("short", "meeting")] == []


OWN_TITLES = [
    ("audio_reading_link", "【音频解读】《某市住房局关于加强住房保障工作的通知》的政策解读 2024-03-04\n某市住房局关于加强住房保障工作的通知\n"),
    ("title_line_quoted", "首页 > 规范性文件\n某市 住房局 关于加强住房保障工作的通知\n根据《某市住房局关于加强住房保障工作的通知》执行。\n"),
]  # fmt: skip


@pytest.mark.parametrize("text", [c[1] for c in OWN_TITLES], ids=[c[0] for c in OWN_TITLES])
def test_own_title_is_self(text: str) -> None:
    (c,) = find_citations(text)
    assert (c.kind, c.rule, c.resolved) == ("short", "citations.own_title.v1", SELF_KEY)


@pytest.mark.parametrize(
    "text",
    [
        "现将《国务院关于加强职业培训的意见》转发给你们,请认真贯彻落实。",
        "按照《某省职工技能提升行动实施方案》要求,认真组织实施。",
        "国务院办公厅转发某部关于\n清理整顿社会团体意见的通知\n各部门:\n某部《关于清理整顿社会团体的意见》已经国务院同意,"
        "现转发给你们。\n国务院办公厅\n关于清理整顿社会团体的意见\n一、指导思想\n",
    ],
    ids=["forwarded", "implemented", "forwarded_document_printed_below"],
)
def test_external_document_is_cited(text: str) -> None:
    assert [c.kind for c in find_citations(text)] == ["policy"]


# issue 12: laws, regulations and plans named without 《》 after a governing verb
UNBRACKETED_NAMES = [
    ("law_list", "加强环境保护法、大气污染防治法、清洁生产促进法等法律的执行。",
     [("环境保护法", "law", "implements", False), ("大气污染防治法", "law", "implements", False),
      ("清洁生产促进法", "law", "implements", False)]),
    ("law_implemented", "严格执行网络安全法等法律法规,落实安全管理责任。", [("网络安全法", "law", "implements", False)]),
    ("regulation_planned", "研究制定实施生态补偿条例。", [("生态补偿条例", "law", "formulates", True)]),
    ("plan_started", "做好退耕还林工作,启动西山生态景观区规划,完成一期绿化工程。", [("西山生态景观区规划", "plan", "formulates", True)]),
    ("plan_with_place_word", "加快编制我区商贸物流产业发展整体规划,突出政府引导。", [("商贸物流产业发展整体规划", "plan", "formulates", True)]),
    ("measures_planned", "2021年底前制定出台失业保险关系转移办法。", [("失业保险关系转移办法", "policy", "formulates", True)]),
    ("own_implementing_measures", "各地要结合实际制定技能人才评价实施办法。", []),
    ("description_with_de", "鼓励企业制定高师带徒的管理办法和激励机制。", []),
    ("description_with_verb", "研究制定降低企业公证事项和公证事务收费办法。", []),
    ("generic_plan", "完成城市总体规划修编,制定控制性详细规划。", []),
    ("measures_not_formulated", "费用按照本市财政相关规定列支,严格执法。", []),
    ("two_laws_joined", "根据宪法和国务院组织法,制定本条例。", []),
    ("plan_as_a_duty", "县级以上人民政府交通运输主管部门应当编制农村公路养护发展规划。", []),
    ("own_regulation", "按照各自职责及时查处违反本条例的行为。", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in UNBRACKETED_NAMES], ids=[c[0] for c in UNBRACKETED_NAMES])
def test_unbracketed_names(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    cs = [c for c in find_citations(text) if c.kind not in ("short", "meeting")]
    assert [(c.text, c.kind, c.relation, c.planned) for c in cs] == expected
    assert all(c.rule == "citations.unbracketed_name.v1" and text[c.start : c.end] == c.text for c in cs)


@pytest.mark.parametrize(
    ("title", "kind"),
    [("企业注销指引", "policy"), ("内地与香港关于建立更紧密经贸关系的安排", "policy"), ("海峡两岸经济合作框架协议", "policy")],
    ids=["guide", "cepa", "framework_agreement"],
)
def test_more_policy_genres(title: str, kind: str) -> None:
    assert _kind_of(title) == kind
