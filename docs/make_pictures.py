"""Draw the pictures of the tutorial pages (docs/img/*.png) from the bundled corpus.

Run from the repository root: ``.venv/bin/python docs/make_pictures.py``. The document-view screenshot
needs headless Chromium (Debian: apt-get install chromium fonts-wqy-microhei) and is skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from policy_nlp import analyze, build_citation_graph, frames, plots
from policy_nlp.graph import write_graph
from policy_nlp.view import write_html

IMG = Path("docs/img")


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    f = frames("corpora")
    for name, draw in (
        ("targets_by_year", lambda: plots.targets_by_year(f)),
        ("targets_by_indicator", lambda: plots.targets_by_indicator(f, top=12)),
        ("records_by_section", lambda: plots.records_by_section(analyze("corpora/tasks_province_plan.txt"))),
    ):
        ax = draw()
        ax.figure.tight_layout()
        ax.figure.savefig(IMG / f"{name}.png", dpi=80)
        matplotlib.pyplot.close(ax.figure)
    docs = [analyze(p) for p in sorted(Path("corpora").glob("*.txt"))]
    write_graph(build_citation_graph(docs), IMG / "citation_graph.png")
    browser = shutil.which("chromium")
    if browser:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "view.html"
            write_html(analyze("corpora/tasks_province_plan.txt"), page)
            subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/p",
                 f"--screenshot={IMG.resolve() / 'document_view.png'}", "--window-size=1000,800", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )


if __name__ == "__main__":
    main()
