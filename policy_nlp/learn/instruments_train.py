"""Train and evaluate the policy-instrument model with scikit-learn; write the shipped model file.

The labeled set lives in ``corpora/instruments/`` (:mod:`policy_nlp.learn.labels` reads it: references
into the shared corpora, resolved and checked against their sha256, plus self-written measures).

:class:`InstrumentClassifier` is a scikit-learn estimator: a ``FeatureUnion`` of four
``TfidfVectorizer`` (policy-tokenizer words, character 1–3-grams, the codebook's cue words at weight
0.6, the unit's context at weight 0.5 — :mod:`policy_nlp.learn.context`; sublinear tf, l2 norm) and
the mean word vector of the unit (:mod:`policy_nlp.learn.vectors`, weight 1.5) feeding two
multinomial ``LogisticRegression`` heads, one for the type and one for the tool; the label takes the
most probable type and that type's most probable tool. :meth:`InstrumentClassifier.to_dict` stores
it as plain numbers that :class:`policy_nlp.learn.instruments.InstrumentModel` applies without
scikit-learn.

Rebuild the shipped model and the evaluation figures (``make instruments``)::

    python -m policy_nlp.learn.instruments_train ../shared/corpora

>>> clf = InstrumentClassifier(min_df=1).fit(
...     ["设立专项资金", "安排财政资金", "加强市场监管", "严格执法检查", "各位代表", "过去一年"],
...     ["funding", "funding", "regulation", "regulation", "none", "none"])
>>> str(clf.predict(["加大财政资金投入"])[0])
'funding'
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion
from sklearn.utils.validation import check_is_fitted

from policy_nlp.learn.instruments import (
    DENSE_BLOCK,
    MODEL_FILE,
    MODEL_FORMAT,
    TOOLS,
    TYPES,
    InstrumentLabel,
    Sample,
    _chars,
    _context,
    _cue_block,
    _words,
    classify_keywords,
    encode_coef,
    type_probabilities,
)
from policy_nlp.learn.labels import (
    LabeledUnit,
    coder_agreement,
    dedupe,
    label_rows,
    labels_sha256,
    read_labels,
)
from policy_nlp.learn.vectors import load_vectors

__all__ = ["InstrumentClassifier", "MeanWordVectors", "cross_validate", "document_groups", "fit_temperature", "main"]

log = logging.getLogger(__name__)

MODEL_VERSION = "instruments.v3"


class InstrumentClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Type and tool of policy measures: TF-IDF of policy words + character n-grams → two
    multinomial logistic regressions. ``fit(X, y)`` takes texts and tool labels (the type follows
    from the tool, :data:`~policy_nlp.learn.instruments.TOOLS`); ``predict`` returns tools,
    :meth:`predict_type` types and :meth:`predict_labels` :class:`InstrumentLabel` records.

    An input is a text or a ``(text, context)`` pair (:class:`~policy_nlp.learn.context.UnitContext`
    or None): what surrounds the unit in its document enters as a third block of features
    (:func:`~policy_nlp.learn.context.context_features`).

    Parameters: ``C`` (inverse regularisation of both heads), ``min_df`` (features in fewer
    units are dropped), ``chars`` (add the character n-gram block), ``context`` (add the context
    block), ``context_weight`` (its weight in the stacked features), ``cues``/``cues_weight`` (the
    codebook's cue words), ``vectors``/``vectors_weight`` (the mean word vector),
    ``class_weight`` (as in LogisticRegression; ``"balanced"`` weighs rare tools up),
    ``tool_mix`` (the tool head's share in the type probabilities,
    :func:`~policy_nlp.learn.instruments.type_probabilities`), ``temperature`` (both heads' logits
    are divided by it before the softmax: a score calibrated on cross-validated predictions,
    :func:`fit_temperature`).
    """

    def __init__(
        self,
        C: float = 10.0,
        min_df: int = 2,
        chars: bool = True,
        context: bool = True,
        context_weight: float = 0.5,
        cues: bool = True,
        cues_weight: float = 0.6,
        vectors: bool = True,
        vectors_weight: float = 1.5,
        class_weight: str | None = "balanced",
        tool_mix: float = 0.5,
        temperature: float = 1.0,
    ):
        self.C = C
        self.min_df = min_df
        self.chars = chars
        self.context = context
        self.context_weight = context_weight
        self.cues = cues
        self.cues_weight = cues_weight
        self.vectors = vectors
        self.vectors_weight = vectors_weight
        self.class_weight = class_weight
        self.tool_mix = tool_mix
        self.temperature = temperature

    def _vectorizer(self) -> FeatureUnion:
        blocks = [("words", TfidfVectorizer(analyzer=_words, sublinear_tf=True, min_df=self.min_df))]
        weights = {"words": 1.0}
        if self.chars:
            blocks.append(("chars", TfidfVectorizer(analyzer=_chars, sublinear_tf=True, min_df=self.min_df)))
            weights["chars"] = 1.0
        if self.context:
            blocks.append(("context", TfidfVectorizer(analyzer=_context, sublinear_tf=True, min_df=self.min_df)))
            weights["context"] = self.context_weight
        if self.cues:
            blocks.append(("cues", TfidfVectorizer(analyzer=_cue_block, sublinear_tf=True, min_df=self.min_df)))
            weights["cues"] = self.cues_weight
        if self.vectors:
            blocks.append((DENSE_BLOCK, MeanWordVectors()))
            weights[DENSE_BLOCK] = self.vectors_weight
        return FeatureUnion(blocks, transformer_weights=weights)

    def _head(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, class_weight=self.class_weight)

    def fit(self, X: Sequence[str | Sample], y: Sequence[str]) -> InstrumentClassifier:
        unknown = sorted(set(y) - set(TOOLS))
        if unknown:
            raise ValueError(f"unknown tools {unknown}; valid: {sorted(TOOLS)}")
        self.vectorizer_ = self._vectorizer()
        Xv = self.vectorizer_.fit_transform(_samples(X))
        self.tool_model_ = self._head().fit(Xv, list(y))
        self.type_model_ = self._head().fit(Xv, [TOOLS[t] for t in y])
        self.classes_ = self.tool_model_.classes_
        return self

    def transform(self, X: Sequence[str | Sample]) -> Any:
        """The stacked TF-IDF features of ``X`` (a sparse matrix)."""
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(_samples(X))

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.get_feature_names_out()

    def predict_labels(self, X: Sequence[str | Sample]) -> list[InstrumentLabel]:
        """One :class:`InstrumentLabel` per text: the most probable type, then its most probable tool."""
        return self._labels(self._logits(self.transform(X)))

    def _logits(self, Xv: Any) -> tuple[Any, Any]:
        """The type head's and the tool head's logits of the features ``Xv``."""
        return self.type_model_.decision_function(Xv), self.tool_model_.decision_function(Xv)

    def _type_proba(self, logits: tuple[Any, Any], temperature: float) -> tuple[Any, Any]:
        """Type probabilities (columns ``type_model_.classes_``) and tool probabilities from
        :meth:`_logits`, both divided by ``temperature``."""
        tp, pp = (_softmax(z / temperature) for z in logits)
        return type_probabilities(tp, self.type_model_.classes_, pp, self.tool_model_.classes_, self.tool_mix), pp

    def _labels(self, logits: tuple[Any, Any]) -> list[InstrumentLabel]:
        tp, pp = self._type_proba(logits, self.temperature)
        types = list(self.type_model_.classes_)
        tools = list(self.tool_model_.classes_)
        out = []
        for i in range(tp.shape[0]):
            k = int(np.argmax(tp[i]))
            typ = types[k]
            if typ == "none":
                out.append(InstrumentLabel("none", "none", round(float(tp[i, k]), 4)))
                continue
            cands = [(pp[i, j], t) for j, t in enumerate(tools) if TOOLS[t] == typ]
            out.append(InstrumentLabel(typ, max(cands)[1] if cands else "", round(float(tp[i, k]), 4)))
        return out

    def predict(self, X: Sequence[str | Sample]) -> Any:
        return np.array([lab.tool for lab in self.predict_labels(X)])

    def predict_type(self, X: Sequence[str | Sample]) -> Any:
        return np.array([lab.type for lab in self.predict_labels(X)])

    def to_dict(self, **meta: Any) -> dict[str, Any]:
        """The fitted model as plain numbers (the shipped JSON): per block its analyzer, vocabulary in
        column order and idf; per head its classes, coefficients (:func:`encode_coef`) and intercepts."""
        check_is_fitted(self, "vectorizer_")
        blocks = []
        weights = self.vectorizer_.transformer_weights or {}
        for name, vec in self.vectorizer_.transformer_list:
            if name == DENSE_BLOCK:
                vectors = load_vectors()
                blocks.append({"analyzer": name, "dims": vectors.dims, "words": len(vectors), "weight": float(weights[name])})
                continue
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
            block = {"analyzer": name, "vocabulary": vocab, "idf": [round(float(v), 6) for v in vec.idf_]}
            if weights.get(name, 1.0) != 1.0:
                block["weight"] = float(weights[name])
            blocks.append(block)

        def head(m: LogisticRegression) -> dict[str, Any]:
            out = {"classes": [str(c) for c in m.classes_], **encode_coef(m.coef_),
                   "intercept": [round(float(b), 6) for b in m.intercept_]}  # fmt: skip
            return out | ({"temperature": self.temperature} if self.temperature != 1.0 else {})

        mix = {"tool_mix": self.tool_mix} if self.tool_mix else {}
        return {"format": MODEL_FORMAT, **meta, "blocks": blocks,
                "type_head": head(self.type_model_) | mix, "tool_head": head(self.tool_model_)}


