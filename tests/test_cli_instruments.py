"""``policy-nlp instruments``: each action's policy instrument, or the shares per document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.cli.instruments import COLUMNS, SHARE_COLUMNS

TEXT = "关于促进消费的通知\n一、开展汽车以旧换新活动。\n二、建设县级综合性文化服务中心。\n三、加强市场监管。\n"


@pytest.fixture()
def notice(tmp_path: Path) -> Path:
    p = tmp_path / "notice.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_one_row_per_action(notice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["instruments", str(notice)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert tuple(table[0]) == COLUMNS
    assert [(r["text"], r["type"], r["tool"]) for r in table][:2] == [
        ("开展汽车以旧换新活动", "demand", "consumption"),
        ("建设县级综合性文化服务中心", "supply", "public_service"),
    ]
    assert all(0 < float(r["score"]) <= 1 for r in table) and {r["doc"] for r in table} == {"notice"}


def test_shares_per_document_and_min_score(notice: Path, tmp_path: Path) -> None:
    out = tmp_path / "shares.jsonl"
    assert main(["instruments", "--shares", "--format", "jsonl", "-o", str(out), str(notice)]) == 0
    shares = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert tuple(shares[0]) == SHARE_COLUMNS
    types = {r["label"]: r for r in shares if r["level"] == "type"}
    assert set(types) == {"supply", "environment", "demand"}
    assert sum(r["count"] for r in types.values()) == 3 and sum(r["share"] for r in types.values()) == pytest.approx(1, abs=1e-3)
    assert main(["instruments", "--shares", "--min-score", "1", "--format", "jsonl", "-o", str(out), str(notice)]) == 0
    assert all(json.loads(ln)["count"] == 0 for ln in out.read_text(encoding="utf-8").splitlines())


def test_bad_min_score_is_a_usage_error_and_a_missing_file_is_reported(notice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["instruments", "--min-score", "2", str(notice)])
    assert exc.value.code == 2
    assert main(["instruments", str(notice), str(notice.with_name("missing.txt"))]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "no such file" in err


def test_below_gives_the_actions_to_check_by_hand(notice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--below S`` keeps exactly the actions the default output scores below S."""
    assert main(["instruments", "--format", "jsonl", str(notice)]) == 0
    every = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    cut = sorted(r["score"] for r in every)[1]  # the lowest-scored action falls below it, the others not
    assert main(["instruments", "--below", str(cut), "--format", "jsonl", str(notice)]) == 0
    unsure = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert unsure == [r for r in every if r["score"] < cut] and len(unsure) == 1
    with pytest.raises(SystemExit) as exc:
        main(["instruments", "--below", "0.8", "--shares", str(notice)])
    assert exc.value.code == 2
