"""Exporting scored assessments as CSV or JSON, safe to open in a spreadsheet."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from partnerfit.results import ScoreTable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
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


def neutralise_formula(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with an apostrophe, so it shows as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_frame(table: ScoreTable) -> pd.DataFrame:
    """One row per assessment: the export columns, one column per dimension id, completeness, recommendation."""
    wide = table.wide()
    dimension_ids = (
        list(dict.fromkeys(table.dimensions["dimension_id"])) if not table.dimensions.empty else []
    )
    frame = wide.reindex(columns=[*EXPORT_COLUMNS, *dimension_ids, "completeness", "recommendation"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    frame["partnership_types"] = frame["partnership_types"].map(
        lambda types: "; ".join(types) if isinstance(types, tuple | list) else types
    )
    return frame.sort_values(["date", "id"], na_position="first").reset_index(drop=True)


def to_csv(table: ScoreTable) -> str:
    frame = export_frame(table)
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(neutralise_formula)
    return frame.to_csv(index=False, float_format="%.6g")


def to_json(table: ScoreTable) -> str:
    frame = export_frame(table)
    rows = []
    for record in frame.to_dict(orient="records"):
        rows.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()})
    return json.dumps(rows, ensure_ascii=False, indent=1)
