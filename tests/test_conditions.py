from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, write
from hypothesis import given, settings
from test_scoring_properties import framework_and_answers

from partnerfit.assessment import Assessment
from partnerfit.catalog import load_frameworks
from partnerfit.conditions import (
    LOWEST_LEVEL,
    WEAK,
    default_target,
    effective_weights,
    negotiation_conditions,
    severity,
)
from partnerfit.scoring import score_assessment

# Two dimensions of equal weight; 'reach' has one criterion, 'depth' three: a level in 'reach' moves the
# overall score three times as much as one in 'depth'.
UNEVEN = """\
schema: 1
id: uneven
version: "1.0.0"
title: Uneven
scale:
  levels:
    - {value: 0, label: Absent}
    - {value: 1, label: Weak}
    - {value: 2, label: Partial}
    - {value: 3, label: Strong}
    - {value: 4, label: Exemplary}
bands:
  - {id: aligned, min: 75, label: Aligned}
  - {id: not-aligned, min: 0, label: Not aligned}
partnership_types:
  - {id: any, label: Any}
dimensions:
  - id: reach
    title: Reach
    criteria:
      - id: solo
        question: Solo?
        rubric: {0: none, 3: {en: solo strong, fr: solo solide}, 4: solo best}
  - id: depth
    title: Depth
    criteria:
      - {id: d1, question: D1?, rubric: {3: d1 strong}}
      - {id: d2, question: D2?}
      - {id: d3, question: D3?}
"""


def framework(tmp_path: Path, text: str, framework_id: str):
    write(tmp_path / "fw" / f"{framework_id}.yaml", text)
    catalog = load_frameworks(tmp_path / "fw")
    assert not catalog.errors, catalog.problem_lines()
    return catalog.frameworks[framework_id]


def assessment(framework_id: str, ptype: str, answers: dict) -> Assessment:
    return Assessment.model_validate(
        {
            "id": "cond-test",
            "framework": {"id": framework_id, "version": "1.0.0"},
            "partner": {"name": "P"},
            "affiliate": "A",
            "region": "South Asia",
            "partnership_type": ptype,
            "answers": {k: ({"level": v} if not isinstance(v, dict) else v) for k, v in answers.items()},
        }
    )


def test_default_target_is_the_second_highest_level(tmp_path):
    assert default_target(framework(tmp_path, UNEVEN, "uneven")) == 3


def test_default_target_on_a_yes_no_scale_is_yes(tmp_path):
    from ui_fixtures import TINY_BILINGUAL  # levels 0 (No) and 1 (Yes): the target is never the lowest level

    write(tmp_path / "tiny.yaml", TINY_BILINGUAL)
    assert default_target(load_frameworks(tmp_path).get("tiny")) == 1


