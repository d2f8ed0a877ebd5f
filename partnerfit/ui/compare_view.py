"""The Compare page's parts over one ``CompareAnswer``: the figures, the grid (Overall and Recommendation first,
each row linking to its Result), counts by band and by red line, the heatmap, the spreads, the trend and the CSV.

Nothing here filters or aggregates: the answer comes from a ``compare_source`` (SQL on the database, or the
cached score table). Every text is in the visitor's language; chart specs are cached with their texts, so a
cached chart is never shown in another language.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import streamlit as st

from partnerfit import compare_charts
from partnerfit.aggregate import OVERALL
from partnerfit.catalog import FrameworkCatalog
from partnerfit.charts import REGION_SHORT_NAMES
from partnerfit.compare_charts import Words
from partnerfit.compare_query import ROW_LIMIT, CompareFilters, CompareOptions
from partnerfit.framework import Framework
from partnerfit.i18n import _, format_number, format_percent, ngettext
from partnerfit.report import recommendation_label
from partnerfit.scoring import BLOCKED, INCOMPLETE, REFER
from partnerfit.ui import common, compare_filters
from partnerfit.ui.chart_view import show_chart
from partnerfit.ui.compare_filters import STATUS_LABELS
from partnerfit.ui.compare_source import Answer

RESULT_URL = "result"


@dataclasses.dataclass(frozen=True)
class Labels:
    """Display labels for ids, in the visitor's language, from the base framework and its local versions."""

    dimensions: dict[str, str]
    types: dict[str, str]
    frameworks: dict[str, str]
    red_lines: dict[str, str]
    base: Framework | None

    def recommendation(self, value: object) -> str:
        if not isinstance(value, str) or value in ("", "nan"):
            return _("not scored")
        if self.base is None:
            return value
        return recommendation_label(self.base, value, common.language())


def labels_for(base_id: str, catalog: FrameworkCatalog) -> Labels:
    base = catalog.get(base_id)
    family = ([base] if base else []) + catalog.overlays_of(base_id)
    dimensions: dict[str, str] = {OVERALL: _("Overall")}
    types: dict[str, str] = {}
    red_lines: dict[str, str] = {}
    for framework in family:
        dimensions.update({d.id: common.tr(d.title) for d in framework.dimensions if d.id not in dimensions})
        types.update({t.id: common.tr(t.label) for t in framework.partnership_types if t.id not in types})
        for criterion in framework.criteria:
            if criterion.red_line is not None and criterion.id not in red_lines:
                red_lines[criterion.id] = common.tr(criterion.red_line.reason) or criterion.id
    names = {f.id: common.tr(f.title) for f in family}
    return Labels(dimensions, types, names, red_lines, base)


def band_lines(labels: Labels) -> list[float]:
    return [band.min for band in labels.base.bands] if labels.base else [50.0, 75.0]


# -- figures --------------------------------------------------------------------------------------------------
def summary_metrics(answer: Answer, labels: Labels) -> None:
    found = answer.found
    columns = st.columns(4)
    columns[0].metric(_("Assessments"), format_number(found.total))
    columns[1].metric(
        _("Counted in means"),
        format_number(found.counted),
        help=_(
            "Results below the framework's minimum completeness are listed, but left out of means, spreads "
            "and trends."
        ),
    )
    columns[2].metric(_("Affiliates"), format_number(found.affiliates))
    mean = found.mean_overall
    columns[3].metric(
        _("Mean overall score"),
        "–" if mean is None else _("{score} / 100").format(score=format_number(round(mean))),
    )
    if found.incomplete:
        st.caption(
            ngettext(
                "{count} assessment is below the minimum completeness: listed, not counted in means.",
                "{count} assessments are below the minimum completeness: listed, not counted in means.",
                found.incomplete,
            ).format(count=format_number(found.incomplete))
        )


