"""The JSON schema of a serialized Document, generated from the record dataclasses.

``docs/schema.md`` and ``docs/document.schema.json`` are written by ``python -m policy_nlp.schema``;
a test fails when they fall behind the dataclasses, and another when a field has no description.

>>> schema = json_schema()
>>> schema["properties"]["schema"]["const"]
1
>>> "targets" in schema["properties"]
True
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from policy_nlp import model

__all__ = ["FIELD_DOCS", "json_schema", "markdown"]

RECORDS: dict[str, type[Any]] = {"meta": model.Meta, **model.RECORD_TYPES}
#: Record types that live inside another record and get a field table of their own in schema.md.
NESTED: tuple[type[Any], ...] = (model.Condition,)

_SPAN = {
    "id": "Record id, unique in the document (`T1`, `B2`, `G3`, `C4`, `A5` by type, in document order).",
    "start": "Start offset into `Document.text` (characters).",
    "end": "End offset (exclusive) into `Document.text`.",
    "text": "`Document.text[start:end]`, always.",
    "rule": "Versioned id of the rule that produced the record (e.g. `targets.percent.v1`).",
    "section": "Id of the innermost section containing the record, or null.",
}

FIELD_DOCS: dict[str, dict[str, str]] = {
    "Meta": {
        "title": "Document title, lines joined (quote marks kept as in the text).",
        "doc_number": "发文字号 normalized to `PREFIX〔YYYY〕N号`, repaired when the source lost characters.",
        "issuers": "Issuing bodies in the order written (title, joint issuers, 发文机关 or signature).",
        "addressees": "主送 bodies in the order written.",
        "date": "Signature date, ISO `YYYY-MM-DD` or `YYYY-MM` when the day is unknown.",
        "genre": "文种: 意见, 通知, 规划, 方案, 办法, 决定, 条例, …",
    },
    "Section": {
        "id": "Dotted path of sibling positions (`3`, `3.2`).",
        "level": "1 for the outermost numbering style used in the document, 2 for the next, …",
        "number": "The numbering as written (`三、`, `(二)`, `1、`, `第五条`); the section text starts with it.",
        "heading": "Heading text after the number (may be empty for an article).",
        "start": "Start of the section (its number).",
        "end": "End of the section: before the next heading of the same or a higher level.",
        "parent": "Id of the parent section, or null at level 1.",
    },
    "Sentence": {"start": "Start offset of the sentence.", "end": "End offset of the sentence (exclusive)."},
    "Target": {
        "indicator": "What is measured (e.g. 高技能人才占技能劳动者的比重).",
        "value": "The number, normalized (万名 → 10000; ranges give the low end).",
        "value_max": "High end of a range (40%-45% → 45), else null.",
        "unit": "Unit: %, 个百分点, 名, 个, 家, 项, 万元, 亿元, 吨, 倍, …",
        "comparator": "`eq`, `ge`, `le`, `gt`, `lt` or `approx` (以上, 不低于, 以内, 左右, …).",
        "direction": "`increase`, `decrease` or null (提高/新增 vs. 降低/压减).",
        "deadline_year": "Year the target is due (到2015年, 十四五期末 → 2025; 今年/全年/年内 and a work "
        "report's plan part → the document year, 明年 → the year after).",
        "base_year": "Base year of a comparison (比2005年…).",
        "per_year": "True for yearly targets (每年, 年均).",
        "period": "Duration text when the horizon is a period (用五年时间).",
        "bodies": "Responsible bodies: `[{canonical, role}]` with role `lead` or `cooperate`.",
        "rule": "Versioned id of the rule that found the number (`targets.percent.v1`), then `+`-joined ids "
        "of the rules that set its year (`deadline.this_year.v1`, `deadline.document_year.v1`) and "
        "indicator (`indicator.counted.v1`: the noun after the measure word; `indicator.distributed.v1`: "
        "one item of a 分别 list).",
    },
    "Body": {
        "name": "The name as written.",
        "canonical": "Full name after alias resolution (全总 → 中华全国总工会).",
        "kind": "`government`, `party`, `people_org`, `enterprise`, `committee`, `collective` or `other`.",
        "role": "`issuer`, `addressee`, `lead`, `cooperate` or `mentioned`.",
    },
    "Goal": {
        "deadline_year": "Year the goal is due, when stated.",
        "targets": "Ids of the targets inside the goal.",
    },
    "Citation": {
        "title": "Normalized title without 《》 (quote variants and spaces folded).",
        "doc_number": "发文字号 of the cited document when given, `PREFIX〔YYYY〕N号`.",
        "issuer": "Issuer from the title or from a prefix outside the brackets (国务院《…》).",
        "kind": "`policy`, `law`, `plan`, `meeting`, `short` (本意见, 《意见》) or `other` (newspapers, books).",
        "articles": "Article references of a law citation (第十条, …).",
        "action": "The governing verb as written (贯彻落实, 制定实施, 根据, …).",
        "relation": "`cites`, `implements`, `based_on` or `formulates`.",
        "planned": "True when the cited document is still to be written (制定《…》).",
        "resolved": "Key of the policy node the citation resolves to (see `policy_nlp.resolve`).",
    },
    "Action": {
        "verb": "The verb phrase (贯彻落实, 开展, 建立健全, …).",
        "object": "What the verb governs.",
        "bodies": "Responsible bodies `[{canonical, role}]`, explicit or inherited from the subject.",
        "targets": "Ids of the targets inside the action.",
        "citations": "Ids of the citations inside the action.",
        "deadline": "When it is due: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `ongoing` (每年, 长期坚持), else null.",
        "instrument_type": "Policy-instrument type (`docs/instruments.md`), coded in context when asked "
        "(`analyze(..., instruments=True)`, `--instruments`), else null.",
        "instrument_tool": "Tool of that type (talent, funding, regulation, procurement, …; `none` for type "
        "`none`), else null.",
        "instrument_score": "The model's probability of `instrument_type` (1.0 from rules), else null.",
    },
    "Incentive": {
        "id": "Record id, unique in the document (`I1`, `I2`, … in document order).",
        "kind": "`reward` 奖励, `subsidy` 补贴/补助, `funding` 资助/扶持资金, `interest_subsidy` 贴息, `tax` 免征/扣除, "
        "`fee` 降费/免缴, `loan` 贷款/担保, `land` 用地, `other`.",
        "amount": "The sum given (30 for 30万元), null when only a rate or a cap is stated.",
        "amount_max": "High end of a sum range (20—50万元 → 50), else null.",
        "unit": "Unit of `amount` and `cap`: 万元, 元, 元/亩, 元/人/夜, …",
        "cap": "Ceiling in `unit` (最高/不超过/封顶/限额 X).",
        "rate": "Percent of `basis` given (按…的5%给予 → 5; 四分之一 → 25).",
        "rate_max": "High end of a rate range (5%—20% → 20), else null.",
        "per": "What the sum is given per, as written (每人每月, 每家, 每间, 每满一万人).",
        "duration": "How long, as written (连续5年, 前2年, 五年内, 补贴期限最长为2年).",
        "basis": "What `rate` applies to (固定资产投资, 地方财政贡献, 场地租金总额).",
        "beneficiary": "Who receives it, as written (企业, 投资方, 港澳青年企业, 酒店).",
        "object": "What is rewarded, for one item of a distribution (高级雪道 in 对高级雪道、中级雪道分别奖励…).",
        "negotiated": "True for 一事一议 (kind known, sum decided case by case).",
        "conditions": "Conditions with numbers it is granted on (`Condition` records, in text order).",
        "payers": "Bodies that pay, as written (由市财政给予 → 市财政).",
        "action": "Id of the `Action` whose span holds the incentive's start, else null.",
        "article": "The article (第3条) or, failing that, the section number it sits in.",
    },
    "Condition": {
        "start": "Start offset of the condition in `Document.text`.",
        "end": "End offset (exclusive) of the condition.",
        "text": "`Document.text[start:end]`, always (固定资产投资1000万元及以上).",
        "subject": "What is measured (固定资产投资, 年销售额), inherited along a tier list.",
        "comparator": "`eq`, `ge`, `le`, `gt`, `lt` (及以上 → ge, 超过 → gt, 以下/不超过 → le).",
        "value": "The threshold, normalized as in `Target.value`.",
        "value_max": "Upper end of a band (1000万元及以上至5000万元 → 5000), else null.",
        "unit": "Unit of the threshold (万元, %, 家, …).",
    },
    "Table": {
        "id": "Record id, unique in the document (`TB1`, `TB2`, … in document order).",
        "start": "Start of the table's first row in `Document.text`.",
        "end": "End of the table's last row.",
        "n_rows": "Number of grid rows (header rows included).",
        "n_cols": "Number of grid columns.",
        "cells": "Cells in row-major order, each once at its top-left grid position.",
        "header_rows": "Number of leading header rows (0 when none was detected).",
        "page": "1-based PDF page of the first row, null for other sources.",
    },
    "Cell": {
        "row": "0-based grid row of the cell's top-left position.",
        "col": "0-based grid column of the cell's top-left position.",
        "start": "Start offset of the cell's text in `Document.text` (equal to `end` for an empty cell).",
        "end": "End offset (exclusive) of the cell's text.",
        "text": "`Document.text[start:end]`, always (empty for an empty cell).",
        "rowspan": "Number of grid rows the cell covers.",
        "colspan": "Number of grid columns the cell covers.",
        "header": "True for a cell of a header row.",
    },
}


def _doc_for(cls: type[Any], name: str) -> str:
    own = FIELD_DOCS.get(cls.__name__, {})
    if name in own:
        return own[name]
    return _SPAN.get(name, "")


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _type_schema(inner[0]) if len(inner) == 1 else {"anyOf": [_type_schema(a) for a in inner]}
        if type(None) in args:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is tuple:
        item = next(a for a in args if a is not Ellipsis)
        return {"type": "array", "items": _type_schema(item)}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_schema(hint)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    raise TypeError(f"no JSON schema for {hint!r}")


def _record_schema(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        props[f.name] = {**_type_schema(hints[f.name]), "description": _doc_for(cls, f.name)}
    return {
        "type": "object",
        "title": cls.__name__,
        "properties": props,
        "required": [f.name for f in dataclasses.fields(cls)],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``Document.to_dict()`` output."""
    props: dict[str, Any] = {
        "schema": {"const": model.SCHEMA_VERSION},
        "id": {"type": "string"},
        "source": {
            "type": "object",
            "properties": {
                "path": {"type": ["string", "null"]},
                "sha256": {"type": "string"},
                "format": {"enum": ["txt", "html", "pdf", "text"]},
                "encoding": {"type": ["string", "null"]},
                "pages": {"type": "array", "items": {"type": "integer"}},
                "offsets": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
                "length": {"type": "integer"},
            },
            "required": ["path", "sha256", "format", "encoding"],
        },
        "text": {"type": "string"},
    }
    for key, cls in RECORDS.items():
        rec = _record_schema(cls)
        props[key] = rec if key == "meta" else {"type": "array", "items": rec}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policy_nlp Document",
        "type": "object",
        "properties": props,
        "required": ["schema", "id", "source", "text", "meta", *[k for k in RECORDS if k != "meta"]],
    }


