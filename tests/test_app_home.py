# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""The Home page under AppTest: drafts, recent results, unreadable files, opening a file someone sent."""

from __future__ import annotations

import pytest
import yaml
from conftest import assessment_yaml
from ui_fixtures import broken_only, dataset, empty_dataset, literal, open_page, run, texts  # noqa: F401 (fixtures)

from partnerfit.i18n import _, using_language

MARKUP_NAME = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) =SUM(A1)"


def page_links(at) -> dict[str, str]:
    """Label -> page script of every page link."""
    return {link.proto.label: link.proto.page for link in at.get("page_link")}


def upload(at, name: str, text: str):
    at.get("file_uploader")[0].set_value((name, text.encode("utf-8"), "application/yaml"))
    return run(at)


def test_home_lists_drafts_and_recent_results_and_unreadable_files(dataset):
    at = open_page("home")
    links = page_links(at)
    assert any(label == "Musée du Louvre" for label in links)
    assert any(label == "Example Museum" for label in links)
    assert ":green-badge[Aligned] Wikimedia Deutschland" in texts(at)
    assert "1 assessment file could not be read" in texts(at)
    assert "broken.yaml: line 3: YAML syntax error" in texts(at)


def test_more_drafts_than_shown_are_all_offered_by_partner_and_affiliate(dataset):
    for number in range(8):
        (dataset.assessments / f"draft-{number}.yaml").write_text(
            assessment_yaml(
                id=f"draft{number:08d}", partner=f"{{name: Partner {number}}}", affiliate="Wiki Test"
            ),
            encoding="utf-8",
        )
    at = open_page("home")
    drafts = at.selectbox(key="home_all_drafts")
    assert drafts.label == "All 9 drafts"
    assert sorted(drafts.options) == sorted(
        [f"Partner {number} · Wiki Test" for number in range(8)] + ["Musée du Louvre · Wikimédia France"]
    )


def test_home_on_an_empty_assessments_folder_is_friendly(empty_dataset):
    at = open_page("home")
    assert "There are no assessments in the assessments folder yet" in texts(at)
    assert "No drafts in progress." in texts(at)


def test_home_without_any_framework_still_runs(broken_only):
    at = open_page("home")
    assert "No framework could be loaded" in texts(at)


def test_start_a_new_assessment_opens_the_walk_through(dataset):
    at = open_page("home")
    at.button(key="home_start").click()
    run(at)
    assert "To start, fill in" in texts(at)


def test_an_uploaded_file_with_errors_is_refused_with_file_and_place(dataset):
    at = upload(
        open_page("home"),
        "sent.yaml",
        assessment_yaml(region="Atlantis", answers="{licence-fit: {level: 9x}}"),
    )
    assert literal("sent.yaml") + " is not a valid assessment file; nothing was saved." in texts(at)
    problems = "\n".join(c.value for c in at.code)
    assert "sent.yaml: region (line 6)" in problems


def test_an_uploaded_draft_can_be_viewed_without_saving_and_then_added(dataset):
    before = set(dataset.assessments.glob("*.yaml"))
    at = upload(
        open_page("home"), "from-a-friend.yaml", assessment_yaml(id="sent0001", partner="{name: Sent Museum}")
    )
    assert "is a valid assessment" in texts(at)
    assert "Recommendation: :green-badge[Aligned]" in texts(at)
    assert set(dataset.assessments.glob("*.yaml")) == before
    at.button(key="home_add_upload").click()
    run(at)
    [added] = set(dataset.assessments.glob("*.yaml")) - before
    assert yaml.safe_load(added.read_text())["id"] == "sent0001"
    assert at.session_state["assess_draft"].id == "sent0001"  # continued in the walk-through


def test_an_uploaded_assessment_that_exists_is_not_added_twice(dataset):
    before = {path: path.read_text() for path in dataset.assessments.glob("*.yaml")}
    at = upload(open_page("home"), "again.yaml", assessment_yaml(id="final01", status="final"))
    assert "is already in your assessments folder" in texts(at)
    assert "Open the one you already have" in page_links(at)
    assert "home_add_upload" not in [button.key for button in at.button]
    assert {path: path.read_text() for path in dataset.assessments.glob("*.yaml")} == before


def test_partner_names_with_markup_are_listed_literally(dataset):
    (dataset.assessments / "markup.yaml").write_text(
        assessment_yaml(
            id="markup01", partner=yaml.safe_dump({"name": MARKUP_NAME}, default_flow_style=True).strip()
        )
    )
    at = open_page("home")
    assert literal(MARKUP_NAME) in page_links(at)
    assert not at.get("html")


def test_the_chosen_language_survives_a_button_that_opens_another_page(dataset):
    at = open_page("home")
    at.selectbox(key="sidebar_language").set_value("fr")
    run(at)
    at.button(key="home_start").click()
    run(at)
    with using_language("fr"):
        to_start = _("To start, fill in: {fields}. The draft is saved as soon as these are set.")
    assert to_start.split("{")[0] in texts(at)  # the Assess page, in French
    assert at.session_state["language"] == "fr"
    assert at.selectbox(key="sidebar_language").value == "fr"


# -- languages (issue 14) ------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["fr", "de"])
def test_home_speaks_the_language_of_the_url(dataset, language):
    at = open_page("home", lang=language)
    with using_language(language):
        wanted = [_("Continue a draft"), _("Recent results"), _("Open an assessment file someone sent you")]
        button, sidebar = _("Start a new assessment"), _("Language")
    assert all(heading not in ("Continue a draft", "Recent results") for heading in wanted)
    shown_headings = [h.value for h in at.subheader]
    assert all(heading in shown_headings for heading in wanted)
    assert button in [b.label for b in at.button] and button != "Start a new assessment"
    assert at.sidebar.selectbox[0].label == sidebar
    shown = texts(at)
    for english in ("Recent results", "could not be read", "last saved", "assessments in"):
        assert english not in shown
