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

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CURRENT_COLOUR = "#D55E00"  # vermillion
OTHERS_COLOUR = "#8C8C8C"
BOX_COLOUR = "#CFCFCF"
BAR_COLOUR = "#0072B2"
HEATMAP_SCHEME = "viridis"
SCORE_DOMAIN = [0, 100]
CURRENT_LABEL = "This assessment"
OTHERS_LABEL = "Other assessments"
ROW_HEIGHT = 34
UNSCORED_TEXT = "not scored: no criterion applies, or all were answered 'not applicable'"
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

_SCORE_AXIS = alt.Axis(values=[0, 25, 50, 75, 100], grid=True)


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


def _score_x(title: str = "Score (0-100)") -> alt.X:
    return alt.X("score:Q", title=title, scale=alt.Scale(domain=SCORE_DOMAIN, nice=False), axis=_SCORE_AXIS)


def _dimension_y(order: Sequence[str], title: str = "Dimension") -> alt.Y:
    return alt.Y("dimension:N", title=title, sort=list(order), axis=alt.Axis(labelLimit=260))


def _band_rules(bands: pd.DataFrame, field: str = "min") -> alt.LayerChart:
    """Dashed vertical rules at each band's threshold (above 0), labelled with the band's name."""
    thresholds = bands[bands[field] > 0]
    base = alt.Chart()
    rules = base.mark_rule(strokeDash=[4, 4], color="#555555").encode(
        x=alt.X(f"{field}:Q", scale=alt.Scale(domain=SCORE_DOMAIN)),
        tooltip=[alt.Tooltip("label:N", title="Band"), alt.Tooltip(f"{field}:Q", title="From score")],
    )
    # The top band's name sits right of its line, the others end at theirs, so close thresholds (55 and 67)
    # do not print one name over the other. The rules take the layer's data; each label layer has its own rows.
    top = thresholds[field].max() if not thresholds.empty else None
    style = {"baseline": "top", "dy": -14, "fontSize": 11, "color": "#555555"}
    x = alt.X(f"{field}:Q", scale=alt.Scale(domain=SCORE_DOMAIN))
    right = alt.Chart(thresholds[thresholds[field] == top]).mark_text(align="left", dx=3, **style)
    left = alt.Chart(thresholds[thresholds[field] != top]).mark_text(align="right", dx=-3, **style)
    labels = [layer.encode(x=x, y=alt.value(0), text=alt.Text("label:N")) for layer in (right, left)]
    return alt.layer(rules, *labels, data=thresholds)


