"""The modules of policy_nlp import each other in one direction (issue 15): no import circle, counting
imports inside functions too, except the Document's convenience methods, which import the layer they
call on first use (``tokens``/``to_spacy`` → segment, ``instruments`` → learn, ``_repr_html_`` → view)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "policy_nlp"
#: upward imports allowed, each only inside a function body (a method of Document)
LAZY_UPWARD = {
    ("policy_nlp.model", "policy_nlp.segment"),
    ("policy_nlp.model", "policy_nlp.view"),
    ("policy_nlp.model", "policy_nlp.learn.instruments"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        name = ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = p
    return out


def _edges() -> list[tuple[str, str, bool]]:
    """(importer, imported, at module level) for every import between two modules of the package."""
    mods = _modules()
    edges = []
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
                mod = ".".join(x for x in (base, node.module or "") if x)
                targets = [mod, *(f"{mod}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for t in targets:
                related = t.startswith(name + ".") or name.startswith(t + ".")
                if t in mods and t != name and not related:
                    edges.append((name, t, id(node) in top))
    return edges


def test_no_import_circle() -> None:
    G = nx.DiGraph((a, b) for a, b, _top in _edges() if (a, b) not in LAZY_UPWARD)
    assert list(nx.simple_cycles(G)) == []


def test_the_allowed_upward_imports_are_lazy() -> None:
    for a, b, top in _edges():
        if (a, b) in LAZY_UPWARD:
            assert not top, f"{a} imports {b} at module level"


def test_the_check_sees_a_circle() -> None:
    # the graph check itself: the same construction finds a planted cycle
    G = nx.DiGraph([("policy_nlp.a", "policy_nlp.b"), ("policy_nlp.b", "policy_nlp.a")])
    assert list(nx.simple_cycles(G))
    assert any(a == "policy_nlp.model" for a, _b, _t in _edges())
