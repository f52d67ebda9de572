"""The independent second coder of the instrument labels (corpora/instruments/second_coder.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_nlp.learn.labels import coder_agreement, label_rows

LABELS = Path(__file__).resolve().parent.parent / "corpora" / "instruments"


def test_independent_second_coder_agreement() -> None:
    """Inter-annotator agreement of second_coder.tsv (two coders who never saw the first labels) with
    the first coder, as docs/instruments.md reports it: the ceiling a model is measured against."""
    first = {(r["source"], r["start"], r["end"]): r for _n, r in label_rows(LABELS / "labels.tsv")}
    second = [r for _n, r in label_rows(LABELS / "second_coder.tsv")]
    assert len(second) == 300 and not any(first[(r["source"], r["start"], r["end"])]["batch"].startswith("r") for r in second)
    pairs = [(first[(r["source"], r["start"], r["end"])], r) for r in second]
    assert all(a["sha256"] == b["sha256"] for a, b in pairs)
    figures = coder_agreement([(a["type"], a["tool"]) for a, _b in pairs], [(b["type"], b["tool"]) for _a, b in pairs])
    assert figures["n_both"] == 249
    assert figures["type_macro_f1_both"] == pytest.approx(0.881, abs=0.001)
    assert figures["type_kappa_both"] == pytest.approx(0.808, abs=0.001)


def test_coder_agreement_needs_the_same_units() -> None:
    with pytest.raises(ValueError, match="same units"):
        coder_agreement([("none", "none")], [])
    same = coder_agreement([("supply", "talent"), ("none", "none")], [("supply", "talent"), ("none", "none")])
    assert same["type_kappa"] == same["type_macro_f1_both"] == 1.0
