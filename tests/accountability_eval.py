"""Scoring what cskg reads from council minutes, decision records and news against hand labels.

Used by ``test_accountability_eval.py`` (which fails below the thresholds)
and runnable on its own to see the figures and the misses of the
development councils: ``python tests/accountability_eval.py [dev|test]``.
The misses of the test councils are never printed: rules are tuned on the
development councils only (tests/fixtures/accountability/README.md).

How each field is scored:

- actions: a found action matches a labelled one when their quotes overlap by
  at least half of the shorter one (each matched once); precision is matched
  over found, recall matched over labelled;
- owners and due dates: on the matched pairs; precision counts the pairs
  where cskg gives an owner (a due date), recall the pairs where the label
  gives one; an owner matches when the words agree after case, a leading
  "the" and punctuation are set aside (or up to a comma: "the Assistant
  Director, Stuart Ashley");
- meeting: the body and the date of each minutes and decision record, as
  two items (body compared like owners);
- grades: (document, judgement area, grade) triples;
- improvement areas: quotes matched like actions.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent / "fixtures" / "accountability"
FIELDS = ("actions", "meeting", "owners", "due dates", "grades", "improvement areas")


# The 51 councils of the labelled set, in alphabetical order, every second one held out for testing
# (fixtures README); the councils added to the development set later are never test councils.
TEST_COUNCILS = [
    "bath-and-north-east-somerset",
    "brighton-and-hove",
    "city-of-london",
    "croydon",
    "dorset",
    "ealing",
    "gloucestershire",
    "haringey",
    "isle-of-wight",
    "kent",
    "knowsley",
    "leicester",
    "lincolnshire",
    "medway",
    "middlesbrough",
    "north-tyneside",
    "nottinghamshire",
    "reading",
    "shropshire",
    "southampton",
    "stoke-on-trent",
    "surrey",
    "tower-hamlets",
    "west-sussex",
    "wirral",
]


def councils() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir())


def split(name: str) -> list[str]:
    """The councils of the development ("dev") or test ("test") split."""
    return [c for c in councils() if (c in TEST_COUNCILS) == (name == "test")]


def documents(names: list[str]) -> list[Path]:
    return [p for c in names for p in sorted((ROOT / c).glob("*.txt"))]


def truth(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))


def fold(text: str | None) -> str:
    """Words of an owner or body name for comparison: lower case, no leading article, no punctuation."""
    t = (text or "").lower().replace("’", "'")
    t = re.sub(r"[^\w&' ]+", " ", t)
    t = re.sub(r"^\s*the\s+", "", t)
    return " ".join(t.split())


def same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return fold(a) == fold(b) or fold(a.split(",")[0]) == fold(b.split(",")[0])


@dataclass
class Tally:
    found: int = 0
    labelled: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


def _span(text: str, quote: str) -> tuple[int, int]:
    at = text.find(quote)
    assert at >= 0, quote
    return at, at + len(quote)


def _pairs(found: list[tuple[int, int]], labelled: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one matches (found index, labelled index) of spans overlapping by half the shorter one."""
    candidates = []
    for i, (s1, e1) in enumerate(found):
        for j, (s2, e2) in enumerate(labelled):
            overlap = min(e1, e2) - max(s1, s2)
            if overlap > 0 and overlap >= 0.5 * min(e1 - s1, e2 - s2):
                candidates.append((-overlap, i, j))
    used_i, used_j, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def predict(path: Path) -> dict:
    """What cskg reads from one document, in the truth files' shape (with offsets)."""
    from cskg.extract.council_record import read_council_document

    text = path.read_text(encoding="utf-8")
    record = read_council_document(text, path.name)
    meeting = record.meeting
    return {
        "kind": record.kind,
        "meeting": {
            "body": meeting.body if meeting else None,
            "date": meeting.window.exact.isoformat() if meeting and meeting.window.exact else None,
        },
        "actions": [
            {"start": a.start, "end": a.end, "quote": a.text, "owner": a.owner, "due": a.due.value if a.due else None}
            for a in record.actions
        ],
        "grades": sorted({(g.area_key, g.grade_key) for g in record.grades}),
        "improvement_areas": [{"start": i.start, "end": i.end, "quote": i.text} for i in record.improvements],
    }


