"""Bodies: recognition, canonical names, roles from assignment language, task tables, resources."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from policy_nlp.extract.bodies import find_bodies, find_task_units, infer_locality
from policy_nlp.model import Meta, RawText
from policy_nlp.normalize import normalize
from policy_nlp.resources import read_tsv
from policy_nlp.structure.meta import parse_meta

ROOT = Path(__file__).resolve().parent.parent
SH = Meta(issuers=("上海市总工会",))
GD = Meta(issuers=("广东省人民政府",))
NATIONAL = Meta(issuers=("国务院办公厅",))


def roles(text: str, meta: Meta = GD) -> list[tuple[str, str]]:
    return [(b.canonical, b.role) for b in find_bodies(text, meta=meta)]


ROLE_CASES = [
    ("lead_paren_tail", "(三)推进数据共享。(省发展改革委牵头,省财政厅、省商务厅等按职责分工负责)", GD,
     [("广东省发展和改革委员会", "lead"), ("广东省财政厅", "cooperate"), ("广东省商务厅", "cooperate")]),
    ("label_tail", "1.扩大培训规模。(牵头单位:省人力资源社会保障厅;责任单位:省财政厅、省教育厅)", GD,
     [("广东省人力资源和社会保障厅", "lead"), ("广东省财政厅", "cooperate"), ("广东省教育厅", "cooperate")]),
    ("you_fuze", "由市财政局统筹安排专项资金。", SH, [("上海市财政局", "lead")]),
    ("huitong", "市总工会将会同政府有关部门,在不同行业中选拔100个首席技师工作室。", SH,
     [("上海市总工会", "lead"), ("政府有关部门", "cooperate")]),
    ("peihe_after", "省商务厅牵头,各地、各部门配合。", GD, [("广东省商务厅", "lead"), ("各地", "cooperate"), ("各部门", "cooperate")]),
    ("peihe_object", "配合政府主管部门和企业行政,广泛开展在岗培训。", SH,
     [("政府主管部门", "lead"), ("企业行政", "lead")]),
    ("subject_yao", "各级工会要加强调查研究,开展分类指导。", SH, [("各级工会", "lead")]),
    ("fengong_no_lead", "省财政厅、省审计厅按职责分工负责落实资金监管。", GD,
     [("广东省财政厅", "lead"), ("广东省审计厅", "lead")]),
    ("national_short", "国家发展改革委会同财政部制定实施办法。", NATIONAL,
     [("国家发展和改革委员会", "lead"), ("财政部", "cooperate")]),
    ("alias_quanzong", "落实全总十五届五次执委会提出的要求。", SH, [("中华全国总工会", "mentioned")]),
    ("law_county", "县级以上人民政府林业主管部门负责本行政区域内的监督管理工作。", Meta(),
     [("县级以上人民政府林业主管部门", "lead")]),
    ("law_you", "违反本条例规定的,由县级以上人民政府水行政主管部门责令改正。", Meta(),
     [("县级以上人民政府水行政主管部门", "lead")]),
    ("suffix_committee", "发挥工会劳动保护专家咨询委员会的作用。", SH, [("工会劳动保护专家咨询委员会", "mentioned")]),
    ("lead_label_lines", "2.固定资产投资增长8%左右。\n牵头责任单位:省发展改革委。\n协同责任单位:省财政厅、省自然资源厅。", GD,
     [("广东省发展和改革委员会", "lead"), ("广东省财政厅", "cooperate"), ("广东省自然资源厅", "cooperate")]),
    ("bumen_fengong", "部门分工:省财政厅牵头,各地、各部门配合。", GD,
     [("广东省财政厅", "lead"), ("各地", "cooperate"), ("各部门", "cooperate")]),
    ("lead_mark_in_field", "责任单位:省发展改革委(牵头)、省财政厅、省商务厅", GD,
     [("广东省发展和改革委员会", "lead"), ("广东省财政厅", "cooperate"), ("广东省商务厅", "cooperate")]),
    ("verbs_inside_field", "(责任单位:省工业和信息化厅牵头,省财政厅、省税务局配合)", GD,
     [("广东省工业和信息化厅", "lead"), ("广东省财政厅", "cooperate"), ("广东省税务局", "cooperate")]),
    ("wei_qiantou_danwei", "省教育厅为牵头单位,省财政厅、省人力资源社会保障厅为配合单位。", GD,
     [("广东省教育厅", "lead"), ("广东省财政厅", "cooperate"), ("广东省人力资源和社会保障厅", "cooperate")]),
    ("deng_n_bumen", "(生态环境部、国家发展改革委、科技部等14部门按照职责分工负责)", NATIONAL,
     [("生态环境部", "lead"), ("国家发展和改革委员会", "lead"), ("科学技术部", "lead")]),
    ("luoshi_at_clause_start", "(省卫生健康委负责,各地级以上市人民政府落实)", GD,
     [("广东省卫生健康委员会", "lead"), ("各地级以上市人民政府", "lead")]),
    ("duchu_luoshi_object", "督促有关部门落实整改措施。", GD, [("有关部门", "mentioned")]),
    ("two_cooperator_groups", "(县发改局牵头,县财政局、县交运局等部门,县国投公司、各乡镇人民政府配合)", GD,
     [("县发改局", "lead"), ("县财政局", "cooperate"), ("县交运局", "cooperate"), ("县国投公司", "cooperate"),
      ("各乡镇人民政府", "cooperate")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "meta", "expected"), [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_roles(text: str, meta: Meta, expected: list[tuple[str, str]]) -> None:
    assert roles(text, meta) == expected


NATIONAL_CASES = [
    ("short_in_national_doc", "发展改革委会同水利部研究提出了办理意见。",
     [("国家发展和改革委员会", "lead"), ("水利部", "cooperate")]),
    ("former_names", "环保总局会同发展改革委、建设部、交通部等部门研究提出了意见。",
     [("国家环境保护总局", "lead"), ("国家发展和改革委员会", "cooperate"), ("建设部", "cooperate"), ("交通部", "cooperate")]),
    ("army_you", "这项工作由外交部和总参谋部统一归口管理。", [("外交部", "lead"), ("中国人民解放军总参谋部", "lead")]),
    ("state_council_office", "经商信息产业部、国务院信息办,现答复如下。",
     [("信息产业部", "mentioned"), ("国务院信息化工作办公室", "mentioned")]),
    ("former_bureau", "国家地震局在综合考虑震情趋势的基础上提出意见。", [("中国地震局", "lead")]),
    ("issuers_of_cited", "财政部、发展改革委、人民银行《关于推广合作模式的指导意见》已经国务院同意。",
     [("财政部", "mentioned"), ("国家发展和改革委员会", "mentioned"), ("中国人民银行", "mentioned"), ("国务院", "mentioned")]),
    ("fenbie_not_bufen", "司法部分别会同外交部审核。", [("司法部", "lead"), ("外交部", "cooperate")]),
    ("level_before_short", "各级发展改革委要加强指导,市统计局负责监测。", [("市统计局", "lead")]),
    ("head_of_longer_word", "加强建设部门协调,农业部分资金由财政部门安排。", [("财政部门", "lead")]),
    ("doc_number_prefix", "根据国办发〔2005〕21号文件,中办函提出要求。", []),
    ("department_of_a_department", "总后勤部卫生部负责军队医师资格考试。", [("中国人民解放军总后勤部", "mentioned")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in NATIONAL_CASES], ids=[c[0] for c in NATIONAL_CASES]
)
def test_national_gazetteer(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text, NATIONAL) == expected


def test_short_forms_only_in_national_documents() -> None:
    assert roles("发展改革委负责统筹。", GD) == []
    assert roles("发展改革委负责统筹。", NATIONAL) == [("国家发展和改革委员会", "lead")]


DG = Meta(issuers=("东莞市人民政府",))
SH_GOV = Meta(issuers=("上海市人民政府",))
LOCAL_CASES = [
    ("named_cities", "由广州市发展改革委、深圳市工业和信息化局负责组织实施。", GD,
     [("广州市发展和改革委员会", "lead"), ("深圳市工业和信息化局", "lead")]),
    ("city_paren_all_lead", "(市人力资源社会保障局、市医保局、市残联、市税务局负责)", DG,
     [("东莞市人力资源和社会保障局", "lead"), ("东莞市医疗保障局", "lead"), ("东莞市残疾人联合会", "lead"),
      ("东莞市税务局", "lead")]),
    ("participants_label", "(牵头单位:市发展改革委;参与单位:市工业和信息化局、市自然资源和规划局)", DG,
     [("东莞市发展和改革委员会", "lead"), ("东莞市工业和信息化局", "cooperate"), ("东莞市自然资源和规划局", "cooperate")]),
    ("shanghai_short_forms", "(责任单位:市经济信息化委、市住房城乡建设管理委、市绿化市容局、各区政府)", SH_GOV,
     [("上海市经济和信息化委员会", "lead"), ("上海市住房和城乡建设管理委员会", "lead"), ("上海市绿化和市容管理局", "lead"),
      ("各区政府", "lead")]),
    ("regulators_by_place", "(责任单位:市地方金融监管局、上海银保监局、上海证监局、上海海关)", SH_GOV,
     [("上海市地方金融监督管理局", "lead"), ("上海银保监局", "lead"), ("上海证监局", "lead"), ("上海海关", "lead")]),
    ("party_offices", "省委组织部、省委网信办、省纪委监委按职责分工负责。", GD,
     [("中共广东省委员会组织部", "lead"), ("中共广东省委员会网络安全和信息化委员会办公室", "lead"),
      ("中共广东省纪律检查委员会、广东省监察委员会", "lead")]),
    ("zhengwu_not_zhengfu", "(省政务服务数据管理局牵头,各地级以上市人民政府配合)", GD,
     [("广东省政务服务数据管理局", "lead"), ("各地级以上市人民政府", "cooperate")]),
    ("district_prefix", "(区人力资源和社会保障局牵头,区财政局配合)", Meta(issuers=("西秀区人民政府",)),
     [("西秀区人力资源和社会保障局", "lead"), ("西秀区财政局", "cooperate")]),
    ("county_of_a_city", "县商务局负责。", Meta(issuers=("通化市柳河县人民政府",)), [("通化市柳河县商务局", "lead")]),
    ("no_region_body", "县域经济格局更加优化。\n区域中心城市建设新局。", Meta(issuers=("海拉尔区人民政府",)), []),
    ("huitong_before_lead_verb", "县级以上地方人民政府发展改革部门会同有关部门组织实施。", Meta(),
     [("县级以上地方人民政府发展改革部门", "lead"), ("有关部门", "cooperate")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "meta", "expected"), [c[1:] for c in LOCAL_CASES], ids=[c[0] for c in LOCAL_CASES]
)
def test_local_departments(text: str, meta: Meta, expected: list[tuple[str, str]]) -> None:
    assert roles(text, meta) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("应当回答市人大常委会组成人员提出的问题。", "回答市人大常委会"),
        ("按照城市绿化目标和布局,加强零售市场举办者管理。", "城市绿化目标和布局"),
        ("赔偿请求人和赔偿义务机关应当协商。", "人和赔偿义务机关"),
        ("进入住宅小区委托物业服务企业管理。", "住宅小区委"),
    ],
    ids=["verb_before_shi", "buju_jubam", "person_and_body", "xiaoqu"],
)
def test_not_local_names(text: str, absent: str) -> None:
    assert absent not in {b.text for b in find_bodies(text, meta=Meta())}


AH = Meta(issuers=("安徽省人民政府",))
JC = Meta(issuers=("江川市总工会",))
LIST_CASES = [
    ("unlisted_national_last", "(科技部、中国科学院、国家自然科学基金委等按职责分工负责)", NATIONAL,
     [("科学技术部", "lead"), ("中国科学院", "lead"), ("国家自然科学基金委", "lead")]),
    ("customs_and_bank_branch", "协同责任单位:省财政厅、合肥海关、省税务局、人行合肥中心支行等。", AH,
     [("安徽省财政厅", "cooperate"), ("合肥海关", "cooperate"), ("安徽省税务局", "cooperate"), ("人行合肥中心支行", "cooperate")]),
    ("name_growing_from_found", "(责任单位:市地方金融监管局、人民银行上海总部)", SH_GOV,
     [("上海市地方金融监督管理局", "lead"), ("人民银行上海总部", "lead")]),
    ("leading_group_office", "(市政府办公室、市行政审批制度改革工作领导小组办公室牵头,市级各有关部门按职责分工负责)", DG,
     [("东莞市人民政府办公室", "lead"), ("市行政审批制度改革工作领导小组办公室", "lead"), ("市级各有关部门", "cooperate")]),
    ("field_single_unlisted", "牵头单位:江川海关;配合单位:市商务局", JC,
     [("江川海关", "lead"), ("江川市商务局", "cooperate")]),
    ("branch_in_cooperators", "(省通信管理局牵头,省地方金融监管局、人民银行广州分行、广东银保监局配合)", GD,
     [("广东省通信管理局", "lead"), ("广东省地方金融监督管理局", "cooperate"), ("人民银行广州分行", "cooperate"),
      ("广东银保监局", "cooperate")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "meta", "expected"), [c[1:] for c in LIST_CASES], ids=[c[0] for c in LIST_CASES]
)
def test_list_items(text: str, meta: Meta, expected: list[tuple[str, str]]) -> None:
    assert roles(text, meta) == expected


@pytest.mark.parametrize(
    "text",
    [
        "村民委员会应当协助乡镇人民政府、街道办事处开展工作。",
        "支持行业协会、商会、海关开展服务。",
        "落实国务院、省委决策部署、社会各界意见。",
        "省财政厅、评估机构存在人员或者资金关联的除外。",
    ],
    ids=["verbs_inside", "bare_endings", "bushu", "verb_phrase"],
)
def test_list_items_not_grown(text: str) -> None:
    assert not [b for b in find_bodies(text, meta=GD) if b.rule == "bodies.list.v1"]


SUBUNIT_CASES = [
    ("union_department", "由市总工会宣教部负责。", JC, [("江川市总工会宣教部", "lead")]),
    ("ministry_departments", "财政部预算司、教育部高等教育司配合。", NATIONAL,
     [("财政部预算司", "cooperate"), ("教育部高等教育司", "cooperate")]),
    ("not_a_department", "市总工会干部要带头,县人民政府依法查处,市人民政府或者街道办事处负责。", JC,
     [("江川市总工会", "mentioned"), ("县人民政府", "lead"), ("江川市人民政府", "lead"), ("街道办事处", "lead")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "meta", "expected"), [c[1:] for c in SUBUNIT_CASES], ids=[c[0] for c in SUBUNIT_CASES]
)
def test_subunits(text: str, meta: Meta, expected: list[tuple[str, str]]) -> None:
    assert roles(text, meta) == expected


def test_named_body_and_collective_merge() -> None:
    text = "\n" * 30 + "(国家发展改革委牵头,国务院各部门按职责分工负责)"
    assert roles(text, Meta(issuers=("国务院",))) == [
        ("国家发展和改革委员会", "lead"),
        ("国务院各部门", "cooperate"),
    ]


TABLE_ROW = (
    "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限\n"
    "1 | 建立信息平台 | 省经信厅 | 省大数据局、省总工会 | 2022年12月底前\n"
    "2 | 制定实施办法 | 省人力社保厅 | 省教育厅 | 2022年6月底前\n"
)
TABLE_CELLS = "序号\n工作任务\n牵头单位\n配合单位\n1\n推进技工院校扩大招生\n省教育厅\n省人力社保厅\n"
TABLE_TABS = "序号\t重点任务\t责任单位\t完成时间\n1\t开展专项整治\t省公安厅、省应急管理厅\t长期坚持\n"
TABLE_UNLISTED = "序号\t重点任务\t牵头单位\t配合单位\n1\t推进口岸建设\t拱北海关\t省商务厅\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TABLE_ROW, [("广东省经济和信息化厅", "lead"), ("广东省大数据局", "cooperate"), ("广东省总工会", "cooperate"),
                     ("广东省人力资源和社会保障厅", "lead"), ("广东省教育厅", "cooperate")]),
        (TABLE_CELLS, [("广东省教育厅", "lead"), ("广东省人力资源和社会保障厅", "cooperate")]),
        (TABLE_TABS, [("广东省公安厅", "lead"), ("广东省应急管理厅", "lead")]),
        (TABLE_UNLISTED, [("拱北海关", "lead"), ("广东省商务厅", "cooperate")]),
    ],
    ids=["row_per_line", "cell_per_line", "tabs_responsible_only", "unlisted_in_lead_column"],
)  # fmt: skip
def test_task_tables(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_task_units() -> None:
    assert len(find_task_units(TABLE_ROW)) == 2
    assert len(find_task_units(TABLE_CELLS)) == 1
    assert find_task_units("一、总体要求\n坚持。") == []


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("充分发挥上海工人阶级在创新驱动中的主力军作用。", ("主力军", "工人阶级")),
        ("大力开展社会主义劳动竞赛,加快建设四个中心。", ("劳动竞赛", "四个中心")),
        ("推动中心工作,形成工作格局,加强工会劳动保护队伍建设。", ("中心工作", "格局", "加强工会")),
        ("贯彻《上海市工人先锋号管理办法》。", ("上海市工人先锋号管理办法",)),
        ("把班组建设成为工会工作的重要阵地。", ("设成为工会", "工会")),
        ("发文机关:国务院办公厅", ("发文机关",)),
        ("总理率国务院有关部门赴当地考察。", ("总理率国务院有关部门",)),
        ("逐项明确分管省领导和部门分工,加强地方性法规与部门规章衔接。", ("分管省领导和部门", "地方性法规与部门")),
        ("与有关部门协商,及市人民政府报告。", ("与有关部门", "及市人民政府")),
        ("靠近电力负荷中心布局电源。", ("电力负荷中心",)),
    ],
    ids=["zhulijun", "jingsai", "verbs_before_suffix", "inside_title", "gonghui_gongzuo", "page_label",
         "premier_leads", "noun_and_bumen", "coordinator_start", "load_center"],
)
def test_not_bodies(text: str, absent: tuple[str, ...]) -> None:
    names = {b.text for b in find_bodies(text, meta=SH)}
    assert not names & set(absent)


def test_locality() -> None:
    assert infer_locality(["上海市总工会"]).city == "上海市"
    assert infer_locality([], doc_number="粤府〔2021〕22号").province == "广东省"
    assert infer_locality(["国务院"]).province is None
    assert infer_locality(["西秀区人民政府"]).fill("区") == "西秀区"
    assert infer_locality(["西秀区人民政府"]).fill("县") is None
    assert infer_locality(["安远县人民政府"]).fill("县") == "安远县"
    assert infer_locality(["宁夏回族自治区人民政府"]).district is None  # a province
    assert infer_locality(["某某社区居民委员会"]).district is None
    assert roles("市政府、市委负责。", SH)[0] == ("上海市人民政府", "lead")


def test_header_roles_without_meta() -> None:
    text = "上海市总工会关于开展竞赛的意见\n各区县局(产业)工会:\n正文。\n上海市总工会\n"
    got = roles(text, Meta())
    assert got == [
        ("上海市总工会", "issuer"),
        ("各区县局(产业)工会", "addressee"),
        ("上海市总工会", "issuer"),
    ]


def test_invariants_and_ids(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    text, _ = normalize(RawText(text=raw))
    bodies = find_bodies(text, meta=parse_meta(text))
    assert [b.id for b in bodies] == [f"B{n}" for n in range(1, len(bodies) + 1)]
    assert all(text[b.start : b.end] == b.text for b in bodies)
    assert [b.start for b in bodies] == sorted(b.start for b in bodies)


def _fold(s: str) -> str:
    return re.sub(r"[\s“”‘’\"']", "", s)


GOLD_DOCS = ["shanghai_acftu_2011", "tasks_province_plan", "bodies_national_reply", "bodies_city_plan"]


@pytest.mark.parametrize("name", GOLD_DOCS)
def test_gold_bodies(name: str) -> None:
    path = ROOT / "corpora" / f"{name}.txt"
    gold = json.loads((ROOT / "corpora" / f"{name}.gold.json").read_text(encoding="utf-8"))
    text, _ = normalize(RawText(text=path.read_text(encoding="utf-8")))
    bodies = find_bodies(text, meta=parse_meta(text))
    found = {_fold(b.name) for b in bodies} | {_fold(b.canonical) for b in bodies}
    missing = [m for m in gold["bodies_must"] if _fold(m) not in found]
    assert not missing
    wrong = [m for m in gold["bodies_must_not"] if _fold(m) in found]
    assert not wrong


def test_seed_roles(seed_path: Path) -> None:
    text, _ = normalize(RawText(text=seed_path.read_text(encoding="utf-8")))
    bodies = find_bodies(text, meta=parse_meta(text))
    got = {(b.canonical, b.role) for b in bodies}
    assert ("上海市总工会", "issuer") in got
    assert ("各区县局(产业)工会", "addressee") in got
    assert {"政府主管部门", "企业行政", "职工代表大会", "上海市推进职工科技创新工作联席会议", "各级工会"} <= {
        c for c, _ in got
    }


def test_resource_examples_found() -> None:
    for row in read_tsv("bodies.tsv"):
        got = {b.canonical for b in find_bodies(row["examples"], meta=NATIONAL)}
        assert row["canonical"] in got, row
    for row in read_tsv("body_patterns.tsv"):
        names = {b.text for b in find_bodies(row["examples"], meta=GD)}
        if row["type"] == "stop":
            assert row["form"] not in names, row
        elif row["type"] == "boundary":
            assert names, row
            assert not any(n.startswith(row["form"]) for n in names), row
        else:
            assert any(n.endswith(row["form"]) for n in names), row
    for row in read_tsv("bodies_places.tsv"):
        got = {b.canonical for b in find_bodies(row["examples"], meta=Meta())}
        assert row["name"] + "人民政府" in got, row


@pytest.mark.parametrize("name", ["bodies.tsv", "body_patterns.tsv", "bodies_places.tsv", "bodies_t2s.tsv"])
def test_resource_rows_unique_sorted(name: str) -> None:
    rows = read_tsv(name)
    keys = [tuple(list(r.values())[:2]) for r in rows]
    assert len(set(keys)) == len(keys)
    assert keys == sorted(keys)


def test_bad_kind_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_nlp.extract import bodies as mod

    with pytest.raises(ValueError, match="unknown body kind"):
        mod._kind("ministry")


def test_arbitrary_text_never_raises() -> None:
    rng = random.Random(4)
    alphabet = "省市区县各级工会部门委员会由牵头负责配合会同(:;)|\t\n、,。——要将序号牵头单位责任单位1 "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        for b in find_bodies(text, meta=GD):
            assert text[b.start : b.end] == b.text


TASK_DOC = """广东省人民政府办公厅关于印发广东省促进就业工作方案的通知
粤府办〔2024〕9号
各地级以上市人民政府,省政府各部门、各直属机构:
《广东省促进就业工作方案》已经省人民政府同意,现印发给你们,请认真组织实施。
广东省人民政府办公厅
2024年3月1日
广东省促进就业工作方案
一、主要目标
到2025年,全省城镇新增就业110万人以上。(省人力资源社会保障厅牵头,省发展改革委、省财政厅按职责分工负责)
二、重点任务
(一)支持创业。新增创业担保贷款50亿元。责任单位:省财政厅(牵头)、省人力资源社会保障厅、广东银保监局
"""


def test_targets_take_their_lines_assignment_tail() -> None:
    from policy_nlp import analyze

    doc = analyze(TASK_DOC)
    got = {t.text: [(a.canonical, a.role) for a in t.bodies] for t in doc.targets}
    assert got["到2025年,全省城镇新增就业110万人以上"] == [
        ("广东省人力资源和社会保障厅", "lead"),
        ("广东省发展和改革委员会", "cooperate"),
        ("广东省财政厅", "cooperate"),
    ]
    assert got["新增创业担保贷款50亿元"] == [
        ("广东省财政厅", "lead"),
        ("广东省人力资源和社会保障厅", "cooperate"),
        ("广东银保监局", "cooperate"),
    ]


def test_locality_from_the_opening_of_a_report() -> None:
    text = "据安徽省人民政府网消息,安徽省人民政府发布重点工作分工通知。\n1.生产总值增长7%以上。\n牵头责任单位:省发展改革委。\n"
    assert roles(text, Meta()) == [("安徽省人民政府", "mentioned"), ("安徽省人民政府", "mentioned"),
                                   ("安徽省发展和改革委员会", "lead")]  # fmt: skip


def test_issuer_named_in_the_opening_paragraph_is_no_header_mention() -> None:
    text = "国务院关于调整实施有关规定的决定\n国发〔2020〕1号\n为支持试点发展,国务院决定暂时调整实施有关规定,国务院有关部门要加强指导。\n国务院\n"
    got = [(b.text, b.role) for b in find_bodies(text, meta=Meta(issuers=("国务院",)))]
    assert got == [("国务院", "issuer"), ("国务院", "lead"), ("国务院有关部门", "lead"), ("国务院", "issuer")]


def test_person_addressees_are_no_bodies() -> None:
    text = "国务院办公厅对第7264号建议的答复\n国办函〔2006〕1号\n张明代表:\n你提出的建议收悉。经商有关部门,现答复如下。\n"
    got = [(b.text, b.role) for b in find_bodies(text, meta=Meta(issuers=("国务院办公厅",), addressees=("张明代表",)))]
    assert ("张明代表", "addressee") not in got


def test_list_regions_match_the_list_regex() -> None:
    from policy_nlp.extract.bodies import _LIST_RE, _list_regions

    rng = random.Random(5)
    for alphabet in ("、,。( 1甲乙丙局\n", "、甲乙", "、,甲甲甲甲甲甲甲甲甲甲甲甲"):  # the last: items cut at 30
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 100)))
            assert list(_list_regions(text)) == [m.span() for m in _LIST_RE.finditer(text)], text
            holding = sorted(rng.sample(range(len(text) + 1), min(3, len(text) + 1)))
            held = [(s, e) for s, e in _list_regions(text) if any(s <= h < e for h in holding)]
            assert list(_list_regions(text, holding)) == held, (text, holding)


def test_city_plan_roles() -> None:
    text, _ = normalize(RawText(text=(ROOT / "corpora" / "bodies_city_plan.txt").read_text(encoding="utf-8")))
    got = {(b.canonical, b.role) for b in find_bodies(text, meta=parse_meta(text))}
    assert {
        ("江川市地方金融监督管理局", "lead"),
        ("人行江川市中心支行", "cooperate"),
        ("江川银保监分局", "cooperate"),
        ("江川市政务服务管理局", "lead"),
        ("中共江川市委员会网络安全和信息化委员会办公室", "cooperate"),
        ("东湖区人力资源和社会保障局", "lead"),
        ("市有关部门", "cooperate"),
        ("中共江川市委员会组织部", "lead"),
        ("团市委", "cooperate"),
        ("市国投集团", "cooperate"),
        ("江川市人民政府国有资产监督管理委员会", "cooperate"),
    } <= got


def test_traditional_script_is_read_folded() -> None:
    text = "(牽頭單位:省發展改革委;責任單位:省編辦、省國資委、省財政廳)"
    got = [(b.text, b.canonical, b.role) for b in find_bodies(text, meta=Meta(issuers=("湖北省人民政府",)))]
    assert got == [
        ("省發展改革委", "湖北省发展和改革委员会", "lead"),
        ("省編辦", "湖北省编办", "cooperate"),
        ("省國資委", "湖北省人民政府国有资产监督管理委员会", "cooperate"),
        ("省財政廳", "湖北省财政厅", "cooperate"),
    ]
    assert all(text[b.start : b.end] == b.text for b in find_bodies(text, meta=Meta()))


def test_t2s_resource_is_one_to_one() -> None:
    rows = read_tsv("bodies_t2s.tsv")
    assert all(len(r["traditional"]) == 1 and len(r["simplified"]) == 1 for r in rows)
    assert all(r["traditional"] != r["simplified"] for r in rows)
    assert not {r["traditional"] for r in rows} & {r["simplified"] for r in rows}  # no chains
    keys = [r["traditional"] for r in rows]
    assert keys == sorted(set(keys))


def test_t2s_bad_row_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_nlp.errors import ResourceError
    from policy_nlp.extract import bodies as mod

    mod._t2s.cache_clear()
    monkeypatch.setattr(mod, "read_tsv", lambda name: ({"traditional": "發展", "simplified": "发"},))
    with pytest.raises(ResourceError, match="one character to one"):
        mod._t2s()
    mod._t2s.cache_clear()
