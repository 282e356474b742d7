"""Ingest: Ofsted report PDFs and text files, many at once, into the store.

``cskg ingest PATH...`` takes files and folders (searched recursively for
``.pdf`` and ``.txt``).  Each file goes through the same steps as the
embedded corpus (text, parse, extract, build) in a worker process, so both
cores work; the worker sends back the file's quads as N-Quads plus the
extracted text, and only the parent writes.  The parent gathers finished
files' N-Quads and bulk-loads them in batches of about 64 MB (one RocksDB
bulk load per file cost markedly more CPU); per-file atomicity is unchanged
because nothing is visible until the copy of the store is swapped in.

Why this shape:
- A file is fully in or not at all: a worker either returns every quad of
  the file's named graph (``csd:graph/{stem}``), after the provenance check
  of every quote against the extracted text, or a one-line reason.  The
  parent writes into a hard-linked copy of the store (``Store.backup``) and
  swaps it in when the batch ends, so readers never see half a batch and an
  interrupted batch leaves the old store as it was.
- Idempotent: the manifest (``cskg-store.json``, key ``ingested``) records
  each file's SHA-256; an unchanged file is skipped before any work, and a
  changed file's old named graph is removed before the new one goes in.  A
  file of the same words as another (minutes saved again with other line
  ends) is skipped, and results are written in the batch's order, so two
  runs of one batch keep the same one of two copies.
- Offsets stay verifiable: the extracted text is kept beside the graph in
  ``STORE/texts/{stem}.txt``, which is what ``cs:sourceFile`` names.  A stem
  is one file's alone: a file whose name another file already holds is read
  again under a name of its own (two folders' ``minutes.pdf`` of one council
  would otherwise share a graph and a kept text).
- A store that does not exist yet is first built from the embedded corpus,
  so Rotherham's curated graph is always there; a report of an inspection
  the curated corpus already reports (Rotherham 2022 and 2025) is skipped,
  and one the corpus only cites (the 2014 and 2017 inspections of the news
  article) gets its own inspection node ``{authority}/{yyyy-mm}``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, StoreError
from ..extract.council_record import read_council_document
from ..extract.discover import council_names, discover_entities, unit_id
from ..extract.facts import document_facts
from ..extract.mentions import EntityMatcher
from ..extract.register import Register, load_register
from ..extract.selfcheck import check_report
from ..graph.authorities import authority_quads, trust_quads
from ..graph.document import DocumentContext, document_quads
from ..graph.provenance import check_quads
from ..graph.writer import QuadWriter
from ..iris import AUTHORITIES_GRAPH, authority_of, document_iri, entity_iri, graph_iri, inspection_iri, slug
from ..namespace import CSD, cs, dcterms, rdf, rdfs
from ..parse.document import parse_document
from ..parse.kind import DECISION, MINUTES, PRESS_RELEASE, REPORT, recognise
from ..parse.minutes import meeting_info
from ..parse.report import parse_report, title_page
from ..sources.councils import by_folder, identify, own_council, resolve
from ..sources.digest import digest
from ..sources.files import PACKAGE_DIR, SourceDocument, code_files, default_register, project_path, read_text
from ..sources.html import HTML_SUFFIXES, HtmlText, looks_like_html, read_html
from ..sources.pdf import extract_pdf_text
from ..sparql.runner import select
from ..store import search_index
from ..store.database import MANIFEST, default_store_path, live_folder, open_store, read_manifest
from ..store.writer import BackgroundLoad, commit, new_generation, store_lock
from .build import build_graph
from .council_pass import KeptTexts, council_graphs, council_pass, council_pass_in_workers, council_store
from .workers import Failure, WorkerPool

SUFFIXES = (".pdf", ".txt", *HTML_SUFFIXES)
MANIFEST_KEY = "ingested"
# N-Quads gathered from finished files before one bulk load into the store (about 50 reports; the
# parent gathers the next batch while one loads, and holds a batch twice to start its load: about 130 MB).
LOAD_BATCH_BYTES = 64_000_000
# Seconds one file may take in its worker (the largest real report takes under a second; see
# docs/reliability.md): a file past it is reported as failed and the batch goes on.
FILE_TIMEOUT_S = 60.0
# A changed file that loses more than this share of its stored copy's findings is taken for damaged.
MAX_FINDINGS_DROP = 0.25
MIN_FINDINGS_COMPARED = 8
# Beside the copy being written: each written file's N-Quads until the council-level pass has read them.
SPOOL = ".council-pass-nquads"


@dataclass
class FileResult:
    """What a worker made of one file: its quads and text, or the reason it failed or was skipped."""

    path: str
    digest: str
    stem: str | None = None
    text_digest: str | None = None  # of its words: the same document saved with other line ends or encoding
    moved_from: str | None = None  # the stored file, gone from its path, that this one replaces (the parent's)
    authority: str | None = None
    inspection: str | None = None
    nquads: bytes = b""
    text: str = ""
    search_rows: list = field(default_factory=list)  # the findings' rows of the search index (text_index)
    quads: int = 0
    findings: int = 0
    entities: int = 0
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the report's self-check: empty when sound
    error: str | None = None
    skip: str | None = None
    seconds: float = 0.0


@dataclass
class IngestReport:
    """The batch's outcome; ``failed`` makes the command exit non-zero."""

    store: Path
    ingested: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    suspect: list[tuple[str, list[str]]] = field(default_factory=list)  # written, but the self-check failed