def score(paths: list[Path], keep_misses: bool) -> dict[str, Tally]:
    tallies = {name: Tally() for name in FIELDS}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        gold, got = truth(path), predict(path)
        name = path.stem

        def miss(what: str, message: str, name: str = name) -> None:
            if keep_misses:
                tallies[what].misses.append(f"{name}: {message}")

        labelled = gold.get("actions") or []
        spans = [_span(text, a["quote"]) for a in labelled]
        found = got["actions"]
        pairs = _pairs([(a["start"], a["end"]) for a in found], spans)
        t = tallies["actions"]
        t.found += len(found)
        t.labelled += len(labelled)
        t.right += len(pairs)
        matched_i = {i for i, _ in pairs}
        matched_j = {j for _, j in pairs}
        for i, a in enumerate(found):
            if i not in matched_i:
                miss("actions", f"extra: {a['quote'][:110]!r}")
        for j, a in enumerate(labelled):
            if j not in matched_j:
                miss("actions", f"missed: {a['quote'][:110]!r}")
        for i, j in pairs:
            for what, key, same in (
                ("owners", "owner", same_name),
                ("due dates", "due", lambda x, y: x is not None and str(x) == str(y)),
            ):
                mine, theirs = found[i][key], labelled[j].get(key)
                tally = tallies[what]
                tally.found += mine is not None
                tally.labelled += theirs is not None
                if mine is not None and theirs is not None and same(mine, theirs):
                    tally.right += 1
                elif mine is not None or theirs is not None:
                    miss(what, f"{key} {mine!r} for {theirs!r}: {labelled[j]['quote'][:80]!r}")

        if gold["kind"] != "news":
            t = tallies["meeting"]
            want = gold.get("meeting") or {}
            for key, same in (("body", same_name), ("date", lambda x, y: str(x) == str(y))):
                mine, theirs = got["meeting"][key], want.get(key)
                t.found += mine is not None
                t.labelled += theirs is not None
                if mine is not None and theirs is not None and same(mine, theirs):
                    t.right += 1
                elif mine is not None or theirs is not None:
                    miss("meeting", f"{key} {mine!r} for {theirs!r}")

        t = tallies["grades"]
        want = {(g["area"], g["grade"]) for g in gold.get("grades") or []}
        mine = set(got["grades"])
        t.found += len(mine)
        t.labelled += len(want)
        t.right += len(mine & want)
        for g in sorted(mine - want):
            miss("grades", f"extra {g}")
        for g in sorted(want - mine):
            miss("grades", f"missed {g}")

        t = tallies["improvement areas"]
        labelled = gold.get("improvement_areas") or []
        spans = [_span(text, i["quote"]) for i in labelled]
        found = got["improvement_areas"]
        pairs = _pairs([(i["start"], i["end"]) for i in found], spans)
        t.found += len(found)
        t.labelled += len(labelled)
        t.right += len(pairs)
        for i, item in enumerate(found):
            if i not in {p for p, _ in pairs}:
                miss("improvement areas", f"extra: {item['quote'][:100]!r}")
        for j, item in enumerate(labelled):
            if j not in {q for _, q in pairs}:
                miss("improvement areas", f"missed: {item['quote'][:100]!r}")
    return tallies


def table(name: str, tallies: dict[str, Tally]) -> str:
    lines = [f"{name}: field              precision  recall   (right / found, right / labelled)"]
    for what, t in tallies.items():
        lines.append(f"  {what:<20} {t.precision:9.2f} {t.recall:7.2f}   ({t.right}/{t.found}, {t.right}/{t.labelled})")
    return "\n".join(lines)


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "dev"
    result = score(documents(split(which)), keep_misses=which == "dev")
    print(table(which, result))
    if which == "dev":
        for what, t in result.items():
            if t.misses and (len(sys.argv) < 3 or sys.argv[2] == what):
                print(f"\n{what}:")
                print("\n".join("  " + m for m in t.misses))
