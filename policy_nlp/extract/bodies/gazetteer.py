"""Named bodies: the gazetteer, places and localities, and the candidate names of a text.

The recognizers ``bodies.gazetteer.v1``, ``bodies.local.v1``, ``bodies.collective.v1`` and
``bodies.suffix.v1`` of :mod:`policy_nlp.extract.bodies`; word lists come from
``resources/bodies.tsv``, ``bodies_places.tsv`` and ``body_patterns.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from policy_nlp.model import (
    BodyKind,
)
from policy_nlp.patterns import word_alternation
from policy_nlp.resources import read_tsv

_KINDS: frozenset[str] = frozenset(
    ("government", "party", "people_org", "enterprise", "committee", "collective", "other")
)

# -- character classes and word lists --------------------------------------------------------------
_CJK = r"\u4e00-\u9fff"
#: characters that end a name to the left: punctuation, spaces, digits, brackets
_STOP_CHARS = frozenset(",.;:!?、。;:!?()()《》“”‘’\"'[]【】 \t\n|—-0123456789%")
#: words after which a name starts (prepositions, coordinators, governing verbs, modals)
_BOUNDARY_WORDS: tuple[str, ...] = tuple(
    """由 会同 配合 协助 联合 和 与 及 以及 向 对 经 请 报 报请 提请 在 按照 根据 依照 依托 通过 发挥
    加强 强化 要 将 的 或 或者 并 等 为 从 把 接受 支持 鼓励 引导 督促 指导 动员 推动 参与 参加
    设立 成立 建立 新建 组建 发动 依靠 被 征求 报送 抄送 召集 委托 授权 指定 会商 负责
    协调 统筹 充分 加大 担任 作为 属于 包括 明确 落实 实行 列入 纳入 通知 抄报 上报 批准 审批 成为
    全市 全省 全区 全县 全国各级 本市 本省 本区 本县 不断 积极 主动 努力 着力 大力 全面 深入 切实 认真 逐步 及时
    进一步 广泛 继续 持续""".split()
)


@cache
def _bad_starts() -> frozenset[str]:
    """Words that never start a name: the action verbs (they govern what follows)."""
    verbs = {row["verb"] for row in read_tsv("action_verbs.tsv")} - {"发展"} | {"新建", "设成"}
    return frozenset(v for v in verbs if 2 <= len(v) <= 4)


@cache
def _bad_start_re() -> re.Pattern[str]:
    return re.compile(word_alternation(_bad_starts()))


@cache
def _bad_start_first() -> frozenset[str]:
    """The first characters of the bad starts, and of the coordinators 与/及/和 (a cheap test)."""
    return frozenset(w[0] for w in _bad_starts()) | frozenset("与及和")


_COLLECTIVE_STARTS = ("各", "有关", "相关", "县级以上", "设区的市级以上", "省级以上", "市级以上", "地方各级")

_RULE_GAZ = "bodies.gazetteer.v1"
_RULE_LOCAL = "bodies.local.v1"
_RULE_COLL = "bodies.collective.v1"
_RULE_SUFFIX = "bodies.suffix.v1"
_RULE_HEADER = "bodies.header.v1"
_RULE_LIST = "bodies.list.v1"
_RULE_SUBUNIT = "bodies.subunit.v1"
_RULE_FIELD = "bodies.field.v1"


# -- resources ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tables:
    gazetteer: dict[str, tuple[str, BodyKind, str]]  # form -> (canonical, kind, level)
    short: frozenset[str]  # forms that name a national body only in a national document
    boundaries: dict[str, tuple[str, ...]]  # last character -> boundary words ending in it
    boundary_rev_re: re.Pattern[str]  # the boundary words reversed, for a backward search
    standalone: frozenset[str]
    depts: dict[str, tuple[str, BodyKind]]  # short form -> (full form, kind)
    suffixes: dict[str, BodyKind]
    stops: frozenset[str]
    stops_re: re.Pattern[str]  # any stop string
    places: dict[str, str]  # full name or short name -> full name
    abbrs: dict[str, str]  # one-character abbreviation -> full name
    gaz_re: re.Pattern[str]
    gaz_rev_re: re.Pattern[str]  # the gazetteer forms reversed, for a scan of the reversed text
    gaz_longest: int  # the length of the longest form
    local_re: re.Pattern[str]
    city_re: re.Pattern[str]  # a city, county or district name's last character, then a department
    suffix_re: re.Pattern[str]


def _kind(value: str) -> BodyKind:
    if value not in _KINDS:
        raise ValueError(f"unknown body kind {value!r}; valid: {sorted(_KINDS)}")
    return value  # type: ignore[return-value]


@cache
def _tables() -> _Tables:
    gazetteer: dict[str, tuple[str, BodyKind, str]] = {}
    short: set[str] = set()
    for row in read_tsv("bodies.tsv"):
        entry = (row["canonical"], _kind(row["kind"]), row["level"])
        for form in [row["canonical"], *row["aliases"].split("|")]:
            if form:
                gazetteer[form] = entry
        for form in row["short"].split("|"):
            if form:
                gazetteer[form] = entry
                short.add(form)
    depts: dict[str, tuple[str, BodyKind]] = {}
    suffixes: dict[str, BodyKind] = {}
    stops: set[str] = set()
    boundary_words = set(_BOUNDARY_WORDS)
    standalone: set[str] = set()
    for row in read_tsv("body_patterns.tsv"):
        if row["type"] == "boundary":
            boundary_words.add(row["form"])
        elif row["type"] == "standalone":
            standalone.add(row["form"])
            suffixes[row["form"]] = _kind(row["kind"])
        if row["type"] == "dept":
            depts[row["form"]] = (row["full"], _kind(row["kind"]))
        elif row["type"] == "suffix":
            suffixes[row["form"]] = _kind(row["kind"])
        elif row["type"] == "stop":
            stops.add(row["form"])
    places: dict[str, str] = {}
    abbrs: dict[str, str] = {}
    for row in read_tsv("bodies_places.tsv"):
        places[row["name"]] = row["name"]
        places[row["short"]] = row["name"]
        abbrs[row["abbr"]] = row["name"]
    # the one-character prefixes join the trie's branches when no place name starts with one (the
    # order of the alternatives then does not matter), so that every branch starts with a literal
    one_char = r"(?:\([市县区旗、]{1,8}\))?"
    if any(p[:1] in "省市区县州" for p in places):  # pragma: no cover - not so in the data
        place = rf"(?P<place>{word_alternation(places)}|[省市区县州]{one_char})"
    else:
        prefixes = "|".join(c + one_char for c in "省市区县州")
        place = rf"(?P<place>{word_alternation(places)[:-1]}|{prefixes}))"
    local_re = re.compile(rf"{place}(?P<dept>{word_alternation(depts)})")
    city_re = re.compile(rf"[市县区州盟旗](?<=[{_CJK}].)(?P<dept>{word_alternation(depts)})(?!长|副|主任|书记)")
    boundaries: dict[str, list[str]] = {}
    for w in sorted(boundary_words, key=len, reverse=True):
        boundaries.setdefault(w[-1], []).append(w)
    return _Tables(
        gazetteer=gazetteer,
        short=frozenset(short),
        boundaries={k: tuple(v) for k, v in boundaries.items()},
        boundary_rev_re=re.compile(word_alternation(w[::-1] for w in boundary_words)),
        standalone=frozenset(standalone),
        depts=depts,
        suffixes=suffixes,
        stops=frozenset(stops),
        stops_re=re.compile(word_alternation(stops)),
        places=places,
        abbrs=abbrs,
        gaz_re=re.compile(word_alternation(gazetteer)),
        gaz_rev_re=re.compile(word_alternation(form[::-1] for form in gazetteer)),
        gaz_longest=max(map(len, gazetteer)),
        local_re=local_re,
        city_re=city_re,
        suffix_re=re.compile(word_alternation(suffixes)),
    )


# -- locality ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Locality:
    """Where a document is issued: ``province`` (省级 full name, also set for 直辖市), ``city`` and
    ``district`` (a 区, 县 or 旗 as its issuer writes it: 西秀区, 安顺市西秀区)."""

    province: str | None = None
    city: str | None = None
    district: str | None = None

    def fill(self, prefix: str) -> str | None:
        """Full place name for a one-character prefix (省/市/区/县), None when unknown.

        >>> Locality(None, None, "西秀区").fill("区"), Locality(None, None, "西秀区").fill("县")
        ('西秀区', None)
        """
        if prefix.startswith("省") or prefix.startswith("自治区"):
            return self.province if self.province and not self.province.endswith("市") else None
        if prefix.startswith("市"):
            return self.city
        if prefix[:1] in "区县" and self.district and self.district.endswith(prefix[:1]):
            return self.district
        return None


@cache
def _places_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_tables().places.items(), key=lambda kv: -len(kv[0])))


_CITY_RE = re.compile(rf"^(?P<city>[{_CJK}]{{2,4}}?[市州盟])(?=[{_CJK}])")
#: a district, county or banner after the city (or first): 西秀区人民政府, 安顺市西秀区人民政府
_DISTRICT_RE = re.compile(rf"(?P<district>[{_CJK}]{{2,4}}?[区县旗])(?=[{_CJK}])")


def infer_locality(names: Iterable[str], *, doc_number: str | None = None) -> Locality:
    """The locality of issuers ``names`` (first one that names a place).

    >>> infer_locality(["上海市总工会"])
    Locality(province='上海市', city='上海市', district=None)
    >>> infer_locality(["广东省人民政府办公厅"])
    Locality(province='广东省', city=None, district=None)
    >>> infer_locality(["德阳市人民政府"])
    Locality(province=None, city='德阳市', district=None)
    >>> infer_locality(["西秀区人民政府"]), infer_locality(["安顺市西秀区人民政府"]).district
    (Locality(province=None, city=None, district='西秀区'), '安顺市西秀区')
    """
    t = _tables()
    for name in names:
        for form, full in _places_longest_first():
            if name.startswith(form):
                return Locality(full, full if full.endswith("市") else None)
        if name.startswith(("中共", "中华", "全国", "国务院", "国家")):
            continue
        m = _CITY_RE.match(name)
        city = m.group("city") if m else None
        d = _DISTRICT_RE.match(name, len(city) if city else 0)
        district = name[: d.end()] if d and not d.group().endswith(("自治区", "社区", "园区")) else None
        if city or district:
            return Locality(None, city, district)
    if doc_number and doc_number[:1] in t.abbrs:
        full = t.abbrs[doc_number[:1]]
        return Locality(full, full if full.endswith("市") else None)
    return Locality()


@cache
def _province_government_re() -> re.Pattern[str]:
    names = [n for n in _tables().places.values() if len(n) > 2]
    return re.compile(rf"(?P<place>{word_alternation(names)})(?:人民政府|委员会|党委)")


def _opening_locality(text: str) -> Locality:
    """For a document with no issuer (a news report of a notice): the province whose government the
    opening names, when it names one and it uses one-character prefixes (省发展改革委, 省财政厅).

    >>> _opening_locality("据安徽省人民政府网消息,安徽省人民政府发布通知。\\n牵头责任单位:省发展改革委。")
    Locality(province='安徽省', city=None, district=None)
    """
    opening = text[:600]
    found = {m.group("place") for m in _province_government_re().finditer(opening)}
    if len(found) != 1 or not re.search(r"(?<![\u4e00-\u9fff])省(?:发展改革委|财政厅|政府|人民政府)", text):
        return Locality()
    return infer_locality([found.pop()])


# -- candidates --------------------------------------------------------------------------------------
class _Cand(NamedTuple):
    """A candidate mention (immutable; a tuple because thousands are made per document)."""

    start: int
    end: int
    canonical: str
    kind: BodyKind
    rule: str


def _by_first_char(alternatives: Sequence[str]) -> str:
    """Regex alternatives that each start with a literal character, grouped by it (in order inside a group).

    Alternatives with different first characters never both match at one position, so the grouped
    alternation finds the same matches, and ``re`` tries one group per position instead of all.

    >>> _by_first_char(["ab", "cd", "ae"])
    'a(?:b|e)|c(?:d)'
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())


