"""Actions: curated and parsed, owners, due dates, overdue, bad curated input (issue 6)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT, SOURCES, live, run_cli

AS_OF = "2026-11-23"
MINUTES = "improving-lives-select-commission-minutes-2026.txt"
CONTRACT_KEYS = {
    "id", "text", "quote", "owner", "due", "due_text", "status", "overdue", "addresses", "document",
    "curation", "meeting_body", "meeting_date",
}  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def actions(kg):
    return {a["id"]: a for a in kg.actions(as_of=AS_OF)}


def test_dozens_of_actions_from_every_kind_of_source(actions):
    # Curated entries the code also found are "confirmed" (one node each), the rest "curated";
    # what only the code found is "extracted" (the minutes' two resolutions among them).
    curated = [a for a in actions.values() if a["curation"] in ("curated", "confirmed")]
    extracted = [a for a in actions.values() if a["curation"] == "extracted"]
    assert len(curated) >= 40
    assert any(a["curation"] == "confirmed" for a in curated)
    resolutions = {a["id"] for a in extracted if "-resolution-" in a["id"]}
    assert resolutions == {f"{MINUTES[:-4]}-resolution-1", f"{MINUTES[:-4]}-resolution-2"}
    assert {a["document"] for a in curated} == {
        MINUTES,
        "rotherham-council-news-2025-12-16.txt",
        "ofsted-ilacs-rotherham-2025.txt",
        "ofsted-ilacs-rotherham-2022.txt",
        "news-2018-ofsted-rotherham-sif-2017.txt",
    }


def test_every_action_quote_is_verbatim_in_its_source(actions):
    texts = {p.name: _norm(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt")}
    for a in actions.values():
        assert _norm(a["quote"]) in texts[a["document"]], a["id"]
        if a["due_quote"]:
            assert _norm(a["due_quote"]) in texts[a["document"]], a["id"]
        if a["due_text"]:
            assert a["due_text"].lower() in _norm(a["due_quote"] or a["quote"]).lower(), a["id"]


def test_json_has_the_contract_keys(actions):
    for a in actions.values():
        assert set(a) >= CONTRACT_KEYS
        assert a["overdue"] in (True, False, None)


@pytest.mark.parametrize(
    "area, action_id",
    [
        ("inspection/rotherham/2025/improvement/1", "pathway-plan-format-after-upgrade"),
        ("inspection/rotherham/2025/improvement/2", "health-history-work"),
    ],
)
def test_chain_2025_area_to_action_owner_due_overdue(actions, area, action_id):
    addressing = [a for a in actions.values() if area in {x["id"] for x in a["addresses"]}]
    assert action_id in {a["id"] for a in addressing}
    assert all(a["owner"] for a in addressing if a["curation"] == "curated" and a["due"])
    a = actions[action_id]
    assert a["owner"] == "Leaving care service"
    assert a["document"] == MINUTES
    assert a["due"] == "2026-09" and a["due_text"] == "By September"
    # The reasoning for the year is recorded beside the date.
    assert "2025-12-16" in a["due_basis"] and "2026-04-28" in a["due_basis"]
    assert a["overdue"] is True
    assert MINUTES in a["overdue_reason"] and "no source records it done" in a["overdue_reason"]


def test_overdue_depends_on_the_as_of_date(kg):
    def late(as_of):
        return {a["id"] for a in kg.actions(overdue=True, as_of=as_of)}

    assert "health-history-work" not in late("2026-09-30")  # September is not over yet
    assert "health-history-work" in late("2026-10-01")
    assert late("2026-01-01") == set()


def test_a_later_source_recording_completion_is_kept(actions):
    done = actions["new-action-plan-2018"]["completed_according_to"]
    assert done["document"] == "ofsted-ilacs-rotherham-2022.txt"
    assert "delivered on all the actions identified from the Ofsted inspection of 2017" in done["quote"]


def test_no_owner_or_date_where_the_source_gives_none(actions):
    assert actions["rdash-offer-to-25"]["owner"] is None
    assert actions["fourth-childrens-home"]["due"] is None
    assert actions["fourth-childrens-home"]["due_text"] == "soon"
    assert actions["fourth-childrens-home"]["overdue"] is None


def test_owner_filter_resolves_names_and_post_holders(kg):
    mine = kg.actions(owner="Councillor Cusworth", as_of=AS_OF)
    assert "regional-offer-leisure-transport" in {a["id"] for a in mine}
    service = kg.actions(owner="leaving care service", as_of=AS_OF)
    assert service and all(a["owner"] == "Leaving care service" for a in service)
    council = kg.actions(owner="rotherham", as_of=AS_OF)
    assert "regional-priority-one-housing" in {a["id"] for a in council}


def test_resolution_action_is_linked_to_meeting_body_and_the_meeting_it_is_due_at(kg):
    # "That consideration be given to inviting ..." names no one to act: no owner (never guessed); the body
    # that resolved it is the meeting's.
    rows = kg.store.query(
        """
        PREFIX cs: <https://w3id.org/cskg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?meeting ?body ?due ?dueDate WHERE {
          ?a dcterms:identifier "improving-lives-select-commission-minutes-2026-resolution-2" ;
             cs:agreedAt ?meeting ; cs:dueAt ?dueMeeting .
          ?meeting cs:heldBy ?body . ?dueMeeting dcterms:date ?dueDate ; cs:heldBy ?body .
          FILTER NOT EXISTS { ?a cs:owner ?anyone }
        }""",
        use_default_graph_as_union=True,
    )
    found = [(r["meeting"].value, r["body"].value, r["dueDate"].value) for r in rows]
    assert found == [
        (
            "https://w3id.org/cskg/id/meeting/rotherham/improving-lives-select-commission/"
            "improving-lives-select-commission-minutes-2026",
            "https://w3id.org/cskg/id/entity/rotherham/improving-lives-select-commission",
            "2026-04-28",
        )
    ]


def test_show_lists_actions_concerning_an_entity(kg):
    texts = {a["text"] for a in kg.show("leaving care service")["actions"]}
    assert "Complete the work on health histories for care leavers." in texts


# ---------------------------------------------------------------- bad curated input

GOOD = """actions:
  - id: health-history-work
    text: Complete the work on health histories.
    source: improving-lives-select-commission-minutes-2026.txt
    quote: "The work on health histories was also a specific and manageable task."
    owner: leaving-care-service
    addresses: [2025/2]
    status: planned
