"""Networks for the interactive views: the store's facts as networkx graphs.

Each view (service, overview, accountability, comparison) is a plain function
from a ``KnowledgeGraph`` to an ``nx.DiGraph`` whose nodes carry what the page
shows: ``kind`` (service, body, finding, inspection, ...), a short ``label``,
the full ``name``, the ``quote`` it rests on, a ``ref`` to the document and
paragraph, the inspection ``years`` it belongs to (for the year filter) and a
``detail`` line (grade, counts, due date and status).  Edges carry a
``relation`` and a ``weight``.  Keeping this apart from the HTML means the
networks can be tested, counted and exported (GraphML) without a browser.

Node ids are the IRIs of the things shown, so two builds of the same sources
give the same network.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from ..errors import InputError
from ..iris import is_entity_or_council
from ..lookup.accountability import overdue_by_action
from ..lookup.compare import compare
from ..lookup.councils import choose_authority
from ..lookup.entities import resolve
from ..namespace import CLASS_KIND, POLARITY_NAME, cs

ENTITY_KINDS = ("service", "body", "partner-agency", "role", "person", "authority")
MAX_DEPTH = 5


def _short(text: str | None, limit: int = 28) -> str:
    """A label that fits under a node: whole words up to ``limit`` characters."""
    if not text:
        return ""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:.") + "…"


def _wrap(text: str, width: int = 22) -> str:
    """Break a label over lines so nodes do not grow wide."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)


def area_short(label: str | None) -> str:
    """A judgement area's name short enough for a node ("Help and protection")."""
    if not label:
        return "?"
    text = re.sub(r"^the impact of leaders on .*", "Impact of leaders", label, flags=re.I)
    text = re.sub(r"^(the )?experiences and progress of (children who need )?", "", text, flags=re.I)
    text = re.sub(r"^children in care and care leavers$", "Children in care and care leavers", text, flags=re.I)
    return text[:1].upper() + text[1:]


def _ref(file: str | None, number) -> str | None:
    if not file:
        return None
    return f"{file} ¶{number}" if number not in (None, "") else file


def _year_of(iri: str) -> int:
    return int(iri.rstrip("/").rsplit("/", 1)[-1][:4])


def _entities(kg, council: str) -> dict[str, dict]:
    """The council's entities and every council (a council can own an action), by IRI; read once per council."""
    cache = kg.__dict__.setdefault("_view_entities", {})
    if council not in cache:
        found: dict[str, dict] = {}
        for r in kg.select("view-councils") + kg.select("view-entities", authority=council):
            found.setdefault(r["entity"], {**r, "aliases": []})  # several reports name it: the first file's quote
        for r in kg.select("view-aliases", authority=council):
            if r["entity"] in found and r["alias"] not in found[r["entity"]]["aliases"]:
                found[r["entity"]]["aliases"].append(r["alias"])
        cache[council] = found
    return cache[council]


def _add_entity(g, row: dict, **extra) -> None:
    kind = CLASS_KIND.get(row["class"], "authority")
    g.add_node(
        row["entity"],
        kind=kind,
        label=_wrap(row["label"]),
        name=row["label"],
        quote=row["quote"],
        ref=row["file"],
        detail=row["description"],
        years=[],
        # Every name the command line resolves (label, aliases, id), for the page's Find box.
        names=[row["label"], *row.get("aliases", []), row["id"]] if row.get("id") else [row["label"]],
        **extra,
    )


def _add_years(g, node: str, *years: int) -> None:
    g.nodes[node]["years"] = sorted(set(g.nodes[node].get("years") or []) | set(years))


def _inspections(kg, authority: str) -> list[dict]:
    """The council's inspections, one row each (a document that both reports
    and cites one gives two rows; the first file wins)."""
    cache = kg.__dict__.setdefault("_view_inspections", {})
    if authority not in cache:
        out: dict[str, dict] = {}
        for r in kg.select("view-inspections", authority=authority):
            out.setdefault(r["inspection"], r)
        cache[authority] = [out[k] for k in sorted(out, key=lambda i: (int(out[i]["year"]), i))]
    return cache[authority]