def _softmax(z: Any) -> Any:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(proba: Callable[[float], Any], gold: Sequence[int]) -> float:
    """The temperature T (0.5–4, steps of 0.05) that minimises the negative log-likelihood of the
    gold classes under ``proba(T)`` (class probabilities with the logits divided by T): one
    parameter, fitted on cross-validated logits, that makes the type score mean what it says (Guo
    et al. 2017).

    >>> z = np.array([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 0.0]])
    >>> fit_temperature(lambda t: _softmax(z / t), [0, 1, 1, 0]) > 1  # overconfident: one in four wrong at p=0.98
    True
    """
    rows = np.arange(len(gold))
    best = (float("inf"), 1.0)
    for t in np.arange(0.5, 4.0001, 0.05):
        p = proba(float(t))
        best = min(best, (float(-np.log(p[rows, list(gold)] + 1e-12).mean()), round(float(t), 2)))
    return best[1]


class MeanWordVectors(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """The dense block: the l2-normalised mean of the shipped word vectors
    (:func:`~policy_nlp.learn.vectors.load_vectors`) of each unit's words; nothing to fit."""

    def fit(self, X: Sequence[str | Sample], y: Any = None) -> MeanWordVectors:
        return self

    def transform(self, X: Sequence[str | Sample]) -> Any:
        vectors = load_vectors()
        return np.array([vectors.mean(_words(s)) for s in _samples(X)], dtype=float).reshape(len(X), vectors.dims)

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        return np.array([f"v{j}" for j in range(load_vectors().dims)], dtype=object)


def _samples(X: Sequence[str | Sample]) -> list[Sample]:
    """Each input as a ``(text, context)`` pair (bare text has context None)."""
    return [(x, None) if isinstance(x, str) else (x[0], x[1]) for x in X]


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    return round(float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0)), 4)