"""


@pytest.fixture(scope="module")
def curated_dir(tmp_path_factory):
    """A register folder of our own with a good actions file, and a store built from it."""
    from cskg import build_graph

    folder = tmp_path_factory.mktemp("curated")
    shutil.copy(ROOT / "data" / "register.yaml", folder / "register.yaml")
    (folder / "actions.yaml").write_text(GOOD, encoding="utf-8")
    store = folder / "store"
    build_graph(store, register=folder / "register.yaml")
    return folder, store


@pytest.mark.slow
@pytest.mark.parametrize(
    "change, line, message",
    [
        (('quote: "The work on health histories', 'quote: "The work on health stories'), 2, "quote not found verbatim"),
        (("owner: leaving-care-service", "owner: the-moon-unit"), 2, "owner 'the-moon-unit' is not in the register"),
        (("    status: planned", "    status: planned\n    due: 2026-13"), 2, "is not a date"),
        (("    status: planned", "    status: planned\n    due: next Tuesday"), 2, "is not a date"),
        (("status: planned", "status: pending"), 2, "unknown status 'pending'"),
        (("addresses: [2025/2]", "addresses: [2024/9]"), 2, "unknown improvement area '2024/9'"),
        (("    status: planned", "    status: planned\n    colour: red"), 2, "unknown field 'colour'"),
    ],
)
def test_bad_curated_action_fails_with_file_line_and_leaves_store(curated_dir, change, line, message):
    from cskg import build_graph
    from cskg.errors import InputError

    folder, store = curated_dir
    before = {p.name: p.stat().st_mtime_ns for p in (live(store) / "db").iterdir()}
    manifest = (store / "cskg-store.json").read_text()
    bad = folder / "actions.yaml"
    bad.write_text(GOOD.replace(*change), encoding="utf-8")
    try:
        with pytest.raises(InputError) as err:
            build_graph(store, register=folder / "register.yaml")
    finally:
        bad.write_text(GOOD, encoding="utf-8")
    assert re.match(rf"^{re.escape(str(bad))}:{line}: ", str(err.value)), str(err.value)
    assert message in str(err.value)
    assert (store / "cskg-store.json").read_text() == manifest
    assert {p.name: p.stat().st_mtime_ns for p in (live(store) / "db").iterdir()} == before


@pytest.mark.slow
def test_due_that_disagrees_with_its_wording_fails(curated_dir):
    from cskg import build_graph
    from cskg.errors import InputError

    folder, store = curated_dir
    bad = folder / "actions.yaml"
    bad.write_text(
        GOOD.replace(
            "    status: planned",
            "    status: planned\n    due: 2026-10\n    due_text: By September\n"
            '    due_quote: "By September it was anticipated all actions would be fully completed '
            'and embedded."',
        ),
        encoding="utf-8",
    )
    try:
        with pytest.raises(InputError, match=r"actions.yaml:2: .*due 2026-10 disagrees with 'By September'.*2026-09"):
            build_graph(store, register=folder / "register.yaml")
    finally:
        bad.write_text(GOOD, encoding="utf-8")


@pytest.mark.slow
def test_cli_build_with_bad_actions_exits_2_with_one_line(curated_dir, tmp_path):
    folder, _ = curated_dir
    bad_folder = tmp_path / "bad"
    bad_folder.mkdir()
    shutil.copy(folder / "register.yaml", bad_folder / "register.yaml")
    (bad_folder / "actions.yaml").write_text(
        GOOD.replace("owner: leaving-care-service", "owner: nobody"), encoding="utf-8"
    )
    proc = run_cli("build", "--register", str(bad_folder / "register.yaml"), store=tmp_path / "store")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "actions.yaml:2:" in err and "'nobody'" in err
    assert not (tmp_path / "store" / "cskg-store.json").exists()


# ---------------------------------------------------------------- CLI


def test_cli_overdue_as_of_says_why_citing_the_minutes(store_path):
    proc = run_cli("actions", "--overdue", "--as-of", AS_OF, store=store_path)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for ident in ("pathway-plan-format-after-upgrade", "health-history-work"):
        block = out.split(ident, 1)[1].split("\nOVERDUE", 1)[0]
        assert "overdue: due 2026-09: 'By September' in" in " ".join(block.split())
        assert MINUTES in block.replace("\n", "").replace(" ", "")


def test_cli_actions_json_and_exit_codes(store_path):
    proc = run_cli("actions", "--json", "--owner", "Councillor Cusworth", "--as-of", AS_OF, store=store_path)
    assert proc.returncode == 0
    rows = json.loads(proc.stdout)
    assert rows and all(set(r) >= CONTRACT_KEYS for r in rows)
    assert run_cli("actions", "--as-of", "23/11/2026", store=store_path).returncode == 2
    assert run_cli("actions", "--owner", "zzqx unknown body", store=store_path).returncode == 1
    none = run_cli("actions", "--overdue", "--as-of", "2020-01-01", "--json", store=store_path)
    assert none.returncode == 1 and json.loads(none.stdout) == []
