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
    assert_titled(points, "x", "y")
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
    assert_titled(bars, "x", "y")
    assert "tooltip" in bars
    texts = {r["score_text"] for r in rows(chart) if "score_text" in r}
    assert texts == {"80", charts.UNSCORED_TEXT}
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


def test_heatmap_uses_a_sequential_scheme_on_0_100_with_count_tooltip():
    means = pd.DataFrame(
        {
            "region": ["South Asia", "North America"],
            "dimension": ["Openness", "Openness"],
            "mean": [55.0, 70.0],
            "count": [3, 9],
        }
    )
    chart = charts.region_dimension_heatmap(means, dimension_order=["Openness"])
    cells = layers(chart)[1]
    assert cells["mark"]["type"] == "rect"
    assert cells["encoding"]["color"]["scale"] == {"scheme": "viridis", "domain": [0, 100]}
    assert_titled(cells["encoding"], "x", "y", "color")
    assert {"assessments", "region", "mean"} <= {t["field"] for t in cells["encoding"]["tooltip"]}
    assert {r["region_short"] for r in rows(chart)} == {"SA", "NA"}
    assert [r["assessments"] for r in rows(chart)] == ["3", "9"]


def test_heatmap_cell_with_a_note_shows_it_instead_of_a_figure():
    means = pd.DataFrame(
        {
            "region": ["South Asia", "North America"],
            "dimension": ["Openness", "Openness"],
            "mean": [float("nan"), 70.0],
            "count": [float("nan"), 9],
            "note": ["fewer than 5", ""],
        }
    )
    chart = charts.region_dimension_heatmap(means, dimension_order=["Openness"])
    assert layers(chart)[0]["mark"]["color"] == charts.NO_FIGURE_COLOUR  # a grey cell under the note
    assert layers(chart)[2]["encoding"]["text"]["field"] == "label"
    assert [(r["label"], r["assessments"]) for r in rows(chart)] == [
        ("fewer than 5", "fewer than 5"),
        ("70", "9"),
    ]


def test_distribution_chart_from_precomputed_statistics():
    summary = pd.DataFrame(
        {
            "dimension": ["Openness"],
            "count": [10],
            "min": [5.0],
            "q1": [30.0],
            "median": [50.0],
            "q3": [70.0],
            "max": [99.0],
            "mean": [49.0],
        }
    )
    chart = charts.distribution_chart(summary, order=["Openness"])
    assert mark_types(chart) == ["rule", "bar", "tick"]
    assert_titled(layers(chart)[0]["encoding"], "x", "y")
    assert len(rows(chart)) == 1  # statistics, not raw scores, are embedded


def test_trend_chart_one_line_with_tooltip():
    trend = pd.DataFrame(
        {"period": pd.to_datetime(["2024-01-01", "2024-04-01"]), "mean": [50.0, 60.0], "count": [3, 4]}
    )
    chart = charts.trend_chart(trend, period="year")
    line, points = layers(chart)
    assert (line["mark"]["type"], points["mark"]["type"]) == ("line", "point")
    assert_titled(line["encoding"], "x", "y")
    assert line["encoding"]["x"]["axis"]["format"] == "%Y"
    assert line["encoding"]["x"]["axis"]["tickCount"] == {"interval": "year", "step": 1}
    assert {t["field"] for t in points["encoding"]["tooltip"]} == {"period", "mean", "count"}


def test_quarter_ticks_fall_on_quarter_starts_so_no_label_repeats():
    trend = pd.DataFrame(
        {"period": pd.to_datetime(["2025-01-01", "2025-10-01"]), "mean": [50.0, 60.0], "count": [3, 4]}
    )
    for chart in (
        charts.trend_chart(trend, period="quarter"),
        charts.trend_by_chart(trend.assign(region="South Asia"), trend, period="quarter"),
    ):
        spec = chart.to_dict()
        line = (spec.get("spec") or spec)["layer"][0]
        assert line["encoding"]["x"]["axis"]["tickCount"] == {"interval": "month", "step": 3}


def test_trend_by_region_is_small_multiples_over_the_overall_line():
    by_region = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-01-01"]),
            "mean": [40.0, 80.0],
            "count": [1, 2],
            "region": ["South Asia", "North America"],
        }
    )
    overall = pd.DataFrame({"period": pd.to_datetime(["2024-01-01"]), "mean": [66.7], "count": [3]})
    chart = charts.trend_by_chart(by_region, overall)
    spec = chart.to_dict()
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 4
    inner = spec["spec"]["layer"]
    assert inner[0]["encoding"]["color"]["scale"]["range"] == [charts.BAR_COLOUR, charts.OTHERS_COLOUR]
    assert_titled(inner[0]["encoding"], "x", "y")
    assert "tooltip" in inner[1]["encoding"]
    data = [row for rows in spec["datasets"].values() for row in rows]
    assert {(r["panel"], r["line"], r["mean"]) for r in data} == {
        ("SA", "This region", 40.0),
        ("NA", "This region", 80.0),
        ("SA", "All regions", 66.7),
        ("NA", "All regions", 66.7),
    }


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
    """The top band's name sits right of its line, lower ones end at theirs (bands 55 and 67 are close)."""
    bands = pd.DataFrame({"label": ["Aligned", "Proceed with conditions", "Not aligned"], "min": [67, 55, 0]})
    chart = charts.dimension_scores_chart(
        pd.DataFrame({"dimension": ["Openness"], "score": [60.0], "weight": [1]}), bands
    )
    spec = chart.to_dict()
    texts = []

    def walk(node):
        if isinstance(node, dict):
            mark = node.get("mark")
            if isinstance(mark, dict) and mark.get("type") == "text" and "align" in mark:
                data = (
                    spec["datasets"][node["data"]["name"]]
                    if "data" in node and "name" in node["data"]
                    else []
                )
                texts.append((mark["align"], {row["label"] for row in data if "label" in row}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert ("left", {"Aligned"}) in texts
    assert ("right", {"Proceed with conditions"}) in texts


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
