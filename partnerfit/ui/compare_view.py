"""The Compare page's parts: filters, the table, the charts and the CSV export, over the cached ScoreTable.

Nothing here loads or scores: it filters and aggregates the cached frames (``partnerfit.aggregate``) on each
rerun.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from partnerfit import charts
from partnerfit.aggregate import (
    OVERALL,
    dimension_scores,
    filter_assessments,
    is_in,
    period_trend,
    region_dimension_means,
    score_summary,
    shared_dimension_ids,
)
from partnerfit.catalog import FrameworkCatalog
from partnerfit.export import to_csv
from partnerfit.framework import Framework
from partnerfit.privacy import (
    DEFAULT_MIN_GROUP,
    fewer_than,
    guarded_region_dimension_means,
    guarded_score_summary,
)
from partnerfit.report import recommendation_label
from partnerfit.results import ScoreTable
from partnerfit.ui import common, data
from partnerfit.ui.chart_view import show_cached_chart

OVERALL_LABEL = "Overall"
TEXT_COLUMNS = ["Partner", "Affiliate", "Region", "Type", "Size", "Framework", "Status", "Recommendation"]


@dataclass(frozen=True)
class Labels:
    """Display labels for ids, in the chosen language, from the base framework and its overlays."""

    dimensions: dict[str, str]
    types: dict[str, str]
    frameworks: dict[str, str]
    base: Framework | None

    def recommendation(self, value: str) -> str:
        if self.base is None or not isinstance(value, str) or value == "nan":
            return "not scored" if not isinstance(value, str) or value == "nan" else value
        return recommendation_label(self.base, value, common.language())


def labels_for(base_id: str, catalog: FrameworkCatalog) -> Labels:
    base = catalog.get(base_id)
    family = ([base] if base else []) + catalog.overlays_of(base_id)
    dimensions: dict[str, str] = {OVERALL: OVERALL_LABEL}
    types: dict[str, str] = {}
    for framework in family:
        dimensions.update({d.id: common.tr(d.title) for d in framework.dimensions if d.id not in dimensions})
        types.update({t.id: common.tr(t.label) for t in framework.partnership_types if t.id not in types})
    names = {f.id: common.tr(f.title) for f in family}
    return Labels(dimensions, types, names, base)


def choose_base(assessments: pd.DataFrame, catalog: FrameworkCatalog) -> str:
    counts = assessments["base_framework_id"].value_counts()
    options = list(counts.index)

    def label(fid: str) -> str:
        framework = catalog.get(fid)
        title = common.tr(framework.title) if framework else fid
        return f"{title} ({fid}) · {counts[fid]} assessments"

    return st.selectbox(
        "Base framework",
        options,
        key="compare_base",
        format_func=label,
        help="Assessments of this framework and of its local versions (overlays) are compared "
        "together. Other frameworks have other questions, so they are not mixed in.",
    )


def filters(family: pd.DataFrame, labels: Labels) -> dict[str, object]:
    """The filter widgets (options from the rows of the chosen base framework); returns filter_assessments
    kwargs."""

    def options(column: str) -> list[str]:
        return sorted(family[column].dropna().unique().tolist())

    type_options = sorted({t for types in family["partnership_types"] for t in types})

    chosen: dict[str, object] = {}
    with st.container(border=True):
        row = st.columns(4)
        chosen["regions"] = row[0].multiselect(
            "Region", options("region"), key="compare_regions", placeholder="All regions"
        )
        chosen["affiliates"] = row[1].multiselect(
            "Affiliate", options("affiliate"), key="compare_affiliates", placeholder="All affiliates"
        )
        chosen["partnership_types"] = row[2].multiselect(
            "Partnership type",
            type_options,
            key="compare_types",
            placeholder="All types",
            format_func=lambda t: labels.types.get(t, t),
            help="An assessment of several types is shown when any of them is chosen.",
        )
        chosen["sizes"] = row[3].multiselect(
            "Size", options("size"), key="compare_sizes", placeholder="All sizes"
        )
        row = st.columns([1, 1, 2])
        chosen["frameworks"] = row[0].multiselect(
            "Framework",
            options("framework_id"),
            key="compare_frameworks",
            placeholder="Base and local versions",
            format_func=lambda f: labels.frameworks.get(f, f),
        )
        chosen["statuses"] = row[1].multiselect(
            "Status", ["final", "draft"], key="compare_statuses", placeholder="Final and draft"
        )
        dates = pd.to_datetime(family["date"]).dropna()
        if not dates.empty:
            first, last = dates.min().date(), dates.max().date()
            period = row[2].date_input(
                "Period",
                (first, last),
                min_value=first,
                max_value=last,
                key="compare_period",
                format="YYYY-MM-DD",
            )
            if isinstance(period, tuple | list) and len(period) == 2:
                chosen["date_from"], chosen["date_to"] = period
            elif isinstance(period, dt.date):
                chosen["date_from"] = period
    return chosen


@st.fragment
def filtered_view(
    family: pd.DataFrame, score_table: ScoreTable, labels: Labels, pool: Pool | None = None
) -> None:
    """The filters and everything they select. A fragment: a filter change reruns only this part, not the
    sidebar nor the loading layer's check of every file (data is checked again on the next full run)."""
    chosen = filters(family, labels)
    rows = filter_assessments(family, **chosen)
    if rows.empty:
        st.warning(
            "No assessment matches these filters. Remove a filter or widen the period.",
            icon=":material/filter_alt_off:",
        )
        return
    summary_metrics(rows, len(family))
    st.subheader("Assessments", anchor=False)
    table(rows, labels)
    csv_download(rows, score_table)
    st.subheader("Regions and dimensions", anchor=False)
    charts_section(rows, score_table, labels, _movement(pool, chosen, rows))


