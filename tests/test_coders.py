"""The independent second coder of the instrument labels (corpora/instruments/second_coder.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_nlp.learn.labels import coder_agreement, final_labels, label_rows

LABELS = Path(__file__).resolve().parent.parent / "corpora" / "instruments"


def test_independent_second_coder_agreement() -> None:
    """Inter-annotator agreement of second_coder.tsv (two coders who never saw the first labels) with
    the first coder, as docs/instruments.md reports it: the ceiling a model is measured against."""
    first = {(r["source"], r["start"], r["end"]): r for _n, r in label_rows(LABELS / "labels.tsv")}
    second = [r for _n, r in label_rows(LABELS / "second_coder.tsv") if r["batch"] in ("s01", "s02")]  # the random sample
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


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    head = "source\tstart\tend\tsrc_start\tsrc_end\tsha256\ttype\ttool\tbatch\tnote"
    body = [f"x.txt\t{k}\t{k + 1}\t{k}\t{k + 1}\t{sha}\t{typ}\t{tool}\tb\t" for k, (sha, typ, tool) in enumerate(rows)]
    path.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")


def test_final_labels_compose_two_codings_and_the_adjudication(tmp_path: Path) -> None:
    """A unit's final label: the adjudicator's where the codings differ, the common one where they
    agree (an ambiguous unit's leaning tool does not count), the first where no second coding exists."""
    _write(tmp_path / "labels.tsv", [("a" * 64, "supply", "talent"), ("b" * 64, "none", "none"),
                                     ("c" * 64, "environment", "tax"), ("d" * 64, "demand", "trade"),
                                     ("e" * 64, "ambiguous", "")])  # fmt: skip
    _write(tmp_path / "second_coder.tsv", [("a" * 64, "supply", "talent"), ("b" * 64, "environment", "regulation"),
                                           ("c" * 64, "environment", "finance"), ("e" * 64, "ambiguous", "funding")])  # fmt: skip
    _write(tmp_path / "adjudicated.tsv", [("b" * 64, "environment", "regulation")])
    final = final_labels(tmp_path)
    assert final["a" * 64] == ("supply", "talent", "agreed")
    assert final["b" * 64] == ("environment", "regulation", "adjudicated")
    assert final["c" * 64] == ("environment", "tax", "unadjudicated")
    assert final["d" * 64] == ("demand", "trade", "single")
    assert final["e" * 64] == ("ambiguous", "", "agreed")


def test_every_unit_is_double_coded_and_every_difference_adjudicated() -> None:
    """The labeled set is double-coded: each unit text of labels.tsv has a second, independent coding
    (second_coder.tsv), each pair that differs in type or tool an adjudicated label (adjudicated.tsv),
    and nothing else is adjudicated. The agreement figures are those docs/instruments.md reports."""
    first = {r["sha256"]: r for _n, r in label_rows(LABELS / "labels.tsv")}
    second = {r["sha256"]: r for _n, r in label_rows(LABELS / "second_coder.tsv")}
    adjudicated = {r["sha256"]: r for _n, r in label_rows(LABELS / "adjudicated.tsv")}
    assert set(second) == set(first) and set(adjudicated) <= set(first)
    final = final_labels(LABELS)
    assert {how for _t, _o, how in final.values()} == {"agreed", "adjudicated"}
    differ = {s for s in first if (first[s]["type"], first[s]["tool"] if first[s]["type"] != "ambiguous" else "")
              != (second[s]["type"], second[s]["tool"] if second[s]["type"] != "ambiguous" else "")}  # fmt: skip
    assert differ == set(adjudicated)
    pairs = [(first[s], second[s]) for s in sorted(first)]
    figures = coder_agreement([(a["type"], a["tool"]) for a, _b in pairs], [(b["type"], b["tool"]) for _a, b in pairs])
    assert figures["n"] == 7888 and figures["n_both"] == 7576
    assert figures["type_macro_f1_both"] == pytest.approx(0.936, abs=0.001)
    assert figures["type_kappa_both"] == pytest.approx(0.909, abs=0.001)
