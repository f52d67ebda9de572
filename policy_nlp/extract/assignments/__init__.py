"""Assignments: who does what by when, from the three forms of implementation plans.

A task becomes an :class:`~policy_nlp.model.Action` whose ``bodies`` carry the lead and cooperating
bodies (canonical names) and whose ``deadline`` is parsed by
:func:`~policy_nlp.extract.deadlines.parse_deadline`. Forms (rule ids):

- ``assignments.table_row.v1``: a row of a task-division table (序号 | 重点任务 | 牵头单位 | 配合单位 |
  完成时限) whose header cells name the columns (``resources/assignment_columns.tsv``); the action spans
  the task cell, a lead cell spanning several rows applies to each of them; the header row is none.
- ``assignments.fields.v1``: a task followed by 牵头单位: / 责任单位: / 配合单位: / 完成时限: fields,
  on their own lines or after the task on its line; the task runs back to the previous item number,
  field block or tail.
- ``assignments.tail.v1``: a task ending in an assigning parenthetical ((A牵头,B、C配合), (A负责),
  (牵头单位:A;责任单位:B), (A指导,B参与)) or a 由A牵头,B配合 sentence. A note in a tail
  (排在第一位的部门为牵头部门,下同 / 以下均需…落实,不再列出) names no body; 指导 leads unless the
  tail has a 牵头/会同/负总责 body.
- ``assignments.sentence.v1``: a prose sentence outside the other forms that assigns by itself: a
  dated one (2019年3月底前,A推行… / A于2019年12月底前完成… / …,并于2018年12月底前报送…) or one
  whose subject is a found body followed by 负责/牵头/会同 (A负责组织…, 第七条 A应会同B制定…); the
  subject's bodies lead, those right after 会同 cooperate.

Body lists split on 、 , ; (never inside brackets: 各县(市、区)人民政府 is one body); an item that is
exactly a found body takes its canonical name, any other item (各区人民政府, 国务院相关部门) stays as
written. Clause actions (``actions.clause.v1``) inside a task take its bodies when they have none and
its deadline (a clause dated in its own words keeps its own), and the bodies inside its cells or
fields take the role.

The package, by job: :mod:`~policy_nlp.extract.assignments.rules` (rule ids, shared patterns),
:mod:`~policy_nlp.extract.assignments.lists` (lists of bodies), :mod:`~policy_nlp.extract.assignments.tables`
(task tables, column roles, flattened tables), :mod:`~policy_nlp.extract.assignments.fields` (field
blocks and tails), :mod:`~policy_nlp.extract.assignments.sentences` (sentence tasks),
:mod:`~policy_nlp.extract.assignments.spans` (look-ups by bisection) and
:mod:`~policy_nlp.extract.assignments.rows` (flat rows for the CLI); this module runs them
(:func:`assign_tasks`).

>>> from policy_nlp import analyze
>>> doc = analyze("1.推进数据共享。\\n牵头单位:市发展改革委\\n配合单位:各区人民政府\\n完成时限:2024年底前")
>>> [(r["task"], r["lead"], r["cooperate"], r["deadline"]) for r in assignment_rows(doc)]
[('推进数据共享。', '市发展改革委', '各区人民政府', '2024-12')]
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from policy_nlp.extract.assignments.fields import _block_tasks, _field_blocks, _inline_deadline, _tail_blocks
from policy_nlp.extract.assignments.lists import _BodyIndex, _Task
from policy_nlp.extract.assignments.rows import ROW_COLUMNS as ROW_COLUMNS
from policy_nlp.extract.assignments.rows import assignment_rows as assignment_rows
from policy_nlp.extract.assignments.rules import _RULES
from policy_nlp.extract.assignments.sentences import _sentence_tasks
from policy_nlp.extract.assignments.spans import _Cover, _FirstHolder
from policy_nlp.extract.assignments.tables import _flat_tables, _table_tasks
from policy_nlp.extract.assignments.tables import column_roles as column_roles
from policy_nlp.model import Action, Assignment, Body, BodyRole, Section, Table, Target

__all__ = ["ROW_COLUMNS", "Assigned", "assign_tasks", "assignment_rows", "column_roles"]


# -- public ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Assigned:
    """What :func:`assign_tasks` returns: every action (clause actions and task actions, renumbered in
    document order) and the bodies with the roles of the cells and fields that assign them."""

    actions: tuple[Action, ...]
    bodies: tuple[Body, ...]


def assign_tasks(
    text: str,
    *,
    tables: Sequence[Table] = (),
    sections: Sequence[Section] = (),
    bodies: Sequence[Body] = (),
    targets: Sequence[Target] = (),
    actions: Sequence[Action] = (),
    year: int | None = None,
) -> Assigned:
    """Task actions of ``text`` (table rows, field blocks, tails) added to ``actions``.

    ``year`` is the document's year (for 年底前); ``bodies`` give canonical names and take the roles
    of the cells and fields they sit in.

    >>> from policy_nlp.extract.bodies import find_bodies
    >>> from policy_nlp.model import Meta
    >>> text = "(三)推行企业新型学徒制。(省人力社保厅牵头,省总工会配合,2024年底前完成)"
    >>> got = assign_tasks(text, bodies=find_bodies(text, meta=Meta(issuers=("浙江省人民政府",))))
    >>> [(a.text, [(x.canonical, x.role) for x in a.bodies], a.deadline) for a in got.actions if a.rule.startswith("assign")]
    [('推行企业新型学徒制。', [('浙江省人力资源和社会保障厅', 'lead'), ('浙江省总工会', 'cooperate')], '2024-12')]
    """
    index = _BodyIndex(bodies)
    try:
        found = list(tables) + _flat_tables(text, [(t.start, t.end) for t in tables])
        tasks = _table_tasks(text, found, index, year)
        table_spans = [(t.area[0], t.area[1]) for t in tasks] + [(t.start, t.end) for t in found]
        in_table = _Cover(table_spans)
        blocks = [b for b in _field_blocks(text, index, year) if not in_table(b.start)]
        blocks += _tail_blocks(text, index, year, blocks)
        blocks = [b for b in blocks if not in_table(b.start)]
        tasks += _block_tasks(text, blocks)
        taken = table_spans + [(t.start, t.end) for t in tasks] + [(b.start, b.end) for b in blocks]
        tasks += _sentence_tasks(text, index, year, taken)
    except (re.error, RecursionError):  # pragma: no cover - extractors never raise on strange text
        tasks = []
    if not tasks:
        return Assigned(tuple(actions), tuple(bodies))
    tasks.sort(key=lambda t: (t.start, -t.end))
    return Assigned(_actions(text, tasks, index, sections, targets, actions), _bodies(tasks, bodies))


def _assignments(text: str, task: _Task, index: _BodyIndex) -> tuple[Assignment, ...]:
    seen: dict[tuple[str, str], None] = {}
    for it in task.items:
        b = index.exact(it.start, it.end)
        name = b.canonical if b is not None else text[it.start : it.end]
        seen.setdefault((name, it.role), None)
    # a body both leading and cooperating leads
    leads = {n for n, r in seen if r == "lead"}
    return tuple(
        Assignment(n, r)  # type: ignore[arg-type]
        for n, r in seen
        if r == "lead" or n not in leads
    )


def _actions(
    text: str,
    tasks: Sequence[_Task],
    index: _BodyIndex,
    sections: Sequence[Section],
    targets: Sequence[Target],
    actions: Sequence[Action],
) -> tuple[Action, ...]:
    from policy_nlp.extract.actions import _verbs
    from policy_nlp.structure.outline import SectionIndex

    verb_re, _ = _verbs()
    section_of = SectionIndex(sections)
    made: list[Action] = []
    spans: list[tuple[int, int, tuple[Assignment, ...], str | None]] = []
    by_start = sorted(range(len(targets)), key=lambda k: targets[k].start)
    target_starts = [targets[k].start for k in by_start]
    for t in tasks:
        bodies = _assignments(text, t, index)
        vm = verb_re.search(text, t.start, t.end)
        stop = re.compile(r"[。;\n]").search(text, vm.end() if vm else t.start, t.end)
        obj_end = stop.start() if stop else t.end
        verb = vm.group() if vm else ""
        obj = text[vm.end() if vm else t.start : obj_end].strip()
        inside = tuple(  # the targets inside the task, in their order
            targets[k].id
            for k in sorted(by_start[bisect_left(target_starts, t.start) : bisect_left(target_starts, t.end)])
            if targets[k].end <= t.end
        )
        made.append(
            Action(
                "",
                t.start,
                t.end,
                text[t.start : t.end],
                verb,
                obj,
                bodies=bodies,
                targets=inside,
                section=section_of(t.start),
                deadline=t.deadline,
                rule=t.rule,
            )
        )
        spans.append((t.start, t.end, bodies, t.deadline))
    # the bodies and deadline each clause action takes from the task holding it (built below, with
    # its new id, as one new action)
    taken: dict[int, tuple[tuple[Assignment, ...], str | None]] = {}
    holder_of = _FirstHolder(spans)
    for a in actions:
        holder = holder_of(a.start, a.end)
        if holder is not None:  # the task's own assignment is the most specific one
            # a clause dated in its own words (2020年底前开展…) keeps its date over the task's latest
            own = a.deadline or _inline_deadline(text, a.start, a.end)
            taken[id(a)] = (holder[2] or a.bodies, own or holder[3])
    merged = sorted([*actions, *made], key=lambda a: (a.start, -a.end, a.rule not in _RULES))
    out = []
    for n, a in enumerate(merged, start=1):
        new_id = f"A{n}"
        change = taken.get(id(a))
        if change is not None:
            out.append(_renumbered(a, new_id, bodies=change[0], deadline=change[1]))
        else:
            out.append(a if a.id == new_id else _renumbered(a, new_id))
    return tuple(out)


_ACTION_FIELDS = tuple(f.name for f in dataclasses.fields(Action))
_action_values = attrgetter(*_ACTION_FIELDS[1:])  # every field after the first, ``id``
_BODIES = _ACTION_FIELDS.index("bodies") - 1  # their places among those
_DEADLINE = _ACTION_FIELDS.index("deadline") - 1


def _renumbered(a: Action, new_id: str, **changes: object) -> Action:
    """``dataclasses.replace(a, id=new_id)`` at half its cost (every action after a task is renumbered);
    ``changes`` may give its ``bodies`` and ``deadline`` too.

    >>> a = Action("A1", 0, 2, "推进", "推进", "", rule="actions.clause.v1", instrument_type="supply")
    >>> _renumbered(a, "A7", deadline="2025") == dataclasses.replace(a, id="A7", deadline="2025")
    True
    """
    if not changes:
        return Action(new_id, *_action_values(a))
    values = list(_action_values(a))
    if "bodies" in changes:
        values[_BODIES] = changes["bodies"]
    if "deadline" in changes:
        values[_DEADLINE] = changes["deadline"]
    return Action(new_id, *values)


def _bodies(tasks: Sequence[_Task], bodies: Sequence[Body]) -> tuple[Body, ...]:
    roles: dict[tuple[int, int], BodyRole] = {}
    for t in tasks:
        for it in t.items:
            roles.setdefault((it.start, it.end), it.role)
    if not roles:
        return tuple(bodies)
    spans = sorted(roles)
    starts = [s for s, _e in spans]
    out = []
    for b in bodies:
        if b.role in ("issuer", "addressee"):
            out.append(b)
            continue
        k = bisect_left(starts, b.start + 1) - 1
        role = None
        while k >= 0 and k >= bisect_left(starts, b.start) - 8:
            s, e = spans[k]
            if s <= b.start and b.end <= e:
                role = roles[(s, e)]
                break
            k -= 1
        out.append(dataclasses.replace(b, role=role) if role is not None and role != b.role else b)
    return tuple(out)

