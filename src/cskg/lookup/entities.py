"""Lookups: resolve a name, show one entity, list entities, search findings.

Names are resolved in Python against the entity names read from the store,
and the chosen entity's IRI is bound into the queries as an RDF term, so
nothing a user types is ever spliced into SPARQL.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import AmbiguousName, InputError, NameNotFound
from ..folding import name_key
from ..iris import authority_of, from_short, short
from ..namespace import CLASS_KIND, DOCUMENT_KIND_NAME, POLARITY_NAME
from ..sources.councils import by_slug
from .councils import choose_authority, council_iri

MAX_NAME = 200
MAX_LISTED = 8  # candidates an ambiguous name lists: "virtual school" names one in nearly every council
# The name index's cache file beside the store, named for its shape (entries with their council, ids without
# it as keys), so that an index of an older shape cached beside the same store is never read.
NAME_INDEX = "name-index-councils-tails"


@dataclass
class Resolution:
    iri: str
    id: str
    label: str
    kind: str
    note: str | None = None  # said on stderr when the match was not exact
    authority: str | None = None  # the council's IRI (cs:localAuthority)


def _names(kg) -> dict:
    """The name index: ``entities`` (IRI -> id, label, class), ``keys`` (name key -> IRIs) and ``tails`` (the
    key of an id without its council -> IRIs, used within one council).

    Built from the entity-names query and cached beside the store: folding
    the national graph's 3,500 names on every lookup cost ~25 ms.
    """
    cached = getattr(kg, "_names_cache", None)
    if cached is None:
        cached = kg._names_cache = kg.cached(NAME_INDEX, lambda: _name_index(kg.select("entity-names")))
    return cached


def _name_index(rows: list[dict]) -> dict:
    entities = {
        r["entity"]: {"id": r["id"], "label": r["label"], "class": r["class"], "authority": r["authority"]}
        for r in rows
    }
    keys: dict[str, set[str]] = {}
    tails: dict[str, set[str]] = {}
    for r in rows:
        for text in (r["name"], r["id"]):
            keys.setdefault(name_key(text), set()).add(r["entity"])
        # the id without its council ("virtual-school" of "kirklees/virtual-school"), a name within one council
        tails.setdefault(name_key(r["id"].rsplit("/", 1)[-1]), set()).add(r["entity"])
    return {
        "entities": entities,
        "keys": {k: sorted(v) for k, v in sorted(keys.items())},
        "tails": {k: sorted(v) for k, v in sorted(tails.items())},
    }


def _check_typed(text: str, what: str, example: str) -> None:
    """Refuse what no name or search text is: nothing, a book, control characters, bytes that were not UTF-8."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what} is empty: give {example}")
    if len(text) > MAX_NAME:
        raise InputError(f"{what} is {len(text)} characters long; at most {MAX_NAME}")
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF or ch == "\ufffd" for ch in text):
        raise InputError(f"{what} contains control characters or bytes that are not UTF-8 text")


def _check_name(name: str) -> str:
    _check_typed(name, "NAME", "an entity id, label or alias, e.g. `cskg show evolve`")
    odd = sorted(set(re.sub(r"[\w\s'’‘\-&(),./:]", "", name)))
    if odd:
        raise InputError(
            f"NAME contains characters no entity name has ({' '.join(odd)}); give a plain name, e.g. `cskg show evolve`"
        )
    return name


def check_search_text(text: str) -> str:
    """Search text may hold any punctuation (only its words are used)."""
    _check_typed(text, "search text", 'words or a phrase, e.g. `cskg search "pathway plan"`')
    return text


