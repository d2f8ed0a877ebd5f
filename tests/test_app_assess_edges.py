# ruff: noqa: F811 - pytest fixtures imported from ui_fixtures are parameters of the tests
"""The Assess page in French and German, and the rough edges of a first tour (issue 14): nothing entered is lost,
finalising needs the minimum completeness, the step survives a reload, drafts can be deleted, and the rest."""

from __future__ import annotations

import pytest
import yaml
from conftest import assessment_yaml, write
from test_app_assess import fill_context
from ui_fixtures import dataset, open_page, run, texts  # noqa: F401 (fixtures)

from partnerfit.i18n import _, ngettext, using_language

LONG_NAME = "Musée " + "très " * 98 + "long"  # 500 characters


def progress(at) -> str:
    return at.get("progress")[0].proto.text


def stored(dataset, assessment_id: str) -> dict:
    [file] = [f for f in dataset.assessments.glob("*.yaml") if assessment_id in f.name]
    return yaml.safe_load(file.read_text())


def in_language(language: str, message: str) -> str:
    with using_language(language):
        translated = _(message)
    assert translated != message, f"{message!r} has no {language} translation"
    return translated


# -- languages ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_context_step_speaks_the_language_of_the_address(dataset, language):
    at = open_page("assess", lang=language)
    assert at.title[0].value == in_language(language, "Assess a partner")
    subheaders = [s.value for s in at.subheader]
    assert in_language(language, "The partner") in subheaders
    assert in_language(language, "Your team and the partnership") in subheaders
    assert at.text_input(key="assess_partner_name").label == in_language(language, "Partner name") + " *"
    assert at.text_input(key="assess_country").label == in_language(language, "Country code (optional)")
    assert at.selectbox(key="assess_framework").placeholder == in_language(language, "Choose a framework")
    assert "Partner name" not in texts(at) and "To start, fill in" not in texts(at)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_dimension_step_and_the_review_speak_the_language_of_the_address(dataset, language):
    at = open_page("assess", id="draft01", lang=language)
    radio = at.radio(key="assess_level__licence-fit")
    assert radio.label == in_language(language, "Your answer")
    assert any(in_language(language, "Not answered yet") in radio.format_func(o) for o in radio.options)
    assert at.text_area(key="assess_notes__licence-fit").label == in_language(language, "Notes (optional)")
    assert at.button(key="assess_save").label == in_language(language, "Save draft")
    assert progress(at).startswith(
        in_language(language, "Step {current} of {total}: {name} · {answered}")[:5]
    )
    at = open_page("assess", id="draft01", step="3", lang=language)  # (AppTest formats radios in English)
    assert at.subheader[0].value == in_language(language, "Review before you finalise")
    assert at.button(key="assess_finalise").label == in_language(language, "Finalise and see the result")
    assert "Review before you finalise" not in texts(at)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_similar_partner_box_and_the_upload_messages_speak_the_language(dataset, language):
    at = open_page("assess", lang=language)
    at.text_input(key="assess_partner_name").input("Musee du Louvre")
    run(at)
    with using_language(language):
        earlier = ngettext(
            "{count} earlier assessment of a partner with this or a similar name:",
            "{count} earlier assessments of a partner with this or a similar name:",
            1,
        ).format(count=1)
    assert earlier.startswith("1 ") and "earlier" not in earlier
    assert earlier in texts(at)
    assert at.selectbox(key="assess_link").label == in_language(
        language, "Is this the same partner as one of these?"
    )
    home = open_page("home", lang=language)
    home.get("file_uploader")[0].set_value(
        ("again.yaml", assessment_yaml(id="final01", status="final").encode("utf-8"), "application/yaml")
    )
    run(home)
    assert in_language(language, "Open the one you already have") in [
        link.proto.label for link in home.get("page_link")
    ]


# -- nothing entered is lost --------------------------------------------------------------------------------
def test_an_answer_chosen_in_the_same_rerun_as_next_is_kept(dataset):
    at = open_page("assess", id="draft01")
    at.radio(key="assess_level__pd-respect").set_value(3)
    at.button(key="assess_next").click()  # the click lands while the answer is on its way
    run(at)
    assert "Step 3 of 4: Privacy" in progress(at)
    assert stored(dataset, "draft01")["answers"]["pd-respect"] == {"level": 3}


