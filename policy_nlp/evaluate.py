"""Compare analyzed documents with gold files (``*.gold.json``, format in ``corpora/GOLD.md``).

:func:`evaluate_document` scores one :class:`~policy_nlp.model.Document` against one gold dict and
returns a :class:`Score` per record type (``targets``, ``meta``, ``sections_top``, ``citations``,
``bodies_must``, ``bodies_must_not``, ``boilerplate``); ``python -m policy_nlp.evaluate DIR…`` runs
it over every gold file in the folders (``make eval``) and prints a table per file and the totals.

Strings are compared after folding full-width forms to half-width and removing whitespace and
quote marks (“”‘’"'). Citations of kind ``meeting`` and ``short`` are not scored. A gold target matches a found target whose text contains its anchor and whose
fields agree (only the fields the gold states; 1 万家 equals 10000 家); each found target matches at most one gold target
(maximum bipartite matching). Found targets that match nothing and contain no optional anchor are
false positives.

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
from typing import Any

from policy_nlp.model import Citation, Document, Incentive, Target
from policy_nlp.resolve import split_issuer

__all__ = ["Score", "evaluate_document", "evaluate_path", "fold", "main", "target_matches"]

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


def _score_targets(doc: Document, gold: Mapping[str, Any]) -> Score:
    golds: list[Mapping[str, Any]] = list(gold.get("targets", []))
    found = list(doc.targets)
    matched = _max_matching(len(golds), len(found), lambda i, j: target_matches(found[j], golds[i]))
    used = set(matched.values())
    optional = [fold(a) for a in gold.get("optional_targets", [])]
    score = Score(tp=len(matched))
    for i, g in enumerate(golds):
        if i not in matched:
            score.fn += 1
            near = [t for t in found if fold(g.get("anchor")) in fold(t.text)]
            hint = f" (found {_describe(near[0])})" if near else ""
            score.missed.append(f"{g.get('anchor')}{hint}")
    for j, t in enumerate(found):
        if j in used or any(a and a in fold(t.text) for a in optional):
            continue
        score.fp += 1
        score.spurious.append(_describe(t))
    return score


def _describe(t: Target) -> str:
    rng = f"-{t.value_max:g}" if t.value_max is not None else ""
    val = f"{t.value:g}" if t.value is not None else "?"
    return f"{t.text[:40]} = {val}{rng}{t.unit or ''} {t.comparator} y={t.deadline_year} [{t.rule}]"


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
    golds: list[Mapping[str, Any]] = list(gold.get("incentives", []))
    found = list(doc.incentives)
    matched = _max_matching(len(golds), len(found), lambda i, j: incentive_matches(found[j], golds[i]))
    used = set(matched.values())
    optional = [fold(a) for a in gold.get("optional_incentives", [])]
    score = Score(tp=len(matched))
    for i, g in enumerate(golds):
        if i not in matched:
            score.fn += 1
            near = [x for x in found if fold(g.get("anchor")) in fold(x.text)]
            hint = f" (found {_describe_incentive(near[0])})" if near else ""
            what = g.get("amount", g.get("rate", g.get("cap", "")))
            score.missed.append(f"{g.get('anchor')} {what}{hint}")
    for j, x in enumerate(found):
        if j in used or any(a and a in fold(x.text) for a in optional):
            continue
        score.fp += 1
        score.spurious.append(_describe_incentive(x))
    return score


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


SCORERS: dict[str, Callable[[Document, Mapping[str, Any]], Score]] = {
    "targets": _score_targets,
    "meta": _score_meta,
    "sections_top": _score_sections,
    "citations": _score_citations,
    "bodies_must": _score_bodies_must,
    "bodies_must_not": _score_bodies_must_not,
    "boilerplate": _score_boilerplate,
    "incentives": _score_incentives,
}
_GOLD_KEYS = {
    "targets": ("targets",),
    "meta": ("meta",),
    "sections_top": ("sections_top",),
    "citations": ("citations",),
    "bodies_must": ("bodies_must",),
    "bodies_must_not": ("bodies_must_not",),
    "boilerplate": ("boilerplate_must_drop",),
    "incentives": ("incentives",),
}


def evaluate_document(doc: Document, gold: Mapping[str, Any]) -> dict[str, Score]:
    """Scores per record type for the parts the gold file states (absent parts are left out).

    Precision for ``bodies_must_not`` and ``boilerplate`` counts violations as false positives.
    """
    return {
        name: scorer(doc, gold)
        for name, scorer in SCORERS.items()
        if any(k in gold for k in _GOLD_KEYS[name])
    }


# -- files and CLI --------------------------------------------------------------------------------
def _document_for(gold_path: Path) -> Path | None:
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in DOC_SUFFIXES:
        p = gold_path.with_name(stem + suffix)
        if p.is_file():
            return p
    return None


def evaluate_path(gold_path: str | Path) -> tuple[Document, dict[str, Score]]:
    """Analyze the document beside ``NAME.gold.json`` and score it. Raises
    :class:`~policy_nlp.errors.LoadError` when no document sits beside the gold file."""
    from policy_nlp.errors import LoadError
    from policy_nlp.pipeline import analyze

    gold_path = Path(gold_path)
    doc_path = _document_for(gold_path)
    if doc_path is None:
        raise LoadError(str(gold_path), f"no document beside it ({'/'.join(DOC_SUFFIXES)})")
    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)
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


def _row(name: str, s: Score) -> str:
    return f"  {name:<16} {s.tp:>5} {s.fp:>5} {s.fn:>5}   {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"


def _table(scores: Mapping[str, Score]) -> list[str]:
    lines = [f"  {'type':<16} {'tp':>5} {'fp':>5} {'fn':>5}   {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [_row(name, s) for name, s in scores.items()]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policy_nlp.evaluate DIR... [--details] [--only TYPE]``; exit 1 if a document failed."""
    parser = argparse.ArgumentParser(prog="python -m policy_nlp.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument(
        "folders", nargs="+", metavar="DIR", help="folders holding NAME.gold.json beside NAME.txt"
    )
    parser.add_argument("--details", action="store_true", help="list missed and spurious records")
    parser.add_argument("--only", choices=sorted(SCORERS), action="append", help="score only these types")
    args = parser.parse_args(argv)
    totals: dict[str, Score] = {}
    failed = 0
    files = _gold_files(args.folders)
    for gold_path in files:
        try:
            _, scores = evaluate_path(gold_path)
        except Exception as exc:  # report any document that fails and go on with the others
            failed += 1
            print(f"{gold_path}: failed: {exc}", file=sys.stderr)
            continue
        if args.only:
            scores = {k: v for k, v in scores.items() if k in args.only}
        print(f"{gold_path}")
        for line in _table(scores):
            print(line)
        for name, s in scores.items():
            totals.setdefault(name, Score()).add(Score(s.tp, s.fp, s.fn))
            if args.details:
                for m in s.missed:
                    print(f"    {name} missed: {m}")
                for m in s.spurious:
                    print(f"    {name} spurious: {m}")
    print(f"TOTAL ({len(files) - failed} documents)")
    for line in _table(totals):
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