def _inspection_iri(kg, year: int | None, authority: str) -> str | None:
    """The council's inspection in ``year`` (the year's main one if a later ingest added a second)."""
    if year is None:
        return None
    rows = [r for r in _inspections(kg, authority) if int(r["year"]) == int(year)]
    if rows:
        rows.sort(key=lambda r: (not r["inspection"].endswith(f"/{int(year)}"), r["inspection"]))
        return rows[0]["inspection"]
    years = ", ".join(sorted({r["year"] for r in _inspections(kg, authority)}))
    raise InputError(f"no inspection in {year}: the graph has inspections in {years or 'no year'}")


def _inspection_node(g, row: dict, grades: dict[str, str] | None = None) -> None:
    year = int(row["year"])
    detail = row["label"]
    if grades:
        detail += "; " + "; ".join(f"{a}: {gr}" for a, gr in sorted(grades.items()))
    g.add_node(
        row["inspection"],
        kind="inspection",
        label=f"Inspection\n{year}",
        name=row["label"],
        quote=None,
        ref=row["file"],
        detail=detail,
        years=[year],
    )


def _overall_grades(kg, council: str) -> dict[str, dict[str, str]]:
    grades: dict[str, dict[str, str]] = {}
    for j in kg.select("view-judgements", authority=council):
        grades.setdefault(j["inspection"], {})[j["areaLabel"] or j["areaText"]] = j["gradeLabel"] or j["grade"]
    return grades


# ----------------------------------------------------------------- service


def service_network(kg, name: str, depth: int = 1, inspection: int | None = None, authority: str | None = None):
    """One entity at the centre: its findings, their paragraphs, judgements and
    inspections, improvement areas and actions concerning it, and the entities
    within ``depth`` relation steps (part of, co-mentioned, identity questions,
    post holders).  ``authority`` narrows the name to one council's entities."""
    import networkx as nx

    if not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"--depth must be a whole number from 1 to {MAX_DEPTH}, not {depth!r}")
    res = resolve(kg, name, authority)
    council = res.authority or choose_authority(kg)[0]
    entities = _entities(kg, council)
    only = _inspection_iri(kg, inspection, council)
    g = nx.DiGraph(
        view="service",
        title=f"{res.label}: findings, grades and actions",
        centre=res.iri,
        slug=re.sub(r"[^a-z0-9]+", "-", res.id.lower()).strip("-"),
    )
    _add_entity(g, entities[res.iri], centre=True)

    bindings = {"entity": res.iri}
    if only:
        bindings["inspection"] = only
    findings = kg.select("view-findings", **bindings)
    inspections = {r["inspection"]: r for r in _inspections(kg, council)}
    judgements = {(j["inspection"], j["area"]): j for j in kg.select("view-judgements", authority=council)}
    for f in findings:
        year = int(f["year"])
        if f["inspection"] not in g:
            _inspection_node(g, inspections[f["inspection"]])
        polarity = POLARITY_NAME.get(f["polarity"], "context")
        g.add_node(
            f["finding"],
            kind=f"{polarity}",
            label=_wrap(_short(f["text"], 40)),
            name=f["text"],
            quote=f["text"],
            ref=_ref(f["file"], f["number"]),
            detail=f"{polarity} ({year})",
            years=[year],
        )
        g.add_edge(res.iri, f["finding"], relation="finding about", weight=1)
        para = f["paragraph"]
        if para not in g:
            label = f"{year} ¶{f['number']}" if f["number"] else f"{year} paragraph"
            g.add_node(
                para,
                kind="paragraph",
                label=label,
                name=f"{f['file']} paragraph {f['number'] or ''}".strip(),
                quote=f["paraText"],
                ref=_ref(f["file"], f["number"]),
                detail=f["areaLabel"],
                years=[year],
            )
        g.add_edge(f["finding"], para, relation="quoted from", weight=1)
        j = judgements.get((f["inspection"], f["area"]))
        parent = f["inspection"]
        if j:
            parent = j["judgement"]
            if parent not in g:
                g.add_node(
                    parent,
                    kind="judgement",
                    label=_wrap(f"{year} {area_short(j['areaLabel'] or j['areaText'])}: {j['gradeLabel']}"),
                    name=f"{j['areaLabel'] or j['areaText']} ({year})",
                    quote=j["quote"],
                    ref=inspections[f["inspection"]]["file"],
                    detail=f"grade: {j['gradeLabel']}",
                    years=[year],
                    grade=j["gradeLabel"],
                )
                g.add_edge(parent, f["inspection"], relation="judgement of", weight=1)
        g.add_edge(para, parent, relation="under", weight=1)
        _add_years(g, res.iri, year)

    improvements = kg.select("view-improvements", authority=council)
    for imp in improvements:
        if imp["entity"] != res.iri or (only and imp["inspection"] != only):
            continue
        year = int(imp["year"])
        if imp["inspection"] not in g:
            _inspection_node(g, inspections[imp["inspection"]])
        _improvement_node(g, imp)
        g.add_edge(imp["improvement"], res.iri, relation="concerns", weight=1)
        g.add_edge(imp["inspection"], imp["improvement"], relation="raised", weight=1)
        _add_years(g, res.iri, year)

    by_iri = {}
    for imp in improvements:
        by_iri.setdefault(imp["improvement"], imp)
    for a in _actions(kg):
        if a["owner"] != res.iri and not any(i in g for i in a["improvements"]):
            continue
        _action_node(g, a)
        for iri in a["improvements"]:
            imp = by_iri.get(iri)
            # The entity's own actions bring the improvement areas they answer.
            if iri not in g and imp and a["owner"] == res.iri and not (only and imp["inspection"] != only):
                if imp["inspection"] not in g:
                    _inspection_node(g, inspections[imp["inspection"]])
                _improvement_node(g, imp)
                g.add_edge(imp["inspection"], iri, relation="raised", weight=1)
            if iri in g:
                g.add_edge(a["action"], iri, relation="addresses", weight=1)
        if a["owner"] and a["owner"] in entities:
            if a["owner"] not in g:
                _add_entity(g, entities[a["owner"]])
            g.add_edge(a["action"], a["owner"], relation="owned by", weight=1)

    _related(kg, g, res.iri, depth, entities)
    return g


