"""Responsible bodies: who issues, who is addressed, who leads and who cooperates.

Recognizers (rule ids):

- ``bodies.gazetteer.v1``: named organs of ``resources/bodies.tsv`` (aliases fold to the canonical
  name: 全总 → 中华全国总工会, 国家发改委 → 国家发展和改革委员会, 环保总局 → 国家环境保护总局); the
  bare short forms of its ``short`` column (发展改革委, 卫生健康委, 统计局) only in a document with no
  place of its own (a national one), since 发展改革委 in a city's document is the city's. A form that
  does not start with 国家/中国/中央/国务院… is not taken after a place or level character (市统计局,
  各级发展改革委), nor as the head of a longer word (建设部门, 农业部分, 国办发〔2005〕1号).
- ``bodies.local.v1``: a place prefix (省/市/区/县, a province of ``bodies_places.tsv`` or the
  document's own locality) before a department short form of ``body_patterns.tsv`` (type ``dept``):
  市总工会 → 上海市总工会 inside a Shanghai document, 省发展改革委 → 广东省发展和改革委员会.
  A named city, county or district (广州市, 浦东新区, 南山区; the start is the last boundary word
  before it) works the same way: 广州市发展改革委 → 广州市发展和改革委员会.
- ``bodies.collective.v1``: 各级工会, 各区县局(产业)工会, 政府有关部门, 县级以上人民政府…主管部门.
- ``bodies.suffix.v1``: names ending in a generic suffix (type ``suffix``: …委员会, …联席会议, …部门,
  …工会, …协会, …中心); the start is the last boundary word (由, 会同, 发挥, 和, …) before the
  suffix, so 发挥工会劳动保护专家咨询委员会的作用 gives 工会劳动保护专家咨询委员会.
- ``bodies.list.v1``: the other items of a 、 list of bodies (科技部、中国科学院、国家自然科学基金委等;
  合肥海关, 人行合肥中心支行): when at least one item is a body found above and every item ends like
  a body name (委/局/厅/办/部/署/院/中心/支行/海关/联合会…), the unfound items are bodies too.
- ``bodies.field.v1``: the items of a 牵头单位:/责任单位:/配合单位: field or of a 牵头/责任 table
  column that end like a body name, found or not (牵头单位:江川海关).
- ``bodies.subunit.v1``: an internal department right after a found body, before a role word or
  punctuation: 市总工会宣教部, 省总工会基层工作部, 财政部预算司, 省财政厅社保处 (canonical: the body's
  canonical name and the department).
- ``bodies.header.v1``: issuers and addressees of the header (``meta`` or the title line
  ``X关于…`` and the ``…:`` line of 主送 when ``meta`` is empty).

Strings of type ``stop`` (主力军, 工人阶级, 劳动竞赛 …) are never bodies; names inside 《》 belong to
the cited title and are skipped.

Roles come from the language of assignment: X牵头 / 由X负责 / X要… (lead), X会同Y (Y cooperate),
Y配合 / Y按职责分工负责 after a 牵头 (cooperate), 配合X (X lead), labelled fields 牵头单位:… /
责任单位:… / 协同责任单位:…, and the 牵头/责任 columns of task tables flattened into lines
(cells separated by ``|``, tabs or two spaces, or one cell per line). Inside a field, a (牵头) mark
or an explicit 牵头/配合 decides (责任单位:市发展改革委(牵头)、市财政局); X为牵头单位 / Y为配合单位;
a named body before 各部门/有关部门 is one collective (国务院各部门). A meta issuer named inside a
running-text line is no header mention, and addressees that are persons (…代表, …委员) are none.

:func:`attach_line_bodies` gives a target that no action holds the lead/cooperate bodies of its
line's bracketed tail or labelled field.

>>> from policy_nlp.model import Meta
>>> text = "上海市总工会关于开展竞赛的意见\\n各区县局(产业)工会:\\n市总工会将会同政府有关部门,选拔100个工作室。"
>>> [(b.canonical, b.role) for b in find_bodies(text, meta=Meta())]
[('上海市总工会', 'issuer'), ('各区县局(产业)工会', 'addressee'), ('上海市总工会', 'lead'), ('政府有关部门', 'cooperate')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any, NamedTuple

from policy_nlp.errors import ResourceError
from policy_nlp.model import Assignment, Body, BodyKind, BodyRole, Meta, Section, Sentence, Target
from policy_nlp.resources import read_tsv

__all__ = ["Locality", "attach_line_bodies", "find_bodies", "find_task_units", "infer_locality"]

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
    return re.compile(_alt(_bad_starts()))


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
    local_re: re.Pattern[str]
    city_re: re.Pattern[str]  # a city, county or district name's last character, then a department
    suffix_re: re.Pattern[str]


def _kind(value: str) -> BodyKind:
    if value not in _KINDS:
        raise ValueError(f"unknown body kind {value!r}; valid: {sorted(_KINDS)}")
    return value  # type: ignore[return-value]


def _alt(words: Iterable[str], *, lookahead: bool = False) -> str:
    """Alternation of literal words as a character trie (same matches as longest-first alternation).

    At each position the words that match are prefixes of one another, so a trie with greedy optional
    tails tries them longest first, as a longest-first alternation does, also on backtracking. Each
    branch starts with a literal, so ``re`` scans for the first characters in C; ``lookahead`` puts
    the first-character class in front instead (better when the first characters are common).

    >>> _alt(["工会", "总工会", "工会组织"])
    '(?:工会(?:组织)?|总工会)'
    """
    root: dict[str, dict[str, Any]] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        kids = sorted((c, n) for c, n in node.items() if c)
        if not kids:
            return ""
        parts = [re.escape(c) + emit(n) for c, n in kids]
        if len(parts) == 1 and "" not in node:
            return parts[0]
        return "(?:" + "|".join(parts) + ")" + ("?" if "" in node else "")

    trie = emit(root)
    if not trie.startswith("(?:"):
        trie = f"(?:{trie})"
    if lookahead:
        first = "".join(sorted({re.escape(w[0]) for w in words if w}))
        return f"(?=[{first}]){trie}"
    return trie


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
        place = rf"(?P<place>{_alt(places)}|[省市区县州]{one_char})"
    else:
        prefixes = "|".join(c + one_char for c in "省市区县州")
        place = rf"(?P<place>{_alt(places)[:-1]}|{prefixes}))"
    local_re = re.compile(rf"{place}(?P<dept>{_alt(depts)})")
    city_re = re.compile(rf"[市县区州盟旗](?<=[{_CJK}].)(?P<dept>{_alt(depts)})(?!长|副|主任|书记)")
    boundaries: dict[str, list[str]] = {}
    for w in sorted(boundary_words, key=len, reverse=True):
        boundaries.setdefault(w[-1], []).append(w)
    return _Tables(
        gazetteer=gazetteer,
        short=frozenset(short),
        boundaries={k: tuple(v) for k, v in boundaries.items()},
        boundary_rev_re=re.compile(_alt(w[::-1] for w in boundary_words)),
        standalone=frozenset(standalone),
        depts=depts,
        suffixes=suffixes,
        stops=frozenset(stops),
        stops_re=re.compile(_alt(stops)),
        places=places,
        abbrs=abbrs,
        gaz_re=re.compile(_alt(gazetteer)),
        local_re=local_re,
        city_re=city_re,
        suffix_re=re.compile(_alt(suffixes, lookahead=True)),
    )


# -- locality ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Locality:
    """Where a document is issued: ``province`` (省级 full name, also set for 直辖市) and ``city``."""

    province: str | None = None
    city: str | None = None

    def fill(self, prefix: str) -> str | None:
        """Full place name for a one-character prefix (省/市/区/县), None when unknown."""
        if prefix.startswith("省") or prefix.startswith("自治区"):
            return self.province if self.province and not self.province.endswith("市") else None
        if prefix.startswith("市"):
            return self.city
        return None


@cache
def _places_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_tables().places.items(), key=lambda kv: -len(kv[0])))


_CITY_RE = re.compile(rf"^(?P<city>[{_CJK}]{{2,4}}?[市州盟])(?=[{_CJK}])")


def infer_locality(names: Iterable[str], *, doc_number: str | None = None) -> Locality:
    """The locality of issuers ``names`` (first one that names a place).

    >>> infer_locality(["上海市总工会"])
    Locality(province='上海市', city='上海市')
    >>> infer_locality(["广东省人民政府办公厅"])
    Locality(province='广东省', city=None)
    >>> infer_locality(["德阳市人民政府"])
    Locality(province=None, city='德阳市')
    """
    t = _tables()
    for name in names:
        for form, full in _places_longest_first():
            if name.startswith(form):
                return Locality(full, full if full.endswith("市") else None)
        m = _CITY_RE.match(name)
        if m and not name.startswith(("中共", "中华", "全国", "国务院", "国家")):
            return Locality(None, m.group("city"))
    if doc_number and doc_number[:1] in t.abbrs:
        full = t.abbrs[doc_number[:1]]
        return Locality(full, full if full.endswith("市") else None)
    return Locality()


@cache
def _province_government_re() -> re.Pattern[str]:
    names = [n for n in _tables().places.values() if len(n) > 2]
    return re.compile(rf"(?P<place>{_alt(names)})(?:人民政府|委员会|党委)")


def _opening_locality(text: str) -> Locality:
    """For a document with no issuer (a news report of a notice): the province whose government the
    opening names, when it names one and it uses one-character prefixes (省发展改革委, 省财政厅).

    >>> _opening_locality("据安徽省人民政府网消息,安徽省人民政府发布通知。\\n牵头责任单位:省发展改革委。")
    Locality(province='安徽省', city=None)
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
    rf"(?P<place>[省市区县])(?P<dept>(?![各级直属有关相府委]|政(?!务)|人民政府)(?:(?![或与及的])[{_CJK}]){{1,8}}?(?:委员会|办公室|厅|局|委(?!员)|办))(?!长|副|主任|书记)"
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
    bad_re = _bad_start_re()
    while True:  # the longest bad start or a coordinator (与有关部门, 及市人民政府), again and again
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


