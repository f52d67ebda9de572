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