def _calibration(gold: Sequence[str], pred: Sequence[InstrumentLabel], bins: int = 5) -> dict[str, Any]:
    """Reliability of ``score`` (the predicted type's probability): per score bin the mean score and
    the share of correct types, and the expected calibration error (bin-weighted |score − accuracy|)."""
    rows = []
    ece = 0.0
    edges = [i / bins for i in range(bins + 1)]
    for lo, hi in pairwise(edges):
        idx = [i for i, p in enumerate(pred) if lo < p.score <= hi or (lo == 0 and p.score == 0)]
        if not idx:
            continue
        conf = sum(pred[i].score for i in idx) / len(idx)
        acc = sum(pred[i].type == gold[i] for i in idx) / len(idx)
        ece += len(idx) / len(pred) * abs(conf - acc)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "mean_score": round(conf, 3), "accuracy": round(acc, 3)})
    return {"bins": rows, "ece": round(ece, 4)}


def _selective(gold: Sequence[str], pred: Sequence[InstrumentLabel]) -> list[dict[str, Any]]:
    """Type macro-F1 of the units whose ``score`` reaches a threshold, and their share: what a
    researcher gets who codes by hand the units the model is unsure of."""
    rows = []
    for t in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        idx = [i for i, p in enumerate(pred) if p.score >= t]
        rows.append({"min_score": t, "coverage": round(len(idx) / max(1, len(pred)), 4),
                     "type_macro_f1": _macro_f1([gold[i] for i in idx], [pred[i].type for i in idx]) if idx else None})  # fmt: skip
    return rows


