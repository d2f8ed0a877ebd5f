"""Whether a recommendation is robust: would a small change of one input change it?

A result is *fragile* when a one-level change of any single answer (to the next level up or down on the scale),
or a change of any one dimension's weight by +/-20%, changes the recommendation. The answers and dimensions whose
change flips it are the ones that *decide* it: the team should check those facts before signing. Unanswered,
'unknown' and 'not applicable' answers are not varied (they have no level to move).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from partnerfit.framework import Framework
from partnerfit.scoring import CompiledFramework, Scorable, compile_framework, score_arrays

WEIGHT_CHANGE = 0.2


@dataclass(frozen=True)
class Robustness:
    recommendation: str
    deciding_criteria: tuple[str, ...]  # criterion ids whose one-level change flips the recommendation
    deciding_dimensions: tuple[str, ...]  # dimension ids whose +/-20% weight change flips it

    @property
    def fragile(self) -> bool:
        return bool(self.deciding_criteria or self.deciding_dimensions)

    @property
    def deciding(self) -> tuple[str, ...]:
        return self.deciding_criteria + self.deciding_dimensions

    def to_json(self) -> dict[str, object]:
        return {
            "fragile": self.fragile,
            "deciding": list(self.deciding),
            "deciding_criteria": list(self.deciding_criteria),
            "deciding_dimensions": list(self.deciding_dimensions),
        }


@dataclass(frozen=True)
class _Variant:
    """An assessment with other levels (a ``Scorable``)."""

    id: str
    partnership_types: Sequence[str]
    size: str | None
    levels: Mapping[str, int | str]


def assess_robustness(
    framework: Framework, assessment: Scorable, *, weight_change: float = WEIGHT_CHANGE
) -> Robustness:
    """The recommendation of ``assessment`` and the answers and dimension weights that decide it."""
    compiled = compile_framework(framework)
    base = _recommendations(compiled, [assessment])[0]
    applicable = framework.applicable_criteria(assessment.partnership_types, assessment.size)
    values = framework.level_values
    variants: list[tuple[str, _Variant]] = []
    for criterion in applicable:
        level = assessment.levels.get(criterion.id)
        if not isinstance(level, int) or level not in values:
            continue
        index = values.index(level)
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(values):
                levels = {**assessment.levels, criterion.id: values[neighbour]}
                variants.append(
                    (criterion.id, _Variant("v", assessment.partnership_types, assessment.size, levels))
                )
    flipped = _recommendations(compiled, [v for _, v in variants]) if variants else []
    criteria = tuple(
        dict.fromkeys(cid for (cid, _), rec in zip(variants, flipped, strict=True) if rec != base)
    )
    dimensions = tuple(
        d.id
        for d in framework.dimensions
        if any(
            _recommendations(CompiledFramework(_reweighted(framework, d.id, factor)), [assessment])[0] != base
            for factor in (1 - weight_change, 1 + weight_change)
        )
    )
    return Robustness(base, criteria, dimensions)


def _reweighted(framework: Framework, dimension_id: str, factor: float) -> Framework:
    dimensions = tuple(
        replace(d, weight=d.weight * factor) if d.id == dimension_id else d for d in framework.dimensions
    )
    return replace(framework, dimensions=dimensions)


def _recommendations(compiled: CompiledFramework, assessments: Sequence[Scorable]) -> list[str]:
    return [str(r) for r in score_arrays(compiled, compiled.encode(assessments)).recommendation]
