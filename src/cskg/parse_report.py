"""Parse an Ofsted children's-services inspection report from plain text.

Handles every framework Ofsted has used for councils' children's services:
the 2012-13 safeguarding and looked-after-children inspections, the single
inspection framework (SIF, 2013-2018, with LSCB reviews), ILACS from 2018
(standard and short, with combined or separate children-in-care and
care-leaver judgements) and the reformed 2026 reports without an overall
grade.  The rules key on Ofsted's framework wording (judgement names, grade
words, section titles), which is national, never on one council's prose.
"""
from __future__ import annotations

import re
from datetime import date

from .blocks import GRADE_WORDS, Block, build_blocks, heading_text
from .layout import Layout, analyse, join_pieces, normalise_space
from .model import ImprovementItem, InputError, Inspection, Judgement, Paragraph, Report
from .sentences import split_sentences

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_GRADE = re.compile(rf"\b({GRADE_WORDS})\b\.?\s*$", re.I)
_BOILERPLATE = re.compile(r"^The Office for Standards in Education, Children.s Services and Skills \(Ofsted\)")
_IMPROVE_HEADING = re.compile(
    r"what needs to improve|need to improve\?|areas for improvement|^recommendations$|priority and immediate action", re.I)
_MAJOR_HEADING = re.compile(
    r"strengths|summary|progress since|information about|inspection judgements? about|experiences and progress|"
    r"impact of leaders|what the inspection judgements mean|local safeguarding children board|\blscb\b|"
    r"overall effectiveness|leadership, management", re.I)
_REFERENCE = re.compile(r"\s*\(([^()]*national framework[^()]*)\)\s*\.?$", re.I)


def grade_concept(word: str, where: str = "") -> str:
    """The local name of the grade concept for a report's grade wording."""
    w = normalise_space(word).lower().rstrip(".")
    if w.startswith("outstanding"):
        return "Outstanding"
    if w.startswith("good"):
        return "Good"
    if w.startswith("require"):
        return "RequiresImprovement"
    if w.startswith("inadequate"):
        return "Inadequate"
    if w.startswith("adequate"):
        return "Adequate"
    raise InputError(f"{where}: unknown grade word {word!r}")


def classify_area(text: str, framework: str) -> str | None:
    """The judgement-area concept a heading or table row names, or None."""
    t = normalise_space(text).lower().replace("’", "'")
    t = re.sub(r"^\d+(\.\d+)*\.?\s*", "", t)
    ilacs = framework.startswith("ILACS")
    prefix = "Ilacs" if ilacs else "Sif"
    if "safeguarding children board" in t or re.search(r"\blscb\b", t):
        return "LscbEffectiveness"
    if t.startswith("overall effectiveness") or t.startswith("overall judgement"):
        return {"SafeguardingInspection2012": "SafeguardingOverallEffectiveness",
                "LACInspection2012": "LacOverallEffectiveness"}.get(framework, prefix + "OverallEffectiveness")
    if t.startswith("capacity for improvement") or t.startswith("capacity to improve"):
        return "LacCapacityForImprovement" if framework == "LACInspection2012" else "SafeguardingCapacityForImprovement"
    if "impact of leaders" in t or t.startswith("leadership, management") or t.startswith("leadership and management"):
        return prefix + "Leadership"
    if "help and protection" in t:
        return prefix + "HelpAndProtection"
    if "children in care and care leavers" in t:
        return "IlacsChildrenInCareAndCareLeavers"
    if "looked after" in t and "permanence" in t:
        return "SifLookedAfter"
    if t.startswith("adoption"):
        return "SifAdoption"
    if "care leavers" in t and len(t) < 90:
        return prefix + "CareLeavers"
    if "children in care" in t and len(t) < 90:
        return prefix + "ChildrenInCare"
    return None


def detect_framework(text: str, year: int | None) -> str:
    """Which inspection framework the report belongs to, from its opening words."""
    head = normalise_space(text[:3000]).lower().replace("’", "'")
    if "inspection of services for children in need of help and protection" in head:
        return "SIF"
    if "inspection of safeguarding and looked after children" in head or "safeguarding and looked after children services" in head:
        return "SafeguardingInspection2012"
    if "inspection of safeguarding" in head:
        return "SafeguardingInspection2012"
    if "looked after children services" in head and "inspection of" in head:
        return "LACInspection2012"
    if "overall effectiveness" not in head and year and year >= 2026 and "judgement" in head:
        return "ILACS2026"
    return "ILACS"


def parse_date_range(text: str) -> tuple[date, date] | None:
    """Parse "3 to 7 November 2025", "27 June to 1 July 2022", "16 September – 8 October 2014"."""
    m = re.search(
        r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+([A-Za-z]+))?(?:\s+(\d{4}))?\s*(?:to|–|-|—|until|and)\s*"
        r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
    if not m:
        return None
    d1, m1, y1, d2, m2, y2 = m.groups()
    try:
        end = date(int(y2), MONTHS[m2.lower()], int(d2))
        start = date(int(y1 or y2), MONTHS[(m1 or m2).lower()], int(d1))
    except (KeyError, ValueError):
        return None
    return start, end


