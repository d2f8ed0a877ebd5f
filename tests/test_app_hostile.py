# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""Hostile input in the app (issue 9): a forged snapshot and hostile uploads are named, never a crash."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import BASE_FRAMEWORK, assessment_yaml, framework_from_yaml
from ui_fixtures import dataset, literal, open_page, run, texts  # noqa: F401 (fixtures)

from partnerfit.store import AssessmentStore
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES


@pytest.fixture
def forged(dataset):
    """The data set plus a final assessment whose snapshot was crafted with a consistent digest and no bands."""
    framework = framework_from_yaml(BASE_FRAMEWORK)
    data = {**framework.to_dict(), "bands": []}
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    store = AssessmentStore(dataset.assessments)
    store.snapshot_path(digest).parent.mkdir(parents=True, exist_ok=True)
    store.snapshot_path(digest).write_text(json.dumps(data), encoding="utf-8")
    reference = f'{{id: base, version: "1.0.0", digest: {digest}}}'
    text = assessment_yaml(
        id="forged01", status="final", framework=reference, partner="{name: Forged Museum}"
    )
    (dataset.assessments / "forged.yaml").write_text(text, encoding="utf-8")
    return dataset


@pytest.mark.parametrize("page", ["home", "compare", "result", "assess"])
def test_every_page_runs_beside_a_forged_snapshot(forged, page):
    open_page(page)  # fails on any exception (an IndexError before the fix)


def test_the_result_page_names_the_forged_snapshot_and_why(forged):
    shown = texts(open_page("result", id="forged01"))
    assert "is not a usable framework (bands: list should have at least 1 item" in shown


def upload(name: str, data: bytes):
    at = open_page("home")
    at.get("file_uploader")[0].set_value((name, data, "application/yaml"))
    return run(at)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"#" * (MAX_ASSESSMENT_BYTES + 1), "larger than the 1 MiB allowed for this kind of file"),
        (("assessors: " + "[" * 40_000 + "]" * 40_000).encode(), "nested deeper than 20 levels"),
        (b"a: &a [x, x]\nb: [*a, *a]\n", "anchors and aliases ('&name', '*name') are not allowed"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_hostile_upload_is_refused_with_its_reason(dataset, data, reason):
    at = upload("sent.yaml", data)
    assert literal("sent.yaml") + " is not a valid assessment file; nothing was saved." in texts(at)
    assert reason in texts(at)