#: the collective patterns, each written out to start with a literal character (so that ``re`` scans
#: for the first characters in C); the order of the alternatives is the order in which they are tried
_COLL_OF_LEVEL = r"(?:地方)?(?:各级)?人民政府"
_COLL_DEPT = ("有关", "相关", "其他有关", "职能", "主管", "行政主管")  # no two start alike
_COLL_GOV = [f"{p}{g}" for p in "省市区县" for g in ("人民政府", "政府")] + ["人民政府", "政府"]
_COLLECTIVE_RE = re.compile(
    _by_first_char(
        [
            r"各(?:地区|地方|地)(?![\u4e00-\u9fff]{0,3}(?:部门|单位|机关|人民政府|政府))",
            rf"各(?:(?![的都应要将和及与])[{_CJK}、]|\([{_CJK}、]{{1,6}}\)){{0,10}}?"
            r"(?:工会组织|总工会|工会|人民政府|政府|部门|单位|机关|机构|委员会|党委|组织|企业|团体|学校)",
            *(
                f"{lv}{_COLL_OF_LEVEL}"
                for lv in ("县级以上", "设区的市级以上", "省级以上", "市级以上", "地方各级", "各级")
            ),
            *(f"{g}(?:{'|'.join(_COLL_DEPT)})部门" for g in _COLL_GOV),
            *(f"{d}部门" for d in _COLL_DEPT),
            "政府部门",
            "有关单位",
            "相关单位",
            "有关方面",
        ]
    )
)
#: the name of a city, county or district before a department (not 城市, 全市, 本区, 社区 …)
_CITY_NAME_RE = re.compile(
    rf"(?![各本全该我你其市县区州省]|有关|相关|中共)(?:(?![和与及或的次届年度同选受发对向把被由等将要应于以为给从自到按在至称付])[{_CJK}]){{2,4}}[市县区州盟旗]"
)
#: a named city's department follows a list mark, bracket, colon, line start or one of these, or its
#: city is named again in the document (not 回答市人大常委会)
_CITY_AFTER = ("由", "会同", "配合", "协助", "联合", "和", "与", "及", "经", "商", "请", "报", "向", "对", "在", "将", "并")
_NOT_CITY_ENDS = (*"直辖市 地级市 县级市 省辖市 设区的市 地区 城市 小区 社区 园区 景区 校区 辖区 城区 市区 郊区 片区 街区 库区 矿区 灾区 山区 牧区 林区 垦区 老区".split(),
                  *"试验区 开发区 高新区 示范区 合作区 保税区 功能区 集聚区 度假区 风景区".split())  # fmt: skip
