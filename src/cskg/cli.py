"""The ``cskg`` command: a thin click layer over the Python API.

Only click is imported at start-up; each command imports the library parts
it needs, so a lookup does not pay for rdflib, networkx or pyvis.
"""

from __future__ import annotations

import functools
import json
import os
import sys

import click

from .errors import InputError, NameNotFound, StoreError


def _echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Text for a person: control characters from documents are shown as escapes, never obeyed (issue 17)."""
    from .lookup.render import visible

    click.echo(visible(text), err=err, nl=nl)


def _fail(message: str, code: int) -> None:
    _echo(f"cskg: {message}", err=True)
    sys.exit(code)


def library_errors(func):
    """Turn library errors into one-line messages and the contract's exit codes."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NameNotFound as exc:
            _fail(str(exc), 1)
        except InputError as exc:
            _fail(str(exc), 2)
        except StoreError as exc:
            _fail(str(exc), 2)

    return wrapper


def json_option(func):
    """``--json``: machine output on stdout, nothing else there."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (the contract's shape) on stdout.")(func)


def authority_option(func):
    """``--authority``: one council of a store that holds several."""
    return click.option(
        "--authority",
        metavar="COUNCIL",
        help="The council: its name, slug, Ofsted URN or GSS code (see data/la-lookup.csv).",
    )(func)


def _graph(ctx: click.Context):
    from .api import open_graph

    return open_graph(ctx.obj["store"])


def _dump(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group()
@click.option(
    "--store",
    type=click.Path(file_okay=False),
    envvar="CSKG_STORE",
    help="Store folder (default: $CSKG_STORE, else the embedded corpus's store in ~/.cache/cskg).",
)
@click.version_option(package_name="cskg")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """cskg: the children's-services knowledge graph.

    Ofsted findings, grades, improvement areas and council actions, linked to
    the services and bodies they concern, each traceable to its sentence.

    Example: cskg show evolve
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store


@cli.command()
@click.option(
    "--sources",
    type=click.Path(file_okay=False, exists=True),
    help="Folder with sources.yaml and the documents (default: the embedded corpus).",
)
@click.option("--register", type=click.Path(dir_okay=False, exists=True), help="Entity register YAML.")
@click.option(
    "--without-curation",
    is_flag=True,
    help="Build from the documents alone: leave out the curated actions.yaml and follow-up.yaml (the register stays).",
)
@json_option
@click.pass_context
@library_errors
def build(ctx: click.Context, sources: str | None, register: str | None, without_curation: bool, as_json: bool) -> None:
    """Build the graph from the sources into the store (idempotent).

    Every quote is checked against its source before the new store replaces
    the old one; on any error the old store is left untouched. With
    --without-curation the accountability comes from the documents alone,
    which is what the tool finds for a council nobody curated.

    Example: cskg build --without-curation
    """
    from .api import build_graph

    report = build_graph(ctx.obj["store"], sources, register, curation=not without_curation)
    for warning in report.warnings:
        _echo(f"cskg: warning: {warning}", err=True)
    if as_json:
        _dump(report.as_dict())
    click.echo(
        f"built {report.quads} quads from {report.documents} documents "
        f"({report.findings} findings) into {report.store}",
        err=True,
    )


@cli.command()
@click.argument("name")
@json_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@authority_option
@click.pass_context
@library_errors
def show(ctx: click.Context, name: str, as_json: bool, fmt: str, authority: str | None) -> None:
    """Everything linked to one entity: findings, grades, improvement areas, actions.

    NAME is an id, label or alias, matched case-, punctuation- and
    quote-insensitively; a unique prefix or near miss is accepted with a note.
    On a store of many councils, --authority looks among one council's
    entities only, where a unit's name without the council's own
    ("safeguarding children board" for "Wirral Safeguarding Children Board")
    is enough, and so is the everyday name of its kind ("MASH" for a front
    door the report calls otherwise).

    Example: cskg show "journey hub" --format markdown
    """
    from .lookup.render import render_markdown, render_text

    kg = _graph(ctx)
    resolution = kg.resolve(name, authority)
    if resolution.note:
        _echo(f"cskg: {resolution.note}", err=True)
    data = kg.show(name, authority)
    if as_json or fmt == "json":
        _dump(data)
    elif fmt == "markdown":
        _echo(render_markdown(data), nl=False)
    else:
        _echo(render_text(data))


