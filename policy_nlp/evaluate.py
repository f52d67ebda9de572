"""Compare analyzed documents with gold files (``*.gold.json``, format in ``corpora/GOLD.md``).

:func:`evaluate_document` scores one :class:`~policy_nlp.model.Document` against one gold dict and
returns a :class:`Score` per record type (``targets``, ``indicator``, ``meta``, ``sections_top``,
``citations``, ``goals``, ``goals_precision``, ``bodies_must``, ``bodies_must_not``, ``boilerplate``);
``python -m policy_nlp.evaluate DIR…`` runs it over every gold file in the folders (``make eval``) and
prints a table per file and the totals per corpus (``bundled``: gold beside its document; ``real``:
``corpora/real_gold``, whose gold names its text by ``"source"`` relative to ``--shared``; ``blind``:
``corpora/blind_gold``, the same for real documents annotated blind and kept out of development).

Strings are compared after folding full-width forms to half-width and removing whitespace and
quote marks (“”‘’"'). Citations of kind ``meeting`` and ``short`` are not scored. A gold target matches a found target whose text contains its anchor and whose
fields agree (only the fields the gold states; 1 万家 equals 10000 家); each found target matches at most one gold target
(maximum bipartite matching). Found targets that match nothing and contain no optional anchor are
false positives.

Assignments: a gold task matches an action whose text holds its anchor, with each listed body in its
role and the deadline when stated. Annotators list only some of a document's tasks, so a task row
(:func:`~policy_nlp.extract.assignments.assignment_rows`) that holds no anchor is a false positive
only when it overlaps a sentence that holds one (a task cut short of its anchor, or split off it) —
or, in a gold file with ``"assignments_complete": true`` (every task listed), always.

>>> from policy_nlp.extract.targets import find_targets
>>> from policy_nlp.model import Meta, Source
>>> text = "到2015年,比重达到30%。"
>>> doc = Document("d", Source(None, "", "text", None), text, Meta(), targets=tuple(find_targets(text)))
>>> s = evaluate_document(doc, {"targets": [{"anchor": "30%", "value": 30, "year": 2015}]})["targets"]
>>> (s.tp, s.fp, s.fn, s.f1)
(1, 0, 0, 1.0)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from policy_nlp.model import Action, Citation, Document, Incentive, Target
from policy_nlp.resolve import split_issuer

__all__ = [
    "ACCURACY_TYPES",
    "Score",
    "SourceMissing",
    "corpus_of",
    "evaluate_document",
    "evaluate_path",
    "fold",
    "indicator_ok",
    "main",
    "target_matches",
]

_QUOTES = re.compile(r"[\s“”‘’\"'\u3000〈〉]")
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_COMPARATORS = {
    ">=": "ge", "≥": "ge", "ge": "ge", "<=": "le", "≤": "le", "le": "le", ">": "gt", "gt": "gt",
    "<": "lt", "lt": "lt", "=": "eq", "==": "eq", "eq": "eq", "~": "approx", "≈": "approx", "approx": "approx",
}  # fmt: skip
#: Citation kinds a gold file does not list ("each cited policy once"): meetings, short
#: references (本意见, 《意见》) and titles that name no policy (《人民日报》) are left out of the
#: citation score; such a title reported as a policy counts as spurious.
UNSCORED_CITATION_KINDS = frozenset({"meeting", "short", "other"})
DOC_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".md")
#: Record types that score a share (right / all) rather than precision and recall: ``tp`` counts the
#: right ones, ``fp`` the wrong ones, and the table shows the share in the P column.
ACCURACY_TYPES = frozenset({"indicator", "goals_precision"})
#: Where ``make eval`` finds the shared corpora (gold ``"source"`` paths are relative to it).
DEFAULT_SHARED = "../shared/corpora"


def fold(s: str | None) -> str:
    """Full-width to half-width, whitespace and quote marks (inner title marks 〈〉 too) removed.

    >>> fold("“十四五” （一）")
    '十四五(一)'
    """
    return _QUOTES.sub("", (s or "").translate(_FOLD))


@dataclass(slots=True)
class Score:
    """Counts for one record type; ``missed`` and ``spurious`` name what went wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)