def _kind_of(name: str, default: BodyKind) -> BodyKind:
    if name.startswith(_COLLECTIVE_STARTS) or name in ("政府部门", "有关单位", "相关单位", "有关方面"):
        return "collective"
    if name.startswith("中共") or name.endswith(("党委", "党组")):
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


def _candidates(text: str, loc: Locality) -> list[_Cand]:
    t = _tables()
    out: list[_Cand] = []
    national_doc = loc == Locality()
    for m in t.gaz_re.finditer(text):
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
    rev = ""
    counts: dict[str, int] = {}  # text.count(city), once per city
    for m in t.city_re.finditer(text):
        d = m.start("dept")
        if not rev:
            rev = text[::-1]
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
        if not rev:
            rev = text[::-1]
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


# -- lists -------------------------------------------------------------------------------------------
_ITEM = r"[^、,;。:()《》“”\"|\s\d]{1,30}"
_LIST_RE = re.compile(rf"{_ITEM}(?:、{_ITEM})+")  # what _list_regions finds, without its backtracking
_ITEM_RE = re.compile(_ITEM)


def _list_regions(text: str) -> Iterable[tuple[int, int]]:
    """The spans of ``_LIST_RE.finditer(text)``, found from each 、 (the regex tries every start).

    >>> t = "由甲局、乙局和丙局负责,丁、戊。"
    >>> [t[s:e] for s, e in _list_regions(t)] == [m.group() for m in _LIST_RE.finditer(t)]
    True
    """
    n = len(text)
    floor = 0
    pos = text.find("、")
    rev = text[::-1] if pos >= 0 else ""
    while pos >= 0:
        left = _ITEM_RE.match(rev, n - pos, n - floor)  # the item before the 、, read backwards
        s = pos - (left.end() - (n - pos)) if left else pos
        e = pos
        if s < pos:
            while e < n and text[e] == "、" and (m := _ITEM_RE.match(text, e + 1)) is not None:
                e = m.end()
        if e > pos:
            yield s, e
            floor = e
        pos = text.find("、", max(e, pos + 1))
