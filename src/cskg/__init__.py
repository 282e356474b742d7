"""cskg: the children's-services knowledge graph.

``from cskg import open_graph; kg = open_graph(); kg.show("evolve")``
"""

from __future__ import annotations

__version__ = "0.1.0"


def open_graph(store=None, build_if_missing: bool = True):
    """Open the knowledge graph (see ``cskg.api.open_graph``)."""
    from .api import open_graph as _open

    return _open(store, build_if_missing)


def build_graph(store=None, sources=None, register=None, curation=True):
    """Build the graph into a store (see ``cskg.api.build_graph``)."""
    from .api import build_graph as _build

    return _build(store, sources, register, curation)


__all__ = ["__version__", "build_graph", "open_graph"]