def _type_name(hint: Any) -> str:
    s = _type_schema(hint)
    if "enum" in s:
        return " \\| ".join(f"`{v}`" for v in s["enum"])
    if "anyOf" in s:
        return " or ".join(_type_name_schema(x) for x in s["anyOf"])
    return _type_name_schema(s)


def _type_name_schema(s: dict[str, Any]) -> str:
    if "enum" in s:
        return " \\| ".join(f"`{v}`" for v in s["enum"])
    if s.get("type") == "array":
        return "list of " + _type_name_schema(s["items"])
    if s.get("type") == "object":
        return str(s.get("title", "object"))
    return str(s.get("type", "?"))


def markdown() -> str:
    """The field reference of ``docs/schema.md``."""
    lines = [
        "# Document JSON schema (version 1)",
        "",
        "Generated from `policy_nlp/model.py` by `python -m policy_nlp.schema`; do not edit by hand.",
        "A machine-readable JSON Schema is in `document.schema.json` beside this file.",
        "",
        "```",
        '{"schema": 1, "id", "source": {"path", "sha256", "format", "encoding", "pages"?, "offsets"?, "length"?},',
        ' "text", "meta": {…}, "sections": […], "sentences": […], "targets": […], "bodies": […],',
        ' "goals": […], "citations": […], "actions": […], "incentives": […]}',
        "```",
        "",
        "- Every span (`start`, `end`) is a character offset into `text`, the normalized text; records with a",
        "  `text` field satisfy `text[start:end] == record.text`.",
        "- `source.offsets` is the offset map back to the source file: rows `[norm_start, src_start, norm_len,",
        "  src_len]`; a row with equal lengths maps character by character, any other maps its whole run.",
        "  `source.length` is the length of the decoded source; `source.pages` the start offset of each PDF page",
        "  in it. `Document.to_source(start, end)` and `Document.page_of(start)` use them.",
        "- Numbers that are whole are written as JSON integers (`30`, not `30.0`).",
        "- `actions` is an addition to the issue's shape: the clause-level actions that link bodies,",
        "  targets and citations.",
        "",
    ]
    for key, cls in RECORDS.items():
        hints = typing.get_type_hints(cls)
        lines += [f"## `{key}` — {cls.__name__}", "", (cls.__doc__ or "").strip().splitlines()[0], ""]
        lines += ["| field | type | meaning |", "| --- | --- | --- |"]
        for f in dataclasses.fields(cls):
            lines.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {_doc_for(cls, f.name)} |")
        lines.append("")
    for cls in NESTED:
        hints = typing.get_type_hints(cls)
        lines += [
            f"### {cls.__name__} (inside a record)",
            "",
            (cls.__doc__ or "").strip().splitlines()[0],
            "",
        ]
        lines += ["| field | type | meaning |", "| --- | --- | --- |"]
        for f in dataclasses.fields(cls):
            lines.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {_doc_for(cls, f.name)} |")
        lines.append("")
    return "\n".join(lines)


def write_docs(folder: Path) -> None:
    (folder / "schema.md").write_text(markdown(), encoding="utf-8")
    (folder / "document.schema.json").write_text(
        json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write_docs(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