def resolve(kg, name: str, authority: str | None = None) -> Resolution:
    """The one entity ``name`` denotes: exact, then unique prefix, then near miss.

    With ``authority`` (a council's name, slug, URN or GSS code) only that
    council's entities are candidates: on the national graph "youth offending
    service" names eight.
    """
    _check_name(name)
    index = _names(kg)
    entities, by_key = index["entities"], index["keys"]
    where = ""
    if authority:
        council, council_name = choose_authority(kg, authority)
        where = f" of {council_name}"
        merged: dict[str, list[str]] = {}
        for key, iris in [*by_key.items(), *index["tails"].items()]:
            merged.setdefault(key, []).extend(i for i in iris if entities[i]["authority"] == council)
        by_key = {key: sorted(set(iris)) for key, iris in merged.items() if iris}
    wanted = name_key(name)
    if not wanted:
        raise InputError(f"NAME {name!r} has no letters or digits to match")

    def pick(iris: set[str], note: str | None, ambiguous: str | None = None) -> Resolution:
        if len(iris) > 1:
            ranked = sorted(iris, key=lambda i: entities[i]["id"])
            listing = "; ".join(
                f"{entities[i]['id']} ({entities[i]['label']}, {CLASS_KIND[entities[i]['class']]})"
                for i in ranked[:MAX_LISTED]
            )
            if len(ranked) > MAX_LISTED:
                listing += f"; and {len(ranked) - MAX_LISTED} more"
            if not authority and len({entities[i]["authority"] for i in iris}) > 1:
                listing += " (give --authority COUNCIL to choose a council's)"
            raise AmbiguousName(f"{ambiguous or f'{name!r} is ambiguous'}: {listing}")
        iri = next(iter(iris))
        r = entities[iri]
        return Resolution(iri, r["id"], r["label"], CLASS_KIND[r["class"]], note, r["authority"])

    if wanted in by_key:
        exact = set(by_key[wanted])
        # An id is one entity's alone: "mash" is Rotherham's register id and every council's acronym for its hub.
        by_id = {i for i in exact if name_key(entities[i]["id"]) == wanted}
        return pick(by_id if len(by_id) == 1 else exact, None)
    prefixed = {iri for key, iris in by_key.items() if key.startswith(wanted) for iri in iris}
    if prefixed and len(wanted) >= 3:
        return pick(prefixed, f"{name!r} matched by prefix")
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.85)
    close_iris = {iri for key in close[:1] for iri in by_key[key]}
    if close_iris:
        res = pick(close_iris, None)
        res.note = f"no entity{where} named {name!r}; showing the closest, {res.label!r}"
        return res
    if authority:
        typed = _by_service_type(kg, name, council)
        if typed:
            res = pick(typed, None, f"no entity{where} named {name!r}; its units of that kind")
            res.note = f"no entity{where} named {name!r}; showing its unit of that kind, {res.label!r}"
            return res
    suggestion = difflib.get_close_matches(wanted, list(by_key), n=1, cutoff=0.5)
    hint = ""
    if suggestion:
        r = entities[next(iter(by_key[suggestion[0]]))]
        hint = f"; did you mean {r['label']!r} ({r['id']})?"
    raise NameNotFound(f"no entity{where} named {name!r}{hint}")


def _by_service_type(kg, name: str, council: str) -> set[str]:
    """The council's units of the kind ``name`` names ("MASH" for Kent's Central Referral Unit): the everyday
    name of a kind of service finds a unit that its report calls otherwise."""
    try:
        type_iri, _ = resolve_type(kg, name)
    except (NameNotFound, InputError):
        return set()
    return {r["entity"] for r in kg.select("typed-entities", type=type_iri) if r["authority"] == council}


def service_types(kg) -> dict[str, dict]:
    """Concept IRI -> {"label", "notation", "names"} of every service type (kept beside the store): a kind of
    unit is named like a unit, and ``compare`` and ``resolve`` both look kinds up."""

    def read() -> dict[str, dict]:
        out: dict[str, dict] = {}
        for r in kg.select("service-types"):
            t = out.setdefault(r["type"], {"label": r["label"], "notation": r["notation"], "names": []})
            if r["name"] not in t["names"]:
                t["names"].append(r["name"])
        return out

    return kg.cached("service-types", read)


def resolve_type(kg, text: str) -> tuple[str, dict]:
    """The service type ``text`` names: by name or notation, exactly, then a unique prefix, then a near miss."""
    _check_typed(text, "SERVICE-TYPE", 'a kind of service, e.g. `cskg compare "virtual school"`')
    types = service_types(kg)
    if not types:
        raise InputError("the graph holds no service types (ontology/service-types.ttl): rebuild it with `cskg build`")
    keys: dict[str, set[str]] = {}
    for iri, t in types.items():
        for name in [*t["names"], t["notation"] or ""]:
            if name:
                keys.setdefault(name_key(name), set()).add(iri)
    wanted = name_key(text)
    found = keys.get(wanted) or {i for k, iris in keys.items() if k.startswith(wanted) for i in iris}
    if not found or (len(wanted) < 3 and wanted not in keys):
        close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=0.8)
        found = keys[close[0]] if close else set()
    if len(found) != 1:
        listing = "; ".join(sorted(f"{types[i]['notation']} ({types[i]['label']})" for i in (found or types)))
        what = "is ambiguous" if found else "is not a service type"
        raise NameNotFound(f"{text!r} {what}: one of {listing}")
    iri = next(iter(found))
    return iri, types[iri]


