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
    kind: str = ""  # the ONS type: County, Unitary Authority, Metropolitan District, London Borough


def _key(name: str) -> str:
    """A council name reduced to its distinctive words ("Rotherham Metropolitan Borough Council" -> "rotherham")."""
    # "St. Helens" and "St Helens", "Southend-on-Sea" and "Southend on Sea" are one name.
    name = name.replace("&", " and ").replace("’", "'").replace(".", " ").replace("-", " ")
    name = re.sub(r",\s*(city|county) of$", "", name, flags=re.I)
    return " ".join(_COUNCIL_WORDS.sub(" ", name.lower()).replace(",", " ").split())


def _whole(name: str) -> str:
    """A name's words but "the" and "council", for a name made only of words ``_key`` drops ("City of London")."""
    name = name.replace("&", " and ").replace(".", " ").replace("-", " ").lower()
    return " ".join(re.sub(r"\b(?:the|council)\b", " ", name).replace(",", " ").split())


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
                kind=(r.get("ons_la_type") or "").strip(),
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
    found = by_whole_name(name)
    if found or not key:
        return found
    # "Bath and North East" (a title broken over two lines) names one council only.
    hits = [a for a in load_authorities() if _key(a.name).startswith(key + " ") or key.startswith(_key(a.name) + " ")]
    return hits[0] if len(hits) == 1 else None


def by_whole_name(name: str) -> Authority | None:
    """The council ``name`` is, whole: no part of a longer name ("Sutton Coldfield" is no London borough)."""
    key = _key(name)
    if not key:
        # Only whole: "the City Council" is no more the City of London than any other city's council.
        whole = _whole(name)
        return next((a for a in load_authorities() if not _key(a.name) and _whole(a.name) == whole), None)
    for a in load_authorities():
        if key in {_key(n) for n in (a.name, *a.aliases)}:
            return a
    return None


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


def identify(path: Path, names: list[str | None], text: str | None = None, url: str | None = None) -> Authority | None:
    """The council a document is about, or None when nothing in or around it says.

    In order: the Ofsted URN of its folder (``80543_rotherham/``), a folder
    named by a council's slug (``wiltshire/``), the names the document gives
    itself (``names``: a report's title page, a minutes header, as ``parse``
    reads them), a council named on its first lines ("Leeds City Council",
    "1 Manchester City Council"), the council of a web address it gives or
    quotes (``url``, addresses and e-mail domains in ``text``), and finally
    the council its text names most, when one clearly does.  A document that
    names its council is never left without one.
    """
    found = by_folder(path) or stated_council(names, text, url)
    if found or text is None:
        return found
    return most_named(text)


def by_folder(path: Path) -> Authority | None:
    """The council a file's folders name: an Ofsted URN folder (``80543_rotherham/``), else its folder's slug."""
    for part in reversed(Path(path).parts[:-1]):
        m = re.match(r"^(\d{5,8})_", part)
        if m and (found := by_urn(m.group(1))):
            return found
    folder = Path(path).parent.name
    return by_slug(folder) if folder else None


