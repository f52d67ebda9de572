"""Policy-instrument coding (政策工具): supply / environment / demand type and tool of each measure.

The codebook (Rothwell & Zegveld's three types, as used in Chinese policy-tool content analysis) is
summarised in ``docs/instruments.md``. A unit is one measure — an :class:`~policy_nlp.model.Action`'s
text — and gets one :class:`InstrumentLabel`: a ``type`` (supply, environment, demand or none), a
``tool`` of that type (talent, funding, regulation, procurement, …; ``none`` for type none) and the
model's probability for the type as ``score``.

The shipped model (``resources/instruments_v3.json``) is a linear model over TF-IDF features of
policy-tokenizer words and character n-grams, the codebook's cue words
(``resources/instrument_cues.tsv``), the mean of the unit's word vectors
(:mod:`policy_nlp.learn.vectors`, learned without labels from thousands of policy documents), plus
features of the unit's context in its document (:mod:`policy_nlp.learn.context`: heading path,
genre, review part, tense cues around it; absent for bare text), trained with scikit-learn by
``python -m policy_nlp.learn.instruments_train`` (``make instruments``) and stored as plain numbers,
so applying it needs no scikit-learn and no pickle.

>>> classify("对符合条件的小型微利企业减按20%的税率征收企业所得税")  # doctest: +ELLIPSIS
InstrumentLabel(type='environment', tool='tax', score=0...)
>>> [lab.tool for lab in classify_many(["建立部门联席会议制度", "各位代表"])]
['organization', 'none']
>>> classify_keywords("组织企业参加国际知名展会").tool
'exchange'
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from policy_nlp.errors import ResourceError
from policy_nlp.learn.context import UnitContext, context_features, document_contexts
from policy_nlp.learn.features import char_features, word_features
from policy_nlp.learn.vectors import load_vectors
from policy_nlp.resources import read_json, read_tsv

if TYPE_CHECKING:
    from policy_nlp.model import Document

__all__ = [
    "GROUPINGS",
    "MODEL_FILE",
    "MODEL_FORMAT",
    "TOOLS",
    "TYPES",
    "InstrumentLabel",
    "InstrumentModel",
    "InstrumentShare",
    "char_features",
    "classify",
    "classify_keywords",
    "classify_many",
    "code_document",
    "cue_features",
    "decode_coef",
    "encode_coef",
    "group_labels",
    "load_model",
    "share_table",
    "type_probabilities",
    "word_features",
]

InstrumentType = Literal["supply", "environment", "demand", "none"]

#: The codebook's types, in its order.
TYPES: tuple[str, ...] = ("supply", "environment", "demand", "none")

#: Tool label → its type (the codebook's table; ``none`` is the tool of type none).
TOOLS: dict[str, str] = {
    "talent": "supply",
    "funding": "supply",
    "technology": "supply",
    "infrastructure": "supply",
    "public_service": "supply",
    "information": "supply",
    "planning": "environment",
    "finance": "environment",
    "tax": "environment",
    "regulation": "environment",
    "strategy": "environment",
    "organization": "environment",
    "procurement": "demand",
    "outsourcing": "demand",
    "trade": "demand",
    "exchange": "demand",
    "demonstration": "demand",
    "consumption": "demand",
    "none": "none",
}

#: The shipped model, under ``policy_nlp/resources``.
MODEL_FILE = "instruments_v3.json"
MODEL_FORMAT = "policy_nlp.instruments.linear.v3"


def encode_coef(coef: Any) -> dict[str, Any]:
    """A head's coefficient matrix as stored: each row scaled to int16 (``coef_scale`` = the row's
    largest magnitude / 32767; error at most half a step, below the 4 decimals of the older format)
    and the int16 values, little-endian and row after row, in base64 (``coef_int16``), with ``shape``.

    >>> stored = encode_coef(np.array([[0.5, -1.0, 0.0], [2.0, 0.001, -0.25]]))
    >>> decode_coef(stored).round(4).tolist()
    [[0.5, -1.0, 0.0], [2.0, 0.001, -0.25]]
    """
    m = np.asarray(coef, dtype=float)
    top = np.abs(m).max(axis=1)
    scale = np.where(top > 0, top / 32767, 1.0)
    q = np.round(m / scale[:, None]).astype("<i2")
    return {"shape": list(m.shape), "coef_scale": [float(x) for x in scale],
            "coef_int16": base64.b64encode(q.tobytes()).decode("ascii")}  # fmt: skip


def decode_coef(stored: Mapping[str, Any]) -> Any:
    """The coefficient matrix of :func:`encode_coef`'s output (a float numpy array)."""
    rows, cols = stored["shape"]
    q = np.frombuffer(base64.b64decode(stored["coef_int16"]), dtype="<i2")
    if q.size != rows * cols or len(stored["coef_scale"]) != rows:
        raise ResourceError(f"instrument model: coefficients do not fill a {rows} × {cols} matrix")
    return q.reshape(rows, cols).astype(float) * np.asarray(stored["coef_scale"], dtype=float)[:, None]