def _related(kg, g, centre: str, depth: int, entities: dict[str, dict]) -> None:
    """Entities within ``depth`` relation steps of ``centre``, with the relations among them.

    One bound query per entity reached (a few ms each) rather than one query
    over every pair of entities in the graph, which takes most of a second.
    """
    links: dict[str, list[dict]] = {}

    def neighbours(iri: str) -> list[dict]:
        if iri not in links:
            named_with = [
                {**r, "relation": "co-mentioned", "direction": "out"}
                for r in kg.select("entity-comentions", entity=iri)
            ]
            rows = sorted(
                kg.select("view-neighbours", entity=iri) + named_with, key=lambda r: (r["other"], r["relation"])
            )
            links[iri] = [r for r in rows if r["other"] in entities]
        return links[iri]

    reached, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {r["other"] for f in sorted(frontier) for r in neighbours(f)} - reached
        reached |= frontier
    for iri in sorted(reached):
        if iri not in g:
            _add_entity(g, entities[iri])
    for iri in sorted(reached if depth > 1 else {centre}):
        for r in neighbours(iri):
            other = r["other"]
            if other not in reached:
                continue
            s, t = (iri, other) if r["direction"] == "out" else (other, iri)
            if r["relation"] == "co-mentioned":
                s, t = sorted((iri, other))
            weight = int(r["weight"])
            detail = (
                f"named together in {weight} paragraph{'s' if weight != 1 else ''}"
                if r["relation"] == "co-mentioned"
                else None
            )
            if not g.has_edge(s, t):
                g.add_edge(s, t, relation=r["relation"], weight=weight, detail=detail)


def _improvement_node(g, imp: dict) -> None:
    if imp["improvement"] in g:
        return
    year = int(imp["year"])
    g.add_node(
        imp["improvement"],
        kind="improvement",
        label=_wrap(f"To improve ({year}): {_short(imp['text'], 44)}", 44),
        name=imp["text"],
        quote=imp["quote"] or imp["text"],
        ref=f"{imp['file']}, what needs to improve, item {imp['number']}" if imp["file"] else None,
        detail=f"improvement area {imp['number']} of the {year} inspection",
        years=[year],
    )


# ----------------------------------------------------------------- actions


def _actions(kg, as_of: date | None = None) -> list[dict]:
    """Actions (one dict each, improvement areas gathered), with ``overdue`` as of ``as_of``."""
    late = overdue_by_action(kg, as_of or date.today())
    out: dict[str, dict] = {}
    for r in kg.select("view-actions"):
        a = out.get(r["action"])
        if a is None:
            a = out[r["action"]] = {**r, "improvements": [], "overdue": late.get(r["action"])}
        if r["improvement"] and r["improvement"] not in a["improvements"]:
            a["improvements"].append(r["improvement"])
    return [out[k] for k in sorted(out)]


