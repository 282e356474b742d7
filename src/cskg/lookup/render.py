"""Text for the terminal and for papers: the renderers of ``show``, ``actions``, ``follow-up``, ``timeline``
and ``reports``.

Every renderer takes the data the Python API returns (the ``--json``
shape) and returns text, so what a person reads and what a program reads
are the same facts.
"""

from __future__ import annotations

import textwrap
from collections import Counter

# Characters a terminal obeys instead of showing: C0 and C1 controls (escape sequences start with ESC or
# CSI) and the bidirectional controls that reorder what is shown (right-to-left override and friends).
# A document's text is untrusted: ``visible`` writes them as escapes.  Newline and tab stay.
_HIDDEN = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F)]
_HIDDEN += [*range(0x2066, 0x206A)]
_VISIBLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _HIDDEN if c not in (0x09, 0x0A)}


def visible(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), for a terminal (issue 17)."""
    return text.translate(_VISIBLE)


def _wrap(text: str, width: int, lead: str, indent: int | None = None) -> list[str]:
    """``text`` after ``lead``, wrapped whole (never cut) with continuation lines under the text."""
    pad = " " * (len(lead) if indent is None else indent)
    return textwrap.wrap(text, width, initial_indent=lead, subsequent_indent=pad, break_on_hyphens=False) or [lead]


MENTION_HEADINGS = {
    "headline": "HEADLINE (the report's summary names it)",
    "report": "OTHER REPORT SENTENCES THAT NAME IT",
    "minutes": "MINUTES (discussion that names it)",
    "news": "NEWS AND PRESS RELEASES",
}


def _titled(entity: dict) -> str:
    """The entity's label, with its council where the store holds several and the label does not say it."""
    council = entity.get("council")
    label = entity["label"]
    return f"{label} ({council})" if council and not label.endswith(f"({council})") else label


def render_text(data: dict, width: int = 80) -> str:
    """The human view of ``show``: fits an 80-column terminal, weaknesses stand out, nothing is cut.

    Long names, areas and quotes wrap onto indented lines instead of being
    cut at a column: two judgement areas that begin with the same words must
    still read as two areas.
    """

    e = data["entity"]
    out = _wrap(f"{_titled(e)}  [{e['kind']}]  id: {e['id']}", width, "", 2)
    if e["aliases"]:
        out += _wrap(", ".join(e["aliases"]), width, "also: ")
    if e["part_of"]:
        out += _wrap(e["part_of"], width, "part of: ")
    if e["description"]:
        out += textwrap.wrap(e["description"], width)
    if data["judgements"]:
        out += ["", "GRADES (judgement areas its findings stand under)"]
        for j in data["judgements"]:
            out += _wrap(f"{j['grade']}: {j['area']}", width, f"  {j['year']}  ")
    by_year: dict = {}
    for f in data["findings"]:
        by_year.setdefault((f["year"], f["document"]), {}).setdefault(f["area"] or "(no area)", []).append(f)
    weak = sum(f["polarity"] == "weakness" for f in data["findings"])
    out += ["", f"FINDINGS ({len(data['findings'])}, {weak} weaknesses; ! = weakness, + = strength, · = context)"]
    for (year, doc), areas in by_year.items():
        out += _wrap(f"{year} inspection ({doc})", width, "  ", 4)
        for area, items in areas.items():
            out += _wrap(area, width, "    ", 6)
            for f in items:
                mark = {"weakness": "!", "strength": "+"}.get(f["polarity"], "·")
                lead = f"    {mark} ¶{f['paragraph']}: "
                text = f"(via {f['via']}) {f['text']}" if f.get("via") else f["text"]
                out += _wrap(text, width, lead)
    if data["improvement_areas"]:
        out += ["", "IMPROVEMENT AREAS (raised by Ofsted about it)"]
        for i in data["improvement_areas"]:
            where = f" ({i['document']}, item {i['number']})" if i.get("document") else ""
            out += _wrap(f"“{i['quote'] or i['text']}”{where}", width, f"  {i['year']}: ", 8)
    for source, heading in MENTION_HEADINGS.items():
        items = [m for m in data.get("mentions", []) if m["source"] == source]
        if not items:
            continue
        out += ["", heading]
        for doc in dict.fromkeys(m["document"] for m in items):
            first = next(m for m in items if m["document"] == doc)
            when = f"{first['year']} " if first["year"] else ""
            title = f": {first['title']}" if first.get("title") else ""
            out += _wrap(f"{when}{doc}{title}", width, "  ", 4)
            for m in (m for m in items if m["document"] == doc):
                para = f"¶{m['paragraph']} " if m["paragraph"] else ""
                out += _wrap(f"{para}“{m['text']}”", width, "    - ", 6)
    out += ["", "ACTIONS"] + ([] if data["actions"] else ["  (none recorded in the sources)"])
    for a in data["actions"]:
        out += _wrap(
            f"{a['text']} (owner: {a['owner'] or '-'}; due: {a['due'] or '-'}; status: {a['status'] or '-'})",
            width,
            "  - ",
        )
    if data["related"]:
        out += ["", "RELATED"]
        for r in data["related"]:
            out += _wrap(f"{r['label']} [{r['kind']}]", width, f"  {r['relation']:<17} ", 20)
    out += ["", "SOURCES"] + [f"  {d['file']} ({d['kind']})" for d in data["documents"]]
    return "\n".join(out)