@cli.command(name="list")
@click.option("--kind", type=click.Choice(["service", "body", "partner-agency", "role", "person"]))
@authority_option
@json_option
@click.pass_context
@library_errors
def list_command(ctx: click.Context, kind: str | None, authority: str | None, as_json: bool) -> None:
    """All entities, with counts of findings and weaknesses.

    With --authority, only the entities of that council (on a store of many
    councils); without it, every entity in the store.

    Example: cskg list --kind service
    """
    rows = _graph(ctx).list(kind, authority=authority)
    if as_json:
        _dump(rows)
        return
    # Ids whole: the column is as wide as the longest (a national store's run to 60 and more characters).
    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        _echo(f"{r['id']:<{width}} {r['kind']:<14} {r['findings']:>4} findings {r['weaknesses']:>3} weak  {r['label']}")
    if not rows:
        click.echo("cskg: no entities match", err=True)
        sys.exit(1)


@cli.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@authority_option
@json_option
@click.pass_context
@library_errors
def search(ctx: click.Context, text: str, limit: int, authority: str | None, as_json: bool) -> None:
    """Findings, improvement areas, headlines and minutes whose text matches, best first.

    The exact phrase ranks first, then every word, then some of the words.
    Each hit names its council, inspection, judgement area and document.
    Searches every council in the store, or one with --authority.

    Example: cskg search "pathway plan"
    """
    from .lookup.render import render_search

    rows = _graph(ctx).search(text, limit, authority=authority)
    if as_json:
        _dump(rows)
    elif rows:
        _echo(render_search(rows))
    if not rows:
        _fail(f"nothing matches {text!r}" + (f" in {authority}" if authority else ""), 1)
    more = ""
    if rows.matched > len(rows):
        more = f"; --limit {rows.matched} shows them all" if rows.matched <= 1000 else "; --limit shows up to 1000"
    if rows.counted == "every word":
        more = " (texts with every word; more hold only some of the words)" + more
    click.echo(f"cskg: {len(rows)} of {rows.matched} matches shown{more}", err=True)