def parse_single_date(text: str) -> date | None:
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text)
    if not m or m.group(2).lower() not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def _authority(text: str) -> str | None:
    head = normalise_space(text[:1500])
    m = re.search(r"Inspection of (.+?) (?:local authority )?children.s services", head)
    if m and "social care" not in m.group(1).lower():
        return m.group(1).strip()
    lines = [normalise_space(ln) for ln in text[:1500].splitlines() if normalise_space(ln)]
    for i, ln in enumerate(lines):
        if ln.lower().startswith("inspection of") and i > 0:
            candidate = lines[i - 1]
            if not candidate.isdigit():
                return candidate
            return None
        if ln.lower().startswith("inspection of children") and i + 1 < len(lines):
            return lines[i + 1]
    return None


def _lead_inspector(text: str) -> str | None:
    m = re.search(r"Lead (?:social care )?inspector\s*:?\s*([A-Z][^,\n]{2,60})", text)
    if not m:
        return None
    name = normalise_space(m.group(1))
    name = re.sub(r"\s+(Her|His) Majesty.s Inspector.*$", "", name)
    return name or None


def _judgement_table(layout: Layout, framework: str, file: str) -> tuple[list[Judgement], set[int]]:
    """Rows of the judgement table near the start, and the line offsets they use."""
    lines = [ln for ln in layout.lines if not ln.furniture and not ln.blank]
    start = None
    for i, ln in enumerate(lines[:80]):
        t = ln.stripped.lower()
        if re.match(r"^(key )?judgements?\s+(judgement )?grade", t) or "judgements on areas of the service" in t:
            start = i + 1
            break
        if framework == "SIF" and re.match(r"^1\.\s+children who need help", t):
            start = i
            break
    if start is None:
        return [], set()
    rows: list[Judgement] = []
    used: set[int] = set()
    buffer: list = []
    i = start
    while i < len(lines) and len(buffer) < 5:
        ln = lines[i]
        buffer.append(ln)
        joined = normalise_space(" ".join(b.stripped for b in buffer))
        m = _GRADE.search(joined)
        if m:
            area_text = re.sub(r"^\d+(\.\d+)*\.?\s*", "", joined[: m.start()]).strip()
            area = classify_area(area_text, framework)
            if area is None:
                break
            first, last = buffer[0], buffer[-1]
            quote = join_pieces(layout.source, [(b.start, b.end) for b in buffer]).text
            rows.append(Judgement(area, area_text, grade_concept(m.group(1), file), normalise_space(m.group(1)),
                                  quote, first.start, last.end))
            used.update(b.start for b in buffer)
            buffer = []
        i += 1
    return rows, used


def _overall_sentence(layout: Layout, framework: str, file: str) -> Judgement | None:
    """SIF and earlier reports state the overall grade in a sentence on page 1."""
    lines = [ln for ln in layout.lines if not ln.furniture and not ln.blank][:40]
    for i, ln in enumerate(lines):
        window = lines[i:i + 3]
        joined = normalise_space(" ".join(w.stripped for w in window))
        m = re.match(rf"(?:The overall judgement is that )?(?:children.s services|the effectiveness of .{{0,80}}?)(?: in [\w ,'’&-]+?)?\s+(?:are|is|were)\s+({GRADE_WORDS})", joined, re.I)
        if m:
            end_at = m.end()
            used, consumed = [], 0
            for w in window:
                used.append(w)
                consumed += len(w.stripped) + 1
                if consumed >= end_at:
                    break
            quote = join_pieces(layout.source, [(w.start, w.end) for w in used]).text
            area = classify_area("overall effectiveness", framework)
            return Judgement(area, "Overall effectiveness", grade_concept(m.group(1), file),
                             normalise_space(m.group(1)), quote, used[0].start, used[-1].end)
    return None


def _improvement_item(number: int, block: Block, source: str) -> ImprovementItem:
    text = block.text(source)
    text = re.sub(r"^(?:[•·◼▪●\-–]|v(?=\s)|\d{1,3}\.)\s*", "", text)
    refs: list[str] = []
    ref_text = None
    m = _REFERENCE.search(text)
    if m:
        ref_text = m.group(1)
        for kind, n in re.findall(r"(outcome|enabler|principle)s?\s*(\d)", ref_text, re.I):
            refs.append(kind.capitalize() + n)
        text = text[: m.start()].rstrip()
    clean = block.clean(source)
    body_start = clean.text.find(text[:20]) if text else 0
    start, end = clean.source_span(max(body_start, 0), len(clean.text))
    return ImprovementItem(number, text, start, end, refs, ref_text, clean.text[max(body_start, 0):])


