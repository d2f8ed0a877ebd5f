"""Compare on the database: each assessment's score stored beside it, and the Compare answer in SQL.

``scores`` holds one narrow row per assessment: the result of one revision against one framework (overall,
completeness, recommendation, red lines hit, the dimension scores as an array) and a copy of the columns Compare
filters on and lists. Compare reads only this table (a few dozen bytes a row, where ``assessments`` carries the
whole document), so its filters, counts, means and spreads are GROUP BYs over it, and only the grid's rows are
fetched.

A score row is stale when the assessment has a newer revision, or when it was scored against the loaded
framework (a draft, or a final without its snapshot) and the loaded file has changed since. ``refresh_scores``
scores the stale ones with the same vectorised scoring as the folder; it runs before Compare reads, and costs one
look at the history's last position while neither the history nor the frameworks changed (``score_state``).
``partnerfit db rescore`` runs it by hand.
"""

# ruff: noqa: S608 - the SQL text here is assembled from fixed column names only; every value is a bound parameter
from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa

from partnerfit.aggregate import OVERALL, PERIODS
from partnerfit.compare import normalise_name
from partnerfit.compare_query import (
    COMPARED_STATUSES,
    MEANS_COLUMNS,
    ROW_COLUMNS,
    SUMMARY_COLUMNS,
    CompareAnswer,
    CompareFilters,
    CompareOptions,
)
from partnerfit.results import SNAPSHOT, score_records
from partnerfit.store.folder import AssessmentRecord
from partnerfit.store.sql_access import readable_condition

if TYPE_CHECKING:
    from partnerfit.access import Viewer
    from partnerfit.catalog import FrameworkCatalog
    from partnerfit.store.sql import SqlStore

SCORE_LOCK = 0x73636F72  # pg_advisory_xact_lock key: one refresh at a time
NOT_SCORED = "none"
SCORE_COLUMNS = {
    "assessment_id": "text",
    "revision": "int4",
    "basis": "text",
    "scored_digest": "text",
    "base_framework_id": "text",
    "overall": "float8",
    "completeness": "float8",
    "counted": "bool",
    "recommendation": "text",
    "red_lines": "text[]",
    "dimension_ids": "text[]",
    "dimensions": "float8[]",
    "problem": "text",
    "partner_name": "text",
    "partner_words": "text",
    "affiliate": "text",
    "region": "text",
    "partnership_types": "text[]",
    "size": "text",
    "status": "text",
    "framework_id": "text",
    "date": "date",
    "sharing": "text",
}

_STALE = """
SELECT a.file_name, a.record FROM assessments a LEFT JOIN scores s ON s.assessment_id = a.id
WHERE s.assessment_id IS NULL OR s.revision <> a.revision
   OR (s.basis <> 'snapshot' AND s.scored_digest IS DISTINCT FROM (CAST(:current AS jsonb) ->> a.framework_id))
"""


def refresh_scores(store: SqlStore, catalog: FrameworkCatalog, *, check_all: bool = False) -> int:
    """Score every assessment whose stored score is missing or stale; returns how many were (re)scored.
    Nothing is looked at while the history and the frameworks are as at the last refresh, unless ``check_all``
    (rows written around the history, e.g. by hand)."""
    current = {fid: framework.digest for fid, framework in catalog.frameworks.items()}
    frameworks = json.dumps(current, sort_keys=True)
    with store._begin() as connection:
        last_seq = connection.execute(sa.text("SELECT coalesce(max(seq), 0) FROM history")).scalar()
        seen = connection.execute(
            sa.text("SELECT last_seq, frameworks FROM score_state WHERE id = 1")
        ).first()
        if not check_all and seen is not None and tuple(seen) == (last_seq, frameworks):
            return 0
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(SCORE_LOCK)))
        rows = connection.execute(sa.text(_STALE), {"current": json.dumps(current)}).all()
        if rows:
            records = [AssessmentRecord.from_json(Path(name), record) for name, record in rows]
            table = score_records(records, catalog, store)
            _write(connection, _rows_of(records, table, current))
            if len(rows) > 1000:  # the planner's statistics, before the first comparison reads them
                connection.execute(sa.text("ANALYZE scores"))
        connection.execute(
            sa.text(
                "INSERT INTO score_state VALUES (1, :seq, :frameworks) ON CONFLICT (id) DO UPDATE "
                "SET last_seq = EXCLUDED.last_seq, frameworks = EXCLUDED.frameworks"
            ),
            {"seq": last_seq, "frameworks": frameworks},
        )
    return len(rows)