def summary_metrics(rows: pd.DataFrame, total: int) -> None:
    columns = st.columns(4)
    columns[0].metric("Assessments", f"{len(rows):,}", help=f"of {total:,} with this base framework")
    columns[1].metric("Affiliates", f"{rows['affiliate'].nunique():,}")
    mean = rows["overall"].mean()
    columns[2].metric("Mean overall score", "–" if pd.isna(mean) else f"{mean:.0f} / 100")
    blocked = (rows["recommendation"] == "blocked").mean()
    columns[3].metric("Blocked by a red line", f"{blocked:.0%}")


def _relabel(column: pd.Series, label: Callable[[str], str]) -> pd.Series:
    """``column`` with each distinct value labelled once (not once per row)."""
    return column.map({value: label(value) for value in column.dropna().unique()})


def table(rows: pd.DataFrame, labels: Labels) -> None:
    shown = pd.DataFrame(
        {
            "Partner": rows["partner"],
            "Affiliate": rows["affiliate"],
            "Region": rows["region"],
            "Type": _relabel(
                rows["partnership_types"], lambda ts: ", ".join(labels.types.get(t, t) for t in ts)
            ),
            "Size": rows["size"].fillna(""),
            "Date": pd.to_datetime(rows["date"]),
            "Framework": rows["framework_id"],
            "Status": rows["status"],
            "Overall": rows["overall"].round(0),
            "Recommendation": _relabel(rows["recommendation"], labels.recommendation),
        }
    ).sort_values("Date", ascending=False, na_position="last")
    # Text columns as categories: the browser then receives each distinct text once, not once per row
    # (10,000 rows: 0.4 MB instead of 1.9 MB on every filter change).
    shown = shown.astype({column: "category" for column in TEXT_COLUMNS})
    st.dataframe(
        shown,
        hide_index=True,
        key="compare_table",
        height=320,
        column_config={
            "Date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Overall": st.column_config.NumberColumn(format="%d", help="0-100"),
            "Partner": st.column_config.TextColumn(width="medium"),
            "Region": st.column_config.TextColumn(width="medium"),
        },
    )


def csv_download(rows: pd.DataFrame, score_table: ScoreTable) -> None:
    """The filtered rows as CSV, built only when clicked (formula-like text neutralised by
    ``export.to_csv``)."""

    def build() -> str:
        dims = score_table.dimensions
        return to_csv(ScoreTable(rows, dims[is_in(dims["assessment_id"], rows["id"])]))

    st.download_button(
        f"Download these {len(rows):,} rows (CSV)",
        build,
        file_name="partnerfit-assessments.csv",
        mime="text/csv",
        key="compare_download_csv",
        icon=":material/download:",
        on_click="ignore",
    )


@dataclass(frozen=True)
class Movement:
    """Every assessment matching the filters, readable or not, for aggregates of large enough groups."""

    rows: pd.DataFrame
    score_table: ScoreTable
    readable_ids: frozenset[str]
    min_group: int


@dataclass(frozen=True)
class Pool:
    """What the aggregates may draw on beyond the readable rows: every assessment of the base framework (read at
    the page's full run, so a filter change in the fragment does not check every file again)."""

    family: pd.DataFrame
    score_table: ScoreTable
    min_group: int


