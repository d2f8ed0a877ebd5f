"""Compare's charts: every text comes from the caller, and the heatmap's colours follow the data and the bands."""

import pandas as pd

from partnerfit.compare_charts import (
    Words,
    counts_chart,
    heatmap_scale,
    region_dimension_heatmap,
    trend_chart,
)

WORDS = Words("Titre", x="Région", y="Dimension", count="Évaluations", value="Score moyen", extra="Début")


def means() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["South Asia", "North America"],
            "dimension": ["Openness", "Openness"],
            "mean": [48.0, 79.0],
            "count": [3, 4],
        }
    )


def test_the_heatmap_scale_spans_the_data_and_diverges_at_the_band_lines():
    scale = heatmap_scale(means()["mean"], [0, 50, 75]).to_dict()
    assert scale["domain"] == [48.0, 50, 75, 79.0]
    assert len(set(scale["range"])) == 4  # orange below 50, purple above 75: 48 and 79 look different
    narrow = heatmap_scale(pd.Series([60.0, 62.0]), [0, 50, 75]).to_dict()
    assert narrow["domain"] == [49, 50, 75, 76]  # the band lines stay inside the scale


def test_the_heatmap_uses_the_callers_words_and_writes_each_mean():
    spec = region_dimension_heatmap(
        means(), dimension_order=["Openness"], band_lines=[0, 50, 75], words=WORDS
    ).to_dict()
    assert spec["title"] == "Titre"
    cells = spec["layer"][1]["encoding"]
    assert cells["x"]["title"] == "Région" and cells["color"]["title"] == "Score moyen"
    assert [t["title"] for t in cells["tooltip"]] == ["Région", "Dimension", "Score moyen", "Évaluations"]
    rows = next(iter(spec["datasets"].values()))
    assert {r["label"] for r in rows} == {"48", "79"} and {r["region_short"] for r in rows} == {"SA", "NA"}


def test_counts_and_trend_charts_carry_the_given_texts():
    counts = counts_chart(pd.DataFrame({"label": ["Aligné"], "count": [3]}), words=WORDS).to_dict()
    assert counts["title"] == "Titre" and counts["layer"][0]["encoding"]["x"]["title"] == "Région"
    trend = pd.DataFrame(
        {"period": pd.to_datetime(["2025-01-01"]), "region": ["South Asia"], "mean": [60.0], "count": [2]}
    )
    single = trend_chart(trend, period="quarter", words=WORDS).to_dict()
    assert single["layer"][0]["encoding"]["y"]["title"] == "Dimension"
    panels = trend_chart(trend, period="year", words=WORDS, by_region=True).to_dict()
    assert panels["title"] == "Titre" and panels["facet"]["field"] == "panel"


def test_quarter_ticks_fall_on_quarter_starts_so_no_label_repeats():
    trend = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-01-01", "2025-10-01"]),
            "region": ["South Asia"] * 2,
            "mean": [50.0, 60.0],
            "count": [3, 4],
        }
    )
    for by_region in (False, True):
        spec = trend_chart(trend, period="quarter", words=WORDS, by_region=by_region).to_dict()
        line = (spec.get("spec") or spec)["layer"][0]
        assert line["encoding"]["x"]["axis"]["tickCount"] == {"interval": "month", "step": 3}
