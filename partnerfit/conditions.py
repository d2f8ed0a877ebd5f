"""Conditions to agree with a partner: the weak answers that matter most, with the level to reach.

Whatever the recommendation, a team leaves with a written list of what to negotiate: every applicable
criterion answered below the target level, ranked by severity -- red-line hits first, then answers at the
scale's lowest level, then the rest by how much reaching the target would raise the overall score (the gap to
the target times the criterion's *effective weight*). The effective weight is the criterion's weight times its
dimension's weight, each normalised the way scoring normalises them (within the criteria answered in its
dimension, and within the scored dimensions), so it is exactly the criterion's share of the overall score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from partnerfit.assessment import NOT_APPLICABLE, Assessment
from partnerfit.framework import Criterion, Framework


@dataclass(frozen=True)
class Condition:
    """One weak answer to turn into a written condition, with the texts in the chosen language."""

    criterion_id: str
    dimension_id: str
    dimension_title: str
    question: str
    current_level: int
    current_label: str
    target_level: int
    target_label: str
    target_text: (
        str  # the criterion's rubric text for the target level (the scale's description if it has none)
    )
    target_text_is_rubric: bool
    effective_weight: float  # the criterion's share of the overall score, 0..1
    points: float  # overall points (0-100 scale) gained by reaching the target level
    red_line: bool  # the current answer hits this criterion's red line
    red_line_reason: str
    notes: str

    @property
    def gap(self) -> int:
        return self.target_level - self.current_level

    def to_json(self) -> dict[str, object]:
        """What ``score --json`` prints: the criterion, its dimension, the levels and what to ask for."""
        return {
            "criterion": self.criterion_id,
            "dimension": self.dimension_id,
            "level": self.current_level,
            "target_level": self.target_level,
            "red_line": self.red_line,
            "ask": self.target_text,
        }


RED_LINE, LOWEST_LEVEL, WEAK = 0, 1, 2
"""Severity ranks of a condition, most severe first."""


def severity(condition: Condition, lowest: int) -> int:
    if condition.red_line:
        return RED_LINE
    return LOWEST_LEVEL if condition.current_level <= lowest else WEAK


def default_target(framework: Framework) -> int:
    """The level a condition asks for by default: the scale's second-highest ('Strong' on 0-4), never its lowest."""
    values = framework.level_values
    return values[-2] if len(values) >= 3 else values[-1]  # on a two-level scale, its top (above the lowest)


def _target_for(framework: Framework, criterion: Criterion, current: int, target: int, hit: bool) -> int:
    """The lowest scale level at or above ``target`` that is above ``current`` (and above the red line if
    hit)."""
    floor = max(target, current + 1)
    if hit and criterion.red_line is not None:
        floor = max(floor, criterion.red_line.at_or_below + 1)
    above = [value for value in framework.level_values if value >= floor]
    return above[0] if above else framework.highest


def effective_weights(
    framework: Framework, applicable: Sequence[Criterion], levels: Mapping[str, int | str]
) -> dict[str, float]:
    """Each applicable criterion answered with a level -> its share of the overall score (the shares sum to
    1)."""
    answered = {c.id: c for c in applicable if isinstance(levels.get(c.id), int)}
    dimension_totals: dict[str, float] = {}
    for criterion in answered.values():
        dimension_totals[criterion.dimension_id] = (
            dimension_totals.get(criterion.dimension_id, 0.0) + criterion.weight
        )
    scored = {d.id: d.weight for d in framework.dimensions if dimension_totals.get(d.id, 0.0) > 0}
    overall_total = sum(scored.values())
    if overall_total <= 0:
        return {}
    return {
        cid: (c.weight / dimension_totals[c.dimension_id]) * (scored[c.dimension_id] / overall_total)
        for cid, c in answered.items()
    }


def negotiation_conditions(
    framework: Framework, assessment: Assessment, *, language: str = "en", target: int | None = None
) -> list[Condition]:
    """The weak answers of ``assessment``, most severe first: red-line hits, then answers at the lowest level,
    then the rest by the overall points reaching the target would gain.

    ``target`` is the level to reach (default: ``default_target``); a criterion already at or above it is not
    listed unless its answer hits a red line. Unanswered and 'na' criteria are not conditions: the result page
    lists them separately.
    """
    goal = default_target(framework) if target is None else target
    levels = assessment.levels
    applicable = framework.applicable_criteria(assessment.partnership_types, assessment.size)
    shares = effective_weights(framework, applicable, levels)
    span = framework.highest - framework.lowest or 1
    found: list[tuple[tuple[float, ...], Condition]] = []
    for order, criterion in enumerate(applicable):
        current = levels.get(criterion.id)
        if current is None or current == NOT_APPLICABLE or not isinstance(current, int):
            continue
        hit = criterion.red_line is not None and current <= criterion.red_line.at_or_below
        if current >= goal and not hit:
            continue
        if current >= framework.highest:
            continue
        reach = _target_for(framework, criterion, current, goal, hit)
        share = shares.get(criterion.id, 0.0)
        points = 100.0 * (reach - current) / span * share
        condition = _condition(framework, criterion, assessment, current, reach, share, points, hit, language)
        found.append(((severity(condition, framework.lowest), -points, order), condition))
    found.sort(key=lambda item: item[0])
    return [condition for _key, condition in found]


def _condition(
    framework: Framework,
    criterion: Criterion,
    assessment: Assessment,
    current: int,
    reach: int,
    share: float,
    points: float,
    hit: bool,
    language: str,
) -> Condition:
    label = framework.label
    dimension = framework.dimension(criterion.dimension_id)
    current_level, target_level = framework.level(current), framework.level(reach)
    rubric_text = criterion.rubric.get(reach)
    if rubric_text is not None:
        target_text, from_rubric = label(rubric_text, language), True
    else:
        scale_text = target_level.description if target_level else None
        target_text, from_rubric = label(scale_text, language), False
    answer = assessment.answers.get(criterion.id)
    return Condition(
        criterion_id=criterion.id,
        dimension_id=criterion.dimension_id,
        dimension_title=label(dimension.title, language) if dimension else criterion.dimension_id,
        question=label(criterion.question, language),
        current_level=current,
        current_label=label(current_level.label, language) if current_level else str(current),
        target_level=reach,
        target_label=label(target_level.label, language) if target_level else str(reach),
        target_text=target_text,
        target_text_is_rubric=from_rubric,
        effective_weight=share,
        points=points,
        red_line=hit,
        red_line_reason=label(criterion.red_line.reason, language) if hit and criterion.red_line else "",
        notes=(answer.notes or "") if answer else "",
    )
