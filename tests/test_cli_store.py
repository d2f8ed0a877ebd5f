"""The store's CLI commands through a subprocess: ``gc``, ``check``, the index notice, and ``score`` of a final
assessment using its snapshot."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from conftest import BASE_FRAMEWORK, load_catalog, make_assessment, write
from test_cli import run

from partnerfit.scoring import score_assessment
from partnerfit.store import CACHE_DIR, SNAPSHOT_DIR, AssessmentStore


@pytest.fixture
def project(tmp_path):
    """frameworks/base.yaml; assessments/ with a draft and a final (and its snapshot) and an unused snapshot."""
    framework = load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    store = AssessmentStore(tmp_path / "assessments")
    store.save(make_assessment(id="draft0001"))
    store.finalise(make_assessment(id="final0001", partner="{name: Final Museum}"), framework)
    other = load_catalog(tmp_path / "old", {"base.yaml": BASE_FRAMEWORK.replace("weight: 2", "weight: 5")})
    store.write_snapshot(other.get("base"))
    return tmp_path, framework.digest, other.get("base").digest


def snapshot(root, digest):
    return root / "assessments" / SNAPSHOT_DIR / f"{digest}.json"


# -- gc --------------------------------------------------------------------------------------------------------


def test_gc_lists_unreferenced_snapshots_and_removes_nothing(project):
    root, used, unused = project
    result = run("gc", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"assessments/{SNAPSHOT_DIR}/{unused}.json"]
    assert "run with --yes to remove it" in result.stderr
    assert snapshot(root, used).exists() and snapshot(root, unused).exists()


def test_gc_yes_removes_only_unreferenced_snapshots(project):
    root, used, unused = project
    result = run("gc", "--yes", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Removed 1 unreferenced snapshot." in result.stderr
    assert snapshot(root, used).exists()
    assert not snapshot(root, unused).exists()


def test_gc_keeps_a_snapshot_named_only_by_an_unreadable_file(project):
    root, used, unused = project
    write(root / "assessments" / "broken.yaml", f"schema: 1\nframework: {{digest: {unused}}}\nid: [\n")
    assert run("gc", "--yes", cwd=root).returncode == 0
    assert snapshot(root, unused).exists() and snapshot(root, used).exists()


# -- check -----------------------------------------------------------------------------------------------------


def test_check_of_a_sound_store_exits_0(project):
    root, _, _ = project
    result = run("check", cwd=root)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    assert "OK" in result.stderr


def test_check_reports_a_tampered_snapshot(project):
    root, used, _ = project
    path = snapshot(root, used)
    path.write_text(path.read_text().replace('"weight": 2.0', '"weight": 9.0'))
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert f"{used}.json: content does not match its name" in result.stdout
    assert "problem found" in result.stderr or "problems found" in result.stderr


def test_check_reports_a_missing_snapshot(project):
    root, used, _ = project
    snapshot(root, used).unlink()
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert f"its framework snapshot {used}.json is missing" in result.stdout


def test_check_reports_a_snapshot_that_is_not_a_framework(project):
    root, _, unused = project
    snapshot(root, unused).write_text('{"id": "x"}')
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert f"{unused}.json: not a valid framework snapshot" in result.stdout


def test_check_reports_a_final_that_does_not_fit_its_snapshot(project):
    root, _, _ = project
    [final] = (root / "assessments").glob("final-museum-*.yaml")
    final.write_text(final.read_text().replace("retention:", "gone:"))
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "answers.gone: unknown criterion 'gone'" in result.stdout


def test_check_reports_an_index_row_that_disagrees_with_its_file(project):
    root, _, _ = project
    AssessmentStore(root / "assessments").load_all()
    connection = sqlite3.connect(root / "assessments" / CACHE_DIR / "index.sqlite")
    with connection:
        changed = connection.execute(
            "UPDATE files SET data = json_set(data, '$.levels.\"licence-fit\"', 0) WHERE path LIKE 'final-%'"
        ).rowcount
    connection.close()
    assert changed == 1
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "the row for final-museum-final0001.yaml does not match the file" in result.stdout


# -- the index notice, and the racy edit through export ---------------------------------------------------------


def test_export_and_validate_say_once_that_the_index_was_rebuilt(project):
    root, _, _ = project
    assert run("export", "--format", "json", cwd=root).returncode == 0
    (root / "assessments" / CACHE_DIR / "index.sqlite").write_bytes(b"garbage" * 100)
    first = run("export", "--format", "json", cwd=root)
    assert "note: index rebuilt: its file was damaged" in first.stderr
    assert "index rebuilt" not in run("export", "--format", "json", cwd=root).stderr
    (root / "assessments" / CACHE_DIR / "index.sqlite").write_bytes(b"garbage" * 100)
    assert "note: index rebuilt" in run("validate", "--assessments", "assessments", cwd=root).stderr


def test_export_sees_an_edit_that_kept_size_and_mtime(project):
    root, _, _ = project
    [draft] = (root / "assessments").glob("example-museum-draft0001.yaml")
    before = json.loads(run("export", "--format", "json", cwd=root).stdout)
    stat = draft.stat()
    draft.write_text(draft.read_text().replace("level: 3", "level: 0"))
    os.utime(draft, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = json.loads(run("export", "--format", "json", cwd=root).stdout)
    [old] = [row for row in before if row["id"] == "draft0001"]
    [new] = [row for row in after if row["id"] == "draft0001"]
    assert (old["recommendation"], new["recommendation"]) == ("aligned", "blocked")


# -- score of a final uses its snapshot --------------------------------------------------------------------------


def test_score_of_a_final_uses_its_snapshot_after_the_framework_file_changed(project):
    root, _, _ = project
    [final] = (root / "assessments").glob("final-museum-*.yaml")
    snapshot_framework = load_catalog(root / "frameworks", {"base.yaml": BASE_FRAMEWORK}).get("base")
    assessment = AssessmentStore(root / "assessments").read(final)
    expected = score_assessment(snapshot_framework, assessment)
    edited = load_catalog(
        root / "frameworks", {"base.yaml": BASE_FRAMEWORK.replace("weight: 2", "weight: 9")}
    )
    assert score_assessment(edited.get("base"), assessment).overall != expected.overall  # the edit matters
    data = json.loads(run("score", str(final), "--json", cwd=root).stdout)
    assert data["basis"] == "snapshot"
    assert data["overall"] == pytest.approx(expected.overall)
    assert data["dimensions"] == pytest.approx(expected.dimensions)


def test_check_reports_an_index_of_another_version(project):
    root, _, _ = project
    AssessmentStore(root / "assessments").load_all()
    connection = sqlite3.connect(root / "assessments" / CACHE_DIR / "index.sqlite")
    with connection:
        connection.execute("PRAGMA user_version = 1")
    connection.close()
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "index rebuilt: it was made by another version of partnerfit" in result.stdout
    assert run("check", cwd=root).returncode == 0  # rebuilt: sound again


# -- withdraw --------------------------------------------------------------------------------------------------


def test_withdraw_marks_a_final_withdrawn_with_its_reason_and_refuses_a_draft(project):
    root, _, _ = project
    result = run("withdraw", "final0001", "--reason", "Called off", "--author", "ana", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Withdrawn: Final Museum" in result.stdout
    stored = AssessmentStore(root / "assessments").load_all().records
    assert {r.id: r.status for r in stored} == {"draft0001": "draft", "final0001": "withdrawn"}
    refused = run("withdraw", "draft0001", "--reason", "x", cwd=root)
    assert refused.returncode == 1 and "only a final assessment can be withdrawn" in refused.stderr
    assert run("check", cwd=root).returncode == 0
