"""The partner's own view: its answers beside the affiliate's (never scored), the gaps, the links' rules."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, ROOT, framework_from_yaml, make_assessment
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerfit.catalog import load_frameworks
from partnerfit.errors import ValidationError
from partnerfit.partner_view import (
    PartnerLinkError,
    agreed_conditions,
    check_link,
    find_gaps,
    hash_token,
    new_partner_link,
    partner_guidance,
    partner_view_json,
    with_partner_answers,
)
from partnerfit.scoring import score_assessment
from partnerfit.store import NotFoundError
from partnerfit.verdict import explain

FRAMEWORK = framework_from_yaml(BASE_FRAMEWORK)
NOW = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)


def answered(affiliate: str, partner: dict) -> object:
    assessment = make_assessment(answers=affiliate)
    return with_partner_answers(assessment, FRAMEWORK, partner, answered_by="Dr. Ada", now=NOW)


def test_gaps_are_two_levels_apart_or_a_red_line_answered_differently():
    assessment = answered(
        "{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 2}}",
        {"licence-fit": {"level": 2}, "pd-respect": {"level": 2}, "retention": {"level": 3}},
    )
    gaps = find_gaps(FRAMEWORK, assessment)
    # licence-fit is a red line: any other answer is a gap; pd-respect differs by 2; retention by 1 only
    assert [(g.criterion_id, g.affiliate_level, g.partner_level, g.red_line) for g in gaps] == [
        ("licence-fit", 3, 2, True),
        ("pd-respect", 4, 2, False),
    ]


def test_not_applicable_against_a_level_is_a_gap_only_on_a_red_line():
    assessment = answered(
        "{licence-fit: {level: na}, retention: {level: 2}}",
        {"licence-fit": {"level": 3}, "retention": {"level": "na"}},
    )
    assert [g.criterion_id for g in find_gaps(FRAMEWORK, assessment)] == ["licence-fit"]


def test_without_partner_answers_there_are_no_gaps_and_json_is_null():
    assessment = make_assessment()
    assert find_gaps(FRAMEWORK, assessment) == []
    assert partner_view_json(FRAMEWORK, assessment) is None
    assert "partner_view" not in assessment.to_data()  # old files stay as they were


def test_score_json_lists_answered_and_gaps():
    assessment = answered(
        "{licence-fit: {level: 4}}", {"licence-fit": {"level": 0}, "retention": {"level": 1}}
    )
    assert partner_view_json(FRAMEWORK, assessment) == {
        "answered": 2,
        "answered_by": "Dr. Ada",
        "answered_at": "2026-11-29T12:00:00+00:00",
        "gaps": [{"criterion": "licence-fit", "affiliate_level": 4, "partner_level": 0}],
    }


levels = st.sampled_from([0, 1, 2, 3, 4, "na"])


@settings(deadline=None, max_examples=60)
@given(
    mine=st.dictionaries(st.sampled_from(["licence-fit", "pd-respect", "retention"]), levels),
    theirs=st.dictionaries(st.sampled_from(["licence-fit", "pd-respect", "retention"]), levels, min_size=1),
)
def test_partner_answers_never_change_the_score(mine, theirs):
    affiliate = "{" + ", ".join(f"{k}: {{level: {v}}}" for k, v in mine.items()) + "}"
    plain = make_assessment(answers=affiliate)
    with_view = with_partner_answers(
        plain, FRAMEWORK, {k: {"level": v} for k, v in theirs.items()}, answered_by="X", now=NOW
    )
    assert score_assessment(FRAMEWORK, with_view) == score_assessment(FRAMEWORK, plain)
    for gap in find_gaps(FRAMEWORK, with_view):
        red_line = FRAMEWORK.criterion(gap.criterion_id).red_line is not None
        assert gap.red_line == red_line
        assert red_line or abs(gap.affiliate_level - gap.partner_level) >= 2


def test_partner_answers_to_criteria_not_asked_or_off_the_scale_are_refused_each_named():
    assessment = make_assessment()  # a content partnership: reader-data (research) is not asked
    with pytest.raises(ValidationError) as raised:
        with_partner_answers(
            assessment,
            FRAMEWORK,
            {"reader-data": {"level": 2}, "licence-fit": {"level": 7}},
            answered_by="X",
            where="returned.yaml",
        )
    lines = raised.value.lines()
    assert (
        "returned.yaml: answers.reader-data: criterion reader-data is not asked of this partnership" in lines
    )
    assert (
        "returned.yaml: answers.licence-fit.level: level 7 is not on the scale [0, 1, 2, 3, 4] (or 'na')"
        in lines
    )


def test_partner_answers_need_a_name_and_an_answer():
    with pytest.raises(ValidationError, match="answered_by"):
        with_partner_answers(make_assessment(), FRAMEWORK, {"licence-fit": {"level": 2}}, answered_by=" ")
    with pytest.raises(ValidationError, match="answers"):
        with_partner_answers(make_assessment(), FRAMEWORK, {}, answered_by="X")


def test_conditions_the_partner_already_meets_are_agreed():
    assessment = answered(
        "{licence-fit: {level: 2}, pd-respect: {level: 4}, retention: {level: 1}}",
        {"retention": {"level": 4}, "licence-fit": {"level": 1}},
    )
    verdict = explain(FRAMEWORK, assessment, score_assessment(FRAMEWORK, assessment))
    assert {c.criterion_id for c in verdict.conditions} == {"licence-fit", "retention"}
    assert agreed_conditions(list(verdict.conditions), assessment) == {"retention"}


def test_a_link_keeps_only_the_hash_of_an_unguessable_token_and_expires():
    token, link = new_partner_link("museum-001", created_by="c@example.org", days=30, now=NOW)
    assert len(token) >= 43 and link.token_hash == hash_token(token) and token not in link.model_dump_json()
    assert new_partner_link("museum-001", created_by=None)[0] != token
    assert check_link(link, NOW + dt.timedelta(days=29)) == link
    for later, reason in ((NOW + dt.timedelta(days=30), "expired"),):
        with pytest.raises(PartnerLinkError, match="expired") as raised:
            check_link(link, later)
        assert raised.value.reason == reason
    with pytest.raises(PartnerLinkError, match="withdrawn"):
        check_link(link.model_copy(update={"revoked_at": NOW}), NOW)
    with pytest.raises(PartnerLinkError, match="already been used"):
        check_link(link.model_copy(update={"used_at": NOW, "revoked_at": NOW}), NOW)
    with pytest.raises(PartnerLinkError, match="not valid"):
        check_link(None, NOW)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_every_shipped_criterion_has_partner_guidance_without_the_affiliate_side(language):
    catalog = load_frameworks(Path(ROOT / "frameworks"))
    framework = catalog.get("wikimedia-global")
    for criterion in framework.criteria:
        text = partner_guidance(criterion.guidance, language)
        assert text, criterion.id
        assert not text.startswith(("For the", "Pour l", "Für d")), (criterion.id, text[:40])
        assert "affiliate team" not in text and "équipe de l'affilié" not in text and "Team der" not in text


def test_guidance_without_a_partner_paragraph_gives_nothing():
    assert partner_guidance("For the affiliate team: check the licence.", "en") == ""
    assert partner_guidance(None, "en") == ""
    assert partner_guidance({"en": "A.\n\nFor the institution: free means free.", "fr": "B."}, "de") == (
        "Free means free."
    )


def test_exports_add_the_partners_answer_count_and_gaps_the_same_from_both_paths(tmp_path):
    from conftest import load_catalog

    from partnerfit.export import export_rows, to_csv, write_csv
    from partnerfit.results import score_groups, score_records
    from partnerfit.store import AssessmentRecord

    catalog = load_catalog(tmp_path, {"base.yaml": BASE_FRAMEWORK})
    with_view = answered(
        "{licence-fit: {level: 3}, pd-respect: {level: 4}}",
        {"licence-fit": {"level": 2}, "pd-respect": {"level": 2}},
    )
    plain = make_assessment(id="plain-0001")
    records = [AssessmentRecord.from_assessment(Path(f"/d/{a.id}.yaml"), a) for a in (with_view, plain)]
    from_table = to_csv(score_records(records, catalog, None))
    from_arrays = write_csv(*export_rows(score_groups(records, catalog, None)[0]))
    assert from_table == from_arrays
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(from_table))}
    assert (rows[with_view.id]["partner_answered"], rows[with_view.id]["partner_gaps"]) == (
        "2",
        "licence-fit; pd-respect",
    )
    assert (rows["plain-0001"]["partner_answered"], rows["plain-0001"]["partner_gaps"]) == ("", "")


def test_the_report_has_a_partner_section_only_when_the_partner_answered():
    from partnerfit.conditions import negotiation_conditions
    from partnerfit.report import ReportInput, to_html, to_markdown

    def report(assessment):
        score = score_assessment(FRAMEWORK, assessment)
        conditions = negotiation_conditions(FRAMEWORK, assessment)
        return ReportInput(FRAMEWORK, assessment, score, conditions)

    with_view = answered(
        "{licence-fit: {level: 3}, pd-respect: {level: 4}, retention: {level: 1}}",
        {"licence-fit": {"level": 1, "notes": "<b>NC</b> only"}, "retention": {"level": 4}},
    )
    markdown = to_markdown(report(with_view))
    assert "## The partner's view" in markdown
    assert "### 2 gaps to talk about" in markdown
    assert (
        "Will the material be released under a free licence?: the affiliate 3 Strong, the partner 1 Weak"
        in (markdown.replace("\\", ""))
    )
    assert "Conditions the partner already agrees with" in markdown
    assert "&lt;b&gt;NC&lt;/b&gt; only" in to_html(report(with_view))  # partner text stays inert
    assert "The partner's view" not in to_markdown(report(make_assessment()))


def test_at_least_three_shipped_samples_have_partner_answers_with_gaps():
    from partnerfit.results import framework_for
    from partnerfit.store import AssessmentStore, read_assessment

    catalog = load_frameworks(ROOT / "frameworks")
    store = AssessmentStore(ROOT / "assessments", use_index=False)
    with_gaps = []
    for path in sorted((ROOT / "assessments" / "samples").glob("*.yaml")):
        assessment = read_assessment(path)
        if assessment.partner_view is None:
            continue
        framework = framework_for(assessment.framework, assessment.status, catalog, store).framework
        if find_gaps(framework, assessment):
            with_gaps.append((assessment.status, assessment.partner_view.via))
    assert len(with_gaps) >= 3
    assert {via for _, via in with_gaps} == {"form", "file"}


@pytest.mark.parametrize(("role", "allowed"), [("viewer", False), ("assessor", False), ("coordinator", True)])
def test_only_the_affiliates_coordinators_make_and_withdraw_partner_links(tmp_path, role, allowed):
    from partnerfit.access import Membership, Viewer
    from partnerfit.access_store import AccessControlledStore
    from partnerfit.errors import AccessDeniedError
    from partnerfit.store import FolderStore

    inner = FolderStore(tmp_path / "assessments")
    saved = inner.save(make_assessment(affiliate="WMDE"))
    _, existing = new_partner_link(saved.id, created_by=None)
    inner.create_partner_link(existing)
    store = AccessControlledStore(inner, Viewer("p@example.org", (Membership("WMDE", role),)))
    _, link = new_partner_link(saved.id, created_by="p@example.org")
    if allowed:
        store.create_partner_link(link)
        store.revoke_partner_link(existing.token_hash, at=NOW)
        assert [x.status(NOW) for x in inner.partner_links(saved.id)] == ["revoked", "valid"]
    else:
        with pytest.raises(AccessDeniedError):
            store.create_partner_link(link)
        with pytest.raises(AccessDeniedError):
            store.revoke_partner_link(existing.token_hash, at=NOW)
        assert inner.partner_links(saved.id) == [existing]
    outsider = AccessControlledStore(inner, Viewer("o@example.org", (Membership("WMUK", "coordinator"),)))
    with pytest.raises(NotFoundError):  # another affiliate's coordinator cannot even see the assessment
        outsider.create_partner_link(new_partner_link(saved.id, created_by=None)[1])
    with pytest.raises(NotFoundError):
        outsider.partner_links(saved.id)


def test_two_partners_sending_through_one_link_at_once_only_one_gets_in(tmp_path):
    import threading

    from partnerfit.partner_view import submit_partner_answers
    from partnerfit.store import FolderStore

    store = FolderStore(tmp_path / "assessments")
    saved = store.save(make_assessment())
    token, link = new_partner_link(saved.id, created_by=None)
    store.create_partner_link(link)
    outcomes: list[str] = []

    def send(name: str) -> None:
        try:
            submit_partner_answers(store, token, FRAMEWORK, {"retention": {"level": 2}}, answered_by=name)
            outcomes.append("saved")
        except PartnerLinkError as error:
            outcomes.append(error.reason)

    threads = [threading.Thread(target=send, args=(f"P{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "used", "used", "used"]
    assert len(store.history(saved.id)) == 2  # created, then the one partner's answers
