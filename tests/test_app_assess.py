# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""The Assess page under AppTest: the walk-through, similar partners, conflicts, bad input."""

from __future__ import annotations

import json

import yaml
from conftest import assessment_yaml, write
from ui_fixtures import broken_only, dataset, empty_dataset, literal, open_page, run, texts  # noqa: F401 (fixtures)

from partnerfit.store import AssessmentStore

BLOCKED_NAME = '<script>alert(1)</script> **bold** =HYPERLINK("http://x")'


def fill_context(
    at,
    *,
    name="Example museum",
    affiliate="Wikimedia Österreich",
    country="DE",
    framework="base",
    partnership_types=("content",),
):
    at.text_input(key="assess_partner_name").input(name)
    at.text_input(key="assess_affiliate").input(affiliate)
    at.text_input(key="assess_country").input(country)
    run(at)
    at.selectbox(key="assess_region").set_value("Northern and Western Europe")
    at.selectbox(key="assess_framework").set_value(framework)
    run(at)
    at.multiselect(key="assess_types").set_value(list(partnership_types))
    return run(at)


def new_files(folder, before: set) -> list:
    return sorted(set(folder.glob("*.yaml")) - before)


def test_assess_runs_with_a_broken_framework_file_present(dataset):
    at = open_page("assess")
    assert "To start, fill in: partner name, affiliate, region, framework, partnership type" in texts(at)
    assert set(at.selectbox(key="assess_framework").options) >= {"Base values (v1.0.0)"}


def test_assess_runs_on_an_empty_assessments_folder(empty_dataset):
    at = fill_context(open_page("assess"), name="First Partner Ever")
    assert "No assessment of a partner with this or a similar name was found here." in texts(at)
    assert len(list(empty_dataset.assessments.glob("*.yaml"))) == 1


def test_assess_without_any_loadable_framework_says_so(broken_only):
    at = open_page("assess")
    assert "No framework could be loaded" in texts(at)
    assert "broken.yaml" in texts(at)


def test_full_walk_through_writes_a_final_assessment(dataset):
    before = set(dataset.assessments.glob("*.yaml"))
    at = fill_context(open_page("assess"))
    [draft_file] = new_files(dataset.assessments, before)
    assert yaml.safe_load(draft_file.read_text())["status"] == "draft"
    at.button(key="assess_next_0").click()
    run(at)
    assert "Step 2 of 4: Openness" in at.get("progress")[0].proto.text
    assert any(
        "All CC BY\\-SA or freer" in option for option in at.radio(key="assess_level__licence-fit").options
    )
    at.radio(key="assess_level__licence-fit").set_value(3)
    at.radio(key="assess_level__pd-respect").set_value("na")
    at.text_area(key="assess_notes__licence-fit").input("Agreed in writing with the director")
    at.text_area(key="assess_evidence__licence-fit").input("https://example.org/licence-letter")
    at.button(key="assess_next").click()
    run(at)
    assert "Step 3 of 4: Privacy" in at.get("progress")[0].proto.text
    at.radio(key="assess_level__retention").set_value(4)
    at.button(key="assess_next").click()
    run(at)
    assert "Every question is answered" not in texts(at)  # the review lists dimensions instead
    assert "Recommendation so far: **Aligned**" in texts(at)
    at.button(key="assess_finalise").click()
    run(at)

    data = yaml.safe_load(draft_file.read_text())
    assert data["status"] == "final"
    assert data["answers"] == {
        "licence-fit": {
            "level": 3,
            "notes": "Agreed in writing with the director",
            "evidence": ["https://example.org/licence-letter"],
        },
        "pd-respect": {"level": "na"},
        "retention": {"level": 4},
    }
    assert len(data["framework"]["digest"]) == 64
    assert AssessmentStore(dataset.assessments).read_snapshot(data["framework"]["digest"]) is not None


def test_draft_is_saved_at_every_step_change(dataset):
    at = fill_context(open_page("assess"))
    at.button(key="assess_next_0").click()
    run(at)
    at.radio(key="assess_level__licence-fit").set_value(2)
    run(at)
    draft_id = at.session_state["assess_draft"].id
    [file] = [f for f in dataset.assessments.glob("*.yaml") if draft_id in f.name]
    assert yaml.safe_load(file.read_text())["answers"]["licence-fit"] == {"level": 2}


