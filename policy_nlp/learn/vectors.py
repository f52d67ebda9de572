"""Word vectors of policy language, learned without labels from the development corpora.

The instrument model's labeled units are few (about 3,400); the words of a new document are often
words no labeled unit had. Word vectors learned from the unlabeled text of thousands of policy
documents carry what the labels cannot: 补贴 is used like 补助 and 津贴, 贷款 like 融资 and 信贷.
The recipe is the count-based one of Levy, Goldberg & Dagan (2015): co-occurrence counts of the
policy tokenizer's words within a window of 3 in each sentence, positive PMI with context
smoothing 0.75, a truncated SVD (``U·S``, 50 dimensions), each row l2-normalised. No network, no
pretrained model: ``python -m policy_nlp.learn.vectors ../shared/corpora`` (part of
``make instruments``) rebuilds ``resources/word_vectors.json`` from the real texts, gov.cn pages and
laws in ``../shared/corpora``; scikit-learn and scipy are needed only there. Stored as int8 (a
vector times 127, base64), read with the standard library.

>>> v = load_vectors()
>>> v.dims, "补贴" in v
(50, True)
>>> "补助" in [w for w, _s in v.similar("补贴", 10)]
True
>>> round(sum(x * x for x in v.mean(["财政", "补贴"])), 3)
1.0
>>> v.mean(["未登录的词语"]) == [0.0] * v.dims
True
"""

from __future__ import annotations

import argparse
import base64
import datetime as _dt
import json
import logging
import math
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from policy_nlp.errors import ResourceError
from policy_nlp.learn.features import word_features
from policy_nlp.resources import read_json

__all__ = [
    "VECTORS_FILE",
    "VECTORS_FORMAT",
    "WordVectors",
    "build_vectors",
    "corpus_sentences",
    "load_vectors",
    "main",
]

log = logging.getLogger(__name__)

VECTORS_FILE = "word_vectors.json"
VECTORS_FORMAT = "policy_nlp.word_vectors.int8.v1"
_SCALE = 127


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Unit-length word vectors: ``words`` in row order, ``data`` the rows as int8 (value × 127)."""

    words: tuple[str, ...]
    dims: int
    data: array  # type: ignore[type-arg]
    meta: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.data) != len(self.words) * self.dims:
            raise ResourceError(
                f"word vectors: {len(self.data)} values for {len(self.words)} words of {self.dims}"
            )
        self._index.update((w, i) for i, w in enumerate(self.words))

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __len__(self) -> int:
        return len(self.words)

    def vector(self, word: str) -> list[float] | None:
        """The vector of ``word`` (None for a word without one)."""
        i = self._index.get(word)
        if i is None:
            return None
        return [v / _SCALE for v in self.data[i * self.dims : (i + 1) * self.dims]]

    def mean(self, words: Iterable[str]) -> list[float]:
        """The l2-normalised mean of the vectors of ``words`` (words without one are skipped; all
        zeros when none has one) — the dense features of a text."""
        total = [0.0] * self.dims
        d = self.dims
        for w in words:
            i = self._index.get(w)
            if i is not None:
                row = self.data[i * d : (i + 1) * d]
                total = [t + v for t, v in zip(total, row, strict=True)]
        norm = math.sqrt(sum(t * t for t in total))
        return [t / norm for t in total] if norm else total

    def similar(self, word: str, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` words whose vectors are closest to ``word``'s (cosine), most similar first;
        empty for a word without a vector."""
        q = self.vector(word)
        if q is None:
            return []
        d = self.dims
        scores = []
        for i, w in enumerate(self.words):
            if w != word:
                row = self.data[i * d : (i + 1) * d]
                scores.append((sum(a * b for a, b in zip(q, row, strict=True)) / _SCALE, w))
        scores.sort(reverse=True)
        return [(w, round(s, 4)) for s, w in scores[:n]]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WordVectors:
        """The vectors stored in ``data`` (the parsed JSON file); ResourceError on another format."""
        if data.get("format") != VECTORS_FORMAT:
            raise ResourceError(f"not word vectors of format {VECTORS_FORMAT!r}: {data.get('format')!r}")
        values = array("b", base64.b64decode(data["vectors"]))
        meta = {k: v for k, v in data.items() if k not in ("words", "vectors")}
        return cls(tuple(data["words"]), int(data["dims"]), values, meta)

    def to_dict(self, **meta: Any) -> dict[str, Any]:
        return {"format": VECTORS_FORMAT, **meta, "dims": self.dims, "words": list(self.words),
                "vectors": base64.b64encode(self.data.tobytes()).decode("ascii")}  # fmt: skip


