"""Issue 10 in the app (AppTest): referral, red lines answered N/A, robustness, questions for the partner,
conditions by severity on the Result page; several types, sizes, 'unknown', sources, possible matches and the
resumed-draft warning on the Assess page."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import write
from ui_fixtures import literal, open_page, run, texts
from verdict_fixtures import VERDICT_FRAMEWORK


def case(
    case_id: str, answers: str, *, types: str = "[content]", status: str = "final", extra: str = ""
) -> str:
    return (
        f'schema: 2\nid: {case_id}\nframework: {{id: verdict, version: "1.0.0"}}\n'
        "partner: {name: Lindenfeld University, country: DE}\naffiliate: Wikimedia Deutschland\n"
        f"region: Northern and Western Europe\npartnership_types: {types}\nstatus: {status}\n"
        f"created: 2025-01-10\nupdated: 2025-01-20\n{extra}answers: {answers}\n"
    )


@pytest.fixture
def folders(tmp_path, monkeypatch):
    write(tmp_path / "frameworks" / "verdict.yaml", VERDICT_FRAMEWORK)
    assessments = tmp_path / "assessments"
    write(
        assessments / "na.yaml",
        case(
            "case-na",
            "{licence: {level: na}, public-domain: {level: na}, continuity: {level: 4}, reader-data: {level: unknown, notes: ask the data officer}}",
        ),
    )
    write(
        assessments / "refer.yaml",
        case(
            "case-refer",
            "{licence: {level: 4}, public-domain: {level: 3}, continuity: {level: 3}, reader-data: {level: 0}}",
        ),
    )
    write(
        assessments / "blocked.yaml",
        case(
            "case-blocked",
            "{licence: {level: 0}, public-domain: {level: 1}, continuity: {level: 1}, reader-data: {level: 1}, "
            "venue: {level: 1}, sponsor-terms: {level: 1}}",
            types="[content, events, funding]",
        ),
    )
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(tmp_path / "frameworks"))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(assessments))
    return assessments


def test_result_says_why_a_red_line_answered_na_caps_it_and_lists_questions_for_the_partner(folders):
    at = open_page("result", id="case-na")
    shown = texts(at)
    assert "Recommendation: Incomplete" in shown
    assert literal("Red line licence answered not applicable, which this framework does not allow") in shown
    assert "Red line answered N/A: " + literal("Are public-domain works left in the public domain?") in shown
    assert "(allowed when: " + literal("no public-domain works are involved") + ")" in shown
    assert "1 question to put to the partner" in shown
    assert literal("ask the data officer") in shown


def test_result_shows_the_referral_with_body_link_and_reason_and_whether_it_is_robust(folders):
    at = open_page("result", id="case-refer")
    shown = texts(at)
    assert "Recommendation: " + literal("Refer: not ours to decide") in shown
    assert (
        "Not ours to decide: refer to [Wikimedia Foundation \\(access to non\\-public data\\)](https://meta.wikimedia.org/wiki/Access_to_nonpublic_personal_data_policy)"
        in shown
    )
    assert literal("Only the Foundation can grant access to non-public reader data") in shown
    assert "**Fragile:**" in shown and literal("Does the partner ask for non-public reader data?") in shown


def test_a_blocked_result_says_decline_and_folds_the_other_conditions(folders):
    at = open_page("result", id="case-blocked")
    headings = [h.value for h in at.subheader]
    assert "Decline, or the partner must change:" in headings
    assert "Conditions to agree with the partner" not in headings
    assert any(
        e.label.startswith("If the partner lifts the red lines: 5 further conditions") for e in at.expander
    )
    assert "Content donation, Events, Funding" in texts(at)  # the types of the assessment


def test_at_most_five_conditions_are_shown_unfolded(folders):
    write(
        folders / "many.yaml",
        case(
            "case-many",
            "{licence: {level: 2}, public-domain: {level: 1}, continuity: {level: 1}, reader-data: {level: 2}, "
            "venue: {level: 1}, sponsor-terms: {level: 2}}",
            types="[content, events, funding]",
        ),
    )
    at = open_page("result", id="case-many")
    assert any(e.label == "1 more condition that weighs less" for e in at.expander)


def test_answers_list_the_sources_behind_the_questions(folders):
    at = open_page("result", id="case-refer")
    assert any(e.label == "Sources behind the questions (1 criterion)" for e in at.expander)
    assert "[Licensing policy](https://foundation.wikimedia.org/wiki/Policy:Licensing_policy)" in texts(at)


def progress(at) -> str:
    return at.get("progress")[0].proto.text


def start(at, name: str, types: list[str], size: str | None = None):
    at.text_input(key="assess_partner_name").input(name)
    at.text_input(key="assess_affiliate").input("Wikimedia Norge")
    at.text_input(key="assess_country").input("DE")
    run(at)
    at.selectbox(key="assess_region").set_value("Northern and Western Europe")
    at.selectbox(key="assess_framework").set_value("verdict")
    run(at)
    at.multiselect(key="assess_types").set_value(types)
    if size:
        at.selectbox(key="assess_size").set_value(size)
    return run(at)


def test_several_types_and_the_size_decide_the_questions(folders):
    at = start(open_page("assess"), "Sponsored Edit-a-thon", ["events", "funding"], "one-off")
    assert "of 3 questions answered" in progress(at)  # reader-data, venue, sponsor-terms only
    at = start(open_page("assess"), "Sponsored Edit-a-thon 2", ["events", "funding"], "project")
    assert "of 4 questions answered" in progress(at)  # + continuity


def test_the_walk_through_offers_unknown_and_explains_na_on_red_lines_and_shows_sources(folders):
    at = start(open_page("assess"), "Example Archive", ["content"])
    at.button(key="assess_next_0").click()
    run(at)
    radio = at.radio(key="assess_level__licence")
    labels = " ".join(radio.format_func(option) for option in radio.options)
    assert "Not applicable (not allowed for this red line: the result stays incomplete)" in labels
    assert "Unknown: ask the partner" in labels
    pd_radio = at.radio(key="assess_level__public-domain")
    assert any("only when: no public" in pd_radio.format_func(o) for o in pd_radio.options)
    assert (
        "Sources: [Licensing policy](https://foundation.wikimedia.org/wiki/Policy:Licensing_policy)"
        in texts(at)
    )


def test_a_near_miss_is_offered_as_a_possible_match_never_as_nobody(folders):
    at = start(open_page("assess"), "Lindenfeld Universitat Bibliothek", ["content"])
    shown = texts(at)
    assert "No assessment of a partner with this or a similar name was found here" not in shown
    assert "possible match" in shown


def test_a_resumed_draft_warns_when_another_affiliate_assessed_the_partner_since(folders):
    write(
        folders / "draft.yaml",
        case(
            "case-draft",
            "{}",
            status="draft",
            extra="",
        )
        .replace("affiliate: Wikimedia Deutschland", "affiliate: Wikimedia Norge")
        .replace("created: 2025-01-10", "created: 2024-12-01")
        .replace("updated: 2025-01-20", f"updated: {dt.date(2024, 12, 2).isoformat()}"),
    )
    at = open_page("assess", id="case-draft")
    warnings = [w.value for w in at.warning]
    assert any(
        w.startswith("Since this draft was started on Dec 1, 2024, **Wikimedia Deutschland** has assessed")
        for w in warnings
    ), warnings


def test_the_frameworks_page_shows_referrals_sizes_and_when_na_is_allowed(folders):
    at = open_page("frameworks")
    referrals = next(frame.value for frame in at.dataframe if "Refer to" in frame.value.columns)
    assert list(referrals["Refer to"]) == [
        "Wikimedia Foundation (access to non-public data)",
        "Wikimedia Enterprise",
    ]
    assert "partnership type Commercial reuse" in list(referrals["When"])
    shown = texts(at)
    assert "“Not applicable” allowed when: " + literal("no public-domain works are involved") in shown
    assert "“Not applicable” is not allowed (the result stays incomplete)" in shown
    assert ":gray-badge[sizes: project, long\\-term]" in shown


def test_the_review_step_shows_the_referral_and_a_red_line_answered_na(folders):
    write(
        folders / "review.yaml",
        case(
            "case-review",
            "{licence: {level: na}, public-domain: {level: 4}, continuity: {level: 4}, reader-data: {level: 0}}",
            status="draft",
        ).replace("affiliate: Wikimedia Deutschland", "affiliate: Wikimedia Norge"),
    )
    at = open_page("assess", id="case-review")  # every question answered: it opens on the review
    shown = texts(at)
    assert "Recommendation so far: **" + literal("Refer: not ours to decide") in shown
    assert "Not ours to decide: refer to [Wikimedia Foundation" in shown
    assert literal("Red line licence answered not applicable, which this framework does not allow") in shown


def test_an_overlay_adding_a_referral_shows_it_among_its_changes(folders, tmp_path):
    write(
        tmp_path / "frameworks" / "local.yaml",
        'schema: 1\nid: verdict-local\nversion: "0.1.0"\nextends: verdict\ntitle: Local\n'
        "referrals:\n  - {id: grants, body: Wikimedia Foundation grants, url: 'https://meta.wikimedia.org/wiki/Grants:Start',"
        " reason: Foundation money, when: {partnership_types: [funding]}}\n",
    )
    at = open_page("frameworks")
    at.selectbox(key="frameworks_choice").set_value("verdict-local")
    run(at)
    assert "New referral: refer to **Wikimedia Foundation grants** when partnership type Funding" in texts(at)
