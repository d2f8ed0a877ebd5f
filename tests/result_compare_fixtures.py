"""Small data sets for the Result and Compare page tests (test_app_result.py, test_app_compare.py), and
AppTest helpers (downloads, chart specs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, write
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from ui_fixtures import texts  # noqa: F401 - re-exported for the result and compare tests

NASTY_NAME = '=HYPERLINK("http://evil.example") <b>Bold</b> *Museum*'

# (file, overrides): a base-framework collection with history, regions, a red line and a formula-like name
ASSESSMENTS: dict[str, dict[str, str]] = {
    "aligned": {
        "id": "aligned-001",
        "status": "final",
        "updated": "2025-06-01",
        "answers": "{licence-fit: {level: 4, notes: 'Signed <i>contract</i>', evidence: "
        "['https://example.org/contract']}, pd-respect: {level: 4}, retention: {level: 3}}",
    },
    "older": {
        "id": "older-0001",
        "status": "final",
        "updated": "2023-03-01",
        "answers": "{licence-fit: {level: 2}, pd-respect: {level: 2}, retention: {level: 1}}",
    },
    "blocked": {
        "id": "blocked-001",
        "status": "final",
        "updated": "2025-02-01",
        "partner": "{name: Closed Archive, country: FR}",
        "answers": "{licence-fit: {level: 0}, pd-respect: {level: 3}, retention: {level: 3}}",
    },
    "conditional": {
        "id": "cond-00001",
        "status": "final",
        "updated": "2024-09-01",
        "partner": "{name: Halfway Library}",
        "region": "South Asia",
        "affiliate": "Other Group",
        "answers": "{licence-fit: {level: 3}, pd-respect: {level: 1}, retention: {level: 2}}",
    },
    "nasty": {
        "id": "nasty-0001",
        "status": "final",
        "updated": "2024-01-15",
        "region": "South Asia",
        "partner": json.dumps({"name": NASTY_NAME}),
        "answers": "{licence-fit: {level: 3}, pd-respect: {level: 3}, retention: {level: 3}}",
    },
    "research": {
        "id": "research-01",
        "status": "draft",
        "updated": "2025-01-10",
        "partnership_type": "research",
        "partner": "{name: Data Institute}",
        "region": "Sub-Saharan Africa",
        "answers": "{licence-fit: {level: 3}, reader-data: {level: 3}, retention: {level: 4}}",
    },
    "unscorable": {
        "id": "lost-00001",
        "framework": '{id: missing, version: "1.0.0"}',
        "status": "final",
        "partner": "{name: Lost Framework Partner}",
    },
}


def write_collection(root: Path, names: list[str] | None = None) -> tuple[Path, Path]:
    """A frameworks folder with the small base framework and an assessments folder with the named files."""
    frameworks = root / "frameworks"
    assessments = root / "assessments"
    write(frameworks / "base.yaml", BASE_FRAMEWORK)
    assessments.mkdir(parents=True, exist_ok=True)
    for name in names if names is not None else list(ASSESSMENTS):
        write(assessments / f"{name}.yaml", assessment_yaml(**ASSESSMENTS[name]))
    return frameworks, assessments


def app_for(
    monkeypatch: pytest.MonkeyPatch,
    frameworks: Path,
    assessments: Path,
    page: str,
    query: dict[str, str] | None = None,
) -> AppTest:
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(frameworks))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(assessments))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"partnerfit/ui/pages/{page}.py")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """Each chart's Vega-Lite spec, with its data rows (inline, or beside the spec as Arrow) under '_rows'."""
    specs = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        rows: list[dict[str, Any]] = [row for data in spec.get("datasets", {}).values() for row in data]
        for dataset in element.proto.datasets:
            rows += convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict(orient="records")
        spec["_rows"] = rows
        specs.append(spec)
    return specs


def chart_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every data row of a chart from ``chart_specs``."""
    return spec["_rows"]


class MediaCapture:
    """Keeps the media file managers AppTest creates, so a download button's content can be read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        import streamlit.testing.v1.app_test as app_test_module

        self.managers: list[Any] = []
        original = app_test_module.MediaFileManager

        def recording(*args: Any, **kwargs: Any) -> Any:
            manager = original(*args, **kwargs)
            self.managers.append(manager)
            return manager

        monkeypatch.setattr(app_test_module, "MediaFileManager", recording)

    def content(self, button: Any) -> bytes:
        """The bytes a download button serves (running its deferred callable if it has one)."""
        manager = self.managers[-1]
        proto = button.proto
        if proto.deferred_file_id:
            data = manager._deferred_callables[proto.deferred_file_id]["callable"]()
            return data.encode("utf-8") if isinstance(data, str) else bytes(data)
        file_id = proto.url.rsplit("/", 1)[-1].split(".")[0]
        return manager._storage.get_file(file_id).content