_LOCAL_GENERIC_RE = re.compile(
    rf"(?P<place>[省市区县])(?P<dept>(?![各级直属有关相府委域]|政(?!务)|人民政府)(?:(?![或与及的])[{_CJK}]){{1,8}}?(?:委员会|办公室|厅|局|委(?!员)|办))(?!长|副|主任|书记)"
)
#: a name with a parenthetical inside: 区县局(产业)工会, 县(市、区)人民政府
_PAREN_NAME_RE = re.compile(
    rf"[{_CJK}]{{1,6}}(?P<paren>\([{_CJK}、]{{1,6}}\))(?P<suf>工会|人民政府|委员会|总工会)"
    rf"(?:[{_CJK}]{{1,12}}?(?:行政主管部门|主管部门|行政部门|管理部门|部门))?"
)
#: the parenthetical and ending of a _PAREN_NAME_RE match: a cheap scan for where such a name can be
_PAREN_CORE_RE = re.compile(rf"\([{_CJK}、]{{1,6}}\)(?:工会|人民政府|委员会|总工会)")


def _paren_names(text: str) -> Iterable[re.Match[str]]:
    """The matches of ``_PAREN_NAME_RE.finditer(text)``, tried only at the ≤ 6 starts before each core.

    A match uses the first ``(`` after its start (the name characters exclude it), so trying the
    starts before each core in order finds the same leftmost, non-overlapping matches.
    """
    pos = 0
    for core in _PAREN_CORE_RE.finditer(text):
        q = core.start()
        for s in range(max(pos, q - 6), q):
            m = _PAREN_NAME_RE.match(text, s)
            if m is not None:
                yield m
                pos = m.end()
                break


