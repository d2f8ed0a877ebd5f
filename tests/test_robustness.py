"""Robustness (issue 10): would a one-level change of one answer, or +/-20% of one dimension weight, change the
recommendation? Hand cases, and a property against a brute-force check on random frameworks."""

from __future__ import annotations

from dataclasses import replace

from conftest import Answers, framework_from_yaml
from hypothesis import given, settings
from test_scoring_properties import framework_and_answers
from verdict_fixtures import VERDICT_FRAMEWORK

from partnerfit.robustness import assess_robustness
from partnerfit.scoring import score_assessment

FW = framework_from_yaml(VERDICT_FRAMEWORK)


def test_a_clear_result_is_robust():
    answers = Answers({"licence": 4, "public-domain": 4, "continuity": 4, "reader-data": 4}, "content")
    result = assess_robustness(FW, answers)
    assert (result.recommendation, result.fragile, result.deciding) == ("aligned", False, ())


def test_a_result_just_above_a_band_line_is_fragile_and_names_the_answers_that_decide_it():
    # openness (weight 2): 3, 3, 3 -> 75; privacy (1): 3 -> 75; overall 75.0, exactly on the 'aligned' line
    answers = Answers({"licence": 3, "public-domain": 3, "continuity": 3, "reader-data": 3}, "content")
    result = assess_robustness(FW, answers)
    assert result.recommendation == "aligned"
    assert result.fragile
    assert set(result.deciding_criteria) == {"licence", "public-domain", "continuity", "reader-data"}
    assert result.to_json()["fragile"] is True


def test_a_dimension_weight_can_decide_it():
    # openness 100 (weight 2), privacy 25 (weight 1): overall 75.0; less weight on openness drops below 75
    answers = Answers({"licence": 4, "public-domain": 4, "continuity": 4, "reader-data": 1}, "content")
    result = assess_robustness(FW, answers)
    assert score_assessment(FW, answers).overall == 75.0
    assert "openness" in result.deciding_dimensions
    assert "openness" in result.to_json()["deciding"]


def _brute_force(framework, answers):
    base = score_assessment(framework, answers).recommendation
    values = framework.level_values
    criteria = set()
    for criterion in framework.applicable_criteria(answers.partnership_types, answers.size):
        level = answers.levels.get(criterion.id)
        if not isinstance(level, int):
            continue
        i = values.index(level)
        for j in (i - 1, i + 1):
            if 0 <= j < len(values):
                changed = Answers(
                    {**answers.levels, criterion.id: values[j]}, answers.partnership_types, size=answers.size
                )
                if score_assessment(framework, changed).recommendation != base:
                    criteria.add(criterion.id)
    dimensions = set()
    for dimension in framework.dimensions:
        for factor in (0.8, 1.2):
            dims = tuple(
                replace(d, weight=d.weight * factor) if d.id == dimension.id else d
                for d in framework.dimensions
            )
            if score_assessment(replace(framework, dimensions=dims), answers).recommendation != base:
                dimensions.add(dimension.id)
    return criteria, dimensions


@settings(deadline=None, max_examples=80)
@given(framework_and_answers())
def test_deciding_answers_and_weights_are_exactly_those_whose_change_flips_the_result(case):
    framework, answers = case
    result = assess_robustness(framework, answers)
    criteria, dimensions = _brute_force(framework, answers)
    assert set(result.deciding_criteria) == criteria
    assert set(result.deciding_dimensions) == dimensions
    assert result.fragile == bool(criteria or dimensions)
