"""Scoring: pure, vectorised functions from answers to scores, red lines and a recommendation.

The rules (README, "Scoring") are implemented once, on matrices: one row per assessment, one column per
criterion. Scoring one assessment is the same code on a one-row matrix, so there is one truth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from partnerfit.assessment import NOT_APPLICABLE
from partnerfit.framework import Framework


class Scorable(Protocol):
    """An assessment or an index record: scoring needs only these two."""

    id: str
    partnership_type: str

    @property
    def levels(self) -> Mapping[str, int | str]: ...

BLOCKED = "blocked"
INCOMPLETE = "incomplete"
ROUNDING = 6  # overall and completeness are rounded to this many decimals before comparing with thresholds


@dataclass(frozen=True)
class ScoreResult:
    assessment_id: str
    framework_id: str
    framework_version: str
    overall: float | None
    dimensions: dict[str, float | None]
    completeness: float
    red_lines: tuple[str, ...]
    unanswered_red_lines: tuple[str, ...]
    not_applicable_red_lines: tuple[str, ...]
    recommendation: str
    applicable: int
    answered: int

    def to_json(self) -> dict[str, object]:
        return {
            "assessment": self.assessment_id,
            "framework": {"id": self.framework_id, "version": self.framework_version},
            "overall": self.overall,
            "dimensions": dict(self.dimensions),
            "completeness": self.completeness,
            "red_lines": list(self.red_lines),
            "unanswered_red_lines": list(self.unanswered_red_lines),
            "not_applicable_red_lines": list(self.not_applicable_red_lines),
            "recommendation": self.recommendation,
        }


class CompiledFramework:
    """A framework as arrays: what scoring needs, computed once per framework."""

    def __init__(self, framework: Framework):
        self.framework = framework
        criteria = framework.criteria
        self.criterion_ids = [c.id for c in criteria]
        self.column = {cid: i for i, cid in enumerate(self.criterion_ids)}
        self.dimension_ids = [d.id for d in framework.dimensions]
        self.weights = np.array([c.weight for c in criteria], dtype=float)
        self.membership = np.zeros((len(criteria), len(framework.dimensions)), dtype=float)
        dim_index = {d: j for j, d in enumerate(self.dimension_ids)}
        for i, c in enumerate(criteria):
            self.membership[i, dim_index[c.dimension_id]] = 1.0
        self.dimension_weights = np.array([d.weight for d in framework.dimensions], dtype=float)
        self.red_line_threshold = np.array(
            [c.red_line.at_or_below if c.red_line else -np.inf for c in criteria], dtype=float
        )
        self.has_red_line = np.array([c.red_line is not None for c in criteria], dtype=bool)
        self.lowest, self.highest = framework.lowest, framework.highest
        self.type_ids = [t.id for t in framework.partnership_types]
        self.applicability = np.array(
            [[framework.applies(c, t) for c in criteria] for t in self.type_ids], dtype=bool
        ).reshape(len(self.type_ids), len(criteria))
        self.type_row = {t: k for k, t in enumerate(self.type_ids)}

    def encode(self, assessments: Sequence[Scorable]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Levels (NaN where no level), not-applicable mask and type row for each assessment.

        Answers to criteria this framework lacks are ignored here (see ``check_against_framework``); an unknown
        partnership type raises ``KeyError``.
        """
        n_rows, n_cols = len(assessments), len(self.criterion_ids)
        levels = np.full((n_rows, n_cols), np.nan)
        not_applicable = np.zeros((n_rows, n_cols), dtype=bool)
        types = np.empty(n_rows, dtype=np.intp)
        column = self.column
        for row, assessment in enumerate(assessments):
            types[row] = self.type_row[assessment.partnership_type]
            for crit_id, level in assessment.levels.items():
                col = column.get(crit_id)
                if col is None:
                    continue
                if level == NOT_APPLICABLE:
                    not_applicable[row, col] = True
                else:
                    levels[row, col] = level
        return levels, not_applicable, types


@lru_cache(maxsize=64)
def compile_framework(framework: Framework) -> CompiledFramework:
    return CompiledFramework(framework)


