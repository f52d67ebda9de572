"""Turn a coder's answers on a draw into label references (no unit text is written).

Usage (from the repository root):

    # draw 5: new units, appended to labels.tsv as batches r01, r02, … (one per coder)
    python corpora/instruments/merge_coded.py ../shared/corpora DRAW_DIR --batch r --into corpora/instruments/labels.tsv
    # the independent second coder: written to second_coder.tsv, joined to labels.tsv on source/start/end
    python corpora/instruments/merge_coded.py ../shared/corpora CODER_DIR --batch s --out corpora/instruments/second_coder.tsv
    # double coding (draw_second_coder.py --all): the second coding of every other unit
    python corpora/instruments/merge_coded.py ../shared/corpora RECODE_DIR --batch d --into corpora/instruments/second_coder.tsv
    # the adjudicator's decisions where two codings differ (draw_adjudication.py)
    python corpora/instruments/merge_coded.py ../shared/corpora ADJUDICATION_DIR --batch a --into corpora/instruments/adjudicated.tsv
    # draws 6 and 7: the first coding into labels.tsv (e01…, f01…), the second into second_coder.tsv (d09…, d17…), then adjudicate
    python corpora/instruments/merge_coded.py ../shared/corpora DRAW6_DIR --batch e --into corpora/instruments/labels.tsv
    python corpora/instruments/merge_coded.py ../shared/corpora DRAW6_SECOND_DIR --batch d --offset 8 --into corpora/instruments/second_coder.tsv

``DIR/part{k}.jsonl`` are the drawn units (``draw_random.py``, ``draw_second_coder.py``) and
``DIR/part{k}_labels.tsv`` the coder's answers (``id``, ``type``, ``tool``, ``note``). Each answer is
checked (every unit answered once, a valid type/tool pair, the unit text still has its sha256) and
stored with its source offsets (``Document.to_source``), like every row of ``labels.tsv``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import policy_nlp
from policy_nlp.learn.instruments import TOOLS
from policy_nlp.learn.labels import label_rows

HEADER = ["source", "start", "end", "src_start", "src_end", "sha256", "type", "tool", "batch", "note"]


def coded_rows(shared: Path, draw: Path, batch: str, offset: int = 0) -> list[dict[str, str]]:
    """The answers of every ``part{k}`` in ``draw`` as label rows, batch ``{batch}{k + offset:02d}``."""
    out = []
    docs: dict[str, policy_nlp.Document] = {}
    for part in sorted(draw.glob("part*.jsonl")):
        k = int(part.stem.removeprefix("part"))
        units = [json.loads(ln) for ln in part.read_text(encoding="utf-8").splitlines() if ln.strip()]
        answers = {r["id"]: r for _n, r in label_rows(part.with_name(f"{part.stem}_labels.tsv"))}
        ids = [str(u["id"]) for u in units]
        if sorted(ids) != sorted(answers):
            raise SystemExit(f"{part}: the answers do not match the units one to one")
        for u in units:
            a = answers[str(u["id"])]
            typ, tool = a["type"], a["tool"]
            if not (typ == "ambiguous" or TOOLS.get(tool) == typ):
                raise SystemExit(f"{part} {u['id']}: invalid type/tool {typ}/{tool}")
            doc = docs.get(u["source"]) or docs.setdefault(
                u["source"], policy_nlp.analyze(shared / u["source"])
            )
            s, e = u["start"], u["end"]
            if hashlib.sha256(doc.text[s:e].encode("utf-8")).hexdigest() != u["sha256"]:
                raise SystemExit(f"{part} {u['id']}: {u['source']} {s}-{e} no longer has its text")
            a0, b0 = doc.to_source(s, e)
            note = " ".join(a.get("note", "").split())
            if (
                typ == "ambiguous"
            ):  # an ambiguous unit has no tool; the one the coder leaned to goes in the note
                note = f"leans {tool}; {note}" if tool and tool != "none" else note
                tool = ""
            out.append({"source": u["source"], "start": str(s), "end": str(e), "src_start": str(a0), "src_end": str(b0),
                        "sha256": u["sha256"], "type": typ, "tool": tool, "batch": f"{batch}{k + offset:02d}", "note": note})  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", type=Path)
    ap.add_argument("draw", type=Path)
    ap.add_argument("--batch", required=True, help="batch prefix: r, e, f (draws 5, 6, 7), s and d (second coder), a (adjudicator)")
    ap.add_argument("--offset", type=int, default=0, help="added to the part number in the batch name (a second round of parts)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--into", type=Path, help="append to this labels.tsv (kept sorted by source and offsets)"
    )
    where.add_argument("--out", type=Path, help="write a new TSV (header only, no comments)")
    a = ap.parse_args(argv)
    rows = coded_rows(a.shared, a.draw, a.batch, a.offset)
    if a.out:
        body = ["\t".join(r[h] for h in HEADER) for r in rows]
        a.out.write_text("\n".join(["\t".join(HEADER), *body]) + "\n", encoding="utf-8")
        return 0
    lines = a.into.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    old = [r for _n, r in label_rows(a.into)]
    taken = {(r["source"], r["start"]) for r in old}
    clash = [r for r in rows if (r["source"], r["start"]) in taken]
    if clash:
        raise SystemExit(
            f"{len(clash)} units are already labeled, e.g. {clash[0]['source']} {clash[0]['start']}"
        )
    merged = sorted([*old, *rows], key=lambda r: (r["source"], int(r["start"]), int(r["end"])))
    body = ["\t".join(r.get(h, "") for h in HEADER) for r in merged]
    a.into.write_text("\n".join([*comments, "\t".join(HEADER), *body]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
