"""Choosing the council a per-council question is about: the one way, for every command and view.

A store may hold one council (the embedded corpus) or all of them (a
national ingest).  A grade table, a follow-up or a view must never mix two
councils, so each per-council answer goes through ``choose_authority``.
"""

from __future__ import annotations

from ..errors import InputError
from ..iris import authority_iri, authority_of
from ..sources.councils import resolve
from ..sources.curated import load_curated
from ..sources.files import default_register


def councils_in(kg) -> dict[str, str]:
    """IRI -> name of every council the graph holds an inspection of."""
    councils: dict[str, str] = {}
    for r in sorted(kg.select("councils"), key=lambda r: (r["authority"], r["authorityLabel"] or "")):
        councils.setdefault(r["authority"], r["authorityLabel"] or authority_of(r["authority"]) or r["authority"])
    return councils


def choose_authority(kg, given: str | None = None) -> tuple[str, str]:
    """The council a per-council command means: (IRI, name).

    ``given`` is a slug, name, Ofsted URN or GSS code (as
    ``sources.councils.resolve`` reads them).  Without it: the only council
    in the graph, else the embedded register's council, else an error asking
    for one, so that a store of many councils never gives a grade table that
    mixes them.
    """
    councils = councils_in(kg)
    if given:
        iri = authority_iri(given.strip().lower())
        if iri not in councils:
            iri = authority_iri(resolve(given).slug)
        if iri not in councils:
            raise InputError(f"no inspection of {given!r} in the graph; {_known(councils)}")
        return iri, councils[iri]
    if len(councils) == 1:
        return next(iter(councils.items()))
    if not councils:
        raise InputError("the graph holds no inspection, so there is no council to show")
    home = authority_iri(home_council(kg))
    if home in councils:
        return home, councils[home]
    raise InputError(f"the graph holds several councils: choose one with --authority; {_known(councils)}")


def council_iri(kg, given: str) -> str:
    """The IRI of the council ``given`` names, among the councils with an inspection in the graph."""
    return choose_authority(kg, given)[0]


def home_council(kg) -> str:
    """The slug of the council whose curated corpus the store was built from (kept in its manifest)."""
    manifest = kg.manifest
    if manifest.get("authority"):
        return manifest["authority"]
    # A store written before the manifest kept it: the register names its council.
    raw = load_curated(manifest.get("register") or default_register(), "register file")
    return str(raw.get("authority") or "") if isinstance(raw, dict) else ""


def _known(councils: dict[str, str], shown: int = 8) -> str:
    """A short list of the councils there are, for an error message that stays one line."""
    slugs = sorted(authority_of(iri) or iri for iri in councils)
    if not slugs:
        return "it holds no inspection"
    more = f" and {len(slugs) - shown} more (cskg query inspections)" if len(slugs) > shown else ""
    return "councils with inspections: " + ", ".join(slugs[:shown]) + more


def council_of_actions(kg, given: str) -> str:
    """The IRI of the council ``given`` names, for a question about its actions.

    Unlike ``choose_authority`` it does not need an inspection of the council
    in the graph: a council whose minutes were ingested before any report of
    it has actions to list.
    """
    iri = authority_iri(given.strip().lower())
    councils = councils_in(kg)
    if iri in councils:
        return iri
    return authority_iri(resolve(given).slug)
