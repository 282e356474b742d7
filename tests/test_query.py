"""`cskg query`: the library listing, safe parameter binding, the W3C result formats, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import ROOT, run_cli

from cskg.errors import InputError
from cskg.sparql import binding, results, runner

HOSTILE = 'evolve" } DROP ALL #'


def test_list_shows_every_library_query(store_path):
    names = [p.stem for p in (ROOT / "examples" / "queries").glob("*.rq")]
    out = run_cli("query", "--list", store=store_path)
    assert out.returncode == 0
    text = out.stdout.decode()
    for name in names:
        assert name in text
    listing = json.loads(run_cli("query", "--list", "--json", store=store_path).stdout)
    assert sorted(item["name"] for item in listing) == sorted(names)
    weak = next(item for item in listing if item["name"] == "entity-weaknesses")
    assert weak["params"] == [
        {
            "name": "entity",
            "type": "entity",
            "default": "front-door",
            "meaning": "the service, body or agency: an id, label or alias, or an IRI",
        }
    ]


def test_json_csv_tsv_are_the_same_rows(store_path):
    args = ("query", "entity-weaknesses", "--param", "entity=multi-agency safeguarding hub")
    js = run_cli(*args, "--format", "json", store=store_path)
    assert js.returncode in (0, 1), js.stderr
    args = ("query", "entity-weaknesses", "--param", "entity=The Front Door")
    js = json.loads(run_cli(*args, "--json", store=store_path).stdout)
    variables = js["head"]["vars"]
    bindings = js["results"]["bindings"]
    assert variables[:2] == ["entity", "label"] and len(bindings) >= 3
    assert all(
        b["entity"] == {"type": "uri", "value": "https://w3id.org/cskg/id/entity/rotherham/front-door"}
        for b in bindings
    )
    assert all(b["year"]["datatype"] == "http://www.w3.org/2001/XMLSchema#gYear" for b in bindings)

    raw_csv = run_cli(*args, "--format", "csv", store=store_path).stdout
    assert raw_csv.count(b"\r\n") == len(bindings) + 1  # CSV results use CRLF line ends
    table = list(csv.reader(io.StringIO(raw_csv.decode("utf-8"), newline="")))
    assert table[0] == variables
    assert [dict(zip(variables, r, strict=False)) for r in table[1:]] == [
        {v: b[v]["value"] if v in b else "" for v in variables} for b in bindings
    ]

    import pyoxigraph as ox

    raw_tsv = run_cli(*args, "--format", "tsv", store=store_path).stdout
    assert raw_tsv.split(b"\n")[0].split(b"\t") == [f"?{v}".encode() for v in variables]
    parsed = ox.parse_query_results(raw_tsv, ox.QueryResultsFormat.TSV)
    reparsed = ox.parse_query_results(json.dumps(js).encode(), ox.QueryResultsFormat.JSON)
    assert [[s[v] for v in variables] for s in parsed] == [[s[v] for v in variables] for s in reparsed]

    table_out = run_cli(*args, store=store_path).stdout.decode()
    assert f"({len(bindings)} rows)" in table_out and "csd:entity/rotherham/front-door" in table_out


def test_hostile_value_stays_a_literal(store_path):
    out = run_cli("query", "findings-containing", "--param", f"phrase={HOSTILE}", "--json", store=store_path)
    assert out.returncode == 1, out.stderr  # nothing contains it: no rows, and no syntax error
    assert json.loads(out.stdout)["results"]["bindings"] == []
    assert b"syntax" not in out.stderr.lower()
    # a phrase with a quote character that the reports do contain still matches
    ok = json.loads(
        run_cli(
            "query", "findings-containing", "--param", "phrase=children's voices", "--json", store=store_path
        ).stdout
    )
    assert ok["results"]["bindings"]
    assert all(b["phrase"]["value"] == "children's voices" for b in ok["results"]["bindings"])


def test_values_block_escapes_hostile_terms():
    import pyoxigraph as ox

    spec = runner.from_text("SELECT ?phrase ?n WHERE { BIND(STRLEN(?phrase) AS ?n) }", "t")
    text = runner.with_values(spec.text, {"phrase": ox.Literal(HOSTILE)})
    rows = list(ox.Store().query(text))
    assert len(rows) == 1 and rows[0]["phrase"].value == HOSTILE and rows[0]["n"].value == str(len(HOSTILE))


@pytest.mark.parametrize(
    "text, rest",
    [
        ("SELECT * WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
        ("SELECT * { ?s ?p ?o }", " ?s ?p ?o }"),
        ('PREFIX a: <http://x/{where}>\n# a { comment WHERE {\nSELECT ("{" AS ?b) WHERE { ?s ?p ?o }', " ?s ?p ?o }"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . }", " ?s ?p ?o . }"),
        ("ASK { ?s ?p '''}''' }", " ?s ?p '''}''' }"),
    ],
)
def test_where_brace_skips_strings_comments_and_templates(text, rest):
    at = runner.where_brace(text)
    assert at is not None and text[at:] == rest


def test_construct_prints_turtle_that_parses(store_path):
    import pyoxigraph as ox
    import rdflib

    out = run_cli("query", "entity-neighbourhood", "--param", "entity=Evolve", "--format", "csv", store=store_path)
    assert out.returncode == 0, out.stderr
    triples = list(ox.parse(out.stdout, ox.RdfFormat.TURTLE))
    assert len(rdflib.Graph().parse(data=out.stdout.decode(), format="turtle")) == len(triples) > 10
    labels = [
        t
        for t in triples
        if t.predicate.value.endswith("#label") and t.subject.value.endswith("/entity/rotherham/evolve")
    ]
    assert [t.object.value for t in labels] == ["Evolve"]


def test_file_and_stdin_queries(store_path, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text(
        "PREFIX cs: <https://w3id.org/cskg/ontology#>\n"
        "SELECT (COUNT(?f) AS ?n) WHERE { ?f a cs:Finding ; cs:polarity cs:Weakness }\n"
    )
    from_file = json.loads(run_cli("query", str(rq), "--json", store=store_path).stdout)
    from_stdin = json.loads(run_cli("query", "-", "--json", store=store_path, input=rq.read_bytes()).stdout)
    assert from_file == from_stdin
    counts = json.loads(run_cli("query", "weakness-counts", "--json", store=store_path).stdout)
    assert int(from_file["results"]["bindings"][0]["n"]["value"]) == sum(
        int(b["weaknesses"]["value"]) for b in counts["results"]["bindings"]
    )
    ask = run_cli("query", "-", store=store_path, input=b"ASK { ?s a <https://w3id.org/cskg/ontology#Finding> }")
    assert ask.returncode == 0 and ask.stdout == b"true\n"
    ask_json = json.loads(
        run_cli(
            "query", "-", "--json", store=store_path, input=b"ASK { ?s a <https://w3id.org/cskg/ontology#Nothing> }"
        ).stdout
    )
    assert ask_json == {"head": {}, "boolean": False}


def test_syntax_error_gives_line_and_column(store_path, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: broken\nSELECT ?x WHERE {\n  ?x ?y ?z\n  FILTR(?x)\n}\n")
    out = run_cli("query", str(bad), store=store_path)
    assert out.returncode == 2
    message = out.stderr.decode().strip()
    assert "\n" not in message and "syntax error in bad" in message
    import re

    line, column = map(int, re.search(r"(\d+):(\d+)", message).groups())
    assert line == 4 and column >= 1  # the misspelt FILTER is on line 4 of the file


@pytest.mark.parametrize(
    "args, words",
    [
        (("query", "nonsuch-query"), "no library query named"),
        (("query", "entity-weakness"), "did you mean 'entity-weaknesses'"),
        (("query", "weakness-quotes", "--param", "year=twenty"), "not a four-digit year"),
        (("query", "weakness-quotes", "--param", "yaer=2022"), "has no parameter 'yaer'"),
        (("query", "actions-overdue", "--param", "asof=31/12/2026"), "not a date"),
        (("query", "improvement-evidence", "--param", "improvement=not an iri"), "is not an IRI"),
        (("query", "weakness-quotes", "--param", "2022"), "write NAME=VALUE"),
        (("query", "entity-weaknesses", "--param", "entity=no such service at all"), "no entity named"),
        (("query", "weakness-quotes", "--param", "authority=Rotheram"), "did you mean rotherham"),
        (("query", "weakness-quotes", "--param", "authority=Atlantis"), "no council 'Atlantis' in la-lookup.csv"),
        (
            ("query", "weakness-quotes", "--param", 'authority=x" } DROP ALL #\nnext'),
            "no council 'x\" } DROP ALL #\\nnext'",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(store_path, args, words):
    out = run_cli(*args, store=store_path)
    message = out.stderr.decode().strip()
    assert out.returncode == (1 if "no entity named" in words else 2), message
    assert words in message and "\n" not in message and out.stdout == b""


@pytest.mark.parametrize(
    "given", ["rotherham", "Rotherham Metropolitan Borough Council", "E08000018", "80543", "csd:authority/rotherham"]
)
def test_a_council_is_named_by_slug_name_gss_code_urn_or_iri(given):
    from cskg.sparql.binding import make_term
    from cskg.sparql.runner import Param

    term = make_term(Param("authority", "authority", "rotherham"), given)
    assert term.value == "https://w3id.org/cskg/id/authority/rotherham"


def test_another_councils_parameter_gives_its_rows_not_rotherhams(store_path):
    out = run_cli("query", "weakness-quotes", "--param", "authority=barnsley", "--format", "csv", store=store_path)
    assert out.returncode == 1  # the embedded graph has no Barnsley inspection: nothing found, not Rotherham's rows


def test_empty_result_exits_1(store_path):
    out = run_cli("query", "weakness-quotes", "--param", "year=1999", "--format", "csv", store=store_path)
    assert out.returncode == 1 and out.stdout.decode().splitlines()[0].startswith("year,area")


def test_python_api(kg):
    result = kg.query("grade-history")
    assert result.form == "select" and len(result.rows) == 20
    # The minutes and the press release cite the 2025 inspection too: those nodes give way to the report's.
    text = kg.query(
        "PREFIX cs: <https://w3id.org/cskg/ontology#>\n"
        "SELECT ?y WHERE { ?i a cs:Inspection ; cs:year ?y FILTER NOT EXISTS { ?r cs:sameInspectionAs ?i } }"
    )
    assert sorted(r["y"].value for r in text.rows) == ["2014", "2017", "2022", "2025"]
    data = json.loads(results.render(kg.query("inspections"), "json"))
    assert len(data["results"]["bindings"]) == 4


def test_header_parsing_and_its_errors(tmp_path):
    text = (
        "# title: T\n# description: D\n# param: when date = 2026-01-31  -- the day\n"
        "# param: who entity = mash\nPREFIX cs: <https://w3id.org/cskg/ontology#>\nSELECT ?when ?who WHERE {}\n"
    )
    title, description, params = runner.parse_header(text, "x.rq")
    assert (title, description) == ("T", "D")
    assert [(p.name, p.type, p.default, p.meaning) for p in params] == [
        ("when", "date", "2026-01-31", "the day"),
        ("who", "entity", "mash", ""),
    ]
    with pytest.raises(InputError, match=r"^x\.rq:2: bad parameter line"):
        runner.parse_header("# title: T\n# param: when datetime = now\nSELECT * {}", "x.rq")
    with pytest.raises(InputError, match=r"x\.rq:1: bad parameter line"):
        runner.parse_header("# param: when date =\nSELECT * {}", "x.rq")
    # a parameter without a default must be given a value
    required = runner.from_text("# param: when date -- the day\nSELECT ?when WHERE { }", "x")
    assert required.params[0].default is None
    with pytest.raises(InputError, match=r"^x needs a value for its parameter when \(the day\)$"):
        binding.bind(required, {})
    # header lines after the first non-comment line are not header
    assert runner.parse_header("SELECT * {}\n# param: x iri = <a:b>", "x.rq")[2] == []


def test_headerless_file_takes_any_parameter_as_a_literal(store_path, tmp_path):
    rq = tmp_path / "free.rq"
    rq.write_text("SELECT ?word (STRLEN(?word) AS ?n) WHERE {}\n")
    out = json.loads(run_cli("query", str(rq), "--param", "word=héllo", "--json", store=store_path).stdout)
    row = out["results"]["bindings"][0]
    assert row["word"] == {"type": "literal", "value": "héllo"} and row["n"]["value"] == "5"
