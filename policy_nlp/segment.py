"""Word segmentation: a private jieba tokenizer with policy-domain dictionaries, and spaCy Docs.

jieba's global tokenizer is never touched: :func:`get_tokenizer` builds a private
``jieba.Tokenizer`` once per process and adds the terms of ``resources/terms.tsv`` (and any
user dictionary passed to :func:`add_terms`).

The words are always those of jieba's ``Tokenizer.cut``. A faster path (:func:`_cut`) computes them
from jieba's dictionary and HMM, which are jieba internals (``Tokenizer.FREQ``/``total``,
``jieba.re_han_default``, ``jieba.finalseg``) that a jieba release could change without notice; so
before its first use with a tokenizer, :func:`_fast_path_ok` checks that it gives ``cut``'s words on
a check text (policy prose, mixed scripts, whitespace, characters the HMM must join, every example
of ``terms.tsv``). When the internals are missing or the words differ, :func:`segment` uses
``Tokenizer.cut`` itself and warns once (:class:`~policy_nlp.errors.PolicyNLPWarning`).

>>> [t.text for t in segment("推进节能减排和创先争优")]
['推进', '节能减排', '和', '创先争优']
>>> segment("十二五规划")[0]
Token(text='十二五', start=0, end=3)
"""

from __future__ import annotations

import contextlib
import logging
import threading
import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from math import log
from typing import TYPE_CHECKING, Any

from policy_nlp.errors import PolicyNLPWarning
from policy_nlp.model import Token
from policy_nlp.resources import read_tsv

if TYPE_CHECKING:
    from policy_nlp.model import Document

__all__ = ["add_terms", "get_tokenizer", "segment", "to_spacy"]

_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_jieba() -> Iterator[None]:
    """jieba logs 'Building prefix dict…' at DEBUG on its own logger; hush it for the load, then restore."""
    import jieba

    logger: logging.Logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@cache
def get_tokenizer() -> Any:
    """The process-wide private ``jieba.Tokenizer`` with the policy dictionary loaded."""
    import jieba

    with _LOCK, _quiet_jieba():
        tk = jieba.Tokenizer()
        tk.initialize()
        for row in read_tsv("terms.tsv"):
            freq = int(row["freq"]) if row.get("freq") else None
            tk.add_word(row["term"], freq=freq, tag=row.get("pos") or None)
    return tk


def add_terms(terms: Iterable[str], *, freq: int | None = None) -> None:
    """Add user terms (e.g. local agency names) to the private tokenizer.

    >>> add_terms(["职工科技服务工作站"])
    >>> "职工科技服务工作站" in [t.text for t in segment("建立职工科技服务工作站")]
    True
    """
    tk = get_tokenizer()
    with _LOCK:
        for term in terms:
            tk.add_word(term, freq=freq)


def segment(text: str, *, hmm: bool = True) -> list[Token]:
    """jieba words of ``text`` with their offsets; ``"".join`` of the words is ``text``.

    The words are exactly those of the tokenizer's ``cut(text, HMM=hmm)``; with ``hmm`` (the
    default) they are computed by :func:`_cut`, which runs jieba's algorithm with less overhead.

    >>> [(t.text, t.start) for t in segment("加快建设 2个中心")]
    [('加快', 0), ('建设', 2), (' ', 4), ('2', 5), ('个', 6), ('中心', 7)]
    """
    if not text:
        return []
    tk = get_tokenizer()
    words = _cut(tk, text) if hmm and _fast_path_ok(tk) else tk.cut(text, HMM=hmm)
    return _tokens(words)


# A Token's fields are written through its slots, as the frozen dataclass's own __init__ does with
# object.__setattr__, without the call of __init__ per word (a document has tens of thousands).
_NEW = object.__new__
_SET_TEXT = vars(Token)["text"].__set__
_SET_START = vars(Token)["start"].__set__
_SET_END = vars(Token)["end"].__set__


def _tokens(words: Iterable[str]) -> list[Token]:
    """``Token(w, start, end)`` for each of ``words`` in a row from offset 0.

    >>> _tokens(["推进", "节能减排"]) == [Token("推进", 0, 2), Token("节能减排", 2, 6)]
    True
    """
    out: list[Token] = []
    append = out.append
    start = 0
    for w in words:
        tok = _NEW(Token)
        _SET_TEXT(tok, w)
        _SET_START(tok, start)
        start += len(w)
        _SET_END(tok, start)
        append(tok)
    return out


