"""The seven scoring rules (issue 3, "Scoring"), each on a small framework written here.

BASE_FRAMEWORK (conftest): scale 0-4; bands aligned >= 75, conditional >= 50, not-aligned >= 0;
min_completeness 0.8.
  openness (weight 3): licence-fit (weight 2, red line at or below 0), pd-respect (applies to content)
  privacy  (weight 1): reader-data (applies to research, red line at or below 1), retention
"""

from __future__ import annotations

import pytest
from conftest import BASE_FRAMEWORK, Answers, framework_from_yaml, load_catalog

from partnerfit.errors import PartnerfitError
from partnerfit.framework import Framework
from partnerfit.scoring import BLOCKED, INCOMPLETE, score_assessment, score_assessments

BASE = framework_from_yaml(BASE_FRAMEWORK)
LENIENT = framework_from_yaml(BASE_FRAMEWORK.replace("bands:", "min_completeness: 0.5\nbands:"))


OVERLAY_REFINING = """\
schema: 1
id: local
version: "1"
extends: base
title: Local
partnership_types: [{id: glam-small, label: Small GLAM, refines: content}]
"""


def tiny(levels=(0, 1, 2, 3, 4), criteria: str = "[{id: a, question: A}]", extra: str = ""):
    """One dimension ``d``; types content and other; bands high (>= 50) and low; ``extra`` top-level YAML."""
    level_list = ", ".join(f"{{value: {v}, label: L{v}}}" for v in levels)
    return framework_from_yaml(
        f"schema: 1\nid: tiny\nversion: '1'\ntitle: T\nscale: {{levels: [{level_list}]}}\n"
        f"bands: [{{id: high, min: 50, label: H}}, {{id: low, min: 0, label: L}}]\n"
        f"partnership_types: [{{id: content, label: C}}, {{id: other, label: O}}]\n{extra}"
        f"dimensions: [{{id: d, title: D, criteria: {criteria}}}]\n"
    )


def score(framework, levels: dict, partnership_type: str = "content"):
    return score_assessment(framework, Answers(levels, partnership_type))


FULL = {"licence-fit": 4, "pd-respect": 4, "reader-data": 4, "retention": 4}


# -- rule 1: applicable criteria -----------------------------------------------------------------------------


def test_rule1_applies_to_selects_criteria_by_type():
    content, research = score(BASE, FULL, "content"), score(BASE, FULL, "research")
    assert (content.applicable, research.applicable) == (3, 3)  # licence-fit, retention, one of their own


def test_rule1_answers_to_criteria_of_another_type_carry_nothing():
    # pd-respect applies to content only: answering it 0 lowers openness for content but not for research.
    levels = {**FULL, "pd-respect": 0}
    assert score(BASE, levels, "content").dimensions["openness"] == pytest.approx(100 * 2 / 3)
    assert score(BASE, levels, "research").dimensions["openness"] == 100.0
    assert score(BASE, levels, "research").completeness == 1.0


def test_rule1_a_refined_type_gets_the_criteria_of_its_base_type(tmp_path):
    catalog = load_catalog(tmp_path, {"base.yaml": BASE_FRAMEWORK, "local.yaml": OVERLAY_REFINING})
    local = catalog.get("local")
    result = score(local, {**FULL, "pd-respect": 0}, "glam-small")
    assert result.applicable == 3
    assert result.dimensions["openness"] == pytest.approx(100 * 2 / 3)  # pd-respect (content) counts


# -- rule 2: a criterion's score -----------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "expected"), [(1, 0.0), (2, 25.0), (4, 75.0), (5, 100.0)])
def test_rule2_score_is_relative_to_the_lowest_and_highest_level(level, expected):
    framework = tiny((1, 2, 3, 4, 5))
    assert score(framework, {"a": level}).dimensions["d"] == expected  # (level - 1) / (5 - 1)


def test_rule2_uneven_scale_uses_values_not_positions():
    framework = tiny((-2, 0, 8))
    assert score(framework, {"a": 0}).dimensions["d"] == 20.0  # (0 - -2) / (8 - -2)


@pytest.mark.parametrize("other", [None, "na"])
def test_rule2_na_and_unanswered_carry_no_score(other):
    framework = tiny(criteria="[{id: a, question: A}, {id: b, question: B}]")
    levels = {"a": 4} if other is None else {"a": 4, "b": other}
    assert score(framework, levels).dimensions["d"] == 100.0
    assert score(framework, {"a": 4, "b": 0}).dimensions["d"] == 50.0


