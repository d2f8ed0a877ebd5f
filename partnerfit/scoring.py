"""Scoring: pure, vectorised functions from answers to scores, red lines and a recommendation.

The rules (README, "Scoring") are implemented once, on matrices: one row per assessment, one column per
criterion. Scoring one assessment is the same code on a one-row matrix, so there is one truth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Protocol

import numpy as np

from partnerfit.assessment import NOT_APPLICABLE
from partnerfit.errors import PartnerfitError
from partnerfit.framework import Framework


class Scorable(Protocol):
    """An assessment or an index record: scoring needs only these."""

    id: str

    @property
    def partnership_types(self) -> Sequence[str]: ...

    @property
    def size(self) -> str | None: ...

    @property
    def levels(self) -> Mapping[str, int | str]: ...


BLOCKED = "blocked"
INCOMPLETE = "incomplete"
REFER = "refer"
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
    disallowed_not_applicable_red_lines: tuple[str, ...] = ()  # N/A where the framework does not allow it
    referrals: tuple[str, ...] = ()  # ids of the referrals triggered, in framework order

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
            "disallowed_not_applicable_red_lines": list(self.disallowed_not_applicable_red_lines),
            "referrals": list(self.referrals),
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
        self.na_allowed = np.array(
            [c.red_line is not None and c.red_line.na_when is not None for c in criteria], dtype=bool
        )
        self.lowest, self.highest = framework.lowest, framework.highest
        self.level_values = np.array(framework.level_values, dtype=float)
        self.known_types = frozenset(t.id for t in framework.partnership_types)
        self.referral_ids = [r.id for r in framework.referrals]
        # per referral: the criterion column it reads (-1: a type referral) and its bounds (+-inf when unused)
        self.referral_column = np.array(
            [self.column.get(r.criterion, -1) if r.criterion else -1 for r in framework.referrals],
            dtype=np.intp,
        )
        self.referral_below = np.array(
            [r.at_or_below if r.at_or_below is not None else -np.inf for r in framework.referrals],
            dtype=float,
        )
        self.referral_above = np.array(
            [r.at_or_above if r.at_or_above is not None else np.inf for r in framework.referrals], dtype=float
        )
        self._contexts: dict[tuple[tuple[str, ...], str | None], tuple[np.ndarray, np.ndarray] | None] = {}

    def context(self, types: Sequence[str], size: str | None) -> tuple[np.ndarray, np.ndarray] | None:
        """(applicable criteria, type referrals triggered) for a partnership of these types and size, as bool
        vectors; None when a type is unknown. Computed once per distinct (types, size)."""
        key = (tuple(types), size)
        if key not in self._contexts:
            framework = self.framework
            if not types or not set(types) <= self.known_types:
                self._contexts[key] = None
            else:
                applicable = np.array(
                    [framework.applies(c, types, size) for c in framework.criteria], dtype=bool
                )
                lineage = {t for type_id in types for t in framework.type_lineage(type_id)}
                by_type = np.array(
                    [bool(lineage & set(r.partnership_types or ())) for r in framework.referrals], dtype=bool
                )
                self._contexts[key] = (applicable, by_type)
        return self._contexts[key]

    def encode(self, assessments: Sequence[Scorable]) -> Encoded:
        """Answers as matrices. Answers to criteria this framework lacks are ignored here (they are kept in the
        file; see ``check_against_framework``). Rows with an unknown partnership type or a level off the scale are
        marked ``invalid`` and must not be scored."""
        n_rows, n_cols = len(assessments), len(self.criterion_ids)
        levels = np.full((n_rows, n_cols), np.nan)
        not_applicable = np.zeros((n_rows, n_cols), dtype=bool)
        applicable = np.zeros((n_rows, n_cols), dtype=bool)
        type_referrals = np.zeros((n_rows, len(self.referral_ids)), dtype=bool)
        invalid = np.zeros(n_rows, dtype=bool)
        for row, assessment in enumerate(assessments):
            context = self.context(assessment.partnership_types, assessment.size)
            if context is None:
                invalid[row] = True
            else:
                applicable[row], type_referrals[row] = context
        answers = [a.levels for a in assessments]
        counts = np.fromiter((len(m) for m in answers), dtype=np.intp, count=n_rows)
        values = np.array(list(chain.from_iterable(m.values() for m in answers)), dtype=object)
        rows = np.repeat(np.arange(n_rows), counts)
        cols = self._columns(answers)
        known = cols >= 0
        if not known.all():
            rows, cols, values = rows[known], cols[known], values[known]
        is_na = values == NOT_APPLICABLE
        not_applicable[rows[is_na], cols[is_na]] = True
        numeric = values[~is_na].astype(float)
        levels[rows[~is_na], cols[~is_na]] = numeric
        off_scale = ~np.isin(numeric, self.level_values)
        invalid[rows[~is_na][off_scale]] = True
        return Encoded(levels, not_applicable, applicable, type_referrals, invalid)

    def _columns(self, answers: list[Mapping[str, int | str]]) -> np.ndarray:
        """Column of every answer, -1 for criteria this framework lacks. Most assessments of a framework answer
        the same criteria in the same order, so the columns of each distinct key sequence are computed once."""
        column = self.column
        by_keys: dict[tuple[str, ...], np.ndarray] = {}
        parts = []
        for mapping in answers:
            keys = tuple(mapping)
            cols = by_keys.get(keys)
            if cols is None:
                cols = by_keys[keys] = np.array([column.get(key, -1) for key in keys], dtype=np.intp)
            parts.append(cols)
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)


@dataclass(frozen=True)
class Encoded:
    levels: np.ndarray  # float, NaN where no level
    not_applicable: np.ndarray  # bool
    applicable: np.ndarray  # bool: the criterion applies to this row's partnership types and size
    type_referrals: np.ndarray  # bool per row and referral: triggered by the row's partnership types
    invalid: np.ndarray  # bool per row: unknown partnership type or a level off the scale

    def rows(self, keep: np.ndarray) -> Encoded:
        """The rows where ``keep`` is true."""
        return Encoded(
            self.levels[keep],
            self.not_applicable[keep],
            self.applicable[keep],
            self.type_referrals[keep],
            self.invalid[keep],
        )


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
    red_line_not_applicable_disallowed: np.ndarray
    referrals: np.ndarray  # bool per row and referral
    recommendation: np.ndarray
    applicable_count: np.ndarray
    answered_count: np.ndarray


def score_arrays(compiled: CompiledFramework, encoded: Encoded) -> ScoreArrays:
    """Apply the scoring rules to encoded answers (rows marked invalid get meaningless values: drop them)."""
    levels, not_applicable, applicable = encoded.levels, encoded.not_applicable, encoded.applicable
    framework = compiled.framework
    has_level = ~np.isnan(levels) & applicable
    span = compiled.highest - compiled.lowest
    scores = np.where(has_level, (np.nan_to_num(levels) - compiled.lowest) / span, 0.0)
    weighted = has_level * compiled.weights
    with np.errstate(invalid="ignore", divide="ignore"):
        dim_weight = weighted @ compiled.membership
        dimensions = np.where(
            dim_weight > 0, 100.0 * ((scores * weighted) @ compiled.membership) / dim_weight, np.nan
        )
        has_dim = ~np.isnan(dimensions)
        overall_weight = has_dim @ compiled.dimension_weights
        overall = np.where(
            overall_weight > 0,
            (np.nan_to_num(dimensions) * compiled.dimension_weights).sum(axis=1) / overall_weight,
            np.nan,
        )
        # Float sums of equal scores can land a hair outside 0-100 (100.00000000000001): keep them in range.
        dimensions, overall = np.clip(dimensions, 0.0, 100.0), np.clip(overall, 0.0, 100.0)
        applicable_count = applicable.sum(axis=1)
        answered_count = (has_level | (not_applicable & applicable)).sum(axis=1)
        completeness = np.where(applicable_count > 0, answered_count / np.maximum(applicable_count, 1), 0.0)
    red_applicable = applicable & compiled.has_red_line
    hits = red_applicable & has_level & (np.nan_to_num(levels, nan=np.inf) <= compiled.red_line_threshold)
    red_na = red_applicable & not_applicable
    red_na_disallowed = red_na & ~compiled.na_allowed
    red_unanswered = red_applicable & ~has_level & ~not_applicable
    referrals = encoded.type_referrals | _answer_referrals(compiled, levels, has_level)
    incomplete = (
        (np.round(completeness, ROUNDING) < framework.min_completeness)
        | red_unanswered.any(axis=1)
        | red_na_disallowed.any(axis=1)
        | np.isnan(overall)
    )
    rounded_overall = np.round(overall, ROUNDING)
    band = np.full(len(levels), framework.bands[-1].id, dtype=object)
    for band_info in reversed(framework.bands):  # lowest min first, so higher bands overwrite
        band[rounded_overall >= band_info.min] = band_info.id
    recommendation = np.select(
        [hits.any(axis=1), referrals.any(axis=1), incomplete], [BLOCKED, REFER, INCOMPLETE], band
    ).astype(object)
    return ScoreArrays(
        overall,
        dimensions,
        completeness,
        hits,
        red_unanswered,
        red_na,
        red_na_disallowed,
        referrals,
        recommendation,
        applicable_count,
        answered_count,
    )


def _answer_referrals(compiled: CompiledFramework, levels: np.ndarray, has_level: np.ndarray) -> np.ndarray:
    """Per row and referral: an applicable answer at or below / at or above the referral's level."""
    columns = compiled.referral_column
    if not len(columns):
        return np.zeros((len(levels), 0), dtype=bool)
    safe = np.maximum(columns, 0)
    answer = np.where(has_level[:, safe], levels[:, safe], np.nan)
    with np.errstate(invalid="ignore"):
        hit = (answer <= compiled.referral_below) | (answer >= compiled.referral_above)
    return hit & (columns >= 0)


