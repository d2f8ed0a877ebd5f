"""Filtering and aggregating scored assessments (pure pandas)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from partnerfit.aggregate import (
    OVERALL,
    dimension_scores,
    filter_assessments,
    peer_assessments,
    period_trend,
    region_dimension_means,
    score_summary,
    shared_dimension_ids,
    standing,
)


@pytest.fixture
def assessments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "partner": ["Museum", "Museum", "Library", "Archive", "Lab"],
            "affiliate": ["WMDE", "WMFR", "WMDE", "WMIN", "WMDE"],
            "region": ["NWE", "NWE", "NWE", "SA", "SA"],
            "partnership_types": [
                ("content",),
                ("content", "funding"),
                ("education",),
                ("content",),
                ("research",),
            ],
            "size": ["project", "one-off", None, "project", "long-term"],
            "status": ["final", "final", "draft", "final", "final"],
            "date": pd.to_datetime(["2024-01-10", "2024-05-02", "2024-05-30", "2025-02-01", "2025-03-31"]),
            "framework_id": ["global", "global", "wmde-local", "global", "other"],
            "base_framework_id": ["global", "global", "global", "global", "other"],
            "overall": [80.0, 60.0, np.nan, 40.0, 90.0],
            "recommendation": ["aligned", "conditional", "incomplete", "not-aligned", "aligned"],
        }
    )


@pytest.fixture
def dimensions() -> pd.DataFrame:
    rows = [
        ("a", "open", 90.0),
        ("a", "privacy", 70.0),
        ("b", "open", 50.0),
        ("b", "privacy", 70.0),
        ("c", "open", np.nan),
        ("c", "privacy", 20.0),
        ("c", "local", 10.0),
        ("d", "open", 40.0),
        ("d", "privacy", 40.0),
        ("e", "x", 90.0),
    ]
    return pd.DataFrame(rows, columns=["assessment_id", "dimension_id", "score"])


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


def test_no_filter_keeps_everything(assessments):
    assert ids(filter_assessments(assessments)) == ["a", "b", "c", "d", "e"]


def test_base_framework_keeps_the_base_and_its_overlays(assessments):
    assert ids(filter_assessments(assessments, base_framework="global")) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("keyword", "values", "expected"),
    [
        ("regions", ["SA"], ["d", "e"]),
        ("affiliates", ["WMDE", "WMIN"], ["a", "c", "d", "e"]),
        ("partnership_types", ["content"], ["a", "b", "d"]),
        ("partnership_types", ["funding"], ["b"]),  # an assessment of several types matches any of them
        ("partnership_types", ["funding", "research"], ["b", "e"]),
        ("sizes", ["project"], ["a", "d"]),
        ("frameworks", ["wmde-local"], ["c"]),
        ("statuses", ["draft"], ["c"]),
    ],
)
def test_each_filter(assessments, keyword, values, expected):
    assert ids(filter_assessments(assessments, **{keyword: values})) == expected


def test_filters_combine_and_dates_are_inclusive(assessments):
    found = filter_assessments(
        assessments,
        regions=["NWE"],
        statuses=["final"],
        date_from=dt.date(2024, 1, 10),
        date_to=dt.date(2024, 5, 2),
    )
    assert ids(found) == ["a", "b"]
    assert ids(filter_assessments(assessments, date_from=dt.date(2025, 3, 31))) == ["e"]
    assert ids(filter_assessments(assessments, date_to=dt.date(2024, 1, 9))) == []


def test_dimension_scores_join_columns_and_drop_unscored(assessments, dimensions):
    subset = filter_assessments(assessments, regions=["NWE"])
    scores = dimension_scores(dimensions, subset, ["open", "privacy"])
    assert list(scores.columns) == ["assessment_id", "dimension_id", "score", "region"]
    assert len(scores) == 5  # c/open is NaN, c/local is not asked for
    assert set(scores["region"]) == {"NWE"}


def test_region_dimension_means_with_counts(assessments, dimensions):
    scores = dimension_scores(
        dimensions, filter_assessments(assessments, base_framework="global"), ["open", "privacy"]
    )
    means = region_dimension_means(scores).set_index(["region", "dimension_id"])
    assert means.loc[("NWE", "open"), "mean"] == pytest.approx(70.0)
    assert means.loc[("NWE", "open"), "count"] == 2
    assert means.loc[("NWE", "privacy"), "mean"] == pytest.approx(160 / 3)
    assert means.loc[("SA", "privacy"), "count"] == 1


def test_region_dimension_means_of_nothing_is_empty():
    empty = pd.DataFrame(columns=["assessment_id", "dimension_id", "score", "region"])
    assert region_dimension_means(empty).empty


def test_score_summary_box_statistics():
    scores = pd.DataFrame({"dimension_id": ["x"] * 5, "score": [0.0, 25.0, 50.0, 75.0, 100.0]})
    row = score_summary(scores).iloc[0]
    assert (row["count"], row["min"], row["q1"], row["median"], row["q3"], row["max"]) == (
        5,
        0,
        25,
        50,
        75,
        100,
    )


def test_period_trend_by_quarter_and_region(assessments):
    trend = period_trend(assessments, period="quarter")
    assert list(trend["period"].dt.strftime("%Y-%m-%d")) == ["2024-01-01", "2024-04-01", "2025-01-01"]
    assert list(trend["count"]) == [1, 1, 2]  # c has no overall score
    assert trend["mean"].iloc[2] == pytest.approx(65.0)
    by_region = period_trend(assessments, period="year", by="region")
    assert set(zip(by_region["period"].dt.year, by_region["region"], strict=True)) == {
        (2024, "NWE"),
        (2025, "SA"),
    }


def test_peer_assessments_same_base_and_group(assessments):
    assert ids(peer_assessments(assessments, "a")) == ["b", "d"]  # finals of the same base, not itself
    assert ids(peer_assessments(assessments, "a", same="region")) == ["b"]
    assert ids(peer_assessments(assessments, "a", same="region", statuses=())) == ["b", "c"]
    assert peer_assessments(assessments, "unknown").empty


def test_standing_puts_overall_first_and_caps_points(assessments, dimensions):
    peers = peer_assessments(assessments, "a")
    summary, points = standing(peers, dimensions, ["open", "privacy"])
    assert summary["dimension_id"].iloc[0] == OVERALL
    assert summary.set_index("dimension_id").loc[OVERALL, "count"] == 2
    assert set(points["dimension_id"]) == {OVERALL, "open", "privacy"}
    assert {"partner", "affiliate", "date", "recommendation"} <= set(points.columns)
    _, capped = standing(peers, dimensions, ["open"], max_points=1)
    assert capped.empty


# -- shared dimensions ---------------------------------------------------------------------------------------


def test_shared_dimensions_are_those_every_assessment_has():
    dimensions = pd.DataFrame(
        {
            "assessment_id": ["a", "a", "a", "b", "b"],
            "dimension_id": ["openness", "privacy", "local", "openness", "privacy"],
            "score": [1.0, 2.0, 3.0, 4.0, None],
        }
    )
    assert shared_dimension_ids(dimensions, pd.Series(["a", "b"])) == ["openness", "privacy"]
    assert shared_dimension_ids(dimensions, pd.Series(["a"])) == ["openness", "privacy", "local"]
    assert shared_dimension_ids(dimensions, pd.Series(["nobody"])) == []