def dimension_scores_chart(
    scores: pd.DataFrame, bands: pd.DataFrame | None = None, *, title: str = "Dimension scores"
) -> alt.LayerChart:
    """Horizontal bars of one assessment's scores.

    ``scores``: dimension (label, in display order), score (0-100, NaN for unscored), weight.
    ``bands``: label, min -- drawn as dashed thresholds.
    """
    data = scores.assign(
        score_text=scores["score"].map(lambda v: UNSCORED_TEXT if pd.isna(v) else f"{v:.0f}"),
        text_at=scores["score"].fillna(0),
    )
    order = list(data["dimension"])
    base = alt.Chart(data)
    bars = base.mark_bar(color=BAR_COLOUR, height=18).encode(
        x=_score_x(),
        y=_dimension_y(order),
        tooltip=[
            alt.Tooltip("dimension:N", title="Dimension"),
            alt.Tooltip("score_text:N", title="Score"),
            alt.Tooltip("weight:Q", title="Weight"),
        ],
    )
    values = base.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("text_at:Q", title="Score (0-100)", scale=alt.Scale(domain=SCORE_DOMAIN, nice=False)),
        y=_dimension_y(order),
        text=alt.Text("score_text:N"),
    )
    layers = [bars, values]
    if bands is not None and not bands.empty:
        layers.append(_band_rules(bands))
    return _sized(*layers, title=title, height=ROW_HEIGHT * len(order), padding={"top": 16})


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
        tooltip = _summary_tooltip(count_title="Others")
        x_min = alt.X(
            "min:Q", title="Score (0-100)", scale=alt.Scale(domain=SCORE_DOMAIN, nice=False), axis=_SCORE_AXIS
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
    mean = [alt.Tooltip("mean:Q", title="Mean", format=".1f")] if with_mean else []
    return [
        alt.Tooltip("dimension:N", title="Dimension"),
        alt.Tooltip("count:Q", title=count_title),
        alt.Tooltip("median:Q", title="Median", format=".0f"),
        *mean,
        alt.Tooltip("q1:Q", title="Lower quartile", format=".0f"),
        alt.Tooltip("q3:Q", title="Upper quartile", format=".0f"),
        alt.Tooltip("min:Q", title="Lowest", format=".0f"),
        alt.Tooltip("max:Q", title="Highest", format=".0f"),
    ]


def _highlight_frame(current: pd.DataFrame, others: pd.DataFrame | None) -> pd.DataFrame:
    """Others first, current last (drawn on top); a 'group' column says which is which."""
    columns = ["dimension", "score", "partner", "affiliate", "date", "result", "href"]
    frames = []
    if others is not None and not others.empty:
        frames.append(others.reindex(columns=columns).assign(group=OTHERS_LABEL))
    frames.append(current.reindex(columns=columns).assign(group=CURRENT_LABEL))
    data = pd.concat(frames, ignore_index=True)
    data["date"] = pd.to_datetime(data["date"]).dt.strftime("%Y-%m-%d")
    data["score"] = data["score"].astype(float).round(1)
    for column in ("partner", "affiliate", "date", "result", "href"):
        data[column] = data[column].astype(object).where(data[column].notna(), "").astype(str)
    return data


def _highlight_encoding() -> dict[str, alt.Color | alt.Shape | alt.Size]:
    domain = [CURRENT_LABEL, OTHERS_LABEL]
    return {
        "color": alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(domain=domain, range=[CURRENT_COLOUR, OTHERS_COLOUR]),
            legend=alt.Legend(orient="top"),
        ),
        "shape": alt.Shape(
            "group:N",
            title=None,
            scale=alt.Scale(domain=domain, range=["diamond", "circle"]),
            legend=alt.Legend(orient="top"),
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
                alt.Tooltip("group:N", title="Which"),
                alt.Tooltip("dimension:N", title="Dimension"),
                alt.Tooltip("score:Q", title="Score", format=".0f"),
                alt.Tooltip("partner:N", title="Partner"),
                alt.Tooltip("affiliate:N", title="Affiliate"),
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("result:N", title="Recommendation"),
            ],
        )
    )


