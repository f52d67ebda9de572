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

__all__ = ["CJK_FONTS", "cjk_font", "records_by_section", "targets_by_indicator", "targets_by_year"]

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
