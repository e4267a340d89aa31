"""The package's layout as the README describes it: imports flow one way (shells -> runner/pipeline ->
stages -> shared utilities and data), with no cycles, read from the source with ast."""
import ast
import pathlib

import pytest

PKG = pathlib.Path(__file__).resolve().parents[1] / "pantau"
# the package itself is the Python API's front door (pantau.analyze_text, pantau.open): a shell too
SHELLS = {"pantau", "pantau.cli", "pantau.api", "pantau.notebook", "pantau.web", "pantau.web.app"}
STORES = "pantau.store"
STAGES = "pantau.stages"
NLP = "pantau.nlp"


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, pathlib.Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _imports(name: str, path: pathlib.Path, known: set[str]) -> set[str]:
    """The pantau modules `name` imports anywhere in its code (function-level imports too)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                full = f"{mod}.{alias.name}"
                out.add(full if full in known else mod)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("pantau") and m != name}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    # importing a package runs its __init__: an edge to "pantau" itself (for __version__) is no cycle
    return {m: {t for t in _imports(m, p, known) if t in known and t != "pantau"} for m, p in mods.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_stages_import_no_shell_store_or_runner():
    graph = _graph()
    bad = {(m, t) for m, ts in graph.items() if m.startswith(STAGES) for t in ts
           if t in SHELLS or t.startswith(STORES) or t in {"pantau.runner", "pantau.distributed", "pantau.pipeline"}}
    assert bad == set()


def test_shared_utilities_import_no_stage():
    graph = _graph()
    bad = {(m, t) for m, ts in graph.items() if m.startswith(NLP) for t in ts
           if t.startswith(STAGES) or t.startswith(STORES) or t in SHELLS}
    assert bad == set()


def test_nothing_below_the_shells_imports_a_shell():
    graph = _graph()
    bad = {(m, t) for m, ts in graph.items() if m not in SHELLS and not m.startswith("pantau.web")
           for t in ts if t in SHELLS}
    assert bad == set()


def test_every_stage_the_pipeline_lists_is_a_module_of_stages():
    from pantau.pipeline import STAGES as listed

    assert sorted(listed) == sorted(p.stem for p in (PKG / "stages").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("limit", [15])
def test_few_modules_directly_in_the_package(limit):
    assert len([p for p in PKG.glob("*.py")]) <= limit