def _rows_of(records: list[AssessmentRecord], table: Any, current: dict[str, str]) -> list[tuple]:
    """One ``scores`` row (``SCORE_COLUMNS``) per record: scored, or not scorable with the reason."""
    by_id = {r.id: r for r in records}
    by_path = {str(r.path): r for r in records}
    dims = table.dimensions
    per_assessment: dict[str, tuple[list[str], list[float | None]]] = {}
    for assessment_id, dimension_id, score in zip(
        dims["assessment_id"], dims["dimension_id"], dims["score"], strict=True
    ):
        ids, values = per_assessment.setdefault(assessment_id, ([], []))
        ids.append(dimension_id)
        values.append(_number(score))
    rows = []
    columns = ["id", "basis", "base_framework_id", "overall", "completeness", "counted", "recommendation"]
    for row in table.assessments[[*columns, "red_lines"]].itertuples(index=False):
        record = by_id[row.id]
        digest = record.framework_digest if row.basis == SNAPSHOT else current.get(record.framework_id)
        ids, values = per_assessment.get(row.id, ([], []))
        score = (
            row.basis,
            digest,
            row.base_framework_id,
            _number(row.overall),
            _number(row.completeness),
            bool(row.counted),
            row.recommendation,
            row.red_lines.split() if row.red_lines else [],
            ids,
            values,
            None,
        )
        rows.append(_row(record, score))
    for path, message in table.problems:
        record = by_path.get(path)
        if record is not None:
            digest = current.get(record.framework_id)
            score = (NOT_SCORED, digest, None, None, None, False, None, [], [], [], message)
            rows.append(_row(record, score))
    return rows


def _row(record: AssessmentRecord, score: tuple) -> tuple:
    return (
        record.id,
        record.revision,
        *score,
        record.partner_name,
        normalise_name(record.partner_name),
        record.affiliate,
        record.region,
        list(record.partnership_types),
        record.size,
        record.status,
        record.framework_id,
        record.date,
        record.sharing,
    )


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _write(connection: sa.Connection, rows: list[tuple]) -> None:
    """Replace the score rows of these assessments, by COPY through a temporary table; an assessment deleted
    meanwhile is left out."""
    raw = connection.connection.driver_connection
    names = ", ".join(SCORE_COLUMNS)
    with raw.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE new_scores (LIKE scores) ON COMMIT DROP")
        with cursor.copy(f"COPY new_scores ({names}) FROM STDIN") as copy:
            copy.set_types(list(SCORE_COLUMNS.values()))
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "DELETE FROM scores WHERE assessment_id IN (SELECT assessment_id FROM new_scores);"
            f"INSERT INTO scores ({names}) SELECT {', '.join('n.' + c for c in SCORE_COLUMNS)} "
            "FROM new_scores n JOIN assessments a ON a.id = n.assessment_id"
        )