#: 中共上海市委 → 中共上海市委员会
_CPC_RE = re.compile(rf"中共(?P<place>[{_CJK}]{{1,8}}?(?:省|市|自治区|区|县|州))委(?![员{_CJK}]{{0,1}}[会])")
_QUOTE_RE = re.compile(r"《[^《》\n]{0,120}》")
_NEXT_BAD = {
    "中心": ("工作", "任务", "城市", "城区", "环节", "地位", "位置", "内容"),
    "工会": ("工作", "干部", "经费", "会员"),
}
_PREV_BAD = {"中心": "个为离", "部门": "个各本该", "机关": "个", "工会": "个"}


#: a one-character boundary word is part of a longer word when followed (preceded) by these
_NEXT_VETO = {"经": "济营费过常验历贸", "和": "平谐", "及": "时格", "与": "会", "对": "外象应", "向": "导",
              "要": "求素点", "将": "来", "为": "主", "等": "级", "请": "示求", "报": "告送批请", "在": "职编岗",
              "以": "上下外内", "时": "间代", "于": "是", "其": "他中", "由": "于", "有": "关权效"}  # fmt: skip
_PREV_VETO = {"在": "所存现实", "和": "共", "报": "举情汇申预", "以": "可所难", "时": "同及临", "于": "关对由",
              "是": "或但于", "其": "尤与", "有": "国所没拥具", "据": "数根依证占收票单字凭论"}  # fmt: skip
