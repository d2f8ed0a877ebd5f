"""What explains a recommendation (issue 10): red lines answered N/A, referrals, questions for the partner, sizes
and several types shaping the questions, conditions by severity, and the JSON the CLI prints."""

from __future__ import annotations

from conftest import framework_from_yaml
from verdict_fixtures import VERDICT_FRAMEWORK

from partnerfit.assessment import Assessment
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER, score_assessment
from partnerfit.verdict import explain

FW = framework_from_yaml(VERDICT_FRAMEWORK)
GOOD = {"licence": 4, "public-domain": 4, "continuity": 4, "reader-data": 4}


def assessment(levels: dict, types=("content",), size=None, notes: dict | None = None) -> Assessment:
    answers = {
        cid: {"level": level, **({"notes": notes[cid]} if notes and cid in notes else {})}
        for cid, level in levels.items()
    }
    return Assessment.model_validate(
        {
            "id": "verdict-case",
            "framework": {"id": "verdict", "version": "1.0.0"},
            "partner": {"name": "Example Museum"},
            "affiliate": "Example Chapter",
            "region": "North America",
            "partnership_types": list(types),
            "size": size,
            "answers": answers,
        }
    )


def verdict_of(a: Assessment):
    return explain(FW, a, score_assessment(FW, a))


def test_a_red_line_answered_na_without_na_when_caps_at_incomplete_and_says_why():
    verdict = verdict_of(assessment({**GOOD, "licence": "na"}))
    assert verdict.recommendation == INCOMPLETE
    assert "red line licence answered not applicable, which this framework does not allow" in verdict.reasons
    [item] = verdict.red_lines_not_applicable
    assert (item.criterion_id, item.allowed) == ("licence", False)
    assert verdict.to_json()["red_lines_na"] == [{"criterion": "licence", "allowed": False, "na_when": None}]


def test_a_red_line_answered_na_where_allowed_is_listed_with_its_condition():
    verdict = verdict_of(assessment({**GOOD, "public-domain": "na"}))
    assert verdict.recommendation == "aligned"
    [item] = verdict.red_lines_not_applicable
    assert (item.allowed, item.na_when) == (True, "no public-domain works are involved")


def test_a_referral_by_answer_makes_it_refer_with_body_link_and_reason():
    verdict = verdict_of(assessment({**GOOD, "reader-data": 0}))
    assert verdict.recommendation == REFER
    assert verdict.to_json()["referral"] == {
        "id": "data-access",
        "body": "Wikimedia Foundation (access to non-public data)",
        "url": "https://meta.wikimedia.org/wiki/Access_to_nonpublic_personal_data_policy",
        "reason": "Only the Foundation can grant access to non-public reader data",
    }
    assert any(
        reason.startswith("not ours to decide: refer to Wikimedia Foundation") for reason in verdict.reasons
    )


def test_a_referral_by_type_applies_to_any_of_the_types_and_blocked_still_wins():
    referred = verdict_of(assessment(GOOD, types=("content", "commercial-reuse")))
    assert referred.recommendation == REFER
    assert [r.id for r in referred.referrals] == ["enterprise"]
    blocked = verdict_of(assessment({**GOOD, "licence": 0}, types=("content", "commercial-reuse")))
    assert blocked.recommendation == BLOCKED
    assert [r.id for r in blocked.referrals] == ["enterprise"]  # listed beside the red line
    assert blocked.reasons[0].startswith("red line licence is hit")


def test_unknown_answers_are_questions_for_the_partner_and_count_as_unanswered():
    a = assessment({**GOOD, "reader-data": "unknown"}, notes={"reader-data": "ask their data officer"})
    verdict = verdict_of(a)
    assert [(q.criterion_id, q.notes) for q in verdict.questions] == [
        ("reader-data", "ask their data officer")
    ]
    assert verdict.score.answered == 3
    assert verdict.to_json()["unknown"] == ["reader-data"]


def test_sizes_and_types_shape_the_questions():
    one_off_event = assessment({"reader-data": 4, "venue": 4}, types=("events",), size="one-off")
    score = score_assessment(FW, one_off_event)
    assert score.applicable == 2  # no licence questions (not content), no continuity (not a one-off's)
    assert score.recommendation == "aligned"
    sponsored = [c.id for c in FW.applicable_criteria(["events", "funding"], "project")]
    assert sponsored == ["continuity", "reader-data", "venue", "sponsor-terms"]


def test_a_blocked_result_lists_the_red_lines_to_lift_first():
    verdict = verdict_of(assessment({"licence": 0, "public-domain": 2, "continuity": 0, "reader-data": 1}))
    assert verdict.recommendation == BLOCKED
    assert [c.criterion_id for c in verdict.red_lines_to_lift] == ["licence"]
    assert [c["criterion"] for c in verdict.to_json()["conditions"]] == [
        "licence",
        "continuity",
        "reader-data",
        "public-domain",
    ]
    assert verdict.to_json()["conditions"][0]["ask"]  # what to ask for: the rubric text or scale description