@cache
def load_vectors() -> WordVectors:
    """The shipped word vectors (read once per process)."""
    return WordVectors.from_dict(read_json(VECTORS_FILE))


# -- building (scikit-learn and scipy; where ../shared/corpora exists) --------------------------------
def corpus_sentences(shared: Path, *, progress: bool = False) -> Iterator[list[str]]:
    """The words (:func:`~policy_nlp.learn.features.word_features`) of every sentence of the real
    texts, gov.cn pages and laws under ``shared`` (a file that cannot be read is skipped and logged)."""
    import policy_nlp
    from policy_nlp.progress import Progress

    paths = sorted((shared / "real").glob("*.txt")) + sorted((shared / "govcn2019").glob("*.html"))
    paths += [p for p in sorted((shared / "laws").rglob("*.md")) if p.name != "README.md"]
    bar = Progress(len(paths), tty=False, interval=10.0) if progress else None
    failed = 0
    for k, p in enumerate(paths, 1):
        try:
            doc = policy_nlp.analyze(p)
        except Exception as exc:  # one bad file never stops the build
            log.warning("skipped %s: %s", p, exc)
            failed += 1
            continue
        for s in doc.sentences:
            yield word_features(doc.text[s.start : s.end])
        if bar:
            bar.update(done=k - failed, failed=failed)
    if bar:
        bar.close(done=len(paths) - failed, failed=failed)


def build_vectors(
    sentences: Iterable[Sequence[str]], *, dims: int = 50, window: int = 3, min_count: int = 5, seed: int = 0
) -> WordVectors:
    """PPMI-SVD word vectors of the words in ``sentences`` seen at least ``min_count`` times (see
    the module docstring), quantised to int8."""
    import numpy as np
    from scipy.sparse import coo_matrix, csr_matrix
    from sklearn.utils.extmath import randomized_svd

    sents = [list(s) for s in sentences]
    counts = Counter(w for s in sents for w in s)
    words = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: i for i, w in enumerate(words)}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        for i, a in enumerate(ids):
            if a >= 0:
                for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                    if j != i and ids[j] >= 0:
                        rows.append(a)
                        cols.append(ids[j])
    n = len(words)
    m = coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, n)).tocsr().tocoo()
    total = m.data.sum()
    row_p = np.bincount(m.row, m.data, n) / total
    ctx = np.bincount(m.col, m.data, n) ** 0.75
    ctx /= ctx.sum()
    pmi = np.log((m.data / total) / (row_p[m.row] * ctx[m.col]))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=(n, n))
    u, s, _vt = randomized_svd(ppmi, dims, random_state=seed)
    e = u * s
    e /= np.linalg.norm(e, axis=1, keepdims=True) + 1e-12
    q = np.clip(np.round(e * _SCALE), -_SCALE, _SCALE).astype(np.int8)
    meta = {
        "window": window,
        "min_count": min_count,
        "sentences": len(sents),
        "tokens": int(sum(counts.values())),
    }
    return WordVectors(tuple(words), dims, array("b", q.ravel().tobytes()), meta)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policy_nlp.learn.vectors SHARED_CORPORA``: build the word vectors from the corpora
    and write ``policy_nlp/resources/word_vectors.json``."""
    ap = argparse.ArgumentParser(prog="python -m policy_nlp.learn.vectors", description=main.__doc__)
    ap.add_argument("shared", type=Path, help="the shared corpora root (../shared/corpora)")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "resources" / VECTORS_FILE
    )
    ap.add_argument("--dims", type=int, default=50)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not a.shared.is_dir():
        ap.error(f"{a.shared} is not a directory")
    vec = build_vectors(corpus_sentences(a.shared, progress=True), dims=a.dims)
    meta = {
        "built": _dt.date.today().isoformat(),
        "command": "python -m policy_nlp.learn.vectors ../shared/corpora",
        **vec.meta,
    }
    a.out.write_text(
        json.dumps(vec.to_dict(**meta), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    log.info("wrote %s (%d words, %d bytes)", a.out, len(vec), a.out.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
