"""The Compare page's charts: functions from small, aggregated frames to Altair charts (no Streamlit here).

Every text a chart shows (titles, axes, tooltips) is an argument, so the page passes it in the visitor's language
and a cached spec is never shown in another language. Widths follow the container ("fit-x"), so the charts
shrink to a phone's 390 px; region columns use the movement's short names and figures are clipped to their cell.

The heatmap's colours are scaled to the data, around the framework's band lines: a diverging orange-purple scheme
(ColorBrewer PuOr, safe for the common colour-vision deficiencies), orange below the lowest band line above 0,
turning to purple between the band lines, deep purple above the highest, so 48 and 79 no longer look alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from partnerfit.charts import PERIOD_TICKS, REGION_SHORT_NAMES

BELOW, LOW, MIDDLE, HIGH, ABOVE = "#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"
"""ColorBrewer PuOr (orange-purple), a diverging scheme readable with deuteranopia, protanopia and tritanopia."""
BAR_COLOUR = "#0072B2"
WHISKER_COLOUR = "#8C8C8C"
NO_FIGURE_COLOUR = "#eeeeee"
SCORE_DOMAIN = [0, 100]
ROW_HEIGHT = 34


@dataclass(frozen=True)
class Words:
    """A chart's texts in the visitor's language."""

    title: str
    x: str = ""
    y: str = ""
    count: str = ""
    value: str = ""
    extra: str = ""


def heatmap_scale(means: pd.Series, band_lines: Sequence[float]) -> alt.Scale:
    """A diverging scale over the data's range, its neutral middle between the band lines (above 0)."""
    lines = sorted(x for x in band_lines if x > 0) or [50.0]
    low, high = lines[0], lines[-1]
    values = means.dropna()
    lowest = min(float(values.min()) if not values.empty else low, low - 1)
    highest = max(float(values.max()) if not values.empty else high, high + 1)
    if low == high:
        return alt.Scale(domain=[lowest, low, highest], range=[BELOW, MIDDLE, ABOVE])
    return alt.Scale(domain=[lowest, low, high, highest], range=[BELOW, LOW, HIGH, ABOVE], interpolate="lab")


def region_dimension_heatmap(
    means: pd.DataFrame, *, dimension_order: Sequence[str], band_lines: Sequence[float], words: Words
) -> alt.LayerChart:
    """Dimension (rows) x region (columns, short names) cells coloured by mean score on ``heatmap_scale``, the
    mean written in each cell. ``means``: region, dimension, mean, count, and optionally note (a group too small
    to show: no colour, the note instead of a figure)."""
    notes = means["note"] if "note" in means else pd.Series("", index=means.index)
    rounded = means["mean"].round(0)
    data = means.assign(
        mean=means["mean"].round(1),
        region_short=means["region"].map(lambda r: REGION_SHORT_NAMES.get(r, r)),
        label=np.where(notes != "", notes, rounded.map(lambda v: "" if pd.isna(v) else f"{v:.0f}")),
        assessments=np.where(
            notes != "", notes, means["count"].map(lambda v: "" if pd.isna(v) else f"{v:.0f}")
        ),
    )
    base = alt.Chart().encode(
        x=alt.X(
            "region_short:N",
            title=words.x,
            sort="ascending",
            axis=alt.Axis(labelAngle=0, orient="top", labelOverlap=True),
        ),
        y=alt.Y("dimension:N", title=None, sort=list(dimension_order), axis=alt.Axis(labelLimit=140)),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.Color(
            "mean:Q",
            title=words.value,
            scale=heatmap_scale(means["mean"], band_lines),
            legend=alt.Legend(orient="bottom", gradientLength=160),
        ),
        tooltip=[
            alt.Tooltip("region:N", title=words.x),
            alt.Tooltip("dimension:N", title=words.y),
            alt.Tooltip("mean:Q", title=words.value, format=".1f"),
            alt.Tooltip("assessments:N", title=words.count),
        ],
    )
    lines = sorted(x for x in band_lines if x > 0) or [50.0]
    dark = f"datum.mean < {lines[0] - 10} || datum.mean > {lines[-1] + 10}"
    text = base.mark_text(fontSize=11, limit=60).encode(
        text=alt.Text("label:N"),
        color=alt.condition(dark, alt.value("#ffffff"), alt.value("#000000")),
    )
    rows = data["dimension"].nunique() if not data.empty else 1
    blank = base.mark_rect(color=NO_FIGURE_COLOUR, stroke="#ffffff", strokeWidth=1)
    return _sized(blank, cells, text, data=data, title=words.title, height=30 * rows)


