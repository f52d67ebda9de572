"""``policy-nlp reuse`` and ``policy-nlp graph --reuse --match-titles``: text reuse and title variants
from the command line, over the bundled corpus and the fixtures that copy from it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from policy_nlp import analyze
from policy_nlp.cli import main
from policy_nlp.cli.reuse import COLUMNS
from policy_nlp.graph import read_json

ROOT = Path(__file__).resolve().parent.parent
COPIER = ROOT / "tests" / "fixtures" / "reuse" / "province_skills_2022.txt"
SOURCE = ROOT / "corpora" / "gov_notice_skills.txt"

pytest.importorskip("sklearn")


def test_reuse_rows_quote_both_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reuse", str(SOURCE), str(COPIER), str(tmp_path / "missing.txt")]) == 1
    out, err = capsys.readouterr()
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert tuple(table[0]) == COLUMNS and len(table) == 3
    source, copier = analyze(SOURCE).text, analyze(COPIER).text
    for r in table:  # the later document reuses the earlier one, and each text is where the spans say
        assert (r["doc_a"], r["doc_b"], r["directed"]) == ("province_skills_2022", "gov_notice_skills", "True")
        assert r["date_a"] > r["date_b"] and float(r["similarity"]) >= 0.75
        assert len(r["text_a"]) >= 40 and r["text_a"] == copier[int(r["start_a"]) : int(r["end_a"])]
        assert r["text_b"] == source[int(r["start_b"]) : int(r["end_b"])]
    assert "missing.txt: no such file" in err and "3 passages in 1 document pairs" in err


def test_reuse_jsonl_threshold_and_stem_clash(tmp_path: Path) -> None:
    for sub in ("x", "y"):  # the same file name in two folders: ids become the paths
        (tmp_path / sub).mkdir()
        shutil.copy(COPIER, tmp_path / sub / "copy.txt")
    out = tmp_path / "r.jsonl"
    assert main(["reuse", str(tmp_path / "x"), str(tmp_path / "y"), "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["doc_a"] for r in rows} == {str(tmp_path / "x" / "copy.txt")}
    assert all(r["similarity"] == 1.0 and r["directed"] is False and r["text_a"] == r["text_b"] for r in rows)
    assert main(["reuse", str(tmp_path / "x"), "--threshold", "1.5"]) == 2
    assert main(["reuse", str(tmp_path / "x"), "--extend", "0.9"]) == 2
    assert main(["reuse", str(tmp_path / "x"), str(tmp_path / "y"), "--extend", "0", "--format", "jsonl", "-o", str(out)]) == 0
    assert {json.loads(ln)["rule"] for ln in out.read_text(encoding="utf-8").splitlines()} == {"reuse.char3_tfidf.v1"}


def test_graph_reuse_edges_and_title_matching(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a.txt"
    a.write_text("某市关于做好职业培训的通知\n根据《国务院关于进一步加强职业培训促进就业的意见》,现通知如下。\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("某县关于做好就业工作的通知\n根据《国务院关于加强职业培训促进就业的意见》,现通知如下。\n", encoding="utf-8")
    plain, matched = tmp_path / "plain.json", tmp_path / "matched.json"
    inputs = [str(SOURCE), str(COPIER), str(a), str(b)]
    assert main(["graph", *inputs, "-o", str(plain)]) == 0
    assert main(["graph", *inputs, "-o", str(matched), "--reuse", "--match-titles"]) == 0
    assert "1 reuses edges" in capsys.readouterr().err
    G0, G = read_json(plain), read_json(matched)
    reuses = [(u, v) for u, v, k in G.edges(keys=True) if k == "reuses"]
    assert len(reuses) == 1 and not any(k == "reuses" for _, _, k in G0.edges(keys=True))
    u, v = reuses[0]
    assert "province_skills_2022" in G.nodes[u]["doc_ids"] and "gov_notice_skills" in G.nodes[v]["doc_ids"]
    # the two spellings of the State Council opinion are one node with the matcher, two without
    assert len(_nodes_titled(G0, "职业培训促进就业")) == 2 and len(_nodes_titled(G, "职业培训促进就业")) == 1


def _nodes_titled(G: Any, part: str) -> list[str]:
    return [n for n, d in G.nodes(data=True) if part in (d.get("title") or "")]


def test_an_unreadable_file_is_reported_and_the_rest_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    assert main(["reuse", str(SOURCE), str(COPIER), str(bad), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3 and "bad.pdf" in err
