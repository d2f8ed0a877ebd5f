"""A small data set for the Home, Assess and Frameworks app tests (AppTest and the browser test).

(The Result and Compare tests have their own helpers in tests/result_compare_fixtures.py.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, write
from streamlit.testing.v1 import AppTest

from partnerfit.i18n import using_language
from partnerfit.report import escape_markdown

OVERLAY = """\
schema: 1
id: local
version: "0.1.0"
extends: base
title: Local values
partnership_types:
  - {id: glam-scan, label: Scanning project, refines: content}
dimensions:
  - id: openness
    criteria:
      - id: licence-fit
        local_guidance: Ask for the archive's licence register.
  - id: privacy
    criteria:
      - id: retention
        weight: 2
"""

TINY_BILINGUAL = """\
schema: 1
id: tiny
version: "1.0.0"
languages: [en, fr]
title: {en: Tiny framework, fr: Petit cadre}
scale:
  levels:
    - {value: 0, label: {en: "No", fr: Non}}
    - {value: 1, label: {en: "Yes", fr: Oui}}
bands:
  - {id: go, min: 50, label: {en: Go, fr: Allez}}
  - {id: stop, min: 0, label: {en: Stop, fr: Stop}}
partnership_types:
  - {id: content, label: {en: Content donation, fr: Don de contenus}}
  - {id: events, label: {en: Events, fr: Evenements}}
dimensions:
  - id: only
    title: {en: Only dimension, fr: Seule dimension}
    criteria:
      - id: only-content
        question: {en: Is it content?, fr: Est-ce du contenu ?}
        rubric: {0: {en: Nothing, fr: Rien}, 1: {en: Everything, fr: Tout}}
        applies_to: [content]
"""
"""A bilingual base framework whose type 'events' has no criteria at all."""

BROKEN_FRAMEWORK = """\
schema: 1
id: broken
version: 1.0
title: Broken
dimensions:
  - id: x
    weight: -1
"""


@dataclass
class DataSet:
    frameworks: Path
    assessments: Path


def write_frameworks(directory: Path, *, broken: bool = False) -> Path:
    write(directory / "base.yaml", BASE_FRAMEWORK)
    write(directory / "local" / "local.yaml", OVERLAY)
    write(directory / "tiny.yaml", TINY_BILINGUAL)
    if broken:
        write(directory / "broken.yaml", BROKEN_FRAMEWORK)
    return directory


def write_assessments(directory: Path) -> Path:
    """A final assessment by a German chapter, a draft by a French one, and one unreadable file."""
    write(
        directory / "example-museum-final01.yaml",
        assessment_yaml(
            id="final01",
            status="final",
            updated="2025-03-01",
            affiliate="Wikimedia Deutschland",
            partner="{name: Example Museum, id: example-museum, country: DE}",
            answers="{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 3}}",
        ),
    )
    write(
        directory / "louvre-draft01.yaml",
        assessment_yaml(
            id="draft01",
            updated="2025-04-02",
            partner="{name: Musée du Louvre, country: FR}",
            affiliate="Wikimédia France",
            answers="{licence-fit: {level: 2}}",
        ),
    )
    write(directory / "broken.yaml", "schema: 1\nid: [not, valid\n")
    return directory


def point_app_at(monkeypatch: pytest.MonkeyPatch, found: DataSet) -> DataSet:
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(found.frameworks))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(found.assessments))
    return found


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataSet:
    """Base, overlay and bilingual frameworks, a broken framework file; three assessments, one broken."""
    found = DataSet(
        write_frameworks(tmp_path / "frameworks", broken=True), write_assessments(tmp_path / "assessments")
    )
    return point_app_at(monkeypatch, found)


@pytest.fixture
def empty_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataSet:
    """The frameworks and an assessments folder that does not exist yet."""
    return point_app_at(
        monkeypatch, DataSet(write_frameworks(tmp_path / "frameworks"), tmp_path / "assessments")
    )


@pytest.fixture
def broken_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataSet:
    """Only a broken framework file: no framework loads at all."""
    frameworks = tmp_path / "frameworks"
    write(frameworks / "broken.yaml", BROKEN_FRAMEWORK)
    return point_app_at(monkeypatch, DataSet(frameworks, tmp_path / "assessments"))


def open_page(page: str, **query: str) -> AppTest:
    """Run the app and switch to ``page`` (e.g. 'assess'), with optional query parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"partnerfit/ui/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(at: AppTest) -> AppTest:
    """Rerun and fail on any exception shown on the page.

    AppTest calls the widgets' ``format_func`` in the test's own thread (to find which option is chosen), where
    no visitor's session gives the language: the rerun is made in the page's language so that a translated
    label is found among the translated options."""
    try:
        language = at.session_state["language"]
    except (KeyError, AttributeError):
        language = None
    with using_language(language):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every text the run rendered (markdown, alerts, captions, code...), as one string to search in."""
    parts = []
    for kind in (
        "markdown",
        "caption",
        "error",
        "warning",
        "info",
        "success",
        "code",
        "text",
        "subheader",
        "header",
        "title",
        "metric",
        "expander",
    ):
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "") or getattr(element, "label", "") or ""))
    for link in at.get("page_link"):
        parts.append(link.proto.label)
    return "\n".join(parts)


def literal(text: str) -> str:
    """How user text must appear in rendered Markdown: every special character escaped."""
    return escape_markdown(text)
