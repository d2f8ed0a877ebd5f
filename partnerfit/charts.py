"""Charts: functions from small, tidy DataFrames to Altair charts (no Streamlit here).

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); the assessment being looked at is a
large vermillion diamond, other assessments are small grey circles, and box summaries are grey, so the eye
finds the current one first. Scores are always on a fixed 0-100 axis. Callers aggregate before charting:
Altair embeds the data in the chart's spec. Layers that share one frame get it once, on the layer chart
(``alt.layer(..., data=frame)``): given to each layer, Altair hashes the frame's text form per layer to move it
up, which cost the Compare page ~10 ms a layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from partnerfit.chart_labels import explanation_head, label_goes_inside, label_height
from partnerfit.i18n import N_, _, format_date
from partnerfit.unscored import NOT_REACHED_TEXT, UNSCORED_TEXT

__all__ = ["NOT_REACHED_TEXT", "UNSCORED_TEXT"]  # and the chart functions; these two are the notes they show

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CURRENT_COLOUR = "#D55E00"  # vermillion
OTHERS_COLOUR = "#8C8C8C"
BOX_COLOUR = "#CFCFCF"
BAR_COLOUR = "#0072B2"
SCORE_DOMAIN = [0, 100]
# Shown translated (``_()``) where drawn; the constants are the English forms tests and callers may compare to.
CURRENT_LABEL = N_("This assessment")
OTHERS_LABEL = N_("Other assessments")
ROW_HEIGHT = 34
REGION_SHORT_NAMES = {
    "Central & Eastern Europe and Central Asia": "CEE/CA",
    "East, Southeast Asia and Pacific": "ESEAP",
    "Latin America and Caribbean": "LAC",
    "Middle East and North Africa": "MENA",
    "North America": "NA",
    "Northern and Western Europe": "NWE",
    "South Asia": "SA",
    "Sub-Saharan Africa": "SSA",
}
"""The short names the movement uses for its funding regions (axis labels; tooltips keep the full name)."""
PERIOD_FORMATS = {"month": "%b %Y", "quarter": "%Y Q%q", "year": "%Y"}
# Ticks only at period starts: a tick inside a quarter would repeat that quarter's label ("2025 Q1" four times)
PERIOD_TICKS = {
    "month": {"interval": "month", "step": 1},
    "quarter": {"interval": "month", "step": 3},
    "year": {"interval": "year", "step": 1},
}

TOOLTIP_DATE = "%e %b %Y"  # '31 May 2026', '31 mai 2026', '31 Mai 2026' with the chart's locale
_SCORE_AXIS = alt.Axis(values=[0, 25, 50, 75, 100], grid=True)
# Dimension names take at most a third of the chart's width (full width when exported, where there is no
# container), so a long French or German name is cut with an ellipsis (its tooltip has it whole) and a 390 px
# phone keeps room for the bars.
DIMENSION_LABEL_LIMIT = {"expr": "containerSize()[0] > 0 ? clamp(containerSize()[0] * 0.33, 90, 260) : 260"}


def _sized(*layers: alt.Chart | alt.LayerChart, title: str, height: int, **extra: object) -> alt.LayerChart:
    """``layers`` on one plot with a title and plot height; the width fits the container ('fit-x'), the height
    is the plotting area's. Properties go to the constructor: ``.properties()`` validates each against the
    schema and copies the chart, which cost the Compare page more than drawing the data."""
    return alt.layer(
        *layers,
        title=title,
        height=max(height, 100),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        **extra,
    )


def _score_title() -> str:
    return _("Score (0-100)")


def _score_x(title: str | None = None) -> alt.X:
    return alt.X(
        "score:Q",
        title=title or _score_title(),
        scale=alt.Scale(domain=SCORE_DOMAIN, nice=False),
        axis=_SCORE_AXIS,
    )


def _dimension_y(order: Sequence[str]) -> alt.Y:
    """Dimensions down the side, named by their labels: no axis title, which long names would run into."""
    return alt.Y("dimension:N", title=None, sort=list(order), axis=alt.Axis(labelLimit=DIMENSION_LABEL_LIMIT))


BAND_LABEL_ROW = 14  # px between the two rows of band names above a plot


def _band_rules(bands: pd.DataFrame, field: str = "min") -> alt.LayerChart:
    """Dashed vertical rules at each band's threshold (above 0), labelled with the band's name."""
    thresholds = bands[bands[field] > 0]
    base = alt.Chart()
    tooltip = _band_tooltip(field)
    rules = base.mark_rule(strokeDash=[4, 4], color="#555555").encode(
        x=alt.X(f"{field}:Q", scale=alt.Scale(domain=SCORE_DOMAIN)), tooltip=tooltip
    )
    # Each band's name ends at its line, on two alternating rows above the plot (highest band on the upper
    # row), so close thresholds (55 and 67) never print one name over the other, and no name runs off the
    # right edge on a phone. The rules take the layer's data; each label row has its own rows.
    ordered = thresholds.sort_values(field, ascending=False).reset_index(drop=True)
    x = alt.X(f"{field}:Q", scale=alt.Scale(domain=SCORE_DOMAIN))
    labels = [
        alt.Chart(ordered.iloc[row::2])
        .mark_text(align="right", dx=-3, baseline="top", dy=dy, fontSize=11, color="#555555")
        .encode(x=x, y=alt.value(0), text=alt.Text("label:N"), tooltip=tooltip)
        for row, dy in ((0, -BAND_LABEL_ROW * 2), (1, -BAND_LABEL_ROW))
        if len(ordered) > row
    ]
    return alt.layer(rules, *labels, data=thresholds)


def _band_tooltip(field: str = "min") -> list[alt.Tooltip]:
    return [alt.Tooltip("label:N", title=_("Band")), alt.Tooltip(f"{field}:Q", title=_("From score"))]


def dimension_scores_chart(
    scores: pd.DataFrame, bands: pd.DataFrame | None = None, *, title: str | None = None
) -> alt.LayerChart:
    """Horizontal bars of one assessment's scores.

    ``scores``: dimension (label, in display order), score (0-100, NaN for unscored), weight, and optionally
    note (why a dimension has no score, e.g. :data:`NOT_REACHED_TEXT` translated; default
    :data:`UNSCORED_TEXT`). ``bands``: label, min -- drawn as dashed thresholds.
    """
    notes = scores["note"] if "note" in scores else pd.Series("", index=scores.index)
    unscored = scores["score"].isna()
    explanation = notes.where(notes.astype(bool), _(UNSCORED_TEXT)).where(unscored, "")
    thresholds = [] if bands is None or bands.empty else [m for m in bands["min"] if m > 0]
    data = scores.assign(
        score_text=[
            explanation_head(text) if missing else f"{value:.0f}"
            for value, missing, text in zip(scores["score"], unscored, explanation, strict=True)
        ],
        explanation=explanation,
        text_at=scores["score"].fillna(0),
        label_inside=[
            not missing and label_goes_inside(value, thresholds)
            for value, missing in zip(scores["score"], unscored, strict=True)
        ],
    )
    order = list(data["dimension"])
    tooltip = [
        alt.Tooltip("dimension:N", title=_("Dimension")),
        alt.Tooltip("score_text:N", title=_("Score")),
        alt.Tooltip("weight:Q", title=_("Weight")),
    ]
    if unscored.any():
        tooltip.append(alt.Tooltip("explanation:N", title=_("Why no score")))
    bars = alt.Chart().mark_bar(color=BAR_COLOUR, height=18).encode(x=_score_x(), y=_dimension_y(order))
    text_x = alt.X("text_at:Q", title=_score_title(), scale=alt.Scale(domain=SCORE_DOMAIN, nice=False))
    # A value sits right of its bar, or inside its end (white) when a band line is just right of the bar.
    outside = (
        alt.Chart()
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x=text_x, y=_dimension_y(order), text=alt.Text("score_text:N"))
        .transform_filter("!datum.label_inside")
    )
    inside = (
        alt.Chart()
        .mark_text(align="right", dx=-4, fontSize=12, color="#ffffff")
        .encode(x=text_x, y=_dimension_y(order), text=alt.Text("score_text:N"))
        .transform_filter("datum.label_inside")
    )
    layers = [layer.encode(tooltip=tooltip) for layer in (bars, outside, inside)]
    if thresholds:
        layers.append(_band_rules(bands))
    return _sized(
        *layers,
        data=data,
        title=title or _("Dimension scores"),
        height=ROW_HEIGHT * len(order),
        padding={"top": 2 * BAND_LABEL_ROW + 4},
    )


def comparison_chart(
    summary: pd.DataFrame,
    current: pd.DataFrame,
    others: pd.DataFrame | None = None,
    *,
    order: Sequence[str],
    title: str,
) -> alt.LayerChart:
    """Where one assessment stands among others, per dimension (and overall).

    ``summary`` (others, per dimension): dimension, count, min, q1, median, q3, max -- a grey box from q1 to
    q3, a whisker from min to max and a tick at the median. ``current``: dimension, score -- the highlighted
    diamond. ``others`` (optional, keep it to a few hundred rows): dimension, score, partner, affiliate, date,
    result, and optionally href (each point's link to its Result).
    """
    marks = _highlight_frame(current, others)
    layers: list[alt.Chart] = []
    if not summary.empty:
        box = alt.Chart(summary)
        tooltip = _summary_tooltip(count_title=_("Others"))
        x_min = alt.X(
            "min:Q",
            title=_("Score (0-100)"),
            scale=alt.Scale(domain=SCORE_DOMAIN, nice=False),
            axis=_SCORE_AXIS,
        )
        layers += [
            box.mark_rule(color=OTHERS_COLOUR).encode(
                x=x_min, x2=alt.X2("max"), y=_dimension_y(order), tooltip=tooltip
            ),
            box.mark_bar(color=BOX_COLOUR, height=16).encode(
                x=alt.X("q1:Q"), x2=alt.X2("q3"), y=_dimension_y(order), tooltip=tooltip
            ),
            box.mark_tick(color="#333333", thickness=2, size=16).encode(
                x=alt.X("median:Q"), y=_dimension_y(order), tooltip=tooltip
            ),
        ]
    layers.append(_highlight_points(marks, order))
    return _sized(*layers, title=title, height=ROW_HEIGHT * len(order))


def _summary_tooltip(*, count_title: str, with_mean: bool = False) -> list[alt.Tooltip]:
    """Tooltip of a box summary row (``aggregate.score_summary``): count, median, (mean), quartiles, range."""
    mean = [alt.Tooltip("mean:Q", title=_("Mean"), format=".1f")] if with_mean else []
    return [
        alt.Tooltip("dimension:N", title=_("Dimension")),
        alt.Tooltip("count:Q", title=count_title),
        alt.Tooltip("median:Q", title=_("Median"), format=".0f"),
        *mean,
        alt.Tooltip("q1:Q", title=_("Lower quartile"), format=".0f"),
        alt.Tooltip("q3:Q", title=_("Upper quartile"), format=".0f"),
        alt.Tooltip("min:Q", title=_("Lowest"), format=".0f"),
        alt.Tooltip("max:Q", title=_("Highest"), format=".0f"),
    ]


def _highlight_frame(current: pd.DataFrame, others: pd.DataFrame | None) -> pd.DataFrame:
    """Others first, current last (drawn on top); a 'group' column says which is which."""
    columns = ["dimension", "score", "partner", "affiliate", "date", "result", "href"]
    frames = []
    if others is not None and not others.empty:
        frames.append(others.reindex(columns=columns).assign(group=_(OTHERS_LABEL)))
    frames.append(current.reindex(columns=columns).assign(group=_(CURRENT_LABEL)))
    data = pd.concat(frames, ignore_index=True)
    dates = pd.to_datetime(data["date"])
    data["date"] = [format_date(d.date()) if pd.notna(d) else "" for d in dates]  # as the language writes it
    data["score"] = data["score"].astype(float).round(1)
    for column in ("partner", "affiliate", "date", "result", "href"):
        data[column] = data[column].astype(object).where(data[column].notna(), "").astype(str)
    return data


def _highlight_legend() -> alt.Legend:
    """Above the plot, one entry under the other from its left edge: side by side, "Other assessments" in German
    ran off a phone's screen."""
    return alt.Legend(orient="top", direction="vertical", columns=1)


def _highlight_encoding() -> dict[str, alt.Color | alt.Shape | alt.Size]:
    domain = [_(CURRENT_LABEL), _(OTHERS_LABEL)]
    return {
        "color": alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(domain=domain, range=[CURRENT_COLOUR, OTHERS_COLOUR]),
            legend=_highlight_legend(),
        ),
        "shape": alt.Shape(
            "group:N",
            title=None,
            scale=alt.Scale(domain=domain, range=["diamond", "circle"]),
            legend=_highlight_legend(),
        ),
        "size": alt.Size("group:N", title=None, scale=alt.Scale(domain=domain, range=[260, 40]), legend=None),
        "opacity": alt.Opacity("group:N", scale=alt.Scale(domain=domain, range=[1.0, 0.55]), legend=None),
    }