def spread_chart(summary: pd.DataFrame, *, order: Sequence[str], words: Words) -> alt.LayerChart:
    """Box summaries per dimension: whisker min-max, box q1-q3, median tick. ``summary``: dimension, count, min,
    q1, median, q3, max, mean."""
    tooltip = [
        alt.Tooltip("dimension:N", title=words.y),
        alt.Tooltip("count:Q", title=words.count),
        alt.Tooltip("median:Q", title=words.value, format=".0f"),
        alt.Tooltip("mean:Q", title=words.extra, format=".1f"),
    ]
    y = alt.Y("dimension:N", title=None, sort=list(order), axis=alt.Axis(labelLimit=140))
    x = alt.X("min:Q", title=words.x, scale=alt.Scale(domain=SCORE_DOMAIN, nice=False))
    base = alt.Chart()
    whisker = base.mark_rule(color=WHISKER_COLOUR).encode(x=x, x2=alt.X2("max"), y=y, tooltip=tooltip)
    box = base.mark_bar(color=BAR_COLOUR, opacity=0.35, height=18).encode(
        x=alt.X("q1:Q"), x2=alt.X2("q3"), y=y, tooltip=tooltip
    )
    median = base.mark_tick(color=BAR_COLOUR, thickness=3, size=18).encode(
        x=alt.X("median:Q"), y=y, tooltip=tooltip
    )
    return _sized(whisker, box, median, data=summary, title=words.title, height=ROW_HEIGHT * len(order))


def counts_chart(counts: pd.DataFrame, *, words: Words) -> alt.LayerChart:
    """Horizontal bars: how many assessments per label. ``counts``: label, count (in the order to show)."""
    y = alt.Y("label:N", title=None, sort=list(counts["label"]), axis=alt.Axis(labelLimit=180))
    room = max(int(counts["count"].max()) if not counts.empty else 1, 1) * 1.15  # the figure right of the bar
    x = alt.X("count:Q", title=words.x, axis=alt.Axis(tickMinStep=1), scale=alt.Scale(domain=[0, room]))
    tooltip = [alt.Tooltip("label:N", title=words.y), alt.Tooltip("count:Q", title=words.count)]
    base = alt.Chart()
    bars = base.mark_bar(color=BAR_COLOUR).encode(x=x, y=y, tooltip=tooltip)
    text = base.mark_text(align="left", dx=3).encode(x=x, y=y, text=alt.Text("count:Q"))
    return _sized(bars, text, data=counts, title=words.title, height=ROW_HEIGHT * max(len(counts), 1))


PERIOD_FORMATS = {"quarter": "%Y Q%q", "year": "%Y"}


def trend_chart(
    trend: pd.DataFrame, *, period: str, words: Words, by_region: bool = False
) -> alt.LayerChart | alt.FacetChart:
    """Mean overall score per period (one line, or one small panel per region). ``trend``: period, [region],
    mean, count."""
    data = trend.assign(mean=trend["mean"].astype(float).round(1), period=pd.to_datetime(trend["period"]))
    x = alt.X(
        "period:T",
        title=words.x,
        axis=alt.Axis(
            format=PERIOD_FORMATS[period], labelAngle=0, labelOverlap=True, tickCount=PERIOD_TICKS[period]
        ),
    )
    y = alt.Y("mean:Q", title=words.y, scale=alt.Scale(domain=SCORE_DOMAIN, nice=False))
    tooltip = [
        alt.Tooltip("period:T", title=words.extra, format="%Y-%m-%d"),
        alt.Tooltip("mean:Q", title=words.value, format=".1f"),
        alt.Tooltip("count:Q", title=words.count),
    ]
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(strokeWidth=2, color=BAR_COLOUR)
    points = base.mark_point(filled=True, size=40, color=BAR_COLOUR).encode(tooltip=tooltip)
    if not by_region:
        return _sized(line, points, data=data, title=words.title, height=260)
    data = data.assign(panel=data["region"].map(lambda v: REGION_SHORT_NAMES.get(v, v)))
    panels = alt.layer(line, points, data=data).properties(width=150, height=110)
    return panels.facet(
        facet=alt.Facet("panel:N", title=None, header=alt.Header(labelFontWeight="bold")),
        columns=2,
        title=words.title,
    )


def _sized(*layers: alt.Chart, title: str, height: int, **extra: object) -> alt.LayerChart:
    return alt.layer(
        *layers,
        title=title,
        height=max(height, 100),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        **extra,
    )
