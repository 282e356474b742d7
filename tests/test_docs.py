"""The documents stay true: generated references match the code, the IRI table matches iris.py, the README stays short.

``docs/cli.md`` and ``docs/query-library.md`` are generated from the code
(the commands' ``--help`` and the library queries' headers).  A test fails
when they fall behind; ``CSKG_WRITE_DOCS=1 python3 -m pytest tests/test_docs.py``
rewrites them.
"""

from __future__ import annotations

import ast
import os
import re

import click
import pytest
from conftest import ROOT

from cskg import iris
from cskg.cli import cli
from cskg.sparql.library import list_library

DOCS = ROOT / "docs"
WRITE = os.environ.get("CSKG_WRITE_DOCS") == "1"


def cli_reference() -> str:
    """Every command's --help, in the order ``cskg --help`` lists them."""
    out = [
        "# Command reference",
        "",
        "Generated from the commands' `--help` (`CSKG_WRITE_DOCS=1 python3 -m pytest tests/test_docs.py`",
        "rewrites it; a test fails when it falls behind the code). The guide is `docs/using.md`.",
        "",
    ]
    context = click.Context(cli, info_name="cskg", terminal_width=100, max_content_width=100)
    out += ["## cskg", "", "```text", cli.get_help(context).rstrip(), "```", ""]
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        sub = click.Context(command, info_name=name, parent=context, terminal_width=100, max_content_width=100)
        out += [f"## cskg {name}", "", "```text", command.get_help(sub).rstrip(), "```", ""]
    return "\n".join(out)


def query_reference() -> str:
    """Every library query's title, description and parameters, from its header."""
    out = [
        "# Query library reference",
        "",
        "Generated from the headers of `examples/queries/*.rq` (`CSKG_WRITE_DOCS=1 python3 -m pytest",
        "tests/test_docs.py` rewrites it; a test fails when it falls behind). How to run and write queries:",
        "`docs/sparql.md`.",
        "",
        "| query | what it answers |",
        "| --- | --- |",
    ]
    queries = list_library()
    out += [f"| [`{q.name}`](#{q.name}) | {q.title} |" for q in queries]
    for q in queries:
        out += ["", f"## {q.name}", "", f"**{q.title}.** {q.description}", ""]
        if q.params:
            out += ["| parameter | type | default | meaning |", "| --- | --- | --- | --- |"]
            out += [f"| `{p.name}` | {p.type} | `{p.default}` | {p.meaning} |" for p in q.params]
        else:
            out.append("No parameters.")
        out += ["", f"`cskg query {q.name}` · file `examples/queries/{q.name}.rq`"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("name", "render"), [("cli.md", cli_reference), ("query-library.md", query_reference)])
def test_generated_reference_is_current(name, render):
    path = DOCS / name
    text = render()
    if WRITE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"docs/{name} is behind the code: CSKG_WRITE_DOCS=1 rewrites it"


def test_every_command_help_ends_with_a_real_example():
    context = click.Context(cli, info_name="cskg")
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        lines = [line.strip() for line in (command.help or "").strip().splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        assert last.startswith(f"Example: cskg {name}") or (
            last.startswith("Example: cskg --store") and f" {name}" in last
        ), f"cskg {name} --help does not end with an example"


def _iri_table() -> list[tuple[str, str]]:
    """(call, example IRI) of each row of the IRI table in docs/data-model.md."""
    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| [^|]+ \| `(iris\.\w+\([^`]*\))` \| `([^`]+)` \|$", text, re.M)
    assert len(rows) >= 15, "the IRI table of docs/data-model.md is missing or unreadable"
    return rows


def _call(expression: str) -> str:
    """Evaluate ``iris.f(literal, ...)`` without eval: the function by name, literal arguments."""
    node = ast.parse(expression, mode="eval").body
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    function = getattr(iris, node.func.attr)
    args = []
    for arg in node.args:
        value = ast.literal_eval(arg)
        args.append(_expand(value) if isinstance(value, str) else value)
    return function(*args)


def _expand(text: str) -> str:
    """``csd:x`` as the table abbreviates it, in full."""
    return "https://w3id.org/cskg/id/" + text[4:] if text.startswith("csd:") else text


def test_the_iri_table_in_the_docs_is_what_iris_py_builds():
    rows = _iri_table()
    for call, example in rows:
        assert _call(call) == _expand(example), call
    documented = {re.match(r"iris\.(\w+)", call).group(1) for call, _ in rows}
    builders = {name for name in vars(iris) if name.endswith("_iri") and callable(getattr(iris, name))}
    assert builders <= documented, f"IRI builders missing from docs/data-model.md: {sorted(builders - documented)}"


def test_readme_is_a_users_document_of_at_most_12_kb():
    readme = (ROOT / "README.md").read_bytes()
    assert len(readme) <= 12 * 1024, len(readme)
    text = readme.decode("utf-8")
    for doc in re.findall(r"\((docs/[\w./-]+\.md)\)", text):
        assert (ROOT / doc).is_file(), doc


def test_the_readme_commands_are_the_two_of_ci():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]'" in text and "python3 -m pip install --quiet -e '.[test]'" in ci
    assert "python3 -m pytest -q" in text and "python3 -m pytest -q" in ci