SOURCE_NAMES = {
    "finding": "finding",
    "improvement": "improvement area",
    "headline": "headline",
    "report": "report sentence",
    "minutes": "minutes",
    "news": "news",
}


def render_search(hits: list[dict], width: int = 80) -> str:
    """Search hits for the terminal: where each is from (council, inspection, area, document), then the quote."""
    out: list[str] = []
    for h in hits:
        kind = SOURCE_NAMES.get(h["source"], h["source"])
        if h["polarity"]:
            kind += f", {h['polarity']}"
        where = h["document"] or "?"
        if h["paragraph"]:
            where += f" ¶{h['paragraph']}"
        elif h.get("item"):
            where += f", item {h['item']}"
        head = " · ".join(str(x) for x in (h["year"], h["council"], h["area"], where) if x)
        out += _wrap(f"{head}  [{kind}; {h['match']}]", width, "", 2)
        out += _wrap(f"“{h['text']}”", width, "  ", 3)
        if h["entities"]:
            out += _wrap(", ".join(h["entities"]), width, "  names: ", 9)
        out.append("")
    return "\n".join(out).rstrip("\n")


def render_markdown(data: dict) -> str:
    """A report a councillor can paste into a paper."""
    e = data["entity"]
    out = [f"# {_titled(e)}", "", f"*{e['kind']}*" + (f", part of {e['part_of']}" if e["part_of"] else ""), ""]
    if e["description"]:
        out += [e["description"], ""]
    if e["aliases"]:
        out += ["Also known as: " + ", ".join(e["aliases"]), ""]
    if data["judgements"]:
        out += ["## Grades", "", "| Year | Judgement area | Grade |", "| --- | --- | --- |"]
        out += [f"| {j['year']} | {j['area']} | {j['grade']} |" for j in data["judgements"]] + [""]
    out += ["## Findings", ""]
    for f in data["findings"]:
        tag = "**Weakness**" if f["polarity"] == "weakness" else f["polarity"].capitalize()
        via = f", via {f['via']}" if f.get("via") else ""
        out.append(f"- {tag} ({f['year']}, ¶{f['paragraph']}, {f['area'] or 'no area'}{via}): “{f['text']}”")
    if data["improvement_areas"]:
        out += ["", "## Improvement areas", ""] + [f"- {i['year']}: {i['text']}" for i in data["improvement_areas"]]
    for source, heading in MENTION_HEADINGS.items():
        items = [m for m in data.get("mentions", []) if m["source"] == source]
        if items:
            out += ["", f"## {heading[:1]}{heading[1:].lower()}", ""]
            for m in items:
                para = f", ¶{m['paragraph']}" if m["paragraph"] else ""
                out.append(f"- {m['document']}{para}: “{m['text']}”")
    out += ["", "## Sources", ""] + [f"- {d['file']} ({d['kind']})" for d in data["documents"]]
    return "\n".join(out) + "\n"


