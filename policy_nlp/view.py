"""A document that shows itself: the text with its structure and records highlighted, as HTML.

:func:`render` returns one self-contained HTML fragment (inline CSS, no script, no network): the title
and header, then the text section by section — each section a ``<details>`` element (collapsed past
the first ones in a long document) whose summary names the heading and counts the records inside —
with every record marked by kind: targets, bodies by role (lead / cooperate / issuer / addressee /
mentioned), citations, goals, actions (with their deadline) and, when the document has them,
incentives. Hovering a mark shows the record's fields (a ``title`` tooltip). A legend of checkboxes
filters the kinds (pure CSS, so it works where a notebook blocks scripts). Every character of the
document is escaped. ``Document._repr_html_`` uses it, so a document displays itself in Jupyter;
:func:`write_html` writes a standalone page, and ``policy-nlp view FILE -o page.html`` does so from
the command line.

>>> from policy_nlp import analyze
>>> doc = analyze("关于开展培训的通知\\n一、目标\\n到2025年,培训职工<1万人次>。")
>>> page = render(doc)
>>> 'class="pn-m k-target"' in page and "&lt;1万人次&gt;" in page and "<script" not in page
True
>>> "value 1 万人次" in page
True
"""

from __future__ import annotations

import html
import itertools
import os
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from policy_nlp.model import Document, Section

__all__ = ["KINDS", "render", "write_html"]

#: record kinds in legend order: kind → (label, colour)
KINDS: dict[str, tuple[str, str]] = {
    "target": ("target", "#ffd166"),
    "incentive": ("incentive", "#f4a261"),
    "lead": ("lead body", "#e76f51"),
    "cooperate": ("cooperating body", "#f6bd60"),
    "issuer": ("issuer", "#8ecae6"),
    "addressee": ("addressee", "#bde0fe"),
    "mentioned": ("body", "#cdeac0"),
    "citation": ("citation", "#b8c0ff"),
    "goal": ("goal", "#2a9d8f"),
    "action": ("action", "#adb5bd"),
}
#: kinds drawn as an underline (long spans that contain the others)
_UNDERLINED = frozenset({"goal", "action"})
_OPEN_SECTIONS = 3
_LONG = 20_000
_ids = itertools.count(1)
#: a table row's cell separator (tables are laid out one row per line, cells separated by tabs)
_TAB = '<span class="pn-tab">\t</span>'


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str
    tip: str


def _fields(rec: Any, names: Sequence[str]) -> str:
    parts = []
    for n in names:
        v = getattr(rec, n, None)
        if v is None or v == () or v is False or v == "":
            continue
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, tuple):
            v = ", ".join(
                f"{a.canonical} ({a.role})" if hasattr(a, "role") else str(getattr(a, "text", a)) for a in v
            )
        parts.append(f"{n} {v}")
    return "; ".join(parts)


def _target_tip(t: Any) -> str:
    value = (
        "?" if t.value is None else f"{t.value:g}" + (f"-{t.value_max:g}" if t.value_max is not None else "")
    )
    head = f"{t.id} target: value {value} {t.unit or ''}".rstrip()
    rest = _fields(
        t, ("comparator", "indicator", "deadline_year", "base_year", "direction", "per_year", "rule")
    )
    return f"{head}; {rest}"


def _instrument(label: Any, action: Any) -> str:
    """``label`` (an InstrumentLabel), else the instrument the action carries (analyze(..., instruments=True))."""
    if label is not None:
        return f"; instrument {label.type}/{label.tool} ({label.score:.2f})"
    if action.instrument_type is not None:
        return f"; instrument {action.instrument_type}/{action.instrument_tool} ({action.instrument_score or 0:.2f})"
    return ""


