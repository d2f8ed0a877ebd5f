"""Sharing, history and deletion in the app: who may change what, and that every change is recorded."""

from __future__ import annotations

import pytest
from conftest import assessment_yaml, write
from test_app_access import app, everything, make_deployment
from ui_fixtures import texts

from partnerfit.store import FolderStore


@pytest.fixture
def deployment(tmp_path, monkeypatch):
    return make_deployment(tmp_path, monkeypatch)


def store(folder) -> FolderStore:
    return FolderStore(folder / "assessments")


def test_a_coordinator_changes_sharing_on_the_result_page_and_it_is_recorded(deployment):
    at = app("coord", "result", {"id": "de-liaisons"})
    at.selectbox(key="result_sharing").set_value("affiliate").run()
    at.button(key="result_sharing_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert store(deployment).get("de-liaisons").sharing == "affiliate"
    last = store(deployment).history("de-liaisons")[-1]
    assert (last.author, last.changes) == ("coord@example.org", ("sharing: liaisons → affiliate",))
    history = next(d.value for d in at.dataframe if "Who" in d.value.columns)
    assert (history.iloc[0]["Who"], history.iloc[0]["What changed"]) == (
        "coord@example.org",
        "sharing: liaisons → affiliate",
    )
    # the liaison of the region no longer reads it
    assert "Beta Library" not in everything(app("liaison", "compare"))


@pytest.mark.parametrize("role", ["viewer", "assessor", "liaison"])
def test_others_see_the_sharing_but_cannot_change_it(deployment, role):
    at = app(role, "result", {"id": "de-liaisons"})
    assert not at.exception
    assert "result_sharing" not in [w.key for w in at.selectbox]
    assert "Who may read it: its affiliate and the liaisons of its region." in texts(at)


def draft(folder, assessment_id="de-draft", affiliate="WMDE"):
    write(
        folder / "assessments" / f"{assessment_id}.yaml",
        assessment_yaml(id=assessment_id, partner="{name: Draft Place}", affiliate=affiliate),
    )


@pytest.mark.parametrize(("role", "may"), [("coord", True), ("assessor", False), ("root", True)])
def test_deleting_a_draft_is_for_coordinators(deployment, role, may):
    draft(deployment)
    at = app(role, "result", {"id": "de-draft"})
    keys = [b.key for b in at.button]
    assert ("result_delete" in keys) is may
    if not may:
        return
    at.checkbox(key="result_delete_sure").check().run()
    at.button(key="result_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The draft for Draft Place was deleted." in texts(at)
    assert "de-draft" not in {r.id for r in store(deployment).load_all().records}
    last = store(deployment).history("de-draft")[-1]
    assert (last.action, last.author) == ("delete", f"{role}@example.org")


def test_single_user_mode_deletes_drafts_too(deployment):
    draft(deployment)
    at = app(None, "result", {"id": "de-draft"}, auth=None)
    at.checkbox(key="result_delete_sure").check().run()
    at.button(key="result_delete").click().run()
    assert not at.exception
    assert "de-draft" not in {r.id for r in store(deployment).load_all().records}
    last = store(deployment).history("de-draft")[-1]
    assert (last.action, last.author) == ("delete", None)


def test_a_viewer_may_read_a_draft_but_not_edit_or_create(deployment):
    draft(deployment)
    at = app("viewer", "assess", {"id": "de-draft"})
    assert "You may read this assessment for WMDE but not change it" in texts(at)
    at = app("viewer", "assess")
    assert "Your role lets you read assessments, not make them." in texts(at)


def test_the_walk_through_offers_only_the_assessors_affiliates_and_sets_sharing(deployment):
    at = app("assessor", "assess")
    assert at.selectbox(key="assess_affiliate").options == ["WMDE"]
    assert at.selectbox(key="assess_sharing").value == "liaisons"
    at.text_input(key="assess_partner_name").input("Epsilon Gallery").run()
    at.selectbox(key="assess_sharing").set_value("affiliate").run()
    at.selectbox(key="assess_region").set_value("North America").run()
    at.selectbox(key="assess_framework").set_value("base").run()
    at.multiselect(key="assess_types").set_value(["content"]).run()
    assert not at.exception, [e.value for e in at.exception]
    records = store(deployment).load_all().records
    (new,) = [r for r in records if r.partner_name == "Epsilon Gallery"]
    assert (new.affiliate, new.sharing) == ("WMDE", "affiliate")
    first = store(deployment).history(new.id)[0]
    assert (first.action, first.author) == ("create", "assessor@example.org")


def test_an_assessor_cannot_finalise(deployment):
    draft(deployment)
    at = app("assessor", "assess", {"id": "de-draft"})
    assert not at.exception
    at.session_state["assess_step"] = 99
    at.run()
    assert "Only a coordinator of WMDE can finalise." in texts(at)
    assert at.button(key="assess_finalise").disabled


def test_the_similar_partner_warning_names_affiliate_month_and_contact_only(deployment):
    # Delta Institute (WMIN, South Asia) is outside the WMDE assessor's scope
    write(
        deployment / "access.yaml",
        (deployment / "access.yaml").read_text()
        + "  - {email: in-coord@example.org, affiliate: WMIN, role: coordinator}\n",
    )
    at = app("assessor", "assess")
    at.text_input(key="assess_partner_name").input("Delta Institute").run()
    at.selectbox(key="assess_region").set_value("South Asia").run()
    assert not at.exception, [e.value for e in at.exception]
    warning = at.warning[0].value.replace("\\", "")
    assert "WMIN** assessed a partner of this name in the same region in 2026-10" in warning
    assert "Contact in-coord@example.org" in warning
    hidden = next(d.value for d in at.dataframe if "Contact" in d.value.columns)
    assert hidden.to_dict("records") == [
        {"Affiliate": "WMIN", "Month": "2026-10", "Contact": "in-coord@example.org"}
    ]
    shown = everything(at)
    assert "Aligned" not in shown and "Not aligned" not in shown


@pytest.mark.parametrize(
    ("role", "status", "added"),
    [
        ("viewer", "draft", False),
        ("assessor", "draft", True),
        ("assessor", "final", False),
        ("coord", "final", True),
    ],
)
def test_adding_a_file_someone_sent_follows_the_same_rights(deployment, role, status, added):
    at = app(role, "home")
    text = assessment_yaml(id="sent-0001", partner="{name: Sent Museum}", affiliate="WMDE", status=status)
    at.get("file_uploader")[0].set_value(("sent.yaml", text.encode("utf-8"), "application/yaml"))
    at.run()
    at.button(key="home_add_upload").click().run()
    ids = {r.id for r in store(deployment).load_all().records}
    assert ("sent-0001" in ids) is added
    if not added:
        assert f"{role}@example.org may not" in at.code[0].value


@pytest.mark.parametrize(
    ("role", "reassess", "withdraw"),
    [("coord", True, True), ("assessor", True, False), ("viewer", False, False), ("liaison", False, False)],
)
def test_re_assessing_and_withdrawing_a_final_are_for_those_who_may(deployment, role, reassess, withdraw):
    """Re-assess: those who may assess for its affiliate; withdraw: those who may finalise (coordinators)."""
    at = app(role, "result", {"id": "de-liaisons"})
    assert not at.exception, [e.value for e in at.exception]
    keys = [b.key for b in at.button]
    assert ("result_reassess" in keys) is reassess
    assert ("result_withdraw" in keys) is withdraw
