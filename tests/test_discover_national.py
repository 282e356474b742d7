"""Discovery and typing of named services and bodies, measured on 99 reports of 99 councils labelled by hand.

``tests/fixtures/annotations/entities-national/`` lists, for each report, every
named service and body of the council as a person reading the whole report
listed them (with the variants the report uses, the kind and the service
type); the README there says how the list was made. 74 councils are
``dev`` (their errors were read while writing the rules; 59 of them were
added later, in six batches, as fresh development data), 25 ``test`` (only
measured: 15 from the start, 10 added in a second batch). The first 15 were
listed again by the latest guide (``entities-test-relabelled/``). The figures
are printed; the assertions guard against a regression below what the rules
reach today (discovery: test recall 0.847 at precision 0.890 against the
first lists, 0.870 at 0.878 with every test report listed by the latest
guide; typing: test recall 0.74 at precision 0.92), not the issue's discovery
target (recall 0.85 at precision 0.95), which precision does not yet reach
(the issue sets no figure for typing): see docs/quality.md.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import FIXTURES, NATIONAL_REPORTS

from cskg.extract.discover import discover_entities, entity_key
from cskg.extract.service_types import type_of
from cskg.namespace import CS
from cskg.parse.report import parse_report
from cskg.sources.pdf import extract_pdf_text

LABELS = FIXTURES / "annotations" / "entities-national"
SECOND = FIXTURES / "annotations" / "entities-second-reader"
RELABELLED = FIXTURES / "annotations" / "entities-test-relabelled"

pytestmark = [
    pytest.mark.national,
    pytest.mark.skipif(not NATIONAL_REPORTS.is_dir(), reason=f"the national corpus is not at {NATIONAL_REPORTS}"),
]


def _labels() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(LABELS.glob("*.yaml"))]


def _forms(names) -> set[str]:
    """Each name's key, and the key of it without an acronym in brackets: a reader may keep "the independent
    reviewing officer (IRO) service" word for word, and discovery gives the acronym as an alias."""
    spelled = {m for n in names if n for m in (n, re.sub(r"\s*\([^)]*\)", "", n)) if m.strip()}
    return {entity_key(n) for n in spelled}


def _same(a: set[str], b: set[str]) -> bool:
    """One unit: a shared form, or one form the other's tail of two words or more ("specialist edge of care
    team" and "edge of care team")."""
    if a & b:
        return True
    return any(
        (x.endswith(" " + y) or y.endswith(" " + x)) and min(len(x.split()), len(y.split())) >= 2 for x in a for y in b
    )


@pytest.fixture(scope="module")
def reports() -> dict[str, tuple[dict, str, object]]:
    """Each labelled report once: its list, the PDF's text and the parsed report."""
    out = {}
    for lab in _labels():
        text = extract_pdf_text(NATIONAL_REPORTS / lab["file"])
        out[lab["council"]] = (lab, text, parse_report(text, "report.txt"))
    return out


@pytest.fixture(scope="module")
def discovered(reports) -> dict[str, tuple[dict, list]]:
    return {
        council: (lab, discover_entities(report, council, "report.txt"))
        for council, (lab, _, report) in reports.items()
    }


def _listed(lab: dict) -> list[set[str]]:
    return [_forms([e["name"], *(e.get("variants") or [])]) for e in lab["entities"]]


def _found(entities) -> list[set[str]]:
    return [_forms([e.label, *e.aliases]) for e in entities]


def _score(truth: list[set[str]], ours: list[set[str]]) -> tuple[int, int, int, int]:
    """(units of ``truth`` matched, units of ``truth``, finds of ``ours`` right, finds of ``ours``)."""
    matched = sum(any(_same(t, o) for o in ours) for t in truth)
    correct = sum(any(_same(o, t) for t in truth) for o in ours)
    return matched, len(truth), correct, len(ours)


# The second test batch, listed by the latest guide (the first 15 by the first one).
SECOND_TEST_BATCH = frozenset(
    [
        "blackburn-with-darwen",
        "bracknell-forest",
        "croydon",
        "devon",
        "hampshire",
        "redbridge",
        "south-gloucestershire",
        "st-helens",
        "suffolk",
        "west-sussex",
    ]
)


def _figures(discovered, part: str, councils: frozenset[str] | None = None) -> tuple[float, float, int, int, int, int]:
    """(recall, precision, units labelled, finds, units matched, finds right) of one part (some councils of it)."""
    labelled = matched = found = correct = 0
    for lab, entities in discovered.values():
        if lab["part"] != part or (councils is not None and lab["council"] not in councils):
            continue
        m, n, c, f = _score(_listed(lab), _found(entities))
        matched, labelled, correct, found = matched + m, labelled + n, correct + c, found + f
    return matched / labelled, correct / found, labelled, found, matched, correct


