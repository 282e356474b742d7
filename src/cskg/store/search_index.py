"""The search index: every finding's text in SQLite FTS5 (trigram) beside the store.

Besides the findings it holds every improvement area and every other
sentence that names an entity (a report's headline summary, minutes, news),
each marked with its ``source``, so that a search finds what ``show`` lists.

Oxigraph has no text index: a substring test over the national graph's
200,000 texts costs about 15 µs a text (each literal is a look-up), 3 s for
one word, and ``cskg search`` took about a minute there.  SQLite's FTS5 with
the trigram tokenizer (in Python's standard library) answers a ``LIKE
'%word%'`` from its index in milliseconds.  The index holds, per finding,
what a search result shows, so a search reads nothing else.

It is derived data, written from the same quads as the store and inside the
same temporary folder before that folder is swapped in, so the two never
disagree: a build writes it whole, an ingest removes a replaced file's rows by
its named graph and adds the new ones.  Rows are made from the quads
(``finding_rows``), not by querying the store afterwards.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from ..iris import council_of_entity
from ..namespace import DOCUMENT_KIND_NAME, cs, dcterms, prov, rdf

INDEX_FILE = "search.sqlite"
# "folded" (the lower-cased text) is the one indexed column; the rest is what a result shows.
COLUMNS = (
    "folded",
    "finding",
    "graph",
    "authority",
    "inspection",
    "year",
    "file",
    "number",
    "area",
    "polarity",
    "text",
    "idx",
    "entities",
    "source",
    "start",
    "end",
)
# What a row is: a finding, an improvement area, or a sentence that names an entity in a report's
# headline summary, another sentence of a report, minutes, or news.
SOURCES = ("finding", "improvement", "headline", "report", "minutes", "news")


def finding_rows(quads, identifiers: dict[str, str] | None = None) -> list[tuple]:
    """One index row per finding, improvement area and entity-naming sentence among ``quads``.

    ``quads`` are ``graph.writer`` tuples of one or more documents.
    ``identifiers`` maps entity IRIs to their ``dcterms:identifier`` where the
    entities are not among the quads (a curated register's, when an ingest
    adds a report of the curated council).
    """
    wanted = {
        cs.inInspection,
        prov.wasDerivedFrom,
        cs.text,
        cs.about,
        cs.area,
        cs.polarity,
        cs.index,
        cs.ofAuthority,
        cs.year,
        dcterms.isPartOf,
        cs.sourceFile,
        cs.number,
        dcterms.identifier,
        cs.startOffset,
        cs.endOffset,
        cs.raisedBy,
        cs.concerns,
        cs.quote,
        cs.mentions,
        cs.section,
        cs.documentKind,
        dcterms.issued,
    }
    a = rdf.type
    typed = {cs.Finding: [], cs.ImprovementArea: [], cs.Sentence: []}
    findings = set()
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    graph_of: dict[str, str] = {}
    inspection_of_doc: dict[str, str] = {}
    for subject, predicate, obj, graph in quads:
        if predicate == a:
            if obj in typed:
                typed[obj].append(subject)
            continue
        if predicate == cs.reportedIn:
            inspection_of_doc.setdefault(obj, subject)
            continue
        if predicate not in wanted:
            continue
        props[subject][predicate].append(obj if type(obj) is str else obj[0])
        if predicate in (cs.inInspection, cs.raisedBy, cs.mentions):
            graph_of.setdefault(subject, graph or "")
    ids = dict(identifiers or {})
    for node, p in props.items():
        if dcterms.identifier in p:
            ids.setdefault(node, p[dcterms.identifier][0])

    def one(node: str | None, predicate: str) -> str | None:
        values = props.get(node, {}).get(predicate) if node else None
        return values[0] if values else None

    def idents(node: str, predicate: str) -> str:
        return " ".join(sorted({ids[e] for e in props[node].get(predicate, ()) if e in ids}))

    rows = []
    for node in dict.fromkeys(typed[cs.Finding]):
        findings.add(node)
        p = props[node]
        inspection = one(node, cs.inInspection)
        paragraph = one(node, prov.wasDerivedFrom)
        text = one(node, cs.text) or ""
        rows.append(
            (
                text.lower(),
                node,
                graph_of.get(node, ""),
                one(inspection, cs.ofAuthority),
                inspection,
                _int(one(inspection, cs.year)),
                one(one(paragraph, dcterms.isPartOf), cs.sourceFile),
                _int(one(paragraph, cs.number)),
                one(node, cs.area),
                one(node, cs.polarity),
                text,
                _int(one(node, cs.index)),
                idents(node, cs.about),
                "finding",
                _int(one(node, cs.startOffset)),
                _int(one(node, cs.endOffset)),
            )
        )
    for node in dict.fromkeys(typed[cs.ImprovementArea]):
        inspection = one(node, cs.raisedBy)
        text = one(node, cs.quote) or one(node, cs.text) or ""  # the offsets are the quote's
        rows.append(
            (
                text.lower(),
                node,
                graph_of.get(node, ""),
                one(inspection, cs.ofAuthority),
                inspection,
                _int(one(inspection, cs.year)),
                one(one(node, prov.wasDerivedFrom), cs.sourceFile),
                None,
                None,
                None,
                text,
                _int(one(node, cs.number)),  # the item's number in "what needs to improve"
                idents(node, cs.concerns),
                "improvement",
                _int(one(node, cs.startOffset)),
                _int(one(node, cs.endOffset)),
            )
        )
    for node in dict.fromkeys(typed[cs.Sentence]):
        named = props[node].get(cs.mentions)
        if not named or node in findings:
            continue
        paragraph = one(node, dcterms.isPartOf)
        doc = one(paragraph, dcterms.isPartOf)
        inspection = inspection_of_doc.get(doc)
        kind = DOCUMENT_KIND_NAME.get(one(doc, cs.documentKind) or "")
        number = _int(one(paragraph, cs.number))
        source = {"inspection-report": "report" if number else "headline", "minutes": "minutes"}.get(kind, "news")
        issued = one(doc, dcterms.issued)
        text = one(node, cs.text) or ""
        rows.append(
            (
                text.lower(),
                node,
                graph_of.get(node, ""),
                one(inspection, cs.ofAuthority) or council_of_entity(sorted(named)[0]),
                inspection,
                _int(one(inspection, cs.year)) or (_int(issued[:4]) if issued else None),
                one(doc, cs.sourceFile),
                number,
                one(paragraph, cs.section),
                None,
                text,
                (_int(one(paragraph, cs.index)) or 0) * 1000 + (_int(one(node, cs.index)) or 0),  # reading order
                idents(node, cs.mentions),
                source,
                _int(one(node, cs.startOffset)),
                _int(one(node, cs.endOffset)),
            )
        )
    return rows


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def create_index(folder: Path, rows: list[tuple]) -> None:
    """A new index in ``folder`` (the store's temporary folder) holding ``rows``."""
    db = _connect(Path(folder) / INDEX_FILE)
    try:
        db.execute(
            f"CREATE VIRTUAL TABLE findings USING fts5({', '.join(_declared())}, tokenize='trigram', detail='none')"
        )
        add_rows(db, rows)
        db.commit()
    finally:
        db.close()


def open_for_update(folder: Path) -> sqlite3.Connection:
    """The index of a store's temporary copy, to change with ``add_rows`` and ``remove_graphs``, then commit."""
    return _connect(Path(folder) / INDEX_FILE)


def add_rows(db: sqlite3.Connection, rows: list[tuple]) -> None:
    db.executemany(f"INSERT INTO findings VALUES ({', '.join('?' * len(COLUMNS))})", rows)


def last_rowid(db: sqlite3.Connection) -> int:
    """The newest row's id: rows added after it have larger ones (FTS5 numbers new rows max + 1)."""
    return db.execute("SELECT max(rowid) FROM findings").fetchone()[0] or 0


def remove_graphs(db: sqlite3.Connection, graphs: list[str], up_to: int) -> None:
    """Forget the rows of these named graphs (files replaced) that were there before a batch (rowid <= ``up_to``).

    One pass for the whole batch: a DELETE by graph reads every row (the
    graph column is not indexed), 0.1 s a file on the national index, which
    made re-ingesting the 408 files after an upgrade 47 s slower.  The rows
    the batch added for the same graphs have larger rowids and stay.
    """
    for start in range(0, len(graphs), 500):
        chunk = graphs[start : start + 500]
        db.execute(
            f"DELETE FROM findings WHERE rowid <= ? AND graph IN ({', '.join('?' * len(chunk))})", [up_to, *chunk]
        )


# What ranking needs of each candidate; the rest of a row is read for the few shown (``rows``).
RANKING = ("finding", "folded", "year", "number", "idx")


def candidates(store: Path, words: list[str], authority: str | None = None, every: bool = False) -> Iterator[dict]:
    """The findings whose lower-cased text contains any of ``words`` (all of them if ``every``).

    A substring test, so a superset of any word-start match the caller then
    makes (with ``every``, a word under three characters is not tested here
    at all); of one council's IRI if ``authority`` is given.  Each candidate
    carries its ``rowid`` and the ``RANKING`` columns, and they come in the
    order ties are broken in (newest inspection first, then paragraph,
    sentence and IRI), so a caller may stop early.  The words are bound as
    parameters; a word of three or more characters is looked up through the
    trigram index, a shorter one scans.
    """
    # No ESCAPE clause: it turns the index off.  Words are \w+ runs, so the only
    # wildcard they can hold is "_", which only widens the superset.
    scope = " AND authority = ?" if authority else ""
    tail = [authority] if authority else []
    unique = list(dict.fromkeys(words))
    # With ``every``, the words under three characters are left to the caller: SQLite 3.40's trigram
    # index crashes the process on "LIKE '%at%' AND LIKE '%home%'" (a short pattern before a long one).
    groups = [[w for w in unique if len(w) >= 3] or unique[:1]] if every else [[w] for w in unique]
    db = _open(store)
    try:
        found: dict[int, dict] = {}
        for group in groups:
            where = " AND ".join("folded LIKE ?" for _ in group)
            cursor = db.execute(
                f"SELECT rowid, {', '.join(RANKING)} FROM findings WHERE {where}{scope} "
                "ORDER BY coalesce(year, 0) DESC, coalesce(number, 0), coalesce(idx, 0), finding",
                [f"%{w}%" for w in group] + tail,
            )
            for rowid, *values in cursor:
                row = {"rowid": rowid, **dict(zip(RANKING, values, strict=False))}
                if len(groups) == 1:
                    yield row  # one query: already in tie order, read no further than the caller does
                elif rowid not in found:
                    found[rowid] = row
        yield from sorted(found.values(), key=tie_order)
    except sqlite3.DatabaseError as exc:
        raise _unreadable(store, exc) from None
    finally:
        db.close()


def matching_texts(store: Path, words: list[str], authority: str | None = None, every: bool = False) -> list[tuple]:
    """``(rowid, folded, year, number, idx, iri)`` of every row whose text contains any of ``words``
    (with ``every``, all of those of three or more characters: shorter ones are left to the caller, as
    in ``candidates``).

    What a search scores when it must count every match: one statement, no
    ORDER BY and plain tuples (the caller sorts the few it keeps), about half
    the time of ``candidates`` on a common word of the national index.  A
    word of three or more characters is looked up through the trigram index.
    """
    scope = " AND authority = ?" if authority else ""
    db = _open(store)
    try:
        unique = list(dict.fromkeys(words))
        if every:
            group = [w for w in unique if len(w) >= 3] or unique[:1]
            return db.execute(
                "SELECT rowid, folded, year, number, idx, finding FROM findings WHERE "
                + " AND ".join("folded LIKE ?" for _ in group)
                + scope,
                [f"%{w}%" for w in group] + ([authority] if authority else []),
            ).fetchall()
        found: dict[int, tuple] = {}
        for word in unique:  # one look-up a word: an OR of LIKEs scans the whole table
            cursor = db.execute(
                f"SELECT rowid, folded, year, number, idx, finding FROM findings WHERE folded LIKE ?{scope}",
                [f"%{word}%"] + ([authority] if authority else []),
            )
            for row in cursor:
                found.setdefault(row[0], row)
        return list(found.values())
    except sqlite3.DatabaseError as exc:
        raise _unreadable(store, exc) from None
    finally:
        db.close()


def tie_order(row: dict) -> tuple:
    """How findings of equal score are ordered: newest inspection, then paragraph, sentence, IRI."""
    return (-(row["year"] or 0), row["number"] or 0, row["idx"] or 0, row["finding"])


def rows(store: Path, rowids: list[int]) -> dict[int, dict]:
    """Whole index rows (every column but ``folded``) by rowid."""
    db = _open(store)
    try:
        marks = ", ".join("?" * len(rowids))
        cursor = db.execute(f"SELECT rowid, {', '.join(COLUMNS[1:])} FROM findings WHERE rowid IN ({marks})", rowids)
        return {rowid: dict(zip(COLUMNS[1:], values, strict=False)) for rowid, *values in cursor}
    except sqlite3.DatabaseError as exc:
        raise _unreadable(store, exc) from None
    finally:
        db.close()


def _open(folder: Path) -> sqlite3.Connection:
    """The index of a store's generation (``folder``), read-only."""
    path = Path(folder) / INDEX_FILE
    store = _store_of(folder)
    if not path.exists():
        raise StoreError(
            f"the store at {store} has no search index ({INDEX_FILE}; it was written by an older "
            f"cskg): run `cskg --store {store} build`, then ingest again"
        )
    try:
        # A URI, so that mode=ro holds; the path is quoted, since a folder may be called "a#b?".
        return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _unreadable(folder, exc) from None


def _store_of(folder: Path) -> Path:
    """The store folder of a generation folder (or of an older store, which is its own)."""
    folder = Path(folder)
    return folder.parent if folder.name.startswith("gen-") else folder


def _unreadable(folder: Path, exc: Exception):
    store = _store_of(folder)
    return StoreError(
        f"the search index of the store at {store} cannot be read ({exc}): "
        f"run `cskg --store {store} build` to rebuild it"
    )


def _declared() -> list[str]:
    return [COLUMNS[0]] + [f"{c} UNINDEXED" for c in COLUMNS[1:]]


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")  # the file lives in a temporary folder until it is swapped in
    return db
