"""Incentives: table-driven sentences from real support policies, resources, targets post-filter,
store round trip, CLI, the evaluate scorer and the real gold (skipped without ../shared)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_nlp import analyze
from policy_nlp.cli import main
from policy_nlp.cli.incentives import COLUMNS
from policy_nlp.evaluate import evaluate_document, incentive_matches
from policy_nlp.extract.incentives import drop_incentive_numbers, find_incentives
from policy_nlp.model import Document, Incentive, Target
from policy_nlp.resources import read_tsv
from policy_nlp.store import document_rows, open_store, read_document, transaction, write_rows

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
REAL_GOLD = sorted((ROOT / "corpora" / "real_gold").glob("*.gold.json"))


def _one(text: str) -> Incentive:
    found = find_incentives(text)
    assert len(found) == 1, found
    return found[0]


# -- one incentive per sentence: the fields a reader expects -----------------------------------------
CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "within-a-validity-period",
        "2019年1月1日至2023年12月31日，对符合条件的企业按实际投资额的10%给予补助。",
        {"rate": 10.0, "kind": "subsidy", "basis": "实际投资额"},
    ),
    (
        "per-new-volume",
        "对当年新增贷款，每新增1亿元奖励10万元。",
        {"amount": 10.0, "unit": "万元", "per": "每新增1亿元"},
    ),
    (
        "cap-paid-over-years",
        "对新引进的高层次人才，给予最高100万元的安家补贴，分5年发放。",
        {"kind": "subsidy", "cap": 100.0, "duration": "分5年", "beneficiary": "高层次人才"},
    ),
    (
        "super-deduction",
        "企业研发费用按实际发生额的100%在税前加计扣除。",
        {"kind": "tax", "rate": 100.0, "basis": "实际发生额"},
    ),
    (
        "amount-range",
        "对首次认定的省级以上企业技术中心，一次性给予20—50万元资助。",
        {"kind": "funding", "amount": 20.0, "amount_max": 50.0, "unit": "万元"},
    ),
    (
        "cap-only",
        "单个项目奖励最高不超过30万元。",
        {"kind": "reward", "amount": None, "cap": 30.0, "unit": "万元", "rate": None},
    ),
    (
        "rate-with-cap",
        "按实际投资额给予1%的补助，最高补助额不超过100万元。",
        {"kind": "subsidy", "rate": 1.0, "cap": 100.0, "unit": "万元", "basis": "实际投资额", "amount": None},
    ),
    (
        "rate-range",
        "对现代服务业类项目固定资产投资3000万元及以上的，按固定资产投资的5%—20%给予企业奖励。",
        {"rate": 5.0, "rate_max": 20.0, "basis": "固定资产投资", "beneficiary": "企业"},
    ),
    (
        "amount",
        "对初次认定为国家高新技术企业的，给予企业20 万元奖励。",
        {"kind": "reward", "amount": 20.0, "unit": "万元", "cap": None},
    ),
    (
        "per-unit-compound",
        "对新发展500亩以上，连续种植3年以上的，一次性奖励200元/亩。",
        {"amount": 200.0, "unit": "元/亩"},
    ),
    (
        "per-person-month",
        "基地入驻企业实习的高校在读港澳青年，给予每人每月3000元实习补贴，补贴期限不超过6个月。",
        {
            "kind": "subsidy",
            "amount": 3000.0,
            "unit": "元",
            "per": "每人每月",
            "duration": "补贴期限不超过6个月",
        },
    ),
    (
        "fraction-rate",
        "补贴标准为每人每次就餐费用的四分之一，最高不超过3元。",
        {"rate": 25.0, "cap": 3.0, "unit": "元"},
    ),
    (
        "tax-deduction",
        "纳税人的子女接受全日制学历教育的相关支出，按照每个子女每月1000元的标准定额扣除。",
        {"kind": "tax", "amount": 1000.0, "per": "每个子女每月"},
    ),
    (
        "tax-cap-threshold",
        "个人负担累计超过15000元的部分，由纳税人在办理年度汇算清缴时，在80000元限额内据实扣除。",
        {"kind": "tax", "cap": 80000.0, "amount": None},
    ),
    (
        "exemption",
        "经营性文化事业单位转制为企业后，五年内免征企业所得税。",
        {"kind": "tax", "duration": "五年内", "amount": None, "negotiated": False},
    ),
    (
        "negotiated",
        "对地方财政贡献较大的兼并重组企业，对其奖励实行“一事一议”。",
        {"kind": "reward", "negotiated": True, "amount": None},
    ),
    (
        "loan-named-by-de",
        "符合创业担保贷款申请条件的人员自主创业的，可申请最高不超过15万元的创业担保贷款。",
        {"kind": "loan", "cap": 15.0, "unit": "万元"},
    ),
    (
        "refund",
        "对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。",
        {"kind": "fee", "rate": 50.0},
    ),
    (
        "payer",
        "对首次纳入统计的规模以上工业企业，由县财政一次性给予企业10万元奖励。",
        {"amount": 10.0, "payers": ("县财政",)},
    ),
    (
        "interest-subsidy",
        "对企业获得银行贷款用于技术改造的，按贷款实际利息的50%给予贴息，每家企业每年贴息最高不超过30万元。",
        {"kind": "interest_subsidy", "rate": 50.0, "cap": 30.0},
    ),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in CASES], ids=[c[0] for c in CASES])
def test_one_incentive(text: str, want: dict[str, Any]) -> None:
    inc = _one(text)
    assert text[inc.start : inc.end] == inc.text
    assert {k: getattr(inc, k) for k in want} == want


# -- distributions and tiers: one incentive per item ---------------------------------------------------
def test_distribution_gives_each_item_its_object() -> None:
    found = find_incentives("对新建高级雪道、中级雪道、初级雪道分别奖励100万元、50万元、5万元。")
    assert [(i.object, i.amount, i.unit, i.rule) for i in found] == [
        ("新建高级雪道", 100.0, "万元", "incentives.distribution.v1"),
        ("中级雪道", 50.0, "万元", "incentives.distribution.v1"),
        ("初级雪道", 5.0, "万元", "incentives.distribution.v1"),
    ]


def test_tiers_give_each_item_its_condition() -> None:
    text = "对年营业收入首次突破1亿元、5亿元、10亿元的制造业企业，分别一次性奖励20万元、50万元、100万元。"
    found = find_incentives(text)
    got = [(i.amount, [(c.subject, c.comparator, c.value, c.unit) for c in i.conditions]) for i in found]
    assert got == [
        (20.0, [("年营业收入", "gt", 1.0, "亿元")]),
        (50.0, [("年营业收入", "gt", 5.0, "亿元")]),
        (100.0, [("年营业收入", "gt", 10.0, "亿元")]),
    ]
    assert {i.rule for i in found} == {"incentives.tier.v1"}


def test_band_tiers_with_rates() -> None:
    text = (
        "对特色农业类项目，固定资产投资1000万元及以上至5000万元、5000万元以上至1亿元、1亿元以上的，"
        "参照其年度地方财政贡献的70%、80%和90%给予企业奖励。"
    )
    found = find_incentives(text)
    assert [i.rate for i in found] == [70.0, 80.0, 90.0]
    first = found[0].conditions[0]
    assert (first.subject, first.comparator, first.value, first.value_max, first.unit) == (
        "固定资产投资",
        "ge",
        1000.0,
        5000.0,
        "万元",
    )
    assert [i.conditions[0].text for i in found[1:]] == ["5000万元以上至1亿元", "1亿元以上"]


def test_cap_after_two_grants_caps_both() -> None:
    text = "即：前2年给予企业地方财政贡献80%的奖励，后3年给予企业地方财政贡献50%的奖励，每年最高奖励不超过5000万元。"
    found = find_incentives(text)
    assert [(i.rate, i.cap, i.duration) for i in found] == [(80.0, 5000.0, "前2年"), (50.0, 5000.0, "后3年")]


def test_exemption_and_halving_with_thresholds_in_chinese_numerals() -> None:
    text = "居民企业一个纳税年度内，技术转让所得不超过五百万元的部分免征企业所得税，超过五百万元的部分减半征收企业所得税。"
    found = find_incentives(text)
    got = [(i.kind, i.cap, [(c.text, c.comparator, c.value, c.unit) for c in i.conditions]) for i in found]
    assert got == [
        ("tax", None, [("技术转让所得不超过五百万元的部分", "le", 500.0, "万元")]),
        ("tax", None, [("超过五百万元的部分", "gt", 500.0, "万元")]),
    ]


def test_exception_in_brackets_is_its_own_condition() -> None:
    text = (
        "小微企业当年新招用符合条件的人员数量达到企业现有在职职工人数25%（超过100人的企业达到15%）"
        "并与其签订1年以上劳动合同的，可申请最高不超过300万元的创业担保贷款。"
    )
    conds = _one(text).conditions
    assert [(c.comparator, c.value, c.unit) for c in conds] == [
        ("ge", 25.0, "%"),
        ("ge", 15.0, "%"),
        ("ge", 1.0, "年"),
    ]
    assert conds[1].text == "超过100人的企业达到15%"
    assert conds[1].subject == "超过100人的企业"


def test_parenthesized_cap_joins_the_incentive_before() -> None:
    text = "按其年末的地方财政贡献，给予“一事一议”奖励。(新建项目再进行技术改造的享受此条政策，最高奖励不超过50万元)。"
    inc = _one(text)
    assert (inc.negotiated, inc.cap, inc.unit) == (True, 50.0, "万元")
    assert inc.text.endswith("50万元)")


# -- what is no incentive ----------------------------------------------------------------------------------
NOT_INCENTIVES = [
    ("fund-size", "设立总规模不低于1亿元的重点产业发展引导资金，用于重点产业发展补助和奖励。"),
    ("volume-target", "新增创业担保贷款50亿元。"),
    ("instalments", "政策奖励分3个阶段，分别按应奖励额的30%、30%和40%对企业进行奖励。"),
    ("already-negotiated", "已享受县政府“一事一议”优惠政策或其他部门财政补助的，不再享受奖励。"),
    ("list-of-issues", "主要涉及住房、公路和水利设施建设、农村电网改造和减免农业税等。"),
    ("no-sum", "对在临港地区有稳定工作且符合一定条件的人员，给予交通补贴。"),
    ("contribution-rate", "单位缴费费率，在职职工、退休人员均为0.15%。"),
    ("prohibited", "任何单位和个人不得擅自决定缓收、减收、免收政府非税收入。"),
    ("reported-loans", "创业就业优惠政策全面落实,发放就业小额担保贷款1230万元,实现城镇新增就业6790人。"),
    (
        "reported-list",
        "五年累计发放城乡低保金9823万元、贫困大学生救助金307万元、低收入高龄老人生活补助623万元。",
    ),
    ("reported-spending", "农村冬季用煤补贴193万元。"),
    ("subsidy-standard-target", "到2025年，基本公共卫生服务经费人均财政补助标准提高到100元。"),
    ("budget-allocation", "市财政安排专项资金5000万元，用于支持中小企业发展。"),
    ("negated", "审查期间停止发放住房租赁补贴，按公布的租金标准计租，不给予租金减免。"),
    ("way-of-working", "针对排查出的问题，按照“一事一议”、“一园一案”的要求逐一进行整改。"),
]


@pytest.mark.parametrize("text", [t for _, t in NOT_INCENTIVES], ids=[i for i, _ in NOT_INCENTIVES])
def test_no_incentive(text: str) -> None:
    assert find_incentives(text) == []


# -- resources ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["incentive_kinds.tsv", "incentive_beneficiaries.tsv", "incentive_units.tsv"]
)
def test_resource_rows_unique_and_sorted(name: str) -> None:
    rows = read_tsv(name)
    keys = [next(iter(r.values())) for r in rows]
    assert keys == sorted(set(keys))
    assert all(r["examples"] for r in rows)


@pytest.mark.parametrize(
    "row", read_tsv("incentive_kinds.tsv"), ids=[r["cue"] for r in read_tsv("incentive_kinds.tsv")]
)
def test_kind_examples(row: dict[str, str]) -> None:
    found = find_incentives(row["examples"])
    assert found, row
    if row["cue"] == "一事一议":
        assert any(i.negotiated for i in found)
    else:
        assert row["kind"] in {i.kind for i in found}


@pytest.mark.parametrize(
    "row",
    read_tsv("incentive_beneficiaries.tsv"),
    ids=[r["head"] for r in read_tsv("incentive_beneficiaries.tsv")],
)
def test_beneficiary_examples(row: dict[str, str]) -> None:
    found = find_incentives(row["examples"])
    assert any((i.beneficiary or "").endswith(row["head"]) for i in found), found


# -- targets and incentives never share a number -------------------------------------------------------
def test_pipeline_drops_targets_inside_incentives() -> None:
    doc = analyze(
        "二、主要目标\n到2025年，全县规模以上企业达到120家。对固定资产投资3000万元及以上的项目，单个项目奖励最高不超过30万元。"
    )
    assert [t.value for t in doc.targets] == [120.0]
    assert [t.id for t in doc.targets] == ["T1"]
    assert [(i.cap, i.conditions[0].value) for i in doc.incentives] == [(30.0, 3000.0)]


def test_drop_keeps_targets_outside() -> None:
    inc = find_incentives("单个项目奖励最高不超过30万元。")
    far = Target("T1", 100, 110, "达到30万元", None, 30.0, unit="万元")
    assert drop_incentive_numbers([far], inc) == [far]


# -- never raises; spans hold ------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("对给予奖励补贴最高不超过的万元%、和分别一事一议免征以上，。（）()0123456789每人月亩/")
        ),
        max_size=80,
    )
)
def test_arbitrary_text(text: str) -> None:
    for inc in find_incentives(text):
        assert text[inc.start : inc.end] == inc.text
        for c in inc.conditions:
            assert text[c.start : c.end] == c.text


# -- store, CLI, evaluate ----------------------------------------------------------------------------------
FIXTURE = ROOT / "corpora" / "incentives_county_measures_2024.txt"


@pytest.fixture(scope="module")
def county() -> Document:
    return analyze(FIXTURE)


def test_store_round_trip_keeps_conditions(county: Document) -> None:
    assert any(i.conditions for i in county.incentives)
    conn = open_store(":memory:")
    with transaction(conn):
        write_rows(conn, document_rows(county))
    assert read_document(conn, county.source.sha256) == county
    assert Document.from_dict(json.loads(json.dumps(county.to_dict(), ensure_ascii=False))) == county


def test_cli_csv(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["incentives", str(FIXTURE)]) == 0
    raw = capsysbinary.readouterr().out
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    hire = next(r for r in rows if r["amount"] == "1000" and "吸纳就业" in r["text"])
    assert hire["conditions"].split("；")[1] == "职工超过200人的企业达到10%"
    assert {r["doc"] for r in rows} == {FIXTURE.stem}


def test_cli_jsonl_and_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "i.jsonl"
    assert (
        main(["incentives", "--format", "jsonl", str(FIXTURE), str(tmp_path / "missing.txt"), "-o", str(out)])
        == 1
    )
    assert "missing.txt" in capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["id"] == "I1" and records[0]["rate"] == 8


def test_cli_instruments_adds_the_instrument_of_each_incentives_action(capsys: pytest.CaptureFixture[str]) -> None:
    from policy_nlp.cli.rows import INSTRUMENT_COLUMNS

    assert main(["incentives", "--format", "jsonl", str(FIXTURE)]) == 0
    plain = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert main(["incentives", "--instruments", "--format", "jsonl", str(FIXTURE)]) == 0
    coded = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert [{k: r[k] for k in COLUMNS} for r in coded] == plain
    actions = {a.id: a for a in analyze(FIXTURE, instruments=True).actions}
    for r in coded:
        assert tuple(r)[-3:] == INSTRUMENT_COLUMNS
        a = actions.get(r["action"])
        assert (r["instrument_type"], r["instrument_tool"]) == ((a.instrument_type, a.instrument_tool) if a else (None, None))
    assert any(r["instrument_type"] is not None for r in coded)


def test_scorer_checks_fields(county: Document) -> None:
    inc = next(i for i in county.incentives if i.rate == 8)
    assert incentive_matches(inc, {"anchor": "设备投资额的8%", "rate": 8, "cap": 500, "unit": "万元"})
    assert incentive_matches(inc, {"anchor": "设备投资额的8%", "cap": 5000000, "unit": "元"})  # 500 万元
    assert not incentive_matches(inc, {"anchor": "设备投资额的8%", "rate": 10})
    assert not incentive_matches(inc, {"anchor": "设备投资额的8%", "conditions": ["3亿元"]})
    gold = {"incentives": [{"anchor": "设备投资额的8%", "rate": 8}], "optional_incentives": ["给予"]}
    assert evaluate_document(county, gold)["incentives"].tp == 1


# -- the real gold: every support policy (needs ../shared) ---------------------------------------------
@pytest.mark.skipif(not SHARED.is_dir(), reason="needs the shared corpora (../shared/corpora)")
def test_real_gold() -> None:
    """The brief's bar on the real support policies: precision and recall at least 0.9 over all of them
    (1.000 / 1.000 when this was written; the per-document misses are printed on failure)."""
    tp = fp = fn = 0
    notes: list[str] = []
    for gold_path in REAL_GOLD:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = SHARED / gold["source"]
        if "incentives" not in gold or not source.is_file():  # other gold files state no incentives
            continue
        score = evaluate_document(analyze(source), gold)["incentives"]
        tp, fp, fn = tp + score.tp, fp + score.fp, fn + score.fn
        notes += [f"{gold_path.name}: missed {m}" for m in score.missed]
        notes += [f"{gold_path.name}: spurious {m}" for m in score.spurious]
    if tp + fn == 0:
        pytest.skip("no real document of the gold is there")
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, "\n".join(notes)