def test_the_labels_are_one_report_a_council_split_by_council():
    labels = _labels()
    councils = {lab["council"] for lab in labels}
    assert len(labels) == len(councils) == 99
    assert sorted(lab["part"] for lab in labels).count("test") == 25
    assert {lab["part"] for lab in labels} == {"dev", "test"}
    assert sum(len(lab["entities"]) for lab in labels) >= 200
    for lab in labels:
        text = " ".join((NATIONAL_REPORTS / lab["file"]).parent.name.split("_")[1:])
        assert text.replace("-", " ") in lab["council"].replace("-", " ") or lab["council"] in lab["file"]


def test_discovery_recall_and_precision(discovered):
    first = frozenset(lab["council"] for lab, _ in discovered.values() if lab["part"] == "test") - SECOND_TEST_BATCH
    rows = [("dev", "dev", None), ("test", "test", None)]
    rows += [("test, first 15", "test", first), ("test, second 10", "test", SECOND_TEST_BATCH)]
    for name, part, councils in rows:
        recall, precision, labelled, found, matched, correct = _figures(discovered, part, councils)
        print(
            f"\nentity discovery, {name}: recall {recall:.3f} ({matched} of {labelled} labelled), "
            f"precision {precision:.3f} ({correct} of {found} found)"
        )
    recall, precision, *_ = _figures(discovered, "test")
    assert recall >= 0.84 and precision >= 0.88  # today 0.847 and 0.890 (25 reports)


def _spaced(text: str) -> str:
    """Text as a reader's quote is compared with it: one space between words, lower case, and U+FFFE (which
    pdfium gives for some PDFs' hyphens, "Multi\ufffeAgency") as the hyphen a reader writes."""
    return " ".join(text.replace("\ufffe", "-").lower().split())