#: One input of the model: a unit's text and its context (None for bare text).
Sample = tuple[str, UnitContext | None]


@dataclass(frozen=True, slots=True)
class InstrumentLabel:
    """The instrument of one measure: ``type`` (supply/environment/demand/none), ``tool`` (a key of
    :data:`TOOLS` whose type is ``type``) and ``score``, the probability of ``type`` (1.0 from rules)."""

    type: str
    tool: str
    score: float


@dataclass(frozen=True, slots=True)
class InstrumentShare:
    """One row of a share table: ``level`` is ``type`` or ``tool``; ``count`` units of ``label``,
    ``share`` of all coded units (0.0 when there are none)."""

    level: str
    label: str
    count: int
    share: float


# -- features --------------------------------------------------------------------------------------
def _words(sample: Sample) -> list[str]:
    return word_features(sample[0])


def _chars(sample: Sample) -> list[str]:
    return char_features(sample[0])


def _context(sample: Sample) -> list[str]:
    return context_features(sample[0], sample[1])


def cue_features(text: str) -> list[str]:
    """The codebook's cue words in ``text`` (``resources/instrument_cues.tsv``) as ``cue:TOOL`` and
    ``ty:TYPE`` features: prior knowledge that reaches words no labeled unit had.

    >>> cue_features("开展汽车以旧换新活动,落实减税政策")
    ['cue:consumption', 'ty:demand', 'cue:tax', 'ty:environment']
    """
    out = []
    for cue, tool in _cues():
        if cue in text:
            out += [f"cue:{tool}", f"ty:{TOOLS[tool]}"]
    return out


def _cue_block(sample: Sample) -> list[str]:
    return cue_features(sample[0])


#: block analyzer name → features of a sample (a TF-IDF block each)
_ANALYZERS = {"words": _words, "chars": _chars, "context": _context, "cues": _cue_block}
#: the dense block: the l2-normalised mean word vector of the unit's words (policy_nlp.learn.vectors)
DENSE_BLOCK = "vectors"


# -- the model -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Block:
    """One TF-IDF block (sublinear tf, smoothed idf, l2 norm) over an analyzer's features."""

    analyzer: str
    offset: int  # first column of the block in the stacked feature space
    index: Mapping[str, int]  # feature → column within the block
    idf: Sequence[float]
    weight: float = 1.0  # the block's weight in the stacked features
    dims: int = 0  # a dense block (word vectors): its width; 0 for a TF-IDF block


@dataclass(frozen=True, slots=True)
class _Head:
    """A multinomial logistic regression: ``coef[k, j]`` is column j's weight for class k."""

    classes: tuple[str, ...]
    coef: Any  # numpy array, classes × columns
    intercept: Any  # numpy array, one per class
    temperature: float = 1.0  # logits are divided by it (a calibrated score)

    def proba(self, x: Mapping[int, float]) -> list[float]:
        cols = np.fromiter(x.keys(), dtype=np.intp, count=len(x))
        vals = np.fromiter(x.values(), dtype=float, count=len(x))
        z = (self.coef[:, cols] @ vals + self.intercept) / self.temperature
        e = np.exp(z - z.max())
        return [float(v) for v in e / e.sum()]