# -- targets ----------------------------------------------------------------------------------------
def _close(a: float | None, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _quantity(value: Any, unit: Any) -> tuple[float | None, str]:
    """(value, unit) with a leading 万/亿 of the unit folded into the value: (1, 万家) is (10000, 家)."""
    u = fold(unit)
    v = None if value is None else float(value)
    while len(u) > 1 and u[0] in "万亿":
        v = None if v is None else v * (10**4 if u[0] == "万" else 10**8)
        u = u[1:]
    return v, u


def _same_quantity(found: Target, gold: Mapping[str, Any]) -> bool:
    unit = gold.get("unit", found.unit)
    fv, fu = _quantity(found.value, found.unit)
    gv, gu = _quantity(gold.get("value", found.value), unit)
    if "unit" in gold and fu != gu:
        return False
    if "value" in gold and not _close(fv, gv):
        return False
    if "value_max" in gold:
        fm, _ = _quantity(found.value_max, found.unit)
        gm, _ = _quantity(gold["value_max"], unit)
        return _close(fm, gm)
    return True


def target_matches(found: Target, gold: Mapping[str, Any]) -> bool:
    """Whether a found target satisfies one gold target (anchor inside its text, stated fields agree).

    >>> t = Target("T1", 0, 9, "比重达到30%以上", None, 30.0, unit="%", comparator="ge")
    >>> target_matches(t, {"anchor": "30%", "value": 30, "comparator": ">="}), target_matches(t, {"anchor": "40%"})
    (True, False)
    """
    if fold(gold.get("anchor")) not in fold(found.text):
        return False
    checks: list[tuple[str, Callable[[], bool]]] = [
        ("value", lambda: _same_quantity(found, gold)),
        ("value_max", lambda: _same_quantity(found, gold)),
        ("unit", lambda: _same_quantity(found, gold)),
        ("year", lambda: found.deadline_year == gold["year"]),
        ("deadline_year", lambda: found.deadline_year == gold["deadline_year"]),
        ("base_year", lambda: found.base_year == gold["base_year"]),
        ("per_year", lambda: found.per_year == bool(gold["per_year"])),
        (
            "comparator",
            lambda: found.comparator == _COMPARATORS.get(str(gold["comparator"]), gold["comparator"]),
        ),
        ("direction", lambda: found.direction == gold["direction"]),
    ]
    return all(check() for key, check in checks if key in gold)


def _max_matching(n_gold: int, n_found: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching gold→found (Kuhn's augmenting paths); returns {gold: found}."""
    adj = [[j for j in range(n_found) if ok(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


R = TypeVar("R", Target, Incentive)


def _score_matched(
    golds: Sequence[Mapping[str, Any]],
    found: Sequence[R],
    matches: Callable[[R, Mapping[str, Any]], bool],
    optional: Iterable[str],
    describe: Callable[[R], str],
    missed: Callable[[Mapping[str, Any]], str],
) -> Score:
    """One-to-one scoring (maximum bipartite matching): unmatched gold records are misses (with the
    found record holding the anchor as a hint), found records that match nothing and contain no
    optional anchor are spurious."""
    matched = _max_matching(len(golds), len(found), lambda i, j: matches(found[j], golds[i]))
    used = set(matched.values())
    optional_anchors = [fold(a) for a in optional]
    score = Score(tp=len(matched))
    for i, g in enumerate(golds):
        if i not in matched:
            score.fn += 1
            near = [r for r in found if fold(g.get("anchor")) in fold(r.text)]
            hint = f" (found {describe(near[0])})" if near else ""
            score.missed.append(f"{missed(g)}{hint}")
    for j, r in enumerate(found):
        if j in used or any(a and a in fold(r.text) for a in optional_anchors):
            continue
        score.fp += 1
        score.spurious.append(describe(r))
    return score


def _score_targets(doc: Document, gold: Mapping[str, Any]) -> Score:
    return _score_matched(
        list(gold.get("targets", [])), doc.targets, target_matches, gold.get("optional_targets", []),
        _describe, lambda g: f"{g.get('anchor')}",
    )


def _describe(t: Target) -> str:
    rng = f"-{t.value_max:g}" if t.value_max is not None else ""
    val = f"{t.value:g}" if t.value is not None else "?"
    return f"{t.text[:40]} = {val}{rng}{t.unit or ''} {t.comparator} y={t.deadline_year} [{t.rule}]"


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _value_strings(gold: Mapping[str, Any], found: Target) -> set[str]:
    """The value as digits (30 → "30") and the anchor's numbers that are the value as written
    (anchor "1.5万人", value 15000 → "1.5")."""
    value = gold.get("value", found.value)
    if value is None:
        return set()
    v = float(value)
    out = {f"{v:g}"}
    for m in _NUMBER.finditer(fold(gold.get("anchor"))):
        n = float(m.group())
        if any(_close(n * 10**k, v) for k in (0, 4, 8)):
            out.add(m.group())
    return out


def indicator_ok(found: Target, gold: Mapping[str, Any]) -> bool:
    """Whether the found indicator contains the gold ``indicator`` and not the value's digits.

    >>> t = Target("T1", 0, 12, "森林覆盖率达到62%", "森林覆盖率", 62.0, unit="%")
    >>> indicator_ok(t, {"indicator": "覆盖率", "value": 62}), indicator_ok(t, {"indicator": "绿地率"})
    (True, False)
    >>> indicator_ok(Target("T2", 0, 5, "x", "覆盖率达到62", 62.0), {"indicator": "覆盖率", "value": 62})
    False
    """
    got = fold(found.indicator)
    if not got or fold(gold.get("indicator")) not in got:
        return False
    return not any(d in got for d in _value_strings(gold, found))


def _score_indicator(doc: Document, gold: Mapping[str, Any]) -> Score:
    """Indicator accuracy: of the matched gold targets that state an indicator, how many found
    targets carry it (``tp``) or not (``fp``)."""
    golds: list[Mapping[str, Any]] = list(gold.get("targets", []))
    found = list(doc.targets)
    matched = _max_matching(len(golds), len(found), lambda i, j: target_matches(found[j], golds[i]))
    score = Score()
    for i, j in sorted(matched.items()):
        g = golds[i]
        if "indicator" not in g:
            continue
        if indicator_ok(found[j], g):
            score.tp += 1
        else:
            score.fp += 1
            score.spurious.append(f"{g.get('anchor')}: want {g['indicator']!r}, got {found[j].indicator!r}")
    return score


def _dirty_goals(doc: Document, gold: Mapping[str, Any]) -> list[str]:
    non_goals = [a for a in (fold(x) for x in gold.get("non_goals", [])) if a]
    out = []
    for goal in doc.goals:
        text = fold(goal.text)
        hit = next((a for a in non_goals if a in text), None)
        if hit is not None:
            out.append(f"{goal.text[:40]} (contains {hit})")
    return out


def _score_goals(doc: Document, gold: Mapping[str, Any]) -> Score:
    """Each gold goal anchor must lie inside some found goal (``tp``/``fn``); a found goal that
    contains a ``non_goals`` anchor is a false positive."""
    texts = [fold(g.text) for g in doc.goals]
    score = Score()
    for anchor in gold.get("goals", []):
        if any(fold(anchor) in t for t in texts):
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(anchor)
    score.spurious = _dirty_goals(doc, gold)
    score.fp = len(score.spurious)
    return score


def _score_goals_precision(doc: Document, gold: Mapping[str, Any]) -> Score:
    """Goals precision: found goals that contain no ``non_goals`` anchor (``tp``) or do (``fp``)."""
    dirty = _dirty_goals(doc, gold)
    return Score(tp=len(doc.goals) - len(dirty), fp=len(dirty), spurious=dirty)


# -- incentives -------------------------------------------------------------------------------------
def incentive_matches(found: Incentive, gold: Mapping[str, Any]) -> bool:
    """Whether a found incentive satisfies one gold incentive: the anchor lies inside its text, the
    stated ``amount``/``cap`` (in ``unit``), ``rate`` and ``kind`` agree, and each condition anchor lies
    inside one of its conditions.

    >>> from policy_nlp.model import Condition
    >>> i = Incentive("I1", 0, 20, "年销售额在1亿元及以上的,单品种奖励企业200万元", amount=200.0, unit="万元",
    ...               kind="reward", conditions=(Condition(0, 11, "年销售额在1亿元及以上"),))
    >>> incentive_matches(i, {"anchor": "奖励企业200万元", "amount": 200, "unit": "万元", "conditions": ["1亿元"]})
    True
    >>> incentive_matches(i, {"anchor": "奖励企业200万元", "cap": 200})
    False
    """
    if fold(gold.get("anchor")) not in fold(found.text):
        return False
    unit = gold.get("unit", found.unit)
    for key in ("amount", "cap"):
        if key in gold:
            fv, fu = _quantity(getattr(found, key), found.unit)
            gv, gu = _quantity(gold[key], unit)
            if not _close(fv, gv) or ("unit" in gold and fu != gu):
                return False
    if "rate" in gold and not _close(found.rate, gold["rate"]):
        return False
    if "kind" in gold and found.kind != gold["kind"]:
        return False
    conditions = [fold(c.text) for c in found.conditions]
    return all(any(fold(a) in c for c in conditions) for a in gold.get("conditions", []))


def _score_incentives(doc: Document, gold: Mapping[str, Any]) -> Score:
    return _score_matched(
        list(gold.get("incentives", [])), doc.incentives, incentive_matches, gold.get("optional_incentives", []),
        _describe_incentive, lambda g: f"{g.get('anchor')} {g.get('amount', g.get('rate', g.get('cap', '')))}",
    )


def _describe_incentive(i: Incentive) -> str:
    conds = ";".join(c.text for c in i.conditions)
    return (
        f"{i.text[:40]} = {i.kind} amount={i.amount} rate={i.rate} cap={i.cap} {i.unit or ''}"
        f" if [{conds}] [{i.rule}]"
    )


# -- other record types ---------------------------------------------------------------------------
def _score_meta(doc: Document, gold: Mapping[str, Any]) -> Score:
    meta = gold.get("meta") or {}
    score = Score()
    m = doc.meta
    checks: dict[str, tuple[Any, Callable[[Any], bool]]] = {
        "title": (m.title, lambda g: fold(m.title) == fold(g)),
        "issuer": (m.issuers, lambda g: [fold(x) for x in m.issuers] == [fold(x) for x in g]),
        "doc_number": (m.doc_number, lambda g: fold(m.doc_number) == fold(g)),
        "doc_number_contains": (
            m.doc_number,
            lambda g: bool(m.doc_number) and all(fold(x) in fold(m.doc_number) for x in g),
        ),
        "addressees": (m.addressees, lambda g: [fold(x) for x in m.addressees] == [fold(x) for x in g]),
        "date_prefix": (m.date, lambda g: (m.date or "").startswith(str(g))),
        "genre": (m.genre, lambda g: fold(m.genre) == fold(g)),
    }
    for key, g in meta.items():
        if key not in checks:
            continue
        value, check = checks[key]
        if check(g):
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(f"{key}: want {g!r}, got {value!r}")
            if value:
                score.fp += 1
    return score


def _score_sections(doc: Document, gold: Mapping[str, Any]) -> Score:
    want = [fold(h) for h in gold.get("sections_top", [])]
    got = [fold(s.heading) or fold(s.number) for s in doc.sections if s.level == 1]
    score = Score()
    k = 0
    for w in want:
        j = next((j for j in range(k, len(got)) if w in got[j]), None)
        if j is None:
            score.fn += 1
            score.missed.append(w)
        else:
            score.tp += 1
            k = j + 1
    score.fp = max(0, len(got) - score.tp)
    score.spurious = [g for g in got if not any(w in g for w in want)]
    return score


def _score_citations(doc: Document, gold: Mapping[str, Any]) -> Score:
    want = {fold(c["title"]) for c in gold.get("citations", []) if "title" in c}
    optional = {fold(t) for t in gold.get("optional_citations", [])}
    # a found title matches as written or without its issuer (gold may give the issuer apart)
    got = {fold(c.title): _citation_forms(c) for c in doc.citations if c.kind not in UNSCORED_CITATION_KINDS}
    matched = {w for forms in got.values() for w in forms & want}
    spurious = sorted(t for t, forms in got.items() if not forms & (want | optional))
    wrong = {}  # found, but a field the gold gives disagrees
    for g in gold.get("citations", []):
        title = fold(g.get("title"))
        if title in matched:
            found = [c for c in doc.citations if title in _citation_forms(c)]
            keys = {c.resolved for c in found if c.resolved}  # back-references (该意见) count as mentions
            mentions = len([c for c in doc.citations if c.resolved in keys]) if keys else len(found)
            problem = _citation_fields(g, found, mentions)
            if problem:
                wrong[title] = problem
    score = Score(tp=len(matched) - len(wrong), fn=len(want - matched) + len(wrong), fp=len(spurious))
    score.missed = sorted(want - matched) + [f"{t} ({why})" for t, why in sorted(wrong.items())]
    score.spurious = spurious
    return score


def _citation_forms(c: Citation) -> set[str]:
    return {fold(c.title), fold(split_issuer(c.title)[1])}


def _citation_fields(g: Mapping[str, Any], found: Sequence[Citation], mentions: int) -> str | None:
    """Why the found mentions of one gold citation disagree with its fields (None when they agree):
    ``planned``, ``issuer_contains``, ``doc_number`` (any mention), ``mentions`` (how many, with
    the back-references that resolve to it)."""
    if "planned" in g and not any(c.planned == g["planned"] for c in found):
        return f"planned {not g['planned']}"
    if "issuer_contains" in g and not any(g["issuer_contains"] in (c.issuer or "") + c.title for c in found):
        return f"issuer {found[0].issuer!r}"
    if "doc_number" in g and not any(c.doc_number == g["doc_number"] for c in found):
        return f"doc_number {found[0].doc_number!r}"
    if "mentions" in g and mentions != g["mentions"]:
        return f"{mentions} mentions"
    return None


def _body_names(doc: Document) -> set[str]:
    return {fold(x) for b in doc.bodies for x in (b.name, b.canonical, b.text)}


def _score_bodies_must(doc: Document, gold: Mapping[str, Any]) -> Score:
    names = _body_names(doc)
    score = Score()
    for want in gold.get("bodies_must", []):
        if fold(want) in names:
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(want)
    return score


def _score_bodies_must_not(doc: Document, gold: Mapping[str, Any]) -> Score:
    names = _body_names(doc)
    bad = [w for w in gold.get("bodies_must_not", []) if fold(w) in names]
    return Score(tp=len(gold.get("bodies_must_not", [])) - len(bad), fp=len(bad), spurious=bad)


def _score_boilerplate(doc: Document, gold: Mapping[str, Any]) -> Score:
    text = fold(doc.text)
    left = [w for w in gold.get("boilerplate_must_drop", []) if fold(w) in text]
    return Score(tp=len(gold.get("boilerplate_must_drop", [])) - len(left), fp=len(left), spurious=left)


def _score_assignments(doc: Document, gold: Mapping[str, Any]) -> Score:
    """GOLD.md's rule: an action whose text holds the anchor, each listed body on it with that role,
    the deadline equal when stated; precision counts task rows holding no gold anchor that overlap a
    sentence holding one (every such row when the gold says ``"assignments_complete": true``)."""
    return _assignment_score(doc, gold, exact=False)


def _score_assignments_exact(doc: Document, gold: Mapping[str, Any]) -> Score:
    """Roles and deadline exact: the action's lead and cooperating bodies are the listed ones, no
    more, and its deadline is the stated one (None when none is stated)."""
    return _assignment_score(doc, gold, exact=True)


def _assignment_score(doc: Document, gold: Mapping[str, Any], *, exact: bool) -> Score:
    from policy_nlp.extract.assignments import assignment_rows

    names: dict[str, set[str]] = {}
    for b in doc.bodies:
        names.setdefault(b.canonical, set()).update((fold(b.name), fold(b.canonical)))

    def same(want: str, canonical: str) -> bool:
        return fold(want) == fold(canonical) or fold(want) in names.get(canonical, ())

    def ok(a: Action, g: Mapping[str, Any]) -> bool:
        if fold(g["anchor"]) not in fold(a.text):
            return False
        if ("deadline" in g or exact) and a.deadline != g.get("deadline"):
            return False
        for role in ("lead", "cooperate"):
            have = [x.canonical for x in a.bodies if x.role == role]
            want = g.get(role, [])
            if not all(any(same(w, c) for c in have) for w in want):
                return False
            if exact and not all(any(same(w, c) for w in want) for c in have):
                return False
        return True

    wanted = gold.get("assignments", [])
    score = Score()
    for g in wanted:
        if any(ok(a, g) for a in doc.actions):
            score.tp += 1
        else:
            score.fn += 1
            score.missed.append(str(g["anchor"]))
    if not exact:
        anchors = [fold(g["anchor"]) for g in wanted]
        complete = bool(gold.get("assignments_complete"))
        spans = [] if complete else _anchor_sentences(doc.text, anchors)
        for row in assignment_rows(doc):
            if any(x in fold(row["task"]) for x in anchors):
                continue
            if complete or any(s < row["end"] and row["start"] < e for s, e in spans):
                score.fp += 1
                score.spurious.append(str(row["task"])[:40])
    return score


_SENTENCE_END = re.compile(r"[。;;!?！？\n]")


def _anchor_sentences(text: str, anchors: Sequence[str]) -> list[tuple[int, int]]:
    r"""Spans of the sentences of ``text`` (to 。;!? or a line end) that hold a folded anchor.

    >>> t = "一、总则。\n1.推进数据共享。(市发展改革委牵头)2.建设平台。"
    >>> [t[s:e] for s, e in _anchor_sentences(t, ["数据共享"])]
    ['1.推进数据共享']
    """
    keep = [i for i, c in enumerate(text) if fold(c)]  # folded position → text position
    folded = "".join(fold(text[i]) for i in keep)
    out = []
    for a in anchors:
        k = folded.find(a) if a else -1
        while k >= 0:
            start, end = keep[k], keep[k + len(a) - 1] + 1
            ends = [m.start() for m in _SENTENCE_END.finditer(text, 0, start)]
            stop = _SENTENCE_END.search(text, end)
            out.append((ends[-1] + 1 if ends else 0, stop.start() if stop else len(text)))
            k = folded.find(a, k + 1)
    return out


SCORERS: dict[str, Callable[[Document, Mapping[str, Any]], Score]] = {
    "targets": _score_targets,
    "indicator": _score_indicator,
    "meta": _score_meta,
    "sections_top": _score_sections,
    "citations": _score_citations,
    "goals": _score_goals,
    "goals_precision": _score_goals_precision,
    "bodies_must": _score_bodies_must,
    "bodies_must_not": _score_bodies_must_not,
    "boilerplate": _score_boilerplate,
    "assignments": _score_assignments,
    "assign_exact": _score_assignments_exact,
    "incentives": _score_incentives,
}
_GOLD_KEYS = {
    "targets": ("targets",),
    "indicator": ("targets",),
    "meta": ("meta",),
    "sections_top": ("sections_top",),
    "citations": ("citations",),
    "goals": ("goals",),
    "goals_precision": ("non_goals",),
    "bodies_must": ("bodies_must",),
    "bodies_must_not": ("bodies_must_not",),
    "boilerplate": ("boilerplate_must_drop",),
    "assignments": ("assignments",),
    "assign_exact": ("assignments",),
    "incentives": ("incentives",),
}


def evaluate_document(doc: Document, gold: Mapping[str, Any]) -> dict[str, Score]:
    """Scores per record type for the parts the gold file states (absent parts are left out).

    Precision for ``bodies_must_not`` and ``boilerplate`` counts violations as false positives;
    ``indicator`` and ``goals_precision`` are shares (see :data:`ACCURACY_TYPES`). ``indicator`` is
    left out when no gold target states an indicator.
    """
    scores = {
        name: scorer(doc, gold)
        for name, scorer in SCORERS.items()
        if any(k in gold for k in _GOLD_KEYS[name])
    }
    if not any("indicator" in t for t in gold.get("targets", [])):
        scores.pop("indicator", None)
    return scores


# -- files and CLI --------------------------------------------------------------------------------
class SourceMissing(LookupError):
    """A gold file names its text by ``"source"`` (relative to the shared corpora) and it is absent."""


def _document_for(gold_path: Path, gold: Mapping[str, Any], shared: Path | None) -> Path | None:
    """The document beside ``NAME.gold.json``, else ``shared / gold["source"]``. Raises
    :class:`SourceMissing` when the gold names a source path that is not there."""
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in DOC_SUFFIXES:
        p = gold_path.with_name(stem + suffix)
        if p.is_file():
            return p
    source = gold.get("source")
    if isinstance(source, str) and source.endswith(DOC_SUFFIXES) and "/" in source:
        root = shared if shared is not None else Path(DEFAULT_SHARED)
        if (root / source).is_file():
            return root / source
        raise SourceMissing(f"{gold_path}: source {source} not found under {root}")
    return None


def evaluate_path(
    gold_path: str | Path, *, shared: str | Path | None = None
) -> tuple[Document, dict[str, Score]]:
    """Analyze the document of ``NAME.gold.json`` and score it: ``NAME.txt`` (…) beside it, else the
    gold's ``"source"`` path under ``shared`` (default :data:`DEFAULT_SHARED`). Raises
    :class:`~policy_nlp.errors.LoadError` when there is neither, :class:`SourceMissing` when the
    source it names is absent."""
    from policy_nlp.errors import LoadError
    from policy_nlp.pipeline import analyze

    gold_path = Path(gold_path)
    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)
    doc_path = _document_for(gold_path, gold, None if shared is None else Path(shared))
    if doc_path is None:
        raise LoadError(str(gold_path), f"no document beside it ({'/'.join(DOC_SUFFIXES)})")
    doc = analyze(doc_path)
    return doc, evaluate_document(doc, gold)


def _gold_files(folders: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    seen: set[tuple[str, str]] = set()
    for folder in folders:
        d = Path(folder)
        if not d.is_dir():
            print(f"evaluate: skipping {folder}: not a folder", file=sys.stderr)
            continue
        for p in sorted(d.glob("*.gold.json")):
            key = (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
            if key in seen:
                continue  # the same gold file bundled and shared
            seen.add(key)
            out.append(p)
    return out


def corpus_of(gold_path: str | Path) -> str:
    """The corpus a gold file's scores are totalled in: ``real`` for ``real_gold/`` (real documents the
    extractors are developed on), ``blind`` for ``blind_gold/`` (real documents annotated blind and never
    tuned to), else ``bundled``.

    >>> corpus_of("corpora/real_gold/a.gold.json"), corpus_of("corpora/blind_gold/b.gold.json")
    ('real', 'blind')
    >>> corpus_of("corpora/a.gold.json")
    'bundled'
    """
    return {"real_gold": "real", "blind_gold": "blind"}.get(Path(gold_path).parent.name, "bundled")


def _row(name: str, s: Score) -> str:
    if name in ACCURACY_TYPES:
        return f"  {name:<16} {s.tp:>5} {s.fp:>5} {'':>5}   {s.precision:6.3f} {'-':>6} {'-':>6}"
    return f"  {name:<16} {s.tp:>5} {s.fp:>5} {s.fn:>5}   {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"


def _table(scores: Mapping[str, Score]) -> list[str]:
    order = {name: i for i, name in enumerate(SCORERS)}
    lines = [f"  {'type':<16} {'tp':>5} {'fp':>5} {'fn':>5}   {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [_row(name, scores[name]) for name in sorted(scores, key=lambda n: order.get(n, len(order)))]
    return lines


def _as_json(s: Score) -> dict[str, Any]:
    out: dict[str, Any] = {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4)}
    out |= {"recall": round(s.recall, 4), "f1": round(s.f1, 4)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policy_nlp.evaluate DIR... [--shared DIR] [--details] [--only TYPE] [--json]``;
    exit 1 if a document failed (a gold whose ``source`` is absent is skipped, not failed)."""
    parser = argparse.ArgumentParser(prog="python -m policy_nlp.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument(
        "folders", nargs="+", metavar="DIR", help="folders holding NAME.gold.json beside NAME.txt"
    )
    parser.add_argument(
        "--shared", default=DEFAULT_SHARED, help="folder that gold 'source' paths are relative to"
    )
    parser.add_argument("--details", action="store_true", help="list missed and spurious records")
    parser.add_argument("--only", choices=sorted(SCORERS), action="append", help="score only these types")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = parser.parse_args(argv)
    totals: dict[str, dict[str, Score]] = {}
    counts: dict[str, int] = {}
    per_file: dict[str, dict[str, dict[str, Any]]] = {}
    failed = skipped = 0
    files = _gold_files(args.folders)

    def say(line: str) -> None:
        if not args.json:
            print(line)

    for gold_path in files:
        try:
            _, scores = evaluate_path(gold_path, shared=args.shared)
        except SourceMissing as exc:
            skipped += 1
            print(f"evaluate: skipping {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # report any document that fails and go on with the others
            failed += 1
            print(f"{gold_path}: failed: {exc}", file=sys.stderr)
            continue
        if args.only:
            scores = {k: v for k, v in scores.items() if k in args.only}
        corpus = corpus_of(gold_path)
        counts[corpus] = counts.get(corpus, 0) + 1
        per_file[str(gold_path)] = {name: _as_json(s) for name, s in scores.items()}
        say(f"{gold_path}")
        for line in _table(scores):
            say(line)
        for name, s in scores.items():
            totals.setdefault(corpus, {}).setdefault(name, Score()).add(Score(s.tp, s.fp, s.fn))
            totals.setdefault("all", {}).setdefault(name, Score()).add(Score(s.tp, s.fp, s.fn))
            if args.details:
                for m in s.missed:
                    say(f"    {name} missed: {m}")
                for m in s.spurious:
                    say(f"    {name} spurious: {m}")
    for corpus in sorted(counts):
        if len(counts) > 1:
            say(f"TOTAL {corpus} ({counts[corpus]} documents)")
            for line in _table(totals[corpus]):
                say(line)
    say(f"TOTAL ({len(files) - failed - skipped} documents)")
    for line in _table(totals.get("all", {})):
        say(line)
    if args.json:
        out = {
            "files": per_file,
            "totals": {c: {n: _as_json(s) for n, s in t.items()} for c, t in totals.items()},
            "documents": {**counts, "all": len(files) - failed - skipped},
            "failed": failed,
            "skipped": skipped,
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
