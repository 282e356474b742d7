"""Parse minutes, press releases and news articles into citable paragraphs.

These documents carry no findings structure, but their sentences are cited
by actions, curated facts and second-hand grades, so they are split into
paragraphs (numbered where the source numbers them, such as the resolutions
of ModernGov-style minutes) and sentences with source offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..model import Document, Inspection, Judgement, Paragraph
from ..namespace import DOCUMENT_KIND
from ..sources.files import SourceDocument
from .blocks import GRADE_WORDS, build_blocks, heading_text
from .layout import CleanText, layout_of, normalise_space
from .report import classify_area, grade_concept, parse_report
from .sentences import split_sentences

_RESOLVED = re.compile(r"\bResolved\s*(?::-|:|-|–)?\s*", re.I)
_RESOLUTION_ITEM = re.compile(r"\((\d{1,2})\)\s*")


def check_text(source: str, file: str) -> None:
    """Reject input that cannot be a text document, with a one-line reason."""
    if not source.strip():
        raise InputError(f"{file}: the file is empty")
    if "\x00" in source or sum(ch < " " and ch not in "\n\r\t\f" for ch in source[:5000]) > 20:
        raise InputError(f"{file}: binary data, not a text document")


def parse_source(src: SourceDocument) -> Document:
    """Parse one source with the parser its kind needs."""
    if src.kind == "inspection-report":
        return parse_report(src.text, src.file, published=src.published)
    if src.kind in DOCUMENT_KIND:
        return parse_document(src.text, src.file, src.kind)
    raise InputError(f"{src.file}: unknown document kind {src.kind!r} in sources.yaml")


def parse_document(source: str, file: str, kind: str) -> Document:
    """Split a non-report document into paragraphs and sentences."""
    check_text(source, file)
    doc = Document(file=file, kind=kind, source=source)
    layout = layout_of(source)
    heading = None
    for block in build_blocks(layout):
        clean = block.clean(source)
        if block.kind == "heading":
            heading = heading_text(clean.text)
            doc.headings.append(heading)
        resolved = _RESOLVED.search(clean.text)
        if resolved and _RESOLUTION_ITEM.match(clean.text[resolved.end() :]):
            _add(
                doc,
                CleanText(clean.text[: resolved.start()], clean.offsets[: resolved.start()]),
                None,
                heading,
                "paragraph",
            )
            body = CleanText(clean.text[resolved.end() :], clean.offsets[resolved.end() :])
            _add_resolutions(doc, body, heading)
            continue
        item = _RESOLUTION_ITEM.match(clean.text)
        if item and doc.paragraphs and doc.paragraphs[-1].kind == "resolution":
            _add_resolutions(doc, clean, heading)
            continue
        number = block.number if block.kind == "numbered" else None
        if number is not None:
            prefix = re.match(r"^\d{1,3}\.\s*", clean.text)
            if prefix:  # a block can be numbered by its layout with its label damaged in the text
                clean = CleanText(clean.text[prefix.end() :], clean.offsets[prefix.end() :])
        _add(doc, clean, number, heading, "bullet" if block.kind == "bullet" else "paragraph")
    _unique_numbers(doc)
    return doc


def _unique_numbers(doc: Document) -> None:
    """Drop a paragraph number the document uses twice (minutes restart "1." and "(1)" in every item).

    A number names its paragraph (``iris.paragraph_iri``): two paragraphs with one
    name would be one node with two texts.  Those paragraphs are named by their
    position instead.
    """
    seen: dict[tuple[bool, int], int] = {}
    for para in doc.paragraphs:
        if para.number is not None:
            key = (para.kind == "resolution", para.number)
            seen[key] = seen.get(key, 0) + 1
    for k, para in enumerate(doc.paragraphs):
        if para.number is not None and seen[(para.kind == "resolution", para.number)] > 1:
            doc.paragraphs[k] = replace(para, number=None)


def _add_resolutions(doc: Document, body: CleanText, heading: str | None) -> None:
    """Split "(1) That ... (2) That ..." into numbered resolution paragraphs."""
    items = list(_RESOLUTION_ITEM.finditer(body.text))
    items = [m for m in items if m.start() == 0 or body.text[m.start() - 1] in " \n"]
    for i, m in enumerate(items):
        stop = items[i + 1].start() if i + 1 < len(items) else len(body.text)
        piece = CleanText(body.text[m.end() : stop], body.offsets[m.end() : stop])
        _add(doc, piece, int(m.group(1)), heading, "resolution")


def _add(doc: Document, clean: CleanText, number: int | None, heading: str | None, kind: str) -> None:
    text = clean.text.rstrip()
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return
    body = CleanText(text, clean.offsets[lead : lead + len(text)])
    start, end = body.source_span(0, len(text))
    doc.paragraphs.append(
        Paragraph(
            index=len(doc.paragraphs) + 1,
            number=number,
            text=text,
            start=start,
            end=end,
            sentences=split_sentences(body),
            heading=heading,
            kind=kind,
        )
    )


_BULLET_GRADE = re.compile(rf"^(?:[•·◼\-v]\s*)?(?P<area>[A-Z][^:]{{3,90}}?):\s*(?P<grade>{GRADE_WORDS})\.?\s*$", re.I)
_PROSE_GRADE = re.compile(
    rf"(?P<areas>[^.;:]{{3,160}}?)\s+(?:(?:were|was|is|are)\s+(?:graded|judged|rated)\s+|(?:was|were|is|are)\s+|[‘'\"])"
    rf"(?P<grade>{GRADE_WORDS})",
    re.I,
)


def cited_grades(doc: Document, framework: str) -> list[tuple[Paragraph, list[Judgement]]]:
    """Grades a secondary source reports, with the paragraph that states them.

    Two shapes are read: a list of "area: grade" bullets (as the judgements of
    an earlier report), and prose such as "help and protection, leadership and
    adoption were graded good".  Each judgement keeps its exact quote.
    """
    found: list[tuple[Paragraph, list[Judgement]]] = []
    for para in doc.paragraphs:
        rows: list[Judgement] = []
        m = _BULLET_GRADE.match(para.text.rstrip(".; "))
        if m and para.kind == "bullet":
            area = classify_area(_plain(m.group("area")), framework)
            if area:
                rows.append(
                    Judgement(
                        area,
                        m.group("area").strip(),
                        grade_concept(m.group("grade"), doc.file),
                        m.group("grade"),
                        para.text,
                        para.start,
                        para.end,
                    )
                )
        else:
            for sentence in para.sentences:
                rows.extend(_prose_grades(sentence, framework, doc.file))
        if rows:
            found.append((para, rows))
    return found


def _plain(text: str) -> str:
    return re.sub(
        r"^(services for|children who need|the)\s+",
        lambda m: m.group(0) if "need" in m.group(0) else "",
        text.strip(),
        flags=re.I,
    )


def _prose_grades(sentence, framework: str, file: str) -> list[Judgement]:
    rows = []
    for m in _PROSE_GRADE.finditer(sentence.text):
        clause = re.sub(r"^.*?\b(?:but|and|inspection,)\s+(?=overall)", "", m.group("areas"), flags=re.I)
        clause = re.sub(r"^(?:in the latest inspection,?\s*)", "", clause.strip(), flags=re.I)
        parts = [
            p.strip()
            for p in re.split(r",\s*|\s+and\s+(?!protection|achieving|care leavers|governance)", clause)
            if p.strip()
        ]
        for part in parts:
            part = re.sub(r"^(?:and|but)\s+", "", part, flags=re.I)
            area = classify_area(_plain(part), framework) or _short_area(part, framework)
            if area:
                rows.append(
                    Judgement(
                        area,
                        normalise_space(part),
                        grade_concept(m.group("grade"), file),
                        m.group("grade"),
                        sentence.text,
                        sentence.start,
                        sentence.end,
                    )
                )
    return rows


def _short_area(part: str, framework: str) -> str | None:
    """Short names secondary sources use for SIF areas ("leadership", "adoption")."""
    t = part.lower()
    if t.startswith("leadership"):
        return "SifLeadership" if framework == "SIF" else "IlacsLeadership"
    if t.startswith("adoption"):
        return "SifAdoption"
    if "looked after" in t:
        return "SifLookedAfter"
    return None


def inspections_cited(doc: Document, framework: str, authority: str, years: list[int]) -> list[Inspection]:
    """Inspections a news article reports, one per year, newest first in ``years``.

    Bullet lists introduced by a paragraph naming a year belong to that year;
    the remaining prose grades belong to the newest inspection.
    """
    by_year: dict[int, list[Judgement]] = {y: [] for y in years}
    last_year_named = None
    for para in doc.paragraphs:
        if para.kind != "bullet":
            named = [int(y) for y in re.findall(r"\b(20\d\d)\b", para.text) if int(y) in by_year]
            last_year_named = named[-1] if named and "judgements" in para.text.lower() else None
        for p, rows in cited_grades(Document(doc.file, doc.kind, doc.source, [para]), framework):
            year = last_year_named if (p.kind == "bullet" and last_year_named) else years[0]
            for row in rows:
                if all(r.area != row.area for r in by_year[year]):
                    by_year[year].append(row)
    return [
        Inspection(authority=authority, year=y, framework=framework, judgements=rows)
        for y, rows in by_year.items()
        if rows
    ]
