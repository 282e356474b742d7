"""The ``cskg`` command: a thin click layer over the Python API.

Only click is imported at start-up; each command imports the library parts
it needs, so a lookup does not pay for rdflib, networkx or pyvis.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import textwrap

import click

from .errors import InputError, NameNotFound, StoreError


def _fail(message: str, code: int) -> None:
    click.echo(f"cskg: {message}", err=True)
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
@click.pass_context
@library_errors
def build(ctx: click.Context, sources: str | None, register: str | None, without_curation: bool) -> None:
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
        click.echo(f"cskg: warning: {warning}", err=True)
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
    entities only.

    Example: cskg show "journey hub" --format markdown
    """
    from .lookup.render import render_markdown, render_text

    kg = _graph(ctx)
    resolution = kg.resolve(name, authority)
    if resolution.note:
        click.echo(f"cskg: {resolution.note}", err=True)
    data = kg.show(resolution.id)
    if as_json or fmt == "json":
        _dump(data)
    elif fmt == "markdown":
        click.echo(render_markdown(data), nl=False)
    else:
        click.echo(render_text(data))


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
    for r in rows:
        click.echo(
            f"{r['id']:<42.42} {r['kind']:<14} {r['findings']:>4} findings {r['weaknesses']:>3} weak  {r['label']}"
        )


@cli.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@authority_option
@json_option
@click.pass_context
@library_errors
def search(ctx: click.Context, text: str, limit: int, authority: str | None, as_json: bool) -> None:
    """Findings whose text matches words or a phrase, best first.

    Searches every council in the store, or one with --authority.

    Example: cskg search "pathway plan"
    """
    rows = _graph(ctx).search(text, limit, authority=authority)
    if as_json:
        _dump(rows)
    else:
        for r in rows:
            head = f"{r['year']} ¶{r['paragraph']} [{r['polarity']}] {', '.join(r['entities'])}"
            click.echo(head)
            click.echo(textwrap.fill(r["text"], 80, initial_indent="  ", subsequent_indent="  "))
    if not rows:
        sys.exit(1)


@cli.command()
@click.pass_context
@library_errors
def validate(ctx: click.Context) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl.

    Exits 1 with the violations listed when the graph does not conform.

    Example: cskg validate
    """
    from .store.validate import validate_graph

    report = validate_graph(_graph(ctx))
    if report.conforms:
        click.echo("the graph conforms to ontology/shapes.ttl", err=True)
        return
    click.echo(report.text)
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
    "--authority",
    metavar="COUNCIL",
    help="The council every file is about (name, slug, Ofsted URN or GSS code); default: told from the folder or text.",
)
@json_option
@click.pass_context
@library_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], jobs: int | None, authority: str | None, as_json: bool) -> None:
    """Add Ofsted reports, committee minutes, decision records and council news (or folders of them) to the graph.

    PDF, plain text and HTML (a ModernGov page saved from a browser); each
    file's kind is told from its text. Each file becomes its own named graph,
    fully or not at all; an unchanged file is skipped, a changed one replaces
    its graph. A file that fails is reported in one line and the batch goes
    on; the exit code is 2 if any failed. A store that does not exist yet
    gets the embedded corpus first.

    Example: cskg --store national ingest --authority Wiltshire minutes/
    """
    from .api import ingest as run_ingest
    from .pipeline.ingest import progress_printer

    report = run_ingest(list(paths), ctx.obj["store"], jobs, progress_printer(), authority)
    for warning in report.warnings:
        click.echo(f"cskg: warning: {warning}", err=True)
    if as_json:
        _dump(
            {
                "store": str(report.store),
                "ingested": report.ingested,
                "replaced": report.replaced,
                "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
                "failed": [{"file": f, "reason": r} for f, r in report.failed],
                "quads": report.quads,
                "seconds": round(report.seconds, 2),
            }
        )
    click.echo(
        f"cskg: ingested {len(report.ingested)}, replaced {len(report.replaced)}, "
        f"skipped {len(report.skipped)}, failed {len(report.failed)} files; "
        f"{report.quads} quads into {report.store} in {report.seconds:.1f} s",
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
    "--timeout", default=60.0, show_default=True, type=click.FloatRange(1, 3600), help="Seconds to wait for --endpoint."
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
) -> None:
    """Run a SPARQL query: a library name, a .rq file, or - for standard input.

    The library is examples/queries/*.rq (see --list). Parameters declared in
    a query's header take --param NAME=VALUE; entity parameters accept any
    name `show` accepts. Exits 1 when a SELECT or CONSTRUCT returns nothing.

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
            click.echo(f"cskg: {resolution.note}", err=True)
        return resolution.iri

    terms = binding.bind(chosen, given, resolve_entity if kg is not None else None)
    result = (
        runner.run_remote(endpoint, chosen, terms, timeout) if endpoint else runner.run_local(kg.store, chosen, terms)
    )
    sys.stdout.buffer.write(results.render(result, fmt))
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
@click.pass_context
@library_errors
def serve(ctx: click.Context, port: int, timeout_s: int) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint on 127.0.0.1.

    Runs the Oxigraph server over the store: queries see the union of all
    named graphs as the default graph, updates are refused, each query has a
    timeout. Prints the query URL on stdout; Ctrl-C stops it.

    Example: cskg serve --port 7878
    """
    from .sparql.endpoint import serve_forever, start_server

    kg = _graph(ctx)  # builds the default store first if it is missing or stale
    location = kg.path / "db"
    del kg
    server = start_server(location, port, timeout_s)
    click.echo(server.url)
    click.echo(
        f"cskg: serving {location} read-only at {server.url} (GET or POST, SPARQL 1.1 Protocol); Ctrl-C stops it",
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
    )
    path = result.write(output or f"{result.name}.html")
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
            click.echo(render_actions(rows))
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
        click.echo(render_table(data))
    if not data["judgements"]:
        sys.exit(1)


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

        click.echo(render_follow_up(rows))
    if not rows:
        sys.exit(1)


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
