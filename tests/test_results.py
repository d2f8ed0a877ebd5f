"""Which framework an assessment is scored against, and scoring whole collections (issue 3, "Assessment
files")."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, load_catalog, make_assessment

from partnerfit.assessment import FrameworkRef
from partnerfit.errors import FrameworkNotFoundError
from partnerfit.results import CURRENT_VERSION, LOADED_SAME_VERSION, SNAPSHOT, framework_for, score_records
from partnerfit.scoring import score_assessment
from partnerfit.store import AssessmentRecord, AssessmentStore

OVERLAY = """\
schema: 1
id: local
version: "0.3.0"
extends: base
title: Local
dimensions:
  - id: community
    title: Community
    criteria: [{id: volunteers, question: Volunteers involved?}]
"""


@pytest.fixture
def catalog(tmp_path):
    return load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "local.yaml": OVERLAY})


@pytest.fixture
def store(tmp_path):
    return AssessmentStore(tmp_path / "assessments")


def record(name: str = "a", **overrides: str) -> AssessmentRecord:
    assessment = make_assessment(id=f"{name}-assessment", **overrides)
    return AssessmentRecord.from_assessment(Path(f"/data/{name}.yaml"), assessment)


# -- framework_for -------------------------------------------------------------------------------------------


def test_final_with_a_snapshot_is_scored_against_the_snapshot(catalog, store):
    digest = store.write_snapshot(catalog.get("base"))
    edited = load_catalog(
        store.root.parent / "v2", {"b.yaml": BASE_FRAMEWORK.replace("weight: 3", "weight: 1")}
    )
    basis = framework_for(FrameworkRef(id="base", version="1.0.0", digest=digest), "final", edited, store)
    assert (basis.basis, basis.note) == (SNAPSHOT, "")
    assert basis.framework == catalog.get("base")
    assert basis.framework != edited.get("base")


def test_final_without_its_snapshot_uses_the_loaded_same_version_and_says_so(catalog, store):
    basis = framework_for(FrameworkRef(id="base", version="1.0.0", digest="f" * 64), "final", catalog, store)
    assert basis.basis == LOADED_SAME_VERSION
    assert basis.framework is catalog.get("base")
    assert "No snapshot" in basis.note and "base 1.0.0" in basis.note


def test_final_without_digest_or_store_uses_the_loaded_same_version(catalog):
    assert (
        framework_for(FrameworkRef(id="base", version="1.0.0", digest=None), "final", catalog, None).basis
        == LOADED_SAME_VERSION
    )


def test_final_of_a_version_that_is_not_available_is_a_clear_error(catalog, store):
    with pytest.raises(FrameworkNotFoundError) as error:
        framework_for(FrameworkRef(id="base", version="0.9.0", digest="f" * 64), "final", catalog, store)
    message = str(error.value)
    assert "'base' version 0.9.0 is not available" in message
    assert "loaded version is 1.0.0" in message
    assert "no snapshot" in message


def test_final_of_an_unknown_framework_is_a_clear_error(catalog, store):
    with pytest.raises(
        FrameworkNotFoundError, match="'nowhere' version 1 is not available .it is not loaded."
    ):
        framework_for(FrameworkRef(id="nowhere", version="1", digest=None), "final", catalog, store)


def test_draft_follows_the_current_version_with_a_note(catalog, store):
    basis = framework_for(FrameworkRef(id="base", version="0.9.0", digest=None), "draft", catalog, store)
    assert basis.basis == CURRENT_VERSION
    assert basis.framework is catalog.get("base")
    assert basis.note == "Draft made against base 0.9.0; it follows the current version 1.0.0."


def test_draft_of_the_current_version_has_no_note(catalog, store):
    basis = framework_for(FrameworkRef(id="local", version="0.3.0", digest=None), "draft", catalog, store)
    assert (basis.basis, basis.note, basis.framework.id) == (CURRENT_VERSION, "", "local")


def test_draft_ignores_a_digest_and_follows_the_current_version(catalog, store):
    digest = store.write_snapshot(catalog.get("base"))
    edited = load_catalog(
        store.root.parent / "v2", {"b.yaml": BASE_FRAMEWORK.replace("weight: 3", "weight: 1")}
    )
    basis = framework_for(FrameworkRef(id="base", version="1.0.0", digest=digest), "draft", edited, store)
    assert basis.framework is edited.get("base")


def test_draft_of_an_unknown_framework_is_a_clear_error(catalog, store):
    with pytest.raises(FrameworkNotFoundError, match="unknown framework 'nowhere'"):
        framework_for(FrameworkRef(id="nowhere", version="1", digest=None), "draft", catalog, store)


# -- score_records -------------------------------------------------------------------------------------------


def test_records_of_several_frameworks_are_each_scored_with_their_own(catalog, store):
    local = record(
        "b",
        framework='{id: local, version: "0.3.0"}',
        answers="{licence-fit: {level: 4}, pd-respect: {level: 4}, volunteers: {level: 0}}",
    )
    records = [record("a"), local]
    table = score_records(records, catalog, store)
    assert table.problems == []
    rows = table.assessments.set_index("id")
    assert rows.loc["a-assessment", "framework_id"] == "base"
    assert rows.loc["b-assessment", "framework_id"] == "local"
    assert rows.loc["b-assessment", "base_framework_id"] == "base"
    for rec, framework in ((records[0], catalog.get("base")), (local, catalog.get("local"))):
        expected = score_assessment(framework, rec)
        assert rows.loc[rec.id, "overall"] == pytest.approx(expected.overall)
        assert rows.loc[rec.id, "recommendation"] == expected.recommendation


def test_dimension_scores_are_long_and_wide(catalog, store):
    local = record("b", framework='{id: local, version: "0.3.0"}', answers="{volunteers: {level: 2}}")
    table = score_records([record("a"), local], catalog, store)
    long = {(r.assessment_id, r.dimension_id): r.score for r in table.dimensions.itertuples()}
    assert sorted(long) == [
        ("a-assessment", "openness"),
        ("a-assessment", "privacy"),
        ("b-assessment", "community"),
        ("b-assessment", "openness"),
        ("b-assessment", "privacy"),
    ]
    assert long[("b-assessment", "community")] == 50.0
    assert math.isnan(long[("a-assessment", "privacy")])  # retention: na
    wide = table.wide().set_index("id")
    assert math.isnan(wide.loc["a-assessment", "community"])  # not in its framework
    assert wide.loc["b-assessment", "community"] == 50.0


def test_final_records_against_a_snapshot_and_drafts_against_current_are_grouped_apart(catalog, store):
    digest = store.write_snapshot(catalog.get("base"))
    edited = load_catalog(
        store.root.parent / "v2", {"b.yaml": BASE_FRAMEWORK.replace("weight: 2", "weight: 9")}
    )
    final = record(
        "f",
        status="final",
        framework=json.dumps({"id": "base", "version": "1.0.0", "digest": digest}),
        answers="{licence-fit: {level: 1}, pd-respect: {level: 4}, retention: {level: 4}}",
    )
    draft = record("d", answers="{licence-fit: {level: 1}, pd-respect: {level: 4}, retention: {level: 4}}")
    rows = score_records([final, draft], edited, store).assessments.set_index("id")
    assert rows.loc["f-assessment", "basis"] == SNAPSHOT
    assert rows.loc["d-assessment", "basis"] == CURRENT_VERSION
    assert rows.loc["f-assessment", "overall"] == pytest.approx(
        score_assessment(catalog.get("base"), final).overall
    )
    assert rows.loc["d-assessment", "overall"] == pytest.approx(
        score_assessment(edited.get("base"), draft).overall
    )
    assert rows.loc["f-assessment", "overall"] != pytest.approx(rows.loc["d-assessment", "overall"])


def test_unscorable_records_are_listed_not_raised(catalog, store):
    records = [
        record("good"),
        record("unknown-framework", framework='{id: nowhere, version: "1"}'),
        record("unknown-type", partnership_type="events"),
        record("off-scale", answers="{licence-fit: {level: 7}}"),
        record("final-missing", status="final", framework='{id: base, version: "0.1.0"}'),
    ]
    table = score_records(records, catalog, store)
    assert list(table.assessments["id"]) == ["good-assessment"]
    assert sorted(path for path, _ in table.problems) == [
        "/data/final-missing.yaml",
        "/data/off-scale.yaml",
        "/data/unknown-framework.yaml",
        "/data/unknown-type.yaml",
    ]
    messages = dict(table.problems)
    assert "unknown framework 'nowhere'" in messages["/data/unknown-framework.yaml"]
    assert "version 0.1.0 is not available" in messages["/data/final-missing.yaml"]


def test_a_group_with_only_unscorable_records_does_not_break_the_rest(catalog, store):
    table = score_records([record("x", partnership_type="events")], catalog, store)
    assert table.assessments.empty
    assert len(table.problems) == 1


def test_no_records_gives_empty_tables_with_the_columns(catalog, store):
    table = score_records([], catalog, store)
    assert table.assessments.empty and table.dimensions.empty
    assert {"id", "overall", "completeness", "recommendation"} <= set(table.assessments.columns)
    assert table.problems == []


def test_the_table_carries_what_listing_and_export_need(catalog, store):
    rec = record("a", partner="{name: Example Museum, id: example-museum, country: DE}", created="2026-01-02")
    row = score_records([rec], catalog, store).assessments.iloc[0]
    assert (row["partner"], row["partner_id"], row["partner_country"]) == (
        "Example Museum",
        "example-museum",
        "DE",
    )
    assert (row["affiliate"], row["region"], row["status"]) == (
        "Example Chapter",
        "Northern and Western Europe",
        "draft",
    )
    assert str(row["date"].date()) == "2026-01-02"
    assert row["completeness"] == pytest.approx(1.0)


def test_a_copied_file_with_the_same_id_is_listed_and_the_rest_still_tabulates(catalog, store):
    original = record("a")
    copy = AssessmentRecord.from_assessment(Path("/data/copy-of-a.yaml"), make_assessment(id="a-assessment"))
    table = score_records([original, copy, record("b")], catalog, store)
    assert list(table.assessments["id"]) == ["a-assessment", "b-assessment"]
    assert table.problems == [
        (
            "/data/copy-of-a.yaml",
            "assessment id 'a-assessment' is also used by /data/a.yaml; give this copy a new id",
        )
    ]
    assert list(table.wide()["id"]) == ["a-assessment", "b-assessment"]