_COORDINATORS = frozenset(("和", "与", "及", "以及"))
_BODY_ENDS = ("部门", "机关", "政府", "委员会", "厅", "局", "工会", "单位", "组织", "机构", "办公室", "中心", "协会",
              "联合会", "会", "委", "院", "部", "办", "处", "所", "站", "队", "企业", "行政", "人")  # fmt: skip
_GENERIC_SUFFIXES = frozenset(("部门", "机关", "单位", "组织", "机构"))
_INNER_BOUNDARY = re.compile(r"人民法院|人民检察院")


def _boundary_ends_at(text: str, j: int, lo: int) -> bool:
    """True when a boundary word ends right before ``j`` (and starts at or after ``lo``)."""
    if j <= lo:
        return False
    words = _tables().boundaries.get(text[j - 1], ())
    for w in words:
        if j - len(w) >= lo and text.startswith(w, j - len(w)):
            nxt = text[j] if j < len(text) else ""
            prev = text[j - 2] if j >= 2 else ""
            if len(w) == 1 and (
                (nxt and nxt in _NEXT_VETO.get(w, "")) or (prev and prev in _PREV_VETO.get(w, ""))
            ):
                continue
            if w in _COORDINATORS and not text.endswith(_BODY_ENDS, lo, j - len(w)):
                continue  # 经济和信息化, 自然资源和规划: a coordinator inside a name
            return True
    return False


def _is_boundary_before(text: str, i: int, lo: int) -> bool:
    """True when a name may start at ``i`` (clause start or right after a boundary word)."""
    if i <= lo or text[i - 1] in _STOP_CHARS:
        return True
    return _boundary_ends_at(text, i, lo)


#: a run of characters that are not _STOP_CHARS
_NON_STOP_RUN = re.compile("[^" + "".join(re.escape(c) for c in sorted(_STOP_CHARS)) + "]*")


def _clause_start(text: str, i: int, limit: int) -> int:
    lo = max(0, i - limit)
    j = i
    while j > lo and text[j - 1] not in _STOP_CHARS:
        j -= 1
    return j