def _links(data: pd.DataFrame) -> dict[str, alt.Href]:
    """A mark that stands for one assessment opens its Result: the ``href`` column (a relative link, "" for
    none), when any mark has one."""
    if "href" not in data.columns or not data["href"].fillna("").astype(bool).any():
        return {}
    return {"href": alt.Href("href:N")}


def _highlight_points(marks: pd.DataFrame, order: Sequence[str]) -> alt.Chart:
    return (
        alt.Chart(marks)
        .mark_point(filled=True, stroke="#000000", strokeWidth=0.6)
        .encode(
            x=_score_x(),
            y=_dimension_y(order),
            **_highlight_encoding(),
            **_links(marks),
            tooltip=[
                alt.Tooltip("group:N", title=_("Which")),
                alt.Tooltip("dimension:N", title=_("Dimension")),
                alt.Tooltip("score:Q", title=_("Score"), format=".0f"),
                alt.Tooltip("partner:N", title=_("Partner")),
                alt.Tooltip("affiliate:N", title=_("Affiliate")),
                alt.Tooltip("date:N", title=_("Date")),
                alt.Tooltip("result:N", title=_("Recommendation")),
            ],
        )
    )


def history_chart(
    history: pd.DataFrame,
    bands: pd.DataFrame | None = None,
    *,
    title: str | None = None,
) -> alt.LayerChart:
    """Overall score of each assessment of one partner over time, the current one highlighted.

    ``history``: date, overall, affiliate, result, current (bool), partner, and optionally href (each point's
    link to its Result).
    """
    data = history.assign(
        group=history["current"].map({True: _(CURRENT_LABEL), False: _(OTHERS_LABEL)}),
        date=pd.to_datetime(history["date"]),
        overall=history["overall"].round(1),
    ).fillna({"affiliate": "", "result": "", "partner": "", **({"href": ""} if "href" in history else {})})
    thresholds = [] if bands is None or bands.empty else [m for m in bands["min"] if m > 0]
    data["label_at"] = [label_height(value, thresholds) for value in data["overall"]]
    # The earliest point's words start at it and the latest's end at it, so neither runs past the plot's edges
    # (into the axis title, or off a phone's screen); the others are centred on their points.
    order = data["date"].rank(method="first")
    data["label_align"] = np.where(order == 1, "left", np.where(order == len(data), "right", "center"))
    y = alt.Y(
        "overall:Q",
        title=_("Overall score (0-100)"),
        scale=alt.Scale(domain=SCORE_DOMAIN, nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100]),
    )
    x = alt.X(
        "date:T",
        title=_("Date"),
        scale=alt.Scale(padding=40),
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6),
    )
    base = alt.Chart(data)
    line = base.mark_line(color=OTHERS_COLOUR, strokeWidth=1.5).encode(x=x, y=y)
    tooltip = [
        alt.Tooltip("group:N", title=_("Which")),
        alt.Tooltip("date:T", title=_("Date"), format=TOOLTIP_DATE),
        alt.Tooltip("overall:Q", title=_("Overall"), format=".0f"),
        alt.Tooltip("affiliate:N", title=_("Affiliate")),
        alt.Tooltip("result:N", title=_("Recommendation")),
    ]
    points = base.mark_point(filled=True, stroke="#000000", strokeWidth=0.6).encode(
        x=x, y=y, **_highlight_encoding(), **_links(data), tooltip=tooltip
    )
    # Each point's recommendation above it, or below it when a band line runs where the words would be.
    results = [
        base.mark_text(baseline="middle", align=align, dx=dx, fontSize=11, color="#333333")
        .encode(
            x=x,
            y=alt.Y("label_at:Q", scale=alt.Scale(domain=SCORE_DOMAIN)),
            text=alt.Text("result:N"),
            tooltip=tooltip,
        )
        .transform_filter(f"datum.label_align == '{align}'")
        for align, dx in (("left", -6), ("center", 0), ("right", 6))
    ]
    layers = [line, points, *results]
    if bands is not None and not bands.empty:
        thresholds = alt.Chart(bands[bands["min"] > 0])
        band_y = alt.Y("min:Q", scale=alt.Scale(domain=SCORE_DOMAIN))
        layers += [
            thresholds.mark_rule(strokeDash=[4, 4], color="#555555").encode(
                y=band_y,
                tooltip=_band_tooltip(),
            ),
            # band names at the right end, under their line
            thresholds.mark_text(
                align="right", baseline="top", dx=-2, dy=3, fontSize=11, color="#555555"
            ).encode(
                y=band_y, x=alt.value({"expr": "width"}), text=alt.Text("label:N"), tooltip=_band_tooltip()
            ),
        ]
    return _sized(*layers, title=title or _("This partner’s assessments over time"), height=240)