@cli.command()
@json_option
@click.pass_context
@library_errors
def validate(ctx: click.Context, as_json: bool) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl.

    The shapes are checked on the store's own data, one property at a time
    (the same verdicts as pyshacl; the national graph in under a minute),
    with progress on stderr. Exits 1 with the violations listed
    when the graph does not conform.

    Example: cskg validate
    """
    from .store.validate import validate_graph

    tty = sys.stderr.isatty() and not as_json
    last = [0.0]

    def progress(done: int, total: int, elapsed: float) -> None:
        if tty:
            click.echo(f"\r\x1b[Kcskg: validate: {done}/{total} checks, {elapsed:.0f} s", err=True, nl=done == total)
        elif done == total or elapsed - last[0] >= 5:
            click.echo(f"cskg: validate: {done}/{total} checks, {elapsed:.0f} s", err=True)
            last[0] = elapsed

    report = validate_graph(_graph(ctx), progress)
    if as_json:
        _dump(report.as_dict())
    if report.conforms:
        click.echo("the graph conforms to ontology/shapes.ttl", err=True)
        return
    if not as_json:
        _echo(report.text)
    _fail(f"{report.violations} SHACL violations", 1)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "jsonld", "trig", "nq", "graphml", "csv"]),
    default="ttl",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_context
@library_errors
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Write the graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads.

    graphml writes the overview network (entities, inspections, weighted
    finding links) for Gephi or yEd instead; csv writes one row per finding
    (inspection, document, paragraph, area, polarity, offsets, entities and
    the exact quote) for spreadsheets.

    Example: cskg export --format ttl -o cskg.ttl
    """
    from .views.export import export_graph

    data = export_graph(_graph(ctx), fmt, output)
    if data is not None:
        sys.stdout.buffer.write(data)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@click.option(
    "--file-timeout",
    type=click.FloatRange(1, 86400),
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Time one file may take; a file past it fails in one line and the batch goes on.",
)
@click.option(
    "--allow-fewer-findings",
    is_flag=True,
    help="Let a changed file replace its stored copy even with far fewer findings (else taken for damaged).",
)
@click.option(
    "--authority",
    metavar="COUNCIL",
    help=(
        "The council every file is about (name, slug, Ofsted URN or GSS code); default: told from the folder or "
        "text. A file whose title page, header, first lines or own web address name one other council fails."
    ),
)
@json_option
@click.pass_context
@library_errors
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    jobs: int | None,
    file_timeout: float,
    allow_fewer_findings: bool,
    authority: str | None,
    as_json: bool,
) -> None:
    """Add Ofsted reports, committee minutes, decision records and council news (or folders of them) to the graph.

    PDF, plain text and HTML (a ModernGov page saved from a browser); each
    file's kind is told from its text. Each file becomes its own named graph,
    fully or not at all; an unchanged file is skipped, a changed one replaces
    its graph (unless it has far fewer findings than the stored copy: a
    damaged file). A file that fails is reported in one line and the batch
    goes on; the exit code is 2 if any failed. Each report is self-checked;
    one that fails is written with its problems recorded (see `cskg reports
    --suspect`) and listed at the end. A store that does not exist yet gets
    the embedded corpus first.

    Example: cskg --store national ingest --authority Wiltshire minutes/
    """
    from .api import ingest as run_ingest
    from .lookup.render import visible
    from .pipeline.ingest import progress_printer

    progress = progress_printer(shown=visible)
    report = run_ingest(list(paths), ctx.obj["store"], jobs, progress, file_timeout, allow_fewer_findings, authority)
    for warning in report.warnings:
        _echo(f"cskg: warning: {warning}", err=True)
    if as_json:
        _dump(
            {
                "store": str(report.store),
                "ingested": report.ingested,
                "replaced": report.replaced,
                "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
                "failed": [{"file": f, "reason": r} for f, r in report.failed],
                "suspect": [{"file": f, "problems": p} for f, p in report.suspect],
                "quads": report.quads,
                "seconds": round(report.seconds, 2),
            }
        )
    for file, problems in report.suspect:
        _echo(f"cskg: suspect: {file}: " + "; ".join(problems), err=True)
    click.echo(
        f"cskg: ingested {len(report.ingested)}, replaced {len(report.replaced)}, "
        f"skipped {len(report.skipped)}, failed {len(report.failed)} files "
        f"({len(report.suspect)} suspect); {report.quads} quads into {report.store} in {report.seconds:.1f} s",
        err=True,
    )
    if report.failed:
        sys.exit(2)