def _suffix_start(text: str, p: int, rev: str) -> int:
    """Start of a name whose suffix begins at ``p``: after the last boundary word before it.

    ``rev`` is ``text`` reversed: position ``j`` of ``text`` is ``len(text) - j`` there, so the clause
    start and the boundary words ending at or before ``p`` are found by forward scans of ``rev``.
    """
    n = len(text)
    lo = n - _NON_STOP_RUN.match(rev, n - p, n - max(0, p - 24)).end()  # type: ignore[union-attr]
    start = lo
    rev_re = _tables().boundary_rev_re
    r = n - p
    while True:  # ends j = n - r, from p down, where some boundary word ends within [lo, p)
        m = rev_re.search(rev, r, n - lo)
        if m is None:
            break
        j = n - m.start()
        if _boundary_ends_at(text, j, lo):
            start = j
            break
        r = m.start() + 1
    if text.find("人民", start, p) >= 0:  # how both _INNER_BOUNDARY words start
        for m in _INNER_BOUNDARY.finditer(text, start, p):
            start = m.end()
    while start < p and text[start] in "年月日":
        start += 1
    bad_re, bad_first = _bad_start_re(), _bad_start_first()
    while True:  # the longest bad start or a coordinator (与有关部门, 及市人民政府), again and again
        if text[start : start + 1] not in bad_first:
            return start
        if m := bad_re.match(text, start, p):
            start = m.end()
        elif start < p and text[start] in "与及和" and not text.startswith(("和平", "和谐"), start):
            start += 1
        else:
            return start


_LEVEL = (
    r"(?:最高|高级|中级|基层|上一级|上级|下级|本级|同级|原审|原|第一审|第二审|再审|地方各级|地方|当地|所在地|有关|相关|其他有关|"
    r"其他|街道|乡、镇|乡镇|县级以上地方各级|县级以上地方|县级以上各级|县级以上|县级|设区的市级|设区的市|地级以上市|市级|省级|"
    r"省、自治区、直辖市|直辖市|自治州|自治县|区县|城市|农村|各级|全国|[乡镇县市区省州村])"
)
_ANCHOR_RE = re.compile(
    rf"(?:[{_CJK}]{{1,7}}?(?:省|市|自治区|自治州|县|区|旗|镇|乡|街道))?(?:第[一二三四五六七八九十]+届)?(?:人民代表大会)?{_LEVEL}*"
)


_LEVEL_RUN = re.compile(_LEVEL + "+")


def _anchored_start(text: str, s: int, p: int) -> int:
    """For a name that stands alone (人民法院): keep the prefix only if it is a place or level word."""
    while s < p and text[s] in "年月日":
        s += 1
    if _ANCHOR_RE.fullmatch(text, s, p):
        return s
    for k in range(s + 1, p):  # the longest tail of the prefix that is a level word
        if _LEVEL_RUN.fullmatch(text, k, p):
            return k
    return p


_COLLECTIVE_NAMES = ("政府部门", "有关单位", "相关单位", "有关方面")
_PARTY_START, _PARTY_ENDS = "中共", ("党委", "党组")
#: the first and last characters of the names above: a name with neither keeps its kind (a cheap test)
_KIND_FIRST = frozenset(w[0] for w in (*_COLLECTIVE_STARTS, *_COLLECTIVE_NAMES, _PARTY_START))
_KIND_LAST = frozenset(w[-1] for w in _PARTY_ENDS)


def _kind_of(name: str, default: BodyKind) -> BodyKind:
    """``default``, unless the name reads as a collective (各…, 有关…, 政府部门) or a party body.

    >>> _kind_of("有关部门", "other"), _kind_of("中共上海市委", "government"), _kind_of("市统计局", "government")
    ('collective', 'party', 'government')
    """
    if name[:1] not in _KIND_FIRST and name[-1:] not in _KIND_LAST:
        return default
    if name.startswith(_COLLECTIVE_STARTS) or name in _COLLECTIVE_NAMES:
        return "collective"
    if name.startswith(_PARTY_START) or name.endswith(_PARTY_ENDS):
        return "party"
    return default


