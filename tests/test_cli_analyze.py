"""`policy-nlp analyze`: JSONL out (or --summary), exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.model import Document


def test_analyze_writes_one_json_document_per_line(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(seed_path), str(seed_path), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    data = json.loads(lines[0])
    assert data["schema"] == 1 and data["id"] == "shanghai_acftu_2011"
    assert "上海市总工会" in lines[0]  # ensure_ascii=False
    assert Document.from_dict(data).to_dict() == data


def test_summary_is_readable(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--summary", str(seed_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"== {seed_path}"
    assert out[2] == "沪工总经〔2011〕33号 | 上海市总工会 -> 各区县局(产业)工会 | 2011-02 | 意见"
    assert out[3] == "sections: 一、总体要求 / 二、目标任务 / 三、主要内容 / 四、措施保障"
    assert out[5].startswith("  target   30 % (eq, 2015): 到2015年")


def test_missing_file_exits_1_with_reason(tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    code = main(["analyze", str(missing), str(seed_path), "-o", str(tmp_path / "o.jsonl")])
    assert code == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err and err.count("\n") == 1
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_usage_error_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "policy_nlp", "analyze"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "usage" in proc.stderr
