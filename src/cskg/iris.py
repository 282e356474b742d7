"""Every IRI pattern of the graph's things, in one place (the table in ``docs/data-model.md``).

Things get deterministic, readable IRIs under ``csd:`` built from stable
names (authority slug, entity id, file stem, paragraph number), so two
builds of the same sources give the same graph and a link to a service stays
valid.  Nothing else in the package spells out an IRI under ``csd:``; term
IRIs (classes, properties, concepts) come from ``namespace``.  A test reads
the table in the docs and checks each example against these functions.
"""

from __future__ import annotations

import re

from .namespace import CS, CSD

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A readable IRI segment: lower case, apostrophes dropped, other runs of non-alphanumerics as one hyphen."""
    return _SLUG.sub("-", text.lower().replace("’", "").replace("'", "")).strip("-")


def short(iri: str | None) -> str | None:
    """The part of a ``csd:`` IRI after the namespace ("inspection/rotherham/2025"); other IRIs as they are."""
    return iri[len(CSD) :] if iri and iri.startswith(CSD) else iri


def from_short(ident: str) -> str:
    """The ``csd:`` IRI that ``short`` gave ``ident`` for."""
    return f"{CSD}{ident}"


def local_name(term: str) -> str:
    """``IlacsCareLeavers`` for ``cs:IlacsCareLeavers``: the part after ``#`` (or the last ``/``)."""
    return term.rsplit("#", 1)[-1] if "#" in term else term.rstrip("/").rsplit("/", 1)[-1]


def is_term(iri: str) -> bool:
    """Whether ``iri`` is a term of the cskg ontology (``cs:``)."""
    return iri.startswith(CS)


# ---------------------------------------------------------------- councils, entities, people


def authority_iri(authority: str) -> str:
    """``csd:authority/{slug}``: a council (``data/la-lookup.csv`` slug)."""
    return f"{CSD}authority/{authority}"


def authority_of(iri: str) -> str | None:
    """The slug of a ``csd:authority/{slug}`` IRI, else None."""
    prefix = f"{CSD}authority/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


def entity_iri(authority: str, ident: str) -> str:
    """``csd:entity/{authority}/{id}``: a service, body, agency, role or person of a council."""
    return f"{CSD}entity/{authority}/{ident}"


def council_of_entity(iri: str) -> str | None:
    """The council IRI of a ``csd:entity/{authority}/{id}`` IRI, else None."""
    prefix = f"{CSD}entity/"
    if not iri.startswith(prefix) or "/" not in iri[len(prefix) :]:
        return None
    return authority_iri(iri[len(prefix) :].split("/", 1)[0])


def is_entity_or_council(iri: str) -> bool:
    """Whether ``iri`` names a council's entity or a council (something that can own an action)."""
    return iri.startswith((f"{CSD}entity/", f"{CSD}authority/"))


def person_iri(name: str) -> str:
    """``csd:person/{slug}``: a person named outside any register (a lead inspector)."""
    return f"{CSD}person/{slug(name)}"


def name_usage_iri(entity: str, year: int, name: str) -> str:
    """``{entity}/name/{year}-{slug}``: an entity's name as used in one year."""
    return f"{entity}/name/{year}-{slug(name)}"


def identity_question_iri(entity: str, other: str) -> str:
    """``{entity}/identity/{other-id}``: an open question whether two entities are one."""
    return f"{entity}/identity/{other}"


# ---------------------------------------------------------------- documents and their parts


def document_iri(stem: str) -> str:
    """``csd:document/{file-stem}``."""
    return f"{CSD}document/{stem}"


def graph_iri(name: str) -> str:
    """``csd:graph/{name}``: a document's named graph (its file stem), ``register``, ``ontology``, ``authorities``."""
    return f"{CSD}graph/{name}"


REGISTER_GRAPH = graph_iri("register")
ONTOLOGY_GRAPH = graph_iri("ontology")
AUTHORITIES_GRAPH = graph_iri("authorities")


def paragraph_iri(document: str, number: int | None, index: int, kind: str = "paragraph") -> str:
    """``{document}/p/{n}`` (numbered), ``{document}/resolution/{n}`` (a resolution), else ``{document}/b/{k}``."""
    if kind == "resolution" and number is not None:
        return f"{document}/resolution/{number}"
    if number is not None:
        return f"{document}/p/{number}"
    return f"{document}/b/{index}"


def quality_iri(document: str) -> str:
    """``{document}/quality``: the self-check of one report (``cs:QualityCheck``)."""
    return f"{document}/quality"


def sentence_iri(paragraph: str, k: int) -> str:
    """``{paragraph}/s/{k}`` (k from 1): a sentence; in a report's numbered paragraph, a finding."""
    return f"{paragraph}/s/{k}"


# ---------------------------------------------------------------- inspections


def inspection_iri(authority: str, key: int | str) -> str:
    """``csd:inspection/{authority}/{yyyy}`` (``{yyyy-mm}`` for a second inspection of a year)."""
    return f"{CSD}inspection/{authority}/{key}"


def cited_inspection_iri(authority: str, stem: str) -> str:
    """``csd:inspection/{authority}/cited/{file-stem}``: an inspection as a council document cites it."""
    return f"{CSD}inspection/{authority}/cited/{stem}"


def judgement_iri(inspection: str, area: str) -> str:
    """``{inspection}/judgement/{area-slug}`` (the slug of the area concept's local name)."""
    return f"{inspection}/judgement/{slug(area)}"


def improvement_iri(inspection: str, number: int) -> str:
    """``{inspection}/improvement/{n}``: an improvement area or recommendation."""
    return f"{inspection}/improvement/{number}"


def follow_up_iri(improvement: str, n: int) -> str:
    """``{improvement}/follow-up/{n}``: a link from an improvement area to later evidence."""
    return f"{improvement}/follow-up/{n}"


def finding_count_iri(inspection: str, area: str) -> str:
    """``{inspection}/findings/{area-local-name}``: a Data Cube observation of finding counts."""
    return f"{inspection}/findings/{local_name(area)}"


def weakness_count_iri(inspection: str, area: str, theme: str) -> str:
    """``{inspection}/weaknesses/{area}/{theme}``: weaknesses of one area under one practice theme."""
    return f"{inspection}/weaknesses/{local_name(area)}/{local_name(theme)}"


def dataset_iri(name: str) -> str:
    """``csd:dataset/{name}``: an RDF Data Cube dataset."""
    return f"{CSD}dataset/{name}"


DATASET_BY_AREA = dataset_iri("findings-by-area")
DATASET_WEAKNESS_THEMES = dataset_iri("weaknesses-by-theme")


# ---------------------------------------------------------------- accountability


def council_graph_iri(authority: str) -> str:
    """``csd:graph/council/{slug}``: the links the council-level pass derives from what the store holds of a council."""
    return graph_iri(f"council/{authority}")


def link_iri(subject: str, kind: str, n: int) -> str:
    """``{subject}/{kind}/{n}``: a link of the council-level pass (``addresses``, ``same-as``), numbered per subject."""
    return f"{subject}/{kind}/{n}"


def action_iri(authority: str, ident: str) -> str:
    """``csd:action/{authority}/{id}``: an action (a resolution's id is ``{file-stem}-resolution-{n}``)."""
    return f"{CSD}action/{authority}/{ident}"


def meeting_iri(authority: str, body: str, key: str) -> str:
    """``csd:meeting/{authority}/{body-id}/{date or file-stem}``."""
    return f"{CSD}meeting/{authority}/{body}/{key}"