def history_chart(
    history: pd.DataFrame,
    bands: pd.DataFrame | None = None,
    *,
    title: str = "This partner's assessments over time",
) -> alt.LayerChart:
    """Overall score of each assessment of one partner over time, the current one highlighted.

    ``history``: date, overall, affiliate, result, current (bool), partner, and optionally href (each point's
    link to its Result).
    """
    data = history.assign(
        group=history["current"].map({True: CURRENT_LABEL, False: OTHERS_LABEL}),
        date=pd.to_datetime(history["date"]),
        overall=history["overall"].round(1),
    ).fillna({"affiliate": "", "result": "", "partner": "", **({"href": ""} if "href" in history else {})})
    y = alt.Y(
        "overall:Q",
        title="Overall score (0-100)",
        scale=alt.Scale(domain=SCORE_DOMAIN, nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100]),
    )
    x = alt.X(
        "date:T",
        title="Date",
        scale=alt.Scale(padding=40),
        axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6),
    )
    base = alt.Chart(data)
    line = base.mark_line(color=OTHERS_COLOUR, strokeWidth=1.5).encode(x=x, y=y)
    points = base.mark_point(filled=True, stroke="#000000", strokeWidth=0.6).encode(
        x=x,
        y=y,
        **_highlight_encoding(),
        **_links(data),
        tooltip=[
            alt.Tooltip("group:N", title="Which"),
            alt.Tooltip("date:T", title="Date", format="%Y-%m-%d"),
            alt.Tooltip("overall:Q", title="Overall", format=".0f"),
            alt.Tooltip("affiliate:N", title="Affiliate"),
            alt.Tooltip("result:N", title="Recommendation"),
        ],
    )
    results = base.mark_text(dy=-16, fontSize=11, color="#333333").encode(x=x, y=y, text=alt.Text("result:N"))
    layers = [line, points, results]
    if bands is not None and not bands.empty:
        thresholds = alt.Chart(bands[bands["min"] > 0])
        band_y = alt.Y("min:Q", scale=alt.Scale(domain=SCORE_DOMAIN))
        layers += [
            thresholds.mark_rule(strokeDash=[4, 4], color="#555555").encode(
                y=band_y,
                tooltip=[alt.Tooltip("label:N", title="Band"), alt.Tooltip("min:Q", title="From score")],
            ),
            # band names at the right end, under their line: point labels sit above the points
            thresholds.mark_text(
                align="right", baseline="top", dx=-2, dy=3, fontSize=11, color="#555555"
            ).encode(y=band_y, x=alt.value({"expr": "width"}), text=alt.Text("label:N")),
        ]
    return _sized(*layers, title=title, height=240)


NO_FIGURE_COLOUR = "#eeeeee"


def region_dimension_heatmap(
    means: pd.DataFrame, *, dimension_order: Sequence[str], title: str = "Mean score by region and dimension"
) -> alt.LayerChart:
    """Dimension (rows) x region (columns, by short name) cells coloured by mean score (0-100, viridis), with
    the mean written in each cell and the full region name and count in the tooltip.

    ``means``: region, dimension, mean, count, and optionally note: a cell with a note (a group too small to
    show, see ``privacy``) has no colour and shows the note instead of a figure.
    """
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
            "region_short:N", title="Region", sort="ascending", axis=alt.Axis(labelAngle=0, orient="top")
        ),
        y=alt.Y("dimension:N", title="Dimension", sort=list(dimension_order), axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.Color(
            "mean:Q", title="Mean score", scale=alt.Scale(scheme=HEATMAP_SCHEME, domain=SCORE_DOMAIN)
        ),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("dimension:N", title="Dimension"),
            alt.Tooltip("mean:Q", title="Mean score", format=".1f"),
            alt.Tooltip("assessments:N", title="Assessments"),
        ],
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("label:N"),
        color=alt.condition(
            "datum.mean > 60 || !isValid(datum.mean)", alt.value("#000000"), alt.value("#ffffff")
        ),
    )
    rows = data["dimension"].nunique() if not data.empty else 1
    blank = base.mark_rect(
        color=NO_FIGURE_COLOUR, stroke="#ffffff", strokeWidth=1
    )  # under cells without a figure
    return _sized(blank, cells, text, data=data, title=title, height=30 * rows)


def distribution_chart(
    summary: pd.DataFrame, *, order: Sequence[str], title: str = "Spread of scores per dimension"
) -> alt.LayerChart:
    """Box summaries per dimension from precomputed statistics (``aggregate.score_summary`` with a 'dimension'
    label column): whisker min-max, box q1-q3, median tick, mean as a dot."""
    tooltip = _summary_tooltip(count_title="Assessments", with_mean=True)
    base = alt.Chart()
    y = _dimension_y(order)
    x_min = alt.X(
        "min:Q", title="Score (0-100)", scale=alt.Scale(domain=SCORE_DOMAIN, nice=False), axis=_SCORE_AXIS
    )
    whisker = base.mark_rule(color=OTHERS_COLOUR).encode(x=x_min, x2=alt.X2("max"), y=y, tooltip=tooltip)
    box = base.mark_bar(color=BAR_COLOUR, opacity=0.35, height=18).encode(
        x=alt.X("q1:Q"), x2=alt.X2("q3"), y=y, tooltip=tooltip
    )
    median = base.mark_tick(color=BAR_COLOUR, thickness=3, size=18).encode(
        x=alt.X("median:Q"), y=y, tooltip=tooltip
    )
    return _sized(whisker, box, median, data=summary, title=title, height=ROW_HEIGHT * len(order))