# -- rule 3: dimension score ---------------------------------------------------------------------------------


def test_rule3_dimension_is_the_weighted_mean_of_criterion_scores():
    # licence-fit weight 2 at 4/4, pd-respect weight 1 at 1/4: 100 * (2 * 1 + 1 * 0.25) / 3 = 75
    result = score(BASE, {"licence-fit": 4, "pd-respect": 1})
    assert result.dimensions["openness"] == pytest.approx(75.0)


def test_rule3_dimension_is_null_when_none_of_its_criteria_has_a_score():
    result = score(BASE, {"licence-fit": 4, "retention": "na", "reader-data": 4})  # research only
    assert result.dimensions == {"openness": 100.0, "privacy": None}


# -- rule 4: overall -----------------------------------------------------------------------------------------


def test_rule4_overall_is_the_weighted_mean_of_dimension_scores():
    # openness (weight 3) = 100 * (2 * 3/4 + 1 * 1/4) / 3 = 58.33..; privacy (weight 1) = 50
    result = score(BASE, {"licence-fit": 3, "pd-respect": 1, "retention": 2})
    openness = 100 * (2 * 0.75 + 1 * 0.25) / 3
    assert result.dimensions["openness"] == pytest.approx(openness)
    assert result.overall == pytest.approx((3 * openness + 1 * 50.0) / 4)


def test_rule4_dimensions_without_a_score_are_left_out_of_overall():
    result = score(BASE, {"licence-fit": 2, "pd-respect": 2})
    assert result.dimensions["privacy"] is None
    assert result.overall == pytest.approx(50.0)


def test_rule4_overall_is_null_when_no_dimension_has_a_score():
    result = score(BASE, {"licence-fit": "na", "pd-respect": "na"})
    assert result.overall is None
    assert result.dimensions == {"openness": None, "privacy": None}


# -- rule 5: completeness ------------------------------------------------------------------------------------


def test_rule5_completeness_counts_levels_and_na_over_applicable_criteria():
    result = score(BASE, {"licence-fit": 3, "retention": "na"})
    assert (result.answered, result.applicable) == (2, 3)
    assert result.completeness == pytest.approx(2 / 3)


def test_rule5_answers_to_inapplicable_or_unknown_criteria_do_not_count():
    result = score(BASE, {"licence-fit": 3, "reader-data": 4, "no-such-criterion": 4})
    assert result.completeness == pytest.approx(1 / 3)


def test_rule5_completeness_is_zero_when_nothing_applies():
    framework = tiny(criteria="[{id: a, question: A, applies_to: [content]}]")
    result = score(framework, {"a": 4}, "other")
    assert (result.applicable, result.completeness) == (0, 0.0)
    assert result.overall is None
    assert result.recommendation == INCOMPLETE


# -- rule 6: red lines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "hit"), [(0, True), (1, False), (4, False)])
def test_rule6_a_level_at_or_below_the_red_line_is_listed(level, hit):
    result = score(BASE, {**FULL, "licence-fit": level})
    assert result.red_lines == (("licence-fit",) if hit else ())


def test_rule6_red_line_threshold_is_inclusive():
    assert score(BASE, {**FULL, "reader-data": 1}, "research").red_lines == ("reader-data",)
    assert score(BASE, {**FULL, "reader-data": 2}, "research").red_lines == ()


def test_rule6_red_line_of_an_inapplicable_criterion_does_not_count():
    result = score(BASE, {**FULL, "reader-data": 0}, "content")
    assert result.red_lines == ()
    assert result.recommendation == "aligned"


# -- rule 7: recommendation ----------------------------------------------------------------------------------


def test_rule7_red_line_blocks_even_when_everything_else_is_perfect():
    result = score(BASE, {**FULL, "licence-fit": 0})
    assert result.overall == pytest.approx((3 * 100 / 3 + 1 * 100) / 4)  # openness (2*0 + 1*1)/3 -> 33.3
    assert result.recommendation == BLOCKED


def test_rule7_red_line_blocks_before_incomplete():
    result = score(BASE, {"licence-fit": 0})
    assert result.completeness < BASE.min_completeness
    assert result.recommendation == BLOCKED


