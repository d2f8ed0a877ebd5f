"""Exporting scored assessments as CSV or JSON, safe to open in a spreadsheet.

Two inputs, one output: a ``ScoreTable`` (the app's DataFrames, e.g. the Compare download) or the score arrays
of ``results.score_groups`` (the CLI, which so never imports pandas). Both become the same columns and rows, and
go through the same writers, so their files are identical.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from partnerfit.partner_view import PARTNER_COLUMNS, partner_columns

if TYPE_CHECKING:
    import pandas as pd

    from partnerfit.results import ScoredGroup, ScoreTable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The start of the value and of every line in it, when a formula character follows.
_FORMULA_LINE_START = re.compile(r"(^|\r\n|\r|\n)(?=[=+\-@\t\r])")
EXPORT_COLUMNS = [
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
FOLLOW_UP_COLUMNS = [
    "assessors",
    "outcome_date",
    "partner_again",
    "conditions_open",
    "conditions_met",
    "conditions_not_met",
]
"""After the recommendation: the team (names joined by "; "), the outcome review, tracked conditions."""


def neutralise_formula(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with an apostrophe, so it shows as text.

    Every line start inside the value is treated the same way: a spreadsheet that splits a cell at a line
    break (or a reader that ignores the quotes) must not find a live formula on the next line either.
    """
    if isinstance(value, str) and (value.startswith(FORMULA_PREFIXES) or "\n" in value or "\r" in value):
        return _FORMULA_LINE_START.sub(r"\1'", value)  # (the test above is only a shortcut: it runs per cell)
    return value


def export_frame(table: ScoreTable) -> pd.DataFrame:
    """One row per assessment: the export columns, one column per dimension id, completeness, recommendation."""
    import pandas as pd

    wide = table.wide()
    dimension_ids = (
        list(dict.fromkeys(table.dimensions["dimension_id"])) if not table.dimensions.empty else []
    )
    frame = wide.reindex(
        columns=[
            *EXPORT_COLUMNS,
            *dimension_ids,
            "completeness",
            "recommendation",
            *PARTNER_COLUMNS,
            *FOLLOW_UP_COLUMNS,
        ]
    )
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    frame["partnership_types"] = frame["partnership_types"].map(
        lambda types: "; ".join(types) if isinstance(types, tuple | list) else types
    )
    return frame.sort_values(["date", "id"], na_position="first").reset_index(drop=True)


def export_rows(scored: Sequence[ScoredGroup]) -> tuple[list[str], list[list[Any]]]:
    """``export_frame``'s columns and rows, straight from the score arrays (no pandas, no object per cell)."""
    dimension_ids = list(dict.fromkeys(d for group in scored for d in group.compiled.dimension_ids))
    columns = [
        *EXPORT_COLUMNS,
        *dimension_ids,
        "completeness",
        "recommendation",
        *PARTNER_COLUMNS,
        *FOLLOW_UP_COLUMNS,
    ]
    rows = []
    nan = math.nan
    for group in scored:
        framework, arrays = group.basis.framework, group.arrays
        place = {d: i for i, d in enumerate(group.compiled.dimension_ids)}
        picks = [place.get(d) for d in dimension_ids]
        overall, completeness = arrays.overall.tolist(), arrays.completeness.tolist()
        recommendation, dimensions = arrays.recommendation.astype(str).tolist(), arrays.dimensions.tolist()
        partner = partner_columns(framework, group.records)
        for i, record in enumerate(group.records):
            date = record.date.isoformat() if record.date else None
            scores = dimensions[i]
            rows.append(
                [
                    record.id,
                    record.partner_name,
                    record.affiliate,
                    record.region,
                    "; ".join(record.partnership_types),
                    record.status,
                    date,
                    framework.id,
                    framework.version,
                    overall[i],
                    *[nan if p is None else scores[p] for p in picks],
                    completeness[i],
                    recommendation[i],
                    *(partner[name][i] for name in PARTNER_COLUMNS),
                    "; ".join(record.team_assessors) or None,
                    record.reviewed.isoformat() if record.reviewed else None,
                    record.partner_again,
                    record.conditions_open,
                    record.conditions_met,
                    record.conditions_not_met,
                ]
            )
    rows.sort(key=lambda row: (row[6] is not None, row[6] or "", row[0]))  # undated first, like export_frame
    return columns, rows


def _frame_rows(frame: pd.DataFrame) -> tuple[list[str], Iterable[Sequence[Any]]]:
    """A frame's columns and rows, a missing value (NaN, NaT, NA) as None."""
    cells = frame.astype(object).where(frame.notna(), None)
    return list(frame.columns), cells.itertuples(index=False, name=None)


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def write_csv(columns: list[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with the csv module: numbers as ``%.6g``, text a spreadsheet would run as a formula neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, str):  # the common cases first: this runs once per cell
        return neutralise_formula(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    return "" if value is None else neutralise_formula(str(value))


def write_json(columns: list[str], rows: Iterable[Sequence[Any]]) -> str:
    records = [
        {k: (None if _is_missing(v) else v) for k, v in zip(columns, row, strict=True)} for row in rows
    ]
    return json.dumps(records, ensure_ascii=False, indent=1)


def to_csv(table: ScoreTable) -> str:
    """The export as CSV for the CLI and the Compare download alike: formula-like text neutralised, and every
    field with a quote, comma or line break (a lone carriage return too, which pandas leaves bare) quoted."""
    return write_csv(*_frame_rows(export_frame(table)))


def to_json(table: ScoreTable) -> str:
    frame = export_frame(table)
    return write_json(list(frame.columns), [list(r.values()) for r in frame.to_dict(orient="records")])