@dataclass(frozen=True)
class ScoreArrays:
    """Scores of many assessments of one framework, as arrays (NaN for null)."""

    overall: np.ndarray
    dimensions: np.ndarray
    completeness: np.ndarray
    red_line_hits: np.ndarray
    red_line_unanswered: np.ndarray
    red_line_not_applicable: np.ndarray
    recommendation: np.ndarray
    applicable_count: np.ndarray
    answered_count: np.ndarray


def score_arrays(compiled: CompiledFramework, levels: np.ndarray, not_applicable: np.ndarray,
                 types: np.ndarray) -> ScoreArrays:
    """Apply the scoring rules to encoded answers."""
    framework = compiled.framework
    applicable = compiled.applicability[types] if len(types) else np.zeros(levels.shape, dtype=bool)
    has_level = ~np.isnan(levels) & applicable
    span = compiled.highest - compiled.lowest
    scores = np.where(has_level, (np.nan_to_num(levels) - compiled.lowest) / span, 0.0)
    weighted = has_level * compiled.weights
    with np.errstate(invalid="ignore", divide="ignore"):
        dim_weight = weighted @ compiled.membership
        dimensions = np.where(dim_weight > 0, 100.0 * ((scores * weighted) @ compiled.membership) / dim_weight,
                              np.nan)
        has_dim = ~np.isnan(dimensions)
        overall_weight = has_dim @ compiled.dimension_weights
        overall = np.where(
            overall_weight > 0,
            (np.nan_to_num(dimensions) * compiled.dimension_weights).sum(axis=1) / overall_weight,
            np.nan,
        )
        applicable_count = applicable.sum(axis=1)
        answered_count = (has_level | (not_applicable & applicable)).sum(axis=1)
        completeness = np.where(applicable_count > 0, answered_count / np.maximum(applicable_count, 1), 0.0)
    red_applicable = applicable & compiled.has_red_line
    hits = red_applicable & has_level & (np.nan_to_num(levels, nan=np.inf) <= compiled.red_line_threshold)
    red_na = red_applicable & not_applicable
    red_unanswered = red_applicable & ~has_level & ~not_applicable
    recommendation = np.empty(len(types), dtype=object)
    rounded_overall = np.round(overall, ROUNDING)
    band_mins = [(band.min, band.id) for band in framework.bands]  # highest min first
    for row in range(len(types)):
        if hits[row].any():
            recommendation[row] = BLOCKED
        elif (np.round(completeness[row], ROUNDING) < framework.min_completeness or red_unanswered[row].any()
              or np.isnan(overall[row])):
            recommendation[row] = INCOMPLETE
        else:
            recommendation[row] = next(band_id for band_min, band_id in band_mins if band_min <= rounded_overall[row])
    return ScoreArrays(overall, dimensions, completeness, hits, red_unanswered, red_na, recommendation,
                       applicable_count, answered_count)


def _none_if_nan(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def score_assessments(framework: Framework, assessments: Sequence[Scorable]) -> list[ScoreResult]:
    """Score many assessments against one framework."""
    compiled = compile_framework(framework)
    arrays = score_arrays(compiled, *compiled.encode(assessments))
    ids = np.array(compiled.criterion_ids, dtype=object)
    results = []
    for row, assessment in enumerate(assessments):
        results.append(
            ScoreResult(
                assessment_id=assessment.id,
                framework_id=framework.id,
                framework_version=framework.version,
                overall=_none_if_nan(arrays.overall[row]),
                dimensions={d: _none_if_nan(v) for d, v in zip(compiled.dimension_ids, arrays.dimensions[row],
                                                               strict=True)},
                completeness=float(arrays.completeness[row]),
                red_lines=tuple(ids[arrays.red_line_hits[row]]),
                unanswered_red_lines=tuple(ids[arrays.red_line_unanswered[row]]),
                not_applicable_red_lines=tuple(ids[arrays.red_line_not_applicable[row]]),
                recommendation=str(arrays.recommendation[row]),
                applicable=int(arrays.applicable_count[row]),
                answered=int(arrays.answered_count[row]),
            )
        )
    return results


def score_assessment(framework: Framework, assessment: Scorable) -> ScoreResult:
    """Score one assessment against one framework."""
    return score_assessments(framework, [assessment])[0]