def _add_agent(g, iri: str, kind: str, entities: dict) -> bool:
    """An action's owner or scrutinising body as a node, from its entity row where there is one; True if new."""
    if iri in g:
        return False
    if iri in entities:
        _add_entity(g, entities[iri])
    else:
        g.add_node(
            iri, kind=kind, label=_wrap(iri.rsplit("/", 1)[-1]), name=iri, quote=None, ref=None, detail=None, years=[]
        )
    return True


def _action_node(g, a: dict) -> None:
    if a["action"] in g:
        return
    due = a["due"] or a["dueText"]
    status = a["statusLabel"] or (a["status"].rsplit("#", 1)[-1] if a["status"] else None)
    detail = "; ".join(
        x
        for x in [
            f"due {due}" if due else "no due date",
            f"status: {status}" if status else None,
            "OVERDUE" if a["overdue"] else None,
        ]
        if x
    )
    years = [int(a["due"][:4])] if a["due"] else []
    g.add_node(
        a["action"],
        kind="action",
        label=_wrap(("OVERDUE: " if a["overdue"] else "") + _short(a["text"] or a["quote"], 44), 24),
        name=a["text"] or a["quote"],
        quote=a["quote"] or a["text"],
        ref=_ref(a["file"], a["number"]),
        detail=detail,
        years=years,
        overdue=bool(a["overdue"]),
        status=status,
        due=a["due"],
    )


def accountability_network(kg, as_of: date | None = None, authority: str | None = None):
    """Improvement areas -> the actions addressing them -> their owners -> the
    bodies at whose meetings they were agreed (who scrutinise them); overdue
    actions are marked.  ``column`` (0-3) says which step a node is, for
    tools that lay the chain out in columns; the page uses a force layout,
    in which each owner gathers its actions around it."""
    import networkx as nx

    council, council_name = choose_authority(kg, authority)
    entities = _entities(kg, council)
    mine = {r["inspection"] for r in _inspections(kg, council)}
    g = nx.DiGraph(
        view="accountability",
        title=f"{council_name}: improvement areas, actions, owners, scrutiny",
        as_of=(as_of or date.today()).isoformat(),
        authority=council,
    )
    for imp in kg.select("view-improvements", authority=council):
        if imp["improvement"] not in g and imp["inspection"] in mine:
            _improvement_node(g, imp)
            g.nodes[imp["improvement"]]["column"] = 0
    for a in _actions(kg, as_of):
        # Another council's action: it names its council, or links to its improvement areas, entities or council.
        foreign = (
            (a["council"] not in (None, council))
            or any(i not in g for i in a["improvements"])
            or any(
                x
                and is_entity_or_council(x)
                and x != council
                and entities.get(x, {}).get("class") in (None, cs.LocalAuthority)
                for x in (a["owner"], a["body"])
            )
        )
        if foreign:
            continue
        _action_node(g, a)
        g.nodes[a["action"]]["column"] = 1
        for imp in a["improvements"]:
            if imp in g:
                g.add_edge(imp, a["action"], relation="addressed by", weight=1)
        owner = a["owner"]
        if owner:
            if _add_agent(g, owner, "role", entities):
                g.nodes[owner]["column"] = 2
            g.add_edge(a["action"], owner, relation="owned by", weight=1)
        body = a["body"]
        if body:
            _add_agent(g, body, "body", entities)
            g.nodes[body]["column"] = 3
            detail = f"agreed at the meeting of {a['meetingDate']}" if a["meetingDate"] else "agreed at a meeting"
            if (owner or a["action"]) != body:
                g.add_edge(owner or a["action"], body, relation="scrutinised by", weight=1, detail=detail)
    # Read as chains: improvement areas newest first, each one's actions beside it (then the actions
    # that answer no improvement area), grouped by owner and due date; each action says when it is due.
    areas = sorted(
        (n for n, d in g.nodes(data=True) if d["kind"] == "improvement"),
        key=lambda n: (-max(g.nodes[n]["years"] or [0]), n),
    )
    place = {n: k for k, n in enumerate(areas)}
    for n, data in g.nodes(data=True):
        data.setdefault("column", 2)
        if data["kind"] == "improvement":
            data["order"] = (place[n],)
            if not g.out_degree(n):
                data["detail"] += "; no action in the graph addresses it"
        if data["kind"] == "action":
            answered = [place[a] for a in g.predecessors(n) if a in place]
            owner = next((g.nodes[t]["name"] for t in g.successors(n) if g.edges[n, t]["relation"] == "owned by"), "")
            data["order"] = (min(answered) if answered else len(place), owner.lower(), data.get("due") or "9999")
            due = f"due {data['due']}" if data.get("due") else "no due date"
            data["label"] = _wrap(("OVERDUE: " if data["overdue"] else "") + _short(data["name"], 60), 32) + f"\n{due}"
        if data["kind"] in ENTITY_KINDS:
            data["label"] = _wrap(data["name"], 24)
    return g


