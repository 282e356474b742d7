"""Positions for the network views, computed in Python with room for every label.

vis-network's force layouts put nodes where their labels overlap ("Look
Aheadcal offer for care") and its hierarchical layout knows nothing of label
widths.  Here each node gets a box from its label (lines x characters x the
font size, plus the shape), nodes are put in columns (layers: inspection ->
judgement -> paragraph -> finding -> entity, or improvement area -> action ->
owner -> body), ordered within a column by the barycentre of their
neighbours to cut crossings, and stacked with a gap, so no two boxes overlap.
vis draws labels at the same scale as positions, so boxes that do not overlap
in the layout do not overlap at any zoom; the page then opens at a zoom where
the text can be read (``templates/view.js``).

Pure Python and deterministic (no numpy, no randomness): the same graph gives
the same positions.
"""

from __future__ import annotations

from dataclasses import dataclass

# Average glyph width and line height as multiples of the font size, for the sans-serif fonts of
# Chromium on Debian (DejaVu Sans is the widest of them: about 0.6 em a character on average).
GLYPH = 0.6
LINE = 1.25
GAP_Y = 12
GAP_X = 70


@dataclass
class Box:
    """A node's extent around its position: vis centres the shape on (x, y); a label under a dot hangs below."""

    width: float
    height: float
    dy: float  # how far the box's centre is below the node's position


def box_of(label: str, font: float, shape: str, size: float, margin: float = 6) -> Box:
    """The box vis draws for a node: a label inside a box shape, or under any other shape."""
    lines = str(label or "").split("\n")
    text_w = max((len(line) for line in lines), default=0) * font * GLYPH
    text_h = len(lines) * font * LINE if label else 0
    if shape == "box":
        return Box(text_w + 2 * margin + 4, text_h + 2 * margin, 0.0)
    height = 2 * size + (4 + text_h if label else 0)
    return Box(max(text_w, 2 * size), height, height / 2 - size)


def layered(
    nodes: dict[str, Box],
    column: dict[str, int],
    edges: list[tuple[str, str]],
    order: dict[str, tuple] | None = None,
    max_rows: int | None = None,
    gap_x: float = GAP_X,
    gap_y: float = GAP_Y,
    fixed: set[int] | frozenset = frozenset(),
) -> dict[str, tuple[float, float]]:
    """(x, y) per node: columns left to right, nodes stacked in each, boxes never overlapping.

    ``column`` gives each node's layer; ``order`` an initial order within a
    layer (default: the node id).  A few barycentre sweeps order each layer
    by the mean place of its neighbours in the layers beside it (layers in
    ``fixed`` keep ``order``: inspections by year); a layer of more than
    ``max_rows`` nodes is wrapped into several columns side by side.  The
    tallest column is stacked first; every other node then sits level with
    the mean of its neighbours already placed, pushed down only as far as the
    node above it needs.
    """
    order = order or {}
    layers: dict[int, list[str]] = {}
    for node in sorted(nodes, key=lambda n: (order.get(n, ()), n)):
        layers.setdefault(column[node], []).append(node)
    keys = sorted(layers)
    neighbours: dict[str, set[str]] = {n: set() for n in nodes}
    for s, t in edges:
        if s in nodes and t in nodes and s != t:
            neighbours[s].add(t)
            neighbours[t].add(s)

    def sweep(sequence: list[int]) -> None:
        for k in sequence:
            if k in fixed:
                continue
            rank = {n: i for key in keys if key != k for i, n in enumerate(layers[key])}
            current = {n: i for i, n in enumerate(layers[k])}
            layers[k].sort(key=lambda n, r=rank, c=current: (_centre(n, neighbours, r, c), c[n]))

    for _ in range(3):
        sweep(keys[1:])
        sweep(list(reversed(keys[:-1])))

    # Wrap tall layers into sub-columns; each (layer, part) becomes one physical column.
    columns: list[list[str]] = []
    for k in keys:
        members = layers[k]
        step = max_rows or len(members) or 1
        columns += [members[i : i + step] for i in range(0, len(members), step)]

    lefts, x = [], 0.0
    for members in columns:
        width = max(nodes[n].width for n in members)
        lefts.append(x + width / 2)
        x += width + gap_x
    positions: dict[str, tuple[float, float]] = {}
    for k in sorted(range(len(columns)), key=lambda k: (-len(columns[k]), k)):
        members = columns[k]
        placed_before = dict(positions)
        bottom = None
        for n in members:
            b = nodes[n]
            near = [placed_before[m][1] + nodes[m].dy for m in neighbours[n] if m in placed_before]
            top_free = None if bottom is None else bottom + gap_y
            if near:
                wanted = sum(near) / len(near) - b.height / 2
                top = wanted if top_free is None else max(wanted, top_free)
            else:
                top = 0.0 if top_free is None else top_free
            positions[n] = (round(lefts[k], 1), round(top + b.height / 2 - b.dy, 1))
            bottom = top + b.height
    return positions


def _centre(n: str, neighbours: dict[str, set[str]], rank: dict[str, int], current: dict[str, int]) -> float:
    """The mean place of ``n``'s neighbours in the other layers (its own place when it has none there)."""
    near = [rank[m] for m in neighbours[n] if m in rank]
    return sum(near) / len(near) if near else current[n]


def overlaps(nodes: dict[str, Box], positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes overlap (a check for tests; a layout should give none)."""
    spans = sorted(
        (
            positions[n][0] - b.width / 2,
            positions[n][0] + b.width / 2,
            positions[n][1] + b.dy - b.height / 2,
            positions[n][1] + b.dy + b.height / 2,
            n,
        )
        for n, b in nodes.items()
    )
    found = []
    for i, (_, r1, t1, b1, n1) in enumerate(spans):
        for l2, _, t2, b2, n2 in spans[i + 1 :]:
            if l2 >= r1:
                break
            if t1 < b2 and t2 < b1:
                found.append((n1, n2))
    return found
