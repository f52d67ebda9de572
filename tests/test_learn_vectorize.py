"""policy_nlp.learn.vectorize: the policy tokenizer and vectorizers, DTMs, keyness and topics."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

pytest.importorskip("sklearn")

from scipy import sparse
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.pipeline import Pipeline

from policy_nlp import analyze
from policy_nlp.learn import vectorize as V
from policy_nlp.resources import read_lines


# -- the tokenizer -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "text", "words"),
    [
        ({}, "到2025年，全面推进节能减排。", ["全面", "推进", "节能减排"]),
        ({}, "各地要进一步加强安全生产工作", ["各地", "进一步", "加强", "安全生产", "工作"]),
        ({"boilerplate": True}, "各地要进一步加强安全生产工作", ["安全生产"]),
        ({"keep_numbers": True}, "到2025年，高技能人才比重达到30%", ["2025", "高技能人才", "比重", "达到", "30%"]),
        ({"keep_punct": True, "min_chars": 1}, "推进，落实。", ["推进", "，", "落实", "。"]),
        ({"stop_words": None, "min_chars": 1}, "推进的工作", ["推进", "的", "工作"]),
        ({"stop_words": ["推进"]}, "推进节能减排", ["节能减排"]),
        ({}, "“十四五”时期，第三次全国经济普查", ["时期", "全国", "经济", "普查"]),
        ({}, "", []),
        ({}, "\n\n  \t", []),
    ],
    ids=["default", "boilerplate-kept", "boilerplate-dropped", "numbers-kept", "punct-kept",
         "no-stop-words", "own-stop-words", "numerals-dropped", "empty", "blank"],
)
def test_tokenizer(options: dict[str, object], text: str, words: list[str]) -> None:
    assert V.PolicyTokenizer(**options)(text) == words  # type: ignore[arg-type]


def test_tokenizer_rejects_an_unknown_stop_word_list() -> None:
    with pytest.raises(ValueError, match="stop_words"):
        V.PolicyTokenizer(stop_words="english")  # type: ignore[arg-type]


def test_tokenizer_plugs_into_a_plain_count_vectorizer_and_pickles() -> None:
    v = CountVectorizer(tokenizer=V.PolicyTokenizer(), token_pattern=None, lowercase=False)
    v.fit(["推进节能减排", "推进安全生产"])
    v2 = pickle.loads(pickle.dumps(v))
    assert list(v2.get_feature_names_out()) == ["安全生产", "推进", "节能减排"]


@pytest.mark.parametrize("name", ["stopwords.txt", "stopwords_policy.txt"])
def test_stop_word_resources_sorted_unique_with_header(name: str) -> None:
    words = list(read_lines(name))
    assert words == sorted(set(words))
    from policy_nlp.resources import resource_path

    with open(resource_path(name), encoding="utf-8") as fh:
        assert fh.readline().startswith("# ")


def test_boilerplate_words_named_in_the_brief_are_optional_stop_words() -> None:
    assert {"各地", "有关部门", "进一步", "加强"} <= set(read_lines("stopwords_policy.txt"))
    assert not {"各地", "进一步", "加强"} & set(read_lines("stopwords.txt"))


# -- the vectorizers -----------------------------------------------------------------------------
_TWO = ["推进节能减排，加强安全生产。", "加强节能减排工作"]


@pytest.mark.parametrize(
    ("cls", "params", "texts", "features"),
    [
        (V.PolicyCountVectorizer, {}, _TWO, ["加强", "安全生产", "工作", "推进", "节能减排"]),
        (V.PolicyCountVectorizer, {"boilerplate": True}, _TWO, ["安全生产", "节能减排"]),
        (V.PolicyCountVectorizer, {"min_df": 2}, _TWO, ["加强", "节能减排"]),
        (V.PolicyCountVectorizer, {"ngram_range": (1, 2), "boilerplate": True}, ["安全生产节能减排"],
         ["安全生产", "安全生产 节能减排", "节能减排"]),
        (V.PolicyTfidfVectorizer, {"max_features": 2}, _TWO, ["加强", "节能减排"]),
    ],
    ids=["count", "boilerplate", "min-df", "bigrams", "tfidf-max-features"],
)
def test_vectorizer_features(cls: type, params: dict[str, object], texts: list[str], features: list[str]) -> None:
    v = cls(**params)
    v.fit(texts)
    assert list(v.get_feature_names_out()) == features


@pytest.mark.parametrize("cls", [V.PolicyCountVectorizer, V.PolicyTfidfVectorizer], ids=["count", "tfidf"])
def test_vectorizer_is_an_estimator_clone_pickle_pipeline(cls: type) -> None:
    v = cls(boilerplate=True, min_chars=1)
    c = clone(v)
    assert c.get_params()["boilerplate"] is True and c.get_params()["min_chars"] == 1
    pipe = Pipeline([("v", c), ("t", TfidfTransformer())])
    X = pipe.fit_transform(["推进节能减排", "加强安全生产"])
    back = pickle.loads(pickle.dumps(pipe))
    assert (back.transform(["推进节能减排"]) != pipe.transform(["推进节能减排"])).nnz == 0
    assert X.shape[0] == 2


# -- document-term matrices ----------------------------------------------------------------------
_PLAN = "关于加强培训的意见\n一、总体要求\n推进节能减排。\n二、主要任务\n加强技能培训。\n（一）培训\n开展培训。"


@pytest.mark.parametrize(
    ("by", "rows"),
    [("document", ("p", "q")), ("section", ("p/1", "p/2", "q"))],
    ids=["by-document", "by-section"],
)
def test_document_term_matrix_rows(by: str, rows: tuple[str, ...]) -> None:
    p = analyze(_PLAN, id="p")
    q = analyze("推进安全生产", id="q")
    m = V.document_term_matrix([p, q], by=by)  # type: ignore[arg-type]
    assert m.rows == rows
    assert m.X.shape == (len(rows), len(m.features))
    assert all(0 <= s < e for s, e in m.spans)
    col = m.features.index("节能减排")
    assert m.X[0, col] == 1


def test_document_term_matrix_rejects_a_bad_unit() -> None:
    with pytest.raises(ValueError, match="by must be"):
        V.document_term_matrix(["推进"], by="paragraph")  # type: ignore[arg-type]


# -- keyness -------------------------------------------------------------------------------------
_X = [[10, 0, 5], [8, 1, 5], [0, 9, 5]]
_NAMES = ["培训", "试点", "推进"]


@pytest.mark.parametrize(
    ("measure", "target", "first", "last"),
    [("g2", "意见", "培训", "试点"), ("chi2", "意见", "培训", "试点"), ("g2", "方案", "试点", "培训"),
     ("g2", None, "培训", "试点")],
    ids=["g2", "chi2", "other-target", "default-target-sorted-first"],
)
def test_keyness_orders_key_words(measure: str, target: str | None, first: str, last: str) -> None:
    rows = V.keyness(_X, ["意见", "意见", "方案"], _NAMES, target=target, measure=measure)  # type: ignore[arg-type]
    assert rows[0].term == first and rows[-1].term == last
    assert rows[0].score > 0 > rows[-1].score
    assert rows[0].p < 0.01 and rows[0].log_ratio > 0


def test_keyness_g2_known_value() -> None:
    # Rayson & Garside: a=18, b=0, c=29, d=14 → G² = 2·18·ln(18/(29·18/43)) = 36·ln(43/29) = 14.18
    rows = V.keyness(_X, ["意见", "意见", "方案"], _NAMES, target="意见")
    assert round(rows[0].score, 2) == 14.18


def test_keyness_min_freq_and_frame() -> None:
    rows = V.keyness(_X, ["a", "a", "b"], _NAMES, target="a", min_freq=11)
    assert [r.term for r in rows] == ["培训", "推进"]
    pd = pytest.importorskip("pandas")
    assert list(pd.DataFrame(rows).columns)[:3] == ["term", "target", "freq_target"]


def test_keyness_min_range_drops_one_documents_word() -> None:
    # 补贴 is repeated 30 times in one long target document: G² calls it key to the whole group
    X = sparse.csr_matrix([[30, 2, 3], [0, 3, 3], [0, 2, 4], [0, 0, 5], [1, 0, 6]])
    rows = V.keyness(X, ["t", "t", "t", "r", "r"], ["补贴", "培训", "推进"], target="t")
    assert rows[0].term == "补贴" and (rows[0].range_target, rows[0].range_reference) == (1, 1)
    assert {r.term: r.range_target for r in rows}["培训"] == 3
    dispersed = V.keyness(X, ["t", "t", "t", "r", "r"], ["补贴", "培训", "推进"], target="t", min_range=2)
    assert [r.term for r in dispersed] == ["培训", "推进"]  # 推进 stays: it is in both references


@pytest.mark.parametrize(
    ("groups", "kwargs", "message"),
    [
        (["a", "b", "c"], {}, "give target="),
        (["a", "a", "b"], {"target": "z"}, "not a group"),
        (["a", "a", "a"], {"target": "a"}, "every row"),
        (["a", "b"], {"target": "a"}, "labels for 3 rows"),
        (["a", "a", "b"], {"measure": "pmi"}, "measure must be"),
    ],
    ids=["three-groups", "unknown-target", "no-reference", "bad-length", "bad-measure"],
)
def test_keyness_errors(groups: list[str], kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        V.keyness(_X, groups, _NAMES, **kwargs)  # type: ignore[arg-type]


def test_keyness_feature_names_must_fit() -> None:
    with pytest.raises(ValueError, match="feature_names"):
        V.keyness(_X, ["a", "a", "b"], ["培训"], target="a")


# -- topics --------------------------------------------------------------------------------------
_TX = [[3, 2, 0, 0], [4, 1, 0, 0], [0, 0, 3, 2], [0, 0, 2, 4]]
_TN = ["培训", "技能", "环保", "减排"]


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_separate_two_themes(method: str) -> None:
    ts = V.topics(_TX, 2, feature_names=_TN, method=method, n_words=2)  # type: ignore[arg-type]
    assert sorted(frozenset(t.words) for t in ts) == sorted([frozenset({"培训", "技能"}), frozenset({"环保", "减排"})])
    assert all(len(t.weights) == 2 and t.weights[0] >= t.weights[1] for t in ts)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"method": "lsa", "feature_names": _TN}, "method must be"), ({"feature_names": ["a"]}, "feature_names")],
    ids=["bad-method", "bad-names"],
)
def test_topics_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        V.topics(_TX, 2, **kwargs)  # type: ignore[arg-type]


# -- the core stays light ------------------------------------------------------------------------
def test_import_and_analyze_do_not_load_sklearn() -> None:
    code = (
        "import sys, policy_nlp; policy_nlp.analyze('关于加强培训的意见\\n到2025年，培训10万人次。');"
        "print('sklearn' in sys.modules, 'policy_nlp.learn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_learn_package_exports_lazily() -> None:
    from policy_nlp import learn

    assert learn.PolicyTokenizer is V.PolicyTokenizer
    with pytest.raises(AttributeError):
        _ = learn.nothing_here


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_tokenizer_on_arbitrary_unicode(text: str) -> None:
    words = V.PolicyTokenizer(boilerplate=True)(text)
    assert all(w and w in text and len(w) >= 2 for w in words)