# ----------------------------------------------------------------- overview


def overview_network(kg, authority: str | None = None):
    """Every inspection and every entity some finding is about: one edge per
    (entity, inspection) weighted by the findings about the entity in that
    inspection (weaknesses counted apart), part-of links between entities,
    inspections in date order; node size is the weighted degree (findings
    attached).  Entities no finding is about would only float unconnected
    around the picture, so they are left out (``graph['not_drawn']`` counts
    them; ``cskg list`` shows them)."""
    import networkx as nx

    council, council_name = choose_authority(kg, authority)
    entities = {iri: row for iri, row in _entities(kg, council).items() if row["class"] != cs.LocalAuthority}
    g = nx.DiGraph(
        view="overview",
        title=f"{council_name}: every service and body, and what each inspection found about it",
        size_measure="weighted degree on the finding links (the number of findings)",
        authority=council,
    )
    grades = _overall_grades(kg, council)
    inspections = _inspections(kg, council)
    for r in inspections:
        _inspection_node(g, r, grades.get(r["inspection"]))
    ordered = sorted({r["inspection"]: int(r["year"]) for r in inspections}.items(), key=lambda kv: kv[1])
    for (a, _), (b, _) in itertools.pairwise(ordered):
        g.add_edge(a, b, relation="followed by", weight=1)
    counted = [
        r
        for r in kg.select("view-entity-inspection", authority=council)
        if r["entity"] in entities and r["inspection"] in g
    ]
    found_about = {r["entity"] for r in counted}
    for iri in sorted(entities):
        if iri in found_about:
            _add_entity(g, entities[iri])
    g.graph["not_drawn"] = len(entities) - len(found_about & set(entities))
    for r in counted:
        if r["entity"] not in g or r["inspection"] not in g:
            continue
        n, weak, strong = int(r["findings"]), int(r["weaknesses"]), int(r["strengths"])
        year = _year_of(r["inspection"])
        g.add_edge(
            r["entity"],
            r["inspection"],
            relation="findings in",
            weight=n,
            weaknesses=weak,
            strengths=strong,
            detail=f"{n} finding{'s' if n != 1 else ''} in {year}: {strong} strengths, {weak} weaknesses",
        )
        _add_years(g, r["entity"], year)
    for r in kg.select("view-part-of", authority=council):
        if r["source"] in g and r["target"] in g:
            g.add_edge(r["source"], r["target"], relation="part of", weight=1)
    # networkx's weighted degree on the findings edges alone: part-of links
    # would make a parent look important for having many children.
    found_edges = [(s, t) for s, t, d in g.edges(data=True) if d["relation"] == "findings in"]
    strength = dict(g.edge_subgraph(found_edges).to_undirected().degree(weight="weight"))
    for n, data in g.nodes(data=True):
        found = sum(d["weight"] for _, _, d in g.edges(n, data=True) if d["relation"] == "findings in")
        weak = sum(d.get("weaknesses", 0) for _, _, d in g.edges(n, data=True) if d["relation"] == "findings in")
        data["size"] = strength.get(n, 0)
        if data["kind"] in ENTITY_KINDS:
            data["detail"] = f"{found} findings, {weak} weaknesses" + (f". {data['detail']}" if data["detail"] else "")
            data["weaknesses"] = weak
    return g


# ----------------------------------------------------------------- comparison