def _marks(doc: Document, instruments: Sequence[Any] | None = None) -> list[_Mark]:
    marks = [_Mark(t.start, t.end, "target", _target_tip(t)) for t in doc.targets]
    marks += [
        _Mark(
            i.start,
            i.end,
            "incentive",
            f"{i.id} incentive: "
            + _fields(
                i,
                (
                    "kind",
                    "amount",
                    "amount_max",
                    "unit",
                    "cap",
                    "rate",
                    "per",
                    "basis",
                    "beneficiary",
                    "rule",
                ),
            ),
        )
        for i in getattr(doc, "incentives", ())
    ]
    marks += [
        _Mark(
            b.start,
            b.end,
            b.role if b.role in KINDS else "mentioned",
            f"{b.id} body ({b.role}): {b.canonical}; kind {b.kind}; rule {b.rule}",
        )
        for b in doc.bodies
    ]
    marks += [
        _Mark(
            c.start,
            c.end,
            "citation",
            f"{c.id} citation: "
            + _fields(
                c,
                (
                    "title",
                    "kind",
                    "relation",
                    "doc_number",
                    "issuer",
                    "articles",
                    "planned",
                    "resolved",
                    "rule",
                ),
            ),
        )
        for c in doc.citations
    ]
    marks += [
        _Mark(g.start, g.end, "goal", f"{g.id} goal: " + _fields(g, ("deadline_year", "targets", "rule")))
        for g in doc.goals
    ]
    marks += [
        _Mark(
            a.start,
            a.end,
            "action",
            f"{a.id} action: "
            + _fields(a, ("verb", "object", "bodies", "deadline", "targets", "citations", "rule"))
            + _instrument(instruments[k] if instruments is not None and k < len(instruments) else None, a),
        )
        for k, a in enumerate(doc.actions)
    ]
    return [m for m in marks if m.start < m.end]


class _Marks:
    """The marks in the order they wrap (targets innermost …), looked up by position: a section asks
    only for the marks that touch it, so a long document renders in linear time."""

    def __init__(self, marks: Sequence[_Mark]) -> None:
        self.marks = list(marks)
        order = sorted(range(len(self.marks)), key=lambda i: self.marks[i].start)
        self.order = order
        self.starts = [self.marks[i].start for i in order]
        self.longest = max((m.end - m.start for m in self.marks), default=0)

    def _between(self, lo: int, hi: int) -> list[int]:
        """Indices (in wrapping order) of the marks starting in ``[lo, hi)``."""
        return sorted(self.order[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)])

    def touching(self, start: int, end: int) -> list[_Mark]:
        """The marks overlapping ``[start, end)``, in wrapping order."""
        return [m for i in self._between(start - self.longest, end) if (m := self.marks[i]).end > start]

    def starting(self, start: int, end: int) -> list[_Mark]:
        """The marks starting in ``[start, end)``, in wrapping order."""
        return [self.marks[i] for i in self._between(start, end)]


def _segments(text: str, index: _Marks, start: int, end: int) -> Iterator[str]:
    """HTML of ``text[start:end]``: cut at every mark boundary, each piece wrapped once per covering mark."""
    marks = index.touching(start, end)
    cuts = sorted({start, end, *(p for m in marks for p in (m.start, m.end) if start < p < end)})
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b]).replace("\n", "<br>\n").replace("\t", _TAB)
        for m in marks:
            if m.start <= a and b <= m.end:
                piece = f'<span class="pn-m k-{m.kind}" title="{html.escape(m.tip)}">{piece}</span>'
        yield piece


def _counts(index: _Marks, start: int, end: int) -> str:
    counts: dict[str, int] = {}
    for m in index.starting(start, end):
        counts[m.kind] = counts.get(m.kind, 0) + 1
    return " · ".join(f"{n} {KINDS[k][0]}" for k, n in counts.items() if k in KINDS)


def _children(sections: Sequence[Section]) -> dict[str | None, list[Section]]:
    """Each section id (None: the top) → its child sections, in order."""
    kids: dict[str | None, list[Section]] = {}
    for s in sections:
        kids.setdefault(s.parent, []).append(s)
    return kids


def _section_html(
    doc: Document, s: Section, marks: _Marks, n_open: list[int], kids_of: dict[str | None, list[Section]]
) -> str:
    kids = kids_of.get(s.id, [])
    head_end = doc.text.find("\n", s.start, s.end)
    head_end = s.end if head_end < 0 else head_end
    open_ = " open" if n_open[0] > 0 else ""
    n_open[0] -= 1
    counts = _counts(marks, s.start, s.end)
    summary = "".join(_segments(doc.text, marks, s.start, head_end))
    parts = [
        f'<details class="pn-sec pn-l{min(s.level, 4)}"{open_} data-section="{html.escape(s.id)}">'
        f'<summary>{summary}<span class="pn-count">{html.escape(counts)}</span></summary><div class="pn-body">'
    ]
    pos = head_end
    if doc.text.startswith("\n", pos):  # the heading's line break: the summary already ends the line
        parts.append("\n")
        pos += 1
    for k in kids:
        parts.extend(_segments(doc.text, marks, pos, k.start))
        parts.append(_section_html(doc, k, marks, n_open, kids_of))
        pos = k.end
    parts.extend(_segments(doc.text, marks, pos, s.end))
    parts.append("</div></details>")
    return "".join(parts)