def trend_chart(
    trend: pd.DataFrame,
    *,
    period: str = "quarter",
    title: str = "Mean overall score over time",
) -> alt.LayerChart:
    """Mean overall score per period, one line. ``trend``: period (date), mean, count."""
    data = trend.assign(mean=trend["mean"].round(1), period=pd.to_datetime(trend["period"]))
    base = alt.Chart().encode(x=_period_x(period), y=_mean_y())
    line = base.mark_line(strokeWidth=2, color=BAR_COLOUR)
    points = base.mark_point(filled=True, size=50, color=BAR_COLOUR).encode(tooltip=_trend_tooltip())
    return _sized(line, points, data=data, title=title, height=280)


def trend_by_chart(
    trend: pd.DataFrame,
    overall: pd.DataFrame,
    *,
    series: str = "region",
    series_title: str = "Region",
    period: str = "quarter",
    title: str = "Mean overall score over time, by region",
    columns: int = 4,
) -> alt.FacetChart:
    """Small multiples: one panel per ``series`` value with its mean overall score per period (blue) over the
    mean of all of them (grey), so no panel needs a colour of its own.

    ``trend``: period, ``series``, mean, count; ``overall``: period, mean, count. Region panels are headed
    with the regions' short names.
    """
    values = sorted(set(trend[series]))
    own = trend.assign(line=f"This {series_title.lower()}")
    reference = pd.concat([overall.assign(**{series: value}) for value in values], ignore_index=True)
    reference = reference.assign(line=f"All {series_title.lower()}s")
    data = pd.concat([reference, own], ignore_index=True)
    data = data.assign(
        mean=data["mean"].round(1),
        period=pd.to_datetime(data["period"]),
        panel=data[series].map(lambda v: REGION_SHORT_NAMES.get(v, v)),
    )
    domain = [f"This {series_title.lower()}", f"All {series_title.lower()}s"]
    colour = alt.Color(
        "line:N",
        title=None,
        scale=alt.Scale(domain=domain, range=[BAR_COLOUR, OTHERS_COLOUR]),
        legend=alt.Legend(orient="top"),
    )
    base = alt.Chart().encode(x=_period_x(period), y=_mean_y(title="Mean overall"), color=colour)
    line = base.mark_line(strokeWidth=2)
    points = base.mark_point(filled=True, size=30).encode(
        tooltip=[alt.Tooltip(f"{series}:N", title=series_title), *_trend_tooltip()]
    )
    panels = alt.layer(line, points, data=data).properties(width=150, height=110)
    return panels.facet(
        facet=alt.Facet(
            "panel:N",
            title=None,
            sort=[REGION_SHORT_NAMES.get(v, v) for v in values],
            header=alt.Header(labelFontSize=12, labelFontWeight="bold"),
        ),
        columns=columns,
        title=title,
    )


def _period_x(period: str) -> alt.X:
    axis = alt.Axis(format=PERIOD_FORMATS[period], labelAngle=0, tickCount=PERIOD_TICKS[period])
    return alt.X("period:T", title=period.capitalize(), axis=axis)


def _mean_y(title: str = "Mean overall score (0-100)") -> alt.Y:
    return alt.Y(
        "mean:Q",
        title=title,
        scale=alt.Scale(domain=SCORE_DOMAIN, nice=False),
        axis=alt.Axis(values=[0, 25, 50, 75, 100]),
    )


def _trend_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("period:T", title="Period starting", format="%Y-%m-%d"),
        alt.Tooltip("mean:Q", title="Mean overall", format=".1f"),
        alt.Tooltip("count:Q", title="Assessments"),
    ]
