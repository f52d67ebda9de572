"""Small matplotlib pictures of analyzed documents (the optional extra ``plot``).

Each function takes documents (or the frames of :func:`policy_nlp.dataframes.frames`), draws on a new or
given ``ax`` and returns it, so a notebook shows it and a script can ``ax.figure.savefig(...)``.
Chinese labels need a CJK font: the first installed one of :data:`CJK_FONTS` is used (a
:class:`~policy_nlp.errors.PolicyNLPWarning` is issued once when none is installed).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from policy_nlp import analyze
>>> doc = analyze("关于加强培训的意见\\n一、目标任务\\n到2025年,培训职工1万人次,建成示范点20个。")
>>> ax = targets_by_year(doc)
>>> [t.get_text() for t in ax.get_xticklabels()]
['2025']
"""

from __future__ import annotations

import importlib
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from policy_nlp.errors import PolicyNLPWarning

__all__ = [
    "CJK_FONTS",
    "cjk_font",
    "instrument_shares",
    "records_by_section",
    "reuse_edges",
    "targets_by_indicator",
    "targets_by_year",
]

_HINT = 'pip install "policy_nlp[plot]"'
#: font families tried in order for Chinese labels
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)

_CJK_FILES = ("wqy", "cjk", "droid", "simhei", "yahei", "pingfang", "sourcehan", "uming")


def _plt() -> Any:
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as exc:
        raise ImportError(f"plots need matplotlib, which is not installed: {_HINT}") from exc


@cache
def cjk_font() -> str | None:
    """The family name of the first installed font of :data:`CJK_FONTS`, else None (warned once)."""
    from matplotlib import font_manager

    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for name in CJK_FONTS:
            if name in installed:
                return name
        if attempt == 0:  # fonts installed after matplotlib built its cache: add them now
            for path in font_manager.findSystemFonts():
                if any(k in path.lower() for k in _CJK_FILES):
                    font_manager.fontManager.addfont(path)
    warnings.warn(
        "no CJK font installed: Chinese labels will show as boxes (e.g. apt-get install fonts-wqy-microhei)",
        PolicyNLPWarning,
        stacklevel=2,
    )
    return None


def _axes(ax: Any) -> Any:
    plt = _plt()
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        plt.rcParams["axes.unicode_minus"] = False
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    return ax


def _frame(source: Any, name: str) -> Any:
    if isinstance(source, dict) and name in source:
        return source[name]
    from policy_nlp.dataframes import frames

    return frames(source)[name]


def targets_by_year(source: Any, *, ax: Any = None) -> Any:
    """Bars: number of targets per deadline year (targets without a year are left out)."""
    df = _frame(source, "targets")
    counts = Counter(int(y) for y in df["deadline_year"].dropna())
    ax = _axes(ax)
    years = sorted(counts)
    ax.bar([str(y) for y in years], [counts[y] for y in years], color="#3b7dd8")
    ax.set_xlabel("deadline year")
    ax.set_ylabel("targets")
    ax.set_title("Targets by deadline year")
    return ax


def targets_by_indicator(source: Any, *, top: int = 15, ax: Any = None) -> Any:
    """Horizontal bars: the ``top`` most frequent target indicators across the documents."""
    df = _frame(source, "targets")
    counts = Counter(str(i) for i in df["indicator"].dropna()).most_common(top)
    ax = _axes(ax)
    names = [n for n, _ in reversed(counts)]
    ax.barh(names, [c for _, c in reversed(counts)], color="#2a9d8f")
    ax.set_xlabel("targets")
    ax.set_title(f"Top {len(counts)} target indicators")
    return ax


def records_by_section(
    source: Any, *, kinds: Sequence[str] = ("targets", "bodies", "citations", "actions"), ax: Any = None
) -> Any:
    """Stacked bars: records of each kind per top-level section (first 30 characters of the path)."""
    from policy_nlp.dataframes import frames

    ax = _axes(ax)
    tables = source if isinstance(source, dict) else frames(source)
    counts: dict[str, Counter[str]] = {}
    order: list[str] = []
    for kind in kinds:
        df = tables[kind]
        tops = [str(p).split(" > ")[0][:30] for p in df["section_path"].dropna()]
        counts[kind] = Counter(tops)
        order += [t for t in dict.fromkeys(tops) if t not in order]
    bottom = [0] * len(order)
    for kind in kinds:
        values = [counts[kind][s] for s in order]
        ax.barh(order[::-1], values[::-1], left=bottom[::-1], label=kind)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xlabel("records")
    ax.legend()
    ax.set_title("Records per section")
    return ax


#: colours of the instrument types (supply, environment, demand)
_TYPE_COLORS = {"supply": "#3b7dd8", "environment": "#2a9d8f", "demand": "#e76f51"}