def _none_if_nan(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def score_assessments(framework: Framework, assessments: Sequence[Scorable]) -> list[ScoreResult]:
    """Score many assessments against one framework."""
    compiled = compile_framework(framework)
    encoded = compiled.encode(assessments)
    if encoded.invalid.any():
        bad = [a.id for a, invalid in zip(assessments, encoded.invalid, strict=True) if invalid]
        raise PartnerfitError(
            f"cannot score {', '.join(bad)} with {framework.id} {framework.version}: unknown "
            "partnership type or a level off the scale (check_against_framework says which)"
        )
    arrays = score_arrays(compiled, encoded)
    ids = np.array(compiled.criterion_ids, dtype=object)
    referral_ids = np.array(compiled.referral_ids, dtype=object)
    results = []
    for row, assessment in enumerate(assessments):
        results.append(
            ScoreResult(
                assessment_id=assessment.id,
                framework_id=framework.id,
                framework_version=framework.version,
                overall=_none_if_nan(arrays.overall[row]),
                dimensions={
                    d: _none_if_nan(v)
                    for d, v in zip(compiled.dimension_ids, arrays.dimensions[row], strict=True)
                },
                completeness=float(arrays.completeness[row]),
                red_lines=tuple(ids[arrays.red_line_hits[row]]),
                unanswered_red_lines=tuple(ids[arrays.red_line_unanswered[row]]),
                not_applicable_red_lines=tuple(ids[arrays.red_line_not_applicable[row]]),
                recommendation=str(arrays.recommendation[row]),
                applicable=int(arrays.applicable_count[row]),
                answered=int(arrays.answered_count[row]),
                disallowed_not_applicable_red_lines=tuple(
                    ids[arrays.red_line_not_applicable_disallowed[row]]
                ),
                referrals=tuple(referral_ids[arrays.referrals[row]]),
            )
        )
    return results


def score_assessment(framework: Framework, assessment: Scorable) -> ScoreResult:
    """Score one assessment against one framework."""
    return score_assessments(framework, [assessment])[0]
