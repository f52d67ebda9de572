"""Word segmentation with the private jieba tokenizer, and the spaCy bridge."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

import policy_nlp.segment as seg
from policy_nlp import analyze
from policy_nlp.errors import PolicyNLPWarning
from policy_nlp.io import load
from policy_nlp.resources import read_tsv
from policy_nlp.segment import get_tokenizer, segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("row", read_tsv("terms.tsv"), ids=lambda r: r["term"])
def test_every_dictionary_term_is_one_word(row: dict[str, str]) -> None:
    sentence = row["examples"]
    words = [t.text for t in segment(sentence)]
    assert row["term"] in words


def test_terms_table_is_sorted_free_of_duplicates() -> None:
    terms = [r["term"] for r in read_tsv("terms.tsv")]
    assert len(terms) == len(set(terms))
    assert terms == sorted(terms)
    assert all(r["examples"] and r["term"] in r["examples"] for r in read_tsv("terms.tsv"))


def test_offsets_cover_the_text_exactly() -> None:
    text = "到2015年，本市高技能人才占技能劳动者的比重达到30%。\n市总工会将会同政府有关部门推进工作"
    tokens = segment(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.start for t in tokens[1:]] == [t.end for t in tokens[:-1]]


def test_global_jieba_tokenizer_is_untouched() -> None:
    get_tokenizer()
    assert get_tokenizer() is not jieba.dt
    assert "创先争优" not in jieba.dt.FREQ or jieba.dt.FREQ.get("创先争优") != 2000


def test_to_spacy_tokens_and_spans_match_the_document() -> None:
    doc = analyze("推进节能减排和创先争优。")
    sdoc = doc.to_spacy()
    assert sdoc.text == doc.text
    assert [t.text for t in sdoc] == [t.text for t in doc.tokens()]
    assert len(sdoc.spans["sentences"]) == len(doc.sentences)


def test_empty_text_has_no_tokens() -> None:
    assert segment("") == []


_TRICKY = [
    " ",
    "\r\n\r\n  a b\tc",
    "ABC abc123 4.5% 50% 中华人民共和国。\n",
    "2015年Q1  x-y_z#1&2",
    "\u3000\u3000测试\u00a0a",
    "的的的的的的的的的的",
    "嗯嗯啊啊哦哦呃呃",  # unknown characters: the HMM cuts them
]


@pytest.mark.parametrize("path", sorted(ROOT.glob("corpora/*.txt")), ids=lambda p: p.stem)
def test_segment_gives_the_words_of_jieba_cut(path: Path) -> None:
    tk = get_tokenizer()
    text = load(path).text
    for sample in [text, analyze(text).text, *_TRICKY]:
        assert [t.text for t in segment(sample)] == list(tk.cut(sample))
        assert [t.text for t in segment(sample, hmm=False)] == list(tk.cut(sample, HMM=False))


# -- the guard of the fast path (issue 15): jieba internals may change in a release ------------------
SHARED_REAL = ROOT.parent / "shared" / "corpora" / "real"


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/corpora/real is absent")
def test_segment_gives_the_words_of_jieba_cut_on_the_real_texts() -> None:
    tk = get_tokenizer()
    paths = sorted(SHARED_REAL.glob("*.txt"))
    assert len(paths) >= 30
    for path in paths:
        text = analyze(path).text
        assert [t.text for t in segment(text)] == list(tk.cut(text)), path.name


def test_fast_path_passes_its_check_with_this_jieba() -> None:
    assert seg._fast_path_ok(get_tokenizer())
    assert "\n" in seg.CHECK_TEXT and "\r\n" in seg.CHECK_TEXT


def test_check_text_exercises_the_hmm() -> None:
    """The check must reach jieba.finalseg: some run of single characters is no dictionary word."""
    tk = get_tokenizer()
    assert list(tk.cut(seg.CHECK_TEXT, HMM=True)) != list(tk.cut(seg.CHECK_TEXT, HMM=False))


def _wrong_cut(tk: object, text: str) -> list[str]:
    return list(text)  # one character a word: what a changed internal might give


def _broken_cut(tk: object, text: str) -> list[str]:
    raise AttributeError("'Tokenizer' object has no attribute 'FREQ'")


@pytest.mark.parametrize("fake", [_wrong_cut, _broken_cut], ids=["other words", "missing internal"])
def test_segment_falls_back_to_jieba_cut_when_the_fast_path_fails(
    monkeypatch: pytest.MonkeyPatch, fake: object
) -> None:
    monkeypatch.setattr(seg, "_cut", fake)
    monkeypatch.setattr(seg, "_FAST_OK", {})
    text = "市总工会将会同政府有关部门,推进节能减排和创先争优。"
    with pytest.warns(PolicyNLPWarning, match="using Tokenizer.cut"):
        words = [t.text for t in segment(text)]
    assert words == list(get_tokenizer().cut(text))
    assert seg._FAST_OK == {id(get_tokenizer()): False}