def counts_section(answer: Answer, labels: Labels) -> None:
    """How many assessments got each recommendation, and how often each red line was hit."""
    found = answer.found
    left, right = st.columns(2)
    order = [b.id for b in labels.base.bands] if labels.base else []
    order += [REFER, BLOCKED, INCOMPLETE, ""]
    bands = sorted(found.bands.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    counts = pd.DataFrame(
        {"label": [labels.recommendation(k) for k, _v in bands], "count": [v for _k, v in bands]}
    )
    with left:
        show_compare_chart(
            "counts_chart",
            counts,
            words=Words(
                _("Assessments by recommendation"),
                x=_("Assessments"),
                y=_("Recommendation"),
                count=_("Assessments"),
            ),
        )
    with right:
        if not found.red_lines:
            st.markdown("**" + _("Red lines hit") + "**")
            st.caption(_("No red line was hit in these assessments."))
            return
        hits = sorted(found.red_lines.items(), key=lambda item: (-item[1], item[0]))
        frame = pd.DataFrame(
            {"label": [labels.red_lines.get(k, k) for k, _v in hits], "count": [v for _k, v in hits]}
        )
        show_compare_chart(
            "counts_chart",
            frame,
            words=Words(_("Red lines hit"), x=_("Assessments"), y=_("Red line"), count=_("Assessments")),
        )
        blocked = found.bands.get(BLOCKED, 0)
        st.caption(
            _("{share} of these assessments are blocked by a red line.").format(
                share=format_percent(blocked / found.total if found.total else 0)
            )
        )


# -- the grid --------------------------------------------------------------------------------------------------
def grid(answer: Answer, labels: Labels) -> None:
    rows = answer.found.rows
    language = common.language()
    shown = pd.DataFrame(
        {
            _("Overall"): rows["overall"].round(0),
            _("Recommendation"): rows["recommendation"].map(labels.recommendation),
            _("Partner"): rows["partner"],
            _("Affiliate"): rows["affiliate"],
            _("Region"): rows["region"],
            _("Type"): rows["partnership_types"].map(
                lambda ts: ", ".join(labels.types.get(t, t) for t in ts)
            ),
            _("Size"): rows["size"].fillna(""),
            _("Date"): pd.to_datetime(rows["date"]),
            _("Framework"): rows["framework_id"].map(lambda f: labels.frameworks.get(f, f)),
            _("Status"): rows["status"].map(lambda s: _(STATUS_LABELS.get(s, s))),
            _("Counted"): rows["counted"].astype(bool),
            _("Result"): [f"{RESULT_URL}?id={i}&lang={language}" for i in rows["id"]],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        key="compare_table",
        height=320,
        column_config={
            _("Overall"): st.column_config.NumberColumn(format="%d", help="0-100", width="small"),
            _("Date"): st.column_config.DateColumn(format="YYYY-MM-DD"),
            _("Partner"): st.column_config.TextColumn(width="medium"),
            _("Counted"): st.column_config.CheckboxColumn(
                help=_("Complete enough to count in means (the framework's minimum completeness)")
            ),
            _("Result"): st.column_config.LinkColumn(display_text=_("Open"), width="small"),
        },
    )
    found = answer.found
    if found.total > len(rows):
        st.caption(
            _("The newest {shown} of {total} assessments; narrow the filters or download them all.").format(
                shown=format_number(len(rows)), total=format_number(found.total)
            )
        )


# -- charts ----------------------------------------------------------------------------------------------------
@st.cache_data(max_entries=128, show_spinner=False)
def _chart_spec(name: str, frames: tuple[pd.DataFrame, ...], options: dict[str, Any]) -> dict[str, Any]:
    options = {k: Words(*v) if k == "words" else v for k, v in options.items()}
    return getattr(compare_charts, name)(*frames, **options).to_dict(validate=False)


def show_compare_chart(name: str, *frames: pd.DataFrame, stretch: bool = True, **options: Any) -> None:
    """A ``compare_charts`` chart, its spec cached on the frames and options (texts included)."""
    options = {k: dataclasses.astuple(v) if isinstance(v, Words) else v for k, v in options.items()}
    show_chart(_chart_spec(name, frames, options), stretch=stretch)


def charts_section(answer: Answer, labels: Labels) -> None:
    found = answer.found
    if not found.dimensions:
        st.info(_("These assessments share no dimension to compare on, or none is complete enough."))
        return
    names = [labels.dimensions.get(d, d) for d in found.dimensions]
    st.caption(
        _("Compared on the dimensions all {count} counted assessments share: {names}.").format(
            count=format_number(found.counted), names=", ".join(common.md(n) for n in names)
        )
    )
    if answer.others:
        st.caption(
            _(
                "The heatmap and the spreads include {count} assessment(s) not shared with you, only in groups "
                "of at least {min_group}; a smaller group with one of them shows no figure."
            ).format(count=format_number(answer.others), min_group=answer.min_group)
        )
    means = found.region_means.assign(dimension=found.region_means["dimension_id"].map(labels.dimensions))
    show_compare_chart(
        "region_dimension_heatmap",
        means,
        dimension_order=names,
        band_lines=band_lines(labels),
        words=Words(
            _("Mean score by region and dimension"),
            x=_("Region"),
            y=_("Dimension"),
            count=_("Assessments"),
            value=_("Mean score"),
        ),
    )
    present = sorted(set(means["region"]))
    st.caption(
        _("Colours: orange below the lowest band line, purple above the highest; hover a cell for the count.")
        + " "
        + "; ".join(f"{REGION_SHORT_NAMES.get(r, r)}: {common.md(r)}" for r in present)
    )
    summary = found.summary.assign(dimension=found.summary["dimension_id"].map(labels.dimensions))
    hidden = {labels.dimensions.get(d, d) for d in answer.hidden_dimensions}
    order = [n for n in [_("Overall"), *names] if n not in hidden]
    if not summary.empty:
        show_compare_chart(
            "spread_chart",
            summary,
            order=order,
            words=Words(
                _("Spread of scores per dimension"),
                x=_("Score (0-100)"),
                y=_("Dimension"),
                count=_("Assessments"),
                value=_("Median"),
                extra=_("Mean"),
            ),
        )
        st.caption(_("Box: the middle half of the scores; line: lowest to highest; tick: median."))
    if hidden:
        st.caption(
            _("Not shown, fewer than {min_group} assessments: {names}").format(
                min_group=answer.min_group, names=", ".join(common.md(n) for n in sorted(hidden))
            )
        )


@st.fragment
def trend_section(source: Any, filters: CompareFilters) -> None:
    """The trend over time; a fragment, so changing its period or panels redraws only this chart."""
    st.subheader(_("Over time"), anchor=False)
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    period = left.segmented_control(
        _("Period"),
        ["quarter", "year"],
        default="quarter",
        key="compare_trend_period",
        format_func=lambda p: _("Quarter") if p == "quarter" else _("Year"),
    )
    period = period or "quarter"
    by_region = right.toggle(_("One panel per region"), key="compare_trend_by_region")
    trend = source.trend(filters, period, by_region)
    if trend.empty:
        st.info(_("No dated, scored assessment to draw a trend."))
        return
    title = (
        (_("Mean overall score per quarter") if period == "quarter" else _("Mean overall score per year"))
        if not by_region
        else (
            _("Mean overall score per quarter, by region")
            if period == "quarter"
            else _("Mean overall score per year, by region")
        )
    )
    show_compare_chart(
        "trend_chart",
        trend,
        period=period,
        by_region=by_region,
        stretch=not by_region,
        words=Words(
            title,
            x=_("Quarter") if period == "quarter" else _("Year"),
            y=_("Mean overall score (0-100)"),
            count=_("Assessments"),
            value=_("Mean overall"),
            extra=_("Period starting"),
        ),
    )
    st.caption(
        _(
            "Each point is the mean overall score of the counted assessments dated in that period (hover for "
            "the count); periods with few assessments move a lot."
        )
    )


def csv_download(source: Any, filters: CompareFilters, total: int) -> None:
    """Every matching row as CSV, built only when clicked (formula-like text neutralised)."""
    st.download_button(
        ngettext("Download {count} row (CSV)", "Download these {count} rows (CSV)", total).format(
            count=format_number(total)
        ),
        lambda: source.csv(filters, total),
        file_name="partnerfit-assessments.csv",
        mime="text/csv",
        key="compare_download_csv",
        icon=":material/download:",
        on_click="ignore",
    )


def choose_base(counts: dict[str, int], catalog: FrameworkCatalog, asked: str | None) -> str:
    options = list(counts)
    if asked in counts and "compare_base" not in st.session_state:
        st.session_state["compare_base"] = asked

    def label(fid: str) -> str:
        framework = catalog.get(fid)
        title = common.tr(framework.title) if framework else fid
        return ngettext(
            "{title} ({id}) · {count} assessment", "{title} ({id}) · {count} assessments", counts[fid]
        ).format(title=title, id=fid, count=format_number(counts[fid]))

    return st.selectbox(
        _("Base framework"),
        options,
        key="compare_base",
        format_func=label,
        help=_(
            "Assessments of this framework and of its local versions (overlays) are compared together. Other "
            "frameworks have other questions, so they are not mixed in."
        ),
    )


@st.fragment
def filtered_view(source: Any, base_id: str, options: CompareOptions, labels: Labels) -> None:
    """The filters and everything they select. A fragment: a filter change reruns only this part."""
    filters = compare_filters.filters(base_id, options, labels.types, labels.frameworks)
    compare_filters.write_to_url(filters, options)
    answer = source.answer(filters, ROW_LIMIT)
    if not answer.found.total:
        st.warning(
            _("No assessment matches these filters. Remove a filter or widen the period."),
            icon=":material/filter_alt_off:",
        )
        return
    summary_metrics(answer, labels)
    st.subheader(_("Assessments"), anchor=False)
    grid(answer, labels)
    csv_download(source, filters, answer.found.total)
    counts_section(answer, labels)
    st.subheader(_("Regions and dimensions"), anchor=False)
    charts_section(answer, labels)
    trend_section(source, filters)
