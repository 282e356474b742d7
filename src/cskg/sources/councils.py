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
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..iris import slug
from .files import project_path

_COUNCIL_WORDS = re.compile(
    r"\b(?:the|council|county|city|borough|metropolitan|royal|district|london|of|local authority"
    r"|children.s services)\b",
    re.I,
)


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
    with Path(path or lookup_path()).open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        name = r["local_authority_ons_name"].strip()
        display = re.sub(r"^(.*), (City|County) of$", r"\1", name)
        aliases = tuple(a.strip() for a in r["also_known_as"].strip("[]").split(",") if a.strip())
        out.append(
            Authority(
                slug=slug(display),
                name=display,
                urn=r["urn"].strip(),
                gss=r["la_code_new"].strip(),
                la_code=r["la_code"].strip(),
                region=(r["region_name"] or r["rgn22nm"]).strip(),
                region_gss=r["rgn22cd"].strip(),
                neighbours=tuple(n.strip() for n in r["stat_neighbours"].split(",") if n.strip()),
                aliases=aliases,
            )
        )
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
    value = given.strip()
    for a in load_authorities():
        if value.lower() in (a.slug, a.urn, a.gss.lower()):
            return a
    found = by_name(value) if value else None
    if found:
        return found

    close = difflib.get_close_matches(slug(value), [a.slug for a in load_authorities()], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else " (give a council's name, slug, Ofsted URN or GSS code)"
    raise InputError(f"no council {given!r} in la-lookup.csv{hint}")


def identify(path: Path, names: list[str | None]) -> Authority | None:
    """The council a document is about: the Ofsted URN of its folder first, then the names it gives, in order.

    ``names`` are what the document says of itself (its title page's council,
    a minutes header's council), as ``parse`` reads them.
    """
    for part in reversed(Path(path).parts[:-1]):
        m = re.match(r"^(\d{5,8})_", part)
        if m and (found := by_urn(m.group(1))):
            return found
    for name in names:
        if name and (found := by_name(name)):
            return found
    return None
