"""What a framework changes relative to another: an overlay against its parent, or one version against the
next. The diff is computed on resolved frameworks, so it shows the effect of an overlay (what a team assessing
with it will see differently), not the overlay file's wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerfit.framework import Criterion, Dimension, Framework, PartnershipType

CRITERION_FIELDS = ("weight", "applies_to", "sizes", "red_line", "locked", "question", "guidance", "rubric")
DIMENSION_FIELDS = ("weight", "title", "description")


@dataclass(frozen=True)
class FieldChange:
    """One changed field of a criterion or dimension: ``before`` in the parent, ``after`` in the child."""

    id: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class FrameworkDiff:
    parent_id: str
    child_id: str
    added_criteria: tuple[Criterion, ...] = ()
    removed_criteria: tuple[Criterion, ...] = ()
    criterion_changes: tuple[FieldChange, ...] = ()
    local_guidance: tuple[FieldChange, ...] = ()  # added or changed local guidance of criteria the parent has
    added_types: tuple[PartnershipType, ...] = ()
    removed_types: tuple[PartnershipType, ...] = ()
    added_dimensions: tuple[Dimension, ...] = ()
    removed_dimensions: tuple[Dimension, ...] = ()
    dimension_changes: tuple[FieldChange, ...] = ()
    min_completeness: tuple[float, float] | None = None

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.added_criteria,
                self.removed_criteria,
                self.criterion_changes,
                self.local_guidance,
                self.added_types,
                self.removed_types,
                self.added_dimensions,
                self.removed_dimensions,
                self.dimension_changes,
                self.min_completeness,
            )
        )

    def changes_of(self, criterion_id: str) -> list[FieldChange]:
        """Every change to one criterion (fields and local guidance)."""
        return [c for c in (*self.criterion_changes, *self.local_guidance) if c.id == criterion_id]


def diff_frameworks(parent: Framework, child: Framework) -> FrameworkDiff:
    """What ``child`` adds, removes and changes relative to ``parent``: criteria, dimensions, types."""
    parent_criteria = {c.id: c for c in parent.criteria}
    child_criteria = {c.id: c for c in child.criteria}
    changes: list[FieldChange] = []
    guidance: list[FieldChange] = []
    for crit_id, after in child_criteria.items():
        before = parent_criteria.get(crit_id)
        if before is None:
            continue
        changes.extend(_field_changes(crit_id, before, after, CRITERION_FIELDS))
        if before.local_guidance != after.local_guidance:
            guidance.append(
                FieldChange(crit_id, "local_guidance", before.local_guidance, after.local_guidance)
            )

    parent_dims = {d.id: d for d in parent.dimensions}
    child_dims = {d.id: d for d in child.dimensions}
    dimension_changes = [
        change
        for dim_id, after in child_dims.items()
        if dim_id in parent_dims
        for change in _field_changes(dim_id, parent_dims[dim_id], after, DIMENSION_FIELDS)
    ]
    parent_types = {t.id for t in parent.partnership_types}
    child_types = {t.id for t in child.partnership_types}
    completeness = None
    if parent.min_completeness != child.min_completeness:
        completeness = (parent.min_completeness, child.min_completeness)
    return FrameworkDiff(
        parent_id=parent.id,
        child_id=child.id,
        added_criteria=tuple(c for c in child.criteria if c.id not in parent_criteria),
        removed_criteria=tuple(c for c in parent.criteria if c.id not in child_criteria),
        criterion_changes=tuple(changes),
        local_guidance=tuple(guidance),
        added_types=tuple(t for t in child.partnership_types if t.id not in parent_types),
        removed_types=tuple(t for t in parent.partnership_types if t.id not in child_types),
        added_dimensions=tuple(d for d in child.dimensions if d.id not in parent_dims),
        removed_dimensions=tuple(d for d in parent.dimensions if d.id not in child_dims),
        dimension_changes=tuple(dimension_changes),
        min_completeness=completeness,
    )


def parent_of(framework: Framework, frameworks: dict[str, Framework]) -> Framework | None:
    """The framework an overlay extends (the second-to-last entry of its lineage), if it is loaded."""
    if not framework.is_overlay:
        return None
    return frameworks.get(framework.lineage[-2][0])


def _field_changes(item_id: str, before: Any, after: Any, fields: tuple[str, ...]) -> list[FieldChange]:
    return [
        FieldChange(item_id, name, getattr(before, name), getattr(after, name))
        for name in fields
        if getattr(before, name) != getattr(after, name)
    ]
