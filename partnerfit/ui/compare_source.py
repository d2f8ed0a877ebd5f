"""Where Compare's answers come from: the store's own query (SQL on the database, for every viewer), or the cached
score table in memory (the folder store). A signed-in viewer's aggregates may include assessments they cannot
open, only in groups of at least ``min_group`` (``partnerfit.privacy``), on both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from partnerfit import compare_query
from partnerfit.access import Viewer
from partnerfit.aggregate import OVERALL, dimension_scores, is_in
from partnerfit.catalog import FrameworkCatalog
from partnerfit.compare_query import CompareAnswer, CompareFilters, CompareOptions
from partnerfit.export import to_csv, write_csv
from partnerfit.privacy import (
    DEFAULT_MIN_GROUP,
    guarded_region_dimension_means,
    guarded_score_summary,
)
from partnerfit.results import ScoreTable
from partnerfit.store import Store


@dataclass(frozen=True)
class Pool:
    """Every scored assessment, readable or not, for aggregates of large enough groups."""

    table: ScoreTable
    min_group: int


@dataclass(frozen=True)
class Answer:
    """A ``CompareAnswer`` and what the privacy rule left out of it."""

    found: CompareAnswer
    others: int = 0  # assessments the viewer cannot open that the aggregates include
    hidden_dimensions: tuple[str, ...] = ()  # spreads not shown: a group too small with an unreadable one
    min_group: int = 0


class StoreSource:
    """Answers from the store's query: the database answers in SQL, only the grid's rows are fetched; for a
    ``viewer`` who may not read everything, what they may read, and aggregates of large enough groups.
    ``cached`` (the app's cache, keyed on the store's compare key) keeps answers already given."""

    def __init__(
        self,
        store: Store,
        catalog: FrameworkCatalog,
        cached: Callable[..., Any] | None = None,
        *,
        viewer: Viewer | None = None,
        min_group: int = DEFAULT_MIN_GROUP,
    ):
        self.store, self.catalog = store, catalog
        self.cached = cached or (lambda function, *args: function(*args))
        self.viewer = None if viewer is None or viewer.admin else viewer
        self.min_group = min_group

    def options(self, base: str | None) -> CompareOptions:
        return self.cached(self._options, base, self.viewer)

    def _options(self, base: str | None, viewer: Viewer | None) -> CompareOptions:
        return self.store.compare_options(base, self.catalog, viewer=viewer)

    def answer(self, filters: CompareFilters, limit: int) -> Answer:
        found = self.cached(self._answer, filters, limit, self.viewer, self.min_group)
        if self.viewer is None:
            return Answer(found)
        return Answer(found, found.others, found.hidden_dimensions, self.min_group)

    def _answer(
        self, filters: CompareFilters, limit: int, viewer: Viewer | None, min_group: int
    ) -> CompareAnswer:
        return self.store.compare(filters, self.catalog, limit=limit, viewer=viewer, min_group=min_group)

    def trend(self, filters: CompareFilters, period: str, by_region: bool) -> pd.DataFrame:
        return self.cached(self._trend, filters, period, by_region, self.viewer)

    def _trend(
        self, filters: CompareFilters, period: str, by_region: bool, viewer: Viewer | None
    ) -> pd.DataFrame:
        return self.store.compare_trend(
            filters, self.catalog, period=period, by_region=by_region, viewer=viewer
        )

    def csv(self, filters: CompareFilters, total: int) -> str:
        found = self.store.compare(
            filters, self.catalog, limit=max(total, 1), viewer=self.viewer, min_group=self.min_group
        )
        rows = found.rows.assign(
            date=found.rows["date"].dt.strftime("%Y-%m-%d"),
            partnership_types=found.rows["partnership_types"].map("; ".join),
        )
        return write_csv(list(rows.columns), rows.itertuples(index=False))


class TableSource:
    """Answers over the cached score table of what the viewer may read (and ``pool`` for the aggregates)."""

    def __init__(self, table: ScoreTable, pool: Pool | None = None):
        self.table, self.pool = table, pool

    def options(self, base: str | None) -> CompareOptions:
        return compare_query.options(self.table, base)

    def answer(self, filters: CompareFilters, limit: int) -> Answer:
        found = compare_query.answer(self.table, filters, limit=limit)
        if self.pool is None:
            return Answer(found)
        return _guarded(found, filters, self.pool, compare_query.matching(self.table, filters)["id"])

    def trend(self, filters: CompareFilters, period: str, by_region: bool) -> pd.DataFrame:
        return compare_query.trend(self.table, filters, period=period, by_region=by_region)

    def csv(self, filters: CompareFilters, total: int) -> str:
        del total
        rows = compare_query.newest_first(compare_query.matching(self.table, filters))
        dims = self.table.dimensions
        return to_csv(ScoreTable(rows, dims[is_in(dims["assessment_id"], rows["id"])]))


def _guarded(found: CompareAnswer, filters: CompareFilters, pool: Pool, readable: pd.Series) -> Answer:
    """Means and spreads over every matching assessment (readable or not), small groups with an unreadable one
    hidden; counts and rows stay the readable ones'."""
    everyone = compare_query.matching(pool.table, filters)
    counted = everyone[everyone["counted"].astype(bool)]
    dims = pool.table.dimensions
    dims = dims[is_in(dims["assessment_id"], counted["id"])]
    shared = compare_query.shared_dimensions(dims, len(counted))
    readable_ids = frozenset(readable)
    scores = dimension_scores(pool.table.dimensions, counted, shared, columns=("region",))
    means = guarded_region_dimension_means(scores, readable_ids, min_group=pool.min_group)
    overall = counted[counted["overall"].notna()]
    long = pd.concat(
        [
            pd.DataFrame(
                {"assessment_id": overall["id"], "dimension_id": OVERALL, "score": overall["overall"]}
            ),
            scores[["assessment_id", "dimension_id", "score"]],
        ],
        ignore_index=True,
    )
    summary, left_out = guarded_score_summary(long, readable_ids, min_group=pool.min_group)
    others = int((~everyone["id"].isin(readable_ids)).sum())
    guarded = replace(found, dimensions=shared, region_means=means, summary=summary)
    return Answer(guarded, others, tuple(left_out), pool.min_group)
