"""Library queries on a small multi-council graph shaped like the national one.

Two answers were wrong on the national graph only: `inspections` repeated an
inspection once per report graph that names its lead inspector, and
`national-neighbours` listed every council as "the council".  The embedded
corpus (one council, one inspector per report) cannot show either, so these
tests run the library files on a fixture with three councils in three graphs.
"""

from pathlib import Path

import pytest

from cskg.errors import InputError
from cskg.sparql import binding, library, results, runner

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "two-councils.trig"


@pytest.fixture(scope="module")
def store():
    import pyoxigraph as ox

    s = ox.Store()
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return s


def _rows(store, name, given=None):
    lq = library.load(name)
    result = runner.run_local(store, lq, binding.bind(lq, given or {}))
    return [{k: results.short(v) for k, v in row.items()} for row in result.rows]


def test_fixture_really_states_the_inspector_twice(store):
    # Without this the DISTINCT test below would prove nothing.
    import pyoxigraph as ox

    found = list(
        store.query(
            'SELECT ?l WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER (?l = "Ann Smith") }',
            use_default_graph_as_union=True,
        )
    )
    assert len(found) == 2 and all(isinstance(r["l"], ox.Literal) for r in found)


def test_inspections_gives_each_inspection_once(store):
    # once per report graph that names its inspector, and once for an inspection both reported and cited
    rows = _rows(store, "inspections")
    assert sorted(r["inspection"] for r in rows) == [
        "csd:inspection/alphaton/2024",
        "csd:inspection/betaby/2023",
        "csd:inspection/gammaford/2022",
    ]
    alphaton = next(r for r in rows if r["authority"] == "Alphaton")
    assert (alphaton["leadInspector"], alphaton["overall"], alphaton["framework"]) == ("Ann Smith", "Good", "ILACS")


def test_national_neighbours_lists_the_council_and_its_neighbours_only(store):
    rows = _rows(store, "national-neighbours", {"authority": "csd:entity/alphaton"})
    assert {(r["relation"], r["peerLabel"], r["year"]) for r in rows} == {
        ("council", "Alphaton", "2024"),
        ("statistical neighbour", "Betaby", "2023"),
    }


def test_national_neighbours_council_without_inspections_is_empty(store):
    assert _rows(store, "national-neighbours", {"authority": "csd:authority/nowhere"}) == []


def test_national_neighbours_unknown_council_name_is_a_one_line_error(store):

    with pytest.raises(InputError) as caught:
        _rows(store, "national-neighbours", {"authority": "Nowhereshire"})
    assert "parameter authority" in str(caught.value) and "\n" not in str(caught.value)
