"""The Compare page's question and its answer, the same for both stores: filters in; counts, means and one page
of rows out.

``CompareFilters`` is what a strategy liaison chose; ``CompareAnswer`` is everything the page shows for it. The
PostgreSQL store answers in SQL on stored scores (``SqlStore.compare``); here is the answer over a ``ScoreTable``
in memory (the folder store, and a signed-in viewer's readable rows), which the contract tests hold the database
to. Means, spreads and trends count only results complete enough (the framework's minimum completeness): the
others are counted apart. Withdrawn assessments are never compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from partnerfit.aggregate import OVERALL, filter_assessments, is_in, period_trend, score_summary
from partnerfit.compare import normalise_name
from partnerfit.results import ScoreTable

COMPARED_STATUSES: tuple[str, ...] = ("final", "draft")
"""What Compare may show; withdrawn assessments are kept in the store, never compared."""
DEFAULT_STATUSES: tuple[str, ...] = ("final",)
ROW_LIMIT = 500
"""Rows of the grid fetched at most (newest first); counts and charts cover every matching assessment."""
ROW_COLUMNS = [
    "id",
    "partner",
    "affiliate",
    "region",
    "partnership_types",
    "size",
    "date",
    "framework_id",
    "status",
    "overall",
    "recommendation",
    "completeness",
    "counted",
]
MEANS_COLUMNS = ["region", "dimension_id", "mean", "count"]
SUMMARY_COLUMNS = ["dimension_id", "count", "min", "q1", "median", "q3", "max", "mean"]


@dataclass(frozen=True)
class CompareFilters:
    """One Compare question: an empty selection means any; ``statuses`` empty means final and draft."""

    base_framework: str
    regions: tuple[str, ...] = ()
    affiliates: tuple[str, ...] = ()
    partnership_types: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    partner: str = ""  # words the partner's name or an alias contains, accents and case folded

    @property
    def compared_statuses(self) -> tuple[str, ...]:
        chosen = tuple(s for s in self.statuses if s in COMPARED_STATUSES)
        return chosen or COMPARED_STATUSES

    @property
    def partner_words(self) -> list[str]:
        """The search as the words of a normalised name ('Valparaíso' -> ['valparaiso'])."""
        return normalise_name(self.partner).split() if self.partner.strip() else []


@dataclass(frozen=True)
class CompareAnswer:
    """What Compare shows for one ``CompareFilters``."""

    total: int  # matching assessments
    counted: int  # of which complete enough to count in means and spreads
    affiliates: int
    mean_overall: float | None  # over the counted ones
    bands: dict[str, int]  # recommendation (band id, blocked, refer, incomplete, "" unscored) -> assessments
    red_lines: dict[str, int]  # criterion id -> matching assessments hitting that red line
    dimensions: list[str]  # dimension ids every counted assessment has, in framework order
    region_means: pd.DataFrame  # MEANS_COLUMNS, counted assessments only, shared dimensions only
    summary: pd.DataFrame  # SUMMARY_COLUMNS, OVERALL first, then the shared dimensions
    rows: pd.DataFrame  # ROW_COLUMNS: the first ``limit`` matching, newest first
    dimension_order: list[str] = field(default_factory=list)
    others: int = 0  # matching assessments the viewer cannot open that the means and spreads include
    hidden_dimensions: tuple[
        str, ...
    ] = ()  # spreads left out: too small a group with an unreadable assessment

    @property
    def incomplete(self) -> int:
        return self.total - self.counted


@dataclass(frozen=True)
class CompareOptions:
    """What the filters offer: base frameworks with their assessment counts (final or draft), and for the chosen
    base its affiliates, framework ids and the first and last date."""

    bases: dict[str, int]
    affiliates: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None


def options(table: ScoreTable, base: str | None) -> CompareOptions:
    """The filter options over a score table in memory."""
    frame = table.assessments
    frame = frame[is_in(frame["status"], COMPARED_STATUSES)] if not frame.empty else frame
    bases = {str(k): int(v) for k, v in frame["base_framework_id"].value_counts().items()}
    if base is None or base not in bases:
        return CompareOptions(bases)
    family = frame[(frame["base_framework_id"] == base).to_numpy()]
    dates = pd.to_datetime(family["date"]).dropna()
    return CompareOptions(
        bases,
        tuple(sorted(family["affiliate"].dropna().unique())),
        tuple(sorted(family["framework_id"].dropna().unique())),
        dates.min().date() if not dates.empty else None,
        dates.max().date() if not dates.empty else None,
    )


def matching(table: ScoreTable, filters: CompareFilters) -> pd.DataFrame:
    """The rows of ``table.assessments`` matching ``filters``."""
    frame = table.assessments
    rows = filter_assessments(
        frame,
        base_framework=filters.base_framework,
        regions=filters.regions,
        affiliates=filters.affiliates,
        partnership_types=filters.partnership_types,
        sizes=filters.sizes,
        frameworks=filters.frameworks,
        statuses=filters.compared_statuses,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    words = filters.partner_words
    if words and not rows.empty:
        keys = rows["partner"].map(normalise_name)
        mask = np.ones(len(rows), dtype=bool)
        for word in words:
            mask &= keys.str.contains(word, regex=False).to_numpy()
        rows = rows[mask]
    return rows


def answer(table: ScoreTable, filters: CompareFilters, *, limit: int = ROW_LIMIT) -> CompareAnswer:
    """The answer to ``filters`` over a score table in memory."""
    rows = matching(table, filters)
    counted = rows[rows["counted"].astype(bool)] if not rows.empty else rows
    dims = table.dimensions
    dims = dims[is_in(dims["assessment_id"], counted["id"])] if not counted.empty else dims.iloc[0:0]
    shared = shared_dimensions(dims, len(counted))
    scored = dims[is_in(dims["dimension_id"], shared) & dims["score"].notna().to_numpy()]
    scored = scored.join(counted.set_index("id")["region"], on="assessment_id")
    if scored.empty:
        means = pd.DataFrame(columns=MEANS_COLUMNS)
    else:
        grouped = scored.groupby(["region", "dimension_id"], sort=True, observed=True)["score"]
        means = grouped.agg(mean="mean", count="count").reset_index()[MEANS_COLUMNS]
    overall = counted[counted["overall"].notna()]
    long = pd.concat(
        [
            pd.DataFrame({"dimension_id": OVERALL, "score": overall["overall"].astype(float)}),
            scored[["dimension_id", "score"]],
        ],
        ignore_index=True,
    )
    summary = score_summary(long) if not long.empty else pd.DataFrame(columns=SUMMARY_COLUMNS)
    if not summary.empty:
        order = {d: i for i, d in enumerate([OVERALL, *shared])}
        summary = summary.sort_values("dimension_id", key=lambda c: c.map(order)).reset_index(drop=True)
    mean = overall["overall"].mean()
    recommendations = rows["recommendation"].fillna("").replace("nan", "")
    hits = [hit for text in rows["red_lines"] if isinstance(text, str) for hit in text.split()]
    return CompareAnswer(
        total=len(rows),
        counted=len(counted),
        affiliates=int(rows["affiliate"].nunique()),
        mean_overall=None if pd.isna(mean) else float(mean),
        bands={str(k): int(v) for k, v in recommendations.value_counts().items()},
        red_lines={str(k): int(v) for k, v in pd.Series(hits, dtype=object).value_counts().items()},
        dimensions=shared,
        region_means=means,
        summary=summary,
        rows=newest_first(rows).head(limit)[ROW_COLUMNS].reset_index(drop=True),
    )


def newest_first(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["date", "id"], ascending=[False, True], na_position="last", kind="stable")


def shared_dimensions(dims: pd.DataFrame, assessments: int) -> list[str]:
    """The dimension ids every one of ``assessments`` has a row for, in order of first appearance."""
    if dims.empty or not assessments:
        return []
    counts = dims["dimension_id"].value_counts()
    return [d for d in pd.unique(dims["dimension_id"]) if counts[d] == assessments]


def trend(table: ScoreTable, filters: CompareFilters, *, period: str, by_region: bool) -> pd.DataFrame:
    """Mean overall score and count per period (and region) of the counted matching assessments."""
    rows = matching(table, filters)
    counted = rows[rows["counted"].astype(bool)] if not rows.empty else rows
    return period_trend(counted, period=period, by="region" if by_region else None)