def _council_name(kg, iri: str | None) -> str | None:
    """The name of the entity's council, where the store holds entities of more than one."""
    entities = _names(kg)["entities"].values()
    if not iri or len({e["authority"] for e in entities}) < 2:
        return None
    found = by_slug(authority_of(iri) or "")
    return found.name if found else authority_of(iri)


def year_of(value) -> int | None:
    return int(value) if value not in (None, "") else None


def _finding(r: dict, via: dict | None) -> dict:
    out = {
        "inspection": short(r["inspection"]),
        "year": year_of(r["year"]),
        "document": r["file"],
        "paragraph": int(r["number"]) if r["number"] else None,
        "area": r["areaLabel"],
        "polarity": POLARITY_NAME.get(r["polarity"]),
        "text": r["text"],
        "improved_since_last_inspection": r["improved"] == "true",
        "iri": r["finding"],
        "start_offset": _offset(r["start"]),
        "end_offset": _offset(r["end"]),
    }
    if via:  # a finding about one of the entity's parts, shown with the whole
        out["via"] = via["id"]
    return out


def _offset(value) -> int | None:
    return int(value) if value not in (None, "") else None


# Where a sentence that names an entity outside its findings comes from, by document kind.
MENTION_SOURCE = {"inspection-report": "headline", "minutes": "minutes"}


def mentions(kg, iri: str) -> list[dict]:
    """Sentences naming the entity that are not findings about it: headline summaries, minutes, news.

    Each with its IRI, document, paragraph and the offsets of the sentence
    in the source file, so it can be cited like a finding.  A report's
    sentence in a numbered paragraph is ``report``; one in the unnumbered
    summary before them is ``headline``.
    """
    out = []
    for r in kg.select("entity-mentions", entity=iri):
        kind = _kind_name(r["kind"])
        source = MENTION_SOURCE.get(kind, "news")
        if source == "headline" and r["number"]:
            source = "report"
        out.append(
            {
                "source": source,
                "iri": r["sentence"],
                "document": r["file"],
                "document_kind": kind,
                "title": r["title"],
                "inspection": short(r["inspection"]),
                "year": year_of(r["year"]) or year_of((r["issued"] or "")[:4]),
                "paragraph": int(r["number"]) if r["number"] else None,
                "area": r["areaLabel"],
                "heading": r["heading"],
                "text": r["text"],
                "start_offset": _offset(r["start"]),
                "end_offset": _offset(r["end"]),
            }
        )
    order = {"headline": 0, "report": 1, "minutes": 2, "news": 3}
    # Newest first within each source; the sentences of one document stay in reading order.
    return sorted(out, key=lambda m: (order[m["source"]], -(m["year"] or 0), m["document"]))


