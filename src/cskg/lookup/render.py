"""Text for the terminal and for papers: the renderers of ``show``, ``actions``, ``follow-up`` and ``timeline``.

Every renderer takes the data the Python API returns (the ``--json``
shape) and returns text, so what a person reads and what a program reads
are the same facts.
"""

from __future__ import annotations

import textwrap
from collections import Counter


def render_text(data: dict, width: int = 80) -> str:
    """The human view of ``show``: fits an 80-column terminal, weaknesses stand out."""

    e = data["entity"]
    out = [f"{e['label']}  [{e['kind']}]  id: {e['id']}"]
    if e["aliases"]:
        out += textwrap.wrap("also: " + ", ".join(e["aliases"]), width, subsequent_indent="      ")
    if e["part_of"]:
        out.append(f"part of: {e['part_of']}")
    if e["description"]:
        out += textwrap.wrap(e["description"], width)
    if data["judgements"]:
        out += ["", "GRADES (judgement areas its findings stand under)"]
        out += [f"  {j['year']}  {j['grade']:<32.32} {j['area']}"[:width] for j in data["judgements"]]
    by_year: dict = {}
    for f in data["findings"]:
        by_year.setdefault((f["year"], f["document"]), {}).setdefault(f["area"] or "(no area)", []).append(f)
    weak = sum(f["polarity"] == "weakness" for f in data["findings"])
    out += ["", f"FINDINGS ({len(data['findings'])}, {weak} weaknesses; ! = weakness, + = strength, · = context)"]
    for (year, doc), areas in by_year.items():
        out.append(f"  {year} inspection ({doc})")
        for area, items in areas.items():
            out.append(f"    {area}")
            for f in items:
                mark = {"weakness": "!", "strength": "+"}.get(f["polarity"], "·")
                lead = f"    {mark} ¶{f['paragraph']}: "
                text = f"(via {f['via']}) {f['text']}" if f.get("via") else f["text"]
                out += textwrap.wrap(text, width, initial_indent=lead, subsequent_indent=" " * len(lead))
    if data["improvement_areas"]:
        out += ["", "IMPROVEMENT AREAS"]
        for i in data["improvement_areas"]:
            out += textwrap.wrap(i["text"], width, initial_indent=f"  {i['year']}: ", subsequent_indent="        ")
    out += ["", "ACTIONS"] + ([] if data["actions"] else ["  (none recorded in the sources)"])
    for a in data["actions"]:
        out += textwrap.wrap(
            f"{a['text']} (owner: {a['owner'] or '-'}; due: {a['due'] or '-'}; status: {a['status'] or '-'})",
            width,
            initial_indent="  - ",
            subsequent_indent="    ",
        )
    if data["related"]:
        out += ["", "RELATED"]
        out += [f"  {r['relation']:<17} {r['label']} [{r['kind']}]"[:width] for r in data["related"][:25]]
    out += ["", "SOURCES"] + [f"  {d['file']} ({d['kind']})" for d in data["documents"]]
    return "\n".join(out)


def render_markdown(data: dict) -> str:
    """A report a councillor can paste into a paper."""
    e = data["entity"]
    out = [f"# {e['label']}", "", f"*{e['kind']}*" + (f", part of {e['part_of']}" if e["part_of"] else ""), ""]
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


def abbreviate_grade(grade: str) -> str:
    return "RI" if grade.lower().startswith("requires") else grade


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
