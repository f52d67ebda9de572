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

The package, by job: :mod:`~policy_nlp.extract.bodies.gazetteer` (resources, places and localities,
the candidate names), :mod:`~policy_nlp.extract.bodies.lists` (lists, fields, subunits,
collectives), :mod:`~policy_nlp.extract.bodies.header` (issuers and addressees of the header),
:mod:`~policy_nlp.extract.bodies.roles` (roles, labelled zones, task tables) and
:mod:`~policy_nlp.extract.bodies.index` (line and bracket look-ups by bisection); this module
runs them (:func:`find_bodies`) and attaches line tails (:func:`attach_line_bodies`).

>>> from policy_nlp.model import Meta
>>> text = "上海市总工会关于开展竞赛的意见\\n各区县局(产业)工会:\\n市总工会将会同政府有关部门,选拔100个工作室。"
>>> [(b.canonical, b.role) for b in find_bodies(text, meta=Meta())]
[('上海市总工会', 'issuer'), ('各区县局(产业)工会', 'addressee'), ('上海市总工会', 'lead'), ('政府有关部门', 'cooperate')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from policy_nlp.errors import ResourceError
from policy_nlp.extract.bodies.gazetteer import (
    _QUOTE_RE,
    _RULE_HEADER,
    Locality,
    _Cand,
    _candidates,
    _kind_of,
    _opening_locality,
    _resolve_overlaps,
    _tables,
    infer_locality,
)

# names other modules (actions, tests) import from here
from policy_nlp.extract.bodies.gazetteer import _kind as _kind
from policy_nlp.extract.bodies.header import _PERSON_TITLES, _header_spans, _name_lines
from policy_nlp.extract.bodies.index import _index
from policy_nlp.extract.bodies.lists import _LIST_RE as _LIST_RE
from policy_nlp.extract.bodies.lists import (
    _complete_lists,
    _field_items,
    _grow_subunits,
    _merge_collectives,
)
from policy_nlp.extract.bodies.lists import _list_regions as _list_regions
from policy_nlp.extract.bodies.roles import _HEADER_CELL as _HEADER_CELL
from policy_nlp.extract.bodies.roles import _label_spans, _label_zones, _roles, find_task_units
from policy_nlp.model import (
    Assignment,
    Body,
    BodyKind,
    BodyRole,
    Meta,
    Section,
    Sentence,
    Target,
)
from policy_nlp.records import fast_constructor
from policy_nlp.resources import read_tsv

__all__ = ["Locality", "attach_line_bodies", "find_bodies", "find_task_units", "infer_locality"]

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
    new_body = fast_constructor(Body)
    out = []
    for n, (c, role) in enumerate(records, start=1):
        name = original[c.start : c.end]
        out.append(new_body(f"B{n}", c.start, c.end, name, name, c.canonical, c.kind, role, c.rule))
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
    labels = [(a, b) for a, b, _label in _label_spans(text)]  # no label spans a line end
    label_starts = [a for a, _b in labels]

    def assigns(b: Body) -> bool:
        if ix.in_paren(b.start):
            return True
        k = bisect_left(label_starts, ix.line_start(b.start))  # a label between the line start and b
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