def type_probabilities(
    type_p: Any, type_classes: Sequence[str], tool_p: Any, tool_classes: Sequence[str], mix: float
) -> Any:
    """Type probabilities from both heads: ``(1 - mix)`` times the type head's plus ``mix`` times the
    tool head's summed over each type's tools (rows are units, columns ``type_classes``). The two
    heads err on different units; their mean (``mix=0.5``) scores higher than either alone
    (docs/instruments.md).

    >>> type_probabilities([[0.6, 0.4]], ["none", "supply"], [[0.3, 0.35, 0.35]], ["none", "funding", "talent"], 0.5)
    array([[0.45, 0.55]])
    """
    type_p = np.asarray(type_p, dtype=float)
    if not mix:
        return type_p
    tool_p = np.asarray(tool_p, dtype=float)
    summed = np.zeros_like(type_p)
    column = {c: k for k, c in enumerate(type_classes)}
    for j, tool in enumerate(tool_classes):
        summed[:, column[TOOLS[tool]]] += tool_p[:, j]
    return (1.0 - mix) * type_p + mix * summed


@dataclass(frozen=True, slots=True)
class InstrumentModel:
    """A fitted instrument model as plain numbers: TF-IDF blocks and a type head and a tool head.

    Build one with :func:`load_model` (the shipped file) or :meth:`from_dict`;
    ``policy_nlp.learn.instruments_train.InstrumentClassifier.to_dict`` writes the dict.
    """

    blocks: tuple[_Block, ...]
    type_head: _Head
    tool_head: _Head
    meta: Mapping[str, Any]
    tool_mix: float = 0.0  # the tool head's share in the type probabilities (:func:`type_probabilities`)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InstrumentModel:
        """The model stored in ``data`` (the parsed JSON file); raises ResourceError on another format."""
        if data.get("format") != MODEL_FORMAT:
            raise ResourceError(f"not an instrument model of format {MODEL_FORMAT!r}: {data.get('format')!r}")
        blocks = []
        offset = 0
        for b in data["blocks"]:
            if b["analyzer"] == DENSE_BLOCK:
                vec = load_vectors()
                if vec.dims != b["dims"] or len(vec) != b["words"]:
                    raise ResourceError(f"instrument model wants word vectors of {b['words']} words × {b['dims']}, "
                                        f"the shipped ones have {len(vec)} × {vec.dims}: rebuild with make instruments")  # fmt: skip
                blocks.append(_Block(DENSE_BLOCK, offset, {}, (), float(b.get("weight", 1.0)), vec.dims))
                offset += vec.dims
                continue
            if b["analyzer"] not in _ANALYZERS:
                raise ResourceError(f"unknown analyzer {b['analyzer']!r}; valid: {sorted([*_ANALYZERS, DENSE_BLOCK])}")
            vocab = b["vocabulary"]
            index = {f: i for i, f in enumerate(vocab)}
            blocks.append(_Block(b["analyzer"], offset, index, tuple(b["idf"]), float(b.get("weight", 1.0))))
            offset += len(vocab)
        heads = [cls._head(data[name]) for name in ("type_head", "tool_head")]
        meta = {k: v for k, v in data.items() if k not in ("blocks", "type_head", "tool_head")}
        return cls(tuple(blocks), heads[0], heads[1], meta, float(data["type_head"].get("tool_mix", 0.0)))

    @staticmethod
    def _head(h: Mapping[str, Any]) -> _Head:
        coef = decode_coef(h)
        if len(coef) != len(h["classes"]) or len(h["intercept"]) != len(coef):
            raise ResourceError("instrument model: classes, coef and intercept differ in length")
        return _Head(tuple(h["classes"]), coef, np.array(h["intercept"], dtype=float), float(h.get("temperature", 1.0)))

    def features(self, text: str, context: UnitContext | None = None) -> dict[int, float]:
        """The stacked feature vector of ``text`` in ``context``: column → value (each block
        l2-normalised, then weighted)."""
        x: dict[int, float] = {}
        sample = (text, context)
        seen: dict[str, list[str]] = {}
        for block in self.blocks:
            if block.dims:
                mean = load_vectors().mean(seen.get("words") or _words(sample))
                x.update({block.offset + j: block.weight * v for j, v in enumerate(mean) if v})
                continue
            feats = seen[block.analyzer] = _ANALYZERS[block.analyzer](sample)
            counts = Counter(feats)
            vec = {}
            for f, c in counts.items():
                j = block.index.get(f)
                if j is not None:
                    vec[block.offset + j] = (1.0 + math.log(c)) * block.idf[j]
            norm = math.sqrt(sum(v * v for v in vec.values()))
            if norm:
                x.update({j: block.weight * v / norm for j, v in vec.items()})
        return x

    def type_proba(self, text: str, context: UnitContext | None = None) -> dict[str, float]:
        """Probability of each type for ``text`` (in ``context``)."""
        x = self.features(text, context)
        return dict(zip(self.type_head.classes, self._type_proba(x, self.tool_head.proba(x)), strict=True))

    def _type_proba(self, x: Mapping[int, float], tool_p: list[float]) -> list[float]:
        p = type_probabilities([self.type_head.proba(x)], self.type_head.classes, [tool_p], self.tool_head.classes, self.tool_mix)
        return [float(v) for v in p[0]]

    def predict(self, text: str, context: UnitContext | None = None) -> InstrumentLabel:
        """The label of ``text`` (in ``context``): the most probable type, then its most probable tool."""
        x = self.features(text, context)
        pp = self.tool_head.proba(x)
        tp = self._type_proba(x, pp)
        k = max(range(len(tp)), key=tp.__getitem__)
        typ = self.type_head.classes[k]
        if typ == "none":
            return InstrumentLabel("none", "none", round(tp[k], 4))
        tools = [(p, t) for p, t in zip(pp, self.tool_head.classes, strict=True) if TOOLS.get(t) == typ]
        tool = max(tools)[1] if tools else ""
        return InstrumentLabel(typ, tool, round(tp[k], 4))


