"""Outcome reviews: how a partnership turned out, when a review is due, and how each band's verdicts held up.

A review is **due** for a final assessment without one once its framework's review period (``review_period_months``,
default ``DEFAULT_REVIEW_PERIOD_MONTHS``) has passed since the assessment's date. The **calibration** counts, per
recommendation band, the reviewed partnerships by "would we partner again"; with sharing, a band with fewer than
``min_group`` reviews that include one the viewer may not open shows no counts (``partnerfit.privacy``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from partnerfit.assessment import PARTNER_AGAIN, Assessment, Outcome
from partnerfit.i18n import N_

if TYPE_CHECKING:
    import pandas as pd  # imported where used: the CLI's score never needs it

DEFAULT_REVIEW_PERIOD_MONTHS = 12
PARTNER_AGAIN_LABELS = {
    "yes": N_("Yes"),
    "with-changes": N_("With changes"),
    "no": N_("No"),
}
HELD_LABELS = {"yes": N_("Held"), "partly": N_("Partly held"), "no": N_("Did not hold")}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due_on(day: dt.date, period_months: int | None) -> dt.date:
    return add_months(day, period_months or DEFAULT_REVIEW_PERIOD_MONTHS)


class Reviewable(Protocol):
    """What deciding a review is due needs of a listing record (``AssessmentRecord`` has all of it)."""

    id: str
    status: str
    framework_id: str
    reviewed: dt.date | None

    @property
    def date(self) -> dt.date | None: ...


@dataclass(frozen=True)
class DueReview:
    record: object  # the record passed in
    due: dt.date


def reviews_due(
    records: Iterable[Reviewable], periods: Mapping[str, int | None], today: dt.date
) -> list[DueReview]:
    """Final assessments without an outcome review whose framework's review period has passed, longest overdue
    first. ``periods`` maps framework ids to their review period (unknown ids get the default)."""
    due = []
    for record in records:
        if record.status != "final" or record.reviewed is not None or record.date is None:
            continue
        on = review_due_on(record.date, periods.get(record.framework_id))
        if on <= today:
            due.append(DueReview(record, on))
    return sorted(due, key=lambda d: (d.due, d.record.id))  # type: ignore[attr-defined]


def with_outcome(assessment: Assessment, outcome: Outcome | None) -> Assessment:
    return assessment.model_copy(update={"outcome": outcome})


def outcome_json(assessment: Assessment) -> dict[str, object] | None:
    """What ``score --json`` prints as ``outcome`` (null without a review)."""
    outcome = assessment.outcome
    if outcome is None:
        return None
    return {
        "date": outcome.date.isoformat(),
        "conditions": [
            {"condition": line.condition, "held": line.held, "note": line.note} for line in outcome.conditions
        ],
        "went_well": outcome.went_well,
        "went_badly": outcome.went_badly,
        "partner_again": outcome.partner_again,
        "by": outcome.by,
    }


# -- calibration ---------------------------------------------------------------------------------------------
CALIBRATION_COLUMNS = ["recommendation", *PARTNER_AGAIN, "total", "hidden"]


def calibration(
    reviewed: pd.DataFrame,
    readable_ids: Collection[str] | None = None,
    *,
    min_group: int | None = None,
    order: Sequence[str] = (),
) -> pd.DataFrame:
    """Per recommendation: how many reviewed partnerships would be done again (yes / with changes / no).

    ``reviewed`` has one row per final assessment with a review: columns id, recommendation, partner_again.
    With ``readable_ids`` (sharing applies), a recommendation with fewer than ``min_group`` (default
    ``privacy.DEFAULT_MIN_GROUP``) reviews, one of which
    the viewer may not read, is ``hidden``: its counts are NaN. Rows follow ``order``, then the rest by name.
    """
    import pandas as pd

    from partnerfit.privacy import DEFAULT_MIN_GROUP  # pandas, like this function

    min_group = DEFAULT_MIN_GROUP if min_group is None else min_group
    if reviewed.empty:
        return pd.DataFrame(columns=CALIBRATION_COLUMNS)
    counts = pd.crosstab(reviewed["recommendation"], reviewed["partner_again"])
    counts = counts.reindex(columns=list(PARTNER_AGAIN), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    if readable_ids is None:
        counts["hidden"] = False
    else:
        readable = reviewed["id"].isin(set(readable_ids))
        all_readable = readable.groupby(reviewed["recommendation"]).all()
        counts["hidden"] = (counts["total"] < min_group) & ~all_readable.reindex(counts.index).fillna(False)
    result = counts.astype({"hidden": bool}).astype({c: float for c in [*PARTNER_AGAIN, "total"]})
    result.loc[result["hidden"], [*PARTNER_AGAIN, "total"]] = float("nan")
    ranked = [r for r in order if r in result.index] + sorted(r for r in result.index if r not in order)
    return result.reindex(ranked).rename_axis("recommendation").reset_index()[CALIBRATION_COLUMNS]