#: gazetteer forms that start like this name a national organ wherever they stand
_NATIONAL_STARTS = ("国家", "国务院", "中国", "中华", "中央", "中共", "全国", "最高", "共青团", "党中央", "团中央")
#: a gazetteer form right after one of these is part of a local or collective name (市统计局)
_PLACE_BEFORE = frozenset("省市区县州旗盟乡镇级各")
#: a gazetteer form ending in the key is the head of a longer word when these follow (建设部门)
_GAZ_NEXT_BAD = {"部": "门分署位队", "委": "员", "办": "公法理事"}
#: after a two-character form, these make it a document-number prefix (国办发, 中办函)
_DOC_NUMBER_NEXT = frozenset("发函字秘电")


def _gazetteer_ok(text: str, m: re.Match[str], *, national_doc: bool) -> bool:
    """Whether a gazetteer match names the organ here (see the module docstring)."""
    form, s, e = m.group(), m.start(), m.end()
    if form in _tables().short and not national_doc:
        return False
    nxt = text[e : e + 1]
    if nxt and nxt in _GAZ_NEXT_BAD.get(form[-1], "") and not text.startswith("分别", e):
        return False
    if len(form) <= 2 and nxt in _DOC_NUMBER_NEXT:
        return False
    if s == 0 or form.startswith(_NATIONAL_STARTS):
        return True
    # 市统计局, 各级发展改革委; 总后勤部卫生部 is a department of the 总后勤部, not the ministry
    return text[s - 1] not in _PLACE_BEFORE and text[s - 1] != "部"


def _gazetteer_matches(text: str, rev: str) -> list[re.Match[str]]:
    """The matches of ``gaz_re.finditer(text)``, found only in windows around the forms that a scan of
    ``rev`` (``text`` reversed) finds: fewer places to try, as the forms' last characters are rarer
    than their first.

    Every occurrence of a form overlaps a match of the reversed scan (it is found or skipped as part
    of one), so it lies within ``gaz_longest - 1`` characters of one; windows that overlap are
    merged, so each occurrence lies inside one window and the windows' matches are the whole text's.

    >>> text = "由民政部、国家发展改革委和市民政局负责"
    >>> [m.span() for m in _gazetteer_matches(text, text[::-1])] == [m.span() for m in _tables().gaz_re.finditer(text)]
    True
    """
    t = _tables()
    n, reach = len(text), t.gaz_longest - 1
    windows: list[list[int]] = []  # from the end of the text back
    for m in t.gaz_rev_re.finditer(rev):
        lo, hi = max(0, n - m.end() - reach), min(n, n - m.start() + reach)
        if windows and hi >= windows[-1][0]:
            windows[-1][0] = lo
        else:
            windows.append([lo, hi])
    gaz_re = t.gaz_re
    return [m for lo, hi in reversed(windows) for m in gaz_re.finditer(text, lo, hi)]