def show(kg, name: str, authority: str | None = None) -> dict:
    """Everything linked to one entity (the contract's ``show --json`` shape).

    Findings about the entity's direct parts (the MASH baby clinic for the
    MASH) are included and marked with ``via``: a councillor asking about a
    service means its teams and clinics too.  ``mentions`` adds the
    sentences that name it outside the findings (a report's headline
    summary, minutes, news), each with its quote and offsets.  ``authority``
    as for ``resolve``; ``council`` names the entity's council where the
    store holds several (a register's labels do not say it).
    """
    res = resolve(kg, name, authority)
    rows = kg.select("entity", entity=res.iri)
    first = rows[0]
    aliases = sorted({r["alias"] for r in rows if r["alias"]} - {first["label"]})
    parent = next((r for r in rows if r["parent"]), None)
    related = _related(kg, res.iri)
    parts = [r for r in related if r["relation"] == "has part"]
    findings: dict[str, tuple] = {}
    for iri, via in [(res.iri, None)] + [(p["iri"], p) for p in parts]:
        for r in kg.select("entity-findings", entity=iri):
            key = (-int(r["year"]), r["file"], int(r["number"] or 0), int(r["index"]))
            findings.setdefault(r["finding"], (key, _finding(r, via)))
    ordered = [f for _, f in sorted(findings.values(), key=lambda kf: kf[0])]
    judgements = _judgements(kg, ordered)
    improvements = [
        {
            "inspection": short(r["inspection"]),
            "year": year_of(r["year"]),
            "number": int(r["number"]),
            "text": r["text"],
            "quote": r["quote"] or r["text"],
            "document": r["file"],
            "iri": r["improvement"],
            "start_offset": _offset(r["start"]),
            "end_offset": _offset(r["end"]),
        }
        for r in kg.select("entity-improvements", entity=res.iri)
    ]
    actions = [
        {"text": r["text"], "owner": r["ownerLabel"], "due": r["due"], "status": r["status"], "document": r["file"]}
        for r in kg.select("entity-actions", entity=res.iri)
    ]
    documents = [
        {"file": r["file"], "kind": _kind_name(r["kind"]), "title": r["title"]}
        for r in kg.select("entity-documents", entity=res.iri)
    ]
    for r in related:
        del r["iri"]
    return {
        "entity": {
            "id": res.id,
            "iri": res.iri,
            "label": res.label,
            "kind": res.kind,
            "aliases": aliases,
            "description": first["description"],
            # The parent's name (a council has no id in the register); its id beside it where it has one.
            "part_of": parent["parentLabel"] if parent else None,
            "part_of_id": parent["parentId"] if parent else None,
            "council": _council_name(kg, res.authority),
        },
        "findings": ordered,
        "judgements": judgements,
        "improvement_areas": improvements,
        "mentions": mentions(kg, res.iri),
        "actions": actions,
        "related": related,
        "documents": documents,
    }


def _related(kg, iri: str) -> list[dict]:
    """Related entities, strongest first within each relation, with labels from the names index."""
    entities = _names(kg)["entities"]
    rows = [{**r, "weight": 1} for r in kg.select("entity-related", entity=iri)]
    rows += [{**r, "relation": "co-mentioned"} for r in kg.select("entity-comentions", entity=iri)]
    out = [
        {
            "id": e["id"],
            "label": e["label"],
            "kind": CLASS_KIND[e["class"]],
            "relation": r["relation"],
            "weight": int(r["weight"]),
            "iri": r["other"],
        }
        for r in rows
        if (e := entities.get(r["other"]))
    ]
    unique = {(r["relation"], r["iri"]): r for r in out}  # an identity question asked both ways is one relation
    return sorted(unique.values(), key=lambda r: (r["relation"], -r["weight"], r["label"]))


def _judgements(kg, findings: list[dict]) -> list[dict]:
    """Grades of the judgement areas the findings stand under, newest inspection first.

    Asked per inspection: the national graph holds thousands of judgements.
    """
    graded = {(f["inspection"], f["area"]) for f in findings}
    out = []
    for inspection in dict.fromkeys(f["inspection"] for f in findings):  # findings come newest first
        for r in kg.select("judgements", inspection=from_short(inspection)):
            if (inspection, r["areaLabel"]) in graded:
                out.append(
                    {
                        "inspection": inspection,
                        "year": year_of(r["year"]),
                        "area": r["areaLabel"] or r["areaText"],
                        "grade": r["gradeLabel"],
                    }
                )
    return out


def _kind_name(iri: str | None) -> str | None:
    return DOCUMENT_KIND_NAME.get(iri, iri)


def list_entities(kg, kind: str | None = None, authority: str | None = None) -> list[dict]:
    """All entities (of one council, if ``authority`` names one) with their counts of findings and weaknesses."""
    if kind and kind not in set(CLASS_KIND.values()):
        raise InputError(f"unknown kind {kind!r}: one of {', '.join(sorted(set(CLASS_KIND.values())))}")
    bindings = {"authority": council_iri(kg, authority)} if authority else {}
    out = [
        {
            "id": r["id"],
            "label": r["label"],
            "kind": CLASS_KIND[r["class"]],
            "findings": int(r["findings"]),
            "weaknesses": int(r["weaknesses"]),
        }
        for r in kg.select("list-entities", **bindings)
    ]
    if kind:
        out = [e for e in out if e["kind"] == kind]
    return out
