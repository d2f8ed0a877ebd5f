"""Which framework an assessment is scored against, and scoring whole collections into tidy tables.

A final assessment keeps the result it was given: it is scored against the snapshot its digest names. Without that
snapshot it is scored against the loaded framework of the same id and version, and the result says so; a snapshot
that exists but is damaged, edited or forged is an error, never a reason to fall back. A draft follows the current
version of its framework.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING

import numpy as np

from partnerfit.assessment import FrameworkRef
from partnerfit.catalog import FrameworkCatalog
from partnerfit.errors import FrameworkNotFoundError, Message, PartnerfitError, message_of
from partnerfit.framework import SCORE_TABLE_COLUMNS, Framework
from partnerfit.i18n import N_
from partnerfit.partner_view import partner_columns
from partnerfit.scoring import ROUNDING, CompiledFramework, ScoreArrays, compile_framework, score_arrays
from partnerfit.store import AssessmentRecord, AssessmentStore

if TYPE_CHECKING:  # pandas is imported where tables are built: the CLI's export never needs it
    import pandas as pd

SNAPSHOT = "snapshot"
LOADED_SAME_VERSION = "loaded"
CURRENT_VERSION = "current"


@dataclass(frozen=True)
class FrameworkBasis:
    framework: Framework
    basis: str  # SNAPSHOT | LOADED_SAME_VERSION | CURRENT_VERSION
    note: str = ""


def framework_for(
    ref: FrameworkRef, status: str, catalog: FrameworkCatalog, store: AssessmentStore | None
) -> FrameworkBasis:
    """The framework to score an assessment with, by the rules above; ``FrameworkNotFoundError`` if none fits.

    ``SnapshotError`` if the final assessment's snapshot exists but is damaged or was edited: its result is not
    silently recomputed against anything else.
    """
    framework_id, version, digest = ref.id, ref.version, ref.digest
    if framework_id in catalog.ambiguous:
        raise FrameworkNotFoundError(
            Message(
                N_(
                    "framework {framework} is given by several files ({files}), so none of them is used; give each its own id"
                ),
                framework=repr(framework_id),
                files=", ".join(catalog.ambiguous[framework_id]),
            )
        )
    loaded = catalog.get(framework_id)
    if status != "draft":  # final or withdrawn: scored against its snapshot
        if digest and store is not None:
            snapshot = store.read_snapshot(digest)
            if snapshot is not None:
                return FrameworkBasis(snapshot, SNAPSHOT)
        if loaded is not None and loaded.version == version:
            return FrameworkBasis(
                loaded,
                LOADED_SAME_VERSION,
                Message(
                    N_(
                        "No snapshot of the framework this assessment was finalised with; scored against the loaded "
                        "{framework} {version}, which may have been edited since."
                    ),
                    framework=framework_id,
                    version=version,
                ),
            )
        available = (
            Message(N_("loaded version is {version}"), version=loaded.version)
            if loaded
            else Message(N_("it is not loaded"))
        )
        raise FrameworkNotFoundError(
            Message(
                N_(
                    "framework {framework} version {version} is not available ({available}) and no snapshot of it "
                    "was found; this final assessment cannot be scored."
                ),
                framework=repr(framework_id),
                version=version,
                available=available,
            )
        )
    if loaded is None:
        raise FrameworkNotFoundError(
            Message(
                N_("unknown framework {framework}: no loaded framework file has that id"),
                framework=repr(framework_id),
            )
        )
    note = ""
    if loaded.version != version:
        note = Message(
            N_("Draft made against {framework} {version}; it follows the current version {current}."),
            framework=framework_id,
            version=version,
            current=loaded.version,
        )
    return FrameworkBasis(loaded, CURRENT_VERSION, note)


@dataclass
class ScoreTable:
    """Scores of many assessments: one row per assessment, and dimension scores in long (tidy) form."""

    assessments: pd.DataFrame
    dimensions: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message) of assessments not scored

    def wide(self) -> pd.DataFrame:
        """One row per assessment with one column per dimension id (NaN where not scored)."""
        if self.dimensions.empty:
            return self.assessments.copy()
        pivot = self.dimensions.pivot(index="assessment_id", columns="dimension_id", values="score")
        return self.assessments.join(pivot, on="id")


ASSESSMENT_COLUMNS = list(SCORE_TABLE_COLUMNS)


@dataclass(frozen=True)
class ScoredGroup:
    """The records one framework (and basis) scored, with their scores as arrays, row for row."""

    basis: FrameworkBasis
    compiled: CompiledFramework
    records: list[AssessmentRecord]
    arrays: ScoreArrays


def score_groups(
    records: Sequence[AssessmentRecord], catalog: FrameworkCatalog, store: AssessmentStore | None
) -> tuple[list[ScoredGroup], list[tuple[str, str]]]:
    """Score every record against its framework, grouped and vectorised, without building tables (what the
    CLI's export uses); unscorable records are returned as (path, problem)."""
    groups, problems = _group_by_framework(records, catalog, store)
    scored = [_score_group(basis, group, problems) for basis, group in groups]
    return [group for group in scored if group is not None], problems


def score_records(
    records: Sequence[AssessmentRecord], catalog: FrameworkCatalog, store: AssessmentStore | None
) -> ScoreTable:
    """Score every record against its framework (grouped, vectorised); unscorable ones are listed, not raised."""
    import pandas as pd

    scored, problems = score_groups(records, catalog, store)
    frames = [_frames(group) for group in scored]
    assessments = (
        pd.concat([f[0] for f in frames], ignore_index=True)
        if frames
        else pd.DataFrame(columns=ASSESSMENT_COLUMNS)
    )
    dimensions = (
        pd.concat([f[1] for f in frames], ignore_index=True)
        if frames
        else pd.DataFrame(columns=["assessment_id", "dimension_id", "score", "base_framework_id"])
    )
    return ScoreTable(assessments, dimensions, problems)


def _group_by_framework(
    records: Sequence[AssessmentRecord], catalog: FrameworkCatalog, store: AssessmentStore | None
) -> tuple[list[tuple[FrameworkBasis, list[AssessmentRecord]]], list[tuple[str, str]]]:
    """Records grouped by the framework (and basis) that scores them; the rest as (path, problem)."""
    groups: dict[tuple[str, str], tuple[FrameworkBasis, list[AssessmentRecord]]] = {}
    problems: list[tuple[str, str]] = []
    resolved: dict[tuple[str, str, str | None, str], FrameworkBasis | str] = {}
    first_path: dict[str, str] = {}
    for record in records:
        if first_path.setdefault(record.id, str(record.path)) != str(record.path):  # e.g. a copied file
            problems.append(
                (
                    str(record.path),
                    Message(
                        N_("assessment id {id} is also used by {file}; give this copy a new id"),
                        id=repr(record.id),
                        file=first_path[record.id],
                    ),
                )
            )
            continue
        source = (record.framework_id, record.framework_version, record.framework_digest, record.status)
        basis = resolved.get(source)
        if basis is None:
            try:
                basis = framework_for(_reference(record), record.status, catalog, store)
            except PartnerfitError as error:
                basis = message_of(error)
            resolved[source] = basis
        if isinstance(basis, str):
            problems.append((str(record.path), basis))
            continue
        groups.setdefault((basis.framework.digest, basis.basis), (basis, []))[1].append(record)
    return list(groups.values()), problems


def _reference(record: AssessmentRecord) -> FrameworkRef:
    """The framework reference of an indexed record (already validated when its file was read)."""
    return FrameworkRef.model_construct(
        id=record.framework_id, version=record.framework_version, digest=record.framework_digest
    )


def _score_group(
    basis: FrameworkBasis, group: list[AssessmentRecord], problems: list[tuple[str, str]]
) -> ScoredGroup | None:
    """One framework's records scored; records it cannot score are added to ``problems``."""
    framework = basis.framework
    compiled = compile_framework(framework)
    encoded = compiled.encode(group)
    if encoded.invalid.any():
        for record in compress(group, encoded.invalid):
            problems.append(
                (
                    str(record.path),
                    Message(
                        N_(
                            "unknown partnership type in {types} or a level off the scale of {framework} {version}"
                        ),
                        types=str(list(record.partnership_types)),
                        framework=framework.id,
                        version=framework.version,
                    ),
                )
            )
        keep = ~encoded.invalid
        group = list(compress(group, keep))
        encoded = encoded.rows(keep)
    if not group:
        return None
    return ScoredGroup(basis, compiled, group, score_arrays(compiled, encoded))


def counted(completeness: np.ndarray, framework: Framework) -> np.ndarray:
    """Whether each result is complete enough to count in comparisons' means (the framework's minimum
    completeness, rounded as scoring rounds it)."""
    return np.round(completeness, ROUNDING) >= framework.min_completeness


def _frames(scored: ScoredGroup) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One group as tables: one row per assessment, and its dimension scores in long form."""
    import pandas as pd

    framework, compiled, group, arrays = (
        scored.basis.framework,
        scored.compiled,
        scored.records,
        scored.arrays,
    )
    ids = np.array(compiled.criterion_ids, dtype=object)
    rows = pd.DataFrame(
        {
            "id": [r.id for r in group],
            "path": [str(r.path) for r in group],
            "partner": [r.partner_name for r in group],
            "partner_id": [r.partner_id for r in group],
            "partner_country": [r.partner_country for r in group],
            "affiliate": [r.affiliate for r in group],
            "region": [r.region for r in group],
            "partnership_types": [r.partnership_types for r in group],
            "size": [r.size for r in group],
            "status": [r.status for r in group],
            "date": pd.to_datetime([r.date for r in group]),
            "framework_id": framework.id,
            "framework_version": framework.version,
            "base_framework_id": framework.base_id,
            "basis": scored.basis.basis,
            "overall": arrays.overall,
            "completeness": arrays.completeness,
            "recommendation": arrays.recommendation.astype(str),
            "red_lines": [" ".join(ids[row]) for row in arrays.red_line_hits],
            "counted": counted(arrays.completeness, framework),
            **partner_columns(framework, group),
            "assessors": ["; ".join(r.team_assessors) or None for r in group],
            "outcome_date": [r.reviewed.isoformat() if r.reviewed else None for r in group],
            "partner_again": [r.partner_again for r in group],
            "conditions_open": [r.conditions_open for r in group],
            "conditions_met": [r.conditions_met for r in group],
            "conditions_not_met": [r.conditions_not_met for r in group],
        }
    )
    n_dims = len(compiled.dimension_ids)
    dimensions = pd.DataFrame(
        {
            "assessment_id": np.repeat(np.array([r.id for r in group], dtype=object), n_dims),
            "dimension_id": pd.Categorical.from_codes(
                np.tile(np.arange(n_dims), len(group)), categories=compiled.dimension_ids
            ).astype(object),
            "score": arrays.dimensions.reshape(-1),
            "base_framework_id": framework.base_id,
        }
    )
    return rows, dimensions