def test_rule7_incomplete_below_min_completeness():
    result = score(BASE, {"licence-fit": 4, "pd-respect": 4})  # 2 of 3 < 0.8
    assert result.overall == 100.0
    assert result.recommendation == INCOMPLETE
    assert score(LENIENT, {"licence-fit": 4, "pd-respect": 4}).recommendation == "aligned"  # 2/3 >= 0.5


def test_rule7_completeness_equal_to_the_minimum_is_enough():
    criteria = "[{id: a, question: A}, {id: b, question: B}, {id: c, question: C}, {id: d, question: D}]"
    framework = tiny(criteria=criteria, extra="min_completeness: 0.75\n")
    assert score(framework, {"a": 4, "b": 4, "c": 4}).recommendation == "high"  # 3/4 == 0.75
    assert score(framework, {"a": 4, "b": 4}).recommendation == INCOMPLETE


def test_rule7_completeness_is_compared_after_rounding_so_a_third_written_as_decimals_is_reached():
    # 2 of 3 answered is 0.6666666666666666: below a minimum written 0.666667 unless rounded (to 6 places) first.
    criteria = "[{id: a, question: A}, {id: b, question: B}, {id: c, question: C}]"
    framework = tiny(criteria=criteria, extra="min_completeness: 0.666667\n")
    assert score(framework, {"a": 4, "b": 4}).recommendation == "high"
    assert score(framework, {"a": 4}).recommendation == INCOMPLETE


def test_rule4_overall_never_exceeds_100_even_when_float_sums_do():
    # Dimension weights 0.1 and 0.7 with both dimensions at 100 sum to 100.00000000000001 in floating point.
    framework = framework_from_yaml(
        "schema: 1\nid: w\nversion: '1'\ntitle: W\nscale: {levels: [{value: 0, label: N}, {value: 1, label: Y}]}\n"
        "bands: [{id: top, min: 100, label: Top}, {id: rest, min: 0, label: Rest}]\n"
        "partnership_types: [{id: content, label: C}]\ndimensions:\n"
        "  - {id: d1, title: D1, weight: 0.1, criteria: [{id: a, question: A, weight: 0.1}, {id: b, question: B, weight: 0.7}]}\n"
        "  - {id: d2, title: D2, weight: 0.7, criteria: [{id: c, question: C}]}\n"
    )
    result = score(framework, {"a": 1, "b": 1, "c": 1})
    assert result.overall == 100.0
    assert result.dimensions == {"d1": 100.0, "d2": 100.0}
    assert result.recommendation == "top"


def test_rule7_unanswered_applicable_red_line_is_incomplete():
    result = score(LENIENT, {"pd-respect": 4, "retention": 4})  # licence-fit unanswered, 2/3 >= 0.5
    assert result.overall == 100.0
    assert result.unanswered_red_lines == ("licence-fit",)
    assert result.recommendation == INCOMPLETE


def test_rule7_unanswered_inapplicable_red_line_is_fine():
    result = score(BASE, {"licence-fit": 4, "pd-respect": 4, "retention": 4})  # reader-data: research only
    assert result.unanswered_red_lines == ()
    assert result.recommendation == "aligned"


def test_rule7_na_on_a_red_line_without_na_when_caps_at_incomplete():
    result = score(BASE, {"licence-fit": "na", "pd-respect": 4, "retention": 3})
    assert result.not_applicable_red_lines == ("licence-fit",)
    assert result.disallowed_not_applicable_red_lines == ("licence-fit",)
    assert result.unanswered_red_lines == ()
    assert (
        result.recommendation == INCOMPLETE
    )  # aligned on the score (93.75), but the red line was sidestepped


def test_rule7_na_on_a_red_line_with_na_when_is_allowed_and_listed():
    framework = framework_from_yaml(
        BASE_FRAMEWORK.replace(
            "reason: Non-free terms for material meant for the projects}",
            "reason: Non-free terms for material meant for the projects, na_when: nothing is contributed}",
        )
    )
    result = score(framework, {"licence-fit": "na", "pd-respect": 4, "retention": 3})
    assert result.not_applicable_red_lines == ("licence-fit",)
    assert result.disallowed_not_applicable_red_lines == ()
    assert result.recommendation == "aligned"  # (3 * 100 + 1 * 75) / 4 = 93.75