def _css(uid: str) -> str:
    rules = [
        f"#{uid}{{font-family:'Noto Serif CJK SC','Source Han Serif SC','WenQuanYi Micro Hei',serif;"
        "line-height:1.9;max-width:60em}",
        f"#{uid} .pn-legend{{position:sticky;top:0;background:#fff;padding:.3em 0;border-bottom:1px solid #ddd;"
        "font-size:.85em;z-index:1}",
        f"#{uid} .pn-legend label{{margin-right:.8em;padding:0 .3em;border-radius:3px;cursor:pointer}}",
        f"#{uid} .pn-meta{{color:#555;font-size:.9em}}",
        f"#{uid} details{{margin:.2em 0}} #{uid} summary{{font-weight:bold;cursor:pointer}}",
        f"#{uid} .pn-l2,#{uid} .pn-l3,#{uid} .pn-l4{{margin-left:1.5em}}",
        f"#{uid} .pn-count{{font-weight:normal;color:#888;font-size:.8em;margin-left:1em}}",
        f"#{uid} .pn-m{{border-radius:2px}}",
        f"#{uid} .pn-tab{{display:inline-block;white-space:pre;width:.8em;margin-left:.4em;border-left:1px solid #bbb}}",
    ]
    for kind, (_, colour) in KINDS.items():
        style = f"border-bottom:2px solid {colour}" if kind in _UNDERLINED else f"background:{colour}66"
        rules.append(f"#{uid} .k-{kind}{{{style}}}")
        rules.append(f"#{uid} label.l-{kind}{{background:{colour}66}}")
        rules.append(f"#{uid}-{kind}:not(:checked)~.pn-text .k-{kind}{{background:none;border:none}}")
        rules.append(
            f"#{uid}-{kind}:not(:checked)~.pn-legend .l-{kind}{{opacity:.4;text-decoration:line-through}}"
        )
    return "\n".join(rules)


def render(
    doc: Document,
    *,
    standalone: bool = False,
    open_sections: int | None = None,
    instruments: Sequence[Any] | None = None,
) -> str:
    """The document as HTML; a whole page with ``standalone``, else a fragment (for notebooks).

    ``open_sections`` is how many sections start unfolded (default: all for a short text, the first
    three for one over 20,000 characters). ``instruments``, one label per action as
    :meth:`Document.instruments` gives them, adds each action's policy instrument to its tooltip;
    without it, the instruments the actions carry (``analyze(..., instruments=True)``) are shown.
    """
    uid = f"pn{next(_ids)}"
    marks = _marks(doc, instruments)
    m = doc.meta
    head = " | ".join(x for x in (m.doc_number, "、".join(m.issuers), m.date, m.genre) if x)
    legend = (
        "".join(f'<input type="checkbox" id="{uid}-{k}" checked hidden>' for k in KINDS)
        + '<div class="pn-legend">'
        + "".join(
            f'<label class="l-{k}" for="{uid}-{k}">{html.escape(label)} '
            f"({sum(1 for x in marks if x.kind == k)})</label>"
            for k, (label, _) in KINDS.items()
        )
        + "</div>"
    )
    n_open = [
        open_sections if open_sections is not None else (_OPEN_SECTIONS if len(doc.text) > _LONG else 10**9)
    ]
    body: list[str] = []
    pos = 0
    kids_of = _children(doc.sections)
    index = _Marks(marks)
    for s in kids_of.get(None, []):
        body.extend(_segments(doc.text, index, pos, s.start))
        body.append(_section_html(doc, s, index, n_open, kids_of))
        pos = s.end
    body.extend(_segments(doc.text, index, pos, len(doc.text)))
    fragment = (
        f'<div id="{uid}" class="policy-nlp-doc"><style>{_css(uid)}</style>'
        f'<h3>{html.escape(m.title or doc.id)}</h3><div class="pn-meta">{html.escape(head)}</div>'
        f'{legend}<div class="pn-text">{"".join(body)}</div></div>'
    )
    if not standalone:
        return fragment
    title = html.escape(m.title or doc.id)
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{fragment}</body></html>\n"
    )


def write_html(
    doc: Document, path: str | os.PathLike[str], *, instruments: Sequence[Any] | None = None
) -> None:
    """Write :func:`render` as a standalone page (UTF-8)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(render(doc, standalone=True, instruments=instruments))