def collect_files(paths: list[str | Path]) -> list[Path]:
    """The files to ingest: given files as they are, folders searched recursively for .pdf and .txt."""
    out: list[Path] = []
    for given in paths:
        if not str(given).strip():
            raise InputError("an empty file name was given (it would have meant the current folder)")
        p = Path(given)
        if p.is_dir():
            out.extend(_walk(p))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    seen: dict[Path, None] = {}
    for f in out:
        seen.setdefault(f.resolve(), None)
    return list(seen)


def _walk(folder: Path) -> list[Path]:
    """The files to ingest in a folder and its sub-folders, in order.

    Not a store's own folders (one holding ``cskg-store.json``: its kept
    texts would come back as new documents on every run when a store lives
    beside the documents), nor the ``X_files`` folder a browser saves beside
    a page ``X.html`` (its scripts and frames are the page's, not documents).
    """
    every = list(folder.rglob("*"))
    stores = {m.parent for m in every if m.name == MANIFEST}
    found = []
    for f in every:
        if not f.is_file() or f.suffix.lower() not in SUFFIXES:
            continue
        if any(folder / d in stores or _saved_page_parts(folder / d) for d in f.relative_to(folder).parents):
            continue
        found.append(f)
    return sorted(found)


def _saved_page_parts(folder: Path) -> bool:
    """Whether ``folder`` is the parts a browser saved with a page (``X_files`` beside ``X.html``)."""
    if not folder.name.endswith("_files"):
        return False
    page = folder.name[: -len("_files")]
    return any((folder.parent / f"{page}{suffix}").is_file() for suffix in HTML_SUFFIXES)


def file_digest(path: Path) -> str:
    return digest([path], names=False, length=None)


def pipeline_files() -> list[Path]:
    """The code, ontology and council table that turn a file into quads."""
    return [*code_files(), *project_path("ontology").glob("*.ttl"), project_path("data") / "la-lookup.csv"]


