"""``policy-nlp targets``: the analyst's table (CSV with BOM, or JSONL), exit codes and failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.cli.targets import COLUMNS

TEXT = (
    "江川市技能人才发展规划\n"
    "二、主要目标\n"
    "到2025年,全市高技能人才占技能劳动者的比重达到33%以上。每年新增技师1万名。\n"
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "plan_2025.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_csv_has_bom_header_and_rows(plan: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["targets", str(plan)]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["doc"], r["id"], r["value"], r["unit"], r["comparator"]) for r in rows] == [
        ("plan_2025", "T1", "33", "%", "ge"),
        ("plan_2025", "T2", "10000", "名", "eq"),
    ]
    assert rows[0]["deadline_year"] == "2025"
    assert rows[0]["sentence"].startswith("到2025年")
    assert rows[1]["per_year"] == "True"


def test_csv_to_file_is_utf8_sig(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert main(["targets", str(plan), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "高技能人才" in data.decode("utf-8-sig")


def test_no_bom(plan: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["targets", "--no-bom", str(plan)]) == 0
    assert capsysbinary.readouterr().out.startswith(b"doc,id,")


def test_jsonl(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--format", "jsonl", str(plan)]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["value"] for r in records] == [33, 10000]
    assert set(records[0]) == set(COLUMNS)
    assert records[0]["text"] in TEXT


def test_missing_file_fails_with_one_line(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["targets", "--format", "jsonl", str(missing), str(plan)]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "nope.txt" in err and "no such file" in err
    assert len(out.splitlines()) == 2  # the good file is still listed


def test_seed_table(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--format", "jsonl", str(seed_path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) >= 23
    assert all(r["sentence"] and r["text"] in r["sentence"] for r in records)
