"""Conditions agreed with the partner, followed up: owner, due date, status (open / met / not met).

A tracked condition starts from the ranked list of ``partnerfit.conditions`` (its text is the rubric text of the
level to reach, editable) or is written from scratch. Home lists the open ones past their due date; the outcome
review asks of each whether it held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from partnerfit.assessment import Assessment, TrackedCondition, slugify
from partnerfit.conditions import Condition

STATUSES: tuple[str, ...] = ("open", "met", "not-met")


def new_condition_id(text: str, taken: Iterable[str]) -> str:
    """A readable id from the text, unique among ``taken``."""
    used = set(taken)
    stem = slugify(text, 30)
    candidate, number = stem, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def from_condition(condition: Condition, taken: Iterable[str]) -> TrackedCondition:
    """A tracked condition from one of the ranked conditions: its ask, linked to its criterion."""
    return TrackedCondition(
        id=new_condition_id(condition.criterion_id, taken),
        text=condition.target_text,
        criterion=condition.criterion_id,
    )


def with_tracked(assessment: Assessment, condition: TrackedCondition) -> Assessment:
    """The assessment with ``condition`` added, or replacing the tracked condition of the same id."""
    kept = [c for c in assessment.tracked_conditions if c.id != condition.id]
    if len(kept) == len(assessment.tracked_conditions):
        kept.append(condition)
    else:
        kept = [condition if c.id == condition.id else c for c in assessment.tracked_conditions]
    return assessment.model_copy(update={"tracked_conditions": kept})


def without_tracked(assessment: Assessment, condition_id: str) -> Assessment:
    kept = [c for c in assessment.tracked_conditions if c.id != condition_id]
    return assessment.model_copy(update={"tracked_conditions": kept})


def overdue(conditions: Sequence[TrackedCondition], today: dt.date) -> list[TrackedCondition]:
    """Open conditions whose due date is today or past, earliest first."""
    due = [c for c in conditions if c.status == "open" and c.due is not None and c.due <= today]
    return sorted(due, key=lambda c: (c.due, c.id))


@dataclass(frozen=True)
class ConditionCounts:
    open: int
    met: int
    not_met: int


def counts(conditions: Sequence[TrackedCondition]) -> ConditionCounts:
    statuses = [c.status for c in conditions]
    return ConditionCounts(statuses.count("open"), statuses.count("met"), statuses.count("not-met"))


def tracked_json(assessment: Assessment) -> list[dict[str, object]]:
    """What ``score --json`` prints as ``tracked_conditions``."""
    return [
        {
            "id": c.id,
            "text": c.text,
            "criterion": c.criterion,
            "owner": c.owner,
            "due": c.due.isoformat() if c.due else None,
            "status": c.status,
        }
        for c in assessment.tracked_conditions
    ]
