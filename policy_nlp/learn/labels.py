"""The labeled set of policy measures: references into the shared corpora plus self-written units.

``corpora/instruments/labels.tsv`` stores each unit as a reference — ``source`` (a path relative to
the corpora root, e.g. ``real/gov_employment_opinions_2018.txt``), ``start``/``end`` (offsets into
``policy_nlp.analyze(source).text``, the normalized Document.text), ``sha256`` of the unit text —
with its ``type``, ``tool``, labeling ``batch`` and a labeler ``note``; no text of a real document
is copied. ``written.tsv`` holds self-written measures with their text. ``type`` ``ambiguous``
records a unit left out of training and evaluation (the codebook's rule for equally prominent
types). Reading needs no scikit-learn.

>>> units, drift = read_labels(Path("corpora/instruments"), None)  # self-written units only
>>> units[0].source, drift
('written', 0)
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LABEL_FILES", "LabeledUnit", "dedupe", "labels_sha256", "read_labels"]

log = logging.getLogger(__name__)

#: The label files under the labels directory, in the order their bytes enter :func:`labels_sha256`.
LABEL_FILES = ("labels.tsv", "written.tsv")


@dataclass(frozen=True, slots=True)
class LabeledUnit:
    """One labeled measure: its text, type and tool, where it came from (``source`` path relative to
    the corpora root, or ``written``) and its labeling ``batch``."""

    text: str
    type: str
    tool: str
    source: str
    batch: str


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        out.append(dict(zip(header, cells, strict=True)))
    return out


def labels_sha256(labels_dir: Path) -> str:
    """sha256 over the label files' bytes: the version of the labeled set a model was trained on."""
    h = hashlib.sha256()
    for name in LABEL_FILES:
        h.update((labels_dir / name).read_bytes())
    return h.hexdigest()


def read_labels(labels_dir: Path, shared: Path | None, *, ambiguous: bool = False) -> tuple[list[LabeledUnit], int]:
    """The labeled units (without ``ambiguous`` ones unless asked) and the number of references that
    drifted (text no longer matching its sha256) or could not be resolved. With ``shared`` None only
    the self-written units are read."""
    import policy_nlp

    units: list[LabeledUnit] = []
    drift = 0
    refs = _rows(labels_dir / "labels.tsv")
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in refs:
        by_source[r["source"]].append(r)
    if shared is not None:
        for source, rows in sorted(by_source.items()):
            try:
                text = policy_nlp.analyze(shared / source).text
            except Exception as exc:  # a missing or unreadable source: count its units as drifted
                log.warning("cannot analyze %s: %s", source, exc)
                drift += len(rows)
                continue
            for r in rows:
                unit = text[int(r["start"]) : int(r["end"])]
                if hashlib.sha256(unit.encode("utf-8")).hexdigest() != r["sha256"]:
                    drift += 1
                    continue
                units.append(LabeledUnit(unit, r["type"], r["tool"], source, r["batch"]))
    for r in _rows(labels_dir / "written.tsv"):
        units.append(LabeledUnit(r["text"], r["type"], r["tool"], "written", "written"))
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