def test_similar_partner_in_the_same_country_is_a_warning_and_can_be_linked(dataset):
    at = fill_context(open_page("assess"), name="example museum")
    warning = " ".join(w.value for w in at.warning)
    assert "**Wikimedia Deutschland** has already assessed **Example Museum**" in warning
    assert "same country (DE)" in warning
    table = at.dataframe[0].value
    assert list(table["affiliate"]) == ["Wikimedia Deutschland"]
    assert list(table["region"]) == ["Northern and Western Europe (DE)"]
    assert list(table["result"]) == ["Aligned"]
    assert list(table["link"]) == ["result?id=final01&lang=en"]  # the earlier result, in the same language
    columns = json.loads(at.dataframe[0].proto.columns)
    assert "width" not in columns["affiliate"] and "width" not in columns["region"]  # sized to their text
    assert columns["link"]["type_config"]["type"] == "link"
    at.selectbox(key="assess_link").set_value("final01")
    run(at)
    assert at.session_state["assess_draft"].partner.id == "example-museum"
    assert "Linked to partner id `example-museum`" in texts(at)


def test_a_similar_partner_elsewhere_is_only_information(dataset):
    at = fill_context(open_page("assess"), name="Musee du Louvre", country="BR")
    at.selectbox(key="assess_region").set_value("Latin America and Caribbean")
    run(at)
    assert not [w for w in at.warning if "has already assessed" in w.value]
    assert "1 earlier assessment of a partner with this or a similar name" in texts(at)


def test_no_criteria_for_the_chosen_type_is_said_clearly(dataset):
    at = fill_context(open_page("assess"), framework="tiny", partnership_types=["events"])
    assert "has no criteria for the partnership types \u201cEvents\u201d" in texts(at)
    assert "assess_next_0" not in [b.key for b in at.button]


def test_a_conflicting_save_is_shown_and_does_not_overwrite(dataset):
    at = open_page("assess", id="draft01")
    file = dataset.assessments / "louvre-draft01.yaml"
    store = AssessmentStore(dataset.assessments)
    theirs = store.read(file)
    store.save(theirs.model_copy(update={"summary": "Someone else's edit"}), file)
    on_disk = file.read_text()

    at.radio(key="assess_level__licence-fit").set_value(4)
    run(at)
    assert "Not saved: someone else changed this draft." in texts(at)
    assert file.read_text() == on_disk
    assert at.session_state["assess_draft"].answers["licence-fit"].level == 4  # kept in the tab

    before = set(dataset.assessments.glob("*.yaml"))
    at.button(key="assess_conflict_copy").click()
    run(at)
    [copy] = new_files(dataset.assessments, before)
    assert yaml.safe_load(copy.read_text())["answers"]["licence-fit"]["level"] == 4
    assert file.read_text() == on_disk
    assert "Not saved" not in texts(at)


def test_markup_in_the_partner_name_is_shown_literally(dataset):
    at = fill_context(open_page("assess"), name=BLOCKED_NAME)
    assert at.session_state["assess_draft"].partner.name == BLOCKED_NAME
    assert not [html for html in at.get("html") if "alert(1)" in html.proto.body]  # the app's own HTML only
    caption = next(c.value for c in at.caption if c.value.startswith("Draft of"))
    assert literal(BLOCKED_NAME) in caption
    rendered = texts(at)
    assert "<script>" not in rendered.replace("\\<script\\>", "")
    assert "**bold**" not in rendered


def test_evidence_that_is_not_a_web_link_is_refused_and_nothing_else_is_lost(dataset):
    at = open_page("assess", id="draft01")
    at.text_area(key="assess_notes__licence-fit").input("Checked the website")
    at.text_area(key="assess_evidence__licence-fit").input("https://example.org/ok\njavascript:alert(1)")
    at.button(key="assess_next").click()
    run(at)
    assert "Openness" in at.get("progress")[0].proto.text  # still on the same step
    assert any("evidence must be http(s) links" in e.value for e in at.error)
    saved = yaml.safe_load((dataset.assessments / "louvre-draft01.yaml").read_text())
    assert saved["answers"]["licence-fit"] == {
        "level": 2,
        "notes": "Checked the website",
        "evidence": ["https://example.org/ok"],
    }
    assert "javascript" in at.text_area(key="assess_evidence__licence-fit").value