def test_effective_weights_are_shares_of_the_overall_score(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    shares = effective_weights(fw, fw.applicable_criteria(["any"]), {"solo": 1, "d1": 1, "d2": 1, "d3": 1})
    assert shares["solo"] == pytest.approx(0.5)
    assert shares["d1"] == pytest.approx(1 / 6)
    assert sum(shares.values()) == pytest.approx(1.0)


def test_ranking_is_gap_times_effective_weight(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    # solo: gap 1 x 1/2 = 0.5; d1: gap 2 x 1/6 = 0.33; d2: gap 2 x 1/6 (tie, framework order); d3 at target
    conditions = negotiation_conditions(
        fw, assessment("uneven", "any", {"solo": 2, "d1": 1, "d2": 1, "d3": 3})
    )
    assert [c.criterion_id for c in conditions] == ["solo", "d1", "d2"]
    assert [c.target_level for c in conditions] == [3, 3, 3]
    assert conditions[0].points == pytest.approx(100 * 1 / 4 * 0.5)
    assert conditions[2].points == pytest.approx(100 * 2 / 4 / 6)


def test_an_answer_at_the_lowest_level_ranks_above_heavier_weak_answers(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    # solo (1/2 of the score, gap 1) and d1 (1/6, gap 3) gain the same points, and solo comes first in the
    # framework, so points alone would put solo first; but an answer of 0 is more severe
    conditions = negotiation_conditions(
        fw, assessment("uneven", "any", {"solo": 2, "d1": 0, "d2": 1, "d3": 3})
    )
    assert conditions[1].points == pytest.approx(conditions[0].points)
    assert [c.criterion_id for c in conditions] == ["d1", "solo", "d2"]
    assert [severity(c, fw.lowest) for c in conditions] == [LOWEST_LEVEL, WEAK, WEAK]


def test_points_match_the_score_gained_by_reaching_the_target(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    before = assessment("uneven", "any", {"solo": 1, "d1": 2, "d2": 0, "d3": 4})
    after = assessment("uneven", "any", {"solo": 3, "d1": 2, "d2": 0, "d3": 4})
    solo = next(c for c in negotiation_conditions(fw, before) if c.criterion_id == "solo")
    gained = score_assessment(fw, after).overall - score_assessment(fw, before).overall
    assert solo.points == pytest.approx(gained)


def test_condition_carries_rubric_text_of_the_target_level_in_the_language(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    conditions = negotiation_conditions(fw, assessment("uneven", "any", {"solo": 0, "d2": 1}), language="fr")
    solo, d2 = conditions
    assert (solo.current_label, solo.target_label, solo.target_text) == ("Absent", "Strong", "solo solide")
    assert solo.target_text_is_rubric
    assert not d2.target_text_is_rubric  # no rubric for level 3: the scale's (empty) description instead


def test_red_line_hits_come_first_with_their_reason(tmp_path):
    fw = framework(tmp_path, BASE_FRAMEWORK, "base")
    # licence-fit at 0 is a red line hit (weight 2, dimension weight 3); retention at 1 has a bigger gap
    conditions = negotiation_conditions(
        fw, assessment("base", "content", {"licence-fit": 0, "pd-respect": 1, "retention": 0})
    )
    assert conditions[0].criterion_id == "licence-fit"
    assert conditions[0].red_line
    assert conditions[0].red_line_reason.startswith("Non-free terms")
    assert {c.criterion_id for c in conditions[1:]} == {"pd-respect", "retention"}


def test_target_is_never_below_current_plus_one_and_clears_the_red_line(tmp_path):
    high_red_line = BASE_FRAMEWORK.replace(
        "red_line: {at_or_below: 0, reason: Non-free", "red_line: {at_or_below: 3, reason: Non-free"
    )
    fw = framework(tmp_path, high_red_line, "base")
    conditions = negotiation_conditions(fw, assessment("base", "content", {"licence-fit": 3}))
    assert [(c.criterion_id, c.current_level, c.target_level) for c in conditions] == [("licence-fit", 3, 4)]


def test_answers_at_target_na_unanswered_and_inapplicable_are_not_listed(tmp_path):
    fw = framework(tmp_path, BASE_FRAMEWORK, "base")
    # reader-data does not apply to content; retention is 'na'; pd-respect unanswered
    conditions = negotiation_conditions(
        fw, assessment("base", "content", {"licence-fit": 4, "reader-data": 0, "retention": "na"})
    )
    assert conditions == []


def test_a_higher_target_lists_more(tmp_path):
    fw = framework(tmp_path, UNEVEN, "uneven")
    answers = assessment("uneven", "any", {"solo": 3, "d1": 4, "d2": 3, "d3": 2})
    assert [c.criterion_id for c in negotiation_conditions(fw, answers)] == ["d3"]
    assert [c.criterion_id for c in negotiation_conditions(fw, answers, target=4)] == ["solo", "d3", "d2"]


@settings(deadline=None, max_examples=80)
@given(framework_and_answers())
def test_conditions_are_ranked_red_lines_then_lowest_level_then_points(case):
    framework, answers = case
    assessment = Assessment.model_validate(
        {
            "id": "random-case",
            "framework": {"id": framework.id, "version": framework.version},
            "partner": {"name": "P"},
            "affiliate": "A",
            "region": "North America",
            "partnership_types": list(answers.partnership_types),
            "size": answers.size,
            "answers": {cid: {"level": level} for cid, level in answers.levels.items()},
        }
    )
    found = negotiation_conditions(framework, assessment)
    ranks = [severity(c, framework.lowest) for c in found]
    assert ranks == sorted(ranks)
    for rank in set(ranks):
        points = [c.points for c in found if severity(c, framework.lowest) == rank]
        assert points == sorted(points, reverse=True)
    assert all(
        (c.current_level <= framework.lowest) == (severity(c, framework.lowest) != WEAK) or c.red_line
        for c in found
    )
