"""Every notebook in notebooks/ runs top to bottom in a real Jupyter kernel (nbclient), from the repo
root, and the quickstart's document cell displays the highlighted document (text/html)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@functools.cache
def _run(path: Path) -> Any:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path) -> None:
    nb = _run(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


def test_a_document_displays_itself_in_the_notebook() -> None:
    nb = _run(ROOT / "notebooks" / "quickstart.ipynb")
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("doc  #"))
    (out,) = [o for o in cell.outputs if o.output_type == "execute_result"]
    page = out.data["text/html"]
    assert 'class="policy-nlp-doc"' in page and 'class="pn-m k-target"' in page


def test_research_notebook_codes_instruments_and_draws_reuse_edges() -> None:
    """Issue 13's notebook: instruments coded across documents with their shares plotted, and the reuse
    edges of the graph drawn (each a matplotlib figure in the cell's output)."""
    nb = _run(ROOT / "notebooks" / "research.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    shares = next(c for c in code if "instrument_shares(" in c.source)
    drawn = next(c for c in code if "reuse_edges(G)" in c.source)
    for cell in (shares, drawn):
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source[:40]
    table = next(o for o in shares.outputs if o.output_type == "execute_result").data["text/html"]
    assert "supply" in table and "environment" in table
