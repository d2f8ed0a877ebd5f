"""Filtering and aggregating scored assessments for comparison: pure, vectorised pandas on a ScoreTable's
frames.

Inputs are ``ScoreTable.assessments`` (one row per assessment) and ``ScoreTable.dimensions`` (long:
assessment_id, dimension_id, score). Nothing here re-scores or re-reads files, so it is cheap enough to run on
every widget change with thousands of assessments. Outputs are small, already aggregated frames, ready to
chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.arrays import ArrowExtensionArray, ArrowStringArray

FILTER_COLUMNS: dict[str, str] = {
    "regions": "region",
    "affiliates": "affiliate",
    "partnership_types": "partnership_types",
    "sizes": "size",
    "frameworks": "framework_id",
    "statuses": "status",
}
"""Keyword of ``filter_assessments`` -> the column it filters."""
LIST_COLUMNS = frozenset({"partnership_types"})
"""Columns holding a tuple per row: a filter on them matches a row having ANY of the chosen values."""


def filter_assessments(
    assessments: pd.DataFrame,
    *,
    base_framework: str | None = None,
    regions: Collection[str] = (),
    affiliates: Collection[str] = (),
    partnership_types: Collection[str] = (),
    sizes: Collection[str] = (),
    frameworks: Collection[str] = (),
    statuses: Collection[str] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """The rows matching every given filter; an empty selection means 'any'. Dates are inclusive."""
    mask = np.ones(len(assessments), dtype=bool)
    if base_framework is not None:
        mask &= (assessments["base_framework_id"] == base_framework).to_numpy()
    chosen = {
        "regions": regions,
        "affiliates": affiliates,
        "partnership_types": partnership_types,
        "sizes": sizes,
        "frameworks": frameworks,
        "statuses": statuses,
    }
    for keyword, values in chosen.items():
        if values:
            column = FILTER_COLUMNS[keyword]
            if column in LIST_COLUMNS:
                mask &= shares_any(assessments[column], values)
            else:
                mask &= is_in(assessments[column], list(values))
    if date_from is not None or date_to is not None:
        dates = pd.to_datetime(assessments["date"])
        if date_from is not None:
            mask &= (dates >= pd.Timestamp(date_from)).to_numpy()
        if date_to is not None:
            mask &= (dates < pd.Timestamp(date_to) + pd.Timedelta(days=1)).to_numpy()
    return assessments[mask]


def is_in(values: pd.Series, allowed: Iterable[object]) -> np.ndarray:
    """Boolean mask of ``values`` found in ``allowed``; Arrow's hash lookup for Arrow-backed strings (pandas'
    default), which is ~50x faster than ``Series.isin`` on 100,000 rows."""
    array = values.array
    if isinstance(array, ArrowExtensionArray | ArrowStringArray):
        target = pa.array(array)
        wanted = allowed.tolist() if isinstance(allowed, pd.Series) else list(allowed)
        try:
            found = pc.is_in(target, value_set=pa.array(wanted, type=target.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return values.isin(wanted).to_numpy()
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return values.isin(list(allowed)).to_numpy()


def shares_any(values: pd.Series, wanted: Iterable[object]) -> np.ndarray:
    """Boolean mask of the rows of a tuple column with at least one value in ``wanted``."""
    chosen = frozenset(wanted)
    return np.fromiter((not chosen.isdisjoint(row) for row in values), dtype=bool, count=len(values))


def shared_dimension_ids(dimensions: pd.DataFrame, assessment_ids: pd.Series) -> list[str]:
    """The dimension ids every given assessment has a row for (scored or not), in order of first appearance.

    One Arrow lookup, no group-by: fast enough for the Compare page at 10,000 assessments.
    """
    subset = dimensions[is_in(dimensions["assessment_id"], assessment_ids)]
    if subset.empty:
        return []
    counts = subset["dimension_id"].value_counts()
    total = subset["assessment_id"].nunique()
    return [d for d in pd.unique(subset["dimension_id"]) if counts[d] == total]


def dimension_scores(
    dimensions: pd.DataFrame,
    assessments: pd.DataFrame,
    dimension_ids: Sequence[str] | None = None,
    columns: Sequence[str] = ("region",),
) -> pd.DataFrame:
    """Long dimension scores of the given assessments (scored ones only), with ``columns`` of each assessment.

    Restricted to ``dimension_ids`` when given. Columns: assessment_id, dimension_id, score, *columns.
    """
    subset = dimensions[is_in(dimensions["assessment_id"], assessments["id"])]
    if dimension_ids is not None:
        subset = subset[is_in(subset["dimension_id"], list(dimension_ids))]
    subset = subset[subset["score"].notna()][["assessment_id", "dimension_id", "score"]]
    if columns:
        extra = assessments.set_index("id")[list(columns)]
        subset = subset.join(extra, on="assessment_id")
    return subset.reset_index(drop=True)


def region_dimension_means(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean score and count per (region, dimension_id) from ``dimension_scores(..., columns=('region',))``."""
    if scores.empty:
        return pd.DataFrame(columns=["region", "dimension_id", "mean", "count"])
    grouped = scores.groupby(["region", "dimension_id"], sort=False, observed=True)["score"]
    return grouped.agg(mean="mean", count="count").reset_index()