def test_resume_a_draft_by_id_opens_its_first_open_step(dataset):
    at = open_page("assess", id="draft01")
    assert at.session_state["assess_draft"].affiliate == "Wikimédia France"
    assert at.radio(key="assess_level__licence-fit").value == 2
    assert "Step 2 of 4: Openness" in at.get("progress")[0].proto.text


def test_an_unknown_id_is_a_clear_error(dataset):
    at = open_page("assess", id="nosuchid")
    assert "Assessment `nosuchid`: not found or no access." in texts(at)


def test_a_final_assessment_is_not_editable_and_can_be_reassessed(dataset):
    at = open_page("assess", id="final01")
    assert "is final" in texts(at)
    assert not [r for r in at.radio]
    before = set(dataset.assessments.glob("*.yaml"))
    at.button(key="assess_reassess").click()
    run(at)
    [fresh] = new_files(dataset.assessments, before)
    data = yaml.safe_load(fresh.read_text())
    assert (data["status"], data["partner"]["id"], data.get("answers")) == ("draft", "example-museum", {})
    assert at.text_input(key="assess_partner_name").value == "Example Museum"


def test_a_draft_of_an_older_version_can_be_moved_on_and_keeps_orphan_answers(dataset):
    file = dataset.assessments / "old-draft02.yaml"
    file.write_text(
        'schema: 1\nid: draft02\nframework: {id: base, version: "0.9.0"}\npartner: {name: Old Archive}\n'
        "affiliate: Wikimedia Norge\nregion: Northern and Western Europe\npartnership_type: content\n"
        "answers: {gone-criterion: {level: 1, notes: asked in 2023}, retention: {level: 2}}\n"
    )
    at = open_page("assess", id="draft02")
    assert "This draft was started with base 0\\.9\\.0" in texts(at)
    assert "1 answer to a question this framework no longer has" in texts(at)
    at.button(key="assess_move_on").click()
    run(at)
    data = yaml.safe_load(file.read_text())
    assert data["framework"]["version"] == "1.0.0"
    assert data["answers"]["gone-criterion"] == {"level": 1, "notes": "asked in 2023"}


def test_framework_texts_follow_the_sidebar_language(dataset):
    at = fill_context(open_page("assess"), framework="tiny", partnership_types=["content"])
    at.button(key="assess_next_0").click()
    run(at)
    assert "Is it content?" in texts(at)
    at.sidebar.selectbox(key="sidebar_language").set_value("fr")
    run(at)
    assert "Est\\-ce du contenu ?" in texts(at)
    assert any("Tout" in option for option in at.radio(key="assess_level__only-content").options)


def scroll_scripts(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if "scrollTo" in e.proto.body]


def test_a_new_step_is_shown_from_its_top(dataset):
    at = open_page("assess", id="draft01")
    assert scroll_scripts(at) == []  # opening a draft does not move the page
    at.button(key="assess_next").click()
    run(at)
    assert "Step 3 of 4: Privacy" in at.get("progress")[0].proto.text
    assert len(scroll_scripts(at)) == 1  # the Next button is at the bottom: back to the top of the new step
    at.radio(key="assess_level__retention").set_value(3)
    run(at)
    assert scroll_scripts(at) == []  # answering a question keeps the team where it is


def test_a_draft_with_a_type_the_framework_lacks_opens_on_the_first_step(dataset):
    write(
        dataset.assessments / "odd-type.yaml",
        assessment_yaml(id="oddtype01", partnership_type="no-such-type", answers="{licence-fit: {level: 3}}"),
    )
    at = open_page("assess", id="oddtype01")  # fails on any exception (scoring an unknown type raised)
    assert "The framework base has no partnership type `no-such-type`" in texts(at)
    assert at.multiselect(key="assess_types").value == []
