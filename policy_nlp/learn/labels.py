"""The labeled set of policy measures: references into the shared corpora plus self-written units.

``corpora/instruments/labels.tsv`` stores each unit as a reference — ``source`` (a path relative to
the corpora root, e.g. ``real/gov_employment_opinions_2018.txt``), ``start``/``end`` (offsets into
``policy_nlp.analyze(source).text``, the normalized Document.text), ``src_start``/``src_end`` (the
same span in the source file's text, ``Document.to_source``), ``sha256`` of the unit text — with its
``type``, ``tool``, labeling ``batch`` and a labeler ``note``; no text of a real document is copied.
:func:`resolve_label` finds a unit again when the normalizer or the Action splitter changed: by its
source offsets first (they do not move when normalization does), then by the stored text offsets,
then by the one Action whose text has the stored sha256 (nearest to where it was); a unit whose text
itself changed no longer resolves and is counted as drifted. ``written.tsv`` holds self-written measures with their text. ``type`` ``ambiguous``
records a unit left out of training and evaluation (the codebook's rule for equally prominent
types). Reading needs no scikit-learn.

Every unit is coded twice, independently: ``labels.tsv`` holds the first coding, ``second_coder.tsv``
the second (same columns, keyed by the unit's sha256), and ``adjudicated.tsv`` the decision of an
adjudicator on each unit whose two codings differ in type or tool. :func:`final_labels` composes
them — the label a unit trains and is evaluated with.

>>> units, drift = read_labels(Path("corpora/instruments"), None)  # self-written units only
>>> units[0].source, drift
('written', 0)
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from policy_nlp.learn.context import UnitContext, document_contexts

if TYPE_CHECKING:
    from policy_nlp.model import Document

__all__ = ["LABEL_FILES", "Coding", "LabeledUnit", "coder_agreement", "dedupe", "final_labels", "label_rows", "labels_sha256", "read_labels",
           "resolve_label"]

log = logging.getLogger(__name__)

#: The label files under the labels directory, in the order their bytes enter :func:`labels_sha256`.
LABEL_FILES = ("labels.tsv", "written.tsv", "second_coder.tsv", "adjudicated.tsv")

#: How a unit got its final label (:func:`final_labels`).
Coding = Literal["agreed", "adjudicated", "unadjudicated", "single", "written"]


@dataclass(frozen=True, slots=True)
class LabeledUnit:
    """One labeled measure: its text, type and tool, where it came from (``source`` path relative to
    the corpora root, or ``written``), its labeling ``batch`` and, for a reference, its ``context``
    in the source document (None for self-written units)."""

    text: str
    type: str
    tool: str
    source: str
    batch: str
    context: UnitContext | None = None
    coding: Coding = "single"


def label_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a label TSV as ``(line number, row)``; comment and blank lines are skipped, the
    first other line is the header.

    >>> label_rows(Path("corpora/instruments/written.tsv"))[0][1]["type"]
    'environment'
    """
    numbered = [(k, ln) for k, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if ln.strip() and not ln.startswith("#")]  # fmt: skip
    header = numbered[0][1].split("\t")
    out = []
    for k, ln in numbered[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        out.append((k, dict(zip(header, cells, strict=True))))
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    return [r for _k, r in label_rows(path)]


def labels_sha256(labels_dir: Path) -> str:
    """sha256 over the label files' bytes: the version of the labeled set a model was trained on."""
    h = hashlib.sha256()
    for name in LABEL_FILES:
        path = labels_dir / name
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def _coded(path: Path) -> dict[str, tuple[str, str]]:
    """``sha256 -> (type, tool)`` of a coding file (empty when the file is missing); an ambiguous
    unit's tool is dropped (coders record the tool they lean to in the note)."""
    if not path.exists():
        return {}
    return {r["sha256"]: (r["type"], "" if r["type"] == "ambiguous" else r["tool"]) for _n, r in label_rows(path)}


def final_labels(labels_dir: Path) -> dict[str, tuple[str, str, Coding]]:
    """The final ``(type, tool, coding)`` of every referenced unit, by its sha256: the adjudicator's
    label where the two codings differ in type or tool (``adjudicated``), the common label where they
    agree (``agreed``), the first coding where the second is missing (``single``) or the difference
    has not been adjudicated yet (``unadjudicated``).

    >>> final = final_labels(Path("corpora/instruments"))
    >>> sorted({how for _t, _o, how in final.values()})
    ['adjudicated', 'agreed']
    """
    second = _coded(labels_dir / "second_coder.tsv")
    adjudicated = _coded(labels_dir / "adjudicated.tsv")
    out: dict[str, tuple[str, str, Coding]] = {}
    for sha, first in _coded(labels_dir / "labels.tsv").items():
        if sha in adjudicated:
            out[sha] = (*adjudicated[sha], "adjudicated")
        elif sha not in second:
            out[sha] = (*first, "single")
        else:
            out[sha] = (*first, "agreed" if second[sha] == first else "unadjudicated")
    return out


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def resolve_label(doc: Document, row: dict[str, str]) -> tuple[int, int, Literal["source", "text", "action"]] | None:
    """The span of ``doc.text`` that a ``labels.tsv`` row refers to, and how it was found: by the
    source offsets (``src_start``/``src_end`` mapped with ``doc.offsets``), by the text offsets
    (``start``/``end``), or by the Action whose text has the row's sha256 (nearest to ``start``);
    None when no span has the row's sha256 (the unit text changed).

    >>> import policy_nlp
    >>> doc = policy_nlp.analyze("关于加强管理的通知\\n一、加强市场监管。二、建设养老服务设施。")
    >>> a = doc.actions[1]
    >>> row = {"start": "0", "end": "4", "src_start": "", "src_end": "", "sha256": _sha(a.text)}
    >>> resolve_label(doc, row) == (a.start, a.end, "action")
    True
    """
    want = row["sha256"]
    if row.get("src_start") and row.get("src_end"):
        try:
            s, e = (doc.offsets.from_source(int(row["src_start"]), int(row["src_end"])) if doc.offsets
                    else (int(row["src_start"]), int(row["src_end"])))
        except ValueError:
            s, e = 0, 0
        if _sha(doc.text[s:e]) == want:
            return s, e, "source"
    s, e = int(row["start"]), int(row["end"])
    if _sha(doc.text[s:e]) == want:
        return s, e, "text"
    cands = [(abs(a.start - s), a.start, a.end) for a in doc.actions if _sha(a.text) == want]
    if cands:
        _d, s, e = min(cands)
        return s, e, "action"
    return None


def read_labels(
    labels_dir: Path,
    shared: Path | None,
    *,
    ambiguous: bool = False,
    contexts: bool = True,
    coding: Literal["final", "first"] = "final",
) -> tuple[list[LabeledUnit], int]:
    """The labeled units (without ``ambiguous`` ones unless asked) and the number of references that
    drifted (no span of the source document has the stored sha256 any more, see :func:`resolve_label`)
    or could not be analyzed. With ``shared`` None only the self-written units are read. With
    ``contexts`` each reference carries its :class:`~policy_nlp.learn.context.UnitContext` (the
    Action at its span; a unit that is no Action any more gets none). Each reference carries its
    :func:`final_labels` label, or with ``coding="first"`` the first coding of ``labels.tsv``."""
    import policy_nlp

    units: list[LabeledUnit] = []
    drift = 0
    refs = _rows(labels_dir / "labels.tsv")
    final = final_labels(labels_dir)
    if coding == "final":
        unsettled = sum(how == "unadjudicated" for _t, _o, how in final.values())
        if unsettled:
            log.warning("%d units have two differing codings and no adjudication: their first coding is used", unsettled)
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in refs:
        by_source[r["source"]].append(r)
    if shared is not None:
        for source, rows in sorted(by_source.items()):
            try:
                doc = policy_nlp.analyze(shared / source)
            except Exception as exc:  # a missing or unreadable source: count its units as drifted
                log.warning("cannot analyze %s: %s", source, exc)
                drift += len(rows)
                continue
            ctx = dict(zip(((a.start, a.end) for a in doc.actions), document_contexts(doc), strict=True)) if contexts else {}
            for r in rows:
                found = resolve_label(doc, r)
                if found is None:
                    log.warning("label drifted: %s %s-%s (%s %s): no span has its sha256", source, r["start"], r["end"], r["type"], r["tool"])
                    drift += 1
                    continue
                s, e, how = found
                if how != "source":
                    log.debug("label %s %s-%s found by %s offsets at %d-%d", source, r["start"], r["end"], how, s, e)
                typ, tool, settled = final[r["sha256"]]
                if coding == "first":
                    typ, tool = r["type"], r["tool"]
                units.append(LabeledUnit(doc.text[s:e], typ, tool, source, r["batch"], ctx.get((s, e)), settled))
    for r in _rows(labels_dir / "written.tsv"):
        units.append(LabeledUnit(r["text"], r["type"], r["tool"], "written", "written", coding="written"))
    if not ambiguous:
        units = [u for u in units if u.type != "ambiguous"]
    return units, drift


def dedupe(units: Sequence[LabeledUnit]) -> list[LabeledUnit]:
    """First unit of each text: the same sentence in two documents is one example (no leak across folds)."""
    seen: set[str] = set()
    out = []
    for u in units:
        key = "".join(u.text.split())
        if key not in seen:
            seen.add(key)
            out.append(u)
    return out


def _kappa(a: Sequence[str], b: Sequence[str]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    scores = []
    for k in sorted(set(gold)):
        tp = sum(g == p == k for g, p in zip(gold, pred, strict=True))
        n_pred, n_gold = sum(p == k for p in pred), sum(g == k for g in gold)
        scores.append(2 * tp / (n_pred + n_gold) if tp else 0.0)
    return sum(scores) / len(scores)


def coder_agreement(first: Sequence[tuple[str, str]], second: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Agreement of two coders' ``(type, tool)`` on the same units: over all units the share of
    equal types and Cohen's κ (``ambiguous`` a category of its own); over the units neither called
    ambiguous (``n_both``) type and tool agreement, type κ, and the second coder's type and tool
    macro-F1 against the first (the figure a model is held to).

    >>> a = [("supply", "talent"), ("none", "none"), ("environment", "tax"), ("ambiguous", "")]
    >>> b = [("supply", "talent"), ("environment", "strategy"), ("environment", "tax"), ("none", "none")]
    >>> r = coder_agreement(a, b)
    >>> r["n"], r["n_both"], r["type_agreement"], r["type_agreement_both"]
    (4, 3, 0.5, 0.6667)
    """
    if len(first) != len(second) or not first:
        raise ValueError("two non-empty lists of the same units are needed")
    ta, tb = [t for t, _ in first], [t for t, _ in second]
    both = [k for k in range(len(first)) if ta[k] != "ambiguous" and tb[k] != "ambiguous"]
    a2, b2 = [ta[k] for k in both], [tb[k] for k in both]
    oa, ob = [first[k][1] for k in both], [second[k][1] for k in both]
    out = {"n": len(first), "type_agreement": sum(x == y for x, y in zip(ta, tb, strict=True)) / len(ta),
           "type_kappa": _kappa(ta, tb), "n_both": len(both)}  # fmt: skip
    if both:
        out |= {"type_agreement_both": sum(x == y for x, y in zip(a2, b2, strict=True)) / len(both),
                "type_kappa_both": _kappa(a2, b2), "type_macro_f1_both": _macro_f1(a2, b2),
                "tool_agreement_both": sum(x == y for x, y in zip(oa, ob, strict=True)) / len(both),
                "tool_macro_f1_both": _macro_f1(oa, ob)}  # fmt: skip
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def check_labels(labels_dir: Path, shared: Path, *, write_source_offsets: bool = False) -> dict[str, int]:
    """Resolve every reference of ``labels.tsv`` (:func:`resolve_label`) and count how each was found
    (``source``, ``text``, ``action``) or ``drifted``; each unit not found by its source offsets is
    logged with its line. With ``write_source_offsets`` the file is rewritten with ``src_start``/
    ``src_end`` (and ``start``/``end``) of every resolved unit, after checking that the source offsets
    map back to the very same unit text."""
    import policy_nlp

    path = labels_dir / "labels.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    numbered = label_rows(path)
    rows = [r for _line, r in numbered]
    header = lines[len(comments)].split("\t")
    counts = {"source": 0, "text": 0, "action": 0, "drifted": 0}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_source[r["source"]].append(i)
    for source, idx in sorted(by_source.items()):
        doc = policy_nlp.analyze(shared / source)
        for i in idx:
            line, r = numbered[i]
            found = resolve_label(doc, r)
            if found is None:
                counts["drifted"] += 1
                log.warning("labels.tsv line %d: %s %s-%s drifted (no span has its sha256)", line, source, r["start"], r["end"])
                continue
            s, e, how = found
            counts[how] += 1
            if how != "source":
                log.warning("labels.tsv line %d: %s %s-%s found by %s offsets at %d-%d", line, source, r["start"], r["end"], how, s, e)
            if write_source_offsets:
                a, b = doc.to_source(s, e)
                back = doc.offsets.from_source(a, b) if doc.offsets else (a, b)
                if _sha(doc.text[back[0] : back[1]]) != r["sha256"]:
                    raise ValueError(f"labels.tsv line {line}: source offsets {a}-{b} do not map back to the unit")
                r.update(start=str(s), end=str(e), src_start=str(a), src_end=str(b))
    if write_source_offsets:
        if "src_start" not in header:
            k = header.index("end") + 1
            header[k:k] = ["src_start", "src_end"]
        rows.sort(key=lambda r: (r["source"], int(r["start"]), int(r["end"])))
        body = ["\t".join(r.get(h, "") for h in header) for r in rows]
        path.write_text("\n".join([*comments, "\t".join(header), *body]) + "\n", encoding="utf-8")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policy_nlp.learn.labels SHARED_CORPORA [--write-source-offsets]``: resolve every
    labeled reference and print how many were found by source offsets, text offsets, Action sha256,
    or drifted; exit 1 when any drifted."""
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m policy_nlp.learn.labels", description=main.__doc__)
    ap.add_argument("shared", type=Path)
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--write-source-offsets", action="store_true")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = check_labels(a.labels, a.shared, write_source_offsets=a.write_source_offsets)
    log.info("%s", json.dumps(counts))
    return 1 if counts["drifted"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
