"""Follow-up across inspections: was an earlier improvement area addressed?

Each improvement area (and each recommendation a news article quotes) is
linked to sentences of the next inspection's report that say whether it was
dealt with.  Two sources of links:

- automatic candidates: later findings that share entities or uncommon words
  with the improvement area, boosted when the finding says "since the last
  inspection"; the later report's own improvement areas count as evidence
  that the matter was raised again.  Candidates carry a score and a
  suggested status from the finding's polarity.
- curated confirmations in ``data/follow-up.yaml``: the status a reader
  settled on, with the quotes that justify it (checked verbatim, file:line
  errors like the register).

Every link is a ``cs:FollowUp`` in the named graph of the evidence's document,
with the evidence quote and its offsets, so the build's provenance check
re-derives it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .layout import clean_quote
from .model import Document, Report
from .namespace import cs, csd, prov, rdf, xsd
from .provenance import locate
from .register import Citation

FOLLOW_UP_STATUS = {"addressed": "Addressed", "partly-addressed": "PartlyAddressed", "raised-again": "RaisedAgain",
                    "no-evidence": "NoEvidence"}
_FIELDS = {"improvement", "status", "note", "evidence", "__line__"}
CANDIDATES_PER_AREA = 3
_STOP = set("""about above after again against also although among because been before being below between both
could does doing down during each either else ever every from further have having here into itself just more most
much must need needs only other over same should since some such than that their them then there these they this
those through under until very were what when where which while whom will with within would your children child
young people families family ensure ensures improve improvement quality service services care""".split())


@dataclass
class Confirmation:
    """One entry of ``follow-up.yaml``."""

    area: str  # "YYYY/N"
    status: str
    line: int
    note: str | None = None
    evidence: list[Citation] = field(default_factory=list)


def load_follow_up(path: Path, ctx) -> list[Confirmation]:
    """Read and check ``follow-up.yaml``; InputError naming file and line at the first problem."""
    from .actions import check_quote, load_yaml_items

    out: list[Confirmation] = []
    seen: set[str] = set()
    for item in load_yaml_items(path, "follow_up"):
        line = item.get("__line__", 0)
        where = f"{path}:{line}"
        unknown = sorted(set(item) - _FIELDS)
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r} (fields: improvement, status, note, evidence)")
        ref = str(item.get("improvement"))
        if ref not in ctx.areas:
            raise InputError(f"{where}: unknown improvement area {ref!r} (known: {', '.join(sorted(ctx.areas))})")
        if ref in seen:
            raise InputError(f"{where}: improvement area {ref} is confirmed twice")
        seen.add(ref)
        status = item.get("status")
        if status not in FOLLOW_UP_STATUS:
            raise InputError(f"{where}: {ref}: unknown status {status!r} (one of {', '.join(FOLLOW_UP_STATUS)})")
        evidence = item.get("evidence") or []
        if not isinstance(evidence, list):
            raise InputError(f"{where}: {ref}: evidence must be a list of source/quote pairs")
        if status != "no-evidence" and not evidence:
            raise InputError(f"{where}: {ref}: status {status} needs at least one evidence quote")
        cites = [check_quote(path, e.get("__line__", line) if isinstance(e, dict) else line, f"{ref}: evidence",
                             e.get("source") if isinstance(e, dict) else None,
                             e.get("quote") if isinstance(e, dict) else None, ctx) for e in evidence]
        out.append(Confirmation(ref, status, line, item.get("note"), cites))
    return out


def _stems(text: str) -> set[str]:
    out = set()
    for word in re.findall(r"[a-z]+", text.lower().replace("’", "'")):
        if len(word) < 4 or word in _STOP:
            continue
        for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ies", "es", "s", "ed"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        word = word[:7]
        if len(word) > 3 and word[-1] == word[-2]:
            word = word[:-1]
        if word not in _STOP:
            out.add(word)
    return out


@dataclass
class Evidence:
    """A later sentence or improvement area that may show an earlier one's fate."""

    iri: str
    text: str
    start: int
    end: int
    file: str
    stem: str
    inspection: str
    entities: set[str]
    suggestion: str  # follow-up status notation
    improved: bool = False