def comparison_network(kg, year1: int, year2: int, authority: str | None = None):
    """What changed between two inspections: judgement areas with both grades
    (improved, same, declined), entities found about in only the first
    (disappeared), only the second (appeared) or both, and each inspection's
    improvement areas.  Columns: only-first, first, both, second, only-second."""
    import networkx as nx

    if year1 == year2:
        raise InputError(f"--compare needs two different years, not {year1} twice")
    council, council_name = choose_authority(kg, authority)
    first, second = _inspection_iri(kg, year1, council), _inspection_iri(kg, year2, council)
    if year1 > year2:
        (year1, first), (year2, second) = (year2, second), (year1, first)
    inspections = {r["inspection"]: r for r in _inspections(kg, council)}
    entities = _entities(kg, council)
    g = nx.DiGraph(
        view="comparison",
        title=f"{council_name}: what changed between the {year1} and {year2} inspections",
        authority=council,
    )
    _inspection_node(g, inspections[first])
    _inspection_node(g, inspections[second])
    g.nodes[first]["level"], g.nodes[second]["level"] = 1, 3

    js = kg.select("view-judgements", authority=council)
    before = {j["area"]: j for j in js if j["inspection"] == first}
    after = {j["area"]: j for j in js if j["inspection"] == second}
    matched_before: set[str] = set()
    for area, j2 in sorted(after.items()):
        candidates = [area, *((j2["matches"] or "").split())]
        j1 = next((before[c] for c in candidates if c in before), None)
        label = j2["areaLabel"] or j2["areaText"]
        if j1 is None:
            _grade_node(g, j2, None, year1, year2, level=4)
            g.add_edge(second, j2["judgement"], relation="graded", weight=1, detail=f"{year2}: {j2['gradeLabel']}")
            continue
        matched_before.add(j1["area"])
        node = j2["judgement"]
        _grade_node(g, j2, j1, year1, year2, level=2)
        g.add_edge(
            first,
            node,
            relation="graded",
            weight=1,
            detail=f"{year1}: {j1['gradeLabel']} ({j1['areaLabel'] or j1['areaText']})",
        )
        g.add_edge(node, second, relation="graded", weight=1, detail=f"{year2}: {j2['gradeLabel']} ({label})")
    for area, j1 in sorted(before.items()):
        if area not in matched_before:
            _grade_node(g, j1, None, year1, year2, level=0, only_first=True)
            g.add_edge(j1["judgement"], first, relation="graded", weight=1, detail=f"{year1}: {j1['gradeLabel']}")

    counts: dict[str, dict[str, list[int]]] = {}
    for r in kg.select("view-entity-inspection", authority=council):
        if r["inspection"] in (first, second) and r["entity"] in entities:
            counts.setdefault(r["entity"], {})[r["inspection"]] = [int(r["findings"]), int(r["weaknesses"])]
    for iri in sorted(counts):
        c = counts[iri]
        _add_entity(g, entities[iri])
        data = g.nodes[iri]
        if first in c and second in c:
            data["change"], data["level"] = "in both", 2
        elif first in c:
            data["change"], data["level"] = "disappeared", 0
        else:
            data["change"], data["level"] = "appeared", 4
        parts = [
            f"{y}: {c[i][0]} findings, {c[i][1]} weaknesses" for y, i in ((year1, first), (year2, second)) if i in c
        ]
        data["detail"] = f"{data['change']}; " + "; ".join(parts)
        data["label"] = _wrap(
            f"{data['name']} ({ {'appeared': '+', 'disappeared': '−'}.get(data['change'], '=') })",
            44,
        )
        data["years"] = sorted(y for y, i in ((year1, first), (year2, second)) if i in c)
        for y, insp in ((year1, first), (year2, second)):
            if insp in c:
                n, weak = c[insp]
                g.add_edge(
                    iri,
                    insp,
                    relation="findings in",
                    weight=n,
                    weaknesses=weak,
                    detail=f"{n} finding{'s' if n != 1 else ''} in {y}, {weak} weaknesses",
                )
    for imp in kg.select("view-improvements", authority=council):
        if imp["inspection"] not in (first, second) or imp["improvement"] in g:
            continue
        _improvement_node(g, imp)
        if imp["inspection"] == first:
            g.nodes[imp["improvement"]]["level"] = 0
            g.nodes[imp["improvement"]]["change"] = f"raised in {year1}"
            g.add_edge(imp["improvement"], first, relation="raised by", weight=1)
        else:
            g.nodes[imp["improvement"]]["level"] = 4
            g.nodes[imp["improvement"]]["change"] = f"raised in {year2}"
            g.add_edge(second, imp["improvement"], relation="raised", weight=1)
    return g