class _Spans:
    """Whether a span overlaps any of ``spans`` (sorted by start; they may overlap), by bisection.

    >>> overlaps = _Spans([(0, 10), (2, 3), (20, 25)])
    >>> overlaps(10, 20), overlaps(9, 12), overlaps(24, 30)
    (False, True, True)
    """

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [a for a, _b in spans]
        self.reach = list(accumulate((b for _a, b in spans), max, initial=-1))  # max end of spans[:i]

    def __call__(self, s: int, e: int) -> bool:
        return self.reach[bisect_left(self.starts, e)] > s


#: how an item of a list of bodies ends
_LIST_ENDS = ("委员会", "管委会", "委", "局", "厅", "办", "部", "署", "院", "办公室", "中心", "支行", "分行", "总部",
              "海关", "政府", "工会", "联合会", "协会", "学会", "商会", "妇联", "残联", "侨联", "文联", "工商联",
              "社科联", "总社", "供销社", "集团", "公司", "小组", "研究所", "基金会")  # fmt: skip
_LIST_NOT_ENDS = ("社会", "机会", "部署", "大会")
#: what may follow the last item of a list of bodies
_LIST_TAIL = ("等", "按", "负责", "牵头", "配合", "参与", "协助", "协同", "会同", "分别", "共同", "联合", "要", "和", "及", "与")
_LIST_HARD_BEFORE = frozenset("(:;\n")


