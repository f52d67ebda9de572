"""``assignments.sentence.v1``: prose sentences that assign by themselves (a dated one, or one whose
subject is a found body followed by 负责/牵头/会同)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from policy_nlp.extract.assignments.fields import _INLINE_DEADLINE
from policy_nlp.extract.assignments.lists import _BodyIndex, _Item, _parse_list, _Task
from policy_nlp.extract.assignments.rules import RULE_SENTENCE
from policy_nlp.extract.assignments.tables import _trim_task
from policy_nlp.extract.deadlines import parse_deadline

_SENTENCE = re.compile(r"[^。;;\n]+")


#: what follows the subject of an assigning sentence: A负责… / A牵头… / A应会同B… / A要于2019年…
_SUBJECT_CUE = re.compile(r"(?:要|将|应当|应|须)?(?:负总责|负责|牵头|会同)")


_SUBJECT_GLUE = re.compile(r"、|和|及|以及")


_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}条[\s\u3000]*")


def _subject(text: str, pos: int, end: int, bodies: _BodyIndex) -> tuple[int, int]:
    """The run of found bodies (A、B和C) that starts at ``pos``: its span, empty when none does."""
    stop = pos
    for b in bodies.inside(pos, min(end, pos + 80)):
        if b.start != stop and not (stop > pos and _SUBJECT_GLUE.fullmatch(text, stop, b.start)):
            break
        stop = b.end
    return pos, stop


def _sentence_tasks(
    text: str, bodies: _BodyIndex, year: int | None, taken: Sequence[tuple[int, int]]
) -> list[_Task]:
    """Prose sentences that assign a task by themselves (``assignments.sentence.v1``): a dated one
    (2019年3月底前,A推行… / A于2019年12月底前完成… / …,并于2018年12月底前报送…), or one whose subject
    is a found body followed by 负责/牵头/会同 (A负责制定…, A应会同B制定…). The subject's bodies lead
    (B after 会同 cooperates); the deadline is the dated phrase's, the latest when there are several."""
    spans = sorted(taken)
    ends = [z for _a, z in spans]
    out: list[_Task] = []
    # a sentence assigns only with a date (…前) or a found body at its start: a cheap test first
    body_starts = bodies.starts
    nb = len(body_starts)
    for m in _SENTENCE.finditer(text):
        ms, me = m.span()
        k = bisect_left(body_starts, ms)
        if (k == nb or body_starts[k] >= me) and text.find("前", ms, me) < 0:
            continue
        s, e = _trim_task(text, ms, me)
        if e - s < 6:
            continue
        k = bisect_left(ends, s + 1)  # the first taken span ending after s: does it start before e?
        if k < len(spans) and spans[k][0] < e:
            continue
        article = _ARTICLE.match(text, s, e)  # 第七条 A应会同B制定…
        s = p = article.end() if article else s
        dates = []
        for d in _INLINE_DEADLINE.finditer(text, s, e):
            if d.start() == s or text[d.start() - 1] == "于":  # 2019年3月底前,… / A要于2019年…前 / 并于…前
                dates.append(d.group())
        if dates and _INLINE_DEADLINE.match(text, s):
            p = _INLINE_DEADLINE.match(text, s).end()  # type: ignore[union-attr]
            while p < e and text[p] in ",, \u3000":
                p += 1
        subj_end = _subject(text, p, e, bodies)[1]
        cue = _SUBJECT_CUE.match(text, subj_end, e) if subj_end > p else None
        if not dates and cue is None:
            continue
        items: list[_Item] = []
        if subj_end > p:
            items = _parse_list(text, p, subj_end, "lead", bodies, has_lead=True)
        if cue is not None and cue.group().endswith("会同"):  # A会同B、C制定…: B, C cooperate
            co_s, co_e = _subject(text, cue.end(), e, bodies)
            items += [_Item(b.start, b.end, "cooperate") for b in bodies.inside(co_s, co_e)]
        deadline = parse_deadline(",".join(dates), year=year) if dates else None
        if m.end() < len(text) and text[m.end()] == "。":
            e = m.end() + 1  # the task keeps its full stop, as the other forms do
        out.append(_Task(s, e, tuple(items), deadline, RULE_SENTENCE, (s, e)))
    return out

