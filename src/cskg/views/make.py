"""Which view a request means: the one entry point of ``cskg view`` and ``KnowledgeGraph.view``."""

from __future__ import annotations

from ..errors import InputError
from .national import national_network
from .networks import (
    accountability_network,
    comparison_network,
    overview_network,
    service_comparison_network,
    service_network,
)
from .page import View, render


def view(
    kg,
    name: str | None = None,
    depth: int = 1,
    inspection: int | None = None,
    accountability: bool = False,
    compare: tuple[int, int] | None = None,
    as_of=None,
    authority: str | None = None,
    national: bool = False,
    compare_service: str | None = None,
    neighbours: bool = False,
) -> View:
    """The view the arguments ask for: a service (NAME), the accountability
    chain, a comparison of two inspections, every council (``national``), or
    (no arguments) the overview.  ``authority`` (a council's name, slug, URN
    or GSS code) chooses the council of the whole-graph views when the store
    holds several, and narrows NAME to that council's entities.
    ``compare_service`` (a service type) compares that kind of service across
    councils: ``authority`` and, with ``neighbours``, its statistical neighbours."""
    chosen = sum(bool(x) for x in (name, accountability, compare, national, compare_service))
    if chosen > 1:
        raise InputError(
            "choose one view: a NAME, --accountability, --compare, --compare-service or --national, not several"
        )
    if compare_service:
        g = service_comparison_network(kg, compare_service, authority, neighbours)
        result = render(g)
        result.name = f"compare-{g.graph['slug']}"
        return result
    if national:
        result = render(national_network(kg))
        result.name = "national"
        return result
    if name:
        g = service_network(kg, name, depth=depth, inspection=inspection, authority=authority)
    elif accountability:
        g = accountability_network(kg, as_of=as_of, authority=authority)
    elif compare:
        g = comparison_network(kg, int(compare[0]), int(compare[1]), authority=authority)
    else:
        g = overview_network(kg, authority=authority)
    result = render(g)
    if name:
        result.name = f"service-{g.graph['slug']}"
    elif compare:
        a, b = sorted(int(y) for y in compare)
        result.name = f"compare-{a}-{b}"
    return result