@cache
def load_model() -> InstrumentModel:
    """The shipped model (read once per process).

    >>> load_model().meta["version"]
    'instruments.v3'
    """
    return InstrumentModel.from_dict(read_json(MODEL_FILE))


def classify(text: str, *, context: UnitContext | None = None, model: InstrumentModel | None = None) -> InstrumentLabel:
    """The instrument of one measure with the shipped model (or ``model``); ``context`` is what
    surrounds it in its document (:class:`~policy_nlp.learn.context.UnitContext`; bare text without).

    >>> classify("引进高层次创新创业人才").tool
    'talent'
    >>> classify("").type
    'none'
    >>> from policy_nlp.learn.context import UnitContext
    >>> review = UnitContext(("2019年工作回顾",), "报告", True, "过去一年,我们已")
    >>> classify("新建农村公路100公里", context=review).score < classify("新建农村公路100公里").score
    True
    """
    if not text.strip():
        return InstrumentLabel("none", "none", 1.0)
    return (model or load_model()).predict(text, context)


def classify_many(
    texts: Iterable[str], *, contexts: Iterable[UnitContext | None] | None = None, model: InstrumentModel | None = None
) -> list[InstrumentLabel]:
    """:func:`classify` for each text (with the context at the same position of ``contexts``), in order.

    >>> [lab.type for lab in classify_many(["开展汽车、家电以旧换新活动", "完善大气环境监测网络"])]
    ['demand', 'supply']
    """
    m = model or load_model()
    texts = list(texts)
    ctxs = [None] * len(texts) if contexts is None else list(contexts)
    if len(ctxs) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(ctxs)} contexts")
    return [classify(t, context=c, model=m) for t, c in zip(texts, ctxs, strict=True)]


def code_document(doc: Document, *, model: InstrumentModel | None = None) -> list[InstrumentLabel]:
    """One label per :attr:`Document.actions`, in the same order (``zip(doc.actions, labels)``), each
    action coded in its context (:func:`~policy_nlp.learn.context.document_contexts`).

    >>> import policy_nlp
    >>> doc = policy_nlp.analyze("关于促进消费的通知\\n一、开展汽车以旧换新活动。二、建设县级综合性文化服务中心。")
    >>> [(a.text, lab.tool) for a, lab in zip(doc.actions, code_document(doc))]
    [('开展汽车以旧换新活动', 'consumption'), ('建设县级综合性文化服务中心', 'public_service')]
    """
    return classify_many([a.text for a in doc.actions], contexts=document_contexts(doc), model=model)


