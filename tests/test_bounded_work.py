"""Bounded work per input: no parser or matcher step grows faster than the text (issue 17).

A step that is quadratic in a word's or a line's length turned one bad file
into an ingest that never ended.  These tests run the step in a child process
with a hang guard far above what the linear step needs (a fraction of a
second) and far below what the quadratic one took (minutes): they check that
the work is bounded, not how fast it is.
"""

from __future__ import annotations

import subprocess
import sys

HANG_GUARD_S = 30


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def test_a_long_word_before_full_stops_splits_like_a_short_one():
    """The abbreviation check read back over the whole run of letters at every full stop."""
    code = """
from cskg.parse.layout import join_pieces
from cskg.parse.sentences import split_sentences
for word in ("a" * 5, "a" * 200_000):
    text = "The team met " + word + " ones. " + "The board e.g. agreed. It met. " * 2000
    clean = join_pieces(text, [(0, len(text))])
    sentences = split_sentences(clean)
    print(len(sentences), sentences[1].text)
"""
    short, long_ = _run(code).splitlines()
    assert short == long_ == "4001 The board e.g. agreed."


def test_a_line_of_thousands_of_names_is_read_once():
    """Each candidate name was checked against every earlier one of its sentence."""
    code = """
from cskg.extract.discover import candidates
sentence = " ".join(["The Horizon Team met the Youth Board and the ‘Early Help’ Team."] * 15_000)
found = candidates(sentence)
print(len(found), sorted({c.name for c in found}))
"""
    assert _run(code) == "45000 ['Early Help Team', 'Horizon Team', 'Youth Board']"


def test_a_long_word_of_capitals_and_marks_is_read_once_for_coined_names():
    """A coined name could start at every capital inside a word ("A!A!A!..."), each start reading on to its end."""
    code = """
from cskg.extract.discover import candidates
for n in (10, 40_000):
    found = candidates("The team: " + "A!" * n)
    print(len(found))
"""
    short, long_ = _run(code).splitlines()
    assert short == long_


def test_many_contrasts_in_one_sentence_are_read_once_for_a_low_figure():
    """Each "but" rescanned the rest of the sentence for what was low."""
    code = """
from cskg.extract.polarity import polarity
for n in (10, 20_000):
    print(polarity("Attendance is good, but the " * n + "uptake is good and low."))
"""
    short, long_ = _run(code).splitlines()
    assert short == long_


def test_quoted_service_lists_and_possessive_appositions_are_read_once():
    """The quoted-list and possessive-apposition patterns of discovery on a long line and on runs of marks."""
    code = """
from cskg.extract.discover import candidates
one = "Families use the services ‘Bright Lanes’ and ‘Open Arms’, and Lodestar, Kent’s front door service, "
for n in (1, 5_000):
    found = candidates(one * n, "Kent")
    print(len(found) // n, sorted({(c.name, tuple(c.aliases)) for c in found}))
for marks in ("‘" + "’" * 60_000, "‘A" + "’" * 60_000, "services " + "‘A’, " * 20_000, "X, " + "Kent’s " * 20_000):
    print(len(candidates(marks, "Kent")))
"""
    lines = _run(code).splitlines()
    assert lines[0] == lines[1]
    assert "('Lodestar', ('front door service',))" in lines[0] and "'Bright Lanes'" in lines[0]
    assert all(line.isdigit() for line in lines[2:])


def test_condition_clauses_planned_units_and_the_programmes_name_are_read_once():
    """This round's patterns on long lines: polarity's condition after a verb of responding, discovery's
    planned units and the newly qualified social workers' programme by its full name."""
    code = """
from cskg.extract.discover import candidates
from cskg.extract.polarity import polarity
for n in (10, 20_000):
    print(polarity("IROs escalate concerns when plans " * n + "are not progressing."))
    print(polarity("Managers challenge " + "staff " * n + "when plans are not progressing."))
    found = candidates("There are plans to introduce a birth fathers group and the Horizon Team. " * n, "Kent")
    print(len(found) // n, sorted({c.name for c in found}))
    found = candidates("Workers in their assessed and supported year in employment do well. " * n, "Kent")
    print(len(found) // n)
"""
    lines = _run(code).splitlines()
    assert lines[:4] == lines[4:]
    assert lines[0] == "strength" and lines[1] == "weakness"  # four words of object at most before "when"
    assert lines[2] == "1 ['Horizon Team']" and lines[3] == "1"