def instrument_shares(source: Any, *, level: str = "type", ax: Any = None) -> Any:
    """Stacked horizontal bars: the share of each instrument type (``level="tool"``: each tool) among
    the coded measures of each document — the picture policy-tool studies draw per document, year
    or region. ``source`` is a Document, an iterable of Documents (each coded with
    :meth:`~policy_nlp.model.Document.instruments`), or a mapping of a name (a document, a year, a
    region) to its :class:`~policy_nlp.learn.instruments.InstrumentLabel` list. Units of type none
    are left out (:func:`~policy_nlp.learn.instruments.share_table`).

    >>> from policy_nlp import analyze
    >>> doc = analyze("关于促进消费的通知\\n一、开展汽车以旧换新活动。二、建设县级综合性文化服务中心。", id="消费")
    >>> ax = instrument_shares([doc])
    >>> [round(float(p.get_width()), 2) for p in ax.patches]  # supply, environment, demand
    [0.5, 0.0, 0.5]
    """
    from policy_nlp.learn.instruments import TOOLS, TYPES, share_table
    from policy_nlp.model import Document

    if level not in ("type", "tool"):
        raise ValueError(f"level must be 'type' or 'tool', not {level!r}")
    if isinstance(source, Document):
        source = [source]
    groups = dict(source) if isinstance(source, dict) else {d.id or d.meta.title or "?": d.instruments() for d in source}
    names = [n for n in TYPES if n != "none"] if level == "type" else [t for t in TOOLS if t != "none"]
    shares = {g: {r.label: r.share for r in share_table(labels) if r.level == level} for g, labels in groups.items()}
    ax = _axes(ax)
    rows = list(groups)[::-1]  # first group on top
    left = [0.0] * len(rows)
    for name in names:
        values = [shares[g].get(name, 0.0) for g in rows]
        if level == "tool" and not any(values):
            continue
        color = _TYPE_COLORS.get(name if level == "type" else TOOLS[name])
        ax.barh([str(g)[:20] for g in rows], values, left=left, label=name, color=color if level == "type" else None)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of coded measures ({level})")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(6, len(names)), fontsize=8, frameon=False)
    ax.set_title(f"Policy instruments by {level}", pad=24)
    return ax


def reuse_edges(G: Any, *, ax: Any = None) -> Any:
    """Draw the documents of a citation graph that take part in ``reuses`` edges
    (:func:`~policy_nlp.learn.reuse.add_reuse_edges`): a solid arrow from the reusing document to
    its source, labelled with the number of reused passages (a line without a head when no
    direction is claimed), and a dashed arrow where one also cites the other by title.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", title="关于加强培训的实施意见"); G.add_node("b", title="关于加强培训的意见")
    >>> G.add_edge("a", "b", key="reuses", count=2, directed=True)
    'reuses'
    >>> ax = reuse_edges(G)
    >>> sorted(t.get_text() for t in ax.texts)
    ['2', '关于加强培训的实施意见', '关于加强培训的意见']
    """
    import networkx as nx

    reuse = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "reuses"]
    H = nx.DiGraph()
    for u, v, d in reuse:
        H.add_edge(u, v, count=d.get("count", 1), directed=d.get("directed", True))
    cites = [(u, v) for u, v, k in G.edges(keys=True) if k in ("cites", "implements") and u in H and v in H]
    ax = _axes(ax)
    ax.set_axis_off()
    ax.set_title(f"Text reuse: {len(reuse)} edges between {H.number_of_nodes()} documents")
    if not H.number_of_nodes():
        return ax
    pos = nx.circular_layout(H) if H.number_of_nodes() > 2 else {n: (float(i), 0.0) for i, n in enumerate(H)}
    nx.draw_networkx_nodes(H, pos, ax=ax, node_color="#3b7dd8", node_size=300)
    for u, v, d in H.edges(data=True):
        nx.draw_networkx_edges(H, pos, edgelist=[(u, v)], ax=ax, arrows=d["directed"], arrowsize=16, width=1.5,
                               edge_color="#e76f51", node_size=300)  # fmt: skip
    if cites:
        nx.draw_networkx_edges(H, pos, edgelist=cites, ax=ax, style="dashed", edge_color="#888888", node_size=300,
                               connectionstyle="arc3,rad=0.2")  # fmt: skip
    nx.draw_networkx_edge_labels(H, pos, edge_labels={(u, v): str(d["count"]) for u, v, d in H.edges(data=True)},
                                 ax=ax, font_size=8)  # fmt: skip
    font = cjk_font()
    nx.draw_networkx_labels(H, pos, labels={n: str(G.nodes[n].get("title") or n)[:14] for n in H}, ax=ax,
                            font_size=8, font_family=font or "sans-serif")  # fmt: skip
    ax.margins(0.25)
    return ax

