"""Aggregates that may include assessments the viewer cannot open, but only for groups large enough.

A group (a heatmap cell, a dimension's spread) is shown over every assessment in it when it has at least
``min_group`` of them, or when the viewer may read all of them; otherwise it has no figure, only "fewer than N".
Nothing here carries a partner name: the inputs are scores keyed on assessment ids.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from partnerfit.aggregate import is_in, score_summary

DEFAULT_MIN_GROUP = 5


def fewer_than(min_group: int) -> str:
    return f"fewer than {min_group}"


def _hidden_small(groups: pd.core.groupby.SeriesGroupBy, readable: pd.Series, keys, min_group: int):
    count = groups.count()
    all_readable = readable.groupby(keys, sort=False, observed=True).all()
    return count, (count < min_group) & ~all_readable


def guarded_region_dimension_means(
    scores: pd.DataFrame, readable_ids: Collection[str], *, min_group: int = DEFAULT_MIN_GROUP
) -> pd.DataFrame:
    """Mean and count per (region, dimension_id) from ``dimension_scores(..., columns=('region',))`` of every
    assessment; a small cell with an unreadable assessment gets no mean and no count, and the note
    "fewer than N". Columns: region, dimension_id, mean, count, note."""
    columns = ["region", "dimension_id", "mean", "count", "note"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    keys = [scores["region"], scores["dimension_id"]]
    readable = pd.Series(is_in(scores["assessment_id"], readable_ids), index=scores.index)
    groups = scores["score"].groupby(keys, sort=False, observed=True)
    count, hidden = _hidden_small(groups, readable, keys, min_group)
    result = pd.DataFrame({"mean": groups.mean(), "count": count.astype(float), "hidden": hidden})
    result.loc[result["hidden"], ["mean", "count"]] = np.nan
    result["note"] = np.where(result["hidden"], fewer_than(min_group), "")
    result.index.names = ["region", "dimension_id"]
    return result.reset_index()[columns]


def guarded_score_summary(
    scores: pd.DataFrame, readable_ids: Collection[str], *, min_group: int = DEFAULT_MIN_GROUP
) -> tuple[pd.DataFrame, list[str]]:
    """``score_summary`` per dimension_id over every assessment, without the groups too small to show; returns
    the summary and the dimension ids left out ("fewer than N")."""
    if scores.empty:
        return score_summary(scores), []
    readable = pd.Series(is_in(scores["assessment_id"], readable_ids), index=scores.index)
    groups = scores["score"].groupby(scores["dimension_id"], sort=False, observed=True)
    _, hidden = _hidden_small(groups, readable, scores["dimension_id"], min_group)
    left_out = [str(d) for d in hidden[hidden].index]
    return score_summary(scores[~is_in(scores["dimension_id"], left_out)]), left_out