# -- the guard of the fast path ----------------------------------------------------------------------
#: text on which the fast path must give jieba's words: policy prose in several registers, numbers,
#: Latin script, whitespace runs, and runs of characters that no dictionary word covers (the HMM's)
CHECK_TEXT = (
    "关于进一步加强职工技能培训工作的实施意见\n"
    "各区县人民政府,市政府各委、办、局:\n"
    "一、总体要求\n"
    "到2025年,全市技能劳动者占就业人员的比重达到30%以上,高技能人才总量突破120万人。"
    "市人力资源社会保障局牵头,市财政局、市教委按职责分工负责。\n"
    "(二)推进“互联网+职业培训”,开展线上线下相结合的培训,每年培训50万人次。\n"
    "加快建设 2个中心;GDP年均增长6.5%左右,R&D经费投入强度达到2.5%。\r\n\r\n"
    "\u3000\u3000嗯嗯啊啊哦哦呃呃 abc123 x-y_z#1&2 的的的的的的\t\t 韦伯斯特 莎拉波娃 卡洛斯\n"
    "沪府办发〔2024〕12号 2024年3月15日"
)


def _check_texts() -> list[str]:
    return [CHECK_TEXT, *(row["examples"] for row in read_tsv("terms.tsv"))]


_FAST_OK: dict[int, bool] = {}  # id(tokenizer) -> the fast path gives its words


def _fast_path_ok(tk: Any) -> bool:
    """Whether :func:`_cut` gives ``tk.cut``'s words (HMM on) on the check texts; checked once per
    tokenizer. A missing internal or one word of difference turns the fast path off, with a warning.

    >>> _fast_path_ok(get_tokenizer())
    True
    """
    ok = _FAST_OK.get(id(tk))
    if ok is None:
        try:
            ok = all(_cut(tk, t) == list(tk.cut(t)) for t in _check_texts())
            reason = "gives other words than jieba's Tokenizer.cut"
        except Exception as exc:  # an internal renamed or changed type
            ok, reason = False, f"fails ({exc!r})"
        if not ok:
            import jieba

            warnings.warn(
                f"policy_nlp.segment: the fast path {reason} with jieba"
                f" {getattr(jieba, '__version__', '?')}; using Tokenizer.cut (slower, same words)",
                PolicyNLPWarning,
                stacklevel=3,
            )
        _FAST_OK[id(tk)] = ok
    return ok


# -- jieba's default cut (HMM on), with less overhead ------------------------------------------------
# ``jieba.Tokenizer.cut`` splits the text into runs of Han characters/ASCII word characters and the
# rest; each run is cut along the most probable path through the dictionary's word graph (DAG), and
# runs of single characters that are not a word go to the HMM (``jieba.finalseg``). :func:`_cut`
# does the same, word for word (``test_segment`` compares it with jieba over real documents), but
# builds the graph and the best path in one backward pass, reuses each word's log probability, and
# cuts a run that repeats in the text only once.


def _log_probs(tk: Any) -> dict[str, float | None]:
    """Every entry of the tokenizer's dictionary: a word's ``log(freq) - log(total)``, None for a
    prefix that is no word (freq 0). Built once per total: adding a word changes the total."""
    cached = _LOG_PROBS.get(id(tk))
    if cached is None or cached[0] != tk.total or cached[1] is not tk.FREQ:
        logtotal = log(tk.total)
        table = {w: (log(f) - logtotal if f else None) for w, f in tk.FREQ.items()}
        cached = _LOG_PROBS[id(tk)] = (tk.total, tk.FREQ, table)
    return cached[2]


_LOG_PROBS: dict[int, tuple[int, dict[str, int], dict[str, float | None]]] = {}
_ABSENT = 1.0  # no log probability is positive: the marker of a fragment that is not in the dictionary


