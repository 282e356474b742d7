"""English councils' standard identifiers: Ofsted URN, ONS GSS code, region, statistical neighbours.

Reports name their council in many ways ("Bournemouth, Christchurch and
Poole", "Kingston upon Hull City Council", "the Royal Borough of ..."), and
some are written about a children's trust instead.  To make one council one
node across all its reports, an ingested report is tied to a row of
``data/la-lookup.csv`` (from data-to-insight's ofsted-ilacs-scrape-tool, MIT
licence): first by the Ofsted URN in its folder name (``80543_rotherham/``),
then by the name on its first page.  The authority IRI is
``csd:authority/{slug of the ONS name}``, so Rotherham's curated graph and its
ingested reports share ``csd:authority/rotherham``.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .sources import project_path

_COUNCIL_WORDS = re.compile(
    r"\b(?:the|council|county|city|borough|metropolitan|royal|district|london|of|local authority|children.s services)\b", re.I)
_TRUST = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,3}?(?:Children(?:'s|’s)?\s+(?:Services\s+)?Trust|Children and Families Trust|"
    r"Children First|Together for Children|Achieving for Children))")


@dataclass(frozen=True)
class Authority:
    """One council as la-lookup.csv describes it."""

    slug: str
    name: str
    urn: str
    gss: str  # ONS GSS code, e.g. E08000018
    la_code: str  # DfE LA code, e.g. 372
    region: str
    region_gss: str
    neighbours: tuple[str, ...] = field(default=())  # DfE LA codes of its statistical neighbours
    aliases: tuple[str, ...] = field(default=())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")


def _key(name: str) -> str:
    """A council name reduced to its distinctive words ("Rotherham Metropolitan Borough Council" -> "rotherham")."""
    name = name.replace("&", " and ").replace("’", "'")
    name = re.sub(r",\s*(city|county) of$", "", name, flags=re.I)
    return " ".join(_COUNCIL_WORDS.sub(" ", name.lower()).replace(",", " ").split())


def lookup_path() -> Path:
    return project_path("data") / "la-lookup.csv"


@functools.lru_cache(maxsize=2)
def load_authorities(path: str | None = None) -> tuple[Authority, ...]:
    """Every council of the lookup table (read once per process)."""
    rows = csv.DictReader(Path(path or lookup_path()).open(encoding="utf-8-sig"))
    out = []
    for r in rows:
        name = r["local_authority_ons_name"].strip()
        display = re.sub(r"^(.*), (City|County) of$", r"\1", name)
        aliases = tuple(a.strip() for a in r["also_known_as"].strip("[]").split(",") if a.strip())
        out.append(Authority(
            slug=slug(display), name=display, urn=r["urn"].strip(), gss=r["la_code_new"].strip(),
            la_code=r["la_code"].strip(), region=(r["region_name"] or r["rgn22nm"]).strip(),
            region_gss=r["rgn22cd"].strip(),
            neighbours=tuple(n.strip() for n in r["stat_neighbours"].split(",") if n.strip()),
            aliases=aliases))
    return tuple(out)


def by_urn(urn: str) -> Authority | None:
    return next((a for a in load_authorities() if a.urn == urn), None)


def by_la_code(code: str) -> Authority | None:
    return next((a for a in load_authorities() if a.la_code == code), None)


def by_name(name: str) -> Authority | None:
    """The council a report's title names, ignoring "council", "city of", "the" and the like."""
    key = _key(name)
    if not key:
        return None
    for a in load_authorities():
        if key in {_key(n) for n in (a.name, *a.aliases)}:
            return a
    # "Bath and North East" (a title broken over two lines) names one council only.
    hits = [a for a in load_authorities() if _key(a.name).startswith(key + " ") or key.startswith(_key(a.name) + " ")]
    return hits[0] if len(hits) == 1 else None


