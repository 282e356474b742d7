"""Practice themes: read from ontology/themes.ttl, tagged on findings and improvement areas, counted per inspection.

The expectations are worked out by the SPARQL engine from the texts and the
match strings in the store (CONTAINS on LCASE), not by cskg.themes, so the
tagging code is checked against an independent implementation of the rule.
"""

from __future__ import annotations

from collections import Counter

from conftest import ROOT

from cskg.extract.themes import load_themes, themes_of
from cskg.namespace import prefix_block


def select(kg, query: str) -> list[tuple]:
    return [
        tuple(t.value if t is not None else None for t in row)
        for row in kg.store.query(prefix_block() + query, use_default_graph_as_union=True)
    ]


def test_every_theme_of_the_scheme_is_loaded_with_its_match_strings():
    themes = load_themes()
    ttl = (ROOT / "ontology" / "themes.ttl").read_text(encoding="utf-8")
    assert len(themes) == ttl.count("a skos:Concept ;")
    by_label = {t.label: t for t in themes}
    assert by_label["Pathway plans"].match_texts == ("pathway plan",)
    assert "strategy discussion" in by_label["Strategy meetings"].match_texts
    assert all(m == m.lower() and m for t in themes for m in t.match_texts)


def test_a_theme_is_a_case_insensitive_substring_test():
    themes = load_themes()
    tagged = {t.rsplit("#", 1)[1] for t in themes_of("Their Pathway Plans lack CHRONOLOGIES.", themes)}
    assert tagged == {"ThemePathwayPlans", "ThemeChronologies", "ThemePlans"}
    assert themes_of("Children are safe.", themes) == []


def test_a_theme_added_to_the_file_is_used_without_code(tmp_path):
    ttl = tmp_path / "themes.ttl"
    ttl.write_text(
        "@prefix cs: <https://w3id.org/cskg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'cs:ThemeKinship a skos:Concept ; skos:prefLabel "Kinship care"@en ; '
        'cs:matchText "kinship" , "connected carer" .\n',
        encoding="utf-8",
    )
    themes = load_themes(ttl)
    assert [t.label for t in themes] == ["Kinship care"]
    assert themes_of("assessments of connected carers", themes) == ["https://w3id.org/cskg/ontology#ThemeKinship"]


def test_a_malformed_theme_file_is_a_one_line_error_at_its_line(tmp_path):
    import pytest

    from cskg.errors import InputError

    ttl = tmp_path / "themes.ttl"
    ttl.write_text(
        "@prefix cs: <https://w3id.org/cskg/ontology#> .\n"
        'cs:ThemeKinship cs:matchText "kinship" .\n'
        'cs:ThemeBroken cs:matchText "no closing quote .\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_themes(ttl)
    message = str(caught.value)
    assert message.startswith(f"{ttl}:3: not valid Turtle") and "\n" not in message


def test_a_malformed_ontology_file_stops_the_build_with_its_line(tmp_path):
    import shutil

    import pytest

    from cskg.errors import InputError
    from cskg.extract.register import load_register
    from cskg.graph.corpus import build_quads
    from cskg.sources.files import default_register, load_sources

    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    lines = (ontology / "cskg.ttl").read_text(encoding="utf-8").splitlines()
    lines.insert(9, "cs:Broken a <unclosed-iri .")
    (ontology / "cskg.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cskg\.ttl:10: not valid Turtle"):
        build_quads(load_sources(), load_register(default_register()), ontology)


def tags_and_rule(kg, link: str) -> tuple[set, set]:
    """(node, theme) pairs as tagged, and as SPARQL derives them from the texts, for nodes with ``?x {link} ?o``."""
    tagged = set(select(kg, f"SELECT ?x ?theme WHERE {{ ?x {link} ?o ; cs:theme ?theme }}"))
    derived = set(
        select(
            kg,
            f"""SELECT DISTINCT ?x ?theme WHERE {{
        ?x {link} ?o ; cs:text ?text .
        ?theme skos:inScheme cs:PracticeThemes ; cs:matchText ?m .
        FILTER (CONTAINS(LCASE(?text), ?m)) }}""",
        )
    )
    return tagged, derived


def test_each_finding_has_exactly_the_themes_its_text_names(kg):
    tagged, expected = tags_and_rule(kg, "cs:inInspection")
    assert expected and tagged == expected
    assert len({f for f, _ in tagged}) > 100  # most of Rotherham's findings name a theme


def test_improvement_areas_carry_their_themes(kg):
    tagged, expected = tags_and_rule(kg, "cs:raisedBy")
    assert tagged == expected
    pathway = "https://w3id.org/cskg/ontology#ThemePathwayPlans"
    assert any(a.endswith("/2025/improvement/1") and t == pathway for a, t in tagged)  # 'pathway plans' (2025, 1)


def test_weakness_theme_counts_equal_the_tagged_weaknesses(kg):
    counted = {
        (i, a, t): int(n)
        for i, a, t, n in select(
            kg,
            """SELECT ?i ?a ?t ?n WHERE {
        ?o qb:dataSet csd:dataset\\/weaknesses-by-theme ; cs:refInspection ?i ; cs:refJudgementArea ?a ;
           cs:refTheme ?t ; cs:weaknessCount ?n }""",
        )
    }
    rows = select(
        kg,
        """SELECT ?f ?i ?a ?t WHERE {
        ?f cs:inInspection ?i ; cs:polarity cs:Weakness ; cs:theme ?t .
        OPTIONAL { ?f cs:area ?area } BIND(COALESCE(?area, cs:NoJudgementArea) AS ?a) }""",
    )
    assert counted and counted == dict(Counter((i, a, t) for _, i, a, t in rows))