def _evidence_pool(src, doc: Report, register, matcher, authority: str, doc_iri: str) -> list[Evidence]:
    from .build import inspection_iri, paragraph_iri
    from .extract import document_facts

    inspection = inspection_iri(authority, doc.inspection.year)
    pool: list[Evidence] = []
    for item in doc.inspection.improvements:
        pool.append(Evidence(f"{inspection}/improvement/{item.number}", item.quote or item.text, item.start, item.end, src.file,
                             src.stem, inspection, {m.entity for m in matcher.find(item.text)}, "raised-again"))
    for pf in document_facts(doc, register, matcher):
        if not pf.is_findings:
            continue
        para_iri = paragraph_iri(doc_iri, pf.paragraph)
        for k, (sentence, facts) in enumerate(zip(pf.paragraph.sentences, pf.sentences), start=1):
            suggestion = ("addressed" if facts.improved or facts.polarity == "strength" else
                          "raised-again" if facts.polarity == "weakness" else "partly-addressed")
            pool.append(Evidence(f"{para_iri}/s/{k}", sentence.text, sentence.start, sentence.end, src.file, src.stem,
                                 inspection, set(facts.about), suggestion, facts.improved))
    return pool


def candidates(area_text: str, area_entities: set[str], pool: list[Evidence], limit: int = CANDIDATES_PER_AREA
               ) -> list[tuple[float, Evidence, str]]:
    """The best later evidence for one improvement area: (score, evidence, basis), best first."""
    counts: dict[str, int] = {}
    stems_of = [_stems(e.text) for e in pool]
    for stems in stems_of:
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    wanted = _stems(area_text)
    scored = []
    for ev, stems in zip(pool, stems_of):
        shared = wanted & stems
        ents = area_entities & ev.entities
        if len(shared) < 2 and not ents:
            continue
        score = sum(math.log(1 + len(pool) / counts[s]) for s in shared) + 2.0 * len(ents) + (1.0 if ev.improved else 0.0)
        basis = []
        if ents:
            basis.append("shared entities: " + ", ".join(sorted(ents)))
        if shared:
            basis.append("shared words: " + ", ".join(sorted(shared)))
        if ev.improved:
            basis.append("says it improved since the last inspection")
        scored.append((round(score, 2), ev, "; ".join(basis)))
    scored.sort(key=lambda t: (-t[0], t[1].iri))
    return scored[:limit]


def follow_up_quads(w, sources, documents: list[Document], register, file_iri: dict[str, str], areas: dict[str, str],
                    confirmations: list[Confirmation], matcher) -> int:
    """Write curated and candidate follow-up links; the number written."""
    from .build import inspection_iri

    authority = register.authority
    reports = sorted(((d.inspection.year, s, d) for s, d in zip(sources, documents)
                      if isinstance(d, Report) and d.inspection), key=lambda t: t[0])
    pools = {year: _evidence_pool(s, d, register, matcher, authority, file_iri[s.file]) for year, s, d in reports}
    texts = {s.file: s.text for s in sources}
    by_file = {s.file: (s, d) for s, d in zip(sources, documents)}
    area_text = _area_texts(sources, documents, areas)
    confirmed = {c.area: c for c in confirmations}
    written = 0
    for ref, area in sorted(areas.items(), key=lambda kv: (int(kv[0].split("/")[0]), int(kv[0].split("/")[1]))):
        year = int(ref.split("/")[0])
        later = [y for y, _, _ in reports if y > year]
        n = 0
        used: set[str] = set()
        conf = confirmed.get(ref)
        if conf:
            for cite in conf.evidence:
                src, doc = by_file[cite.source]
                start, end = locate(texts[cite.source], cite.quote)
                quote = clean_quote(texts[cite.source], start, end)
                evidence, inspection = _evidence_node(doc, src, start, end, file_iri, authority)
                n += 1
                node = f"{area}/follow-up/{n}"
                w.use(f"{csd}graph/{src.stem}")
                _follow_up(w, node, area, conf.status, "Curated", evidence, inspection, quote, start, end, conf.note)
                used.add(evidence)
                written += 1
            if not conf.evidence:
                n += 1
                w.use(f"{csd}graph/{_stem_of_area(area, sources, documents, authority)}")
                _follow_up(w, f"{area}/follow-up/{n}", area, conf.status, "Curated", None,
                           inspection_iri(authority, later[0]) if later else None, None, None, None, conf.note)
                written += 1
        if not later:
            continue
        text = area_text.get(area, "")
        ents = {m.entity for m in matcher.find(text)}
        for score, ev, basis in candidates(text, ents, pools[later[0]]):
            if ev.iri in used:
                continue
            n += 1
            node = f"{area}/follow-up/{n}"
            w.use(f"{csd}graph/{ev.stem}")
            _follow_up(w, node, area, ev.suggestion, "Discovered", ev.iri, ev.inspection, ev.text, ev.start, ev.end, basis)
            w.lit(node, cs.score, f"{score:.2f}", datatype=xsd.decimal)
            written += 1
    return written


