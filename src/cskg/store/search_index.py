"""The search index: every finding's text in SQLite FTS5 (trigram) beside the store.

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
from ..namespace import cs, dcterms, prov, rdf

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
)


def finding_rows(quads, identifiers: dict[str, str] | None = None) -> list[tuple]:
    """One index row per finding among ``quads`` (``graph.writer`` tuples of one or more documents).

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
    }
    in_inspection, a, finding = cs.inInspection, rdf.type, cs.Finding
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    graph_of: dict[str, str] = {}
    findings: list[str] = []
    for subject, predicate, obj, graph in quads:
        if predicate == a:
            if obj == finding:
                findings.append(subject)
            continue
        if predicate not in wanted:
            continue
        props[subject][predicate].append(obj if type(obj) is str else obj[0])
        if predicate == in_inspection:
            graph_of[subject] = graph or ""
    ids = dict(identifiers or {})
    for node, p in props.items():
        if dcterms.identifier in p:
            ids.setdefault(node, p[dcterms.identifier][0])

    def one(node: str, predicate: str) -> str | None:
        values = props.get(node, {}).get(predicate)
        return values[0] if values else None

    rows = []
    for node in dict.fromkeys(findings):
        p = props[node]
        inspection = one(node, cs.inInspection)
        paragraph = one(node, prov.wasDerivedFrom)
        text = one(node, cs.text) or ""
        entities = sorted({ids[e] for e in p.get(cs.about, ()) if e in ids})
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
                " ".join(entities),
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
                "ORDER BY year DESC, coalesce(number, 0), idx, finding",
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


def tie_order(row: dict) -> tuple:
    """How findings of equal score are ordered: newest inspection, then paragraph, sentence, IRI."""
    return (-row["year"], row["number"] or 0, row["idx"], row["finding"])


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
