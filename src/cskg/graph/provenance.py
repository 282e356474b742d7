"""Provenance check: every quoted fact must be re-findable in its source.

For each finding, sentence, judgement, improvement area, action and
follow-up link the quote must equal the source text at its offsets after
the parsers' own normalisation (page furniture dropped, whitespace
collapsed, hyphenated breaks joined).  For each curated fact of the register
the quote must occur verbatim in its source after whitespace normalisation;
a failure names the register file and line.  Run on the quads before
anything is written, in a build and in each ingest worker alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..errors import InputError
from ..extract.register import Register, citations
from ..namespace import cs, rdf
from ..parse.layout import clean_span, layout_of, locate
from ..sources.files import SourceDocument


@dataclass(frozen=True)
class QuotedFact:
    """A quote with its offsets into a source file (from the graph or the parser)."""

    node: str
    file: str
    quote: str
    start: int
    end: int


def quoted_facts(quads) -> list[QuotedFact]:
    """Every node of ``quads`` with a quote (``cs:quote``, else ``cs:text``), offsets and its source file.

    A document's named graph holds one document (``cs:Document`` with
    ``cs:sourceFile``) and a node's offsets point into that document's text;
    a node that names its own ``cs:sourceFile`` (a link of a council's
    derived graph, which quotes several documents) points into that file.
    """
    wanted = {cs.startOffset: "start", cs.endOffset: "end", cs.quote: "quote", cs.text: "text", cs.sourceFile: "file"}
    by_graph: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    documents: dict[str, set[str]] = defaultdict(set)
    for subject, predicate, obj, graph in quads:
        if predicate == rdf.type and obj == cs.Document:
            documents[graph].add(subject)
            continue
        key = wanted.get(predicate)
        if key is not None:
            by_graph[graph][subject].setdefault(key, obj if type(obj) is str else obj[0])
    facts = []
    for graph, nodes in by_graph.items():
        files = {nodes[d]["file"] for d in documents.get(graph, ()) if "file" in nodes.get(d, {})}
        for node, values in nodes.items():
            if "start" not in values or "end" not in values:
                continue
            quote = values.get("quote", values.get("text", ""))
            for file in sorted({values["file"]} if "file" in values else files):
                facts.append(QuotedFact(node, file, quote, int(values["start"]), int(values["end"])))
    return facts


def check_offsets(facts: list[QuotedFact], texts: dict[str, str]) -> list[str]:
    """Problems (one line each) for quotes that are not at their offsets."""
    problems = []
    layouts = {}
    for fact in facts:
        text = texts.get(fact.file)
        if text is None:
            problems.append(f"{fact.node}: source file {fact.file} is not known")
            continue
        layout = layouts.get(fact.file)
        if layout is None:  # analyse once per file, not once per fact
            layout = layouts[fact.file] = layout_of(text)
        if not (0 <= fact.start < fact.end <= len(text)):
            problems.append(f"{fact.node}: offsets {fact.start}-{fact.end} outside {fact.file}")
            continue
        found = clean_span(layout, fact.start, fact.end)
        if found != fact.quote:
            problems.append(f"{fact.node}: quote differs from {fact.file}[{fact.start}:{fact.end}]: {found[:60]!r}")
    return problems


def check_quads(quads, texts: dict[str, str], where: str) -> int:
    """Check every quoted fact of ``quads`` against ``texts``; InputError naming ``where`` at the first problem.

    Returns the number of facts checked.
    """
    facts = quoted_facts(quads)
    problems = check_offsets(facts, texts)
    if problems:
        raise InputError(f"{where}provenance check failed for {len(problems)} quotes; first: {problems[0]}")
    return len(facts)


def check_register(register: Register, sources: list[SourceDocument]) -> None:
    """Raise InputError at the first curated quote not found in its source."""
    texts = {s.file: s.text for s in sources}
    for ident, citation in citations(register):
        where = f"{register.file}:{citation.line}"
        if citation.source not in texts:
            raise InputError(f"{where}: {ident}: source {citation.source!r} is not in sources.yaml")
        if locate(texts[citation.source], citation.quote) is None:
            raise InputError(
                f"{where}: {ident}: quote not found verbatim in {citation.source}: {citation.quote[:60]!r}"
            )