def document_groups(units: Sequence[LabeledUnit], *, links: Sequence[LabeledUnit] = ()) -> list[int]:
    """A group number per unit for grouped cross-validation: units of one document share a group,
    and so do documents that share a unit text in ``units`` or ``links`` (the same policy as a real/
    text and a govcn2019 page; pass the units from before :func:`dedupe` as ``links``); each
    self-written unit is a group of its own.

    >>> u = [LabeledUnit(t, "none", "none", s, "b") for t, s in (("甲", "a.txt"), ("甲", "b.html"), ("乙", "a.txt"), ("丙", "c.txt"))]
    >>> document_groups(u + [LabeledUnit("丁", "none", "none", "written", "written")])
    [0, 0, 0, 1, 2]
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_source: dict[str, str] = {}
    for u in [*links, *units]:
        if u.source != "written":
            other = first_source.setdefault("".join(u.text.split()), u.source)
            parent[find(other)] = find(u.source)
    keys = [u.source if u.source != "written" else f"written#{k}" for k, u in enumerate(units)]
    numbers: dict[str, int] = {}
    return [numbers.setdefault(find(key), len(numbers)) for key in keys]


def cross_validate(
    units: Sequence[LabeledUnit],
    *,
    folds: int = 5,
    seed: int = 13,
    grouped: bool = False,
    groups: Sequence[int] | None = None,
    **params: Any,
) -> dict[str, Any]:
    """k-fold predictions for every unit — stratified by tool, or with ``grouped`` by document
    (GroupKFold over :func:`document_groups` or ``groups``: no document has units in a training and a
    test fold, so context cannot leak through document identity) — then macro-F1 of type and tool, the
    type confusion matrix, the same figures for the keyword baseline, for subsets (random draw,
    cue-enriched draw, draw 4 of uncertain units, draws 5–7, self-written, units whose two codings agreed or were adjudicated) and for the model applied to the bare unit text (``bare``:
    no context at test time, as ``classify(text)`` sees it)."""
    X: list[Sample] = [(u.text, u.context) for u in units]
    y = [u.tool for u in units]
    counts = Counter(y)
    pred: list[InstrumentLabel | None] = [None] * len(units)
    bare: list[InstrumentLabel | None] = [None] * len(units)
    if grouped:
        g = list(groups) if groups is not None else document_groups(units)
        splits = list(GroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, y, g))
    else:
        # a tool with fewer examples than folds cannot be stratified: stratify those by type
        strata = [t if counts[t] >= folds else TOOLS[t] for t in y]
        splits = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, strata))
    fitted = []  # per fold: its test units, model and their logits
    for train, test in splits:
        clf = InstrumentClassifier(**{**params, "temperature": 1.0}).fit([X[i] for i in train], [y[i] for i in train])
        fitted.append((test, clf, clf._logits(clf.transform([X[i] for i in test]))))
    classes = sorted(TYPES)  # LogisticRegression's class order

    def proba(t: float) -> Any:
        p = np.zeros((len(units), len(classes)))
        for test, clf, z in fitted:
            p[test] = clf._type_proba(z, t)[0]
        return p

    # the temperature changes the mix of the two heads, so the figures are of the tempered model
    t = fit_temperature(proba, [classes.index(u.type) for u in units])
    untempered = [lab for _, clf, z in fitted for lab in clf._labels(z)]
    for test, clf, z in fitted:
        clf.temperature = t
        for i, lab in zip(test, clf._labels(z), strict=True):
            pred[i] = lab
        for i, lab in zip(test, clf.predict_labels([(X[i][0], None) for i in test]), strict=True):
            bare[i] = lab
    model = [p for p in pred if p is not None]
    bare_model = [p for p in bare if p is not None]
    rules = [classify_keywords(x[0]) for x in X]

    def figures(idx: list[int]) -> dict[str, Any]:
        gt = [units[i].type for i in idx]
        gl = [units[i].tool for i in idx]
        return {
            "n": len(idx),
            "type_macro_f1": _macro_f1(gt, [model[i].type for i in idx]),
            "tool_macro_f1": _macro_f1(gl, [model[i].tool for i in idx]),
            "type_accuracy": round(sum(g == model[i].type for g, i in zip(gt, idx, strict=True)) / max(1, len(idx)), 4),
            "bare_type_macro_f1": _macro_f1(gt, [bare_model[i].type for i in idx]),
            "bare_tool_macro_f1": _macro_f1(gl, [bare_model[i].tool for i in idx]),
            "baseline_type_macro_f1": _macro_f1(gt, [rules[i].type for i in idx]),
            "baseline_tool_macro_f1": _macro_f1(gl, [rules[i].tool for i in idx]),
        }

    everything = list(range(len(units)))
    out: dict[str, Any] = {"folds": folds, "seed": seed, "split": "grouped by document" if grouped else "stratified by tool",
                           "params": params, "all": figures(everything)}
    for name, test in (("random_draw", lambda u: u.batch.startswith("b")),
                       ("cue_enriched_draw", lambda u: u.batch.startswith("c")),
                       ("uncertain_draw", lambda u: u.batch.startswith("u")),
                       ("first_coder", lambda u: u.batch[:1] in ("b", "c", "u") or u.batch == "written"),
                       ("draw5_new_coders", lambda u: u.batch.startswith("r")),
                       ("draw6", lambda u: u.batch.startswith("e")),
                       ("draw7", lambda u: u.batch.startswith("f")),
                       ("written", lambda u: u.batch == "written"),
                       ("coders_agreed", lambda u: u.coding == "agreed"),
                       ("adjudicated", lambda u: u.coding == "adjudicated")):
        idx = [i for i, u in enumerate(units) if test(u)]
        if idx:
            out[name] = figures(idx)
    cm = confusion_matrix([u.type for u in units], [m.type for m in model], labels=list(TYPES))
    out["type_confusion"] = {"labels": list(TYPES), "rows_gold_cols_pred": cm.tolist()}
    cmb = confusion_matrix([u.type for u in units], [r.type for r in rules], labels=list(TYPES))
    out["baseline_type_confusion"] = {"labels": list(TYPES), "rows_gold_cols_pred": cmb.tolist()}
    gold = [u.type for u in units]
    order = [i for test, _, _ in fitted for i in test]
    out["type_calibration"] = _calibration([gold[i] for i in order], untempered)
    out["temperature"] = t
    out["type_calibration_tempered"] = _calibration(gold, model)
    out["selective"] = _selective(gold, model)
    out["predicted_types"] = [m.type for m in model]  # per unit; main() uses and drops it
    per_tool = f1_score(y, [m.tool for m in model], average=None, labels=sorted(set(y)), zero_division=0)
    out["tool_f1"] = {t: round(float(f), 4) for t, f in zip(sorted(set(y)), per_tool, strict=True)}
    out["tool_support"] = dict(sorted(counts.items()))
    return out


def _against_coders(labels_dir: Path, units: Sequence[LabeledUnit], predicted: Sequence[str]) -> dict[str, Any]:
    """The two independent codings (``labels.tsv``, ``second_coder.tsv``) against each other
    (:func:`~policy_nlp.learn.labels.coder_agreement`) and the model's (grouped cross-validation)
    type macro-F1 against each coder on the units neither coder called ambiguous — the model next to
    a human ceiling; for every double-coded unit and for the random sample of 300 (batches s01–s02)."""
    first = {(r["source"], r["start"], r["end"]): r for _n, r in label_rows(labels_dir / "labels.tsv")}
    index = {hashlib.sha256(u.text.encode("utf-8")).hexdigest(): i for i, u in enumerate(units)}
    every = [r for _n, r in label_rows(labels_dir / "second_coder.tsv")]
    out: dict[str, Any] = {}
    for name, batches in (("all", ""), ("random_sample", ("s01", "s02"))):
        second = [r for r in every if r["batch"].startswith(batches)]
        pairs = [(first[(r["source"], r["start"], r["end"])], r) for r in second]
        fig = coder_agreement([(a["type"], a["tool"]) for a, _ in pairs], [(b["type"], b["tool"]) for _, b in pairs])
        both = [(a["type"], b["type"], predicted[index[a["sha256"]]]) for a, b in pairs
                if "ambiguous" not in (a["type"], b["type"]) and a["sha256"] in index]  # fmt: skip
        fig["model_n"] = len(both)
        fig["model_type_macro_f1_vs_first"] = _macro_f1([x[0] for x in both], [x[2] for x in both])
        fig["model_type_macro_f1_vs_second"] = _macro_f1([x[1] for x in both], [x[2] for x in both])
        out[name] = fig
    return out


#: The subsets whose cross-validated figures the model file records.
_SUBSETS = ("all", "first_coder", "draw5_new_coders", "draw6", "draw7", "coders_agreed", "adjudicated")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policy_nlp.learn.instruments_train SHARED_CORPORA``: cross-validate, fit on all
    labeled units, write the model (``policy_nlp/resources/instruments_v3.json``) and the figures (cross-validation
    stratified by tool, and grouped by document)."""
    ap = argparse.ArgumentParser(prog="python -m policy_nlp.learn.instruments_train", description=main.__doc__)
    ap.add_argument("shared", type=Path, help="the shared corpora root (../shared/corpora)")
    ap.add_argument("--labels", type=Path, default=Path("corpora/instruments"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "resources" / MODEL_FILE)
    ap.add_argument("--figures", type=Path, default=Path("docs/instruments_eval.json"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--coding", choices=("final", "first"), default="final",
                    help="train on the final (agreed or adjudicated) labels, or on the first coding alone")
    ap.add_argument("--no-cv", action="store_true", help="fit and write the model only (no temperature: scores uncalibrated)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not a.shared.is_dir():
        ap.error(f"{a.shared} is not a directory (the labels reference texts under ../shared/corpora)")
    every, drift = read_labels(a.labels, a.shared, coding=a.coding)
    units = dedupe(every)
    random.Random(0).shuffle(units)  # fold assignment does not follow file order
    log.info("%d labeled units (%d drifted references skipped)", len(units), drift)
    params: dict[str, Any] = {}
    figures: dict[str, Any] = {}
    if not a.no_cv:
        figures = cross_validate(units, folds=a.folds, **params)
        log.info("stratified: %s", json.dumps(figures["all"], ensure_ascii=False))
        groups = document_groups(units, links=every)
        figures["grouped"] = cross_validate(units, folds=a.folds, grouped=True, groups=groups, **params)
        figures["grouped"]["n_groups"] = len(set(groups))
        log.info("grouped by document: %s", json.dumps(figures["grouped"]["all"], ensure_ascii=False))
        params["temperature"] = figures["grouped"]["temperature"]  # calibrated for unseen documents
        figures["second_coder"] = _against_coders(a.labels, units, figures["grouped"]["predicted_types"])
        log.info("second coder: %s", json.dumps(figures["second_coder"]))
        for f in (figures, figures["grouped"]):
            del f["predicted_types"]
    clf = InstrumentClassifier(**params).fit([(u.text, u.context) for u in units], [u.tool for u in units])
    meta = {
        "version": MODEL_VERSION,
        "labels_sha256": labels_sha256(a.labels),
        "n_units": len(units),
        "drifted": drift,
        "trained": _dt.date.today().isoformat(),
        "sklearn": sklearn.__version__,
        "command": "python -m policy_nlp.learn.instruments_train ../shared/corpora",
        "cv": {k: figures[k] for k in _SUBSETS if k in figures},
        "cv_grouped": {k: figures["grouped"][k] for k in _SUBSETS if k in figures.get("grouped", {})},
    }
    a.out.write_text(json.dumps(clf.to_dict(**meta), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    log.info("wrote %s (%d bytes)", a.out, a.out.stat().st_size)
    if figures:
        figures.update({"date": meta["trained"], "command": meta["command"], "labels_sha256": meta["labels_sha256"]})
        a.figures.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        log.info("wrote %s", a.figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