def _area_texts(sources, documents, areas: dict[str, str]) -> dict[str, str]:
    from .actions import cited_recommendations

    out: dict[str, str] = {}
    for src, doc in zip(sources, documents):
        if isinstance(doc, Report) and doc.inspection:
            for item in doc.inspection.improvements:
                out[areas.get(f"{doc.inspection.year}/{item.number}", "")] = item.text
        if src.kind == "news-article" and src.meta.get("reports_on"):
            years = [int(y) for y in src.meta["reports_on"].get("inspections", [])]
            for item in cited_recommendations(doc):
                if years:
                    out[areas.get(f"{years[0]}/{item.number}", "")] = item.text
    return out


def _stem_of_area(area: str, sources, documents, authority: str) -> str:
    from .build import inspection_iri

    for src, doc in zip(sources, documents):
        if isinstance(doc, Report) and doc.inspection and area.startswith(inspection_iri(authority, doc.inspection.year) + "/"):
            return src.stem
    for src in sources:
        if src.kind == "news-article":
            return src.stem
    return sources[0].stem


def _evidence_node(doc: Document, src, start: int, end: int, file_iri: dict[str, str], authority: str
                   ) -> tuple[str, str | None]:
    """The IRI of the smallest thing that holds a quote: an improvement area, a sentence, or a paragraph."""
    from .build import inspection_iri, paragraph_iri

    inspection = inspection_iri(authority, doc.inspection.year) if isinstance(doc, Report) and doc.inspection else None
    if isinstance(doc, Report) and doc.inspection:
        for item in doc.inspection.improvements:
            if item.start <= start and end <= item.end:
                return f"{inspection}/improvement/{item.number}", inspection
    for para in doc.paragraphs:
        if para.start <= start and end <= para.end:
            p_iri = paragraph_iri(file_iri[src.file], para)
            for k, sentence in enumerate(para.sentences, start=1):
                if sentence.start <= start and end <= sentence.end:
                    return f"{p_iri}/s/{k}", inspection
            return p_iri, inspection
    return file_iri[src.file], inspection


def _follow_up(w, node: str, area: str, status: str, curation: str, evidence: str | None, inspection: str | None,
               quote: str | None, start: int | None, end: int | None, basis: str | None) -> None:
    w.add(node, rdf.type, cs.FollowUp)
    w.add(node, rdf.type, prov.Entity)
    w.add(node, cs.followsUp, area)
    w.add(node, cs.followUpStatus, cs.term(FOLLOW_UP_STATUS[status]))
    w.add(node, cs.curation, cs.term(curation))
    w.add(node, cs.evidence, evidence)
    w.add(node, cs.laterInspection, inspection)
    w.lit(node, cs.quote, quote)
    w.lit(node, cs.startOffset, start)
    w.lit(node, cs.endOffset, end)
    w.lit(node, cs.basis, basis)