def test_an_answer_that_reached_the_session_without_its_callback_is_still_saved(dataset):
    """A click on a step that is being replaced (right after Next) reaches the session state but no callback:
    the page commits what the session holds before drawing, so the answer is neither shown lost nor dropped."""
    at = open_page("assess", id="draft01")  # on Openness; Privacy's widgets are not drawn
    at.session_state["assess_level__retention"] = 4
    at.session_state["assess_notes__retention"] = "Asked the data officer"
    run(at)
    assert stored(dataset, "draft01")["answers"]["retention"] == {
        "level": 4,
        "notes": "Asked the data officer",
    }
    assert stored(dataset, "draft01")["answers"]["licence-fit"] == {"level": 2}  # the rest is kept as it was


def test_text_typed_but_not_sent_is_guarded_before_the_tab_is_left(dataset):
    at = open_page("assess", id="draft01")
    [guard] = [h.proto.body for h in at.get("html") if "beforeunload" in h.proto.body]
    assert "ctrlKey: true" in guard and "setTimeout" in guard  # sent after a pause, as Ctrl+Enter sends it


# -- the step survives a reload -----------------------------------------------------------------------------
def test_the_step_is_kept_in_the_address_and_a_reload_lands_on_it(dataset):
    at = open_page("assess", id="draft01")
    assert at.query_params["step"] == "1"
    at.button(key="assess_next").click()
    run(at)
    assert at.query_params["step"] == "2"
    reloaded = open_page("assess", id="draft01", step="2")  # the first unanswered step would be Openness
    assert "Step 3 of 4: Privacy" in progress(reloaded)
    assert "Step 2 of 4: Openness" in progress(open_page("assess", id="draft01", step="99"))  # no such step


# -- finalising needs the framework's minimum completeness --------------------------------------------------
def review(dataset, **query):
    return open_page("assess", step="3", **query)  # partner and context, Openness, Privacy, review


def test_finalising_below_the_minimum_needs_a_coordinators_written_reason(dataset):
    at = review(dataset, id="draft01")  # 1 of 3 answered, the framework asks for 80%
    assert "Not complete enough to finalise: 1 of 3 questions answered (33%)" in texts(at)
    assert at.button(key="assess_finalise").disabled
    at.checkbox(key="assess_override").check()
    run(at)
    assert at.button(key="assess_finalise").disabled  # no reason written yet
    at.text_area(key="assess_override_reason").input("The partner withdrew; we keep what we learned")
    run(at)
    assert not at.button(key="assess_finalise").disabled
    at.button(key="assess_finalise").click()
    run(at)
    data = stored(dataset, "draft01")
    assert data["status"] == "final"
    assert data["completeness_override"] == "The partner withdrew; we keep what we learned"
    result = open_page("result", id="draft01")
    assert "Reason given: The partner withdrew; we keep what we learned" in texts(result)


def test_an_assessment_with_no_answer_can_never_be_finalised(dataset):
    write(dataset.assessments / "empty.yaml", assessment_yaml(id="empty01", answers="{}"))
    at = review(dataset, id="empty01")
    assert "With no question answered there is nothing to finalise" in texts(at)
    assert not [c for c in at.checkbox if c.key == "assess_override"]  # no "finalise anyway"
    assert at.button(key="assess_finalise").disabled


def test_a_complete_draft_is_finalised_without_a_reason(dataset):
    file = write(
        dataset.assessments / "done.yaml",
        assessment_yaml(
            id="done01", answers="{licence-fit: {level: 4}, pd-respect: {level: 4}, retention: {level: 4}}"
        ),
    )
    at = review(dataset, id="done01")
    assert not [c for c in at.checkbox if c.key == "assess_override"]
    assert not at.button(key="assess_finalise").disabled
    at.button(key="assess_finalise").click()
    run(at)
    data = yaml.safe_load(file.read_text())
    assert data["status"] == "final" and "completeness_override" not in data


# -- the review ---------------------------------------------------------------------------------------------
def test_the_review_shows_a_not_aligned_recommendation_in_red_not_green(dataset):
    write(
        dataset.assessments / "low.yaml",
        assessment_yaml(
            id="low01", answers="{licence-fit: {level: 1}, pd-respect: {level: 1}, retention: {level: 1}}"
        ),
    )
    at = review(dataset, id="low01")
    assert any("Recommendation so far: **Not aligned**" in e.value for e in at.error)
    assert not any("Recommendation so far" in s.value for s in at.success)


def test_a_red_line_level_is_warned_about_on_the_step_itself(dataset):
    at = open_page("assess", id="draft01")
    assert "This answer hits a red line" not in texts(at)
    at.radio(key="assess_level__licence-fit").set_value(0)
    run(at)
    assert "**This answer hits a red line.**" in texts(at)


