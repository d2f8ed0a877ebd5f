"""Hostile files beside good ones (issue 9), through the command line as people run it: every bad file is named
with its reason, the good ones are still validated and exported, and nothing crashes or stalls."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, framework_from_yaml, write

from partnerfit.assessment import MAX_ANSWERS
from partnerfit.store import AssessmentStore


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerfit", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def many_answers(count: int, notes: str = "") -> str:
    note = f", notes: {notes}" if notes else ""
    return "{" + ", ".join(f"no-such-criterion-{i}: {{level: 3{note}}}" for i in range(count)) + "}"


BAD = {
    "deep.yaml": assessment_yaml(id="deep-one").replace(
        "status:", "assessors: " + "[" * 40_000 + "]" * 40_000 + "\nstatus:"
    ),
    "bomb.yaml": "\n".join(
        [
            "x0: &a0 [x, x, x, x, x, x, x, x, x]",
            *[f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)],
            assessment_yaml(id="bomb-one", answers="{licence-fit: {level: *a9}}"),
        ]
    ),
    "big.yaml": assessment_yaml(id="big-one", answers=many_answers(200_000, "x" * 150)),  # ~40 MB
    "huge.yaml": assessment_yaml(id="huge-one", answers=many_answers(847_000, "y" * 20)),  # ~50 MB
    "many.yaml": assessment_yaml(
        id="many-one", answers=many_answers(MAX_ANSWERS + 1)
    ),  # under the size limit
}
REASONS = {
    "deep.yaml": "line 8: nested deeper than 20 levels",
    "bomb.yaml": "line 1: anchors and aliases ('&name', '*name') are not allowed",
    "big.yaml": "MiB, larger than the 1 MiB allowed for this kind of file; it was not read",
    "huge.yaml": "MiB, larger than the 1 MiB allowed for this kind of file; it was not read",
    "many.yaml": f"answers (line 9): {MAX_ANSWERS + 1} answers, more than the {MAX_ANSWERS} an assessment may have",
    "forged.yaml": "bands: list should have at least 1 item",
    "edited.yaml": "was changed after it was written: its content no longer matches its digest",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Two good assessments (a draft and a final one) beside every hostile file of the issue."""
    project = tmp_path_factory.mktemp("hostile")
    write(project / "frameworks" / "base.yaml", BASE_FRAMEWORK)
    folder = project / "assessments"
    write(folder / "good.yaml", assessment_yaml(id="good-draft"))
    for name, text in BAD.items():
        write(folder / name, text)
    framework = framework_from_yaml(BASE_FRAMEWORK)
    store = AssessmentStore(folder)
    store.finalise(
        store.read(write(folder / "final.yaml", assessment_yaml(id="good-final"))),
        framework,
        folder / "final.yaml",
    )
    data = {**framework.to_dict(), "bands": []}  # crafted: a consistent digest, but no bands
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    store.snapshot_path(digest).write_text(json.dumps(data), encoding="utf-8")
    final = (folder / "final.yaml").read_text(encoding="utf-8")
    write(folder / "forged.yaml", final.replace("good-final", "forged-one").replace(framework.digest, digest))
    edited = {**framework.to_dict(), "title": "Edited"}
    store.snapshot_path("e" * 64).write_text(json.dumps(edited), encoding="utf-8")
    write(
        folder / "edited.yaml", final.replace("good-final", "edited-one").replace(framework.digest, "e" * 64)
    )
    return project


def test_validate_names_every_hostile_file_with_its_reason_and_exits_1(hostile):
    result = run("validate", "--assessments", "assessments", cwd=hostile)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for name, reason in REASONS.items():
        [line] = [line for line in result.stdout.splitlines() if line.startswith(f"assessments/{name}: ")]
        assert reason in line, line
        assert len(line) < 600
    assert not any("good.yaml" in line or "final.yaml" in line for line in result.stdout.splitlines())


def test_export_exports_the_good_files_names_the_bad_ones_and_exits_1(hostile):
    result = run("export", "--format", "json", "-o", "out.json", cwd=hostile)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    rows = json.loads((hostile / "out.json").read_text(encoding="utf-8"))
    assert sorted(row["id"] for row in rows) == ["good-draft", "good-final"]
    for name, reason in REASONS.items():
        assert f"assessments/{name}: " in result.stderr, name
        assert reason in result.stderr, reason


def test_score_of_an_assessment_with_a_forged_snapshot_is_a_clean_error(hostile):
    result = run("score", "assessments/forged.yaml", cwd=hostile)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not a usable framework" in result.stderr


# -- a framework shadowing another ---------------------------------------------------------------------------


def test_a_shadow_framework_with_the_global_id_never_silently_replaces_it(tmp_path):
    """`frameworks/aaa-shadow.yaml` sorts first and drops every red line: the draft must not turn Incomplete."""
    shutil.copytree(ROOT / "frameworks", tmp_path / "frameworks")
    shipped = (ROOT / "frameworks" / "wikimedia-global.yaml").read_text(encoding="utf-8")
    write(
        tmp_path / "frameworks" / "aaa-shadow.yaml",
        "\n".join(
            line
            for line in BASE_FRAMEWORK.replace("id: base", "id: wikimedia-global").splitlines()
            if "red_line" not in line
        ),
    )
    draft = assessment_yaml(
        framework='{id: wikimedia-global, version: "1.0.0"}', answers="{free-licence: {level: 0}}"
    )
    write(tmp_path / "assessments" / "draft.yaml", draft)
    assert "free-licence" in shipped
    result = run("score", "assessments/draft.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "framework 'wikimedia-global' is given by several files (frameworks/aaa-shadow.yaml, "
        in result.stderr
    )
    assert "Incomplete" not in result.stdout
    validate = run("validate", cwd=tmp_path)
    assert validate.returncode == 1
    lines = validate.stdout.splitlines()
    for path in ("frameworks/aaa-shadow.yaml", "frameworks/wikimedia-global.yaml"):
        assert any(line.startswith(f"{path}: id (line") and "is also given by" in line for line in lines), (
            path
        )
    for overlay in sorted((ROOT / "frameworks" / "local").glob("*.yaml")):
        assert any(
            line.startswith(f"frameworks/local/{overlay.name}: extends") and "given by several files" in line
            for line in lines
        ), overlay.name
