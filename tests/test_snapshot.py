"""Framework snapshots read back (issue 9): a damaged, edited or forged snapshot is an error on its assessment."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import BASE_FRAMEWORK, load_catalog, make_assessment

from partnerfit.results import score_records
from partnerfit.snapshot import SnapshotError
from partnerfit.store import AssessmentStore


@pytest.fixture
def framework(tmp_path):
    return load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")


def forge(store: AssessmentStore, data: dict) -> str:
    """Write ``data`` as a snapshot under its own (consistent) digest, as someone crafting one would."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    path = store.snapshot_path(digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return digest


def test_a_written_snapshot_reads_back_as_the_same_framework(tmp_path, framework):
    store = AssessmentStore(tmp_path / "assessments")
    assert store.read_snapshot(store.write_snapshot(framework)) == framework


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"bands": []}, "bands: list should have at least 1 item"),
        ({"levels": []}, "levels: list should have at least 2 items"),
        ({"lineage": []}, "lineage: list should have at least 1 item"),
        ({"partnership_types": []}, "partnership_types: list should have at least 1 item"),
        ({"bands": [{"id": "b", "min": 50, "label": "B"}]}, "bands: bands must cover 0"),
        ({"lineage": [["other", "9"]]}, "lineage must end with this framework's id and version"),
        ({"levels": [{"value": 2, "label": "x"}, {"value": 1, "label": "y"}]}, "strictly ascending"),
        ({"min_completeness": 7}, "min_completeness: must be <= 1"),
    ],
)
def test_a_forged_snapshot_with_a_consistent_digest_is_refused_with_its_reason(
    tmp_path, framework, change, reason
):
    store = AssessmentStore(tmp_path / "assessments")
    digest = forge(store, {**framework.to_dict(), **change})
    with pytest.raises(SnapshotError) as caught:
        store.read_snapshot(digest)
    assert f"the framework snapshot {store.snapshot_path(digest)} is not a usable framework" in str(
        caught.value
    )
    assert reason in str(caught.value)


@pytest.mark.parametrize("content", ["{not json", "[]", "null", "[" * 100_000 + "]" * 100_000])
def test_a_snapshot_that_is_not_a_framework_at_all_is_refused(tmp_path, framework, content):
    store = AssessmentStore(tmp_path / "assessments")
    digest = store.write_snapshot(framework)
    store.snapshot_path(digest).write_text(content, encoding="utf-8")
    with pytest.raises(SnapshotError, match="is not a usable framework"):
        store.read_snapshot(digest)


def test_a_forged_snapshot_with_a_field_frameworks_do_not_have_is_refused_as_changed(tmp_path, framework):
    store = AssessmentStore(tmp_path / "assessments")
    digest = forge(store, {**framework.to_dict(), "surprise": 1})
    with pytest.raises(SnapshotError, match="was changed after it was written"):
        store.read_snapshot(digest)


def test_an_edited_snapshot_no_longer_matches_its_digest(tmp_path, framework):
    store = AssessmentStore(tmp_path / "assessments")
    digest = store.write_snapshot(framework)
    path = store.snapshot_path(digest)
    path.write_text(path.read_text().replace('"weight": 2.0', '"weight": 9.0'), encoding="utf-8")
    with pytest.raises(SnapshotError, match="was changed after it was written"):
        store.read_snapshot(digest)


def test_an_assessment_with_a_bad_snapshot_is_not_scored_and_the_rest_are(tmp_path, framework):
    store = AssessmentStore(tmp_path / "assessments")
    good_path, _ = store.finalise(make_assessment(id="good-one"), framework)
    bad_path, _ = store.finalise(make_assessment(id="forged-one", partner="{name: Forged}"), framework)
    digest = forge(store, {**framework.to_dict(), "bands": [], "title": "Forged"})
    bad_path.write_text(bad_path.read_text().replace(framework.digest, digest), encoding="utf-8")
    catalog = load_catalog(tmp_path / "frameworks", {})
    table = score_records(store.load_all().records, catalog, store)
    assert list(table.assessments["id"]) == ["good-one"]
    [(path, message)] = table.problems
    assert path == str(bad_path)
    assert "is not a usable framework" in message and "bands" in message
