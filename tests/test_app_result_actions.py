"""What a team does from the Result page: come back to it, re-assess, withdraw a final; and what it reads there
about dimensions it has not reached, and in the reports it downloads."""

from __future__ import annotations

import base64
import re

import pytest
from conftest import assessment_yaml, write
from result_compare_fixtures import (
    MediaCapture,
    app_for,
    assert_no_exception,
    chart_rows,
    chart_specs,
    texts,
    write_collection,
)

from partnerfit.charts import NOT_REACHED_TEXT
from partnerfit.store import FolderStore


@pytest.fixture
def collection(tmp_path):
    return write_collection(tmp_path)


def test_opening_result_from_the_sidebar_comes_back_to_the_last_viewed(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "blocked-001"})
    at.switch_page("partnerfit/ui/pages/home.py").run()
    at.query_params.pop("id", None)
    at.switch_page("partnerfit/ui/pages/result.py").run()
    assert_no_exception(at)
    assert "Blocked by a red line" in texts(at)
    assert at.query_params["id"] == ["blocked-001"] or at.query_params["id"] == "blocked-001"


def test_a_dimension_a_draft_never_reached_is_not_called_not_scored(monkeypatch, tmp_path):
    frameworks, assessments = write_collection(tmp_path, [])
    write(
        assessments / "early.yaml",
        assessment_yaml(id="early-0001", status="draft", answers="{licence-fit: {level: 3}}"),
    )
    at = app_for(monkeypatch, frameworks, assessments, "result", {"id": "early-0001"})
    assert_no_exception(at)
    spec = next(s for s in chart_specs(at) if s.get("title") == "Dimension scores of this assessment")
    privacy = [r for r in chart_rows(spec) if r.get("dimension") == "Privacy"]
    assert privacy[0]["score_text"] == "not reached yet"
    assert privacy[0]["explanation"] == NOT_REACHED_TEXT


def test_re_assess_starts_a_new_draft_of_the_same_partner_on_the_assess_page(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "aligned-001"})
    at.button(key="result_reassess").click().run()
    assert_no_exception(at)
    new_id = at.query_params["id"]
    new_id = new_id[0] if isinstance(new_id, list) else new_id
    assert new_id != "aligned-001"
    draft = FolderStore(collection[1]).get(new_id)
    original = FolderStore(collection[1]).get("aligned-001")
    assert (draft.status, draft.partner.name, draft.affiliate) == (
        "draft",
        original.partner.name,
        original.affiliate,
    )
    assert not draft.answers
    assert "A new draft of the same partner" in texts(at)


def test_a_draft_links_to_its_walk_through_instead(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "research-01"})
    assert_no_exception(at)
    assert not [b for b in at.button if b.key == "result_reassess"]
    assert "Continue this draft" in [link.label for link in at.get("page_link")]


def test_withdraw_a_mistaken_final_with_a_reason(monkeypatch, collection):
    at = app_for(monkeypatch, *collection, "result", {"id": "aligned-001"})
    assert at.button(key="result_withdraw").disabled  # no reason, no withdrawal
    at.text_area(key="result_withdraw_reason").input("A test entry, not a real partnership").run()
    at.button(key="result_withdraw").click().run()
    assert_no_exception(at)
    stored = FolderStore(collection[1]).get("aligned-001")
    assert stored.status == "withdrawn"
    assert stored.withdrawal.reason == "A test entry, not a real partnership"
    shown = texts(at)
    assert "was withdrawn" in shown and "Withdrawn" in shown and "A test entry" in shown


def test_reports_carry_the_charts_and_the_comparison_with_past_assessments(monkeypatch, collection):
    capture = MediaCapture(monkeypatch)
    at = app_for(monkeypatch, *collection, "result", {"id": "aligned-001"})
    buttons = {b.key: b for b in at.download_button}
    page = capture.content(buttons["result_download_html"]).decode()
    markdown = capture.content(buttons["result_download_markdown"]).decode()
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"', page)
    assert [alt for _, alt in images] == [
        "Dimension scores of this assessment",
        "This assessment among 2 others: same region",
        "This partner’s assessments over time",
    ]
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data, _ in images)
    assert "<th>Median of the others</th>" in page
    assert "<h2>This partner’s assessments over time</h2>" in page
    assert markdown.count("](<data:image/png;base64,") == 3
    assert "<td>Mar 1, 2023</td>" in page  # the older assessment, in the history table
