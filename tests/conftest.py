"""Shared fixtures: paths to the bundled and shared corpora, the --update-golden flag."""

from __future__ import annotations

from pathlib import Path

import pytest

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
