"""Shared fixtures: paths to the bundled and shared corpora, the seed's structure, the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_nlp.model import Document

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared" / "corpora"
SEED = SHARED / "shanghai_acftu_2011.txt"
BUNDLED_SEED = CORPORA / "shanghai_acftu_2011.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed directive: the bundled copy, else ../shared/corpora (skips when neither exists)."""
    for p in (BUNDLED_SEED, SEED):
        if p.exists():
            return p
    pytest.skip("seed directive not available")


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpora not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_structure(seed_path: Path) -> Document:
    """The seed through the structure stages alone (load, normalize, meta, sections, sentences): no
    extractor is imported."""
    from policy_nlp.io import load
    from policy_nlp.model import Source
    from policy_nlp.normalize import normalize
    from policy_nlp.structure import find_sections, find_sentences, parse_meta

    raw = load(seed_path)
    text, offsets = normalize(raw)
    return Document(
        id=seed_path.stem,
        source=Source(raw.path, raw.sha256, raw.format, raw.encoding),
        text=text,
        meta=parse_meta(text),
        sections=tuple(find_sections(text)),
        sentences=tuple(find_sentences(text)),
        offsets=offsets,
    )