def _candidates(text: str, loc: Locality) -> list[_Cand]:
    t = _tables()
    out: list[_Cand] = []
    national_doc = loc == Locality()
    rev = text[::-1]
    for m in _gazetteer_matches(text, rev):
        if not _gazetteer_ok(text, m, national_doc=national_doc):
            continue
        canonical, kind, _level = t.gazetteer[m.group()]
        out.append(_Cand(m.start(), m.end(), canonical, kind, _RULE_GAZ))
    for m in t.local_re.finditer(text):
        place, dept = m.group("place"), m.group("dept")
        if len(place) == 1 and not _is_boundary_before(text, m.start(), 0):
            continue
        if len(place) > 1 and place in t.places:
            full_place: str | None = t.places[place]
        elif "(" in place:
            full_place = None
        else:
            full_place = loc.fill(place)
        full, kind = t.depts[dept]
        if full == "=":  # a name of its own: 上海海关, 广东银保监局
            canonical = m.group()
        elif full_place is None:
            canonical = m.group() if "{place}" not in full else place + dept
        elif "{place}" in full:
            canonical = full.replace("{place}", full_place)
        else:
            canonical = full_place + full
        out.append(_Cand(m.start(), m.end(), canonical, kind, _RULE_LOCAL))
    counts: dict[str, int] = {}  # text.count(city), once per city
    for m in t.city_re.finditer(text):
        d = m.start("dept")
        s = _suffix_start(text, d, rev)
        city = text[s:d]
        if city in t.places or not _CITY_NAME_RE.fullmatch(city) or city.endswith(_NOT_CITY_ENDS):
            continue
        hard_start = s == 0 or text[s - 1] in "、(:;\n\t |" or text.endswith(_CITY_AFTER, 0, s)
        if not hard_start and counts.setdefault(city, text.count(city) if city not in counts else 0) < 2:
            continue
        full, kind = t.depts[m.group("dept")]
        if full == "=":
            canonical = text[s : m.end()]
        elif "{place}" in full:
            canonical = full.replace("{place}", city)
        else:
            canonical = city + full
        out.append(_Cand(s, m.end(), canonical, kind, _RULE_LOCAL))
    for m in _LOCAL_GENERIC_RE.finditer(text):
        if not _is_boundary_before(text, m.start(), 0):
            continue
        full_place = loc.fill(m.group("place"))
        canonical = (full_place + m.group("dept")) if full_place else m.group()
        out.append(_Cand(m.start(), m.end(), canonical, "government", _RULE_LOCAL))
    for m in _paren_names(text):
        s0 = m.start()
        for j in range(m.start("paren") - 1, m.start(), -1):
            if _boundary_ends_at(text, j, m.start()):
                s0 = j
                break
        if _is_boundary_before(text, s0, 0):
            name = text[s0 : m.end()]
            out.append(
                _Cand(
                    s0,
                    m.end(),
                    name,
                    _kind_of(name, t.suffixes.get(m.group("suf"), "other")),
                    _RULE_SUFFIX,
                )
            )
    for m in _CPC_RE.finditer(text):
        canonical = f"中共{m.group('place')}委员会"
        out.append(_Cand(m.start(), m.end(), canonical, "party", _RULE_LOCAL))
    for m in _COLLECTIVE_RE.finditer(text):
        name = m.group()
        out.append(_Cand(m.start(), m.end(), name, _kind_of(name, "collective"), _RULE_COLL))
    standalone, stops_re = t.standalone, t.stops_re
    for m in t.suffix_re.finditer(text):
        suffix = m.group()
        p, e = m.span()
        # the checks that do not need the start come first
        prev_bad = _PREV_BAD.get(suffix)
        if prev_bad and p > 0 and text[p - 1] in prev_bad:
            continue
        if suffix in _NEXT_BAD and text.startswith(_NEXT_BAD[suffix], e):
            continue
        s = _suffix_start(text, p, rev)
        if suffix in standalone:
            s = _anchored_start(text, s, p)
        elif p - s < (4 if suffix == "中心" else 2):
            continue
        if stops_re.search(text, s, e):
            continue
        if suffix in _GENERIC_SUFFIXES and text[p - 1] in "和与及":
            continue  # 分管省领导和部门, 行政法规和部门: the suffix is a word of its own
        name = text[s:e]
        out.append(_Cand(s, e, name, _kind_of(name, t.suffixes[suffix]), _RULE_SUFFIX))
    # a place-anchored name continues to a later suffix: 上海市推进职工科技创新工作联席会议
    return out


_START = itemgetter(0)  # _Cand.start
_END = itemgetter(1)  # _Cand.end


def _resolve_overlaps(cands: list[_Cand], blocked: list[tuple[int, int]]) -> list[_Cand]:
    # by start, then longest first (two stable sorts: equal spans keep their order)
    cands.sort(key=_END, reverse=True)
    cands.sort(key=_START)
    out: list[_Cand] = []
    last_end = -1
    bi = 0
    for c in cands:
        while bi < len(blocked) and blocked[bi][1] <= c.start:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] < c.end and c.start < blocked[bi][1]:
            continue
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out
