"""Build: a curated corpus (the embedded one by default) into a new store, swapped in whole.

Every quote is checked against its source before anything is written; any
failure raises InputError and leaves the existing store as it was.  The
manifest records what the store was built from, so a default store whose
inputs changed is rebuilt on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..extract.register import load_register
from ..graph.corpus import build_quads
from ..graph.provenance import check_quads, check_register
from ..namespace import cs, rdf
from ..sources.digest import digest
from ..sources.files import build_inputs, default_register, default_sources_dir, input_stats, load_sources, project_path
from ..store.database import default_store_path
from ..store.search_index import finding_rows
from ..store.writer import write_store
from .council_pass import council_pass


@dataclass
class BuildReport:
    store: Path
    quads: int
    documents: int
    findings: int
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What ``cskg build --json`` prints."""
        return {
            "store": str(self.store),
            "quads": self.quads,
            "documents": self.documents,
            "findings": self.findings,
            "warnings": list(self.warnings),
        }


def build_graph(
    store: str | Path | None = None,
    sources: str | Path | None = None,
    register: str | Path | None = None,
    curation: bool = True,
) -> BuildReport:
    """Parse, extract and build the sources into a new store, then swap it in.

    ``curation`` False builds from the documents alone: the register stays,
    the curated actions and follow-up confirmations beside it are left out
    (``cskg build --without-curation``).
    """
    store_path = Path(store) if store else default_store_path()
    sources_dir = Path(sources) if sources else default_sources_dir()
    register_path = Path(register) if register else default_register()
    docs = load_sources(sources_dir)
    reg = load_register(register_path)
    built = build_quads(docs, reg, project_path("ontology"), curation)  # parses: bad documents fail here first
    check_register(reg, docs)
    texts = {d.file: d.text for d in docs}
    checked = check_quads(built.quads, texts, "")
    built.writer.extend(_derived(built, reg.authority, texts))
    findings = len({(s, g) for s, p, o, g in built.quads if p == rdf.type and o == cs.Finding})
    inputs = build_inputs(sources_dir, register_path)
    manifest = {
        "fingerprint": digest(inputs),
        "input_stats": input_stats(inputs),
        "sources": str(sources_dir),
        "register": str(register_path),
        "authority": reg.authority,
        "curation": curation,
        "quads": len(built.quads),
        "quoted_facts_checked": checked,
    }
    write_store(store_path, built.writer.nquads(), manifest, finding_rows(built.quads), built.writer.blank_quads())
    return BuildReport(store_path, len(built.quads), len(docs), findings, built.warnings)


def _derived(built, authority: str, texts: dict[str, str]):
    """The council-level pass over the built graph (in memory): the corpus council's derived graph."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(built.writer.nquads(), format=ox.RdfFormat.N_QUADS)
    return council_pass(store, {authority}, texts.__getitem__)
