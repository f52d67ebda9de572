"""Plot helpers draw what the frames hold; a missing CJK font is warned about, not fatal."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policy_nlp import analyze, frames

pytest.importorskip("matplotlib")
pytest.importorskip("pandas")
import matplotlib

matplotlib.use("Agg")
from policy_nlp import plots

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def f() -> dict[str, object]:
    return frames([analyze(CORPORA / n) for n in ("targets_guihua_2025.txt", "shanghai_acftu_2011.txt")])


def test_targets_by_year_counts_each_deadline_year(f: dict[str, object]) -> None:
    ax = plots.targets_by_year(f)
    years = Counter(int(y) for y in f["targets"]["deadline_year"].dropna())  # type: ignore[index]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [str(y) for y in sorted(years)]
    assert [p.get_height() for p in ax.patches] == [years[y] for y in sorted(years)]


def test_targets_by_indicator_ranks_the_most_frequent(f: dict[str, object]) -> None:
    ax = plots.targets_by_indicator(f, top=3)
    assert len(ax.patches) == min(3, f["targets"]["indicator"].nunique())  # type: ignore[index]
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths)  # largest on top


def test_records_by_section_stacks_every_kind(f: dict[str, object], tmp_path: Path) -> None:
    ax = plots.records_by_section(f, kinds=("targets", "citations"))
    total = sum(p.get_width() for p in ax.patches)
    n = sum(f[k]["section_path"].notna().sum() for k in ("targets", "citations"))  # type: ignore[index]
    assert total == n
    ax.figure.savefig(tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 1000


def test_a_missing_cjk_font_is_warned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "CJK_FONTS", ("No Such Font 12345",))
    plots.cjk_font.cache_clear()
    try:
        with pytest.warns(plots.PolicyNLPWarning, match="no CJK font"):
            assert plots.cjk_font() is None
        assert plots.cjk_font() is None  # cached: no second warning
    finally:
        plots.cjk_font.cache_clear()


def test_instrument_shares_stack_to_one_per_group() -> None:
    from policy_nlp.learn.instruments import classify_many

    groups = {"2019": classify_many(["建设养老服务设施", "加强市场监管", "开展汽车以旧换新活动", "各位代表"]),
              "2020": classify_many(["引进高层次人才", "编制全市旅游产业发展专项规划"])}  # fmt: skip
    for level in ("type", "tool"):
        ax = plots.instrument_shares(groups, level=level)
        widths: Counter[float] = Counter()
        for bar in ax.patches:
            widths[round(float(bar.get_y()), 3)] += float(bar.get_width())
        assert sorted(widths.values()) == pytest.approx([1.0, 1.0], abs=1e-3)  # none units are left out
        assert [t.get_text() for t in ax.get_yticklabels()] == ["2020", "2019"]  # first group on top
    with pytest.raises(ValueError, match="level"):
        plots.instrument_shares(groups, level="instrument")


def test_instrument_shares_of_documents_use_their_ids() -> None:
    doc = analyze("关于促进消费的通知\n一、开展汽车以旧换新活动。二、建设县级综合性文化服务中心。", id="消费")
    ax = plots.instrument_shares(doc)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["消费"]


def test_reuse_edges_draws_only_reusing_documents() -> None:
    import networkx as nx

    G = nx.MultiDiGraph()
    for n, title in (("a", "甲市实施意见"), ("b", "国务院意见"), ("c", "无关的通知")):
        G.add_node(n, title=title)
    G.add_edge("a", "b", key="reuses", count=3, directed=True)
    G.add_edge("a", "b", key="cites")
    G.add_edge("c", "b", key="cites")
    ax = plots.reuse_edges(G)
    texts = {t.get_text() for t in ax.texts}
    assert {"甲市实施意见", "国务院意见", "3"} <= texts and "无关的通知" not in texts
    assert "1 edges between 2 documents" in ax.get_title()
    assert "0 edges" in plots.reuse_edges(nx.MultiDiGraph()).get_title()