def pipeline_fingerprint() -> str:
    """A digest of ``pipeline_files``: new code re-ingests unchanged files."""
    files = pipeline_files()
    h = hashlib.sha256()
    root = PACKAGE_DIR.parent
    for f in sorted(files):
        # The path inside the package, not the file name alone: two modules called build.py are two files.
        h.update(str(f.relative_to(root) if f.is_relative_to(root) else f.name).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- worker side

_CONTEXT: dict = {}


def _init_worker(register_path: str, taken: dict[str, str], authority: str | None = None) -> None:
    """Per process: the curated register, the inspections the store already holds, the batch's council if given."""
    _CONTEXT["register"] = load_register(register_path)
    _CONTEXT["taken"] = taken
    _CONTEXT["authority"] = authority


def read_document_text(path: Path) -> tuple[str, HtmlText | None]:
    """The text of a file (PDF through pypdfium2, HTML through its parser, text as UTF-8) and an HTML page's metadata.

    One-line reasons otherwise: an HTML page saved as .pdf, a .pdf that is
    not one, an empty or binary file.
    """
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if head.startswith(b"%PDF-"):
        return extract_pdf_text(path), None
    if path.suffix.lower() == ".pdf":
        if looks_like_html(head):
            raise InputError(f"{path}: an HTML page saved as .pdf, not a PDF")
        raise InputError(f"{path}: not a PDF (no %PDF header)")
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(head):
        page = read_html(path)
        return page.text, page
    return read_text(path), None


# A stem names the file's kept text (STORE/.../texts/STEM.txt) and its IRIs: file names stop at 255 bytes.
MAX_STEM = 120


def _stem(authority: str, path: Path, apart: bool = False) -> str:
    """The file's name in the graph: its slug, led by its council's; a very long one cut and told apart by a digest.

    ``apart``: another file already holds that name (one council's
    ``2024/minutes.pdf`` and ``2025/minutes.pdf``), so this one's name ends
    with a digest of its whole path, the same on every run.
    """
    own = slug(path.stem)
    stem = own if own.startswith(authority) else f"{authority}-{own}".rstrip("-")  # "---.txt": no name of its own
    if apart:
        stem = f"{stem[: MAX_STEM - 9].rstrip('-')}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
    elif len(stem) > MAX_STEM:
        stem = f"{stem[: MAX_STEM - 9].rstrip('-')}-{hashlib.sha256(stem.encode()).hexdigest()[:8]}"
    return stem


def process_file(path: str, digest: str, apart: bool = False) -> FileResult:
    """Text, parse, discover, build and check one file (in a worker process); ``apart`` as for ``_stem``."""
    started = time.perf_counter()
    result = FileResult(path=path, digest=digest)
    try:
        _process(Path(path), result, apart)
    except InputError as exc:
        result.error = _reason(str(exc), path)
    except Exception as exc:  # one bad file must not stop the batch; say what it was
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    result.seconds = time.perf_counter() - started
    if result.error or result.skip:
        result.nquads, result.text, result.search_rows = b"", "", []
    else:
        result.text_digest = text_digest(result.text)
    return result


def text_digest(text: str) -> str:
    """A digest of a document's words, blind to line ends, spacing and a byte-order mark: a copy of minutes saved
    again (CRLF, BOM, Latin-1) is the same document, and its actions must not be counted twice."""
    return hashlib.sha256(" ".join(text.replace("\ufeff", " ").split()).encode("utf-8")).hexdigest()


def _reason(message: str, path: str) -> str:
    """The library's message without the file name it starts with (the caller prints the path)."""
    first = message.splitlines()[0] if message else "failed"
    if first.startswith(f"{path}: "):
        return first[len(path) + 2 :]
    return re.sub(r"^\S+?\.(?:pdf|txt|html?): ", "", first, flags=re.I)


def _check_council(path: Path, what: str, given, stated) -> None:
    """Refuse a file whose own words name another council than ``--authority``, or, without it, than its folder.

    What the file says of itself (``own_council``: a report's title page, a
    document's header, first lines or own web address, naming one council
    only) outweighs a folder or an option given for a whole batch: filed
    under the wrong council, its grades and actions would join that
    council's.
    """
    if stated is None:
        return
    if given and stated.slug != given.slug:
        raise InputError(f"{path}: the {what} is about {stated.name}, not {given.name} (--authority)")
    folder = by_folder(path)
    if not given and folder and stated.slug != folder.slug:
        raise InputError(
            f"{path}: the {what} is about {stated.name}, but its folder is {folder.name}'s: "
            "move it, or give --authority"
        )


def _process(path: Path, result: FileResult, apart: bool = False) -> None:
    text, page_meta = read_document_text(path)
    kind = recognise(text, str(path), page_meta.url if page_meta else None)
    if kind.name != REPORT:
        _process_council_document(path, result, text, kind.name, page_meta, apart)
        return
    report = parse_report(text, path.name)
    insp = report.inspection
    page = title_page(text)
    named = identify(path, list(page.names), text)
    given = _CONTEXT.get("authority")
    _check_council(path, "report", given, own_council([page.authority]) if page.authority else None)
    authority = given or named
    if authority is None:
        raise InputError(
            f"{path}: cannot tell which council the report is about "
            f"(title names {insp.authority if insp else None!r}; not in la-lookup.csv): give --authority"
        )
    stem = _stem(authority.slug, path, apart)
    text_file = f"{stem}.txt"
    report.file = text_file
    result.stem, result.authority, result.text = stem, authority.slug, text
    result.warnings = [w.replace(path.name, str(path)) for w in report.warnings]
    quality = check_report(report)
    result.problems = list(quality.problems)
    curated = _CONTEXT["register"]
    inspection = cited = None
    if insp:
        inspection = inspection_iri(authority.slug, insp.year)
        holder = _CONTEXT["taken"].get(inspection)
        if holder and holder.startswith("reported in "):
            result.skip = f"the curated corpus already has this inspection ({holder})"
            return
        if holder:
            cited = inspection  # the same inspection as another document cites it (a news article's grades)
            inspection = inspection_iri(authority.slug, f"{insp.end_date:%Y-%m}")
        result.inspection = inspection
    if authority.slug == curated.authority:
        register = curated
    else:
        found = discover_entities(report, authority.slug, text_file, authority.name)
        register = Register(authority.slug, {e.id: e for e in found}, text_file)
        result.entities = len(found)
    src = SourceDocument(
        file=text_file,
        kind="inspection-report",
        path=path,
        text=text,
        title=page.title,
        publisher="Ofsted",
        published=insp.published if insp else None,
        licence="Open Government Licence v3.0",
    )
    matcher = EntityMatcher(list(register.entities.values()))
    is_curated = register.authority == authority.slug and any(
        e.curation == "Curated" for e in register.entities.values()
    )
    trust_id = unit_id(page.trust, council_names(authority.slug, authority.name)) if page.trust else None
    operator = entity_iri(authority.slug, trust_id) if trust_id else None
    ctx = DocumentContext(
        authority.slug, register, matcher, curated=is_curated, authority_name=authority.name, operator=operator
    )
    w = QuadWriter()
    w.use(graph_iri(stem))
    document_quads(
        w, src, report, document_facts(report, register, matcher), ctx, inspection=inspection, quality=quality
    )
    # The file the text came from (its folder and name), so a reader can open the PDF itself.
    w.lit(document_iri(stem), dcterms.source, "/".join(path.parts[-2:]))
    if cited:
        # Two nodes, one inspection: the report's own (quotes from the report) and the cited one (quotes
        # from the citing document).  Each keeps its quotes; per-council answers show the reported one.
        w.add(inspection, cs.sameInspectionAs, cited)
    if page.trust:
        trust_quads(w, page.trust, authority.slug, trust_id, text_file)
    quads = w.quads
    check_quads(quads, {text_file: text}, f"{path}: ")
    result.quads = len(quads)
    curated_ids = (
        {entity_iri(authority.slug, e.id): e.id for e in register.entities.values()} if register is curated else {}
    )
    result.search_rows = search_index.finding_rows(quads, curated_ids)
    result.findings = len(result.search_rows)  # one search row per finding: no second pass over the quads
    result.nquads = w.nquads()


def _process_council_document(
    path: Path, result: FileResult, text: str, kind: str, page: HtmlText | None, apart: bool = False
) -> None:
    """Minutes, a decision record or news: its council, meeting, actions and cited inspection (in a worker)."""
    url = page.url if page else None
    header = meeting_info(parse_document(text, path.name, kind)).body if kind in (MINUTES, DECISION) else None
    given = _CONTEXT.get("authority")
    _check_council(path, "document", given, own_council([header], text, url))
    authority = given or identify(path, [header], text, url)
    if authority is None:
        raise InputError(
            f"{path}: cannot tell which council the document is about (it names none on its first lines, in a "
            "header or a web address, and its folder is not a council's): give --authority"
        )
    stem = _stem(authority.slug, path, apart)
    text_file = f"{stem}.txt"
    result.stem, result.authority, result.text = stem, authority.slug, text
    record = read_council_document(
        text, text_file, kind, title=page.title if page else None, url=url, published=page.published if page else None
    )
    doc = record.document
    curated = _CONTEXT["register"]
    if authority.slug == curated.authority:
        register = curated
    else:
        found = discover_entities(doc, authority.slug, text_file, authority.name)
        register = Register(authority.slug, {e.id: e for e in found}, text_file)
    matcher = EntityMatcher(list(register.entities.values()))
    ctx = DocumentContext(authority.slug, register, matcher, curated=register is curated, authority_name=authority.name)
    src = SourceDocument(
        file=text_file,
        kind=kind,
        path=path,
        text=text,
        title=(page.title if page else None) or _first_line(text),
        publisher=authority.name if kind in (MINUTES, DECISION, PRESS_RELEASE) else None,
        published=page.published if page else None,
        licence="as published at the source; cite the publisher",
    )
    w = QuadWriter()
    w.use(graph_iri(stem))
    document_quads(w, src, doc, document_facts(doc, register, matcher), ctx, record=record)
    w.lit(document_iri(stem), dcterms.source, url or "/".join(path.parts[-2:]))
    quads = w.quads
    check_quads(quads, {text_file: text}, f"{path}: ")
    result.entities = len(register.entities) if register is not curated else 0
    result.quads = len(quads)
    result.nquads = w.nquads()


def _first_line(text: str) -> str | None:
    """A text's title: its first line, past a line that only names the council ("Shropshire Council")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:3]
    for line in lines:
        if not re.fullmatch(r"(?:(?:London|Royal) Borough of .{2,40}|.{2,50}\bCouncil)", line):
            return line[:200]
    return lines[0][:200] if lines else None


# ---------------------------------------------------------------- parent side


def ingest(
    paths: list[str | Path],
    store: str | Path | None = None,
    jobs: int | None = None,
    progress=None,
    file_timeout: float = FILE_TIMEOUT_S,
    allow_fewer_findings: bool = False,
    authority: str | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; see the module docstring for the guarantees.

    ``progress`` is called as ``progress(done, total, elapsed, result)`` after
    each file that needed work (None: silent).  A file that takes longer than
    ``file_timeout`` seconds fails in one line and the batch goes on.  A
    changed file with far fewer findings than its copy in the store (a damaged
    file, most likely) fails and the stored copy stays, unless
    ``allow_fewer_findings``.  ``authority`` (a council's name, slug, URN or
    GSS code) is the council of every file of the batch; without it each
    file's council is told from its folder or text.
    """
    started = time.perf_counter()
    store_path = Path(store) if store else default_store_path()
    council = resolve(authority) if authority else None
    files = collect_files(paths)
    report = IngestReport(store_path)
    if not files:
        raise InputError("no .pdf, .txt or .html files in " + ", ".join(str(p) for p in paths))
    with store_lock(store_path) as manifest:  # one writer at a time; refuses a folder that is not a store
        if manifest is None:
            print(f"cskg: no graph at {store_path}; building the embedded corpus first ...", file=sys.stderr)
            build_graph(store_path)
            manifest = read_manifest(store_path)
        _ingest_locked(
            files, store_path, manifest, (jobs, file_timeout, allow_fewer_findings), report, progress, council
        )
    report.seconds = time.perf_counter() - started
    return report


def _ingest_locked(
    files: list[Path], store_path: Path, manifest: dict, work, report: IngestReport, progress, council=None
) -> None:
    """The ingest proper, under the store's lock: work out what changed, process it, commit a new generation."""

    known: dict[str, dict] = dict(manifest.get(MANIFEST_KEY) or {})
    todo: list[tuple[str, str]] = []
    pipeline = pipeline_fingerprint()
    for f in files:
        key = str(f)
        digest = file_digest(f)
        if known.get(key, {}).get("sha256") == digest and known[key].get("pipeline") == pipeline:
            report.skipped.append((key, "unchanged since it was ingested"))
        else:
            todo.append((key, digest))
    if not todo:
        return
    register_path = str(manifest.get("register") or default_register())
    held = _held_before(store_path, {f"{CSD}{entry['graph']}" for entry in known.values()})
    todo.sort(key=lambda kd: -os.path.getsize(kd[0]))  # biggest first: the batch ends evenly
    tmp = _copy_store(store_path, manifest)
    try:
        _run(todo, tmp, known, held, register_path, work, report, progress, pipeline, council, manifest)

        if report.ingested or report.replaced:
            _finish(tmp, store_path, manifest, known)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _held_before(store_path: Path, ingested_graphs: set[str]) -> tuple[dict[str, str], set[str], set[str]]:
    """What the store holds outside its ingested files (the embedded corpus's graphs).

    The inspections (IRI -> how the corpus holds it), which an ingested
    report must not duplicate; the councils that have documents there,
    whose council-level pass must read the whole store; and those
    documents' stems, which no ingested file may take.
    """
    store = open_store(store_path)
    where = f"the store at {store_path}"
    taken: dict[str, str] = {}
    for row in select(store, "ingest-inspections", where):
        if row["graph"] in ingested_graphs:
            continue
        if row["file"]:
            taken[row["inspection"]] = f"reported in {row['file']}"
        else:
            taken.setdefault(row["inspection"], f"cited in {row['graph'].rsplit('/', 1)[-1]}")
    corpus = [row for row in select(store, "ingest-document-councils", where) if row["graph"] not in ingested_graphs]
    del store
    stems = {row["graph"].removeprefix(graph_iri("")) for row in corpus}
    return taken, {authority_of(row["authority"]) for row in corpus}, stems


def _corpus_texts(manifest: dict, stems: set[str]) -> dict[tuple, str]:
    """The store's own corpus's documents, by ``text_digest``: a file of the same words is one of them again."""
    folder = manifest.get("sources")
    files = [Path(folder) / f"{stem}.txt" for stem in sorted(stems)] if folder else []
    council = manifest.get("authority")
    return {
        (council, text_digest(f.read_text(encoding="utf-8"))): f"{f}, a document of the store's own corpus"
        for f in files
        if f.is_file()
    }


def _copy_store(store_path: Path, manifest: dict) -> Path:
    """A new generation in the store folder holding a copy of the current one to write into.

    RocksDB files are hard-linked by ``Store.backup`` (of the store opened
    read-only: the live database is never opened for writing), texts linked,
    the search index copied (it is written to).
    """
    import pyoxigraph as ox

    live = live_folder(store_path, manifest)
    if not (live / search_index.INDEX_FILE).exists():
        raise StoreError(
            f"the store at {store_path} was written by an older cskg (it has no search index): "
            f"run `cskg --store {store_path} build`, then ingest again"
        )
    tmp = new_generation(store_path, "ingest")
    try:
        ox.Store.read_only(str(live / "db")).backup(str(tmp / "db"))
        (tmp / "texts").mkdir()
        for f in (live / "texts").glob("*.txt") if (live / "texts").is_dir() else []:
            os.link(f, tmp / "texts" / f.name)
        shutil.copyfile(live / search_index.INDEX_FILE, tmp / search_index.INDEX_FILE)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise StoreError(f"the store at {store_path} cannot be copied to write into ({reason})") from None
    return tmp


def _run(
    todo,
    tmp: Path,
    known: dict,
    held: tuple[dict[str, str], set[str], set[str]],
    register_path: str,
    work: tuple[int | None, float, bool],
    report: IngestReport,
    progress,
    pipeline: str,
    council=None,
    manifest: dict | None = None,
) -> None:
    """Farm the files out to worker processes, write each finished file into the copy, then the council pass."""
    import pyoxigraph as ox

    taken, built, corpus_stems = held
    db = ox.Store(str(tmp / "db"))
    index = search_index.open_for_update(tmp)
    indexed_before, replaced_graphs = search_index.last_rowid(index), []
    jobs, budget, allow_fewer = work
    jobs = max(1, jobs or os.cpu_count() or 1)
    owners = {entry.get("inspection"): p for p, entry in known.items() if entry.get("inspection")}
    by_digest = {(entry.get("authority"), entry["sha256"]): p for p, entry in known.items()}
    # By council and bytes, or words: one council's minutes saved twice are one document; a joint committee's
    # minutes that two councils publish are each council's.
    by_text = _corpus_texts(manifest or {}, corpus_stems)
    by_text.update(((entry.get("authority"), entry["text"]), p) for p, entry in known.items() if entry.get("text"))
    started = time.perf_counter()
    # Finished files' N-Quads wait here and go into the store in few large bulk loads: one RocksDB bulk
    # load per file cost about 40 % more parent CPU than loading the same quads in large batches.
    # Nothing is visible before the copy is swapped in, so per-file atomicity is unchanged.
    pending: list[bytes] = []
    pending_size = 0
    # lenient: the QuadWriter checked every IRI as it wrote each file's N-Quads (graph/writer.py).
    loader = BackgroundLoad(db, lenient=True)

    def load_pending() -> None:
        nonlocal pending_size
        if pending:
            loader.wait()  # the batch before out of memory first: two batches held at most, not three
            loader.load(b"".join(pending))
            pending.clear()
            pending_size = 0

    touched: set[str] = set()  # councils whose derived graph the batch must recompute
    # Each written file's N-Quads, kept for its council's pass (read in memory when the batch holds all of it).
    spool = tmp / SPOOL
    spool.mkdir()
    spooled: dict[str, list[Path]] = {}
    in_batch = {path for path, _ in todo}
    # Councils that have documents outside the batch's files are read from the store: nothing to keep for them.
    settled = built | {entry.get("authority") for path, entry in known.items() if path not in in_batch}
    # Which file holds each name (stem): a second file of the same name would overwrite the first's kept text
    # and share its graph, so it is read again with a name of its own (``_stem``'s ``apart``).
    holders = {stem: "the store's own corpus" for stem in corpus_stems}
    holders.update((entry["stem"], path) for path, entry in known.items() if entry.get("stem"))
    apart: list[tuple[str, str, bool]] = []
    done = 0

    def take(result) -> None:
        """One finished file: checked against the store and the batch, then written into the copy or refused."""
        nonlocal done
        if isinstance(result, Failure):  # the worker overran its budget or died: this file fails, not the batch
            result = FileResult(path=result.task[0], digest=result.task[1], error=result.reason)
        if result.error is None and result.skip is None:
            twin = by_digest.get((result.authority, result.digest))
            same = by_text.get((result.authority, result.text_digest))
            owner = owners.get(result.inspection)
            holder = holders.get(result.stem)
            # A stored report gone from its path, of the inspection this new file reports: the same report,
            # moved or renamed (and perhaps changed); it takes the stored one's place.  A council document's name
            # says too little (every folder of minutes may hold a "minutes.pdf") to replace anything.
            moved = owner in known and owner != result.path and result.path not in known and not Path(owner).exists()
            result.moved_from = owner if moved else None
            if twin and twin != result.path and not moved:
                result.skip = f"same content as {twin}"
            elif same and same != result.path and not moved:
                result.skip = f"same text as {same}"
            elif owner and owner != result.path and not moved:
                result.error = f"its inspection {result.inspection[len(CSD) :]} is already reported in {owner}"
            elif holder and holder not in (result.path, result.moved_from):
                if not any(path == result.path for path, _, _ in apart):
                    apart.append((result.path, result.digest, True))
                    return  # read again under a name of its own once the batch's first round ends
                result.error = f"its name in the graph, {result.stem}, is already taken by {holder}"
            if not (result.error or result.skip) and not allow_fewer:
                result.error = _damage(result, known.get(result.moved_from or result.path))
        done += 1
        if result.error:
            report.failed.append((result.path, result.error))
        elif result.skip:
            report.skipped.append((result.path, result.skip))
        else:
            write(result)
        if progress:
            progress(done, len(todo), time.perf_counter() - started, result)

    def write(result: FileResult) -> None:
        """The file's text, search rows and N-Quads into the copy (its old graph out first), and its manifest entry."""
        nonlocal pending_size
        old = known.get(result.path)
        if result.moved_from:
            old = known.pop(result.moved_from)
            for by in (by_digest, by_text):  # nothing may be skipped as the same as a file no longer stored
                for key in [k for k, path in by.items() if path == result.moved_from]:
                    del by[key]
        touched.add(result.authority)
        if old and old.get("authority"):
            touched.add(old["authority"])
        if old:
            load_pending()  # keep the order of removals and loads
            loader.wait()
            db.remove_graph(ox.NamedNode(f"{CSD}{old['graph']}"))
            replaced_graphs.append(f"{CSD}{old['graph']}")
            if old.get("stem") and old["stem"] != result.stem:
                (tmp / "texts" / f"{old['stem']}.txt").unlink(missing_ok=True)
                holders.pop(old["stem"], None)
        holders[result.stem] = result.path
        (tmp / "texts" / f"{result.stem}.txt").unlink(missing_ok=True)
        (tmp / "texts" / f"{result.stem}.txt").write_text(result.text, encoding="utf-8")
        search_index.add_rows(index, result.search_rows)
        if result.authority not in settled:
            kept = spool / f"{result.stem}.nq"
            kept.write_bytes(result.nquads)
            spooled.setdefault(result.authority, []).append(kept)
        pending.append(result.nquads)
        pending_size += len(result.nquads)
        if pending_size >= LOAD_BATCH_BYTES:
            load_pending()
        known[result.path] = {
            "sha256": result.digest,
            "text": result.text_digest,
            "pipeline": pipeline,
            "graph": f"graph/{result.stem}",
            "stem": result.stem,
            "authority": result.authority,
            "inspection": result.inspection,
            "quads": result.quads,
            "findings": result.findings,
            "problems": result.problems,
        }
        if result.inspection:
            owners[result.inspection] = result.path
        by_digest[(result.authority, result.digest)] = result.path
        by_text[(result.authority, result.text_digest)] = result.path
        (report.replaced if old else report.ingested).append(result.path)
        report.quads += result.quads
        report.warnings.extend(result.warnings)
        if result.problems:
            report.suspect.append((result.path, result.problems))

    try:
        # Then the files to read again under a name of their own (``apart`` fills during the first round; it is
        # nearly always empty, and a pool with nothing to do starts no process).
        for tasks in (todo, apart):
            pool = WorkerPool(
                jobs, process_file, budget, initializer=_init_worker, initargs=(register_path, taken, council)
            )
            for result in in_task_order(pool.run(list(tasks)), tasks):
                take(result)
        load_pending()
        loader.wait()
    except BaseException:
        loader.close()  # a load still running finishes before the copy is thrown away
        raise
    batch = {*report.ingested, *report.replaced}
    elsewhere = built | {entry.get("authority") for path, entry in known.items() if path not in batch}
    own = {a: files for a, files in spooled.items() if a in touched and a not in elsewhere}
    try:
        _council_pass(db, tmp, touched, manifest or {}, jobs, own)
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    search_index.remove_graphs(index, replaced_graphs, indexed_before)
    index.commit()
    index.close()
    db.remove_graph(ox.NamedNode(AUTHORITIES_GRAPH))
    db.bulk_load(authority_quads(_curated_authorities(db)).nquads(), format=ox.RdfFormat.N_QUADS)
    db.flush()  # the store is closed when its last holder (this call's loader) goes at return


def in_task_order(results, tasks: list[tuple]):
    """The pool's results in the order of its tasks, whichever worker finishes first.

    Which of two copies of one document is kept, which of two files of one
    name keeps its plain name, follow from the order results are written in:
    in the tasks' order (largest file first, then by path) two runs of one
    batch keep the same file.  A result that finishes early waits for those
    before it; with two workers that is a few files, and at most the files
    another worker reads while one takes up to its time limit.
    """
    position = {task[0]: n for n, task in enumerate(tasks)}
    early: dict[int, object] = {}
    due = 0
    for result in results:
        early[position[result.task[0] if isinstance(result, Failure) else result.path]] = result
        while due in early:
            yield early.pop(due)
            due += 1


def _damage(result: FileResult, stored: dict | None) -> str | None:
    """Why a changed file must not replace its stored copy: far fewer findings (a damaged file), else None.

    pdfium reads a damaged PDF without a word: one flipped byte cost a 2017
    report 206 of its 556 findings, and a damaged copy of a 2019 report gave
    none of its 173.  A file re-issued by Ofsted keeps about as many.
    """
    before = (stored or {}).get("findings") or 0
    if before >= MIN_FINDINGS_COMPARED and result.findings < before * (1 - MAX_FINDINGS_DROP):
        return (
            f"{result.findings} findings where its copy in the store has {before} (a damaged file?): "
            "the stored copy stays (--allow-fewer-findings replaces it)"
        )
    return None


def _council_pass(
    db, tmp: Path, touched: set[str], manifest: dict, jobs: int, own: dict[str, list[Path]] | None = None
) -> None:
    """Recompute the derived graph (``graph.council``) of every council the batch touched.

    The old graphs go first, so the pass never reads its own earlier links;
    quotes are checked against the texts kept beside the store (an ingested
    file's) or the embedded corpus's sources (the curated council's).  A
    council of ``own`` (every document of it came in this batch) is read from
    its documents' N-Quads files in memory, the others from the store.  Many
    councils are shared among worker processes, which read a checkpoint of
    the store when some council needs it: a national batch's pass is the
    largest single cost after reading the files.
    """
    import pyoxigraph as ox

    if not touched:
        return
    own = own or {}
    for graph in council_graphs(touched):
        db.remove_graph(ox.NamedNode(graph))
    texts = KeptTexts(tmp / "texts", Path(manifest.get("sources") or project_path("data") / "sources"))
    where = "the council-level pass: "
    if jobs > 1 and len(touched) > 1:
        # The workers read a checkpoint (hard links), never the database this process has open for writing.
        snapshot = tmp / ".council-pass-db" if touched - set(own) else None
        try:
            if snapshot:
                db.backup(str(snapshot))
        except OSError as exc:
            raise StoreError(f"{where}cannot make a checkpoint of the store for its workers ({exc})") from None
        try:
            derived = council_pass_in_workers(snapshot, touched, texts, jobs, where, own)
        finally:
            if snapshot:
                shutil.rmtree(snapshot, ignore_errors=True)
    else:
        derived = [
            council_pass(council_store(own[a]) if a in own else db, {a}, texts, where).nquads() for a in sorted(touched)
        ]
    db.bulk_load(b"".join(derived), format=ox.RdfFormat.N_QUADS)


def _curated_authorities(db) -> set[str]:
    """Authorities that already have a label outside the authorities graph (Rotherham's register)."""
    import pyoxigraph as ox

    out = set()
    for q in db.quads_for_pattern(None, ox.NamedNode(rdf.type), ox.NamedNode(cs.LocalAuthority), None):
        elsewhere = isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != AUTHORITIES_GRAPH
        if elsewhere and any(
            True for _ in db.quads_for_pattern(q.subject, ox.NamedNode(rdfs.label), None, q.graph_name)
        ):
            out.add(authority_of(q.subject.value))
    return out


def _finish(tmp: Path, store_path: Path, manifest: dict, known: dict) -> None:
    """Commit the written copy as the store's new generation, with the manifest of every ingested file."""
    commit(store_path, tmp, {k: v for k, v in manifest.items() if k != "version"} | {MANIFEST_KEY: known})


def progress_printer(stream=None, shown=str):
    """A progress line on stderr (files done, rate, time left) and one line per failed file.

    ``shown`` makes a failed file's line safe for a terminal (the command line
    passes its escaping of control characters: a file's name is untrusted too).
    """
    stream = stream or sys.stderr
    tty = stream.isatty()
    last = [0.0]

    def show(done: int, total: int, elapsed: float, result: FileResult) -> None:
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate else 0.0
        width = 24
        bar = "#" * int(width * done / total) + "." * (width - int(width * done / total))
        line = f"[{bar}] {done}/{total} files  {rate:.1f} files/s  about {left:.0f} s left"
        if result.error:
            stream.write(("\r\x1b[K" if tty else "") + shown(f"cskg: failed: {result.path}: {result.error}") + "\n")
        if tty:
            stream.write("\r\x1b[K" + line)
            if done == total:
                stream.write("\n")
        elif done == total or elapsed - last[0] >= 2.0:
            stream.write(line + "\n")
            last[0] = elapsed
        stream.flush()

    return show
