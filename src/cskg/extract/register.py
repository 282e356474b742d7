"""The curated entity register: named services, bodies, agencies, roles, people.

The register is hand-written YAML (``data/register.yaml``).  Every entity and
every curated statement about it (a former name, an open identity question)
carries a quote that must occur verbatim in the named source; a quote that
does not is an error naming the register file and line, so no curated fact
enters the graph without its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..sources.curated import LINE, load_curated

KINDS = ("service", "body", "partner-agency", "role", "person")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Citation:
    """A quote from a source file, located by the register's line for errors."""

    source: str
    quote: str
    line: int


@dataclass
class NameUsage:
    name: str
    year: int
    citation: Citation


@dataclass
class IdentityQuestion:
    other: str
    reason: str
    citation: Citation


@dataclass
class Entity:
    """One named thing of the register."""

    id: str
    kind: str
    label: str
    citation: Citation
    aliases: list[str] = field(default_factory=list)
    part_of: str | None = None
    description: str | None = None
    common_word: bool = False
    held_by: str | None = None
    names: list[NameUsage] = field(default_factory=list)
    possibly_same_as: list[IdentityQuestion] = field(default_factory=list)
    curation: str = "Curated"

    @property
    def all_names(self) -> list[str]:
        """Label, aliases and former names, without duplicates."""
        seen: dict[str, None] = {}
        for name in [self.label, *self.aliases, *(n.name for n in self.names)]:
            seen.setdefault(name, None)
        return list(seen)


@dataclass
class Register:
    authority: str
    entities: dict[str, Entity]
    file: str


def load_register(path: str | Path) -> Register:
    """Read and check the register file; raise InputError naming file and line."""
    path = Path(path)
    raw = load_curated(path, "register file")
    if not isinstance(raw, dict) or not isinstance(raw.get("entities"), list):
        raise InputError(f"{path}: expected a mapping with 'authority' and a list 'entities'")
    entities: dict[str, Entity] = {}
    for item in raw["entities"]:
        entity = _entity(item, path)
        if entity.id in entities:
            raise InputError(f"{path}:{item[LINE]}: duplicate entity id {entity.id!r}")
        entities[entity.id] = entity
    for entity in entities.values():
        for ref, what in [
            (entity.part_of, "part_of"),
            (entity.held_by, "held_by"),
            *((q.other, "possibly_same_as") for q in entity.possibly_same_as),
        ]:
            if ref is not None and ref not in entities:
                raise InputError(f"{path}:{entity.citation.line}: {entity.id}: {what} names unknown entity {ref!r}")
    return Register(str(raw.get("authority") or "unknown"), entities, str(path))


def _citation(item: dict, path: Path, what: str) -> Citation:
    line = item.get(LINE, 0)
    source, quote = item.get("source"), item.get("quote")
    if not isinstance(source, str) or not isinstance(quote, str) or not quote.strip():
        raise InputError(f"{path}:{line}: {what} needs a 'source' file and a non-empty 'quote'")
    return Citation(source, quote, line)


def _entity(item: dict, path: Path) -> Entity:
    line = item.get(LINE, 0) if isinstance(item, dict) else 0
    if not isinstance(item, dict):
        raise InputError(f"{path}: every entity must be a mapping")
    ident, kind, label = item.get("id"), item.get("kind"), item.get("label")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise InputError(f"{path}:{line}: entity id {ident!r} must be a lowercase slug")
    if kind not in KINDS:
        raise InputError(f"{path}:{line}: {ident}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{path}:{line}: {ident}: missing label")
    names = [
        NameUsage(str(n["name"]), int(n["year"]), _citation(n, path, f"{ident}: name {n.get('name')!r}"))
        for n in item.get("names") or []
    ]
    questions = [
        IdentityQuestion(
            str(q["id"]), str(q.get("reason") or ""), _citation(q, path, f"{ident}: possibly_same_as {q.get('id')!r}")
        )
        for q in item.get("possibly_same_as") or []
    ]
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InputError(f"{path}:{line}: {ident}: aliases must be a list of strings")
    return Entity(
        id=ident,
        kind=kind,
        label=label.strip(),
        citation=_citation(item, path, ident),
        aliases=[a.strip() for a in aliases if a.strip()],
        part_of=item.get("part_of"),
        description=item.get("description"),
        common_word=bool(item.get("common_word")),
        held_by=item.get("held_by"),
        names=names,
        possibly_same_as=questions,
    )


def citations(register: Register) -> list[tuple[str, Citation]]:
    """Every citation of the register with the entity id it supports."""
    out = []
    for entity in register.entities.values():
        out.append((entity.id, entity.citation))
        out.extend((entity.id, n.citation) for n in entity.names)
        out.extend((entity.id, q.citation) for q in entity.possibly_same_as)
    return out