def stated_council(names: list[str | None], text: str | None = None, url: str | None = None) -> Authority | None:
    """The council a document says it is of: the names it gives itself, a council on its first lines, or the
    council of a web address it gives or quotes; not a council it merely names most."""
    for name in names:
        if name and (found := by_name(name)):
            return found
    if text is None:
        return None
    for name in first_line_names(text):
        if found := by_name(name):
            return found
    for address in [url, *re.findall(r"https?://[^\s<>\"')]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text[:20000])]:
        if address and (found := by_domain(address)):
            return found
    return None


def own_council(names: list[str | None], text: str | None = None, url: str | None = None) -> Authority | None:
    """The one council a document names as its own beyond doubt, to hold ``--authority`` and folders to.

    Its title or header, and the council names on its first lines, read as
    whole names, where together they name one council (a joint committee's
    two councils name neither); or its own web address.  Not the addresses
    in its text: the minutes of one council list other councils' officers.
    """
    given = [n for n in [*names, *(first_line_names(text) if text else [])] if n]
    named = {a.slug: a for a in map(by_whole_name, given) if a}
    if url and (found := by_domain(url)):
        named.setdefault(found.slug, found)
    return next(iter(named.values())) if len(named) == 1 else None


def by_slug(name: str) -> Authority | None:
    """The council whose slug (or name, as ``by_name`` reads it) a folder or file prefix is."""
    value = name.strip().lower()
    for a in load_authorities():
        if value == a.slug:
            return a
    return by_name(value.replace("-", " ").replace("_", " "))


_COUNCIL_PHRASE = re.compile(
    r"(?:(?:London|Royal) Borough of |City of |County of )?"
    r"(?P<name>[A-Z][\w'’&.-]*(?:[ ,]+(?:and|upon|on|under|with|in|of|the|[A-Z][\w'’&.-]*)){0,5}?)"
    r"(?:[’']s)?\s+(?:(?:City|County|Borough|Metropolitan Borough|District)\s+)?Council\b"
)


def first_line_names(text: str, lines: int = 12) -> list[str]:
    """Council names a document gives on its first lines: a line that is a name, or "X (City) Council" in one."""
    out: list[str] = []
    for raw in [ln for ln in text.splitlines() if ln.strip()][:lines]:
        line = re.sub(r"^\W*(?:\d{1,3}\s+)?", "", " ".join(raw.split()))  # "1 Manchester City Council": a page number
        line = re.sub(r"^date \d{4}-\d{2}-\d{2}\s*", "", line)
        if 2 < len(line) < 80 and re.search(r"\bCouncil\b|^(?:London|Royal) Borough of\b", line):
            out.append(line)
        header = re.search(r"\b(?:Committee|Board|Panel|Cabinet|Commission|Forum)\b", line) and len(line) < 160
        for m in _COUNCIL_PHRASE.finditer(line):
            # A line that opens with the council's name, or a meeting header that names it: not prose in passing.
            if len(line) <= 160 and (m.start() == 0 or header):
                out.append(m.group(0))
                out.append(m.group("name"))
                # "Corporate Parenting Panel of Wiltshire Council": the council is the name's last words.
                words = m.group("name").split()
                out.extend(
                    " ".join(words[-k:]) for k in range(min(3, len(words) - 1), 0, -1) if words[-k][:1].isupper()
                )
        m = re.match(r"^(?:Re-)?[Ii]nspection of (?P<name>.+?)(?: local authority| children.s services|$)", line)
        if m:
            out.append(m.group("name"))
    return out


# Sub-domains of a council's sites that name the portal, not the council ("democracy.wiltshire.gov.uk").
_PORTALS = {
    "www", "democracy", "moderngov", "modgov", "cds", "committees", "councillors", "eservices", "cmis",
    "democratic", "mgov", "news", "citizen", "minutes", "decisions", "meetings", "internet", "public",
}  # fmt: skip
_TLDS = {"gov", "uk", "co", "org", "com", "net"}


def by_domain(address: str) -> Authority | None:
    """The council a web or e-mail address belongs to ("democracy.wiltshire.gov.uk", "x@lancashire.gov.uk")."""
    host = re.sub(r"^[a-z]+://|^[^@]+@", "", address.strip().lower()).split("/")[0].split(":")[0]
    if not (host.endswith(".gov.uk") or ".moderngov.co.uk" in host or ".moderngov." in host):
        return None
    labels = [part for part in host.split(".") if part not in _PORTALS and part not in _TLDS]
    for label in labels:
        for a in load_authorities():
            joined = a.slug.replace("-", "")
            if label in (joined, a.slug) or re.fullmatch(
                rf"{re.escape(joined)}(?:cc|council|city|mbc|bc|cbc|dc)", label
            ):
                return a
    return None


def most_named(text: str) -> Authority | None:
    """The council a text names most, when one clearly leads (twice the next, at least twice).

    A name counts where it reads as the council's: followed by "Council" or
    "'s", or after "in", "of" or "Borough of"; a place name used in passing
    ("Martin Pratt at Camden Council" in Croydon's minutes) is outweighed by
    the council the text is about.
    """
    counts: dict[str, int] = {}
    by_slug_: dict[str, Authority] = {}
    for a in load_authorities():
        names = {a.name, *a.aliases}
        total = 0
        for name in names:
            if len(name) < 3:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                after = text[m.end() : m.end() + 30]
                before = text[max(0, m.start() - 12) : m.start()]
                if re.match(
                    r"(?:[’']s\b|\s+(?:(?:City|County|Borough|Metropolitan Borough)\s+)?Council\b)", after
                ) or re.search(r"\b(?:in|of|Borough of|across|for)\s+$", before):
                    total += 1
        if total:
            counts[a.slug] = total
            by_slug_[a.slug] = a
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    first = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return by_slug_[ranked[0][0]] if first >= 2 and first >= 2 * second else None
