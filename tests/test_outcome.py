"""Outcome reviews: when one is due, the calibration per band, the format, tracked conditions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pytest
from conftest import make_assessment

from partnerfit.assessment import Outcome, TrackedCondition
from partnerfit.errors import ValidationError
from partnerfit.outcome import add_months, calibration, outcome_json, reviews_due
from partnerfit.store import parse_assessment_text
from partnerfit.tracked_conditions import counts, new_condition_id, overdue, with_tracked


@dataclass
class Record:
    id: str
    status: str
    framework_id: str
    reviewed: dt.date | None
    date: dt.date | None


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 12) == dt.date(2026, 11, 15)
    assert add_months(dt.date(2025, 8, 1), 6) == dt.date(2026, 2, 1)


def test_a_review_is_due_for_finals_without_one_past_their_frameworks_period():
    today = dt.date(2026, 6, 1)
    records = [
        Record("old", "final", "global", None, dt.date(2025, 5, 1)),
        Record("recent", "final", "global", None, dt.date(2025, 7, 1)),
        Record("short-period", "final", "small", None, dt.date(2025, 11, 1)),
        Record("reviewed", "final", "global", dt.date(2026, 1, 1), dt.date(2024, 1, 1)),
        Record("draft", "draft", "global", None, dt.date(2020, 1, 1)),
        Record("unknown-framework", "final", "gone", None, dt.date(2025, 6, 1)),
    ]
    due = reviews_due(records, {"global": 12, "small": 6}, today)
    assert [(d.record.id, d.due) for d in due] == [
        ("old", dt.date(2026, 5, 1)),
        ("short-period", dt.date(2026, 5, 1)),
        ("unknown-framework", dt.date(2026, 6, 1)),  # the default period: 12 months
    ]


def reviewed(*rows):
    return pd.DataFrame(rows, columns=["id", "recommendation", "partner_again"])


def test_calibration_counts_each_band_by_would_we_partner_again():
    rows = reviewed(
        ("a", "aligned", "yes"),
        ("b", "aligned", "yes"),
        ("c", "aligned", "with-changes"),
        ("d", "conditional", "no"),
    )
    table = calibration(rows, order=["aligned", "conditional", "not-aligned"])
    assert table.to_dict("records") == [
        {"recommendation": "aligned", "yes": 2, "with-changes": 1, "no": 0, "total": 3, "hidden": False},
        {"recommendation": "conditional", "yes": 0, "with-changes": 0, "no": 1, "total": 1, "hidden": False},
    ]


def test_calibration_hides_a_small_band_with_a_review_the_viewer_may_not_read():
    rows = reviewed(
        *[(f"a{i}", "aligned", "yes") for i in range(5)],
        ("c1", "conditional", "no"),
        ("c2", "conditional", "yes"),
        ("n1", "not-aligned", "no"),
    )
    table = calibration(rows, {"a0", "c1", "n1"}, min_group=5).set_index("recommendation")
    assert table.loc["aligned", "total"] == 5 and not table.loc["aligned", "hidden"]  # large enough
    assert table.loc["conditional", "hidden"] and pd.isna(table.loc["conditional", "total"])
    assert table.loc["not-aligned", "total"] == 1 and not table.loc["not-aligned", "hidden"]  # all readable


def test_an_outcome_review_reads_yes_and_no_written_bare_in_yaml():
    text = (
        "outcome: {date: 2026-03-01, partner_again: no, conditions: [{condition: lic, held: yes}]}\n"
        "tracked_conditions: [{id: lic, text: Free licences, status: met}]\n"
    )
    from conftest import assessment_yaml

    assessment = parse_assessment_text(assessment_yaml() + text, None)
    assert outcome_json(assessment) == {
        "date": "2026-03-01",
        "conditions": [{"condition": "lic", "held": "yes", "note": None}],
        "went_well": None,
        "went_badly": None,
        "partner_again": "no",
        "by": None,
    }


def test_a_bad_outcome_review_is_refused_naming_the_field():
    from conftest import assessment_yaml

    with pytest.raises(ValidationError, match=r"outcome\.partner_again"):
        parse_assessment_text(assessment_yaml() + "outcome: {date: 2026-03-01, partner_again: maybe}\n", None)


def test_an_assessment_without_follow_up_writes_no_follow_up_fields():
    data = make_assessment().to_data()
    assert not {"team", "tracked_conditions", "outcome"} & set(data)


def test_tracked_conditions_get_unique_ids_and_overdue_lists_open_ones_due():
    first = TrackedCondition(id=new_condition_id("Licence fit", []), text="CC BY-SA", due=dt.date(2026, 1, 1))
    assert first.id == "licence-fit"
    assert new_condition_id("Licence fit", ["licence-fit"]) == "licence-fit-2"
    met = TrackedCondition(id="m", text="x", due=dt.date(2025, 1, 1), status="met")
    later = TrackedCondition(id="l", text="y", due=dt.date(2027, 1, 1))
    assessment = with_tracked(with_tracked(with_tracked(make_assessment(), first), met), later)
    assert overdue(assessment.tracked_conditions, dt.date(2026, 6, 1)) == [first]
    assert counts(assessment.tracked_conditions) == counts([first, later, met])
    edited = with_tracked(assessment, first.model_copy(update={"status": "met"}))
    assert [c.status for c in edited.tracked_conditions] == ["met", "met", "open"]


def test_an_outcome_may_only_name_tracked_conditions():
    from conftest import BASE_FRAMEWORK, framework_from_yaml

    from partnerfit.assessment import check_against_framework

    assessment = make_assessment().model_copy(
        update={
            "outcome": Outcome.model_validate(
                {
                    "date": "2026-01-01",
                    "partner_again": "yes",
                    "conditions": [{"condition": "ghost", "held": "no"}],
                }
            )
        }
    )
    problems = check_against_framework(assessment, framework_from_yaml(BASE_FRAMEWORK))
    assert [p.location for p in problems] == ["outcome.conditions[0].condition"]
