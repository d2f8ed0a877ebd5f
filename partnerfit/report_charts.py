"""The report's charts and comparison: the Result page's own Altair charts as static PNG pictures (vl-convert,
offline, no browser), and the tables beside them, so the report can go to a board as it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

from partnerfit import charts
from partnerfit.assessment import Assessment
from partnerfit.framework import Framework
from partnerfit.i18n import _, current_language, format_date, format_number
from partnerfit.report_render import Block, Heading, Image, Paragraph, Table
from partnerfit.result_charts import bands_frame, scores_frame
from partnerfit.scoring import ScoreResult

IMAGE_WIDTH = 680  # px of the plot's container: a page of the HTML report (60rem), printed or on screen
# d3's names of the number and date formats (separators, month names) for each interface language
CHART_LOCALES = {"en": "en-US", "fr": "fr-FR", "de": "de-DE"}


@dataclass(frozen=True)
class Comparison:
    """This assessment among others, as the Result page draws it (``charts.comparison_chart``'s input)."""

    title: str
    summary: pd.DataFrame  # others, per dimension: dimension, count, min, q1, median, q3, max
    current: pd.DataFrame  # dimension, score (and partner, affiliate, date, result)
    points: pd.DataFrame  # each other assessment's score per dimension
    order: list[str]


def chart_png(chart: alt.TopLevelMixin, *, width: int = IMAGE_WIDTH) -> bytes:
    """The chart as a PNG picture at twice its size (sharp when printed), numbers and dates in the language."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    spec["width"] = width
    locale = CHART_LOCALES.get(current_language(), "en-US")
    return vl_convert.vegalite_to_png(spec, scale=2, format_locale=locale, time_format_locale=locale)


def scores_blocks(fw: Framework, assessment: Assessment, score: ScoreResult) -> list[Block]:
    title = _("Dimension scores of this assessment")
    chart = charts.dimension_scores_chart(scores_frame(fw, assessment, score), bands_frame(fw), title=title)
    return [Image(chart_png(chart), title)]


def comparison_blocks(comparison: Comparison | None) -> list[Block]:
    """The comparison chart and, for readers of the text, each dimension's score beside the others' median."""
    blocks: list[Block] = [Heading(_("Next to other assessments"))]
    if comparison is None or comparison.summary.empty:
        return [*blocks, Paragraph(_("No other assessment to compare with yet."))]
    chart = charts.comparison_chart(
        comparison.summary,
        comparison.current,
        comparison.points,
        order=comparison.order,
        title=comparison.title,
    )
    mine = dict(zip(comparison.current["dimension"], comparison.current["score"], strict=True))
    summary = (
        comparison.summary.set_index("dimension")
        .reindex(comparison.order)
        .dropna(subset=["count"])
        .rename_axis("dimension")
        .reset_index()
    )
    rows: list[list[Any]] = [
        [
            str(row.dimension),
            _score(mine.get(row.dimension)),
            _score(row.median),
            f"{_score(row.min)}–{_score(row.max)}",
            format_number(int(row.count)),
        ]
        for row in summary.itertuples()
    ]
    headers = [_("Dimension"), _("This assessment"), _("Median of the others"), _("Range"), _("Others")]
    return [*blocks, Image(chart_png(chart), comparison.title), Table(headers, rows)]


def history_blocks(fw: Framework, history: pd.DataFrame | None) -> list[Block]:
    """This partner's assessments over time: the chart and a table (date, affiliate, overall, recommendation)."""
    blocks: list[Block] = [Heading(_("This partner’s assessments over time"))]
    if history is None or len(history) < 2:
        return [
            *blocks,
            Paragraph(_("This is the only scored assessment of this partner: no history to show yet.")),
        ]
    chart = charts.history_chart(history, bands_frame(fw))
    rows = [
        [
            format_date(pd.Timestamp(row.date).date()),
            str(row.affiliate),
            _score(row.overall),
            str(row.result),
            _("this one") if row.current else "",
        ]
        for row in history.sort_values("date").itertuples()
    ]
    headers = [_("Date"), _("Affiliate"), _("Overall"), _("Recommendation"), ""]
    return [*blocks, Image(chart_png(chart), _("This partner’s assessments over time")), Table(headers, rows)]


def _score(value: object) -> str:
    return "–" if value is None or pd.isna(value) else format_number(float(value), decimals=0)
