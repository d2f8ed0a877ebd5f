"""Exporting scored assessments as CSV or JSON, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from typing import Any

import pandas as pd

from partnerfit.results import ScoreTable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The start of the value and of every line in it, when a formula character follows.
_FORMULA_LINE_START = re.compile(r"(^|\r\n|\r|\n)(?=[=+\-@\t\r])")
EXPORT_COLUMNS = [
    "id",
    "partner",
    "affiliate",
    "region",
    "partnership_type",
    "status",
    "date",
    "framework_id",
    "framework_version",
    "overall",
]


def neutralise_formula(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with an apostrophe, so it shows as text.

    Every line start inside the value is treated the same way: a spreadsheet that splits a cell at a line
    break (or a reader that ignores the quotes) must not find a live formula on the next line either.
    """
    if isinstance(value, str):
        return _FORMULA_LINE_START.sub(r"\1'", value)
    return value


def export_frame(table: ScoreTable) -> pd.DataFrame:
    """One row per assessment: the export columns, one column per dimension id, completeness, recommendation."""
    wide = table.wide()
    dimension_ids = (
        list(dict.fromkeys(table.dimensions["dimension_id"])) if not table.dimensions.empty else []
    )
    frame = wide.reindex(columns=[*EXPORT_COLUMNS, *dimension_ids, "completeness", "recommendation"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    return frame.sort_values(["date", "id"], na_position="first").reset_index(drop=True)


def to_csv(table: ScoreTable) -> str:
    """The export as CSV for the CLI and the Compare download alike: formula-like text neutralised, and every
    field with a quote, comma or line break (a lone carriage return too, which pandas leaves bare) quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    frame = export_frame(table)
    writer.writerow(frame.columns)
    writer.writerows([_csv_cell(value) for value in row] for row in frame.itertuples(index=False))
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return neutralise_formula(str(value))


def to_json(table: ScoreTable) -> str:
    frame = export_frame(table)
    rows = []
    for record in frame.to_dict(orient="records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()})
    return json.dumps(rows, ensure_ascii=False, indent=1)