def render_actions(actions: list[dict], width: int = 80) -> str:
    """The actions as plain text for the terminal, overdue ones flagged with the reason."""
    lines: list[str] = []
    for a in actions:
        flag = "OVERDUE " if a["overdue"] else ""
        due = f"due {a['due']}" + (f" ({a['due_text']})" if a["due_text"] else "") if a["due"] else "no due date"
        lines.append(f"{flag}[{a['status']}] {a['id']}: {due}; owner: {a['owner'] or '(not stated)'}")
        lines.extend(textwrap.wrap(a["text"], width, initial_indent="  ", subsequent_indent="  "))
        lines.extend(
            textwrap.wrap(f"“{a['quote']}” ({a['document']})", width, initial_indent="  ", subsequent_indent="    ")
        )
        if a.get("meeting_body") or a.get("meeting_date"):
            held = ", ".join(x for x in (a.get("meeting_body"), a.get("meeting_date")) if x)
            lines.append(f"  agreed at: {held}")
        if not a["due"] and a.get("due_text"):
            # "by 12 June" in minutes that give no date: the wording and why it gives no date.
            lines.extend(
                textwrap.wrap(
                    f"due: {a['due_text']} ({a.get('due_basis') or 'no date'})",
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
        for area in a["addresses"]:
            lines.extend(
                textwrap.wrap(
                    f"addresses {area['year']}/{area['number']}: {area['text']}"
                    + (f" (found: score {area['score']:.1f}; {area['basis']})" if area.get("score") else ""),
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
        if a["overdue_reason"]:
            lines.extend(
                textwrap.wrap("overdue: " + a["overdue_reason"], width, initial_indent="  ", subsequent_indent="    ")
            )
        if a["completed_according_to"]:
            done = a["completed_according_to"]
            lines.extend(
                textwrap.wrap(
                    f"done according to {done['document']}: “{done['quote']}”",
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    return "\n".join(lines)


def render_follow_up(rows: list[dict], width: int = 80) -> str:
    lines: list[str] = []
    if rows and rows[0].get("council"):
        heading = f"{rows[0]['council']}: each improvement area and whether a later inspection found it addressed"
        lines += _wrap(heading, width, "", 2)
    newest = max((a["year"] for a in rows), default=None)
    # Two inspections of one year (a news article's citation and Ofsted's report of it, on a store that
    # has both) give two "2017/1": those lines also name their improvement area.
    seen = Counter((a["year"], a["number"]) for a in rows)
    for a in rows:
        mark = "confirmed" if a["confirmed"] else "suggested"
        if a["status"]:
            verdict = f"{a['status']} ({mark})"
        elif a["year"] == newest:
            verdict = "not followed up yet (no later inspection)"
        else:
            verdict = "not followed up (no follow-up was worked out for this inspection's report)"
        which = f" [{a['id']}]" if seen[(a["year"], a["number"])] > 1 else ""
        lines.append(f"{a['year']}/{a['number']}{which} {verdict}")
        lines.extend(textwrap.wrap(a["text"], width, initial_indent="  ", subsequent_indent="  "))
        for e in a["evidence"]:
            where = f"{e['year']} ¶{e['paragraph']}" if e["paragraph"] else f"{e['year']}"
            tag = "curated" if e["curation"] == "curated" else f"candidate {e['score']}"
            lines.extend(
                textwrap.wrap(
                    f"- [{e['status']}, {tag}] {where}: “{e['quote'] or ''}”",
                    width,
                    initial_indent="    ",
                    subsequent_indent="      ",
                )
            )
    return "\n".join(lines)


ARROWS = {"up": "▲", "down": "▼", "same": "=", None: ""}


def render_table(data: dict, width: int = 34) -> str:
    """The table as text: areas down, inspections across, grade and change arrow in each cell."""
    heads = [f"{i['year']} {i['framework']}" for i in data["inspections"]]
    lines = [f"{data['authority']}: Ofsted grades per judgement area"] if data.get("authority") else []
    lines.append(f"{'area':<{width}} " + " ".join(f"{h:<15}" for h in heads))
    for row in data["table"]:
        cells = []
        for c in row["cells"]:
            text = (
                "-"
                if not c["grade"]
                else f"{ARROWS[c['change']]}{abbreviate_grade(c['grade'])}{'*' if c.get('combined') else ''}"
            )
            cells.append(f"{text:<15}")
        lines.append(f"{cut(row['area'], width):<{width}} " + " ".join(cells))
    lines.append(
        "▲ better than the previous grade on the row, ▼ worse, = the same; "
        "RI = requires improvement to be good; * one judgement covering several rows"
    )
    return "\n".join(lines)


def render_reports(rows: list[dict], width: int = 80) -> str:
    """The reports of ``cskg reports``: one line each, a suspect one followed by its problems."""
    columns = ("council", "framework", "inspected", "paras", "finds", "weak", "impr")
    lines = ["{:<22} {:<10} {:<10} {:>5} {:>5} {:>4} {:>4}  verdict".format(*columns)]
    for r in rows:
        lines.append(
            f"{cut(r['council_name'] or r['council'] or '-', 22):<22} {r['framework'] or '-':<10} "
            f"{r['start'] or '-':<10} {r['paragraphs']:>5} {r['findings']:>5} {r['weaknesses']:>4} "
            f"{r['improvement_areas']:>4}  {r['verdict']}"
        )
        if r["problems"]:
            lines.append(f"    file: {r['source'] or r['document']}")
        for problem in r["problems"]:
            lines += textwrap.wrap(problem, width, initial_indent="    ! ", subsequent_indent="      ")
    sound = sum(r["verdict"] == "sound" for r in rows)
    lines.append(f"{len(rows)} reports: {sound} sound, {len(rows) - sound} suspect")
    return "\n".join(lines)


def abbreviate_grade(grade: str) -> str:
    return "RI" if grade.lower().startswith("requires") else grade


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_compare(data: dict, width: int = 80) -> str:
    """One service type across councils: per council its units, grades, weaknesses and strengths, follow-up."""
    t = data["service_type"]
    having = sum(1 for c in data["councils"] if c["entities"])
    shown = len(data["councils"])
    if having == shown:
        count = f" in {shown} council{'' if shown == 1 else 's'}"
    elif shown == 1:
        count = f": none in {data['councils'][0]['council']}"
    else:
        count = f" in {having} of the {shown} councils shown"
    out = _wrap(f"{t['label']} ({t['notation']}){count}", width, "", 2)
    for c in data["councils"]:
        when = f", latest inspection {c['inspection']['year']}" if c["inspection"] else ", no inspection in the graph"
        out += ["", *_wrap(f"{c['council'].upper()} ({c['role']}{when})", width, "", 2)]
        if not c["entities"]:
            out.append("  no unit of this type is named in its documents")
            continue
        out += _wrap(", ".join(e["label"] for e in c["entities"]), width, "  units: ")
        for a in c["areas"]:
            out += _wrap(f"{a['grade']}: {a['area']}", width, f"  grade {a['year']}: ", 4)
        for heading, items, mark in (("weaknesses", c["weaknesses"], "!"), ("strengths", c["strengths"], "+")):
            out.append(f"  {heading} ({len(items)})")
            out += [line for f in items for line in _wrap(f"¶{f['paragraph']} “{f['text']}”", width, f"    {mark} ", 6)]
        for i in c["improvement_areas"]:
            out += _wrap(
                f"{i['status_label']}: “{i['text']}”", width, f"  improvement area {i['year']}/{i['number']}: ", 4
            )
    return "\n".join(out)
