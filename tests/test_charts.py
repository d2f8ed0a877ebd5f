"""Charts: checked through their Vega-Lite specs (chart.to_dict())."""

import pandas as pd
import pytest

from partnerfit import charts

BANDS = pd.DataFrame({"label": ["Aligned", "Proceed with conditions", "Not aligned"], "min": [75, 50, 0]})
ORDER = ["Overall", "Openness", "Privacy"]


def layers(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["layer"]


def mark_types(chart) -> list[str]:
    return [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in layers(chart)
        if "mark" in layer
    ]


def rows(chart) -> list[dict]:
    return [row for data in chart.to_dict()["datasets"].values() for row in data]


def assert_titled(encoding: dict, *channels: str) -> None:
    for channel in channels:
        assert encoding[channel].get("title"), f"{channel} has no title"


@pytest.fixture
def comparison():
    summary = pd.DataFrame(
        {
            "dimension": ORDER,
            "count": [5, 5, 4],
            "min": [10, 0, 20],
            "q1": [30, 25, 40],
            "median": [50, 40, 55],
            "q3": [70, 60, 70],
            "max": [95, 90, 80],
        }
    )
    current = pd.DataFrame(
        {
            "dimension": ORDER,
            "score": [82.0, 90.0, 60.0],
            "partner": "Museum",
            "affiliate": "Chapter",
            "date": pd.Timestamp("2025-01-01"),
            "result": "Aligned",
        }
    )
    others = pd.DataFrame(
        {
            "dimension": ["Overall", "Openness"],
            "score": [40.0, 45.0],
            "partner": ["A", "A"],
            "affiliate": ["X", "X"],
            "date": [pd.Timestamp("2024-01-01")] * 2,
            "result": ["Not aligned"] * 2,
        }
    )
    return charts.comparison_chart(summary, current, others, order=ORDER, title="Among others")


def test_comparison_chart_marks_axes_and_tooltips(comparison):
    assert mark_types(comparison) == ["rule", "bar", "tick", "point"]
    points = layers(comparison)[-1]["encoding"]
    assert_titled(points, "x")
    assert points["x"]["scale"]["domain"] == [0, 100]
    assert points["y"]["sort"] == ORDER
    assert {t["field"] for t in points["tooltip"]} >= {"score", "partner", "affiliate", "date"}
    assert all("tooltip" in layer["encoding"] for layer in layers(comparison))


def test_comparison_chart_highlights_the_current_assessment(comparison):
    encoding = layers(comparison)[-1]["encoding"]
    assert encoding["color"]["scale"] == {
        "domain": [charts.CURRENT_LABEL, charts.OTHERS_LABEL],
        "range": [charts.CURRENT_COLOUR, charts.OTHERS_COLOUR],
    }
    assert encoding["shape"]["scale"]["range"] == ["diamond", "circle"]
    big, small = encoding["size"]["scale"]["range"]
    assert big > 4 * small
    current = [r for r in rows(comparison) if r.get("group") == charts.CURRENT_LABEL]
    assert {(r["dimension"], r["score"]) for r in current} == {
        ("Overall", 82.0),
        ("Openness", 90.0),
        ("Privacy", 60.0),
    }
    others = [r for r in rows(comparison) if r.get("group") == charts.OTHERS_LABEL]
    assert len(others) == 2


def test_comparison_chart_without_others_still_shows_the_current(comparison):
    empty = pd.DataFrame(columns=["dimension", "count", "min", "q1", "median", "q3", "max"])
    current = pd.DataFrame({"dimension": ["Overall"], "score": [70.0]})
    chart = charts.comparison_chart(empty, current, None, order=["Overall"], title="Alone")
    assert mark_types(chart) == ["point"]
    assert [r["group"] for r in rows(chart)] == [charts.CURRENT_LABEL]


def test_dimension_scores_chart_shows_bands_and_unscored():
    scores = pd.DataFrame(
        {"dimension": ["Openness", "Privacy"], "score": [80.0, float("nan")], "weight": [3, 1]}
    )
    chart = charts.dimension_scores_chart(scores, BANDS)
    spec = chart.to_dict()
    assert spec["title"] == "Dimension scores"
    assert mark_types(chart)[:2] == ["bar", "text"]
    bars = layers(chart)[0]["encoding"]
    assert_titled(bars, "x")
    assert "tooltip" in bars
    texts = {r["score_text"] for r in rows(chart) if "score_text" in r}
    assert texts == {"80", "not scored"}
    explanations = {r["explanation"] for r in rows(chart) if r.get("dimension") == "Privacy"}
    assert explanations == {charts.UNSCORED_TEXT}
    assert {r["label"] for r in rows(chart) if "label" in r} >= {"Aligned", "Proceed with conditions"}


def test_history_chart_over_time_highlights_current():
    history = pd.DataFrame(
        {
            "date": ["2023-01-01", "2024-06-01", "2025-02-01"],
            "overall": [40.0, 60.0, 80.0],
            "affiliate": ["A", "B", "A"],
            "result": ["Not aligned", "Conditions", "Aligned"],
            "current": [False, True, False],
            "partner": ["P"] * 3,
        }
    )
    chart = charts.history_chart(history, BANDS)
    line, points = layers(chart)[:2]
    assert line["mark"]["type"] == "line"
    assert points["encoding"]["x"]["type"] == "temporal"
    assert_titled(points["encoding"], "x", "y")
    assert points["encoding"]["color"]["scale"]["range"][0] == charts.CURRENT_COLOUR
    current = [r for r in rows(chart) if r.get("group") == charts.CURRENT_LABEL]
    assert [r["overall"] for r in current] == [60.0]


def test_okabe_ito_palette_is_the_published_one():
    assert set(charts.OKABE_ITO) == {
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
        "#000000",
    }
    assert charts.CURRENT_COLOUR in charts.OKABE_ITO


def test_close_band_names_do_not_print_over_each_other():
    """Each name ends at its line; neighbours (bands 55 and 67 are close) are on different rows, so the long
    lower name cannot run into the higher one ("Proceed with conditAligned"), and none runs off the right."""
    bands = pd.DataFrame(
        {"label": ["Aligned", "Proceed with conditions", "Weak", "Not aligned"], "min": [67, 55, 40, 0]}
    )
    chart = charts.dimension_scores_chart(
        pd.DataFrame({"dimension": ["Openness"], "score": [60.0], "weight": [1]}), bands
    )
    spec = chart.to_dict()
    rows_of = {}
    for layer in unit_layers(spec):
        mark = layer["mark"]
        if isinstance(mark, dict) and mark.get("type") == "text" and "dy" in mark:
            assert mark["align"] == "right"
            for row in spec["datasets"][layer["data"]["name"]]:
                rows_of[row["label"]] = mark["dy"]
    assert set(rows_of) == {"Aligned", "Proceed with conditions", "Weak"}
    assert rows_of["Aligned"] != rows_of["Proceed with conditions"] != rows_of["Weak"]


def unit_layers(node) -> list[dict]:
    """Every layer that draws a mark, however deeply nested."""
    found = []
    if isinstance(node, dict):
        if "mark" in node:
            found.append(node)
        for value in node.values():
            found += unit_layers(value)
    elif isinstance(node, list):
        for value in node:
            found += unit_layers(value)
    return found


def test_every_mark_of_the_result_charts_has_a_tooltip_with_human_titles():
    """Without an explicit tooltip the browser shows raw field names (``score_text: 80``) on a label."""
    scores = pd.DataFrame(
        {"dimension": ["Openness", "Privacy"], "score": [80.0, float("nan")], "weight": [3, 1]}
    )
    history = pd.DataFrame(
        {
            "date": ["2023-01-01", "2025-02-01"],
            "overall": [56.0, 80.0],
            "affiliate": ["A", "B"],
            "result": ["Conditions", "Aligned"],
            "current": [False, True],
            "partner": ["P", "P"],
        }
    )
    for chart in (charts.dimension_scores_chart(scores, BANDS), charts.history_chart(history, BANDS)):
        for layer in unit_layers(chart.to_dict()):
            if layer["mark"] in ("line",) or layer["mark"].get("type") == "line":
                continue  # the line joining the points: the points carry the tooltip
            tooltip = layer.get("encoding", {}).get("tooltip")
            assert tooltip, f"{layer['mark']} without a tooltip"
            assert all(t.get("title") for t in tooltip), tooltip


def test_a_dimension_not_reached_yet_says_so_instead_of_not_scored():
    scores = pd.DataFrame(
        {
            "dimension": ["Openness", "Privacy"],
            "score": [80.0, float("nan")],
            "weight": [3, 1],
            "note": ["", charts.NOT_REACHED_TEXT],
        }
    )
    chart = charts.dimension_scores_chart(scores, BANDS)
    privacy = [r for r in rows(chart) if r.get("dimension") == "Privacy"]
    assert privacy[0]["score_text"] == "not reached yet"
    assert privacy[0]["explanation"] == charts.NOT_REACHED_TEXT


def test_dimension_names_get_a_share_of_the_width_and_no_axis_title():
    """A fixed 260 px for names left a 390 px phone no bars; a 'Dimension' title ran into long French names."""
    scores = pd.DataFrame({"dimension": ["Ouverture et licences libres"], "score": [80.0], "weight": [1]})
    y = layers(charts.dimension_scores_chart(scores, BANDS))[0]["encoding"]["y"]
    assert y["title"] is None
    assert "containerSize()[0] * 0.33" in y["axis"]["labelLimit"]["expr"]


def test_score_figure_goes_inside_its_bar_when_a_band_line_is_just_right_of_it():
    chart = charts.dimension_scores_chart(
        pd.DataFrame({"dimension": ["A", "B"], "score": [47.0, 80.0], "weight": [1, 1]}), BANDS
    )
    assert {r["dimension"]: r["label_inside"] for r in rows(chart) if "label_inside" in r} == {
        "A": True,
        "B": False,
    }


def test_history_points_link_to_their_results_only_when_given_links():
    history = pd.DataFrame(
        {
            "date": ["2023-01-01", "2025-02-01"],
            "overall": [40.0, 80.0],
            "affiliate": ["A", "B"],
            "result": ["Not aligned", "Aligned"],
            "current": [False, True],
            "partner": ["P"] * 2,
        }
    )
    assert "href" not in layers(charts.history_chart(history))[1]["encoding"]
    linked = charts.history_chart(history.assign(href=["result?id=old&lang=fr", "result?id=now&lang=fr"]))
    assert layers(linked)[1]["encoding"]["href"] == {"field": "href", "type": "nominal"}
    assert sorted(r["href"] for r in rows(linked) if "href" in r) == [
        "result?id=now&lang=fr",
        "result?id=old&lang=fr",
    ]