def test_rule7_overall_null_is_incomplete_even_when_complete():
    result = score(BASE, {"licence-fit": "na", "pd-respect": "na", "retention": "na"})
    assert result.completeness == 1.0
    assert result.overall is None
    assert result.recommendation == INCOMPLETE


@pytest.mark.parametrize(
    ("licence", "pd", "retention", "band"),
    [
        (3, 3, 3, "aligned"),  # exactly 75: the band with the highest min <= overall
        (4, 4, 0, "aligned"),  # (3 * 100 + 0) / 4 = 75
        (2, 2, 2, "conditional"),  # exactly 50
        (2, 2, 1, "not-aligned"),  # (3 * 50 + 25) / 4 = 43.75
        (1, 1, 1, "not-aligned"),  # 25
    ],
)
def test_rule7_band_is_the_highest_min_at_or_below_overall(licence, pd, retention, band):
    result = score(BASE, {"licence-fit": licence, "pd-respect": pd, "retention": retention})
    assert result.recommendation == band


def test_rule7_float_noise_does_not_flip_a_band():
    # Dimension weights 0.1 and 0.2, scored 0 and 75: the float sum is 49.99999999999999, which is 50.
    framework = framework_from_yaml(
        "schema: 1\nid: f\nversion: '1'\ntitle: T\n"
        "scale: {levels: [{value: 0, label: a}, {value: 1, label: b}, {value: 2, label: c},"
        " {value: 3, label: d}, {value: 4, label: e}]}\n"
        "bands: [{id: conditional, min: 50, label: C}, {id: not-aligned, min: 0, label: N}]\n"
        "partnership_types: [{id: content, label: C}]\n"
        "dimensions:\n  - {id: x, title: X, weight: 0.1, criteria: [{id: a, question: A}]}\n"
        "  - {id: y, title: Y, weight: 0.2, criteria: [{id: b, question: B}]}\n"
    )
    result = score(framework, {"a": 0, "b": 3})
    assert result.overall != 50.0 and result.overall == pytest.approx(50.0)  # the noise is really there
    assert result.recommendation == "conditional"


def test_rule7_rounding_does_not_lift_a_real_shortfall():
    framework = tiny((0, 49999, 100000))
    assert score(framework, {"a": 49999}).overall == pytest.approx(49.999)
    assert score(framework, {"a": 49999}).recommendation == "low"


def test_rule7_band_choice_does_not_depend_on_the_order_bands_are_listed():
    ascending = tuple(sorted(BASE.bands, key=lambda b: b.min))
    framework = Framework(
        **{**{k: v for k, v in vars(BASE).items() if k in Framework.__dataclass_fields__}, "bands": ascending}
    )
    for levels, band in ((3, "aligned"), (2, "conditional"), (1, "not-aligned")):
        result = score(framework, {"licence-fit": levels, "pd-respect": levels, "retention": levels})
        assert result.recommendation == band


# -- the result and batches ----------------------------------------------------------------------------------


def test_result_json_has_the_documented_fields():
    data = score_assessment(BASE, Answers({**FULL, "retention": "na"}, id="x1")).to_json()
    assert data["assessment"] == "x1"
    assert data["framework"] == {"id": "base", "version": "1.0.0"}
    assert data["dimensions"] == {"openness": 100.0, "privacy": None}
    assert (data["overall"], data["completeness"], data["red_lines"]) == (100.0, 1.0, [])
    assert data["recommendation"] == "aligned"


def test_batch_of_mixed_types_scores_each_row_as_alone():
    batch = [
        Answers({**FULL, "pd-respect": 0}, "content", "c1"),
        Answers({**FULL, "reader-data": 1}, "research", "r1"),
        Answers({"licence-fit": 2}, "research", "r2"),
        Answers({}, "content", "c2"),
    ]
    together = score_assessments(BASE, batch)
    alone = [score_assessment(BASE, item) for item in batch]
    assert together == alone
    # c1: openness 100 * 2/3, privacy 100 -> (3 * 66.67 + 100) / 4 = 75, aligned
    assert [r.recommendation for r in together] == ["aligned", BLOCKED, INCOMPLETE, INCOMPLETE]


def test_empty_batch():
    assert score_assessments(BASE, []) == []


def test_unknown_partnership_type_is_not_silently_scored():
    with pytest.raises(PartnerfitError):
        score(BASE, FULL, "nonsense")
