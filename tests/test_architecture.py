"""The package's shape: folders in pipeline order, no cycles, no hidden imports, a light lookup path.

The layering is the one ``docs/architecture.md`` draws: the kernel
(``errors``, ``namespace``, ``iris``, ``model``, ``folding``) imports only
itself; each step folder imports the kernel and the folders before it; the
two faces (``api``, ``cli``) sit on top.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "cskg"
KERNEL = {"errors", "namespace", "iris", "model", "folding"}
ORDER = ["sources", "parse", "extract", "graph", "store", "sparql", "pipeline", "lookup", "views"]
FACES = {"api", "cli", "__init__"}
# Third-party (and one standard-library) packages heavy enough to import only inside the function that needs them.
HEAVY = {"pyoxigraph", "networkx", "pyshacl", "rdflib", "yaml", "pypdfium2", "urllib.request", "pyvis"}


@functools.cache
def _modules() -> dict[str, Path]:
    """Dotted module name (without ``cskg.``) -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function, line) for each import of ``path``; own modules without ``cskg.``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    local_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local_lines.update(sub.lineno for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom)))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno in local_lines, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, node.module] if node.module else base)
                # "from . import x" and "from .pkg import mod" name modules: keep the deepest that exists.
                names = [f"{target}.{a.name}" if target else a.name for a in node.names]
                modules = _modules()
                chosen = [n for n in names if n in modules] or [target]
                found += [("cskg." + c if c else "cskg", node.lineno in local_lines, node.lineno) for c in chosen]
            else:
                found.append((node.module or "", node.lineno in local_lines, node.lineno))
    return found


def _layer(module: str) -> tuple[str, int]:
    """(kind, rank): kernel 0, step folders 1..n in pipeline order, faces last."""
    top = module.split(".")[0]
    if top in KERNEL:
        return "kernel", 0
    if top in ORDER:
        return "step", 1 + ORDER.index(top)
    return "face", len(ORDER) + 1


def _own(imported: str) -> str | None:
    if imported == "cskg":
        return "__init__"
    return imported[len("cskg.") :] if imported.startswith("cskg.") else None


def _resolve(own: str) -> str:
    """A package import names its __init__; a module import names the module."""
    modules = _modules()
    return own if own in modules else f"{own}.__init__"


def test_every_import_points_down_the_pipeline():
    wrong = []
    for name, path in _modules().items():
        kind, rank = _layer(name)
        for imported, _, line in _imports(name, path):
            own = _own(imported)
            if own is None:
                continue
            _, other_rank = _layer(own)
            if kind == "face":
                continue
            if other_rank > rank or (kind == "kernel" and other_rank != 0):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {name} imports {own}")
    assert not wrong, "imports that point back up the pipeline:\n" + "\n".join(wrong)


def test_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for name, path in _modules().items():
        graph[name] = {_resolve(own) for imported, _, _ in _imports(name, path) if (own := _own(imported))} - {name}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_function_local_imports_only_for_heavy_packages():
    """Outside the two faces, an import inside a function is a heavy package's, never a way round a cycle."""
    hidden = []
    for name, path in _modules().items():
        if _layer(name)[0] == "face":
            continue
        for imported, local, line in _imports(name, path):
            if local and imported.split(".")[0] not in HEAVY and imported not in HEAVY:
                hidden.append(f"{path.relative_to(ROOT)}:{line}: {imported}")
    assert not hidden, "function-local imports of light or own modules:\n" + "\n".join(hidden)


def test_faces_import_steps_lazily_but_never_a_package_they_do_not_use():
    """The faces may defer a step's import (a lookup must not load the parser); each deferred module exists."""
    modules = _modules()
    for face in ("api", "cli"):
        for imported, _, line in _imports(face, modules[face]):
            own = _own(imported)
            assert own is None or _resolve(own) in modules, f"{face}.py:{line}: no module {imported}"


def test_subpackage_init_files_are_empty():
    for folder in ORDER:
        init = PACKAGE / folder / "__init__.py"
        assert init.is_file() and init.read_text(encoding="utf-8").strip() == "", init


def test_every_step_folder_is_a_package_and_nothing_else_lies_loose():
    loose = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert set(loose) == KERNEL | FACES, loose
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("_")} == set(ORDER)


FORBIDDEN_ON_LOOKUP = (
    "cskg.parse",
    "cskg.extract",
    "cskg.graph",
    "cskg.pipeline",
    "cskg.views",
    "rdflib",
    "networkx",
    "pyvis",
    "pyshacl",
    "pypdfium2",
    "yaml",
)
_PROBE = """
import runpy, sys
sys.argv = ["cskg", *sys.argv[1:]]
try:
    runpy.run_module("cskg.cli", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command",
    [
        ["show", "evolve"],
        ["list"],
        ["search", "pathway plan"],
        ["actions", "--as-of", "2026-11-23"],
        ["timeline"],
        ["follow-up"],
    ],
)
def test_the_lookup_path_loads_no_parser_graph_writer_or_network_library(store_path, command):
    import os

    env = dict(os.environ, CSKG_STORE=str(store_path))
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, env=env, timeout=120
    )
    loaded = set(proc.stderr.split())
    assert "cskg.api" in loaded, proc.stderr[-500:]
    heavy = sorted(m for m in loaded if m.startswith(FORBIDDEN_ON_LOOKUP))
    assert not heavy, f"cskg {' '.join(command)} loaded {heavy}"


def test_a_lookup_of_the_default_store_loads_no_builder_either(store_path, tmp_path):
    """The default store is checked for staleness on every lookup: that check reads stats, it builds nothing."""
    import os
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(store_path, cache / "cskg" / "store")
    env = {k: v for k, v in os.environ.items() if k != "CSKG_STORE"} | {"XDG_CACHE_HOME": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "show", "evolve"], capture_output=True, text=True, env=env, timeout=120
    )
    loaded = set(proc.stderr.split())
    assert "cskg.api" in loaded and "building" not in proc.stderr, proc.stderr[-500:]
    heavy = sorted(m for m in loaded if m.startswith((*FORBIDDEN_ON_LOOKUP, "cskg.pipeline")))
    assert not heavy, f"cskg show evolve on the default store loaded {heavy}"
