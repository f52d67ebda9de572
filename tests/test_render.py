"""Pictures of the citation graph: offline HTML (checked in headless chromium) and PNG."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from policy_nlp.graph import build_citation_graph, citing_document, write_graph
from policy_nlp.render import graph_view_data, to_html, write_html, write_png

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def G() -> Any:
    paths = [*sorted(CORPORA.glob("cite_*.txt")), CORPORA / "shanghai_acftu_2011.txt"]
    docs = [citing_document(p.read_text(encoding="utf-8"), id=p.stem) for p in paths]
    return build_citation_graph(docs)


def _data(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m
    return dict(json.loads(m.group(1)))


def test_html_is_self_contained(G: Any) -> None:
    page = to_html(G)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    data = _data(page)
    assert data["total_nodes"] == G.number_of_nodes()
    assert data["total_edges"] == G.number_of_edges()
    assert any(n["label"] == "关于进一步推进本市职工创新工作的实施办法" for n in data["nodes"])


def test_html_escapes_script_end() -> None:
    doc = citing_document("通知\n贯彻《关于</script><b>x</b>的通知》。", id="x")
    page = to_html(build_citation_graph([doc]))
    assert page.count("</script>") == 2  # only the two real script ends
    assert _data(page)["nodes"]


def test_view_data_limits_nodes(G: Any) -> None:
    view = graph_view_data(G, max_nodes=5)
    assert len(view["nodes"]) == 5
    assert all(0 <= link["s"] < 5 and 0 <= link["t"] < 5 for link in view["links"])
    assert all(n["type"] != "action" for n in graph_view_data(G)["nodes"])
    assert any(n["type"] == "action" for n in graph_view_data(G, actions=True)["nodes"])


def _nonblank(png: Path) -> float:
    import matplotlib.image as mpimg
    import numpy as np

    img = np.asarray(mpimg.imread(str(png)), dtype=float)
    return float(img[..., :3].std())


def test_write_png(G: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "g.png"
    write_png(G, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _nonblank(out) > 0.02


def test_write_png_without_matplotlib_names_the_extra(G: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"policy_nlp\[plot\]"):
        write_png(G, tmp_path / "g.png")
    assert not (tmp_path / "g.png").exists()


def test_write_graph_html_and_png(G: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    write_graph(G, tmp_path / "g.html")
    write_graph(G, tmp_path / "g.png")
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "g.png").stat().st_size > 1000


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium binary on PATH (apt-get install chromium) — browser check not run")


@pytest.mark.browser
def test_html_in_headless_chromium(G: Any, tmp_path: Path) -> None:
    browser = _chromium()
    page = tmp_path / "graph.html"
    write_html(G, page)
    shot = tmp_path / "shot.png"
    common = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1200,800", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 0
    assert _nonblank(shot) > 0.02
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], check=True, capture_output=True, timeout=120, text=True
    ).stdout
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert f'data-nodes="{n}"' in dom  # set by the page's script: it ran
    assert f"{n} nodes · {m} edges" in dom
    assert 'data-ready="1"' in dom