def parse_report(source: str, file: str, *, published: date | None = None) -> Report:
    """Parse a report's text into its inspection and citable paragraphs.

    Raises InputError when the text is not an Ofsted children's-services report.
    A truncated report yields what it has and names what is missing in
    ``Report.warnings``.
    """
    if not source.strip():
        raise InputError(f"{file}: the file is empty")
    layout = analyse(source)
    head = normalise_space(source[:4000])
    dates = None
    m = re.search(r"Inspection dates?\s*:?\s*(.{5,60}?\d{4})", head)
    if m:
        dates = parse_date_range(m.group(1)) or ((d, d) if (d := parse_single_date(m.group(1))) else None)
    if not re.search(r"Ofsted|inspection", source[:6000], re.I) or not dates:
        raise InputError(f"{file}: not an Ofsted inspection report (no inspection dates found on its first page)")
    year = dates[1].year
    framework = detect_framework(source, year)
    report = Report(file=file, kind="inspection-report", source=source)
    judgements, table_lines = _judgement_table(layout, framework, file)
    if not any(j.area.endswith("OverallEffectiveness") for j in judgements):
        overall = _overall_sentence(layout, framework, file)
        if overall:
            judgements.insert(0, overall)
    if framework == "ILACS" and judgements and year >= 2026 and not any(
            j.area.endswith("OverallEffectiveness") for j in judgements):
        framework = "ILACS2026"
    pub = published
    m = re.search(r"Report published\s*:?\s*(\d{1,2}\s+\w+\s+\d{4})", head)
    if m:
        pub = parse_single_date(m.group(1)) or pub
    inspection = Inspection(
        authority=_authority(source), year=year, framework=framework,
        inspection_type=_inspection_type(source, framework),
        start_date=dates[0], end_date=dates[1], published=pub,
        lead_inspector=_lead_inspector(source), judgements=judgements, reported_in=file)
    report.inspection = inspection
    _read_body(report, layout, table_lines)
    _warn_missing(report)
    return report


def _inspection_type(source: str, framework: str) -> str | None:
    text = source[:20000].lower()
    if framework.startswith("ILACS"):
        if "short inspection" in text:
            return "ShortInspection"
        if "standard inspection" in text:
            return "StandardInspection"
        return None
    if framework == "SIF":
        return "FullInspection"
    return None


def _read_body(report: Report, layout: Layout, table_lines: set[int]) -> None:
    """Walk the blocks: headings set the section, numbered blocks become paragraphs."""
    source = report.source
    framework = report.inspection.framework
    heading: str | None = None
    area: str | None = None
    in_improvements = False
    lscb = False
    improvement_number = 0
    for block in build_blocks(layout):
        if block.pieces[0][0] in table_lines:
            continue
        text = block.text(source)
        if _BOILERPLATE.match(text):
            break
        short = len(text) < 220
        area_here = classify_area(_strip_grade(text), framework) if short and (
            block.kind == "heading" or _GRADE.search(text)) else None
        if block.kind == "heading" or (area_here and block.kind == "text"):
            title = heading_text(text)
            report.headings.append(title)
            heading = title
            if re.search(r"\blscb\b|safeguarding children board", title, re.I):
                lscb = True
            if _IMPROVE_HEADING.search(title):
                in_improvements = not lscb
                continue
            if area_here:
                area = area_here
                in_improvements = False
            elif _MAJOR_HEADING.search(title):
                in_improvements = False
                area = None if not lscb else "LscbEffectiveness"
            continue
        kind = "paragraph"
        if in_improvements and block.kind in ("bullet", "numbered"):
            improvement_number += 1
            report.inspection.improvements.append(_improvement_item(improvement_number, block, source))
            kind = "improvement"
        elif block.kind == "bullet":
            kind = "bullet"
        _add_paragraph(report, block, heading, area, kind)


def _strip_grade(text: str) -> str:
    return re.sub(rf"[:\s]*\b({GRADE_WORDS})\s*$", "", text.strip(), flags=re.I)


def _add_paragraph(report: Report, block: Block, heading: str | None, area: str | None, kind: str) -> None:
    clean = block.clean(report.source)
    number = block.number if block.kind == "numbered" else None
    body = clean
    if number is not None:
        prefix = re.match(r"^\d{1,3}\.\s*", clean.text)
        if prefix:
            body = type(clean)(clean.text[prefix.end():], clean.offsets[prefix.end():])
    if not body.text:
        return
    start, end = body.source_span(0, len(body.text))
    report.paragraphs.append(Paragraph(
        index=len(report.paragraphs) + 1, number=number, text=body.text, start=start, end=end,
        sentences=split_sentences(body), heading=heading, area=area, kind=kind))


def _warn_missing(report: Report) -> None:
    insp = report.inspection
    numbered = [p for p in report.paragraphs if p.number is not None and p.kind == "paragraph"]
    if not insp.judgements:
        report.warnings.append(f"{report.file}: no judgement table found")
    if not insp.improvements:
        report.warnings.append(f"{report.file}: no 'what needs to improve' items found")
    if not numbered:
        report.warnings.append(f"{report.file}: no numbered findings paragraphs found")
    graded = {j.area for j in insp.judgements if not j.area.endswith("OverallEffectiveness")
              and j.area != "SifAdoption" and j.area != "LscbEffectiveness"}
    covered = {p.area for p in numbered}
    missing = sorted(graded - covered)
    if numbered and missing:
        report.warnings.append(
            f"{report.file}: truncated? no findings paragraphs under " + ", ".join(missing))
