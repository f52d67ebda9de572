"""The context of a policy measure: what a human coder sees around a unit besides its own words.

A unit (an :class:`~policy_nlp.model.Action`'s text) cut out of its document often reads like a
measure when the codebook sends it to ``none``: a past result of a work report's review (去年 and
已 are outside the unit), a law clause that defines terms or sets penalties, a vague clause under a
heading on the situation. :class:`UnitContext` keeps what is around it — the section heading path,
the document genre, whether the unit lies in the review part of a work report, the text before it
(its sentence up to the unit and the sentence before), the rest of its sentence — and
:func:`context_features` turns that into features of the instrument model (block ``context``).

>>> import policy_nlp
>>> doc = policy_nlp.analyze("政府工作报告\\n一、2019年工作回顾\\n过去一年,我们新建农村公路100公里,改造老旧小区20个。"
...                          "\\n二、2020年工作安排\\n今年要新建农村公路200公里。")
>>> [(a.text, c.review, c.headings) for a, c in zip(doc.actions, document_contexts(doc))]
[('改造老旧小区20个', True, ('2019年工作回顾',)), ('今年要新建农村公路200公里', False, ('2020年工作安排',))]
>>> context_features(doc.actions[0].text, document_contexts(doc)[0])
['genre:报告', 'review', 'h:0', 'h:年', 'h:工作', 'h:回顾', 'b:past', 's:past', 'p:公里', 'p:0', 'p:农村公路']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from policy_nlp.errors import ResourceError
from policy_nlp.resources import read_tsv

if TYPE_CHECKING:
    from policy_nlp.model import Action, Document, Section

__all__ = ["CONTEXT_KINDS", "UnitContext", "context_features", "document_contexts", "unit_context"]

#: The kinds of ``resources/instrument_context_cues.tsv``.
CONTEXT_KINDS = ("past", "plan", "duty", "support", "definition", "penalty")

#: how much text before the unit is kept (its sentence up to the unit and the sentence before)
_BEFORE_CHARS = 80
_AFTER_CHARS = 40
_ARTICLE_RE = re.compile(r"^第[一二三四五六七八九十百千零〇\d]+条")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class UnitContext:
    """What surrounds a unit in its document: ``headings`` (the section path, outermost first; the
    heading text, or the number when a section has no heading, e.g. ``第五条``), ``genre``
    (``Meta.genre``, "" when unknown), ``review`` (inside the review part of a work report),
    ``before`` (up to 80 characters before the unit: the sentence before and its own sentence up to
    the unit) and ``after`` (the rest of its sentence, up to 40 characters)."""

    headings: tuple[str, ...] = ()
    genre: str = ""
    review: bool = False
    before: str = ""
    after: str = ""


@cache
def _cues() -> tuple[tuple[str, str], ...]:
    rows = read_tsv("instrument_context_cues.tsv")
    for r in rows:
        if r["kind"] not in CONTEXT_KINDS:
            raise ResourceError(f"instrument_context_cues.tsv: unknown kind {r['kind']!r}; valid: {list(CONTEXT_KINDS)}")
    return tuple((r["cue"], r["kind"]) for r in rows)


@cache
def _past_re() -> re.Pattern[str]:
    """The ``past`` statements of ``non_goals.tsv`` (a sentence reporting a result), as one regex."""
    parts = [r["pattern"] for r in read_tsv("non_goals.tsv") if r["where"] == "past"]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _kinds(text: str) -> list[str]:
    """The cue kinds occurring in ``text``, in :data:`CONTEXT_KINDS` order."""
    found = {kind for cue, kind in _cues() if cue in text}
    return [k for k in CONTEXT_KINDS if k in found]


def context_features(text: str, context: UnitContext | None) -> list[str]:
    """Features of a unit's context (block ``context`` of the instrument model): ``genre:G``,
    ``review``, heading words ``h:W`` and ``article`` (the unit is in a 第X条), cue kinds before the
    unit ``b:K``, after it ``a:K`` and in it ``u:K``, ``s:past`` when its sentence reports a result,
    and words just before it ``p:W``. Without a context (bare text) only the unit's own cue kinds.

    >>> context_features("已建成综合服务中心12个", None)
    ['u:past']
    >>> context_features("处一万元以下罚款", UnitContext(("法律责任", "第三十条"), "法", False, "违反本法规定的,由主管部门责令改正,", ""))
    ['genre:法', 'h:法律责任', 'article', 'b:penalty', 'p:改正', 'p:责令', 'p:主管部门', 'u:penalty']
    """
    out: list[str] = []
    if context is not None:
        from policy_nlp.segment import segment

        out.append(f"genre:{context.genre or '-'}")
        if context.review:
            out.append("review")
        for h in context.headings:
            if _ARTICLE_RE.match(h):
                out.append("article")
            else:
                out += [f"h:{t.text}" for t in segment(_DIGITS.sub("0", h)) if re.search(r"\w", t.text)]
        out += [f"b:{k}" for k in _kinds(context.before)]
        out += [f"a:{k}" for k in _kinds(context.after)]
        if _past_re().search(context.before[-40:] + text + context.after):
            out.append("s:past")
        near = [t.text for t in segment(_DIGITS.sub("0", context.before[-12:])) if re.search(r"\w", t.text)]
        out += [f"p:{w}" for w in near[::-1][:3]]
    out += [f"u:{k}" for k in _kinds(text)]
    return out


def _review_spans(doc: Document) -> list[tuple[int, int]]:
    """The review part of a work report, as the goals extractor finds it (nothing there is a goal)."""
    from policy_nlp.extract.goals import review_spans

    tops = [(s.start, s.end, s.heading.strip()) for s in doc.sections if s.level == 1]
    return review_spans(doc.text, tops)


def document_contexts(doc: Document) -> list[UnitContext]:
    """The :class:`UnitContext` of each of ``doc.actions``, in order."""
    review = _review_spans(doc)
    starts = [s.start for s in doc.sentences]
    by_id = {s.id: s for s in doc.sections}
    return [_context(doc, a, review, starts, by_id) for a in doc.actions]


def unit_context(doc: Document, action: Action) -> UnitContext:
    """The :class:`UnitContext` of one action of ``doc``.

    >>> import policy_nlp
    >>> doc = policy_nlp.analyze("第一章 总则\\n第一条 为了规范管理,制定本条例。")
    >>> unit_context(doc, doc.actions[0]).headings
    ('总则', '第一条')
    """
    by_id = {s.id: s for s in doc.sections}
    return _context(doc, action, _review_spans(doc), [s.start for s in doc.sentences], by_id)


def _context(
    doc: Document, action: Action, review: Sequence[tuple[int, int]], starts: Sequence[int], by_id: Mapping[str, Section]
) -> UnitContext:
    heads: list[str] = []
    sid = action.section
    while sid is not None:
        sec = by_id.get(sid)
        if sec is None:
            break
        heads.append(sec.heading.strip() or sec.number.strip())
        sid = sec.parent
    k = bisect_right(starts, action.start) - 1
    sent_start = doc.sentences[k].start if k >= 0 else 0
    prev_start = doc.sentences[k - 1].start if k >= 1 else sent_start
    sent_end = doc.sentences[k].end if k >= 0 and doc.sentences[k].end >= action.end else action.end
    before = doc.text[max(prev_start, action.start - _BEFORE_CHARS) : action.start]
    after = doc.text[action.end : min(sent_end, action.end + _AFTER_CHARS)]
    return UnitContext(
        headings=tuple(reversed(heads)),
        genre=doc.meta.genre or "",
        review=any(a <= action.start < b for a, b in review),
        before=" ".join(before.split()),
        after=" ".join(after.split()),
    )