def resolve(given: str) -> Authority:
    """The council a user names: its slug, name (as ``by_name`` reads names), Ofsted URN or GSS code.

    Raises ``InputError`` naming the closest councils when nothing matches, so
    a typo in ``--param authority=...`` is not silently an empty result.
    """
    from .errors import InputError

    value = given.strip()
    for a in load_authorities():
        if value.lower() in (a.slug, a.urn, a.gss.lower()):
            return a
    found = by_name(value) if value else None
    if found:
        return found
    import difflib
    close = difflib.get_close_matches(slug(value), [a.slug for a in load_authorities()], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else " (give a council's name, slug, Ofsted URN or GSS code)"
    raise InputError(f"no council {given!r} in la-lookup.csv{hint}")


def councils_in(kg) -> dict[str, str]:
    """IRI -> name of every council the graph holds an inspection of."""
    councils: dict[str, str] = {}
    for r in sorted(kg.select("councils"), key=lambda r: (r["authority"], r["authorityLabel"] or "")):
        councils.setdefault(r["authority"], r["authorityLabel"] or r["authority"].rsplit("/", 1)[-1])
    return councils


def choose_authority(kg, given: str | None = None) -> tuple[str, str]:
    """The council a per-council command means: (IRI, name).

    ``given`` is a slug, name, Ofsted URN or GSS code (as ``resolve`` reads
    them).  Without it: the only council in the graph, else the embedded
    register's council, else an error asking for one, so that a store of many
    councils never gives a grade table that mixes them.
    """
    from .errors import InputError

    councils = councils_in(kg)
    prefix = _authority_prefix()
    if given:
        iri = prefix + given.strip().lower()
        if iri not in councils:
            iri = prefix + resolve(given).slug
        if iri not in councils:
            raise InputError(f"no inspection of {given!r} in the graph; {_known(councils)}")
        return iri, councils[iri]
    if len(councils) == 1:
        return next(iter(councils.items()))
    if not councils:
        raise InputError("the graph holds no inspection, so there is no council to show")
    home = prefix + _home_council(kg)
    if home in councils:
        return home, councils[home]
    raise InputError(f"the graph holds several councils: choose one with --authority; {_known(councils)}")


def _home_council(kg) -> str:
    """The slug of the council whose curated corpus the store was built from (kept in its manifest)."""
    from .store import read_manifest

    manifest = read_manifest(kg.path) or {}
    if manifest.get("authority"):
        return manifest["authority"]
    from .register import load_register  # a store written before the manifest kept it: read the register
    from .sources import default_register
    return load_register(manifest.get("register") or default_register()).authority


def _authority_prefix() -> str:
    from .namespace import CSD
    return f"{CSD}authority/"


def _known(councils: dict[str, str], shown: int = 8) -> str:
    """A short list of the councils there are, for an error message that stays one line."""
    slugs = sorted(iri.rsplit("/", 1)[-1] for iri in councils)
    if not slugs:
        return "it holds no inspection"
    more = f" and {len(slugs) - shown} more (cskg query inspections)" if len(slugs) > shown else ""
    return "councils with inspections: " + ", ".join(slugs[:shown]) + more


def identify(path: Path, reported_name: str | None, text: str = "") -> Authority | None:
    """The council a report is about: URN folder prefix first, then the reported name, then the title page."""
    for part in reversed(Path(path).parts[:-1]):
        m = re.match(r"^(\d{5,8})_", part)
        if m and (found := by_urn(m.group(1))):
            return found
    if reported_name and (found := by_name(reported_name)):
        return found
    head = text[:1500]
    m = re.search(r"Inspection of\s+(.{3,80}?)\s*(?:local authority|children.s services|\n\s*\n|Inspection dates)", head, re.I | re.S)
    if m and (found := by_name(" ".join(m.group(1).split()))):
        return found
    return None


def trust_name(text: str) -> str | None:
    """The children's trust a report is written about, where the first page names one."""
    m = _TRUST.search(" ".join(text[:1500].split()))
    return re.sub(r"^(?:inspection of|the)\s+", "", m.group(1).strip(), flags=re.I) if m else None
