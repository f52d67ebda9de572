"""Word vectors learned without labels (policy_nlp.learn.vectors): shipped file, lookups, the builder."""

from __future__ import annotations

import json
from array import array

import pytest

from policy_nlp.errors import ResourceError
from policy_nlp.learn.vectors import VECTORS_FORMAT, WordVectors, build_vectors, load_vectors


def test_shipped_vectors_cover_policy_words() -> None:
    v = load_vectors()
    assert v.dims == 50 and len(v) > 20_000
    assert v.meta["min_count"] == 5 and v.meta["tokens"] > 1_000_000
    for w in ("补贴", "监管", "采购", "培训", "贷款", "出口", "领导小组"):
        assert w in v
    near = {w for w, _s in v.similar("贷款", 15)}
    assert near & {"融资", "信贷", "担保", "贴息"}  # used alike in policy text
    assert not v.similar("没有这个词")


def test_mean_is_unit_length_and_skips_unknown_words() -> None:
    v = load_vectors()
    m = v.mean(["财政", "补贴", "没有这个词"])
    assert abs(sum(x * x for x in m) - 1.0) < 1e-9
    assert m == v.mean(["财政", "补贴"])
    assert v.mean([]) == [0.0] * v.dims


def test_round_trip_and_bad_files() -> None:
    v = WordVectors(("甲", "乙"), 2, array("b", [127, 0, 0, -127]))
    back = WordVectors.from_dict(json.loads(json.dumps(v.to_dict())))
    assert back.words == v.words and back.vector("乙") == [0.0, -1.0]
    with pytest.raises(ResourceError, match="format"):
        WordVectors.from_dict({"format": "word2vec"})
    with pytest.raises(ResourceError, match="3 values for 2 words"):
        WordVectors(("甲", "乙"), 2, array("b", [1, 2, 3]))
    assert VECTORS_FORMAT in json.dumps(v.to_dict())


def test_build_vectors_puts_words_of_like_use_together() -> None:
    pytest.importorskip("sklearn")
    # two families of words that occur in the same frames: 补贴/补助 with 资金 words, 监管/检查 with 执法 words
    sents = []
    for k in range(60):
        for w in ("补贴", "补助"):
            sents.append(["安排", "财政", w, "资金", str(k % 3)])
        for w in ("监管", "检查"):
            sents.append(["加强", "执法", w, "力度", str(k % 3)])
    v = build_vectors(sents, dims=4, window=2, min_count=5)
    assert v.similar("补贴", 1)[0][0] == "补助" and v.similar("监管", 1)[0][0] == "检查"
    assert v.meta["sentences"] == len(sents)