@cli.command()
@click.argument("spec", metavar="NAME|FILE.rq|-", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter (repeatable); bound as an RDF term, never pasted into the query.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="json, csv and tsv are the W3C SPARQL 1.1 result formats; CONSTRUCT/DESCRIBE always print Turtle.",
)
@json_option
@click.option("--list", "list_", is_flag=True, help="List the query library with descriptions and parameters.")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the local store.")
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(1, 86400),
    metavar="SECONDS",
    help="Stop the query after this long (locally or on --endpoint); exit 2.",
)
@click.option(
    "--allow-service", is_flag=True, help="Let the query use SERVICE (which fetches other URLs); refused otherwise."
)
@click.pass_context
@library_errors
def query(
    ctx: click.Context,
    spec: str | None,
    params: tuple[str, ...],
    fmt: str,
    as_json: bool,
    list_: bool,
    endpoint: str | None,
    timeout: float,
    allow_service: bool,
) -> None:
    """Run a SPARQL query: a library name, a .rq file, or - for standard input.

    The library is examples/queries/*.rq (see --list). Parameters declared in
    a query's header take --param NAME=VALUE; entity parameters accept any
    name `show` accepts. Exits 1 when a SELECT or CONSTRUCT returns nothing.
    A query that runs past --timeout is stopped (exit 2); one deeper, longer
    or more complex than the engine can take, or using SERVICE, is refused.

    Example: cskg query entity-weaknesses --param entity="front door" --format csv
    """
    from .sparql import binding, library, results, runner

    if as_json:
        fmt = "json"
    if list_:
        queries = library.list_library()
        if fmt == "json":
            _dump([lq.as_dict() for lq in queries])
            return
        for lq in queries:
            click.echo(f"{lq.name:<22} {lq.title}")
            for p in lq.params:
                click.echo(f"{'':<24}--param {p.name}=…  ({p.type}, default {p.default}) {p.meaning}")
        return
    if not spec:
        raise click.UsageError("give a query NAME, a FILE.rq or - (see `cskg query --list`)")
    stdin_text = sys.stdin.read() if spec == "-" else None
    chosen = library.load(spec, stdin_text)
    given = binding.parse_assignments(params)
    needs_names = any(p.type == "entity" for p in chosen.params)
    kg = _graph(ctx) if endpoint is None or needs_names else None

    def resolve_entity(name: str) -> str:
        resolution = kg.resolve(name)
        if resolution.note:
            _echo(f"cskg: {resolution.note}", err=True)
        return resolution.iri

    terms = binding.bind(chosen, given, resolve_entity if kg is not None else None)
    result = (
        runner.run_remote(endpoint, chosen, terms, timeout, allow_service)
        if endpoint
        else runner.run_local(kg.store, chosen, terms, timeout, allow_service)
    )
    out = results.render(result, fmt)
    if fmt == "table":  # for a person: the W3C formats are data and stay exact
        from .lookup.render import visible

        out = visible(out.decode("utf-8")).encode("utf-8")
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if result.form != "ask" and len(result) == 0:
        sys.exit(1)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.IntRange(1, 3600),
    default=30,
    show_default=True,
    help="Seconds a query may run before the server stops it.",
)
@click.option("--allow-service", is_flag=True, help="Let queries use SERVICE (the server then fetches other URLs).")
@click.pass_context
@library_errors
def serve(ctx: click.Context, port: int, timeout_s: int, allow_service: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint on 127.0.0.1.

    Runs the Oxigraph server over the store: queries see the union of all
    named graphs as the default graph, updates are refused, each query has a
    timeout, and CORS headers let a query page on another origin (YASGUI)
    use it. A guard in front of it refuses queries that use SERVICE or are
    too deep or long for the engine, and restarts the server if a query
    stops it. Prints the endpoint URL on stdout, and the endpoint and the
    query page's address on stderr; Ctrl-C stops it.

    Example: cskg serve --port 7878
    """
    from .sparql.endpoint import GuardedEndpoint, serve_forever

    kg = _graph(ctx)  # builds the default store first if it is missing or stale
    location = kg.folder / "db"
    del kg
    server = GuardedEndpoint(location, port, timeout_s, allow_service)
    click.echo(server.url)
    click.echo(
        f"cskg: serving {location} read-only\n"
        f"cskg: SPARQL endpoint: {server.url} (GET or POST, SPARQL 1.1 Protocol; any origin may query it)\n"
        f"cskg: query page: {server.page} (open it in a browser)\n"
        "cskg: Ctrl-C stops it",
        err=True,
    )
    sys.stdout.flush()
    sys.exit(serve_forever(server))


@cli.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL, e.g. http://host:7878/store or http://host:3030/ds/data.",
)
@click.option(
    "--into-default",
    is_flag=True,
    help="Also replace the default graph with the union, for servers that cannot query the union of named graphs.",
)
@click.option(
    "--user", help="User name for HTTP basic authentication; the password is read from $CSKG_ENDPOINT_PASSWORD."
)
@json_option
@click.pass_context
@library_errors
def publish(ctx: click.Context, endpoint: str, into_default: bool, user: str | None, as_json: bool) -> None:
    """Upload the graph to another triple store, one named graph per document.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces each graph),
    so publishing again updates the copy. Configure the target to query the
    union of named graphs as its default graph (or use --into-default), and
    every library query runs there with `cskg query --endpoint`.

    Example: cskg publish --endpoint http://localhost:3030/cskg/data
    """

    from .sparql.endpoint import publish as upload

    done = upload(_graph(ctx).store, endpoint, into_default, user, os.environ.get("CSKG_ENDPOINT_PASSWORD"))
    if as_json:
        _dump([{"graph": p.graph, "triples": p.triples, "status": p.status} for p in done])
    click.echo(f"cskg: published {len(done)} graphs ({sum(p.triples for p in done)} triples) to {endpoint}", err=True)


@cli.command(name="view")
@click.argument("name", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="HTML file to write (default: VIEW-NAME.html in the current folder).",
)
@click.option(
    "--depth",
    default=1,
    show_default=True,
    type=click.IntRange(1, 5),
    help="Service view: include entities up to this many relation steps away.",
)
@click.option("--inspection", type=int, metavar="YEAR", help="Service view: only this inspection's findings.")
@click.option("--accountability", is_flag=True, help="Improvement areas -> actions -> owners -> scrutinising bodies.")
@click.option("--compare", nargs=2, type=int, metavar="YEAR1 YEAR2", help="What changed between two inspections.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Accountability: overdue as of this date (default today).",
)
@authority_option
@click.option(
    "--national", is_flag=True, help="Every council in the store by the overall grade of its latest inspection."
)
@click.option(
    "--compare-service",
    metavar="SERVICE-TYPE",
    help="One kind of service across councils (as `cskg compare`): with --authority, and --neighbours.",
)
@click.option("--neighbours", is_flag=True, help="--compare-service: the council's statistical neighbours too.")
@json_option
@click.pass_context
@library_errors
def view_command(
    ctx: click.Context,
    name: str | None,
    output: str | None,
    depth: int,
    inspection: int | None,
    accountability: bool,
    compare: tuple[int, int] | None,
    as_of,
    authority: str | None,
    national: bool,
    compare_service: str | None,
    neighbours: bool,
    as_json: bool,
) -> None:
    """Write an interactive network view as one self-contained HTML file.

    With NAME: that service or body, its findings, grades, improvement areas
    and actions (--authority looks among one council's entities). Without:
    the overview of every entity and inspection of one council. The
    file works offline (nothing is fetched) and holds the same content as
    tables for screen readers and printing.

    Example: cskg view evolve -o evolve.html
    """
    from .views.make import view

    result = view(
        _graph(ctx),
        name,
        depth=depth,
        inspection=inspection,
        accountability=accountability,
        compare=compare,
        as_of=as_of.date() if as_of else None,
        authority=authority,
        national=national,
        compare_service=compare_service,
        neighbours=neighbours,
    )
    path = result.write(output or f"{result.name}.html")
    if as_json:
        _dump(result.as_dict(path))
    click.echo(f"cskg: wrote {path} ({result.counts['nodes']} nodes, {result.counts['edges']} links)", err=True)


@cli.command()
@click.option(
    "--owner",
    metavar="NAME",
    help="Only actions owned by this entity (id, label or alias; a person includes the posts they hold).",
)
@click.option("--overdue", is_flag=True, help="Only actions whose due date has passed with no recorded completion.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge overdue as of this date, YYYY-MM-DD (default today).")
@authority_option
@json_option
@click.pass_context
@library_errors
def actions(
    ctx: click.Context, owner: str | None, overdue: bool, as_of: str | None, authority: str | None, as_json: bool
) -> None:
    """Actions from minutes, decision records, news and the reports: owner, due date, meeting, status.

    On a store of many councils --authority lists one council's; without it,
    every council's. Exits 1 when no action matches.

    Example: cskg --store national actions --authority Wiltshire --json
    """
    rows = _graph(ctx).actions(owner=owner, overdue=overdue, as_of=as_of, authority=authority)
    if as_json:
        _dump(rows)
    else:
        from .lookup.render import render_actions

        if rows:
            _echo(render_actions(rows))
    if not rows:
        click.echo("cskg: no actions match", err=True)
        sys.exit(1)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the chart to FILE.svg or FILE.html.")
@authority_option
@json_option
@click.pass_context
@library_errors
def timeline(ctx: click.Context, output: str | None, authority: str | None, as_json: bool) -> None:
    """One council's grades per judgement area per inspection, with the direction of change.

    Rows are the newest inspection's areas; older judgements sit on the rows
    their areas map to (SKOS matches across frameworks). On a store of many
    councils, the embedded corpus's council unless --authority names another.

    Example: cskg timeline -o timeline.html
    """
    from .lookup.render import render_table

    data = _graph(ctx).timeline(authority)
    if output:
        from .views.chart import write_chart

        write_chart(data, output)
        click.echo(f"cskg: wrote {output}", err=True)
    if as_json:
        _dump(
            [
                {
                    k: j[k]
                    for k in (
                        "inspection",
                        "year",
                        "framework",
                        "area",
                        "grade",
                        "rows",
                        "changes",
                        "quote",
                        "document",
                    )
                }
                for j in data["judgements"]
            ]
        )
    elif not output:
        _echo(render_table(data))
    if not data["judgements"]:
        sys.exit(1)


@cli.command(name="compare")
@click.argument("service_type", metavar="SERVICE-TYPE")
@authority_option
@click.option("--neighbours", is_flag=True, help="With --authority: its statistical neighbours too.")
@json_option
@click.pass_context
@library_errors
def compare_command(
    ctx: click.Context, service_type: str, authority: str | None, neighbours: bool, as_json: bool
) -> None:
    """One kind of service across councils: grades, weaknesses and strengths, follow-up.

    SERVICE-TYPE is a kind of unit of ontology/service-types.ttl (its name,
    another name or its notation: "virtual school", MASH, front-door). For
    each council (one with --authority, with --neighbours its statistical
    neighbours too; else every council with such a unit): its units, the
    latest grade of the areas their findings stand under, the weaknesses and
    strengths of its latest inspection quoted, and each earlier improvement
    area about them with its follow-up. Exits 1 when no council has one.

    Example: cskg compare "virtual school" --authority Kent --neighbours
    """
    from .lookup.render import render_compare

    data = _graph(ctx).compare(service_type, authority, neighbours)
    if as_json:
        _dump(data)
    else:
        _echo(render_compare(data))
    if not any(c["entities"] for c in data["councils"]):
        whose = " or ".join(c["council"] for c in data["councils"]) if authority else "no council in the graph"
        has = "has no unit" if authority else "has a unit"
        _fail(f"{whose} {has} typed {data['service_type']['label']!r}", 1)


@cli.command(name="follow-up")
@authority_option
@json_option
@click.pass_context
@library_errors
def follow_up_command(ctx: click.Context, authority: str | None, as_json: bool) -> None:
    """Each earlier improvement area or recommendation, and whether later reports show it addressed.

    One council's: on a store of many councils, the embedded corpus's council
    unless --authority names another.

    Example: cskg follow-up
    """
    rows = _graph(ctx).follow_up(authority)
    if as_json:
        _dump(rows)
    else:
        from .lookup.render import render_follow_up

        _echo(render_follow_up(rows))
    if not rows:
        sys.exit(1)


@cli.command()
@authority_option
@click.option("--suspect", is_flag=True, help="Only the reports whose self-check failed.")
@json_option
@click.pass_context
@library_errors
def reports(ctx: click.Context, authority: str | None, suspect: bool, as_json: bool) -> None:
    """The inspection reports in the store and the self-check of each.

    One line per report: council, framework, first day of the inspection,
    paragraphs, findings, weaknesses and improvement areas read from it, and
    the verdict (sound or suspect); a suspect report's problems follow it.

    Example: cskg --store national reports --suspect
    """
    rows = _graph(ctx).reports(authority, suspect)
    if as_json:
        _dump(rows)
    else:
        from .lookup.render import render_reports

        _echo(render_reports(rows))
    if not rows:
        sys.exit(1)


def main() -> None:
    """Run the command; a usage error is one line too (click prints a usage block of four).

    Every error a user can cause ends as one ``cskg: ...`` line on stderr
    with exit 2, so scripts and people read the same thing.
    """
    try:
        code = cli.main(obj={}, standalone_mode=False)
    except click.exceptions.Abort:
        _fail("interrupted", 130)
    except click.ClickException as exc:
        names, ctx = [], getattr(exc, "ctx", None)
        while ctx is not None and ctx.parent is not None:
            names.insert(0, ctx.info_name)
            ctx = ctx.parent
        hint = f" (see `{' '.join(['cskg', *names, '--help'])}`)" if isinstance(exc, click.UsageError) else ""
        _fail(f"{exc.format_message()}{hint}", exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`cskg export | head`): nothing more to say
        os._exit(0)
    except Exception as exc:  # a fault of cskg's own: still one line, the traceback only when asked for
        if os.environ.get("CSKG_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        _fail(f"internal error: {type(exc).__name__}: {first} (CSKG_DEBUG=1 shows the traceback)", 2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
