"""The ``cskg`` command: a thin click layer over the Python API.

Only click is imported at start-up; each command imports the library parts
it needs, so a lookup does not pay for rdflib, networkx or pyvis.
"""
from __future__ import annotations

import functools
import json
import sys

import click


def _fail(message: str, code: int) -> None:
    click.echo(f"cskg: {message}", err=True)
    sys.exit(code)


def library_errors(func):
    """Turn library errors into one-line messages and the contract's exit codes."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from .lookup import NameNotFound
        from .model import InputError
        from .store import StoreError

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


def _graph(ctx: click.Context):
    from .graph import open_graph
    return open_graph(ctx.obj["store"])


def _dump(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group()
@click.option("--store", type=click.Path(file_okay=False), envvar="CSKG_STORE",
              help="Store folder (default: $CSKG_STORE, else the embedded corpus's store in ~/.cache/cskg).")
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
@click.option("--sources", type=click.Path(file_okay=False, exists=True),
              help="Folder with sources.yaml and the documents (default: the embedded corpus).")
@click.option("--register", type=click.Path(dir_okay=False, exists=True), help="Entity register YAML.")
@click.pass_context
@library_errors
def build(ctx: click.Context, sources: str | None, register: str | None) -> None:
    """Build the graph from the sources into the store (idempotent).

    Every quote is checked against its source before the new store replaces
    the old one; on any error the old store is left untouched.

    Example: cskg build
    """
    from .graph import build_graph

    report = build_graph(ctx.obj["store"], sources, register)
    for warning in report.warnings:
        click.echo(f"cskg: warning: {warning}", err=True)
    click.echo(f"built {report.quads} quads from {report.documents} documents "
               f"({report.findings} findings) into {report.store}", err=True)


@cli.command()
@click.argument("name")
@json_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.pass_context
@library_errors
def show(ctx: click.Context, name: str, as_json: bool, fmt: str) -> None:
    """Everything linked to one entity: findings, grades, improvement areas, actions.

    NAME is an id, label or alias, matched case-, punctuation- and
    quote-insensitively; a unique prefix or near miss is accepted with a note.

    Example: cskg show "journey hub" --format markdown
    """
    from .lookup import render_markdown, render_text

    kg = _graph(ctx)
    resolution = kg.resolve(name)
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
@json_option
@click.pass_context
@library_errors
def list_command(ctx: click.Context, kind: str | None, as_json: bool) -> None:
    """All entities, with counts of findings and weaknesses.

    Example: cskg list --kind service
    """
    rows = _graph(ctx).list(kind)
    if as_json:
        _dump(rows)
        return
    for r in rows:
        click.echo(f"{r['id']:<42.42} {r['kind']:<14} {r['findings']:>4} findings {r['weaknesses']:>3} weak  {r['label']}")


@cli.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@json_option
@click.pass_context
@library_errors
def search(ctx: click.Context, text: str, limit: int, as_json: bool) -> None:
    """Findings whose text matches words or a phrase, best first.

    Example: cskg search "pathway plan"
    """
    rows = _graph(ctx).search(text, limit)
    if as_json:
        _dump(rows)
    else:
        import textwrap
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
    from .validate import validate_graph

    report = validate_graph(_graph(ctx))
    if report.conforms:
        click.echo("the graph conforms to ontology/shapes.ttl", err=True)
        return
    click.echo(report.text)
    _fail(f"{report.violations} SHACL violations", 1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig", "nq"]), default="ttl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_context
@library_errors
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Write the graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads.

    Example: cskg export --format ttl -o cskg.ttl
    """
    from .export import export_graph

    data = export_graph(_graph(ctx), fmt, output)
    if data is not None:
        sys.stdout.buffer.write(data)


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
