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


_SENTENCE_END = re.compile(r"[。;;\n]")


#: the characters that _trim_task (a task label, an item number) or _ARTICLE may remove first,
#: besides spaces and digits
_TRIM_FIRST = frozenset("具主工重任(第一二三四五六七八九十" + "".join(map(chr, range(ord("①"), ord("⑳") + 1))))


def _may_trim(c: str) -> bool:
    """Whether a sentence starting with ``c`` may lose its start to _trim_task or _ARTICLE.

    >>> [_may_trim(c) for c in "市(第 3①加"]
    [False, True, True, True, True, True, False]
    """
    return c in _TRIM_FIRST or c.isspace() or c.isdecimal()


def _positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text``."""
    out = []
    i = text.find(char)
    while i >= 0:
        out.append(i)
        i = text.find(char, i + 1)
    return out


def _candidate_sentences(text: str, positions: Sequence[int]) -> list[tuple[int, int]]:
    """The spans of the _SENTENCE runs holding one of ``positions`` (ascending, none on a sentence
    end), in order. Each is found from its position: back to the end of the one before at most, and on
    to its own end.

    >>> t = "加强监管。\\n市财政局负责。推进改革;"
    >>> [t[a:b] for a, b in _candidate_sentences(t, [6, 8, 13])]
    ['市财政局负责', '推进改革']
    """
    out: list[tuple[int, int]] = []
    end = -1
    for pos in positions:
        if pos < end:
            continue  # in the sentence found last
        lo = end + 1
        start = max(text.rfind("。", lo, pos), text.rfind(";", lo, pos), text.rfind("\n", lo, pos), lo - 1) + 1
        m = _SENTENCE_END.search(text, pos)
        end = m.start() if m else len(text)
        out.append((start, end))
    return out


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
    # a sentence assigns only with a date (…前) or a found body at its start: only the sentences
    # (runs of _SENTENCE) that hold a body's start or a 前 are read
    body_set = frozenset(bodies.starts)
    for ms, me in _candidate_sentences(text, sorted(body_set.union(_positions(text, "前")))):
        if ms not in body_set and not _may_trim(text[ms]) and text.find("前", ms, me) < 0:
            continue  # nothing to trim at its start, no body there and no date
        s, e = _trim_task(text, ms, me)
        if e - s < 6:
            continue
        k = bisect_left(ends, s + 1)  # the first taken span ending after s: does it start before e?
        if k < len(spans) and spans[k][0] < e:
            continue
        article = _ARTICLE.match(text, s, e)  # 第七条 A应会同B制定…
        s = p = article.end() if article else s
        if p not in body_set and text.find("前", s, e) < 0:
            continue  # no date, and no body where the subject would start
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
        if me < len(text) and text[me] == "。":
            e = me + 1  # the task keeps its full stop, as the other forms do
        out.append(_Task(s, e, tuple(items), deadline, RULE_SENTENCE, (s, e)))
    return out