def _grade_node(g, j: dict, j1: dict | None, year1: int, year2: int, level: int, only_first: bool = False) -> None:
    label = j["areaLabel"] or j["areaText"]
    short = area_short(label)
    if only_first:
        change, text = "area not graded again", f"{year1}: {j['gradeLabel']}; not graded in {year2}"
    elif j1 is None:
        change, text = "new area", f"{year2}: {j['gradeLabel']}; not graded in {year1}"
    else:
        r1, r2 = int(j1["rank"] or 0), int(j["rank"] or 0)
        change = "improved" if r2 < r1 else "declined" if r2 > r1 else "same grade"
        text = f"{year1}: {j1['gradeLabel']} → {year2}: {j['gradeLabel']} ({change})"
    g.add_node(
        j["judgement"],
        kind="judgement",
        label=_wrap(f"{short}: {_grade_short(j1)}{'→' if j1 else ''}{_grade_short(j)}", 26),
        name=label,
        quote=j["quote"],
        ref=None,
        detail=text,
        years=[year1, year2] if j1 else [_year_of(j["inspection"])],
        change=change,
        level=level,
        grade=j["gradeLabel"],
    )


def _grade_short(j: dict | None) -> str:
    if not j:
        return ""
    grade = j.get("gradeLabel") or j.get("grade")
    return {"Requires improvement to be good": "RI"}.get(grade, grade or "?")


# ----------------------------------------------------------------- one service type across councils


def service_comparison_network(kg, service_type: str, authority: str | None = None, neighbours: bool = False):
    """``lookup.compare``'s answer as a network: councils -> their units of the type -> the weaknesses and
    strengths of the latest inspection, with each earlier improvement area about a unit and its follow-up."""
    import networkx as nx

    data = compare(kg, service_type, authority, neighbours)
    t = data["service_type"]
    g = nx.DiGraph(
        view="service-comparison",
        title=f"{t['label']}: {len(data['councils'])} councils compared",
        slug=t["notation"] or "service-type",
    )
    for k, c in enumerate(data["councils"]):
        grades = "; ".join(f"{a['area']}: {a['grade']} ({a['year']})" for a in c["areas"]) or "no graded area"
        year = c["inspection"]["year"] if c["inspection"] else None
        g.add_node(
            c["authority"],
            kind="authority",
            label=_wrap(f"{c['council']} ({c['role']})", 24)
            + "".join(f"\n{area_short(x['area'])}: {_grade_short(x)}" for x in c["areas"]),
            name=c["council"],
            quote=None,
            ref=None,
            detail=grades,
            years=[year] if year else [],
            column=0,
            order=(k,),
        )
        for e in c["entities"]:
            g.add_node(
                e["iri"],
                kind="service",
                label=_wrap(e["label"], 24),
                name=e["label"],
                names=[e["label"], e["id"]],
                quote=None,
                ref=None,
                detail=e["reason"],
                years=[year] if year else [],
                column=1,
                order=(k,),
            )
            g.add_edge(c["authority"], e["iri"], relation="runs", weight=1)
        for f in c["weaknesses"] + c["strengths"]:
            g.add_node(
                f["iri"],
                kind=f["polarity"],
                label=_wrap(_short(f["text"], 40)),
                name=f["text"],
                quote=f["text"],
                ref=_ref(f["document"], f["paragraph"]),
                detail=f"{f['polarity']} ({f['year']}), {f['area']}",
                years=[f["year"]],
                column=2,
                order=(k, f["polarity"] != "weakness"),
            )
            unit = next((e["iri"] for e in c["entities"] if e["id"] == f.get("entity")), None)
            g.add_edge(unit or c["authority"], f["iri"], relation="finding about", weight=1)
        for i in c["improvement_areas"]:
            g.add_node(
                i["iri"],
                kind="improvement",
                label=_wrap(f"To improve ({i['year']}): {_short(i['text'], 44)} [{i['status_label']}]", 40),
                name=i["text"],
                quote=i["text"],
                ref=None,
                detail=f"improvement area {i['number']} of {i['year']}: {i['status_label']}",
                years=[i["year"]],
                column=3,
                order=(k,),
            )
            for e in c["entities"]:
                g.add_edge(i["iri"], e["iri"], relation="concerns", weight=1)
    return g