def share_table(
    labels: Iterable[InstrumentLabel], *, include_none: bool = False, min_score: float = 0.0
) -> list[InstrumentShare]:
    """Counts and shares per type, then per tool (codebook order), of coded units — the table
    policy-tool studies report per document, year or region. Units of type none are left out
    unless ``include_none``, and units scored below ``min_score`` always (the score is calibrated:
    units scored 0.8 or more reach a type macro-F1 of about 0.88 on unseen documents,
    docs/instruments.md); shares are of the units counted.

    >>> labs = classify_many(["发放文化旅游消费券", "建设国家重点实验室", "引进高层次创新创业人才", "各位代表"])
    >>> [(r.label, r.count, r.share) for r in share_table(labs) if r.count]
    [('supply', 2, 0.6667), ('demand', 1, 0.3333), ('talent', 1, 0.3333), ('technology', 1, 0.3333), ('consumption', 1, 0.3333)]
    >>> sum(r.count for r in share_table(labs, min_score=1.01) if r.level == "type")
    0
    """
    labs = [lab for lab in labels if (include_none or lab.type != "none") and lab.score >= min_score]
    n = len(labs)
    types = Counter(lab.type for lab in labs)
    tools = Counter(lab.tool for lab in labs)
    rows = [InstrumentShare("type", t, types[t], round(types[t] / n, 4) if n else 0.0) for t in TYPES]
    rows += [InstrumentShare("tool", t, tools[t], round(tools[t] / n, 4) if n else 0.0) for t in TOOLS]
    return [r for r in rows if include_none or r.label != "none"]


#: what :func:`group_labels` can group documents by
GROUPINGS = ("doc", "year", "issuer", "genre")


def _group_key(doc: Document, by: str) -> str:
    if by == "doc":
        return doc.id
    if by == "year":
        return doc.meta.date[:4] if doc.meta.date else "unknown"
    if by == "issuer":
        return doc.meta.issuers[0] if doc.meta.issuers else "unknown"
    return doc.meta.genre or "unknown"


def group_labels(docs: Iterable[Document], by: str | Callable[[Document], str] = "year") -> dict[str, list[InstrumentLabel]]:
    """The instrument labels of the actions of ``docs`` (:meth:`~policy_nlp.model.Document.instruments`),
    gathered by document (``"doc"``), year of the document's date (``"year"``), first issuer
    (``"issuer"``: a region's government or a ministry), genre (``"genre"``: 意见, 通知 …) or any
    function of the document; ``"unknown"`` where the document does not say. Groups keep the order
    in which they first occur. Feed a group to :func:`share_table`, or the whole mapping to
    :func:`policy_nlp.plots.instrument_shares`: the table policy-tool studies report per year and
    region.

    >>> import policy_nlp
    >>> a = policy_nlp.analyze("关于促进消费的通知\\n一、开展汽车以旧换新活动。\\n2023年5月6日", id="a")
    >>> b = policy_nlp.analyze("关于加强文化服务的通知\\n一、建设县级综合性文化服务中心。\\n2024年1月8日", id="b")
    >>> {year: [lab.tool for lab in labs] for year, labs in group_labels([a, b], "year").items()}
    {'2023': ['consumption'], '2024': ['public_service']}
    """
    if not callable(by) and by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS} or a function of the document, not {by!r}")
    out: dict[str, list[InstrumentLabel]] = {}
    for doc in docs:
        key = by(doc) if callable(by) else _group_key(doc, by)
        out.setdefault(key, []).extend(doc.instruments())
    return out


# -- the keyword baseline --------------------------------------------------------------------------
@cache
def _cues() -> tuple[tuple[str, str], ...]:
    rows = read_tsv("instrument_cues.tsv")
    for r in rows:
        if r["tool"] not in TOOLS or r["tool"] == "none":
            raise ResourceError(f"instrument_cues.tsv: unknown tool {r['tool']!r}; valid: {sorted(TOOLS)}")
    return tuple(sorted(((r["cue"], r["tool"]) for r in rows), key=lambda ct: -len(ct[0])))


def classify_keywords(text: str) -> InstrumentLabel:
    """The keyword-rule baseline: the tool of the earliest cue of ``resources/instrument_cues.tsv``
    (the codebook's typical wording; the longest cue wins at a position), type none without a cue.

    >>> classify_keywords("落实首台(套)重大技术装备采购政策").tool
    'procurement'
    >>> classify_keywords("各位代表").type
    'none'
    """
    best: tuple[int, int, str] | None = None
    for cue, tool in _cues():
        i = text.find(cue)
        if i >= 0 and (best is None or (i, -len(cue)) < (best[0], best[1])):
            best = (i, -len(cue), tool)
    if best is None:
        return InstrumentLabel("none", "none", 1.0)
    return InstrumentLabel(TOOLS[best[2]], best[2], 1.0)