def _best_path(run: str, logp: dict[str, float | None], alone: float) -> list[int]:
    """For each position of ``run``, the end of the word the most probable path takes there
    (``jieba.Tokenizer.get_DAG`` + ``calc``; ties go to the longer word, as jieba's ``max`` does).
    ``alone`` is the log probability of a character that starts no word."""
    n = len(run)
    score = [0.0] * (n + 1)
    nxt = list(range(1, n + 1))
    for k in range(n - 1, -1, -1):
        best = None
        best_end = k + 1
        i = k + 1
        lp = logp.get(run[k], _ABSENT)
        while lp is not _ABSENT:
            if lp is not None:
                s = lp + score[i]
                if best is None or s >= best:
                    best, best_end = s, i
            if i >= n:
                break
            i += 1
            lp = logp.get(run[k:i], _ABSENT)
        score[k] = alone + score[k + 1] if best is None else best
        nxt[k] = best_end
    return nxt


def _cut_run(
    run: str, freq: dict[str, int], logp: dict[str, float | None], alone: float, hmm_cut: Any
) -> list[str]:
    """Words of one run of Han/ASCII word characters (``jieba.Tokenizer.__cut_DAG``); ``hmm_cut`` is
    ``jieba.finalseg.cut``, for runs of single characters that are no word."""
    nxt = _best_path(run, logp, alone)
    out: list[str] = []

    def flush(buf: str) -> None:  # single characters in a row: one, a dictionary word, or the HMM's
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(hmm_cut(buf))
        else:
            out.extend(buf)

    x = 0
    buf = ""
    n = len(run)
    while x < n:
        y = nxt[x]
        if y - x == 1:
            buf += run[x]
        else:
            if buf:
                flush(buf)
                buf = ""
            out.append(run[x:y])
        x = y
    if buf:
        flush(buf)
    return out


def _cut(tk: Any, text: str) -> list[str]:
    """The words of ``tk.cut(text)`` (HMM on) as a list."""
    import jieba
    from jieba import finalseg

    tk.check_initialized()
    freq = tk.FREQ
    logp = _log_probs(tk)
    alone = log(1) - log(tk.total)
    re_skip = jieba.re_skip_default
    done: dict[str, list[str]] = {}  # runs already cut in this text
    out: list[str] = []
    # split() with a group alternates: other text, a run, other text, …
    for i, blk in enumerate(jieba.re_han_default.split(text)):
        if not blk:
            continue
        if i % 2:
            words = done.get(blk)
            if words is None:
                words = done[blk] = _cut_run(blk, freq, logp, alone, finalseg.cut)
            out.extend(words)
        elif len(blk) == 1:  # mostly: one punctuation mark
            out.append(blk)
        else:  # whitespace (\r\n together) as one word each, anything else character by character
            for j, x in enumerate(re_skip.split(blk)):
                if j % 2:
                    out.append(x)
                else:
                    out.extend(x)
    return out


@cache
def _blank_zh() -> Any:
    import spacy

    return spacy.blank("zh")


SPAN_KEYS = ("targets", "bodies", "goals", "citations", "actions")


def to_spacy(doc: Document) -> Any:
    """A spaCy ``Doc`` over ``doc.text`` whose tokens are :func:`segment`'s words.

    Records appear as span groups ``spacy_doc.spans["targets"|"bodies"|"goals"|"citations"|"actions"]``
    (expanded to token boundaries), labelled by unit, role, section, kind and verb respectively;
    sentences as ``spacy_doc.spans["sentences"]``.

    >>> from policy_nlp import analyze
    >>> sdoc = analyze("推进节能减排。").to_spacy()
    >>> [t.text for t in sdoc]
    ['推进', '节能减排', '。']
    """
    from spacy.tokens import Doc as SpacyDoc

    nlp = _blank_zh()
    words = [t.text for t in segment(doc.text)]
    sdoc = SpacyDoc(nlp.vocab, words=words, spaces=[False] * len(words))
    labels: dict[str, Any] = {
        "targets": lambda r: r.unit or "target",
        "bodies": lambda r: r.role,
        "goals": lambda r: "goal",
        "citations": lambda r: r.kind,
        "actions": lambda r: r.verb,
    }
    for key in SPAN_KEYS:
        spans = []
        for rec in getattr(doc, key):
            span = sdoc.char_span(rec.start, rec.end, label=labels[key](rec), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        sdoc.spans[key] = spans
    sents = [sdoc.char_span(s.start, s.end, label="sentence", alignment_mode="expand") for s in doc.sentences]
    sdoc.spans["sentences"] = [s for s in sents if s is not None]
    return sdoc
