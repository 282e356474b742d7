"""Run the council-level pass (``graph.council``) over a store: gather each council's facts, write its derived graph.

Called at the end of a build (over the built graph, in memory) and of every
ingest batch, for every council the batch touched.  The council's old derived
graph is removed before its facts are read, so the pass never reads its own
earlier links; the new one is checked like a document's graph (every quote
it carries is re-derived from its source file's text at its offsets) before
it goes in.

A council whose every document came in the batch is read from a store in
memory holding only those documents' quads (``council_store``): the same
queries answer the same rows at a fifth of their cost over the whole store
on disk, whose indexes every council shares; with the loading of the
N-Quads, gathering costs about half (``bench/council_pass.py``).  A council
with documents from earlier batches (or the embedded corpus) is read from a
checkpoint of the store being written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..errors import InputError, StoreError
from ..extract.themes import load_themes
from ..graph.council import (
    ActionFact,
    AreaFact,
    CouncilFacts,
    FindingFact,
    InspectionFact,
    council_quads,
    inspection_order,
)
from ..graph.council_entities import EntityFact, SentenceFact
from ..graph.provenance import check_quads, quoted_facts
from ..graph.writer import QuadWriter
from ..iris import authority_iri, council_graph_iri, local_name
from ..namespace import POLARITY_NAME
from ..sources.councils import by_slug
from ..sparql.runner import select
from .workers import Failure, WorkerPool


def council_facts(store, authority: str) -> CouncilFacts:
    """What ``store`` (a pyoxigraph store, default graph the union) holds of one council, for the pass."""
    council = authority_iri(authority)
    grades: dict[str, list[tuple[str, str]]] = {}
    for r in select(store, "council-judgements", authority=council):
        grades.setdefault(r["inspection"], []).append((local_name(r["area"]), local_name(r["grade"])))
    rows: dict[str, dict] = {}
    twins: dict[str, list[str]] = {}
    for r in select(store, "council-inspections", authority=council):
        rows.setdefault(r["inspection"], r)
        if r["twin"] and r["twin"] not in twins.setdefault(r["inspection"], []):
            twins[r["inspection"]].append(r["twin"])
    inspections = [
        InspectionFact(
            iri,
            int(r["year"]) if r["year"] else None,
            _day(r["end"]),
            reported=bool(r["report"]),
            cited_in=r["citedIn"],
            cited_on=_day(r["citedDate"]) or _day(r["citedIssued"]),
            grades=tuple(sorted(grades.get(iri, []))),
            twins=tuple(sorted(twins.get(iri, []))),
        )
        for iri, r in sorted(rows.items())
    ]
    areas = [
        AreaFact(
            r["area"],
            r["inspection"],
            int(r["number"]),
            r["text"],
            frozenset((r["entities"] or "").split()),
            frozenset((r["themes"] or "").split()),
            r["quote"] or "",
            int(r["start"]) if r["start"] else None,
            int(r["end"]) if r["end"] else None,
            r["file"],
        )
        for r in select(store, "council-areas", authority=council)
    ]
    facts = CouncilFacts(authority, inspections, sorted(areas, key=lambda a: a.iri), themes=load_themes())
    facts.actions = [
        ActionFact(
            r["action"],
            r["quote"],
            r["doc"],
            _day(r["meetingDate"]) or _day(r["docDate"]) or _day(r["docIssued"]),
            frozenset((r["concerns"] or "").split()),
            frozenset((r["addresses"] or "").split()),
        )
        for r in sorted(select(store, "council-actions", authority=council), key=lambda r: r["action"])
    ]
    for r in select(store, "council-confirmed", authority=council):
        facts.confirmed_evidence.setdefault(r["area"], set()).add(r["evidence"])
    report_file = {iri: r["reportFile"] for iri, r in rows.items() if r["reportFile"]}
    if len(inspections) >= 2:
        # Findings are evidence for an earlier inspection's areas: the council's first inspection needs none.
        first = min(inspections, key=lambda i: (inspection_order(i), i.iri))  # as the pass orders them
        for insp in (i for i in inspections if i.reported and i.iri in report_file and i is not first):
            facts.findings.extend(
                FindingFact(
                    r["finding"],
                    insp.iri,
                    r["text"],
                    int(r["start"]),
                    int(r["end"]),
                    report_file[insp.iri],
                    POLARITY_NAME.get(r["polarity"], "context"),
                    r["improved"] == "true",
                    frozenset((r["abouts"] or "").split()),
                )
                for r in sorted(select(store, "council-findings", inspection=insp.iri), key=lambda r: r["finding"])
            )
    _entity_facts(store, facts)
    return facts


def _entity_facts(store, facts: CouncilFacts) -> None:
    """The council's discovered entities with every spelling, and its sentences when there are any entities."""
    council = authority_iri(facts.authority)
    found = by_slug(facts.authority)
    facts.name = found.name if found else facts.authority
    forms: dict[str, list[str]] = {}
    classes: dict[str, Counter] = {}
    ids: dict[str, str] = {}
    for r in select(store, "council-entities", authority=council):
        forms.setdefault(r["entity"], []).append(r["form"])
        classes.setdefault(r["entity"], Counter())[r["class"]] += 1
        ids[r["entity"]] = r["id"]
    facts.entities = [
        EntityFact(iri, tuple(sorted(f)), ids[iri], min(classes[iri], key=lambda c: (-classes[iri][c], c)), council)
        for iri, f in sorted(forms.items())
    ]
    if not facts.entities:
        return  # nothing to link to: the sentences are not read
    linked: dict[str, set[str]] = {}
    for r in select(store, "council-sentence-links", authority=council):
        linked.setdefault(r["sentence"], set()).add(r["entity"])
    facts.sentences = [
        SentenceFact(r["sentence"], r["text"], r["finding"] == "true", frozenset(linked.get(r["sentence"], ())))
        for r in sorted(select(store, "council-sentences", authority=council), key=lambda r: r["sentence"])
    ]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def council_store(nquads_files: list[Path]):
    """An in-memory store of ``nquads_files``: the N-Quads of one council's documents, for its pass."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in nquads_files:
        # lenient: the N-Quads were written by pyoxigraph from terms it already checked.
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
    return store


def council_pass(store, authorities: set[str], text_of: Callable[[str], str], where: str = "") -> QuadWriter:
    """The derived graphs of ``authorities`` (slugs), checked; the caller removes the old ones first and loads these.

    ``text_of(file)`` gives a source file's text (the sources of a build, the
    texts kept beside an ingested store) for the provenance check.
    """
    w = QuadWriter()
    for authority in sorted(authorities):
        council_quads(council_facts(store, authority), w)
    files = {fact.file for fact in quoted_facts(w.quads)}
    check_quads(w.quads, {f: text_of(f) for f in files}, where)
    return w


class KeptTexts:
    """A source file's text for the provenance check: the copy kept beside the store, else the corpus's source.

    A class rather than a closure so a forked worker can be given one.
    """

    def __init__(self, kept: Path, sources: Path):
        self.kept, self.sources = kept, sources

    def __call__(self, file: str) -> str:
        kept = self.kept / file
        return (kept if kept.exists() else self.sources / file).read_text(encoding="utf-8")


# Per worker process of ``council_pass_in_workers``: the store opened read-only (if any council needs it) and the texts.
_WORKER: dict = {}
COUNCIL_BUDGET_S = 600.0  # the slowest national council takes about one second


def _open_in_worker(db_path: str | None, texts: KeptTexts) -> None:
    """Open the store in a worker; a failure is kept and returned by each task (a raise here prints a traceback)."""
    import pyoxigraph as ox

    _WORKER["texts"] = texts
    if db_path is None:
        return  # every council of the pass is read from its own documents' N-Quads
    try:
        _WORKER["store"] = ox.Store.read_only(db_path)
    except OSError as exc:
        _WORKER["error"] = f"cannot open the store copy {db_path} for the council-level pass ({exc})"


def _one_council(
    authority: str, where: str, nquads_files: tuple[Path, ...] = ()
) -> tuple[bytes | None, str | None, bool]:
    """(N-Quads of the council's derived graph, None, _) or (None, the one-line error, whether input's): in a worker.

    The council is read from ``nquads_files`` in memory when given, else from
    the shared store.  Errors come back as values: an exception would end the
    worker with a traceback on the user's terminal.
    """
    if "error" in _WORKER and not nquads_files:
        return None, f"{where}{_WORKER['error']}", False
    try:
        store = council_store(list(nquads_files)) if nquads_files else _WORKER["store"]
        return council_pass(store, {authority}, _WORKER["texts"], where).nquads(), None, False
    except InputError as exc:
        return None, str(exc).splitlines()[0], True
    except Exception as exc:  # a fault of ours: the parent fails the batch in one line
        first = (str(exc).splitlines() or [""])[0]
        return None, f"{where}{authority}: {type(exc).__name__}: {first}", False


def council_pass_in_workers(
    db_path: Path | None,
    authorities: set[str],
    texts: KeptTexts,
    jobs: int,
    where: str = "",
    own_documents: dict[str, list[Path]] | None = None,
) -> list[bytes]:
    """``council_pass`` of each council in ``jobs`` forked workers; N-Quads each.

    A council of ``own_documents`` is read from its N-Quads files in memory;
    the others from ``db_path``, opened read-only (None when there are none).
    ``db_path`` must be a store no process writes while the workers read it:
    the ingest gives them a checkpoint of its copy (``Store.backup``, hard
    links), since opening a database read-only while another process writes
    it is undefined.  A council whose pass fails, overruns or whose worker
    dies fails the whole pass, as it does in one process.
    """
    own = own_documents or {}
    if db_path is None and set(authorities) - set(own):
        raise StoreError(f"{where}no store to read councils without their own documents from")
    out = []
    initargs = (str(db_path) if db_path is not None else None, texts)
    pool = WorkerPool(jobs, _one_council, COUNCIL_BUDGET_S, initializer=_open_in_worker, initargs=initargs)
    # The largest councils first, so the workers end together.
    order = sorted(authorities, key=lambda a: (-sum(f.stat().st_size for f in own.get(a, ())), a))
    for result in pool.run([(a, where, tuple(own.get(a, ()))) for a in order]):
        if isinstance(result, Failure):
            why = f"took longer than {COUNCIL_BUDGET_S:g} s" if "took longer" in result.reason else result.reason
            raise StoreError(f"{where}the pass of {result.task[0]} {why}")
        nquads, error, of_input = result
        if error is not None:
            raise InputError(error) if of_input else StoreError(error)
        out.append(nquads)
    return out


def council_graphs(authorities: set[str]) -> list[str]:
    """The IRIs of the derived graphs of ``authorities``."""
    return [council_graph_iri(a) for a in sorted(authorities)]
