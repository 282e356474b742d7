"""Every quoted fact in the graph is re-found in its source at its offsets."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SOURCES

from cskg.errors import InputError
from cskg.extract.register import citations, load_register
from cskg.parse.layout import analyse, clean_span, locate


def test_every_quote_is_at_its_offsets(kg):
    rows = kg.select("quoted-facts")
    assert len(rows) > 900  # paragraphs, sentences, findings, judgements, improvement areas
    layouts = {}
    for r in rows:
        text = (SOURCES / r["file"]).read_text(encoding="utf-8")
        layout = layouts.setdefault(r["file"], analyse(text))
        start, end = int(r["start"]), int(r["end"])
        assert clean_span(layout, start, end) == r["quote"], r["node"]
        # Independent of the parser's normalisation: the quote's words occur in
        # order inside the raw source span.
        raw = text[start:end]
        pos = 0
        for word in re.findall(r"\w+", r["quote"]):
            pos = raw.find(word, pos)
            assert pos >= 0, (r["node"], word)


def test_paragraph_3_of_2025_is_whole_without_the_footnote(kg):
    rows = [r for r in kg.select("quoted-facts") if r["node"].endswith("ofsted-ilacs-rotherham-2025/p/3")]
    assert len(rows) == 1
    text = rows[0]["quote"]
    assert text.endswith("receive the right help and at the right time.")
    assert "robust oversight at all decision-making points." in text
    assert "cross-referenced" not in text


def test_every_curated_quote_is_in_its_source():
    register = load_register(ROOT / "data" / "register.yaml")
    for ident, citation in citations(register):
        source = (SOURCES / citation.source).read_text(encoding="utf-8")
        assert locate(source, citation.quote) is not None, (ident, citation.line)


def test_a_curated_quote_not_in_the_source_fails_the_build_with_file_and_line(tmp_path):
    from cskg import build_graph

    text = (ROOT / "data" / "register.yaml").read_text(encoding="utf-8")
    bad = text.replace(
        "Children at risk of going missing from home and being exploited receive",
        "Children at risk of going missing from home and being exploited obtain",
        1,
    )
    assert bad != text
    path = tmp_path / "register.yaml"
    path.write_text(bad, encoding="utf-8")
    line = bad[: bad.index("being exploited obtain")].count("\n") + 1
    with pytest.raises(InputError) as err:
        build_graph(tmp_path / "store", register=path)
    message = str(err.value)
    assert "register.yaml:" in message and "quote not found verbatim" in message
    reported = int(re.search(r"register\.yaml:(\d+)", message).group(1))
    assert reported <= line and line - reported < 12
    assert not (tmp_path / "store").exists()
