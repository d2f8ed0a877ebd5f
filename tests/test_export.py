"""Exports (issue 3, "CLI: export"): one row per assessment, dimension columns by id, safe cells."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import BASE_FRAMEWORK, load_catalog, make_assessment

from partnerfit.export import (
    EXPORT_COLUMNS,
    FOLLOW_UP_COLUMNS,
    FORMULA_PREFIXES,
    neutralise_formula,
    to_csv,
    to_json,
)
from partnerfit.partner_view import PARTNER_COLUMNS
from partnerfit.resolve import RESERVED_DIMENSION_IDS
from partnerfit.results import ASSESSMENT_COLUMNS, score_records
from partnerfit.scoring import score_assessment
from partnerfit.store import AssessmentRecord

OVERLAY = """\
schema: 1
id: local
version: "0.3.0"
extends: base
title: Local
dimensions:
  - id: community
    title: Community
    criteria: [{id: volunteers, question: Volunteers involved?}]
"""

HEADER = [
    "id",
    "partner",
    "affiliate",
    "region",
    "partnership_types",
    "status",
    "date",
    "framework_id",
    "framework_version",
    "overall",
]


@pytest.fixture
def catalog(tmp_path):
    return load_catalog(tmp_path / "frameworks", {"base.yaml": BASE_FRAMEWORK, "local.yaml": OVERLAY})


def record(name: str, **overrides: str) -> AssessmentRecord:
    return AssessmentRecord.from_assessment(
        Path(f"/data/{name}.yaml"), make_assessment(id=f"{name}-x", **overrides)
    )


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_is_the_documented_columns_then_dimensions_then_completeness(catalog):
    records = [record("a"), record("b", framework='{id: local, version: "0.3.0"}')]
    header = next(csv.reader(io.StringIO(to_csv(score_records(records, catalog, None)))))
    assert header == [
        *HEADER,
        "openness",
        "privacy",
        "community",
        "completeness",
        "recommendation",
        *PARTNER_COLUMNS,
        *FOLLOW_UP_COLUMNS,
    ]
    assert EXPORT_COLUMNS == HEADER


def test_csv_row_carries_the_scores(catalog):
    rec = record("a", answers="{licence-fit: {level: 3}, pd-respect: {level: 1}, retention: {level: 2}}")
    row = csv_rows(to_csv(score_records([rec], catalog, None)))[0]
    expected = score_assessment(catalog.get("base"), rec)
    assert (row["id"], row["partner"], row["affiliate"]) == ("a-x", "Example Museum", "Example Chapter")
    assert (row["region"], row["partnership_types"], row["status"]) == (
        "Northern and Western Europe",
        "content",
        "draft",
    )
    assert (row["framework_id"], row["framework_version"]) == ("base", "1.0.0")
    assert float(row["overall"]) == pytest.approx(expected.overall, abs=1e-4)
    assert float(row["openness"]) == pytest.approx(expected.dimensions["openness"], abs=1e-4)
    assert float(row["completeness"]) == pytest.approx(1.0)
    assert row["recommendation"] == expected.recommendation


def test_dimension_of_another_framework_and_null_scores_are_empty_cells(catalog):
    rec = record("a", answers="{licence-fit: {level: na}, retention: {level: na}}")
    row = csv_rows(to_csv(score_records([rec], catalog, None)))[0]
    assert (row["overall"], row["openness"], row["privacy"]) == ("", "", "")
    local = record("b", framework='{id: local, version: "0.3.0"}')
    rows = {r["id"]: r for r in csv_rows(to_csv(score_records([rec, local], catalog, None)))}
    assert rows["a-x"]["community"] == ""


@pytest.mark.parametrize(
    ("created", "updated", "expected"),
    [("2026-01-02", "2026-03-04", "2026-03-04"), ("2026-01-02", None, "2026-01-02"), (None, None, "")],
)
def test_date_is_updated_else_created(catalog, created, updated, expected):
    dates = {k: v for k, v in (("created", created), ("updated", updated)) if v}
    row = csv_rows(to_csv(score_records([record("a", **dates)], catalog, None)))[0]
    assert row["date"] == expected


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_formula_looking_cells_are_neutralised(catalog, prefix):
    text = f'{prefix}HYPERLINK("http://evil.example","x")'
    # (a tab or carriage return is refused in a name by validation; the export neutralises whatever it gets)
    rec = replace(record("a"), partner_name=text, affiliate=text)
    row = csv_rows(to_csv(score_records([rec], catalog, None)))[0]
    assert row["partner"] == "'" + text
    assert row["affiliate"] == "'" + text


# A carriage return or line feed inside a value, then a formula: pandas wrote a lone "\r" unquoted, so a
# spreadsheet split the row there and ran the second half.
BROKEN_LINES = ['Museum\r=HYPERLINK("http://evil.example")', "Archive\n+cmd|x", "Library\r\n@SUM(1)\r-2"]


def spreadsheet_lines(text: str) -> list[str]:
    """The lines a reader that ignores quotes would see: split at every carriage return and line feed."""
    return re.split(r"\r\n|\r|\n", text)


@pytest.mark.parametrize("value", BROKEN_LINES)
def test_a_line_break_inside_a_value_starts_no_formula(catalog, value):
    rec = replace(record("a"), partner_name=value, affiliate=value)
    text = to_csv(score_records([rec], catalog, None))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])  # quoted: still one row
    partner = rows[1][rows[0].index("partner")]
    assert partner.replace("'", "") == value  # only apostrophes added
    starts = [line[:1] for line in spreadsheet_lines(text)]
    assert not set(starts) & set("=+-@\t"), spreadsheet_lines(text)


def test_every_line_start_of_a_value_is_neutralised():
    assert neutralise_formula("a\r=b\n+c\r\n-d\n@e\n\tf\ng") == "a\r'=b\n'+c\r\n'-d\n'@e\n'\tf\ng"
    assert neutralise_formula("=a\r\rb") == "'=a\r'\rb"  # an empty line before "b": nothing to run
    assert neutralise_formula("plain\ntext") == "plain\ntext"


def test_the_compare_download_uses_the_same_csv_writer():
    from partnerfit.export import write_csv
    from partnerfit.ui import compare_source

    assert compare_source.to_csv is to_csv  # the folder's download
    assert compare_source.write_csv is write_csv  # the database's: the same neutralising writer


def test_all_six_formula_prefixes_are_covered():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}
    assert neutralise_formula("a = b") == "a = b"
    assert neutralise_formula(3.5) == 3.5


def test_plain_text_is_left_alone(catalog):
    rec = record("a", partner=json.dumps({"name": 'Museum = Art, "Lyon"'}))
    assert csv_rows(to_csv(score_records([rec], catalog, None)))[0]["partner"] == 'Museum = Art, "Lyon"'


def test_rows_are_in_date_order(catalog):
    records = [record("late", created="2026-05-01"), record("early", created="2024-05-01"), record("none")]
    assert [r["id"] for r in csv_rows(to_csv(score_records(records, catalog, None)))] == [
        "none-x",
        "early-x",
        "late-x",
    ]


def test_json_has_the_same_columns_and_real_nulls(catalog):
    rec = record("a", answers="{licence-fit: {level: na}, retention: {level: na}}")
    table = score_records([rec, record("b", created="2026-02-03")], catalog, None)
    rows = {r["id"]: r for r in json.loads(to_json(table))}
    header = next(csv.reader(io.StringIO(to_csv(table))))
    assert all(list(r) == header for r in rows.values())
    assert (rows["a-x"]["overall"], rows["a-x"]["openness"], rows["a-x"]["date"]) == (None, None, None)
    assert rows["b-x"]["date"] == "2026-02-03"
    assert isinstance(rows["b-x"]["overall"], float)
    assert rows["b-x"]["completeness"] == 1.0


def test_empty_export(catalog):
    table = score_records([], catalog, None)
    assert to_csv(table).splitlines() == [
        ",".join([*HEADER, "completeness", "recommendation", *PARTNER_COLUMNS, *FOLLOW_UP_COLUMNS])
    ]
    assert json.loads(to_json(table)) == []


def test_dimension_ids_cannot_shadow_an_export_column():
    assert {*ASSESSMENT_COLUMNS, *EXPORT_COLUMNS, "completeness", "recommendation"} <= RESERVED_DIMENSION_IDS


def test_a_dimension_named_like_a_column_is_refused(tmp_path):
    catalog = load_catalog(tmp_path, {"base.yaml": BASE_FRAMEWORK.replace("id: privacy", "id: status")})
    assert catalog.get("base") is None
    assert any(
        "dimensions[1].id" in line and "dimension id 'status' is reserved" in line
        for line in catalog.problem_lines()
    )


def test_several_partnership_types_are_one_cell_joined_by_semicolons(catalog):
    two = make_assessment(id="two-x").model_copy(update={"partnership_types": ["content", "research"]})
    row = csv_rows(
        to_csv(score_records([AssessmentRecord.from_assessment(Path("/d/two.yaml"), two)], catalog, None))
    )[0]
    assert row["partnership_types"] == "content; research"