def aggregate_pool(base_id: str) -> Pool | None:
    """None when the viewer reads everything (sign-in off, admins): the aggregates are the rows'."""
    viewer = data.current_viewer()
    if viewer is None or viewer.admin:
        return None
    full = data.movement_collection().table
    if full is None:
        return None
    rules = data.access_list()
    return Pool(
        filter_assessments(full.assessments, base_framework=base_id),
        full,
        rules.min_group if rules else DEFAULT_MIN_GROUP,
    )


def _movement(pool: Pool | None, chosen: dict[str, object], readable_rows: pd.DataFrame) -> Movement | None:
    if pool is None:
        return None
    rows = filter_assessments(pool.family, **chosen)
    return Movement(rows, pool.score_table, frozenset(readable_rows["id"]), pool.min_group)


def charts_section(
    rows: pd.DataFrame, score_table: ScoreTable, labels: Labels, movement: Movement | None = None
) -> None:
    """Heatmap and spreads; with ``movement`` they include assessments the viewer cannot open, by the
    min-group rule of ``partnerfit.privacy``. The trend stays on the readable rows."""
    readable_rows = rows
    if movement is not None:
        rows, score_table = movement.rows, movement.score_table
    shared = shared_dimension_ids(score_table.dimensions, rows["id"])
    if not shared:
        st.info("These assessments share no dimension to compare on.")
        return
    names = [labels.dimensions.get(d, d) for d in shared]
    st.caption(
        f"Compared on the {len(shared)} dimension(s) all {len(rows):,} assessments share: "
        + ", ".join(common.md(n) for n in names)
        + "."
    )
    if movement is not None and len(rows) > len(readable_rows):
        st.caption(
            f"The heatmap and the spreads include {len(rows) - len(readable_rows):,} assessment(s) not shared "
            f"with you, only in groups of at least {movement.min_group}; a smaller group with one of them shows "
            f"“{fewer_than(movement.min_group)}” and no figure."
        )
    scores = dimension_scores(score_table.dimensions, rows, shared, columns=("region",))
    if movement is None:
        means = region_dimension_means(scores)
    else:
        means = guarded_region_dimension_means(scores, movement.readable_ids, min_group=movement.min_group)
    means = means.assign(dimension=means["dimension_id"].map(labels.dimensions))
    show_cached_chart(charts.region_dimension_heatmap, means, dimension_order=names)
    present = sorted(set(means["region"]))
    st.caption(
        "Mean of the dimension scores of the assessments in each region (hover a cell for the count). "
        + "; ".join(f"{charts.REGION_SHORT_NAMES.get(r, r)}: {common.md(r)}" for r in present)
        + "."
    )

    scored = rows[rows["overall"].notna()]
    overall = pd.DataFrame(
        {"assessment_id": scored["id"], "dimension_id": OVERALL, "score": scored["overall"]}
    )
    long = pd.concat([overall, scores[["assessment_id", "dimension_id", "score"]]], ignore_index=True)
    left_out: list[str] = []
    if movement is None:
        summary = score_summary(long)
    else:
        summary, left_out = guarded_score_summary(long, movement.readable_ids, min_group=movement.min_group)
    summary = summary.assign(dimension=summary["dimension_id"].map(labels.dimensions))
    order = [OVERALL_LABEL, *names]
    hidden = [labels.dimensions.get(d, d) for d in left_out]
    if not summary.empty:
        show_cached_chart(charts.distribution_chart, summary, order=[n for n in order if n not in hidden])
        st.caption("Box: the middle half of the scores; line: lowest to highest; tick: median.")
    if hidden:
        st.caption(
            f"Not shown, {fewer_than(movement.min_group)} assessments: "
            + ", ".join(common.md(n) for n in hidden)
        )

    trend_section(readable_rows)


@st.fragment
def trend_section(rows: pd.DataFrame) -> None:
    """The trend over time; a fragment, so changing its period or panels redraws only this chart."""
    st.subheader("Over time", anchor=False)
    left, right, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    period = left.segmented_control(
        "Period", ["quarter", "year"], default="quarter", key="compare_trend_period"
    )
    period = period or "quarter"
    by_region = right.toggle("One panel per region", key="compare_trend_by_region")
    overall = period_trend(rows, period=period)
    if overall.empty:
        st.info("No dated, scored assessment to draw a trend.")
        return
    if by_region:
        show_cached_chart(
            charts.trend_by_chart,
            period_trend(rows, period=period, by="region"),
            overall,
            period=period,
            title=f"Mean overall score per {period}, by region (grey: all regions)",
            stretch=False,
        )
    else:
        show_cached_chart(
            charts.trend_chart, overall, period=period, title=f"Mean overall score per {period}"
        )
    st.caption(
        "Each point is the mean overall score of the assessments dated in that period (hover for the "
        "count); periods with few assessments move a lot."
    )