def test_every_readers_quote_and_name_is_in_its_report(reports):
    """Every list's quotes are sentences of its report as the parser reads it (the text discovery reads), and
    every name and variant is in the report: in its paragraphs, or in a heading of the PDF's text."""
    lists = [*_labels()]
    for folder in (SECOND, RELABELLED):
        lists += [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    checked = 0
    for lab in lists:
        first, text, report = reports[lab["council"]]
        assert lab["file"] == first["file"]
        paragraphs = _spaced(" ".join(p.text for p in report.paragraphs))
        whole = _spaced(text)
        for e in lab["entities"]:
            assert _spaced(e["quote"]) in paragraphs, (lab["council"], e["name"], e["quote"])
            for name in [e["name"], *(e.get("variants") or [])]:
                assert _spaced(str(name)) in paragraphs or _spaced(str(name)) in whole, (lab["council"], name)
            checked += 1
    assert checked >= 3000  # every list of the three folders was read


def test_two_readers_of_one_guide_agree_about_as_well_as_the_rules_do(discovered):
    """The ceiling of the measurement: a second reader's list of ten dev reports scored against the first's.

    Printed beside discovery on the same reports, against each reader.  The
    two lists are of the same reports, and a reader's list scored against
    itself is exact.
    """
    totals: dict[str, list[int]] = {}
    for path in sorted(SECOND.glob("*.yaml")):
        second = yaml.safe_load(path.read_text(encoding="utf-8"))
        first, entities = discovered[second["council"]]
        assert second["file"] == first["file"] and second["part"] == first["part"] == "dev"
        assert _score(_listed(second), _listed(second)) == (len(second["entities"]),) * 4
        rows = {
            "second reader against the first": _score(_listed(first), _listed(second)),
            "discovery against the first reader": _score(_listed(first), _found(entities)),
            "discovery against the second reader": _score(_listed(second), _found(entities)),
        }
        for name, row in rows.items():
            totals[name] = [a + b for a, b in zip(totals.get(name, [0, 0, 0, 0]), row, strict=True)]
    assert len(list(SECOND.glob("*.yaml"))) == 10
    for name, (m, n, c, f) in totals.items():
        print(f"\n{name}, 10 dev reports: recall {m / n:.2f} ({m} of {n}), precision {c / f:.2f} ({c} of {f})")
    m, n, c, f = totals["second reader against the first"]
    assert m / n >= 0.85 and c / f >= 0.9  # today 0.88 and 0.94: far below, the lists or the scorer broke


def _consensus(first: list[set[str]], second: list[set[str]], ours: list[set[str]]) -> tuple[int, int, int, int]:
    """Discovery against two readers at once: recall of the units both list, precision against what either lists."""
    both = [t for t in first if any(_same(t, u) for u in second)]
    matched = sum(any(_same(t, o) for o in ours) for t in both)
    correct = sum(any(_same(o, t) for t in [*first, *second]) for o in ours)
    return matched, len(both), correct, len(ours)


def test_the_first_test_batch_listed_again_by_the_latest_guide(discovered):
    """The first 15 test reports were listed by the first guide (which kept "the local authority designated
    officer" as a unit); new readers listed them again by the latest guide, blind to the first lists and the code.

    Printed: how far the two readers agree, discovery against each and
    against both (recall of what both list, precision against what either
    lists), and the whole test part with the new lists in place of the first.
    """
    totals: dict[str, list[int]] = {}
    relabelled = {}
    for path in sorted(RELABELLED.glob("*.yaml")):
        again = yaml.safe_load(path.read_text(encoding="utf-8"))
        first, entities = discovered[again["council"]]
        assert again["file"] == first["file"] and again["part"] == first["part"] == "test"
        assert again["council"] not in SECOND_TEST_BATCH
        relabelled[again["council"]] = again
        rows = {
            "latest-guide reader against the first": _score(_listed(first), _listed(again)),
            "discovery against the first reader": _score(_listed(first), _found(entities)),
            "discovery against the latest-guide reader": _score(_listed(again), _found(entities)),
            "discovery against both readers": _consensus(_listed(first), _listed(again), _found(entities)),
        }
        for name, row in rows.items():
            totals[name] = [a + b for a, b in zip(totals.get(name, [0, 0, 0, 0]), row, strict=True)]
    assert len(relabelled) == 15
    for name, (m, n, c, f) in totals.items():
        print(f"\n{name}, first 15 test reports: recall {m / n:.3f} ({m} of {n}), precision {c / f:.3f} ({c} of {f})")
    whole = [0, 0, 0, 0]
    for lab, entities in discovered.values():
        if lab["part"] == "test":
            row = _score(_listed(relabelled.get(lab["council"], lab)), _found(entities))
            whole = [a + b for a, b in zip(whole, row, strict=True)]
    m, n, c, f = whole
    print(
        f"\ndiscovery, all 25 test reports by the latest guide: recall {m / n:.3f} ({m} of {n}), "
        f"precision {c / f:.3f} ({c} of {f})"
    )
    assert m / n >= 0.86 and c / f >= 0.87  # today 0.870 and 0.878
    m, n, c, f = totals["latest-guide reader against the first"]
    assert m / n >= 0.85 and c / f >= 0.9  # today 0.90 and 0.96: far below, the lists or the scorer broke


def test_typing_precision_and_recall():
    for part in ("dev", "test"):
        right = wrong = missed = typed_truth = 0
        for lab in _labels():
            if lab["part"] != part:
                continue
            for e in lab["entities"]:
                got = type_of([e["name"], *(e.get("variants") or [])])
                got = got[0][len(CS) :] if got else None
                want = e.get("type")
                typed_truth += bool(want)
                if got and got == want:
                    right += 1
                elif got:
                    wrong += 1
                if want and got != want:
                    missed += 1
        precision, recall = right / (right + wrong), right / (right + missed)
        print(f"\nservice typing, {part}: precision {precision:.2f}, recall {recall:.2f} ({typed_truth} typed by hand)")
    assert precision >= 0.9 and recall >= 0.72  # test today 0.92 and 0.74 (dev, 74 councils, 0.93 and 0.79)


def test_the_typing_samples_quotes_are_in_their_sources():
    """The sample of the store's units (``service-types-sample/``) quotes each unit's sentence as the store has
    it: in its report's paragraphs, or in the council document it came from."""
    sample = yaml.safe_load((FIXTURES / "annotations" / "service-types-sample" / "sample.yaml").read_text("utf-8"))
    paragraphs: dict[str, str] = {}
    for item in sample:
        if "pdf" in item:
            if item["pdf"] not in paragraphs:
                report = parse_report(extract_pdf_text(NATIONAL_REPORTS / item["pdf"]), "report.txt")
                paragraphs[item["pdf"]] = _spaced(" ".join(p.text for p in report.paragraphs))
            source = paragraphs[item["pdf"]]
        else:
            source = _spaced((FIXTURES / item["fixture"]).read_text(encoding="utf-8"))
        assert _spaced(item["quote"]) in source, (item["n"], item["quote"])
