"""``policy-nlp instruments``: each action's policy instrument, or the shares per document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policy_nlp.cli import main
from policy_nlp.cli.instruments import COLUMNS, GROUP_SHARE_COLUMNS, SHARE_COLUMNS

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


def test_shares_by_year_pool_the_documents_of_each_year(tmp_path: Path) -> None:
    texts = {"a.txt": TEXT + "2023年5月6日\n", "b.txt": TEXT + "2023年9月1日\n", "c.txt": "关于加强市场监管的通知\n一、加强市场监管。\n2024年1月8日\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "years.jsonl"
    files = [str(tmp_path / n) for n in texts]
    assert main(["instruments", "--shares", "--by", "year", "--format", "jsonl", "-o", str(out), *files]) == 0
    rows = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert tuple(rows[0]) == GROUP_SHARE_COLUMNS
    types = {(r["group"], r["label"]): r for r in rows if r["level"] == "type"}
    assert {g for g, _ in types} == {"2023", "2024"}
    assert types[("2023", "supply")]["documents"] == 2
    # 2023 pools the measures of a and b: twice those of one document
    one = main(["instruments", "--shares", "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"), files[0]])
    single = {r["label"]: r["count"] for r in map(json.loads, (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines())
              if r["level"] == "type"}  # fmt: skip
    assert one == 0 and all(types[("2023", t)]["count"] == 2 * n for t, n in single.items())
    assert types[("2024", "environment")]["share"] == 1.0


def test_by_needs_shares(notice: Path) -> None:
    assert main(["instruments", "--by", "year", str(notice)]) == 2


def test_group_labels_by_function_and_unknown_grouping(notice: Path) -> None:
    from policy_nlp import analyze
    from policy_nlp.learn.instruments import group_labels

    doc = analyze(notice)
    groups = group_labels([doc, doc], lambda d: d.meta.genre or "?")
    assert list(groups) == ["通知"] and len(groups["通知"]) == 2 * len(doc.actions)
    assert group_labels([doc], "year") == {"unknown": doc.instruments()}
    with pytest.raises(ValueError, match="by must be"):
        group_labels([doc], "region")