def score_summary(scores: pd.DataFrame, by: str = "dimension_id") -> pd.DataFrame:
    """Box-plot statistics per ``by`` value: count, min, q1, median, q3, max, mean (of the column 'score')."""
    columns = [by, "count", "min", "q1", "median", "q3", "max", "mean"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    grouped = scores.groupby(by, sort=False, observed=True)["score"]
    quantiles = grouped.quantile([0.25, 0.5, 0.75]).unstack()
    quantiles.columns = ["q1", "median", "q3"]
    stats = grouped.agg(count="count", min="min", max="max", mean="mean").join(quantiles)
    return stats.reset_index()[columns]


PERIODS = {"month": "M", "quarter": "Q", "year": "Y"}


def period_trend(
    assessments: pd.DataFrame, *, period: str = "quarter", by: str | None = None
) -> pd.DataFrame:
    """Mean overall score and count per period (and per ``by`` value), from dated, scored assessments.

    Columns: period (the period's first day), [by], mean, count.
    """
    columns = ["period", *([by] if by else []), "mean", "count"]
    scored = assessments[assessments["overall"].notna() & assessments["date"].notna()]
    if scored.empty:
        return pd.DataFrame(columns=columns)
    starts = pd.to_datetime(scored["date"]).dt.to_period(PERIODS[period]).dt.start_time
    keys = [starts.rename("period"), *([scored[by]] if by else [])]
    grouped = scored.groupby(keys, observed=True)["overall"].agg(mean="mean", count="count")
    return grouped.reset_index()[columns]


def peer_assessments(
    assessments: pd.DataFrame,
    current_id: str,
    *,
    same: str | None = None,
    statuses: Collection[str] = ("final",),
) -> pd.DataFrame:
    """Other assessments comparable with ``current_id``: same base framework, optionally the same ``same``
    column value (e.g. 'region'; for 'partnership_types', at least one type in common), with a status in
    ``statuses`` (empty: any)."""
    current = assessments[assessments["id"] == current_id]
    if current.empty:
        return assessments.iloc[0:0]
    row = current.iloc[0]
    mask = (assessments["base_framework_id"] == row["base_framework_id"]) & (assessments["id"] != current_id)
    if same in LIST_COLUMNS:
        mask &= shares_any(assessments[same], row[same])
    elif same is not None:
        mask &= assessments[same] == row[same]
    if statuses:
        mask &= assessments["status"].isin(list(statuses))
    return assessments[mask]


OVERALL = "(overall)"
"""The pseudo dimension id under which ``standing`` puts overall scores, beside the dimensions."""


def standing(
    peers: pd.DataFrame, dimensions: pd.DataFrame, dimension_ids: Sequence[str], *, max_points: int = 200
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What one assessment is compared with: box statistics of ``peers`` per dimension (and OVERALL first),
    and the individual scores too when there are at most ``max_points`` peers (else an empty frame).

    Returns (summary: dimension_id, count, min, q1, median, q3, max, mean;
             points: dimension_id, score, assessment_id, partner, affiliate, date, recommendation).
    """
    detail = ("partner", "affiliate", "date", "recommendation")
    scores = dimension_scores(dimensions, peers, dimension_ids, columns=detail)
    overall = peers[peers["overall"].notna()]
    overall = pd.DataFrame(
        {
            "dimension_id": OVERALL,
            "score": overall["overall"],
            "assessment_id": overall["id"],
            **{column: overall[column] for column in detail},
        }
    )
    long = pd.concat([overall, scores], ignore_index=True)
    summary = score_summary(long)
    points = long if len(peers) <= max_points else long.iloc[0:0]
    return summary, points.reset_index(drop=True)