def _list_item_ok(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` reads as the name of a body: it ends like one (and is more than the
    ending: not 商会, 海关), starts with no verb or 本/该/其, holds no boundary word (应当, 或者, 和 …)
    and no stop string."""
    name = text[s:e]
    if not 2 <= len(name) <= 20 or name.endswith(_LIST_NOT_ENDS) or name.startswith(("本", "该", "其", "我")):
        return False
    ending = next((x for x in _LIST_ENDS if name.endswith(x)), None)
    if ending is None or ending == name or "的" in name:
        return False
    if _bad_start_re().match(name) or _tables().stops_re.search(name):
        return False
    return not any(_boundary_ends_at(text, j, s) for j in range(s + 1, e + 1))


def _complete_lists(text: str, kept: list[_Cand], blocked: Sequence[tuple[int, int]]) -> list[_Cand]:
    """``kept`` with the unfound items of lists of bodies added (rule ``bodies.list.v1``)."""
    starts = [c.start for c in kept]
    added: list[_Cand] = []
    drop: set[int] = set()
    is_blocked = _Spans(blocked)
    for r0, r1 in _list_regions(text):
        items: list[tuple[int, int]] = []
        pos = r0
        for part in text[r0:r1].split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        k0 = bisect_left(starts, r0)
        k1 = bisect_left(starts, r1)
        if k0 == k1:
            continue  # no body in the region
        plan: list[tuple[int, int, list[int]]] = []  # (start, end, candidates inside) of unfound items
        grown: list[tuple[int, int]] = []  # (candidate, new start) of found names cut after a verb
        known = 0
        for n, (s, e) in enumerate(items):
            inside = [k for k in range(bisect_left(starts, s, k0, k1), bisect_left(starts, e, k0, k1)) if kept[k].end <= e]
            if n == len(items) - 1 and any(
                c.start == s and c.end > e for c in kept[bisect_left(starts, s, k0) : bisect_left(starts, s + 1, k0)]
            ):
                known += 1  # a found name running on past a bracket: 各区(县)人民政府
                continue
            if n == len(items) - 1:  # the last item ends where the list ends: 合肥海关等
                first = next((k for k in inside if kept[k].start == s), None)
                if first is not None and (kept[first].end == e or text.startswith(_LIST_TAIL, kept[first].end)):
                    known += 1
                    continue
                cut = next(
                    (j for j in range(s + 2, min(e, s + 20) + 1) if (j == e or text.startswith(_LIST_TAIL, j))
                     and text.endswith(_LIST_ENDS, s, j)),
                    None,
                )  # fmt: skip
                if cut is None:
                    break
                e = cut
            elif n == 0 and any(kept[k].end == e for k in inside):
                known += 1
                continue
            at_end = [k for k in inside if kept[k].end == e]
            if at_end:  # 沿海地方各级人民政府: found, with a prefix
                known += 1
                c = kept[at_end[0]]
                prefix = text[s : c.start]
                if (
                    len(inside) == 1
                    and c.rule == _RULE_SUFFIX
                    and 0 < len(prefix) <= 8
                    and prefix[0] in "省市区县"
                    and not any(x in prefix for x in "的和及与或认")
                ):
                    grown.append((at_end[0], s))  # 市行政审批制度改革工作领导小组办公室: from the place on
                continue
            if len(inside) > 1 or (inside and kept[inside[0]].start != s):
                break  # only a name that starts with a found one grows: 人民银行上海总部
            if n == 0 and s > 0 and text[s - 1] not in _LIST_HARD_BEFORE and not (
                text[s - 1] == "," and text[s] in "省市区县"
            ):
                break  # the first item's start is unsure (由广州市…): leave the list alone
            if not _list_item_ok(text, s, e) or is_blocked(s, e):
                break
            plan.append((s, e, inside))
        else:
            if known >= 2 or plan:
                for k, s in grown:
                    name = text[s : kept[k].end]
                    added.append(_Cand(s, kept[k].end, name, kept[k].kind, _RULE_LIST))
                    drop.add(k)
            if plan and known >= 1 and len(plan) <= known + 1:
                for s, e, inside in plan:
                    name = text[s:e]
                    added.append(_Cand(s, e, name, _kind_of(name, _list_kind(name)), _RULE_LIST))
                    drop.update(inside)
    if not added:
        return kept
    out = [c for k, c in enumerate(kept) if k not in drop] + added
    out.sort(key=_START)
    return out


_FIELD_SPLIT = re.compile(r"[、,;]|和|及|以及")
_FIELD_TRIM = re.compile(r"^\s+|(?:\((?:牵头|牵头单位|牵头部门)\)|等|\s)+$")


def _field_items(
    text: str, kept: list[_Cand], zones: Sequence[_Zone], blocked: Sequence[tuple[int, int]]
) -> list[_Cand]:
    """``kept`` with the unfound items of labelled fields and role columns that read as body names."""
    starts = [c.start for c in kept]
    added: list[_Cand] = []
    is_blocked = _Spans(blocked)
    for z in zones:
        if z.role is None or z.end - z.start > 300:
            continue
        pos = z.start
        for sep in [*_FIELD_SPLIT.finditer(text, z.start, z.end), None]:
            s, e = pos, (sep.start() if sep else z.end)
            pos = sep.end() if sep else z.end
            inner = text[s:e]
            lead = len(inner) - len(inner.lstrip())
            trail = _FIELD_TRIM.search(inner)
            s, e = s + lead, (s + trail.start() if trail else e)
            if e - s < 2:
                continue
            k = bisect_left(starts, e)
            if k > 0 and kept[k - 1].end > s:
                continue  # a found body overlaps the item
            if not _list_item_ok(text, s, e) or is_blocked(s, e):
                continue
            name = text[s:e]
            added.append(_Cand(s, e, name, _kind_of(name, _list_kind(name)), _RULE_FIELD))
    if not added:
        return kept
    out = kept + added
    out.sort(key=_START)
    return out


def _list_kind(name: str) -> BodyKind:
    if name.endswith(("工会", "联合会", "协会", "学会", "商会", "联", "基金会")):
        return "people_org"
    if name.endswith(("集团", "公司")):
        return "enterprise"
    if name.endswith(("委员会", "小组")):
        return "committee"
    return "government"


#: an internal department (宣教部, 基层工作部, 预算司, 社保处), then a role word or punctuation
_SUBUNIT_RE = re.compile(
    rf"(?P<sub>(?!各|有关|相关|全部|内部|干部)(?:(?![的或和及与设下其依进负限查调惩判登至])[{_CJK}]){{0,5}}?(?:工作部|宣教部|宣传教育部|组织部|宣传部|女职工部|保障部|财务部|"
    rf"联络部|研究室|办公室|办公厅|司|处))(?=负责|牵头|配合|会同|协助|参与|按|等|和|及|与|要|将|[,、。;:()\n])"
)
_SUBUNIT_PARENTS = ("总工会", "工会", "委员会", "政府", "厅", "局", "委", "部", "署", "办")


def _merge_collectives(text: str, kept: list[_Cand]) -> list[_Cand]:
    """A named body right before 各部门/有关部门 … is one collective with it: 国务院各部门, 省政府有关部门."""
    out: list[_Cand] = []
    for c in kept:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.rule == _RULE_COLL
            and c.start == prev.end
            and prev.rule in (_RULE_GAZ, _RULE_LOCAL)
            and prev.kind in ("government", "party", "people_org")
            and text.startswith(("各", "有关", "相关"), c.start)
        ):
            out[-1] = _Cand(prev.start, c.end, prev.canonical + c.canonical, "collective", _RULE_COLL)
            continue
        out.append(c)
    return out


def _grow_subunits(text: str, kept: list[_Cand]) -> list[_Cand]:
    """``kept`` with each body followed by an internal department grown to include it."""
    out = list(kept)
    for k, c in enumerate(kept):
        if not text.endswith(_SUBUNIT_PARENTS, c.start, c.end) or c.rule == _RULE_HEADER:
            continue
        m = _SUBUNIT_RE.match(text, c.end)
        if m is None or (k + 1 < len(kept) and kept[k + 1].start < m.end()):
            continue
        out[k] = _Cand(c.start, m.end(), c.canonical + m.group("sub"), c.kind, _RULE_SUBUNIT)
    return out


# -- header ------------------------------------------------------------------------------------------
_TITLE_RE = re.compile(rf"^(?P<issuer>[{_CJK}() 、]{{2,60}}?)关于[^\n]{{2,200}}$", re.MULTILINE)
_ADDRESSEE_RE = re.compile(r"^(?P<line>[^\n:。]{2,150})[::]\s*$", re.MULTILINE)
_ADDRESSEE_HINT = re.compile(r"各|工会|政府|部门|单位|委|办|局|厅|机构|机关|公司|学校")


def _header_spans(text: str, meta: Meta) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(issuer name spans, addressee name spans) of the header, from meta or the text itself."""
    head_end = _nth_line_end(text, 25)
    issuers: list[tuple[int, int, str]] = []
    addressees: list[tuple[int, int, str]] = []
    if meta.issuers:
        for name in meta.issuers:
            k = text.find(name, 0, head_end)
            while name and k >= 0:
                if not any(a < k + len(name) and k < b for a, b, _ in issuers) and not _in_prose(text, k):
                    issuers.append((k, k + len(name), name))
                k = text.find(name, k + len(name), head_end)
        issuers.sort()
    else:
        first: str | None = None
        for m in _TITLE_RE.finditer(text, 0, head_end):
            if first is not None and m.group("issuer") != first:
                continue
            if not m.group("issuer").endswith((*_LIST_ENDS, "党委", "省委", "市委", "县委", "区委")):
                continue  # 为深入贯彻…关于…: a sentence, not an issuer
            first = m.group("issuer")
            for part in re.finditer(r"[^ 、]+", m.group("issuer")):
                s = m.start("issuer") + part.start()
                issuers.append((s, s + len(part.group()), part.group()))
    if meta.addressees:
        for name in meta.addressees:
            k = text.find(name, 0, head_end)
            if k >= 0:
                addressees.append((k, k + len(name), name))
    else:
        body = re.search(r"^[^\n]{30,}[。;]\s*$", text[:head_end], re.MULTILINE)
        for m in _ADDRESSEE_RE.finditer(text, 0, body.start() if body else head_end):
            line = m.group("line")
            if _ADDRESSEE_HINT.search(line) and not re.search(
                r"[。;]|关于|要|应|将|须|负责|^\s*(?:[\d(一二三四五六七八九十]|为|根据|按照)", line
            ):
                for part in re.finditer(r"[^,;,;]+", line):
                    s = m.start("line") + part.start()
                    name = part.group().strip()
                    if name:
                        s += part.group().index(name)
                        addressees.append((s, s + len(name), name))
                break
    return issuers, addressees


_PERSON_TITLES = ("代表", "委员", "主席", "同志", "先生", "女士", "总理", "部长", "省长", "市长", "主任")


class _Index:
    """Positions of the newlines, brackets and 牵头 of one text, so that "the line around ``pos``" or
    "is ``pos`` inside brackets" costs a bisection, whatever the line structure: a text that arrives
    as one line (a database export) must not make every look-up scan the whole text.

    >>> ix = _index("甲\\n乙(丙")
    >>> ix.line_start(4), ix.line_end(2), ix.in_paren(4), ix.in_paren(3)
    (2, 5, True, False)
    """

    __slots__ = ("closes", "lead_words", "n", "newlines", "opens", "prose")

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.opens = [m.start() for m in re.finditer(r"\(", text)]
        self.closes = [m.start() for m in re.finditer(r"\)", text)]
        self.lead_words = [m.start() for m in re.finditer("牵头", text)]
        self.prose: dict[int, bool] = {}

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        k = bisect_left(self.newlines, pos)
        return self.newlines[k - 1] + 1 if k else 0

    def line_end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or ``len(text)`` when no newline follows."""
        k = bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else self.n

    def last_open_or_newline(self, pos: int) -> int:
        """``max(text.rfind("(", 0, pos), text.rfind("\\n", 0, pos))``."""
        k = bisect_left(self.opens, pos)
        return max(self.opens[k - 1] if k else -1, self.line_start(pos) - 1)

    def in_paren(self, pos: int) -> bool:
        """More ( than ) between the start of the line and ``pos``."""
        ls = self.line_start(pos)
        opens = bisect_left(self.opens, pos) - bisect_left(self.opens, ls)
        return opens > bisect_left(self.closes, pos) - bisect_left(self.closes, ls)

    def lead_word_between(self, start: int, end: int) -> bool:
        """Whether 牵头 lies inside ``text[start:end]``."""
        k = bisect_left(self.lead_words, start)
        return k < len(self.lead_words) and self.lead_words[k] + 2 <= end


@lru_cache(maxsize=2)
def _index(text: str) -> _Index:
    return _Index(text)


def _in_prose(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a line of running text (one with 。 or ,), not a header line: the issuer
    named in the opening paragraph (国务院决定…) is not the header's issuer mention."""
    ix = _index(text)
    ls = ix.line_start(pos)
    prose = ix.prose.get(ls)
    if prose is None:  # once per line
        le = ix.line_end(pos)
        prose = ix.prose[ls] = text.find("。", ls, le) >= 0 or text.find(",", ls, le) >= 0
    return prose


def _name_lines(text: str, names: Collection[str]) -> list[tuple[int, int, str]]:
    """Lines of ``text`` that are one of ``names`` (between spaces or tabs), as (start, end, name).

    >>> _name_lines("通知\\n  上海市总工会 \\n上海市总工会关于", {"上海市总工会"})
    [(5, 11, '上海市总工会')]
    """
    ix = _index(text)
    line_starts: set[int] = set()
    for name in names:
        k = text.find(name) if name else -1
        while k >= 0:
            line_starts.add(ix.line_start(k))
            k = text.find(name, k + 1)
    out = []
    for ls in sorted(line_starts):
        line = text[ls : ix.line_end(ls)]
        name = line.strip(" \t")
        if not name:  # a line of spaces: the name is its last character
            name = line[-1:]
        s = ls + len(line) - len(line.lstrip(" \t")) if name.strip(" \t") else ls + len(line) - 1
        if name and name in names:
            out.append((s, s + len(name), name))
    return out


def _nth_line_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        k = text.find("\n", pos)
        if k < 0:
            return len(text)
        pos = k + 1
    return pos


# -- roles -------------------------------------------------------------------------------------------
_LABEL_RE = re.compile(
    r"(?P<label>牵头责任单位|牵头单位|牵头部门|主办单位|责任单位|责任部门|协同责任单位|配合单位|配合部门|参与单位|"
    r"协办单位|协同单位|部门分工|实施主体|责任主体)[::]"
)
_GROUP_GAP = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?(?=,))?(?:、|和|及|以及|与|,|或者|或|同)?")
_AFTER_SKIP = re.compile(
    r"^(?:等(?:\d+个?|[一二三四五六七八九十]+个?)?(?:有关|相关)?(?:部门|单位|方面)?)?(?:分别|共同|具体|主要)?"
)
_AFTER_FOR_LEAD = re.compile(r"^为(?:牵头|责任)(?:单位|部门)")  # 省教育厅为牵头单位
_AFTER_FOR_COOP = re.compile(r"^为(?:配合|参与|协同|协办)(?:单位|部门)")
_AFTER_EXPLICIT_COOP = re.compile(r"^(?:配合|协助|协同|参与|参加)")
_LEAD_MARK = ("(牵头)", "(牵头单位)", "(牵头部门)")  # 责任单位:市发展改革委(牵头)、市财政局
_AFTER_COOP = re.compile(
    r"^(?:按职责分工|按照职责分工|按职责负责|按各自职责|按照各自职责|分工负责|配合|协助|协同|参与|参加)"
)
_AFTER_LEAD = re.compile(r"^(?:牵头|负总责|负责|统筹|组织实施|主抓)")
_AFTER_SUBJECT = re.compile(
    r"^(?:要|应|应当|将|须|必须|需|需要|决定|可|可以|会同|依法|按照|根据|依照|对|在|结合|加强|做好|抓好|认真|切实|积极|进一步)"
)
_BEFORE_COOP = re.compile(r"(?:会同|协同)$")
_BEFORE_LEAD = re.compile(r"(?:配合|协助|由)$")


@dataclass(frozen=True, slots=True)
class _Zone:
    start: int
    end: int
    role: BodyRole | None


def _label_zones(text: str) -> list[_Zone]:
    zones: list[_Zone] = []
    for m in _LABEL_RE.finditer(text):
        label = m.group("label")
        end = m.end()
        zend = _zone_end(text, end)
        role: BodyRole | None
        if label.startswith("牵头") or label == "主办单位":
            role = "lead"
        elif label in ("部门分工",):
            role = None
        elif label.startswith(("责任", "实施", "责任主体")):
            near = text[max(0, m.start() - 200) : m.start()]
            has_lead = _index(text).lead_word_between(_index(text).line_start(m.start()), m.start()) or re.search(
                r"牵头[^\n]*单位[::][^\n]*\n?$", near
            )
            role = "cooperate" if has_lead else "lead"
        else:
            role = "cooperate"
        zones.append(_Zone(end, zend, role))
    zones.extend(_table_zones(text))
    return zones


def _zone_end(text: str, pos: int) -> int:
    """End of a labelled field: the next ; 。 newline, closing bracket of the enclosing group, or label."""
    depth = 0
    nxt = _LABEL_RE.search(text, pos)
    limit = nxt.start() if nxt else len(text)
    for i in range(pos, limit):
        c = text[i]
        if c in "((":
            depth += 1
        elif c in "))":
            if depth == 0:
                return i
            depth -= 1
        elif c in ";;。\n" and depth == 0:
            return i
    return limit


_CELL_SPLIT = re.compile(r"\s*(?:\||\t| {2,})\s*")
_HEADER_CELL = re.compile(
    r"^(?:序号|编号|(?:重点|工作|主要|具体)?任务(?:内容|名称|措施)?|工作内容|具体措施|牵头(?:责任)?(?:单位|部门)|"
    r"(?:责任|配合|参与|协同|协办)(?:单位|部门)|完成(?:时限|时间)|时间(?:安排|进度|节点)|时限(?:要求)?|进度安排|备注)$"
)


_TABLE_HINT = re.compile(r"(?:牵头|责任|配合|参与|协同|协办)(?:责任)?(?:单位|部门)\s*(?:\||\t| {2,}|\n)")


def _column_roles(cells: Sequence[str]) -> list[BodyRole | None] | None:
    if len(cells) < 3 or not all(_HEADER_CELL.match(c) for c in cells):
        return None
    has_lead = any("牵头" in c for c in cells)
    roles: list[BodyRole | None] = []
    for c in cells:
        if "牵头" in c:
            roles.append("lead")
        elif re.match(r"(?:责任|配合|参与|协同|协办)", c):
            roles.append("cooperate" if has_lead or not c.startswith("责任") else "lead")
        else:
            roles.append(None)
    return roles if any(roles) else None


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_task_units(text: str) -> list[tuple[int, int]]:
    """Spans of task-table rows (one cell per line or one row per line) of ``text``, in order.

    >>> t = "序号\\n工作任务\\n牵头单位\\n责任单位\\n1\\n推进改革\\n省发展改革委\\n省财政厅\\n"
    >>> [t[s:e] for s, e in find_task_units(t)]
    ['1\\n推进改革\\n省发展改革委\\n省财政厅']
    """
    return [(s, e) for s, e, _cells in _table_rows(text)]


def _table_rows(text: str) -> list[tuple[int, int, list[tuple[int, int, BodyRole | None]]]]:
    """Rows of flattened task tables: (start, end, cells as (start, end, role))."""
    if not _TABLE_HINT.search(text):
        return []
    lines = _lines(text)
    rows: list[tuple[int, int, list[tuple[int, int, BodyRole | None]]]] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e].strip()
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        roles = _column_roles(cells) if len(cells) >= 3 else None
        if roles:  # one row per line
            i += 1
            while i < len(lines):
                s, e = lines[i]
                parts = list(_cell_spans(text, s, e))
                if len(parts) != len(roles):
                    break
                rows.append((s, e, [(a, b, r) for (a, b), r in zip(parts, roles, strict=True)]))
                i += 1
            continue
        # one cell per line: a run of header cells
        j = i
        while j < len(lines) and _HEADER_CELL.match(text[lines[j][0] : lines[j][1]].strip()):
            j += 1
        header = [text[a:b].strip() for a, b in lines[i:j]]
        roles = _column_roles(header) if j - i >= 3 else None
        if roles and header[0] in ("序号", "编号"):
            k = j
            n = len(roles)
            while k < len(lines) and re.fullmatch(r"\d{1,3}\.?", text[lines[k][0] : lines[k][1]].strip()):
                nxt = k + 1
                while nxt < len(lines) and not re.fullmatch(
                    r"\d{1,3}\.?", text[lines[nxt][0] : lines[nxt][1]].strip()
                ):
                    if nxt - k >= n:
                        break
                    nxt += 1
                block = lines[k:nxt]
                if len(block) == n:
                    rows.append(
                        (
                            block[0][0],
                            block[-1][1],
                            [(a, b, r) for (a, b), r in zip(block, roles, strict=True)],
                        )
                    )
                k = nxt
                if len(block) != n:
                    break
            i = max(k, j)
            continue
        i += 1
    return rows


def _cell_spans(text: str, s: int, e: int) -> Iterable[tuple[int, int]]:
    pos = s
    for m in _CELL_SPLIT.finditer(text, s, e):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < e:
        yield pos, e


def _table_zones(text: str) -> list[_Zone]:
    return [_Zone(a, b, r) for _s, _e, cells in _table_rows(text) for a, b, r in cells if r]


def _roles(text: str, cands: Sequence[_Cand], zones: Sequence[_Zone]) -> list[BodyRole]:
    roles: list[BodyRole] = ["mentioned"] * len(cands)
    role: BodyRole
    # groups of listed bodies: A、B和C
    groups: list[list[int]] = []
    for k, c in enumerate(cands):
        if groups and _GROUP_GAP.fullmatch(text, cands[groups[-1][-1]].end, c.start):  # kept: no overlaps
            if not text.endswith(",", 0, c.start) or _in_paren(text, c.start):
                groups[-1].append(k)
                continue
        groups.append([k])
    find_zone = _ZoneFinder(zones)
    for g in groups:
        first, last = cands[g[0]], cands[g[-1]]
        zone = find_zone(first.start, last.end)
        after = text[last.end : last.end + 16]
        after = after[_AFTER_SKIP.match(after).end() :]  # type: ignore[union-attr]
        if zone is not None and zone.role is not None:
            role = zone.role
            if after.startswith(_LEAD_MARK) or (role == "lead" and after.startswith("牵头")):
                role = "lead"
            elif any(x in text[zone.start : zone.end] for x in _LEAD_MARK):
                role = "cooperate"  # the others of a field with a (牵头) mark
            elif _AFTER_EXPLICIT_COOP.match(after):
                role = "cooperate"  # 责任单位:市经信局牵头,市财政局配合
            for k in g:
                roles[k] = role
            continue
        before = text[max(0, first.start - 4) : first.start]
        role = "mentioned"
        if _AFTER_FOR_LEAD.match(after):
            role = "lead"
        elif _AFTER_FOR_COOP.match(after):
            role = "cooperate"
        elif _BEFORE_COOP.search(before):  # X会同Y组织实施: Y cooperates whatever follows it
            role = "cooperate"
        elif _AFTER_LEAD.match(after):
            role = "lead"
        elif _AFTER_COOP.match(after):
            unit_start = _index(text).last_open_or_newline(first.start)
            unit = text[unit_start + 1 : first.start]
            role = (
                "cooperate"
                if ("牵头" in unit or after.startswith(("配合", "协助", "协同", "参与", "参加")))
                else "lead"
            )
        elif _BEFORE_COOP.search(before):
            role = "cooperate"
        elif _BEFORE_LEAD.search(before):
            role = "lead"
        elif (_AFTER_SUBJECT.match(after) or after.startswith("落实")) and _at_clause_start(text, first.start):
            role = "lead"
        for k in g:
            roles[k] = role
    return roles


class _ZoneFinder:
    """The first of ``zones`` (in list order) that holds ``[start, end)``. The label zones come first,
    then the table zones; each run is sorted and disjoint (checked), so a bisection finds the one zone
    of a run that can hold a span; a run that is not falls back to a scan.

    >>> f = _ZoneFinder([_Zone(0, 5, "lead"), _Zone(8, 12, "cooperate"), _Zone(2, 9, None)])
    >>> f(9, 11).role, f(3, 7), f(1, 3).role
    ('cooperate', _Zone(start=2, end=9, role=None), 'lead')
    """

    __slots__ = ("runs",)

    def __init__(self, zones: Sequence[_Zone]) -> None:
        runs: list[list[_Zone]] = []
        for z in zones:  # split into runs that are sorted and disjoint
            if runs and runs[-1][-1].end <= z.start and runs[-1][-1].start < z.start:
                runs[-1].append(z)
            else:
                runs.append([z])
        self.runs = [(run, [z.start for z in run]) for run in runs]

    def __call__(self, start: int, end: int) -> _Zone | None:
        for run, starts in self.runs:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= run[k].end:
                return run[k]
        return None


def _in_paren(text: str, pos: int) -> bool:
    return _index(text).in_paren(pos)


_LEAD_IN = re.compile(
    r"(?:由|并|同时|此外|其中|鼓励|支持|请|对此|为此|各|全市|全省|全区|全县|全国|\d+[.、]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))$"
)


def _at_clause_start(text: str, pos: int) -> bool:
    j = _clause_start(text, pos, 12)
    lead = text[j:pos]
    return not lead or bool(_LEAD_IN.search(lead))


# -- public ------------------------------------------------------------------------------------------
def find_bodies(
    text: str, *, meta: Meta, sections: Sequence[Section] = (), sentences: Sequence[Sentence] = ()
) -> list[Body]:
    """Body mentions of ``text`` in document order, ids ``B1``…, with canonical name, kind and role.

    ``meta.issuers``/``meta.addressees`` (else the title line and the 主送 line) give the header
    mentions the roles issuer/addressee; the issuer's place canonicalizes 市总工会, 省政府 ….

    >>> text = "(一)推进改革。(省发展改革委牵头,省财政厅、省商务厅按职责分工负责)"
    >>> [(b.canonical, b.role) for b in find_bodies(text, meta=Meta(issuers=("广东省人民政府",)))]
    [('广东省发展和改革委员会', 'lead'), ('广东省财政厅', 'cooperate'), ('广东省商务厅', 'cooperate')]
    """
    try:
        folded = _fold(text)
        if folded is text:
            return _find_bodies(text, meta, text)
        meta = replace(
            meta,
            issuers=tuple(_fold(x) for x in meta.issuers),
            addressees=tuple(_fold(x) for x in meta.addressees),
            title=_fold(meta.title) if meta.title else meta.title,
        )
        return _find_bodies(folded, meta, text)
    except re.error:  # pragma: no cover - patterns are static
        return []


@cache
def _t2s() -> dict[int, str]:
    table: dict[int, str] = {}
    for row in read_tsv("bodies_t2s.tsv"):
        t, simple = row["traditional"], row["simplified"]
        if len(t) != 1 or len(simple) != 1:
            raise ResourceError(f"bodies_t2s.tsv: {t!r} -> {simple!r} is not one character to one")
        table[ord(t)] = simple
    return table


@cache
def _t2s_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chr(k) for k in _t2s())) + "]")


def _fold(text: str) -> str:
    """``text`` with the traditional characters of ``bodies_t2s.tsv`` simplified (same length; the
    very same object when there are none).

    >>> _fold("省發展改革委牽頭")
    '省发展改革委牵头'
    """
    if not _t2s_re().search(text):
        return text
    return text.translate(_t2s())


def _find_bodies(text: str, meta: Meta, original: str) -> list[Body]:
    """The bodies of ``text`` (folded to simplified characters); names are read from ``original``."""
    issuers, addressees = _header_spans(text, meta)
    loc = infer_locality([n for _s, _e, n in issuers] or meta.issuers, doc_number=meta.doc_number)
    if loc == Locality() and meta.title:
        loc = infer_locality([meta.title])
    if loc == Locality() and not issuers and not meta.issuers:
        loc = _opening_locality(text)
    cands = _candidates(text, loc)
    # the first candidate (in list order) of each span, and candidate numbers by start
    by_span: dict[tuple[int, int], _Cand] = {}
    if issuers or addressees or meta.issuers:
        for c in cands:
            by_span.setdefault((c.start, c.end), c)
    order: list[int] = []
    order_starts: list[int] = []
    # a reply to a deputy's proposal is addressed to a person (马万祺副主席, 邓乃扬、韩汝琦委员), not a body
    addressees = [a for a in addressees if not a[2].endswith(_PERSON_TITLES)]
    header = issuers + addressees
    header_cands = []
    for s, e, name in header:
        same = by_span.get((s, e))
        if same is not None:
            header_cands.append(_Cand(s, e, same.canonical, same.kind, _RULE_HEADER))
        else:
            kind: BodyKind = "collective" if name.startswith("各") else "other"
            canonical = name
            if not order:
                order = sorted(range(len(cands)), key=lambda k: cands[k].start)
                order_starts = [cands[k].start for k in order]
            sub = [
                k
                for k in order[bisect_left(order_starts, s) : bisect_left(order_starts, e + 1)]
                if cands[k].end <= e
            ]
            if sub and cands[min(sub)].start == s:
                kind = cands[min(sub)].kind
            header_cands.append(_Cand(s, e, canonical, _kind_of(canonical, kind), _RULE_HEADER))
    names = {n for _s, _e, n in issuers} | set(meta.issuers)
    for s, e, name in _name_lines(text, names):
        if not any(a <= s < b for a, b, _ in header):
            issuers.append((s, e, name))
            same = by_span.get((s, e))
            kind = same.kind if same else "other"
            header_cands.append(_Cand(s, e, same.canonical if same else name, kind, _RULE_HEADER))
            header.append((s, e, name))
    blocked = sorted(
        [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)] + [(s, e) for s, e, _ in header]
    )
    kept = _resolve_overlaps(cands, blocked)
    stops = _tables().stops
    kept = [c for c in kept if text[c.start : c.end] not in stops]
    if "、" in text:
        kept = _complete_lists(text, kept, blocked)
    kept = _grow_subunits(text, kept)
    kept = _merge_collectives(text, kept)
    zones = _label_zones(text)
    if zones:
        kept = _field_items(text, kept, zones, blocked)
    roles = _roles(text, kept, zones)
    records: list[tuple[_Cand, BodyRole]] = list(zip(kept, roles, strict=True))
    issuer_spans = {(s, e) for s, e, _ in issuers}
    for c in header_cands:
        records.append((c, "issuer" if (c.start, c.end) in issuer_spans else "addressee"))
    records.sort(key=lambda r: (r[0].start, -r[0].end))
    out = []
    for n, (c, role) in enumerate(records, start=1):
        name = original[c.start : c.end]
        out.append(Body(f"B{n}", c.start, c.end, name, name, c.canonical, c.kind, role, c.rule))
    return out


#: how far after a target its line's assignment tail may lie (characters)
_TAIL_REACH = 1000


def attach_line_bodies(text: str, targets: Sequence[Target], bodies: Sequence[Body]) -> list[Target]:
    """``targets`` where each one left without bodies takes those of its line's assignment tail.

    The tail is the bracketed part or labelled field after the target on the same line, whose lead
    and cooperate bodies assign the whole line (a target that no action holds: 到2025年,全省城镇新增
    就业110万人以上。(省人力资源社会保障厅牵头,省财政厅按职责分工负责)). Targets with bodies stay.

    >>> text = "城镇新增就业110万人以上。(省人社厅牵头,省财政厅配合)"
    >>> bodies = find_bodies(text, meta=Meta(issuers=("广东省人民政府",)))
    >>> t = Target("T1", 6, 13, "110万人以上", None, 110.0)
    >>> [(a.canonical, a.role) for a in attach_line_bodies(text, [t], bodies)[0].bodies]
    [('广东省人力资源和社会保障厅', 'lead'), ('广东省财政厅', 'cooperate')]
    """
    active = sorted((b for b in bodies if b.role in ("lead", "cooperate")), key=lambda b: b.start)
    if not active:
        return list(targets)
    ix = _index(text)
    starts = [b.start for b in active]
    # a body assigns its line's earlier targets when it is bracketed or a label precedes it on its line
    labels = [m.span() for m in _LABEL_RE.finditer(text)]  # no label spans a line end
    label_starts = [a for a, _b in labels]

    def assigns(b: Body) -> bool:
        if ix.in_paren(b.start):
            return True
        k = bisect_left(label_starts, ix.line_start(b.start))  # _LABEL_RE.search(text, line_start, b.start)
        return k < len(labels) and labels[k][1] <= b.start

    ok = [assigns(b) for b in active]
    out = []
    for t in targets:
        if t.bodies:
            out.append(t)
            continue
        # the tail ends with the line, and at most _TAIL_REACH characters after the target (on a
        # text that arrives as one line, the line is the whole text)
        end = min(ix.line_end(t.end), t.end + _TAIL_REACH)
        found: dict[tuple[str, str], None] = {}
        for j in range(bisect_left(starts, t.end), bisect_left(starts, end)):
            if ok[j]:
                found.setdefault((active[j].canonical, active[j].role), None)
        if found:
            t = replace(t, bodies=tuple(Assignment(c, r) for c, r in found))  # type: ignore[arg-type]
        out.append(t)
    return out