# -- the Compare answer -----------------------------------------------------------------------------------------
def _where(filters: CompareFilters, viewer: Viewer | None = None) -> tuple[str, dict[str, Any]]:
    """The SQL condition (on ``scores``) and its parameters for ``filters``, of what ``viewer`` may read."""
    readable, params = readable_condition(viewer)
    clauses = ["base_framework_id = :base", "status = ANY(:statuses)", readable]
    params |= {"base": filters.base_framework, "statuses": list(filters.compared_statuses)}
    for column, chosen in (
        ("region", filters.regions),
        ("affiliate", filters.affiliates),
        ("size", filters.sizes),
        ("framework_id", filters.frameworks),
    ):
        if chosen:
            clauses.append(f"{column} = ANY(:{column})")
            params[column] = list(chosen)
    if filters.partnership_types:
        clauses.append("partnership_types && CAST(:types AS text[])")
        params["types"] = list(filters.partnership_types)
    if filters.date_from is not None:
        clauses.append("date >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to is not None:
        clauses.append("date <= :date_to")
        params["date_to"] = filters.date_to
    for number, word in enumerate(filters.partner_words):
        clauses.append(f"strpos(partner_words, :word{number}) > 0")
        params[f"word{number}"] = word
    return " AND ".join(clauses), params


_BANDS = """
SELECT coalesce(recommendation, ''), count(*), count(*) FILTER (WHERE counted),
       sum(overall) FILTER (WHERE counted), count(overall) FILTER (WHERE counted)
FROM scores WHERE {where} GROUP BY 1
"""
_AFFILIATES = "SELECT count(*) FROM (SELECT affiliate FROM scores WHERE {where} GROUP BY affiliate) AS a"
_RED_LINES = "SELECT hit, count(*) FROM scores, unnest(red_lines) AS hit WHERE {where} GROUP BY hit"
_QUARTILES = "percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY {value})"
_DIMENSIONS = """
SELECT u.dimension_id, region, min(u.position), u.score, count(*)
FROM scores, unnest(dimension_ids, dimensions) WITH ORDINALITY AS u(dimension_id, score, position)
WHERE {where} AND counted GROUP BY u.dimension_id, region, u.score
"""
_OVERALL_SUMMARY = f"""
SELECT count(overall), min(overall), {_QUARTILES.format(value="overall")}, max(overall), avg(overall)
FROM scores WHERE {{where}} AND counted AND overall IS NOT NULL
"""
_ROWS = """
SELECT assessment_id, partner_name, affiliate, region, partnership_types, size, date, framework_id, status,
       overall, recommendation, completeness, counted
FROM scores WHERE {where} ORDER BY date DESC NULLS LAST, assessment_id LIMIT :limit
"""


def compare(
    store: SqlStore, filters: CompareFilters, *, limit: int, viewer: Viewer | None = None
) -> CompareAnswer:
    """Compare's answer in SQL over what ``viewer`` may read (None: everything). The heaviest query (the
    dimension scores) runs on a second connection meanwhile, so both cores work on it."""
    where, params = _where(filters, viewer)

    def run(connection: sa.Connection, sql: str, **extra: Any) -> list[tuple]:
        return [
            tuple(row) for row in connection.execute(sa.text(sql.format(where=where)), {**params, **extra})
        ]

    def dimensions() -> list[tuple]:
        with store._begin() as connection:
            return run(connection, _DIMENSIONS)

    with ThreadPoolExecutor(max_workers=1) as pool:
        histogram = pool.submit(dimensions)
        with store._begin() as connection:
            bands = run(connection, _BANDS)
            [(affiliates,)] = run(connection, _AFFILIATES)
            red_lines = dict(run(connection, _RED_LINES))
            summary = [(OVERALL, *row) for row in run(connection, _OVERALL_SUMMARY) if row[0]]
            rows = run(connection, _ROWS, limit=limit)
        # how often each score occurs per (dimension, region): dimension scores take few distinct values, so
        # means and exact quartiles follow from these counts without sorting a million values
        cells, spreads = _from_histogram(histogram.result())
    total = sum(row[1] for row in bands)
    counted = sum(row[2] for row in bands)
    overall_sum, overall_n = sum(row[3] or 0.0 for row in bands), sum(row[4] for row in bands)
    shared = _shared(cells, counted)
    summary += [spreads[d] for d in shared if d in spreads]
    means = pd.DataFrame(
        [(region, dim, value, n) for dim, region, _, _, n, value in cells if dim in shared and n],
        columns=MEANS_COLUMNS,
    ).sort_values(["region", "dimension_id"], ignore_index=True)
    return CompareAnswer(
        total=total,
        counted=counted,
        affiliates=affiliates,
        mean_overall=overall_sum / overall_n if overall_n else None,
        bands={row[0]: int(row[1]) for row in bands},
        red_lines={k: int(v) for k, v in red_lines.items()},
        dimensions=shared,
        region_means=means,
        summary=pd.DataFrame(
            [(dim, n, low, *quartiles, high, avg) for dim, n, low, quartiles, high, avg in summary],
            columns=SUMMARY_COLUMNS,
        ),
        rows=_row_frame(rows),
    )


def _from_histogram(histogram: list[tuple]) -> tuple[list[tuple], dict[str, tuple]]:
    """From (dimension_id, region, position, score, occurrences): cells (dimension_id, region, position, rows,
    scores, mean) and per dimension its spread (dimension_id, count, min, [q1, median, q3], max, mean)."""
    cells: dict[tuple[str, str], list] = {}
    values: dict[str, dict[float, int]] = {}
    for dimension_id, region, position, score, occurrences in histogram:
        cell = cells.setdefault((dimension_id, region), [dimension_id, region, position, 0, 0, 0.0])
        cell[2] = min(cell[2], position)
        cell[3] += occurrences
        if score is not None:
            cell[4] += occurrences
            cell[5] += score * occurrences
            counts = values.setdefault(dimension_id, {})
            counts[score] = counts.get(score, 0) + occurrences
    result = [
        (dim, region, position, n_rows, n, total / n if n else None)
        for dim, region, position, n_rows, n, total in cells.values()
    ]
    spreads = {}
    for dimension_id, counts in values.items():
        ordered = sorted(counts.items())
        n = sum(counts.values())
        mean = sum(score * c for score, c in ordered) / n
        quartiles = [_quantile(ordered, n, q) for q in (0.25, 0.5, 0.75)]
        spreads[dimension_id] = (dimension_id, n, ordered[0][0], quartiles, ordered[-1][0], mean)
    return result, spreads


def _quantile(ordered: list[tuple[float, int]], n: int, q: float) -> float:
    """The q-quantile with linear interpolation (as pandas and percentile_cont) of values given with counts."""
    position = (n - 1) * q
    below = math.floor(position)
    low, high = _nth(ordered, below), _nth(ordered, min(below + 1, n - 1))
    return low + (position - below) * (high - low)


def _nth(ordered: list[tuple[float, int]], index: int) -> float:
    seen = 0
    for value, count in ordered:
        seen += count
        if index < seen:
            return value
    return ordered[-1][0]


def _shared(cells: list[tuple], counted: int) -> list[str]:
    """The dimensions every counted assessment has (scored or not), in framework order."""
    rows: dict[str, int] = {}
    position: dict[str, int] = {}
    for dimension_id, _, first, n_rows, _, _ in cells:
        rows[dimension_id] = rows.get(dimension_id, 0) + n_rows
        position[dimension_id] = min(position.get(dimension_id, first), first)
    return sorted((d for d, n in rows.items() if counted and n == counted), key=lambda d: (position[d], d))


def _row_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame["partnership_types"] = frame["partnership_types"].map(tuple)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["overall"] = frame["overall"].astype(float)
    return frame


def trend(
    store: SqlStore,
    filters: CompareFilters,
    *,
    period: str,
    by_region: bool,
    viewer: Viewer | None = None,
) -> pd.DataFrame:
    """Mean overall score and count per period (and region) of the counted matching assessments ``viewer`` may
    read."""
    where, params = _where(filters, viewer)
    keys = "period" + (", region" if by_region else "")
    sql = (
        f"SELECT date_trunc('{_TRUNC[period]}', CAST(date AS timestamp)) AS period"
        f"{', region' if by_region else ''}, avg(overall), count(overall) FROM scores "
        f"WHERE {where} AND counted AND overall IS NOT NULL AND date IS NOT NULL GROUP BY {keys} ORDER BY {keys}"
    )
    with store._begin() as connection:
        rows = connection.execute(sa.text(sql), params).all()
    columns = ["period", *(["region"] if by_region else []), "mean", "count"]
    frame = pd.DataFrame([tuple(row) for row in rows], columns=columns)
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


_TRUNC = {name: name for name in PERIODS}


def options(store: SqlStore, base: str | None, viewer: Viewer | None = None) -> CompareOptions:
    readable, compared = readable_condition(viewer)
    compared["statuses"] = list(COMPARED_STATUSES)
    with store._begin() as connection:
        counts = connection.execute(
            sa.text(
                "SELECT base_framework_id, count(*) FROM scores WHERE status = ANY(:statuses) "
                f"AND base_framework_id IS NOT NULL AND {readable} GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            compared,
        ).all()
        bases = {k: int(v) for k, v in counts}
        if base is None or base not in bases:
            return CompareOptions(bases)
        params = {**compared, "base": base}
        where = f"base_framework_id = :base AND status = ANY(:statuses) AND {readable}"
        affiliates, frameworks, first, last = connection.execute(
            sa.text(
                f"SELECT array_agg(DISTINCT affiliate ORDER BY affiliate), "
                f"array_agg(DISTINCT framework_id ORDER BY framework_id), min(date), max(date) "
                f"FROM scores WHERE {where}"
            ),
            params,
        ).one()
    return CompareOptions(bases, tuple(affiliates or ()), tuple(frameworks or ()), first, last)