def test_a_step_opened_from_the_review_leads_back_to_it(dataset):
    at = review(dataset, id="draft01")
    assert "assess_return_to_review" not in [b.key for b in at.button]
    at.button(key="assess_goto__privacy").click()
    run(at)
    assert "Step 3 of 4: Privacy" in progress(at)
    at.radio(key="assess_level__retention").set_value(2)
    at.button(key="assess_return_to_review").click()
    run(at)
    assert at.subheader[0].value == "Review before you finalise"
    assert stored(dataset, "draft01")["answers"]["retention"] == {"level": 2}


def test_every_step_is_one_click_away(dataset):
    at = open_page("assess", id="draft01")
    steps = at.pills(key="assess_step_list")
    assert steps.options == [
        "1. Partner and context",
        "2. Openness",
        "3. Privacy",
        "4. Review and finalise",
    ]
    steps.set_value(3)
    run(at)
    assert at.subheader[0].value == "Review before you finalise"


# -- the context step ---------------------------------------------------------------------------------------
def test_no_step_count_before_a_framework_is_chosen(dataset):
    at = open_page("assess")
    assert not at.get("progress")  # not "Step 1 of 1"
    assert "The questions follow once a framework and a partnership type are chosen" in texts(at)
    at = fill_context(at)
    assert "Step 1 of 4: Partner and context" in progress(at)


def test_required_fields_are_marked_and_the_country_is_optional(dataset):
    at = open_page("assess")
    assert "Fields marked * are required" in texts(at)
    for key in ("assess_partner_name", "assess_affiliate"):
        assert at.text_input(key=key).label.endswith(" *")
    for key in ("assess_region", "assess_framework"):
        assert at.selectbox(key=key).label.endswith(" *")
    assert at.multiselect(key="assess_types").label.endswith(" *")
    assert at.text_input(key="assess_country").label == "Country code (optional)"
    assert not at.selectbox(key="assess_size").label.endswith(" *")


def test_a_too_long_partner_name_is_kept_and_says_why_it_is_refused(dataset):
    before = set(dataset.assessments.glob("*.yaml"))
    at = fill_context(open_page("assess"), name=LONG_NAME)
    assert len(LONG_NAME) == 500
    assert at.text_input(key="assess_partner_name").value == LONG_NAME  # not silently emptied
    assert any("This name is 500 characters long; at most 300 fit." in e.value for e in at.error)
    assert set(dataset.assessments.glob("*.yaml")) == before  # no draft with a cut name


# -- deleting a draft ---------------------------------------------------------------------------------------
def test_a_draft_is_deleted_after_a_confirmation(dataset):
    at = open_page("assess", id="draft01")
    file = dataset.assessments / "louvre-draft01.yaml"
    assert file.exists()
    at.button(key="assess_delete_confirm").click()
    run(at)
    assert not file.exists()
    assert "The draft of Musée du Louvre was deleted" in texts(at)
    assert "id" not in at.query_params and "step" not in at.query_params
    assert at.session_state["language"] == "en"
    assert not at.get("progress")  # a fresh start


# -- a file sent twice --------------------------------------------------------------------------------------
def test_the_duplicate_upload_message_names_the_file_cleanly(dataset):
    at = open_page("home")
    at.get("file_uploader")[0].set_value(
        ("again.yaml", assessment_yaml(id="final01", status="final").encode("utf-8"), "application/yaml")
    )
    run(at)
    [warning] = [w.value for w in at.warning if "already in your assessments folder" in w.value]
    assert "in `example-museum-final01.yaml`." in warning  # a code span shows backslashes literally


def test_a_blocked_draft_below_the_minimum_needs_a_reason_too(dataset):
    write(
        dataset.assessments / "blocked.yaml",
        assessment_yaml(id="blocked01", answers="{licence-fit: {level: 0}}"),
    )
    at = review(dataset, id="blocked01")  # a red line hit, but 1 of 3 answered: the verdict is not complete
    assert "Recommendation so far: **Blocked" in " ".join(e.value for e in at.error)
    assert "Not complete enough to finalise" in texts(at)
    assert at.button(key="assess_finalise").disabled


def test_a_withdrawn_assessment_is_shown_as_withdrawn_not_edited(dataset):
    write(
        dataset.assessments / "withdrawn.yaml",
        assessment_yaml(id="gone01", status="final").replace(
            "status: final", "status: withdrawn\nwithdrawal: {reason: Entered by mistake, date: 2025-03-01}"
        ),
    )
    at = open_page("assess", id="gone01")
    shown = texts(at)
    assert "was withdrawn (Mar 1, 2025; reason: Entered by mistake): it can no longer be changed." in shown
    assert not at.radio and "assess_finalise" not in [b.key for b in at.button]
