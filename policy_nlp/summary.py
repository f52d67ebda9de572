"""A short readable overview of a :class:`~policy_nlp.model.Document` (for a terminal or a notebook).

>>> from policy_nlp import analyze
>>> doc = analyze("关于加强职工培训的意见\\n一、目标任务\\n到2025年,培训职工1万人次。\\n二、保障措施\\n贯彻落实《上海市工会条例》。")
>>> print(summarize(doc))
关于加强职工培训的意见
- | - -> - | - | 意见
sections: 一、目标任务 / 二、保障措施
1 targets, 0 bodies, 1 goals, 2 actions, 1 citations
  target   1 万人次 (eq, 2025): 到2025年,培训职工1万人次
  cites    上海市工会条例 (law, implements)
"""

from __future__ import annotations

from policy_nlp.model import Citation, Document, Target

__all__ = ["summarize"]


def _target_line(t: Target) -> str:
    rng = f"-{t.value_max:g}" if t.value_max is not None else ""
    value = f"{t.value:g}{rng}" if t.value is not None else "?"
    return f"  target   {value} {t.unit or ''} ({t.comparator}, {t.deadline_year or '-'}): {t.text[:40]}"


def _citation_line(c: Citation) -> str:
    planned = ", planned" if c.planned else ""
    return f"  cites    {c.title} ({c.kind}, {c.relation}{planned})"


def summarize(doc: Document, *, examples: int = 3) -> str:
    """Title; 发文字号 | issuers -> addressees | date | genre; top-level sections; record counts
    (incentives and tables when there are any); and up to ``examples`` targets (dated ones first) and
    cited policies."""
    m = doc.meta
    lines = [
        m.title or doc.id,
        f"{m.doc_number or '-'} | {'、'.join(m.issuers) or '-'} -> {'、'.join(m.addressees) or '-'} | "
        f"{m.date or '-'} | {m.genre or '-'}",
        "sections: " + (" / ".join(s.number + s.heading for s in doc.sections if s.level == 1) or "-"),
        f"{len(doc.targets)} targets, {len(doc.bodies)} bodies, {len(doc.goals)} goals, "
        f"{len(doc.actions)} actions, {len(doc.citations)} citations"
        + "".join(f", {len(getattr(doc, k))} {k}" for k in ("incentives", "tables") if getattr(doc, k)),
    ]
    dated_first = sorted(doc.targets, key=lambda t: (t.deadline_year is None, t.start))
    lines += [_target_line(t) for t in dated_first[:examples]]
    policies = [c for c in doc.citations if c.kind in ("policy", "law", "plan")]
    lines += [_citation_line(c) for c in policies[:examples]]
    return "\n".join(lines)
