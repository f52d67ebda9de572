"""``policy-nlp assignments``: one row per task with its lead, cooperating bodies and deadline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.extract.assignments import ROW_COLUMNS

TEXT = (
    "青山区2024年重点工作任务分解方案\n"
    "一、稳定经济增长\n"
    "1.全年地区生产总值增长6%左右。\n"
    "牵头单位:区发改局\n"
    "责任单位:区统计局、各街道办事处\n"
    "完成时限:2024年12月底前\n"
    "2.推进长江岸线生态修复。(区生态环境分局牵头,区园林局配合,长期坚持)\n"
    "3.加强宣传引导。\n"
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "tasks_2024.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_csv_rows(plan: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["assignments", str(plan)]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == ROW_COLUMNS
    assert [(r["doc"], r["task"], r["lead"], r["cooperate"], r["deadline"]) for r in rows] == [
        ("tasks_2024", "全年地区生产总值增长6%左右。", "区发改局", "区统计局;各街道办事处", "2024-12"),
        ("tasks_2024", "推进长江岸线生态修复。", "区生态环境分局", "区园林局", "ongoing"),
    ]
    assert TEXT[int(rows[1]["start"]) : int(rows[1]["end"])] == "推进长江岸线生态修复。"


def test_jsonl_to_file(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    assert main(["assignments", "--format", "jsonl", "-o", str(out), str(plan)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["deadline"] for r in records] == ["2024-12", "ongoing"]
    assert records[0]["rule"] == "assignments.fields.v1"


def test_no_bom(plan: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["assignments", "--no-bom", str(plan)]) == 0
    assert capsysbinary.readouterr().out.startswith(b"doc,id,section,task,")


def test_missing_file_fails_but_others_go_on(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assignments", "--no-bom", str(tmp_path / "nope.txt"), str(plan)]) == 1
    captured = capsys.readouterr()
    assert "policy-nlp assignments:" in captured.err and "nope.txt" in captured.err
    assert "区发改局" in captured.out


def test_store_and_export_carry_the_deadline(plan: Path, tmp_path: Path) -> None:
    from policy_nlp import analyze
    from policy_nlp.export import export_table, iter_rows
    from policy_nlp.store import document_rows, open_store, transaction, write_rows

    conn = open_store(":memory:")
    with transaction(conn):
        write_rows(conn, document_rows(analyze(plan)), path=str(plan))
    deadlines = [r["deadline"] for r in iter_rows(conn, "actions") if r["rule"].startswith("assignments.")]
    assert deadlines == ["2024-12", "ongoing"]
    out = io.StringIO()
    export_table(conn, "actions", out, format="csv")
    header, *lines = out.getvalue().splitlines()
    assert "deadline" in header.split(",") and any("2024-12" in line for line in lines)


def test_instruments_adds_each_tasks_instrument(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--instruments`` adds three columns, the same rows otherwise, and the labels are those the
    instrument model gives the task actions in their document."""
    from policy_nlp import analyze
    from policy_nlp.cli.rows import INSTRUMENT_COLUMNS

    assert main(["assignments", "--format", "jsonl", str(plan)]) == 0
    plain = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert main(["assignments", "--instruments", "--format", "jsonl", str(plan)]) == 0
    coded = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert [{k: r[k] for k in ROW_COLUMNS} for r in coded] == plain
    assert all(tuple(r)[-3:] == INSTRUMENT_COLUMNS and r["instrument_type"] in ("supply", "environment", "demand", "none")
               for r in coded)  # fmt: skip
    doc = analyze(plan, instruments=True)
    by_id = {a.id: a for a in doc.actions}
    assert [(r["instrument_type"], r["instrument_tool"]) for r in coded] == [
        (by_id[r["id"]].instrument_type, by_id[r["id"]].instrument_tool) for r in coded
    ]
